//! Province names → province, whatever the spelling.
//!
//! Every spelling a province is known by (its English name, alternative spellings from the
//! boundary file, its ISO 3166-2 code) is normalised and indexed. Normalisation drops accents
//! (Unicode NFKD), case, spaces, hyphens and punctuation, and the words "province", "wilayat" and
//! "velayat", so "Wilayat-e Daykundi", "Dāykundī" and "daykundi" all meet. A spelling shared by two
//! provinces is ambiguous and resolves to neither.
//!
//! Persian and Pashto names (Arabic script) are indexed too. Keyboards and sources write the same
//! letter in several ways, so those are folded to one: Arabic and Persian yeh (ي ى ی, and
//! Pashto ې), Arabic and Persian kaf (ك ک), Pashto and Persian gaf (ګ گ), teh marbuta and the
//! heh forms (ة ہ ە → ه); the tatweel that stretches a word and the zero-width non-joiner and
//! joiner are dropped (NFKD already takes hamza and madda off alef, and presentation forms back
//! to letters), and so is the word ولایت ("province").

use std::collections::BTreeMap;

use unicode_normalization::{UnicodeNormalization as _, char::is_combining_mark};

use super::model::ProvinceIdx;

/// Why a name did not resolve to exactly one province.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No province is known by this name.
    #[error("unknown province \"{input}\"{}", did_you_mean(suggestions))]
    Unknown {
        /// The name as given.
        input: String,
        /// The closest known names, best first.
        suggestions: Vec<String>,
    },
    /// More than one province is known by this name.
    #[error("\"{input}\" could mean {}", candidates.join(" or "))]
    Ambiguous {
        /// The name as given.
        input: String,
        /// The provinces it could mean.
        candidates: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// Reduces a name to the key spellings are compared by.
pub fn normalize(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && !matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}'))
        .flat_map(char::to_lowercase)
        .map(fold_arabic_letter)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut key = String::new();
    let mut after_title = false;
    for word in folded.split_whitespace() {
        let is_title = matches!(
            word,
            "province" | "wilayat" | "velayat" | "wilayate" | "velayate" | "ولایت" | "ولایه"
        );
        // "Wilayat-e X": the Persian ezafe "e" belongs to the dropped title.
        if is_title || (after_title && word == "e") {
            after_title = is_title;
            continue;
        }
        after_title = false;
        key.push_str(word);
    }
    key
}

/// One letter for the ways keyboards and sources write the same Arabic-script letter.
fn fold_arabic_letter(c: char) -> char {
    match c {
        // Arabic yeh, alef maksura, Pashto yeh (ې) → Persian yeh.
        '\u{064A}' | '\u{0649}' | '\u{06D0}' => '\u{06CC}',
        // Arabic kaf → Persian keheh.
        '\u{0643}' => '\u{06A9}',
        // Pashto gaf (ګ) → Persian gaf.
        '\u{06AB}' => '\u{06AF}',
        // Teh marbuta, heh goal, ae → heh.
        '\u{0629}' | '\u{06C1}' | '\u{06D5}' => '\u{0647}',
        c => c,
    }
}

#[derive(Clone, Debug)]
enum Entry {
    One(ProvinceIdx),
    Many(Vec<ProvinceIdx>),
}

/// An index from every known spelling to its province.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    by_key: BTreeMap<String, Entry>,
    /// (normalised key, spelling as written, province), for suggestions and search.
    spellings: Vec<(String, String, ProvinceIdx)>,
    names: Vec<String>,
}

impl Gazetteer {
    /// Indexes the spellings of each province; `spellings[i]` belongs to province `i`, and its
    /// first entry is the province's display name.
    pub fn new(spellings: &[Vec<String>]) -> Self {
        let mut gazetteer = Self::default();
        for (index, names) in spellings.iter().enumerate() {
            let province = ProvinceIdx(index);
            gazetteer
                .names
                .push(names.first().cloned().unwrap_or_default());
            for name in names {
                let key = normalize(name);
                if key.is_empty() {
                    continue;
                }
                gazetteer
                    .spellings
                    .push((key.clone(), name.clone(), province));
                match gazetteer.by_key.get_mut(&key) {
                    None => {
                        gazetteer.by_key.insert(key, Entry::One(province));
                    }
                    Some(Entry::One(existing)) if *existing != province => {
                        let existing = *existing;
                        gazetteer
                            .by_key
                            .insert(key, Entry::Many(vec![existing, province]));
                    }
                    Some(Entry::Many(list)) if !list.contains(&province) => list.push(province),
                    Some(_) => {}
                }
            }
        }
        gazetteer
    }

    /// The one province known by `name`.
    pub fn resolve(&self, name: &str) -> Result<ProvinceIdx, LookupError> {
        match self.by_key.get(&normalize(name)) {
            Some(Entry::One(province)) => Ok(*province),
            Some(Entry::Many(provinces)) => Err(LookupError::Ambiguous {
                input: name.to_owned(),
                candidates: provinces.iter().map(|p| self.names[p.0].clone()).collect(),
            }),
            None => Err(LookupError::Unknown {
                input: name.to_owned(),
                suggestions: self.closest(name, 3),
            }),
        }
    }

