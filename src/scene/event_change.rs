//! With events loaded and two periods compared: how many events (and fatalities) each province
//! had before and after, the change, and the diverging choropleth of it — classes symmetric
//! around zero, in a colour-blind-safe palette (ColorBrewer PuOr: purple for fewer, orange for
//! more, near-white for no change). Optionally per 100,000 people, from the province
//! populations the atlas cites (NSIA 1400 estimates); a province without one stays unshaded.
//!
//! Decided here, drawn by the map's fills ([`super::events::choropleth_colours`]) and by
//! exports ([`crate::export`]); the legends and the province card read the same numbers.

use super::{
    Filters, Rgb,
    events::{EventMeasure, Totals, selection},
    periods::{Periods, Span},
};
use crate::data::{Atlas, events::EventCounts, format::thousands_decimal};

/// One province's events in each period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProvinceChange {
    /// Events and fatalities in the before period.
    pub before: Totals,
    /// Events and fatalities in the after period.
    pub after: Totals,
}

impl ProvinceChange {
    /// After less before, in events.
    pub fn events(&self) -> i64 {
        signed(self.after.events) - signed(self.before.events)
    }

    /// After less before, in fatalities.
    pub fn fatalities(&self) -> i64 {
        signed(self.after.fatalities) - signed(self.before.fatalities)
    }
}

fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The events of both periods, per province, for the groups and event types `filters` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct EventChange {
    /// The periods.
    pub periods: Periods,
    /// By province index.
    pub provinces: Vec<ProvinceChange>,
}

impl EventChange {
    /// Counts the events of `filters`' groups and types in each of `periods`.
    pub fn count(counts: &EventCounts, atlas: &Atlas, filters: &Filters, periods: Periods) -> Self {
        let select = selection(atlas, filters);
        let totals = |span: Span| counts.by_province(&select, span.from, span.to);
        let (before, after) = (totals(periods.before), totals(periods.after));
        let provinces = (0..atlas.provinces.len())
            .map(|i| ProvinceChange {
                before: before.get(i).copied().unwrap_or_default(),
                after: after.get(i).copied().unwrap_or_default(),
            })
            .collect();
        Self { periods, provinces }
    }

    /// The change each province is shaded by: events, fatalities, or events per 100,000
    /// people (`None` where the atlas has no population for the province).
    pub fn values(&self, measure: EventMeasure, population: &[Option<u64>]) -> Vec<Option<f64>> {
        self.provinces
            .iter()
            .enumerate()
            .map(|(index, p)| match measure {
                EventMeasure::Events => Some(p.events() as f64),
                EventMeasure::Fatalities => Some(p.fatalities() as f64),
                EventMeasure::PerCapita => population
                    .get(index)
                    .copied()
                    .flatten()
                    .filter(|n| *n > 0)
                    .map(|n| p.events() as f64 * 100_000.0 / n as f64),
            })
            .collect()
    }

    /// When the two periods differ in length (by whole months when both are whole months, else
    /// by more than a twentieth), the note that says so: the counts are not scaled.
    pub fn length_note(&self) -> Option<String> {
        let (before, after) = (self.periods.before, self.periods.after);
        let whole = |span: Span| span.from.day() == 1 && span.to == span.to.end_of_month();
        if whole(before) && whole(after) {
            let months = |span: Span| span.to.month_index() - span.from.month_index() + 1;
            let (b, a) = (months(before), months(after));
            return (b != a).then(|| {
                format!(
                    "The periods differ in length ({b} and {a} months): the counts are not scaled"
                )
            });
        }
        let days = |span: Span| {
            crate::data::events::day_number(span.to) - crate::data::events::day_number(span.from)
                + 1
        };
        let (b, a) = (days(before), days(after));
        (20 * (b - a).abs() > b.max(a)).then(|| {
            format!("The periods differ in length ({b} and {a} days): the counts are not scaled")
        })
    }
}

/// Seven shades, most fewer to most more (ColorBrewer PuOr, reversed: colour-blind safe, and
/// readable in greyscale by the distance from the light middle).
pub const DIVERGING_PALETTE: [Rgb; 7] = [
    [84, 39, 136],
    [153, 142, 195],
    [216, 218, 235],
    [247, 247, 247],
    [254, 224, 182],
    [241, 163, 64],
    [179, 88, 6],
];
/// The middle of [`DIVERGING_PALETTE`]: no change.
pub const NO_CHANGE_CLASS: usize = 3;

/// Classes of a change, the same on both sides of zero: up to three bounds of its size,
/// `bounds[k]` the upper bound (inclusive) of the k-th class away from zero, the last the
/// largest change either way.
#[derive(Clone, Debug, PartialEq)]
pub struct DivergingClasses {
    /// Upper bounds of the size of a change, ascending.
    pub bounds: Vec<f64>,
}

