//! One incident, one count: a presence record that links events (`event_ids`) takes its number
//! of attacks from those events, never from a number stored beside them, so no view can show a
//! count its events do not bear out. A record without linked events keeps the total its source
//! gives (a UN count of verified attacks, for which there are no single events).
//!
//! The rule, applied on load: a record's count is the sum of `attacks` over its linked events
//! when each of them happened in the record's province alone and counts its attacks; otherwise
//! the record has no count (an event over several provinces does not say how many attacks fell
//! in each). A stored `count` that disagrees is a problem at its place and is not shown.

use super::{Event, Presence, Problem};

/// The attacks `record`'s linked events count in its province, or `None` when one of them does
/// not count attacks, lies in several provinces, or is not in the data.
pub fn counted_attacks(record: &Presence, events: &[Event]) -> Option<u32> {
    let mut total: u32 = 0;
    for id in &record.event_ids {
        let event = events.iter().find(|e| e.id.as_ref() == Some(id))?;
        if event.provinces.as_slice() != [record.province] {
            return None;
        }
        total = total.checked_add(event.attacks?)?;
    }
    Some(total)
}

/// Sets the count of every presence record that links events from those events, and returns a
/// problem for each stored count that disagrees (at `paths[i]`, the place of `presence[i]` in
/// `file`).
pub fn derive_counts(
    file: &str,
    presence: &mut [Presence],
    paths: &[String],
    events: &[Event],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (record, path) in presence.iter_mut().zip(paths) {
        if record.event_ids.is_empty() {
            continue;
        }
        let derived = counted_attacks(record, events);
        if let Some(stored) = record.count
            && Some(stored) != derived
        {
            let why = match derived {
                Some(n) => format!(
                    "its linked events count {n} attack{} here",
                    if n == 1 { "" } else { "s" }
                ),
                None => "its linked events do not count attacks in this province alone \
                         (give each event its number of attacks, `attacks`, or leave the count out)"
                    .to_owned(),
            };
            problems.push(Problem::new(
                file,
                format!("{path}.count"),
                format!(
                    "the count is {stored}, but {why}; a record that links events takes its count from them, so {stored} is not shown"
                ),
            ));
        }
        record.count = derived;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Date, EventStatus, Evidence, GroupIdx, Period, ProvinceIdx};

    fn event(id: &str, provinces: &[usize], attacks: Option<u32>) -> Event {
        Event {
            date: Date::parse("2024-01").expect("date"),
            provinces: provinces.iter().copied().map(ProvinceIdx).collect(),
            district: None,
            place: None,
            id: Some(id.to_owned()),
            actor: Some(GroupIdx(0)),
            actor_names: Vec::new(),
            target: None,
            attacks,
            status: EventStatus::Claimed,
            summary: String::new(),
            sources: vec!["s".to_owned()],
            credibility: None,
            grading_note: None,
        }
    }

    fn record(province: usize, count: Option<u32>, ids: &[&str]) -> Presence {
        let date = Date::parse("2024-01").expect("date");
        Presence {
            group: GroupIdx(0),
            province: ProvinceIdx(province),
            evidence: Evidence::ClaimedAttacks,
            count,
            period: Period {
                from: date,
                to: Some(date),
            },
            last_reported: date,
            note: None,
            sources: vec!["s".to_owned()],
            event_ids: ids.iter().map(|id| (*id).to_owned()).collect(),
            credibility: None,
            grading_note: None,
        }
    }

    #[test]
    fn a_linked_record_counts_what_its_events_count_and_a_disagreeing_count_is_a_problem() {
        let events = [
            event("two", &[0], Some(2)),
            event("one", &[0], Some(1)),
            event("spread", &[0, 1], Some(25)),
            event("uncounted", &[0], None),
        ];
        let mut presence = [
            record(0, None, &["two", "one"]),
            record(0, Some(5), &["two"]),
            record(0, Some(1), &["spread"]),
            record(0, None, &["uncounted"]),
            record(0, Some(20), &[]),
            record(0, Some(2), &["two"]),
        ];
        let paths: Vec<String> = (0..presence.len())
            .map(|i| format!("presence[{i}]"))
            .collect();
        let problems = derive_counts("a.json", &mut presence, &paths, &events);
        let counts: Vec<Option<u32>> = presence.iter().map(|p| p.count).collect();
        assert_eq!(
            counts,
            [Some(3), Some(2), None, None, Some(20), Some(2)],
            "from the events; a source's own total without events is kept"
        );
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("the count is 5, but its linked events count 2 attacks here")
                && text[0].ends_with("(at presence[1].count in a.json)"),
            "{text:?}"
        );
        assert!(
            text[1].contains("do not count attacks in this province alone")
                && text[1].contains("presence[2].count"),
            "{text:?}"
        );
    }
}
