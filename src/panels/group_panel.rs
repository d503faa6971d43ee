//! The group panel: profile (names, leaders, founding, goals and capabilities as the sources state
//! them), relationships, a sortable table of provinces with evidence, and its events in date
//! order. Clicking a province selects it on the map.

use egui::{Grid, RichText, ScrollArea, Ui};

use super::sources::Footnotes;
use crate::{
    data::{Atlas, Evidence, GroupIdx, Presence},
    map::events_scene::LoadedEvents,
    scene::presence_in_range,
    state::{AppState, Command},
};

/// Columns the provinces table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    /// Province name.
    Province,
    /// Strongest evidence first.
    #[default]
    Evidence,
    /// Start of the period.
    Period,
    /// Attack count.
    Count,
}

/// The panel's own state: how the table is sorted.
#[derive(Clone, Debug, Default)]
pub struct GroupPanel {
    /// Sort column.
    pub sort: SortColumn,
    /// Reverse the natural order.
    pub descending: bool,
}

impl GroupPanel {
    /// Shows the profile of the chosen group, or a hint.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        state: &AppState,
        events: Option<&LoadedEvents>,
    ) -> Option<Command> {
        let Some(group) = state.selected_group else {
            ui.label(RichText::new("No group chosen").heading());
            ui.label("Click a group's province count in the legend, or search for it by name.");
            return None;
        };
        let mut command = None;
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                command = self.profile(ui, atlas, state, group);
                if let Some(events) = events {
                    command = command.take().or(super::event_stats::group_events_ui(
                        ui,
                        atlas,
                        events,
                        &state.filters,
                        group,
                    ));
                }
            });
        command
    }

    fn profile(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        state: &AppState,
        idx: GroupIdx,
    ) -> Option<Command> {
        let group = atlas.group(idx);
        let mut notes = Footnotes::default();
        let mut command = None;

        ui.label(RichText::new(&group.name).heading().strong());
        let mut names: Vec<&str> = group.abbreviations.iter().map(String::as_str).collect();
        names.extend(group.other_names.iter().map(String::as_str));
        if !names.is_empty() {
            ui.label(RichText::new(names.join(" · ")).weak());
        }
        ui.label(RichText::new(group.kind.label()).italics());
        ui.add_space(4.0);
        ui.label(format!("{} {}", group.summary, notes.marks(&group.sources)));
        ui.add_space(6.0);

        Grid::new("group_profile")
            .num_columns(2)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Founded").weak());
                match (&group.founded, &group.founded_note) {
                    (Some(date), note) => ui.label(format!(
                        "{date}{}",
                        note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()
                    )),
                    (None, Some(note)) => ui.label(note),
                    (None, None) => ui.label(RichText::new("not known").weak().italics()),
                };
                ui.end_row();
                ui.label(RichText::new("Based").weak());
                match &group.headquarters {
                    Some(hq) => ui.label(hq),
                    None => ui.label(RichText::new("not known").weak().italics()),
                };
                ui.end_row();
                ui.label(RichText::new("Leaders").weak());
                ui.vertical(|ui| {
                    if group.leaders.is_empty() {
                        ui.label(RichText::new("not named in the sources").weak().italics());
                    }
                    for leader in &group.leaders {
                        ui.label(format!("{} — {}", leader.name, leader.role));
                    }
                });
                ui.end_row();
            });

        for (title, items) in [
            ("Goals, as stated", &group.goals),
            ("Capabilities, as reported or claimed", &group.capabilities),
        ] {
            if !items.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new(title).strong());
                for item in items {
                    ui.label(format!("• {item}"));
                }
            }
        }

        let relationships: Vec<_> = atlas
            .relationships
            .iter()
            .filter(|r| r.groups.contains(&idx))
            .collect();
        if !relationships.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Relationships").strong());
            for relationship in relationships {
                let other = if relationship.groups[0] == idx {
                    relationship.groups[1]
                } else {
                    relationship.groups[0]
                };
                ui.horizontal_wrapped(|ui| {
                    if ui.small_button(atlas.group(other).short_name()).clicked() {
                        command = Some(Command::OpenGroup(other));
                    }
                    ui.label(format!(
                        "{} {}",
                        relationship.summary,
                        notes.marks(&relationship.sources)
                    ));
                });
            }
        }

        let mut rows: Vec<&Presence> = presence_in_range(atlas, &state.filters)
            .filter(|p| p.group == idx)
            .collect();
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "Provinces ({} records in the dates shown)",
                rows.len()
            ))
            .strong(),
        );
        if rows.is_empty() {
            ui.label(RichText::new("No province records in the dates shown.").weak());
        } else {
            self.sort(&mut rows, atlas);
            command = command.or(self.table(ui, atlas, state, &rows, &mut notes));
        }

        let range = state.filters.time.range();
        let events: Vec<_> = atlas
            .events
            .iter()
            .filter(|e| e.group == Some(idx))
            .filter(|e| {
                range.is_none_or(|(first, last)| e.date.start <= last && e.date.end() >= first)
            })
            .collect();
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Events ({})", events.len())).strong());
        for event in events {
            let mut place: Vec<&str> = event
                .provinces
                .iter()
                .map(|p| atlas.province(*p).name.as_str())
                .collect();
            place.extend(event.place.as_deref());
            ui.label(format!(
                "{} · {} · {} — {} {}",
                event.date,
                place.join(", "),
                event.status.label(),
                event.summary,
                notes.marks(&event.sources)
            ));
        }
        ui.add_space(8.0);
        notes.ui(ui, atlas);
        command
    }

    fn sort(&self, rows: &mut [&Presence], atlas: &Atlas) {
        match self.sort {
            SortColumn::Province => rows.sort_by(|a, b| {
                atlas
                    .province(a.province)
                    .name
                    .cmp(&atlas.province(b.province).name)
            }),
            SortColumn::Evidence => rows.sort_by_key(|p| (p.evidence, p.period.from.start)),
            SortColumn::Period => rows.sort_by_key(|p| (p.period.from.start, p.evidence)),
            SortColumn::Count => rows.sort_by_key(|p| std::cmp::Reverse(p.count)),
        }
        if self.descending {
            rows.reverse();
        }
    }

    fn table(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        state: &AppState,
        rows: &[&Presence],
        notes: &mut Footnotes,
    ) -> Option<Command> {
        let mut command = None;
        Grid::new("group_provinces")
            .num_columns(5)
            .striped(true)
            .spacing([8.0, 3.0])
            .show(ui, |ui| {
                for (column, title) in [
                    (SortColumn::Province, "Province"),
                    (SortColumn::Evidence, "Evidence"),
                    (SortColumn::Period, "Period"),
                    (SortColumn::Count, "Count"),
                ] {
                    let arrow = if self.sort == column {
                        if self.descending { " (desc)" } else { " (asc)" }
                    } else {
                        ""
                    };
                    if ui
                        .selectable_label(self.sort == column, format!("{title}{arrow}"))
                        .on_hover_text("Sort by this column")
                        .clicked()
                    {
                        if self.sort == column {
                            self.descending = !self.descending;
                        } else {
                            self.sort = column;
                            self.descending = false;
                        }
                    }
                }
                ui.label(RichText::new("Sources").weak());
                ui.end_row();
                for row in rows {
                    let highlighted = state
                        .highlighted_source
                        .as_ref()
                        .is_some_and(|s| row.sources.contains(s));
                    let name = RichText::new(&atlas.province(row.province).name);
                    if ui
                        .link(if highlighted {
                            name.strong().underline()
                        } else {
                            name
                        })
                        .clicked()
                    {
                        command = Some(Command::FocusProvince(row.province));
                    }
                    let evidence = RichText::new(evidence_short(row.evidence));
                    ui.label(if row.evidence == Evidence::ClaimedAttacks {
                        evidence.italics()
                    } else {
                        evidence
                    })
                    .on_hover_text(row.note.as_deref().unwrap_or(row.evidence.label()));
                    ui.label(RichText::new(row.period.to_string()).small());
                    ui.label(
                        row.count
                            .map(|c| c.to_string())
                            .unwrap_or_else(|| "—".to_owned()),
                    );
                    ui.label(RichText::new(notes.marks(&row.sources)).small());
                    ui.end_row();
                }
            });
        command
    }
}

/// Table-width name of the evidence.
pub fn evidence_short(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::Stronghold => "stronghold",
        Evidence::VerifiedAttacks => "UN-verified",
        Evidence::ClaimedAttacks => "claimed",
        Evidence::Reported => "reported",
    }
}
