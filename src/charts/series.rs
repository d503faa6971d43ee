//! Indicator values → what the charts draw: line segments with gaps where years are missing,
//! growth bars classed by sign, CSV for the clipboard. Pure functions, no egui.

use std::ops::RangeInclusive;

use crate::data::{Day, Indicator};

/// Years the economy charts cover.
pub const CHART_YEARS: RangeInclusive<i32> = 2010..=2025;

/// A day as a fractional year, for time axes (1 Jan = .0).
pub fn year_fraction(day: Day) -> f64 {
    let days_before_month: u16 = (1..day.month())
        .map(|m| u16::from(crate::data::date::days_in_month(day.year(), m)))
        .sum();
    let days_in_year = if crate::data::date::days_in_month(day.year(), 2) == 29 {
        366.0
    } else {
        365.0
    };
    f64::from(day.year())
        + (f64::from(days_before_month) + f64::from(day.day()) - 1.0) / days_in_year
}

/// The Taliban's takeover, 15 August 2021, as a fractional year.
pub fn takeover_year() -> f64 {
    year_fraction(match Day::new(2021, 8, 15) {
        Ok(day) => day,
        Err(_) => crate::data::TIME_START,
    })
}

/// The indicator's points within `years`, split wherever a year has no value, so a chart draws
/// a gap rather than a line across missing data (and never a zero).
pub fn segments(indicator: &Indicator, years: RangeInclusive<i32>) -> Vec<Vec<[f64; 2]>> {
    let mut segments: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut previous: Option<i32> = None;
    for (&year, &value) in indicator.values.range(years) {
        if previous != Some(year - 1) || segments.is_empty() {
            segments.push(Vec::new());
        }
        if let Some(segment) = segments.last_mut() {
            segment.push([f64::from(year), value]);
        }
        previous = Some(year);
    }
    segments
}

/// The first and last year within `years` for which any of `indicators` has a value: where a
/// chart's year axis begins and ends.
pub fn data_years(indicators: &[&Indicator], years: RangeInclusive<i32>) -> Option<(i32, i32)> {
    let mut held = indicators
        .iter()
        .flat_map(|i| i.values.range(years.clone()).map(|(year, _)| *year));
    let first = held.next()?;
    Some(held.fold((first, first), |(low, high), y| (low.min(y), high.max(y))))
}

/// Whether a year's growth was positive or a contraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrowthClass {
    /// Zero or more.
    Growth,
    /// Below zero: drawn in the warning colour.
    Contraction,
}

/// One bar of a growth chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GrowthBar {
    /// Year.
    pub year: i32,
    /// Growth in per cent.
    pub value: f64,
    /// Its colour class.
    pub class: GrowthClass,
}

/// Bars for the years within `years` that have a value.
pub fn growth_bars(indicator: &Indicator, years: RangeInclusive<i32>) -> Vec<GrowthBar> {
    indicator
        .values
        .range(years)
        .map(|(&year, &value)| GrowthBar {
            year,
            value,
            class: if value < 0.0 {
                GrowthClass::Contraction
            } else {
                GrowthClass::Growth
            },
        })
        .collect()
}

/// One tick on a chart axis: where it is and how far apart ticks of its kind are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// The value it marks.
    pub value: f64,
    /// The distance to the next tick.
    pub step: f64,
}

/// Pixels a year label ("2024") needs to stay readable beside its neighbours.
pub const YEAR_LABEL_PX: f64 = 40.0;

/// Pixels between two value-axis labels.
pub const VALUE_LABEL_PX: f64 = 24.0;

/// Ticks on a year axis spanning `bounds`: every year when a year is at least [`YEAR_LABEL_PX`]
/// wide, else every 2, 5 or 10 years (on multiples of the step).
pub fn year_ticks(bounds: (f64, f64), px_per_year: f64) -> Vec<Tick> {
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0]
        .into_iter()
        .find(|step| step * px_per_year >= YEAR_LABEL_PX)
        .unwrap_or(100.0);
    ticks_at(bounds, step)
}

/// At least three ticks on a value axis spanning `bounds`, on 1, 2 or 5 × 10ⁿ: the finest
/// such step whose labels are at least [`VALUE_LABEL_PX`] apart, coarsened no further than
/// leaves three ticks in view.
pub fn value_ticks(bounds: (f64, f64), px_per_unit: f64) -> Vec<Tick> {
    let (low, high) = (bounds.0.min(bounds.1), bounds.0.max(bounds.1));
    let span = high - low;
    if !(span.is_finite() && span > 0.0 && px_per_unit.is_finite() && px_per_unit > 0.0) {
        return Vec::new();
    }
    let wanted = (VALUE_LABEL_PX / px_per_unit).max(span / 12.0);
    let mut step = nice_step_at_least(wanted);
    while count_ticks(bounds, step) < 3 {
        step = smaller_nice_step(step);
    }
    ticks_at(bounds, step)
}

