//! Any bytes, as each kind of file the app opens: a boundary file (taken through geometry
//! building), a data set, a CSV import and a deck. None may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resistance_atlas::{
    data::{NamedText, csv_import::read_csv, files::text_of, load, load::EMBEDDED_BOUNDARIES},
    deck::Deck,
    geometry::MapGeometry,
};

/// A data set with nothing in it: boundaries are fuzzed alone, fast.
const EMPTY_DATA_SET: &str = r#"{"schema_version": 1}"#;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = text_of("fuzz", bytes.to_vec()) else {
        return;
    };
    let atlas = load(
        NamedText {
            name: "fuzz.geojson",
            text: &text,
        },
        NamedText {
            name: "atlas.json",
            text: EMPTY_DATA_SET,
        },
    );
    let _ = MapGeometry::build(&atlas);
    let _ = load(
        NamedText {
            name: "provinces.geojson",
            text: EMBEDDED_BOUNDARIES,
        },
        NamedText {
            name: "fuzz.json",
            text: &text,
        },
    );
    let _ = read_csv("fuzz.csv", &text);
    let _ = Deck::from_json(&text, std::path::Path::new("fuzz.json"));
});
