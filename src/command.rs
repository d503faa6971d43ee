//! Commands: every change to the app's state, asked for by a panel, the map or a key, and
//! applied in one place ([`crate::AtlasApp::apply`]). Grouped by concern, so each concern's
//! handling lives in its own file of `src/app/`.

use std::path::PathBuf;

use egui::ThemePreference;

use crate::{
    data::{Day, GroupIdx, ProvinceIdx},
    scene::events::EventLayerSettings,
    state::{ContextTab, DetailTab, ExportRequest, MapView},
};

/// A change to [`crate::state::AppState`], by concern.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// What the window shows: selection, the map's view, panels, windows, presentation, theme, quitting.
    View(ViewCommand),
    /// Which records are shown: groups, dates, grade floor, playing through time.
    Filter(FilterCommand),
    /// The deck of slides, its files and the exports made from the map.
    Deck(DeckCommand),
    /// The data files the atlas shows: data set, boundaries, CSV imports.
    Data(DataCommand),
    /// Event files and the Events layer.
    Events(EventsCommand),
}

/// What the window shows: selection, the map's view, panels, windows, presentation, theme, quitting.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum ViewCommand {
    /// Select a province, or clear the selection.
    Select(Option<ProvinceIdx>),
    /// Select a province and bring it into view (opening its card).
    SelectAndFocus(ProvinceIdx),
    /// Select a province and bring it into view, leaving the open panel as it is.
    FocusProvince(ProvinceIdx),
    /// Show this view now (panning, zooming).
    SetView(MapView),
    /// Move smoothly to this view.
    AnimateTo(MapView),
    /// Zoom by a factor around the map centre, animated.
    ZoomBy(f32),
    /// Fit the whole country, animated.
    Fit,
    /// Light, dark or system theme.
    SetTheme(ThemePreference),
    /// The language of the province names on the map.
    SetLabelLanguage(crate::scene::LabelLanguage),
    /// Open or close the About window.
    ShowAbout(bool),
    /// Open or close the Data problems window.
    ShowProblems(bool),
    /// Open a group's profile.
    OpenGroup(GroupIdx),
    /// Switch the detail panel.
    ShowTab(DetailTab),
    /// Highlight the records citing a source, or none.
    HighlightSource(Option<String>),
    /// Open a context drawer, or close it.
    ShowContext(Option<ContextTab>),
    /// Enters (true) or leaves presentation mode.
    Present(bool),
    /// Blanks or unblanks the screen while presenting.
    ToggleBlank,
    /// Opens or closes the presenter notes window.
    ShowNotes(bool),
    /// Opens or closes the export window.
    ShowExport(bool),
    /// Clears the status line.
    DismissNotice,
    /// Puts panels, view, layers and dates back as on first start (keeps data and deck).
    ResetLayout,
    /// Closes the app (saving its state, as closing the window does); asks first when slides
    /// are saved nowhere.
    Quit,
    /// Closes the app although its slides are saved nowhere (the user said so).
    QuitWithoutSaving,
    /// Keeps the app open: the user answered Cancel to "Save your slides before quitting?".
    CancelQuit,
}

impl From<ViewCommand> for Command {
    fn from(command: ViewCommand) -> Self {
        Self::View(command)
    }
}

/// Which records are shown: groups, dates, grade floor, playing through time.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum FilterCommand {
    /// Show or hide a group on the map.
    ToggleGroup(GroupIdx),
    /// Show every group except the extremist opposition, or none.
    ShowAllGroups(bool),
    /// Show only records within these days.
    SetTimeRange(Day, Day),
    /// Ignore dates (true) or apply the range (false).
    SetAllTime(bool),
    /// Show only records graded at least this, or every record (`None`).
    SetGradeFloor(Option<crate::data::Grade>),
    /// Count a presence record observed before the dates as current when last reported
    /// within this many months before their end.
    SetRecencyMonths(u32),
    /// Start or stop stepping month by month.
    Play(bool),
    /// What Play steps: 0 grows the range; 3 or 12 slides a window of that many months.
    SetPlayWindow(u32),
    /// Compare two periods (the change map), or show one period (`None`).
    SetComparison(Option<crate::scene::periods::Periods>),
    /// Compare what changed since the open deck file was saved (its modification day).
    CompareSinceDeckSaved,
}

