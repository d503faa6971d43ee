//! Fuzzing the parsers with proptest, as files on disk: arbitrary bytes and valid files with
//! random damage (bytes changed, inserted, cut off) given to the CSV and GeoJSON event readers,
//! the atlas data set loader, the boundary loader and the deck loader, each through the same
//! door the app and the CLI use. None may panic, and every refusal names the file.
//!
//! The cargo-fuzz target (`fuzz/`) runs by hand on the stable toolchain (see fuzz/Cargo.toml:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run loaders -s none`), not in CI; these property tests are the
//! fuzzing that runs with every `cargo test`, with a fixed budget of cases.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::{
    path::{Path, PathBuf},
    sync::LazyLock,
};

use proptest::prelude::*;
use resistance_atlas::{
    data::{
        DataFiles,
        events::{ActorAliases, EventContext, read_events},
        load_embedded,
    },
    deck::Deck,
};

static CONTEXT: LazyLock<EventContext> =
    LazyLock::new(|| EventContext::new(&load_embedded(), &ActorAliases::default()));

const ACLED: &str = "event_id_cnty,event_date,time_precision,actor1,assoc_actor_1,actor2,assoc_actor_2,admin1,latitude,longitude,geo_precision,fatalities\n\
AFG1,2024-02-26,1,NRF: National Resistance Front of Afghanistan,,Taliban,,Kabul,34.5553,69.2075,1,3\n\
AFG2,\"2024-03-01\",1,\"Taliban, the\",,,,Panjshir,35.3,69.7,2,0.0\n\
AFG2,2024-03-01,1,Taliban,,,,Panjshir,35.3,69.7,2,2\n";

const GED: &str = "id,date_start,date_end,side_a,side_b,adm_1,latitude,longitude,where_prec,date_prec,best,low,high\n\
1,2024-01-02,2024-01-02,Government of Afghanistan,IS,Kabul province,34.5,69.2,1,1,2,1,3\n";

const GEOJSON: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","id":"E1","properties":{"event_date":"2024-05-01","actor1":"NRF","fatalities":2},"geometry":{"type":"Point","coordinates":[69.2,34.5]}},
{"type":"Feature","properties":{"date":"2024-05","actor":"AFF"},"geometry":{"type":"Polygon","coordinates":[[[69,34],[70,34],[70,35],[69,34]]]}},
{"type":"Feature","properties":{"date":"2024"},"geometry":null}]}"#;

const DATA_SET: &str = r#"{"schema_version":2,
"sources":[{"id":"s","title":"T","publisher":"P","date":"2024-01","url":"https://example.org","kind":"media","reliability":"B"}],
"groups":[{"id":"G","name":"Group","kind":"armed_resistance","summary":"x","sources":["s"]}],
"presence":[{"group":"G","province":"Kabul","evidence":"claimed_attacks","count":null,"from":"2024-01","to":"2024-02","last_reported":"2024-02","note":null,"sources":["s"],"event_ids":["a"],"credibility":3}],
"events":[{"id":"a","date":"2024-01","provinces":["Kabul"],"district":null,"place":null,"actor":"G","actor_names":[],"target":null,"attacks":1,"status":"claimed","summary":"x","sources":["s"],"credibility":3}]}"#;

const BOUNDARIES: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"iso_3166_2":"AF-A","name":"Alpha"},"geometry":{"type":"Polygon","coordinates":[[[65,33],[66,33],[66,34],[65,34],[65,33]]]}},
{"type":"Feature","properties":{"iso_3166_2":"AF-B","name":"Beta"},"geometry":{"type":"MultiPolygon","coordinates":[[[[66,33],[67,33],[67,34],[66,34],[66,33]]]]}}]}"#;

const DECK: &str = r#"{"schema_version":1,"slides":[{"title":"Spring","notes":"n","filters":{"visible_groups":["NRF"],"time":{"all_time":false,"from":"2024-01-01","to":"2024-12-31"}},"view":{"center":[0,0],"zoom":1.0},"selected_province":null,"selected_group":null}]}"#;

