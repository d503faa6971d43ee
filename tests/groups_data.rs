//! The groups data set: loads cleanly, cites real sources, says what the research says, keeps
//! claims apart from verified facts, and turns bad input into problems rather than panics.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use resistance_atlas::{
    data::{Day, EventStatus, Evidence, NamedText, load, load::EMBEDDED_BOUNDARIES, load_embedded},
    scene,
    state::{Filters, TimeFilter},
};

#[test]
fn every_record_cites_at_least_one_existing_source() {
    let atlas = load_embedded();
    assert!(atlas.problems.is_empty(), "{:#?}", atlas.problems);
    let exists =
        |ids: &[String]| !ids.is_empty() && ids.iter().all(|id| atlas.sources.contains_key(id));
    assert!(atlas.groups.iter().all(|g| exists(&g.sources)));
    assert!(atlas.presence.iter().all(|p| exists(&p.sources)));
    assert!(atlas.events.iter().all(|e| exists(&e.sources)));
    assert!(atlas.relationships.iter().all(|r| exists(&r.sources)));
    assert!(
        atlas
            .claims
            .iter()
            .all(|c| atlas.sources.contains_key(&c.source))
    );
}

#[test]
fn the_groups_named_in_the_research_are_all_there() {
    let atlas = load_embedded();
    for id in [
        "NRF", "AFF", "ANDSF", "ALM", "NLF", "BALKHAB", "AUF", "APLM", "SCNR", "ISKP",
    ] {
        assert!(atlas.group_by_id(id).is_some(), "{id}");
    }
    let scnr = atlas.group_by_id("SCNR").unwrap();
    assert!(
        atlas.presence.iter().all(|p| p.group != scnr),
        "the political council has no provinces"
    );
}

#[test]
fn nrf_holds_panjshir_and_has_20_un_verified_attacks_in_kabul_feb_to_may_2024() {
    let atlas = load_embedded();
    let nrf = atlas.group_by_id("NRF").unwrap();
    let province = |code: &str| atlas.province_by_code(code).unwrap();
    assert!(atlas.presence.iter().any(|p| p.group == nrf
        && p.province == province("AF-PAN")
        && p.evidence == Evidence::Stronghold));
    let kabul = atlas
        .presence
        .iter()
        .find(|p| {
            p.group == nrf
                && p.province == province("AF-KAB")
                && p.evidence == Evidence::VerifiedAttacks
        })
        .expect("NRF's verified attacks in Kabul");
    assert_eq!(kabul.count, Some(20));
    assert_eq!(kabul.period.from.start, Day::new(2024, 2, 1).unwrap());
    assert_eq!(
        kabul.period.to.map(|d| d.end()),
        Some(Day::new(2024, 5, 13).unwrap())
    );
}

#[test]
fn aff_claimed_the_kabul_airport_attack_of_20_october_2024() {
    let atlas = load_embedded();
    let aff = atlas.group_by_id("AFF").unwrap();
    let kabul = atlas.province_by_code("AF-KAB").unwrap();
    let event = atlas
        .events
        .iter()
        .find(|e| e.actor == Some(aff) && e.date.start == Day::new(2024, 10, 20).unwrap())
        .expect("the 20 Oct 2024 event");
    assert_eq!(event.status, EventStatus::Claimed);
    assert!(event.provinces.contains(&kabul));
    assert!(event.summary.to_lowercase().contains("airport"));
}

#[test]
fn iskp_core_is_nangarhar_and_kunar() {
    let atlas = load_embedded();
    let iskp = atlas.group_by_id("ISKP").unwrap();
    for code in ["AF-NAN", "AF-KNR"] {
        let province = atlas.province_by_code(code).unwrap();
        assert!(
            atlas.presence.iter().any(|p| p.group == iskp
                && p.province == province
                && p.evidence == Evidence::Stronghold),
            "{code}"
        );
    }
}

