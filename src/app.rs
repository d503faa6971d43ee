//! [`AtlasApp`]: owns the atlas, its geometry, the user's state and the widgets' memories, lays
//! out the panels, and applies the [`Command`]s they return — the one place state changes.

use egui::{CentralPanel, Context, Panel, Pos2, Ui};

use crate::{
    charts::economy::economy_ui,
    data::{Atlas, Day, ProvinceIdx, load_embedded},
    geometry::MapGeometry,
    map::{MapMemory, MapWidget, view},
    panels::{
        GroupPanel, HistoryPanel, ProvinceList, about_window, claims_ui, detail_tabs_ui, legend_ui,
        problems_window, province_card_ui, region_ui, sources_panel_ui, time_control_ui,
        top_bar_ui,
    },
    scene::{self, MapScene},
    state::{AppState, Command, ContextTab, DetailTab, MapView, TIME_START},
};

/// Seconds per month while the time control plays.
const PLAY_SECS_PER_MONTH: f32 = 0.7;

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
    /// The last day any record covers: the end of the time control.
    latest_day: Day,
    /// Time since the last month step while playing.
    play_elapsed_secs: f32,
    /// Whether the bundled font has been given to egui.
    fonts_installed: bool,
}

impl AtlasApp {
    /// The app with the embedded data, restoring saved state when eframe has some.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let state: AppState = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(state.theme);
        Self::with_state(load_embedded(), state)
    }

    /// The app showing `atlas`, starting from `state`.
    pub fn with_state(atlas: Atlas, mut state: AppState) -> Self {
        let geometry = MapGeometry::build(&atlas);
        state.show_problems = !atlas.problems.is_empty();
        if state.view.zoom.is_nan() || state.view.centre_in_map.any_nan() {
            state.view = MapView::default();
        }
        if state.filters.visible_groups.is_none() {
            state.filters.visible_groups = Some(scene::default_visible_groups(&atlas));
        }
        let latest_day = latest_record_day(&atlas);
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
            latest_day,
            play_elapsed_secs: 0.0,
            fonts_installed: false,
        }
    }

    /// The app showing `atlas` from a fresh state.
    pub fn from_atlas(atlas: Atlas) -> Self {
        Self::with_state(atlas, AppState::default())
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
            self.fonts_installed = true;
        }
        self.step_animation(ui.ctx());
        let mut commands: Vec<Command> = Vec::new();
        commands.extend(self.step_play(ui.ctx()));
        let scene = self.scene();

        Panel::top("top_bar").show(ui, |ui| {
            commands.extend(top_bar_ui(ui, &self.atlas, &self.state));
        });
        if let Some(tab) = self.state.context_tab {
            Panel::bottom("context")
                .resizable(true)
                .default_size(360.0)
                .min_size(200.0)
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
        Panel::left("explore")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                ui.add_space(6.0);
                commands.extend(legend_ui(ui, &self.atlas, &scene));
                ui.separator();
                commands.extend(self.province_list.ui(ui, &self.atlas, &self.state));
            });
        Panel::right("details")
            .resizable(true)
            .default_size(360.0)
            .show(ui, |ui| {
                commands.extend(detail_tabs_ui(ui, &self.state));
                ui.separator();
                commands.extend(match self.state.detail_tab {
                    DetailTab::Province => {
                        province_card_ui(ui, &self.atlas, &self.geometry, &self.state)
                    }
                    DetailTab::Group => self.group_panel.ui(ui, &self.atlas, &self.state),
                    DetailTab::Sources => sources_panel_ui(ui, &self.atlas, &self.state),
                });
            });
        Panel::bottom("time_control").show(ui, |ui| {
            commands.extend(time_control_ui(ui, &self.state, self.latest_day));
        });
        CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(
                MapWidget::new(&self.atlas, &self.geometry, &self.state, &scene)
                    .show(ui, &mut self.map),
            );
        });

        commands.extend(about_window(ui.ctx(), &self.atlas, self.state.show_about));
        commands.extend(problems_window(
            ui.ctx(),
            &self.atlas,
            self.state.show_problems,
        ));

        if !commands.is_empty() {
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(ui.ctx(), command);
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
            Day::month_end(next.year, next.month).min(self.latest_day),
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
                    time.to = Day::month_end(time.from.year, time.from.month);
                }
            }
            Command::OpenGroup(group) => {
                self.state.selected_group = Some(group);
                self.state.detail_tab = DetailTab::Group;
            }
            Command::ShowTab(tab) => self.state.detail_tab = tab,
            Command::HighlightSource(source) => self.state.highlighted_source = source,
            Command::ShowContext(tab) => self.state.context_tab = tab,
        }
    }

    fn focus_view(&self, province: ProvinceIdx) -> MapView {
        let province_bounds = self.geometry.hit.bounds(province);
        let centre =
            self.geometry.labels[province.0].map_or(province_bounds.center(), |l| l.pos_in_map);
        view::focus_view(self.geometry.bounds_in_map, province_bounds, centre)
    }
}

/// The last day covered by any presence record or event.
fn latest_record_day(atlas: &Atlas) -> Day {
    let presence = atlas
        .presence
        .iter()
        .map(|p| p.period.to.unwrap_or(p.period.from).end());
    let events = atlas.events.iter().map(|e| e.date.end());
    presence
        .chain(events)
        .max()
        .unwrap_or(TIME_START)
        .max(TIME_START)
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
