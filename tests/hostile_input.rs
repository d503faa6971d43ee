//! Hostile input never crashes loading: arbitrary bytes, random boundary files (out-of-range
//! and degenerate coordinates, unclosed and self-intersecting rings, holes, MultiPolygons, empty
//! geometries) taken all the way through geometry building, and random damage to the data set.
//! Property tests with a fixed budget: 10,000 byte strings, 2,000 boundary files, 300 damaged
//! data sets, run in CI in a few seconds. The same loaders are the cargo-fuzz target
//! (`fuzz/fuzz_targets/loaders.rs`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use proptest::prelude::*;
use resistance_atlas::{
    data::{
        NamedText,
        files::text_of,
        load,
        load::{EMBEDDED_ATLAS, EMBEDDED_BOUNDARIES},
    },
    deck::Deck,
    geometry::MapGeometry,
};
use serde_json::{Value, json};

fn load_boundaries(text: &str) -> resistance_atlas::data::Atlas {
    load(
        NamedText {
            name: "random.geojson",
            text,
        },
        NamedText {
            name: "atlas.json",
            text: EMBEDDED_ATLAS,
        },
    )
}

/// A coordinate: mostly near Afghanistan, sometimes anywhere, out of range or not a number.
fn coordinate() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => (60.0..75.0f64, 29.0..39.0f64).prop_map(|(x, y)| json!([x, y])),
        1 => (-1000.0..1000.0f64, -1000.0..1000.0f64).prop_map(|(x, y)| json!([x, y])),
        1 => Just(json!([69.0])),
        1 => Just(json!(["69", 34])),
        1 => Just(json!(null)),
    ]
}

fn ring() -> impl Strategy<Value = Value> {
    (prop::collection::vec(coordinate(), 0..12), any::<bool>()).prop_map(|(mut points, close)| {
        if close && let Some(first) = points.first().cloned() {
            points.push(first);
        }
        Value::Array(points)
    })
}

fn polygon() -> impl Strategy<Value = Vec<Value>> {
    prop::collection::vec(ring(), 0..3)
}

fn geometry() -> impl Strategy<Value = Value> {
    prop_oneof![
        polygon().prop_map(|rings| json!({"type": "Polygon", "coordinates": rings})),
        prop::collection::vec(polygon(), 0..3)
            .prop_map(|polygons| json!({"type": "MultiPolygon", "coordinates": polygons})),
        Just(json!({"type": "Point", "coordinates": [69, 34]})),
        Just(json!({"type": "Polygon", "coordinates": []})),
        Just(json!(null)),
    ]
}

