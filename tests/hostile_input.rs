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
