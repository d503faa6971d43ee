//! The built-in data and its map geometry, made on a second thread while the window and its GL
//! context are being created (loading the GL driver alone takes tens of milliseconds), so the
//! first frame does not wait for both one after the other.
//!
//! Only the built-in data is made ahead: which files the user had open is in the saved state,
//! which eframe reads while it opens the window. When they had files of their own open, what was
//! made here is dropped and their files are loaded as before.

use std::thread::JoinHandle;

use crate::{
    data::{Atlas, Problem, files::DataFiles},
    geometry::MapGeometry,
};

/// What the built-in data files load to, with their geometry when they load.
type Made = Result<(Atlas, MapGeometry), Vec<Problem>>;

/// The built-in atlas and geometry being made on their own thread.
pub struct Preloaded(Option<JoinHandle<Made>>);

impl Preloaded {
    /// Starts making the built-in atlas and its geometry on a thread of their own (if no thread
    /// can be started, nothing is made ahead).
    pub fn start() -> Self {
        let handle = std::thread::Builder::new()
            .name("preload".to_owned())
            .spawn(|| {
                let atlas = DataFiles::default().load()?;
                let geometry = MapGeometry::build(&atlas);
                Ok((atlas, geometry))
            })
            .ok();
        Self(handle)
    }

    /// Nothing made ahead: the app loads its data when it starts.
    pub fn none() -> Self {
        Self(None)
    }

    /// What `files` load to, made ahead when they are the built-in ones; `None` when nothing
    /// was made for them (their own files; no thread; the thread panicked).
    pub(super) fn take_for(self, files: &DataFiles) -> Option<Made> {
        let handle = self.0?;
        if *files != DataFiles::default() {
            return None;
        }
        handle.join().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn the_built_in_files_get_what_loading_them_gives() {
        let (atlas, geometry) = Preloaded::start()
            .take_for(&DataFiles::default())
            .expect("made ahead")
            .expect("the built-in data loads");
        let loaded = load_embedded();
        let codes = |a: &Atlas| {
            a.provinces
                .iter()
                .map(|p| p.code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&atlas), codes(&loaded));
        assert_eq!(atlas.groups.len(), loaded.groups.len());
        let built = MapGeometry::build(&loaded);
        assert_eq!(geometry.labels, built.labels);
        assert_eq!(geometry.bounds_in_map, built.bounds_in_map);
    }

    #[test]
    fn other_files_are_loaded_when_the_app_starts_not_ahead() {
        let theirs = DataFiles {
            atlas: Some("their-atlas.json".into()),
            ..DataFiles::default()
        };
        assert!(Preloaded::start().take_for(&theirs).is_none());
        assert!(Preloaded::none().take_for(&DataFiles::default()).is_none());
    }
}
