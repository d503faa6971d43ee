//! Province names in Dari are drawn with the glyphs HarfBuzz chooses, in its order: our shaper
//! (`resistance_atlas::text`, used to measure names) and resvg, which draws the PNG and PDF
//! pages from the exported SVG, are compared with `hb-shape` (Debian's `libharfbuzz-bin`), an
//! independent shaper, on the bundled Vazirmatn face. Skipped with a message where `hb-shape` is
//! missing, but failing in CI (`CI` set), whose script installs it.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::{path::Path, process::Command};

use resistance_atlas::{
    data::load_embedded,
    export::{MapExport, PageSize, render_svg},
    fonts::PAGE_FACES,
    geometry::MapGeometry,
    scene::{Filters, LabelLanguage, view::fit_view},
    text,
};

const NAMES: [&str; 4] = ["کابل", "پنجشیر", "دایکندی", "ننگرهار"];

/// (glyph id, cluster, advance in font units), left to right, from `hb-shape`; `None` when the
/// tool is missing and this is not CI.
fn hb_shape(name: &str) -> Option<Vec<(u16, u32, i32)>> {
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/Vazirmatn-NL-Regular.ttf");
    let output = match Command::new("hb-shape")
        .arg("--no-glyph-names")
        .arg("--utf8-clusters")
        .arg("--language=fa")
        .arg(&font)
        .arg(name)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "hb-shape is needed in CI (apt-get install libharfbuzz-bin): {error}"
            );
            eprintln!("skipped: hb-shape not found ({error}); apt-get install libharfbuzz-bin");
            return None;
        }
    };
    assert!(output.status.success(), "hb-shape failed: {output:?}");
    // "[523=6+1372|438=4+604|…]": glyph=cluster (UTF-8 byte offset)+advance, left to right.
    let line = String::from_utf8(output.stdout).expect("UTF-8");
    let glyphs = line
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split('|')
        .map(|item| {
            let (glyph, rest) = item.split_once('=').expect("glyph=cluster");
            let (cluster, advance) = rest.split_once('+').expect("cluster+advance");
            let advance = advance.split(',').next().expect("advance");
            (
                glyph.parse().expect("glyph id"),
                cluster.parse().expect("cluster"),
                advance.parse().expect("advance"),
            )
        })
        .collect();
    Some(glyphs)
}

#[test]
fn our_shaper_draws_harfbuzz_glyphs_in_harfbuzz_order() {
    for name in NAMES {
        let Some(expected) = hb_shape(name) else {
            return;
        };
        // At one pixel per font unit, advances are in font units.
        let upem = ttf_parser::Face::parse(resistance_atlas::fonts::VAZIRMATN, 0)
            .expect("the face parses")
            .units_per_em();
        let ours = text::shape(name, f32::from(upem));
        let ours: Vec<(u16, u32, i32)> = ours
            .glyphs
            .iter()
            .map(|g| (g.id, g.cluster, g.advance.round() as i32))
            .collect();
        assert_eq!(ours, expected, "{name}");
        assert!(
            expected.len() >= name.chars().count() - 1,
            "{name}: {expected:?}"
        );
    }
}

/// The glyph ids resvg lays out for an SVG, left to right on the page.
fn resvg_glyphs(svg: &str) -> Vec<u32> {
    let mut options = resvg::usvg::Options {
        font_family: resistance_atlas::export::svg::FONT_FAMILY.to_owned(),
        ..Default::default()
    };
    for face in PAGE_FACES {
        options.fontdb_mut().load_font_data(face.to_vec());
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("parses");
    let mut glyphs = Vec::new();
    collect_glyphs(tree.root(), &mut glyphs);
    glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
    glyphs.into_iter().map(|(_, id)| id).collect()
}

fn collect_glyphs(group: &resvg::usvg::Group, out: &mut Vec<(f32, u32)>) {
    for node in group.children() {
        match node {
            resvg::usvg::Node::Group(group) => collect_glyphs(group, out),
            resvg::usvg::Node::Text(text) => {
                for span in text.layouted() {
                    for glyph in &span.positioned_glyphs {
                        out.push((glyph.transform().tx, glyph.id.0));
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn exported_dari_names_render_with_harfbuzz_glyphs_in_harfbuzz_order() {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let filters = Filters::default();
    let export = MapExport {
        atlas: &atlas,
        geometry: &geometry,
        filters: &filters,
        view: fit_view(geometry.bounds_in_map),
        title: "Names".to_owned(),
        subtitle: String::new(),
        selected: None,
        events: None,
        labels: LabelLanguage::Dari,
    };
    let page = render_svg(&export, PageSize::parse("1920x1080").expect("size"));
    for name in NAMES {
        let Some(expected) = hb_shape(name) else {
            return;
        };
        // The name's own <text> element, as the page writes it, drawn alone by resvg (as the PNG
        // and PDF pages are).
        let end = page
            .find(&format!(">{name}</text>"))
            .unwrap_or_else(|| panic!("{name} is on the page"));
        let start = page[..end].rfind("<text").expect("its element");
        let element = &page[start..end + name.len() + ">".len() + "</text>".len()];
        assert!(
            element.contains(r#"xml:lang="fa""#) && element.contains(r#"direction="rtl""#),
            "{element}"
        );
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" font-family="{}">{element}</svg>"#,
            resistance_atlas::export::svg::FONT_FAMILY
        );
        let drawn = resvg_glyphs(&svg);
        let expected: Vec<u32> = expected.iter().map(|(id, _, _)| u32::from(*id)).collect();
        assert_eq!(drawn, expected, "{name}");
    }
}
