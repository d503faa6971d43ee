//! One thread beside the UI thread for the map's slow work (painting tiles, cutting patterns,
//! stroking lines at a new zoom), so that no frame waits for it: a frame hands the work over,
//! keeps showing what it has, and takes the result in a later frame (the work asks egui for a
//! repaint when it is done).
//!
//! Jobs run one at a time in the order given. A job whose result is no longer wanted (the
//! zoom or the content moved on) should check that first and return at once.
//!
//! The thread is used once the window asks for it ([`use_a_background_thread`]); until then —
//! in UI tests, where many harnesses share one process and frames are stepped as fast as the
//! machine allows — jobs run on the calling thread, so a test's frames settle after a bounded
//! number of steps whatever the machine's load.

use std::sync::{
    Mutex, OnceLock,
    atomic::{AtomicBool, Ordering},
    mpsc,
};

static OFF_THE_UI_THREAD: AtomicBool = AtomicBool::new(false);

/// From now on, the map's slow work runs on its background thread (the app's window and the
/// frame benchmarks ask for it).
pub fn use_a_background_thread() {
    OFF_THE_UI_THREAD.store(true, Ordering::Relaxed);
}

type Job = Box<dyn FnOnce() + Send>;

/// The map's background thread, started on first use; `None` if it could not be started.
fn sender() -> Option<&'static Mutex<mpsc::Sender<Job>>> {
    static SENDER: OnceLock<Option<Mutex<mpsc::Sender<Job>>>> = OnceLock::new();
    SENDER
        .get_or_init(|| {
            let (sender, receiver) = mpsc::channel::<Job>();
            std::thread::Builder::new()
                .name("map-background".to_owned())
                .spawn(move || {
                    while let Ok(job) = receiver.recv() {
                        job();
                    }
                })
                .ok()
                .map(|_| Mutex::new(sender))
        })
        .as_ref()
}

/// Runs `job` on the background thread; on the calling thread, now, if there is none.
pub fn run(job: impl FnOnce() + Send + 'static) {
    let job: Job = Box::new(job);
    if !OFF_THE_UI_THREAD.load(Ordering::Relaxed) {
        job();
        return;
    }
    let job = match sender() {
        Some(sender) => match sender.lock() {
            Ok(sender) => match sender.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            Err(_) => job,
        },
        None => job,
    };
    job();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_in_order_off_the_calling_thread() {
        use_a_background_thread();
        let (results, received) = mpsc::channel();
        let caller = std::thread::current().id();
        for i in 0..5 {
            let results = results.clone();
            run(move || {
                let _ = results.send((i, std::thread::current().id()));
            });
        }
        let done: Vec<_> = (0..5).filter_map(|_| received.recv().ok()).collect();
        assert_eq!(
            done.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4]
        );
        assert!(done.iter().all(|(_, thread)| *thread != caller));
    }
}
