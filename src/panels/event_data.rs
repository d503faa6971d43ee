//! The event files' panels: the progress of a load with its Cancel button, and the Event data
//! window — the open files, the rows that could not be placed (by reason, with their row
//! numbers), and the actors that map to no group, each mapped to one in a click.

use egui::{Align2, CollapsingHeader, Context, ProgressBar, RichText, ScrollArea, Window, vec2};

use crate::{
    command::Command,
    command::EventsCommand,
    data::{Atlas, GroupKind, format::thousands},
    state::events::EventsState,
};

/// Rows listed per reason before "and N more".
const ROWS_LISTED: usize = 200;
/// Unmapped actors listed before "and N more".
const ACTORS_LISTED: usize = 300;

/// "Reading events… 42 %" with Cancel, over the top of the map while a load runs.
pub fn loading_window(ctx: &Context, events: &EventsState) -> Vec<Command> {
    let Some(loading) = events.loading.as_ref() else {
        return Vec::new();
    };
    let mut commands = Vec::new();
    Window::new("Reading event files")
        .anchor(Align2::CENTER_TOP, vec2(0.0, 60.0))
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
        .show(ctx, |ui| {
            ui.set_width(360.0);
            let name = loading
                .files
                .get(loading.current)
                .and_then(|p| p.file_name())
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.label(RichText::new(format!("Reading {name}…")).strong());
            if loading.files.len() > 1 {
                ui.label(format!(
                    "File {} of {}",
                    loading.current + 1,
                    loading.files.len()
                ));
            }
            ui.add(
                ProgressBar::new(loading.progress())
                    .show_percentage()
                    .desired_width(340.0),
            );
            if ui
                .button("Cancel")
                .on_hover_text("Stop reading; the events shown before are kept")
                .clicked()
            {
                commands.push(Command::Events(EventsCommand::CancelLoad));
            }
        });
    commands
}

/// The Event data window.
pub fn event_data_window(ctx: &Context, atlas: &Atlas, events: &EventsState) -> Vec<Command> {
    if !events.show_window {
        return Vec::new();
    }
    let mut open = true;
    let mut commands = Vec::new();
    Window::new("Event data")
        .open(&mut open)
        .default_width(460.0)
        .max_width(560.0)
        .default_height(520.0)
        .show(ctx, |ui| {
            ScrollArea::vertical().show(ui, |ui| {
                commands.extend(contents(ui, atlas, events));
            });
        });
    if !open {
        commands.push(Command::Events(EventsCommand::ShowWindow(false)));
    }
    commands
}

fn contents(ui: &mut egui::Ui, atlas: &Atlas, events: &EventsState) -> Vec<Command> {
    let mut commands = Vec::new();
    for error in &events.errors {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
    let Some(loaded) = &events.loaded else {
        ui.label("No event file is open. File ▸ Open events… reads ACLED or UCDP GED CSV exports and GeoJSON points; you can also drop a file on the window.");
        if ui.button("Open events…").clicked() {
            commands.push(Command::Events(EventsCommand::Open(None)));
        }
        return commands;
    };
    ui.label(RichText::new("Files").strong());
    for set in &loaded.sets {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} ({}): {} rows, {} placed",
                set.source.path.display(),
                set.source.format.label(),
                thousands(set.rows_read as usize),
                thousands(set.len()),
            ));
            if ui.small_button("Close").clicked() {
                commands.push(Command::Events(EventsCommand::Close(
                    set.source.path.clone(),
                )));
            }
        });
        if set.admin1_disagreements > 0 {
            ui.label(
                RichText::new(format!(
                    "    {} placed in another province than their admin1 text names (the coordinates decide)",
                    thousands(set.admin1_disagreements)
                ))
                .small(),
            );
        }
        let by_reason = set.unplaced_by_reason();
        if by_reason.is_empty() {
            continue;
        }
        CollapsingHeader::new(format!(
            "    {} rows not placed",
            thousands(set.unplaced.len())
        ))
        .id_salt(("unplaced", set.source.path.display().to_string()))
        .show(ui, |ui| {
            for (reason, count) in by_reason {
                let rows: Vec<String> = set
                    .unplaced
                    .iter()
                    .filter(|u| u.reason == reason)
                    .take(ROWS_LISTED)
                    .map(|u| u.row.to_string())
                    .collect();
                let more = count.saturating_sub(rows.len());
                ui.label(RichText::new(format!("{reason}: {}", thousands(count))).strong());
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "rows {}{}",
                            rows.join(", "),
                            if more > 0 {
                                format!(" and {} more", thousands(more))
                            } else {
                                String::new()
                            }
                        ))
                        .small(),
                    )
                    .wrap(),
                );
            }
        });
    }
    if ui.button("Close all event files").clicked() {
        commands.push(Command::Events(EventsCommand::CloseAll));
    }
    ui.separator();
    ui.label(
        RichText::new(format!(
            "Unmapped actors ({})",
            thousands(events.unmapped.len())
        ))
        .strong(),
    );
    ui.label(
        RichText::new("Actors of the files that map to none of the atlas's groups, with their events. Map one to a group and its events take the group's colour; the table is saved in the data folder.")
            .small()
            .weak(),
    );
    // The names get the width the count and the button leave, so a long name wraps at words
    // (a grid column would shrink to nothing and break it letter by letter).
    let name_width = (ui.available_width() - 180.0).max(140.0);
    egui::Grid::new("unmapped_actors")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for (actor, count) in events.unmapped.iter().take(ACTORS_LISTED) {
                ui.allocate_ui(vec2(name_width, 0.0), |ui| {
                    ui.set_width(name_width);
                    ui.add(egui::Label::new(actor.as_str()).wrap());
                });
                ui.label(thousands(*count));
                ui.menu_button("Map to…", |ui| {
                    for group in &atlas.groups {
                        let text = format!("{} — {}", group.short_name(), group.name);
                        let text = if group.kind == GroupKind::Extremist {
                            format!("{text} (extremist)")
                        } else {
                            text
                        };
                        if ui.button(text).clicked() {
                            commands.push(Command::Events(EventsCommand::MapActor {
                                actor: actor.clone(),
                                group: Some(group.id.clone()),
                            }));
                            ui.close();
                        }
                    }
                });
                ui.end_row();
            }
        });
    if events.unmapped.len() > ACTORS_LISTED {
        ui.label(format!(
            "and {} more",
            thousands(events.unmapped.len() - ACTORS_LISTED)
        ));
    }
    commands
}
