//! Start-up work that can be measured without a window (the window, its GL context and the GPU's
//! first paint are not here; the app's log times the whole, see docs/STARTUP.md).
//!
//! - `startup_data_and_geometry`: the built-in data parsed and its map geometry built (projected,
//!   triangulated, borders, neighbours, label anchors) — what the app makes on its preload thread
//!   while the window opens.
//! - `startup_first_frame`: the app's first frame in a fresh egui context at the window's first
//!   size (1400×900): every pass egui runs for it (a new grid asks for a second), then
//!   tessellation. Fonts are loaded and glyphs rasterised on the way, as in the window. Prints
//!   what the frame hands the renderer once: meshes, vertices, texture uploads, and which kinds
//!   of shape the vertices come from (under software OpenGL the first paint's time on the UI
//!   thread grows with the vertices; see docs/STARTUP.md).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use std::collections::BTreeMap;

use egui::{Context, RawInput, Rect, Shape, epaint::ClippedShape, pos2, vec2};
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

/// What one first frame hands the renderer.
struct Handed {
    meshes: usize,
    vertices: usize,
    uploads: usize,
    upload_pixels: usize,
    /// The shapes laid out, kept for [`vertices_by_kind`].
    shapes: Vec<ClippedShape>,
    pixels_per_point: f32,
}

/// The vertices in `meshes`.
fn vertices_in(meshes: &[egui::ClippedPrimitive]) -> usize {
    meshes
        .iter()
        .map(|m| match &m.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

/// A shape's kind, as the breakdown names it.
fn kind_of(shape: &Shape) -> &'static str {
    match shape {
        Shape::Text(_) => "text",
        Shape::Mesh(_) => "meshes (fills, rasters)",
        Shape::Path(_) | Shape::LineSegment { .. } => "lines and paths (borders, outlines)",
        Shape::Rect(_) => "rectangles",
        Shape::Circle(_) | Shape::Ellipse(_) => "circles",
        _ => "other",
    }
}

/// Each shape tessellated on its own: vertices and shapes per kind, most vertices first.
fn vertices_by_kind(ctx: &Context, handed: &Handed) -> Vec<(&'static str, usize, usize)> {
    let mut by_kind: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut stack: Vec<ClippedShape> = handed.shapes.clone();
    while let Some(mut clipped) = stack.pop() {
        if matches!(clipped.shape, Shape::Vec(_)) {
            let Shape::Vec(shapes) = std::mem::replace(&mut clipped.shape, Shape::Noop) else {
                continue;
            };
            stack.extend(shapes.into_iter().map(|shape| ClippedShape {
                shape,
                ..clipped.clone()
            }));
            continue;
        }
        let kind = kind_of(&clipped.shape);
        if let Shape::Mesh(mesh) = &clipped.shape
            && mesh.vertices.len() >= 1000
        {
            let bounds = mesh.calc_bounds();
            eprintln!(
                "    a mesh of {} vertices, {} triangles, {:.0}×{:.0} points at ({:.0}, {:.0})",
                mesh.vertices.len(),
                mesh.indices.len() / 3,
                bounds.width(),
                bounds.height(),
                bounds.min.x,
                bounds.min.y
            );
        }
        let meshes = ctx.tessellate(vec![clipped], handed.pixels_per_point);
        let entry = by_kind.entry(kind).or_default();
        entry.0 += vertices_in(&meshes);
        entry.1 += 1;
    }
    let mut kinds: Vec<_> = by_kind.into_iter().map(|(k, (v, n))| (k, v, n)).collect();
    kinds.sort_by_key(|&(_, vertices, _)| std::cmp::Reverse(vertices));
    kinds
}

/// One first frame: all its passes and the tessellation; what it hands the renderer.
fn first_frame(app: &mut AtlasApp) -> (Context, Handed) {
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
    let shapes = output.shapes.clone();
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    let handed = Handed {
        meshes: meshes.len(),
        vertices: vertices_in(&meshes),
        uploads: uploads.len(),
        upload_pixels: uploads.iter().map(|[w, h]| w * h).sum(),
        shapes,
        pixels_per_point: output.pixels_per_point,
    };
    (ctx, handed)
}

fn first_frame_bench(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    let (ctx, handed) = first_frame(&mut AtlasApp::from_atlas(load_embedded()));
    eprintln!(
        "startup_first_frame: {} meshes, {} vertices, {} texture uploads ({:.1} Mpx)",
        handed.meshes,
        handed.vertices,
        handed.uploads,
        handed.upload_pixels as f64 / 1e6
    );
    for (kind, vertices, shapes) in vertices_by_kind(&ctx, &handed) {
        eprintln!("  {vertices:>7} vertices from {shapes:>5} shapes: {kind}");
    }
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