fn feature() -> impl Strategy<Value = Value> {
    (0..40usize, geometry(), any::<bool>()).prop_map(|(n, geometry, named)| {
        let properties = if named {
            json!({"iso_3166_2": format!("AF-{n}"), "name": format!("Province {n}")})
        } else {
            json!({})
        };
        json!({"type": "Feature", "id": format!("AF-{n}"), "properties": properties, "geometry": geometry})
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_crash_a_loader(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(text) = text_of("random", bytes) {
            let atlas = load_boundaries(&text);
            prop_assert!(atlas.provinces.is_empty() || !atlas.problems.is_empty() || text.contains("features"));
            let _ = load(
                NamedText { name: "provinces.geojson", text: EMBEDDED_BOUNDARIES },
                NamedText { name: "random.json", text: &text },
            );
            let _ = Deck::from_json(&text, std::path::Path::new("random.json"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_boundary_files_load_and_build_geometry_without_crashing(
        features in prop::collection::vec(feature(), 0..6)
    ) {
        let text = json!({"type": "FeatureCollection", "features": features}).to_string();
        let atlas = load_boundaries(&text);
        let geometry = MapGeometry::build(&atlas);
        for province in atlas.province_indices() {
            prop_assert!(geometry.fills[province.0].vertices.iter().all(|v| v.pos.x.is_finite() && v.pos.y.is_finite()));
        }
    }
}

/// Replaces the node at a pseudo-random place in `value` with `replacement`.
fn damage(value: &mut Value, mut choice: usize, replacement: Value) {
    let mut node = value;
    loop {
        let children = match node {
            Value::Array(items) if !items.is_empty() => items.len(),
            Value::Object(map) if !map.is_empty() => map.len(),
            _ => break,
        };
        if choice.is_multiple_of(4) {
            break;
        }
        let index = choice % children;
        choice /= 3;
        node = match node {
            Value::Array(items) => &mut items[index],
            Value::Object(map) => map.values_mut().nth(index).unwrap(),
            _ => unreachable!(),
        };
    }
    *node = replacement;
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-zA-Z0-9 -]{0,12}".prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!("2024-13-45")),
        Just(json!("Atlantis")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_data_set_loads_what_it_can_without_crashing(
        damages in prop::collection::vec((any::<usize>(), any_value()), 1..4)
    ) {
        let mut document: Value = serde_json::from_str(EMBEDDED_ATLAS).unwrap();
        for (choice, replacement) in damages {
            damage(&mut document, choice, replacement);
        }
        let text = document.to_string();
        let atlas = load(
            NamedText { name: "provinces.geojson", text: EMBEDDED_BOUNDARIES },
            NamedText { name: "atlas.json", text: &text },
        );
        prop_assert_eq!(atlas.provinces.len(), 34, "the boundaries are untouched");
    }
}

/// A deck as the app writes it, to damage.
fn sample_deck() -> Value {
    json!({
        "schema_version": 1,
        "slides": [{
            "title": "NRF in the north-east",
            "notes": "Panjshir",
            "view": {"centre_in_map": {"x": 120.5, "y": -80.25}, "zoom": 3.5},
            "filters": {
                "visible_groups": ["NRF"],
                "time": {
                    "all_time": false,
                    "from": {"year": 2024, "month": 1, "day": 31},
                    "to": {"year": 2024, "month": 5, "day": 31}
                }
            },
            "selected_province": "AF-PAN",
            "selected_group": "NRF",
            "detail_tab": "Group",
            "context_tab": "History"
        }]
    })
}

fn any_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u8>().prop_map(|n| json!(n)),
        (-1e12..1e12f64).prop_map(|n| json!(n)),
        Just(json!(0)),
        Just(json!(13)),
        Just(json!(-5)),
        Just(json!(1e300)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any damage to a deck either is refused with a message or gives slides that show, export
    /// their subtitles and go back onto the map without panicking.
    #[test]
    fn a_damaged_deck_is_refused_or_safe_to_show(
        damages in prop::collection::vec((any::<usize>(), prop_oneof![any_value(), any_number()]), 1..4)
    ) {
        let mut document = sample_deck();
        for (choice, replacement) in damages {
            damage(&mut document, choice, replacement);
        }
        let bounds = egui::Rect::from_min_max(egui::pos2(-700.0, -500.0), egui::pos2(700.0, 500.0));
        match Deck::from_json(&document.to_string(), std::path::Path::new("damaged.json")) {
            Ok(deck) => {
                for slide in &deck.slides {
                    let _ = resistance_atlas::export::describe_filters(&slide.filters);
                    let view = resistance_atlas::scene::view::contain(slide.view, bounds);
                    prop_assert!(view.zoom.is_finite() && bounds.contains(view.centre_in_map));
                    let mut time = slide.filters.time;
                    time.keep_within(resistance_atlas::data::Day::month_end(2025, 9));
                    let _ = (time.from.to_string(), time.to.month_label());
                }
            }
            Err(error) => prop_assert!(error.to_string().starts_with("damaged.json")),
        }
    }

    /// Titles with any characters still make well-formed XML.
    #[test]
    fn any_title_escapes_to_well_formed_svg(title in any::<String>()) {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>{}</text></svg>"#,
            resistance_atlas::export::svg::escape(&title)
        );
        let parsed = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default());
        prop_assert!(parsed.is_ok(), "{:?}: {:?}", title, parsed.err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Saved state (eframe's RON) with any damage is either refused, so defaults are used with a
    /// message, or restores to values that show without panicking.
    #[test]
    fn damaged_saved_state_is_refused_or_safe_to_show(
        year in any::<i32>(), month in any::<u8>(), day in any::<u8>(),
        zoom in prop_oneof![any::<f32>(), Just(0.0f32), Just(-5.0f32)],
        x in any::<f32>(),
        cut in any::<usize>(),
    ) {
        let text = format!(
            "(view: (centre_in_map: (x: {x:?}, y: 0.0), zoom: {zoom:?}), filters: (visible_groups: Some([\"NRF\"]), time: (all_time: false, from: (year: {year}, month: {month}, day: {day}), to: (year: 2025, month: 3, day: 31))))"
        );
        let text = if cut % 3 == 0 { &text[..cut % text.len()] } else { text.as_str() };
        match resistance_atlas::saved::from_saved(text) {
            Ok(state) => {
                let bounds = egui::Rect::from_min_max(egui::pos2(-700.0, -500.0), egui::pos2(700.0, 500.0));
                let view = resistance_atlas::scene::view::contain(state.view, bounds);
                prop_assert!((resistance_atlas::state::MIN_ZOOM..=resistance_atlas::state::MAX_ZOOM).contains(&view.zoom));
                let _ = resistance_atlas::export::describe_filters(&state.filters);
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }
}
