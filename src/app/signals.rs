//! SIGTERM, SIGHUP and SIGINT (the system shutting down, the session or the terminal closing,
//! Ctrl+C in the terminal that started the app): slides saved nowhere — the ones Ctrl+Q would
//! ask about — are written to a recovery file before the app exits, and the window then closes
//! as if the user had closed it.
//!
//! The slides are kept, as JSON, where the signal's thread can reach them without the window:
//! a window that is busy, hidden or hung still has its slides written.

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering},
    },
};

use super::AtlasApp;
use crate::{
    deck::Deck,
    files::{WriteError, write_atomic},
};

pub use crate::deck_recovery::{RECOVERY_PREFIX, recovery_folders};

/// How long the window has to close after the slides are written before the process ends.
#[cfg(unix)]
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// Set once a signal asked the app to end: the window then closes without asking.
static TERMINATING: AtomicBool = AtomicBool::new(false);

/// Whether a signal asked the app to end (the window closes without the quit prompt).
pub fn terminating() -> bool {
    TERMINATING.load(Ordering::SeqCst)
}

/// The slides saved nowhere and where they may be recovered to, shared with the thread that
/// waits for signals. Empty while every slide is saved somewhere.
#[derive(Clone, Debug, Default)]
pub struct UnsavedSlides(Arc<Mutex<Option<Unsaved>>>);

#[derive(Debug)]
struct Unsaved {
    json: String,
    folders: Vec<PathBuf>,
}

impl UnsavedSlides {
    /// Keeps `deck` (with the folders to try, in order) as the slides to recover, or forgets
    /// them (`None`: everything is saved).
    pub fn keep(&self, deck: Option<(&Deck, Vec<PathBuf>)>) {
        let unsaved = deck.map(|(deck, folders)| Unsaved {
            json: deck.to_json(),
            folders,
        });
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = unsaved;
    }

    /// Writes the slides kept, if any, to a new recovery file in the first folder that takes
    /// it: `None` when there was nothing to write, else the file or why none could be written.
    pub fn recover(&self) -> Option<Result<PathBuf, String>> {
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let unsaved = kept.as_ref()?;
        Some(write_recovery(&unsaved.json, &unsaved.folders))
    }
}

/// Writes `json` to the first free `resistance-atlas-recovered-slides-N.json` in the first of
/// `folders` that can be written; returns the file, or why every folder failed.
pub fn write_recovery(json: &str, folders: &[PathBuf]) -> Result<PathBuf, String> {
    let mut failures = Vec::new();
    'folders: for folder in folders {
        for n in 1..=1000 {
            let path = folder.join(format!("{RECOVERY_PREFIX}{n}.json"));
            match write_atomic(&path, json.as_bytes(), false) {
                Ok(()) => return Ok(path),
                Err(WriteError::Exists(_)) => {}
                Err(error) => {
                    failures.push(error.to_string());
                    continue 'folders;
                }
            }
        }
        failures.push(format!("{} is full of recovery files", folder.display()));
    }
    Err(failures.join("; "))
}

impl AtlasApp {
    /// On SIGTERM, SIGHUP or SIGINT, writes the slides saved nowhere to a recovery file (named on
    /// standard error and in the log) and closes the window; the process ends if the window
    /// has not closed a few seconds later.
    #[cfg(unix)]
    pub fn save_slides_on_signals(&self, ctx: &egui::Context) -> std::io::Result<()> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let unsaved = self.unsaved_slides.clone();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("signals".to_owned())
            .spawn(move || {
                let Some(signal) = signals.forever().next() else {
                    return;
                };
                let name = match signal {
                    SIGHUP => "SIGHUP",
                    SIGINT => "SIGINT",
                    _ => "SIGTERM",
                };
                match unsaved.recover() {
                    None => log::info!("{name}: closing (every slide is saved)"),
                    Some(Ok(path)) => {
                        log::warn!("{name}: slides saved nowhere written to {}", path.display());
                        eprintln!(
                            "resistance-atlas: {name}: the slides that were saved nowhere are in {}",
                            path.display()
                        );
                    }
                    Some(Err(why)) => {
                        log::error!("{name}: slides saved nowhere could not be written: {why}");
                        eprintln!(
                            "resistance-atlas: {name}: the slides that were saved nowhere could not be written: {why}"
                        );
                    }
                }
                TERMINATING.store(true, Ordering::SeqCst);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                ctx.request_repaint();
                std::thread::sleep(CLOSE_GRACE);
                log::warn!("{name}: the window did not close; ending the process");
                std::process::exit(128 + signal);
            })?;
        Ok(())
    }

    /// Signals are not listened for on this system.
    #[cfg(not(unix))]
    pub fn save_slides_on_signals(&self, _ctx: &egui::Context) -> std::io::Result<()> {
        Ok(())
    }

    /// Shares the slides saved nowhere (if any) with the signal handler; called after every
    /// change to the deck or to where it is saved.
    pub(super) fn share_unsaved_slides(&self) {
        let autosave = self.autosave.as_ref().ok().map(PathBuf::as_path);
        self.unsaved_slides.keep(
            self.has_unsaved_slides()
                .then(|| (&self.deck, recovery_folders(autosave))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_goes_to_the_first_folder_that_takes_it_and_never_replaces() {
        let dir = std::env::temp_dir().join(format!("atlas-recovery-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let blocked = dir.join("not-a-folder");
        std::fs::write(&blocked, "x").expect("blocker");
        let folders = [blocked.join("sub"), dir.clone()];
        let first = write_recovery("{}", &folders).expect("written");
        assert_eq!(first, dir.join(format!("{RECOVERY_PREFIX}1.json")));
        let second = write_recovery("[]", &folders).expect("written");
        assert_eq!(second, dir.join(format!("{RECOVERY_PREFIX}2.json")));
        assert_eq!(std::fs::read_to_string(&first).expect("read"), "{}");
        let err = write_recovery("{}", &folders[..1]).expect_err("nowhere");
        assert!(err.contains("not-a-folder"), "{err}");

        let slides = UnsavedSlides::default();
        assert!(slides.recover().is_none(), "nothing to write");
        slides.keep(Some((&Deck::default(), vec![dir.clone()])));
        let third = slides.recover().expect("kept").expect("written");
        assert!(Deck::load(&third).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
