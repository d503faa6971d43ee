//! The Events layer's entry in the legend: show or hide it, markers or choropleth and what it
//! measures, which event types and whether events of no atlas group are shown, and a key to
//! exactly what the map draws (the colours of the groups shown, dot sizes and density, circle
//! sizes, or the shades of the choropleth), with the files' publishers.

use egui::{Color32, ComboBox, RichText, Sense, Stroke, Ui, vec2};

use crate::{
    command::Command,
    command::EventsCommand,
    data::{Atlas, format::thousands},
    scene::{
        MapStyle,
        events::{
            EventLayerView, EventMeasure, EventStyle, LoadedEvents, POINTS_FROM_ZOOM,
            circle_colours, circle_radius, dot_opacity, dot_radius, unmapped_colour,
        },
    },
};

/// The heading of the event-type filter (tests find it by this).
pub const EVENT_TYPES_HEADING: &str = "Event types";

/// The heading of the layer's legend entry (tests find the layer by it).
pub const EVENTS_LEGEND_HEADING: &str = "Events";

/// Shows the Events entry of the legend, when event files are open.
pub fn events_legend_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    events: &LoadedEvents,
    view: &EventLayerView<'_>,
    zoom: f32,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut settings = view.settings;
    ui.horizontal(|ui| {
        ui.label(RichText::new(EVENTS_LEGEND_HEADING).heading());
        ui.checkbox(&mut settings.shown, "Show")
            .on_hover_text("Show the events of the open files on the map");
        if ui
            .small_button("Data…")
            .on_hover_text("Files, rows not placed, unmapped actors")
            .clicked()
        {
            commands.push(Command::Events(EventsCommand::ShowWindow(true)));
        }
    });
    let shown: u64 = view.totals.iter().map(|t| t.events).sum();
    ui.label(
        RichText::new(format!(
            "{} of {} events in the dates shown",
            thousands(shown as usize),
            thousands(events.len())
        ))
        .small(),
    );
    if settings.shown {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut settings.style, EventStyle::Markers, "Markers")
                .on_hover_text("Circles per province; single events when zoomed in");
            ui.selectable_value(
                &mut settings.style,
                EventStyle::Choropleth,
                "Shaded provinces",
            )
            .on_hover_text("Provinces shaded by the measure");
        });
        let measures: &[EventMeasure] = match settings.style {
            EventStyle::Markers => &[EventMeasure::Events, EventMeasure::Fatalities],
            EventStyle::Choropleth => &EventMeasure::ALL,
        };
        ComboBox::from_id_salt("event_measure")
            .selected_text(settings.measure.label())
            .show_ui(ui, |ui| {
                for measure in measures {
                    ui.selectable_value(&mut settings.measure, *measure, measure.label());
                }
            });
        ui.checkbox(&mut settings.ungrouped, "Events of no atlas group")
            .on_hover_text(
                "Show and count events whose actors map to none of the atlas's groups (grey dots)",
            );
        match settings.style {
            EventStyle::Markers => markers_key(ui, atlas, view, zoom),
            EventStyle::Choropleth => choropleth_key(ui, atlas, view),
        }
        commands.extend(type_filter_ui(ui, events, view));
    }
    for set in &events.sets {
        ui.label(RichText::new(set.source.credit()).small().weak());
    }
    if settings != view.settings {
        commands.push(Command::Events(EventsCommand::SetLayer(settings)));
    }
    commands
}

/// The event types of the files, each with a checkbox and its events in the dates shown (of
/// the groups shown).
fn type_filter_ui(ui: &mut Ui, events: &LoadedEvents, view: &EventLayerView<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let types = events.counts.types();
    if types.is_empty() {
        return commands;
    }
    let counts = match view.range {
        Some((first, last)) => events.counts.by_type(
            &view.select,
            crate::data::events::day_from_number(first),
            crate::data::events::day_from_number(last),
        ),
        None => match events.day_span() {
            Some((first, last)) => events.counts.by_type(&view.select, first, last),
            None => Vec::new(),
        },
    };
    let hidden = &view.select.hidden_types;
    let shown = types.iter().filter(|t| !hidden.contains(*t)).count();
    egui::CollapsingHeader::new(format!(
        "{EVENT_TYPES_HEADING} ({shown} of {})",
        types.len()
    ))
    .id_salt("event_types")
    .default_open(true)
    .show(ui, |ui| {
        let mut next = hidden.clone();
        for (kind, name) in types.iter().enumerate() {
            let mut on = !hidden.contains(name);
            let count = counts.get(kind).map_or(0, |c| c.events);
            let text = format!("{name} ({})", thousands(count as usize));
            if ui
                .checkbox(&mut on, RichText::new(text).small())
                .on_hover_text(format!("Show or hide events of type \"{name}\""))
                .changed()
            {
                if on {
                    next.remove(name);
                } else {
                    next.insert(name.clone());
                }
            }
        }
        ui.horizontal(|ui| {
            if ui.small_button("All types").clicked() {
                next.clear();
            }
            if ui.small_button("No type").clicked() {
                next = types.iter().cloned().collect();
            }
        });
        if &next != hidden {
            commands.push(Command::Events(EventsCommand::SetHiddenTypes(next)));
        }
    });
    commands
}

