//! A deck: the slides of a briefing. Each slide is a captured view of the atlas — extent, groups,
//! date range, selection, open panel — with a title and presenter notes. Saved as JSON (format in
//! docs/DATA.md), written atomically, autosaved to the app's data folder.
//!
//! Provinces and groups are stored by code and id, not by index, so a deck still opens after the
//! data set changes; a code that no longer exists is simply not selected.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{
    files::{ReadError, WriteError, folder_of, read_bounded, write_atomic},
    state::{ContextTab, DetailTab, Filters, LabelLanguage, MapView},
};

/// The deck format this build writes and reads.
pub const DECK_SCHEMA_VERSION: u32 = 1;

/// Largest deck file read, in bytes: far beyond any real deck, small enough never to stall.
const MAX_DECK_BYTES: u64 = 20 * 1024 * 1024;

/// The longest slide title read, in characters (a title is one line above the map).
pub const MAX_TITLE_CHARS: usize = 300;

/// The longest presenter notes read, in characters.
pub const MAX_NOTES_CHARS: usize = 20_000;

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
    /// The language of the province names (English in decks saved before it was a setting).
    pub labels: LabelLanguage,
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
    /// A slide the app cannot show as it is: dates that run backwards, a title or notes over
    /// their length limit.
    #[error("{}: slide {slide}: {message}", .path.display())]
    Slide {
        /// The file.
        path: PathBuf,
        /// 1-based slide number.
        slide: usize,
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
    Write(#[from] WriteError),
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
        deck.check(path)?;
        Ok(deck)
    }

    /// Refuses what no slide may hold: dates that run backwards, and text over the limits
    /// ([`MAX_TITLE_CHARS`], [`MAX_NOTES_CHARS`]) — so no deck makes laying out a slide take
    /// without bound.
    pub fn check(&self, path: &Path) -> Result<(), DeckError> {
        for (i, slide) in self.slides.iter().enumerate() {
            let refuse = |message: String| DeckError::Slide {
                path: path.to_path_buf(),
                slide: i + 1,
                message,
            };
            let title_chars = slide.title.chars().count();
            if title_chars > MAX_TITLE_CHARS {
                return Err(refuse(format!(
                    "the title is {title_chars} characters long; titles are limited to {MAX_TITLE_CHARS}"
                )));
            }
            let notes_chars = slide.notes.chars().count();
            if notes_chars > MAX_NOTES_CHARS {
                return Err(refuse(format!(
                    "the notes are {notes_chars} characters long; notes are limited to {MAX_NOTES_CHARS}"
                )));
            }
            let time = &slide.filters.time;
            if !time.all_time && time.from > time.to {
                return Err(refuse(format!(
                    "its dates run backwards: from {} to {}",
                    time.from, time.to
                )));
            }
        }
        Ok(())
    }

    /// The deck as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a deck file (a regular file, of at most 20 MB).
    pub fn load(path: &Path) -> Result<Self, DeckError> {
        let bytes = read_bounded(path, MAX_DECK_BYTES).map_err(|e| match e {
            ReadError::TooLarge(size, _) => DeckError::TooLarge(path.to_path_buf(), size),
            ReadError::NotAFile(kind) => {
                DeckError::Read(path.to_path_buf(), format!("it is {kind}, not a deck file"))
            }
            ReadError::Io(e) => DeckError::Read(path.to_path_buf(), e.to_string()),
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(DeckError::Read(
                path.to_path_buf(),
                "the file is empty".into(),
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            DeckError::Read(
                path.to_path_buf(),
                format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            )
        })?;
        Self::from_json(text.trim_start_matches('\u{feff}'), path)
    }

    /// Writes the deck atomically, replacing the file.
    pub fn save(&self, path: &Path) -> Result<(), DeckError> {
        Ok(write_atomic(path, self.to_json().as_bytes(), true)?)
    }
}

/// Where the deck is autosaved: `deck.json` in the app's data folder (e.g.
/// `~/.local/share/resistance-atlas/` on Linux, where eframe keeps the app state).
pub fn autosave_path() -> Option<PathBuf> {
    crate::data_dir().map(|dir| dir.join(AUTOSAVE_NAME))
}

/// The autosave's file name in the data folder.
pub const AUTOSAVE_NAME: &str = "deck.json";

/// Where the deck is autosaved, or why it cannot be: the data folder named, so the user knows
/// what to fix.
pub fn autosave_location() -> Result<PathBuf, String> {
    autosave_location_in(eframe::storage_dir(crate::APP_ID))
}

/// [`autosave_location`] for the data folder `dir`.
pub fn autosave_location_in(dir: Option<PathBuf>) -> Result<PathBuf, String> {
    let dir = dir.ok_or_else(|| "this system has no folder for application data".to_owned())?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("the data folder {} cannot be made: {e}", dir.display()))?;
    Ok(dir.join(AUTOSAVE_NAME))
}

/// The deck to start with and the file to autosave it to.
#[derive(Debug)]
pub struct AutosaveStart {
    /// The slides found (none when nothing could be read).
    pub deck: Deck,
    /// The file later changes are autosaved to.
    pub path: PathBuf,
    /// Why `deck.json` was not used, when it was not: it is then left exactly as it is, and the
    /// deck is autosaved to [`Self::path`] beside it instead.
    pub unreadable: Option<DeckError>,
}

/// Prefix of the files new slides are autosaved to while `deck.json` cannot be read.
const RECOVERED_PREFIX: &str = "deck-recovered-";

/// Opens the autosave at `path`. If it cannot be read (garbage, empty, a folder, a newer
/// format), it is left untouched and the newest readable `deck-recovered-N.json` beside it is
/// continued, or a new one started: autosaving never overwrites what it cannot read.
pub fn restore_autosave(path: &Path) -> AutosaveStart {
    if std::fs::symlink_metadata(path).is_err() {
        return AutosaveStart {
            deck: Deck::default(),
            path: path.to_path_buf(),
            unreadable: None,
        };
    }
    let error = match Deck::load(path) {
        Ok(deck) => {
            return AutosaveStart {
                deck,
                path: path.to_path_buf(),
                unreadable: None,
            };
        }
        Err(error) => error,
    };
    let folder = folder_of(path);
    let mut recovered: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with(RECOVERED_PREFIX)
        })
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    recovered.sort();
    let continued = recovered
        .iter()
        .rev()
        .find_map(|(_, p)| Some((Deck::load(p).ok()?, p.clone())));
    let (deck, path) = continued.unwrap_or_else(|| {
        let free = (1..)
            .map(|n| folder.join(format!("{RECOVERED_PREFIX}{n}.json")))
            .find(|p| std::fs::symlink_metadata(p).is_err())
            .unwrap_or_else(|| folder.join(format!("{RECOVERED_PREFIX}new.json")));
        (Deck::default(), free)
    });
    AutosaveStart {
        deck,
        path,
        unreadable: Some(error),
    }
}

