//! Slides left behind by an earlier session — a second window's copy of the deck, a signal's
//! recovery file — are named when the app starts, with what to do: add their slides to the
//! deck, or discard them; never passed over in silence.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod run;

use std::path::Path;

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    app::signals::RECOVERY_PREFIX,
    data::load_embedded,
    deck::{Deck, Slide},
    panels::deck_left_behind::LEFT_BEHIND_HEADING,
};

fn deck(titles: &[&str]) -> Deck {
    Deck {
        slides: titles
            .iter()
            .map(|t| Slide {
                title: (*t).to_owned(),
                ..Slide::default()
            })
            .collect(),
        ..Deck::default()
    }
}

/// The app starting on the data folder `dir`, as `AtlasApp::new` does, in a harness.
fn start(dir: &Path) -> Harness<'static, AtlasApp> {
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.use_autosave(Ok(dir.join("deck.json")));
    app.look_for_left_behind_slides(&[dir.to_path_buf()]);
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .with_max_steps(1000)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    harness.run();
    harness
}

fn titles(app: &AtlasApp) -> Vec<String> {
    app.deck().slides.iter().map(|s| s.title.clone()).collect()
}

#[test]
fn files_left_behind_are_named_at_start_with_their_slides() {
    let dir = run::scratch("named");
    deck(&["Kabul"]).save(&dir.join("deck.json")).unwrap();
    deck(&["Kabul", "Panjshir"])
        .save(&dir.join("deck-window-1.json"))
        .unwrap();
    deck(&["Herat", "Balkh", "Kunduz"])
        .save(&dir.join(format!("{RECOVERY_PREFIX}1.json")))
        .unwrap();
    let harness = start(&dir);
    assert!(harness.query_all_by_label(LEFT_BEHIND_HEADING).count() > 0);
    harness.get_by_label("deck-window-1.json — 2 slides");
    harness.get_by_label(&format!("{RECOVERY_PREFIX}1.json — 3 slides"));
    assert_eq!(
        harness.query_all_by_label("Discard").count(),
        2,
        "each can be discarded"
    );
    harness.get_by_label("Decide later");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn adding_a_window_copy_appends_its_new_slides_and_removes_it() {
    let dir = run::scratch("add");
    deck(&["Kabul"]).save(&dir.join("deck.json")).unwrap();
    let copy = dir.join("deck-window-1.json");
    deck(&["Kabul", "Panjshir"]).save(&copy).unwrap();
    let mut harness = start(&dir);
    harness.get_by_label("Add its slides to the deck").click();
    harness.run();
    assert_eq!(
        titles(harness.state()),
        ["Kabul", "Panjshir"],
        "the slide the deck had is not added twice"
    );
    assert!(!copy.exists(), "its slides are in deck.json now");
    assert_eq!(
        Deck::load(&dir.join("deck.json")).unwrap().slides.len(),
        2,
        "autosaved"
    );
    assert!(harness.query_all_by_label(LEFT_BEHIND_HEADING).count() == 0);
    let notice = harness.state().state().notice.clone().expect("told");
    assert!(
        notice
            .text
            .contains("Added 1 slide from deck-window-1.json"),
        "{notice:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn discarding_a_recovery_file_removes_it_and_keeps_the_deck() {
    let dir = run::scratch("discard");
    deck(&["Kabul"]).save(&dir.join("deck.json")).unwrap();
    let recovered = dir.join(format!("{RECOVERY_PREFIX}1.json"));
    deck(&["Herat"]).save(&recovered).unwrap();
    let mut harness = start(&dir);
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!recovered.exists());
    assert_eq!(titles(harness.state()), ["Kabul"]);
    assert!(harness.query_all_by_label(LEFT_BEHIND_HEADING).count() == 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn deciding_later_keeps_the_files_for_the_next_start() {
    let dir = run::scratch("later");
    let recovered = dir.join(format!("{RECOVERY_PREFIX}1.json"));
    deck(&["Herat"]).save(&recovered).unwrap();
    let mut harness = start(&dir);
    harness.get_by_label("Decide later").click();
    harness.run();
    assert!(harness.query_all_by_label(LEFT_BEHIND_HEADING).count() == 0);
    assert!(recovered.exists());
    drop(harness);
    let again = start(&dir);
    again.get_by_label(&format!("{RECOVERY_PREFIX}1.json — 1 slide"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_windows_copy_is_not_named_while_that_window_runs() {
    let dir = run::scratch("in-use");
    deck(&["Kabul"]).save(&dir.join("deck.json")).unwrap();
    let first = start(&dir);
    let mut second = AtlasApp::from_atlas(load_embedded());
    second.use_autosave(Ok(dir.join("deck.json")));
    assert!(
        dir.join("deck-window-1.json").exists(),
        "the second window's copy"
    );
    drop(first);
    let third = start(&dir);
    assert!(
        third.state().left_behind().is_empty(),
        "window 2 still works on its copy: {:?}",
        third.state().left_behind()
    );
    drop((second, third));
    let fourth = start(&dir);
    assert_eq!(
        fourth.state().left_behind().len(),
        1,
        "once window 2 closed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
