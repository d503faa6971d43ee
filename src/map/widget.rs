//! The map widget: turns pointer and keyboard input into [`Command`]s (pan, zoom, hover, select)
//! and paints the map. Built fresh each frame from borrowed data; what must outlive a frame
//! (hover, caches, the last transform) lives in [`MapMemory`].
//!
//! Gestures: drag or arrow keys pan; the wheel, a pinch, the +/− buttons or keys, and a
//! double-click zoom toward the pointer; "Fit" or Home shows the whole country; a click selects,
//! Esc clears.

use crate::command::ViewCommand;
use egui::{
    Align2, Button, Key, PointerButton, Pos2, Rect, Response, Sense, Ui, Vec2, emath::TSTransform,
    vec2,
};

use super::{
    events_layer::EventsOnMap,
    paint::{PaintCache, PaintInput, paint_map},
};
use crate::{
    command::{Command, EventsCommand},
    data::{Atlas, ProvinceIdx, format::thousands},
    geometry::MapGeometry,
    scene::{
        MapScene, MapStyle,
        events::EventLayerView,
        view::{on_whole_pixels, screen_from_map, zoom_about},
    },
    state::AppState,
};

/// How far one arrow-key press pans, in screen points.
const KEY_PAN_POINTS: f32 = 80.0;
/// Zoom factor of one +/− step.
pub const ZOOM_STEP: f32 = 1.5;

/// What the map keeps between frames.
#[derive(Debug, Default)]
pub struct MapMemory {
    /// The province under the pointer.
    pub hovered: Option<ProvinceIdx>,
    /// The transform used in the last frame, and the map area it was for.
    pub last_frame: Option<(Rect, TSTransform)>,
    cache: PaintCache,
}

impl MapMemory {
    /// The province names placed in the last frame, in screen points.
    pub fn placed_labels(&self) -> &[crate::geometry::labels::PlacedLabel] {
        self.cache.placed_labels()
    }

    /// What the last frame drew over the map that marks laid on it must keep clear of
    /// ([`PaintCache::keep_clear`](super::paint::PaintCache::keep_clear)).
    pub fn keep_clear(&self) -> &[egui::Rect] {
        self.cache.keep_clear()
    }

    /// The inset of the Kabul–Panjshir cluster drawn in the last frame, if any.
    pub fn inset(&self) -> Option<&crate::scene::labels::Inset> {
        self.cache.inset()
    }
}

impl std::fmt::Debug for PaintCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PaintCache")
    }
}

/// The map, for one frame.
pub struct MapWidget<'a> {
    atlas: &'a Atlas,
    geometry: &'a MapGeometry,
    state: &'a AppState,
    scene: &'a MapScene,
    presenting: bool,
    date_stamp: Option<&'a str>,
    events: Option<&'a EventLayerView<'a>>,
}

impl<'a> MapWidget<'a> {
    /// A map of `atlas` drawn from `geometry`, showing `state` with the overlay `scene`.
    pub fn new(
        atlas: &'a Atlas,
        geometry: &'a MapGeometry,
        state: &'a AppState,
        scene: &'a MapScene,
    ) -> Self {
        Self {
            atlas,
            geometry,
            state,
            scene,
            presenting: false,
            date_stamp: None,
            events: None,
        }
    }

    /// Draws the Events layer too.
    pub fn events(self, events: Option<&'a EventLayerView<'a>>) -> Self {
        Self { events, ..self }
    }

    /// For presenting to a room: projector colours and large names; no buttons, tooltips or
    /// keyboard navigation (the keys move between slides).
    pub fn presenting(self, presenting: bool) -> Self {
        Self { presenting, ..self }
    }

    /// Stamps `dates` in the map's top-left corner, on a backing (presentation, playing).
    pub fn date_stamp(self, dates: Option<&'a str>) -> Self {
        Self {
            date_stamp: dates,
            ..self
        }
    }

