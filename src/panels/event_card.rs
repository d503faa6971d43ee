//! The card of one event, opened by clicking its dot: date, actors (and the groups they map to),
//! place, how precisely the date and place are known, fatalities, notes and source, and the file
//! and row it comes from.

use egui::{Context, Grid, RichText, ScrollArea, Window};

use crate::{
    command::Command,
    command::EventsCommand,
    data::{
        Atlas,
        events::{geo_precision_label, time_precision_label},
    },
    scene::events::LoadedEvents,
    state::events::EventCard,
};

/// The event card window, when one is open.
pub fn event_card_window(
    ctx: &Context,
    atlas: &Atlas,
    events: Option<&LoadedEvents>,
    card: Option<&EventCard>,
) -> Vec<Command> {
    let Some(card) = card else {
        return Vec::new();
    };
    let Some((set, i)) = events.and_then(|e| e.event(card.event)) else {
        return Vec::new();
    };
    let mut open = true;
    let mut commands = Vec::new();
    Window::new("Event")
        .open(&mut open)
        .default_width(380.0)
        .max_width(460.0)
        .resizable(true)
        .show(ctx, |ui| {
            ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                let details = card.details.as_ref().ok();
                let heading = details
                    .map(|d| d.event_type.clone())
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| "Event".to_owned());
                ui.label(RichText::new(heading).heading());
                Grid::new("event_card_grid")
                    .num_columns(2)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| {
                        let mut row = |name: &str, value: String| {
                            if !value.trim().is_empty() {
                                ui.label(RichText::new(name).weak());
                                ui.add(egui::Label::new(value).wrap());
                                ui.end_row();
                            }
                        };
                        let format = set.source.format;
                        row(
                            "Date",
                            details.map_or_else(|| set.day_of(i).to_string(), |d| d.date.clone()),
                        );
                        row(
                            "Date known",
                            time_precision_label(format, set.time_precision[i]).to_owned(),
                        );
                        if let Some(d) = details {
                            row("Actor 1", d.actor1.clone());
                            row("Actor 2", d.actor2.clone());
                            row("Associated", d.associated_actors.clone());
                        }
                        let groups: Vec<&str> = set.groups[i]
                            .iter()
                            .filter(|g| g.0 < atlas.groups.len())
                            .map(|g| atlas.group(g).short_name())
                            .collect();
                        row(
                            "Atlas groups",
                            if groups.is_empty() {
                                "none (actors not mapped)".to_owned()
                            } else {
                                groups.join(", ")
                            },
                        );
                        row(
                            "Province",
                            atlas
                                .provinces
                                .get(set.province[i].0)
                                .map_or_else(String::new, |p| p.name.clone()),
                        );
                        if let Some(d) = details {
                            row("Place", d.place.clone());
                        }
                        row(
                            "Coordinates",
                            format!("{:.4}° N, {:.4}° E", set.lat[i], set.lon[i]),
                        );
                        row(
                            "Place known",
                            geo_precision_label(format, set.geo_precision[i]).to_owned(),
                        );
                        row(
                            "Fatalities",
                            details.map_or_else(
                                || crate::data::format::thousands(set.fatalities[i] as usize),
                                |d| match d.fatalities.trim().parse::<usize>() {
                                    Ok(n) => crate::data::format::thousands(n),
                                    Err(_) => d.fatalities.clone(),
                                },
                            ),
                        );
                        if let Some(d) = details {
                            row("Notes", d.notes.clone());
                            row("Source", d.source.clone());
                        }
                        row(
                            "From",
                            format!(
                                "{}, row {} ({})",
                                set.source.path.display(),
                                set.row[i],
                                set.source.publisher
                            ),
                        );
                    });
                if let Err(error) = &card.details {
                    ui.label(
                        RichText::new(format!("The event's text could not be read: {error}"))
                            .color(ui.visuals().warn_fg_color),
                    );
                }
            });
        });
    if !open {
        commands.push(Command::Events(EventsCommand::ShowEvent(None)));
    }
    commands
}
