//! The history timeline, 1979–2025: eras shaded and named, events as markers on a zoomable time
//! axis (drag and scroll to move, double-click to reset), labelled wherever a label fits. Where
//! events crowd (2021–25), hovering a marker lists every event under the pointer, and zooming in
//! (or "Zoom to 2021–2025") spreads them out until their labels fit. Clicking an event shows its
//! card and, when it happened in a province, selects that province.

use crate::command::ViewCommand;
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Stroke, Ui};
use egui_plot::{Plot, PlotPoint, Span};

use super::footnotes::Footnotes;
use crate::{
    charts::{
        economy::{year_axis, year_grid},
        series::year_fraction,
    },
    command::Command,
    data::{Atlas, HistoryEvent},
};

/// Era bands, alternating, opaque so the era names' contrast is known: (dark theme, light theme).
const ERA_FILLS: [(Color32, Color32); 2] = [
    (
        Color32::from_rgb(26, 50, 76),
        Color32::from_rgb(214, 230, 245),
    ),
    (
        Color32::from_rgb(72, 54, 16),
        Color32::from_rgb(250, 233, 198),
    ),
];

/// The band colour of era `index` in a theme.
pub fn era_fill(index: usize, dark: bool) -> Color32 {
    let (on_dark, on_light) = ERA_FILLS[index % ERA_FILLS.len()];
    if dark { on_dark } else { on_light }
}

/// Text on the era bands (era names, event labels) in a theme.
pub fn era_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(240)
    } else {
        Color32::from_gray(20)
    }
}

/// Event markers: Okabe–Ito vermillion, seen on every band in both themes.
const MARKER: Color32 = Color32::from_rgb(213, 94, 0);
const MARKER_RADIUS: f32 = 5.0;
/// Event label size (points).
const LABEL_SIZE: f32 = 12.0;
/// Rows events are spread over, so close dates do not overlap: label rows, then the cluster row.
const ROWS: usize = 5;
/// Space at the top of the plot for the era names.
const ERA_NAME_BAND: f32 = 22.0;

/// Where an event goes on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventSlot {
    /// Row, 0 at the top.
    pub row: usize,
    /// Whether its label fits beside its marker.
    pub labelled: bool,
}

/// Places events (screen x of each marker, in date order, and the width of each label) on
/// `rows` label rows: each goes on the first row where its marker and label fit after what is
/// already there and before `right`; one that fits nowhere goes unlabelled on an extra row under
/// them (row `rows`), so no marker covers a label: a cluster, listed on hover and spread out by
/// zooming in.
pub fn layout_events(xs: &[f32], label_widths: &[f32], rows: usize, right: f32) -> Vec<EventSlot> {
    const GAP: f32 = 8.0;
    let rows = rows.max(1);
    let mut row_end = vec![f32::NEG_INFINITY; rows];
    xs.iter()
        .zip(label_widths)
        .map(|(&x, &width)| {
            let start = x - MARKER_RADIUS;
            let end = x + MARKER_RADIUS + 4.0 + width;
            let free = (0..rows).find(|&r| row_end[r] + GAP <= start);
            match free {
                Some(row) if end <= right => {
                    row_end[row] = end;
                    EventSlot {
                        row,
                        labelled: true,
                    }
                }
                _ => EventSlot {
                    row: rows,
                    labelled: false,
                },
            }
        })
        .collect()
}

/// The panel's own state: the chosen event and where events were drawn.
#[derive(Clone, Debug, Default)]
pub struct HistoryPanel {
    /// Index into the history events of the event whose card is open.
    pub chosen: Option<usize>,
    /// Screen position of each event marker in the last frame (for clicks and tests).
    pub event_positions: Vec<(usize, Pos2)>,
    /// A span of years to show on the next frame (set by the zoom buttons).
    zoom_to: Option<(f64, f64)>,
}

impl HistoryPanel {
    /// Shows the timeline and the chosen event.
    pub fn ui(&mut self, ui: &mut Ui, atlas: &Atlas) -> Vec<Command> {
        self.zoom_buttons_ui(ui);
        let response = self.timeline_plot(ui, atlas);
        let transform = response.transform;
        let frame = *transform.frame();
        let painter = ui.painter_at(frame);
        let ink = era_text(ui.visuals().dark_mode);
        paint_era_names(&painter, &transform, atlas, ink);
        let row_height = self.paint_events(ui, &painter, &transform, atlas, ink);
        self.hover_ui(&response.response, &transform, atlas, row_height);
        let commands = self.click(&response.response, atlas);
        self.chosen_event_ui(ui, atlas);
        commands
    }

