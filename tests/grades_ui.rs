//! The grade filter as a user drives it: "Show records graded B3 or better" in the legend drops
//! the weakly sourced records from the map, the legend counts and the panels; at "all", records
//! resting only on E/F sources are drawn as dotted outlines, not fills.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

mod common;

use common::harness;
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{AtlasApp, data::Grade, scene::MapScene};

fn nrf_count(harness: &Harness<'_, AtlasApp>, scene: &MapScene) -> usize {
    let nrf = harness.state().atlas().group_by_id("NRF").unwrap();
    scene
        .legend
        .iter()
        .find(|e| e.group == nrf)
        .unwrap()
        .province_count
}

#[test]
fn graded_b3_or_better_the_legend_counts_fall_and_weak_provinces_are_drawn_apart() {
    let mut harness = harness();
    let atlas = harness.state().atlas().clone();
    let nrf = atlas.group_by_id("NRF").unwrap();
    let province = |name: &str| atlas.gazetteer.resolve(name).unwrap();

    // All records: the NRF in 20 provinces; those resting only on Wikipedia copies are dotted,
    // never filled.
    let before = harness.state().scene();
    let all = nrf_count(&harness, &before);
    assert_eq!(all, 20);
    assert!(
        harness
            .query_by_label(&format!("{all} provinces"))
            .is_some(),
        "the legend shows the count"
    );
    assert!(
        harness
            .query_by_label_contains("Supported only by E/F sources")
            .is_some(),
        "the legend explains the dotted outline"
    );
    for name in ["Nuristan", "Laghman", "Ghor"] {
        let here = province(name).0;
        assert!(
            before.dotted[here].iter().any(|m| m.group == nrf),
            "{name} is dotted"
        );
        assert!(
            before.marks[here].iter().all(|m| m.group != nrf),
            "{name} is not filled"
        );
    }
    let panjshir = province("Panjshir").0;
    assert!(before.marks[panjshir].iter().any(|m| m.group == nrf));

    // The user picks "B3 or better".
    harness.get_by_value("all").click();
    harness.run();
    harness.get_by_label("B3 or better").click();
    harness.run();
    assert_eq!(
        harness.state().state().filters.min_grade,
        Some(Grade::parse("B3").unwrap())
    );

    let after = harness.state().scene();
    let strong = nrf_count(&harness, &after);
    assert!(strong < all, "the count falls: {all} → {strong}");
    assert!(
        harness
            .query_by_label(&format!("{strong} provinces"))
            .is_some(),
        "the legend says so"
    );
    for name in ["Nuristan", "Laghman", "Ghor"] {
        let here = province(name).0;
        assert!(
            after.marks[here]
                .iter()
                .chain(&after.dotted[here])
                .all(|m| m.group != nrf),
            "{name} rests only on E sources: not shown at B3"
        );
    }
    assert!(
        after.marks[panjshir].iter().any(|m| m.group == nrf),
        "the B1 stronghold stays"
    );
    assert!(
        harness
            .query_by_label_contains("Supported only by E/F sources")
            .is_none(),
        "nothing is dotted any more, so the legend drops the key"
    );
    assert!(
        harness.query_by_value("B3 or better").is_some(),
        "the filter says what it shows"
    );
}