/// The smallest 1, 2 or 5 × 10ⁿ at least `value` (> 0).
fn nice_step_at_least(value: f64) -> f64 {
    let magnitude = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= value * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// The next 1, 2 or 5 × 10ⁿ below `step`.
fn smaller_nice_step(step: f64) -> f64 {
    let magnitude = 10f64.powf(step.log10().floor());
    let mantissa = (step / magnitude).round();
    if mantissa >= 5.0 {
        2.0 * magnitude
    } else if mantissa >= 2.0 {
        magnitude
    } else {
        0.5 * magnitude
    }
}

fn count_ticks(bounds: (f64, f64), step: f64) -> usize {
    ticks_at(bounds, step).len()
}

/// Multiples of `step` within `bounds`.
fn ticks_at(bounds: (f64, f64), step: f64) -> Vec<Tick> {
    let (low, high) = (bounds.0.min(bounds.1), bounds.0.max(bounds.1));
    if !(low.is_finite() && high.is_finite() && step > 0.0) || (high - low) / step > 1000.0 {
        return Vec::new();
    }
    let first = (low / step - 1e-9).ceil() as i64;
    let last = (high / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|i| Tick {
            value: i as f64 * step,
            step,
        })
        .collect()
}

/// A value-axis label with the unit in short: "20 %", "$15 bn", "$500", "40 m", "60 yrs".
pub fn tick_label(value: f64, step: f64, unit: &str) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    let number = crate::data::format::thousands_decimal(value, decimals);
    let unit = unit.trim();
    if unit.starts_with('%') {
        format!("{number} %")
    } else if unit.starts_with("US$ billions") {
        format!("${number} bn")
    } else if unit.starts_with("US$") {
        format!("${number}")
    } else if unit.starts_with("millions") {
        format!("{number} m")
    } else if unit == "years" {
        format!("{number} yrs")
    } else {
        number
    }
}

/// A line that never falls, drawn through reports of a running total made by several sources:
/// the reports that are at least as high as every earlier one. Reports below an earlier figure
/// (another source counting differently) are returned apart, to be drawn as separate marks, so
/// a cumulative line never goes down. Input in date order; output as indices into it.
pub fn running_total_line(counts: &[(f64, f64)]) -> (Vec<usize>, Vec<usize>) {
    let mut line = Vec::new();
    let mut apart = Vec::new();
    let mut highest = f64::NEG_INFINITY;
    for (index, &(_, count)) in counts.iter().enumerate() {
        if count >= highest {
            highest = count;
            line.push(index);
        } else {
            apart.push(index);
        }
    }
    (line, apart)
}

