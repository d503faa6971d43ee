//! The history timeline, 1979–2025: eras shaded, events as markers on a zoomable time axis (drag
//! and scroll to move, double-click to reset). Hovering an event shows it with its source;
//! clicking one shows its card and, when it happened in a province, selects that province.

use egui::{Color32, Pos2, RichText, Ui};
use egui_plot::{HoverPosition, MarkerShape, Plot, PlotPoint, PlotPoints, Points, Span};

use super::sources::Footnotes;
use crate::{
    charts::series::year_fraction,
    data::{Atlas, HistoryEvent},
    state::Command,
};

/// Alternating era shades (light, translucent, so markers stay readable in both themes).
const ERA_SHADES: [Color32; 2] = [
    Color32::from_rgba_premultiplied(0, 114, 178, 40),
    Color32::from_rgba_premultiplied(230, 159, 0, 40),
];

/// The panel's own state: the chosen event and where events were drawn.
#[derive(Clone, Debug, Default)]
pub struct HistoryPanel {
    /// Index into the history events of the event whose card is open.
    pub chosen: Option<usize>,
    /// Screen position of each event marker in the last frame (for clicks and tests).
    pub event_positions: Vec<(usize, Pos2)>,
}

/// Rows events are spread over, so close dates do not overlap.
const ROWS: usize = 4;

fn event_point(index: usize, event: &HistoryEvent) -> [f64; 2] {
    [year_fraction(event.date.start), 1.0 + (index % ROWS) as f64]
}

impl HistoryPanel {
    /// Shows the timeline and the chosen event.
    pub fn ui(&mut self, ui: &mut Ui, atlas: &Atlas) -> Option<Command> {
        let history = &atlas.history;
        let mut command = None;
        ui.horizontal(|ui| {
            ui.label(RichText::new("History, 1979–2025").strong());
            ui.label(RichText::new("Hover an event for its source · click one tied to a province to select it · drag or scroll to move · double-click to reset").small().weak());
        });
        // What hovering each event shows: when, what, and who says so.
        let hover_texts: Vec<String> = history
            .events
            .iter()
            .map(|e| {
                let sources: Vec<String> = e
                    .sources
                    .iter()
                    .filter_map(|id| atlas.sources.get(id))
                    .map(|s| s.publisher.clone())
                    .collect();
                format!(
                    "{} — {}{}\n{}\nSource: {}",
                    e.date,
                    e.title,
                    if e.unverified { " (unverified)" } else { "" },
                    e.summary,
                    sources.join("; ")
                )
            })
            .collect();
        let response = Plot::new("history_timeline")
            .height(170.0)
            .include_x(1979.0)
            .include_x(2026.0)
            .include_y(0.0)
            .include_y(ROWS as f64 + 1.0)
            .show_y(false)
            .show_axes([true, false])
            .allow_zoom([true, false])
            .allow_scroll([true, false])
            .allow_drag([true, false])
            .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
            .label_formatter(move |hover| match hover {
                HoverPosition::NearDataPoint {
                    index, plot_name, ..
                } if plot_name.starts_with("Events") => hover_texts.get(*index).cloned(),
                _ => None,
            })
            .show(ui, |plot_ui| {
                for (index, era) in history.eras.iter().enumerate() {
                    let end = era.to.map_or(2026.0, |d| year_fraction(d.start));
                    plot_ui.span(
                        Span::new(era.name.clone(), year_fraction(era.from.start)..=end)
                            .fill(ERA_SHADES[index % 2]),
                    );
                }
                let points: Vec<[f64; 2]> = history
                    .events
                    .iter()
                    .enumerate()
                    .map(|(i, e)| event_point(i, e))
                    .collect();
                plot_ui.points(
                    Points::new("Events", PlotPoints::from(points))
                        .shape(MarkerShape::Circle)
                        .radius(5.0)
                        .color(Color32::from_rgb(213, 94, 0)),
                );
                for (index, event) in history.events.iter().enumerate() {
                    if self.chosen == Some(index) {
                        let [x, y] = event_point(index, event);
                        plot_ui.points(
                            Points::new("", PlotPoints::from(vec![[x, y]]))
                                .radius(8.0)
                                .filled(false)
                                .color(Color32::from_rgb(0, 114, 178)),
                        );
                    }
                }
            });

        self.event_positions = history
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let [x, y] = event_point(i, e);
                (
                    i,
                    response
                        .transform
                        .position_from_point(&PlotPoint::new(x, y)),
                )
            })
            .collect();
        if response.response.clicked()
            && let Some(pointer) = response.response.interact_pointer_pos()
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
                    command = Some(Command::SelectAndFocus(*province));
                }
            }
        }

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
            ui.label(
                RichText::new(format!("Eras: {}", era_names.join(" · ")))
                    .small()
                    .weak(),
            );
        }
        command
    }
}
