//! The group panel: profile (names, leaders, founding, goals and capabilities as the sources state
//! them), relationships, a sortable table of provinces with evidence, and its events in date
//! order. Clicking a province selects it on the map.

use crate::command::ViewCommand;
use egui::{Grid, RichText, ScrollArea, Ui};

use super::{
    event_stats::{events_section, group_events_ui},
    footnotes::{Footnotes, grade_badge, graded_event_row},
    lazy::lazy_block,
};
use crate::{
    command::Command,
    data::{Atlas, Event, Evidence, GroupIdx, Presence, RelationshipStatus},
    scene::events::LoadedEvents,
    scene::{events_in_range, presence_in_range},
    state::AppState,
};

/// Columns the provinces table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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
    /// Best grade first; not graded last.
    Grade,
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
    ) -> Vec<Command> {
        let Some(group) = state.selected_group else {
            ui.label(RichText::new("No group chosen").heading());
            ui.label("Click a group's province count in the legend, or search for it by name.");
            return Vec::new();
        };
        let mut commands = Vec::new();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                commands.extend(self.profile(ui, atlas, state, group));
                let section = ("group_events", group);
                commands.extend(events_section(
                    ui,
                    events,
                    &state.filters,
                    section,
                    |ui, events| group_events_ui(ui, atlas, events, &state.filters, group),
                ));
            });
        commands
    }

    fn profile(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        state: &AppState,
        idx: GroupIdx,
    ) -> Vec<Command> {
        let group = atlas.group(idx);
        let mut notes = Footnotes::default();
        let mut commands = Vec::new();

        ui.label(RichText::new(&group.name).heading().strong());
        let mut names: Vec<&str> = group.abbreviations.iter().map(String::as_str).collect();
        names.extend(group.other_names.iter().map(String::as_str));
        if !names.is_empty() {
            ui.label(RichText::new(names.join(" · ")).weak());
        }
        ui.label(RichText::new(group.kind.label()).italics());
        ui.add_space(4.0);
        ui.label(format!(
            "{} {}",
            atlas.attributed(&group.summary),
            notes.marks(&group.sources)
        ));
        ui.add_space(6.0);

        // Label and value on one line that wraps inside the panel (a grid would not wrap).
        let fact = |ui: &mut Ui, name: &str, value: RichText| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(name).weak());
                ui.label(value);
            });
        };
        let not_known = |text: &str| RichText::new(text).weak().italics();
        fact(
            ui,
            "Founded",
            match (&group.founded, &group.founded_note) {
                (Some(date), note) => RichText::new(format!(
                    "{date}{}",
                    note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default()
                )),
                (None, Some(note)) => RichText::new(note),
                (None, None) => not_known("not known"),
            },
        );
        fact(
            ui,
            "Based",
            group
                .headquarters
                .as_ref()
                .map_or_else(|| not_known("not known"), RichText::new),
        );
        if group.leaders.is_empty() {
            fact(ui, "Leaders", not_known("not named in the sources"));
        }
        for leader in &group.leaders {
            fact(
                ui,
                "Leader",
                RichText::new(format!("{} — {}", leader.name, leader.role)),
            );
        }

        for (title, items) in [
            ("Goals, as stated", &group.goals),
            ("Capabilities, as reported or claimed", &group.capabilities),
        ] {
            if !items.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new(title).strong());
                for item in items {
                    ui.label(format!("• {}", atlas.attributed(item)));
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
                        commands.push(Command::View(ViewCommand::OpenGroup(other)));
                    }
                    let status = RichText::new(relationship.status.label()).small();
                    ui.label(if relationship.status == RelationshipStatus::Reported {
                        status.weak()
                    } else {
                        status.italics().strong()
                    })
                    .on_hover_text(relationship_status_words(relationship.status));
                    ui.label(format!(
                        "{} {}",
                        atlas.attributed(&relationship.summary),
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
            // Footnote numbers in reading order, whether or not the table is laid out.
            let marks: Vec<String> = rows.iter().map(|row| notes.marks(&row.sources)).collect();
            let table = (
                "group_table",
                idx,
                self.sort,
                self.descending,
                &marks,
                &state.highlighted_source,
                rows.iter().map(|row| row.province).collect::<Vec<_>>(),
            );
            let clicked = lazy_block(ui, table, |ui| self.table(ui, atlas, state, &rows, &marks));
            commands.extend(clicked.into_iter().flatten());
        }
        let stale = stale_lines(atlas, state, idx);
        if !stale.is_empty() {
            ui.add_space(4.0);
            ui.label(RichText::new("Stale (not shown as current)").strong())
                .on_hover_text(crate::scene::describe_recency(&state.filters).unwrap_or_default());
            for line in stale {
                ui.label(RichText::new(line).weak());
            }
        }

        let event_line = |event: &Event, notes: &mut Footnotes| {
            let mut place: Vec<&str> = event
                .provinces
                .iter()
                .map(|p| atlas.province(*p).name.as_str())
                .collect();
            place.extend(event.place.as_deref());
            format!(
                "{} · {} · {} — {} {}",
                event.date,
                place.join(", "),
                event.status.label(),
                event.summary,
                notes.marks(&event.sources)
            )
        };
        let events: Vec<(&Event, String)> = events_in_range(atlas, &state.filters)
            .filter(|e| e.actor == Some(idx))
            .map(|event| (event, event_line(event, &mut notes)))
            .collect();
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Events ({})", events.len())).strong())
            .on_hover_text("Events the group carried out or claimed");
        for (event, text) in &events {
            graded_event_row(ui, atlas, event, text);
        }
        let against: Vec<(&Event, String)> = events_in_range(atlas, &state.filters)
            .filter(|e| e.target == Some(idx))
            .map(|event| (event, event_line(event, &mut notes)))
            .collect();
        if !against.is_empty() {
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!("Events against the group ({})", against.len())).strong(),
            );
            for (event, text) in &against {
                graded_event_row(ui, atlas, event, text);
            }
        }
        ui.add_space(8.0);
        notes.ui(ui, atlas);
        commands
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
            SortColumn::Grade => rows.sort_by_key(|p| {
                let grade = atlas.grade_of(p.credibility, &p.sources);
                (
                    grade.is_none(),
                    grade.map(|g| (g.reliability, g.credibility)),
                    p.evidence,
                )
            }),
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
        marks: &[String],
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        // The table scrolls sideways inside the panel rather than widening it.
        ScrollArea::horizontal()
            .id_salt("group_provinces_scroll")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                Grid::new("group_provinces")
                    .num_columns(6)
                    .striped(true)
                    .spacing([8.0, 3.0])
                    .show(ui, |ui| {
                        for (column, title) in [
                            (SortColumn::Province, "Province"),
                            (SortColumn::Evidence, "Evidence"),
                            (SortColumn::Period, "Period"),
                            (SortColumn::Count, "Count"),
                            (SortColumn::Grade, "Grade"),
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
                        for (row, marks) in rows.iter().zip(marks) {
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
                                commands
                                    .push(Command::View(ViewCommand::FocusProvince(row.province)));
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
                            grade_badge(
                                ui,
                                atlas,
                                row.credibility,
                                &row.sources,
                                row.grading_note.as_deref(),
                            );
                            ui.label(RichText::new(marks).small());
                            ui.end_row();
                        }
                    });
            });
        commands
    }
}

