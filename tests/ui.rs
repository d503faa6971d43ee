//! The app as a user drives it, headless (egui_kittest: no display, no GPU).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use common::{click_at, harness};
use egui::{Key, Pos2, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::AtlasApp;

fn selected_name(harness: &Harness<'_, AtlasApp>) -> Option<String> {
    let app = harness.state();
    app.state()
        .selected
        .map(|p| app.atlas().province(p).name.clone())
}

#[test]
fn typing_a_spelling_in_the_search_box_filters_the_list() {
    let mut harness = harness();
    assert!(harness.query_by_label("Kandahar").is_some());
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .type_text("Hirat");
    harness.run();
    assert!(
        harness.query_by_label("Herat").is_some(),
        "Hirat finds Herat"
    );
    assert!(
        harness.query_by_label("Kandahar").is_none(),
        "the list is filtered"
    );
    assert!(
        harness.query_by_label_contains("is Herat").is_some(),
        "the spelling is explained"
    );

    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        selected_name(&harness).as_deref(),
        Some("Herat"),
        "Enter selects the match"
    );
}

#[test]
fn clicking_a_province_in_the_list_shows_its_card() {
    let mut harness = harness();
    assert!(harness.query_by_label_contains("Nili").is_none());
    harness.get_by_label("Daykundi").click();
    harness.run();
    assert_eq!(selected_name(&harness).as_deref(), Some("Daykundi"));
    assert!(
        harness.query_by_label_contains("Nili").is_some(),
        "the card shows the capital"
    );
    assert!(harness.query_by_label("ISO 3166-2: AF-DAY").is_some());
    assert!(harness.query_by_label("18,088 km² [1]").is_some());
}

#[test]
fn a_missing_population_reads_not_available() {
    let mut harness = harness();
    harness.get_by_label("Kapisa").scroll_to_me();
    harness.run();
    harness.get_by_label("Kapisa").click();
    harness.run();
    assert!(harness.query_by_label("not available").is_some());
}

#[test]
fn clicking_the_map_at_kabuls_label_selects_kabul_and_esc_clears_it() {
    let mut harness = harness();
    let app = harness.state();
    let kabul = app.atlas().province_by_code("AF-KAB").expect("Kabul");
    let anchor = app.geometry().labels[kabul.0]
        .expect("Kabul has a label")
        .pos_in_map;
    let on_screen = app.screen_pos_of(anchor).expect("the map was drawn");

    click_at(&mut harness, on_screen);
    assert_eq!(selected_name(&harness).as_deref(), Some("Kabul"));
    assert!(
        harness
            .query_by_label_contains("ISO 3166-2: AF-KAB")
            .is_some()
    );

    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(selected_name(&harness), None);
    assert!(
        harness
            .query_by_label_contains("No province selected")
            .is_some()
    );
}

#[test]
fn choosing_a_neighbour_in_the_card_selects_it() {
    let mut harness = harness();
    harness.get_by_label("Panjshir").scroll_to_me();
    harness.run();
    harness.get_by_label("Panjshir").click();
    harness.run();
    // The card (drawn after the list) lists Parwan among Panjshir's neighbours.
    let buttons = harness.get_all_by_label("Parwan").collect::<Vec<_>>();
    buttons.last().expect("Parwan is a neighbour").click();
    harness.run();
    assert_eq!(selected_name(&harness).as_deref(), Some("Parwan"));
}

#[test]
fn zoom_buttons_and_home_change_and_restore_the_view() {
    let mut harness = harness();
    let before = harness.state().state().view;
    harness.get_by_label("+").click();
    for _ in 0..60 {
        harness.step();
    }
    assert!(harness.state().state().view.zoom > before.zoom * 1.4);
    harness.key_press(Key::Home);
    for _ in 0..60 {
        harness.step();
    }
    assert!((harness.state().state().view.zoom - 1.0).abs() < 1e-2);
}

#[test]
fn the_about_window_credits_natural_earth() {
    let mut harness = harness();
    harness.get_by_label("About").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Made with Natural Earth")
            .is_some()
    );
}

#[test]
fn toggling_nrf_in_the_legend_changes_what_the_map_shows() {
    let mut harness = harness();
    let nrf = harness.state().atlas().group_by_id("NRF").unwrap();
    let shows_nrf = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .scene()
            .marks
            .iter()
            .flatten()
            .any(|m| m.group == nrf)
    };
    assert!(shows_nrf(&harness), "NRF is shown by default");
    harness.get_by_role_and_label(Role::CheckBox, "NRF").click();
    harness.run();
    assert!(!shows_nrf(&harness));
    harness.key_press(Key::Num1);
    harness.run();
    assert!(shows_nrf(&harness), "key 1 toggles the first group back on");
}

