//! Regional context: Pakistan's Illegal Foreigners Repatriation Plan (phases, and reported
//! returns charted over time) and Tajikistan (refuge for NRF leaders, honours, electricity), each
//! with its sources.

use egui::{Color32, Grid, RichText, ScrollArea, Ui};
use egui_plot::{AxisHints, HoverPosition, Line, MarkerShape, Plot, PlotPoints, Points};

use super::footnotes::Footnotes;
use crate::{
    charts::{
        economy::{VALUE_AXIS_WIDTH, takeover_marker, year_axis, year_grid},
        series::{VALUE_LABEL_PX, running_total_line, tick_label, value_ticks, year_fraction},
    },
    data::{Atlas, context::Returns},
};

const RETURNS_COLOUR: Color32 = Color32::from_rgb(0, 114, 178);
const OTHER_SOURCE_COLOUR: Color32 = Color32::from_rgb(213, 94, 0);

/// The returns chart's two series, in (fractional year, millions): the running total as the
/// reports give it, never falling, and reports below an earlier figure (another source counting
/// differently), drawn apart. Each point keeps the index of its report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReturnsSeries {
    /// Reports at least as high as every earlier one, in date order.
    pub running_total: Vec<(usize, [f64; 2])>,
    /// Reports lower than an earlier report.
    pub lower_reports: Vec<(usize, [f64; 2])>,
}

impl ReturnsSeries {
    /// The series for `returns` (sorted by date here; the data need not be).
    pub fn new(returns: &[Returns]) -> Self {
        let mut order: Vec<usize> = (0..returns.len()).collect();
        order.sort_by_key(|&i| returns[i].date.start);
        let points: Vec<(f64, f64)> = order
            .iter()
            .map(|&i| {
                (
                    year_fraction(returns[i].date.start),
                    returns[i].count as f64 / 1e6,
                )
            })
            .collect();
        let (line, apart) = running_total_line(&points);
        let pick = |indices: Vec<usize>| {
            indices
                .into_iter()
                .map(|k| (order[k], [points[k].0, points[k].1]))
                .collect()
        };
        Self {
            running_total: pick(line),
            lower_reports: pick(apart),
        }
    }
}

/// Reported returns from Pakistan: a running total that never falls, with lower figures from
/// other sources marked apart; each point's hover names its date, count and caveat.
fn returns_chart(ui: &mut Ui, returns: &[Returns]) {
    ui.label(RichText::new("Reported returns from Pakistan to Afghanistan").strong());
    ui.label(
        RichText::new(
            "Running totals since the plan began (Oct 2023), as each source reported them; \
             sources count differently, so a later report can be lower than an earlier one.",
        )
        .small(),
    );
    let series = ReturnsSeries::new(returns);
    ui.horizontal_wrapped(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(3.0, RETURNS_COLOUR),
        );
        ui.label(RichText::new("running total reported").small());
        if !series.lower_reports.is_empty() {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 12.0), egui::Sense::hover());
            ui.painter().circle_stroke(
                rect.center(),
                4.5,
                egui::Stroke::new(2.0, OTHER_SOURCE_COLOUR),
            );
            ui.label(RichText::new("lower figure from another source").small());
        }
    });
    let labels: Vec<String> = returns
        .iter()
        .map(|r| {
            format!(
                "{}: {} people{}",
                r.date,
                r.count,
                r.note
                    .as_deref()
                    .map(|n| format!("\n{n}"))
                    .unwrap_or_default()
            )
        })
        .collect();
    let line_labels: Vec<String> = series
        .running_total
        .iter()
        .map(|(i, _)| labels[*i].clone())
        .collect();
    let apart_labels: Vec<String> = series
        .lower_reports
        .iter()
        .map(|(i, _)| labels[*i].clone())
        .collect();
    let line: Vec<[f64; 2]> = series.running_total.iter().map(|(_, p)| *p).collect();
    let apart: Vec<[f64; 2]> = series.lower_reports.iter().map(|(_, p)| *p).collect();
    let high = line.iter().chain(&apart).map(|p| p[1]).fold(0.0, f64::max);
    let top = (high * 1.3).max(0.1);
    let ink = ui.visuals().strong_text_color();
    Plot::new("returns_chart")
        .height(170.0)
        .include_x(2020.2)
        .include_x(2026.0)
        .include_y(0.0)
        .include_y(top)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .grid_spacing(8.0..=300.0)
        .custom_x_axes(vec![year_axis()])
        .x_grid_spacer(year_grid)
        .custom_y_axes(vec![
            AxisHints::new_y()
                .label_spacing(14.0..=VALUE_LABEL_PX as f32)
                .min_thickness(VALUE_AXIS_WIDTH)
                .formatter(|mark, _| tick_label(mark.value, mark.step_size, "millions")),
        ])
        .y_grid_spacer(|input| {
            value_ticks(input.bounds, 8.0 / input.base_step_size)
                .into_iter()
                .map(|t| egui_plot::GridMark {
                    value: t.value,
                    step_size: t.step,
                })
                .collect()
        })
        .label_formatter(move |hover| match hover {
            HoverPosition::NearDataPoint {
                plot_name, index, ..
            } => match *plot_name {
                "Running total" => line_labels.get(*index).cloned(),
                "Lower figure" => apart_labels
                    .get(*index)
                    .map(|l| format!("{l}\n(lower than an earlier report from another source)")),
                _ => None,
            },
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot_ui| {
            plot_ui.line(
                Line::new("Running total line", PlotPoints::from(line.clone()))
                    .color(RETURNS_COLOUR)
                    .width(2.0),
            );
            plot_ui.points(
                Points::new("Running total", PlotPoints::from(line))
                    .radius(4.0)
                    .color(RETURNS_COLOUR),
            );
            plot_ui.points(
                Points::new("Lower figure", PlotPoints::from(apart))
                    .radius(5.0)
                    .filled(false)
                    .shape(MarkerShape::Circle)
                    .color(OTHER_SOURCE_COLOUR),
            );
            takeover_marker(plot_ui, top, ink);
        });
}

