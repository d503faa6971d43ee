//! The screen holds together: the map keeps at least half the window in every state, the Dates
//! bar stays in view, switching tabs leaves the map where it was, Ctrl+F and `/` find the search
//! box, and every province is named, legibly and truly (no crossing leaders, no name over the
//! wrong province, the Kabul–Panjshir inset on small maps).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use egui::{Key, Modifiers, Pos2, Rect, Vec2, accesskit::Role, emath::TSTransform, pos2, vec2};
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    data::load_embedded,
    geometry::labels::{lies_over_its_province, segment_meets_rect, segments_cross},
    scene::labels::{MIN_MAGNIFICATION, MIN_NAME_PX, MIN_PRESENTATION_NAME_PX_1080P},
    state::ContextTab,
};

/// The app with the built-in data in a window of `size`, after its first frames.
fn harness_sized(size: Vec2) -> Harness<'static, AtlasApp> {
    harness_scaled(size, 1.0)
}

/// The app in a window of `size` points at `pixels_per_point`.
fn harness_scaled(size: Vec2, pixels_per_point: f32) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(pixels_per_point)
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    harness.run();
    harness
}

fn map_rect(harness: &Harness<'_, AtlasApp>) -> Rect {
    harness.state().map_rect().expect("the map was drawn")
}

/// Fails unless the map has half the window's width and the Dates bar is inside the window.
fn assert_layout_holds(harness: &Harness<'_, AtlasApp>, size: Vec2, state: &str) {
    let window = Rect::from_min_size(egui::Pos2::ZERO, size);
    let map = map_rect(harness);
    assert!(
        map.width() >= 0.5 * size.x,
        "{state} at {size:?}: the map is {} wide",
        map.width()
    );
    let dates = harness.get_by_label("Dates").rect();
    assert!(
        window.contains_rect(dates),
        "{state} at {size:?}: the Dates bar is at {dates:?}"
    );
}

fn open_nrf_by_search(harness: &mut Harness<'_, AtlasApp>) {
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Provinces")
        .type_text("NRF");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    // The search box keeps the focus out of the way of later key presses.
    harness.key_press(Key::Escape);
    harness.run();
}

#[test]
fn the_map_keeps_half_the_window_in_every_tab_and_with_the_nrf_open() {
    for size in [vec2(1280.0, 720.0), vec2(1600.0, 1000.0)] {
        let mut harness = harness_sized(size);
        assert_layout_holds(&harness, size, "at start");
        let centre = map_rect(&harness).center();

        open_nrf_by_search(&mut harness);
        assert!(harness.state().state().selected_group.is_some());
        assert!(harness.query_by_label_contains("Provinces (").is_some());
        assert_layout_holds(&harness, size, "NRF open");

        for tab in ["Sources", "Slides", "Group", "Province"] {
            harness.get_all_by_label(tab).next().unwrap().click();
            harness.run();
            assert_layout_holds(&harness, size, tab);
            assert!(
                (map_rect(&harness).center() - centre).length() < 1.0,
                "{tab} at {size:?}: the map moved"
            );
        }
        for tab in [
            ContextTab::Economy,
            ContextTab::Claims,
            ContextTab::History,
            ContextTab::Region,
        ] {
            harness
                .get_all_by_label(tab.label())
                .next()
                .unwrap()
                .click();
            harness.run();
            assert_layout_holds(&harness, size, tab.label());
        }
    }
}

#[test]
fn ctrl_f_and_slash_focus_the_search_box() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    assert!(
        !harness
            .get_by_role_and_label(Role::TextInput, "Provinces")
            .is_focused()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Provinces")
            .is_focused(),
        "Ctrl+F"
    );

    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Kabul").click();
    harness.run();
    assert!(
        !harness
            .get_by_role_and_label(Role::TextInput, "Provinces")
            .is_focused()
    );
    harness.key_press(Key::Slash);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Provinces")
            .is_focused(),
        "/"
    );
}

