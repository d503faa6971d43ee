//! Actor names → the atlas's groups: the built-in aliases, spelling tolerance, the user's own
//! mappings saved and loaded, and an event set re-mapped after a change.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use resistance_atlas::data::{
    events::{ALIASES_FILE_NAME, ActorAliases, ActorMatcher, EventContext, read_events},
    load_embedded,
};

#[test]
fn built_in_aliases_name_the_atlas_groups_in_acled_and_ged_spellings() {
    let atlas = load_embedded();
    let matcher = ActorMatcher::new(&ActorAliases::default(), &atlas);
    assert!(
        matcher.unknown_groups.is_empty(),
        "{:?}",
        matcher.unknown_groups
    );
    let group = |name: &str| {
        let set = matcher.groups_of(name);
        set.iter()
            .map(|g| atlas.group(g).id.clone())
            .collect::<Vec<_>>()
    };
    for nrf in [
        "NRF: National Resistance Front of Afghanistan",
        "National Resistance Front",
        "national  resistance front",
        "NRF",
    ] {
        assert_eq!(group(nrf), ["NRF"], "{nrf}");
    }
    assert_eq!(group("AFF: Afghanistan Freedom Front"), ["AFF"]);
    for iskp in [
        "Islamic State (Khorasan Province)",
        "Islamic State Khorasan Province",
        "IS-K",
        "ISKP",
        "is k",
        "Islamic State (Afghanistan)",
        "IS",
    ] {
        assert_eq!(group(iskp), ["ISKP"], "{iskp}");
    }
    // Every group's own names and abbreviations match without an alias.
    assert_eq!(group("Afghanistan Liberation Movement"), ["ALM"]);
    assert_eq!(group("Jabha-ye Azadi-ye Afghanistan"), ["AFF"]);
    assert!(group("Taliban").is_empty());
    assert!(group("Military Forces of Afghanistan (2021-)").is_empty());
    assert!(group("").is_empty());
}

#[test]
fn user_mappings_are_saved_loaded_and_re_map_an_event_set() {
    let atlas = load_embedded();
    let dir = std::env::temp_dir().join(format!("atlas-aliases-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    assert_eq!(
        ActorAliases::load_or_default(&dir).expect("default"),
        ActorAliases::default(),
        "no file yet: the built-in table"
    );

    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events/acled-iso.csv");
    let aliases = ActorAliases::default();
    let context = EventContext::new(&atlas, &aliases);
    let mut set = read_events(&fixture, &context, |_| true).expect("read");
    let unmapped = set.unmapped_actors(&context.actors);
    let (top, events) = unmapped[0];
    assert_eq!(top, "Taliban", "the most frequent unmapped actor first");
    assert!(events > 0);
    assert!(unmapped.windows(2).all(|w| w[0].1 >= w[1].1), "by count");
    let cfa = "Civilians (Afghanistan)";
    assert!(unmapped.iter().any(|(name, _)| *name == cfa));

    // The user maps an actor to a group in one click; the table is saved and read back.
    let mut edited = aliases.clone();
    edited.set(cfa, Some("ANDSF"));
    edited.set("nrf", None);
    let path = dir.join(ALIASES_FILE_NAME);
    edited.save(&path).expect("saved");
    let loaded = ActorAliases::load_or_default(&dir).expect("loaded");
    assert_eq!(loaded, edited);
    assert_eq!(loaded.aliases.get(cfa).map(String::as_str), Some("ANDSF"));
    assert!(
        !loaded.aliases.contains_key("NRF"),
        "removed case-insensitively"
    );

    let andsf = atlas.group_by_id("ANDSF").expect("ANDSF");
    let before = set.groups.iter().filter(|g| g.contains(andsf)).count();
    let matcher = ActorMatcher::new(&loaded, &atlas);
    set.remap_groups(&matcher);
    let after = set.groups.iter().filter(|g| g.contains(andsf)).count();
    let hit = set.targets.iter().filter(|g| g.contains(andsf)).count();
    // Since issue 19 the acting side (actor1, assoc_actor_1) counts for a group and the other
    // side (actor2, assoc_actor_2) is its target, as for the atlas's own events.
    let naming = |side: usize| {
        (0..set.len())
            .filter(|&i| {
                let sides = set.actors_by_side(i);
                let actors = if side == 0 { sides.0 } else { sides.1 };
                actors.iter().any(|a| set.actor_name(*a) == cfa)
            })
            .count()
    };
    assert_eq!(before, 0);
    assert_eq!(
        after,
        naming(0),
        "every event where the actor acts now counts for ANDSF"
    );
    assert_eq!(
        hit,
        naming(1),
        "and every event where it is hit is ANDSF's as target"
    );
    assert!(after + hit > 0);
    assert!(!set.unmapped_actors(&matcher).iter().any(|(n, _)| *n == cfa));

    std::fs::write(&path, "{\"aliases\": [1, 2]}").expect("write");
    let error = ActorAliases::load(&path)
        .expect_err("not a table")
        .to_string();
    assert!(
        error.contains(ALIASES_FILE_NAME) && error.contains("line 1"),
        "{error}"
    );

    let mut unknown = ActorAliases::default();
    unknown.set("Some Front", Some("NOPE"));
    let matcher = ActorMatcher::new(&unknown, &atlas);
    assert_eq!(
        matcher.unknown_groups,
        vec![("Some Front".to_owned(), "NOPE".to_owned())]
    );
}
