//! The Sources panel: every source the atlas cites with its Admiralty reliability grade, how many
//! records cite it, and its URL (with a copy button); sortable by grade, publisher, title or
//! citations and filterable by grade and publisher. Choosing one highlights the records citing it
//! on the map and in the panels.

use crate::command::ViewCommand;
use std::collections::BTreeMap;

use egui::{ComboBox, RichText, ScrollArea, TextEdit, Ui};

use crate::{
    command::Command,
    data::{Atlas, Reliability, Source},
    state::AppState,
};

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceOrder {
    /// Best reliability first, then publisher.
    #[default]
    Grade,
    /// Publisher A–Z, then title.
    Publisher,
    /// Most-cited first.
    Citations,
    /// Title A–Z.
    Title,
}

impl SourceOrder {
    const ALL: [Self; 4] = [Self::Grade, Self::Publisher, Self::Citations, Self::Title];

    fn label(self) -> &'static str {
        match self {
            Self::Grade => "grade",
            Self::Publisher => "publisher",
            Self::Citations => "citations",
            Self::Title => "title",
        }
    }
}

/// The panel's own state: order and filters (not persisted; the list is quick to re-sort).
#[derive(Clone, Debug, Default)]
pub struct SourcesPanel {
    /// How the list is ordered.
    pub order: SourceOrder,
    /// Show only sources graded this or better; `None` shows all, ungraded too.
    pub min_reliability: Option<Reliability>,
    /// Show only sources whose publisher contains this text (any case).
    pub publisher: String,
}

/// How many records cite each source id: province facts, groups, presence records, events,
/// relationships and claims.
pub fn citation_counts(atlas: &Atlas) -> BTreeMap<&str, usize> {
    let mut counts: BTreeMap<&str, usize> =
        atlas.sources.keys().map(|id| (id.as_str(), 0)).collect();
    let mut count = |ids: &[String]| {
        // A record citing a source twice counts once.
        let mut seen: Vec<&str> = Vec::with_capacity(ids.len());
        for id in ids {
            if !seen.contains(&id.as_str()) {
                seen.push(id);
                if let Some(n) = counts.get_mut(id.as_str()) {
                    *n += 1;
                }
            }
        }
    };
    for province in &atlas.provinces {
        let facts = &province.facts;
        if let Some(c) = &facts.capital {
            count(&c.sources);
        }
        if let Some(a) = &facts.area_km2 {
            count(&a.sources);
        }
        if let Some(p) = &facts.population {
            count(&p.sources);
        }
    }
    atlas.groups.iter().for_each(|g| count(&g.sources));
    atlas.presence.iter().for_each(|p| count(&p.sources));
    atlas.events.iter().for_each(|e| count(&e.sources));
    atlas.relationships.iter().for_each(|r| count(&r.sources));
    for claim in &atlas.claims {
        let mut ids = vec![claim.source.clone()];
        ids.extend(claim.evidence.iter().cloned());
        count(&ids);
    }
    counts
}

