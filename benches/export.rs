//! Where an export's time goes, phase by phase, for the 1920×1080 map the CLI draws by default
//! (NRF and AFF, all records): `svg` lays out the page, `rasterise` parses and renders it with
//! resvg, `encode` writes the PNG; `png` is the three together as `export --out X.png` runs them.
//! The `_raster` cases are the page the PNG is made from (hatching and stripes cut into shapes,
//! what the inset's clip hides left out, outlines thinned to a quarter pixel), the `_cut` cases
//! that page as it was drawn before (every shape, at full detail: `export_png_cut` is the PNG
//! path as it was), the others the SVG's (pattern fills). The whole process, against a peer, is
//! `benches/peer/run.py`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the bench failing

use criterion::{Criterion, criterion_group, criterion_main};
use resistance_atlas::{
    data::load_embedded,
    export::{
        ExportFormat, MapExport, PageSize, PatternFills, png, render, render_svg, render_svg_with,
    },
    geometry::MapGeometry,
    scene::default_visible_groups,
    scene::view::fit_view,
    state::Filters,
};

fn export_phases(c: &mut Criterion) {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let filters = Filters {
        visible_groups: Some(default_visible_groups(&atlas)),
        ..Default::default()
    };
    let export = MapExport {
        atlas: &atlas,
        geometry: &geometry,
        filters: &filters,
        view: fit_view(geometry.bounds_in_map),
        title: "Armed resistance to the Taliban".into(),
        subtitle: "NRF, AFF · all records since August 2021".into(),
        selected: None,
        events: None,
        labels: Default::default(),
    };
    let svg = render_svg(&export, PageSize::HD);
    let cut = render_svg_with(&export, PageSize::HD, PatternFills::Cut);
    let raster = render_svg_with(&export, PageSize::HD, PatternFills::Raster);
    let pixmap = png::rasterise(&raster).expect("renders");
    c.bench_function("export_svg_1920x1080", |b| {
        b.iter(|| render_svg(&export, PageSize::HD));
    });
    c.bench_function("export_svg_cut_1920x1080", |b| {
        b.iter(|| render_svg_with(&export, PageSize::HD, PatternFills::Cut));
    });
    c.bench_function("export_svg_raster_1920x1080", |b| {
        b.iter(|| render_svg_with(&export, PageSize::HD, PatternFills::Raster));
    });
    c.bench_function("export_rasterise_1920x1080", |b| {
        b.iter(|| png::rasterise(&svg).expect("renders"));
    });
    c.bench_function("export_rasterise_cut_1920x1080", |b| {
        b.iter(|| png::rasterise(&cut).expect("renders"));
    });
    c.bench_function("export_rasterise_raster_1920x1080", |b| {
        b.iter(|| png::rasterise(&raster).expect("renders"));
    });
    c.bench_function("export_png_cut_1920x1080", |b| {
        b.iter(|| {
            png::svg_to_png(&render_svg_with(&export, PageSize::HD, PatternFills::Cut))
                .expect("renders")
        });
    });
    c.bench_function("export_png_1920x1080", |b| {
        b.iter(|| render(&export, PageSize::HD, ExportFormat::Png).expect("renders"));
    });
    c.bench_function("export_encode_png_1920x1080", |b| {
        b.iter(|| png::encode(&pixmap).expect("encodes"));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = export_phases
}
criterion_main!(benches);
