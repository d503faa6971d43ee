//! The event data the app shows and what it is doing with it: the files' events, a load running
//! on the worker thread, the actor alias table, the open event card. Panels read it; only
//! [`crate::AtlasApp`] changes it (see `app/events.rs`, which also runs the worker).

use std::{
    path::{Path, PathBuf},
    sync::{Arc, atomic::AtomicBool, mpsc},
    time::Instant,
};

use crate::{
    data::{
        events::{ALIASES_FILE_NAME, ActorAliases, ActorMatcher, EventDetails},
        watch::FileWatcher,
    },
    scene::events::LoadedEvents,
};

/// An event's card: which event, and its text read again from the file.
#[derive(Clone, Debug)]
pub struct EventCard {
    /// The event's index over all open files.
    pub event: u32,
    /// Its point on the map (an index into the layer's points), ringed while the card is open.
    pub point: Option<usize>,
    /// Its text columns, or why they could not be read.
    pub details: Result<EventDetails, String>,
}

/// A load running on the worker thread.
pub struct Loading {
    /// The files being read.
    pub files: Vec<PathBuf>,
    /// Which of them is being read now.
    pub current: usize,
    /// How far through the current file (0–1).
    pub fraction: f32,
    /// The files open before, restored if the load is cancelled.
    pub(crate) previous_files: Vec<PathBuf>,
    pub(crate) cancel: Arc<AtomicBool>,
    pub(crate) receiver: mpsc::Receiver<LoadMessage>,
}

impl Loading {
    /// Overall progress, 0–1.
    pub fn progress(&self) -> f32 {
        if self.files.is_empty() {
            return 1.0;
        }
        ((self.current as f32 + self.fraction) / self.files.len() as f32).clamp(0.0, 1.0)
    }
}

pub(crate) enum LoadMessage {
    Progress { file: usize, fraction: f32 },
    Done(Box<LoadOutcome>),
}

/// What a load produced: the events of the files that could be read, and the errors of the
/// others.
pub(crate) struct LoadOutcome {
    pub(crate) events: LoadedEvents,
    pub(crate) errors: Vec<String>,
    pub(crate) cancelled: bool,
}

/// The event data the app shows, and what it is doing with it.
#[derive(Default)]
pub struct EventsState {
    /// The events shown, if any file is open.
    pub loaded: Option<LoadedEvents>,
    /// The load in progress, if any.
    pub loading: Option<Loading>,
    /// Actor name → group id, as saved in the data folder.
    pub aliases: ActorAliases,
    /// The aliases resolved against the atlas's groups.
    pub matcher: ActorMatcher,
    /// Actors of the open files that map to no group, with their event counts.
    pub unmapped: Vec<(String, usize)>,
    /// The open event card.
    pub card: Option<EventCard>,
    /// Whether the Event data window is open.
    pub show_window: bool,
    /// Where the alias table is saved (none in tests).
    pub aliases_path: Option<PathBuf>,
    /// Problems of the last load (files that could not be read).
    pub errors: Vec<String>,
    pub(crate) watcher: FileWatcher,
    pub(crate) next_poll: Option<Instant>,
    pub(crate) generation: u64,
}

impl EventsState {
    /// The state for the app: the alias table from the data folder (the built-in one when there
    /// is none, or when it cannot be read — then with the problem).
    pub fn from_data_folder(dir: Option<&Path>) -> (Self, Option<String>) {
        let mut state = Self::default();
        let mut problem = None;
        if let Some(dir) = dir {
            state.aliases_path = Some(dir.join(ALIASES_FILE_NAME));
            match ActorAliases::load_or_default(dir) {
                Ok(aliases) => state.aliases = aliases,
                Err(error) => {
                    problem = Some(format!(
                        "The actor alias table could not be read, so the built-in one is used \
                         (and the file is left as it is): {error}"
                    ));
                    // Never overwrite a table the user may want to repair.
                    state.aliases_path = None;
                }
            }
        }
        (state, problem)
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }
}
