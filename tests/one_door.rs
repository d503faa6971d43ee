//! Issue 20: every path goes through the one reader and the one writer, for every input size.
//! Each test is a reproduction from the issue, run as a user would run the binary.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

mod run;
use run::{atlas_in, scratch, text, write};

const HEADER: &str = "event_id_cnty,event_date,time_precision,actor1,assoc_actor_1,actor2,assoc_actor_2,admin1,latitude,longitude,geo_precision,fatalities";

/// A small ACLED file: one row per (date, fatalities), all in Kabul.
fn acled(rows: &[(&str, &str)]) -> String {
    let mut csv = format!("{HEADER}\n");
    for (i, (date, fatalities)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "AFG{i},{date},1,NRF: National Resistance Front of Afghanistan,,Taliban,,Kabul,34.5553,69.2075,1,{fatalities}\n"
        ));
    }
    csv
}

/// The Kabul row of a by-province table: (events, fatalities).
fn kabul(table: &str) -> (u64, u64) {
    let row = table
        .lines()
        .find(|l| l.starts_with("AF-KAB,"))
        .expect("a Kabul row");
    let fields: Vec<&str> = row.split(',').collect();
    (fields[2].parse().expect("n"), fields[3].parse().expect("n"))
}

// ---- One writer -------------------------------------------------------------------------------

