//! Event and fatality counts per class (the events' groups and type) × province with per-day
//! prefix sums, so the counts for any date range and any choice of groups and types cost two
//! binary searches per class and province, whatever the number of events. A file has a few
//! dozen classes (a handful of types times the group combinations that occur).

use std::collections::{BTreeSet, HashMap};

use super::{EventSet, GroupSet, NO_EVENT_TYPE, day_from_number, day_number};
use crate::data::{Day, GroupIdx, ProvinceIdx};

/// Which events count: of which groups, of which types.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventSelection {
    /// Events whose acting side includes one of these groups count; `None`: every event,
    /// whatever its groups.
    pub groups: Option<GroupSet>,
    /// With `groups`: whether events whose actors map to no atlas group count too.
    pub ungrouped: bool,
    /// Types left out, by name ([`NO_EVENT_TYPE`] for events whose file gives none).
    pub hidden_types: BTreeSet<String>,
}

impl EventSelection {
    /// Every event.
    pub fn all() -> Self {
        Self::default()
    }

    /// The events of one group (of any type).
    pub fn group(group: GroupIdx) -> Self {
        let mut groups = GroupSet::EMPTY;
        groups.insert(group);
        Self {
            groups: Some(groups),
            ungrouped: false,
            hidden_types: BTreeSet::new(),
        }
    }

    /// Whether an event of `groups` (its acting side) and type `type_name` counts.
    pub fn admits(&self, groups: GroupSet, type_name: &str) -> bool {
        self.admits_groups(groups) && !self.hidden_types.contains(type_name)
    }

    /// Whether an event of `groups` counts, whatever its type.
    pub fn admits_groups(&self, groups: GroupSet) -> bool {
        match self.groups {
            None => true,
            Some(_) if groups.is_empty() => self.ungrouped,
            Some(shown) => groups.0 & shown.0 != 0,
        }
    }
}

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
/// running totals up to and including each (one entry a day, so that adding an event touches
/// one place).
#[derive(Clone, Debug, Default)]
struct Series {
    days: Vec<SeriesDay>,
}

/// A day of a [`Series`] and the totals up to and including it.
#[derive(Clone, Copy, Debug)]
struct SeriesDay {
    day: i32,
    events: u64,
    fatalities: u64,
}

impl Series {
    /// Adds an event of `day` — no earlier than the days added before — with `dead`
    /// fatalities.
    fn add(&mut self, day: i32, dead: u32) {
        match self.days.last_mut() {
            Some(last) if last.day == day => {
                last.events += 1;
                last.fatalities += u64::from(dead);
            }
            last => {
                let (events, fatalities) = last.map_or((0, 0), |l| (l.events, l.fatalities));
                self.days.push(SeriesDay {
                    day,
                    events: events + 1,
                    fatalities: fatalities + u64::from(dead),
                });
            }
        }
    }