/// Fails unless no leader crosses another leader or another name, every name set without a
/// leader lies over its own province (main map and inset alike), and no name is smaller than
/// `least` points.
fn assert_names_read_true(harness: &Harness<'_, AtlasApp>, state: &str, least: f32) {
    let app = harness.state();
    let placed = app.map_labels();
    let origin = app.screen_pos_of(pos2(0.0, 0.0)).unwrap();
    let scaling = app.screen_pos_of(pos2(1.0, 0.0)).unwrap().x - origin.x;
    let main = TSTransform::new(origin.to_vec2(), scaling);
    let inset = app.map_inset();
    for (i, a) in placed.iter().enumerate() {
        assert!(
            a.font_size >= least,
            "{state}: {a:?} is smaller than {least}"
        );
        let in_inset = inset.is_some_and(|inset| inset.provinces.contains(&a.province));
        let t = inset
            .filter(|_| in_inset)
            .map_or(main, |inset| inset.screen_from_map);
        let province_at = |p: Pos2| app.geometry().hit.province_at(t.inverse() * p).map(|i| i.0);
        match a.leader {
            Some(leader) => assert_eq!(
                province_at(leader[0]),
                Some(a.province),
                "{state}: {a:?}'s leader starts outside its province"
            ),
            None => assert!(
                lies_over_its_province(a.rect, a.province, &province_at),
                "{state}: {a:?} lies over another province without a leader"
            ),
        }
        for b in &placed[i + 1..] {
            if let (Some(la), Some(lb)) = (a.leader, b.leader) {
                assert!(
                    !segments_cross(la, lb),
                    "{state}: {a:?}'s leader crosses {b:?}'s"
                );
            }
            if let Some(l) = a.leader {
                assert!(
                    !segment_meets_rect(l, b.rect.shrink(0.5)),
                    "{state}: {a:?}'s leader crosses {b:?}"
                );
            }
            if let Some(l) = b.leader {
                assert!(
                    !segment_meets_rect(l, a.rect.shrink(0.5)),
                    "{state}: {b:?}'s leader crosses {a:?}"
                );
            }
        }
    }
    if let Some(inset) = inset {
        assert!(inset.magnification >= MIN_MAGNIFICATION, "{state}");
        assert!(!inset.frame.intersects(inset.locator), "{state}");
        for a in placed {
            let in_inset = inset.provinces.contains(&a.province);
            assert_eq!(
                inset.frame.contains_rect(a.rect),
                in_inset,
                "{state}: {a:?} in or out of the inset"
            );
        }
    }
}

#[test]
fn names_never_collide_or_mislead_at_every_window_size_and_in_presentation() {
    for (size, scale, presenting, least) in [
        (vec2(1280.0, 720.0), 1.0, false, MIN_NAME_PX),
        (vec2(1600.0, 1000.0), 1.0, false, MIN_NAME_PX),
        (vec2(2560.0, 1440.0), 1.0, false, MIN_NAME_PX),
        // A 2560×1440 screen at scale 2.
        (vec2(1280.0, 720.0), 2.0, false, MIN_NAME_PX),
        (vec2(1280.0, 720.0), 1.0, true, MIN_NAME_PX),
        (
            vec2(1920.0, 1080.0),
            1.0,
            true,
            MIN_PRESENTATION_NAME_PX_1080P,
        ),
    ] {
        let mut harness = harness_scaled(size, scale);
        if presenting {
            harness.key_press(Key::F5);
            harness.run();
        }
        let state = format!("{size:?} at scale {scale}, presenting: {presenting}");
        assert_every_province_named(&harness, &state);
        assert_names_read_true(&harness, &state, least);
        if size.x <= 1600.0 {
            assert!(
                harness.state().map_inset().is_some(),
                "{state}: the small map has no inset"
            );
        }
    }
}