    /// The title, "All years" and "Zoom to 2021–2025".
    fn zoom_buttons_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("History, 1979–2025").strong());
        if ui.small_button("All years").clicked() {
            self.zoom_to = Some((1978.5, 2026.5));
        }
        if ui
            .small_button("Zoom to 2021–2025")
            .on_hover_text("Spread out the events since the takeover")
            .clicked()
        {
            self.zoom_to = Some((2021.3, 2026.0));
        }
        ui.label(RichText::new("Hover an event for its source (a crowd of events lists them all) · click one tied to a province to select it · drag or scroll to move · double-click to reset").small());
    });
    }

    /// The plot of the years with the eras as bands (events are painted over it).
    fn timeline_plot(&mut self, ui: &mut Ui, atlas: &Atlas) -> egui_plot::PlotResponse<()> {
        let history = &atlas.history;
        let dark = ui.visuals().dark_mode;
        let zoom_to = self.zoom_to.take();
        Plot::new("history_timeline")
            .height(230.0)
            .include_x(1979.0)
            .include_x(2026.0)
            .include_y(0.0)
            .include_y(1.0)
            .show_y(false)
            .show_x(false)
            .show_axes([true, false])
            .show_grid([true, false])
            .allow_zoom([true, false])
            .allow_scroll([true, false])
            .allow_drag([true, false])
            .allow_boxed_zoom(false)
            .grid_spacing(8.0..=300.0)
            .custom_x_axes(vec![year_axis()])
            .x_grid_spacer(year_grid)
            .show(ui, |plot_ui| {
                if let Some((from, to)) = zoom_to {
                    plot_ui.set_plot_bounds_x(from..=to);
                }
                for (index, era) in history.eras.iter().enumerate() {
                    let end = era.to.map_or(2026.5, |d| year_fraction(d.start));
                    plot_ui.span(
                        Span::new("", year_fraction(era.from.start)..=end)
                            .fill(era_fill(index, dark))
                            .border_width(0.0),
                    );
                }
            })
    }

    /// The event markers and their names, laid out in rows for this zoom; the height of a row.
    fn paint_events(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        transform: &egui_plot::PlotTransform,
        atlas: &Atlas,
        ink: Color32,
    ) -> f32 {
        let history = &atlas.history;
        let dark = ui.visuals().dark_mode;
        let frame = *transform.frame();
        let font = FontId::proportional(LABEL_SIZE);
        let xs: Vec<f32> = history
            .events
            .iter()
            .map(|e| {
                transform
                    .position_from_point(&PlotPoint::new(year_fraction(e.date.start), 0.0))
                    .x
            })
            .collect();
        let widths: Vec<f32> = history
            .events
            .iter()
            .map(|e| {
                painter
                    .layout_no_wrap(e.title.clone(), font.clone(), ink)
                    .size()
                    .x
            })
            .collect();
        let slots = layout_events(&xs, &widths, ROWS - 1, frame.right() - 2.0);
        let row_height = (frame.height() - ERA_NAME_BAND - 6.0) / ROWS as f32;
        let row_y = |row: usize| frame.top() + ERA_NAME_BAND + row_height * (row as f32 + 0.5);
        self.event_positions = xs
            .iter()
            .zip(&slots)
            .enumerate()
            .map(|(i, (x, slot))| (i, Pos2::new(*x, row_y(slot.row))))
            .collect();
        for ((index, pos), (slot, event)) in self
            .event_positions
            .iter()
            .zip(slots.iter().zip(&history.events))
        {
            if !frame.contains(*pos) {
                continue;
            }
            painter.circle(
                *pos,
                MARKER_RADIUS,
                MARKER,
                Stroke::new(1.0, era_fill(0, !dark)),
            );
            if self.chosen == Some(*index) {
                painter.circle_stroke(*pos, 8.5, Stroke::new(2.0, ink));
            }
            if slot.labelled {
                painter.text(
                    *pos + egui::vec2(MARKER_RADIUS + 4.0, 0.0),
                    Align2::LEFT_CENTER,
                    &event.title,
                    font.clone(),
                    ink,
                );
            }
        }
        row_height
    }

    /// Hover: every event under the pointer (a cluster lists them all), or the era.
    fn hover_ui(
        &self,
        plot_response: &egui::Response,
        transform: &egui_plot::PlotTransform,
        atlas: &Atlas,
        row_height: f32,
    ) {
        let history = &atlas.history;
        if let Some(pointer) = plot_response.hover_pos() {
            let under: Vec<usize> = self
                .event_positions
                .iter()
                .filter(|(_, pos)| {
                    (pos.x - pointer.x).abs() <= 9.0
                        && (pos.y - pointer.y).abs() <= row_height.max(10.0) * 0.6
                })
                .map(|(i, _)| *i)
                .collect();
            let cluster: Vec<usize> = if under.is_empty() {
                Vec::new()
            } else {
                // Everything drawn within a marker's width of those, on any row.
                self.event_positions
                    .iter()
                    .filter(|(_, pos)| (pos.x - pointer.x).abs() <= 9.0)
                    .map(|(i, _)| *i)
                    .collect()
            };
            if !cluster.is_empty() {
                plot_response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.set_max_width(420.0);
                    for (n, &i) in cluster.iter().enumerate() {
                        if n > 0 {
                            ui.separator();
                        }
                        event_summary_ui(ui, atlas, &history.events[i], cluster.len() == 1);
                    }
                    if cluster.len() > 1 {
                        ui.label(
                            RichText::new("Zoom in to spread these out; click one for its card.")
                                .small(),
                        );
                    }
                });
            } else {
                let year = transform.value_from_position(pointer).x;
                if let Some(era) = history.eras.iter().find(|e| {
                    year >= year_fraction(e.from.start)
                        && e.to.is_none_or(|t| year < year_fraction(t.start))
                }) {
                    plot_response.clone().on_hover_text_at_pointer(format!(
                        "{} ({} – {})",
                        era.name,
                        era.from,
                        era.to.map_or_else(|| "today".to_owned(), |t| t.to_string())
                    ));
                }
            }
        }
    }

    /// A click on an event chooses it, and selects its province.
    fn click(&mut self, plot_response: &egui::Response, atlas: &Atlas) -> Vec<Command> {
        let history = &atlas.history;
        let mut commands = Vec::new();
        if plot_response.clicked()
            && let Some(pointer) = plot_response.interact_pointer_pos()
        {
            let nearest = self
                .event_positions
                .iter()
                .map(|(i, pos)| (*i, pos.distance(pointer)))
                .filter(|(_, distance)| *distance <= 10.0)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((index, _)) = nearest {
                self.chosen = Some(index);
                if let Some(province) = history.events[index].provinces.first() {
                    commands.push(Command::View(ViewCommand::SelectAndFocus(*province)));
                }
            }
        }
        commands
    }

    /// The chosen event's card, or the eras' names.
    fn chosen_event_ui(&self, ui: &mut Ui, atlas: &Atlas) {
        let history = &atlas.history;
        if let Some(event) = self.chosen.and_then(|i| history.events.get(i)) {
            let mut notes = Footnotes::default();
            let mut places: Vec<&str> = event
                .provinces
                .iter()
                .map(|p| atlas.province(*p).name.as_str())
                .collect();
            places.extend(event.place.as_deref());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{} — {}", event.date, event.title)).strong());
                if !places.is_empty() {
                    ui.label(RichText::new(places.join(", ")).weak());
                }
                if event.unverified {
                    ui.label(RichText::new("UNVERIFIED").color(ui.visuals().warn_fg_color));
                }
            });
            ui.label(format!("{} {}", event.summary, notes.marks(&event.sources)));
            notes.ui(ui, atlas);
        } else {
            let era_names: Vec<&str> = history.eras.iter().map(|e| e.name.as_str()).collect();
            ui.label(RichText::new(format!("Eras: {}", era_names.join(" · "))).small());
        }
    }
}

