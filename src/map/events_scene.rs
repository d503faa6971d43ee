//! What the Events layer shows, decided without egui, so the screen and exports agree: the events
//! prepared for drawing (map-space points in day order, indexed by province), their totals per
//! province for the dates shown, and the classes of the province choropleth.
//!
//! Totals for a range of days are O(provinces × log events): each province keeps its events'
//! days in order and a running sum of fatalities, so moving the time control never walks the
//! events themselves.

use std::ops::Range;

use egui::Pos2;
use serde::{Deserialize, Serialize};

use super::point_grid::PointGrid;

use crate::{
    data::{
        Atlas, Day,
        events::{EventCounts, EventSet, ProvinceCount, day_number},
    },
    geometry::Projection,
    scene::{Rgb, group_colour},
    state::Filters,
};

/// Zoom (1 = the whole country) from which single events are drawn; below it, one circle per
/// province.
pub const POINTS_FROM_ZOOM: f32 = 3.0;

/// How the Events layer draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventStyle {
    /// Circles per province when zoomed out, single events when zoomed in.
    #[default]
    Markers,
    /// Provinces shaded by the chosen measure.
    Choropleth,
}

/// What the choropleth (and the province circles) measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventMeasure {
    /// Number of events.
    #[default]
    Events,
    /// Reported fatalities.
    Fatalities,
    /// Events per 100,000 people (the province population in the atlas).
    PerCapita,
}

impl EventMeasure {
    /// All measures, in menu order.
    pub const ALL: [Self; 3] = [Self::Events, Self::Fatalities, Self::PerCapita];

    /// Its name in menus and legends.
    pub fn label(self) -> &'static str {
        match self {
            Self::Events => "Number of events",
            Self::Fatalities => "Fatalities",
            Self::PerCapita => "Events per 100,000 people",
        }
    }
}

/// The user's choices for the Events layer (part of the filters, so slides keep them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventLayerSettings {
    /// Whether the layer is drawn (when events are loaded).
    pub shown: bool,
    /// Markers or choropleth.
    pub style: EventStyle,
    /// The measure of the choropleth and the province circles.
    pub measure: EventMeasure,
}

impl Default for EventLayerSettings {
    fn default() -> Self {
        Self {
            shown: true,
            style: EventStyle::Markers,
            measure: EventMeasure::Events,
        }
    }
}

/// No group: the event's actors map to none of the atlas's groups.
pub const NO_GROUP: u16 = u16::MAX;

/// Events prepared for drawing: map-space points in day order (struct of arrays). `event[i]` is
/// the point's index over all open files, in file order (see [`LoadedEvents::event`]).
#[derive(Clone, Debug, Default)]
pub struct EventPoints {
    /// Map-space positions.
    pub pos: Vec<Pos2>,
    /// Day numbers, ascending.
    pub day: Vec<i32>,
    /// Reported fatalities.
    pub fatalities: Vec<u32>,
    /// The colour group (the first of the event's groups), or [`NO_GROUP`].
    pub group: Vec<u16>,
    /// Index of each point's event over all files.
    pub event: Vec<u32>,
    /// The colour groups that occur in `group`, ascending (without [`NO_GROUP`]): the legend's
    /// rows, found once rather than by scanning every point each frame.
    pub groups_present: Vec<u16>,
    /// The points by where they are.
    pub grid: PointGrid,
}

/// Events and fatalities in one province over the days shown.
pub type Totals = ProvinceCount;

impl EventPoints {
    /// The points of `sets`, projected with `projection`, in day order.
    pub fn new(sets: &[EventSet], projection: &Projection) -> Self {
        let mut order: Vec<(i32, u32)> = Vec::with_capacity(sets.iter().map(EventSet::len).sum());
        let mut base = 0u32;
        for set in sets {
            order.extend(
                set.day
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (*d, base + i as u32)),
            );
            base += set.len() as u32;
        }
        order.sort_unstable();
        let mut points = Self {
            pos: Vec::with_capacity(order.len()),
            day: Vec::with_capacity(order.len()),
            fatalities: Vec::with_capacity(order.len()),
            group: Vec::with_capacity(order.len()),
            event: Vec::with_capacity(order.len()),
            groups_present: Vec::new(),
            grid: PointGrid::default(),
        };
        for (day, event) in order {
            let Some((set, i)) = locate(sets, event) else {
                continue;
            };
            let [x, y] = projection.project(f64::from(set.lon[i]), f64::from(set.lat[i]));
            points.pos.push(Pos2::new(x as f32, y as f32));
            points.day.push(day);
            points.fatalities.push(set.fatalities[i]);
            points.group.push(colour_group(set, i));
            points.event.push(event);
        }
        points.note_groups_present();
        points.grid = PointGrid::new(&points.pos);
        points
    }

    fn note_groups_present(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        seen.extend(self.group.iter().copied().filter(|g| *g != NO_GROUP));
        self.groups_present = seen.into_iter().collect();
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.day.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// The points within `range` (inclusive day numbers; `None` for all), as an index range.
    pub fn in_range(&self, range: Option<(i32, i32)>) -> Range<usize> {
        match range {
            None => 0..self.len(),
            Some((first, last)) => {
                let start = self.day.partition_point(|d| *d < first);
                let end = self.day.partition_point(|d| *d <= last);
                start..end.max(start)
            }
        }
    }

    /// Takes the groups again from `sets` (after the alias table changed).
    fn regroup(&mut self, sets: &[EventSet]) {
        for (group, event) in self.group.iter_mut().zip(&self.event) {
            if let Some((set, i)) = locate(sets, *event) {
                *group = colour_group(set, i);
            }
        }
        self.note_groups_present();
    }
}

