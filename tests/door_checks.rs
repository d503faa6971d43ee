//! Issue 20, the rest of the door: strict boundaries (outside Afghanistan or overlapping:
//! refused with the place), bounded work (a detailed province simplified with a notice, titles
//! limited where read), honest messages (control characters escaped wherever a file name or
//! value is quoted; a folder called a folder), and exact counting (a copy under another name
//! read once, event ids repeated across files counted once). Run as a user runs the binary.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod run;
use run::{atlas_in, scratch, text, write};

/// A feature with a rectangular province.
fn rectangle(code: &str, [west, south, east, north]: [f64; 4]) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"iso_3166_2":"{code}","name":"{code}"}},"geometry":{{"type":"Polygon","coordinates":[[[{west},{south}],[{east},{south}],[{east},{north}],[{west},{north}],[{west},{south}]]]}}}}"#
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

const HEADER: &str = "event_id_cnty,event_date,time_precision,actor1,assoc_actor_1,actor2,assoc_actor_2,admin1,latitude,longitude,geo_precision,fatalities";

/// An ACLED file with one Kabul row per id.
fn acled(ids: &[&str]) -> String {
    let mut csv = format!("{HEADER}\n");
    for id in ids {
        csv.push_str(&format!(
            "{id},2024-01-01,1,NRF: National Resistance Front of Afghanistan,,Taliban,,Kabul,34.5553,69.2075,1,1\n"
        ));
    }
    csv
}

/// The Kabul row's event count in a by-province table.
fn kabul_events(table: &str) -> u64 {
    let row = table
        .lines()
        .find(|l| l.starts_with("AF-KAB,"))
        .expect("Kabul");
    row.split(',').nth(2).unwrap().parse().unwrap()
}

// ---- Strict boundaries ------------------------------------------------------------------------