#[test]
fn clicking_a_group_in_the_legend_opens_its_panel() {
    let mut harness = harness();
    harness.get_by_label("20 provinces").click();
    harness.run();
    assert!(
        harness
            .query_by_label("National Resistance Front of Afghanistan")
            .is_some()
    );
    assert!(
        harness.query_by_label_contains("Provinces (").is_some(),
        "the provinces table"
    );
    // Clicking a province in its table (links, unlike the list's buttons) selects it. The
    // table is below the fold, so scroll the panel down with the mouse wheel over it first.
    let table_link = |harness: &Harness<'_, AtlasApp>| {
        harness
            .get_all_by_role_and_label(Role::Link, "Panjshir")
            .next()
            .unwrap()
            .rect()
    };
    let panel_x = table_link(&harness).center().x;
    for _ in 0..40 {
        if table_link(&harness).bottom() < 900.0 {
            break;
        }
        harness.hover_at(Pos2::new(panel_x, 500.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -100.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Default::default(),
        });
        harness.run();
    }
    harness
        .get_all_by_role_and_label(Role::Link, "Panjshir")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(selected_name(&harness).as_deref(), Some("Panjshir"));
}

#[test]
fn search_finds_groups_by_abbreviation_and_name() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .type_text("Freedom Front");
    harness.run();
    assert!(
        harness
            .query_by_label("AFF — Afghanistan Freedom Front")
            .is_some()
    );
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.state()
            .selected_group
            .map(|g| app.atlas().group(g).id.clone())
            .as_deref(),
        Some("AFF")
    );
}

#[test]
fn the_province_card_lists_the_groups_active_there() {
    let mut harness = harness();
    harness.get_by_label("Kabul").scroll_to_me();
    harness.run();
    harness.get_by_label("Kabul").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Groups active here")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("UN-verified attacks, 20 attacks")
            .is_some()
    );
}

#[test]
fn choosing_a_source_highlights_the_provinces_citing_it() {
    let mut harness = harness();
    harness.get_by_label("Sources").click();
    harness.run();
    let title = {
        let atlas = harness.state().atlas();
        let nrf = atlas.group_by_id("NRF").unwrap();
        let record = atlas
            .presence
            .iter()
            .find(|p| p.group == nrf && p.count == Some(20))
            .unwrap();
        atlas.sources[&record.sources[0]].title.clone()
    };
    harness.get_by_label(&title).scroll_to_me();
    harness.run();
    harness.get_by_label(&title).click();
    harness.run();
    let app = harness.state();
    let kabul = app.atlas().province_by_code("AF-KAB").unwrap();
    assert!(app.scene().highlighted[kabul.0]);
}

#[test]
fn opening_the_economy_tab_shows_the_chart_titles() {
    let mut harness = harness();
    harness.get_by_label("Economy").click();
    harness.run();
    for title in [
        "Real GDP growth",
        "Unemployment",
        "Access to electricity",
        "Prevalence of undernourishment",
    ] {
        assert!(harness.query_by_label(title).is_some(), "{title}");
    }
    assert!(
        harness
            .query_by_label_contains("World Bank, WDI, NY.GDP.MKTP.KD.ZG, CC BY 4.0")
            .is_some()
    );
}

#[test]
fn clicking_a_timeline_event_tied_to_a_province_selects_it() {
    let mut harness = harness();
    harness.get_by_label("History").click();
    harness.run();
    let (index, pos) = {
        let app = harness.state();
        let events = &app.atlas().history.events;
        let index = events
            .iter()
            .position(|e| e.title.contains("Buddhas"))
            .expect("the Bamiyan Buddhas event");
        let pos = app
            .history_event_positions()
            .iter()
            .find(|(i, _)| *i == index)
            .unwrap()
            .1;
        (index, pos)
    };
    click_at(&mut harness, pos);
    let app = harness.state();
    let province = app.atlas().history.events[index].provinces[0];
    assert_eq!(app.state().selected, Some(province));
    assert_eq!(app.atlas().province(province).name, "Bamyan");
}

#[test]
fn the_claims_tab_shows_each_verdict() {
    let mut harness = harness();
    harness.get_by_label("Claims checked").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("contracted by 27%")
            .is_some()
    );
    assert!(
        !harness
            .query_all_by_label("contradicted")
            .collect::<Vec<_>>()
            .is_empty()
    );
}
