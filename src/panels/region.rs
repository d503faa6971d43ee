//! Regional context: Pakistan's Illegal Foreigners Repatriation Plan (phases, and reported
//! returns charted over time) and Tajikistan (refuge for NRF leaders, honours, electricity), each
//! with its sources.

use egui::{Color32, Grid, RichText, ScrollArea, Ui};
use egui_plot::{HoverPosition, Line, Plot, PlotPoints, Points};

use super::sources::Footnotes;
use crate::{charts::series::year_fraction, data::Atlas};

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
                ui.label(RichText::new("Reported returns to Afghanistan (cumulative)").strong());
                let returns: Vec<[f64; 2]> = region
                    .returns
                    .iter()
                    .map(|r| [year_fraction(r.date.start), r.count as f64 / 1e6])
                    .collect();
                let labels: Vec<String> = region
                    .returns
                    .iter()
                    .map(|r| {
                        format!(
                            "{}: {} people{}",
                            r.date,
                            r.count,
                            r.note
                                .as_deref()
                                .map(|n| format!(" — {n}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect();
                Plot::new("returns_chart")
                    .height(150.0)
                    .y_axis_label("millions")
                    .include_y(0.0)
                    .allow_zoom(false)
                    .allow_drag(false)
                    .allow_scroll(false)
                    .label_formatter(move |hover| match hover {
                        HoverPosition::NearDataPoint { index, .. } => labels.get(*index).cloned(),
                        HoverPosition::Elsewhere { .. } => None,
                    })
                    .show(ui, |plot_ui| {
                        plot_ui.line(
                            Line::new("Returns", PlotPoints::from(returns.clone()))
                                .color(Color32::from_rgb(0, 114, 178)),
                        );
                        plot_ui.points(
                            Points::new("Returns", PlotPoints::from(returns))
                                .radius(4.0)
                                .color(Color32::from_rgb(0, 114, 178)),
                        );
                    });
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
