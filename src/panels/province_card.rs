//! The right panel: the selected province's card — names, code, capital, area and population
//! with their sources, and its neighbours (computed from shared borders, clickable).

use crate::command::ViewCommand;
use egui::{Grid, RichText, ScrollArea, Ui};
use std::{any::Any, sync::Arc};

use super::{
    event_stats::{events_section, province_events_ui},
    footnotes::{Footnotes, grade_badge, graded_event_row},
    lazy::lazy_block,
    retained::retained,
};
use crate::{
    command::Command,
    data::{Atlas, Event, Presence, ProvinceIdx, Standing},
    geometry::MapGeometry,
    scene::MapScene,
    scene::events::LoadedEvents,
    scene::events_in_range,
    state::AppState,
};

/// Shows the card of the selected province, or a hint when none is selected. `scene` is what
/// the map shows (made anew when the filters, the highlighted source or the data change): the
/// card is drawn again from the last frame while it, the province and the events stay the same
/// (see [`retained`]).
pub fn province_card_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    geometry: &MapGeometry,
    state: &AppState,
    scene: &Arc<MapScene>,
    events: Option<&LoadedEvents>,
) -> Vec<Command> {
    ui.add_space(6.0);
    let Some(selected) = state.selected else {
        ui.label(RichText::new("No province selected").heading());
        ui.label(
            "Click a province on the map, or search for one on the left. Esc clears the selection.",
        );
        return Vec::new();
    };
    let mut commands = Vec::new();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let key = (selected, events.map(|e| e.generation));
            let anchor: Arc<dyn Any + Send + Sync> = scene.clone();
            commands.extend(retained(ui, "province_card", key, Some(anchor), |ui| {
                let mut commands = card(ui, atlas, geometry, state, selected);
                let section = ("province_events", selected);
                commands.extend(events_section(
                    ui,
                    events,
                    &state.filters,
                    section,
                    |ui, events| province_events_ui(ui, atlas, events, &state.filters, selected),
                ));
                commands
            }));
        });
    commands
}

fn card(
    ui: &mut Ui,
    atlas: &Atlas,
    geometry: &MapGeometry,
    state: &AppState,
    selected: ProvinceIdx,
) -> Vec<Command> {
    let province = atlas.province(selected);
    let facts = &province.facts;
    let mut footnotes = Footnotes::default();
    let mut commands = Vec::new();

    ui.label(RichText::new(&province.name).heading().strong());
    ui.label(RichText::new(format!("ISO 3166-2: {}", province.code)).weak());
    ui.add_space(6.0);

    Grid::new("province_facts")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Capital").weak());
            match &facts.capital {
                Some(capital) => ui.label(format!(
                    "{} {}",
                    capital.value,
                    footnotes.marks(&capital.sources)
                )),
                None => not_available(ui),
            };
            ui.end_row();

            ui.label(RichText::new("Area").weak());
            match &facts.area_km2 {
                Some(area) => ui.label(format!(
                    "{} km² {}",
                    crate::data::format::thousands_rounded(area.value),
                    footnotes.marks(&area.sources)
                )),
                None => not_available(ui),
            };
            ui.end_row();

            ui.label(RichText::new("Population").weak());
            match &facts.population {
                Some(population) => {
                    ui.vertical(|ui| {
                        ui.label(format!(
                            "{} {}",
                            population.as_reported,
                            footnotes.marks(&population.sources)
                        ));
                        ui.label(
                            RichText::new(format!("NSIA estimate, solar year {}", population.year))
                                .small()
                                .weak(),
                        )
                    })
                    .inner
                }
                None => not_available(ui),
            };
            ui.end_row();
        });
    if let Some(note) = &facts.note {
        ui.add_space(4.0);
        ui.label(RichText::new(note).small().italics());
    }

    let neighbours = geometry.neighbours(selected);
    if !neighbours.is_empty() {
        ui.add_space(10.0);
        ui.label(RichText::new("Neighbouring provinces").strong());
        ui.horizontal_wrapped(|ui| {
            for &neighbour in neighbours {
                if ui.small_button(&atlas.province(neighbour).name).clicked() {
                    commands.push(Command::View(ViewCommand::SelectAndFocus(neighbour)));
                }
            }
        });
    }

    commands.extend(groups_here(ui, atlas, state, selected, &mut footnotes));

    ui.add_space(10.0);
    footnotes.ui(ui, atlas);
    commands
}

