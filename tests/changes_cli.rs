//! `resistance-atlas changes` as a script uses it: a hand-built data set where each kind of
//! change occurs once, the CSV's shape and order, `--out` without clobbering, and the `before`
//! and `after` columns checked against what `export` draws for the same period.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{collections::BTreeSet, path::Path};

mod run;
use run::{atlas, scratch, text};

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/changes/atlas.json")
        .display()
        .to_string()
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn each_kind_of_change_occurs_once_in_the_hand_built_data() {
    let data = fixture();
    let output = atlas(&[
        "changes",
        "--before",
        "2024",
        "--after",
        "2025-01..2025-12",
        "--data",
        &data,
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    assert_eq!(
        rows(&csv),
        vec![
            vec![
                "iso_3166_2",
                "province",
                "group",
                "before",
                "after",
                "change"
            ],
            vec!["AF-GHO", "Ghor", "NRF", "reported", "none", "gone"],
            vec!["AF-HER", "Herat", "NRF", "none", "claimed_attacks", "new"],
            vec![
                "AF-KAB",
                "Kabul",
                "NRF",
                "reported",
                "stronghold",
                "stronger"
            ],
            vec![
                "AF-KAN",
                "Kandahar",
                "AFF",
                "verified_attacks",
                "claimed_attacks",
                "weaker"
            ],
            vec![
                "AF-PAN",
                "Panjshir",
                "NRF",
                "stronghold",
                "stronghold",
                "same"
            ],
        ],
        "{csv}"
    );
    let summary = text(&output.stderr);
    assert!(
        summary.contains("Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025")
            && summary.contains("1 new, 1 gone, 1 stronger, 1 weaker, 1 same (5 rows)"),
        "{summary}"
    );
}

#[test]
fn a_grade_floor_changes_the_after_column_as_on_the_map() {
    let data = fixture();
    let output = atlas(&[
        "changes",
        "--before",
        "2024",
        "--after",
        "2025",
        "--data",
        &data,
        "--min-grade",
        "B3",
        "--groups",
        "nrf",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    let kabul: Vec<Vec<String>> = rows(&csv)
        .into_iter()
        .filter(|r| r[0] == "AF-KAB")
        .collect();
    // The B5 stronghold is below the floor; the UN-verified attacks remain.
    assert_eq!(
        kabul,
        vec![vec![
            "AF-KAB",
            "Kabul",
            "NRF",
            "reported",
            "verified_attacks",
            "stronger"
        ]]
    );
    assert!(!csv.contains("AFF"), "only NRF is shown: {csv}");
    // Periods the other way round: what was there in 2025 is gone by 2024.
    let reversed = atlas(&[
        "changes", "--before", "2025", "--after", "2024", "--data", &data,
    ]);
    let csv = text(&reversed.stdout);
    assert!(
        csv.contains("AF-HER,Herat,NRF,claimed_attacks,none,gone"),
        "{csv}"
    );
    assert!(csv.contains("AF-GHO,Ghor,NRF,none,reported,new"), "{csv}");
}

#[test]
fn out_writes_the_file_and_never_replaces_one_without_force() {
    let dir = scratch("out");
    let out = dir.join("changes.csv");
    let out_text = out.to_str().unwrap();
    let data = fixture();
    let args = [
        "changes", "--before", "2024", "--after", "2025", "--data", &data, "--out", out_text,
    ];
    let first = atlas(&args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(first.stdout.is_empty(), "the CSV goes to the file");
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.starts_with("iso_3166_2,province,group,before,after,change\n"));
    assert_eq!(written.lines().count(), 6);

    std::fs::write(&out, "mine").unwrap();
    let again = atlas(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("add --force"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "mine",
        "not replaced"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert!(atlas(&forced).status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);

    let over_input = atlas(&[
        "changes", "--before", "2024", "--after", "2025", "--data", &data, "--out", &data,
        "--force",
    ]);
    assert_eq!(
        over_input.status.code(),
        Some(1),
        "never over the data read"
    );
}

#[test]
fn mistakes_name_the_flag() {
    for (before, after, needle) in [
        ("2025..2024", "2025", "--before: \"2025..2024\" ends"),
        ("2024", "2025-13", "--after: the month of \"2025-13\""),
        ("2024..", "2025", "--before: \"2024..\" is not a period"),
    ] {
        let output = atlas(&["changes", "--before", before, "--after", after]);
        assert_eq!(output.status.code(), Some(1));
        let message = text(&output.stderr);
        assert!(message.contains(needle), "{message}");
    }
    let output = atlas(&[
        "changes", "--before", "2024", "--after", "2025", "--groups", "XYZ",
    ]);
    assert!(text(&output.stderr).contains("unknown group \"XYZ\""));
}

/// `(province, group) → evidence` of the overlays an exported SVG draws: each
/// `<g id="overlay-G" data-group="G">` holds `<path data-province="AF-…" data-evidence="…">`.
fn overlay_marks(svg: &str) -> BTreeSet<(String, String, String)> {
    let mut marks = BTreeSet::new();
    for chunk in svg.split("<g id=\"overlay-").skip(1) {
        let group = chunk.split('"').next().unwrap().to_owned();
        let body = &chunk[..chunk.find("</g>").unwrap()];
        for path in body.split("<path ").skip(1) {
            let attr = |name: &str| {
                let at = path.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                path[at..].split('"').next().unwrap().to_owned()
            };
            marks.insert((attr("data-province"), group.clone(), attr("data-evidence")));
        }
    }
    marks
}

/// The `d` of the province's bare path (`<path id="AF-KAB" … d="…">`).
fn province_outline<'a>(svg: &'a str, province: &str) -> &'a str {
    let at = svg.find(&format!("<path id=\"{province}\"")).unwrap();
    let rest = &svg[at..];
    let d = rest.find(" d=\"").unwrap() + 4;
    rest[d..].split('"').next().unwrap()
}

/// `(province, group) → evidence` of the rows' `before` (column 3) or `after` (column 4).
fn column(csv: &str, index: usize) -> BTreeSet<(String, String, String)> {
    rows(csv)
        .into_iter()
        .skip(1)
        .filter(|r| r[index] != "none")
        .map(|r| (r[0].clone(), r[2].clone(), r[index].clone()))
        .collect()
}

#[test]
fn before_and_after_agree_with_what_export_draws_for_every_group_and_a_grade_floor() {
    let dir = scratch("agree");
    // Rows resting only on E/F sources are drawn as dotted outlines, not overlays: they are the
    // rows the overlays lack, and this data set has such rows, so the comparison covers both.
    let mut dotted_rows = 0;
    for floor in [None, Some("B3")] {
        let grade: Vec<&str> = floor.map_or(vec![], |g| vec!["--min-grade", g]);
        let mut args = vec![
            "changes",
            "--before",
            "2024-01..2024-12",
            "--after",
            "2025-01..2025-12",
            "--groups",
            "all,ISKP",
        ];
        args.extend(&grade);
        let changes = atlas(&args);
        assert!(changes.status.success(), "{}", text(&changes.stderr));
        let csv = text(&changes.stdout);
        for (index, (from, to)) in [(3, ("2024-01", "2024-12")), (4, ("2025-01", "2025-12"))] {
            let out = dir.join(format!("{index}-{}.svg", floor.unwrap_or("all")));
            let mut args = vec![
                "export",
                "--groups",
                "all,ISKP",
                "--from",
                from,
                "--to",
                to,
                "--out",
                out.to_str().unwrap(),
            ];
            args.extend(&grade);
            let export = atlas(&args);
            assert!(export.status.success(), "{}", text(&export.stderr));
            let svg = std::fs::read_to_string(&out).unwrap();
            let drawn = overlay_marks(&svg);
            let listed = column(&csv, index);
            assert!(!drawn.is_empty(), "the export draws marks");
            assert!(
                drawn.is_subset(&listed),
                "drawn but not listed ({floor:?}, column {index}): {:?}",
                drawn.difference(&listed).collect::<Vec<_>>()
            );
            // The rest are the dotted (E/F-only) marks: a dotted outline in the province.
            for (province, group, _) in listed.difference(&drawn) {
                dotted_rows += 1;
                let outline = province_outline(&svg, province);
                let dotted = svg
                    .split("<path ")
                    .filter(|p| p.contains("stroke-dasharray=\"0 "))
                    .any(|p| p.contains(&format!("d=\"{outline}\"")));
                assert!(dotted, "{group} in {province} is a dotted outline");
            }
        }
    }
    assert!(dotted_rows > 0, "the built-in data has E/F-only rows");
}

#[test]
fn export_draws_the_change_map_with_a_mark_for_every_change_listed() {
    let dir = scratch("map");
    let changes = atlas(&[
        "changes", "--before", "2024", "--after", "2025", "--groups", "all,ISKP",
    ]);
    assert!(changes.status.success(), "{}", text(&changes.stderr));
    let csv = text(&changes.stdout);
    let svg_path = dir.join("change.svg");
    let export = atlas(&[
        "export",
        "--before",
        "2024",
        "--after",
        "2025",
        "--groups",
        "all,ISKP",
        "--out",
        svg_path.to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("What changed: Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025"));
    assert!(
        svg.contains("(before) and ") && svg.contains(" (after)"),
        "data as of both"
    );
    // One badge per change but "same", naming province, group and change.
    let mut listed = BTreeSet::new();
    for row in rows(&csv).into_iter().skip(1) {
        if row[5] != "same" {
            listed.insert((row[0].clone(), row[2].clone(), row[5].clone()));
        }
    }
    let marked: BTreeSet<(String, String, String)> = svg
        .split("<g class=\"change\" ")
        .skip(1)
        .map(|badge| {
            let attr = |name: &str| {
                let at = badge.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                badge[at..].split('"').next().unwrap().to_owned()
            };
            (
                attr("data-province"),
                attr("data-group"),
                attr("data-change"),
            )
        })
        .collect();
    assert!(!listed.is_empty());
    assert_eq!(marked, listed);
    // Gone groups are dashed outlines; the after period's fills are the overlays.
    for (province, group, _) in listed.iter().filter(|(_, _, c)| c == "gone") {
        assert!(
            svg.contains(&format!(
                "data-province=\"{province}\" data-group=\"{group}\" data-last-reported"
            )),
            "{group} gone from {province} is outlined"
        );
    }
    let png = dir.join("change.png");
    let export = atlas(&[
        "export",
        "--before",
        "2024",
        "--after",
        "2025",
        "--size",
        "1280x720",
        "--out",
        png.to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let refused = atlas(&[
        "export",
        "--before",
        "2024",
        "--after",
        "2025",
        "--from",
        "2024",
        "--out",
        png.to_str().unwrap(),
    ]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "--from has no place in a change map"
    );
}
