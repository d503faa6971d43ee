//! Comparison mode as a user meets it, on a hand-built data set where each kind of change occurs
//! once: the toggle and the typed periods from the keyboard, the change list (read by a screen
//! reader, most important first), a row bringing its province into view, and a slide keeping
//! its comparison. Frames are stepped a few at a time rather than run until idle: the map's
//! tiles and strokes arrive from a background thread, and nothing checked here waits on them.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use egui::{Key, Modifiers, accesskit::Role, vec2};
use egui_kittest::{
    Harness,
    kittest::{NodeT as _, Queryable as _},
};
use resistance_atlas::{
    AtlasApp,
    data::{Atlas, NamedText, load, load::EMBEDDED_BOUNDARIES},
    scene::periods::{Periods, Span},
    state::{AppState, Filters},
};

fn hand_built() -> Atlas {
    let atlas = load(
        NamedText {
            name: "provinces.geojson",
            text: EMBEDDED_BOUNDARIES,
        },
        NamedText {
            name: "atlas.json",
            text: include_str!("fixtures/changes/atlas.json"),
        },
    );
    assert!(
        atlas.problems.iter().all(|p| !p.fatal),
        "{:#?}",
        atlas.problems
    );
    atlas
}

fn harness(state: AppState) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::with_state(hand_built(), state),
        );
    harness.run_steps(3);
    harness
}

fn comparing(periods: Option<Periods>) -> AppState {
    AppState {
        filters: Filters {
            visible_groups: Some(["NRF".to_owned(), "AFF".to_owned()].into()),
            compare: periods,
            ..Filters::default()
        },
        ..AppState::default()
    }
}

fn years() -> Periods {
    Periods {
        before: Span::parse("2024").unwrap(),
        after: Span::parse("2025").unwrap(),
    }
}

#[test]
fn each_change_is_listed_once_in_order_and_a_row_shows_its_province() {
    let mut harness = harness(comparing(Some(years())));
    let sentences = [
        "NRF: new in Herat (claimed attacks, Jan 2025)",
        "NRF: gone from Ghor (reported presence, Mar 2024; only stale after, last reported Mar 2024)",
        "NRF: stronger in Kabul (reported presence → stronghold, Jun 2025)",
        "AFF: weaker in Kandahar (UN-verified attacks → claimed attacks, Jun 2025)",
        "NRF: same in Panjshir (stronghold, Jun 2025)",
    ];
    let mut tops = Vec::new();
    for sentence in sentences {
        let rows: Vec<_> = harness.query_all_by_label_contains(sentence).collect();
        assert_eq!(rows.len(), 1, "{sentence} once");
        assert_eq!(rows[0].accesskit_node().role(), Role::Button);
        tops.push(rows[0].rect().top());
    }
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "new, gone, stronger, weaker, same: {tops:?}"
    );
    assert!(
        harness
            .query_by_label_contains("Changes: 1 new, 1 gone, 1 stronger, 1 weaker, 1 same")
            .is_some()
    );
    let comparison = harness.state().comparison().unwrap();
    let herat = harness.state().atlas().gazetteer.resolve("Herat").unwrap();
    assert_eq!(comparison.glyphs_in(herat.0).len(), 1, "a + by Herat");
    let scene = harness.state().scene();
    let ghor = harness.state().atlas().gazetteer.resolve("Ghor").unwrap();
    assert_eq!(scene.stale[ghor.0].len(), 1, "Ghor's NRF outline: gone");
    assert!(scene.marks[ghor.0].is_empty());

    harness.get_by_label_contains(sentences[0]).click();
    harness.run_steps(3);
    assert_eq!(harness.state().state().selected, Some(herat));
}

