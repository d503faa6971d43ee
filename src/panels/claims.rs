//! The article checked: each checkable claim of the originating article beside what other sources
//! say, with a status (supported / partly supported / contradicted / unverified), a one-line
//! reason and the figures that decide it.

use egui::{Color32, RichText, ScrollArea, Ui};

use super::footnotes::Footnotes;
use crate::data::{Atlas, ClaimStatus};

/// The colour of a status (Okabe–Ito: bluish green, blue, vermillion, grey); the word is always
/// shown too, so the colour never carries the meaning alone.
fn status_colour(status: ClaimStatus) -> Color32 {
    match status {
        ClaimStatus::Supported => Color32::from_rgb(0, 158, 115),
        ClaimStatus::PartlySupported => Color32::from_rgb(0, 114, 178),
        ClaimStatus::Contradicted => Color32::from_rgb(213, 94, 0),
        ClaimStatus::Unverified => Color32::from_gray(140),
    }
}

/// Shows the claims table, economic claims first.
pub fn claims_ui(ui: &mut Ui, atlas: &Atlas) {
    let mut claims: Vec<_> = atlas.claims.iter().collect();
    claims.sort_by_key(|c| match c.topic.as_str() {
        "economy" => 0,
        "resistance" => 1,
        _ => 2,
    });
    let mut notes = Footnotes::default();
    let article = claims.first().and_then(|c| atlas.sources.get(&c.source));
    ui.label(RichText::new("The article checked").strong());
    if let Some(article) = article {
        ui.label(
            RichText::new(format!(
                "Claims from “{}” ({}), each beside the sourced figures.",
                article.title, article.publisher
            ))
            .small()
            .weak(),
        );
    }
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            let (claim_width, status_width) = (width * 0.36, 112.0);
            let reason_width = (width - claim_width - status_width - 24.0).max(120.0);
            let column = |ui: &mut Ui, width: f32, add: &mut dyn FnMut(&mut Ui)| {
                ui.allocate_ui_with_layout(
                    egui::vec2(width, 0.0),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_width(width);
                        add(ui);
                    },
                );
            };
            ui.horizontal(|ui| {
                column(ui, claim_width, &mut |ui| {
                    ui.label(RichText::new("Claim").weak());
                });
                column(ui, status_width, &mut |ui| {
                    ui.label(RichText::new("Status").weak());
                });
                column(ui, reason_width, &mut |ui| {
                    ui.label(RichText::new("Why").weak());
                });
            });
            for claim in claims {
                ui.separator();
                let reason = format!("{} {}", claim.reason, notes.marks(&claim.evidence));
                ui.horizontal_top(|ui| {
                    column(ui, claim_width, &mut |ui| {
                        ui.add(egui::Label::new(format!("“{}”", claim.text)).wrap());
                    });
                    column(ui, status_width, &mut |ui| {
                        ui.label(
                            RichText::new(claim.status.label())
                                .strong()
                                .color(status_colour(claim.status)),
                        );
                    });
                    column(ui, reason_width, &mut |ui| {
                        ui.add(egui::Label::new(reason.as_str()).wrap());
                        if let Some(figures) = &claim.figures {
                            ui.add(
                                egui::Label::new(RichText::new(figures).strong().small()).wrap(),
                            );
                        }
                    });
                });
            }
            ui.add_space(8.0);
            notes.ui(ui, atlas);
        });
}
