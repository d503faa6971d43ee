//! `resistance-atlas events FILE…` as a script runs it: CSV on stdout or in --out, all 34
//! provinces, the counts the generator expects, the unplaced rows on stderr by reason, and exit
//! status 1 naming an unreadable file.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Output;

mod run;
use run::{atlas_with_empty_data as atlas, events_fixture as fixture, scratch, text};

fn expected(name: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).expect("json")).expect("json")
}

/// Rows of a CSV table, header first.
fn rows(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("csv").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn by_province_writes_all_34_rows_with_the_expected_counts_and_reports_unplaced_rows() {
    let output = atlas(&["events", &fixture("acled-long.csv")]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = rows(&text(&output.stdout));
    assert_eq!(table[0], ["iso_3166_2", "province", "events", "fatalities"]);
    assert_eq!(table.len(), 35, "header and 34 provinces");
    let expected = expected("acled-long.json");
    for row in &table[1..] {
        let want = &expected["by_province"][&row[0]];
        assert_eq!(row[2], want[0].to_string(), "{}", row[0]);
        assert_eq!(row[3], want[1].to_string(), "{}", row[0]);
    }
    assert!(table.iter().any(|r| r[1] == "Panjshir"), "province names");
    let stderr = text(&output.stderr);
    let unplaced = &expected["unplaced"];
    let total: u64 = unplaced
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(
        stderr.contains(&format!("not placed: {total} rows")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("outside the provinces: {}", unplaced["outside"])),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "missing coordinates: {}",
            unplaced["missing coordinates"]
        )),
        "{stderr}"
    );
}

#[test]
fn several_files_add_up_and_out_writes_the_file() {
    let out = scratch("out").join("counts.csv");
    let output = atlas(&[
        "events",
        &fixture("ged-iso.csv"),
        &fixture("ged-long.csv"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "the table goes to --out only");
    let table = rows(&std::fs::read_to_string(&out).expect("written"));
    let (a, b) = (expected("ged-iso.json"), expected("ged-long.json"));
    let total: u64 = table[1..]
        .iter()
        .map(|r| r[2].parse::<u64>().unwrap())
        .sum();
    let sum = |e: &serde_json::Value| -> u64 {
        e["by_province"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v[0].as_u64().unwrap())
            .sum()
    };
    // The generator numbers each file's GED ids from 1: an id already read in the first file
    // is taken for the same event and counted once, as the warning says.
    let stderr = text(&output.stderr);
    let repeated: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("warning: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        stderr.contains("repeat an event id read in an earlier file") || repeated == 0,
        "{stderr}"
    );
    assert_eq!(total + repeated, sum(&a) + sum(&b), "{stderr}");
}

#[test]
fn group_and_dates_filter_and_months_and_groups_tabulate() {
    let file = fixture("acled-iso.csv");
    let nrf = atlas(&["events", &file, "--group", "nrf"]);
    assert!(nrf.status.success(), "{}", text(&nrf.stderr));
    let total = |out: &Output| -> u64 {
        rows(&text(&out.stdout))[1..]
            .iter()
            .map(|r| r[2].parse::<u64>().unwrap())
            .sum()
    };
    assert_eq!(
        total(&nrf),
        expected("acled-iso.json")["by_group"]["NRF"]
            .as_u64()
            .unwrap()
    );

    let by_group = atlas(&["events", &file, "--by", "group"]);
    let table = rows(&text(&by_group.stdout));
    assert_eq!(table[0], ["group", "name", "events", "fatalities"]);
    let nrf_row = table.iter().find(|r| r[0] == "NRF").expect("NRF row");
    assert_eq!(nrf_row[2], total(&nrf).to_string());

    let year = atlas(&["events", &file, "--from", "2024", "--to", "2024"]);
    let months = atlas(&[
        "events", &file, "--by", "month", "--from", "2024", "--to", "2024",
    ]);
    let month_rows = rows(&text(&months.stdout));
    assert_eq!(month_rows[0], ["month", "events", "fatalities"]);
    assert_eq!(month_rows.len(), 13, "header and 12 months");
    assert_eq!(month_rows[1][0], "2024-01");
    let by_month: u64 = month_rows[1..]
        .iter()
        .map(|r| r[1].parse::<u64>().unwrap())
        .sum();
    assert_eq!(by_month, total(&year));
    assert!(total(&year) > 0 && total(&year) < total(&atlas(&["events", &file])));
}

#[test]
fn an_unreadable_file_exits_1_naming_it() {
    let missing = scratch("missing").join("gone.csv");
    let output = atlas(&[
        "events",
        &fixture("acled-iso.csv"),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("gone.csv"), "{stderr}");
    assert!(output.stdout.is_empty(), "no partial table");

    let wrong = scratch("wrong").join("presence.csv");
    std::fs::write(&wrong, "event_date,latitude\n2024-01-01,34\n").expect("write");
    let output = atlas(&["events", wrong.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("presence.csv") && stderr.contains("longitude, actor1, actor2, fatalities"),
        "{stderr}"
    );

    let output = atlas(&["events", &fixture("acled-iso.csv"), "--group", "XYZ"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("unknown group \"XYZ\""));
}

#[test]
fn event_types_tabulate_and_filter_by_name() {
    let file = fixture("acled-iso.csv");
    let total = |out: &Output, column: usize| -> u64 {
        assert!(out.status.success(), "{}", text(&out.stderr));
        rows(&text(&out.stdout))[1..]
            .iter()
            .map(|r| r[column].parse::<u64>().unwrap())
            .sum()
    };
    let all = atlas(&["events", &file]);
    let by_type = atlas(&["events", &file, "--by", "type"]);
    let table = rows(&text(&by_type.stdout));
    assert_eq!(table[0], ["type", "events", "fatalities"]);
    assert_eq!(
        total(&by_type, 1),
        total(&all, 2),
        "every event has one type"
    );
    let battles = table
        .iter()
        .find(|r| r[0] == "Battles")
        .expect("a Battles row")[1]
        .parse::<u64>()
        .unwrap();
    assert!(battles > 0 && battles < total(&all, 2));

    // Case does not matter; the province table keeps only the type asked for.
    let only = atlas(&["events", &file, "--event-types", "battles"]);
    assert_eq!(total(&only, 2), battles);
    let two = atlas(&[
        "events",
        &file,
        "--by",
        "type",
        "--event-types",
        "Battles,Protests",
    ]);
    let named: Vec<String> = rows(&text(&two.stdout))[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(
        named.iter().all(|t| t == "Battles" || t == "Protests"),
        "{named:?}"
    );

    // An unknown type names the file's types.
    let wrong = atlas(&["events", &file, "--event-types", "Picnics"]);
    assert_eq!(wrong.status.code(), Some(1));
    let message = text(&wrong.stderr);
    assert!(
        message.contains("Picnics") && message.contains("Battles"),
        "{message}"
    );

    // UCDP GED's type_of_violence, by name.
    let ged = atlas(&["events", &fixture("ged-iso.csv"), "--by", "type"]);
    let names: Vec<String> = rows(&text(&ged.stdout))[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(
        names.iter().any(|n| n == "State-based violence"),
        "{names:?}"
    );
    assert!(names.iter().all(|n| !n.chars().all(|c| c.is_ascii_digit())));
}
