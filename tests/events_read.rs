//! Event files read and placed exactly: generated ACLED and UCDP GED files (both date styles,
//! quoted notes with newlines and quotes, rows outside the country, bad coordinates and dates)
//! give the counts the generator's own point-in-polygon test found, and every event lands
//! where geo's `Contains` puts its point, read with an independent CSV pass.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use geo::{Contains as _, Point};
use resistance_atlas::data::{
    Atlas, Day,
    events::{
        ActorAliases, EventContext, EventCounts, EventFileError, EventFormat, EventSelection,
        EventSet, UnplacedReason, read_events,
    },
    load_embedded,
};

mod run;
use run::scratch;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events")
        .join(name)
}

fn read(atlas: &Atlas, path: &Path) -> Result<EventSet, EventFileError> {
    let context = EventContext::new(atlas, &ActorAliases::default());
    read_events(path, &context, |_| true)
}

/// What tools/make_events.py wrote beside the file: the counts its own even-odd test found.
struct Expected {
    rows: u64,
    by_province: BTreeMap<String, (u64, u64)>,
    by_group: BTreeMap<String, u64>,
    unplaced: BTreeMap<String, usize>,
    admin1_disagreements: usize,
}

fn expected(name: &str) -> Expected {
    let text = std::fs::read_to_string(fixture(name)).expect("expected counts");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let pairs = json["by_province"].as_object().expect("by_province");
    Expected {
        rows: json["rows"].as_u64().expect("rows"),
        by_province: pairs
            .iter()
            .map(|(iso, v)| {
                (
                    iso.clone(),
                    (v[0].as_u64().expect("n"), v[1].as_u64().expect("n")),
                )
            })
            .collect(),
        by_group: json["by_group"]
            .as_object()
            .expect("by_group")
            .iter()
            .map(|(g, n)| (g.clone(), n.as_u64().expect("n")))
            .collect(),
        unplaced: json["unplaced"]
            .as_object()
            .expect("unplaced")
            .iter()
            .map(|(r, n)| (r.clone(), n.as_u64().expect("n") as usize))
            .collect(),
        admin1_disagreements: json["admin1_disagreements"].as_u64().expect("n") as usize,
    }
}

/// The generator's names for the reasons.
fn reason_name(reason: UnplacedReason) -> &'static str {
    match reason {
        UnplacedReason::MissingCoordinates => "missing coordinates",
        UnplacedReason::NonNumericCoordinates => "non-numeric coordinates",
        UnplacedReason::InvalidCoordinates => "invalid coordinates",
        UnplacedReason::OutsideBoundaries => "outside",
        UnplacedReason::BadDate => "bad date",
        UnplacedReason::MalformedRow => "malformed row",
        UnplacedReason::BadFatalities => "bad fatalities",
        UnplacedReason::PolygonNotPoint => "polygon",
        UnplacedReason::ShapeNotPoint => "shape",
    }
}

fn check_against_generator(stem: &str, format: EventFormat) {
    let atlas = load_embedded();
    let set = read(&atlas, &fixture(&format!("{stem}.csv"))).expect("readable");
    let expected = expected(&format!("{stem}.json"));
    assert_eq!(set.source.format, format);
    assert_eq!(set.rows_read, expected.rows, "{stem}: rows");
    let unplaced: BTreeMap<String, usize> = set
        .unplaced_by_reason()
        .into_iter()
        .map(|(r, n)| (reason_name(r).to_owned(), n))
        .collect();
    assert_eq!(unplaced, expected.unplaced, "{stem}: unplaced by reason");
    assert_eq!(
        set.admin1_disagreements, expected.admin1_disagreements,
        "{stem}: admin1 disagreements"
    );
    let counts = EventCounts::build(&[&set], atlas.provinces.len(), atlas.groups.len());
    let all = (Day::month_start(1990, 1), Day::month_end(2100, 12));
    let by_province: BTreeMap<String, (u64, u64)> = atlas
        .provinces
        .iter()
        .zip(counts.by_province(&EventSelection::all(), all.0, all.1))
        .map(|(p, c)| (p.code.clone(), (c.events, c.fatalities)))
        .collect();
    assert_eq!(by_province, expected.by_province, "{stem}: by province");
    let by_group: BTreeMap<String, u64> = atlas
        .groups
        .iter()
        .zip(counts.by_group(&EventSelection::all(), all.0, all.1))
        .filter(|(_, c)| c.events > 0)
        .map(|(g, c)| (g.id.clone(), c.events))
        .collect();
    assert_eq!(by_group, expected.by_group, "{stem}: by group");
}

