//! Briefing features as a user drives them, headless (egui_kittest): slides, presentation mode,
//! and exporting the current view from the window.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use common::harness;
use egui::{Key, Modifiers, accesskit::Role};
use egui_kittest::{
    Harness,
    kittest::{By, Queryable as _},
};
use resistance_atlas::AtlasApp;

fn click(harness: &mut Harness<'_, AtlasApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn current_slide(harness: &Harness<'_, AtlasApp>) -> Option<usize> {
    harness.state().state().current_slide
}

/// Finds a province with the search box and chooses it, as a user does.
fn search_and_choose(harness: &mut Harness<'_, AtlasApp>, name: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .type_text(name);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

/// Two slides: the whole country, then Panjshir selected.
fn two_slides(harness: &mut Harness<'_, AtlasApp>) {
    click(harness, "Slides");
    click(harness, "Add slide");
    search_and_choose(harness, "Panjshir");
    click(harness, "Slides");
    click(harness, "Add slide");
    assert_eq!(harness.state().deck().slides.len(), 2);
}

#[test]
fn add_slide_captures_the_view_and_going_back_restores_it() {
    let mut harness = harness();
    two_slides(&mut harness);
    let deck = harness.state().deck();
    assert_eq!(deck.slides[0].title, "Afghanistan: AFF, NRF");
    assert_eq!(deck.slides[0].selected_province, None);
    assert_eq!(deck.slides[1].title, "Panjshir: AFF, NRF");
    assert_eq!(deck.slides[1].selected_province.as_deref(), Some("AF-PAN"));
    assert!(
        deck.slides[1].view.zoom > deck.slides[0].view.zoom,
        "Panjshir was brought into view"
    );

    click(&mut harness, "1. Afghanistan: AFF, NRF");
    assert_eq!(current_slide(&harness), Some(0));
    assert_eq!(
        harness.state().state().selected,
        None,
        "the slide's selection is restored"
    );
}

#[test]
fn f5_enters_presentation_mode_and_the_arrow_moves_to_the_next_slide() {
    let mut harness = harness();
    two_slides(&mut harness);
    click(&mut harness, "1. Afghanistan: AFF, NRF");

    harness.key_press(Key::F5);
    harness.run();
    let app = harness.state();
    assert!(app.state().presentation.is_some(), "F5 presents");
    assert_eq!(current_slide(&harness), Some(0));
    assert!(
        harness.query_all_by_label("Provinces").next().is_none(),
        "the side panels are hidden"
    );
    assert!(
        harness.query_by_label("Presence is not control.").is_some(),
        "the legend stays"
    );
    assert!(
        harness.query_by_label("Afghanistan: AFF, NRF").is_some(),
        "the slide's title"
    );

    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        current_slide(&harness),
        Some(1),
        "→ moves to the next slide"
    );
    assert!(harness.query_by_label("Panjshir: AFF, NRF").is_some());
    let app = harness.state();
    assert_eq!(
        app.state()
            .selected
            .map(|p| app.atlas().province(p).code.as_str()),
        Some("AF-PAN")
    );

    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(current_slide(&harness), Some(1), "no slide after the last");
    harness.key_press(Key::PageUp);
    harness.run();
    assert_eq!(current_slide(&harness), Some(0), "PageUp goes back");

    harness.key_press(Key::B);
    harness.run();
    assert!(
        harness
            .state()
            .state()
            .presentation
            .is_some_and(|p| p.blank),
        "B blanks"
    );
    assert!(
        harness.query_by_label("Presence is not control.").is_none(),
        "nothing on a blank screen"
    );
    harness.key_press(Key::B);
    harness.run();

    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().state().presentation.is_none(), "Esc leaves");
    assert!(
        harness.query_all_by_label("Provinces").next().is_some(),
        "the panels are back"
    );
}

#[test]
fn slides_reorder_rename_and_delete() {
    let mut harness = harness();
    two_slides(&mut harness);
    harness.get_all_by_label("↑").nth(1).unwrap().click(); // the second slide's
    harness.run();
    let titles = |h: &Harness<'_, AtlasApp>| -> Vec<String> {
        h.state()
            .deck()
            .slides
            .iter()
            .map(|s| s.title.clone())
            .collect()
    };
    assert_eq!(
        titles(&harness),
        ["Panjshir: AFF, NRF", "Afghanistan: AFF, NRF"]
    );
    assert_eq!(
        current_slide(&harness),
        Some(0),
        "the current slide moved with it"
    );

    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("The NRF heartland");
    harness.run();
    assert_eq!(titles(&harness)[0], "The NRF heartland");
    // A pasted wall of text stops at the limit a deck is read with, so the deck still loads.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text(&"x".repeat(5_000));
    harness.run();
    assert_eq!(
        titles(&harness)[0].chars().count(),
        resistance_atlas::deck::MAX_TITLE_CHARS
    );

    harness.get_all_by_label("✕").next().unwrap().click();
    harness.run();
    assert_eq!(titles(&harness), ["Afghanistan: AFF, NRF"]);
}

