//! Stale presence as a user sees it: with 2025 chosen, a province whose NRF record was last
//! reported in Aug 2021 is not filled; its card says "last reported Aug 2021", and the legend
//! explains the dashed outline.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    data::{Day, load_embedded},
    state::{AppState, DetailTab, Filters, TimeFilter},
};

#[test]
fn a_stale_record_reads_last_reported_and_is_not_filled() {
    let atlas = load_embedded();
    let wardak = atlas.gazetteer.resolve("Wardak").unwrap();
    let nrf = atlas.group_by_id("NRF").unwrap();
    let state = AppState {
        filters: Filters {
            visible_groups: Some(["NRF".to_owned()].into()),
            time: TimeFilter {
                all_time: false,
                from: Day::month_start(2025, 1),
                to: Day::month_end(2025, 12),
            },
            ..Filters::default()
        },
        selected: Some(wardak),
        detail_tab: DetailTab::Province,
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

    let scene = harness.state().scene();
    assert!(scene.marks[wardak.0].iter().all(|m| m.group != nrf));
    assert!(scene.dotted[wardak.0].iter().all(|m| m.group != nrf));
    assert!(scene.stale[wardak.0].iter().any(|m| m.mark.group == nrf));
    assert!(
        harness
            .query_by_label_contains("last reported Aug 2021")
            .is_some(),
        "the card says when it was last reported"
    );
    assert!(
        harness
            .query_all_by_label_contains("Stale: Reported presence")
            .next()
            .is_some(),
        "and that it is stale"
    );
    assert!(
        harness
            .query_by_label_contains("Stale: last reported over 12 months")
            .is_some(),
        "the legend explains the dashed outline"
    );
}
