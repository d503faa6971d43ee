//! Footnote-style source references: facts carry `[1]`, `[2]` marks, and a numbered list at the
//! end of a panel says what each number is, with a link where there is one.

use egui::{Response, RichText, Ui};

use super::lazy::lazy_block;
use crate::data::{Atlas, Credibility, Event, grade::grade_tooltip};

/// A record's grade as a small badge ("B2", or "—" when not graded), saying it in words on hover.
pub fn grade_badge(
    ui: &mut Ui,
    atlas: &Atlas,
    credibility: Option<Credibility>,
    sources: &[String],
    note: Option<&str>,
) -> Response {
    let grade = atlas.grade_of(credibility, sources);
    let text = match grade {
        Some(g) => RichText::new(g.to_string()).monospace().strong(),
        None => RichText::new("—").monospace().weak(),
    };
    ui.label(text)
        .on_hover_ui(|ui| {
            let mut tooltip = grade_tooltip(grade);
            if let Some(note) = note {
                tooltip.push('\n');
                tooltip.push_str(note);
            }
            ui.label(tooltip);
        })
        .on_hover_cursor(egui::CursorIcon::Help)
}

/// An event as the panels list it: its grade badge and `text`, laid out only near the view.
pub fn graded_event_row(ui: &mut Ui, atlas: &Atlas, event: &Event, text: &str) {
    lazy_block(ui, text, |ui| {
        ui.horizontal_wrapped(|ui| {
            grade_badge(
                ui,
                atlas,
                event.credibility,
                &event.sources,
                event.grading_note.as_deref(),
            );
            ui.label(text);
        });
    });
}

/// Source ids in the order a panel first cites them; the footnote number is position + 1.
#[derive(Debug, Default)]
pub struct Footnotes {
    ids: Vec<String>,
}

impl Footnotes {
    /// " [1][2]" for these source ids, numbering new ones as they come.
    pub fn marks(&mut self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| {
                let number = match self.ids.iter().position(|known| known == id) {
                    Some(index) => index + 1,
                    None => {
                        self.ids.push(id.clone());
                        self.ids.len()
                    }
                };
                format!("[{number}]")
            })
            .collect()
    }

    /// The numbered list of cited sources.
    pub fn ui(&self, ui: &mut Ui, atlas: &Atlas) {
        if self.ids.is_empty() {
            return;
        }
        ui.label(RichText::new("Sources").strong());
        for (index, id) in self.ids.iter().enumerate() {
            let Some(source) = atlas.sources.get(id) else {
                continue;
            };
            let citation = source.citation();
            lazy_block(ui, ("footnote", index, &citation, &source.url), |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    ui.label(RichText::new(format!("[{}]", index + 1)).small());
                    ui.label(RichText::new(&citation).small());
                    ui.label(
                        RichText::new(format!("({})", source.kind.label()))
                            .small()
                            .weak(),
                    );
                    if let Some(url) = &source.url {
                        crate::links::link_ui(ui, RichText::new("link").small(), url);
                    }
                });
            });
        }
    }
}
