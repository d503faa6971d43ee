//! `atlas.json` → sources and province facts, resolved against the provinces and checked.
//!
//! The format is documented in docs/DATA.md. Each record is read on its own, so one bad record
//! costs only itself; every problem names its JSON path. Province names go through the
//! [`Gazetteer`], so any common spelling works.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::files::shown;

use super::{
    Atlas,
    context::{
        CountryLabel, Era, HistoryEvent, Indicator, RegionItem, RepatriationPhase, Returns,
        SourcedNote,
    },
    date::{Date, Period, Precision},
    gazetteer::Gazetteer,
    grade::{Credibility, Reliability},
    model::{Population, ProvinceFacts, ProvinceIdx, Source, SourceKind, Sourced},
    problems::Problem,
    records::{
        Attributed, Claim, Event, EventStatus, Evidence, Group, GroupIdx, GroupKind, Leader,
        Presence, Relationship, RelationshipStatus,
    },
};

/// The `schema_version` this build writes and the newest it reads.
pub const SCHEMA_VERSION: u64 = 2;
/// The oldest `schema_version` this build still reads. Version 1 files have no presence
/// `last_reported`/`event_ids`, no event `id`/`actor`/`target` (an event's `group` is read as
/// its actor) and no `according_to`; they load with one notice.
pub const OLDEST_SCHEMA_VERSION: u64 = 1;

/// What `atlas.json` contributes: the atlas's records (an [`Atlas`] with everything but the
/// provinces, their gazetteer and the problems, which the loader adds) and each province's facts.
#[derive(Clone, Debug, Default)]
pub struct AtlasFile {
    /// Sources, groups, presence, events, relationships, claims, indicators, history, region and
    /// country labels.
    pub records: Atlas,
    /// Facts by province.
    pub facts: BTreeMap<ProvinceIdx, ProvinceFacts>,
}

#[derive(serde::Deserialize)]
struct RawIndicator {
    id: String,
    code: Option<String>,
    name: String,
    unit: String,
    definition: String,
    source: String,
    licence: Option<String>,
    note: Option<String>,
    values: BTreeMap<String, f64>,
}

