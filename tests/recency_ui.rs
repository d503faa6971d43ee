//! The recency horizon as a user sets it: the legend's "Current if last reported within" picker
//! changes the horizon, the legend states the new rule, and a record last reported 18 months
//! before the dates' end turns from stale to current at 24 months.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    data::{Day, load_embedded},
    state::{AppState, Filters, TimeFilter},
};

#[test]
fn the_legend_sets_the_recency_horizon_and_states_it() {
    let atlas = load_embedded();
    let state = AppState {
        filters: Filters {
            visible_groups: Some(["NRF".to_owned(), "AFF".to_owned()].into()),
            time: TimeFilter {
                all_time: false,
                from: Day::month_start(2025, 1),
                to: Day::month_end(2025, 12),
            },
            ..Filters::default()
        },
        ..AppState::default()
    };
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::with_state(atlas, state),
        );
    harness.run();
    let stale_at_12: usize = harness.state().scene().stale.iter().map(Vec::len).sum();
    assert!(
        harness
            .query_all_by_label_contains("last reported within 12 months")
            .next()
            .is_some(),
        "the legend states the default rule"
    );

    // The legend scrolls in its column; a user scrolls to the picker first.
    harness.get_by_value("12 months").scroll_to_me();
    harness.run();
    harness.get_by_value("12 months").click();
    harness.run();
    harness.get_by_label("24 months").click();
    harness.run();

    assert_eq!(harness.state().state().filters.recency_months, 24);
    assert!(
        harness
            .query_all_by_label_contains("last reported within 24 months")
            .next()
            .is_some(),
        "the legend states the rule chosen"
    );
    let stale_at_24: usize = harness.state().scene().stale.iter().map(Vec::len).sum();
    assert!(
        stale_at_24 < stale_at_12,
        "records last reported in 2024 are current at 24 months: {stale_at_12} → {stale_at_24}"
    );
}
