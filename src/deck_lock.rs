//! Two windows, one data folder. The first window to start takes a lock on the data folder's
//! deck (`deck.lock` beside `deck.json`) and autosaves to `deck.json` as long as it runs. A
//! second window finds the lock taken and works on its own copy instead: the deck as it was
//! when the window opened, autosaved to a new `deck-window-N.json` beside it, which the window
//! names. Neither window writes over the other's slides, in any order of adding, saving and
//! closing; the lock is released when the window closes or its process ends in any way.

use std::path::{Path, PathBuf};

use crate::{
    deck::{AutosaveStart, Deck, restore_autosave},
    files::{
        WriteError, folder_of,
        lock::{FileLock, Locked, try_lock},
        write_atomic,
    },
};

/// The lock file's name in the data folder.
pub const LOCK_NAME: &str = "deck.lock";

/// The start of the name of a second window's own copy of the deck.
pub const WINDOW_COPY_PREFIX: &str = "deck-window-";

/// The extension of the lock a window holds on its own copy while it runs
/// (`deck-window-N.lock`).
pub const COPY_LOCK_EXTENSION: &str = "lock";

/// How many window copies are tried before giving up (each a separate file kept for the user).
const MAX_WINDOW_COPIES: u32 = 1000;

/// The deck a window starts with, where it autosaves, and the lock that makes that its own.
#[derive(Debug)]
pub struct ClaimedAutosave {
    /// The deck to start with and the file to autosave to.
    pub start: AutosaveStart,
    /// Held while this window autosaves to the data folder's deck (`deck.lock`), or to its own
    /// copy (`deck-window-N.lock`); `None` where the file system has no locks (then windows
    /// share the deck as before).
    pub lock: Option<FileLock>,
    /// Whether another window has the data folder's deck, so this one works on its own copy
    /// (at `start.path`).
    pub own_copy: bool,
}

/// Claims the autosaved deck at `path` for this window, or, when another window holds it,
/// makes this window its own copy. `Err`: no file could be made for this window's slides (the
/// reason, naming the file).
pub fn claim_autosave(path: &Path) -> Result<ClaimedAutosave, String> {
    let folder = folder_of(path);
    match try_lock(&folder.join(LOCK_NAME)) {
        Locked::Held(lock) => Ok(ClaimedAutosave {
            start: restore_autosave(path),
            lock: Some(lock),
            own_copy: false,
        }),
        Locked::Unavailable(reason) => {
            log::warn!("the deck is not locked ({reason}); windows share it");
            Ok(ClaimedAutosave {
                start: restore_autosave(path),
                lock: None,
                own_copy: false,
            })
        }
        Locked::Busy => {
            // The other window's deck as it is now; if it cannot be read, this window starts
            // empty (the other window has already said why).
            let deck = Deck::load(path).unwrap_or_default();
            let copy = new_window_copy(&folder, &deck)?;
            // Held on the copy while this window runs, so a window starting later does not
            // take the copy for slides left behind.
            let lock = match try_lock(&copy.with_extension(COPY_LOCK_EXTENSION)) {
                Locked::Held(lock) => Some(lock),
                Locked::Busy | Locked::Unavailable(_) => None,
            };
            Ok(ClaimedAutosave {
                start: AutosaveStart {
                    deck,
                    path: copy,
                    unreadable: None,
                },
                lock,
                own_copy: true,
            })
        }
    }
}

/// Writes `deck` to the first `deck-window-N.json` in `folder` that does not exist yet, made
/// exclusively so two windows starting at once never get the same file; returns its path.
fn new_window_copy(folder: &Path, deck: &Deck) -> Result<PathBuf, String> {
    for n in 1..=MAX_WINDOW_COPIES {
        let path = folder.join(format!("{WINDOW_COPY_PREFIX}{n}.json"));
        match write_atomic(&path, deck.to_json().as_bytes(), false) {
            Ok(()) => return Ok(path),
            Err(WriteError::Exists(_)) => {}
            Err(error) => return Err(error.to_string()),
        }
    }
    Err(format!(
        "{} already holds {MAX_WINDOW_COPIES} copies of the deck from other windows ({WINDOW_COPY_PREFIX}N.json); move some away",
        folder.display()
    ))
}

/// What a window working on its own copy tells the user, naming the copy.
pub fn own_copy_message(copy: &Path) -> String {
    // The file first: a notice in the top bar may show only its start.
    format!(
        "This window's slides go to {}: another Resistance Atlas window is using the deck in \
         this data folder ({}), so this window keeps its own copy (open it later with Slides ▸ \
         Open…)",
        copy.file_name().unwrap_or_default().to_string_lossy(),
        folder_of(copy).display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Slide;

    #[test]
    fn the_second_claim_gets_its_own_copy_of_the_deck_as_it_was() {
        let dir = std::env::temp_dir().join(format!("atlas-deck-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let autosave = dir.join("deck.json");
        let deck = Deck {
            slides: vec![Slide {
                title: "first".into(),
                ..Slide::default()
            }],
            ..Deck::default()
        };
        deck.save(&autosave).expect("saved");

        let first = claim_autosave(&autosave).expect("claimed");
        assert!(!first.own_copy && first.lock.is_some());
        assert_eq!(first.start.path, autosave);
        let second = claim_autosave(&autosave).expect("a copy");
        assert!(second.own_copy);
        assert_eq!(second.start.path, dir.join("deck-window-1.json"));
        assert_eq!(second.start.deck, deck, "starts from the deck as it was");
        assert_eq!(Deck::load(&second.start.path).expect("written"), deck);
        let third = claim_autosave(&autosave).expect("a copy");
        assert_eq!(
            third.start.path,
            dir.join("deck-window-2.json"),
            "never shared"
        );
        assert!(own_copy_message(&third.start.path).contains("deck-window-2.json"));

        drop(first);
        let after = claim_autosave(&autosave).expect("claimed");
        assert!(
            !after.own_copy,
            "the deck is free once the first window closed"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