/// Event `event` over all of `sets`: its set and its index there.
fn locate(sets: &[EventSet], mut event: u32) -> Option<(&EventSet, usize)> {
    for set in sets {
        if (event as usize) < set.len() {
            return Some((set, event as usize));
        }
        event -= set.len() as u32;
    }
    None
}

fn colour_group(set: &EventSet, i: usize) -> u16 {
    set.groups[i].iter().next().map_or(NO_GROUP, |g| g.0 as u16)
}

/// The open event files, counted and prepared for the map. Built off the UI thread.
#[derive(Clone, Debug)]
pub struct LoadedEvents {
    /// The files' events, in the order they were opened.
    pub sets: Vec<EventSet>,
    /// Per group × province × day prefix counts.
    pub counts: EventCounts,
    /// Map-space points in day order.
    pub points: EventPoints,
    /// Changes whenever the events or their groups change (for caches).
    pub generation: u64,
}

impl LoadedEvents {
    /// Counts and projects `sets` for `atlas` drawn with `projection`.
    pub fn new(
        sets: Vec<EventSet>,
        atlas: &Atlas,
        projection: &Projection,
        generation: u64,
    ) -> Self {
        let refs: Vec<&EventSet> = sets.iter().collect();
        let counts = EventCounts::build(&refs, atlas.provinces.len(), atlas.groups.len());
        let points = EventPoints::new(&sets, projection);
        Self {
            sets,
            counts,
            points,
            generation,
        }
    }

    /// Number of events placed.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether no event was placed.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Event `event` (over all files): its set and its index there.
    pub fn event(&self, event: u32) -> Option<(&EventSet, usize)> {
        locate(&self.sets, event)
    }

    /// Re-derives the events' groups after the alias table changed.
    pub fn regroup(&mut self, matcher: &crate::data::events::ActorMatcher, atlas: &Atlas) {
        for set in &mut self.sets {
            set.remap_groups(matcher);
        }
        let refs: Vec<&EventSet> = self.sets.iter().collect();
        self.counts = EventCounts::build(&refs, atlas.provinces.len(), atlas.groups.len());
        self.points.regroup(&self.sets);
        self.generation += 1;
    }

    /// The first and last day of any event.
    pub fn day_span(&self) -> Option<(Day, Day)> {
        self.counts.day_range()
    }

    /// The days `filters` shows, as days (all time: the events' whole span).
    pub fn days_shown(&self, filters: &Filters) -> Option<(Day, Day)> {
        filters.time.range().or_else(|| self.day_span())
    }

    /// What the layer shows for `filters`.
    pub fn view<'a>(&'a self, atlas: &Atlas, filters: &Filters) -> EventLayerView<'a> {
        let totals = match self.days_shown(filters) {
            Some((first, last)) => self.counts.by_province(None, first, last),
            None => vec![Totals::default(); atlas.provinces.len()],
        };
        EventLayerView {
            points: &self.points,
            settings: filters.events,
            range: day_range(&filters.time),
            totals,
            group_colours: atlas
                .group_indices()
                .map(|g| group_colour(atlas, g))
                .collect(),
            generation: self.generation,
            credits: self.credits(),
        }
    }

    /// Credits for a map showing these events: "Events: ACLED (…), file.csv".
    pub fn credits(&self) -> Vec<String> {
        self.sets.iter().map(|s| s.source.credit()).collect()
    }
}