#[derive(serde::Deserialize)]
struct RawEra {
    name: String,
    from: String,
    to: Option<String>,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RawHistoryEvent {
    date: String,
    title: String,
    summary: String,
    #[serde(default)]
    provinces: Vec<String>,
    place: Option<String>,
    #[serde(default)]
    unverified: bool,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RawReturns {
    date: String,
    count: u64,
    note: Option<String>,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RawSource {
    id: String,
    title: String,
    publisher: String,
    date: Option<String>,
    url: Option<String>,
    kind: SourceKind,
    /// Read by [`Grades::reliability`], so a bad value costs only the grade.
    reliability: Option<Value>,
    grading_note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: String,
    name: String,
    #[serde(default)]
    other_names: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    kind: GroupKind,
    #[serde(default)]
    leaders: Vec<Leader>,
    founded: Option<RawFounded>,
    headquarters: Option<String>,
    #[serde(default)]
    goals: Vec<Attributed>,
    #[serde(default)]
    capabilities: Vec<Attributed>,
    summary: Attributed,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFounded {
    date: Option<String>,
    note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPresence {
    group: String,
    province: String,
    evidence: Evidence,
    count: Option<u32>,
    from: String,
    to: Option<String>,
    /// Required since schema version 2; an older file's records fall back to the period.
    #[serde(default)]
    last_reported: Option<String>,
    note: Option<String>,
    sources: Vec<String>,
    #[serde(default)]
    event_ids: Vec<String>,
    credibility: Option<Value>,
    grading_note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    #[serde(default)]
    id: Option<String>,
    date: String,
    #[serde(default)]
    provinces: Vec<String>,
    district: Option<String>,
    place: Option<String>,
    /// Schema version 1's name for `actor`.
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    actor: Option<String>,
    #[serde(default)]
    actor_names: Vec<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    attacks: Option<u32>,
    status: EventStatus,
    summary: String,
    sources: Vec<String>,
    credibility: Option<Value>,
    grading_note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelationship {
    groups: [String; 2],
    kind: String,
    #[serde(default)]
    status: RelationshipStatus,
    summary: Attributed,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    province: String,
    capital: Option<RawSourced<String>>,
    area_km2: Option<RawSourced<f64>>,
    population: Option<RawPopulation>,
    note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourced<T> {
    value: T,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPopulation {
    value: Option<u64>,
    as_reported: String,
    year: String,
    sources: Vec<String>,
}

/// What kind of JSON value this is, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads `text` (the contents of `file`), resolving province names with `gazetteer`.
pub fn parse_atlas_file(
    file: &str,
    text: &str,
    gazetteer: &Gazetteer,
) -> (AtlasFile, Vec<Problem>) {
    let mut problems = Vec::new();
    let document: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            problems.push(Problem::fatal(file, "", format!("not valid JSON: {err}")));
            return (AtlasFile::default(), problems);
        }
    };
    if !supported_version(file, &document, &mut problems) {
        return (AtlasFile::default(), problems);
    }
    let mut atlas = Atlas::default();
    let mut grades = Grades::default();
    let mut older = OlderFields::default();
    atlas.sources = parse_sources(file, &document, &mut grades, &mut problems);
    let mut checker = SourceChecker {
        file,
        sources: &atlas.sources,
        problems: &mut problems,
    };
    let facts = parse_facts(&document, gazetteer, &mut checker);
    let groups = parse_groups(&document, &mut checker);
    let names = Names {
        file,
        groups: &groups,
        gazetteer,
    };
    let (mut presence, links) =
        parse_presence(&document, &names, &mut checker, &mut grades, &mut older);
    let events = parse_events(&document, &names, &mut checker, &mut grades, &mut older);
    let paths: Vec<String> = links.iter().map(|(path, _)| path.clone()).collect();
    check_event_links(links, &events, &mut checker);
    let counts = super::attack_counts::derive_counts(file, &mut presence, &paths, &events);
    checker.problems.extend(counts);
    atlas.relationships = parse_relationships(&document, &names, &mut checker);
    atlas.claims = parse_claims(&document, &mut checker);
    atlas.presence = presence;
    atlas.events = events;
    atlas.groups = groups;

    let context = parse_context(file, &document, gazetteer, &mut checker);
    atlas.indicators = context.indicators;
    atlas.history = context.history;
    atlas.region = context.region;
    atlas.country_labels = context.country_labels;
    problems.extend(older_file_notice(file, &grades, &older));
    (
        AtlasFile {
            records: atlas,
            facts,
        },
        problems,
    )
}

/// Whether the file's `schema_version` is one this build reads; a problem saying why not.
fn supported_version(file: &str, document: &Value, problems: &mut Vec<Problem>) -> bool {
    match document.get("schema_version") {
        Some(version)
            if version
                .as_u64()
                .is_some_and(|v| (OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&v)) => {}
        Some(version) => {
            let found = match version {
                Value::Number(n) if n.is_u64() => format!("schema version {n} is not supported"),
                Value::Number(n) => {
                    format!("schema_version {n} is not a version number (a whole number ≥ 1)")
                }
                Value::String(text) => format!(
                    "schema_version is the text \"{}\"; it must be a number, without quotes",
                    shown(text)
                ),
                other => format!(
                    "schema_version is {}; it must be a number",
                    json_kind(other)
                ),
            };
            problems.push(Problem::fatal(
                file,
                "schema_version",
                format!(
                    "{found}; this build reads versions {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}"
                ),
            ));
            return false;
        }
        None => {
            problems.push(Problem::fatal(
                file,
                "schema_version",
                "schema_version is missing",
            ));
            return false;
        }
    }
    true
}

/// The `sources`, by id, each with its reliability grade.
fn parse_sources(
    file: &str,
    document: &Value,
    grades: &mut Grades,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Source> {
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    for (path, raw) in records::<RawSource>(file, document, "sources", problems) {
        let source = Source {
            reliability: grades.reliability(file, &path, raw.reliability, problems),
            grading_note: raw.grading_note,
            id: raw.id,
            title: raw.title,
            publisher: raw.publisher,
            date: raw.date,
            url: raw.url,
            kind: raw.kind,
        };
        if let Some(why) = source
            .url
            .as_deref()
            .and_then(crate::links::why_not_openable)
        {
            problems.push(Problem::new(file, format!("{path}.url"), why));
        }
        if sources.contains_key(&source.id) {
            problems.push(Problem::new(
                file,
                path,
                format!("source id \"{}\" is used twice", shown(&source.id)),
            ));
        } else {
            sources.insert(source.id.clone(), source);
        }
    }
    sources
}

/// The province facts (`provinces`), by province.
fn parse_facts(
    document: &Value,
    gazetteer: &Gazetteer,
    checker: &mut SourceChecker<'_>,
) -> BTreeMap<ProvinceIdx, ProvinceFacts> {
    let file = checker.file;
    let mut facts = BTreeMap::new();
    for (path, raw) in records::<RawFacts>(file, document, "provinces", checker.problems) {
        let province = match gazetteer.resolve(&raw.province) {
            Ok(province) => province,
            Err(err) => {
                checker.problems.push(Problem::new(
                    file,
                    format!("{path}.province"),
                    err.to_string(),
                ));
                continue;
            }
        };
        if facts.contains_key(&province) {
            checker.problems.push(Problem::new(
                file,
                format!("{path}.province"),
                format!(
                    "\"{}\" already has facts earlier in the file",
                    shown(&raw.province)
                ),
            ));
            continue;
        }
        let capital = raw.capital.map(|c| Sourced {
            sources: checker.check(&format!("{path}.capital.sources"), c.sources),
            value: c.value,
        });
        let area_km2 = raw.area_km2.and_then(|a| {
            if a.value.is_finite() && a.value > 0.0 {
                Some(Sourced {
                    sources: checker.check(&format!("{path}.area_km2.sources"), a.sources),
                    value: a.value,
                })
            } else {
                checker.problems.push(Problem::new(
                    file,
                    format!("{path}.area_km2.value"),
                    format!("area {} km² is not a positive number", a.value),
                ));
                None
            }
        });
        let population = raw.population.map(|p| Population {
            sources: checker.check(&format!("{path}.population.sources"), p.sources),
            count: p.value,
            as_reported: p.as_reported,
            year: p.year,
        });
        facts.insert(
            province,
            ProvinceFacts {
                capital,
                area_km2,
                population,
                note: raw.note,
            },
        );
    }
    facts
}

/// The `groups`, in file order; their one-party text checked for attribution.
fn parse_groups(document: &Value, checker: &mut SourceChecker<'_>) -> Vec<Group> {
    let file = checker.file;
    let mut groups: Vec<Group> = Vec::new();
    for (path, raw) in records::<RawGroup>(file, document, "groups", checker.problems) {
        if let Some(why) = unusable_id(&raw.id) {
            checker
                .problems
                .push(Problem::new(file, format!("{path}.id"), why));
            continue;
        }
        if groups.iter().any(|g| g.id == raw.id) {
            checker.problems.push(Problem::new(
                file,
                format!("{path}.id"),
                format!("group id \"{}\" is used twice", shown(&raw.id)),
            ));
            continue;
        }
        let founded = raw
            .founded
            .as_ref()
            .and_then(|f| f.date.as_deref())
            .and_then(|d| checker.date(&format!("{path}.founded.date"), d));
        checker.attribution(&format!("{path}.summary"), &raw.summary);
        for (i, goal) in raw.goals.iter().enumerate() {
            checker.attribution(&format!("{path}.goals[{i}]"), goal);
        }
        for (i, capability) in raw.capabilities.iter().enumerate() {
            checker.attribution(&format!("{path}.capabilities[{i}]"), capability);
        }
        groups.push(Group {
            sources: checker.check(&format!("{path}.sources"), raw.sources),
            id: raw.id,
            name: raw.name,
            other_names: raw.other_names,
            abbreviations: raw.abbreviations,
            kind: raw.kind,
            leaders: raw.leaders,
            founded,
            founded_note: raw.founded.and_then(|f| f.note),
            headquarters: raw.headquarters,
            goals: raw.goals,
            capabilities: raw.capabilities,
            summary: raw.summary,
        });
    }
    groups
}

/// Why `id` cannot name a group: empty, or holding spaces or characters that print as nothing
/// (a zero-width space would make "N\u{200b}RF" look like "NRF" in every message).
fn unusable_id(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("a group id is empty".to_owned());
    }
    let invisible = id.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}')
    });
    invisible.map(|c| {
        format!(
            "group id \"{}\" holds an invisible character (U+{:04X})",
            shown(id),
            c as u32
        )
    })
}

/// Group ids and province names as the records give them, resolved with a problem at their path
/// when they name nothing known.
struct Names<'a> {
    file: &'a str,
    groups: &'a [Group],
    gazetteer: &'a Gazetteer,
}

impl Names<'_> {
    fn group(&self, id: &str) -> Option<GroupIdx> {
        self.groups.iter().position(|g| g.id == id).map(GroupIdx)
    }

    fn unknown_group(&self, id: &str) -> String {
        let known: Vec<String> = self.groups.iter().map(|g| shown(&g.id)).collect();
        format!(
            "unknown group id \"{}\" (known: {})",
            shown(id),
            known.join(", ")
        )
    }

    fn province(
        &self,
        checker: &mut SourceChecker<'_>,
        path: String,
        name: &str,
    ) -> Option<ProvinceIdx> {
        match self.gazetteer.resolve(name) {
            Ok(province) => Some(province),
            Err(err) => {
                checker
                    .problems
                    .push(Problem::new(self.file, path, err.to_string()));
                None
            }
        }
    }
}

/// The `presence` records, and the event ids each links (checked once the events are read).
fn parse_presence(
    document: &Value,
    names: &Names<'_>,
    checker: &mut SourceChecker<'_>,
    grades: &mut Grades,
    older: &mut OlderFields,
) -> (Vec<Presence>, Vec<(String, Vec<String>)>) {
    let file = checker.file;
    let mut presence = Vec::new();
    let mut presence_event_ids: Vec<(String, Vec<String>)> = Vec::new();
    for (path, raw) in records::<RawPresence>(file, document, "presence", checker.problems) {
        let Some(group) = names.group(&raw.group) else {
            checker.problems.push(Problem::new(
                file,
                format!("{path}.group"),
                names.unknown_group(&raw.group),
            ));
            continue;
        };
        let Some(province) = names.province(checker, format!("{path}.province"), &raw.province)
        else {
            continue;
        };
        let Some(period) = checker.period(&path, &raw.from, raw.to.as_deref()) else {
            continue;
        };
        let last_reported = match raw.last_reported.as_deref() {
            Some(text) => {
                let Some(date) = checker.last_reported(&path, text, period) else {
                    continue;
                };
                date
            }
            None => period.to.unwrap_or(period.from),
        };
        let sources = checker.check(&format!("{path}.sources"), raw.sources);
        if sources.is_empty() {
            continue;
        }
        // Counted for the notice only when the record loads.
        if raw.last_reported.is_none() {
            older.presence_without_last_reported += 1;
        }
        presence_event_ids.push((path.clone(), raw.event_ids.clone()));
        presence.push(Presence {
            credibility: grades.credibility(file, &path, raw.credibility, checker.problems),
            grading_note: raw.grading_note,
            sources,
            group,
            province,
            evidence: raw.evidence,
            count: raw.count,
            period,
            last_reported,
            note: raw.note,
            event_ids: raw.event_ids,
        });
    }
    (presence, presence_event_ids)
}

/// The `events`, in date order: who acted or claimed (`actor`, or the older `group`) and who
/// was hit (`target`).
fn parse_events(
    document: &Value,
    names: &Names<'_>,
    checker: &mut SourceChecker<'_>,
    grades: &mut Grades,
    older: &mut OlderFields,
) -> Vec<Event> {
    let file = checker.file;
    let mut events: Vec<Event> = Vec::new();
    for (path, raw) in records::<RawEvent>(file, document, "events", checker.problems) {
        let Some(date) = checker.date(&format!("{path}.date"), &raw.date) else {
            continue;
        };
        let has = |key: &str| field_present(document, "events", &path, key);
        let (actor_key, actor_id) = if has("actor") {
            ("actor", raw.actor.as_deref())
        } else {
            ("group", raw.group.as_deref())
        };
        if has("actor") && has("group") {
            checker.problems.push(Problem::new(
                file,
                format!("{path}.group"),
                "an event has \"actor\" (who acted or claimed) and \"target\" (who was hit); \"group\" is the older name of \"actor\" and is ignored beside it",
            ));
        }
        let mut group_of = |key: &str, id: Option<&str>| match id {
            None => Ok(None),
            Some(id) => names.group(id).map(Some).ok_or_else(|| {
                checker.problems.push(Problem::new(
                    file,
                    format!("{path}.{key}"),
                    names.unknown_group(id),
                ));
            }),
        };
        let Ok(actor) = group_of(actor_key, actor_id) else {
            continue;
        };
        let Ok(target) = group_of("target", raw.target.as_deref()) else {
            continue;
        };

        let provinces = raw
            .provinces
            .iter()
            .enumerate()
            .filter_map(|(i, name)| names.province(checker, format!("{path}.provinces[{i}]"), name))
            .collect();
        let sources = checker.check(&format!("{path}.sources"), raw.sources);
        if sources.is_empty() {
            continue;
        }
        // Counted for the notice only when the event loads.
        older.events_without_actor += usize::from(!has("actor"));
        older.events_without_id += usize::from(raw.id.is_none());
        if let Some(id) = &raw.id
            && events.iter().any(|e| e.id.as_ref() == Some(id))
        {
            checker.problems.push(Problem::new(
                file,
                format!("{path}.id"),
                format!("event id \"{}\" is used twice", shown(id)),
            ));
        }
        events.push(Event {
            credibility: grades.credibility(file, &path, raw.credibility, checker.problems),
            grading_note: raw.grading_note,
            sources,
            date,
            provinces,
            district: raw.district,
            place: raw.place,
            id: raw.id,
            actor,
            actor_names: raw.actor_names,
            target,
            attacks: raw.attacks,
            status: raw.status,
            summary: raw.summary,
        });
    }
    events.sort_by_key(|e| date_order(e.date));
    events
}

/// A problem for each event id a presence record links that no event has.
fn check_event_links(
    links: Vec<(String, Vec<String>)>,
    events: &[Event],
    checker: &mut SourceChecker<'_>,
) {
    let file = checker.file;
    for (path, ids) in links {
        for (i, id) in ids.iter().enumerate() {
            if !events.iter().any(|e| e.id.as_ref() == Some(id)) {
                checker.problems.push(Problem::new(
                    file,
                    format!("{path}.event_ids[{i}]"),
                    format!("unknown event id \"{}\"", shown(id)),
                ));
            }
        }
    }
}

/// The `relationships` between groups.
fn parse_relationships(
    document: &Value,
    names: &Names<'_>,
    checker: &mut SourceChecker<'_>,
) -> Vec<Relationship> {
    let file = checker.file;
    let mut relationships = Vec::new();
    for (path, raw) in records::<RawRelationship>(file, document, "relationships", checker.problems)
    {
        let [a, b] = &raw.groups;
        let (Some(a_index), Some(b_index)) = (names.group(a), names.group(b)) else {
            let bad = if names.group(a).is_none() { a } else { b };
            checker.problems.push(Problem::new(
                file,
                format!("{path}.groups"),
                names.unknown_group(bad),
            ));
            continue;
        };
        if a_index == b_index {
            checker.problems.push(Problem::new(
                file,
                format!("{path}.groups"),
                format!(
                    "a relationship of \"{}\" with itself; it needs two groups",
                    shown(a)
                ),
            ));
            continue;
        }
        checker.attribution(&format!("{path}.summary"), &raw.summary);
        let sources = checker.check(&format!("{path}.sources"), raw.sources);
        if sources.is_empty() {
            continue;
        }
        relationships.push(Relationship {
            sources,
            groups: [a_index, b_index],
            kind: raw.kind,
            status: raw.status,
            summary: raw.summary,
        });
    }
    relationships
}

/// The article's `claims`, each with the source that makes it and the evidence checked.
fn parse_claims(document: &Value, checker: &mut SourceChecker<'_>) -> Vec<Claim> {
    let file = checker.file;
    let mut claims = Vec::new();
    for (path, mut claim) in records::<Claim>(file, document, "claims", checker.problems) {
        let mut by = checker.check(&format!("{path}.source"), vec![claim.source.clone()]);
        let Some(source) = by.pop() else {
            continue;
        };
        claim.source = source;
        claim.evidence = checker.known(&format!("{path}.evidence"), claim.evidence);
        claims.push(claim);
    }
    claims
}

/// Whether the element of `document[key]` at `path` (`"events[3]"`) has the field `field`, even
/// as `null`.
fn field_present(document: &Value, key: &str, path: &str, field: &str) -> bool {
    let index = path
        .strip_prefix(key)
        .and_then(|rest| rest.strip_prefix('['))
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|index| index.parse::<usize>().ok());
    index
        .and_then(|i| document.get(key).and_then(|items| items.get(i)))
        .is_some_and(|item| item.get(field).is_some())
}

