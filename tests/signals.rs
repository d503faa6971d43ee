//! Signals sent to real processes: SIGTERM, SIGHUP and SIGINT write the app's slides saved
//! nowhere to a recovery file before it ends; SIGINT and SIGTERM stop `export-deck` with nothing left
//! behind and the exit status a shell expects (130, 143).
#![cfg(unix)]
#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::{
    io::{BufRead as _, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
};

use resistance_atlas::{
    AtlasApp,
    command::{Command as AppCommand, DeckCommand},
    data::load_embedded,
    deck::{self, Deck, Slide},
};

mod run;
use run::scratch;

#[allow(unsafe_code)]
fn send(child: &Child, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill only sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "signal sent");
}

/// Waits for the child to end (killing it, and failing, if it has not after a minute: a
/// guard against hanging, not a measure).
fn wait_for(child: &mut Child) -> std::process::ExitStatus {
    for _ in 0..600 {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("the process did not end after the signal");
}

/// The slides in the recovery files in `folder`.
fn recovered_titles(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(resistance_atlas::app::signals::RECOVERY_PREFIX)
        })
        .flat_map(|e| Deck::load(&e.path()).expect("a deck").slides)
        .map(|s| s.title)
        .collect()
}

const CHILD: &str = "ATLAS_SIGNAL_TEST_CHILD";

/// In the child: the app with its data folder unusable (so a new slide is saved nowhere, and
/// Ctrl+Q would ask), listening for signals; runs until a signal asks it to close, as the
/// window's loop does.
fn run_child(folder: &Path) {
    let blocker = folder.join("resistance-atlas");
    std::fs::write(&blocker, "not a folder").unwrap();
    let ctx = egui::Context::default();
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.use_autosave(deck::autosave_location_in(Some(blocker)));
    app.apply(&ctx, AppCommand::Deck(DeckCommand::AddSlide));
    app.apply(
        &ctx,
        AppCommand::Deck(DeckCommand::RenameSlide(0, "saved nowhere".into())),
    );
    assert!(app.has_unsaved_slides());
    app.save_slides_on_signals(&ctx).expect("listening");
    println!("ready");
    while !resistance_atlas::app::signals::terminating() {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn a_signal_writes_the_slides_saved_nowhere(test: &str, signal: libc::c_int) {
    if std::env::var_os(CHILD).is_some() {
        return run_child(Path::new(&std::env::var_os("HOME").unwrap()));
    }
    let home = scratch(test);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("HOME", &home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the child runs");
    // Kept open until the child ends, so its last lines have somewhere to go.
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = stdout
        .by_ref()
        .map_while(Result::ok)
        .any(|line| line.contains("ready"));
    assert!(ready, "the child got ready");
    send(&child, signal);
    let status = wait_for(&mut child);
    drop(stdout);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert_eq!(recovered_titles(&home), ["saved nowhere"], "{stderr}");
    assert!(
        stderr.contains(resistance_atlas::app::signals::RECOVERY_PREFIX),
        "the file is named: {stderr}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn sigterm_writes_the_slides_saved_nowhere_to_a_recovery_file() {
    a_signal_writes_the_slides_saved_nowhere(
        "sigterm_writes_the_slides_saved_nowhere_to_a_recovery_file",
        libc::SIGTERM,
    );
}

#[test]
fn sighup_writes_the_slides_saved_nowhere_to_a_recovery_file() {
    a_signal_writes_the_slides_saved_nowhere(
        "sighup_writes_the_slides_saved_nowhere_to_a_recovery_file",
        libc::SIGHUP,
    );
}

#[test]
fn sigint_to_the_app_writes_the_slides_saved_nowhere_to_a_recovery_file() {
    a_signal_writes_the_slides_saved_nowhere(
        "sigint_to_the_app_writes_the_slides_saved_nowhere_to_a_recovery_file",
        libc::SIGINT,
    );
}

#[test]
fn sigint_stops_export_deck_with_status_130_and_leaves_nothing_behind() {
    a_signal_stops_export_deck("sigint", libc::SIGINT, 130);
}

#[test]
fn sigterm_stops_export_deck_with_status_143_and_leaves_nothing_behind() {
    a_signal_stops_export_deck("sigterm", libc::SIGTERM, 143);
}

/// Starts `export-deck` on a long deck, sends `signal` once the second slide is under way, and
/// checks the export ends with `status` and leaves nothing behind (no staging folder, no file).
fn a_signal_stops_export_deck(name: &str, signal: libc::c_int, status: i32) {
    let dir = scratch(&format!("export-deck-{name}"));
    let deck_path = dir.join("long.json");
    let slides = 400;
    Deck {
        slides: (1..=slides)
            .map(|n| Slide {
                title: format!("Slide {n}"),
                ..Slide::default()
            })
            .collect(),
        ..Deck::default()
    }
    .save(&deck_path)
    .unwrap();
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .arg("export-deck")
        .arg(&deck_path)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = Vec::new();
    loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "progress is printed: {seen:?}"
        );
        let started = line.contains(&format!("slide 2/{slides}"));
        seen.push(line);
        if started {
            break;
        }
    }
    assert!(
        seen[0].contains(&format!("slide 1/{slides}")),
        "one line per slide when standard error is not a terminal: {seen:?}"
    );
    send(&child, signal);
    let ended = wait_for(&mut child);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(
        ended.code(),
        Some(status),
        "128 + the signal, after cleaning up: {rest}"
    );
    assert!(rest.contains("interrupted"), "{rest}");
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing left behind: {left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
