//! The change in events between two periods, with hand-built events: counted per province in
//! each period, shaded as a diverging choropleth (purple fewer, orange more, the middle for no
//! change) on the screen and on exported pages, explained by the legend, and written out —
//! before, after, change — in the province card.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    command::{Command, EventsCommand, ViewCommand},
    data::load_embedded,
    export::{MapExport, PageSize, render_svg},
    scene::{
        MapView,
        event_change::{DIVERGING_PALETTE, NO_CHANGE_CLASS},
        events::{EventLayerSettings, EventMeasure, EventStyle},
        periods::{Periods, Span},
    },
};

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// Kabul: 2 events in 2024 (3 killed), 5 in 2025 (10 killed): more after.
/// Kandahar: 3 in 2024 (6 killed), 1 in 2025 (0 killed): fewer after.
/// Balkh: 1 in each (1 killed each): no change.
const EVENTS: [(&str, f64, f64, &str, u32); 13] = [
    ("Kabul", 34.53, 69.17, "2024-02-10", 1),
    ("Kabul", 34.53, 69.17, "2024-11-10", 2),
    ("Kabul", 34.53, 69.17, "2025-01-10", 2),
    ("Kabul", 34.53, 69.17, "2025-02-10", 2),
    ("Kabul", 34.53, 69.17, "2025-03-10", 2),
    ("Kabul", 34.53, 69.17, "2025-04-10", 2),
    ("Kabul", 34.53, 69.17, "2025-12-31", 2),
    ("Kandahar", 31.61, 65.71, "2024-01-01", 2),
    ("Kandahar", 31.61, 65.71, "2024-06-01", 2),
    ("Kandahar", 31.61, 65.71, "2024-12-31", 2),
    ("Kandahar", 31.61, 65.71, "2025-06-01", 0),
    ("Balkh", 36.71, 67.11, "2024-05-05", 1),
    ("Balkh", 36.71, 67.11, "2025-05-05", 1),
];

fn acled_file() -> PathBuf {
    let mut text = String::from(ACLED_HEADER);
    text.push('\n');
    for (i, (admin1, lat, lon, date, dead)) in EVENTS.iter().enumerate() {
        text.push_str(&format!(
            "AFG{i},{date},{},1,Political violence,Battles,Armed clash,NRF: National Resistance Front of Afghanistan,,2,Military Forces of Afghanistan (2021-) Taliban,,1,12,,4,Caspian,Afghanistan,{admin1},,,{admin1} town,{lat:.4},{lon:.4},1,Test source,National,a clash,{dead},,0\n",
            &date[..4]
        ));
    }
    let path = std::env::temp_dir().join(format!("atlas-event-change-{}.csv", std::process::id()));
    std::fs::write(&path, text).expect("write the test file");
    path
}

fn years() -> Periods {
    Periods {
        before: Span::parse("2024").unwrap(),
        after: Span::parse("2025").unwrap(),
    }
}

fn apply(harness: &mut Harness<'static, AtlasApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run_steps(3);
}

fn loaded_harness(path: &Path) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    harness.run_steps(3);
    apply(
        &mut harness,
        Command::Events(EventsCommand::Open(Some(path.to_path_buf()))),
    );
    let start = Instant::now();
    while harness.state().events().is_loading() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the load finishes"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run_steps(3);
    apply(
        &mut harness,
        Command::Filter(resistance_atlas::command::FilterCommand::SetComparison(
            Some(years()),
        )),
    );
    apply(
        &mut harness,
        Command::Events(EventsCommand::SetLayer(EventLayerSettings {
            style: EventStyle::Choropleth,
            measure: EventMeasure::Events,
            ..EventLayerSettings::default()
        })),
    );
    harness
}

