//! The data files: data set, boundaries, CSV imports, dropped files.

use std::path::PathBuf;

use egui::Context;

use super::{AtlasApp, pick_file};
use crate::{
    command::{Command, DataCommand, DeckCommand},
    data::{Atlas, DataFiles, files::FileKind},
    geometry::MapGeometry,
    map::MapMemory,
    panels::{GroupPanel, HistoryPanel},
    state::Notice,
};

/// How often open data files are looked at for changes.
const WATCH_POLL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(250);

impl AtlasApp {
    /// Applies a command of this concern.
    pub(super) fn apply_data(&mut self, ctx: &Context, command: DataCommand) {
        match command {
            DataCommand::OpenDataSet(path) => {
                if let Some(path) = path.or_else(|| pick_file("Atlas data set", &["json"])) {
                    let files = DataFiles {
                        atlas: Some(path),
                        ..self.state.data_files.clone()
                    };
                    self.load_data(files);
                }
            }
            DataCommand::OpenBoundaries(path) => {
                let path = path.or_else(|| pick_file("GeoJSON boundaries", &["geojson", "json"]));
                if let Some(path) = path {
                    let files = DataFiles {
                        boundaries: Some(path),
                        ..self.state.data_files.clone()
                    };
                    self.load_data(files);
                }
            }
            DataCommand::ImportCsv(path) => {
                let path = path.or_else(|| pick_file("Presence or events (CSV)", &["csv"]));
                if let Some(path) = path {
                    let mut files = self.state.data_files.clone();
                    if !files.imports.contains(&path) {
                        files.imports.push(path);
                    }
                    self.load_data(files);
                }
            }
            DataCommand::RemoveImports => {
                let files = DataFiles {
                    imports: Vec::new(),
                    ..self.state.data_files.clone()
                };
                self.load_data(files);
            }
            DataCommand::UseBuiltInData => self.load_data(DataFiles::default()),
            DataCommand::ReloadData => self.load_data(self.state.data_files.clone()),
            DataCommand::OpenDropped(path) => match FileKind::of(&path) {
                FileKind::Boundaries => {
                    self.apply(ctx, Command::Data(DataCommand::OpenBoundaries(Some(path))))
                }
                FileKind::Deck => self.apply(ctx, Command::Deck(DeckCommand::OpenDeck(Some(path)))),
                FileKind::DataSet => {
                    self.apply(ctx, Command::Data(DataCommand::OpenDataSet(Some(path))))
                }
                FileKind::Csv => self.apply(ctx, Command::Data(DataCommand::ImportCsv(Some(path)))),
                FileKind::Events => {
                    self.apply_events(crate::command::EventsCommand::Open(Some(path)))
                }
            },
        }
    }

    /// Reloads when a watched file was saved, and opens files dropped on the window.
    pub(super) fn watch_and_drops(&mut self, ctx: &Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let now = std::time::Instant::now();
        if self.watcher.is_watching() {
            if now >= self.next_watch_poll {
                // A few looks a second, not one per frame: panning runs at 60 frames a second.
                self.next_watch_poll = now + WATCH_POLL_INTERVAL;
                if self.watcher.poll(now) {
                    commands.push(Command::Data(DataCommand::ReloadData));
                }
            }
            // Every frame keeps the next look scheduled, so a saved file reloads while the app
            // is idle (a frame without this would drop the wake-up).
            ctx.request_repaint_after(self.next_watch_poll.saturating_duration_since(now));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        commands.extend(
            dropped
                .into_iter()
                .map(|path| Command::Data(DataCommand::OpenDropped(path))),
        );
        commands
    }

    pub(super) fn watch_data_files(&mut self) {
        self.watcher.watch(self.state.data_files.paths());
    }

    /// Loads `files`; on success shows them, else keeps the data shown and lists the problems.
    /// Either way the files are remembered and watched, so saving a fix reloads them.
    pub(super) fn load_data(&mut self, files: DataFiles) {
        let names: Vec<String> = files.paths().map(|p| p.display().to_string()).collect();
        let names = if names.is_empty() {
            "the built-in data".to_owned()
        } else {
            names.join(" and ")
        };
        match files.load() {
            Ok(atlas) => {
                let problems = atlas.problems.len();
                self.replace_atlas(atlas);
                self.rejected.clear();
                self.state.show_problems = problems > 0;
                self.state.notice = Some(if problems == 0 {
                    Notice::done(format!("Loaded {names}"))
                } else {
                    Notice::failed(format!(
                        "Loaded {names}, with {problems} problem{} (see Data problems)",
                        if problems == 1 { "" } else { "s" }
                    ))
                });
            }
            Err(problems) => {
                self.rejected = problems;
                self.state.show_problems = true;
                self.state.notice = Some(Notice::failed(format!(
                    "Could not load {names}; still showing the data loaded before"
                )));
            }
        }
        self.state.data_files = files;
        self.watch_data_files();
    }

    /// Shows a newly loaded atlas, keeping what still makes sense of the user's choices:
    /// selections by code and id, visible groups, dates within the new records.
    pub(super) fn replace_atlas(&mut self, atlas: Atlas) {
        let selected = self
            .state
            .selected
            .map(|p| self.atlas.province(p).code.clone());
        let group = self
            .state
            .selected_group
            .map(|g| self.atlas.group(g).id.clone());
        self.geometry = MapGeometry::build(&atlas);
        self.latest_day = atlas.latest_record_day();
        self.state.selected = selected.and_then(|code| atlas.province_by_code(&code));
        self.state.selected_group = group.and_then(|id| atlas.group_by_id(&id));
        self.atlas = atlas;
        self.scene = None;
        self.state.filters.time.keep_within(self.latest_day);
        self.map = MapMemory::default();
        self.history_panel = HistoryPanel::default();
        self.group_panel = GroupPanel::default();
        // Other boundaries or groups: place and attribute the events again.
        if !self.state.event_files.is_empty() {
            self.load_events(self.state.event_files.clone());
        }
        self.latest_day = self.latest_shown_day();
    }
}