#[test]
fn the_articles_unconfirmed_figures_stay_claims() {
    let atlas = load_embedded();
    let claim = |needle: &str| {
        atlas
            .claims
            .iter()
            .find(|c| c.text.contains(needle))
            .unwrap_or_else(|| panic!("a claim containing {needle:?}"))
    };
    assert_eq!(claim("207").status.label(), "unverified");
    assert_eq!(claim("twenty provinces").status.label(), "unverified");
    assert_eq!(atlas.sources[&claim("207").source].kind.label(), "article");
}

#[test]
fn with_the_range_ending_on_1_january_2022_aff_shows_no_province() {
    let atlas = load_embedded();
    let filters = Filters {
        visible_groups: Some(scene::resistance_groups(&atlas)),
        time: TimeFilter {
            all_time: false,
            from: Day::month_start(2021, 8),
            to: Day::month_start(2022, 1),
        },
        ..Default::default()
    };
    let scene = scene::build(&atlas, &filters, None);
    let aff = atlas.group_by_id("AFF").unwrap();
    assert!(scene.marks.iter().flatten().all(|m| m.group != aff));
    let aff_entry = scene.legend.iter().find(|e| e.group == aff).unwrap();
    assert_eq!(aff_entry.province_count, 0);
    // NRF was already active then (Panjshir).
    let nrf = atlas.group_by_id("NRF").unwrap();
    assert!(scene.marks.iter().flatten().any(|m| m.group == nrf));
}

#[test]
fn a_province_shows_its_strongest_evidence() {
    let atlas = load_embedded();
    let filters = Filters {
        visible_groups: Some(["NRF".to_owned()].into()),
        ..Default::default()
    };
    let scene = scene::build(&atlas, &filters, None);
    let panjshir = atlas.province_by_code("AF-PAN").unwrap();
    assert_eq!(scene.marks[panjshir.0][0].evidence, Evidence::Stronghold);
}

#[test]
fn a_file_with_an_unknown_spelling_or_source_yields_problems_not_a_panic() {
    let text = r#"{"schema_version":1,
        "sources":[{"id":"s","title":"T","publisher":"P","date":null,"url":null,"kind":"media","reliability":"C"}],
        "groups":[{"id":"G","name":"Group","kind":"armed_resistance","summary":"x","sources":["s"]}],
        "presence":[
            {"group":"G","province":"Panjshirr","evidence":"reported","count":null,"from":"2022","to":null,"note":null,"sources":["s"],"credibility":3},
            {"group":"G","province":"Kabol","evidence":"reported","count":null,"from":"2022","to":null,"note":null,"sources":["nope"],"credibility":3},
            {"group":"X","province":"Kabul","evidence":"reported","count":null,"from":"2022","to":null,"note":null,"sources":["s"],"credibility":3},
            {"group":"G","province":"Kabul","evidence":"reported","count":null,"from":"2023-02-30","to":null,"note":null,"sources":["s"],"credibility":3},
            {"group":"G","province":"Kabul","evidence":"reported","count":null,"from":"2023","to":"2022","note":null,"sources":["s"],"credibility":3}
        ]}"#;
    let atlas = load(
        NamedText {
            name: "provinces.geojson",
            text: EMBEDDED_BOUNDARIES,
        },
        NamedText {
            name: "mine.json",
            text,
        },
    );
    let messages: Vec<String> = atlas.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(messages[0].starts_with("unknown province \"Panjshirr\"; did you mean Panjshir?"));
    assert!(messages[0].ends_with("(at presence[0].province in mine.json)"));
    assert!(messages[1].contains("unknown source id \"nope\" (at presence[1].sources[0]"));
    assert!(messages[2].contains("unknown group id \"X\""));
    assert!(messages[3].contains("not a day of that month (at presence[3].from"));
    assert!(messages[4].contains("ends (2022) before it starts (2023)"));
    // A record left without a known source is not shown.
    assert!(atlas.presence.is_empty());
}
