//! Event counts in the province card and the group panel: events and fatalities by group in the
//! dates shown, of the groups and event types the map shows, and a chart of events month by
//! month. Read from the per-day prefix counts, so
//! each costs a few binary searches per month, whatever the number of events.

use crate::command::ViewCommand;
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::{
    command::Command,
    data::{
        Atlas, Day, GroupIdx, ProvinceIdx,
        events::{EventSelection, GroupSet, ProvinceCount},
        format::{thousands, thousands_rounded},
    },
    scene::events::{LoadedEvents, UNMAPPED_COLOUR, selection},
    scene::group_colour,
    state::Filters,
};

/// Bar colour of all events in a province.
const ALL_EVENTS: Color32 = Color32::from_rgb(110, 110, 110);

/// The Events section under a card or a profile: `body` for the open event files, laid out only
/// near the view (keyed by `section`, the dates shown and the events' generation).
pub fn events_section(
    ui: &mut Ui,
    events: Option<&LoadedEvents>,
    filters: &Filters,
    section: impl std::hash::Hash + std::fmt::Debug,
    body: impl FnOnce(&mut Ui, &LoadedEvents) -> Vec<Command>,
) -> Vec<Command> {
    let Some(events) = events else {
        return Vec::new();
    };
    let key = (
        section,
        events.days_shown(filters),
        filters.compare,
        events.generation,
        &filters.visible_groups,
        &filters.hidden_event_types,
        filters.events.ungrouped,
    );
    super::lazy::lazy_block(ui, key, |ui| body(ui, events)).unwrap_or_default()
}

/// The "Events (ACLED …)" section of a province card.
pub fn province_events_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    events: &LoadedEvents,
    filters: &Filters,
    province: ProvinceIdx,
) -> Vec<Command> {
    // Comparing two periods: the numbers of both and the change, then the after period's.
    super::event_change::province_change_ui(ui, atlas, events, filters, province);
    let after;
    let filters = match filters.compare {
        Some(periods) => {
            after = crate::scene::compare::filters_for(filters, periods.after);
            &after
        }
        None => filters,
    };
    let Some((first, last)) = events.days_shown(filters) else {
        return Vec::new();
    };
    let mut commands = Vec::new();
    let select = selection(atlas, filters);
    let total = events.counts.count(&select, province, first, last);
    ui.add_space(10.0);
    ui.label(RichText::new("Events in the loaded files").strong());
    ui.label(format!(
        "{} event{}, {} fatalit{} reported, {first} – {last}",
        thousands(total.events as usize),
        if total.events == 1 { "" } else { "s" },
        thousands(total.fatalities as usize),
        if total.fatalities == 1 { "y" } else { "ies" },
    ));
    let by_group: Vec<(GroupIdx, ProvinceCount)> = atlas
        .group_indices()
        .filter(|g| select.admits_groups(one_group(*g)))
        .map(|g| {
            let of_group = only_group(&select, g);
            (g, events.counts.count(&of_group, province, first, last))
        })
        .filter(|(_, c)| c.events > 0)
        .collect();
    let attributed: u64 = by_group.iter().map(|(_, c)| c.events).sum();
    egui::Grid::new(("province_event_groups", province.0))
        .num_columns(3)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            for (group, count) in &by_group {
                swatch(ui, colour(group_colour(atlas, *group)));
                if ui
                    .link(atlas.group(*group).short_name())
                    .on_hover_text(format!("{} — open its profile", atlas.group(*group).name))
                    .clicked()
                {
                    commands.push(Command::View(ViewCommand::OpenGroup(*group)));
                }
                ui.label(counts_text(*count));
                ui.end_row();
            }
            if total.events > attributed {
                swatch(ui, crate::scene::style::color32(UNMAPPED_COLOUR));
                ui.label("no atlas group")
                    .on_hover_text("Events whose actors map to none of the atlas's groups (see Event data ▸ Unmapped actors). An event with two groups counts for each.");
                ui.label(format!(
                    "at least {}",
                    thousands((total.events - attributed) as usize)
                ));
                ui.end_row();
            }
        });
    monthly_chart(
        ui,
        format!("province_events_{}", province.0),
        &events.counts.monthly(&select, Some(province), first, last),
        ALL_EVENTS,
    );
    credits(ui, events);
    commands
}

