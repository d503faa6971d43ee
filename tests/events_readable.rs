//! Events you can read (issue 18 point 5): the group toggles and the event-type filter decide
//! which events are drawn and counted; the legend holds only what the layer draws, with numbers
//! in thousands; the clicked event is ringed until its card closes; the Dates bar carries a
//! histogram of the events per month. The ACLED-layout files are generated here (ACLED data is
//! never shipped).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    command::{Command, EventsCommand, FilterCommand},
    data::{Day, events::day_number},
    panels::{events_histogram::HISTOGRAM_LABEL, events_legend::EVENT_TYPES_HEADING},
    scene::events::{EventLayerSettings, EventStyle, selection},
};

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// Actors of the generated rows, in turn: a resistance group, the extremist opposition, and an
/// actor of no atlas group.
const ACTORS: [&str; 3] = [
    "NRF: National Resistance Front of Afghanistan",
    "Islamic State Khorasan Province",
    "Unidentified Armed Group (Afghanistan)",
];

/// Event types in turn (every second row a battle).
const TYPES: [&str; 2] = ["Battles", "Explosions/Remote violence"];

/// An ACLED-layout file of `rows` events in Kabul and Panjshir over 2023–2024.
fn acled_file(name: &str, rows: usize) -> PathBuf {
    let mut text = String::from(ACLED_HEADER);
    text.push('\n');
    for i in 0..rows {
        let (admin1, lat, lon) = if i % 5 == 0 {
            ("Panjshir", 35.31, 69.62)
        } else {
            ("Kabul", 34.53, 69.17)
        };
        let year = 2023 + (i / 12) % 2;
        let month = 1 + i % 12;
        text.push_str(&format!(
            "AFG{i},{year}-{month:02}-15,{year},1,Political violence,{},x,{},,2,Civilians (Afghanistan),,1,12,,4,Caspian,Afghanistan,{admin1},,,{admin1} town,{:.4},{:.4},1,Test source,National,note,{},,0\n",
            TYPES[i % 2],
            ACTORS[i % 3],
            lat + (i % 7) as f64 * 0.001,
            lon + (i % 11) as f64 * 0.001,
            i % 3
        ));
    }
    let path =
        std::env::temp_dir().join(format!("atlas-readable-{}-{name}.csv", std::process::id()));
    std::fs::write(&path, text).expect("write the test file");
    path
}

fn apply(harness: &mut Harness<'static, AtlasApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
}

fn open(harness: &mut Harness<'static, AtlasApp>, path: &Path) {
    apply(
        harness,
        Command::Events(EventsCommand::Open(Some(path.to_path_buf()))),
    );
    let start = Instant::now();
    while harness.state().events().is_loading() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the load never finished"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(3);
}

/// Sets whether the group with `id` is shown.
fn show_group(harness: &mut Harness<'static, AtlasApp>, id: &str, shown: bool) {
    let app = harness.state();
    let group = app.atlas().group_by_id(id).expect("the group");
    if app.state().filters.shows(id) != shown {
        apply(harness, Command::Filter(FilterCommand::ToggleGroup(group)));
    }
    harness.run_steps(2);
}

/// Events the layer counts in all provinces, and points it shows, for the filters now.
fn shown_now(harness: &Harness<'static, AtlasApp>) -> (u64, usize) {
    let app = harness.state();
    let loaded = app.events().loaded.as_ref().expect("loaded");
    let view = loaded.view(app.atlas(), &app.state().filters);
    let counted = view.totals.iter().map(|t| t.events).sum();
    (counted, view.shown_points().count())
}