#[test]
fn events_out_refuses_an_existing_file_without_force_and_replaces_it_with_force() {
    let dir = scratch("out-force");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let out = write(&dir, "counts.csv", b"precious");
    let refused = atlas_in(&dir, &["events", &input, "--out", &out]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("--force"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read(&out).expect("kept"), b"precious");
    let forced = atlas_in(&dir, &["events", &input, "--out", &out, "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_eq!(kabul(&std::fs::read_to_string(&out).expect("out")), (1, 1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn events_out_never_writes_over_its_own_input_even_with_force() {
    let dir = scratch("out-input");
    let contents = acled(&[("2024-01-01", "1")]);
    let input = write(&dir, "x.csv", contents.as_bytes());
    let output = atlas_in(&dir, &["events", &input, "--out", &input, "--force"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("one of the files read"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&input).expect("kept"), contents);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn events_out_never_writes_through_a_symlink() {
    let dir = scratch("out-link");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let victim = write(&dir, "victim.txt", b"precious");
    let link = dir.join("counts.csv");
    std::os::unix::fs::symlink(&victim, &link).expect("link");
    let output = atlas_in(
        &dir,
        &[
            "events",
            &input,
            "--out",
            link.to_str().expect("utf-8"),
            "--force",
        ],
    );
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("symbolic link"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read(&victim).expect("kept"), b"precious");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn events_creates_no_data_folder() {
    let dir = scratch("no-data-folder");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let output = atlas_in(&dir, &["events", &input]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(!dir.join("data").exists(), "events only reads");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- One reader -------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn aliases_on_a_fifo_or_a_link_to_dev_zero_are_refused_at_once() {
    let dir = scratch("aliases-special");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let fifo = dir.join("fifo.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let output = atlas_in(
        &dir,
        &["events", &input, "--aliases", fifo.to_str().expect("utf-8")],
    );
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("FIFO"),
        "{}",
        text(&output.stderr)
    );
    let folder = dir.join("data/resistance-atlas");
    std::fs::create_dir_all(&folder).expect("data folder");
    std::os::unix::fs::symlink("/dev/zero", folder.join("actor_aliases.json")).expect("link");
    let output = atlas_in(&dir, &["events", &input]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("device"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_5_gb_sparse_csv_is_refused_after_reading_only_its_first_block() {
    let dir = scratch("sparse");
    let path = dir.join("huge.csv");
    {
        use std::io::Write as _;
        let mut file = std::fs::File::create(&path).expect("create");
        file.write_all(format!("{HEADER}\n").as_bytes())
            .expect("header");
        file.set_len(5_000_000_000).expect("sparse");
    }
    let started = std::time::Instant::now();
    let output = atlas_in(&dir, &["events", path.to_str().expect("utf-8")]);
    let _ = std::fs::remove_file(&path);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("NUL bytes"),
        "{}",
        text(&output.stderr)
    );
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn archives_documents_and_programs_are_named_not_dumped() {
    let dir = scratch("binary");
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "zip.csv",
            b"PK\x03\x04\x14\x00\x00\x00data",
            "looks like a zip archive: unzip it first",
        ),
        (
            "sheet.csv",
            b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml",
            "Excel workbook",
        ),
        ("gz.csv", b"\x1f\x8b\x08\x00\x00\x00", "gzip archive"),
        ("elf.csv", b"\x7fELF\x02\x01\x01\x00", "program"),
        ("doc.csv", b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    ];
    for (name, bytes, expected) in cases {
        let path = write(&dir, name, bytes);
        let output = atlas_in(&dir, &["events", &path]);
        let stderr = text(&output.stderr);
        assert!(!output.status.success(), "{name}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(
            !stderr.contains('\u{fffd}'),
            "{name}: no binary dumped: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Exact counting ---------------------------------------------------------------------------

#[test]
fn whole_number_floats_count_and_other_fatality_values_are_problems_with_row_numbers() {
    let dir = scratch("fatalities");
    let rows = [
        ("2024-01-01", "3.0"),
        ("2024-01-02", "2"),
        ("2024-01-03", "2.5"),
        ("2024-01-04", "-5"),
        ("2024-01-05", "NaN"),
        ("2024-01-06", "1e3"),
        ("2024-01-07", "99999999999"),
    ];
    let input = write(&dir, "x.csv", acled(&rows).as_bytes());
    let output = atlas_in(&dir, &["events", &input]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(kabul(&text(&output.stdout)), (2, 5));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("fatalities not a whole number from 0 to 100000: 5 (lines 4, 5, 6, 7, 8)"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn geojson_whole_number_float_fatalities_count() {
    let dir = scratch("geojson-fatalities");
    let json = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[69.2075,34.5553]},
         "properties":{"event_date":"2024-01-01","actor1":"NRF","fatalities":3.0}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[69.2075,34.5553]},
         "properties":{"event_date":"2024-01-02","actor1":"NRF","fatalities":2.5}}]}"#;
    let input = write(&dir, "x.geojson", json.as_bytes());
    let output = atlas_in(&dir, &["events", &input]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(kabul(&text(&output.stdout)), (1, 3));
    assert!(
        text(&output.stderr).contains("features 2"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_same_file_given_twice_or_by_another_name_is_counted_once_with_a_warning() {
    let dir = scratch("twice");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let other_name = dir.join(".").join("x.csv");
    let output = atlas_in(
        &dir,
        &[
            "events",
            &input,
            &input,
            other_name.to_str().expect("utf-8"),
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(kabul(&text(&output.stdout)), (1, 1));
    assert!(
        text(&output.stderr).contains("warning: 2 files given more than once"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_repeated_event_id_is_counted_once_with_a_warning_naming_how_many() {
    let dir = scratch("duplicate-ids");
    let mut csv = acled(&[("2024-01-01", "1"), ("2024-01-02", "2")]);
    // The first row again, as a second export of the same period repeats it.
    let first_row = csv.lines().nth(1).expect("row").to_owned();
    csv.push_str(&format!("{first_row}\n{first_row}\n"));
    let input = write(&dir, "x.csv", csv.as_bytes());
    let output = atlas_in(&dir, &["events", &input]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(kabul(&text(&output.stdout)), (2, 3));
    assert!(
        text(&output.stderr).contains("2 rows repeat an event id"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Honest CLI -------------------------------------------------------------------------------

#[test]
fn an_empty_selection_is_an_error() {
    let dir = scratch("empty");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let output = atlas_in(&dir, &["events", &input, "--from", "2030"]);
    assert!(!output.status.success());
    assert!(text(&output.stdout).is_empty(), "no empty table");
    assert!(
        text(&output.stderr).contains("no events in the selection"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_alias_naming_an_unknown_group_is_an_error() {
    let dir = scratch("alias-unknown");
    let input = write(&dir, "x.csv", acled(&[("2024-01-01", "1")]).as_bytes());
    let aliases = write(
        &dir,
        "aliases.json",
        br#"{"aliases":{"Some Front":"NOPE"}}"#,
    );
    let output = atlas_in(&dir, &["events", &input, "--aliases", &aliases]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("\"NOPE\""),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn terminal_escapes_in_a_header_are_shown_escaped_and_long_headers_cut() {
    let dir = scratch("escapes");
    let mut header = "a\u{1b}[2J,\u{1b}]0;owned\u{7},".to_owned();
    header.push_str(&"x,".repeat(100_000));
    let input = write(&dir, "x.csv", format!("{header}\n1,2\n").as_bytes());
    let output = atlas_in(&dir, &["events", &input]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(stderr.contains("a\\u{1b}[2j"), "{stderr}");
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn semicolon_and_tab_files_are_read_and_the_delimiter_named_when_columns_lack() {
    let dir = scratch("delimiters");
    let comma = acled(&[("2024-01-01", "1"), ("2024-01-02", "2")]);
    for (name, delimiter) in [("semi.csv", ";"), ("tab.tsv", "\t")] {
        let input = write(&dir, name, comma.replace(',', delimiter).as_bytes());
        let output = atlas_in(&dir, &["events", &input]);
        assert!(output.status.success(), "{name}: {}", text(&output.stderr));
        assert_eq!(kabul(&text(&output.stdout)), (2, 3), "{name}");
    }
    let input = write(
        &dir,
        "bad.csv",
        b"event_date;latitude;longitude\n2024-01-01;34;69\n",
    );
    let output = atlas_in(&dir, &["events", &input]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("separated by semicolons"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unplaced_rows_are_listed_with_row_numbers_first_20_then_a_count() {
    let dir = scratch("unplaced");
    let mut csv = format!("{HEADER}\n");
    for i in 0..25 {
        csv.push_str(&format!("AFG{i},2024-01-01,1,NRF,,Taliban,,Kabul,,,1,1\n"));
    }
    let input = write(&dir, "x.csv", csv.as_bytes());
    let output = atlas_in(&dir, &["events", &input]);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("missing coordinates: 25 (lines 2, 3, 4,"),
        "{stderr}"
    );
    assert!(stderr.contains("21 and 5 more"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- Strict validation and bounded work -------------------------------------------------------

fn deck_json(title: &str, from: &str, to: &str) -> String {
    use resistance_atlas::{data::Date, deck::Deck, deck::Slide};
    let mut slide = Slide {
        title: title.to_owned(),
        ..Slide::default()
    };
    slide.filters.time.all_time = false;
    slide.filters.time.from = Date::parse(from).expect("date").start;
    slide.filters.time.to = Date::parse(to).expect("date").start;
    Deck {
        slides: vec![slide],
        ..Deck::default()
    }
    .to_json()
}

#[test]
fn a_slides_key_makes_a_deck_whatever_its_value() {
    let dir = scratch("slides-null");
    let deck = write(&dir, "deck.json", br#"{"schema_version":1,"slides":null}"#);
    let output = atlas_in(&dir, &["validate", &deck]);
    let stdout = text(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(
        !stdout.contains("34 provinces"),
        "not read as a data set: {stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_slide_whose_dates_run_backwards_is_refused_with_its_place() {
    let dir = scratch("backwards");
    let deck = write(
        &dir,
        "deck.json",
        deck_json("Spring", "2025-01-01", "2021-01-01").as_bytes(),
    );
    let output = atlas_in(&dir, &["validate", &deck]);
    let stdout = text(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(
        stdout.contains("slide 1: its dates run backwards"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_title_over_the_limit_is_reported_by_validate_and_refused_by_export_deck() {
    let dir = scratch("long-title");
    let title = "T".repeat(300_000);
    let deck = write(
        &dir,
        "deck.json",
        deck_json(&title, "2021-01-01", "2025-01-01").as_bytes(),
    );
    let started = std::time::Instant::now();
    let output = atlas_in(&dir, &["validate", &deck]);
    let stdout = text(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(stdout.contains("titles are limited to 300"), "{stdout}");
    let out = dir.join("slides");
    let output = atlas_in(
        &dir,
        &["export-deck", &deck, "--out", out.to_str().expect("utf-8")],
    );
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("titles are limited"),
        "{}",
        text(&output.stderr)
    );
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_deck_to_a_file_says_it_is_a_file_not_a_folder() {
    let dir = scratch("deck-out-file");
    let deck = write(
        &dir,
        "deck.json",
        deck_json("Spring", "2021-01-01", "2025-01-01").as_bytes(),
    );
    let file = write(&dir, "slides.png", b"precious");
    let output = atlas_in(&dir, &["export-deck", &deck, "--out", &file]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("it is a file, not a folder"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read(&file).expect("kept"), b"precious");
    let _ = std::fs::remove_dir_all(&dir);
}