#[test]
fn acled_with_iso_dates_counts_as_the_generator_placed() {
    check_against_generator("acled-iso", EventFormat::Acled);
}

#[test]
fn acled_with_long_dates_counts_as_the_generator_placed() {
    check_against_generator("acled-long", EventFormat::Acled);
}

#[test]
fn ged_with_iso_dates_counts_as_the_generator_placed() {
    check_against_generator("ged-iso", EventFormat::Ged);
}

#[test]
fn ged_with_timestamps_counts_as_the_generator_placed() {
    check_against_generator("ged-long", EventFormat::Ged);
}

/// Reads the file with csv's own record reader and places each row with geo's `Contains`;
/// every row must be placed, or reported, as the atlas did, at the same line.
#[test]
fn every_row_is_where_contains_puts_it_or_reported_at_its_line() {
    let atlas = load_embedded();
    for stem in ["acled-iso", "acled-long", "ged-iso", "ged-long"] {
        let path = fixture(&format!("{stem}.csv"));
        let set = read(&atlas, &path).expect("readable");
        let mut reader = csv::Reader::from_path(&path).expect("csv");
        let headers = reader.headers().expect("header").clone();
        let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
        let (lat, lon) = (column("latitude"), column("longitude"));
        let placed: BTreeMap<u64, usize> = set
            .row
            .iter()
            .enumerate()
            .map(|(i, row)| (*row, i))
            .collect();
        let unplaced: BTreeMap<u64, UnplacedReason> =
            set.unplaced.iter().map(|u| (u.row, u.reason)).collect();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.expect("record");
            let line = record.position().expect("position").line();
            rows += 1;
            let coordinate = |i: usize| {
                record[i]
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
            };
            let point = coordinate(lon)
                .zip(coordinate(lat))
                .filter(|(x, y)| x.abs() <= 180.0 && y.abs() <= 90.0);
            let inside = point.and_then(|(x, y)| {
                atlas
                    .provinces
                    .iter()
                    .position(|p| p.boundary.contains(&Point::new(x, y)))
            });
            match (inside, placed.get(&line), unplaced.get(&line)) {
                (Some(province), Some(&i), None) => {
                    assert_eq!(set.province[i].0, province, "{stem} line {line}");
                    let (x, y) = point.unwrap();
                    assert!(
                        (f64::from(set.lon[i]) - x).abs() < 1e-4,
                        "{stem} line {line}"
                    );
                    assert!(
                        (f64::from(set.lat[i]) - y).abs() < 1e-4,
                        "{stem} line {line}"
                    );
                }
                (Some(_), None, Some(UnplacedReason::BadDate)) => {}
                (None, None, Some(reason)) => assert_ne!(
                    *reason,
                    UnplacedReason::BadDate,
                    "{stem} line {line}: a point outside is reported as outside"
                ),
                other => panic!("{stem} line {line}: {other:?}"),
            }
        }
        assert_eq!(rows, set.rows_read, "{stem}");
    }
}

