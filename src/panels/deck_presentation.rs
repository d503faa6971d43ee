//! Presentation mode (F5): full screen, panels hidden, the map in projector colours with the
//! slide's title and its dates (once) in large type, a legend a room can read, the slide number
//! and the credits of the records shown. → / PageDown / Space next, ← / PageUp previous, B blanks
//! the screen, L changes the names' language, Esc leaves; those keys are hinted for the first
//! [`KEY_HINT_SECS`] only, then the hint fades, so the room never reads it. The presenter notes
//! live in their own window ([`notes_window`]).

use crate::command::{DeckCommand, ViewCommand};
use egui::{
    Align2, CentralPanel, Color32, Context, Frame, Id, Key, Margin, Panel, RichText, Ui,
    ViewportBuilder, ViewportId,
};

use crate::{
    command::Command,
    data::{Atlas, Group, GroupKind},
    deck::Deck,
    geometry::MapGeometry,
    map::{MapMemory, MapWidget},
    scene::{MapScene, MapStyle},
    state::{AppState, Filters},
};

/// How long the key hint shows when presentation starts, in seconds, before it fades.
pub const KEY_HINT_SECS: f64 = 2.0;
/// How long the key hint takes to fade, in seconds.
const KEY_HINT_FADE_SECS: f64 = 0.5;
/// The keys of presentation mode, as the hint lists them.
pub const KEY_HINT: &str = "→ next · ← previous · B blank · L names · Esc leave";

/// How opaque the key hint is `seconds` after presentation started: fully for
/// [`KEY_HINT_SECS`], then fading to nothing.
pub fn key_hint_opacity(seconds: f64) -> f32 {
    (1.0 - (seconds - KEY_HINT_SECS).max(0.0) / KEY_HINT_FADE_SECS).clamp(0.0, 1.0) as f32
}

/// Where egui keeps when the current presentation started (its time, in seconds).
fn started_id() -> Id {
    Id::unique("presentation_started")
}

/// Keys of presentation mode; F5 starts it from anywhere.
pub fn presentation_keys(ctx: &Context, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.presentation.is_none() {
        // The next presentation hints its keys again.
        ctx.data_mut(|d| d.remove::<f64>(started_id()));
    }
    if ctx.text_edit_focused() {
        return commands;
    }
    ctx.input(|i| {
        if i.key_pressed(Key::F5) {
            commands.push(Command::View(ViewCommand::Present(
                state.presentation.is_none(),
            )));
        }
        if state.presentation.is_none() {
            return;
        }
        if i.key_pressed(Key::Escape) {
            commands.push(Command::View(ViewCommand::Present(false)));
        }
        if [Key::ArrowRight, Key::PageDown, Key::Space]
            .iter()
            .any(|k| i.key_pressed(*k))
        {
            commands.push(Command::Deck(DeckCommand::NextSlide));
        }
        if [Key::ArrowLeft, Key::PageUp]
            .iter()
            .any(|k| i.key_pressed(*k))
        {
            commands.push(Command::Deck(DeckCommand::PreviousSlide));
        }
        if i.key_pressed(Key::B) {
            commands.push(Command::View(ViewCommand::ToggleBlank));
        }
        if i.key_pressed(Key::L) {
            // The names' language, in turn: English, Dari, Pashto, English with Dari below.
            let all = crate::scene::LabelLanguage::ALL;
            let at = all
                .iter()
                .position(|l| *l == state.label_language)
                .unwrap_or(0);
            commands.push(Command::View(ViewCommand::SetLabelLanguage(
                all[(at + 1) % all.len()],
            )));
        }
    });
    commands
}

/// What presentation mode draws from.
pub struct PresentationView<'a> {
    /// The data.
    pub atlas: &'a Atlas,
    /// Its geometry.
    pub geometry: &'a MapGeometry,
    /// The state (view, filters, selection, current slide).
    pub state: &'a AppState,
    /// The overlay for the current filters.
    pub scene: &'a MapScene,
    /// The slides.
    pub deck: &'a Deck,
    /// The Events layer, when event files are open.
    pub events: Option<&'a crate::scene::events::EventLayerView<'a>>,
}

