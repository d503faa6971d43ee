//! [`AtlasApp`]: owns the atlas, its geometry, the user's state and the widgets' memories, lays
//! out the panels, and applies the [`Command`]s they return — the one place state changes.

pub mod events;

use std::path::{Path, PathBuf};

use egui::{CentralPanel, Context, Key, KeyboardShortcut, Modifiers, Panel, Pos2, Ui};

use crate::{
    charts::economy::economy_ui,
    data::{
        Atlas, DataFiles, Day, Problem, ProvinceIdx, files::FileKind, load_embedded,
        watch::FileWatcher,
    },
    deck::{self, Deck, Slide},
    export::{self, MapExport, export_to_file},
    geometry::MapGeometry,
    map::{MapMemory, MapWidget, view},
    panels::{
        ExportDialog, GroupPanel, HistoryPanel, PresentationView, ProvinceList, SlidesPanel,
        about_window, claims_ui, detail_tabs_ui, legend_ui, notes_window, presentation_keys,
        problems_window, province_card_ui, region_ui, sources_panel_ui, time_control_ui,
        top_bar_ui,
    },
    scene::{self, MapScene},
    state::{
        AppState, Command, ContextTab, DetailTab, ExportRequest, MapView, Notice, Presentation,
        TIME_START,
    },
};

/// Ctrl+E (⌘E on a Mac): export the current view.
const EXPORT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// How often open data files are looked at for changes.
const WATCH_POLL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(250);

/// Ctrl+Q (⌘Q on a Mac): quit.
const QUIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// Seconds per month while the time control plays.
const PLAY_SECS_PER_MONTH: f32 = 0.7;

/// How much of the screen the window takes on the first start.
const WINDOW_SHARE_OF_SCREEN: f32 = 0.9;

/// The widest the side panels may be, as shares of the window's width: together they leave
/// the map at least half the window.
const LEFT_PANEL_MAX_SHARE: f32 = 0.2;
const RIGHT_PANEL_MAX_SHARE: f32 = 0.3;
/// The tallest the context drawer may be, as a share of the window's height.
const CONTEXT_DRAWER_MAX_SHARE: f32 = 0.45;

/// How quickly animated view changes settle (per second, exponential).
const VIEW_EASING_PER_SEC: f32 = 10.0;

/// The Resistance Atlas application.
pub struct AtlasApp {
    atlas: Atlas,
    geometry: MapGeometry,
    state: AppState,
    map: MapMemory,
    province_list: ProvinceList,
    group_panel: GroupPanel,
    history_panel: HistoryPanel,
    slides_panel: SlidesPanel,
    export_dialog: ExportDialog,
    /// The slides of the briefing being built.
    deck: Deck,
    /// Where the deck is autosaved after every change, or why it cannot be (in tests: not
    /// used).
    autosave: Result<PathBuf, String>,
    /// Why the last change to the deck was saved nowhere (no autosave, or it failed); `None`
    /// once the deck is on disk somewhere.
    unsaved_because: Option<String>,
    /// Whether "Save your slides before quitting?" is showing.
    quit_prompt: bool,
    /// Whether the user chose to quit although slides are unsaved.
    quit_confirmed: bool,
    /// Where the window was, and its size, before presenting full screen.
    windowed: Option<(egui::Pos2, egui::Vec2)>,
    /// Problems of data files that could not be used; the atlas shown is the last good one.
    rejected: Vec<Problem>,
    /// Watches the user's data files, to reload them when saved.
    watcher: FileWatcher,
    /// When to look at the watched files next.
    next_watch_poll: std::time::Instant,
    /// The last day any record covers: the end of the time control.
    latest_day: Day,
    /// Time since the last month step while playing.
    play_elapsed_secs: f32,
    /// Whether the bundled font has been given to egui (done in the first frame).
    fonts_installed: bool,
    /// Whether the first frame has been painted (noted in the log, for start-up time).
    first_frame_shown: bool,
    /// Event files: loaded, loading, actor aliases, the open card.
    events: events::EventsState,
}

