//! Exporting the deck from the window: the export runs on its own thread and shows which slide
//! it is on; Cancel, or closing the window, stops it with no staging folder and no partial set
//! left; an export left to finish writes every file. Each export is held before each of its
//! steps (`hold_deck_export_steps`) and its news waited for with a bound, so the tests do not
//! depend on the machine's speed.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;
mod run;
use run::scratch as folder;

use std::{path::Path, time::Duration};

use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    command::{Command, DeckCommand},
    panels::deck_export_progress::DECK_EXPORT_HEADING,
};

/// How long news of an export is waited for: a guard against hanging, not a measure.
const BOUND: Duration = Duration::from_secs(120);

fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|list| {
            list.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn apply(harness: &mut Harness<'static, AtlasApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
}

/// The app with a deck of `slides` slides, exporting it into `out`, held before each step;
/// returns the key that lets steps through, once the first step is under way and shown.
fn exporting(
    harness: &mut Harness<'static, AtlasApp>,
    slides: usize,
    out: &Path,
) -> std::sync::mpsc::Sender<()> {
    for _ in 0..slides {
        apply(harness, Command::Deck(DeckCommand::AddSlide));
    }
    let key = harness.state_mut().hold_deck_export_steps();
    apply(
        harness,
        Command::Deck(DeckCommand::ExportDeck {
            folder: out.to_path_buf(),
            overwrite: false,
        }),
    );
    assert!(
        harness.state().deck_export().is_some(),
        "the export runs on its own thread, not in the frame that asked"
    );
    assert!(!harness.state_mut().wait_for_deck_export_news(BOUND));
    harness.run();
    key
}

/// Lets one step through and waits for its news; returns whether the export ended.
fn next_step(harness: &mut Harness<'static, AtlasApp>, key: &std::sync::mpsc::Sender<()>) -> bool {
    key.send(()).expect("the export waits");
    let ended = harness.state_mut().wait_for_deck_export_news(BOUND);
    harness.run();
    ended
}

#[test]
fn the_window_shows_which_slide_is_exported_and_a_finished_export_writes_every_file() {
    let out = folder("finish");
    let mut harness = common::harness();
    let key = exporting(&mut harness, 3, &out);
    assert!(
        harness.query_all_by_label(DECK_EXPORT_HEADING).count() > 0,
        "the progress window"
    );
    harness.get_by_label("Slide 1 of 3");
    harness.get_by_label("Cancel");
    assert_eq!(
        entries(&out).len(),
        1,
        "only the staging folder while it runs"
    );
    assert!(!next_step(&mut harness, &key));
    harness.get_by_label("Slide 2 of 3");
    assert!(!next_step(&mut harness, &key));
    assert!(!next_step(&mut harness, &key));
    harness.get_by_label("Writing deck.pdf");
    assert!(!next_step(&mut harness, &key));
    harness.get_by_label("Writing deck.pptx");
    assert!(next_step(&mut harness, &key), "done after the last step");
    assert!(harness.state().deck_export().is_none());
    assert!(
        harness.query_by_label(DECK_EXPORT_HEADING).is_none(),
        "the window closes"
    );
    let notice = harness.state().state().notice.clone().expect("told");
    assert!(
        !notice.is_error && notice.text.contains("Exported 3 slides"),
        "{notice:?}"
    );
    let written = entries(&out);
    assert_eq!(
        written.len(),
        5,
        "three PNGs, the PDF, the PowerPoint deck: {written:?}"
    );
    assert!(written.iter().any(|n| n == "deck.pdf") && written.iter().any(|n| n == "deck.pptx"));
    assert!(
        !written.iter().any(|n| n.starts_with('.')),
        "no staging left: {written:?}"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn cancel_stops_the_export_and_leaves_no_staging_folder_and_no_partial_set() {
    let out = folder("cancel");
    let mut harness = common::harness();
    let key = exporting(&mut harness, 3, &out);
    assert!(!next_step(&mut harness, &key));
    harness.get_by_label("Slide 2 of 3");
    harness.get_by_label("Cancel").click();
    harness.run();
    // The export is still held: Cancel alone must stop it.
    let mut ended = false;
    for _ in 0..3 {
        ended = harness.state_mut().wait_for_deck_export_news(BOUND);
        if ended {
            break;
        }
    }
    harness.run();
    assert!(ended, "cancelled");
    assert!(harness.query_by_label(DECK_EXPORT_HEADING).is_none());
    let notice = harness.state().state().notice.clone().expect("told");
    assert!(notice.text.contains("cancelled"), "{notice:?}");
    assert!(
        entries(&out).is_empty(),
        "nothing left: {:?}",
        entries(&out)
    );
    drop(key);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn closing_the_window_stops_the_export_and_removes_its_staging_folder() {
    let out = folder("close");
    let mut harness = common::harness();
    let key = exporting(&mut harness, 3, &out);
    assert!(!next_step(&mut harness, &key));
    assert_eq!(
        entries(&out).len(),
        1,
        "the staging folder, holding the first slide"
    );
    drop(harness);
    assert!(
        entries(&out).is_empty(),
        "nothing left: {:?}",
        entries(&out)
    );
    drop(key);
    let _ = std::fs::remove_dir_all(&out);
}
