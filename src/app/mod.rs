//! [`AtlasApp`]: owns the atlas, its geometry, the user's state and the widgets' memories, lays
//! out the panels, and applies the [`Command`]s they return — the one place state changes.

mod data;
mod deck;
mod deck_export;
mod events;
mod filters;
mod left_behind;
pub mod preload;
mod screen;
pub mod signals;

use std::{path::PathBuf, sync::Arc};

use egui::{CentralPanel, Context, Key, KeyboardShortcut, Modifiers, Panel, Pos2, Ui};

use crate::{
    charts::economy::economy_ui,
    command::{Command, ViewCommand},
    data::{Atlas, Day, Problem, load_embedded, watch::FileWatcher},
    deck::Deck,
    geometry::MapGeometry,
    map::{MapMemory, MapWidget},
    panels::{
        ExportDialog, GroupPanel, HistoryPanel, PresentationView, ProvinceList, SlidesPanel,
        about_window, claims_ui, detail_tabs_ui, legend_ui, notes_window, overview_ui,
        presentation_keys, problems_window, province_card_ui, region_ui, sources_panel_ui,
        time_control_ui, top_bar_ui,
    },
    scene::view,
    scene::{self, MapScene},
    state::{AppState, ContextTab, DetailTab, Notice, TIME_START, events::EventsState},
};

/// Ctrl+E (⌘E on a Mac): export the current view.
const EXPORT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// Ctrl+Q (⌘Q on a Mac): quit.
const QUIT_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// The widest the side panels may be, as shares of the window's width: together they leave
/// the map at least half the window.
const LEFT_PANEL_MAX_SHARE: f32 = 0.2;
const RIGHT_PANEL_MAX_SHARE: f32 = 0.3;
/// The room the province list keeps under the legend while nothing is typed in its search box:
/// its heading and the box. The legend takes the rest before it scrolls, so in a
/// low window every key of the map shows and the provinces are a search away.
const PROVINCE_SEARCH_HEIGHT: f32 = 76.0;
/// The most of the left panel's height the legend takes while a search is typed (its matches
/// have the rest).
const LEGEND_SHARE_WHILE_SEARCHING: f32 = 0.45;
/// The share of the window's height the map keeps when the context drawer is open.
const MAP_MIN_HEIGHT_SHARE: f32 = 0.5;
/// The lowest the context drawer may be made, in points.
const CONTEXT_DRAWER_MIN_HEIGHT: f32 = 120.0;

/// The tallest the context drawer may be, given the height left between the top bar and the
/// Dates bar and the window's height: the map keeps [`MAP_MIN_HEIGHT_SHARE`] of the window
/// (in a window too low for both, the drawer keeps [`CONTEXT_DRAWER_MIN_HEIGHT`]).
fn drawer_height_limit(between_bars: f32, window_height: f32) -> f32 {
    (between_bars - MAP_MIN_HEIGHT_SHARE * window_height).max(CONTEXT_DRAWER_MIN_HEIGHT)
}

/// A map overlay and what it was built for (besides the data: replacing the data drops it).
struct KeptScene {
    filters: crate::state::Filters,
    highlighted_source: Option<String>,
    scene: Arc<MapScene>,
    /// In comparison mode, what changed (the scene is its change map).
    comparison: Option<Arc<scene::compare::Comparison>>,
}