/// Fields added in schema version 2 that an older file lacks; counted for one notice.
#[derive(Default)]
struct OlderFields {
    presence_without_last_reported: usize,
    events_without_actor: usize,
    events_without_id: usize,
}

impl OlderFields {
    /// "3 presence records have no \"last_reported\" and 1 event has no \"actor\"", or `None`.
    fn describe(&self) -> Option<String> {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.presence_without_last_reported > 0 {
            parts.push(format!(
                "{} no \"last_reported\"",
                plural(
                    self.presence_without_last_reported,
                    "presence record has",
                    "presence records have"
                )
            ));
        }
        if self.events_without_actor > 0 {
            parts.push(format!(
                "{} no \"actor\"",
                plural(self.events_without_actor, "event has", "events have")
            ));
        }
        if self.events_without_id > 0 {
            parts.push(format!(
                "{} no \"id\"",
                plural(self.events_without_id, "event has", "events have")
            ));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// One notice for everything an older file lacks (grades; the fields of schema version 2), if
/// it lacks anything: never one problem per record.
fn older_file_notice(file: &str, grades: &Grades, older: &OlderFields) -> Option<Problem> {
    let fields = older.describe().map(|what| {
        format!(
            "{what} (fields of schema version 2, see docs/DATA.md); they load with the period's end as the last report (its start when open-ended, so the record turns stale), an event's \"group\" as its actor, and no links between records"
        )
    });
    match (grades.notice(file), fields) {
        (None, None) => None,
        (Some(grades), None) => Some(grades),
        (None, Some(fields)) => Some(Problem::new(file, "", fields)),
        (Some(grades), Some(fields)) => Some(Problem::new(
            file,
            "",
            format!("{}. Also, {fields}", grades.message),
        )),
    }
}

/// Where an event goes in date order: by its first day, and a partial date ("2022-05") before the
/// full dates of the same period ("2022-05-01"), since it may be any of them.
pub fn date_order(date: Date) -> (super::date::Day, u8) {
    let precision = match date.precision {
        Precision::Year => 0,
        Precision::Month => 1,
        Precision::Day => 2,
    };
    (date.start, precision)
}

/// Reads the grades of sources and records, and counts what is not graded: an older file without
/// grades gets one notice, not one problem per record. A malformed grade is a problem at its
/// path; the record still loads, not graded.
#[derive(Default)]
struct Grades {
    ungraded_sources: usize,
    ungraded_records: usize,
}

impl Grades {
    fn reliability(
        &mut self,
        file: &str,
        path: &str,
        value: Option<Value>,
        problems: &mut Vec<Problem>,
    ) -> Option<Reliability> {
        let parsed = match value {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Reliability::parse(&text)
                .map_err(|message| {
                    problems.push(Problem::new(file, format!("{path}.reliability"), message));
                })
                .ok(),
            Some(other) => {
                problems.push(Problem::new(
                    file,
                    format!("{path}.reliability"),
                    format!("reliability {other} is not one of \"A\" to \"F\""),
                ));
                None
            }
        };
        self.ungraded_sources += usize::from(parsed.is_none());
        parsed
    }

    fn credibility(
        &mut self,
        file: &str,
        path: &str,
        value: Option<Value>,
        problems: &mut Vec<Problem>,
    ) -> Option<Credibility> {
        let parsed = match value {
            None | Some(Value::Null) => None,
            Some(value) => Credibility::parse(&value)
                .map_err(|message| {
                    problems.push(Problem::new(file, format!("{path}.credibility"), message));
                })
                .ok(),
        };
        self.ungraded_records += usize::from(parsed.is_none());
        parsed
    }

    /// One notice for everything not graded, if anything is.
    fn notice(&self, file: &str) -> Option<Problem> {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let what = match (self.ungraded_sources, self.ungraded_records) {
            (0, 0) => return None,
            (sources, 0) => plural(sources, "source has", "sources have"),
            (0, records) => plural(records, "record has", "records have"),
            (sources, records) => format!(
                "{} and {}",
                plural(sources, "source", "sources"),
                plural(records, "record have", "records have")
            ),
        };
        Some(Problem::new(
            file,
            "",
            format!(
                "{what} no Admiralty grade (sources need \"reliability\" A–F, presence records and events \"credibility\" 1–6); they load and show as \"not graded\""
            ),
        ))
    }
}

/// Indicators, history, region and country labels.
fn parse_context(
    file: &str,
    document: &Value,
    gazetteer: &Gazetteer,
    checker: &mut SourceChecker<'_>,
) -> Atlas {
    let mut atlas = Atlas::default();
    for (path, raw) in records::<RawIndicator>(file, document, "indicators", checker.problems) {
        let mut source = checker.check(&format!("{path}.source"), vec![raw.source]);
        let Some(source) = source.pop() else {
            continue;
        };
        let mut values = BTreeMap::new();
        for (year, value) in raw.values {
            match year.parse::<i32>() {
                Ok(y) if super::date::YEARS.contains(&y) => {
                    values.insert(y, value);
                }
                _ => checker.problems.push(Problem::new(
                    file,
                    format!("{path}.values.{year}"),
                    format!("\"{}\" is not a year", shown(&year)),
                )),
            }
        }
        atlas.indicators.push(Indicator {
            id: raw.id,
            code: raw.code,
            name: raw.name,
            unit: raw.unit,
            definition: raw.definition,
            source,
            licence: raw.licence,
            note: raw.note,
            values,
        });
    }

    let history = document.get("history").cloned().unwrap_or(Value::Null);
    for (path, raw) in records::<RawEra>(file, &history, "eras", checker.problems) {
        let path = format!("history.{path}");
        let Some(period) = checker.period(&path, &raw.from, raw.to.as_deref()) else {
            continue;
        };
        atlas.history.eras.push(Era {
            sources: checker.check(&format!("{path}.sources"), raw.sources),
            name: raw.name,
            from: period.from,
            to: period.to,
        });
    }
    for (path, raw) in records::<RawHistoryEvent>(file, &history, "events", checker.problems) {
        let path = format!("history.{path}");
        let Some(date) = checker.date(&format!("{path}.date"), &raw.date) else {
            continue;
        };
        let mut provinces = Vec::new();
        for (i, name) in raw.provinces.iter().enumerate() {
            match gazetteer.resolve(name) {
                Ok(province) => provinces.push(province),
                Err(err) => checker.problems.push(Problem::new(
                    file,
                    format!("{path}.provinces[{i}]"),
                    err.to_string(),
                )),
            }
        }
        atlas.history.events.push(HistoryEvent {
            sources: checker.check(&format!("{path}.sources"), raw.sources),
            date,
            title: raw.title,
            summary: raw.summary,
            provinces,
            place: raw.place,
            unverified: raw.unverified,
        });
    }
    atlas.history.events.sort_by_key(|e| date_order(e.date));

    let region = document.get("region").cloned().unwrap_or(Value::Null);
    let pakistan = region.get("pakistan").cloned().unwrap_or(Value::Null);
    let tajikistan = region.get("tajikistan").cloned().unwrap_or(Value::Null);
    let text = |v: &Value| {
        v.get("summary")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    atlas.region.pakistan_summary = text(&pakistan);
    atlas.region.tajikistan_summary = text(&tajikistan);
    for (path, mut phase) in
        records::<RepatriationPhase>(file, &pakistan, "ifrp_phases", checker.problems)
    {
        let path = format!("region.pakistan.{path}");
        for date in [&phase.from, &phase.deadline].into_iter().flatten() {
            checker.date(&path, date);
        }
        phase.sources = checker.check(&format!("{path}.sources"), phase.sources);
        atlas.region.repatriation_phases.push(phase);
    }
    for (path, raw) in records::<RawReturns>(file, &pakistan, "returns", checker.problems) {
        let path = format!("region.pakistan.{path}");
        let Some(date) = checker.date(&format!("{path}.date"), &raw.date) else {
            continue;
        };
        atlas.region.returns.push(Returns {
            sources: checker.check(&format!("{path}.sources"), raw.sources),
            date,
            count: raw.count,
            note: raw.note,
        });
    }
    atlas.region.returns.sort_by_key(|r| r.date.start);
    for (path, mut note) in records::<SourcedNote>(file, &pakistan, "notes", checker.problems) {
        note.sources = checker.check(&format!("region.pakistan.{path}.sources"), note.sources);
        atlas.region.pakistan_notes.push(note);
    }
    for (path, mut item) in records::<RegionItem>(file, &tajikistan, "items", checker.problems) {
        let path = format!("region.tajikistan.{path}");
        if let Some(date) = &item.date {
            checker.date(&format!("{path}.date"), date);
        }
        item.sources = checker.check(&format!("{path}.sources"), item.sources);
        atlas.region.tajikistan.push(item);
    }

    for (path, label) in records::<CountryLabel>(file, document, "country_labels", checker.problems)
    {
        if (-180.0..=180.0).contains(&label.lon) && (-90.0..=90.0).contains(&label.lat) {
            atlas.country_labels.push(label);
        } else {
            checker.problems.push(Problem::new(
                file,
                path,
                format!(
                    "{} is placed out of range ({}, {})",
                    label.name, label.lon, label.lat
                ),
            ));
        }
    }
    atlas
}

/// Keeps the source ids that exist; reports the rest and any record that cites none. Records
/// about groups (presence, events, relationships) left with no known source are skipped: the
/// atlas shows nothing without a source.
struct SourceChecker<'a> {
    file: &'a str,
    sources: &'a BTreeMap<String, Source>,
    problems: &'a mut Vec<Problem>,
}

impl SourceChecker<'_> {
    fn check(&mut self, path: &str, ids: Vec<String>) -> Vec<String> {
        if ids.is_empty() {
            self.problems
                .push(Problem::new(self.file, path, "the record cites no source"));
        }
        let mut known = Vec::with_capacity(ids.len());
        for (index, id) in ids.into_iter().enumerate() {
            if self.sources.contains_key(&id) {
                known.push(id);
            } else {
                self.problems.push(Problem::new(
                    self.file,
                    format!("{path}[{index}]"),
                    format!("unknown source id \"{}\"", shown(&id)),
                ));
            }
        }
        known
    }

    /// Like [`Self::check`], but an empty list is allowed.
    fn known(&mut self, path: &str, ids: Vec<String>) -> Vec<String> {
        if ids.is_empty() {
            return ids;
        }
        self.check(path, ids)
    }

    fn date(&mut self, path: &str, text: &str) -> Option<Date> {
        Date::parse(text)
            .map_err(|message| self.problems.push(Problem::new(self.file, path, message)))
            .ok()
    }

    /// Checks that `according_to`, if any, names a known source (the text is kept either way).
    fn attribution(&mut self, path: &str, text: &Attributed) {
        if let Some(id) = &text.according_to
            && !self.sources.contains_key(id)
        {
            self.problems.push(Problem::new(
                self.file,
                format!("{path}.according_to"),
                format!("unknown source id \"{}\"", shown(id)),
            ));
        }
    }

    /// A presence record's `last_reported`: a date no earlier than the period's end (its start
    /// when open-ended).
    fn last_reported(&mut self, path: &str, text: &str, period: Period) -> Option<Date> {
        let date = self.date(&format!("{path}.last_reported"), text)?;
        let bound = period.to.unwrap_or(period.from);
        if date.end() < bound.start {
            self.problems.push(Problem::new(
                self.file,
                format!("{path}.last_reported"),
                format!(
                    "last reported {date} is before the period it reports ends ({bound}); a record is last reported no earlier than the end of what it observes"
                ),
            ));
            return None;
        }
        Some(date)
    }

    fn period(&mut self, path: &str, from: &str, to: Option<&str>) -> Option<Period> {
        let from = self.date(&format!("{path}.from"), from)?;
        let to = match to {
            Some(to) => Some(self.date(&format!("{path}.to"), to)?),
            None => None,
        };
        if let Some(to) = to
            && to.end() < from.start
        {
            self.problems.push(Problem::new(
                self.file,
                format!("{path}.to"),
                format!("the period ends ({to}) before it starts ({from})"),
            ));
            return None;
        }
        Some(Period { from, to })
    }
}

/// Each element of the array `key`, deserialised on its own, with its JSON path.
fn records<T: DeserializeOwned>(
    file: &str,
    document: &Value,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(String, T)> {
    let Some(items) = document.get(key) else {
        return Vec::new();
    };
    let Some(items) = items.as_array() else {
        problems.push(Problem::new(
            file,
            key,
            format!("\"{key}\" should be an array"),
        ));
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let path = format!("{key}[{index}]");
            match T::deserialize(item) {
                Ok(record) => Some((path, record)),
                Err(err) => {
                    problems.push(Problem::new(file, path, format!("record skipped: {err}")));
                    None
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_invisible_ids_and_self_relationships_are_problems_at_their_path() {
        let text = "{\"schema_version\":2,
            \"sources\":[{\"id\":\"s\",\"title\":\"T\",\"publisher\":\"P\",\"date\":null,\"url\":null,\"kind\":\"media\",\"reliability\":\"B\"}],
            \"groups\":[{\"id\":\"\",\"name\":\"A\",\"kind\":\"armed_resistance\",\"summary\":\"x\",\"sources\":[\"s\"]},
                        {\"id\":\"N\u{200b}RF\",\"name\":\"B\",\"kind\":\"armed_resistance\",\"summary\":\"x\",\"sources\":[\"s\"]},
                        {\"id\":\"G\",\"name\":\"C\",\"kind\":\"armed_resistance\",\"summary\":\"x\",\"sources\":[\"s\"]}],
            \"relationships\":[{\"groups\":[\"G\",\"G\"],\"kind\":\"collaborates\",\"summary\":\"x\",\"sources\":[\"s\"]}]}";
        let (atlas, problems) = parse_atlas_file("a.json", text, &gazetteer());
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let expect = |needle: &str, path: &str| {
            assert!(
                messages
                    .iter()
                    .any(|m| m.contains(needle) && m.contains(&format!("at {path} in a.json"))),
                "{needle} at {path}: {messages:#?}"
            );
        };
        expect("a group id is empty", "groups[0].id");
        expect("holds an invisible character (U+200B)", "groups[1].id");
        expect(
            "a relationship of \"G\" with itself",
            "relationships[0].groups",
        );
        assert_eq!(atlas.records.groups.len(), 1, "only the usable group loads");
        assert!(atlas.records.relationships.is_empty());
    }

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(&[vec!["Kabul".into(), "Kabol".into()], vec!["Kapisa".into()]])
    }

    #[test]
    fn facts_resolve_spellings_and_keep_sources() {
        let text = r#"{"schema_version":1,
            "sources":[{"id":"s","title":"T","publisher":"P","date":null,"url":null,"kind":"government","reliability":"B"}],
            "provinces":[{"province":"Kabol","capital":{"value":"Kabul","sources":["s"]}}]}"#;
        let (atlas, problems) = parse_atlas_file("a.json", text, &gazetteer());
        assert!(problems.is_empty(), "{problems:?}");
        let kabul = &atlas.facts[&ProvinceIdx(0)];
        assert_eq!(
            kabul.capital.as_ref().map(|c| c.value.as_str()),
            Some("Kabul")
        );
        assert!(kabul.population.is_none());
    }

    #[test]
    fn unknown_names_and_sources_are_problems_with_paths() {
        let text = r#"{"schema_version":1,"sources":[],
            "provinces":[{"province":"Kabull"},{"province":"Kapisa","capital":{"value":"X","sources":["nope"]}}]}"#;
        let (_, problems) = parse_atlas_file("a.json", text, &gazetteer());
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("unknown province \"Kabull\"; did you mean Kabul?"),
            "{messages:?}"
        );
        assert!(messages[0].contains("provinces[0].province"));
        assert!(
            messages[1].contains("unknown source id \"nope\" (at provinces[1].capital.sources[0]")
        );
    }

    #[test]
    fn a_wrong_schema_version_is_refused_with_a_message() {
        let (atlas, problems) = parse_atlas_file("a.json", r#"{"schema_version":9}"#, &gazetteer());
        assert!(atlas.records.sources.is_empty());
        assert!(
            problems[0]
                .message
                .contains("schema version 9 is not supported")
        );
        for (version, expected) in [
            ("\"2\"", "the text \"2\""),
            ("-1", "schema_version -1 is not a version number"),
            ("1180591620717411303424", "is not a version number"),
            ("null", "schema_version is null"),
        ] {
            let text = format!(r#"{{"schema_version":{version}}}"#);
            let (_, problems) = parse_atlas_file("a.json", &text, &gazetteer());
            assert!(problems[0].fatal, "{version}");
            assert!(
                problems[0].message.contains(expected),
                "{version}: {}",
                problems[0]
            );
            assert!(!problems[0].message.contains("missing"), "{version}");
        }
    }

    #[test]
    fn a_link_that_is_not_a_web_address_is_a_problem_of_its_source() {
        let text = r#"{"schema_version":1,
            "sources":[{"id":"s","title":"T","publisher":"P","date":null,"url":"file:///etc/passwd","kind":"government"}]}"#;
        let (atlas, problems) = parse_atlas_file("a.json", text, &gazetteer());
        assert_eq!(atlas.records.sources.len(), 1, "the source is kept");
        let problem = problems
            .iter()
            .find(|p| p.path == "sources[0].url")
            .expect("reported");
        assert!(problem.message.contains("file:///etc/passwd"), "{problem}");
    }
}