/// `year,<id>,<id>…` rows for `years`; a missing value is an empty cell.
pub fn to_csv(indicators: &[&Indicator], years: RangeInclusive<i32>) -> String {
    let mut csv = String::from("year");
    for indicator in indicators {
        csv.push(',');
        csv.push_str(&indicator.id);
    }
    csv.push('\n');
    for year in years {
        csv.push_str(&year.to_string());
        for indicator in indicators {
            csv.push(',');
            if let Some(value) = indicator.values.get(&year) {
                csv.push_str(&value.to_string());
            }
        }
        csv.push('\n');
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(values: &[(i32, f64)]) -> Indicator {
        Indicator {
            id: "x".into(),
            code: None,
            name: "X".into(),
            unit: "%".into(),
            definition: String::new(),
            source: "s".into(),
            licence: None,
            note: None,
            values: values.iter().copied().collect(),
        }
    }

    #[test]
    fn missing_years_are_gaps_not_zeros() {
        let series = indicator(&[(2010, 1.0), (2011, 2.0), (2013, 3.0)]);
        assert_eq!(
            segments(&series, 2010..=2025),
            vec![vec![[2010.0, 1.0], [2011.0, 2.0]], vec![[2013.0, 3.0]]]
        );
    }

    #[test]
    fn contractions_are_classed_apart() {
        let series = indicator(&[(2020, -2.35), (2021, -20.74), (2023, 2.27)]);
        let classes: Vec<GrowthClass> = growth_bars(&series, CHART_YEARS)
            .iter()
            .map(|b| b.class)
            .collect();
        assert_eq!(
            classes,
            vec![
                GrowthClass::Contraction,
                GrowthClass::Contraction,
                GrowthClass::Growth
            ]
        );
    }

    #[test]
    fn csv_leaves_missing_cells_empty() {
        let series = indicator(&[(2010, 1.5), (2012, 3.0)]);
        assert_eq!(
            to_csv(&[&series], 2010..=2012),
            "year,x\n2010,1.5\n2011,\n2012,3\n"
        );
    }

    #[test]
    fn the_takeover_falls_in_august_2021() {
        let year = takeover_year();
        assert!(year > 2021.61 && year < 2021.63, "{year}");
    }

    #[test]
    fn year_ticks_every_year_when_there_is_room_else_every_two() {
        let years = |px| {
            year_ticks((2009.5, 2025.5), px)
                .iter()
                .map(|t| t.value as i32)
                .collect::<Vec<_>>()
        };
        assert_eq!(years(45.0), (2010..=2025).collect::<Vec<_>>());
        assert_eq!(years(25.0), (2010..=2024).step_by(2).collect::<Vec<_>>());
        // A chart 420 px wide over 16 years still labels every other year.
        assert!(years(420.0 / 16.0).len() >= 8);
    }

    #[test]
    fn value_axes_get_at_least_three_ticks_at_any_height() {
        for (low, high) in [
            (0.0, 1.1),
            (5.0, 28.0),
            (-22.0, 15.0),
            (350.0, 660.0),
            (13.9, 14.2),
        ] {
            for px_per_unit in [0.1, 1.0, 5.0, 40.0, 400.0] {
                let ticks = value_ticks((low, high), px_per_unit);
                assert!(
                    ticks.len() >= 3,
                    "{low}..{high} at {px_per_unit}: {ticks:?}"
                );
                assert!(
                    ticks
                        .iter()
                        .all(|t| t.value >= low - 1e-9 && t.value <= high + 1e-9)
                );
                let step = ticks[0].step;
                let mantissa = step / 10f64.powf(step.log10().floor());
                assert!(
                    [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-6),
                    "nice step {step}"
                );
            }
        }
        // With room, labels are not crowded.
        let ticks = value_ticks((0.0, 30.0), 5.0);
        assert!(ticks[0].step * 5.0 >= VALUE_LABEL_PX, "{ticks:?}");
    }

    #[test]
    fn tick_labels_carry_their_unit() {
        assert_eq!(tick_label(20.0, 10.0, "% per year"), "20 %");
        assert_eq!(tick_label(-0.0, 10.0, "% of GDP"), "0 %");
        assert_eq!(tick_label(15.0, 5.0, "US$ billions (current)"), "$15 bn");
        assert_eq!(tick_label(1500.0, 500.0, "US$ (current)"), "$1,500");
        assert_eq!(tick_label(-12000.0, 2000.0, "people"), "-12,000");
        assert_eq!(tick_label(500.0, 100.0, "US$ (current)"), "$500");
        assert_eq!(tick_label(0.5, 0.5, "millions"), "0.5 m");
        assert_eq!(tick_label(60.0, 2.0, "years"), "60 yrs");
    }

    #[test]
    fn a_running_total_line_never_falls() {
        // The reported returns: 240,175 (Nov 2023), 885,902 (1 Apr 2025, one source),
        // 827,157 (10 Apr 2025, another), 1.1 m (Aug 2025).
        let reports = [
            (2023.9, 240_175.0),
            (2025.25, 885_902.0),
            (2025.27, 827_157.0),
            (2025.6, 1_100_000.0),
        ];
        let (line, apart) = running_total_line(&reports);
        assert_eq!(line, vec![0, 1, 3]);
        assert_eq!(apart, vec![2]);
        assert!(line.windows(2).all(|w| reports[w[1]].1 >= reports[w[0]].1));
    }

    proptest::proptest! {
        #[test]
        fn any_running_total_line_never_falls(
            counts in proptest::collection::vec(0.0..2e6_f64, 0..20)
        ) {
            let reports: Vec<(f64, f64)> =
                counts.iter().enumerate().map(|(i, c)| (i as f64, *c)).collect();
            let (line, apart) = running_total_line(&reports);
            proptest::prop_assert_eq!(line.len() + apart.len(), reports.len());
            proptest::prop_assert!(line.windows(2).all(|w| reports[w[1]].1 >= reports[w[0]].1));
        }
    }
}
