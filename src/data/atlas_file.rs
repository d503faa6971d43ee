//! `atlas.json` → sources and province facts, resolved against the provinces and checked.
//!
//! The format is documented in docs/DATA.md. Each record is read on its own, so one bad record
//! costs only itself; every problem names its JSON path. Province names go through the
//! [`Gazetteer`], so any common spelling works.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{
    gazetteer::Gazetteer,
    model::{Population, ProvinceFacts, ProvinceIdx, Source, Sourced},
    problems::Problem,
};

/// The `schema_version` this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// What `atlas.json` contributes to the [`super::Atlas`].
#[derive(Clone, Debug, Default)]
pub struct AtlasFile {
    /// Sources by id.
    pub sources: BTreeMap<String, Source>,
    /// Facts by province.
    pub facts: BTreeMap<ProvinceIdx, ProvinceFacts>,
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

/// Reads `text` (the contents of `file`), resolving province names with `gazetteer`.
pub fn parse_atlas_file(
    file: &str,
    text: &str,
    gazetteer: &Gazetteer,
) -> (AtlasFile, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut atlas = AtlasFile::default();
    let document: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            problems.push(Problem::new(file, "", format!("not valid JSON: {err}")));
            return (atlas, problems);
        }
    };
    match document.get("schema_version").and_then(Value::as_u64) {
        Some(SCHEMA_VERSION) => {}
        Some(other) => {
            problems.push(Problem::new(
                file,
                "schema_version",
                format!("schema version {other} is not supported; this build reads version {SCHEMA_VERSION}"),
            ));
            return (atlas, problems);
        }
        None => {
            problems.push(Problem::new(
                file,
                "schema_version",
                "schema_version is missing",
            ));
            return (atlas, problems);
        }
    }

    for (path, source) in records::<Source>(file, &document, "sources", &mut problems) {
        if atlas.sources.contains_key(&source.id) {
            problems.push(Problem::new(
                file,
                path,
                format!("source id \"{}\" is used twice", source.id),
            ));
        } else {
            atlas.sources.insert(source.id.clone(), source);
        }
    }

    let mut checker = SourceChecker {
        file,
        sources: &atlas.sources,
        problems: &mut problems,
    };
    let mut facts = BTreeMap::new();
    for (path, raw) in records::<RawFacts>(file, &document, "provinces", checker.problems) {
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
                format!("\"{}\" already has facts earlier in the file", raw.province),
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
    atlas.facts = facts;
    (atlas, problems)
}

/// Keeps the source ids that exist; reports the rest and any record left with none.
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
                    format!("unknown source id \"{id}\""),
                ));
            }
        }
        known
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

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(&[vec!["Kabul".into(), "Kabol".into()], vec!["Kapisa".into()]])
    }

    #[test]
    fn facts_resolve_spellings_and_keep_sources() {
        let text = r#"{"schema_version":1,
            "sources":[{"id":"s","title":"T","publisher":"P","date":null,"url":null,"kind":"government"}],
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
        assert!(atlas.sources.is_empty());
        assert!(
            problems[0]
                .message
                .contains("schema version 9 is not supported")
        );
    }
}
