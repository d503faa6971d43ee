//! Frame and start-up cost.
//!
//! - `startup`: parse the embedded files, build the gazetteer, project, triangulate, compute
//!   borders, neighbours and label anchors — everything before the first frame.
//! - `frame_while_panning`: one whole frame of the app at 1600×1000 (top bar, both panels, map
//!   fills, borders, outlines, labels; `Context::run_ui` + `tessellate`) with the view moving each
//!   frame, as it does while the user drags, and a province selected; once with the default
//!   groups (NRF, AFF) and once with every group shown (stripes and hatching everywhere).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2, vec2};
use resistance_atlas::{
    AtlasApp,
    data::load_embedded,
    geometry::MapGeometry,
    state::{Command, MapView},
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
        &[Command::ShowAllGroups(true)],
    );
}

fn bench_panning(c: &mut Criterion, name: &str, setup: &[Command]) {
    let ctx = Context::default();
    let mut app = AtlasApp::from_atlas(load_embedded());
    for command in setup {
        app.apply(&ctx, command.clone());
    }
    if !setup.is_empty() {
        let iskp = app.atlas().group_by_id("ISKP").expect("ISKP");
        app.apply(&ctx, Command::ToggleGroup(iskp));
    }
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))),
        ..Default::default()
    };
    // The first frame loads the fonts; tessellation needs them.
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    let kabul = app.atlas().province_by_code("AF-KAB").expect("Kabul");
    app.apply(&ctx, Command::Select(Some(kabul)));

    let mut step = 0u32;
    c.bench_function(name, |b| {
        b.iter(|| {
            step = step.wrapping_add(1);
            let offset = (step % 200) as f32 - 100.0;
            app.apply(
                &ctx,
                Command::SetView(MapView {
                    centre_in_map: pos2(offset, offset * 0.5),
                    zoom: 1.6,
                }),
            );
            let output = ctx.run_ui(input(), |ui| app.show(ui));
            std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        });
    });
}

criterion_group!(benches, startup, frame_while_panning);
criterion_main!(benches);