fn markers_key(ui: &mut Ui, atlas: &Atlas, view: &EventLayerView<'_>, zoom: f32) {
    let dark = ui.visuals().dark_mode;
    let style = MapStyle::for_theme(dark);
    if view.draws_points(zoom) {
        ui.label(
            RichText::new(
                "One dot per event, by the group of its actors; larger for more fatalities; \
                 darker where more events fall within a few points",
            )
            .small(),
        );
        for &group in &view.points.groups_present {
            let group = usize::from(group);
            if group >= 64 || view.filter.groups.0 & (1u64 << group) == 0 {
                continue;
            }
            if let (Some(colour), Some(atlas_group)) =
                (view.group_colours.get(group), atlas.groups.get(group))
            {
                let extremist = view.extremist.get(group).copied().unwrap_or(false);
                dot_row(
                    ui,
                    style.group_colour(*colour, extremist),
                    atlas_group.short_name(),
                );
            }
        }
        if view.filter.ungrouped {
            dot_row(ui, unmapped_colour(&style), "no atlas group");
        }
        ui.horizontal(|ui| {
            for count in [1, 10, 250] {
                let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                ui.painter().circle_filled(
                    rect.center(),
                    6.0,
                    Color32::from_gray(if dark { 220 } else { 40 })
                        .gamma_multiply(dot_opacity(count)),
                );
                ui.label(RichText::new(thousands(count as usize)).small());
            }
            ui.label(RichText::new("events within a dot").small());
        });
        ui.horizontal(|ui| {
            for fatalities in [0, 10, 50] {
                let radius = dot_radius(fatalities);
                let (rect, _) =
                    ui.allocate_exact_size(vec2(2.0 * radius + 2.0, 20.0), Sense::hover());
                ui.painter().circle(
                    rect.center(),
                    radius,
                    Color32::from_gray(150),
                    Stroke::new(1.0, Color32::from_gray(70)),
                );
                ui.label(RichText::new(format!("{fatalities}")).small());
            }
            ui.label(RichText::new("fatalities").small());
        });
    } else {
        let what = match view.settings.measure {
            EventMeasure::Fatalities => "fatalities",
            _ => "events",
        };
        ui.label(
            RichText::new(format!(
                "Circle area: {what} in the province. Zoom in (×{POINTS_FROM_ZOOM:.0}) for single events."
            ))
            .small(),
        );
        let values = view.circle_values();
        let max = values.iter().copied().max().unwrap_or(0);
        if max > 0 {
            let (fill, stroke) = circle_colours(dark);
            ui.horizontal(|ui| {
                for value in [max, max / 4, max / 20].into_iter().filter(|v| *v > 0) {
                    let radius = circle_radius(value, max, 1.0);
                    let (rect, _) = ui.allocate_exact_size(
                        vec2(2.0 * radius + 4.0, 2.0 * radius + 4.0),
                        Sense::hover(),
                    );
                    ui.painter().circle(rect.center(), radius, fill, stroke);
                    ui.label(RichText::new(thousands(value as usize)).small());
                }
            });
        }
    }
}

fn dot_row(ui: &mut Ui, colour: Color32, name: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter().circle(
            rect.center(),
            5.0,
            colour,
            Stroke::new(1.0, Color32::from_gray(70)),
        );
        ui.label(RichText::new(name).small());
    });
}

fn choropleth_key(ui: &mut Ui, atlas: &Atlas, view: &EventLayerView<'_>) {
    if super::event_change::change_key_ui(ui, atlas, view, None) {
        return;
    }
    let Some((classes, class_of)) = view.choropleth(atlas) else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "{} in the dates shown",
            view.settings.measure.label()
        ))
        .small(),
    );
    let labels = classes.labels(view.settings.measure);
    for (class, label) in labels.iter().enumerate() {
        let [r, g, b] = classes.colour(class);
        let provinces = class_of.iter().filter(|c| **c == Some(class)).count();
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 0.0, Color32::from_rgb(r, g, b));
            ui.label(RichText::new(format!("{label} ({provinces})")).small());
        });
    }
    let unshaded = class_of.iter().filter(|c| c.is_none()).count();
    if let Some(note) = crate::scene::events::unshaded_note(view.settings.measure, unshaded) {
        ui.label(RichText::new(note).small().weak());
    }
}

/// The Events entry of the presentation legend: what the layer draws, in type a room can read,
/// and the files' publishers.
pub fn presentation_events_legend(
    ui: &mut Ui,
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    zoom: f32,
) {
    if !view.settings.shown {
        return;
    }
    ui.add_space(12.0);
    ui.label(RichText::new(EVENTS_LEGEND_HEADING).size(24.0).strong());
    let what = match view.settings.style {
        EventStyle::Choropleth => format!(
            "Provinces shaded by {}",
            view.settings.measure.label().to_lowercase()
        ),
        EventStyle::Markers if view.draws_points(zoom) => {
            "One dot per event, coloured by group, larger for more fatalities".to_owned()
        }
        EventStyle::Markers => match view.settings.measure {
            EventMeasure::Fatalities => "Circle area: fatalities in the province".to_owned(),
            _ => "Circle area: events in the province".to_owned(),
        },
    };
    // The change between two periods has its own key; otherwise what the layer draws.
    if !super::event_change::change_key_ui(ui, atlas, view, Some(18.0)) {
        ui.add(egui::Label::new(RichText::new(what).size(18.0)).wrap());
    }
    if let Some((classes, class_of)) = view.choropleth(atlas) {
        for (class, label) in classes.labels(view.settings.measure).iter().enumerate() {
            let [r, g, b] = classes.colour(class);
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(34.0, 18.0), Sense::hover());
                ui.painter()
                    .rect_filled(rect, 0.0, Color32::from_rgb(r, g, b));
                ui.label(RichText::new(label).size(18.0));
            });
        }
        let unshaded = class_of.iter().filter(|c| c.is_none()).count();
        if let Some(note) = crate::scene::events::unshaded_note(view.settings.measure, unshaded) {
            ui.add(egui::Label::new(RichText::new(note).size(16.0)).wrap());
        }
    }
    for credit in &view.credits {
        ui.add(egui::Label::new(RichText::new(credit).size(14.0)).wrap());
    }
}