/// What a relationship's status means, for its tooltip.
fn relationship_status_words(status: RelationshipStatus) -> &'static str {
    match status {
        RelationshipStatus::Reported => "Reported by a source independent of both groups.",
        RelationshipStatus::Claimed => "Stated by the groups themselves.",
        RelationshipStatus::Unverified => {
            "Asserted by one source; no other source reviewed confirms it."
        }
    }
}

/// Table-width name of the evidence.
pub fn evidence_short(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::Stronghold => "stronghold",
        Evidence::VerifiedAttacks => "UN-verified",
        Evidence::ConfirmedAttacks => "confirmed",
        Evidence::ClaimedAttacks => "claimed",
        Evidence::Reported => "reported",
    }
}

/// "Wardak — Reported presence, last reported Aug 2021" for each province where the group has
/// only stale records in the dates shown.
fn stale_lines(atlas: &Atlas, state: &AppState, idx: GroupIdx) -> Vec<String> {
    let current: std::collections::BTreeSet<_> =
        crate::scene::presence_in_range(atlas, &state.filters)
            .filter(|p| p.group == idx)
            .map(|p| p.province)
            .collect();
    let mut newest: std::collections::BTreeMap<_, &Presence> = Default::default();
    for record in crate::scene::stale_presence_in_range(atlas, &state.filters)
        .filter(|p| p.group == idx && !current.contains(&p.province))
    {
        let entry = newest.entry(record.province).or_insert(record);
        if record.last_reported.end() > entry.last_reported.end() {
            *entry = record;
        }
    }
    let mut lines: Vec<String> = newest
        .values()
        .map(|record| {
            format!(
                "{} — {}, last reported {}",
                atlas.province(record.province).name,
                record.evidence.label(),
                crate::scene::last_reported_label(record.last_reported)
            )
        })
        .collect();
    lines.sort();
    lines
}
