//! No missing glyphs: every character the app can show is drawn by the fonts it bundles (egui's
//! own — Ubuntu Light, Noto Emoji, the emoji icon font, Hack — and DejaVu Sans as the fallback,
//! see `src/fonts.rs`). Three sources of text are checked:
//!
//! - every label and value of the accessible tree, with the app walked through its tabs,
//!   drawers, windows and presentation mode (what egui lays out as widgets);
//! - every character in the program's text outside comments (what is painted directly: names on
//!   the map, legend keys, the slide number and key hints, buttons like ⏸ ▶ ✕ ↑ ↓);
//! - every string of the built-in data (names, records, sources, notes).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::collections::BTreeMap;

use egui::{FontFamily, FontId, Key, Modifiers, vec2};
use egui_kittest::{
    Harness,
    kittest::{NodeT as _, Queryable as _},
};
use resistance_atlas::{AtlasApp, data::load_embedded, state::ContextTab};

/// Characters that are not drawn as glyphs (layout only).
fn is_layout(c: char) -> bool {
    c.is_control() || c == '\u{200b}' || c == '\u{feff}'
}

/// The characters of `text` the fonts of `family` lack, noted in `missing` with where they were
/// found.
fn note_missing(
    harness: &Harness<'_, AtlasApp>,
    family: &FontFamily,
    text: &str,
    whence: &str,
    missing: &mut BTreeMap<char, String>,
) {
    let font = FontId::new(14.0, family.clone());
    for c in text.chars().filter(|c| !is_layout(*c)) {
        if missing.contains_key(&c) {
            continue;
        }
        if !harness.ctx.fonts_mut(|f| f.has_glyph(&font, c)) {
            missing.insert(c, format!("{whence}: {text:.80}"));
        }
    }
}

/// The labels and values of every node of the accessible tree.
fn shown_text(harness: &Harness<'_, AtlasApp>) -> Vec<String> {
    harness
        .query_all_by_label_contains("")
        .flat_map(|node| {
            let node = node.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect()
}

fn harness_at(size: egui::Vec2) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        // Entering presentation after other windows re-rasters the whole map: give it time.
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    harness.run();
    harness
}

#[test]
fn every_string_the_ui_shows_is_covered_by_the_bundled_fonts() {
    let mut harness = harness_at(vec2(1600.0, 1000.0));
    let mut missing = BTreeMap::new();
    let mut check = |harness: &mut Harness<'_, AtlasApp>, state: &str| {
        if let Err(error) = harness.try_run() {
            panic!("{state}: {error}");
        }
        for text in shown_text(harness) {
            note_missing(
                harness,
                &FontFamily::Proportional,
                &text,
                state,
                &mut missing,
            );
        }
    };
    check(&mut harness, "at start");
    for tab in ["Group", "Sources", "Slides", "Province"] {
        harness.get_all_by_label(tab).next().unwrap().click();
        check(&mut harness, tab);
    }
    for tab in ContextTab::ALL {
        harness
            .get_all_by_label(tab.label())
            .next()
            .unwrap()
            .click();
        check(&mut harness, tab.label());
    }
    harness.get_by_label("Kabul").click();
    check(&mut harness, "Kabul's card");
    harness.get_by_label("About").click();
    check(&mut harness, "About");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    check(&mut harness, "Export");
    harness.key_press(Key::Escape);
    harness.key_press(Key::F5);
    check(&mut harness, "presentation");
    assert!(missing.is_empty(), "glyphs missing: {missing:#?}");
}

#[test]
fn every_character_in_the_programs_text_and_data_is_covered_by_the_bundled_fonts() {
    let harness = harness_at(vec2(800.0, 600.0));
    let mut missing = BTreeMap::new();
    // The program's own text: every line of source outside comments (string literals, mostly).
    let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for (number, line) in source.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") || !code.contains('"') {
                continue;
            }
            let whence = format!("{}:{}", path.display(), number + 1);
            note_missing(
                &harness,
                &FontFamily::Proportional,
                code,
                &whence,
                &mut missing,
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} lines of text read");
    // The built-in data: every string in it.
    let data = include_str!("../assets/atlas.json");
    let value: serde_json::Value = serde_json::from_str(data).unwrap();
    let mut strings = Vec::new();
    collect_strings(&value, &mut strings);
    assert!(
        strings.len() > 500,
        "only {} strings in the data",
        strings.len()
    );
    for text in &strings {
        note_missing(
            &harness,
            &FontFamily::Proportional,
            text,
            "atlas.json",
            &mut missing,
        );
    }
    let atlas = load_embedded();
    for province in &atlas.provinces {
        note_missing(
            &harness,
            &FontFamily::Proportional,
            &province.name,
            "provinces",
            &mut missing,
        );
    }
    assert!(missing.is_empty(), "glyphs missing: {missing:#?}");
}

fn collect_strings(value: &serde_json::Value, into: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => into.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, into)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                into.push(key.clone());
                collect_strings(v, into);
            }
        }
        _ => {}
    }
}
