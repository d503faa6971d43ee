//! The names on the pages the CLI writes, read back from the SVG: every province named once, no
//! two names overlapping, no leader crossing another leader or a name, a name set without a
//! leader lying over its own province (read from the page's own province paths), the inset of
//! the Kabul–Panjshir cluster present with its frame and locator box and holding those names,
//! and names no smaller than the minimum for the page's size.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::process::Command;

use egui::{Pos2, Rect, pos2, vec2};
use resistance_atlas::{
    geometry::labels::{measured_text_size, segment_meets_rect, segments_cross},
    scene::labels::{INSET_PROVINCES, MIN_MAGNIFICATION, MIN_NAME_PX, MIN_NAME_PX_1080P},
};
use resvg::usvg::roxmltree::{Document, Node};

/// A name on the page: its province, size and box.
#[derive(Debug)]
struct Name {
    province: String,
    size: f32,
    rect: Rect,
}

/// A leader line on the page.
#[derive(Debug)]
struct Leader {
    province: String,
    line: [Pos2; 2],
}

/// A province as drawn: its rings in page pixels.
struct Province {
    code: String,
    rings: Vec<Vec<Pos2>>,
}

impl Province {
    /// Even–odd point in polygon over all rings.
    fn contains(&self, p: Pos2) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// The rings of a path written as `M x y L x y … Z`.
fn rings(d: &str) -> Vec<Vec<Pos2>> {
    d.split('Z')
        .filter(|ring| !ring.trim().is_empty())
        .map(|ring| {
            ring.split(['M', 'L'])
                .filter(|p| !p.trim().is_empty())
                .map(|p| {
                    let mut xy = p.split_whitespace().map(|v| v.parse::<f32>().unwrap());
                    pos2(xy.next().unwrap(), xy.next().unwrap())
                })
                .collect()
        })
        .collect()
}

fn attr(node: Node<'_, '_>, name: &str) -> f32 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .parse()
        .unwrap()
}

fn group<'a, 'i>(doc: &'a Document<'i>, id: &str) -> Option<Node<'a, 'i>> {
    doc.descendants().find(|n| n.attribute("id") == Some(id))
}

fn provinces_in(group: Node<'_, '_>) -> Vec<Province> {
    group
        .children()
        .filter(|n| n.has_tag_name("path"))
        .map(|n| Province {
            code: n.attribute("data-province").unwrap().to_owned(),
            rings: rings(n.attribute("d").unwrap()),
        })
        .collect()
}

/// The names and leaders directly inside `group` (not in nested groups).
fn names_in(group: Node<'_, '_>, name_of: &dyn Fn(&str) -> String) -> (Vec<Name>, Vec<Leader>) {
    let mut names = Vec::new();
    let mut leaders = Vec::new();
    for node in group.children() {
        let Some(province) = node.attribute("data-province") else {
            continue;
        };
        if node.has_tag_name("text") {
            let size = attr(node, "font-size");
            let text = node.text().unwrap();
            assert_eq!(text, name_of(province));
            let box_size = measured_text_size(text, size);
            let centre = pos2(attr(node, "x"), attr(node, "y") - size * 0.35);
            names.push(Name {
                province: province.to_owned(),
                size,
                rect: Rect::from_center_size(centre, box_size),
            });
        } else if node.has_tag_name("line") && node.attribute("class") == Some("leader") {
            leaders.push(Leader {
                province: province.to_owned(),
                line: [
                    pos2(attr(node, "x1"), attr(node, "y1")),
                    pos2(attr(node, "x2"), attr(node, "y2")),
                ],
            });
        }
    }
    (names, leaders)
}

/// Fails unless the names and leaders keep apart, and each name without a leader lies over its
/// own province (its middle line, but for the ends of its first and last letters).
fn assert_names_read_true(names: &[Name], leaders: &[Leader], provinces: &[Province], page: &str) {
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            assert!(
                !a.rect.shrink(0.5).intersects(b.rect.shrink(0.5)),
                "{page}: {a:?} overlaps {b:?}"
            );
        }
        for leader in leaders.iter().filter(|l| l.province != a.province) {
            assert!(
                !segment_meets_rect(leader.line, a.rect.shrink(0.5)),
                "{page}: {}'s leader crosses the name {a:?}",
                leader.province
            );
        }
        let own = provinces.iter().find(|p| p.code == a.province).unwrap();
        let with_leader = leaders.iter().find(|l| l.province == a.province);
        match with_leader {
            Some(leader) => assert!(
                own.contains(leader.line[0]),
                "{page}: {}'s leader starts outside it",
                a.province
            ),
            None => {
                for share in [-0.3, -0.15, 0.0, 0.15, 0.3] {
                    let p = a.rect.center() + vec2(a.rect.width() * share, 0.0);
                    assert!(
                        own.contains(p),
                        "{page}: {a:?} lies over another province at {p:?} without a leader"
                    );
                }
            }
        }
    }
    for (i, a) in leaders.iter().enumerate() {
        for b in &leaders[i + 1..] {
            assert!(
                !segments_cross(a.line, b.line),
                "{page}: {}'s and {}'s leaders cross",
                a.province,
                b.province
            );
        }
    }
}

