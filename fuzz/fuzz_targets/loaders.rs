//! Any bytes, as each kind of file the app opens or keeps: a boundary file (taken through
//! geometry building), a data set, a CSV import, a deck (its slides then shown, described and
//! brought onto the map as the app and the exporter do) and the saved state (`app.ron`, restored
//! the same way). None may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use resistance_atlas::{
    data::{
        Day, NamedText, csv_import::read_csv, files::text_of, load, load::EMBEDDED_BOUNDARIES,
    },
    deck::Deck,
    export::{describe_filters, svg::escape},
    geometry::MapGeometry,
    scene::view::contain,
    state::Filters,
};

/// A data set with nothing in it: boundaries are fuzzed alone, fast.
const EMPTY_DATA_SET: &str = r#"{"schema_version": 1}"#;

/// Roughly the map's extent in kilometres.
fn bounds() -> egui::Rect {
    egui::Rect::from_min_max(egui::pos2(-700.0, -500.0), egui::pos2(700.0, 500.0))
}

/// What the app and the exporter do with restored filters and a view.
fn show(filters: &Filters, view: resistance_atlas::state::MapView) {
    let _ = describe_filters(filters);
    let _ = contain(view, bounds());
    let mut time = filters.time;
    time.keep_within(Day::month_end(2025, 9));
    let _ = (time.from.to_string(), time.to.month_label(), time.from < time.to);
}

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
    if let Ok(deck) = Deck::from_json(&text, std::path::Path::new("fuzz.json")) {
        for slide in &deck.slides {
            show(&slide.filters, slide.view);
            let _ = (escape(&slide.title), escape(&slide.notes));
        }
    }
    if let Ok(state) = resistance_atlas::saved::from_saved(&text) {
        show(&state.filters, state.view);
    }
});