/// "Groups active here" (within the dates shown, every group, visible or not) and the events in
/// the province.
fn groups_here(
    ui: &mut Ui,
    atlas: &Atlas,
    state: &AppState,
    selected: ProvinceIdx,
    footnotes: &mut Footnotes,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut records: Vec<(&Presence, Standing)> =
        crate::scene::presence_with_standing(atlas, &state.filters)
            .filter(|(p, _)| p.province == selected)
            .collect();
    records.sort_by_key(|(p, standing)| (p.group, *standing, p.evidence, p.period.from.start));
    ui.add_space(10.0);
    ui.label(RichText::new("Groups active here").strong());
    if records.is_empty() {
        ui.label(RichText::new("No group has a record here in the dates shown.").weak());
    }
    // The rows first (numbering the footnotes in reading order), then only those in view.
    let rows: Vec<RecordRow> = records
        .into_iter()
        .map(|(record, standing)| RecordRow {
            record,
            highlighted: state
                .highlighted_source
                .as_ref()
                .is_some_and(|s| record.sources.contains(s)),
            text: record_text(record, standing, footnotes),
        })
        .collect();
    let mut last_group = None;
    for row in &rows {
        let record = row.record;
        if last_group != Some(record.group) {
            last_group = Some(record.group);
            let group = atlas.group(record.group);
            if ui
                .link(RichText::new(format!("{} — {}", group.short_name(), group.name)).strong())
                .on_hover_text("Open the group's profile")
                .clicked()
            {
                commands.push(Command::View(ViewCommand::OpenGroup(record.group)));
            }
        }
        lazy_block(ui, (&row.text, row.highlighted), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(8.0);
                grade_badge(
                    ui,
                    atlas,
                    record.credibility,
                    &record.sources,
                    record.grading_note.as_deref(),
                );
                let text = RichText::new(&row.text);
                let response = ui.label(if row.highlighted {
                    text.strong().underline()
                } else {
                    text
                });
                if let Some(note) = &record.note {
                    response.on_hover_text(note);
                }
            });
        });
    }

    let events: Vec<(&Event, String)> = events_in_range(atlas, &state.filters)
        .filter(|e| e.provinces.contains(&selected))
        .map(|event| (event, event_text(atlas, event, footnotes)))
        .collect();
    if !events.is_empty() {
        ui.add_space(10.0);
        ui.label(RichText::new(format!("Events here ({})", events.len())).strong());
        for (event, text) in &events {
            graded_event_row(ui, atlas, event, text);
        }
    }
    commands
}

/// A presence record as the card lists it.
struct RecordRow<'a> {
    record: &'a Presence,
    highlighted: bool,
    text: String,
}

/// "Stronghold, since Aug 2021 [1][2]", numbering the record's sources; a stale record says
/// so: "Stale: Reported presence, Aug 2021, last reported Aug 2021 [3]".
fn record_text(record: &Presence, standing: Standing, footnotes: &mut Footnotes) -> String {
    let count = record
        .count
        .map(|c| format!(", {c} {}", if c == 1 { "attack" } else { "attacks" }))
        .unwrap_or_default();
    let stale = if standing == Standing::Stale {
        "Stale: "
    } else {
        ""
    };
    format!(
        "{stale}{}{count}, {}, last reported {} {}",
        record.evidence.label(),
        record.period,
        crate::scene::last_reported_label(record.last_reported),
        footnotes.marks(&record.sources)
    )
}

/// "2024-05-12 (Khinj) · confirmed, NRF — summary [3]", numbering the event's sources.
fn event_text(atlas: &Atlas, event: &Event, footnotes: &mut Footnotes) -> String {
    let mut who: Vec<String> = event
        .actor
        .map(|g| atlas.group(g).short_name().to_owned())
        .into_iter()
        .chain(event.actor_names.iter().cloned())
        .collect();
    if let Some(target) = event.target {
        who.push(format!("against {}", atlas.group(target).short_name()));
    }
    let who = (!who.is_empty()).then(|| who.join(", "));
    let district = event
        .district
        .as_deref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    format!(
        "{}{district} · {}{} — {} {}",
        event.date,
        event.status.label(),
        who.map(|w| format!(", {w}")).unwrap_or_default(),
        event.summary,
        footnotes.marks(&event.sources)
    )
}

fn not_available(ui: &mut Ui) -> egui::Response {
    ui.label(RichText::new("not available").weak().italics())
}
