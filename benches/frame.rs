//! Frame and start-up cost.
//!
//! - `startup`: parse the embedded files, build the gazetteer, project, triangulate, compute
//!   borders, neighbours and label anchors — everything before the first frame.
//! - `frame_while_panning`: one whole frame of the app at 1600×1000 (top bar, both panels, map
//!   fills, borders, outlines, labels; `Context::run_ui` + `tessellate`) with the view moving each
//!   frame, as it does while the user drags, and a province selected; once with the default
//!   groups (NRF, AFF) and once with every group shown (stripes and hatching everywhere).
//! - `frame_while_panning_1m_events`: the same with a million events loaded and the Events
//!   layer shown: zoomed out (one circle per province) and zoomed in (single events, dots cached
//!   per zoom and dates, only translated while panning).
//! - `events_time_range`: re-counting the layer for a new date range (what moving the time
//!   control costs), with a million events.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2, vec2};
use resistance_atlas::command::{FilterCommand, ViewCommand};
use resistance_atlas::{
    AtlasApp,
    command::Command,
    data::{
        Atlas, Day, GroupIdx, ProvinceIdx,
        events::{EventFormat, EventSet, EventSource, GroupSet},
        load_embedded,
    },
    geometry::MapGeometry,
    scene::events::LoadedEvents,
    state::MapView,
};

fn startup(c: &mut Criterion) {
    c.bench_function("startup", |b| {
        b.iter(|| {
            let atlas = load_embedded();
            let geometry = MapGeometry::build(&atlas);
            std::hint::black_box((atlas, geometry))
        });
    });
}

fn frame_while_panning(c: &mut Criterion) {
    bench_panning(c, "frame_while_panning", &[]);
    // Every group, the extremist opposition included: stripes, hatching, the busiest map.
    bench_panning(
        c,
        "frame_while_panning_all_groups",
        &[Command::Filter(FilterCommand::ShowAllGroups(true))],
    );
}

fn bench_panning(c: &mut Criterion, name: &str, setup: &[Command]) {
    bench_panning_app(c, name, setup, AtlasApp::from_atlas(load_embedded()), 1.6);
}

fn frame_with_events(c: &mut Criterion) {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let events = million_events(&atlas, &geometry);
    let mut app = AtlasApp::from_atlas(atlas);
    app.show_events(events.clone());
    bench_panning_app(c, "frame_while_panning_1m_events", &[], app, 1.6);
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.show_events(events.clone());
    bench_panning_app(c, "frame_while_panning_1m_events_zoomed_in", &[], app, 6.0);

    let atlas = load_embedded();
    let mut filters = resistance_atlas::state::Filters::default();
    filters.time.all_time = false;
    let mut month = 0;
    c.bench_function("events_time_range", |b| {
        b.iter(|| {
            month = (month + 1) % 40;
            filters.time.from =
                Day::from_month_index(Day::month_start(2021, 8).month_index() + month);
            filters.time.to = Day::month_end(2025, 6);
            std::hint::black_box(events.view(&atlas, &filters).totals.len())
        });
    });
}

/// A million events at random points in the provinces, over 2021–2025, a third attributed to
/// groups.
fn million_events(atlas: &Atlas, geometry: &MapGeometry) -> LoadedEvents {
    let mut set = EventSet::empty(EventSource {
        path: "synthetic.csv".into(),
        format: EventFormat::Acled,
        publisher: "Synthetic".to_owned(),
    });
    let bounds = geometry.bounds_in_map;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let first = Day::month_start(2021, 8);
    while set.len() < 1_000_000 {
        let x = f64::from(bounds.min.x) + random() * f64::from(bounds.width());
        let y = f64::from(bounds.min.y) + random() * f64::from(bounds.height());
        let Some(province) = geometry.hit.province_at(egui::pos2(x as f32, y as f32)) else {
            continue;
        };
        let (lon, lat) = geometry.projection.unproject([x, y]);
        let i = set.len();
        let mut groups = GroupSet::EMPTY;
        if i.is_multiple_of(3) {
            groups.insert(GroupIdx(i % atlas.groups.len()));
        }
        set.day
            .push(resistance_atlas::data::events::day_number(first) + (random() * 1600.0) as i32);
        set.lon.push(lon as f32);
        set.lat.push(lat as f32);
        set.province.push(ProvinceIdx(province.0));
        set.groups.push(groups);
        set.targets.push(GroupSet::EMPTY);
        set.fatalities.push((random() * random() * 20.0) as u32);
        set.time_precision.push(1);
        set.geo_precision.push(1);
        set.row.push(i as u64 + 2);
        set.offset.push(0);
        set.actor1
            .push(resistance_atlas::data::events::ActorId::NONE);
        set.actor2
            .push(resistance_atlas::data::events::ActorId::NONE);
        set.assoc.push(u32::MAX);
        set.admin1.push(u32::MAX);
    }
    set.rows_read = set.len() as u64;
    LoadedEvents::new(vec![set], atlas, &geometry.projection, 1)
}

fn bench_panning_app(c: &mut Criterion, name: &str, setup: &[Command], app: AtlasApp, zoom: f32) {
    let ctx = Context::default();
    let mut app = app;
    for command in setup {
        app.apply(&ctx, command.clone());
    }
    if !setup.is_empty() {
        let iskp = app.atlas().group_by_id("ISKP").expect("ISKP");
        app.apply(&ctx, Command::Filter(FilterCommand::ToggleGroup(iskp)));
    }
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))),
        ..Default::default()
    };
    // The first frame loads the fonts; tessellation needs them.
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    let kabul = app.atlas().province_by_code("AF-KAB").expect("Kabul");
    app.apply(&ctx, Command::View(ViewCommand::Select(Some(kabul))));

    let mut step = 0u32;
    c.bench_function(name, |b| {
        b.iter(|| {
            step = step.wrapping_add(1);
            let offset = (step % 200) as f32 - 100.0;
            app.apply(
                &ctx,
                Command::View(ViewCommand::SetView(MapView {
                    centre_in_map: pos2(offset, offset * 0.5),
                    zoom,
                })),
            );
            let output = ctx.run_ui(input(), |ui| app.show(ui));
            std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        });
    });
}

criterion_group!(benches, startup, frame_while_panning, frame_with_events);
criterion_main!(benches);