    /// Fills the available space with the map; returns what the user asked for.
    pub fn show(self, ui: &mut Ui, memory: &mut MapMemory) -> Vec<Command> {
        let rect = ui.available_rect_before_wrap();
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        let bounds = self.geometry.bounds_in_map;
        let mut commands = Vec::new();

        let view = self.navigate(ui, &response, rect, &mut commands);
        let transform = on_whole_pixels(screen_from_map(rect, bounds, view), ui.pixels_per_point());
        memory.last_frame = Some((rect, transform));

        // Inside the inset's frame (as drawn in the last frame), the pointer is on the inset's
        // magnified map, not on whatever of the main map lies under the frame.
        let inset = memory
            .inset()
            .map(|inset| (inset.frame, inset.screen_from_map));
        let in_inset = |p: Pos2| inset.filter(|(frame, _)| frame.contains(p));
        let province_at = |p: Pos2| {
            let map_from_screen = in_inset(p).map_or(transform, |(_, t)| t).inverse();
            self.geometry.hit.province_at(map_from_screen * p)
        };
        let pointer = response.hover_pos();
        memory.hovered = pointer.and_then(province_at);
        let clicked_event = self
            .events
            .filter(|events| events.draws_points(view.zoom))
            .filter(|_| response.clicked_by(PointerButton::Primary))
            .and_then(|events| {
                let pointer = response
                    .interact_pointer_pos()
                    .filter(|p| in_inset(*p).is_none())?;
                let point = events.dot_at(pointer - transform.translation, transform.scaling)?;
                events.points.event.get(point).copied()
            });
        // The selected event's ring goes with a click elsewhere and with Escape.
        let event_selected = self.events.is_some_and(|e| e.selected.is_some());
        if let Some(event) = clicked_event {
            commands.push(Command::Events(EventsCommand::ShowEvent(Some(event))));
        } else if response.clicked_by(PointerButton::Primary) {
            let clicked = response.interact_pointer_pos().and_then(province_at);
            commands.push(Command::View(ViewCommand::Select(clicked)));
            if event_selected {
                commands.push(Command::Events(EventsCommand::ShowEvent(None)));
            }
        }
        if !self.presenting
            && !ui.ctx().text_edit_focused()
            && ui.input(|i| i.key_pressed(Key::Escape))
        {
            commands.push(Command::View(ViewCommand::Select(None)));
            if event_selected {
                commands.push(Command::Events(EventsCommand::ShowEvent(None)));
            }
        }

        let style = if self.presenting {
            MapStyle::projector()
        } else {
            MapStyle::for_theme(ui.visuals().dark_mode)
        };
        let buttons = if self.presenting {
            Vec::new()
        } else {
            vec![zoom_buttons_area(rect)]
        };
        // The events choropleth replaces the group overlay's fills.
        let unmarked;
        let scene = if self.events.is_some_and(|e| e.draws_choropleth()) {
            unmarked = MapScene {
                marks: vec![Vec::new(); self.scene.marks.len()],
                ..self.scene.clone()
            };
            &unmarked
        } else {
            self.scene
        };
        paint_map(
            &ui.painter_at(rect),
            &PaintInput {
                atlas: self.atlas,
                geometry: self.geometry,
                scene,
                screen_from_map: transform,
                style,
                selected: self.state.selected,
                hovered: memory.hovered,
                obstacles: &buttons,
                date_stamp: self.date_stamp,
                events: self.events.map(|layer| EventsOnMap {
                    view: layer,
                    zoom: view.zoom,
                }),
                labels: self.state.label_language,
            },
            &mut memory.cache,
        );
        if self.presenting {
            return commands;
        }
        commands.extend(zoom_buttons(ui, rect));

        if let Some(hovered) = memory.hovered
            && !response.dragged()
        {
            let province = self.atlas.province(hovered);
            let mut lines = vec![match &province.facts.capital {
                Some(capital) => format!("Capital: {}", capital.value),
                None => "Capital: not available".to_owned(),
            }];
            if let Some(total) = self.events.and_then(|e| e.totals.get(hovered.0)) {
                lines.push(format!(
                    "Events: {}, fatalities: {}",
                    thousands(total.events as usize),
                    thousands(total.fatalities as usize)
                ));
            }
            for mark in self.scene.marks.get(hovered.0).into_iter().flatten() {
                lines.push(format!(
                    "{}: {}",
                    self.atlas.group(mark.group).short_name(),
                    mark.evidence.label()
                ));
            }
            for mark in self.scene.dotted.get(hovered.0).into_iter().flatten() {
                lines.push(format!(
                    "{}: {}, only on sources graded E/F",
                    self.atlas.group(mark.group).short_name(),
                    mark.evidence.label()
                ));
            }
            for stale in self.scene.stale.get(hovered.0).into_iter().flatten() {
                lines.push(format!(
                    "{}: stale, {}",
                    self.atlas.group(stale.mark.group).short_name(),
                    stale.label()
                ));
            }
            response.on_hover_ui_at_pointer(|ui| {
                super::tooltip::lines_ui(ui, &province.name, &lines);
            });
        }
        commands
    }

