//! The PNG's fast path draws the same page: hatching and stripes cut out of the provinces as
//! plain shapes ([`PatternFills::Cut`], what `export … --out X.png` renders) against the SVG's
//! `<pattern>` fills rendered the old way ([`PatternFills::Defs`]), pixel by pixel.
//!
//! The two differ only where the old page anti-aliases: resvg draws a pattern tile apart and
//! samples it bicubically, rotated, which softens each 1.8-pixel hatch line; cut shapes are
//! anti-aliased once, at their edges. So: wherever the old page is flat (a pixel and its eight
//! neighbours within 2/255), the new one matches within 2/255; no pixel anywhere differs by more
//! than a third of the range (a stripe out of phase or a missing hatch differs by far more); and
//! averaged over 8×8 blocks, as the eye sees the page, every block is within 12/255.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::collections::BTreeSet;

use resistance_atlas::{
    data::{Atlas, load_embedded},
    export::{MapExport, PageSize, PatternFills, png, render_svg_with},
    geometry::MapGeometry,
    scene::view::fit_view,
    state::Filters,
};

/// How far the fast page is from the old one.
#[derive(Debug)]
struct Drift {
    /// Pixels where the old page is flat.
    flat: usize,
    /// Of those, how many differ by more than 2/255 in a channel.
    flat_off: usize,
    /// The largest difference of any channel of any pixel.
    worst: u8,
    /// The largest difference of an 8×8 block's mean, in any channel.
    worst_block: f32,
    /// Pixels that differ at all (the fast path must change something where there are patterns).
    changed: usize,
}

fn drift(old: &resvg::tiny_skia::Pixmap, new: &resvg::tiny_skia::Pixmap) -> Drift {
    assert_eq!((old.width(), old.height()), (new.width(), new.height()));
    let (w, h) = (old.width() as usize, old.height() as usize);
    let px = |p: &resvg::tiny_skia::Pixmap, x: usize, y: usize| {
        let i = (y * w + x) * 4;
        [p.data()[i], p.data()[i + 1], p.data()[i + 2]]
    };
    let mut result = Drift {
        flat: 0,
        flat_off: 0,
        worst: 0,
        worst_block: 0.0,
        changed: 0,
    };
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (px(old, x, y), px(new, x, y));
            let off = (0..3).map(|c| a[c].abs_diff(b[c])).max().unwrap_or(0);
            result.worst = result.worst.max(off);
            result.changed += usize::from(off > 0);
            let flat = (y.saturating_sub(1)..(y + 2).min(h)).all(|ny| {
                (x.saturating_sub(1)..(x + 2).min(w))
                    .all(|nx| (0..3).all(|c| px(old, nx, ny)[c].abs_diff(a[c]) <= 2))
            });
            if flat {
                result.flat += 1;
                result.flat_off += usize::from(off > 2);
            }
        }
    }
    for by in 0..h / 8 {
        for bx in 0..w / 8 {
            for c in 0..3 {
                let mean = |p: &resvg::tiny_skia::Pixmap| {
                    let mut sum = 0u32;
                    for y in by * 8..by * 8 + 8 {
                        for x in bx * 8..bx * 8 + 8 {
                            sum += u32::from(px(p, x, y)[c]);
                        }
                    }
                    sum as f32 / 64.0
                };
                result.worst_block = result.worst_block.max((mean(old) - mean(new)).abs());
            }
        }
    }
    result
}

fn both_pages(atlas: &Atlas, groups: BTreeSet<String>) -> Drift {
    let geometry = MapGeometry::build(atlas);
    let filters = Filters {
        visible_groups: Some(groups),
        ..Default::default()
    };
    let export = MapExport {
        atlas,
        geometry: &geometry,
        filters: &filters,
        view: fit_view(geometry.bounds_in_map),
        title: "Armed resistance to the Taliban".into(),
        subtitle: "all records since August 2021".into(),
        selected: None,
        events: None,
        labels: Default::default(),
    };
    let old = render_svg_with(&export, PageSize::HD, PatternFills::Defs);
    let new = render_svg_with(&export, PageSize::HD, PatternFills::Cut);
    assert!(old.contains("<pattern") && old.contains("url(#stripe-"));
    // Only the legend's swatches keep pattern fills.
    let legend = |svg: &str| svg[svg.find(r#"<g id="legend">"#).expect("legend")..].to_owned();
    assert_eq!(
        new.matches("url(#hatch-").count() + new.matches("url(#stripe-").count(),
        legend(&new).matches("url(#hatch-").count() + legend(&new).matches("url(#stripe-").count(),
        "the map's overlays use no pattern fill"
    );
    drift(
        &png::rasterise(&old).expect("renders"),
        &png::rasterise(&new).expect("renders"),
    )
}

fn assert_same_page(drift: &Drift) {
    // Measured: NRF + AFF, 7 of 1,724,907 flat pixels off, worst pixel 55, worst block 6.4;
    // every group, none off, 55, 6.3. With the stripes shifted half a band (the check that this
    // test can fail): 38,264 flat pixels off, worst pixel 240, worst block 223.
    assert!(drift.flat > 1_000_000, "{drift:?}");
    assert!(
        drift.flat_off * 1000 <= drift.flat,
        "over 0.1 % of flat pixels changed colour: {drift:?}"
    );
    assert!(drift.worst <= 85, "a pixel moved: {drift:?}");
    assert!(
        drift.worst_block <= 12.0,
        "an area changed colour: {drift:?}"
    );
    assert!(
        drift.changed > 0,
        "the fast path drew nothing new: {drift:?}"
    );
}

#[test]
fn fast_png_matches_the_pattern_filled_page_for_nrf_and_aff() {
    let atlas = load_embedded();
    let groups = ["NRF", "AFF"].map(str::to_owned).into();
    assert_same_page(&both_pages(&atlas, groups));
}

#[test]
fn fast_png_matches_the_pattern_filled_page_with_every_group() {
    let atlas = load_embedded();
    let groups = atlas.groups.iter().map(|g| g.id.clone()).collect();
    assert_same_page(&both_pages(&atlas, groups));
}