impl From<FilterCommand> for Command {
    fn from(command: FilterCommand) -> Self {
        Self::Filter(command)
    }
}

/// The deck of slides, its files and the exports made from the map.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum DeckCommand {
    /// Captures the current view as a new slide after the current one.
    AddSlide,
    /// Shows a slide: restores its view, groups, dates, selection and panels.
    GoToSlide(usize),
    /// The next slide (presenting: → or PageDown).
    NextSlide,
    /// The previous slide (presenting: ← or PageUp).
    PreviousSlide,
    /// Moves a slide to another place in the deck.
    MoveSlide {
        /// Its index now.
        from: usize,
        /// Its index after the move.
        to: usize,
    },
    /// Renames a slide.
    RenameSlide(usize, String),
    /// Replaces a slide's presenter notes.
    SetSlideNotes(usize, String),
    /// Deletes a slide.
    DeleteSlide(usize),
    /// Exports the current view.
    ExportView(ExportRequest),
    /// Exports every slide into a folder (one PNG each, one PDF and one PowerPoint deck of them
    /// all), on a thread of its own.
    ExportDeck {
        /// The folder (made if missing).
        folder: std::path::PathBuf,
        /// Replace files of the same names (the user confirmed).
        overwrite: bool,
    },
    /// Stops the deck export under way; nothing of it is written.
    CancelDeckExport,
    /// Adds the slides of a file left behind by an earlier session to the deck, then removes
    /// the file (kept if the deck cannot be autosaved).
    AddLeftBehind(PathBuf),
    /// Removes a file of slides left behind by an earlier session.
    DiscardLeftBehind(PathBuf),
    /// Leaves the files of slides left behind as they are (they are shown again next start).
    KeepLeftBehind,
    /// Starts an empty deck.
    NewDeck,
    /// Opens a deck file (None: ask with a file dialog).
    OpenDeck(Option<std::path::PathBuf>),
    /// Saves the deck (None: where it was last saved, or ask).
    SaveDeck(Option<std::path::PathBuf>),
    /// Asks where to save the deck, then saves it there.
    SaveDeckAs,
}

impl From<DeckCommand> for Command {
    fn from(command: DeckCommand) -> Self {
        Self::Deck(command)
    }
}

/// The data files the atlas shows: data set, boundaries, CSV imports.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum DataCommand {
    /// Opens an atlas data set (None: ask with a file dialog).
    OpenDataSet(Option<std::path::PathBuf>),
    /// Opens a boundary file (None: ask with a file dialog).
    OpenBoundaries(Option<std::path::PathBuf>),
    /// Adds a CSV of presence records or events to the data set (None: ask with a dialog).
    ImportCsv(Option<std::path::PathBuf>),
    /// Drops the imported CSV files.
    RemoveImports,
    /// Goes back to the data built into the app.
    UseBuiltInData,
    /// Loads the open data files again (they were saved).
    ReloadData,
    /// Opens whatever was dropped on the window: a data set, boundaries, a CSV or a deck.
    OpenDropped(std::path::PathBuf),
}

impl From<DataCommand> for Command {
    fn from(command: DataCommand) -> Self {
        Self::Data(command)
    }
}

/// A change to the event data or the Events layer.
#[derive(Clone, Debug, PartialEq)]
pub enum EventsCommand {
    /// Adds an event file to those shown (None: ask with a file dialog).
    Open(Option<PathBuf>),
    /// Stops the load in progress; the events shown before stay.
    CancelLoad,
    /// Closes one event file.
    Close(PathBuf),
    /// Closes every event file.
    CloseAll,
    /// Reads the open files again (one was saved, or the boundaries changed).
    Reload,
    /// How the layer draws.
    SetLayer(EventLayerSettings),
    /// Opens the card of an event (its index over all open files), or closes it.
    ShowEvent(Option<u32>),
    /// Maps an actor name to a group id (None: forgets its alias), and saves the table.
    MapActor {
        /// The actor as the files write it.
        actor: String,
        /// The group's id.
        group: Option<String>,
    },
    /// Opens or closes the Event data window (files, rows not placed, unmapped actors).
    ShowWindow(bool),
    /// The event types left off the layer, its counts and exports (by name).
    SetHiddenTypes(std::collections::BTreeSet<String>),
}