/// Everything the layer draws from, for one frame or one export.
#[derive(Clone, Debug)]
pub struct EventLayerView<'a> {
    /// The events, prepared.
    pub points: &'a EventPoints,
    /// How the layer draws.
    pub settings: EventLayerSettings,
    /// The dates shown (day numbers), `None` for all time.
    pub range: Option<(i32, i32)>,
    /// Per province, within the dates shown.
    pub totals: Vec<Totals>,
    /// Colour of each group, by index.
    pub group_colours: Vec<Rgb>,
    /// Changes whenever the points or their groups change (a reload, an alias mapped).
    pub generation: u64,
    /// The files' credits: "Events: ACLED (…), file.csv".
    pub credits: Vec<String>,
}

/// Colour of events whose actors map to no group of the atlas.
pub const UNMAPPED_COLOUR: Rgb = [150, 150, 150];

impl EventLayerView<'_> {
    /// Whether single events are drawn at this zoom (else province circles).
    pub fn draws_points(&self, zoom: f32) -> bool {
        self.settings.shown
            && self.settings.style == EventStyle::Markers
            && zoom >= POINTS_FROM_ZOOM
    }

    /// Whether the layer draws circles or points (not a choropleth, not hidden).
    pub fn draws_markers(&self) -> bool {
        self.settings.shown && self.settings.style == EventStyle::Markers && !self.points.is_empty()
    }

    /// The colour of point `index`.
    pub fn point_colour(&self, index: usize) -> Rgb {
        match self.points.group[index] {
            NO_GROUP => UNMAPPED_COLOUR,
            group => self
                .group_colours
                .get(usize::from(group))
                .copied()
                .unwrap_or(UNMAPPED_COLOUR),
        }
    }

    /// The value each province circle stands for (events or fatalities).
    pub fn circle_values(&self) -> Vec<u64> {
        self.totals
            .iter()
            .map(|t| match self.settings.measure {
                EventMeasure::Fatalities => t.fatalities,
                EventMeasure::Events | EventMeasure::PerCapita => t.events,
            })
            .collect()
    }

    /// The choropleth's classes and each province's class, when the layer is a choropleth.
    pub fn choropleth(&self, atlas: &Atlas) -> Option<(Classes, Vec<Option<usize>>)> {
        if !self.settings.shown || self.settings.style != EventStyle::Choropleth {
            return None;
        }
        let values = measure_values(&self.totals, self.settings.measure, &populations(atlas));
        let classes = Classes::for_values(&values);
        let class_of = values.iter().map(|v| classes.class_of(*v)).collect();
        Some((classes, class_of))
    }
}

/// Each province's population head count, where the atlas has one.
pub fn populations(atlas: &Atlas) -> Vec<Option<u64>> {
    atlas
        .provinces
        .iter()
        .map(|p| p.facts.population.as_ref().and_then(|p| p.count))
        .collect()
}

/// The inclusive day numbers of a time filter, or `None` for all time.
pub fn day_range(time: &crate::state::TimeFilter) -> Option<(i32, i32)> {
    time.range()
        .map(|(first, last)| (day_number(first), day_number(last)))
}

/// The measure's value for each province; `None` where it cannot be computed (no population).
pub fn measure_values(
    totals: &[Totals],
    measure: EventMeasure,
    population: &[Option<u64>],
) -> Vec<Option<f64>> {
    totals
        .iter()
        .enumerate()
        .map(|(index, t)| match measure {
            EventMeasure::Events => Some(t.events as f64),
            EventMeasure::Fatalities => Some(t.fatalities as f64),
            EventMeasure::PerCapita => population
                .get(index)
                .copied()
                .flatten()
                .filter(|p| *p > 0)
                .map(|p| t.events as f64 * 100_000.0 / p as f64),
        })
        .collect()
}

/// Five shades, light to dark (ColorBrewer YlOrRd, readable with colour-blindness as a
/// lightness ramp).
pub const CHOROPLETH_PALETTE: [Rgb; 5] = [
    [255, 255, 178],
    [254, 204, 92],
    [253, 141, 60],
    [240, 59, 32],
    [189, 0, 38],
];

/// Classes of a choropleth: zero stays unshaded; values above zero fall into up to five classes
/// split at round numbers near the quintiles.
#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    /// Upper bounds (inclusive) of the classes, ascending; the last is the maximum.
    pub upper: Vec<f64>,
}

