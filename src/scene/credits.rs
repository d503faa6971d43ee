//! Who and what a map credits: the publishers of the records shown, the evidence and recency
//! rules, and the newest date among the records ("data as of"). Exports print these in their
//! footer and presentation mode under every slide, so both credit the same sources the same way.
//! Wrapping the words to a page or a screen is left to them.

use std::collections::BTreeSet;

use crate::data::{Atlas, Date, Precision};

use super::Filters;

/// The newest date among the records shown, at the precision its source gives ("Dec 2024",
/// "13 Aug 2024"); a record running past the dates shown counts up to their last day.
pub fn data_as_of(atlas: &Atlas, filters: &Filters) -> Option<Date> {
    let newest = super::presence_in_range(atlas, filters)
        .filter(|p| filters.shows(&atlas.group(p.group).id))
        .map(|p| p.period.to.unwrap_or(p.period.from))
        .max_by_key(|date| (date.end(), date.start))?;
    Some(match filters.time.range() {
        // A record running past the dates shown is shown up to their end.
        Some((_, last)) if newest.end() > last => Date {
            start: last,
            precision: Precision::Day,
        },
        _ => newest,
    })
}

/// Publishers of the sources cited by the records shown (stale ones too: they are drawn),
/// sorted.
pub fn credited_publishers(atlas: &Atlas, filters: &Filters) -> Vec<String> {
    let ids: BTreeSet<&String> = super::presence_with_standing(atlas, filters)
        .map(|(p, _)| p)
        .filter(|p| filters.shows(&atlas.group(p.group).id))
        .flat_map(|p| p.sources.iter())
        .collect();
    let publishers: BTreeSet<String> = ids
        .into_iter()
        .filter_map(|id| atlas.sources.get(id))
        .map(|s| s.publisher.clone())
        .collect();
    publishers.into_iter().collect()
}

/// The credit line under a map, in pieces a line may break between (a word of the rules, or a
/// whole publisher with its "; "): the grade floor, the recency rule, and every publisher of the
/// records shown, then `more_publishers` (the event files' publishers) not already among them.
/// Joined, the pieces read as one sentence.
pub fn credit_pieces(atlas: &Atlas, filters: &Filters, more_publishers: &[String]) -> Vec<String> {
    let mut publishers = credited_publishers(atlas, filters);
    for publisher in more_publishers {
        if !publishers.contains(publisher) {
            publishers.push(publisher.clone());
        }
    }
    let recency = if filters.time.range().is_some() {
        format!(
            "Presence is current if last reported within {} months before the dates' end, else stale (dashed). ",
            filters.recency_months
        )
    } else {
        String::new()
    };
    let words = format!(
        "Evidence shown: {} (Admiralty grades). {recency}Sources of the records shown ({}): ",
        crate::data::grade::floor_label(filters.min_grade),
        publishers.len()
    );
    let count = publishers.len();
    words
        .split_inclusive(' ')
        .map(str::to_owned)
        .chain(
            publishers
                .into_iter()
                .enumerate()
                .map(|(index, publisher)| {
                    if index + 1 < count {
                        format!("{publisher}; ")
                    } else {
                        publisher
                    }
                }),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn the_credit_line_names_every_publisher_of_the_records_shown_once() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(super::super::default_visible_groups(&atlas)),
            ..Filters::default()
        };
        let publishers = credited_publishers(&atlas, &filters);
        assert!(!publishers.is_empty());
        let extra = vec![
            publishers[0].clone(),
            "The publisher of an event file".to_owned(),
        ];
        let line = credit_pieces(&atlas, &filters, &extra).concat();
        let (_, named) = line
            .split_once("): ")
            .expect("the publishers follow the rules");
        let named: Vec<&str> = named.split("; ").collect();
        let mut expected: Vec<&str> = publishers.iter().map(String::as_str).collect();
        expected.push("The publisher of an event file");
        assert_eq!(named, expected, "{line}");
        assert!(line.contains(&format!("({})", expected.len())), "{line}");
    }

    #[test]
    fn a_map_with_no_group_shown_credits_no_publisher() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(Default::default()),
            ..Filters::default()
        };
        assert!(credited_publishers(&atlas, &filters).is_empty());
        assert_eq!(data_as_of(&atlas, &filters), None);
    }
}