/// Shows every source, keeping the panel's order and filters between frames.
pub fn sources_panel_ui(ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Vec<Command> {
    let id = ui.make_persistent_id("sources_panel");
    let mut panel: SourcesPanel = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let commands = panel.ui(ui, atlas, state);
    ui.data_mut(|d| d.insert_temp(id, panel));
    commands
}

/// A URL short enough for a narrow panel: without the scheme, cut at 40 characters.
fn short_url(url: &str) -> String {
    let bare = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    if bare.chars().count() > 40 {
        format!("{}…", bare.chars().take(39).collect::<String>())
    } else {
        bare.to_owned()
    }
}

impl SourcesPanel {
    /// The sources passing the filters, in the chosen order.
    pub fn listed<'a>(&self, atlas: &'a Atlas, counts: &BTreeMap<&str, usize>) -> Vec<&'a Source> {
        let needle = self.publisher.trim().to_lowercase();
        let mut sources: Vec<&Source> = atlas
            .sources
            .values()
            .filter(|s| {
                self.min_reliability
                    .is_none_or(|floor| s.reliability.is_some_and(|r| r <= floor))
            })
            .filter(|s| needle.is_empty() || s.publisher.to_lowercase().contains(&needle))
            .collect();
        let cited = |s: &Source| counts.get(s.id.as_str()).copied().unwrap_or(0);
        let title = |s: &Source| s.title.to_lowercase();
        let publisher = |s: &Source| s.publisher.to_lowercase();
        match self.order {
            SourceOrder::Grade => sources.sort_by_key(|s| {
                (
                    s.reliability.is_none(),
                    s.reliability,
                    publisher(s),
                    title(s),
                )
            }),
            SourceOrder::Publisher => sources.sort_by_key(|s| (publisher(s), title(s))),
            SourceOrder::Citations => {
                sources.sort_by_key(|s| (std::cmp::Reverse(cited(s)), title(s)));
            }
            SourceOrder::Title => sources.sort_by_key(|s| title(s)),
        }
        sources
    }

    /// Shows the controls and the list.
    pub fn ui(&mut self, ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        let counts = citation_counts(atlas);
        let listed = self.listed(atlas, &counts);
        ui.label(
            RichText::new(format!(
                "{} of {} sources",
                listed.len(),
                atlas.sources.len()
            ))
            .heading(),
        );
        ui.label(
            RichText::new("Choose one to highlight the provinces whose records cite it. Grades: Admiralty scale, A (completely reliable) to E (unreliable), F (cannot be judged).")
                .small()
                .weak(),
        );
        ui.horizontal_wrapped(|ui| {
            let sort_label = ui.label("Sort by");
            ComboBox::from_id_salt("sources_order")
                .selected_text(self.order.label())
                .show_ui(ui, |ui| {
                    for order in SourceOrder::ALL {
                        ui.selectable_value(&mut self.order, order, order.label());
                    }
                })
                .response
                .labelled_by(sort_label.id);
            let graded_label = ui.label("Graded");
            ComboBox::from_id_salt("sources_min_reliability")
                .selected_text(
                    self.min_reliability
                        .map_or("any".to_owned(), |r| format!("{} or better", r.letter())),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.min_reliability, None, "any");
                    for grade in Reliability::ALL {
                        ui.selectable_value(
                            &mut self.min_reliability,
                            Some(grade),
                            format!("{} or better ({})", grade.letter(), grade.words()),
                        );
                    }
                })
                .response
                .labelled_by(graded_label.id);
        });
        ui.horizontal(|ui| {
            ui.label("Publisher");
            ui.add(
                TextEdit::singleline(&mut self.publisher)
                    .hint_text("e.g. KabulNow")
                    .desired_width(ui.available_width().min(220.0)),
            );
        });
        if state.highlighted_source.is_some() && ui.button("Clear highlight").clicked() {
            commands.push(Command::View(ViewCommand::HighlightSource(None)));
        }
        ui.separator();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if listed.is_empty() {
                    ui.label(RichText::new("No source matches the filters.").weak());
                }
                for source in listed {
                    let cited = counts.get(source.id.as_str()).copied().unwrap_or(0);
                    commands.extend(source_row(ui, source, cited, state));
                }
            });
        commands
    }
}

fn source_row(ui: &mut Ui, source: &Source, cited: usize, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let chosen = state.highlighted_source.as_deref() == Some(source.id.as_str());
    ui.horizontal_top(|ui| {
        let grade = match source.reliability {
            Some(r) => RichText::new(r.letter()).monospace().strong(),
            None => RichText::new("—").monospace().weak(),
        };
        let mut tooltip = source.reliability.map_or_else(
            || "Not graded".to_owned(),
            |r| format!("Reliability {}: {}", r.letter(), r.words()),
        );
        if let Some(note) = &source.grading_note {
            tooltip.push_str(". ");
            tooltip.push_str(note);
        }
        ui.label(grade).on_hover_text(tooltip);
        ui.vertical(|ui| {
            if ui
                .add(egui::Button::selectable(chosen, RichText::new(&source.title).strong()).wrap())
                .clicked()
            {
                commands.push(Command::View(ViewCommand::HighlightSource(
                    (!chosen).then(|| source.id.clone()),
                )));
            }
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "{} · {} · {} · cited by {cited} record{}",
                        source.publisher,
                        source.date.as_deref().unwrap_or("undated"),
                        source.kind.label(),
                        if cited == 1 { "" } else { "s" }
                    ))
                    .small()
                    .weak(),
                )
                .wrap(),
            );
            if let Some(url) = &source.url {
                ui.horizontal_wrapped(|ui| {
                    crate::links::link_ui(ui, RichText::new(short_url(url)).small(), url);
                    if ui
                        .small_button("Copy")
                        .on_hover_text("Copy the URL")
                        .clicked()
                    {
                        ui.ctx().copy_text(url.clone());
                    }
                });
            }
        });
    });
    ui.add_space(6.0);
    commands
}