fn export_svg(size: &str, groups: &str, dir: &std::path::Path) -> String {
    let out = dir.join(format!("map-{size}-{groups}.svg"));
    let status = Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .args(["export", "--groups", groups, "--size", size, "--out"])
        .arg(&out)
        .status()
        .expect("the CLI runs");
    assert!(status.success(), "export at {size}");
    std::fs::read_to_string(&out).unwrap()
}

#[test]
fn exported_names_never_collide_or_mislead_and_the_cluster_has_an_inset() {
    let atlas = resistance_atlas::data::load_embedded();
    let name_of = |code: &str| {
        atlas
            .provinces
            .iter()
            .find(|p| p.code == code)
            .unwrap()
            .name
            .clone()
    };
    let dir = tempfile::tempdir().unwrap();
    for (size, height, least) in [
        ("1280x720", 720.0, MIN_NAME_PX),
        ("hd", 1080.0, MIN_NAME_PX_1080P),
        ("4k", 2160.0, MIN_NAME_PX_1080P * 2.0),
        ("a4", 2480.0, MIN_NAME_PX_1080P * 2480.0 / 1080.0),
    ] {
        for groups in ["NRF,AFF", "all"] {
            let text = export_svg(size, groups, dir.path());
            let doc = Document::parse(&text).expect("the page is well-formed XML");

            let provinces = provinces_in(group(&doc, "provinces").expect("<g id=\"provinces\">"));
            assert_eq!(provinces.len(), atlas.provinces.len(), "{size}");
            for path in group(&doc, "provinces")
                .unwrap()
                .children()
                .filter(|n| n.is_element())
            {
                let code = path.attribute("data-province").unwrap();
                assert_eq!(path.attribute("id"), Some(code), "{size}");
                assert_eq!(path.attribute("data-name"), Some(name_of(code).as_str()));
            }

            let (names, leaders) =
                names_in(group(&doc, "labels").expect("<g id=\"labels\">"), &name_of);
            assert_names_read_true(&names, &leaders, &provinces, size);

            let inset = group(&doc, "inset").expect("<g id=\"inset\">");
            assert!(attr(inset, "data-magnification") >= MIN_MAGNIFICATION);
            let rect_of = |class: &str| {
                let node = inset
                    .children()
                    .find(|n| n.attribute("class") == Some(class))
                    .unwrap_or_else(|| panic!("{size}: the inset has no {class}"));
                Rect::from_min_size(
                    pos2(attr(node, "x"), attr(node, "y")),
                    vec2(attr(node, "width"), attr(node, "height")),
                )
            };
            let frame = rect_of("inset-frame");
            let locator = rect_of("locator");
            assert!(
                !frame.intersects(locator),
                "{size}: the inset covers its locator"
            );
            let inset_provinces =
                provinces_in(group(&doc, "inset-provinces").expect("inset provinces"));
            let (inset_names, inset_leaders) =
                names_in(group(&doc, "inset-labels").expect("inset labels"), &name_of);
            assert_names_read_true(&inset_names, &inset_leaders, &inset_provinces, size);
            for code in INSET_PROVINCES {
                assert!(
                    inset_names.iter().any(|n| n.province == code),
                    "{size}: {code} is not named in the inset"
                );
            }
            for name in &inset_names {
                assert!(
                    frame.contains_rect(name.rect),
                    "{size}: {name:?} leaves the inset"
                );
            }
            for name in &names {
                assert!(
                    !name.rect.intersects(frame) && !name.rect.intersects(locator),
                    "{size}: {name:?} on the inset or its locator"
                );
            }
            for leader in &leaders {
                assert!(
                    !segment_meets_rect(leader.line, frame),
                    "{size}: a leader crosses the inset"
                );
            }

            let mut named: Vec<&str> = names
                .iter()
                .chain(&inset_names)
                .map(|n| n.province.as_str())
                .collect();
            named.sort_unstable();
            let before = named.len();
            named.dedup();
            assert_eq!(before, named.len(), "{size}: a province named twice");
            assert_eq!(
                named.len(),
                atlas.provinces.len(),
                "{size}: named {named:?}"
            );

            let smallest = names
                .iter()
                .chain(&inset_names)
                .map(|n| n.size)
                .fold(f32::INFINITY, f32::min);
            assert!(
                smallest >= least - 0.05,
                "{size} ({height} px high): the smallest name is {smallest} px"
            );
        }
    }
}
