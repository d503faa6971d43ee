//! Analysts' own data files: opening a data set, keeping the last good data when a file is
//! broken, reloading when the file is saved, and `resistance-atlas validate`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use resistance_atlas::command::{DataCommand, FilterCommand, ViewCommand};
use std::{
    path::{Path, PathBuf},
    process::Command as Process,
};

use common::harness;

use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    command::Command,
    data::{load::EMBEDDED_ATLAS, load_embedded},
};

mod run;
use run::scratch;

/// The built-in data set with `edit` applied to its JSON.
fn edited_data_set(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut document: serde_json::Value = serde_json::from_str(EMBEDDED_ATLAS).unwrap();
    edit(&mut document);
    serde_json::to_string_pretty(&document).unwrap()
}

fn apply(harness: &mut Harness<'_, AtlasApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run();
}

#[test]
fn a_broken_data_set_keeps_the_last_good_data_and_saving_a_fix_reloads_it() {
    let dir = scratch("reload");
    let path = dir.join("my-atlas.json");
    std::fs::write(&path, "{ \"schema_version\": 1, \"sources\": [ ").unwrap();
    let mut harness = harness();
    let groups_before = harness.state().atlas().groups.len();

    apply(
        &mut harness,
        Command::Data(DataCommand::OpenDataSet(Some(path.clone()))),
    );
    let app = harness.state();
    assert_eq!(
        app.atlas().groups.len(),
        groups_before,
        "the last good data stays"
    );
    assert_eq!(app.atlas().provinces.len(), 34);
    assert!(app.state().show_problems, "the problems are shown");
    assert!(
        harness.query_by_label_contains("not valid JSON").is_some(),
        "the Data problems window says what is wrong"
    );
    assert!(
        harness
            .query_all_by_label_contains("my-atlas.json")
            .next()
            .is_some(),
        "and names the file"
    );

    // The analyst fixes the file (and drops a group); saving it reloads the atlas.
    let fixed = edited_data_set(|d| {
        let groups = d["groups"].as_array_mut().unwrap();
        groups.retain(|g| g["id"] != "APLM");
        let presence = d["presence"].as_array_mut().unwrap();
        presence.retain(|p| p["group"] != "APLM");
        let events = d["events"].as_array_mut().unwrap();
        events.retain(|e| e["group"] != "APLM");
    });
    std::fs::write(&path, fixed).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while harness.state().atlas().groups.len() == groups_before
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
    }
    let app = harness.state();
    assert_eq!(
        app.atlas().groups.len(),
        groups_before - 1,
        "reloaded after the save"
    );
    assert!(app.atlas().group_by_id("APLM").is_none());
    assert_eq!(
        app.state().data_files.atlas.as_deref(),
        Some(path.as_path())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_data_set_with_bad_records_loads_the_rest_and_lists_them() {
    let dir = scratch("partial");
    let path = dir.join("atlas.json");
    std::fs::write(
        &path,
        edited_data_set(|d| {
            d["presence"][1]["province"] = "Atlantis".into();
            d["presence"][1]["sources"] = serde_json::json!(["no-such-source"]);
        }),
    )
    .unwrap();
    let mut harness = harness();
    apply(
        &mut harness,
        Command::Data(DataCommand::OpenDataSet(Some(path))),
    );
    let app = harness.state();
    assert_eq!(
        app.atlas().groups.len(),
        load_embedded().groups.len(),
        "the new data is shown"
    );
    let problems: Vec<String> = app
        .atlas()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.iter().any(|p| p.contains("presence[1]")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("Atlantis")),
        "{problems:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn validate(files: &[&Path]) -> (bool, String) {
    let output = Process::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .arg("validate")
        .args(files)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn validate_prints_every_problem_with_its_place_and_fails() {
    let dir = scratch("validate");
    let good = dir.join("good.json");
    std::fs::write(&good, EMBEDDED_ATLAS).unwrap();
    let (ok, report) = validate(&[&good]);
    assert!(ok, "{report}");
    assert!(
        report.starts_with(&format!("{}: OK: 34 provinces, 10 groups", good.display())),
        "{report}"
    );

    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        edited_data_set(|d| {
            d["presence"][1]["province"] = "Atlantis".into();
            d["events"][0]["sources"] = serde_json::json!(["no-such-source"]);
            d["presence"][2]["to"] = "2021-01".into();
        }),
    )
    .unwrap();
    let (ok, report) = validate(&[&bad]);
    assert!(!ok, "problems fail the check");
    assert!(
        report.contains("bad.json: presence[1].province: "),
        "{report}"
    );
    assert!(report.contains("Atlantis"), "{report}");
    assert!(report.contains("bad.json: events[0].sources"), "{report}");
    assert!(report.contains("no-such-source"), "{report}");
    assert!(
        report.contains("presence[2]"),
        "the reversed period: {report}"
    );
    assert!(report.trim_end().ends_with("problems"), "{report}");

    for (name, bytes, expected) in [
        ("empty.json", &b""[..], "the file is empty"),
        ("latin1.json", &b"{\"x\": \"Hir\xe2t\"}"[..], "not UTF-8"),
        (
            "deep.json",
            "[".repeat(100_000).as_bytes(),
            "not valid JSON",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (ok, report) = validate(&[&path]);
        assert!(!ok && report.contains(expected), "{name}: {report}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_rows_join_the_data_set_and_problems_name_the_csv_line() {
    let dir = scratch("csv");
    let csv = dir.join("field-notes.csv");
    std::fs::write(
        &csv,
        "group,province,evidence,count,from,to,note,sources\n\
         AFF,Hirat,claimed attacks,2,2025-01,2025-02,Two claimed ambushes,asia-cable-last-holdouts\n\
         NRF,Atlantis,reported,,2025-01,,,asia-cable-last-holdouts\n\
         NRF,Panjsher,reported,,2025-03,,,no-such-source\n",
    )
    .unwrap();
    let mut harness = harness();
    let before = harness.state().atlas().presence.len();
    apply(
        &mut harness,
        Command::Data(DataCommand::ImportCsv(Some(csv.clone()))),
    );
    let app = harness.state();
    assert_eq!(
        app.atlas().presence.len(),
        before + 1,
        "the good row joined"
    );
    let herat = app.atlas().gazetteer.resolve("Herat").unwrap();
    assert!(
        app.atlas()
            .presence
            .iter()
            .any(|p| p.province == herat && p.count == Some(2)),
        "Hirat resolved to Herat through the gazetteer"
    );
    let problems: Vec<String> = app
        .atlas()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.iter().any(|p| p.contains("Atlantis")
            && p.contains("at line 3, province in")
            && p.contains("field-notes.csv")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("no-such-source") && p.contains("line 4")),
        "{problems:?}"
    );
    assert_eq!(app.state().data_files.imports, std::slice::from_ref(&csv));

    let (ok, report) = validate(&[&csv]);
    assert!(!ok);
    assert!(
        report.contains("field-notes.csv: line 3, province: "),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_open_as_what_they_are() {
    let dir = scratch("drop");
    let deck = dir.join("briefing.json");
    std::fs::write(
        &deck,
        r#"{"schema_version": 1, "slides": [{"title": "Dropped"}]}"#,
    )
    .unwrap();
    let csv = dir.join("events.csv");
    std::fs::write(
        &csv,
        "date,provinces,status,summary,sources\n2025-02-01,Panjsher,claimed,A dropped event,asia-cable-last-holdouts\n",
    )
    .unwrap();
    let mut harness = harness();
    let events_before = harness.state().atlas().events.len();
    for path in [deck, csv] {
        harness
            .input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path)));
    }
    harness.run();
    let app = harness.state();
    assert_eq!(app.deck().slides[0].title, "Dropped", "the deck opened");
    assert_eq!(
        app.atlas().events.len(),
        events_before + 1,
        "the CSV was imported"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reset_layout_restores_the_first_start_and_keeps_the_data() {
    let mut harness = harness();
    apply(
        &mut harness,
        Command::Filter(FilterCommand::ShowAllGroups(false)),
    );
    apply(&mut harness, Command::View(ViewCommand::ZoomBy(3.0)));
    apply(
        &mut harness,
        Command::View(ViewCommand::ShowContext(Some(
            resistance_atlas::state::ContextTab::History,
        ))),
    );
    apply(&mut harness, Command::View(ViewCommand::ResetLayout));
    let state = harness.state().state();
    let groups: Vec<&str> = state
        .filters
        .visible_groups
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    assert_eq!(groups, ["AFF", "NRF"], "the default groups");
    assert_eq!(state.view_target, None);
    assert_eq!(state.context_tab, None);
    assert!(state.filters.time.all_time);
}

#[test]
fn state_saved_by_an_older_version_still_loads() {
    // What version 0.1 saved before decks and data files existed, with a field since removed.
    let old = r#"{"view":{"centre_in_map":{"x":10.0,"y":-5.0},"zoom":2.0},"theme":"Dark",
                  "filters":{"visible_groups":["NRF"]},"detail_tab":"Group","retired":1}"#;
    let state: resistance_atlas::state::AppState = serde_json::from_str(old).expect("loads");
    assert_eq!(state.view.zoom, 2.0);
    assert_eq!(state.theme, egui::ThemePreference::Dark);
    assert_eq!(
        state.data_files,
        resistance_atlas::data::DataFiles::default()
    );
    assert_eq!(state.deck_path, None);
}