#[test]
fn quoted_notes_with_newlines_keep_line_numbers_and_come_back_for_the_card() {
    let dir = scratch("quoted");
    let path = dir.join("acled.csv");
    let header = "event_id_cnty,event_date,year,time_precision,actor1,assoc_actor_1,actor2,admin1,latitude,longitude,geo_precision,source,notes,fatalities\n";
    let rows = [
        "A1,2024-10-20,2024,1,NRF: National Resistance Front of Afghanistan,,Taliban,Panjshir,35.3,69.6,1,Amu TV,\"Fighting, \"\"heavy\"\"\nsaid locals\",3\n",
        "A2,2024-10-21,2024,1,Taliban,,Civilians,Kabul,,69.2,1,Amu TV,no latitude,0\n",
        "A3,21 October 2024,2024,2,IS-K,,Taliban,Kabul,34.52,69.17,2,Kabul Now,\"one\ntwo\nthree\",7\n",
        "A4,2024-10-22,2024,1,Taliban,,Civilians,Kabul,34.5,NaN,1,x,y,0\n",
        "A5,2024-10-22,2024,1,Taliban,,Civilians,Peshawar,34.0,71.58,1,x,y,0\n",
        "A6,2024-13-22,2024,1,Taliban,,Civilians,Kabul,34.52,69.17,1,x,y,0\n",
        "A7,2024-10-22,2024,1,Taliban,,Civilians,Kabul,34.52\n",
    ];
    std::fs::write(&path, format!("{header}{}", rows.concat())).expect("write");
    let atlas = load_embedded();
    let set = read(&atlas, &path).expect("readable");
    assert_eq!(set.row, vec![2, 5], "events start at lines 2 and 5");
    let reasons: Vec<(u64, UnplacedReason)> =
        set.unplaced.iter().map(|u| (u.row, u.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (4, UnplacedReason::MissingCoordinates),
            (8, UnplacedReason::InvalidCoordinates),
            (9, UnplacedReason::OutsideBoundaries),
            (10, UnplacedReason::BadDate),
            (11, UnplacedReason::MalformedRow),
        ]
    );
    let panjshir = atlas.province_by_code("AF-PAN").expect("Panjshir");
    assert_eq!(set.province[0], panjshir);
    assert_eq!(set.fatalities, vec![3, 7]);
    assert_eq!(set.time_precision, vec![1, 2]);
    let nrf = atlas.group_by_id("NRF").expect("NRF");
    let iskp = atlas.group_by_id("ISKP").expect("ISKP");
    assert!(set.groups[0].contains(nrf) && !set.groups[0].contains(iskp));
    assert!(set.groups[1].contains(iskp));
    let card = set.details(0).expect("details");
    assert_eq!(card.notes, "Fighting, \"heavy\"\nsaid locals");
    assert_eq!(card.event_id, "A1");
    assert_eq!(card.time_precision, "exact day");
    assert_eq!(set.details(1).expect("details").notes, "one\ntwo\nthree");
}

#[test]
fn a_file_of_many_blocks_reads_as_one() {
    // Larger than the 1–2 MiB blocks the reader hands its threads: the same events, in order.
    let atlas = load_embedded();
    let source = std::fs::read_to_string(fixture("acled-iso.csv")).expect("fixture");
    let (header, body) = source.split_once('\n').expect("header");
    // Enough copies to span at least three blocks, whatever the fixture's size.
    let copies = (9 << 20) / body.len() + 2;
    let dir = scratch("blocks");
    let path = dir.join("big.csv");
    let mut text = String::with_capacity(source.len() * copies);
    text.push_str(header);
    text.push('\n');
    for copy in 0..copies {
        // Each copy's events get their own ids (a repeated id is counted once).
        for line in body.split_inclusive('\n') {
            text.push_str(&format!("C{copy}-{line}"));
        }
    }
    assert!(text.len() > 9 << 20, "spans several blocks");
    std::fs::write(&path, &text).expect("write");
    let one = read(&atlas, &fixture("acled-iso.csv")).expect("readable");
    let many = read(&atlas, &path).expect("readable");
    assert_eq!(many.rows_read, one.rows_read * copies as u64);
    assert_eq!(many.len(), one.len() * copies);
    assert_eq!(many.unplaced.len(), one.unplaced.len() * copies);
    let lines_per_copy = body.matches('\n').count() as u64;
    for copy in [0, 17, copies - 1] {
        for i in 0..one.len() {
            let j = copy * one.len() + i;
            assert_eq!(many.province[j], one.province[i]);
            assert_eq!(many.day[j], one.day[i]);
            assert_eq!(many.row[j], one.row[i] + copy as u64 * lines_per_copy);
            assert_eq!(
                many.actor_name(many.actor1[j]),
                one.actor_name(one.actor1[i])
            );
        }
    }
    let last = many.len() - 1;
    assert_eq!(
        many.details(last).expect("card").notes,
        one.details(one.len() - 1).expect("card").notes,
        "offsets in later blocks point at their rows"
    );
}

