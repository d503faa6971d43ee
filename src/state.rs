//! What the user has chosen — view, selection, theme, open windows — and the commands that change
//! it. Panels and the map read [`AppState`] and return [`Command`]s; only
//! [`crate::AtlasApp`] applies them.

use std::collections::BTreeSet;

use egui::{Pos2, ThemePreference};
use serde::{Deserialize, Serialize};

use crate::data::{Day, GroupIdx, ProvinceIdx};

/// Commands live in [`crate::command`]; re-exported here, beside the state they change.
pub use crate::command::{Command, DataCommand, DeckCommand, FilterCommand, ViewCommand};

/// Zoom limits, relative to the view that fits the whole country.
pub const MIN_ZOOM: f32 = 0.6;
/// See [`MIN_ZOOM`]; at 40× a province fills the window.
pub const MAX_ZOOM: f32 = 40.0;

/// Where the map looks: a centre in map space and a zoom relative to "fit the country".
///
/// Zoom is relative so the map stays fitted when the window is resized.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapView {
    /// Map-space point (kilometres) at the centre of the map area.
    pub centre_in_map: Pos2,
    /// 1.0 fits the whole country; larger zooms in.
    pub zoom: f32,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            centre_in_map: Pos2::ZERO,
            zoom: 1.0,
        }
    }
}

impl MapView {
    /// The same view with zoom kept within limits.
    pub fn clamped(self) -> Self {
        Self {
            zoom: self.zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            ..self
        }
    }

    /// A step of the way from `self` to `target` (`t` in 0..=1), zooming in log space so the
    /// motion feels even.
    pub fn approach(self, target: Self, t: f32) -> Self {
        let zoom = (self.zoom.ln() + (target.zoom.ln() - self.zoom.ln()) * t).exp();
        Self {
            centre_in_map: self.centre_in_map.lerp(target.centre_in_map, t),
            zoom,
        }
    }

    /// Whether two views look the same on screen.
    pub fn is_close_to(self, other: Self) -> bool {
        (self.zoom / other.zoom - 1.0).abs() < 1e-3
            && (self.centre_in_map - other.centre_in_map).length() < 0.05
    }
}

/// The first month the time control offers: the Taliban took Kabul on 15 August 2021.
pub const TIME_START: Day = match Day::new(2021, 8, 1) {
    Ok(day) => day,
    Err(_) => panic!("15 August 2021 is in a month that exists"), // checked at compile time
};

/// Which dates the map and panels show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeFilter {
    /// Ignore dates and show every record.
    pub all_time: bool,
    /// First day shown.
    pub from: Day,
    /// Last day shown.
    pub to: Day,
}

impl Default for TimeFilter {
    fn default() -> Self {
        Self {
            all_time: true,
            from: TIME_START,
            to: Day::month_end(2025, 12),
        }
    }
}

impl TimeFilter {
    /// The inclusive range of days shown, or `None` for all time.
    pub fn range(&self) -> Option<(Day, Day)> {
        (!self.all_time).then_some((self.from, self.to))
    }

    /// Pulls the range inside August 2021 – `latest` (a slide or saved state may predate the
    /// data shown now).
    pub fn keep_within(&mut self, latest: Day) {
        self.to = self.to.clamp(TIME_START, latest);
        self.from = self.from.clamp(TIME_START, self.to);
    }
}

/// What the map overlays: which groups, over which dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Ids of the groups shown; `None` until the first data load picks the defaults.
    pub visible_groups: Option<BTreeSet<String>>,
    /// The dates shown.
    pub time: TimeFilter,
    /// Show only records graded at least this (Admiralty scale); `None` shows every record.
    pub min_grade: Option<crate::data::Grade>,
    /// How the Events layer draws.
    pub events: crate::map::events_scene::EventLayerSettings,
    /// A presence record observed before the dates shown still counts as current when it was
    /// last reported within this many months before their end; older ones are stale.
    pub recency_months: u32,
}

/// The recency horizon before the chosen dates' end (see [`Filters::recency_months`]).
pub const DEFAULT_RECENCY_MONTHS: u32 = 12;

impl Default for Filters {
    fn default() -> Self {
        Self {
            visible_groups: None,
            time: TimeFilter::default(),
            min_grade: None,
            events: Default::default(),
            recency_months: DEFAULT_RECENCY_MONTHS,
        }
    }
}

impl Filters {
    /// Whether the group with this id is shown.
    pub fn shows(&self, group_id: &str) -> bool {
        self.visible_groups
            .as_ref()
            .is_some_and(|set| set.contains(group_id))
    }
}

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
    /// The file to write (.png or .svg).
    pub path: std::path::PathBuf,
    /// Pixel size.
    pub size: crate::export::PageSize,
    /// Printed above the map.
    pub title: String,
    /// Printed under the title.
    pub subtitle: String,
    /// Replace an existing file (the user confirmed).
    pub overwrite: bool,
}