impl AtlasApp {
    /// The app with the embedded data, restoring saved state when eframe has some.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let saved = cc.storage.and_then(|s| s.get_string(eframe::APP_KEY));
        let (state, unreadable_state) = crate::saved::restore(saved.as_deref());
        cc.egui_ctx.set_theme(state.theme);
        // The user's own data files when they had opened some, else the built-in data; if theirs
        // no longer load, the built-in data with the problems shown (and the files watched, so
        // fixing them brings them back).
        let (atlas, rejected) = match state.data_files.load() {
            Ok(atlas) => (atlas, Vec::new()),
            Err(problems) => (load_embedded(), problems),
        };
        let mut app = Self::with_state(atlas, state);
        app.watch_data_files();
        let (events, aliases_problem) =
            events::EventsState::from_data_folder(crate::data_dir().as_deref());
        app.events = events;
        if !app.state.event_files.is_empty() {
            app.load_events(app.state.event_files.clone());
        }
        if let Some(problem) = aliases_problem {
            app.state.notice = Some(Notice::failed(problem));
        }
        if !rejected.is_empty() {
            app.rejected = rejected;
            app.state.show_problems = true;
        }
        app.use_autosave(deck::autosave_location());
        if let Some(message) = unreadable_state {
            app.state.notice = Some(Notice::failed(message));
        }
        app
    }

    /// The app showing `atlas`, restoring `saved` (eframe's RON text of the state, if any): a
    /// saved state that cannot be read is said so once, and defaults are used.
    pub fn from_saved_state(atlas: Atlas, saved: Option<&str>) -> Self {
        let (state, unreadable) = crate::saved::restore(saved);
        let mut app = Self::with_state(atlas, state);
        app.state.notice = unreadable.map(Notice::failed);
        app
    }

    /// Autosaves the deck to `location` (or says why it cannot), starting from the deck found
    /// there. An autosave that cannot be read is left untouched and slides are autosaved to a
    /// new file beside it.
    pub fn use_autosave(&mut self, location: Result<PathBuf, String>) {
        match location {
            Ok(path) => {
                let start = deck::restore_autosave(&path);
                if let Some(error) = &start.unreadable {
                    log::warn!("autosaved deck not read: {error}");
                    let beside = start.path.file_name().unwrap_or_default().to_string_lossy();
                    self.state.notice = Some(Notice::failed(format!(
                        "The autosaved deck could not be read and was left as it is; new slides are saved to {beside} ({error})"
                    )));
                }
                self.deck = start.deck;
                self.autosave = Ok(start.path);
            }
            Err(reason) => {
                self.state.notice = Some(Notice::failed(format!(
                    "Slides cannot be autosaved: {reason}. Use Save as… to keep them"
                )));
                self.autosave = Err(reason);
            }
        }
    }

    /// The app showing `atlas`, starting from `state`.
    pub fn with_state(atlas: Atlas, mut state: AppState) -> Self {
        let geometry = MapGeometry::build(&atlas);
        state.show_problems = !atlas.problems.is_empty();
        // A saved view is brought back onto the map (zoom 0 or −5 would show nothing).
        state.view = view::contain(state.view, geometry.bounds_in_map);
        if state.filters.visible_groups.is_none() {
            state.filters.visible_groups = Some(scene::default_visible_groups(&atlas));
        }
        let latest_day = atlas.latest_record_day();
        let time = &mut state.filters.time;
        if time.to > latest_day || time.to < time.from {
            time.to = latest_day;
        }
        time.from = time.from.clamp(TIME_START, time.to);
        Self {
            atlas,
            geometry,
            state,
            map: MapMemory::default(),
            province_list: ProvinceList::default(),
            group_panel: GroupPanel::default(),
            history_panel: HistoryPanel::default(),
            slides_panel: SlidesPanel::default(),
            export_dialog: ExportDialog::default(),
            deck: Deck::default(),
            autosave: Err("the deck is not autosaved in tests".to_owned()),
            unsaved_because: None,
            quit_prompt: false,
            quit_confirmed: false,
            windowed: None,
            rejected: Vec::new(),
            watcher: FileWatcher::default(),
            next_watch_poll: std::time::Instant::now(),
            latest_day,
            play_elapsed_secs: 0.0,
            fonts_installed: false,
            first_frame_shown: false,
            events: events::EventsState::default(),
        }
    }

    /// The app showing `atlas` from a fresh state.
    pub fn from_atlas(atlas: Atlas) -> Self {
        Self::with_state(atlas, AppState::default())
    }

    /// Where the map was drawn in the last frame, in screen points.
    pub fn map_rect(&self) -> Option<egui::Rect> {
        self.map.last_frame.map(|(rect, _)| rect)
    }

    /// The province names placed on the map in the last frame.
    pub fn map_labels(&self) -> &[crate::geometry::labels::PlacedLabel] {
        self.map.placed_labels()
    }

    /// The loaded data.
    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    /// Projected geometry of the loaded provinces.
    pub fn geometry(&self) -> &MapGeometry {
        &self.geometry
    }

    /// The user's current choices.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// What the map overlays for the current filters.
    pub fn scene(&self) -> MapScene {
        scene::build(
            &self.atlas,
            &self.state.filters,
            self.state.highlighted_source.as_deref(),
        )
    }

    /// Where the history timeline drew each event in the last frame.
    pub fn history_event_positions(&self) -> &[(usize, Pos2)] {
        &self.history_panel.event_positions
    }

    /// The slides of the deck.
    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    /// Shows events already read and counted (benchmarks and tests; the app reads files with
    /// [`events::EventsCommand::Open`]).
    pub fn show_events(&mut self, events: crate::map::events_scene::LoadedEvents) {
        self.events.loaded = Some(events);
        self.latest_day = self.latest_shown_day();
    }

    /// The event data: loaded, loading, aliases.
    pub fn events(&self) -> &events::EventsState {
        &self.events
    }

    /// The last day any record covers.
    pub fn latest_day(&self) -> Day {
        self.latest_day
    }

    /// Where a map-space point was on screen in the last frame.
    pub fn screen_pos_of(&self, pos_in_map: Pos2) -> Option<Pos2> {
        self.map
            .last_frame
            .map(|(_, transform)| transform * pos_in_map)
    }

    /// Lays out and runs one frame of the whole app.
    pub fn show(&mut self, ui: &mut Ui) {
        if !self.fonts_installed {
            crate::fonts::install_fonts(ui.ctx());
            crate::theme::apply(ui.ctx());
            self.fonts_installed = true;
            if let Some(ms) = crate::diagnostics::millis_since_start() {
                log::info!("first frame begins {ms:.0} ms after start");
            }
            // The second frame follows at once, so its start marks the first one on screen.
            ui.ctx().request_repaint();
        } else if !self.first_frame_shown {
            self.first_frame_shown = true;
            if let Some(ms) = crate::diagnostics::millis_since_start() {
                log::info!("first frame shown {ms:.0} ms after start");
            }
        }
        self.size_window_to_screen(ui.ctx());
        self.step_animation(ui.ctx());
        let mut commands: Vec<Command> = Vec::new();
        commands.extend(self.step_play(ui.ctx()));
        commands.extend(presentation_keys(ui.ctx(), &self.state));
        if ui.input_mut(|i| i.consume_shortcut(&EXPORT_SHORTCUT)) {
            commands.push(Command::ShowExport(true));
        }
        if ui.input_mut(|i| i.consume_shortcut(&QUIT_SHORTCUT)) {
            commands.push(Command::Quit);
        }
        commands.extend(self.watch_and_drops(ui.ctx()));
        self.poll_events(ui.ctx());
        let scene = self.scene();

        if self.state.presentation.is_some() {
            let event_view = self
                .events
                .loaded
                .as_ref()
                .map(|loaded| loaded.view(&self.atlas, &self.state.filters));
            let view = PresentationView {
                atlas: &self.atlas,
                geometry: &self.geometry,
                state: &self.state,
                scene: &scene,
                deck: &self.deck,
                events: event_view.as_ref(),
            };
            commands.extend(view.show(ui, &mut self.map));
        } else {
            commands.extend(self.explore_ui(ui, &scene));
        }
        commands.extend(notes_window(ui.ctx(), &self.deck, &self.state));
        commands.extend(self.guard_quit(ui.ctx()));

        if !commands.is_empty() {
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(ui.ctx(), command);
        }
    }

    /// The explorer: top bar, panels, map and windows.
    fn explore_ui(&mut self, ui: &mut Ui, scene: &MapScene) -> Vec<Command> {
        let mut commands = Vec::new();
        let event_view = self
            .events
            .loaded
            .as_ref()
            .map(|loaded| loaded.view(&self.atlas, &self.state.filters));
        let event_view = event_view.as_ref();
        Panel::top("top_bar").show(ui, |ui| {
            commands.extend(top_bar_ui(ui, &self.atlas, &self.state));
        });
        // The Dates bar first, so it spans the window and no panel can push it off.
        Panel::bottom("time_control").show(ui, |ui| {
            commands.extend(time_control_ui(ui, &self.state, self.latest_day));
        });
        let window = ui.ctx().content_rect().size();
        if let Some(tab) = self.state.context_tab {
            let tallest = (window.y * CONTEXT_DRAWER_MAX_SHARE).max(160.0);
            Panel::bottom("context")
                .resizable(true)
                .default_size(360.0_f32.min(tallest))
                .size_range(160.0_f32.min(tallest)..=tallest)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    match tab {
                        ContextTab::Economy => economy_ui(ui, &self.atlas),
                        ContextTab::Claims => claims_ui(ui, &self.atlas),
                        ContextTab::History => {
                            commands.extend(self.history_panel.ui(ui, &self.atlas))
                        }
                        ContextTab::Region => region_ui(ui, &self.atlas),
                    }
                });
        }
        let widest_left = (window.x * LEFT_PANEL_MAX_SHARE).max(200.0);
        Panel::left("explore")
            .resizable(true)
            .default_size(240.0_f32.min(widest_left))
            .size_range(180.0_f32.min(widest_left)..=widest_left)
            .show(ui, |ui| {
                ui.add_space(6.0);
                commands.extend(legend_ui(ui, &self.atlas, scene));
                if let (Some(loaded), Some(view)) = (&self.events.loaded, event_view) {
                    ui.separator();
                    commands.extend(crate::panels::events_legend::events_legend_ui(
                        ui,
                        &self.atlas,
                        loaded,
                        view,
                        self.state.view.zoom,
                    ));
                }
                ui.separator();
                commands.extend(self.province_list.ui(ui, &self.atlas, &self.state));
            });
        let widest_right = (window.x * RIGHT_PANEL_MAX_SHARE).max(260.0);
        Panel::right("details")
            .resizable(true)
            .default_size(360.0_f32.min(widest_right))
            .size_range(240.0_f32.min(widest_right)..=widest_right)
            .show(ui, |ui| {
                commands.extend(detail_tabs_ui(ui, &self.state));
                ui.separator();
                let tab_commands: Vec<Command> = match self.state.detail_tab {
                    DetailTab::Province => province_card_ui(
                        ui,
                        &self.atlas,
                        &self.geometry,
                        &self.state,
                        self.events.loaded.as_ref(),
                    )
                    .into_iter()
                    .collect(),
                    DetailTab::Group => self
                        .group_panel
                        .ui(ui, &self.atlas, &self.state, self.events.loaded.as_ref())
                        .into_iter()
                        .collect(),
                    DetailTab::Sources => sources_panel_ui(ui, &self.atlas, &self.state)
                        .into_iter()
                        .collect(),
                    DetailTab::Slides => self.slides_panel.ui(ui, &self.deck, &self.state),
                };
                commands.extend(tab_commands);
            });
        CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(
                MapWidget::new(&self.atlas, &self.geometry, &self.state, scene)
                    .events(event_view)
                    .show(ui, &mut self.map),
            );
            crate::panels::time_control::play_date_stamp(ui, ui.max_rect(), &self.state);
        });

        commands.extend(about_window(ui.ctx(), &self.atlas, self.state.show_about));
        commands.extend(problems_window(
            ui.ctx(),
            &self.atlas,
            &self.rejected,
            self.state.show_problems,
        ));
        commands.extend(self.export_dialog.show(ui.ctx(), &self.state));
        commands.extend(crate::panels::event_data::loading_window(
            ui.ctx(),
            &self.events,
        ));
        commands.extend(crate::panels::event_data::event_data_window(
            ui.ctx(),
            &self.atlas,
            &self.events,
        ));
        commands.extend(crate::panels::event_card::event_card_window(
            ui.ctx(),
            &self.atlas,
            self.events.loaded.as_ref(),
            self.events.card.as_ref(),
        ));
        commands
    }

    /// On the first start, sizes the window to 90 % of its screen and centres it (nothing else
    /// does without a window manager, and a fixed size suits no screen). Later starts keep the
    /// size the user chose.
    fn size_window_to_screen(&mut self, ctx: &Context) {
        if self.state.window_sized {
            return;
        }
        let Some(monitor) = ctx.input(|i| i.viewport().monitor_size) else {
            return;
        };
        if monitor.x < 1.0 || monitor.y < 1.0 {
            return;
        }
        let size = monitor * WINDOW_SHARE_OF_SCREEN;
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(
            ((monitor - size) / 2.0).to_pos2(),
        ));
        self.state.window_sized = true;
    }

    /// Full screen for presenting, and back. Also sizes the window to the screen itself (and
    /// back to where it was), for setups without a window manager, where the full-screen
    /// request alone changes nothing.
    fn fill_screen(&mut self, ctx: &Context, on: bool) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        let (monitor, inner, outer) = ctx.input(|i| {
            let viewport = i.viewport();
            (
                viewport.monitor_size,
                viewport.inner_rect,
                viewport.outer_rect,
            )
        });
        if on {
            if let (Some(monitor), Some(inner), Some(outer)) = (monitor, inner, outer) {
                self.windowed = Some((outer.min, inner.size()));
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
            }
        } else if let Some((position, size)) = self.windowed.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(position));
        }
    }

    fn step_animation(&mut self, ctx: &Context) {
        let Some(target) = self.state.view_target else {
            return;
        };
        let dt = ctx.input(|i| i.stable_dt).min(0.1);
        let t = 1.0 - (-VIEW_EASING_PER_SEC * dt).exp();
        self.state.view = self.state.view.approach(target, t);
        if self.state.view.is_close_to(target) {
            self.state.view = target;
            self.state.view_target = None;
        } else {
            ctx.request_repaint();
        }
    }

    fn step_play(&mut self, ctx: &Context) -> Option<Command> {
        if !self.state.playing {
            return None;
        }
        ctx.request_repaint();
        self.play_elapsed_secs += ctx.input(|i| i.stable_dt).min(0.1);
        if self.play_elapsed_secs < PLAY_SECS_PER_MONTH {
            return None;
        }
        self.play_elapsed_secs = 0.0;
        let time = self.state.filters.time;
        let next = Day::from_month_index(time.to.month_index() + 1);
        if next > self.latest_day {
            return Some(Command::Play(false));
        }
        Some(Command::SetTimeRange(
            time.from,
            next.end_of_month().min(self.latest_day),
        ))
    }

    /// Applies one command: the only place [`AppState`] changes.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        let bounds = self.geometry.bounds_in_map;
        match command {
            Command::Select(province) => {
                self.state.selected = province;
                if province.is_some() {
                    self.state.detail_tab = DetailTab::Province;
                }
            }
            Command::SelectAndFocus(province) => {
                self.state.selected = Some(province);
                self.state.detail_tab = DetailTab::Province;
                self.state.view_target = Some(self.focus_view(province));
            }
            Command::FocusProvince(province) => {
                self.state.selected = Some(province);
                self.state.view_target = Some(self.focus_view(province));
            }
            Command::SetView(view) => {
                self.state.view = view.clamped();
                self.state.view_target = None;
            }
            Command::AnimateTo(view) => self.state.view_target = Some(view.clamped()),
            Command::ZoomBy(factor) => {
                let from = self.state.view_target.unwrap_or(self.state.view);
                self.state.view_target = Some(
                    MapView {
                        zoom: from.zoom * factor,
                        ..from
                    }
                    .clamped(),
                );
            }
            Command::Fit => self.state.view_target = Some(view::fit_view(bounds)),
            Command::SetTheme(theme) => {
                self.state.theme = theme;
                ctx.set_theme(theme);
            }
            Command::ShowAbout(open) => self.state.show_about = open,
            Command::ShowProblems(open) => self.state.show_problems = open,
            Command::ToggleGroup(group) => {
                let id = &self.atlas.group(group).id;
                let visible = self.state.filters.visible_groups.get_or_insert_default();
                if !visible.remove(id) {
                    visible.insert(id.clone());
                }
            }
            Command::ShowAllGroups(all) => {
                self.state.filters.visible_groups = Some(if all {
                    scene::resistance_groups(&self.atlas)
                } else {
                    Default::default()
                });
            }
            Command::SetTimeRange(from, to) => {
                let to = to.clamp(TIME_START, self.latest_day);
                let time = &mut self.state.filters.time;
                time.from = from.clamp(TIME_START, to);
                time.to = to;
                time.all_time = false;
            }
            Command::SetGradeFloor(floor) => self.state.filters.min_grade = floor,
            Command::SetAllTime(all) => {
                self.state.filters.time.all_time = all;
                if all {
                    self.state.playing = false;
                }
            }
            Command::Play(play) => {
                self.state.playing = play;
                self.play_elapsed_secs = 0.0;
                let time = &mut self.state.filters.time;
                if play && (time.all_time || time.to >= self.latest_day) {
                    time.all_time = false;
                    time.to = time.from.end_of_month();
                }
            }
            Command::OpenGroup(group) => {
                self.state.selected_group = Some(group);
                self.state.detail_tab = DetailTab::Group;
            }
            Command::ShowTab(tab) => self.state.detail_tab = tab,
            Command::HighlightSource(source) => self.state.highlighted_source = source,
            Command::ShowContext(tab) => self.state.context_tab = tab,
            Command::AddSlide => {
                let slide = self.capture_slide();
                let at = self
                    .state
                    .current_slide
                    .map_or(self.deck.slides.len(), |i| {
                        (i + 1).min(self.deck.slides.len())
                    });
                self.deck.slides.insert(at, slide);
                self.state.current_slide = Some(at);
                self.state.detail_tab = DetailTab::Slides;
                self.deck_changed();
            }
            Command::GoToSlide(index) => self.go_to_slide(index),
            Command::NextSlide => {
                let next = self.state.current_slide.map_or(0, |i| i + 1);
                self.go_to_slide(next);
            }
            Command::PreviousSlide => {
                if let Some(previous) = self.state.current_slide.and_then(|i| i.checked_sub(1)) {
                    self.go_to_slide(previous);
                }
            }
            Command::MoveSlide { from, to } => {
                let count = self.deck.slides.len();
                if from < count && to < count && from != to {
                    let slide = self.deck.slides.remove(from);
                    self.deck.slides.insert(to, slide);
                    self.state.current_slide =
                        self.state.current_slide.map(|c| moved_index(c, from, to));
                    self.deck_changed();
                }
            }
            Command::RenameSlide(index, title) => {
                if let Some(slide) = self.deck.slides.get_mut(index) {
                    slide.title = title;
                    self.deck_changed();
                }
            }
            Command::SetSlideNotes(index, notes) => {
                if let Some(slide) = self.deck.slides.get_mut(index) {
                    slide.notes = notes;
                    self.deck_changed();
                }
            }
            Command::DeleteSlide(index) => {
                if index < self.deck.slides.len() {
                    self.deck.slides.remove(index);
                    let count = self.deck.slides.len();
                    self.state.current_slide = match self.state.current_slide {
                        _ if count == 0 => None,
                        Some(c) if c > index => Some(c - 1),
                        Some(c) => Some(c.min(count - 1)),
                        None => None,
                    };
                    self.deck_changed();
                }
            }
            Command::Present(on) => {
                if on {
                    self.state.presentation = Some(Presentation::default());
                    // From the slide last shown, or the first.
                    if !self.deck.slides.is_empty() {
                        self.go_to_slide(self.state.current_slide.unwrap_or(0));
                    }
                } else {
                    self.state.presentation = None;
                }
                self.fill_screen(ctx, on);
            }
            Command::ToggleBlank => {
                if let Some(presentation) = &mut self.state.presentation {
                    presentation.blank = !presentation.blank;
                }
            }
            Command::ShowNotes(open) => self.state.show_notes = open,
            Command::ShowExport(open) => self.state.show_export = open,
            Command::ExportView(request) => self.export_view(&request),
            Command::ExportDeck { folder, overwrite } => {
                self.state.notice = Some(
                    match export::export_deck(
                        &self.atlas,
                        &self.geometry,
                        &self.deck,
                        self.events.loaded.as_ref(),
                        &folder,
                        overwrite,
                    ) {
                        Ok(paths) => Notice::done(format!(
                            "Exported {} slide{} as PNG and PDF to {}",
                            paths.len().saturating_sub(1),
                            if paths.len() == 2 { "" } else { "s" },
                            folder.display()
                        )),
                        Err(error) => Notice::failed(format!("Deck not exported: {error}")),
                    },
                );
            }
            Command::NewDeck => {
                self.keep_previous_deck();
                self.deck = Deck::default();
                self.state.deck_path = None;
                self.state.current_slide = None;
                self.deck_changed();
            }
            Command::OpenDeck(path) => {
                if let Some(path) = path.or_else(|| pick_file("Resistance Atlas deck", &["json"])) {
                    self.open_deck(&path);
                }
            }
            Command::SaveDeck(path) => match path.or_else(|| self.state.deck_path.clone()) {
                Some(path) => self.save_deck(&path),
                None => self.apply(ctx, Command::SaveDeckAs),
            },
            Command::SaveDeckAs => {
                let chosen = rfd::FileDialog::new()
                    .add_filter("Resistance Atlas deck", &["json"])
                    .set_file_name("briefing.json")
                    .save_file();
                if let Some(path) = chosen {
                    self.save_deck(&path);
                }
            }
            Command::DismissNotice => self.state.notice = None,
            Command::OpenDataSet(path) => {
                if let Some(path) = path.or_else(|| pick_file("Atlas data set", &["json"])) {
                    let files = DataFiles {
                        atlas: Some(path),
                        ..self.state.data_files.clone()
                    };
                    self.load_data(files);
                }
            }
            Command::OpenBoundaries(path) => {
                let path = path.or_else(|| pick_file("GeoJSON boundaries", &["geojson", "json"]));
                if let Some(path) = path {
                    let files = DataFiles {
                        boundaries: Some(path),
                        ..self.state.data_files.clone()
                    };
                    self.load_data(files);
                }
            }
            Command::ImportCsv(path) => {
                let path = path.or_else(|| pick_file("Presence or events (CSV)", &["csv"]));
                if let Some(path) = path {
                    let mut files = self.state.data_files.clone();
                    if !files.imports.contains(&path) {
                        files.imports.push(path);
                    }
                    self.load_data(files);
                }
            }
            Command::RemoveImports => {
                let files = DataFiles {
                    imports: Vec::new(),
                    ..self.state.data_files.clone()
                };
                self.load_data(files);
            }
            Command::UseBuiltInData => self.load_data(DataFiles::default()),
            Command::ReloadData => self.load_data(self.state.data_files.clone()),
            Command::OpenDropped(path) => match FileKind::of(&path) {
                FileKind::Boundaries => self.apply(ctx, Command::OpenBoundaries(Some(path))),
                FileKind::Deck => self.apply(ctx, Command::OpenDeck(Some(path))),
                FileKind::DataSet => self.apply(ctx, Command::OpenDataSet(Some(path))),
                FileKind::Csv => self.apply(ctx, Command::ImportCsv(Some(path))),
                FileKind::Events => self.apply_events(events::EventsCommand::Open(Some(path))),
            },
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::QuitWithoutSaving => {
                self.quit_confirmed = true;
                self.quit_prompt = false;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::CancelQuit => self.quit_prompt = false,
            Command::Events(command) => self.apply_events(command),
            Command::ResetLayout => {
                let kept = AppState {
                    theme: self.state.theme,
                    deck_path: self.state.deck_path.clone(),
                    data_files: self.state.data_files.clone(),
                    event_files: self.state.event_files.clone(),
                    ..AppState::default()
                };
                self.state = kept;
                self.state.filters.visible_groups =
                    Some(scene::default_visible_groups(&self.atlas));
                self.state.filters.time.to = self.latest_day;
                ctx.memory_mut(|memory| *memory = Default::default());
                ctx.set_theme(self.state.theme);
                self.state.notice = Some(Notice::done("Layout reset"));
            }
        }
    }

    /// Reloads when a watched file was saved, and opens files dropped on the window.
    fn watch_and_drops(&mut self, ctx: &Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let now = std::time::Instant::now();
        if self.watcher.is_watching() {
            if now >= self.next_watch_poll {
                // A few looks a second, not one per frame: panning runs at 60 frames a second.
                self.next_watch_poll = now + WATCH_POLL_INTERVAL;
                if self.watcher.poll(now) {
                    commands.push(Command::ReloadData);
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
        commands.extend(dropped.into_iter().map(Command::OpenDropped));
        commands
    }

    fn watch_data_files(&mut self) {
        self.watcher.watch(self.state.data_files.paths());
    }

    /// Loads `files`; on success shows them, else keeps the data shown and lists the problems.
    /// Either way the files are remembered and watched, so saving a fix reloads them.
    fn load_data(&mut self, files: DataFiles) {
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
    fn replace_atlas(&mut self, atlas: Atlas) {
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

    /// The current view as a slide.
    fn capture_slide(&self) -> Slide {
        let place = self
            .state
            .selected
            .map_or("Afghanistan", |p| self.atlas.province(p).name.as_str());
        let groups: Vec<&str> = self
            .state
            .filters
            .visible_groups
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        Slide {
            title: if groups.is_empty() {
                place.to_owned()
            } else {
                format!("{place}: {}", groups.join(", "))
            },
            notes: String::new(),
            view: self.state.view_target.unwrap_or(self.state.view),
            filters: self.state.filters.clone(),
            selected_province: self
                .state
                .selected
                .map(|p| self.atlas.province(p).code.clone()),
            selected_group: self
                .state
                .selected_group
                .map(|g| self.atlas.group(g).id.clone()),
            detail_tab: self.state.detail_tab,
            context_tab: self.state.context_tab,
        }
    }

    /// Shows slide `index`: its view (animated), groups, dates, selection and panels.
    fn go_to_slide(&mut self, index: usize) {
        let Some(slide) = self.deck.slides.get(index) else {
            return;
        };
        self.state.view_target = Some(view::contain(slide.view, self.geometry.bounds_in_map));
        self.state.filters = slide.filters.clone();
        self.state.filters.time.keep_within(self.latest_day);
        self.state.selected = slide
            .selected_province
            .as_deref()
            .and_then(|code| self.atlas.province_by_code(code));
        self.state.selected_group = slide
            .selected_group
            .as_deref()
            .and_then(|id| self.atlas.group_by_id(id));
        self.state.detail_tab = slide.detail_tab;
        self.state.context_tab = slide.context_tab;
        self.state.playing = false;
        self.state.current_slide = Some(index);
    }

    /// Autosaves the deck after a change, noting when it is saved nowhere.
    fn deck_changed(&mut self) {
        self.unsaved_because = match &self.autosave {
            Ok(path) => match self.deck.save(path) {
                Ok(()) => None,
                Err(error) => {
                    let message = format!("Autosave failed: {error}");
                    self.state.notice = Some(Notice::failed(message.clone()));
                    Some(message)
                }
            },
            Err(reason) => Some(format!("Slides cannot be autosaved: {reason}.")),
        };
    }

    /// Slides that would be lost on quitting: changed since they were last saved anywhere.
    pub fn has_unsaved_slides(&self) -> bool {
        self.unsaved_because.is_some() && !self.deck.slides.is_empty()
    }

    /// Turns a request to close the window into "Save your slides before quitting?" while
    /// slides are saved nowhere, and closes once they are saved.
    fn guard_quit(&mut self, ctx: &egui::Context) -> Option<Command> {
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && !self.quit_confirmed && self.has_unsaved_slides() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.quit_prompt = true;
        }
        if !self.quit_prompt {
            return None;
        }
        if !self.has_unsaved_slides() {
            // Saved with Save as…: quit as asked.
            self.quit_prompt = false;
            return Some(Command::Quit);
        }
        crate::panels::quit_prompt(ctx, self.deck.slides.len(), self.unsaved_because.as_deref())
    }

    /// Before a deck is replaced, keeps a copy of one with slides beside the autosave, so New or
    /// Open never loses work.
    fn keep_previous_deck(&mut self) {
        let Ok(autosave) = &self.autosave else {
            return;
        };
        if self.deck.slides.is_empty() {
            return;
        }
        let folder = crate::export::write::folder_of(autosave);
        if let Err(error) = deck::back_up(&self.deck, &folder) {
            self.state.notice = Some(Notice::failed(format!(
                "Could not keep the previous deck: {error}"
            )));
        }
    }

    fn open_deck(&mut self, path: &Path) {
        match Deck::load(path) {
            Ok(deck) => {
                self.keep_previous_deck();
                let count = deck.slides.len();
                self.deck = deck;
                self.state.deck_path = Some(path.to_path_buf());
                self.state.current_slide = None;
                self.state.detail_tab = DetailTab::Slides;
                self.state.notice = Some(Notice::done(format!(
                    "Opened {} ({count} slide{})",
                    path.display(),
                    if count == 1 { "" } else { "s" }
                )));
                self.deck_changed();
                // Its slides are in the file just opened, even where the autosave failed.
                self.unsaved_because = None;
            }
            Err(error) => {
                self.state.notice = Some(Notice::failed(format!("Deck not opened: {error}")));
            }
        }
    }

    fn save_deck(&mut self, path: &Path) {
        self.state.notice = Some(match self.deck.save(path) {
            Ok(()) => {
                self.state.deck_path = Some(path.to_path_buf());
                self.unsaved_because = None;
                Notice::done(format!("Saved the deck to {}", path.display()))
            }
            Err(error) => Notice::failed(format!("Deck not saved: {error}")),
        });
    }

    /// Exports the current view as the user asked.
    fn export_view(&mut self, request: &ExportRequest) {
        let export = MapExport {
            atlas: &self.atlas,
            geometry: &self.geometry,
            filters: &self.state.filters,
            view: self.state.view_target.unwrap_or(self.state.view),
            title: request.title.clone(),
            subtitle: request.subtitle.clone(),
            selected: self.state.selected,
            events: self.events.loaded.as_ref(),
        };
        self.state.notice = Some(
            match export_to_file(&export, request.size, &request.path, request.overwrite) {
                Ok(()) => Notice::done(format!(
                    "Exported {} ({}×{})",
                    request.path.display(),
                    request.size.width,
                    request.size.height
                )),
                Err(error) => Notice::failed(format!("Not exported: {error}")),
            },
        );
    }

    fn focus_view(&self, province: ProvinceIdx) -> MapView {
        let province_bounds = self.geometry.hit.bounds(province);
        let centre =
            self.geometry.labels[province.0].map_or(province_bounds.center(), |l| l.pos_in_map);
        view::focus_view(self.geometry.bounds_in_map, province_bounds, centre)
    }
}

/// Asks for a file to open with the system's dialog.
pub(crate) fn pick_file(what: &str, extensions: &[&str]) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .add_filter(what, extensions)
        .pick_file()
}

/// Where the slide at `index` ends up when the slide at `from` moves to `to`.
fn moved_index(index: usize, from: usize, to: usize) -> usize {
    if index == from {
        to
    } else if from < index && index <= to {
        index - 1
    } else if to <= index && index < from {
        index + 1
    } else {
        index
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
