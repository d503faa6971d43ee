//! Every spelling in the research notes (BOUNDARIES.md) resolves to the right province.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use resistance_atlas::data::{LookupError, load_embedded};

/// (spelling, ISO code), from BOUNDARIES.md: the sources' own fields and news usage.
const SPELLINGS: &[(&str, &str)] = &[
    ("Herat", "AF-HER"),
    ("Hirat", "AF-HER"),
    ("Helmand", "AF-HEL"),
    ("Hilmand", "AF-HEL"),
    ("Hilmend", "AF-HEL"),
    ("Nimroz", "AF-NIM"),
    ("Nimruz", "AF-NIM"),
    ("Nimrooz", "AF-NIM"),
    ("Nimroze", "AF-NIM"),
    ("Neemroze", "AF-NIM"),
    ("Chakhansur", "AF-NIM"),
    ("Nimrouz", "AF-NIM"),
    ("Sar-e Pol", "AF-SAR"),
    ("Sari Pul", "AF-SAR"),
    ("Sar-e Pul", "AF-SAR"),
    ("Saripol", "AF-SAR"),
    ("Sar-i Pul", "AF-SAR"),
    ("Daykundi", "AF-DAY"),
    ("Dāykundī", "AF-DAY"),
    ("Daikundi", "AF-DAY"),
    ("Daikondi", "AF-DAY"),
    ("Uruzgan", "AF-URU"),
    ("Urozgan", "AF-URU"),
    ("Urōzgān", "AF-URU"),
    ("Oruzgan", "AF-URU"),
    ("Orozgan", "AF-URU"),
    ("Paktia", "AF-PIA"),
    ("Paktya", "AF-PIA"),
    ("Paktiya", "AF-PIA"),
    ("Paktika", "AF-PKA"),
    ("Panjshir", "AF-PAN"),
    ("Panjshayr", "AF-PAN"),
    ("Panjsher", "AF-PAN"),
    ("Panjsheer", "AF-PAN"),
    ("Nuristan", "AF-NUR"),
    ("Nooristan", "AF-NUR"),
    ("Nurestan", "AF-NUR"),
    ("Jowzjan", "AF-JOW"),
    ("Jawzjan", "AF-JOW"),
    ("Jozjan", "AF-JOW"),
    ("Juzjan", "AF-JOW"),
    ("Jaozjan", "AF-JOW"),
    ("Jouzjan", "AF-JOW"),
    ("Wardak", "AF-WAR"),
    ("Maidan Wardak", "AF-WAR"),
    ("Verdak", "AF-WAR"),
    ("Wardag", "AF-WAR"),
    ("Maydan Wardak", "AF-WAR"),
    ("Vardak", "AF-WAR"),
    ("Kunduz", "AF-KDZ"),
    ("Qunduz", "AF-KDZ"),
    ("Qonduz", "AF-KDZ"),
    ("Kondoz", "AF-KDZ"),
    ("Kunar", "AF-KNR"),
    ("Konarha", "AF-KNR"),
    ("Kunarha", "AF-KNR"),
    ("Konar", "AF-KNR"),
    ("Kabul", "AF-KAB"),
    ("Kabol", "AF-KAB"),
    ("Kaboul", "AF-KAB"),
    ("Cabul", "AF-KAB"),
    ("Kandahar", "AF-KAN"),
    ("Qandahar", "AF-KAN"),
    ("Ghor", "AF-GHO"),
    ("Ghur", "AF-GHO"),
    ("Gawr", "AF-GHO"),
    ("Ghore", "AF-GHO"),
    ("Ghour", "AF-GHO"),
    ("Ghowr", "AF-GHO"),
    ("Badghis", "AF-BDG"),
    ("Badghes", "AF-BDG"),
    ("Badgis", "AF-BDG"),
    ("Badghisat", "AF-BDG"),
    ("Baghlan", "AF-BGL"),
    ("Baglan", "AF-BGL"),
    ("Bughlan", "AF-BGL"),
    ("Logar", "AF-LOG"),
    ("Lawghar", "AF-LOG"),
    ("Loghar", "AF-LOG"),
    ("Lowgar", "AF-LOG"),
    ("Zabul", "AF-ZAB"),
    ("Zubul", "AF-ZAB"),
    ("Zaboul", "AF-ZAB"),
    ("Zabol", "AF-ZAB"),
    ("Nangarhar", "AF-NAN"),
    ("Ningrahar", "AF-NAN"),
    ("Ningarhar", "AF-NAN"),
    ("Nangrahar", "AF-NAN"),
    ("Faryab", "AF-FYB"),
    ("Fariab", "AF-FYB"),
    ("Ghazni", "AF-GHA"),
    ("Gazni", "AF-GHA"),
    ("Kapisa", "AF-KAP"),
    ("Kapesa", "AF-KAP"),
    ("Laghman", "AF-LAG"),
    ("Lagman", "AF-LAG"),
    ("Takhar", "AF-TAK"),
    ("Takar", "AF-TAK"),
    ("Badakhshan", "AF-BDS"),
    ("Badahšan", "AF-BDS"),
    ("Balkh", "AF-BAL"),
    ("Balh", "AF-BAL"),
    ("Bamyan", "AF-BAM"),
    ("Bamiyan", "AF-BAM"),
    ("Bamian", "AF-BAM"),
    ("Khost", "AF-KHO"),
    ("Khowst", "AF-KHO"),
    ("Farah", "AF-FRA"),
    ("Samangan", "AF-SAM"),
    ("Parwan", "AF-PAR"),
];

#[test]
fn every_listed_spelling_resolves_to_its_province() {
    let atlas = load_embedded();
    for (spelling, code) in SPELLINGS {
        let province = atlas
            .gazetteer
            .resolve(spelling)
            .unwrap_or_else(|err| panic!("{spelling}: {err}"));
        assert_eq!(&atlas.province(province).code, code, "{spelling}");
    }
}

#[test]
fn normalisation_ignores_case_accents_hyphens_and_titles() {
    let atlas = load_embedded();
    for spelling in [
        "wilayat-e daykundi",
        "DAYKUNDI PROVINCE",
        "Velayat Daykundi",
        "day-kundi",
    ] {
        let province = atlas.gazetteer.resolve(spelling).expect(spelling);
        assert_eq!(atlas.province(province).code, "AF-DAY");
    }
}

#[test]
fn city_names_are_not_province_names() {
    let atlas = load_embedded();
    for city in [
        "Mazar-i-Sharif",
        "Maimana",
        "Shibarghan",
        "Charikar",
        "Girishk",
        "Southern Province",
    ] {
        assert!(
            atlas.gazetteer.resolve(city).is_err(),
            "{city} should not resolve"
        );
    }
}

#[test]
fn an_unknown_name_is_a_typed_error_with_suggestions() {
    let atlas = load_embedded();
    let err = atlas.gazetteer.resolve("Kandahaar").expect_err("misspelt");
    match &err {
        LookupError::Unknown { input, suggestions } => {
            assert_eq!(input, "Kandahaar");
            assert_eq!(suggestions.first().map(String::as_str), Some("Kandahar"));
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "unknown province \"Kandahaar\"; did you mean Kandahar?"
    );
}