#[test]
fn the_toggle_and_typed_periods_work_from_the_keyboard() {
    let mut harness = harness(comparing(None));
    assert!(harness.query_by_label_contains("Changes:").is_none());
    let toggle = harness.get_by_role_and_label(Role::CheckBox, "Compare two periods");
    toggle.focus();
    harness.run_steps(3);
    harness.key_press(Key::Space);
    harness.run_steps(3);
    let latest = harness.state().latest_day();
    assert_eq!(
        harness.state().state().filters.compare,
        Some(Periods::last_two_years(latest))
    );
    assert!(harness.query_by_label_contains("Changes:").is_some());

    for (field, text) in [("Before", "2024-01..2024-12"), ("After", "2025")] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        harness.run_steps(3);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run_steps(3);
        harness.key_press(Key::Tab);
        harness.run_steps(3);
    }
    assert_eq!(harness.state().state().filters.compare, Some(years()));
    assert!(
        harness
            .query_by_label_contains("NRF: new in Herat")
            .is_some()
    );

    harness
        .get_by_role_and_label(Role::TextInput, "Before")
        .focus();
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Before")
        .type_text("2024-13..2025");
    harness.run_steps(3);
    harness.key_press(Key::Tab);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Before: the month of \"2024-13\" is out of range")
            .is_some(),
        "a mistake is said, not applied"
    );
    assert_eq!(harness.state().state().filters.compare, Some(years()));
}

#[test]
fn a_slide_keeps_its_comparison_and_presentation_shows_the_change_map() {
    use resistance_atlas::deck::Deck;
    use std::path::Path;
    let mut harness = harness(comparing(Some(years())));
    harness.get_by_label("Slides").click();
    harness.run_steps(3);
    harness.get_by_label("Add slide").click();
    harness.run_steps(3);
    let deck = harness.state().deck().clone();
    assert_eq!(deck.slides[0].filters.compare, Some(years()));
    let back = Deck::from_json(&deck.to_json(), Path::new("deck.json")).unwrap();
    assert_eq!(
        back.slides[0].filters.compare,
        Some(years()),
        "saved with the slide"
    );
    let older = r#"{"schema_version": 1, "slides": [{"title": "Before comparisons"}]}"#;
    let older = Deck::from_json(older, Path::new("old.json")).unwrap();
    assert_eq!(
        older.slides[0].filters.compare, None,
        "an older deck still loads"
    );
    let mut backwards = back.clone();
    if let Some(periods) = &mut backwards.slides[0].filters.compare {
        std::mem::swap(&mut periods.after.from, &mut periods.after.to);
    }
    let refused = Deck::from_json(&backwards.to_json(), Path::new("b.json")).unwrap_err();
    assert!(
        refused.to_string().contains("after period runs backwards"),
        "{refused}"
    );

    harness.key_press(Key::F5);
    // The map's tiles and strokes come from a background thread; the legend and the scene are
    // there from the first frame.
    harness.run_steps(4);
    assert!(harness.state().state().presentation.is_some());
    assert!(
        harness
            .query_by_label_contains(resistance_atlas::panels::compare::MARKS_KEY)
            .is_some(),
        "the legend explains the change marks"
    );
    assert!(
        harness
            .query_all_by_label_contains("Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025")
            .next()
            .is_some(),
        "the two periods are named"
    );
    let scene = harness.state().scene();
    let ghor = harness.state().atlas().gazetteer.resolve("Ghor").unwrap();
    assert_eq!(scene.stale[ghor.0].len(), 1, "gone from Ghor: its outline");
}

fn click_label(harness: &mut Harness<'static, AtlasApp>, label: &str) {
    harness.get_by_label_contains(label).click();
    harness.run_steps(3);
}

#[test]
fn since_a_slides_dates_its_period_comes_before_and_the_rest_after() {
    use resistance_atlas::{data::Day, panels::compare::SINCE_SLIDE};
    let mut state = comparing(None);
    state.filters.time = Span::parse("2024").unwrap().time();
    let mut harness = harness(state);
    harness.get_by_label("Slides").click();
    harness.run_steps(3);
    harness.get_by_label("Add slide").click();
    harness.run_steps(3);
    // The Dates bar is there while one period is shown.
    assert!(harness.query_by_label("▶ Play").is_some());
    harness
        .get_by_role_and_label(Role::CheckBox, "Compare two periods")
        .click();
    harness.run_steps(3);
    click_label(&mut harness, SINCE_SLIDE);
    click_label(&mut harness, "(Jan 2024 – Dec 2024)");
    let latest = harness.state().latest_day();
    let periods = harness.state().state().filters.compare.expect("comparing");
    assert_eq!(periods.before, Span::parse("2024").unwrap());
    assert_eq!(periods.after.from, Day::new(2025, 1, 1).unwrap());
    assert_eq!(periods.after.to, latest);
    assert!(
        harness
            .query_by_label_contains("NRF: new in Herat")
            .is_some()
    );
    // In comparison mode the Dates bar, which would do nothing, gives way to the two periods.
    assert!(harness.query_by_label("▶ Play").is_none(), "no Dates bar");
    assert!(
        harness
            .query_by_label("Before: Jan 2024 – Dec 2024")
            .is_some()
    );
    harness.get_by_label("Stop comparing").click();
    harness.run_steps(3);
    assert_eq!(harness.state().state().filters.compare, None);
    assert!(
        harness.query_by_label("▶ Play").is_some(),
        "the Dates bar again"
    );
}