impl PresentationView<'_> {
    /// Fills the window with the slide: title band on top, legend column on the right (16:9
    /// screens are wider than Afghanistan, so the legend never covers the map), the map.
    pub fn show(&self, ui: &mut Ui, memory: &mut MapMemory) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.state.presentation.is_some_and(|p| p.blank) {
            CentralPanel::no_frame().show(ui, |ui| {
                ui.painter().rect_filled(ui.max_rect(), 0.0, Color32::BLACK);
            });
            return commands;
        }
        // White paper around the map, whose ground is the projector style's.
        let paper = Frame::new()
            .fill(Color32::WHITE)
            .inner_margin(Margin::symmetric(28, 16));
        Panel::top("presentation_title")
            .frame(paper)
            .show_separator_line(false)
            .resizable(false)
            .show(ui, |ui| {
                ui.visuals_mut().override_text_color = Some(Color32::from_gray(15));
                self.title_text(ui);
            });
        Panel::bottom("presentation_credits")
            .frame(paper.inner_margin(Margin::symmetric(28, 6)))
            .show_separator_line(false)
            .resizable(false)
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(
                        RichText::new(self.credit_line())
                            .size(14.0)
                            .color(Color32::from_gray(60)),
                    )
                    .wrap(),
                );
            });
        let legend_width = (ui.available_width() * 0.27).clamp(300.0, 520.0);
        Panel::right("presentation_legend")
            .frame(paper)
            .show_separator_line(false)
            .resizable(false)
            .exact_size(legend_width)
            .show(ui, |ui| {
                ui.visuals_mut().override_text_color = Some(Color32::from_gray(20));
                self.legend(ui);
                self.slide_number(ui);
            });
        CentralPanel::no_frame().show(ui, |ui| {
            commands.extend(
                MapWidget::new(self.atlas, self.geometry, self.state, self.scene)
                    .presenting(true)
                    .events(self.events)
                    .show(ui, memory),
            );
        });
        commands
    }

    /// The credits under the slide, as under an exported page: the evidence and recency rules,
    /// the publishers of the records shown, the event files drawn, and the boundaries.
    fn credit_line(&self) -> String {
        let mut line = crate::scene::credits::credit_pieces(self.atlas, &self.state.filters, &[])
            .concat()
            .trim_end()
            .to_owned();
        if !line.ends_with('.') {
            line.push('.');
        }
        for credit in self.events.iter().flat_map(|e| e.credits.iter()) {
            line.push(' ');
            line.push_str(credit.trim_end());
            if !line.ends_with('.') {
                line.push('.');
            }
        }
        line.push_str(" Boundaries: Natural Earth (approximate, not a survey).");
        line
    }

    fn current_title(&self) -> String {
        self.state
            .current_slide
            .and_then(|i| self.deck.slides.get(i))
            .map(|s| s.title.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| match self.state.filters.compare {
                Some(_) => "What changed".to_owned(),
                None => "Armed resistance to the Taliban".to_owned(),
            })
    }

    fn title_text(&self, ui: &mut Ui) {
        ui.label(
            RichText::new(self.current_title())
                .size(40.0)
                .strong()
                .color(Color32::from_gray(15)),
        );
        ui.label(
            RichText::new(subtitle(
                self.atlas,
                &self.current_title(),
                &self.state.filters,
            ))
            .size(22.0)
            .color(Color32::from_gray(60)),
        );
    }

    fn legend(&self, ui: &mut Ui) {
        ui.add_space(8.0);
        let shown: Vec<_> = self
            .scene
            .legend
            .iter()
            // Drawn, the groups with a province on the map; counted, every group shown.
            .filter(|e| e.visible && (e.province_count > 0 || self.scene.groups_under_events))
            .collect();
        if shown.is_empty() {
            ui.label(RichText::new("No group shown").size(20.0));
        }
        if self.scene.groups_under_events && !shown.is_empty() {
            // The groups choose the events counted and are not drawn: no swatch of a colour
            // the map does not show.
            let names: Vec<&str> = shown
                .iter()
                .map(|entry| self.atlas.group(entry.group).short_name())
                .collect();
            let ungrouped = if self.events.is_some_and(|e| e.settings.ungrouped) {
                " and of no atlas group"
            } else {
                ""
            };
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "Provinces shaded by the events of {}{ungrouped}; where the groups operate is not drawn.",
                        names.join(", ")
                    ))
                    .size(20.0),
                )
                .wrap(),
            );
        }
        let drawn = if self.scene.groups_under_events {
            &[][..]
        } else {
            &shown[..]
        };
        for entry in drawn {
            let group = self.atlas.group(entry.group);
            ui.horizontal_top(|ui| {
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(24.0, 24.0), egui::Sense::hover());
                ui.painter().rect_filled(
                    swatch,
                    3.0,
                    MapStyle::projector().group_colour(entry.colour, entry.extremist),
                );
                let extremist = if group.kind == GroupKind::Extremist {
                    " (extremist, not resistance)"
                } else {
                    ""
                };
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "{}{extremist} — {} province{}",
                            group.name,
                            entry.province_count,
                            if entry.province_count == 1 { "" } else { "s" }
                        ))
                        .size(20.0),
                    )
                    .wrap(),
                );
            });
            ui.add_space(4.0);
        }
        // The key to the change marks first: on a low screen the evidence keys below may run
        // out of room, and without it the change map cannot be read.
        if self.state.filters.compare.is_some() {
            ui.add(
                egui::Label::new(
                    RichText::new(super::compare::MARKS_KEY)
                        .size(20.0)
                        .strong()
                        .color(Color32::from_gray(20)),
                )
                .wrap(),
            );
        }
        ui.add_space(10.0);
        super::legend::legend_keys_ui(ui, &self.scene.legend_keys, &MapStyle::projector(), 1.5);
        if let Some(floor) = self.scene.grade_floor {
            ui.label(
                RichText::new(format!("Records graded {floor} or better"))
                    .size(17.6)
                    .strong(),
            );
        }
        ui.add_space(10.0);
        ui.label(
            RichText::new("Presence is not control.")
                .size(20.0)
                .strong()
                .color(Color32::from_rgb(160, 60, 0)),
        );
        if let Some(events) = self.events {
            super::events_legend::presentation_events_legend(
                ui,
                self.atlas,
                events,
                self.state.view.zoom,
            );
        }
    }

    fn slide_number(&self, ui: &Ui) {
        let text = match self.state.current_slide {
            Some(i) if i < self.deck.slides.len() => {
                format!("{} / {}", i + 1, self.deck.slides.len())
            }
            _ => "Current view".to_owned(),
        };
        let corner = ui.max_rect().right_bottom();
        let painter = ui.painter();
        painter.text(
            corner + egui::vec2(0.0, -26.0),
            Align2::RIGHT_BOTTOM,
            text,
            egui::FontId::proportional(22.0),
            Color32::from_gray(40),
        );
        // The keys, for the presenter only: gone before the room looks.
        let now = ui.input(|i| i.time);
        let started = ui
            .ctx()
            .data_mut(|d| *d.get_temp_mut_or_insert_with(started_id(), || now));
        let opacity = key_hint_opacity(now - started);
        if opacity > 0.0 {
            painter.text(
                corner,
                Align2::RIGHT_BOTTOM,
                KEY_HINT,
                egui::FontId::proportional(13.0),
                Color32::from_gray(90).gamma_multiply(opacity),
            );
            let until_fade = KEY_HINT_SECS - (now - started);
            if until_fade > 0.0 {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(until_fade));
            } else {
                ui.ctx().request_repaint();
            }
        }
    }
}