    /// The view after this frame's drag, wheel, pinch, double-click and arrow keys; pushes a
    /// command for any change.
    fn navigate(
        &self,
        ui: &Ui,
        response: &Response,
        rect: Rect,
        commands: &mut Vec<Command>,
    ) -> crate::state::MapView {
        let bounds = self.geometry.bounds_in_map;
        let mut view = self.state.view;
        let scaling = screen_from_map(rect, bounds, view).scaling;

        if response.dragged_by(PointerButton::Primary) {
            view.centre_in_map -= response.drag_delta() / scaling;
        }
        if let Some(pointer) = response.hover_pos() {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = pinch * (scroll / 400.0).exp();
            if factor != 1.0 {
                view = zoom_about(view, rect, bounds, pointer, factor);
            }
            if response.double_clicked() {
                commands.push(Command::View(ViewCommand::AnimateTo(zoom_about(
                    view, rect, bounds, pointer, 2.0,
                ))));
            }
        }
        if !self.presenting && !ui.ctx().text_edit_focused() {
            let pan = ui.input(|i| {
                let mut pan = Vec2::ZERO;
                for (key, direction) in [
                    (Key::ArrowLeft, vec2(-1.0, 0.0)),
                    (Key::ArrowRight, vec2(1.0, 0.0)),
                    (Key::ArrowUp, vec2(0.0, -1.0)),
                    (Key::ArrowDown, vec2(0.0, 1.0)),
                ] {
                    if i.key_pressed(key) {
                        pan += direction * KEY_PAN_POINTS;
                    }
                }
                pan
            });
            view.centre_in_map += pan / scaling;
            ui.input(|i| {
                if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
                    commands.push(Command::View(ViewCommand::ZoomBy(ZOOM_STEP)));
                }
                if i.key_pressed(Key::Minus) {
                    commands.push(Command::View(ViewCommand::ZoomBy(1.0 / ZOOM_STEP)));
                }
                if i.key_pressed(Key::Home) {
                    commands.push(Command::View(ViewCommand::Fit));
                }
            });
        }
        if view != self.state.view {
            commands.push(Command::View(ViewCommand::SetView(view.clamped())));
        }
        view.clamped()
    }
}

/// Size of one zoom button.
const ZOOM_BUTTON: Vec2 = vec2(34.0, 28.0);

/// Where the zoom buttons sit on a map in `map_rect` (nothing else may cover them).
pub fn zoom_buttons_area(map_rect: Rect) -> Rect {
    Rect::from_min_size(
        map_rect.right_top() + vec2(-10.0 - ZOOM_BUTTON.x, 10.0),
        vec2(ZOOM_BUTTON.x, 3.0 * ZOOM_BUTTON.y + 8.0),
    )
}

/// "+", "−" and "Fit" in the map's top-right corner.
fn zoom_buttons(ui: &mut Ui, map_rect: Rect) -> Vec<Command> {
    let mut commands = Vec::new();
    let size = ZOOM_BUTTON;
    let top_right = map_rect.right_top() + vec2(-10.0, 10.0);
    let buttons = [
        (
            "+",
            "Zoom in (+)",
            Command::View(ViewCommand::ZoomBy(ZOOM_STEP)),
        ),
        (
            "−",
            "Zoom out (−)",
            Command::View(ViewCommand::ZoomBy(1.0 / ZOOM_STEP)),
        ),
        (
            "Fit",
            "Show the whole country (Home)",
            Command::View(ViewCommand::Fit),
        ),
    ];
    for (row, (text, hint, command)) in buttons.into_iter().enumerate() {
        let rect = Align2::RIGHT_TOP.align_size_within_rect(
            size,
            Rect::from_min_max(
                Pos2::new(map_rect.left(), top_right.y + row as f32 * (size.y + 4.0)),
                Pos2::new(top_right.x, map_rect.bottom()),
            ),
        );
        if ui
            .put(rect, Button::new(text))
            .on_hover_text(hint)
            .clicked()
        {
            commands.push(command);
        }
    }
    commands
}
