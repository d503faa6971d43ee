//! The app's event files: opening one (off the UI thread) puts an Events entry in the legend;
//! the layer's per-province totals and choropleth values match a direct count; cancelling a load
//! keeps what was shown; mapping an actor to a group recounts.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use resistance_atlas::command::{DeckCommand, FilterCommand};
use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    command::Command,
    command::EventsCommand,
    data::ProvinceIdx,
    export::{PageSize, deck_export::slide_pages},
    panels::events_legend::EVENTS_LEGEND_HEADING,
    scene::events::{EventLayerSettings, EventMeasure, EventStyle},
    state::ExportRequest,
};

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// Places well inside provinces: (admin1, latitude, longitude).
const PLACES: [(&str, f64, f64); 4] = [
    ("Kabul", 34.53, 69.17),
    ("Panjshir", 35.31, 69.62),
    ("Kandahar", 31.61, 65.71),
    ("Balkh", 36.71, 67.11),
];

/// An ACLED-layout file of `rows` events over 2024 (and two rows that cannot be placed).
fn acled_file(name: &str, rows: usize) -> PathBuf {
    let mut text = String::from(ACLED_HEADER);
    text.push('\n');
    for i in 0..rows {
        let (admin1, lat, lon) = PLACES[i % PLACES.len()];
        let month = 1 + i % 12;
        let actor = match i % 3 {
            0 => "NRF: National Resistance Front of Afghanistan",
            1 => "Taliban",
            _ => "Unidentified Armed Group (Afghanistan)",
        };
        text.push_str(&format!(
            "AFG{i},2024-{month:02}-15,2024,1,Political violence,Battles,Armed clash,{actor},,2,Military Forces of Afghanistan (2021-) Taliban,,1,12,,4,Caspian,Afghanistan,{admin1},,,{admin1} town,{lat:.4},{lon:.4},1,Test source,National,\"Clash, with \"\"quotes\"\"\nand a newline\",{},,0\n",
            i % 4
        ));
    }
    text.push_str("AFGX1,2024-03-01,2024,1,Political violence,Battles,Armed clash,Taliban,,1,,,,10,,4,Caspian,Afghanistan,Kabul,,,Nowhere,0.0000,0.0000,1,Test,National,outside,1,,0\n");
    text.push_str("AFGX2,2024-03-01,2024,1,Political violence,Battles,Armed clash,Taliban,,1,,,,10,,4,Caspian,Afghanistan,Kabul,,,Nowhere,,abc,1,Test,National,bad,1,,0\n");
    let path = std::env::temp_dir().join(format!("atlas-events-{}-{name}.csv", std::process::id()));
    std::fs::write(&path, text).expect("write the test file");
    path
}

fn apply(harness: &mut Harness<'static, AtlasApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
}

/// Runs frames until no load is in progress (at most 20 s).
fn wait_for_load(harness: &mut Harness<'static, AtlasApp>) {
    let start = Instant::now();
    while harness.state().events().is_loading() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the load never finished"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(3);
}

fn open(harness: &mut Harness<'static, AtlasApp>, path: &Path) {
    apply(
        harness,
        Command::Events(EventsCommand::Open(Some(path.to_path_buf()))),
    );
    wait_for_load(harness);
}