/// Era names, centred on the visible part of their band, when they fit.
fn paint_era_names(
    painter: &egui::Painter,
    transform: &egui_plot::PlotTransform,
    atlas: &Atlas,
    ink: Color32,
) {
    let frame = *transform.frame();
    for era in &atlas.history.eras {
        let from = transform
            .position_from_point(&PlotPoint::new(year_fraction(era.from.start), 0.0))
            .x;
        let to = transform
            .position_from_point(&PlotPoint::new(
                era.to.map_or(2026.5, |d| year_fraction(d.start)),
                0.0,
            ))
            .x;
        let visible = Rect::from_x_y_ranges(
            from.max(frame.left())..=to.min(frame.right()),
            frame.top()..=frame.top() + ERA_NAME_BAND,
        );
        if visible.width() < 20.0 {
            continue;
        }
        let font = FontId::proportional(13.0);
        let galley = painter.layout_no_wrap(era.name.clone(), font.clone(), ink);
        if galley.size().x + 8.0 <= visible.width() {
            painter.text(
                visible.center(),
                Align2::CENTER_CENTER,
                &era.name,
                font,
                ink,
            );
        }
    }
}

/// One event in a hover: when, what, (with `full`) its summary, and who says so.
fn event_summary_ui(ui: &mut Ui, atlas: &Atlas, event: &HistoryEvent, full: bool) {
    let sources: Vec<String> = event
        .sources
        .iter()
        .filter_map(|id| atlas.sources.get(id))
        .map(|s| s.publisher.clone())
        .collect();
    ui.label(
        RichText::new(format!(
            "{} — {}{}",
            event.date,
            event.title,
            if event.unverified {
                " (unverified)"
            } else {
                ""
            }
        ))
        .strong(),
    );
    if full {
        ui.label(&event.summary);
    }
    ui.label(RichText::new(format!("Source: {}", sources.join("; "))).small());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn era_names_and_labels_contrast_with_every_band_in_both_themes() {
        for dark in [true, false] {
            for index in 0..ERA_FILLS.len() {
                let band = era_fill(index, dark);
                assert_eq!(band.a(), 255, "opaque bands, so the contrast is known");
                let ratio = contrast(era_text(dark), band);
                assert!(ratio >= 4.5, "dark={dark} band {index}: {ratio:.2}:1");
                // Markers stand out from the band too (non-text contrast, WCAG 3:1).
                let marker = contrast(MARKER, band);
                assert!(
                    marker >= 2.0,
                    "dark={dark} band {index} marker: {marker:.2}:1"
                );
            }
        }
    }

    #[test]
    fn labels_go_where_they_fit_and_crowds_stay_unlabelled_until_zoomed() {
        // Far apart: all labelled, on the first row.
        let far = layout_events(&[10.0, 200.0, 400.0], &[80.0; 3], 3, 1000.0);
        assert!(far.iter().all(|s| s.labelled && s.row == 0), "{far:?}");
        // Ten events within 20 px: three rows take three labels, the rest are a cluster.
        let xs: Vec<f32> = (0..10).map(|i| 500.0 + 2.0 * i as f32).collect();
        let crowd = layout_events(&xs, &[80.0; 10], 3, 1000.0);
        assert_eq!(crowd.iter().filter(|s| s.labelled).count(), 3, "{crowd:?}");
        assert!(
            crowd.iter().all(|s| s.labelled || s.row == 3),
            "crowds go on the cluster row"
        );
        // Zoomed ten times: they spread out and more labels fit.
        let zoomed: Vec<f32> = (0..10).map(|i| 500.0 + 20.0 * i as f32).collect();
        let spread = layout_events(&zoomed, &[80.0; 10], 3, 2000.0);
        assert!(
            spread.iter().filter(|s| s.labelled).count() > 3,
            "{spread:?}"
        );
        // A label that would run off the right edge is not drawn.
        let edge = layout_events(&[990.0], &[80.0], 3, 1000.0);
        assert!(!edge[0].labelled);
    }

    #[test]
    fn every_event_of_the_data_set_gets_a_slot() {
        let atlas = crate::data::load_embedded();
        let events = &atlas.history.events;
        let xs: Vec<f32> = events
            .iter()
            .map(|e| ((year_fraction(e.date.start) - 1979.0) * 25.0) as f32)
            .collect();
        let slots = layout_events(&xs, &vec![120.0; events.len()], ROWS - 1, 1300.0);
        assert_eq!(slots.len(), events.len());
        assert!(slots.iter().all(|s| s.row < ROWS));
        assert!(slots.iter().all(|s| s.labelled == (s.row < ROWS - 1)));
        assert!(slots.iter().filter(|s| s.labelled).count() >= events.len() / 3);
    }
}