impl DivergingClasses {
    /// Classes for `values` (provinces without a value are ignored): split at round numbers
    /// near the thirds of the sizes of the changes, either way.
    pub fn for_values(values: &[Option<f64>]) -> Self {
        let mut sizes: Vec<f64> = values
            .iter()
            .flatten()
            .map(|v| v.abs())
            .filter(|v| *v > 0.0 && v.is_finite())
            .collect();
        sizes.sort_by(f64::total_cmp);
        let Some(&max) = sizes.last() else {
            return Self { bounds: Vec::new() };
        };
        let mut bounds: Vec<f64> = Vec::new();
        for third in 1..3 {
            let at = sizes[(sizes.len() * third / 3).min(sizes.len() - 1)];
            let bound = super::events::round_up_nicely(at);
            if bound < max && bounds.last().is_none_or(|last| bound > *last) {
                bounds.push(bound);
            }
        }
        bounds.push(max);
        Self { bounds }
    }

    /// The class of `value`: an index into [`DIVERGING_PALETTE`] ([`NO_CHANGE_CLASS`] for
    /// zero), `None` for no value.
    pub fn class_of(&self, value: Option<f64>) -> Option<usize> {
        let value = value.filter(|v| v.is_finite())?;
        if value == 0.0 || self.bounds.is_empty() {
            return Some(NO_CHANGE_CLASS);
        }
        let step = self
            .bounds
            .iter()
            .position(|bound| value.abs() <= *bound)
            .unwrap_or(self.bounds.len() - 1);
        let away = self.offsets()[step];
        Some(if value < 0.0 {
            NO_CHANGE_CLASS - away
        } else {
            NO_CHANGE_CLASS + away
        })
    }

    /// How far from the middle each class's shade is: spread over the palette when there are
    /// fewer than three.
    fn offsets(&self) -> &'static [usize] {
        match self.bounds.len() {
            0 | 1 => &[2],
            2 => &[1, 3],
            _ => &[1, 2, 3],
        }
    }

    /// The legend's rows, most more first: (palette class, label), e.g. "+21 to +55", "+1 to
    /// +20", "no change", "−1 to −20", "−21 to −55"; rates with one decimal.
    pub fn rows(&self, measure: EventMeasure) -> Vec<(usize, String)> {
        let rate = measure == EventMeasure::PerCapita;
        let number = |v: f64| {
            if rate {
                thousands_decimal(v, 1)
            } else {
                crate::data::format::thousands_rounded(v)
            }
        };
        let smallest = if rate { 0.0 } else { 1.0 };
        let mut ranges: Vec<(usize, f64, f64)> = Vec::new();
        let mut lower = smallest;
        for (step, upper) in self.bounds.iter().enumerate() {
            ranges.push((self.offsets()[step], lower, *upper));
            lower = if rate { *upper } else { upper + 1.0 };
        }
        let label = |sign: &str, low: f64, high: f64| {
            if (high - low).abs() < f64::EPSILON {
                format!("{sign}{}", number(high))
            } else if rate && low == 0.0 {
                format!("{sign}up to {}", number(high))
            } else {
                format!("{sign}{} to {sign}{}", number(low), number(high))
            }
        };
        let mut rows: Vec<(usize, String)> = ranges
            .iter()
            .rev()
            .map(|(away, low, high)| (NO_CHANGE_CLASS + away, label("+", *low, *high)))
            .collect();
        rows.push((NO_CHANGE_CLASS, "no change".to_owned()));
        rows.extend(
            ranges
                .iter()
                .map(|(away, low, high)| (NO_CHANGE_CLASS - away, label("−", *low, *high))),
        );
        rows
    }
}

/// "Change in number of events", "Change in fatalities", "Change in events per 100,000
/// people": what the choropleth shows.
pub fn measure_title(measure: EventMeasure) -> String {
    let label = measure.label();
    let mut lower = label.chars();
    match lower.next() {
        Some(first) => format!("Change in {}{}", first.to_lowercase(), lower.as_str()),
        None => "Change".to_owned(),
    }
}