/// The "Events" section of a group's profile: its events by province and month.
pub fn group_events_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    events: &LoadedEvents,
    filters: &Filters,
    group: GroupIdx,
) -> Vec<Command> {
    let Some((first, last)) = events.days_shown(filters) else {
        return Vec::new();
    };
    let mut commands = Vec::new();
    let of_group = only_group(&selection(atlas, filters), group);
    let total = events.counts.total(&of_group, first, last);
    ui.add_space(8.0);
    ui.label(RichText::new("Events in the loaded files").strong());
    ui.label(format!("{}, {first} – {last}", counts_text(total)));
    if total.events == 0 {
        ui.label(
            RichText::new(
                "No event names this group's actors. Map the files' actor names to it in Event data ▸ Unmapped actors.",
            )
            .weak(),
        );
        return Vec::new();
    }
    let mut by_province: Vec<(ProvinceIdx, ProvinceCount)> = events
        .counts
        .by_province(&of_group, first, last)
        .into_iter()
        .enumerate()
        .map(|(p, c)| (ProvinceIdx(p), c))
        .filter(|(_, c)| c.events > 0)
        .collect();
    by_province.sort_by_key(|(_, count)| std::cmp::Reverse(count.events));
    ui.horizontal_wrapped(|ui| {
        for (province, count) in by_province.iter().take(12) {
            if ui
                .small_button(format!(
                    "{} {}",
                    atlas.province(*province).name,
                    thousands(count.events as usize)
                ))
                .on_hover_text(counts_text(*count))
                .clicked()
            {
                commands.push(Command::View(ViewCommand::FocusProvince(*province)));
            }
        }
        if by_province.len() > 12 {
            ui.label(RichText::new(format!("and {} more", by_province.len() - 12)).weak());
        }
    });
    monthly_chart(
        ui,
        format!("group_events_{}", group.0),
        &events.counts.monthly(&of_group, None, first, last),
        colour(group_colour(atlas, group)),
    );
    credits(ui, events);
    commands
}

/// The set of one group.
fn one_group(group: GroupIdx) -> GroupSet {
    let mut set = GroupSet::EMPTY;
    set.insert(group);
    set
}

/// The events of `group` among those `select` admits by type (a group's profile counts its
/// events whether or not the group is shown on the map).
fn only_group(select: &EventSelection, group: GroupIdx) -> EventSelection {
    EventSelection {
        hidden_types: select.hidden_types.clone(),
        ..EventSelection::group(group)
    }
}

fn counts_text(count: ProvinceCount) -> String {
    format!(
        "{} event{}, {} fatalit{}",
        thousands(count.events as usize),
        if count.events == 1 { "" } else { "s" },
        thousands(count.fatalities as usize),
        if count.fatalities == 1 { "y" } else { "ies" }
    )
}

fn colour([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

fn swatch(ui: &mut Ui, fill: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, fill);
}

/// Events month by month as bars.
fn monthly_chart(ui: &mut Ui, id: String, months: &[(Day, ProvinceCount)], fill: Color32) {
    if months.is_empty() {
        return;
    }
    ui.label(RichText::new("Events per month").small().weak());
    let bars: Vec<Bar> = months
        .iter()
        .map(|(month, count)| {
            Bar::new(f64::from(month.month_index()), count.events as f64)
                .width(0.8)
                .fill(fill)
                .name(month.month_label())
        })
        .collect();
    Plot::new(id)
        .height(130.0)
        .include_y(0.0)
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_drag([true, false])
        .show_x(false)
        .x_axis_formatter(|mark, _| Day::from_month_index(mark.value.round() as i32).month_label())
        // Counts are whole: no label between them, and thousands grouped.
        .y_axis_formatter(|mark, _| {
            if mark.value.fract().abs() > 1e-9 {
                String::new()
            } else {
                thousands_rounded(mark.value)
            }
        })
        // The month axis ends where the bars end.
        .set_margin_fraction(egui::vec2(0.0, 0.05))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Events", bars).element_formatter(Box::new(|bar, _| {
                    format!(
                        "{}: {} events",
                        Day::from_month_index(bar.argument.round() as i32).month_label(),
                        thousands_rounded(bar.value)
                    )
                })),
            );
        });
}

fn credits(ui: &mut Ui, events: &LoadedEvents) {
    for credit in events.credits() {
        ui.label(RichText::new(credit).small().weak());
    }
}
