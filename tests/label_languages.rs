//! The names' language on exported pages: `export --labels en|fa|ps|en+fa` from the command line,
//! and each slide's own setting in deck exports. Dari lines are SVG text tagged with their
//! language and direction, in logical order, and placed by their shaped width: no two names
//! overlap.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::process::Command;

use resistance_atlas::{
    data::load_embedded,
    deck::{Deck, Slide},
    export::{PageSize, deck_export::slide_pages},
    geometry::MapGeometry,
    scene::LabelLanguage,
    text,
};

/// A `<text data-province=…>` element: code, attributes, text.
struct Name {
    code: String,
    attributes: String,
    text: String,
}

fn names(svg: &str) -> Vec<Name> {
    svg.split("<text data-province=\"")
        .skip(1)
        .map(|rest| {
            let (code, rest) = rest.split_once('"').expect("code");
            let (attributes, rest) = rest.split_once('>').expect("attributes");
            let (text, _) = rest.split_once("</text>").expect("text");
            Name {
                code: code.to_owned(),
                attributes: attributes.to_owned(),
                text: text.to_owned(),
            }
        })
        .collect()
}

fn number(attributes: &str, name: &str) -> f32 {
    let at = attributes
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {attributes}"));
    let rest = &attributes[at + name.len() + 3..];
    rest[..rest.find('"').expect("closing quote")]
        .parse()
        .expect("a number")
}

fn export_svg(labels: &str, name: &str) -> String {
    let out = std::env::temp_dir().join(format!("atlas-labels-{}-{name}.svg", std::process::id()));
    let output = Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .args(["export", "--labels", labels, "--force", "--out"])
        .arg(&out)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    svg
}

#[test]
fn english_with_dari_below_writes_both_lines_for_every_province() {
    let atlas = load_embedded();
    let svg = export_svg("en+fa", "enfa");
    let names = names(&svg);
    for province in &atlas.provinces {
        let lines: Vec<&Name> = names.iter().filter(|n| n.code == province.code).collect();
        assert_eq!(lines.len(), 2, "{}: English and Dari", province.code);
        assert_eq!(lines[0].text, province.name);
        assert!(!lines[0].attributes.contains("xml:lang"));
        assert_eq!(Some(lines[1].text.as_str()), province.name_fa.as_deref());
        assert!(lines[1].attributes.contains(r#"xml:lang="fa""#));
        assert!(lines[1].attributes.contains(r#"direction="rtl""#));
        assert!(
            lines[1]
                .attributes
                .contains(r#"font-family="Vazirmatn NL""#)
        );
        assert!(
            number(&lines[1].attributes, "y") > number(&lines[0].attributes, "y"),
            "{}: Dari below",
            province.code
        );
    }
}

#[test]
fn dari_names_are_placed_by_their_shaped_width_and_never_overlap() {
    let svg = export_svg("fa", "fa");
    let names = names(&svg);
    assert_eq!(names.len(), 34, "every province named once");
    let boxes: Vec<(String, egui::Rect)> = names
        .iter()
        .map(|name| {
            assert!(
                name.attributes.contains(r#"xml:lang="fa""#),
                "{}",
                name.code
            );
            let size = number(&name.attributes, "font-size");
            let measured = text::measure(&name.text, size);
            let centre = egui::pos2(
                number(&name.attributes, "x"),
                number(&name.attributes, "y") - size * 0.35,
            );
            (
                name.code.clone(),
                egui::Rect::from_center_size(centre, measured).shrink(0.5),
            )
        })
        .collect();
    for (i, (a, box_a)) in boxes.iter().enumerate() {
        for (b, box_b) in &boxes[i + 1..] {
            // The inset's names sit in its frame, which the main map's names keep clear of.
            assert!(!box_a.intersects(*box_b), "{a} and {b} overlap");
        }
    }
}

#[test]
fn pashto_writes_the_dari_name_tagged_as_dari_where_no_pashto_name_is_known() {
    let atlas = load_embedded();
    let svg = export_svg("ps", "ps");
    for name in names(&svg) {
        let province = atlas
            .provinces
            .iter()
            .find(|p| p.code == name.code)
            .expect("a province");
        match &province.name_ps {
            Some(pashto) => {
                assert_eq!(&name.text, pashto);
                assert!(name.attributes.contains(r#"xml:lang="ps""#));
            }
            None => {
                assert_eq!(Some(name.text.as_str()), province.name_fa.as_deref());
                assert!(name.attributes.contains(r#"xml:lang="fa""#));
            }
        }
    }
}

#[test]
fn an_unknown_label_language_is_refused_with_the_choices() {
    let output = Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .args(["export", "--labels", "de", "--out", "never.png"])
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("--labels de") && message.contains("en, fa, ps or en+fa"),
        "{message}"
    );
    assert!(!std::path::Path::new("never.png").exists());
}

#[test]
fn each_slide_exports_in_its_own_label_language() {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let slide = |labels| Slide {
        labels,
        ..Slide::default()
    };
    let deck = Deck {
        slides: vec![slide(LabelLanguage::English), slide(LabelLanguage::Dari)],
        ..Deck::default()
    };
    let pages = slide_pages(&atlas, &geometry, &deck, None, PageSize::HD);
    assert!(!pages[0].svg.contains("xml:lang=\"fa\""));
    assert!(pages[0].svg.contains(">Kabul</text>"));
    assert!(pages[1].svg.contains("xml:lang=\"fa\""));
    assert!(pages[1].svg.contains(">کابل</text>"));
}