    /// Totals over days `< day`.
    fn before(&self, day: i32) -> ProvinceCount {
        let n = self.days.partition_point(|d| d.day < day);
        match n.checked_sub(1).and_then(|last| self.days.get(last)) {
            None => ProvinceCount::default(),
            Some(last) => ProvinceCount {
                events: last.events,
                fatalities: last.fatalities,
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

/// One counted event: its class and province (it adds to their series and to its class's
/// series of all provinces), its day and its fatalities.
#[derive(Clone, Copy, Debug, Default)]
struct Placed {
    class: u32,
    province: u32,
    day: i32,
    fatalities: u32,
}

/// Slots of the table of classes looked up lately.
const RECENT_CLASSES: usize = 256;

/// The longest span of days sorted by counting (a slot a day); longer spans are sorted by
/// comparison.
const MAX_COUNTED_SPAN: i64 = 1 << 20;

/// `placed` in day order (the order within a day kept), given the first and last day.
fn by_day(mut placed: Vec<Placed>, days: Option<(i32, i32)>) -> Vec<Placed> {
    let Some((first, last)) = days else {
        return placed;
    };
    let span = i64::from(last) - i64::from(first) + 1;
    if span > MAX_COUNTED_SPAN {
        placed.sort_by_key(|p| p.day);
        return placed;
    }
    // A counting sort: events per day, where each day's events start, then each event put
    // in its day's place.
    let slot = |p: &Placed| (i64::from(p.day) - i64::from(first)) as usize;
    let mut starts = vec![0usize; span as usize + 1];
    for p in &placed {
        starts[slot(p) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut sorted = vec![Placed::default(); placed.len()];
    for p in &placed {
        let next = &mut starts[slot(p)];
        sorted[*next] = *p;
        *next += 1;
    }
    sorted
}

/// Counts of placed events per class × province × day, as prefix sums.
#[derive(Clone, Debug, Default)]
pub struct EventCounts {
    provinces: usize,
    groups: usize,
    /// The distinct (acting groups, type) of the events; the type indexes [`Self::types`].
    classes: Vec<(GroupSet, u32)>,
    /// The event types that occur, sorted by name.
    types: Vec<String>,
    /// `series[class * (provinces + 1) + p]`; `p == provinces` is every province.
    series: Vec<Series>,
    days: Option<(i32, i32)>,
}

impl EventCounts {
    /// Counts the events of `sets`, for an atlas of `provinces` provinces and `groups` groups.
    pub fn build(sets: &[&EventSet], provinces: usize, groups: usize) -> Self {
        let groups = groups.min(GroupSet::CAPACITY);
        let mask = if groups >= GroupSet::CAPACITY {
            u64::MAX
        } else {
            (1u64 << groups) - 1
        };
        let mut names = BTreeSet::new();
        for set in sets {
            names.extend(set.type_names.iter().cloned());
            if set.event_type.len() < set.len()
                || set
                    .event_type
                    .iter()
                    .any(|t| *t as usize >= set.type_names.len())
            {
                names.insert(NO_EVENT_TYPE.to_owned());
            }
        }
        let types: Vec<String> = names.into_iter().collect();
        let type_id = |name: &str| {
            types
                .binary_search_by(|t| t.as_str().cmp(name))
                .unwrap_or(0) as u32
        };
        let width = provinces + 1;
        let mut class_of: HashMap<(u64, u32), usize, foldhash::fast::RandomState> =
            HashMap::default();
        let mut classes: Vec<(GroupSet, u32)> = Vec::new();
        // Each counted event: its class, province, day and fatalities, in file order.
        let mut placed: Vec<Placed> = Vec::with_capacity(sets.iter().map(|s| s.len()).sum());
        let mut days: Option<(i32, i32)> = None;
        let mut recent: [Option<((u64, u32), usize)>; RECENT_CLASSES] = [None; RECENT_CLASSES];
        for set in sets {
            let local: Vec<u32> = set.type_names.iter().map(|n| type_id(n)).collect();
            let none = type_id(NO_EVENT_TYPE);
            for i in 0..set.len() {
                let province = set.province[i].0;
                if province >= provinces {
                    continue;
                }
                let point = (set.day[i], set.fatalities[i]);
                days = Some(days.map_or((point.0, point.0), |(a, b)| {
                    (a.min(point.0), b.max(point.0))
                }));
                let kind = set
                    .event_type
                    .get(i)
                    .and_then(|t| local.get(*t as usize))
                    .copied()
                    .unwrap_or(none);
                let key = (set.groups[i].0 & mask, kind);
                // A file has a few dozen classes: most events find theirs in a small table
                // indexed by a mix of the key, before the hash map.
                let slot = (key.0 ^ (key.0 >> 29) ^ u64::from(key.1).wrapping_mul(0x9e37_79b9))
                    as usize
                    % RECENT_CLASSES;
                let class = match recent[slot] {
                    Some((known, class)) if known == key => class,
                    _ => {
                        let class = *class_of.entry(key).or_insert_with(|| {
                            classes.push((GroupSet(key.0), kind));
                            classes.len() - 1
                        });
                        recent[slot] = Some((key, class));
                        class
                    }
                };
                // (More than 2^32 classes cannot occur: there are fewer events.)
                placed.push(Placed {
                    class: class as u32,
                    province: province as u32,
                    day: point.0,
                    fatalities: point.1,
                });
            }
        }
        let mut series = vec![Series::default(); classes.len() * width];
        for event in by_day(placed, days) {
            let class = event.class as usize * width;
            series[class + event.province as usize].add(event.day, event.fatalities);
            series[class + provinces].add(event.day, event.fatalities);
        }
        Self {
            provinces,
            groups,
            classes,
            types,
            series,
            days,
        }
    }

    /// The first and last day with an event, if any.
    pub fn day_range(&self) -> Option<(Day, Day)> {
        self.days
            .map(|(a, b)| (day_from_number(a), day_from_number(b)))
    }

    /// The event types of the events, sorted by name ([`NO_EVENT_TYPE`] among them when some
    /// event has none).
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// The classes `select` admits.
    fn classes_in(&self, select: &EventSelection) -> Vec<usize> {
        self.classes
            .iter()
            .enumerate()
            .filter(|(_, (groups, kind))| {
                let name = self.types.get(*kind as usize).map_or("", String::as_str);
                select.admits(*groups, name)
            })
            .map(|(class, _)| class)
            .collect()
    }

    /// The sum over `classes` in column `column` (a province, or `provinces` for all).
    fn sum(&self, classes: &[usize], column: usize, first: i32, last: i32) -> ProvinceCount {
        let mut total = ProvinceCount::default();
        for class in classes {
            if let Some(series) = self.series.get(class * (self.provinces + 1) + column) {
                total += series.between(first, last);
            }
        }
        total
    }

    /// Events and fatalities in one province from `first` to `last` (both included), of the
    /// events `select` admits.
    pub fn count(
        &self,
        select: &EventSelection,
        province: ProvinceIdx,
        first: Day,
        last: Day,
    ) -> ProvinceCount {
        if province.0 >= self.provinces {
            return ProvinceCount::default();
        }
        let classes = self.classes_in(select);
        self.sum(&classes, province.0, day_number(first), day_number(last))
    }

    /// Counts for every province (index = [`ProvinceIdx`]), from `first` to `last`.
    pub fn by_province(
        &self,
        select: &EventSelection,
        first: Day,
        last: Day,
    ) -> Vec<ProvinceCount> {
        let classes = self.classes_in(select);
        let (first, last) = (day_number(first), day_number(last));
        (0..self.provinces)
            .map(|p| self.sum(&classes, p, first, last))
            .collect()
    }

    /// The total over all provinces from `first` to `last`.
    pub fn total(&self, select: &EventSelection, first: Day, last: Day) -> ProvinceCount {
        let classes = self.classes_in(select);
        self.sum(
            &classes,
            self.provinces,
            day_number(first),
            day_number(last),
        )
    }

    /// Totals per group (index = [`GroupIdx`]) from `first` to `last`, of the events `select`
    /// admits; an event with two groups counts for each.
    pub fn by_group(&self, select: &EventSelection, first: Day, last: Day) -> Vec<ProvinceCount> {
        let classes = self.classes_in(select);
        (0..self.groups)
            .map(|g| {
                let of_group: Vec<usize> = classes
                    .iter()
                    .copied()
                    .filter(|c| self.classes[*c].0.contains(GroupIdx(g)))
                    .collect();
                self.sum(
                    &of_group,
                    self.provinces,
                    day_number(first),
                    day_number(last),
                )
            })
            .collect()
    }

    /// Totals per event type (in [`Self::types`] order) from `first` to `last`, of the events
    /// of the groups `select` admits, whatever types it hides.
    pub fn by_type(&self, select: &EventSelection, first: Day, last: Day) -> Vec<ProvinceCount> {
        let (first, last) = (day_number(first), day_number(last));
        (0..self.types.len())
            .map(|kind| {
                let classes: Vec<usize> = self
                    .classes
                    .iter()
                    .enumerate()
                    .filter(|(_, (groups, k))| *k as usize == kind && select.admits_groups(*groups))
                    .map(|(c, _)| c)
                    .collect();
                self.sum(&classes, self.provinces, first, last)
            })
            .collect()
    }

    /// Month by month from `first` to `last` (each month clipped to the range): the first day
    /// of the month and its counts, in one province or (`None`) all.
    pub fn monthly(
        &self,
        select: &EventSelection,
        province: Option<ProvinceIdx>,
        first: Day,
        last: Day,
    ) -> Vec<(Day, ProvinceCount)> {
        if last < first {
            return Vec::new();
        }
        let classes = self.classes_in(select);
        let column = match province {
            Some(p) if p.0 < self.provinces => p.0,
            Some(_) => return Vec::new(),
            None => self.provinces,
        };
        (first.month_index()..=last.month_index())
            .map(|index| {
                let start = Day::from_month_index(index);
                let end = Day::month_end(start.year(), start.month());
                let (from, to) = (start.max(first), end.min(last));
                let count = self.sum(&classes, column, day_number(from), day_number(to));
                (start, count)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::events::{EventFormat, EventSource};

    /// Day number of the days the tests count from (in 2024).
    const BASE: i32 = 19_800;

    /// A set of events (day after [`BASE`], province, groups, type index or none, fatalities).
    /// One test event: day after [`BASE`], province, groups, type index or none, fatalities.
    type TestEvent<'a> = (i32, usize, &'a [usize], Option<u32>, u32);
    /// A [`TestEvent`] that owns its groups.
    type OwnedEvent = (i32, usize, Vec<usize>, Option<u32>, u32);

    fn set(events: &[TestEvent<'_>], types: &[&str]) -> EventSet {
        let mut set = EventSet::empty(EventSource {
            path: "test.csv".into(),
            format: EventFormat::Acled,
            publisher: String::new(),
        });
        for (day, province, groups, kind, dead) in events {
            let mut g = GroupSet::EMPTY;
            for group in *groups {
                g.insert(GroupIdx(*group));
            }
            set.day.push(BASE + *day);
            set.province.push(ProvinceIdx(*province));
            set.groups.push(g);
            set.event_type.push(kind.unwrap_or(u32::MAX));
            set.fatalities.push(*dead);
        }
        set.type_names = types.iter().map(|t| (*t).to_owned()).collect();
        set
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, failure_persistence: None, ..Default::default() })]

        #[test]
        fn counts_for_any_range_equal_the_events_counted_one_by_one(
            events in proptest::collection::vec(
                (0i32..60, 0usize..4, proptest::collection::vec(0usize..3, 0..3), proptest::option::of(0u32..2), 0u32..5),
                0..120,
            ),
            ranges in proptest::collection::vec((-5i32..65, -5i32..65), 8),
            wide in proptest::prelude::any::<bool>(),
        ) {
            // Events days apart by more than a counting sort takes, now and then.
            let events: Vec<OwnedEvent> = events
                .into_iter()
                .enumerate()
                .map(|(i, (day, p, g, k, d))| {
                    let day = if wide && i % 7 == 0 { day + 2_000_000 } else { day };
                    (day, p, g, k, d)
                })
                .collect();
            let borrowed: Vec<TestEvent<'_>> = events
                .iter()
                .map(|(day, p, g, k, d)| (*day, *p, g.as_slice(), *k, *d))
                .collect();
            let set = set(&borrowed, &["Riots", "Battles"]);
            // Province 3 is outside the atlas's 3 provinces: never counted.
            let counts = EventCounts::build(&[&set], 3, 3);
            let group = GroupIdx(1);
            for (a, b) in ranges {
                let (from, to) = (day_from_number(BASE + a), day_from_number(BASE + b));
                let by_province = counts.by_province(&EventSelection::group(group), from, to);
                for (province, counted) in by_province.iter().enumerate() {
                    let expected = events
                        .iter()
                        .filter(|(day, p, g, _, _)| *p == province && g.contains(&1) && (a..=b).contains(day))
                        .fold(ProvinceCount::default(), |mut c, e| {
                            c += ProvinceCount { events: 1, fatalities: u64::from(e.4) };
                            c
                        });
                    proptest::prop_assert_eq!(*counted, expected);
                }
                proptest::prop_assert_eq!(by_province.len(), 3);
                let all = events
                    .iter()
                    .filter(|(day, p, _, _, _)| *p < 3 && (a..=b).contains(day))
                    .count() as u64;
                proptest::prop_assert_eq!(counts.total(&EventSelection::all(), from, to).events, all);
            }
        }
    }

    #[test]
    fn selections_count_by_groups_and_types_each_event_once() {
        let set = set(
            &[
                (10, 0, &[0], Some(0), 1),
                (11, 0, &[0, 1], Some(1), 2),
                (12, 1, &[], Some(0), 4),
                (40, 1, &[1], None, 8),
            ],
            &["Riots", "Battles"],
        );
        let counts = EventCounts::build(&[&set], 2, 2);
        assert_eq!(counts.types(), ["(no type)", "Battles", "Riots"]);
        let days = (day_from_number(BASE), day_from_number(BASE + 100));
        let total = |select: &EventSelection| counts.total(select, days.0, days.1).events;
        assert_eq!(total(&EventSelection::all()), 4);
        let mut both = GroupSet::EMPTY;
        both.insert(GroupIdx(0));
        both.insert(GroupIdx(1));
        let groups = |ungrouped| EventSelection {
            groups: Some(both),
            ungrouped,
            hidden_types: BTreeSet::new(),
        };
        assert_eq!(total(&groups(false)), 3, "the event of two groups once");
        assert_eq!(total(&groups(true)), 4);
        assert_eq!(total(&EventSelection::group(GroupIdx(1))), 2);
        let mut no_riots = EventSelection::all();
        no_riots.hidden_types.insert("Riots".to_owned());
        assert_eq!(total(&no_riots), 2);
        assert_eq!(
            counts.count(&no_riots, ProvinceIdx(1), days.0, days.1),
            ProvinceCount {
                events: 1,
                fatalities: 8
            }
        );
        let by_type: Vec<u64> = counts
            .by_type(&no_riots, days.0, days.1)
            .iter()
            .map(|c| c.events)
            .collect();
        assert_eq!(by_type, vec![1, 1, 2], "types counted whatever is hidden");
        let by_group: Vec<u64> = counts
            .by_group(&EventSelection::all(), days.0, days.1)
            .iter()
            .map(|c| c.events)
            .collect();
        assert_eq!(
            by_group,
            vec![2, 2],
            "an event of two groups counts for each"
        );
        let monthly: u64 = counts
            .monthly(&no_riots, Some(ProvinceIdx(0)), days.0, days.1)
            .iter()
            .map(|(_, c)| c.events)
            .sum();
        assert_eq!(monthly, 1);
    }
}
