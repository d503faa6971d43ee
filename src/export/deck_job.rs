//! A deck export on a thread of its own, so the window stays live: the steps of
//! [`export_deck_telling`] come back over a channel ("slide 12 of 40"), and Cancel — or dropping
//! the job, as closing the window does — stops it at the next step, with its staging folder
//! removed and nothing written.
//!
//! Not responsible for what an export writes or how it cleans up (that is
//! [`super::deck_export`], the same code `export-deck` runs), nor for showing progress (the
//! Slides panels) or the app's notices (`app/`).

use std::{
    path::{Path, PathBuf},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
        mpsc,
    },
    thread::JoinHandle,
    time::Duration,
};

use super::{
    ExportError,
    deck_export::{DeckProgress, export_deck_telling},
};
use crate::{data::Atlas, deck::Deck, geometry::MapGeometry, scene::events::LoadedEvents};

/// What an export works on: copies of the app's, which may change while it runs.
#[derive(Debug)]
pub struct DeckExportInput {
    /// The data the slides show.
    pub atlas: Atlas,
    /// Its projected geometry.
    pub geometry: MapGeometry,
    /// The slides, as they were when the export started.
    pub deck: Deck,
    /// The event files shown, if any.
    pub events: Option<LoadedEvents>,
    /// The folder written into (made if missing).
    pub folder: PathBuf,
    /// Replace files of the same names (the user confirmed).
    pub overwrite: bool,
}

/// How a deck export ended: the files written, or why none were.
pub type DeckExportOutcome = Result<Vec<PathBuf>, ExportError>;

/// News from the worker.
enum News {
    Step(DeckProgress),
    Done(DeckExportOutcome),
}

/// Holds an export before each of its steps until a step is allowed: tests use it to look at an
/// export slide by slide, whatever the machine's speed. Cancelling still stops a held export.
#[derive(Debug)]
pub struct StepGate(mpsc::Receiver<()>);

/// A gate and its key: each `()` sent lets one step through; dropping the sender opens the gate.
pub fn step_gate() -> (mpsc::Sender<()>, StepGate) {
    let (sender, receiver) = mpsc::channel();
    (sender, StepGate(receiver))
}

