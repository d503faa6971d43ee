//! `export --events FILE…` as a script runs it: the Events layer drawn on the page as the app
//! draws it (markers, a choropleth, the change between two periods), the files' rows reported
//! on stderr, and the doors kept: never written over a file read, an unplaceable file named.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod run;
use run::{atlas_with_empty_data as atlas, events_fixture as fixture, scratch, text, write};

/// The largest number of events in one province, from the generator's own counts.
fn most_events_in_a_province() -> u64 {
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("acled-long.json")).expect("json"))
            .expect("json");
    expected["by_province"]
        .as_object()
        .expect("provinces")
        .values()
        .map(|counts| counts[0].as_u64().expect("a count"))
        .max()
        .expect("provinces")
}

#[test]
fn markers_are_drawn_with_the_files_counts_and_the_rows_are_reported() {
    let dir = scratch("markers");
    let out = dir.join("events.svg");
    // Every group the file's actors map to (`by_group` in the generator's counts) is shown: an
    // event of a hidden group is not drawn, as in the app.
    let output = atlas(&[
        "export",
        "--groups",
        "NRF,AFF,ISKP,ALM",
        "--events",
        &fixture("acled-long.csv"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("acled-long.csv (ACLED): 400 rows, 349 placed"),
        "{stderr}"
    );
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.contains(">Events</text>"), "the layer's legend entry");
    assert!(svg.contains("Circle area: events in the province"));
    // The legend's largest circle is the busiest province's count.
    let most = most_events_in_a_province();
    assert!(
        svg.contains(&format!(">{most}</text>")),
        "no legend circle for {most} events"
    );
    let without = dir.join("plain.svg");
    let plain = atlas(&["export", "--out", without.to_str().unwrap()]);
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    let plain = std::fs::read_to_string(&without).expect("written");
    assert!(!plain.contains(">Events</text>"));
    assert!(
        svg.matches("<circle").count() > plain.matches("<circle").count() + 20,
        "a circle per province with events"
    );
}

#[test]
fn a_choropleth_shades_by_the_measure_asked_for_and_a_png_draws_it_too() {
    let dir = scratch("choropleth");
    let svg_out = dir.join("fatalities.svg");
    let png_out = dir.join("fatalities.png");
    let plain_png = dir.join("plain.png");
    for out in [&svg_out, &png_out] {
        let output = atlas(&[
            "export",
            "--events",
            &fixture("acled-long.csv"),
            "--event-style",
            "choropleth",
            "--measure",
            "fatalities",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    let svg = std::fs::read_to_string(&svg_out).expect("written");
    assert!(svg.contains(">Fatalities</text>"), "the measure's legend");
    assert!(!svg.contains("Circle area"), "no circles in a choropleth");
    let plain = atlas(&["export", "--out", plain_png.to_str().unwrap()]);
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    assert_ne!(
        std::fs::read(&png_out).expect("written"),
        std::fs::read(&plain_png).expect("written"),
        "the PNG draws the Events layer"
    );
}

#[test]
fn with_two_periods_the_choropleth_shades_the_change() {
    let dir = scratch("change");
    let out = dir.join("change.svg");
    let output = atlas(&[
        "export",
        "--events",
        &fixture("acled-long.csv"),
        "--event-style",
        "choropleth",
        "--before",
        "2022-01..2023-06",
        "--after",
        "2023-07..2024-12",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(
        svg.contains(">Change in number of events</text>"),
        "{svg:.0}"
    );
    assert!(svg.contains("class=\"change-class\""));
    assert!(svg.contains("Purple: fewer after; orange: more after"));
}

#[test]
fn the_map_is_never_written_over_an_event_file() {
    let dir = scratch("protect");
    // A GeoJSON event file whose name ends in .svg: read by its contents, an export target by
    // its name.
    let points = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [69.6, 35.3]},
         "properties": {"date": "2024-05-01", "actor": "NRF", "fatalities": 2}}]}"#;
    let path = write(&dir, "points.svg", points.as_bytes());
    let output = atlas(&["export", "--events", &path, "--out", &path, "--force"]);
    assert!(!output.status.success(), "wrote over the file it read");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("points.svg"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), points);
}

#[test]
fn a_file_none_of_whose_rows_can_be_placed_is_named() {
    let dir = scratch("unplaced");
    let far = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]},
         "properties": {"date": "2024-05-01", "actor": "NRF"}}]}"#;
    let path = write(&dir, "paris.geojson", far.as_bytes());
    let out = dir.join("map.png");
    let output = atlas(&["export", "--events", &path, "--out", out.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("none of the rows of") && stderr.contains("paris.geojson"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn event_options_need_event_files() {
    let dir = scratch("needs");
    let out = dir.join("map.svg");
    let output = atlas(&[
        "export",
        "--event-style",
        "choropleth",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("--events"),
        "{}",
        text(&output.stderr)
    );
    assert!(!out.exists());
}
