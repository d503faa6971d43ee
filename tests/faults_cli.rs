//! The command line under faults, run as a process as a user would: impossible dates in a deck,
//! mistyped commands, no display, several files to validate, files that are not files.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{path::Path, process::Command};

mod run;
use run::{atlas, scratch, text};

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

const MONTH_13_DECK: &str = r#"{"schema_version": 1, "slides": [{"title": "Bad date",
  "filters": {"visible_groups": ["NRF"], "time": {"all_time": false,
    "from": {"year": 2024, "month": 13, "day": 1}, "to": {"year": 2024, "month": 12, "day": 31}}}}]}"#;

#[test]
fn a_deck_with_month_13_is_refused_by_export_deck_and_validate() {
    let dir = scratch("month13");
    let deck = dir.join("deck.json");
    std::fs::write(&deck, MONTH_13_DECK).unwrap();
    let out = dir.join("out");
    let export = atlas(&["export-deck", path_str(&deck), "--out", path_str(&out)]);
    assert_eq!(export.status.code(), Some(1), "{}", text(&export.stderr));
    let message = text(&export.stderr);
    assert!(message.contains("month 13"), "{message}");
    assert!(message.contains("line 3"), "names the place: {message}");
    assert!(!out.join("01-bad-date.png").exists(), "nothing written");

    let validate = atlas(&["validate", path_str(&deck)]);
    assert_eq!(validate.status.code(), Some(1));
    let report = text(&validate.stdout);
    assert!(report.contains("month 13"), "{report}");
    assert!(!report.contains("OK"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_mistyped_command_is_an_error_with_a_suggestion() {
    let output = atlas(&["exprot", "--out", "x.png"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let message = text(&output.stderr);
    assert!(
        message.contains("unrecognized subcommand 'exprot'"),
        "{message}"
    );
    assert!(message.contains("'export'"), "{message}");

    let output = atlas(&["exprot"]);
    assert_eq!(output.status.code(), Some(2), "a lone word too");
    assert!(text(&output.stderr).contains("'export'"));

    let output = atlas(&["/no/such/briefing.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("nor a file that exists"),
        "{}",
        text(&output.stderr)
    );
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn without_a_display_the_message_says_so() {
    let output = Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(message.contains("no display"), "{message}");
    assert!(!message.contains(".cargo"), "no registry path: {message}");
    assert!(!message.contains(".rs:"), "no source location: {message}");
}

#[test]
fn validate_checks_every_file_given_and_reports_each() {
    let dir = scratch("validate-many");
    let good = dir.join("good.json");
    std::fs::write(&good, resistance_atlas::data::load::EMBEDDED_ATLAS).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"schema_version\": \"2\"}").unwrap();
    let deck = dir.join("deck.json");
    std::fs::write(
        &deck,
        r#"{"schema_version": 1, "slides": [{"title": "x"}]}"#,
    )
    .unwrap();
    let output = atlas(&[
        "validate",
        path_str(&broken),
        path_str(&good),
        path_str(&deck),
    ]);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{report}");
    let broken_line = format!("{}: schema_version: ", broken.display());
    assert!(report.contains(&broken_line), "{report}");
    assert!(
        report.contains("the text \"2\""),
        "the wrong type is named, not called missing: {report}"
    );
    assert!(
        report.contains(&format!("{}: OK: 34 provinces", good.display())),
        "the second file is checked too: {report}"
    );
    assert!(
        report.contains(&format!("{}: OK: a deck of 1 slide", deck.display())),
        "{report}"
    );
    assert!(
        report.trim_end().ends_with("1 file with 1 problem"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn validate_refuses_what_is_not_a_file_without_hanging() {
    let dir = scratch("special");
    let fifo = dir.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut files = vec!["/dev/zero".to_owned(), dir.display().to_string()];
    if made.is_ok_and(|s| s.success()) {
        files.push(fifo.display().to_string());
    }
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let output = atlas(&args);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.contains("/dev/zero: is a device"), "{report}");
    assert!(report.contains("is a folder"), "{report}");
    if fifo.exists() {
        assert!(report.contains("FIFO"), "{report}");
    }
    assert!(
        !report.contains("No problems"),
        "a refused file is never also clean: {report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_in_a_title_still_make_a_well_formed_svg() {
    let dir = scratch("control");
    let out = dir.join("map.svg");
    let output = atlas(&[
        "export",
        "--title",
        "Line one\nline two\u{1b}[31m\u{7}",
        "--subtitle",
        "tab\there\u{1}",
        "--out",
        path_str(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).is_ok(),
        "well-formed"
    );
    assert!(
        svg.contains("Line one line two[31m"),
        "line break became a space"
    );
    assert!(!svg.contains('\u{1b}') && !svg.contains('\u{0}'));
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn an_export_never_follows_a_planted_symlink() {
    let dir = scratch("symlink");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join(".map.svg.partial")).unwrap();
    let out = dir.join("map.svg");
    let output = atlas(&["export", "--out", path_str(&out)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));

    let _ = std::fs::remove_dir_all(&dir);
}