#[test]
fn a_first_province_covering_the_world_is_refused_by_validate_and_by_events() {
    let dir = scratch("world");
    let boundaries = write(
        &dir,
        "world.geojson",
        collection(&[
            rectangle("AF-BDS", [-180.0, -90.0, 180.0, 90.0]),
            rectangle("AF-KAB", [68.5, 34.0, 69.5, 35.0]),
        ])
        .as_bytes(),
    );
    let output = atlas_in(&dir, &["validate", &boundaries]);
    let stdout = text(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(
        stdout.contains("features[0].geometry: AF-BDS reaches outside Afghanistan"),
        "{stdout}"
    );
    // Paris is not placed in Badakhshan: the file is refused.
    let paris = write(
        &dir,
        "paris.csv",
        format!("{HEADER}\nP1,2024-01-01,1,NRF,,,,Paris,48.85,2.35,1,0\n").as_bytes(),
    );
    let output = atlas_in(&dir, &["events", &paris, "--boundaries", &boundaries]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("reaches outside Afghanistan"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_overlapping_provinces_are_refused_and_neighbours_pass() {
    let dir = scratch("overlap");
    let overlapping = write(
        &dir,
        "overlap.geojson",
        collection(&[
            rectangle("AF-A", [65.0, 33.0, 66.0, 34.0]),
            rectangle("AF-B", [65.5, 33.5, 66.5, 34.5]),
        ])
        .as_bytes(),
    );
    let output = atlas_in(&dir, &["validate", &overlapping]);
    let stdout = text(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(stdout.contains("AF-A and AF-B overlap"), "{stdout}");
    let neighbours = write(
        &dir,
        "neighbours.geojson",
        collection(&[
            rectangle("AF-A", [65.0, 33.0, 66.0, 34.0]),
            rectangle("AF-B", [66.0, 33.0, 67.0, 34.0]),
        ])
        .as_bytes(),
    );
    let output = atlas_in(&dir, &["validate", &neighbours]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_province_over_the_vertex_budget_validates_with_a_notice_that_it_was_simplified() {
    let dir = scratch("detailed");
    let n = 100_000;
    let ring: Vec<String> = (0..=n)
        .map(|i| {
            let angle = (i % n) as f64 / n as f64 * std::f64::consts::TAU;
            let radius = 1.0 + 0.05 * (angle * 40.0).sin();
            format!(
                "[{},{}]",
                67.0 + radius * angle.cos(),
                34.0 + radius * angle.sin()
            )
        })
        .collect();
    let file = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"iso_3166_2":"AF-DET","name":"Detailed"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}}"#,
        ring.join(",")
    );
    let boundaries = write(&dir, "detailed.geojson", file.as_bytes());
    let output = atlas_in(&dir, &["validate", &boundaries]);
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("features[0].geometry: AF-DET has 100001 vertices, more than the 5000")
            && stdout.contains("it was simplified to"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Bounded work -----------------------------------------------------------------------------

#[test]
fn a_title_over_the_limit_is_refused_where_it_is_read_naming_the_limit() {
    let dir = scratch("title");
    let out = dir.join("map.svg");
    let title = "t".repeat(120_000);
    let output = atlas_in(
        &dir,
        &["export", "--title", &title, "--out", out.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("--title is 120000 characters long; it is limited to 300 characters"),
        "{}",
        &stderr[..stderr.len().min(400)]
    );
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Honest messages --------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn control_characters_in_a_file_name_or_a_value_are_escaped_in_every_message() {
    let dir = scratch("escape");
    let name = "bad\u{1b}[2J\u{1b}]0;owned\u{7}.json";
    let data_set = write(
        &dir,
        name,
        br#"{"schema_version":2,"groups":[{"id":"G\u001b[31m","name":"x","kind":"armed_resistance","summary":"x","sources":["nope\u001b[2J"]}]}"#,
    );
    for args in [
        vec!["validate", data_set.as_str()],
        vec!["events", data_set.as_str()],
        vec![
            "export-deck",
            data_set.as_str(),
            "--out",
            dir.to_str().unwrap(),
        ],
    ] {
        let output = atlas_in(&dir, &args);
        let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert!(!output.status.success(), "{args:?}: {all}");
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
        assert!(
            all.contains("bad\\u{1b}[2J"),
            "{args:?} names the file, escaped: {all}"
        );
    }
    let output = atlas_in(&dir, &["validate", &data_set]);
    assert!(
        text(&output.stdout).contains("group id \"G\\u{1b}[31m\" holds an invisible character"),
        "{}",
        text(&output.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_to_a_folder_says_it_is_a_folder_first() {
    let dir = scratch("folder-png");
    let folder = dir.join("map.png");
    std::fs::create_dir(&folder).expect("folder");
    let output = atlas_in(&dir, &["export", "--out", folder.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("it is a folder, not a file"), "{stderr}");
    assert!(!stderr.contains("--force"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_deck_into_a_path_through_a_file_or_a_dangling_link_gives_a_real_message() {
    let dir = scratch("deck-through-file");
    let deck = write(&dir, "deck.json", br#"{"schema_version":1,"slides":[]}"#);
    let file = write(&dir, "notes.txt", b"precious");
    let through = format!("{file}/slides");
    let output = atlas_in(&dir, &["export-deck", &deck, "--out", &through]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("notes.txt is a file, not a folder, so"),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    #[cfg(unix)]
    {
        let link = dir.join("slides");
        std::os::unix::fs::symlink(dir.join("nowhere"), &link).expect("link");
        let output = atlas_in(
            &dir,
            &["export-deck", &deck, "--out", link.to_str().unwrap()],
        );
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("symbolic link to something that does not exist"),
            "{stderr}"
        );
        assert!(!stderr.contains("os error"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn polygon_features_in_an_event_file_are_called_polygons_not_missing_coordinates() {
    let dir = scratch("polygon-events");
    let events = write(
        &dir,
        "events.geojson",
        br#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"event_date":"2024-01-01","actor1":"NRF"},"geometry":{"type":"Point","coordinates":[69.2075,34.5553]}},
            {"type":"Feature","properties":{"event_date":"2024-01-02"},"geometry":{"type":"Polygon","coordinates":[[[69,34],[70,34],[70,35],[69,34]]]}}]}"#,
    );
    let output = atlas_in(&dir, &["events", &events]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("a polygon, not a point: 1 (features 2)"),
        "{stderr}"
    );
    assert!(!stderr.contains("missing coordinates"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Exact counting ---------------------------------------------------------------------------

#[test]
fn a_copy_under_another_name_is_read_once_with_a_warning() {
    let dir = scratch("copy");
    let original = write(&dir, "acled.csv", acled(&["AFG1", "AFG2"]).as_bytes());
    let copy = dir.join("acled (copy).csv");
    std::fs::copy(&original, &copy).expect("copy");
    let output = atlas_in(&dir, &["events", &original, copy.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(kabul_events(&text(&output.stdout)), 2);
    assert!(
        stderr.contains("warning: 1 file given more than once")
            && stderr.contains("acled (copy).csv (the same as "),
        "{stderr}"
    );
    let output = atlas_in(&dir, &["validate", &original, copy.to_str().unwrap()]);
    assert!(
        text(&output.stdout).contains("warning: 1 file given more than once"),
        "{}",
        text(&output.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_event_id_repeated_in_another_file_is_counted_once_naming_how_many() {
    let dir = scratch("ids-across");
    let first = write(&dir, "jan.csv", acled(&["AFG1", "AFG2", "AFG3"]).as_bytes());
    let second = write(
        &dir,
        "jan-feb.csv",
        acled(&["AFG2", "AFG3", "AFG4"]).as_bytes(),
    );
    let geojson = write(
        &dir,
        "more.geojson",
        br#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"event_id_cnty":"AFG4","event_date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[69.2075,34.5553]}},
            {"type":"Feature","properties":{"event_id_cnty":"AFG5","event_date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[69.2075,34.5553]}},
            {"type":"Feature","properties":{"event_id_cnty":"AFG5","event_date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[69.2075,34.5553]}}]}"#,
    );
    let output = atlas_in(&dir, &["events", &first, &second, &geojson]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        kabul_events(&text(&output.stdout)),
        5,
        "AFG1 to AFG5, once each"
    );
    assert!(
        stderr.contains("warning: 3 events repeat an event id read in an earlier file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 rows repeat an event id read before in the file"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