impl StepGate {
    /// Waits until a step is allowed, the gate is opened, or `cancel` is set.
    fn wait(&self, cancel: &AtomicBool) {
        // The timeout only lets Cancel be seen while waiting; it decides nothing.
        const LOOK_AT_CANCEL: Duration = Duration::from_millis(20);
        while !cancel.load(Ordering::SeqCst) {
            match self.0.recv_timeout(LOOK_AT_CANCEL) {
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
        }
    }
}

/// A deck export running on its own thread.
#[derive(Debug)]
pub struct DeckExportJob {
    folder: PathBuf,
    slides: usize,
    step: Option<DeckProgress>,
    cancel: Arc<AtomicBool>,
    receiver: mpsc::Receiver<News>,
    worker: Option<JoinHandle<()>>,
}

impl DeckExportJob {
    /// Starts exporting `input` on a new thread; `wake` is called after each piece of news
    /// (the app asks for a frame, to show it). `gate`: hold each step until allowed (tests).
    pub fn start(
        input: DeckExportInput,
        gate: Option<StepGate>,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Self, ExportError> {
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        let folder = input.folder.clone();
        let slides = input.deck.slides.len();
        let worker = std::thread::Builder::new()
            .name("deck-export".to_owned())
            .spawn(move || {
                let DeckExportInput {
                    atlas,
                    geometry,
                    deck,
                    events,
                    folder,
                    overwrite,
                } = input;
                let outcome = export_deck_telling(
                    &atlas,
                    &geometry,
                    &deck,
                    events.as_ref(),
                    &folder,
                    overwrite,
                    &mut |step| {
                        if worker_cancel.load(Ordering::SeqCst) {
                            return false;
                        }
                        let _ = sender.send(News::Step(step));
                        wake();
                        if let Some(gate) = &gate {
                            gate.wait(&worker_cancel);
                        }
                        !worker_cancel.load(Ordering::SeqCst)
                    },
                );
                // The app may have stopped listening (it closed): nothing to do then.
                let _ = sender.send(News::Done(outcome));
                wake();
            })
            .map_err(|e| ExportError::Render(format!("the export could not be started: {e}")))?;
        Ok(Self {
            folder,
            slides,
            step: None,
            cancel,
            receiver,
            worker: Some(worker),
        })
    }

    /// The folder written into.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The step under way, once the first has begun.
    pub fn step(&self) -> Option<DeckProgress> {
        self.step
    }

    /// How far the export has come, 0–1: a share for each slide, the PDF and the PowerPoint deck.
    pub fn fraction(&self) -> f32 {
        let done = match self.step {
            None => 0,
            Some(DeckProgress::Slide { number, .. }) => number.saturating_sub(1),
            Some(DeckProgress::Pdf) => self.slides,
            Some(DeckProgress::Pptx) => self.slides + 1,
        };
        done as f32 / (self.slides + 2) as f32
    }

    /// Asks the export to stop at its next step (it then removes its staging folder).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Whether Cancel was asked for.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// Takes the news so far without waiting; the outcome once the export has ended.
    pub fn poll(&mut self) -> Option<DeckExportOutcome> {
        loop {
            match self.receiver.try_recv() {
                Ok(news) => {
                    if let Some(outcome) = self.take(news) {
                        return Some(outcome);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => return Some(self.lost()),
            }
        }
    }

    /// Waits up to `bound` for the next piece of news, then takes any more there is; the
    /// outcome once the export has ended. (Tests step an export with this; the window polls.)
    pub fn wait_for_news(&mut self, bound: Duration) -> Option<DeckExportOutcome> {
        match self.receiver.recv_timeout(bound) {
            Ok(news) => self.take(news).or_else(|| self.poll()),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(self.lost()),
        }
    }

    fn take(&mut self, news: News) -> Option<DeckExportOutcome> {
        match news {
            News::Step(step) => {
                self.step = Some(step);
                None
            }
            News::Done(outcome) => {
                self.join();
                Some(outcome)
            }
        }
    }

    /// The outcome when the worker ended without one (it panicked: a bug).
    fn lost(&mut self) -> DeckExportOutcome {
        self.join();
        Err(ExportError::Render(
            "the export stopped unexpectedly".to_owned(),
        ))
    }

    fn join(&mut self) {
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            log::error!("the deck export thread panicked");
        }
    }
}

impl Drop for DeckExportJob {
    /// Stops an export still running and waits for it to remove its staging folder.
    fn drop(&mut self) {
        self.cancel();
        self.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(folder: &Path, slides: usize) -> DeckExportInput {
        let atlas = crate::data::load_embedded();
        let geometry = MapGeometry::build(&atlas);
        DeckExportInput {
            atlas,
            geometry,
            deck: Deck {
                slides: vec![crate::deck::Slide::default(); slides],
                ..Deck::default()
            },
            events: None,
            folder: folder.to_path_buf(),
            overwrite: false,
        }
    }

    fn entries(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .map(|list| {
                list.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Bound on waiting for news: a guard against hanging, not a measure.
    const BOUND: Duration = Duration::from_secs(120);

    #[test]
    fn a_held_export_reports_each_step_and_dropping_it_leaves_nothing() {
        let folder =
            std::env::temp_dir().join(format!("atlas-deck-job-drop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        let (key, gate) = step_gate();
        let mut job = DeckExportJob::start(input(&folder, 3), Some(gate), || {}).expect("starts");
        assert!(job.wait_for_news(BOUND).is_none(), "the first step");
        assert_eq!(job.step(), Some(DeckProgress::Slide { number: 1, of: 3 }));
        assert_eq!(job.fraction(), 0.0);
        key.send(()).expect("held");
        assert!(job.wait_for_news(BOUND).is_none());
        assert_eq!(job.step(), Some(DeckProgress::Slide { number: 2, of: 3 }));
        assert_eq!(entries(&folder).len(), 1, "only the staging folder so far");
        drop(job);
        assert!(entries(&folder).is_empty(), "{:?}", entries(&folder));
        drop(key);
        let _ = std::fs::remove_dir_all(&folder);
    }
}
