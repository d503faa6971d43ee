//! Start-up work that can be measured without a window (the window, its GL context and the GPU's
//! first paint are not here; the app's log times the whole, see docs/STARTUP.md).
//!
//! - `startup_data_and_geometry`: the built-in data parsed and its map geometry built (projected,
//!   triangulated, borders, neighbours, label anchors) — what the app makes on its preload thread
//!   while the window opens.
//! - `startup_first_frame`: the app's first frame in a fresh egui context at the window's first
//!   size (1400×900): every pass egui runs for it (a new grid asks for a second), then
//!   tessellation. Fonts are loaded and glyphs rasterised on the way, as in the window. Prints
//!   what the frame hands the renderer once: meshes, vertices, texture uploads.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use egui::{Context, RawInput, Rect, pos2, vec2};
use resistance_atlas::{AtlasApp, data::load_embedded, geometry::MapGeometry};

fn data_and_geometry(c: &mut Criterion) {
    c.bench_function("startup_data_and_geometry", |b| {
        b.iter(|| {
            let atlas = load_embedded();
            let geometry = MapGeometry::build(&atlas);
            std::hint::black_box((atlas, geometry))
        });
    });
}

/// One first frame: all its passes and the tessellation; what it hands the renderer.
fn first_frame(app: &mut AtlasApp) -> (usize, usize, usize, usize) {
    let ctx = Context::default();
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0))),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.show(ui));
    let uploads: Vec<_> = output
        .textures_delta
        .set
        .values()
        .flat_map(|deltas| deltas.iter())
        .map(|delta| delta.image.size())
        .collect();
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    let vertices = meshes
        .iter()
        .map(|m| match &m.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    let upload_pixels = uploads.iter().map(|[w, h]| w * h).sum();
    (meshes.len(), vertices, uploads.len(), upload_pixels)
}

fn first_frame_bench(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    let (meshes, vertices, uploads, pixels) =
        first_frame(&mut AtlasApp::from_atlas(load_embedded()));
    eprintln!(
        "startup_first_frame: {meshes} meshes, {vertices} vertices, {uploads} texture uploads ({:.1} Mpx)",
        pixels as f64 / 1e6
    );
    c.bench_function("startup_first_frame", |b| {
        b.iter_batched(
            || AtlasApp::from_atlas(load_embedded()),
            |mut app| {
                first_frame(&mut app);
                app
            },
            BatchSize::PerIteration,
        );
    });
}

criterion_group!(
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = data_and_geometry, first_frame_bench
);
criterion_main!(benches);