/// The Resistance Atlas application.
pub struct AtlasApp {
    atlas: Atlas,
    geometry: MapGeometry,
    /// The map's overlay for the filters it was built for, kept while they and the data stay.
    scene: Option<KeptScene>,
    state: AppState,
    map: MapMemory,
    province_list: ProvinceList,
    group_panel: GroupPanel,
    history_panel: HistoryPanel,
    slides_panel: SlidesPanel,
    export_dialog: ExportDialog,
    /// The slides of the briefing being built.
    deck: Deck,
    /// The deck export under way, on its own thread.
    deck_export: deck_export::DeckExportSlot,
    /// Files of slides an earlier session left behind, until the user decides on them.
    left_behind: Vec<crate::deck_recovery::LeftBehind>,
    /// Where the deck is autosaved after every change, or why it cannot be (in tests: not
    /// used).
    autosave: Result<PathBuf, String>,
    /// This window's hold on the data folder's deck (see [`crate::deck_lock`]), kept while it
    /// runs.
    deck_lock: Option<crate::files::lock::FileLock>,
    /// Why the last change to the deck was saved nowhere (no autosave, or it failed); `None`
    /// once the deck is on disk somewhere.
    unsaved_because: Option<String>,
    /// The slides saved nowhere, shared with the signal handler (see [`signals`]).
    unsaved_slides: signals::UnsavedSlides,
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
    events: EventsState,
}