/// Shows the region panel.
pub fn region_ui(ui: &mut Ui, atlas: &Atlas) {
    let region = &atlas.region;
    let mut notes = Footnotes::default();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |columns| {
                let ui = &mut columns[0];
                ui.label(
                    RichText::new("Pakistan: the Illegal Foreigners Repatriation Plan").strong(),
                );
                ui.label(&region.pakistan_summary);
                Grid::new("ifrp_phases")
                    .num_columns(3)
                    .striped(true)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        for phase in &region.repatriation_phases {
                            ui.label(RichText::new(format!("Phase {}", phase.phase)).strong());
                            let dates = match (
                                phase.from.as_deref().map(readable_date),
                                phase.deadline.as_deref().map(readable_date),
                            ) {
                                (Some(from), Some(deadline)) => {
                                    format!("from {from}, deadline {deadline}")
                                }
                                (Some(from), None) => format!("from {from}"),
                                (None, Some(deadline)) => format!("deadline {deadline}"),
                                (None, None) => "dates not given".to_owned(),
                            };
                            ui.label(RichText::new(dates).small());
                            ui.add(
                                egui::Label::new(format!(
                                    "{} — {} {}",
                                    phase.who,
                                    phase.summary,
                                    notes.marks(&phase.sources)
                                ))
                                .wrap(),
                            );
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
                returns_chart(ui, &region.returns);
                for r in &region.returns {
                    ui.label(
                        RichText::new(format!(
                            "{}: {} {}",
                            r.date,
                            r.count,
                            notes.marks(&r.sources)
                        ))
                        .small(),
                    );
                }
                for note in &region.pakistan_notes {
                    ui.label(format!("• {} {}", note.text, notes.marks(&note.sources)));
                }

                let ui = &mut columns[1];
                ui.label(RichText::new("Tajikistan").strong());
                ui.label(&region.tajikistan_summary);
                for item in &region.tajikistan {
                    ui.label(
                        RichText::new(format!(
                            "{}{}",
                            item.date
                                .as_deref()
                                .map(|d| format!("{} — ", readable_date(d)))
                                .unwrap_or_default(),
                            item.title
                        ))
                        .strong(),
                    );
                    ui.label(format!("{} {}", item.summary, notes.marks(&item.sources)));
                }
            });
            ui.add_space(8.0);
            notes.ui(ui, atlas);
        });
}

/// "2025-02-13" → "13 Feb 2025"; text that is not a date is shown as it is.
fn readable_date(text: &str) -> String {
    crate::data::Date::parse(text).map_or_else(|_| text.to_owned(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reported_returns_line_never_falls_and_keeps_every_report() {
        let atlas = crate::data::load_embedded();
        let returns = &atlas.region.returns;
        let series = ReturnsSeries::new(returns);
        assert_eq!(
            series.running_total.len() + series.lower_reports.len(),
            returns.len(),
            "every report is drawn"
        );
        assert!(series.running_total.len() >= 2);
        assert!(
            series
                .running_total
                .windows(2)
                .all(|w| w[1].1[1] >= w[0].1[1] && w[1].1[0] >= w[0].1[0]),
            "{series:?}"
        );
        // Business Recorder's 827,157 (10 Apr 2025) is below Pakistan Observer's 885,902
        // (1 Apr 2025): it is drawn apart, not as a fall.
        assert!(
            series
                .lower_reports
                .iter()
                .any(|(i, _)| returns[*i].count == 827_157)
        );
    }
}