    /// Provinces whose spellings contain `query`, best matches first: exact, then prefix, then
    /// anywhere; each group in name order. An empty query matches every province.
    pub fn search(&self, query: &str) -> Vec<ProvinceIdx> {
        let key = normalize(query);
        let mut ranked: BTreeMap<ProvinceIdx, u8> = BTreeMap::new();
        for (spelling, _, province) in &self.spellings {
            let rank = if key.is_empty() || *spelling == key {
                0
            } else if spelling.starts_with(&key) {
                1
            } else if spelling.contains(&key) {
                2
            } else {
                continue;
            };
            let best = ranked.entry(*province).or_insert(rank);
            *best = (*best).min(rank);
        }
        let mut found: Vec<(u8, &str, ProvinceIdx)> = ranked
            .into_iter()
            .map(|(province, rank)| (rank, self.names[province.0].as_str(), province))
            .collect();
        found.sort();
        found.into_iter().map(|(_, _, province)| province).collect()
    }

    /// Up to `count` display names closest to `name` by edit distance on normalised spellings.
    fn closest(&self, name: &str, count: usize) -> Vec<String> {
        let key = normalize(name);
        let mut scored: Vec<(usize, &str)> = self
            .spellings
            .iter()
            .map(|(spelling, _, province)| {
                (
                    strsim::levenshtein(&key, spelling),
                    self.names[province.0].as_str(),
                )
            })
            .collect();
        scored.sort();
        let mut names: Vec<String> = Vec::new();
        for (distance, display) in scored {
            if names.len() == count || distance > (key.len() / 3).max(2) {
                break;
            }
            if !names.iter().any(|n| n == display) {
                names.push(display.to_owned());
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(&[
            vec!["Daykundi".into(), "Dāykundī".into(), "AF-DAY".into()],
            vec!["Sar-e Pol".into(), "Sari Pul".into()],
            vec!["Paktia".into(), "Paktya".into()],
            vec!["Paktika".into()],
        ])
    }

    #[test]
    fn normalize_drops_accents_case_punctuation_and_titles() {
        assert_eq!(normalize("Dāykundī"), "daykundi");
        assert_eq!(normalize("Wilayat-e Daykundi"), "daykundi");
        assert_eq!(normalize("Sar-e Pol Province"), "sarepol");
        assert_eq!(normalize("Velayat  Badahšan"), "badahsan");
    }

    #[test]
    fn persian_spellings_meet_whatever_yeh_kaf_or_joiners_they_are_typed_with() {
        // کابل with Arabic kaf (ك), پنجشیر with Arabic yeh (ي), and with joiners and tatweel.
        assert_eq!(
            normalize("\u{0643}\u{0627}\u{0628}\u{0644}"),
            normalize("کابل")
        );
        assert_eq!(
            normalize("\u{067E}\u{0646}\u{062C}\u{0634}\u{064A}\u{0631}"),
            normalize("پنجشیر")
        );
        assert_eq!(normalize("پنج\u{200C}شیر"), normalize("پنجشیر"));
        assert_eq!(normalize("کا\u{0640}بل"), normalize("کابل"));
        assert_eq!(normalize("ولایت کابل"), normalize("کابل"));
        assert_ne!(normalize("کابل"), normalize("کاپیسا"));
    }

    #[test]
    fn resolves_any_listed_spelling() {
        let g = gazetteer();
        assert_eq!(g.resolve("daykundi province"), Ok(ProvinceIdx(0)));
        assert_eq!(g.resolve("SARI-PUL"), Ok(ProvinceIdx(1)));
        assert_eq!(g.resolve("af-day"), Ok(ProvinceIdx(0)));
    }

    #[test]
    fn unknown_name_repeats_input_and_suggests() {
        let err = gazetteer().resolve("Paktiyya").unwrap_err();
        let LookupError::Unknown { input, suggestions } = &err else {
            panic!("expected Unknown, got {err:?}");
        };
        assert_eq!(input, "Paktiyya");
        assert_eq!(suggestions.first().map(String::as_str), Some("Paktia"));
        assert!(err.to_string().contains("did you mean Paktia"));
    }

    #[test]
    fn a_spelling_of_two_provinces_is_ambiguous() {
        let g = Gazetteer::new(&[
            vec!["A".into(), "Twin".into()],
            vec!["B".into(), "Twin".into()],
        ]);
        assert!(matches!(
            g.resolve("twin"),
            Err(LookupError::Ambiguous { .. })
        ));
    }

    #[test]
    fn search_ranks_exact_then_prefix_then_infix() {
        let g = gazetteer();
        assert_eq!(g.search("pakti"), vec![ProvinceIdx(2), ProvinceIdx(3)]);
        assert_eq!(g.search("paktika"), vec![ProvinceIdx(3)]);
        assert_eq!(g.search("pul"), vec![ProvinceIdx(1)]);
        assert_eq!(g.search("").len(), 4);
    }
}