#[test]
fn the_change_is_counted_shaded_explained_and_in_the_card() {
    let path = acled_file();
    let mut harness = loaded_harness(&path);
    let atlas = harness.state().atlas().clone();
    let province = |name: &str| atlas.gazetteer.resolve(name).unwrap();
    let (kabul, kandahar, balkh) = (province("Kabul"), province("Kandahar"), province("Balkh"));

    // Counted per province and period, through the layer the map draws.
    let filters = harness.state().state().filters.clone();
    let loaded = harness.state().events().loaded.clone().expect("loaded");
    let view = loaded.view(&atlas, &filters);
    let change = view.change.as_ref().expect("comparing");
    assert_eq!(change.provinces[kabul.0].before.events, 2);
    assert_eq!(change.provinces[kabul.0].after.events, 5);
    assert_eq!(change.provinces[kabul.0].fatalities(), 7);
    assert_eq!(change.provinces[kandahar.0].events(), -2);
    assert_eq!(change.provinces[kandahar.0].fatalities(), -6);
    assert_eq!(change.provinces[balkh.0].events(), 0);
    let shades = view.province_shades(&atlas).expect("a choropleth");
    let class = |p: resistance_atlas::data::ProvinceIdx| {
        DIVERGING_PALETTE
            .iter()
            .position(|c| Some(*c) == shades[p.0])
            .expect("a palette colour")
    };
    assert!(class(kabul) > NO_CHANGE_CLASS, "more: orange");
    assert!(class(kandahar) < NO_CHANGE_CLASS, "fewer: purple");
    assert_eq!(class(balkh), NO_CHANGE_CLASS, "no change: the middle");
    // Classes up to 2 and up to 3 either way: +3 the darkest orange, −2 the lighter purple.
    assert_eq!(class(kabul), DIVERGING_PALETTE.len() - 1);
    assert_eq!(class(kandahar), NO_CHANGE_CLASS - 1);

    // The legend explains it.
    assert!(
        harness
            .query_by_label_contains("Change in number of events")
            .is_some()
    );
    assert!(harness.query_by_label_contains("no change (").is_some());
    assert!(
        harness
            .query_by_label_contains("Purple: fewer after; orange: more after")
            .is_some()
    );

    // The card gives the numbers.
    apply(
        &mut harness,
        Command::View(ViewCommand::Select(Some(kabul))),
    );
    harness.run_steps(3);
    for text in [
        "Before (Jan 2024 – Dec 2024)",
        "2 events, 3 fatalities",
        "5 events, 10 fatalities",
        "+3 events, +7 fatalities",
    ] {
        assert!(
            harness.query_all_by_label_contains(text).next().is_some(),
            "the card says {text}"
        );
    }
    assert!(
        harness
            .query_by_label_contains("Per 100,000 people")
            .is_some()
    );

    // The exported page draws the same shades and the same key.
    let geometry = harness.state().geometry().clone();
    let export = MapExport {
        atlas: &atlas,
        geometry: &geometry,
        filters: &filters,
        view: MapView::default(),
        title: "What changed".into(),
        subtitle: String::new(),
        selected: None,
        events: Some(&loaded),
        labels: Default::default(),
    };
    let svg = render_svg(&export, PageSize::HD);
    for (code, p) in [("AF-KAB", kabul), ("AF-KAN", kandahar), ("AF-BAL", balkh)] {
        let at = svg
            .find(&format!(r#"fill-rule="evenodd" data-province="{code}""#))
            .unwrap_or_else(|| panic!("{code} shaded on the page"));
        let fill_at = svg[..at].rfind("fill=\"#").expect("a fill") + 6;
        let [r, g, b] = shades[p.0].expect("shaded");
        assert_eq!(
            &svg[fill_at..fill_at + 7],
            format!("#{r:02x}{g:02x}{b:02x}"),
            "{code}: the page's shade is the screen's"
        );
    }
    assert!(svg.contains("Change in number of events"));
    assert!(svg.contains("Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025"));
    assert_eq!(
        svg.matches(r#"class="change-class""#).count(),
        5,
        "±2 steps and no change"
    );
    let _ = std::fs::remove_file(path);
}