#[test]
fn switching_a_group_off_takes_its_events_off_the_map_and_the_counts() {
    let path = acled_file("toggles", 300);
    let mut harness = common::harness();
    open(&mut harness, &path);
    show_group(&mut harness, "NRF", true);
    show_group(&mut harness, "ISKP", true);
    assert_eq!(shown_now(&harness), (300, 300), "every group shown");

    show_group(&mut harness, "ISKP", false);
    assert_eq!(
        shown_now(&harness),
        (200, 200),
        "ISKP's events neither drawn nor counted"
    );
    show_group(&mut harness, "NRF", false);
    assert_eq!(shown_now(&harness), (100, 100), "only events of no group");

    // Events of no atlas group have their own switch.
    let mut settings = harness.state().state().filters.events;
    settings.ungrouped = false;
    apply(
        &mut harness,
        Command::Events(EventsCommand::SetLayer(settings)),
    );
    assert_eq!(shown_now(&harness), (0, 0));
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("0 of 300 events in the dates shown")
            .is_some(),
        "the legend's count follows"
    );

    // The map's points agree with the counts, point by point.
    show_group(&mut harness, "ISKP", true);
    let app = harness.state();
    let loaded = app.events().loaded.as_ref().expect("loaded");
    let view = loaded.view(app.atlas(), &app.state().filters);
    let iskp = app.atlas().group_by_id("ISKP").expect("ISKP");
    for point in 0..loaded.points.len() {
        assert_eq!(
            view.shows(point),
            loaded.points.groups[point].contains(iskp),
            "point {point}"
        );
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_type_filter_hides_a_type_on_the_map_and_in_the_counts() {
    let path = acled_file("types", 240);
    let mut harness = common::harness();
    open(&mut harness, &path);
    show_group(&mut harness, "NRF", true);
    show_group(&mut harness, "ISKP", true);
    harness.get_by_label_contains(EVENT_TYPES_HEADING);
    harness.get_by_label_contains("Battles (120)");
    harness.get_by_label_contains("Explosions/Remote violence (120)");

    apply(
        &mut harness,
        Command::Events(EventsCommand::SetHiddenTypes(
            ["Battles".to_owned()].into_iter().collect(),
        )),
    );
    harness.run_steps(2);
    assert_eq!(shown_now(&harness), (120, 120));
    let app = harness.state();
    let loaded = app.events().loaded.as_ref().expect("loaded");
    let select = selection(app.atlas(), &app.state().filters);
    let (first, last) = loaded.day_span().expect("events");
    let monthly: u64 = loaded
        .counts
        .monthly(&select, None, first, last)
        .iter()
        .map(|(_, c)| c.events)
        .sum();
    assert_eq!(monthly, 120, "the monthly counts too");

    // The points the map's tiles and exported pages draw from: only the shown type's.
    let filters = app.state().filters.clone();
    let view = loaded.view(app.atlas(), &filters);
    for point in view.shown_points() {
        let (set, i) = loaded.event(loaded.points.event[point]).expect("the event");
        assert_eq!(set.type_of(i), "Explosions/Remote violence");
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_choropleth_legend_holds_only_its_classes_with_thousands() {
    // 6,000 events: Kabul holds 4,800, so its class label needs a separator.
    let path = acled_file("legend", 6000);
    let mut harness = common::harness();
    open(&mut harness, &path);
    show_group(&mut harness, "NRF", true);
    show_group(&mut harness, "ISKP", true);
    assert!(
        harness.query_by_label("What the map shows").is_some(),
        "the group layer's keys while it is drawn"
    );
    apply(
        &mut harness,
        Command::Events(EventsCommand::SetLayer(EventLayerSettings {
            style: EventStyle::Choropleth,
            ..EventLayerSettings::default()
        })),
    );
    harness.run_steps(3);
    assert!(
        harness.query_by_label("What the map shows").is_none(),
        "no keys for the fills, stripes and hatching the choropleth replaces"
    );
    assert!(
        harness.query_by_label_contains("4,800").is_some(),
        "class labels in thousands"
    );
    assert!(harness.query_by_label_contains("of 6,000 events").is_some());
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_clicked_event_is_ringed_until_its_card_closes() {
    let path = acled_file("selected", 60);
    let mut harness = common::harness();
    open(&mut harness, &path);
    show_group(&mut harness, "NRF", true);
    apply(
        &mut harness,
        Command::Events(EventsCommand::ShowEvent(Some(0))),
    );
    harness.run_steps(2);
    let app = harness.state();
    let card = app.events().card.as_ref().expect("the card is open");
    let point = card.point.expect("the event has a point on the map");
    let loaded = app.events().loaded.as_ref().expect("loaded");
    assert_eq!(loaded.points.event[point], 0);
    let mut view = loaded.view(app.atlas(), &app.state().filters);
    view.selected = Some(point);
    assert_eq!(
        view.selected_pos(),
        Some(loaded.points.pos[point]),
        "ringed"
    );

    // Out of the dates shown, the ring goes (the card stays).
    let day = loaded.points.day[point];
    let other = Day::month_start(2022, 1);
    assert!(day > day_number(other));
    let mut filters = app.state().filters.clone();
    filters.time.all_time = false;
    filters.time.from = other;
    filters.time.to = Day::month_end(2022, 1);
    let mut view = loaded.view(app.atlas(), &filters);
    view.selected = Some(point);
    assert_eq!(view.selected_pos(), None);

    // Escape closes the card, and the ring with it.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().events().card.is_none());
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_dates_bar_shows_a_histogram_of_the_events_shown_per_month() {
    let path = acled_file("histogram", 240);
    let mut harness = common::harness();
    assert!(
        harness.query_by_label_contains(HISTOGRAM_LABEL).is_none(),
        "no histogram without events"
    );
    open(&mut harness, &path);
    show_group(&mut harness, "NRF", true);
    show_group(&mut harness, "ISKP", true);
    harness.get_by_label_contains(&format!("{HISTOGRAM_LABEL}: 240 events"));
    show_group(&mut harness, "ISKP", false);
    harness.get_by_label_contains(&format!("{HISTOGRAM_LABEL}: 160 events"));
    let _ = std::fs::remove_file(path);
}
