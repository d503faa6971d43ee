//! Slides an earlier session left behind (a second window's copy of the deck, a signal's
//! recovery file): found at start and shown to the user, who adds them to the deck or discards
//! them. See [`crate::deck_recovery`].

use std::path::{Path, PathBuf};

use super::AtlasApp;
use crate::{
    deck::Deck,
    deck_recovery::{LeftBehind, discard, find_left_behind},
    state::Notice,
};

impl AtlasApp {
    /// Looks in `folders` for files of slides left behind by an earlier session; the window
    /// names them until the user decides what to do with each.
    pub fn look_for_left_behind_slides(&mut self, folders: &[PathBuf]) {
        let own = self.autosave.as_ref().ok().map(PathBuf::as_path);
        self.left_behind = find_left_behind(folders, own);
        if !self.left_behind.is_empty() {
            let names: Vec<String> = self.left_behind.iter().map(LeftBehind::name).collect();
            log::info!("slides left behind: {}", names.join(", "));
        }
    }

    /// The files of slides left behind that the window is showing.
    pub fn left_behind(&self) -> &[LeftBehind] {
        &self.left_behind
    }

    /// Adds the slides of `path` to the end of the deck; removes the file once they are
    /// autosaved.
    pub(super) fn add_left_behind(&mut self, path: &Path) {
        let Some(at) = self.left_behind.iter().position(|f| f.path == path) else {
            return;
        };
        let file = &self.left_behind[at];
        let name = file.name();
        let deck = match Deck::load(path) {
            Ok(deck) => deck,
            Err(error) => {
                self.state.notice = Some(Notice::failed(format!(
                    "The slides of {name} could not be added: {error}"
                )));
                return;
            }
        };
        let file = self.left_behind.remove(at);
        // A window's copy starts as the deck was: the slides the deck still has are not added
        // twice.
        let (already, new): (Vec<_>, Vec<_>) = deck
            .slides
            .into_iter()
            .partition(|slide| self.deck.slides.contains(slide));
        let count = new.len();
        self.deck.slides.extend(new);
        self.deck_changed();
        let plural = if count == 1 { "" } else { "s" };
        let name = if already.is_empty() {
            name
        } else {
            format!("{name} ({} already in the deck)", already.len())
        };
        self.state.notice = Some(if self.has_unsaved_slides() {
            // Not autosaved: the file stays, so the slides are still on disk somewhere.
            Notice::failed(format!(
                "Added {count} slide{plural} from {name} to the deck; {name} is kept, as the deck could not be autosaved"
            ))
        } else {
            match discard(&file) {
                Ok(()) => Notice::done(format!(
                    "Added {count} slide{plural} from {name} to the deck, and removed {name}"
                )),
                Err(why) => Notice::failed(format!(
                    "Added {count} slide{plural} from {name} to the deck; {why}"
                )),
            }
        });
    }

    /// Removes the file of slides left behind at `path`.
    pub(super) fn discard_left_behind(&mut self, path: &Path) {
        let Some(at) = self.left_behind.iter().position(|f| f.path == path) else {
            return;
        };
        let file = self.left_behind.remove(at);
        self.state.notice = Some(match discard(&file) {
            Ok(()) => Notice::done(format!("Discarded {}", file.name())),
            Err(why) => Notice::failed(why),
        });
    }
}
