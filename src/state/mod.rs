//! What the user has chosen — view, selection, theme, open windows. Panels and the map read
//! [`AppState`] and return [`crate::command::Command`]s; only [`crate::AtlasApp`] applies them.

pub mod events;

use egui::ThemePreference;
use serde::{Deserialize, Serialize};

pub use crate::data::TIME_START;
use crate::data::{GroupIdx, ProvinceIdx};
/// The scene's inputs, re-exported beside the state that holds them.
pub use crate::scene::{Filters, LabelLanguage, MAX_ZOOM, MIN_ZOOM, MapView, TimeFilter};

/// Which detail panel is open on the right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DetailTab {
    /// The selected province's card.
    #[default]
    Province,
    /// The chosen group's profile.
    Group,
    /// Every source, with the records citing it.
    Sources,
    /// The deck being built.
    Slides,
}

/// Which context drawer is open under the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContextTab {
    /// Economic charts.
    Economy,
    /// The originating article's claims, checked.
    Claims,
    /// The history timeline.
    History,
    /// Pakistan and Tajikistan.
    Region,
}

impl ContextTab {
    /// All tabs, in the order the top bar shows them.
    pub const ALL: [Self; 4] = [Self::Economy, Self::Claims, Self::History, Self::Region];

    /// Its button text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Economy => "Economy",
            Self::Claims => "Claims checked",
            Self::History => "History",
            Self::Region => "Region",
        }
    }
}

/// Everything the user has chosen. Persisted fields survive restarts; `#[serde(default)]` lets
/// older saved state still load.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AppState {
    /// What the map shows now.
    pub view: MapView,
    /// Where an animated view change is heading.
    #[serde(skip)]
    pub view_target: Option<MapView>,
    /// The selected province.
    #[serde(skip)]
    pub selected: Option<ProvinceIdx>,
    /// Light, dark, or follow the system.
    pub theme: ThemePreference,
    /// The language of the province names on the map (and in exports made from it).
    pub label_language: LabelLanguage,
    /// Whether the About window is open.
    #[serde(skip)]
    pub show_about: bool,
    /// Whether the Data problems window is open.
    #[serde(skip)]
    pub show_problems: bool,
    /// Groups and dates shown on the map.
    pub filters: Filters,
    /// The group whose profile is open.
    #[serde(skip)]
    pub selected_group: Option<GroupIdx>,
    /// The open detail panel.
    pub detail_tab: DetailTab,
    /// The source whose records are highlighted.
    #[serde(skip)]
    pub highlighted_source: Option<String>,
    /// Whether the time control is playing month by month.
    #[serde(skip)]
    pub playing: bool,
    /// What Play steps: 0 grows the range month by month; 3 or 12 slides a window of that many
    /// months.
    pub play_window_months: u32,
    /// The open context drawer, if any.
    pub context_tab: Option<ContextTab>,
    /// Presenting full screen, when set.
    #[serde(skip)]
    pub presentation: Option<Presentation>,
    /// The slide last shown or added, if any.
    #[serde(skip)]
    pub current_slide: Option<usize>,
    /// Where the deck was last saved or opened from, if anywhere.
    pub deck_path: Option<std::path::PathBuf>,
    /// The data files the user opened (the built-in ones where none).
    pub data_files: crate::data::DataFiles,
    /// The event files open (ACLED, UCDP GED, GeoJSON points).
    pub event_files: Vec<std::path::PathBuf>,
    /// Whether the presenter notes window is open.
    #[serde(skip)]
    pub show_notes: bool,
    /// Whether the export window is open.
    #[serde(skip)]
    pub show_export: bool,
    /// The outcome of the last file operation, shown in the status line.
    #[serde(skip)]
    pub notice: Option<Notice>,
    /// Whether the window has been sized to its screen once; after that the size the user
    /// chose is kept (eframe remembers it).
    pub window_sized: bool,
}

/// Presentation mode: full screen, panels hidden, projector colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Presentation {
    /// The screen is blanked (B), as a presenter does to draw the room's attention.
    pub blank: bool,
}

/// A message about something the user asked for: what was written where, or what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The message, naming the file.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

impl Notice {
    /// A success.
    pub fn done(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
        }
    }

    /// A failure.
    pub fn failed(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
        }
    }
}

/// What to export and where: the current view at a size, with a title.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// The file to write (.png, .svg or .pdf).
    pub path: std::path::PathBuf,
    /// Pixel size.
    pub size: crate::scene::PageSize,
    /// Printed above the map.
    pub title: String,
    /// Printed under the title.
    pub subtitle: String,
    /// Replace an existing file (the user confirmed).
    pub overwrite: bool,
}
