//! Event data at scale.
//!
//! - `read_and_place_1m`: read a generated 1,000,000-row ACLED-format file and place every event
//!   in its province (the `events` CLI's work without the table). The file is made once with
//!   `tools/make_events.py` (seed 1) at `$ATLAS_EVENTS_1M`, or in the system's temp folder.
//! - `place_points_1m`: the province index alone, placing those million points again.
//! - `counts_build_1m`: per-group × province prefix counts over those events.
//! - `counts_time_range`: re-aggregating for a moved time range (what the app does when the
//!   time slider moves): counts for every province, all events and one group.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use resistance_atlas::data::{
    Day, GroupIdx,
    events::{ActorAliases, EventContext, EventCounts, EventSelection, read_events},
    load_embedded,
};

fn million_row_file() -> PathBuf {
    let path = std::env::var_os("ATLAS_EVENTS_1M").map_or_else(
        || std::env::temp_dir().join("atlas-acled-1m-seed1.csv"),
        PathBuf::from,
    );
    if !path.exists() {
        let status = std::process::Command::new("python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/make_events.py"))
            .args(["--rows", "1000000", "--seed", "1", "--out"])
            .arg(&path)
            .status()
            .expect("python3 runs tools/make_events.py");
        assert!(status.success(), "make_events.py failed");
    }
    path
}

fn events(c: &mut Criterion) {
    let path = million_row_file();
    let atlas = load_embedded();
    let context = EventContext::new(&atlas, &ActorAliases::default());
    let mut group = c.benchmark_group("events");
    group.sample_size(10);
    group.bench_function("read_and_place_1m", |b| {
        b.iter(|| read_events(&path, &context, |_| true).expect("readable"));
    });
    let set = read_events(&path, &context, |_| true).expect("readable");
    // Point → province alone, for the million points read (as f32, as the set keeps them).
    group.bench_function("place_points_1m", |b| {
        b.iter(|| {
            set.lon
                .iter()
                .zip(&set.lat)
                .filter(|(lon, lat)| {
                    context
                        .provinces
                        .province_at(f64::from(**lon), f64::from(**lat))
                        .is_some()
                })
                .count()
        });
    });
    group.bench_function("counts_build_1m", |b| {
        b.iter(|| EventCounts::build(&[&set], atlas.provinces.len(), atlas.groups.len()));
    });
    group.finish();
    let counts = EventCounts::build(&[&set], atlas.provinces.len(), atlas.groups.len());
    let nrf = atlas.group_by_id("NRF").unwrap_or(GroupIdx(0));
    let (from, to) = (Day::month_start(2023, 3), Day::month_end(2024, 10));
    c.bench_function("counts_time_range", |b| {
        b.iter(|| {
            let all = counts.by_province(&EventSelection::all(), from, to);
            let group = counts.by_province(&EventSelection::group(nrf), from, to);
            std::hint::black_box((all, group))
        });
    });
}

criterion_group!(benches, events);
criterion_main!(benches);
