//! The app under faults, driven headless as a user would: saved state and autosaved decks that
//! cannot be read, a data folder that cannot be written, quitting with slides saved nowhere, and
//! watched files reloading while the app is idle.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use resistance_atlas::command::{DataCommand, DeckCommand};

use egui::{ViewportId, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{AtlasApp, command::Command, data::load_embedded, deck};

mod run;
use run::scratch;

fn harness_of(app: AtlasApp) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(1000)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    harness.run();
    harness
}

fn notice(harness: &Harness<'_, AtlasApp>) -> String {
    harness
        .state()
        .state()
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

fn apply(harness: &mut Harness<'_, AtlasApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    harness.run();
}

const MONTH_13_STATE: &str = "(view: (centre_in_map: (x: 0.0, y: 0.0), zoom: 1.0), filters: (visible_groups: Some([\"NRF\"]), time: (all_time: false, from: (year: 2024, month: 13, day: 1), to: (year: 2024, month: 12, day: 31))))";

#[test]
fn saved_state_with_month_13_starts_with_defaults_and_says_so() {
    let app = AtlasApp::from_saved_state(load_embedded(), Some(MONTH_13_STATE));
    let harness = harness_of(app);
    let text = notice(&harness);
    assert!(
        text.contains("Your saved layout could not be read; defaults are used"),
        "{text}"
    );
    assert!(harness.state().state().filters.time.all_time, "defaults");
    let clean = AtlasApp::from_saved_state(load_embedded(), Some("(theme: Dark)"));
    assert!(
        clean.state().notice.is_none(),
        "a good saved state says nothing"
    );
}

#[test]
fn a_saved_zoom_of_zero_or_below_is_brought_back_to_what_the_map_can_show() {
    for zoom in ["0.0", "-5.0", "NaN", "inf"] {
        let saved = format!("(view: (centre_in_map: (x: 100000000.0, y: -3.0), zoom: {zoom}))");
        let app = AtlasApp::from_saved_state(load_embedded(), Some(&saved));
        let view = app.state().view;
        assert!(
            (resistance_atlas::state::MIN_ZOOM..=resistance_atlas::state::MAX_ZOOM)
                .contains(&view.zoom),
            "{zoom}: {view:?}"
        );
        assert!(
            app.geometry().bounds_in_map.contains(view.centre_in_map),
            "{zoom}: {view:?}"
        );
    }
}

#[test]
fn an_unreadable_autosave_is_kept_and_new_slides_are_autosaved_beside_it() {
    let dir = scratch("autosave");
    let autosave = dir.join("deck.json");
    let month_13 = r#"{"schema_version": 1, "slides": [{"title": "x", "filters": {"time":
        {"all_time": false, "from": {"year": 2024, "month": 13, "day": 1},
         "to": {"year": 2024, "month": 12, "day": 31}}}}]}"#;
    std::fs::write(&autosave, month_13).unwrap();
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.use_autosave(Ok(autosave.clone()));
    let mut harness = harness_of(app);
    let text = notice(&harness);
    assert!(text.contains("could not be read"), "{text}");
    assert!(text.contains("deck-recovered-1.json"), "{text}");
    assert!(
        harness.state().deck().slides.is_empty(),
        "nothing unsafe shown"
    );

    harness.get_by_label("Slides").click();
    harness.run();
    harness.get_by_label("Add slide").click();
    harness.run();
    let recovered = deck::Deck::load(&dir.join("deck-recovered-1.json")).expect("autosaved");
    assert_eq!(recovered.slides.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&autosave).unwrap(),
        month_13,
        "the unreadable file is untouched"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn opening_another_deck_keeps_a_timestamped_backup_of_this_one() {
    let dir = scratch("backup");
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.use_autosave(Ok(dir.join("deck.json")));
    let mut harness = harness_of(app);
    apply(&mut harness, Command::Deck(DeckCommand::AddSlide));
    let other = dir.join("b.json");
    deck::Deck::default().save(&other).unwrap();
    apply(
        &mut harness,
        Command::Deck(DeckCommand::OpenDeck(Some(other.clone()))),
    );
    apply(&mut harness, Command::Deck(DeckCommand::AddSlide));
    apply(&mut harness, Command::Deck(DeckCommand::AddSlide));
    apply(&mut harness, Command::Deck(DeckCommand::NewDeck));
    let mut backups: Vec<deck::Deck> = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|entry| deck::Deck::load(&entry.unwrap().path()).unwrap())
        .collect();
    backups.sort_by_key(|d| d.slides.len());
    let sizes: Vec<usize> = backups.iter().map(|d| d.slides.len()).collect();
    assert_eq!(sizes, [1, 2], "deck A and deck B both kept");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unusable_data_folder_is_named() {
    let dir = scratch("unusable");
    // A file where the data folder should be.
    let blocker = dir.join("resistance-atlas");
    std::fs::write(&blocker, "not a folder").unwrap();
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.use_autosave(deck::autosave_location_in(Some(blocker.clone())));
    let harness = harness_of(app);
    let text = notice(&harness);
    assert!(
        text.contains(&blocker.display().to_string()),
        "says where: {text}"
    );
    assert!(text.contains("Save as"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watched_files_are_looked_at_while_the_app_is_idle() {
    let dir = scratch("watch");
    let data_set = dir.join("atlas.json");
    std::fs::write(&data_set, resistance_atlas::data::load::EMBEDDED_ATLAS).unwrap();
    let mut harness = harness_of(AtlasApp::from_atlas(load_embedded()));
    apply(
        &mut harness,
        Command::Data(DataCommand::OpenDataSet(Some(data_set))),
    );
    // Every frame, including one caused by something else, keeps a look scheduled.
    for _ in 0..3 {
        harness.step();
        let delay = harness.output().viewport_output[&ViewportId::ROOT].repaint_delay;
        assert!(
            delay <= std::time::Duration::from_secs(1),
            "a repaint within a second: {delay:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Asks the app's window to close, as the window manager's close button does.
fn request_close(harness: &mut Harness<'_, AtlasApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

fn sent_commands(harness: &Harness<'_, AtlasApp>) -> Vec<egui::ViewportCommand> {
    harness.output().viewport_output[&ViewportId::ROOT]
        .commands
        .clone()
}

#[test]
fn quitting_with_slides_saved_nowhere_asks_first() {
    let dir = scratch("quit");
    let blocker = dir.join("resistance-atlas");
    std::fs::write(&blocker, "not a folder").unwrap();
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.use_autosave(deck::autosave_location_in(Some(blocker)));
    let mut harness = harness_of(app);
    // No slides: nothing to lose, so closing is not held up.
    request_close(&mut harness);
    assert!(!sent_commands(&harness).contains(&egui::ViewportCommand::CancelClose));

    apply(&mut harness, Command::Deck(DeckCommand::AddSlide));
    assert!(harness.state().has_unsaved_slides());
    request_close(&mut harness);
    assert!(
        sent_commands(&harness).contains(&egui::ViewportCommand::CancelClose),
        "the close is held"
    );
    harness.run();
    harness.get_by_label("Save your slides before quitting?");
    assert!(
        harness.query_all_by_label("Save as…").count() >= 2,
        "offered in the question too"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Save your slides before quitting?")
            .is_none(),
        "Cancel keeps the app open and the question closes"
    );

    // Saved somewhere: closing goes ahead.
    let saved = dir.join("briefing.json");
    apply(
        &mut harness,
        Command::Deck(DeckCommand::SaveDeck(Some(saved.clone()))),
    );
    assert!(saved.is_file());
    assert!(!harness.state().has_unsaved_slides());
    request_close(&mut harness);
    assert!(!sent_commands(&harness).contains(&egui::ViewportCommand::CancelClose));

    // Changed again, then the user chooses to quit anyway.
    apply(&mut harness, Command::Deck(DeckCommand::AddSlide));
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Quit without saving").click();
    harness.step();
    assert!(sent_commands(&harness).contains(&egui::ViewportCommand::Close));
    let _ = std::fs::remove_dir_all(&dir);
}