/// A file of `bytes` in a fresh folder, named `name` (unique per case, so that a message
/// naming it names this file).
fn file_of(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// Damage to a valid file: bytes replaced, bytes inserted, and where it is cut off.
#[derive(Clone, Debug)]
struct Damage {
    replaced: Vec<(usize, u8)>,
    inserted: Vec<(usize, Vec<u8>)>,
    cut: Option<usize>,
}

fn damage() -> impl Strategy<Value = Damage> {
    let byte = prop_oneof![
        Just(b'"'),
        Just(b','),
        Just(b'\n'),
        Just(b'{'),
        Just(b']'),
        Just(b'-'),
        Just(0u8),
        Just(0x1b),
        any::<u8>()
    ];
    (
        prop::collection::vec((any::<usize>(), byte.clone()), 0..6),
        prop::collection::vec((any::<usize>(), prop::collection::vec(byte, 1..8)), 0..3),
        prop::option::of(any::<usize>()),
    )
        .prop_map(|(replaced, inserted, cut)| Damage {
            replaced,
            inserted,
            cut,
        })
}

fn damaged(seed: &str, damage: &Damage) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for (at, byte) in &damage.replaced {
        let len = bytes.len();
        if len > 0 {
            bytes[at % len] = *byte;
        }
    }
    for (at, more) in &damage.inserted {
        let at = at % (bytes.len() + 1);
        bytes.splice(at..at, more.iter().copied());
    }
    if let Some(cut) = damage.cut {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    bytes
}

/// The bytes to try: a damaged copy of one of `seeds`, or arbitrary bytes.
fn input(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => (0..seeds.len(), damage()).prop_map(move |(seed, d)| damaged(seeds[seed], &d)),
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ]
}

fn names_the_file(message: &str, path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    message.contains(name.as_ref())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_event_readers_never_panic_and_name_the_file_they_refuse(
        bytes in input(&[ACLED, GED, GEOJSON]),
        geojson in any::<bool>(),
    ) {
        let name = if geojson { "fuzz events.geojson" } else { "fuzz events.csv" };
        let (_dir, path) = file_of(name, &bytes);
        match read_events(&path, &CONTEXT, |_| true) {
            Ok(set) => {
                prop_assert_eq!(set.day.len(), set.targets.len());
                prop_assert_eq!(set.day.len(), set.id_hash.len());
                prop_assert!(set.rows_read as usize >= set.len() + set.unplaced.len());
            }
            Err(error) => {
                let message = error.to_string();
                prop_assert!(names_the_file(&message, &path), "{}", message);
                prop_assert!(!message.contains('\u{1b}'), "{}", message);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_data_set_and_boundary_loaders_never_panic_and_name_the_file(
        bytes in input(&[DATA_SET, BOUNDARIES]),
        as_boundaries in any::<bool>(),
    ) {
        let (_dir, path) = file_of(
            if as_boundaries { "fuzz-bounds.geojson" } else { "fuzz-data.json" },
            &bytes,
        );
        let files = if as_boundaries {
            DataFiles { boundaries: Some(path.clone()), ..DataFiles::default() }
        } else {
            DataFiles { atlas: Some(path.clone()), ..DataFiles::default() }
        };
        let problems = match files.load() {
            Ok(atlas) => atlas.problems,
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                problems
            }
        };
        for problem in problems {
            let text = problem.to_string();
            prop_assert!(
                names_the_file(&text, &path) || text.contains("provinces.geojson") || text.contains("atlas.json"),
                "{}", text
            );
            prop_assert!(!text.contains('\u{1b}'), "{}", text);
        }
    }

    #[test]
    fn the_deck_loader_never_panics_and_names_the_file(bytes in input(&[DECK])) {
        let (_dir, path) = file_of("fuzz deck.json", &bytes);
        if let Err(error) = Deck::load(&path) {
            let message = error.to_string();
            prop_assert!(names_the_file(&message, &path), "{}", message);
            prop_assert!(!message.contains('\u{1b}'), "{}", message);
        }
    }
}