#[test]
fn since_the_deck_was_saved_splits_at_the_files_day() {
    use resistance_atlas::{
        command::{Command, DeckCommand},
        data::Day,
        deck::{Deck, Slide},
        panels::compare::SINCE_SAVED,
    };
    let dir = std::env::temp_dir().join(format!("atlas-compare-ui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("last-briefing.json");
    Deck {
        slides: vec![Slide {
            title: "Last time".into(),
            filters: comparing(None).filters,
            ..Slide::default()
        }],
        ..Deck::default()
    }
    .save(&path)
    .unwrap();
    // Saved on 1 March 2025 (noon UTC).
    let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_740_830_400);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(saved)
        .unwrap();
    let mut harness = harness(comparing(Some(years())));
    assert!(
        harness
            .get_by_label(SINCE_SAVED)
            .accesskit_node()
            .is_disabled(),
        "no deck file yet"
    );
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Deck(DeckCommand::OpenDeck(Some(path.clone()))),
    );
    harness.run_steps(3);
    if harness.state().state().filters.compare.is_none() {
        // Opening the deck showed its slide; compare again.
        harness
            .get_by_role_and_label(Role::CheckBox, "Compare two periods")
            .click();
        harness.run_steps(3);
    }
    click_label(&mut harness, SINCE_SAVED);
    let periods = harness.state().state().filters.compare.expect("comparing");
    assert_eq!(periods.after.from, Day::new(2025, 3, 1).unwrap());
    assert_eq!(periods.after.to, harness.state().latest_day());
    assert_eq!(periods.before.label(), "Mar 2024 – Feb 2025");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The badges keep clear of everything the map draws over itself, the neighbouring countries'
/// names among them (a "+" once sat on TURKMENISTAN), on the real built-in data with every
/// group shown, where badges are many.
#[test]
fn badges_keep_clear_of_every_name_the_map_draws_countries_too() {
    let atlas = resistance_atlas::data::load_embedded();
    let state = AppState {
        filters: Filters {
            visible_groups: None,
            compare: Some(Periods {
                before: Span::parse("2021-08..2022-12").unwrap(),
                after: Span::parse("2023-01..2025-12").unwrap(),
            }),
            ..Filters::default()
        },
        ..AppState::default()
    };
    for size in [vec2(1280.0, 720.0), vec2(1600.0, 1000.0)] {
        let mut harness = Harness::builder()
            .with_size(size)
            .with_max_steps(1000)
            .build_ui_state(
                |ui, app: &mut AtlasApp| app.show(ui),
                AtlasApp::with_state(atlas.clone(), state.clone()),
            );
        harness.run_steps(4);
        let app = harness.state();
        let map = app.map_rect().expect("the map is drawn");
        let keep_clear = app.map_keep_clear();
        let inset = app.map_inset().map(|inset| inset.frame);
        // Every neighbouring country's name drawn is kept clear of.
        let mut countries = 0;
        for country in &app.atlas().country_labels {
            let at = app.geometry().project(country.lon, country.lat);
            let Some(on_screen) = app.screen_pos_of(at) else {
                continue;
            };
            if !map.contains(on_screen) || inset.is_some_and(|frame| frame.contains(on_screen)) {
                continue;
            }
            countries += 1;
            assert!(
                keep_clear.iter().any(|rect| rect.contains(on_screen)),
                "{} at {size:?}: its name is not kept clear of",
                country.name
            );
        }
        assert!(
            countries >= 4,
            "only {countries} countries named at {size:?}"
        );
        let badges = app.change_badges(false);
        assert!(
            badges.len() >= 5,
            "only {} badges at {size:?}",
            badges.len()
        );
        for badge in &badges {
            for rect in keep_clear {
                assert!(
                    !badge.rect().intersects(*rect),
                    "at {size:?} the badge {} of province {} at {:?} covers {rect:?}",
                    badge.glyph,
                    badge.province,
                    badge.centre
                );
            }
        }
    }
}