fn assert_every_province_named(harness: &Harness<'_, AtlasApp>, state: &str) {
    let app = harness.state();
    let placed = app.map_labels();
    assert_eq!(
        placed.len(),
        app.atlas().provinces.len(),
        "{state}: named {:?}",
        placed
            .iter()
            .map(|l| &app.atlas().provinces[l.province].name)
            .collect::<Vec<_>>()
    );
    let map = map_rect(harness);
    for (i, a) in placed.iter().enumerate() {
        assert!(map.contains_rect(a.rect), "{state}: {a:?} leaves the map");
        for b in &placed[i + 1..] {
            assert!(!a.rect.intersects(b.rect), "{state}: {a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn every_province_is_named_at_the_default_view_and_in_presentation() {
    let mut harness = harness_sized(vec2(1600.0, 1000.0));
    assert_every_province_named(&harness, "default view");
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().state().presentation.is_some());
    assert_every_province_named(&harness, "presentation at 1600×1000");

    let mut harness = harness_sized(vec2(1280.0, 720.0));
    harness.key_press(Key::F5);
    harness.run();
    assert_every_province_named(&harness, "presentation at 1280×720");
}

#[test]
fn with_a_context_drawer_open_at_1280_by_720_the_map_keeps_half_the_height_and_the_legend_shows() {
    let size = vec2(1280.0, 720.0);
    let window = Rect::from_min_size(Pos2::ZERO, size);
    for tab in [
        ContextTab::Economy,
        ContextTab::Claims,
        ContextTab::History,
        ContextTab::Region,
    ] {
        let mut harness = harness_sized(size);
        harness
            .get_all_by_label(tab.label())
            .next()
            .unwrap()
            .click();
        let _ = harness.try_run(); // the map's tiles may keep it busy
        assert_eq!(harness.state().state().context_tab, Some(tab));
        let map = map_rect(&harness);
        let share = map.height() / size.y;
        eprintln!(
            "{} open at 1280×720: the map is {:.0}×{:.0} points, {:.1} % of the window's height",
            tab.label(),
            map.width(),
            map.height(),
            100.0 * share
        );
        assert!(
            share >= 0.5,
            "{}: the map is {} high",
            tab.label(),
            map.height()
        );
        assert_layout_holds(&harness, size, tab.label());
        // The legend, from its first line to its last, above the Dates bar.
        let dates = harness.get_by_label("Dates").rect();
        for line in ["Groups", "Presence is not control."] {
            let rect = harness.get_all_by_label(line).next().unwrap().rect();
            assert!(
                window.contains_rect(rect) && rect.bottom() <= dates.top(),
                "{}: the legend's {line:?} is at {rect:?}",
                tab.label()
            );
        }
    }
}

#[test]
fn the_inset_answers_hover_and_clicks_like_the_main_map() {
    let mut harness = harness_sized(vec2(1280.0, 720.0));
    let (kabul, on_screen) = {
        let app = harness.state();
        let inset = app.map_inset().expect("the small map has an inset");
        let kabul = app.atlas().province_by_code("AF-KAB").expect("Kabul");
        let anchor = app.geometry().labels[kabul.0]
            .expect("an anchor")
            .pos_in_map;
        let on_screen = inset.screen_from_map * anchor;
        assert!(inset.frame.contains(on_screen));
        (kabul, on_screen)
    };
    harness.hover_at(on_screen);
    let _ = harness.try_run();
    assert!(
        harness.query_by_label("Capital: Kabul").is_some(),
        "hovering Kabul in the inset shows its card"
    );
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: on_screen,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    let _ = harness.try_run();
    assert_eq!(harness.state().state().selected, Some(kabul));
}

/// The text of an accessible node (labels carry it as their value).
fn node_text(node: &egui_kittest::Node<'_>) -> Option<String> {
    use egui_kittest::kittest::NodeT as _;
    node.accesskit_node().label().or_else(|| node.value())
}

#[test]
fn the_hover_card_is_never_narrower_than_its_longest_word() {
    let mut harness = harness_sized(vec2(1280.0, 720.0));
    for _ in 0..3 {
        harness.get_by_label("+").click();
        let _ = harness.try_run(); // the map's tiles may keep it busy
    }
    let names: Vec<String> = harness
        .state()
        .atlas()
        .provinces
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let font = egui::TextStyle::Body.resolve(&harness.ctx.global_style());
    let word_width = |harness: &Harness<'_, AtlasApp>, text: &str| {
        text.split_whitespace()
            .map(|word| {
                harness.ctx.fonts_mut(|f| {
                    f.layout_no_wrap(word.to_owned(), font.clone(), egui::Color32::WHITE)
                        .size()
                        .x
                })
            })
            .fold(0.0, f32::max)
    };
    let map = map_rect(&harness);
    let mut cards = 0;
    for fx in [0.3, 0.7, 0.9, 0.97, 0.995] {
        for fy in [0.1, 0.5, 0.9, 0.99] {
            let pointer = map.lerp_inside(vec2(fx, fy));
            harness.hover_at(pointer);
            let _ = harness.try_run(); // the map's tiles may keep it busy
            let texts: Vec<(String, Rect)> = harness
                .query_all_by_label_contains("")
                .filter_map(|node| node_text(&node).map(|t| (t, node.rect())))
                .collect();
            if !texts.iter().any(|(t, _)| t.starts_with("Capital: ")) {
                continue;
            }
            cards += 1;
            for (text, rect) in texts {
                if text.starts_with("Capital: ") || names.contains(&text) {
                    let longest = word_width(&harness, &text);
                    assert!(
                        rect.width() + 0.5 >= longest,
                        "pointer at {pointer:?}: {text:?} is {} wide, its longest word {longest}",
                        rect.width()
                    );
                }
            }
        }
    }
    assert!(cards >= 5, "only {cards} hover cards shown");
}

/// With every group shown and nothing selected, the overview names groups with long names
/// (the Balkhab uprising's): they wrap in the right panel, which stays right of the map and
/// inside the window, rather than widen it under the map.
#[test]
fn the_overview_of_every_group_stays_beside_the_map() {
    for size in [vec2(1280.0, 720.0), vec2(1600.0, 1000.0)] {
        let mut harness = harness_sized(size);
        harness.get_by_label("All").click();
        harness.run();
        let map = map_rect(&harness);
        for label in ["On the map", "Dates shown"] {
            let rect = harness.get_by_label(label).rect();
            assert!(
                rect.left() >= map.right() - 0.5,
                "at {size:?} \"{label}\" starts at {} under the map (its right edge {})",
                rect.left(),
                map.right()
            );
        }
        for node in harness.query_all_by_label_contains("drawn in") {
            let rect = node.rect();
            assert!(
                rect.left() >= map.right() - 0.5 && rect.right() <= size.x + 0.5,
                "at {size:?} a group's row spans {rect:?}, the map ends at {}",
                map.right()
            );
        }
    }
}
