//! Presentation for a room (F5), read from what is painted: every slide credits the publishers of
//! the records it shows, prints its dates once, and hints its keys to the presenter only for the
//! first seconds.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use egui::{Key, Shape, vec2};
use egui_kittest::{
    Harness,
    kittest::{NodeT as _, Queryable as _},
};
use resistance_atlas::{
    AtlasApp,
    data::load_embedded,
    panels::deck_presentation::{KEY_HINT, KEY_HINT_SECS},
    scene::{credits::credited_publishers, describe_dates},
};

fn presenting(size: egui::Vec2) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    settle(&mut harness);
    harness.key_press(Key::F5);
    settle(&mut harness);
    assert!(harness.state().state().presentation.is_some());
    harness
}

/// Runs frames until the app settles, or for a while if the map's tiles keep it busy (the test
/// reads what is shown either way).
fn settle(harness: &mut Harness<'_, AtlasApp>) {
    let _ = harness.try_run();
}

/// Every text painted in the last frame.
fn painted_text(harness: &Harness<'_, AtlasApp>) -> Vec<String> {
    fn walk(shape: &Shape, into: &mut Vec<String>) {
        match shape {
            Shape::Text(text) => into.push(text.galley.job.text.clone()),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, into)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut texts);
    }
    texts
}

#[test]
fn a_slide_credits_the_publishers_of_the_records_it_shows() {
    for size in [vec2(1280.0, 720.0), vec2(1920.0, 1080.0)] {
        let harness = presenting(size);
        let app = harness.state();
        let publishers = credited_publishers(app.atlas(), &app.state().filters);
        assert!(!publishers.is_empty());
        let node = harness.get_by_label_contains("Sources of the records shown");
        let credits = node
            .accesskit_node()
            .label()
            .or_else(|| node.value())
            .unwrap();
        for publisher in &publishers {
            assert!(
                credits.contains(publisher.as_str()),
                "{publisher}: {credits}"
            );
        }
        assert!(credits.contains("Natural Earth"), "{credits}");
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        let rect = harness
            .get_by_label_contains("Sources of the records shown")
            .rect();
        assert!(
            window.contains_rect(rect),
            "{size:?}: the credits at {rect:?}"
        );
    }
}

#[test]
fn a_slide_prints_its_dates_once() {
    let harness = presenting(vec2(1280.0, 720.0));
    let dates = describe_dates(&harness.state().state().filters);
    let painted = painted_text(&harness);
    let times = painted.iter().filter(|t| t.contains(&dates)).count();
    assert_eq!(times, 1, "{dates:?} in {painted:#?}");
}

#[test]
fn the_key_hint_is_gone_before_the_room_reads_it() {
    let mut harness = Harness::builder()
        .with_size(vec2(1280.0, 720.0))
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    settle(&mut harness);
    harness.key_press(Key::F5);
    // The first frames of presentation (a step is a frame; `run` would go on until the map
    // settles, which may take longer than the hint shows).
    harness.step();
    harness.step();
    assert!(harness.state().state().presentation.is_some());
    let started = harness.ctx.input(|i| i.time);
    let painted = painted_text(&harness);
    assert!(
        painted.iter().any(|t| t == KEY_HINT),
        "the presenter sees the keys at first: {painted:#?}"
    );
    while harness.ctx.input(|i| i.time) - started < KEY_HINT_SECS + 1.0 {
        harness.step();
    }
    settle(&mut harness);
    assert!(
        !painted_text(&harness).iter().any(|t| t == KEY_HINT),
        "the hint has faded"
    );
}
