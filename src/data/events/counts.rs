//! Event and fatality counts per group × province with per-day prefix sums, so the counts for
//! any date range cost two binary searches per province, whatever the number of events.

use super::{EventSet, day_from_number, day_number};
use crate::data::{Day, GroupIdx, ProvinceIdx};

/// Events and fatalities in a province (or any other bucket).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProvinceCount {
    /// Number of events.
    pub events: u64,
    /// Sum of their fatalities.
    pub fatalities: u64,
}

impl std::ops::AddAssign for ProvinceCount {
    fn add_assign(&mut self, other: Self) {
        self.events += other.events;
        self.fatalities += other.fatalities;
    }
}

/// One group's (or all events') counts in one province: the distinct days with events, and
/// running totals up to and including each.
#[derive(Clone, Debug, Default)]
struct Series {
    days: Vec<i32>,
    events: Vec<u64>,
    fatalities: Vec<u64>,
}

impl Series {
    fn from_sorted(points: &[(i32, u32)]) -> Self {
        let mut series = Self::default();
        let (mut events, mut fatalities) = (0u64, 0u64);
        for &(day, dead) in points {
            events += 1;
            fatalities += u64::from(dead);
            if let (Some(&last_day), Some(last_events), Some(last_fatalities)) = (
                series.days.last(),
                series.events.last_mut(),
                series.fatalities.last_mut(),
            ) && last_day == day
            {
                *last_events = events;
                *last_fatalities = fatalities;
            } else {
                series.days.push(day);
                series.events.push(events);
                series.fatalities.push(fatalities);
            }
        }
        series
    }

    /// Totals over days `< day`.
    fn before(&self, day: i32) -> ProvinceCount {
        let n = self.days.partition_point(|d| *d < day);
        match n {
            0 => ProvinceCount::default(),
            n => ProvinceCount {
                events: self.events[n - 1],
                fatalities: self.fatalities[n - 1],
            },
        }
    }

    fn between(&self, first: i32, last: i32) -> ProvinceCount {
        if last < first {
            return ProvinceCount::default();
        }
        let (to, from) = (self.before(last.saturating_add(1)), self.before(first));
        ProvinceCount {
            events: to.events - from.events,
            fatalities: to.fatalities - from.fatalities,
        }
    }
}

/// Counts of placed events per group × province × day, as prefix sums.
#[derive(Clone, Debug, Default)]
pub struct EventCounts {
    provinces: usize,
    groups: usize,
    /// `series[(g + 1) * provinces + p]`; `g + 1 == 0` is every event, whatever its groups.
    series: Vec<Series>,
    days: Option<(i32, i32)>,
}

impl EventCounts {
    /// Counts the events of `sets`, for an atlas of `provinces` provinces and `groups` groups.
    pub fn build(sets: &[&EventSet], provinces: usize, groups: usize) -> Self {
        let groups = groups.min(super::GroupSet::CAPACITY);
        let mut buckets: Vec<Vec<(i32, u32)>> = vec![Vec::new(); (groups + 1) * provinces];
        let mut days: Option<(i32, i32)> = None;
        for set in sets {
            for i in 0..set.len() {
                let province = set.province[i].0;
                if province >= provinces {
                    continue;
                }
                let point = (set.day[i], set.fatalities[i]);
                days = Some(days.map_or((point.0, point.0), |(a, b)| {
                    (a.min(point.0), b.max(point.0))
                }));
                buckets[province].push(point);
                for group in set.groups[i].iter().filter(|g| g.0 < groups) {
                    buckets[(group.0 + 1) * provinces + province].push(point);
                }
            }
        }
        let series = buckets
            .into_iter()
            .map(|mut points| {
                points.sort_unstable_by_key(|p| p.0);
                Series::from_sorted(&points)
            })
            .collect();
        Self {
            provinces,
            groups,
            series,
            days,
        }
    }

    /// The first and last day with an event, if any.
    pub fn day_range(&self) -> Option<(Day, Day)> {
        self.days
            .map(|(a, b)| (day_from_number(a), day_from_number(b)))
    }

    fn series(&self, group: Option<GroupIdx>, province: usize) -> Option<&Series> {
        let row = match group {
            None => 0,
            Some(g) if g.0 < self.groups => g.0 + 1,
            Some(_) => return None,
        };
        self.series.get(row * self.provinces + province)
    }

    /// Events and fatalities in one province from `first` to `last` (both included), of one
    /// group or (`None`) of all events.
    pub fn count(
        &self,
        group: Option<GroupIdx>,
        province: ProvinceIdx,
        first: Day,
        last: Day,
    ) -> ProvinceCount {
        self.series(group, province.0)
            .map(|s| s.between(day_number(first), day_number(last)))
            .unwrap_or_default()
    }

    /// Counts for every province (index = [`ProvinceIdx`]), from `first` to `last`.
    pub fn by_province(
        &self,
        group: Option<GroupIdx>,
        first: Day,
        last: Day,
    ) -> Vec<ProvinceCount> {
        (0..self.provinces)
            .map(|p| self.count(group, ProvinceIdx(p), first, last))
            .collect()
    }

    /// The total over all provinces from `first` to `last`.
    pub fn total(&self, group: Option<GroupIdx>, first: Day, last: Day) -> ProvinceCount {
        let mut total = ProvinceCount::default();
        for count in self.by_province(group, first, last) {
            total += count;
        }
        total
    }

    /// Totals per group (index = [`GroupIdx`]) from `first` to `last`; an event with two
    /// groups counts for each.
    pub fn by_group(&self, first: Day, last: Day) -> Vec<ProvinceCount> {
        (0..self.groups)
            .map(|g| self.total(Some(GroupIdx(g)), first, last))
            .collect()
    }

    /// Month by month from `first` to `last` (each month clipped to the range): the first day
    /// of the month and its counts, in one province or (`None`) all.
    pub fn monthly(
        &self,
        group: Option<GroupIdx>,
        province: Option<ProvinceIdx>,
        first: Day,
        last: Day,
    ) -> Vec<(Day, ProvinceCount)> {
        if last < first {
            return Vec::new();
        }
        (first.month_index()..=last.month_index())
            .map(|index| {
                let start = Day::from_month_index(index);
                let end = Day::month_end(start.year(), start.month());
                let (from, to) = (start.max(first), end.min(last));
                let count = match province {
                    Some(p) => self.count(group, p, from, to),
                    None => self.total(group, from, to),
                };
                (start, count)
            })
            .collect()
    }
}