/// How many backups of replaced decks are kept.
pub const BACKUPS_KEPT: usize = 10;

/// Keeps a copy of `deck` in `backups/` inside `data_folder`, named by the time (UTC) it was
/// replaced, and prunes the oldest so at most [`BACKUPS_KEPT`] remain. Returns the copy's path.
pub fn back_up(deck: &Deck, data_folder: &Path) -> Result<PathBuf, DeckError> {
    let folder = data_folder.join("backups");
    std::fs::create_dir_all(&folder)
        .map_err(|e| DeckError::Write(WriteError::Failed(folder.clone(), e.to_string())))?;
    // `deck-2026-12-02-213005-001.json`: names sort as the times they were written, also
    // within one second, so the oldest are pruned by name alone.
    let mut backups: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("deck-") && name.ends_with(".json"))
        .collect();
    let stamp = utc_stamp(std::time::SystemTime::now());
    let prefix = format!("deck-{stamp}-");
    let taken = backups
        .iter()
        .filter_map(|name| {
            name.strip_prefix(&prefix)?
                .strip_suffix(".json")?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let name = format!("{prefix}{:03}.json", taken + 1);
    let path = folder.join(&name);
    write_atomic(&path, deck.to_json().as_bytes(), false)?;
    backups.push(name);
    backups.sort();
    let excess = backups.len().saturating_sub(BACKUPS_KEPT);
    for old in &backups[..excess] {
        let _ = std::fs::remove_file(folder.join(old));
    }
    Ok(path)
}

/// `2026-12-02-213005`: a UTC time that sorts as it reads and is a valid file name everywhere.
fn utc_stamp(time: std::time::SystemTime) -> String {
    let seconds = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let date = crate::data::events::day_from_number(i32::try_from(days).unwrap_or(i32::MAX));
    format!(
        "{:04}-{:02}-{:02}-{:02}{:02}{:02}",
        date.year(),
        date.month(),
        date.day(),
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
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
                    labels: LabelLanguage::EnglishDari,
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
    fn a_deck_saved_before_label_languages_shows_english_names() {
        let path = Path::new("old.json");
        let deck = Deck::from_json(
            r#"{"schema_version": 1, "slides": [{"title": "Old", "detail_tab": "Group"}]}"#,
            path,
        )
        .expect("an older deck still opens");
        assert_eq!(deck.slides[0].labels, LabelLanguage::English);
        let dari = Deck::from_json(r#"{"slides": [{"labels": "dari"}]}"#, path).expect("reads");
        assert_eq!(dari.slides[0].labels, LabelLanguage::Dari);
        assert!(sample().to_json().contains(r#""labels": "english_dari""#));
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

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("atlas-deck-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn an_impossible_date_in_a_deck_is_refused_with_its_place() {
        let text = r#"{"schema_version": 1, "slides": [{"filters": {"time":
            {"all_time": false, "from": {"year": 2024, "month": 13, "day": 1},
             "to": {"year": 2024, "month": 12, "day": 31}}}}]}"#;
        let error = Deck::from_json(text, Path::new("d.json")).expect_err("month 13");
        let message = error.to_string();
        assert!(message.contains("month 13"), "{message}");
        assert!(message.starts_with("d.json, line 2"), "{message}");
    }

    #[test]
    fn an_unreadable_autosave_is_kept_and_new_slides_go_beside_it() {
        for (name, garbage) in [
            ("garbage", &b"\x00\x01 not json"[..]),
            ("empty", &b""[..]),
            ("newer", &br#"{"schema_version": 7, "slides": []}"#[..]),
        ] {
            let dir = scratch(name);
            let autosave = dir.join(AUTOSAVE_NAME);
            std::fs::write(&autosave, garbage).expect("write");
            let start = restore_autosave(&autosave);
            assert!(start.unreadable.is_some(), "{name}");
            assert_eq!(start.path, dir.join("deck-recovered-1.json"), "{name}");
            sample().save(&start.path).expect("autosave beside it");
            assert_eq!(std::fs::read(&autosave).expect("kept"), garbage, "{name}");
            // Next start: deck.json still unreadable, the recovered slides are continued.
            let again = restore_autosave(&autosave);
            assert_eq!(again.path, start.path, "{name}");
            assert_eq!(again.deck, sample(), "{name}");
            let _ = std::fs::remove_dir_all(&dir);
        }
        let dir = scratch("folder");
        let autosave = dir.join(AUTOSAVE_NAME);
        std::fs::create_dir(&autosave).expect("a folder where the file should be");
        let start = restore_autosave(&autosave);
        let error = start
            .unreadable
            .expect("a folder is not a deck")
            .to_string();
        assert!(error.contains("a folder"), "{error}");
        assert!(autosave.is_dir());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn backups_are_timestamped_and_pruned() {
        let dir = scratch("backups");
        let mut kept = Vec::new();
        for n in 0..(BACKUPS_KEPT + 3) {
            let deck = Deck {
                slides: vec![Slide {
                    title: format!("deck {n}"),
                    ..Slide::default()
                }],
                ..Deck::default()
            };
            kept.push(back_up(&deck, &dir).expect("backed up"));
        }
        let left: Vec<_> = std::fs::read_dir(dir.join("backups"))
            .expect("list")
            .collect();
        assert_eq!(left.len(), BACKUPS_KEPT);
        let newest = Deck::load(kept.last().expect("one")).expect("loads");
        assert_eq!(newest.slides[0].title, format!("deck {}", BACKUPS_KEPT + 2));
        assert!(!kept[0].exists(), "the oldest pruned");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn utc_stamps_read_as_dates() {
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_709_210_096);
        assert_eq!(utc_stamp(time), "2024-02-29-123456");
    }
}