/// "+12", "−3", "0": a change as the card and legends write it.
pub fn signed_text(value: i64) -> String {
    let digits = crate::data::format::thousands(value.unsigned_abs() as usize);
    match value.cmp(&0) {
        std::cmp::Ordering::Greater => format!("+{digits}"),
        std::cmp::Ordering::Less => format!("−{digits}"),
        std::cmp::Ordering::Equal => "0".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{
        Day, ProvinceIdx,
        events::{EventFormat, EventSet, EventSource, GroupSet, day_number},
    };

    /// Counts of events by (province, day, fatalities), in no group and of no type.
    fn counts(atlas: &Atlas, list: &[(usize, Day, u32)]) -> EventCounts {
        let mut set = EventSet::empty(EventSource {
            path: "hand-built.csv".into(),
            format: EventFormat::Acled,
            publisher: String::new(),
        });
        for (province, day, fatalities) in list {
            set.day.push(day_number(*day));
            set.province.push(ProvinceIdx(*province));
            set.groups.push(GroupSet::EMPTY);
            set.event_type.push(u32::MAX);
            set.fatalities.push(*fatalities);
        }
        EventCounts::build(&[&set], atlas.provinces.len(), atlas.groups.len())
    }

    #[test]
    fn counts_each_period_and_the_change_by_hand() {
        let atlas = crate::data::load_embedded();
        let day = |y, m, d| Day::new(y, m, d).expect("a day");
        let counts = counts(
            &atlas,
            &[
                // Province 0: 2 before (3 killed), 1 after (0 killed).
                (0, day(2024, 1, 5), 1),
                (0, day(2024, 12, 31), 2),
                (0, day(2025, 1, 1), 0),
                // Province 1: none before, 3 after (4 killed).
                (1, day(2025, 2, 1), 1),
                (1, day(2025, 3, 1), 1),
                (1, day(2025, 12, 31), 2),
                // Province 2: one before the periods, counted in neither.
                (2, day(2023, 12, 31), 9),
            ],
        );
        let periods = Periods {
            before: Span::parse("2024").expect("valid"),
            after: Span::parse("2025").expect("valid"),
        };
        let change = EventChange::count(&counts, &atlas, &Filters::default(), periods);
        assert_eq!(change.provinces[0].before.events, 2);
        assert_eq!(change.provinces[0].before.fatalities, 3);
        assert_eq!(change.provinces[0].after.events, 1);
        assert_eq!(change.provinces[0].events(), -1);
        assert_eq!(change.provinces[0].fatalities(), -3);
        assert_eq!(change.provinces[1].events(), 3);
        assert_eq!(change.provinces[1].fatalities(), 4);
        assert_eq!(change.provinces[2], ProvinceChange::default());
        assert_eq!(change.length_note(), None, "two whole years");
        let uneven = EventChange {
            periods: Periods {
                before: Span::parse("2024").expect("valid"),
                after: Span::parse("2025-01..2025-08").expect("valid"),
            },
            provinces: Vec::new(),
        };
        assert!(
            uneven
                .length_note()
                .is_some_and(|n| n.contains("12 and 8 months"))
        );

        let values = change.values(EventMeasure::Events, &[]);
        assert_eq!(values[0], Some(-1.0));
        assert_eq!(values[1], Some(3.0));
        let per_capita = change.values(EventMeasure::PerCapita, &[Some(200_000), None]);
        assert_eq!(per_capita[0], Some(-0.5));
        assert_eq!(per_capita[1], None, "no population: no rate");
    }

    #[test]
    fn classes_are_symmetric_around_zero() {
        let values: Vec<Option<f64>> = [-40.0, -3.0, 0.0, 1.0, 2.0, 5.0, 12.0, 20.0]
            .into_iter()
            .map(Some)
            .chain([None])
            .collect();
        let classes = DivergingClasses::for_values(&values);
        assert_eq!(
            classes.bounds.last(),
            Some(&40.0),
            "the largest change either way"
        );
        assert_eq!(classes.class_of(Some(0.0)), Some(NO_CHANGE_CLASS));
        assert_eq!(classes.class_of(None), None);
        for v in [1.0, 3.0, 12.0, 40.0] {
            let (up, down) = (
                classes.class_of(Some(v)).expect("a class"),
                classes.class_of(Some(-v)).expect("a class"),
            );
            assert_eq!(
                up - NO_CHANGE_CLASS,
                NO_CHANGE_CLASS - down,
                "{v}: same step"
            );
            assert!(up > NO_CHANGE_CLASS && down < NO_CHANGE_CLASS);
        }
        assert_eq!(classes.class_of(Some(-40.0)), Some(0));
        assert_eq!(classes.class_of(Some(40.0)), Some(6));
        let rows = classes.rows(EventMeasure::Events);
        assert_eq!(rows.len(), 2 * classes.bounds.len() + 1);
        assert_eq!(rows[classes.bounds.len()].1, "no change");
        assert!(rows[0].1.ends_with("+40"), "{rows:?}");
        assert!(
            rows.last().is_some_and(|r| r.1.ends_with("−40")),
            "{rows:?}"
        );
        assert!(rows.windows(2).all(|w| w[0].0 > w[1].0), "more first");
        // The palette is light in the middle and darkens both ways.
        let lightness = |rgb: Rgb| rgb.iter().map(|c| u32::from(*c)).sum::<u32>();
        for side in [[3, 2, 1, 0], [3, 4, 5, 6]] {
            assert!(
                side.windows(2).all(
                    |w| lightness(DIVERGING_PALETTE[w[0]]) > lightness(DIVERGING_PALETTE[w[1]])
                )
            );
        }
        assert_eq!(signed_text(-1200), "−1,200");
        assert_eq!(signed_text(3), "+3");
        assert_eq!(
            measure_title(EventMeasure::Fatalities),
            "Change in fatalities"
        );
    }
}
