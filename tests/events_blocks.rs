//! The reader cuts a CSV file into blocks at record boundaries and parses them on several
//! threads. Whatever the cut — inside a quoted field with newlines, between `\r` and `\n`,
//! in a bad row — the events, their rows, the rows not placed and every message must be what
//! one block read by one parser gives. Generated ACLED and UCDP GED files (quoted notes with
//! newlines, commas and `""`, CRLF, a BOM, blank lines, rows with too few or too many fields,
//! bad coordinates and dates, repeated ids) are read in blocks of a few bytes to a few
//! kilobytes and compared with the same file read as one block.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use proptest::prelude::*;
use resistance_atlas::data::{
    events::{ActorAliases, EventContext, read_events_in_blocks},
    load_embedded,
};

/// One row's values, before they are written in a layout.
#[derive(Clone, Debug)]
struct Row {
    id: String,
    date: String,
    actor1: String,
    actor2: String,
    admin1: String,
    lat: String,
    lon: String,
    fatalities: String,
    kind: String,
    notes: String,
    /// -1: a field left out, 1: one too many, 0: as the header.
    width: i8,
}

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(options).prop_map(str::to_owned)
}

fn coordinate(low: f64, high: f64) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (low..high, 0usize..7).prop_map(|(v, digits)| format!("{v:.digits$}")),
        1 => pick(&["", "abc", "95.5", "-200", "NaN", "1e1"]),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (
        (
            prop_oneof![4 => (0u32..40).prop_map(|n| format!("AFG{n}")), 1 => Just(String::new())],
            pick(&[
                "2024-03-05",
                "2023-11-30",
                "5 March 2024",
                "20-Oct-2022",
                "2024-02-30",
                "soon",
            ]),
            pick(&[
                "Taliban",
                "Military Forces of Afghanistan (2021-)",
                "National Resistance Front",
                "Civilians (Afghanistan)",
                "Islamic State (Afghanistan)",
                "",
            ]),
            pick(&[
                "Taliban",
                "Protesters (Afghanistan)",
                "",
                "Unidentified Armed Group",
            ]),
            pick(&["Kabul", "Panjshir", "Nimroz", "", "Nowhere"]),
        ),
        (
            coordinate(29.0, 39.0),
            coordinate(60.0, 75.5),
            pick(&["0", "3", "12", "3.0", "-1", "x", ""]),
            pick(&["Battles", "Riots", "Explosions/Remote violence", ""]),
            proptest::collection::vec(
                pick(&[
                    "plain words",
                    "a comma, inside",
                    "two\nlines",
                    "crlf\r\ninside",
                    "a \"quoted\" word",
                    "\"",
                    "",
                ]),
                0..4,
            )
            .prop_map(|parts| parts.concat()),
            prop_oneof![10 => Just(0i8), 1 => Just(-1i8), 1 => Just(1i8)],
        ),
    )
        .prop_map(
            |((id, date, actor1, actor2, admin1), (lat, lon, fatalities, kind, notes, width))| {
                Row {
                    id,
                    date,
                    actor1,
                    actor2,
                    admin1,
                    lat,
                    lon,
                    fatalities,
                    kind,
                    notes,
                    width,
                }
            },
        )
}

/// A field as written: quoted when it has to be (or now and then when it need not be).
fn field(text: &str, quote_anyway: bool) -> String {
    if quote_anyway || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The file: ACLED's or GED's columns, the rows, the line ends.
fn file(ged: bool, rows: &[Row], crlf: bool, bom: bool, blank_lines: bool) -> Vec<u8> {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    let header: &[&str] = if ged {
        &[
            "id",
            "relid",
            "type_of_violence",
            "side_a",
            "side_b",
            "date_start",
            "where_prec",
            "adm_1",
            "latitude",
            "longitude",
            "best",
            "source_headline",
        ]
    } else {
        &[
            "event_id_cnty",
            "event_date",
            "time_precision",
            "event_type",
            "actor1",
            "assoc_actor_1",
            "actor2",
            "admin1",
            "latitude",
            "longitude",
            "geo_precision",
            "notes",
            "fatalities",
        ]
    };
    text.push_str(&header.join(","));
    text.push_str(end);
    for (i, row) in rows.iter().enumerate() {
        let kind = if ged {
            ["1", "2", "3", ""][i % 4].to_owned()
        } else {
            row.kind.clone()
        };
        let mut fields: Vec<String> = if ged {
            vec![
                row.id.clone(),
                format!("r{i}"),
                kind,
                row.actor1.clone(),
                row.actor2.clone(),
                row.date.clone(),
                "1".to_owned(),
                row.admin1.clone(),
                row.lat.clone(),
                row.lon.clone(),
                row.fatalities.clone(),
                row.notes.clone(),
            ]
        } else {
            vec![
                row.id.clone(),
                row.date.clone(),
                "1".to_owned(),
                kind,
                row.actor1.clone(),
                "Hazara; Civilians (Afghanistan)".to_owned(),
                row.actor2.clone(),
                row.admin1.clone(),
                row.lat.clone(),
                row.lon.clone(),
                "2".to_owned(),
                row.notes.clone(),
                row.fatalities.clone(),
            ]
        };
        match row.width {
            -1 => {
                fields.pop();
            }
            1 => fields.push("extra".to_owned()),
            _ => {}
        }
        let line: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(j, f)| field(f, (i + j) % 5 == 0))
            .collect();
        text.push_str(&line.join(","));
        text.push_str(end);
        if blank_lines && i % 7 == 3 {
            text.push_str(end);
        }
    }
    text.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_file_read_in_blocks_of_any_size_reads_as_one_block(
        rows in proptest::collection::vec(row(), 0..60),
        ged in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        blank_lines in any::<bool>(),
        block in 1usize..3000,
        cut_at in any::<prop::sample::Index>(),
        cut in any::<bool>(),
    ) {
        let mut bytes = file(ged, &rows, crlf, bom, blank_lines);
        if cut && !bytes.is_empty() {
            // Cut off anywhere, as a file still being written is (mid-quote, mid-line).
            bytes.truncate(cut_at.index(bytes.len()) + 1);
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("events.csv");
        std::fs::write(&path, &bytes).expect("write");
        let atlas = atlas();
        let context = EventContext::new(atlas, &ActorAliases::default());
        let shown = |block: usize| match read_events_in_blocks(&path, &context, block) {
            Ok(set) => format!("{set:?}"),
            Err(error) => format!("error: {error}"),
        };
        let whole = shown(64 << 20);
        prop_assert_eq!(shown(block), whole.clone(), "blocks of {} bytes", block);
        prop_assert_eq!(shown(block / 7 + 1), whole, "blocks of {} bytes", block / 7 + 1);
    }
}

fn atlas() -> &'static resistance_atlas::data::Atlas {
    static ATLAS: std::sync::OnceLock<resistance_atlas::data::Atlas> = std::sync::OnceLock::new();
    ATLAS.get_or_init(load_embedded)
}
