//! What the window shows: selection, view, panels, windows, presentation, theme, quitting.

use egui::Context;

use super::AtlasApp;
use crate::{
    command::ViewCommand,
    data::ProvinceIdx,
    scene,
    scene::view,
    state::{AppState, DetailTab, MapView, Notice, Presentation},
};

/// How much of the screen the window takes on the first start.
const WINDOW_SHARE_OF_SCREEN: f32 = 0.9;

/// How quickly animated view changes settle (per second, exponential).
const VIEW_EASING_PER_SEC: f32 = 10.0;

impl AtlasApp {
    /// Applies a command of this concern.
    pub(super) fn apply_view(&mut self, ctx: &Context, command: ViewCommand) {
        let bounds = self.geometry.bounds_in_map;
        match command {
            ViewCommand::Select(province) => {
                self.state.selected = province;
                if province.is_some() {
                    self.state.detail_tab = DetailTab::Province;
                }
            }
            ViewCommand::SelectAndFocus(province) => {
                self.state.selected = Some(province);
                self.state.detail_tab = DetailTab::Province;
                self.state.view_target = Some(self.focus_view(province));
            }
            ViewCommand::FocusProvince(province) => {
                self.state.selected = Some(province);
                self.state.view_target = Some(self.focus_view(province));
            }
            ViewCommand::SetView(view) => {
                self.state.view = view.clamped();
                self.state.view_target = None;
            }
            ViewCommand::AnimateTo(view) => self.state.view_target = Some(view.clamped()),
            ViewCommand::ZoomBy(factor) => {
                let from = self.state.view_target.unwrap_or(self.state.view);
                self.state.view_target = Some(
                    MapView {
                        zoom: from.zoom * factor,
                        ..from
                    }
                    .clamped(),
                );
            }
            ViewCommand::Fit => self.state.view_target = Some(view::fit_view(bounds)),
            ViewCommand::SetTheme(theme) => {
                self.state.theme = theme;
                ctx.set_theme(theme);
            }
            ViewCommand::SetLabelLanguage(language) => self.state.label_language = language,
            ViewCommand::ShowAbout(open) => self.state.show_about = open,
            ViewCommand::ShowProblems(open) => self.state.show_problems = open,
            ViewCommand::OpenGroup(group) => {
                self.state.selected_group = Some(group);
                self.state.detail_tab = DetailTab::Group;
            }
            ViewCommand::ShowTab(tab) => self.state.detail_tab = tab,
            ViewCommand::HighlightSource(source) => self.state.highlighted_source = source,
            ViewCommand::ShowContext(tab) => self.state.context_tab = tab,
            ViewCommand::Present(on) => {
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
            ViewCommand::ToggleBlank => {
                if let Some(presentation) = &mut self.state.presentation {
                    presentation.blank = !presentation.blank;
                }
            }
            ViewCommand::ShowNotes(open) => self.state.show_notes = open,
            ViewCommand::ShowExport(open) => self.state.show_export = open,
            ViewCommand::DismissNotice => self.state.notice = None,
            ViewCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            ViewCommand::QuitWithoutSaving => {
                self.quit_confirmed = true;
                self.quit_prompt = false;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ViewCommand::CancelQuit => self.quit_prompt = false,
            ViewCommand::ResetLayout => {
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

    /// On the first start, sizes the window to 90 % of its screen and centres it (nothing else
    /// does without a window manager, and a fixed size suits no screen). Later starts keep the
    /// size the user chose.
    pub(super) fn size_window_to_screen(&mut self, ctx: &Context) {
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
    pub(super) fn fill_screen(&mut self, ctx: &Context, on: bool) {
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

    pub(super) fn step_animation(&mut self, ctx: &Context) {
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

    pub(super) fn focus_view(&self, province: ProvinceIdx) -> MapView {
        let province_bounds = self.geometry.hit.bounds(province);
        let centre =
            self.geometry.labels[province.0].map_or(province_bounds.center(), |l| l.pos_in_map);
        view::focus_view(self.geometry.bounds_in_map, province_bounds, centre)
    }
}