#[test]
fn ctrl_e_exports_the_current_view_and_asks_before_replacing() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(
        harness.query_by_label("Export map").is_some(),
        "the export window opens"
    );

    let dir = std::env::temp_dir().join(format!("atlas-ui-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("view.svg");
    let _ = std::fs::remove_file(&path);
    let home = std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    let default_path = home.join("resistance-atlas.png").display().to_string();
    let file_field = harness.get_by_role_and_label(Role::TextInput, "File");
    assert_eq!(file_field.value().as_deref(), Some(default_path.as_str()));
    file_field.click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .type_text(path.to_str().unwrap());
    harness.run();
    click(&mut harness, "Export");
    let svg = std::fs::read_to_string(&path).expect("exported");
    assert!(svg.contains("Armed resistance to the Taliban"), "the title");
    assert!(
        svg.contains("AFF, NRF · all records since August 2021"),
        "the subtitle describes the view"
    );

    std::fs::write(&path, "mine").unwrap();
    click(&mut harness, "Export");
    assert!(
        harness
            .query_by_label_contains("already exists. Replace it?")
            .is_some()
    );
    click(&mut harness, "Keep it");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine", "kept");
    click(&mut harness, "Export");
    click(&mut harness, "Replace");
    assert!(
        std::fs::read_to_string(&path).unwrap().starts_with("<svg"),
        "replaced when confirmed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dragging_a_slide_by_its_handle_reorders_the_deck() {
    let mut harness = harness();
    two_slides(&mut harness);
    click(&mut harness, "Add slide"); // a third: Panjshir again, after the second
    let handles: Vec<egui::Rect> = harness.get_all_by_label("≡").map(|h| h.rect()).collect();
    assert_eq!(handles.len(), 3);
    let (from, to) = (handles[0].center(), handles[2].center());
    harness.hover_at(from);
    harness.run();
    let press = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::default(),
    };
    harness.event(press(from, true));
    harness.run();
    for step in 1..=10 {
        harness.hover_at(from + (to - from) * (step as f32 / 10.0));
        harness.run();
    }
    harness.event(press(to, false));
    harness.run();
    let titles: Vec<String> = harness
        .state()
        .deck()
        .slides
        .iter()
        .map(|s| s.title.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "Panjshir: AFF, NRF",
            "Panjshir: AFF, NRF",
            "Afghanistan: AFF, NRF"
        ],
        "the first slide was dropped on the third"
    );
}

#[test]
fn ctrl_e_puts_the_keyboard_in_the_export_window_and_enter_exports() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Title")
            .is_focused(),
        "Ctrl+E puts the focus in the export window's Title"
    );
    // Tab walks the export window, not the app behind it.
    let window = ["Title", "File"]
        .iter()
        .map(|field| harness.get_by_role_and_label(Role::TextInput, field).rect())
        .chain(std::iter::once(
            harness.get_by_role_and_label(Role::Button, "Export").rect(),
        ))
        .reduce(|a, b| a.union(b))
        .unwrap()
        .expand(60.0);
    for _ in 0..8 {
        harness.key_press(Key::Tab);
        harness.run();
        let focused: Vec<egui::Rect> = harness
            .query_all(By::new().predicate(|node| node.is_focused()))
            .map(|node| node.rect())
            .collect();
        assert_eq!(focused.len(), 1, "one control has the keyboard");
        assert!(
            window.contains_rect(focused[0]),
            "Tab keeps the focus in the export window ({:?} is outside {window:?})",
            focused[0]
        );
    }

    let dir = std::env::temp_dir().join(format!("atlas-ui-enter-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("entered.svg");
    let _ = std::fs::remove_file(&path);
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let svg = std::fs::read_to_string(&path).expect("Enter exports");
    assert!(svg.starts_with("<svg"), "an SVG page was written");
    let _ = std::fs::remove_dir_all(&dir);
}