/// The line under a slide's title: the groups shown (by name, unless the title already names
/// them all) and the dates, never the title again.
pub fn subtitle(atlas: &Atlas, title: &str, filters: &Filters) -> String {
    let groups: Vec<&Group> = filters
        .visible_groups
        .iter()
        .flatten()
        .filter_map(|id| atlas.group_by_id(id).map(|g| atlas.group(g)))
        .collect();
    let named_in_title = |group: &&Group| {
        std::iter::once(&group.id)
            .chain(&group.abbreviations)
            .chain(std::iter::once(&group.name))
            .any(|name| title.contains(name.as_str()))
    };
    let dates = crate::scene::describe_dates(filters);
    if groups.is_empty() {
        format!("No group shown · {dates}")
    } else if groups.iter().all(named_in_title) {
        dates
    } else {
        let names: Vec<&str> = groups.iter().map(|g| g.short_name()).collect();
        format!("{} · {dates}", names.join(", "))
    }
}

/// The presenter notes, in a window of their own (a second native window where the platform
/// allows, so they can sit on the laptop screen while the slides fill the projector).
pub fn notes_window(ctx: &Context, deck: &Deck, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    if !state.show_notes {
        return commands;
    }
    let current = state
        .current_slide
        .and_then(|i| deck.slides.get(i).map(|s| (i, s)));
    ctx.show_viewport_immediate(
        ViewportId::from_hash_of("presenter_notes"),
        ViewportBuilder::default()
            .with_title("Presenter notes — Resistance Atlas")
            .with_inner_size([520.0, 380.0]),
        |ui, _class| {
            CentralPanel::default().show(ui, |ui| {
                match current {
                    Some((index, slide)) => {
                        ui.label(
                            RichText::new(format!(
                                "Slide {} of {}: {}",
                                index + 1,
                                deck.slides.len(),
                                slide.title
                            ))
                            .strong()
                            .size(18.0),
                        );
                        ui.separator();
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            if slide.notes.trim().is_empty() {
                                ui.label(RichText::new("No notes for this slide.").weak());
                            } else {
                                ui.label(RichText::new(&slide.notes).size(17.0));
                            }
                        });
                        if let Some(next) = deck.slides.get(index + 1) {
                            ui.separator();
                            ui.label(RichText::new(format!("Next: {}", next.title)).weak());
                        }
                    }
                    None => {
                        ui.label("No slide shown. Add slides in the Slides tab, then press F5.");
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("← Previous").clicked() {
                        commands.push(Command::Deck(DeckCommand::PreviousSlide));
                    }
                    if ui.button("Next →").clicked() {
                        commands.push(Command::Deck(DeckCommand::NextSlide));
                    }
                });
            });
            if ui.ctx().input(|i| i.viewport().close_requested()) {
                commands.push(Command::View(ViewCommand::ShowNotes(false)));
            }
        },
    );
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_hint_shows_for_two_seconds_then_fades_out_for_good() {
        assert_eq!(key_hint_opacity(0.0), 1.0);
        assert_eq!(key_hint_opacity(KEY_HINT_SECS), 1.0);
        let fading = key_hint_opacity(KEY_HINT_SECS + 0.25);
        assert!(0.0 < fading && fading < 1.0, "{fading}");
        assert_eq!(key_hint_opacity(KEY_HINT_SECS + 1.0), 0.0);
        assert_eq!(key_hint_opacity(3600.0), 0.0);
    }
}