#[test]
fn geojson_points_are_placed_with_their_properties() {
    let dir = scratch("geojson");
    let path = dir.join("events.geojson");
    let json = serde_json::json!({
        "type": "FeatureCollection",
        "name": "Example monitor",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [69.6, 35.3]},
             "properties": {"date": "2024-10-20", "actor1": "National Resistance Front",
                            "fatalities": 2, "notes": "clash", "admin1": "Kabul"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [71.58, 34.0]},
             "properties": {"date": "2024-10-21"}},
            {"type": "Feature", "geometry": null, "properties": {"date": "2024-10-21"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [69.17, 34.52]},
             "properties": {"date": "21 October 2024", "side_a": "IS", "best": "4"}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [69.17, 34.52]},
             "properties": {"date": "not a date"}}
        ]
    });
    std::fs::write(&path, json.to_string()).expect("write");
    let atlas = load_embedded();
    let set = read(&atlas, &path).expect("readable");
    assert_eq!(set.source.format, EventFormat::GeoJson);
    assert_eq!(set.source.publisher, "Example monitor");
    assert_eq!(set.row, vec![1, 4]);
    assert_eq!(set.fatalities, vec![2, 4]);
    assert_eq!(set.admin1_disagreements, 1, "Kabul named, Panjshir placed");
    let reasons: Vec<(u64, UnplacedReason)> =
        set.unplaced.iter().map(|u| (u.row, u.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (2, UnplacedReason::OutsideBoundaries),
            (3, UnplacedReason::MissingCoordinates),
            (5, UnplacedReason::BadDate),
        ]
    );
    assert!(set.groups[0].contains(atlas.group_by_id("NRF").expect("NRF")));
    assert!(set.groups[1].contains(atlas.group_by_id("ISKP").expect("ISKP")));
    assert_eq!(set.details(0).expect("card").notes, "clash");
}

#[test]
fn unreadable_files_are_named_with_what_is_wrong() {
    let atlas = load_embedded();
    let dir = scratch("bad");
    let missing = dir.join("no-such.csv");
    let error = read(&atlas, &missing).expect_err("missing");
    assert!(matches!(error, EventFileError::Io { .. }));
    assert!(error.to_string().contains("no-such.csv"), "{error}");

    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "\n  \n").expect("write");
    let error = read(&atlas, &empty).expect_err("empty").to_string();
    assert!(
        error.contains("empty.csv") && error.contains("empty"),
        "{error}"
    );

    let acled_like = dir.join("partial.csv");
    std::fs::write(
        &acled_like,
        "event_id_cnty,event_date,actor1,notes\nA,2024-01-01,x,y\n",
    )
    .expect("write");
    let error = read(&atlas, &acled_like).expect_err("columns").to_string();
    assert!(
        error.contains("partial.csv")
            && error.contains("ACLED")
            && error.contains("latitude, longitude, actor2, fatalities"),
        "{error}"
    );

    let other = dir.join("other.csv");
    std::fs::write(&other, "name,value\na,1\n").expect("write");
    let error = read(&atlas, &other).expect_err("unknown").to_string();
    assert!(error.contains("ACLED or UCDP GED"), "{error}");

    let not_points = dir.join("x.geojson");
    std::fs::write(&not_points, "{\"type\": \"Feature\"}").expect("write");
    let error = read(&atlas, &not_points)
        .expect_err("not a collection")
        .to_string();
    assert!(error.contains("FeatureCollection"), "{error}");

    let broken = dir.join("broken.geojson");
    std::fs::write(&broken, "{\"type\": \"FeatureCollection\", \"features\": [").expect("write");
    let error = read(&atlas, &broken).expect_err("bad json").to_string();
    assert!(
        error.contains("broken.geojson") && error.contains("line 1"),
        "{error}"
    );
}

#[test]
fn cancelling_stops_the_read() {
    let atlas = load_embedded();
    let context = EventContext::new(&atlas, &ActorAliases::default());
    let mut calls = 0;
    let error = read_events(&fixture("ged-iso.csv"), &context, |_| {
        calls += 1;
        false
    })
    .expect_err("cancelled");
    assert!(matches!(error, EventFileError::Cancelled { .. }), "{error}");
    assert_eq!(calls, 1);
    let mut last = 0.0;
    read_events(&fixture("ged-iso.csv"), &context, |fraction| {
        assert!(fraction >= last && fraction <= 1.0);
        last = fraction;
        true
    })
    .expect("read");
    assert!((last - 1.0).abs() < 1e-6, "progress reaches 1: {last}");
}
