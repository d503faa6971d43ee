//! The Dates bar as a user drives it: click the range slider's track, type a month, pick a
//! preset (egui_kittest, headless).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use common::{click_at, harness};
use egui::{Key, Modifiers, Pos2, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    data::Day,
    panels::time_control::{MonthTrack, TAKEOVER},
    state::TIME_START,
};

fn latest(harness: &Harness<'_, AtlasApp>) -> Day {
    harness.state().atlas().latest_record_day()
}

/// The slider's track as drawn (12 px in from each end of the widget).
fn slider_track(harness: &Harness<'_, AtlasApp>) -> (MonthTrack, f32) {
    let rect = harness.get_by_label_contains("Date range").rect();
    (
        MonthTrack {
            left: rect.left() + 12.0,
            right: rect.right() - 12.0,
            first: TIME_START.month_index(),
            last: latest(harness).month_index(),
        },
        rect.top() + 10.0,
    )
}

#[test]
fn the_slider_spans_the_window_and_a_month_is_wide_enough_to_hit() {
    let harness = harness();
    let (track, _) = slider_track(&harness);
    assert!(track.right - track.left > 1000.0, "{track:?}");
    assert!(track.month_width() >= 18.0, "{}", track.month_width());
}

#[test]
fn clicking_the_track_moves_the_nearer_end_to_that_month() {
    let mut harness = harness();
    let (track, y) = slider_track(&harness);
    let march_2024 = Day::month_start(2024, 3).month_index();
    click_at(&mut harness, Pos2::new(track.x(march_2024), y));
    let time = harness.state().state().filters.time;
    assert!(!time.all_time);
    assert_eq!(time.from, TIME_START, "the start stays");
    assert_eq!(
        time.to,
        Day::month_end(2024, 3),
        "the end jumps to March 2024"
    );

    // Before the range's end and nearer the start: the start jumps.
    let (track, y) = slider_track(&harness);
    let may_2022 = Day::month_start(2022, 5).month_index();
    click_at(&mut harness, Pos2::new(track.x(may_2022) + 3.0, y + 20.0));
    let time = harness.state().state().filters.time;
    assert_eq!(time.from, Day::month_start(2022, 5));
    assert_eq!(time.to, Day::month_end(2024, 3));
}

#[test]
fn a_typed_month_applies_on_enter() {
    let mut harness = harness();
    harness
        .get_by_role_and_label(Role::TextInput, "From")
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "From")
        .type_text("2023-05");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let time = harness.state().state().filters.time;
    assert!(!time.all_time);
    assert_eq!(time.from, Day::month_start(2023, 5));
    assert_eq!(time.to, latest(&harness));

    // A month outside the data is refused, and nothing changes.
    harness.get_by_role_and_label(Role::TextInput, "to").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "to")
        .type_text("2031-01");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().state().filters.time, time);
}

#[test]
fn presets_set_the_dates_they_name() {
    let mut harness = harness();
    let latest = latest(&harness);
    let cases = [
        (
            "Last 12 months",
            Day::from_month_index(latest.month_index() - 11),
            latest,
        ),
        ("2024", Day::month_start(2024, 1), Day::month_end(2024, 12)),
        ("Since the takeover", TAKEOVER, latest),
    ];
    for (label, from, to) in cases {
        harness.get_by_label(label).click();
        harness.run();
        let time = harness.state().state().filters.time;
        assert!(!time.all_time, "{label}");
        assert_eq!((time.from, time.to), (from, to), "{label}");
    }
    harness.get_by_label("All time").click();
    harness.run();
    assert!(harness.state().state().filters.time.all_time);
}
