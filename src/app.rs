//! [`AtlasApp`]: owns the atlas, its geometry, the user's state and the widgets' memories, lays
//! out the panels, and applies the [`Command`]s they return — the one place state changes.

use egui::{CentralPanel, Context, Panel, Pos2, Ui};

use crate::{
    data::{Atlas, ProvinceIdx, load_embedded},
    geometry::MapGeometry,
    map::{MapMemory, MapWidget, view},
    panels::{ProvinceList, about_window, problems_window, province_card_ui, top_bar_ui},
    state::{AppState, Command, MapView},
};

/// How quickly animated view changes settle (per second, exponential).
const VIEW_EASING_PER_SEC: f32 = 10.0;

/// The Resistance Atlas application.
pub struct AtlasApp {
    atlas: Atlas,
    geometry: MapGeometry,
    state: AppState,
    map: MapMemory,
    province_list: ProvinceList,
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
        Self {
            atlas,
            geometry,
            state,
            map: MapMemory::default(),
            province_list: ProvinceList::default(),
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

    /// Where a map-space point was on screen in the last frame.
    pub fn screen_pos_of(&self, pos_in_map: Pos2) -> Option<Pos2> {
        self.map
            .last_frame
            .map(|(_, transform)| transform * pos_in_map)
    }

    /// Lays out and runs one frame of the whole app.
    pub fn show(&mut self, ui: &mut Ui) {
        self.step_animation(ui.ctx());
        let mut commands: Vec<Command> = Vec::new();

        Panel::top("top_bar").show(ui, |ui| {
            commands.extend(top_bar_ui(ui, &self.atlas, &self.state));
        });
        Panel::left("province_list")
            .resizable(true)
            .default_size(210.0)
            .show(ui, |ui| {
                commands.extend(self.province_list.ui(ui, &self.atlas, &self.state));
            });
        Panel::right("province_card")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                commands.extend(province_card_ui(
                    ui,
                    &self.atlas,
                    &self.geometry,
                    &self.state,
                ));
            });
        CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(
                MapWidget::new(&self.atlas, &self.geometry, &self.state).show(ui, &mut self.map),
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

    /// Applies one command: the only place [`AppState`] changes.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        let bounds = self.geometry.bounds_in_map;
        match command {
            Command::Select(province) => self.state.selected = province,
            Command::SelectAndFocus(province) => {
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
        }
    }

    fn focus_view(&self, province: ProvinceIdx) -> MapView {
        let province_bounds = self.geometry.hit.bounds(province);
        let centre =
            self.geometry.labels[province.0].map_or(province_bounds.center(), |l| l.pos_in_map);
        view::focus_view(self.geometry.bounds_in_map, province_bounds, centre)
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