#[test]
fn an_opened_event_file_loads_off_the_ui_thread_and_gets_a_legend_entry() {
    let path = acled_file("legend", 40);
    let mut harness = common::harness();
    assert!(
        harness.query_by_label(EVENTS_LEGEND_HEADING).is_none(),
        "no entry before a file is open"
    );
    apply(
        &mut harness,
        Command::Events(EventsCommand::Open(Some(path.clone()))),
    );
    assert!(
        harness.state().events().is_loading(),
        "reading happens on the worker, not in the frame that asked"
    );
    wait_for_load(&mut harness);
    let events = harness.state().events();
    let loaded = events.loaded.as_ref().expect("events loaded");
    assert_eq!(loaded.len(), 40);
    assert_eq!(
        loaded.sets[0].unplaced.len(),
        2,
        "outside and bad coordinates"
    );
    assert_eq!(harness.state().state().event_files, vec![path.clone()]);
    harness.get_by_label(EVENTS_LEGEND_HEADING);
    assert!(
        harness
            .query_by_label_contains("of 40 events in the dates shown")
            .is_some()
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn totals_and_choropleth_values_match_a_direct_count() {
    let path = acled_file("totals", 120);
    let mut harness = common::harness();
    open(&mut harness, &path);
    apply(
        &mut harness,
        Command::Filter(FilterCommand::SetAllTime(false)),
    );
    let (from, to) = (
        resistance_atlas::data::Day::month_start(2024, 3),
        resistance_atlas::data::Day::month_end(2024, 6),
    );
    apply(
        &mut harness,
        Command::Filter(FilterCommand::SetTimeRange(from, to)),
    );
    let app = harness.state();
    let atlas = app.atlas();
    let loaded = app.events().loaded.as_ref().expect("loaded");
    let view = loaded.view(atlas, &app.state().filters);
    let set = &loaded.sets[0];
    let (first, last) = (
        resistance_atlas::data::events::day_number(from),
        resistance_atlas::data::events::day_number(to),
    );
    for (p, total) in view.totals.iter().enumerate() {
        let in_province: Vec<usize> = (0..set.len())
            .filter(|&i| set.province[i] == ProvinceIdx(p))
            .filter(|&i| (first..=last).contains(&set.day[i]))
            .collect();
        assert_eq!(total.events, in_province.len() as u64, "province {p}");
        let fatalities: u64 = in_province
            .iter()
            .map(|&i| u64::from(set.fatalities[i]))
            .sum();
        assert_eq!(total.fatalities, fatalities, "province {p}");
    }
    let kabul = atlas.province_by_code("AF-KAB").expect("Kabul");
    // 120 rows over 4 places and 12 months: Kabul has 10 events a month… in months 1, 5, 9.
    assert!(view.totals[kabul.0].events > 0);

    // Per 100,000 people, from the population in the atlas.
    let mut filters = app.state().filters.clone();
    filters.events = EventLayerSettings {
        shown: true,
        style: EventStyle::Choropleth,
        measure: EventMeasure::PerCapita,
        ..EventLayerSettings::default()
    };
    let view = loaded.view(atlas, &filters);
    let population = atlas
        .province(kabul)
        .facts
        .population
        .as_ref()
        .and_then(|p| p.count);
    let values = resistance_atlas::scene::events::measure_values(
        &view.totals,
        EventMeasure::PerCapita,
        &resistance_atlas::scene::events::populations(atlas),
    );
    match population {
        Some(people) => {
            let expected = view.totals[kabul.0].events as f64 * 100_000.0 / people as f64;
            assert!((values[kabul.0].expect("a rate") - expected).abs() < 1e-9);
        }
        None => assert_eq!(values[kabul.0], None),
    }
    let (classes, class_of) = view.choropleth(atlas).expect("a choropleth");
    let empty = atlas.province_by_code("AF-NIM").expect("Nimruz");
    assert_eq!(class_of[empty.0], None, "no events: unshaded");
    assert!(class_of[kabul.0].is_some() || population.is_none());
    assert!(!classes.upper.is_empty());
    let _ = std::fs::remove_file(path);
}

#[test]
fn cancelling_a_load_keeps_the_events_shown_before() {
    let first = acled_file("first", 20);
    let second = acled_file("second", 30);
    let mut harness = common::harness();
    open(&mut harness, &first);
    apply(
        &mut harness,
        Command::Events(EventsCommand::Open(Some(second.clone()))),
    );
    assert!(harness.state().events().is_loading());
    apply(&mut harness, Command::Events(EventsCommand::CancelLoad));
    harness.run_steps(5);
    std::thread::sleep(Duration::from_millis(300));
    harness.run_steps(5);
    let app = harness.state();
    assert!(!app.events().is_loading());
    let loaded = app.events().loaded.as_ref().expect("still loaded");
    assert_eq!(loaded.sets.len(), 1);
    assert_eq!(loaded.sets[0].source.path, first);
    assert_eq!(loaded.len(), 20);
    assert_eq!(app.state().event_files, vec![first.clone()], "the list too");
    let _ = (std::fs::remove_file(first), std::fs::remove_file(second));
}

#[test]
fn mapping_an_actor_to_a_group_recounts_its_events() {
    let path = acled_file("actors", 30);
    let mut harness = common::harness();
    open(&mut harness, &path);
    let app = harness.state();
    let unmapped = &app.events().unmapped;
    let taliban = unmapped
        .iter()
        .find(|(name, _)| name == "Unidentified Armed Group (Afghanistan)")
        .expect("an unmapped actor")
        .clone();
    assert_eq!(taliban.1, 10);
    let aff = app.atlas().group_by_id("AFF").expect("AFF");
    let before = app
        .events()
        .loaded
        .as_ref()
        .expect("loaded")
        .counts
        .by_group(
            &resistance_atlas::data::events::EventSelection::all(),
            resistance_atlas::data::Day::month_start(2024, 1),
            resistance_atlas::data::Day::month_end(2024, 12),
        )[aff.0];
    assert_eq!(before.events, 0);
    apply(
        &mut harness,
        Command::Events(EventsCommand::MapActor {
            actor: taliban.0.clone(),
            group: Some("AFF".to_owned()),
        }),
    );
    let app = harness.state();
    assert!(
        app.events()
            .unmapped
            .iter()
            .all(|(name, _)| *name != taliban.0)
    );
    let after = app
        .events()
        .loaded
        .as_ref()
        .expect("loaded")
        .counts
        .by_group(
            &resistance_atlas::data::events::EventSelection::all(),
            resistance_atlas::data::Day::month_start(2024, 1),
            resistance_atlas::data::Day::month_end(2024, 12),
        )[aff.0];
    assert_eq!(after.events, 10);
    let _ = std::fs::remove_file(path);
}

/// The words of a page's text elements, in order, each line joined to the next by a space (a
/// credit may wrap over several lines).
fn page_text(svg: &str) -> String {
    svg.split("<text")
        .skip(1)
        .filter_map(|element| element.split_once('>')?.1.split("</text>").next())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn exports_and_slides_carry_the_event_layer_and_credit_the_files_publisher() {
    let path = acled_file("export", 40);
    let mut harness = common::harness();
    open(&mut harness, &path);
    let credit = format!(
        "Events: ACLED (Armed Conflict Location &amp; Event Data), acleddata.com, {}",
        path.file_name().unwrap().to_string_lossy()
    );

    // The current view, exported as SVG.
    let out = std::env::temp_dir().join(format!("atlas-events-export-{}.svg", std::process::id()));
    let _ = std::fs::remove_file(&out);
    apply(
        &mut harness,
        Command::Deck(DeckCommand::ExportView(ExportRequest {
            path: out.clone(),
            size: PageSize::HD,
            title: "Export test".to_owned(),
            subtitle: String::new(),
            overwrite: false,
        })),
    );
    let svg = std::fs::read_to_string(&out).expect("the export was written");
    assert!(
        page_text(&svg).contains(&credit),
        "the legend credits the file's publisher"
    );
    assert!(svg.contains(">Events<"), "the legend has the layer's entry");
    assert!(
        svg.matches("<circle").count() >= 4,
        "one circle per province with events (Kabul, Panjshir, Kandahar, Balkh)"
    );

    // A slide of the same view: its page draws the layer and credits the publisher too.
    apply(&mut harness, Command::Deck(DeckCommand::AddSlide));
    let app = harness.state();
    let pages = slide_pages(
        app.atlas(),
        app.geometry(),
        app.deck(),
        app.events().loaded.as_ref(),
        PageSize::HD,
    );
    assert_eq!(pages.len(), 1);
    assert!(page_text(&pages[0].svg).contains(&credit));
    assert!(pages[0].svg.matches("<circle").count() >= 4);
    let _ = std::fs::remove_file(out);
    let _ = std::fs::remove_file(path);
}

#[test]
fn shaded_by_events_the_overview_says_why_no_group_is_drawn() {
    let path = acled_file("shaded", 40);
    let mut harness = common::harness();
    open(&mut harness, &path);
    assert!(
        harness.query_all_by_label_contains("drawn in").count() >= 2,
        "the overview counts each group shown"
    );
    assert!(
        harness
            .query_by_label_contains("Provinces are shaded by events")
            .is_none()
    );
    apply(
        &mut harness,
        Command::Events(EventsCommand::SetLayer(EventLayerSettings {
            style: EventStyle::Choropleth,
            ..EventLayerSettings::default()
        })),
    );
    harness.run_steps(3);
    harness.get_by_label_contains("Provinces are shaded by events");
    assert!(
        harness.query_by_label_contains("turn groups on").is_none(),
        "groups are on: the advice to turn them on is wrong"
    );
    // The unshaded provinces are explained, in the app's legend.
    harness.get_by_label_contains("Unshaded: no events (");
    // Presenting, the legend names the groups whose events are counted, with no swatch of a
    // colour the map does not show.
    apply(
        &mut harness,
        Command::View(resistance_atlas::command::ViewCommand::Present(true)),
    );
    harness.run_steps(3);
    harness
        .get_by_label_contains("Provinces shaded by the events of NRF, AFF and of no atlas group");
    assert!(
        harness.query_by_label_contains("— 20 provinces").is_none(),
        "a group's entry as if it were drawn"
    );
    harness.get_by_label_contains("Unshaded: no events (");
    let _ = std::fs::remove_file(path);
}
