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
        Err(_) => crate::state::TIME_START,
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
}