impl AtlasApp {
    /// The app with the embedded data, restoring saved state when eframe has some.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        Self::new_preloaded(cc, preload::Preloaded::none())
    }

    /// [`Self::new`], taking the built-in data and its geometry from `preloaded` when that is
    /// what the saved state opens.
    pub fn new_preloaded(cc: &eframe::CreationContext<'_>, preloaded: preload::Preloaded) -> Self {
        // A window: the map's slow work goes to its background thread, so no frame waits.
        crate::map::use_a_background_thread();
        let saved = cc.storage.and_then(|s| s.get_string(eframe::APP_KEY));
        let (state, unreadable_state) = crate::saved::restore(saved.as_deref());
        cc.egui_ctx.set_theme(state.theme);
        crate::diagnostics::startup_step("saved state restored");
        // The user's own data files when they had opened some, else the built-in data; if theirs
        // no longer load, the built-in data with the problems shown (and the files watched, so
        // fixing them brings them back).
        let loaded = preloaded.take_for(&state.data_files).unwrap_or_else(|| {
            let atlas = state.data_files.load()?;
            let geometry = MapGeometry::build(&atlas);
            Ok((atlas, geometry))
        });
        let ((atlas, geometry), rejected) = match loaded {
            Ok(loaded) => (loaded, Vec::new()),
            Err(problems) => {
                let atlas = load_embedded();
                let geometry = MapGeometry::build(&atlas);
                ((atlas, geometry), problems)
            }
        };
        crate::diagnostics::startup_step("data loaded and map geometry built");
        let mut app = Self::with_geometry(atlas, geometry, state);
        app.watch_data_files();
        let (events, aliases_problem) = EventsState::from_data_folder(crate::data_dir().as_deref());
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
        app.use_autosave(crate::deck::autosave_location());
        let autosave = app.autosave.as_ref().ok().cloned();
        app.look_for_left_behind_slides(&crate::deck_recovery::recovery_folders(
            autosave.as_deref(),
        ));
        if let Err(error) = app.save_slides_on_signals(&cc.egui_ctx) {
            log::warn!("SIGTERM, SIGHUP and SIGINT will not save slides: {error}");
        }
        if let Some(message) = unreadable_state {
            app.state.notice = Some(Notice::failed(message));
        }
        crate::diagnostics::startup_step("events, autosaved deck, left-behind slides, signals");
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
                let claim = match crate::deck_lock::claim_autosave(&path) {
                    Ok(claim) => claim,
                    Err(reason) => return self.use_autosave(Err(reason)),
                };
                let start = claim.start;
                self.deck_lock = claim.lock;
                self.slides_panel.own_copy = claim
                    .own_copy
                    .then(|| crate::deck_lock::own_copy_message(&start.path));
                if let Some(message) = &self.slides_panel.own_copy {
                    self.state.notice = Some(Notice::failed(message.clone()));
                }
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
                self.deck_lock = None;
                self.slides_panel.own_copy = None;
            }
        }
    }

    /// The app showing `atlas`, starting from `state`.
    pub fn with_state(atlas: Atlas, state: AppState) -> Self {
        let geometry = MapGeometry::build(&atlas);
        Self::with_geometry(atlas, geometry, state)
    }

    /// [`Self::with_state`] with `atlas`'s geometry already built.
    fn with_geometry(atlas: Atlas, geometry: MapGeometry, mut state: AppState) -> Self {
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
            scene: None,
            state,
            map: MapMemory::default(),
            province_list: ProvinceList::default(),
            group_panel: GroupPanel::default(),
            history_panel: HistoryPanel::default(),
            slides_panel: SlidesPanel::default(),
            export_dialog: ExportDialog::default(),
            deck: Deck::default(),
            deck_export: deck_export::DeckExportSlot::default(),
            left_behind: Vec::new(),
            autosave: Err("the deck is not autosaved in tests".to_owned()),
            deck_lock: None,
            unsaved_because: None,
            unsaved_slides: signals::UnsavedSlides::default(),
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
            events: EventsState::default(),
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

    /// The inset of the Kabul–Panjshir cluster on the map in the last frame, if any.
    pub fn map_inset(&self) -> Option<&crate::scene::labels::Inset> {
        self.map.inset()
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

    /// What the map overlays for the current filters: in comparison mode, the change map.
    pub fn scene(&self) -> MapScene {
        if let Some(comparison) = self.comparison() {
            return comparison.change_scene();
        }
        scene::build(
            &self.atlas,
            &self.state.filters,
            self.state.highlighted_source.as_deref(),
        )
    }

    /// In comparison mode, what changed between the two periods.
    pub fn comparison(&self) -> Option<scene::compare::Comparison> {
        let periods = self.state.filters.compare?;
        Some(scene::compare::compare(
            &self.atlas,
            &self.state.filters,
            periods,
        ))
    }

    /// [`Self::scene`], built again only when the filters, the highlighted source or the data
    /// changed since the last frame.
    fn current_scene(&mut self) -> Arc<MapScene> {
        let highlighted = self.state.highlighted_source.as_deref();
        match &self.scene {
            Some(kept)
                if kept.filters == self.state.filters
                    && kept.highlighted_source.as_deref() == highlighted =>
            {
                Arc::clone(&kept.scene)
            }
            _ => {
                let comparison = self.comparison().map(Arc::new);
                let scene = Arc::new(match &comparison {
                    Some(comparison) => comparison.change_scene(),
                    None => self.scene(),
                });
                self.scene = Some(KeptScene {
                    filters: self.state.filters.clone(),
                    highlighted_source: self.state.highlighted_source.clone(),
                    scene: Arc::clone(&scene),
                    comparison,
                });
                scene
            }
        }
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
    pub fn show_events(&mut self, events: crate::scene::events::LoadedEvents) {
        self.events.loaded = Some(events);
        self.latest_day = self.latest_shown_day();
    }

    /// The event data: loaded, loading, aliases.
    pub fn events(&self) -> &EventsState {
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
            crate::diagnostics::startup_step("first frame begun");
            crate::fonts::install_fonts(ui.ctx());
            crate::theme::apply(ui.ctx());
            crate::diagnostics::startup_step("fonts and theme installed");
            self.fonts_installed = true;
            if let Some(ms) = crate::diagnostics::millis_since_start() {
                log::info!("first frame begins {ms:.0} ms after start");
            }
            // The second frame follows at once, so its start marks the first one on screen.
            ui.ctx().request_repaint();
        } else if !self.first_frame_shown && ui.ctx().cumulative_frame_nr() > 0 {
            // (Not the first frame's second pass, which egui runs when a widget new in it,
            // such as a grid, asks to be laid out again with its size known.)
            self.first_frame_shown = true;
            if let Some(ms) = crate::diagnostics::millis_since_start() {
                log::info!("first frame shown {ms:.0} ms after start");
            }
            crate::diagnostics::started_up();
        }
        self.size_window_to_screen(ui.ctx());
        self.step_animation(ui.ctx());
        let mut commands: Vec<Command> = Vec::new();
        commands.extend(self.step_play(ui.ctx()));
        commands.extend(presentation_keys(ui.ctx(), &self.state));
        if ui.input_mut(|i| i.consume_shortcut(&EXPORT_SHORTCUT)) {
            commands.push(Command::View(ViewCommand::ShowExport(true)));
        }
        if ui.input_mut(|i| i.consume_shortcut(&QUIT_SHORTCUT)) {
            commands.push(Command::View(ViewCommand::Quit));
        }
        commands.extend(self.watch_and_drops(ui.ctx()));
        self.poll_events(ui.ctx());
        self.poll_deck_export();
        let mut scene = self.current_scene();
        if events::event_view(&self.events, &self.atlas, &self.state.filters)
            .is_some_and(|view| view.draws_choropleth())
        {
            // The events choropleth replaces the group layer: neither drawn nor in the legend.
            let mut shaded = (*scene).clone();
            crate::scene::events::under_choropleth(&mut shaded);
            scene = Arc::new(shaded);
        }

        if self.state.presentation.is_some() {
            let event_view = events::event_view(&self.events, &self.atlas, &self.state.filters);
            let view = PresentationView {
                atlas: &self.atlas,
                geometry: &self.geometry,
                state: &self.state,
                scene: &scene,
                deck: &self.deck,
                events: event_view.as_ref(),
            };
            commands.extend(view.show(ui, &mut self.map));
            self.paint_change_marks(ui, true);
        } else {
            commands.extend(self.explore_ui(ui, &scene));
        }
        commands.extend(notes_window(ui.ctx(), &self.deck, &self.state));
        commands.extend(crate::panels::deck_export_progress::deck_export_window(
            ui.ctx(),
            self.deck_export(),
        ));
        if self.state.presentation.is_none() {
            commands.extend(crate::panels::deck_left_behind::left_behind_window(
                ui.ctx(),
                &self.left_behind,
            ));
        }
        commands.extend(self.guard_quit(ui.ctx()));

        if !commands.is_empty() {
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(ui.ctx(), command);
        }
        if !self.first_frame_shown {
            let pass = ui.ctx().current_pass_index() + 1;
            crate::diagnostics::startup_step(&format!("first frame's pass {pass} laid out"));
        }
    }

    /// The explorer: top bar, panels, map and windows.
    fn explore_ui(&mut self, ui: &mut Ui, scene: &MapScene) -> Vec<Command> {
        let mut commands = Vec::new();
        let event_view = events::event_view(&self.events, &self.atlas, &self.state.filters);
        let event_view = event_view.as_ref();
        Panel::top("top_bar").show(ui, |ui| {
            commands.extend(top_bar_ui(ui, &self.atlas, &self.state));
        });
        // The Dates bar first, so it spans the window and no panel can push it off.
        Panel::bottom("time_control").show(ui, |ui| {
            // In comparison mode one range has no effect: the two periods stand in its place.
            if let Some(periods) = self.state.filters.compare {
                commands.extend(crate::panels::compare::periods_bar_ui(ui, periods));
                return;
            }
            let monthly = self
                .events
                .loaded
                .as_ref()
                .map(|loaded| loaded.monthly(&self.atlas, &self.state.filters));
            commands.extend(time_control_ui(
                ui,
                &self.state,
                self.latest_day,
                monthly.as_deref(),
            ));
        });
        let window = ui.ctx().content_rect().size();
        let widest_left = (window.x * LEFT_PANEL_MAX_SHARE).max(200.0);
        Panel::left("explore")
            .resizable(true)
            .default_size(240.0_f32.min(widest_left))
            .size_range(180.0_f32.min(widest_left)..=widest_left)
            .show(ui, |ui| {
                // The legend scrolls rather than being cut at the panel's foot in a low window,
                // and leaves the province list its search box (and room for matches once typed).
                let room = ui.available_height();
                let legend_height = if self.province_list.query.trim().is_empty() {
                    (room - PROVINCE_SEARCH_HEIGHT).max(room * LEGEND_SHARE_WHILE_SEARCHING)
                } else {
                    room * LEGEND_SHARE_WHILE_SEARCHING
                };
                egui::ScrollArea::vertical()
                    .id_salt("legend")
                    .max_height(legend_height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        let comparison = self.scene.as_ref().and_then(|k| k.comparison.clone());
                        commands.extend(crate::panels::compare::compare_ui(
                            ui,
                            &self.atlas,
                            &self.state,
                            comparison.as_deref(),
                            self.latest_day,
                            &self.deck,
                        ));
                        ui.separator();
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
                    });
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
                    // Nothing selected: what the map shows, counted.
                    DetailTab::Province if self.state.selected.is_none() => {
                        overview_ui(ui, &self.atlas, &self.state, scene)
                    }
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
                    DetailTab::Slides => {
                        self.slides_panel
                            .ui(ui, &self.deck, &self.state, self.autosave.is_ok())
                    }
                };
                commands.extend(tab_commands);
            });
        // The context drawer sits under the map only, between the side panels (so the legend
        // keeps its height), and never takes the map below half the window's height.
        if let Some(tab) = self.state.context_tab {
            let tallest = drawer_height_limit(ui.available_rect_before_wrap().height(), window.y);
            Panel::bottom("context")
                .resizable(true)
                // Its own fill parts it from the map; egui's line ran on over the side panel.
                .show_separator_line(false)
                .default_size(tallest)
                .size_range(CONTEXT_DRAWER_MIN_HEIGHT.min(tallest)..=tallest)
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
        CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(
                MapWidget::new(&self.atlas, &self.geometry, &self.state, scene)
                    .events(event_view)
                    .show(ui, &mut self.map),
            );
            crate::panels::time_control::play_date_stamp(ui, ui.max_rect(), &self.state);
        });
        self.paint_change_marks(ui, false);

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

    /// In comparison mode, the change marks over the map drawn this frame.
    fn paint_change_marks(&self, ui: &Ui, presenting: bool) {
        let Some((rect, _)) = self.map.last_frame else {
            return;
        };
        let style = if presenting {
            scene::MapStyle::projector()
        } else {
            scene::MapStyle::for_theme(ui.visuals().dark_mode)
        };
        let badges = self.change_badges(presenting);
        let painter = ui.painter().with_clip_rect(rect);
        crate::panels::compare::paint_change_marks(&painter, &badges, &style);
    }

    /// In comparison mode, the change badges over the map as last drawn (with `presenting`'s
    /// size): clear of every name and furniture the map drew ([`MapMemory::keep_clear`]).
    pub fn change_badges(&self, presenting: bool) -> Vec<scene::badges::Badge> {
        let Some(comparison) = self.scene.as_ref().and_then(|k| k.comparison.as_deref()) else {
            return Vec::new();
        };
        let Some((rect, transform)) = self.map.last_frame else {
            return Vec::new();
        };
        crate::panels::compare::screen_badges(
            &self.geometry,
            comparison,
            transform,
            presenting,
            self.map.inset(),
            rect,
            self.map.keep_clear(),
        )
    }

    /// What the map drew over itself in the last frame that marks laid on it keep clear of.
    pub fn map_keep_clear(&self) -> &[egui::Rect] {
        self.map.keep_clear()
    }

    /// Applies one command: the only place [`AppState`] changes. Each concern's commands are
    /// applied in its own file: `screen.rs`, `filters.rs`, `slides.rs`, `data.rs`, `events.rs`.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::View(command) => self.apply_view(ctx, command),
            Command::Filter(command) => self.apply_filter(command),
            Command::Deck(command) => self.apply_deck(ctx, command),
            Command::Data(command) => self.apply_data(ctx, command),
            Command::Events(command) => self.apply_events(command),
        }
    }
}

/// Asks for a file to open with the system's dialog.
pub(crate) fn pick_file(what: &str, extensions: &[&str]) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .add_filter(what, extensions)
        .pick_file()
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.stop_deck_export();
    }
}
