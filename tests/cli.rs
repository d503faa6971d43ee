//! The command line as a script uses it: `resistance-atlas export …` run as a process, without a
//! display. Checks what lands on disk and what a mistake prints.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{path::Path, process::Output};

mod run;
use run::{atlas, scratch};

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).expect("png written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn svg_export_has_title_legend_and_credits() {
    let out = scratch("svg").join("nrf.svg");
    let output = atlas(&[
        "export",
        "--groups",
        "NRF,AFF",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--title",
        "Resistance & the Taliban in 2024",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&out).expect("svg written");
    assert!(svg.starts_with("<svg"), "an SVG document");
    assert!(
        svg.contains("Resistance &amp; the Taliban in 2024"),
        "title, escaped"
    );
    assert!(svg.contains("NRF — "), "legend entry for NRF");
    assert!(svg.contains("AFF — "), "legend entry for AFF");
    assert!(svg.contains("Presence is not control."));
    assert!(svg.contains("Dates shown: 1 Jan 2024 – 31 Dec 2024"));
    assert!(svg.contains("Made with Natural Earth"), "boundary credit");
    assert!(
        svg.contains("European Union Agency for Asylum (EUAA)"),
        "credits name the publishers of the records shown"
    );
    assert!(svg.contains("Panjshir"), "province labels");
    assert!(svg.contains(" km</text>"), "scale bar");
}

#[test]
fn png_export_has_the_size_asked() {
    let dir = scratch("png");
    for (size, expected) in [("1920x1080", (1920, 1080)), ("800x600", (800, 600))] {
        let out = dir.join(format!("{size}.png"));
        let output = atlas(&["export", "--size", size, "--out", out.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(png_size(&out), expected);
    }
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let out = scratch("exists").join("map.svg");
    std::fs::write(&out, "mine").unwrap();
    let output = atlas(&["export", "--out", out.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("already exists; add --force to replace it"),
        "the message names the flag that allows it: {}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "mine",
        "the user's file is untouched"
    );
    let output = atlas(&["export", "--force", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));
}

#[test]
fn mistakes_exit_non_zero_with_a_message() {
    let dir = scratch("errors");
    let png = dir.join("x.png");
    let gif = dir.join("x.gif");
    let (out, gif) = (png.to_str().unwrap(), gif.to_str().unwrap());
    let cases: [(&[&str], &str); 9] = [
        (
            &["export", "--groups", ",,", "--out", out],
            "--groups: the list is empty",
        ),
        (
            &["export", "--groups", " ", "--out", out],
            "--groups: the list is empty",
        ),
        (
            &["export", "--from", "2030-01", "--out", out],
            "--from (1 Jan 2030) is after the newest record",
        ),
        (
            &["export", "--groups", "XYZ", "--out", out],
            "unknown group \"XYZ\"",
        ),
        (&["export", "--from", "2024-13-01", "--out", out], "--from:"),
        (
            &["export", "--from", "2025", "--to", "2024", "--out", out],
            "before",
        ),
        (&["export", "--size", "big", "--out", out], "size \"big\""),
        (
            &["export", "--out", "/nonexistent-folder/x.png"],
            "could not write /nonexistent-folder/x.png",
        ),
        (&["export", "--out", gif], "must end in .png, .svg or .pdf"),
    ];
    for (args, message) in cases {
        let output = atlas(args);
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(!Path::new(out).exists(), "nothing written on failure");
}

#[test]
fn help_describes_export() {
    let output = atlas(&["export", "--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in ["--groups", "--from", "--to", "--title", "--size", "--out"] {
        assert!(help.contains(flag), "{flag} in --help");
    }
}

#[test]
fn export_deck_writes_a_png_per_slide_and_a_pdf() {
    use resistance_atlas::deck::{Deck, Slide};
    let dir = scratch("deck");
    let deck_path = dir.join("briefing.json");
    let deck = Deck {
        slides: vec![
            Slide {
                title: "Where the NRF operates".into(),
                ..Slide::default()
            },
            Slide {
                title: "Panjshir".into(),
                selected_province: Some("AF-PAN".into()),
                ..Slide::default()
            },
        ],
        ..Deck::default()
    };
    deck.save(&deck_path).unwrap();
    let out = dir.join("slides");
    let output = atlas(&[
        "export-deck",
        deck_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        png_size(&out.join("01-where-the-nrf-operates.png")),
        (1920, 1080)
    );
    assert_eq!(png_size(&out.join("02-panjshir.png")), (1920, 1080));
    let pdf = std::fs::read(out.join("deck.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    std::fs::write(&deck_path, "{\"slides\": [ {\"title\": 3} ]}").unwrap();
    let output = atlas(&[
        "export-deck",
        deck_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("briefing.json, line 1, column"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_one_group_export_is_titled_by_the_group_and_has_no_stripes_note() {
    let dir = scratch("one-group");
    let one = dir.join("nrf.svg");
    let output = atlas(&["export", "--groups", "NRF", "--out", one.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&one).unwrap();
    assert!(
        svg.contains("National Resistance Front of Afghanistan (NRF): where it operates"),
        "title names the group"
    );
    assert!(!svg.contains("Armed resistance to the Taliban"));
    assert!(!svg.contains("stripes"), "one group draws no stripes");

    let two = dir.join("two.svg");
    let output = atlas(&[
        "export",
        "--groups",
        "NRF,AFF",
        "--out",
        two.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = std::fs::read_to_string(&two).unwrap();
    assert!(svg.contains("Armed resistance to the Taliban"));
    assert!(svg.contains("Several groups: one stripe each"));

    let titled = dir.join("titled.svg");
    let output = atlas(&[
        "export",
        "--groups",
        "NRF",
        "--title",
        "Mine",
        "--out",
        titled.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&titled)
            .unwrap()
            .contains(">Mine</text>")
    );
}

/// The "Data as of" stamp of an SVG export.
fn data_as_of(svg: &str) -> &str {
    let start = svg.find("Data as of ").expect("a data-as-of stamp") + "Data as of ".len();
    let end = start + svg[start..].find('<').unwrap();
    &svg[start..end]
}

#[test]
fn data_as_of_is_the_newest_date_among_the_records_shown() {
    use resistance_atlas::data::load_embedded;
    let atlas = load_embedded();
    // The newest record date of a group, at its source's precision, computed here from the data.
    let newest = |group: &str, last: Option<resistance_atlas::data::Day>| {
        atlas
            .presence
            .iter()
            .filter(|p| atlas.group(p.group).id == group)
            .map(|p| p.period.to.unwrap_or(p.period.from))
            .filter(|d| last.is_none_or(|last| d.end() <= last))
            .max_by_key(|d| (d.end(), d.start))
            .unwrap()
            .to_string()
    };
    let dir = scratch("as-of");
    for (group, to) in [
        ("NRF", None),
        ("AFF", None),
        ("ISKP", None),
        ("NRF", Some("2022-06")),
    ] {
        let out = dir.join(format!("{group}-{}.svg", to.unwrap_or("all")));
        let mut args = vec!["export", "--groups", group, "--out", out.to_str().unwrap()];
        if let Some(to) = to {
            args.extend(["--to", to]);
        }
        let output = run::atlas(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let svg = std::fs::read_to_string(&out).unwrap();
        let last = to.map(|t| resistance_atlas::data::Date::parse(t).unwrap().end());
        let expected = newest(group, last);
        // A record running past --to is shown up to --to's last day.
        let running_past = last.is_some_and(|last| {
            atlas.presence.iter().any(|p| {
                atlas.group(p.group).id == group
                    && p.period.overlaps(resistance_atlas::state::TIME_START, last)
                    && p.period.to.unwrap_or(p.period.from).end() > last
            })
        });
        if running_past {
            assert_eq!(
                data_as_of(&svg),
                last.unwrap().to_string(),
                "{group} to {to:?}"
            );
        } else {
            assert_eq!(data_as_of(&svg), expected, "{group} to {to:?}");
        }
    }
}

#[test]
fn a_grade_floor_narrows_the_export_and_its_footer_says_so() {
    let dir = scratch("min-grade");
    let all = dir.join("all.svg");
    let graded = dir.join("graded.svg");
    let output = atlas(&["export", "--out", all.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = atlas(&[
        "export",
        "--min-grade",
        "B3",
        "--out",
        graded.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let all = std::fs::read_to_string(&all).unwrap();
    let graded = std::fs::read_to_string(&graded).unwrap();
    assert!(
        all.contains("Evidence shown: all records"),
        "footer: every record"
    );
    assert!(graded.contains("Evidence shown: records graded B3 or better"));
    assert!(all.contains("NRF — 20 provinces"));
    assert!(
        !graded.contains("NRF — 20 provinces"),
        "fewer NRF provinces rest on B3 or better"
    );

    let output = atlas(&["export", "--min-grade", "Z9", "--out", "x.svg"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--min-grade"),
        "{}",
        stderr(&output)
    );
}
