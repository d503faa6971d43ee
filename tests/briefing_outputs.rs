//! Briefing outputs checked with the clients people open them in: a map exported as PDF read by
//! poppler (`pdftotext`, `pdftoppm`), and the deck as PowerPoint converted by LibreOffice
//! Impress (headless) and its speaker notes read back from the package.
//!
//! `.ci/run` installs poppler-utils and libreoffice-impress-nogui. Run by hand without them, the
//! tests that need them say so and stop; in CI (`CI` set) a missing client fails the test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{
    io::Read as _,
    path::{Path, PathBuf},
    process::Command,
};

mod run;
use run::{atlas, scratch};

/// Whether `program` runs here (asked for its version with `version_flag`); in CI it must.
fn client(program: &str, version_flag: &str) -> bool {
    let runs = Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is needed in CI (.ci/run installs it)"
        );
        eprintln!("{program} is not installed: this check is skipped here and runs in CI");
    }
    runs
}

/// The PDF LibreOffice Impress (headless, with its own profile in `dir`) prints of `pptx`.
fn impress_to_pdf(pptx: &Path, dir: &Path) -> PathBuf {
    let converted = dir.join("converted");
    let profile = dir.join("lo-profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&converted)
        .arg(pptx)
        .output()
        .expect("soffice runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    converted.join("deck.pdf")
}

fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext reads {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text without the line breaks and runs of spaces a layout puts between words.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_map_exported_as_pdf_is_vector_text_with_every_province_named() {
    if !client("pdftotext", "-v") {
        return;
    }
    let dir = scratch("pdf");
    let out = dir.join("map.pdf");
    let output = atlas(&[
        "export",
        "--groups",
        "NRF,AFF",
        "--title",
        "Where the NRF and AFF operate",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = words(&pdf_text(&out));
    assert!(text.contains("Where the NRF and AFF operate"), "{text}");
    let boundaries: serde_json::Value =
        serde_json::from_str(include_str!("../assets/provinces.geojson")).expect("boundaries");
    let features = boundaries["features"].as_array().expect("features");
    assert_eq!(features.len(), 34);
    let mut missing = Vec::new();
    for feature in features {
        let name = feature["properties"]["name"].as_str().expect("a name");
        if !text.contains(name) {
            missing.push(name.to_owned());
        }
    }
    assert!(missing.is_empty(), "names not found as text: {missing:?}");
    // 1920×1080 pixels at 96 dpi: 1440 × 810 points.
    let info = Command::new("pdfinfo").arg(&out).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("1440 x 810 pts"), "{info}");
    let a4 = dir.join("a4.pdf");
    let output = atlas(&["export", "--size", "a4", "--out", a4.to_str().unwrap()]);
    assert!(output.status.success());
    let info = Command::new("pdfinfo").arg(&a4).output().expect("pdfinfo");
    assert!(
        String::from_utf8_lossy(&info.stdout).contains("841.92 x 595.2 pts (A4)"),
        "A4 landscape on paper"
    );
    // It renders.
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "30", "-singlefile"])
        .arg(&out)
        .arg(dir.join("page"))
        .output()
        .expect("pdftoppm");
    assert!(rendered.status.success());
    assert!(dir.join("page.png").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A deck of two slides with notes, written as the app writes decks.
fn write_deck(dir: &Path) -> PathBuf {
    use resistance_atlas::{
        deck::{Deck, Slide},
        state::Filters,
    };
    let shown = |ids: &[&str]| Filters {
        visible_groups: Some(ids.iter().map(|id| (*id).to_owned()).collect()),
        ..Filters::default()
    };
    let deck = Deck {
        slides: vec![
            Slide {
                title: "NRF attacks verified by the UN".into(),
                notes: "Open with Baghlan.\nThen Panjshir.".into(),
                filters: shown(&["NRF"]),
                ..Slide::default()
            },
            Slide {
                title: "Claims only: Herat & Kandahar".into(),
                notes: "Say: these are claims.".into(),
                filters: shown(&["NRF", "AFF"]),
                ..Slide::default()
            },
        ],
        ..Deck::default()
    };
    let path = dir.join("briefing.json");
    deck.save(&path).expect("deck");
    path
}

#[test]
fn the_deck_as_powerpoint_carries_titles_pictures_and_speaker_notes() {
    let dir = scratch("pptx");
    let deck = write_deck(&dir);
    let out = dir.join("slides");
    let output = atlas(&[
        "export-deck",
        deck.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pptx = out.join("deck.pptx");
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&pptx).expect("deck.pptx")).expect("a zip");
    let mut part = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .expect(name)
            .read_to_string(&mut text)
            .expect("text");
        text
    };
    assert!(part("ppt/slides/slide1.xml").contains("<a:t>NRF attacks verified by the UN</a:t>"));
    assert!(part("ppt/slides/slide2.xml").contains("<a:t>Claims only: Herat &amp; Kandahar</a:t>"));
    let notes = part("ppt/notesSlides/notesSlide1.xml");
    assert!(
        notes.contains("<a:t>Open with Baghlan.</a:t>")
            && notes.contains("<a:t>Then Panjshir.</a:t>")
    );
    assert!(part("ppt/notesSlides/notesSlide2.xml").contains("<a:t>Say: these are claims.</a:t>"));

    if !client("soffice", "--version") || !client("pdftotext", "-v") {
        return;
    }
    // LibreOffice Impress opens it and prints one page per slide with each title as text.
    let pdf = impress_to_pdf(&pptx, &dir);
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
    assert!(
        String::from_utf8_lossy(&info.stdout)
            .lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 2")),
        "one page per slide"
    );
    let text = words(&pdf_text(&pdf));
    assert!(text.contains("NRF attacks verified by the UN"), "{text}");
    assert!(text.contains("Claims only: Herat & Kandahar"), "{text}");
    assert!(
        text.contains("Sources of the records shown"),
        "credits as text: {text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_comparison_slide_in_powerpoint_is_the_change_map_with_its_legend_and_both_periods() {
    use resistance_atlas::{
        data::load_embedded,
        deck::{Deck, Slide},
        export::{PageSize, deck_export::slide_pages},
        geometry::MapGeometry,
        scene::periods::{Periods, Span},
        state::Filters,
    };
    let dir = scratch("pptx-compare");
    let periods = Periods {
        before: Span::parse("2024").unwrap(),
        after: Span::parse("2025").unwrap(),
    };
    let deck = Deck {
        slides: vec![Slide {
            title: "What changed since 2024".into(),
            notes: "Start with what is new.".into(),
            filters: Filters {
                visible_groups: Some(["NRF".to_owned(), "AFF".to_owned()].into()),
                compare: Some(periods),
                ..Filters::default()
            },
            ..Slide::default()
        }],
        ..Deck::default()
    };
    let deck_path = dir.join("briefing.json");
    deck.save(&deck_path).unwrap();
    let out = dir.join("slides");
    let output = atlas(&[
        "export-deck",
        deck_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (title, periods_line) = (
        "What changed since 2024",
        "Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025",
    );
    let pptx = out.join("deck.pptx");
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&pptx).expect("deck.pptx")).expect("a zip");
    let mut slide_xml = String::new();
    archive
        .by_name("ppt/slides/slide1.xml")
        .unwrap()
        .read_to_string(&mut slide_xml)
        .unwrap();
    assert!(
        slide_xml.contains(&format!("<a:t>{title}</a:t>"))
            && slide_xml.contains(&format!("<a:t>{periods_line}</a:t>")),
        "both periods in the title: {slide_xml}"
    );
    let title_shape = &slide_xml[..slide_xml.find("<p:pic>").expect("the picture")];
    assert!(
        title_shape.contains(periods_line),
        "the periods are in the title placeholder"
    );
    let mut picture = Vec::new();
    archive
        .by_name("ppt/media/map1.png")
        .unwrap()
        .read_to_end(&mut picture)
        .unwrap();
    let picture = resvg::tiny_skia::Pixmap::decode_png(&picture).expect("a PNG");

    // The picture is the change page's map and legend, pixel for pixel.
    let atlas_data = load_embedded();
    let geometry = MapGeometry::build(&atlas_data);
    let page = slide_pages(&atlas_data, &geometry, &deck, None, PageSize::HD).remove(0);
    assert!(
        page.svg.contains(r#"<g id="changes">"#),
        "the change map's badges"
    );
    assert!(
        page.svg.contains(">What changed</text>"),
        "the change map's legend"
    );
    assert!(page.svg.contains("Before: Jan 2024 – Dec 2024"));
    assert!(page.svg.contains("After: Jan 2025 – Dec 2025"));
    let png = resvg::tiny_skia::Pixmap::load_png(out.join("01-what-changed-since-2024.png"))
        .expect("the slide's PNG");
    let body = page.layout.map.union(page.layout.legend);
    let (left, top) = (body.left().floor() as u32, body.top().floor() as u32);
    assert_eq!(
        (picture.width(), picture.height()),
        (
            body.right().ceil() as u32 - left,
            body.bottom().ceil() as u32 - top
        )
    );
    for (y, x) in [(0, 0), (picture.height() / 2, picture.width() / 2)]
        .into_iter()
        .chain(
            (0..picture.height())
                .step_by(37)
                .map(|y| (y, (y * 7) % picture.width())),
        )
    {
        assert_eq!(
            picture.pixel(x, y),
            png.pixel(left + x, top + y),
            "({x}, {y})"
        );
    }

    if !client("soffice", "--version") || !client("pdftotext", "-v") {
        return;
    }
    // LibreOffice Impress opens it: the title as text, the picture at its size.
    let pdf = impress_to_pdf(&pptx, &dir);
    let text = words(&pdf_text(&pdf));
    assert!(text.contains(&format!("{title} {periods_line}")), "{text}");
    let images = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages");
    let listed = String::from_utf8_lossy(&images.stdout);
    assert!(
        listed.lines().any(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            columns.get(3) == Some(&picture.width().to_string().as_str())
                && columns.get(4) == Some(&picture.height().to_string().as_str())
        }),
        "the picture, whole: {listed}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
