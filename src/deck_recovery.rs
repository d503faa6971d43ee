//! Slides left behind by an earlier session: a second window's own copy of the deck
//! (`deck-window-N.json`, see [`crate::deck_lock`]) and the recovery files a signal wrote
//! (`resistance-atlas-recovered-slides-N.json`, see `app/signals.rs`). At start the app looks
//! for them and tells the user, who adds their slides to the deck or discards them.
//!
//! Not responsible for writing those files, nor for the notice itself (`panels/`) or what the
//! user chooses (`app/`).

use std::path::{Path, PathBuf};

use crate::{
    deck::Deck,
    deck_lock::{COPY_LOCK_EXTENSION, WINDOW_COPY_PREFIX},
    files::lock::{Locked, try_lock},
};

/// The start of a recovery file's name (written on SIGTERM, SIGHUP or SIGINT); `N.json` follows.
pub const RECOVERY_PREFIX: &str = "resistance-atlas-recovered-slides-";

/// Where slides are recovered to, in order: beside the autosave (the data folder, if there is
/// one), then the home folder, then the temporary folder.
pub fn recovery_folders(autosave: Option<&Path>) -> Vec<PathBuf> {
    let home = ["HOME", "USERPROFILE"]
        .into_iter()
        .find_map(std::env::var_os)
        .map(PathBuf::from);
    autosave
        .map(crate::files::folder_of)
        .into_iter()
        .chain(home)
        .chain(std::iter::once(std::env::temp_dir()))
        .collect()
}

/// A file of slides left behind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftBehind {
    /// The file.
    pub path: PathBuf,
    /// How many slides it holds, or why it cannot be read.
    pub slides: Result<usize, String>,
    /// Whether a second window made it (else a signal's recovery file).
    pub window_copy: bool,
}

impl LeftBehind {
    /// Its file name, as the user is told it.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }
}

/// The files of slides left behind in `folders` (window copies no window is using, and
/// recovery files), in a fixed order; `own` (this window's autosave) is never one.
pub fn find_left_behind(folders: &[PathBuf], own: Option<&Path>) -> Vec<LeftBehind> {
    let mut found: Vec<LeftBehind> = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut here: Vec<LeftBehind> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let window_copy = name.starts_with(WINDOW_COPY_PREFIX);
                if !(window_copy || name.starts_with(RECOVERY_PREFIX)) || !name.ends_with(".json") {
                    return None;
                }
                let path = entry.path();
                let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
                if !regular || own == Some(path.as_path()) || (window_copy && in_use(&path)) {
                    return None;
                }
                let slides = Deck::load(&path)
                    .map(|deck| deck.slides.len())
                    .map_err(|e| e.to_string());
                Some(LeftBehind {
                    path,
                    slides,
                    window_copy,
                })
            })
            .filter(|found| found.slides != Ok(0))
            .collect();
        here.sort_by(|a, b| a.path.cmp(&b.path));
        for file in here {
            if !found.iter().any(|f| f.path == file.path) {
                found.push(file);
            }
        }
    }
    found
}

/// Whether a window still works on the copy at `path` (it holds the copy's lock).
fn in_use(path: &Path) -> bool {
    let lock = path.with_extension(COPY_LOCK_EXTENSION);
    // An old copy without a lock file is nobody's: the lock is not made just to look.
    std::fs::symlink_metadata(&lock).is_ok() && matches!(try_lock(&lock), Locked::Busy)
}

/// Removes a file left behind (and the lock of a window copy); `Err` names the file.
pub fn discard(file: &LeftBehind) -> Result<(), String> {
    std::fs::remove_file(&file.path)
        .map_err(|e| format!("{} could not be removed: {e}", file.path.display()))?;
    if file.window_copy {
        let _ = std::fs::remove_file(file.path.with_extension(COPY_LOCK_EXTENSION));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Slide;

    fn deck(slides: usize) -> Deck {
        Deck {
            slides: vec![Slide::default(); slides],
            ..Deck::default()
        }
    }

    #[test]
    fn copies_in_use_empty_decks_and_other_files_are_not_left_behind() {
        let dir = std::env::temp_dir().join(format!("atlas-left-behind-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        deck(2).save(&dir.join("deck.json")).expect("saved");
        deck(2)
            .save(&dir.join("deck-window-1.json"))
            .expect("saved");
        deck(3)
            .save(&dir.join("deck-window-2.json"))
            .expect("saved");
        deck(0)
            .save(&dir.join("deck-window-3.json"))
            .expect("saved");
        deck(1)
            .save(&dir.join(format!("{RECOVERY_PREFIX}1.json")))
            .expect("saved");
        std::fs::write(dir.join(format!("{RECOVERY_PREFIX}2.json")), "not json").expect("w");
        let Locked::Held(held) = try_lock(&dir.join("deck-window-2.lock")) else {
            panic!("locked");
        };
        let found = find_left_behind(&[dir.clone(), dir.clone()], None);
        let names: Vec<String> = found.iter().map(LeftBehind::name).collect();
        assert_eq!(
            names,
            [
                "deck-window-1.json".to_owned(),
                format!("{RECOVERY_PREFIX}1.json"),
                format!("{RECOVERY_PREFIX}2.json"),
            ],
            "window 2's copy is in use, window 3's is empty, deck.json is the deck"
        );
        assert_eq!(found[0].slides, Ok(2));
        assert!(found[2].slides.is_err(), "unreadable, still named");
        drop(held);
        let found = find_left_behind(
            std::slice::from_ref(&dir),
            Some(&dir.join("deck-window-1.json")),
        );
        assert_eq!(
            found[0].name(),
            "deck-window-2.json",
            "free once its window closed"
        );
        discard(&found[0]).expect("removed");
        assert!(!dir.join("deck-window-2.json").exists());
        assert!(!dir.join("deck-window-2.lock").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
