//! A deck: the slides of a briefing. Each slide is a captured view of the atlas — extent, groups,
//! date range, selection, open panel — with a title and presenter notes. Saved as JSON (format in
//! docs/DATA.md), written atomically, autosaved to the app's data folder.
//!
//! Provinces and groups are stored by code and id, not by index, so a deck still opens after the
//! data set changes; a code that no longer exists is simply not selected.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{
    export::{ExportError, write_atomic},
    state::{ContextTab, DetailTab, Filters, MapView},
};

/// The deck format this build writes and reads.
pub const DECK_SCHEMA_VERSION: u32 = 1;

/// Largest deck file read, in bytes: far beyond any real deck, small enough never to stall.
const MAX_DECK_BYTES: u64 = 20 * 1024 * 1024;

/// An ordered list of slides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deck {
    /// Format version; see [`DECK_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The slides, in presentation order.
    pub slides: Vec<Slide>,
}

impl Default for Deck {
    fn default() -> Self {
        Self {
            schema_version: DECK_SCHEMA_VERSION,
            slides: Vec::new(),
        }
    }
}

/// One captured view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Slide {
    /// Shown above the map when presenting and as the title of exports.
    pub title: String,
    /// For the presenter only: shown in the notes window, never on the slide.
    pub notes: String,
    /// The map extent.
    pub view: MapView,
    /// Groups and date range shown.
    pub filters: Filters,
    /// ISO 3166-2 code of the selected province.
    pub selected_province: Option<String>,
    /// Id of the group whose panel was open.
    pub selected_group: Option<String>,
    /// Which detail panel was open.
    pub detail_tab: DetailTab,
    /// Which context drawer was open.
    pub context_tab: Option<ContextTab>,
}

/// Why a deck could not be read or written; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    /// The file could not be read.
    #[error("could not read {}: {}", .0.display(), .1)]
    Read(PathBuf, String),
    /// The file is too large to be a deck.
    #[error("{} is {} MB; a deck is never larger than {} MB, so this is not one", .0.display(), .1 / 1_000_000, MAX_DECK_BYTES / 1_000_000)]
    TooLarge(PathBuf, u64),
    /// The JSON is malformed or does not describe a deck.
    #[error("{}, line {line}, column {column}: {message}", .path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Written by a newer version of the app.
    #[error("{}: deck format version {found}; this version of Resistance Atlas reads version {DECK_SCHEMA_VERSION}", .path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] ExportError),
}

impl Deck {
    /// Parses a deck from JSON text; `path` names the file in errors.
    pub fn from_json(text: &str, path: &Path) -> Result<Self, DeckError> {
        let deck: Self = serde_json::from_str(text).map_err(|e| DeckError::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_owned(),
        })?;
        if deck.schema_version > DECK_SCHEMA_VERSION {
            return Err(DeckError::Version {
                path: path.to_path_buf(),
                found: deck.schema_version,
            });
        }
        Ok(deck)
    }

    /// The deck as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a deck file.
    pub fn load(path: &Path) -> Result<Self, DeckError> {
        let read_error = |e: std::io::Error| DeckError::Read(path.to_path_buf(), e.to_string());
        let size = std::fs::metadata(path).map_err(read_error)?.len();
        if size > MAX_DECK_BYTES {
            return Err(DeckError::TooLarge(path.to_path_buf(), size));
        }
        let bytes = std::fs::read(path).map_err(read_error)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            DeckError::Read(
                path.to_path_buf(),
                format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            )
        })?;
        Self::from_json(&text, path)
    }

    /// Writes the deck atomically, replacing the file.
    pub fn save(&self, path: &Path) -> Result<(), DeckError> {
        Ok(write_atomic(path, self.to_json().as_bytes(), true)?)
    }
}

/// Where the deck is autosaved: `deck.json` in the app's data folder (e.g.
/// `~/.local/share/resistance-atlas/` on Linux, where eframe keeps the app state).
pub fn autosave_path() -> Option<PathBuf> {
    crate::data_dir().map(|dir| dir.join("deck.json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{data::Day, state::TimeFilter};

    fn sample() -> Deck {
        Deck {
            slides: vec![
                Slide {
                    title: "NRF in the north-east".into(),
                    notes: "Panjshir is the stronghold;\nKabul attacks are UN-verified.".into(),
                    view: MapView {
                        centre_in_map: egui::pos2(120.5, -80.25),
                        zoom: 3.5,
                    },
                    filters: Filters {
                        visible_groups: Some(["NRF".to_owned()].into()),
                        time: TimeFilter {
                            all_time: false,
                            from: Day::month_end(2024, 1),
                            to: Day::month_end(2024, 5),
                        },
                        ..Filters::default()
                    },
                    selected_province: Some("AF-PAN".into()),
                    selected_group: Some("NRF".into()),
                    detail_tab: DetailTab::Group,
                    context_tab: Some(ContextTab::History),
                },
                Slide::default(),
            ],
            ..Deck::default()
        }
    }

    #[test]
    fn a_deck_saves_and_loads_unchanged() {
        let path = std::env::temp_dir().join(format!("atlas-deck-{}.json", std::process::id()));
        let deck = sample();
        deck.save(&path).expect("saves");
        let loaded = Deck::load(&path).expect("loads");
        assert_eq!(loaded, deck);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_broken_deck_names_file_line_and_column() {
        let path = Path::new("briefing.json");
        let err = Deck::from_json("{\n  \"slides\": [ {\"title\": 3} ]\n}", path).expect_err("bad");
        let message = err.to_string();
        assert!(
            message.starts_with("briefing.json, line 2, column"),
            "{message}"
        );
        assert!(message.contains("invalid type"), "{message}");
        let newer = Deck::from_json("{\"schema_version\": 9}", path).expect_err("newer");
        assert!(newer.to_string().contains("version 9"), "{newer}");
    }
}
