//! The right panel while no province is selected: an overview of what the map shows — the
//! groups drawn, each with its provinces counted by evidence (and the dotted and dashed ones),
//! the dates, the recency horizon, the evidence floor and the newest record's date ("data as
//! of"). Counts come from the same scene the map is drawn from.

use egui::{RichText, ScrollArea, Sense, Ui, vec2};

use crate::{
    command::{Command, ViewCommand},
    data::{Atlas, GroupKind},
    scene::{
        MapScene, MapStyle,
        credits::data_as_of,
        overview::{GroupOverview, group_overview},
    },
    state::AppState,
};

/// "1 province", "12 provinces".
fn provinces(count: usize) -> String {
    match count {
        1 => "1 province".to_owned(),
        n => format!("{n} provinces"),
    }
}

/// Shows the overview; clicking a group's name opens its profile.
pub fn overview_ui(ui: &mut Ui, atlas: &Atlas, state: &AppState, scene: &MapScene) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.add_space(6.0);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new("On the map").heading());
            ui.label(
                RichText::new(
                    "No province selected: click one on the map, or search for one on the left. Esc clears the selection.",
                )
                .small()
                .weak(),
            );
            ui.add_space(6.0);
            let recency = if state.filters.time.range().is_some() {
                format!(
                    "last reported within {} months of the dates' end",
                    state.filters.recency_months
                )
            } else {
                "every record (all time)".to_owned()
            };
            let as_of = data_as_of(atlas, &state.filters)
                .map_or_else(|| "no record shown".to_owned(), |d| d.to_string());
            facts_ui(
                ui,
                &[
                    ("Dates shown", scene.dates_shown.clone()),
                    ("Current if", recency),
                    (
                        "Evidence",
                        crate::data::grade::floor_label(state.filters.min_grade).to_string(),
                    ),
                    ("Data as of", as_of),
                ],
            );
            ui.add_space(8.0);
            let groups = group_overview(scene);
            if scene.groups_under_events {
                ui.label(
                    "Provinces are shaded by events, so no group's presence is drawn; the groups ticked choose the events counted. Choose Markers under Events, on the left, to draw them again.",
                );
            } else if groups.is_empty() {
                ui.label("No group is drawn: turn groups on in the legend, or widen the dates.");
            }
            let style = MapStyle::for_theme(ui.visuals().dark_mode);
            for overview in &groups {
                commands.extend(group_ui(ui, atlas, scene, overview, &style));
                ui.add_space(6.0);
            }
        });
    commands
}

/// Facts as rows of a weak key and its value; a long value (two periods compared) wraps within
/// the panel rather than widening it past its bound.
fn facts_ui(ui: &mut Ui, facts: &[(&str, String)]) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let key_width = facts
        .iter()
        .map(|(key, _)| {
            ui.painter()
                .layout_no_wrap((*key).to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    for (key, value) in facts {
        ui.horizontal_top(|ui| {
            ui.scope(|ui| {
                ui.set_min_width(key_width + 8.0);
                ui.label(RichText::new(*key).weak());
            });
            ui.add(egui::Label::new(value.as_str()).wrap());
        });
    }
}

fn group_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    scene: &MapScene,
    overview: &GroupOverview,
    style: &MapStyle,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let group = atlas.group(overview.group);
    // Wrapped: a long name (the Balkhab uprising's) must not widen the panel under the map.
    ui.horizontal_wrapped(|ui| {
        if let Some(entry) = scene.legend.iter().find(|e| e.group == overview.group) {
            let (swatch, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
            ui.painter().rect_filled(
                swatch,
                2.0,
                style.group_colour(entry.colour, entry.extremist),
            );
        }
        let name = ui
            .add(
                egui::Label::new(RichText::new(group.short_name()).strong())
                    .wrap()
                    .sense(Sense::click()),
            )
            .on_hover_text(format!("{} — click for its profile", group.name));
        if name.clicked() {
            commands.push(Command::View(ViewCommand::OpenGroup(overview.group)));
        }
        ui.label(format!("drawn in {}", provinces(overview.total())));
    });
    if group.kind == GroupKind::Extremist {
        ui.label(
            RichText::new("Extremist opposition, not resistance")
                .small()
                .weak(),
        );
    }
    ui.indent(("overview_group", overview.group), |ui| {
        for (evidence, count) in &overview.by_evidence {
            ui.label(RichText::new(format!("{}: {}", evidence.label(), provinces(*count))).small());
        }
        if overview.weak_only > 0 {
            ui.label(
                RichText::new(format!(
                    "Only on sources graded E/F (dotted): {}",
                    provinces(overview.weak_only)
                ))
                .small(),
            );
        }
        if overview.stale > 0 {
            ui.label(
                RichText::new(format!("Stale (dashed): {}", provinces(overview.stale))).small(),
            );
        }
    });
    commands
}