impl Classes {
    /// Classes for `values` (provinces without a value are ignored).
    pub fn for_values(values: &[Option<f64>]) -> Self {
        let mut positive: Vec<f64> = values
            .iter()
            .flatten()
            .copied()
            .filter(|v| *v > 0.0 && v.is_finite())
            .collect();
        positive.sort_by(f64::total_cmp);
        let Some(&max) = positive.last() else {
            return Self { upper: Vec::new() };
        };
        let mut upper: Vec<f64> = Vec::new();
        for quintile in 1..CHOROPLETH_PALETTE.len() {
            let at = positive
                [(positive.len() * quintile / CHOROPLETH_PALETTE.len()).min(positive.len() - 1)];
            let bound = round_up_nicely(at);
            if bound < max && upper.last().is_none_or(|last| bound > *last) {
                upper.push(bound);
            }
        }
        upper.push(max);
        Self { upper }
    }

    /// The class of `value`: `None` for zero or no value, else an index into [`Self::upper`].
    pub fn class_of(&self, value: Option<f64>) -> Option<usize> {
        let value = value.filter(|v| *v > 0.0)?;
        Some(
            self.upper
                .iter()
                .position(|upper| value <= *upper)
                .unwrap_or(self.upper.len().saturating_sub(1)),
        )
    }

    /// The colour of class `class` (spread over the palette when there are fewer classes).
    pub fn colour(&self, class: usize) -> Rgb {
        let last = CHOROPLETH_PALETTE.len() - 1;
        let index = if self.upper.len() <= 1 {
            last
        } else {
            class * last / (self.upper.len() - 1)
        };
        CHOROPLETH_PALETTE[index.min(last)]
    }

    /// "1 – 20", "21 – 50"… for the legend; whole numbers unless the values are rates.
    pub fn labels(&self, measure: EventMeasure) -> Vec<String> {
        let format = |v: f64| match measure {
            EventMeasure::PerCapita => format!("{v:.1}"),
            _ => format!("{v:.0}"),
        };
        let step = match measure {
            EventMeasure::PerCapita => 0.1,
            _ => 1.0,
        };
        let mut lower = match measure {
            EventMeasure::PerCapita => 0.0,
            _ => 1.0,
        };
        self.upper
            .iter()
            .map(|upper| {
                let text = if (upper - lower).abs() < f64::EPSILON {
                    format(*upper)
                } else {
                    format!("{} – {}", format(lower), format(*upper))
                };
                lower = upper + step;
                text
            })
            .collect()
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (for values ≥ 10; smaller ones are
/// rounded up to a tenth).
fn round_up_nicely(value: f64) -> f64 {
    if value < 10.0 {
        return (value * 10.0).ceil() / 10.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= value)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_per_capita_need_a_population() {
        let totals = [
            Totals {
                events: 5,
                fatalities: 7,
            },
            Totals {
                events: 3,
                fatalities: 0,
            },
        ];
        let population = [Some(200_000), None];
        assert_eq!(
            measure_values(&totals, EventMeasure::PerCapita, &population),
            vec![Some(2.5), None]
        );
        assert_eq!(
            measure_values(&totals, EventMeasure::Fatalities, &population),
            vec![Some(7.0), Some(0.0)]
        );
    }

    #[test]
    fn choropleth_classes_cover_the_values_in_order() {
        let values: Vec<Option<f64>> = (0..34).map(|i| Some(f64::from(i * i))).collect();
        let classes = Classes::for_values(&values);
        assert!(classes.upper.len() >= 3 && classes.upper.len() <= 5);
        assert!(classes.upper.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(classes.upper.last(), Some(&(33.0 * 33.0)));
        assert_eq!(classes.class_of(Some(0.0)), None, "zero is unshaded");
        assert_eq!(classes.class_of(None), None);
        assert_eq!(classes.class_of(Some(1.0)), Some(0));
        assert_eq!(
            classes.class_of(Some(1089.0)),
            Some(classes.upper.len() - 1)
        );
        let mut last = 0;
        for value in values.iter().flatten() {
            if let Some(class) = classes.class_of(Some(*value)) {
                assert!(class >= last, "classes rise with the value");
                last = class;
            }
        }
        assert_eq!(
            classes.colour(classes.upper.len() - 1),
            CHOROPLETH_PALETTE[4]
        );
        let labels = classes.labels(EventMeasure::Events);
        assert_eq!(labels.len(), classes.upper.len());
        assert!(labels[0].starts_with("1 – "), "{labels:?}");
        assert!(labels.last().is_some_and(|l| l.ends_with("1089")));

        let single = Classes::for_values(&[Some(4.0), Some(4.0), None]);
        assert_eq!(single.upper, vec![4.0]);
        assert_eq!(single.colour(0), CHOROPLETH_PALETTE[4]);
        assert!(Classes::for_values(&[Some(0.0), None]).upper.is_empty());
    }
}
