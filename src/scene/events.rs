//! What the Events layer shows, decided without egui, so the screen and exports agree: the events
//! prepared for drawing (map-space points in day order, indexed by province), their totals per
//! province for the dates shown, and the classes of the province choropleth.
//!
//! Totals for a range of days are O(classes × provinces × log events) (see
//! [`EventCounts`]), so moving the time control or switching a group or an event type off never
//! walks the events themselves. The dots are filtered the same way: a group switched off or an
//! event type hidden is neither drawn nor counted.
//!
//! Density: where several events fall within a few points, one dot stands for them all and
//! grows more opaque with their number ([`dot_opacity`]); dots are translucent, so overlapping
//! ones add up too, and the borders are drawn over them.

use std::ops::Range;

use egui::{Color32, Pos2, Rect, Stroke};
use serde::{Deserialize, Serialize};

use super::{Filters, MapStyle, Rgb, TimeFilter, group_colour, style::color32};
use crate::{
    data::{
        Atlas, Day, GroupKind,
        events::{
            EventCounts, EventSelection, EventSet, GroupSet, NO_EVENT_TYPE, ProvinceCount,
            day_number,
        },
    },
    geometry::{Projection, point_grid::PointGrid},
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
    /// Whether events whose actors map to no atlas group are drawn and counted.
    pub ungrouped: bool,
}

impl Default for EventLayerSettings {
    fn default() -> Self {
        Self {
            shown: true,
            style: EventStyle::Markers,
            measure: EventMeasure::Events,
            ungrouped: true,
        }
    }
}

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
    /// The atlas groups on the event's acting side.
    pub groups: Vec<GroupSet>,
    /// The event's type: an index into [`Self::types`].
    pub kind: Vec<u16>,
    /// The event types, sorted by name (as [`EventCounts::types`]).
    pub types: Vec<String>,
    /// Index of each point's event over all files.
    pub event: Vec<u32>,
    /// The groups that occur in `groups`, ascending: the legend's
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
        let mut types = std::collections::BTreeSet::new();
        for set in sets {
            types.extend(set.type_names.iter().cloned());
            if set.event_type.len() < set.len()
                || set
                    .event_type
                    .iter()
                    .any(|t| *t as usize >= set.type_names.len())
            {
                types.insert(NO_EVENT_TYPE.to_owned());
            }
        }
        let types: Vec<String> = types.into_iter().collect();
        let kind_of = |set: &EventSet, i: usize| -> u16 {
            let name = set.type_of(i);
            types
                .binary_search_by(|t| t.as_str().cmp(name))
                .unwrap_or(0)
                .min(usize::from(u16::MAX)) as u16
        };
        let mut points = Self {
            pos: Vec::with_capacity(order.len()),
            day: Vec::with_capacity(order.len()),
            fatalities: Vec::with_capacity(order.len()),
            groups: Vec::with_capacity(order.len()),
            kind: Vec::with_capacity(order.len()),
            types: Vec::new(),
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
            points.groups.push(set.groups[i]);
            points.kind.push(kind_of(set, i));
            points.event.push(event);
        }
        points.types = types;
        points.note_groups_present();
        points.grid = PointGrid::new(&points.pos);
        points
    }

    fn note_groups_present(&mut self) {
        let all = self.groups.iter().fold(0u64, |acc, g| acc | g.0);
        self.groups_present = GroupSet(all).iter().map(|g| g.0 as u16).collect();
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
        for (groups, event) in self.groups.iter_mut().zip(&self.event) {
            if let Some((set, i)) = locate(sets, *event) {
                *groups = set.groups[i];
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
    /// In comparison mode the dots and totals are the after period's, and the choropleth is the
    /// change between the periods ([`super::event_change`]).
    pub fn view<'a>(&'a self, atlas: &Atlas, filters: &Filters) -> EventLayerView<'a> {
        let select = selection(atlas, filters);
        let time = filters
            .compare
            .map_or(filters.time, |periods| periods.after.time());
        let totals = match time.range().or_else(|| self.day_span()) {
            Some((first, last)) => self.counts.by_province(&select, first, last),
            None => vec![Totals::default(); atlas.provinces.len()],
        };
        EventLayerView {
            points: &self.points,
            settings: filters.events,
            range: day_range(&time),
            totals,
            change: filters.compare.map(|periods| {
                super::event_change::EventChange::count(&self.counts, atlas, filters, periods)
            }),
            group_colours: atlas
                .group_indices()
                .map(|g| group_colour(atlas, g))
                .collect(),
            extremist: atlas
                .group_indices()
                .map(|g| atlas.group(g).kind == GroupKind::Extremist)
                .collect(),
            generation: self.generation,
            credits: self.credits(),
            filter: PointFilter::new(&self.points, &select),
            select,
            selected: None,
        }
    }

    /// The index of event `event`'s point (an event's index over all files), if it is placed.
    pub fn point_of(&self, event: u32) -> Option<usize> {
        self.points.event.iter().position(|e| *e == event)
    }

    /// Events per month from the first month of the events to the last, of the groups and
    /// types `filters` shows (whatever its dates): the Dates bar's histogram.
    pub fn monthly(&self, atlas: &Atlas, filters: &Filters) -> Vec<(Day, u64)> {
        let Some((first, last)) = self.day_span() else {
            return Vec::new();
        };
        self.counts
            .monthly(&selection(atlas, filters), None, first, last)
            .into_iter()
            .map(|(month, count)| (month, count.events))
            .collect()
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
    /// Per province, within the dates shown (in comparison mode, the after period).
    pub totals: Vec<Totals>,
    /// In comparison mode, each province's events in both periods: the choropleth shades the
    /// change.
    pub change: Option<super::event_change::EventChange>,
    /// Colour of each group, by index.
    pub group_colours: Vec<Rgb>,
    /// Changes whenever the points or their groups change (a reload, an alias mapped).
    pub generation: u64,
    /// The files' credits: "Events: ACLED (…), file.csv".
    pub credits: Vec<String>,
    /// Whether each group (by index) is the extremist opposition (drawn in the map's extremist
    /// colour).
    pub extremist: Vec<bool>,
    /// Which events are shown (groups and types).
    pub select: EventSelection,
    /// The same, for single points.
    pub filter: PointFilter,
    /// The point of the event whose card is open, if any (drawn ringed).
    pub selected: Option<usize>,
}

/// Which points are shown, for testing one point at a time.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PointFilter {
    /// The groups shown (every group when the filters name none).
    pub groups: GroupSet,
    /// Whether events of no atlas group are shown.
    pub ungrouped: bool,
    /// By [`EventPoints::types`] index: whether the type is shown.
    pub types: Vec<bool>,
}

impl PointFilter {
    /// The filter of `select` for `points`.
    pub fn new(points: &EventPoints, select: &EventSelection) -> Self {
        Self {
            groups: select.groups.unwrap_or(GroupSet(u64::MAX)),
            ungrouped: select.groups.is_none() || select.ungrouped,
            types: points
                .types
                .iter()
                .map(|t| !select.hidden_types.contains(t))
                .collect(),
        }
    }

    /// Whether point `index` is shown.
    pub fn shows(&self, points: &EventPoints, index: usize) -> bool {
        let groups = points.groups[index];
        let by_group = if groups.is_empty() {
            self.ungrouped
        } else {
            groups.0 & self.groups.0 != 0
        };
        by_group
            && self
                .types
                .get(usize::from(points.kind[index]))
                .copied()
                .unwrap_or(true)
    }

    /// A number that changes whenever the filter does (for caches).
    pub fn key(&self) -> u64 {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut hasher);
        hasher.finish()
    }
}

impl std::hash::Hash for PointFilter {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.groups.0.hash(state);
        self.ungrouped.hash(state);
        self.types.hash(state);
    }
}

/// Which events `filters` shows: those of the groups shown (and of no group, when the layer's
/// setting says so), of the types not hidden. Before the first load picks the groups, every
/// group.
pub fn selection(atlas: &Atlas, filters: &Filters) -> EventSelection {
    let groups = filters.visible_groups.as_ref().map(|ids| {
        let mut set = GroupSet::EMPTY;
        for g in atlas.group_indices() {
            if g.0 < GroupSet::CAPACITY && ids.contains(&atlas.group(g).id) {
                set.insert(g);
            }
        }
        set
    });
    EventSelection {
        groups,
        ungrouped: filters.events.ungrouped,
        hidden_types: filters.hidden_event_types.clone(),
    }
}

/// Colour of events whose actors map to no group of the atlas, on light land (see
/// [`unmapped_colour`]).
pub const UNMAPPED_COLOUR: Rgb = [150, 150, 150];

/// Colour of events of no atlas group on `style`'s land: a mid grey, darker on dark land so it
/// stays apart from the extremist colour there (pale grey).
pub fn unmapped_colour(style: &MapStyle) -> Color32 {
    if style.id == 1 {
        Color32::from_rgb(112, 112, 112)
    } else {
        color32(UNMAPPED_COLOUR)
    }
}

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

    /// Whether point `index` is shown (its groups and type; not its date).
    pub fn shows(&self, index: usize) -> bool {
        self.filter.shows(self.points, index)
    }

    /// The group point `index` is coloured by: the first of its groups that is shown.
    pub fn colour_group(&self, index: usize) -> Option<usize> {
        let groups = self.points.groups[index];
        GroupSet(groups.0 & self.filter.groups.0)
            .iter()
            .next()
            .or_else(|| groups.iter().next())
            .map(|g| g.0)
    }

    /// The colour of point `index` on `style`'s map: its group's (the extremist opposition in
    /// the map's extremist colour), grey for no atlas group.
    pub fn dot_colour(&self, index: usize, style: &MapStyle) -> Color32 {
        match self.colour_group(index) {
            Some(group) => match self.group_colours.get(group) {
                Some(colour) => {
                    style.group_colour(*colour, self.extremist.get(group).copied().unwrap_or(false))
                }
                None => unmapped_colour(style),
            },
            None => unmapped_colour(style),
        }
    }

    /// The indices of the points shown in the dates shown, by their groups and types.
    pub fn shown_points(&self) -> impl Iterator<Item = usize> + '_ {
        self.points
            .in_range(self.range)
            .filter(move |i| self.shows(*i))
    }

    /// Where the selected event is (map space), when it is shown.
    pub fn selected_pos(&self) -> Option<Pos2> {
        let point = self.selected?;
        let (first, last) = self.range.unwrap_or((i32::MIN, i32::MAX));
        let day = *self.points.day.get(point)?;
        (self.settings.shown && (first..=last).contains(&day) && self.shows(point))
            .then(|| self.points.pos[point])
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

    /// Whether the layer shades the provinces (a choropleth of the dates shown, or in
    /// comparison mode of the change): the group layer then gives way to it.
    pub fn draws_choropleth(&self) -> bool {
        self.settings.shown && self.settings.style == EventStyle::Choropleth
    }

    /// The choropleth's classes and each province's class, when the layer is a choropleth of
    /// the dates shown (not of a change: see [`Self::change_choropleth`]).
    pub fn choropleth(&self, atlas: &Atlas) -> Option<(Classes, Vec<Option<usize>>)> {
        if !self.draws_choropleth() || self.change.is_some() {
            return None;
        }
        let values = measure_values(&self.totals, self.settings.measure, &populations(atlas));
        let classes = Classes::for_values(&values);
        let class_of = values.iter().map(|v| classes.class_of(*v)).collect();
        Some((classes, class_of))
    }
}

impl EventLayerView<'_> {
    /// In comparison mode with the layer a choropleth: the diverging classes of the change and
    /// each province's class ([`super::event_change::DIVERGING_PALETTE`] index; `None` where
    /// the change per 100,000 people has no population to divide by).
    pub fn change_choropleth(
        &self,
        atlas: &Atlas,
    ) -> Option<(super::event_change::DivergingClasses, Vec<Option<usize>>)> {
        if !self.draws_choropleth() {
            return None;
        }
        let change = self.change.as_ref()?;
        let values = change.values(self.settings.measure, &populations(atlas));
        let classes = super::event_change::DivergingClasses::for_values(&values);
        let class_of = values.iter().map(|v| classes.class_of(*v)).collect();
        Some((classes, class_of))
    }

    /// The shade of each province (`None`: unshaded), of whichever choropleth the layer draws.
    pub fn province_shades(&self, atlas: &Atlas) -> Option<Vec<Option<Rgb>>> {
        if let Some((_, class_of)) = self.change_choropleth(atlas) {
            return Some(
                class_of
                    .into_iter()
                    .map(|c| c.map(|c| super::event_change::DIVERGING_PALETTE[c]))
                    .collect(),
            );
        }
        let (classes, class_of) = self.choropleth(atlas)?;
        Some(
            class_of
                .into_iter()
                .map(|c| c.map(|c| classes.colour(c)))
                .collect(),
        )
    }
}

/// The group layer as drawn under the events choropleth, which replaces it: no fills, stripes,
/// hatching or outlines of groups, and no legend keys for them (the group toggles stay: they
/// choose the events counted).
pub fn under_choropleth(scene: &mut super::MapScene) {
    for marks in &mut scene.marks {
        marks.clear();
    }
    for dotted in &mut scene.dotted {
        dotted.clear();
    }
    for stale in &mut scene.stale {
        stale.clear();
    }
    scene.legend_keys.clear();
    scene.recency_rule = None;
    scene.groups_under_events = true;
}

/// What the choropleth's unshaded provinces mean for `measure`, with how many there are
/// (`unshaded`); `None` when every province is shaded. The app's legend and exported pages say
/// the same.
pub fn unshaded_note(measure: EventMeasure, unshaded: usize) -> Option<String> {
    let why = if measure == EventMeasure::PerCapita {
        "no events, or no population figure"
    } else {
        "no events"
    };
    (unshaded > 0).then(|| format!("Unshaded: {why} ({unshaded})"))
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
pub fn day_range(time: &TimeFilter) -> Option<(i32, i32)> {
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

    /// "1 – 20", "21 – 50", "10,001 – 55,026"… for the legend; whole numbers in thousands
    /// unless the values are rates.
    pub fn labels(&self, measure: EventMeasure) -> Vec<String> {
        let format = |v: f64| match measure {
            EventMeasure::PerCapita => format!("{v:.1}"),
            _ => crate::data::format::thousands_rounded(v),
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
pub(super) fn round_up_nicely(value: f64) -> f64 {
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

/// Largest province circle, in points (radius).
pub const MAX_CIRCLE_RADIUS: f32 = 30.0;
/// Smallest circle drawn for a province with any event.
const MIN_CIRCLE_RADIUS: f32 = 3.0;

/// Radius, in points, of a circle for `value` when the largest value is `max`: area in proportion.
pub fn circle_radius(value: u64, max: u64, scale: f32) -> f32 {
    if value == 0 || max == 0 {
        return 0.0;
    }
    (MAX_CIRCLE_RADIUS * (value as f32 / max as f32).sqrt()).max(MIN_CIRCLE_RADIUS) * scale
}

/// The largest dot's radius, in points.
pub const MAX_DOT_RADIUS: f32 = 7.5;

/// Radius, in points, of a single event's dot by its fatalities.
pub fn dot_radius(fatalities: u32) -> f32 {
    (2.2 + 0.9 * (fatalities as f32).sqrt()).min(MAX_DOT_RADIUS)
}

/// The fill of each province under the choropleth (`land` where zero or unknown).
pub fn choropleth_colours(
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    land: Color32,
) -> Option<Vec<Color32>> {
    Some(
        view.province_shades(atlas)?
            .into_iter()
            .map(|shade| shade.map_or(land, color32))
            .collect(),
    )
}

/// Side of the cells within which only the deadliest event is drawn, in points: about the
/// smallest dot's diameter, so a dot hidden under its neighbours is not drawn at all. The screen
/// and exported pages thin with it alike (a page unit is a point at 1080p).
pub const DOT_CELL_POINTS: f32 = 6.4;

/// One event drawn as a dot (standing for every event shown in its cell).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Centre, in the space the caller placed the points in.
    pub centre: Pos2,
    /// Radius, in the same space.
    pub radius: f32,
    /// The point's index in [`EventPoints`].
    pub point: u32,
    /// How many events of the cell it stands for (1 or more).
    pub count: u32,
}

/// Opacity of a dot standing for one event.
pub const SINGLE_DOT_OPACITY: f32 = 0.35;
/// The number of events in a cell from which its dot is as opaque as it gets.
pub const DENSE_CELL_EVENTS: u32 = 250;
/// The most opaque a dot gets (the land and the borders still show through a little).
pub const MAX_DOT_OPACITY: f32 = 0.85;

/// Opacity of a dot standing for `count` events: [`SINGLE_DOT_OPACITY`] for one, rising with
/// the logarithm of the number to [`MAX_DOT_OPACITY`] at [`DENSE_CELL_EVENTS`], so a town with
/// hundreds of events reads darker than a village with three at every zoom.
pub fn dot_opacity(count: u32) -> f32 {
    if count <= 1 {
        return SINGLE_DOT_OPACITY;
    }
    let share = ((count as f32).ln() / (DENSE_CELL_EVENTS as f32).ln()).min(1.0);
    SINGLE_DOT_OPACITY + (MAX_DOT_OPACITY - SINGLE_DOT_OPACITY) * share
}

/// The dots that draw `candidates` (indices into `points`), each placed by `place` and kept if it
/// falls in `area`: the deadliest event of each cell of side `cell` (cells start at `area.min`;
/// among as deadly the earliest, whatever order the candidates come in), sized
/// [`dot_radius`] × `scale`, larger first so smaller ones stay visible on top. The screen's tiles
/// and exported pages both draw exactly this.
pub fn thin_dots(
    points: &EventPoints,
    candidates: impl IntoIterator<Item = usize>,
    place: impl Fn(Pos2) -> Pos2,
    area: Rect,
    cell: f32,
    scale: f32,
) -> Vec<Dot> {
    if cell.is_nan() || cell <= 0.0 || !area.is_positive() {
        return Vec::new();
    }
    let cells_x = (area.width() / cell).ceil() as usize;
    let cells_y = (area.height() / cell).ceil() as usize;
    let mut best = vec![u32::MAX; cells_x * cells_y];
    let mut counts = vec![0u32; cells_x * cells_y];
    let deadlier = |a: usize, b: usize| {
        (points.fatalities[a], std::cmp::Reverse(a)) > (points.fatalities[b], std::cmp::Reverse(b))
    };
    for index in candidates {
        let at = place(points.pos[index]);
        if !(at.x >= area.min.x && at.y >= area.min.y && at.x < area.max.x && at.y < area.max.y) {
            continue;
        }
        let x = (((at.x - area.min.x) / cell) as usize).min(cells_x - 1);
        let y = (((at.y - area.min.y) / cell) as usize).min(cells_y - 1);
        counts[y * cells_x + x] += 1;
        let slot = &mut best[y * cells_x + x];
        if *slot == u32::MAX || deadlier(index, *slot as usize) {
            *slot = index as u32;
        }
    }
    let mut dots: Vec<Dot> = best
        .into_iter()
        .zip(counts)
        .filter(|(point, _)| *point != u32::MAX)
        .map(|(point, count)| Dot {
            centre: place(points.pos[point as usize]),
            radius: dot_radius(points.fatalities[point as usize]) * scale,
            point,
            count,
        })
        .collect();
    dots.sort_by(|a, b| b.radius.total_cmp(&a.radius));
    dots
}

impl EventLayerView<'_> {
    /// The point of the dot drawn under `pointer` (in scaled map space: map kilometres × `scale`
    /// points per kilometre), found from the points themselves with the thinning the map draws
    /// with, so a click names the event whose dot is seen there.
    pub fn dot_at(&self, pointer: Pos2, scale: f32) -> Option<usize> {
        if scale.is_nan() || scale <= 0.0 || !pointer.x.is_finite() || !pointer.y.is_finite() {
            return None;
        }
        const PICK_SLACK: f32 = 2.0;
        // Whole cells around the pointer, as far as the largest dot reaches.
        let reach = MAX_DOT_RADIUS + PICK_SLACK;
        let snap = |v: f32, round: fn(f32) -> f32| round(v / DOT_CELL_POINTS) * DOT_CELL_POINTS;
        let area = Rect::from_min_max(
            Pos2::new(
                snap(pointer.x - reach, f32::floor),
                snap(pointer.y - reach, f32::floor),
            ),
            Pos2::new(
                snap(pointer.x + reach, f32::ceil),
                snap(pointer.y + reach, f32::ceil),
            ),
        );
        let area_in_map = Rect::from_min_max(
            (area.min.to_vec2() / scale).to_pos2(),
            (area.max.to_vec2() / scale).to_pos2(),
        );
        let points = self.points;
        let dots = thin_dots(
            points,
            points
                .grid
                .near(area_in_map, points.in_range(self.range))
                .filter(|i| self.shows(*i)),
            |pos| (pos.to_vec2() * scale).to_pos2(),
            area,
            DOT_CELL_POINTS,
            1.0,
        );
        dots.iter()
            .map(|dot| (dot.centre.distance(pointer), dot))
            .filter(|(distance, dot)| *distance <= dot.radius + PICK_SLACK)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, dot)| dot.point as usize)
    }
}

/// Fill and outline of the province circles: a translucent ink that lets the fills show through.
pub fn circle_colours(dark: bool) -> (Color32, Stroke) {
    if dark {
        (
            Color32::from_rgba_unmultiplied(230, 230, 230, 70),
            Stroke::new(1.5, Color32::from_rgb(235, 235, 235)),
        )
    } else {
        (
            Color32::from_rgba_unmultiplied(40, 40, 40, 70),
            Stroke::new(1.5, Color32::from_rgb(40, 40, 40)),
        )
    }
}

/// Points at `(x, y)` map kilometres with `fatalities`, on days 0, 1, 2, … in no group: for
/// tests of what draws them.
#[cfg(test)]
pub(crate) fn test_points(events: &[(f32, f32, u32)]) -> EventPoints {
    let pos: Vec<Pos2> = events.iter().map(|(x, y, _)| Pos2::new(*x, *y)).collect();
    EventPoints {
        grid: PointGrid::new(&pos),
        pos,
        day: (0..events.len() as i32).collect(),
        fatalities: events.iter().map(|e| e.2).collect(),
        groups: vec![GroupSet::EMPTY; events.len()],
        kind: vec![0; events.len()],
        types: vec![NO_EVENT_TYPE.to_owned()],
        event: (0..events.len() as u32).collect(),
        groups_present: Vec::new(),
    }
}

/// The view of `points` with every group and type shown, for tests of what draws them.
#[cfg(test)]
pub(crate) fn test_view(points: &EventPoints) -> EventLayerView<'_> {
    let select = EventSelection::all();
    EventLayerView {
        points,
        settings: EventLayerSettings::default(),
        range: None,
        totals: Vec::new(),
        change: None,
        group_colours: Vec::new(),
        extremist: Vec::new(),
        generation: 1,
        credits: Vec::new(),
        filter: PointFilter::new(points, &select),
        select,
        selected: None,
    }
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
        assert!(
            labels.last().is_some_and(|l| l.ends_with("1,089")),
            "{labels:?}"
        );

        let single = Classes::for_values(&[Some(4.0), Some(4.0), None]);
        assert_eq!(single.upper, vec![4.0]);
        assert_eq!(single.colour(0), CHOROPLETH_PALETTE[4]);
        assert!(Classes::for_values(&[Some(0.0), None]).upper.is_empty());
    }

    #[test]
    fn circle_areas_are_in_proportion_to_the_values() {
        let big = circle_radius(400, 400, 1.0);
        let quarter = circle_radius(100, 400, 1.0);
        assert!((big - MAX_CIRCLE_RADIUS).abs() < 1e-4);
        assert!((quarter - MAX_CIRCLE_RADIUS / 2.0).abs() < 1e-4);
        assert_eq!(circle_radius(0, 400, 1.0), 0.0);
        assert_eq!(circle_radius(1, 1_000_000, 1.0), MIN_CIRCLE_RADIUS);
        assert!(dot_radius(0) < dot_radius(10) && dot_radius(10_000) <= 9.0);
    }

    #[test]
    fn the_deadliest_then_earliest_event_of_each_cell_is_drawn_whatever_the_order() {
        let points = test_points(&[
            (10.0, 10.0, 1),
            (10.5, 10.5, 4),
            (10.2, 10.2, 4),
            (200.0, 10.0, 0),
        ]);
        let area = Rect::from_min_size(Pos2::ZERO, egui::vec2(512.0, 256.0));
        let place = |pos: Pos2| (pos.to_vec2() * 2.0).to_pos2();
        let drawn = |order: Vec<usize>| -> Vec<u32> {
            thin_dots(&points, order, place, area, DOT_CELL_POINTS, 1.0)
                .iter()
                .map(|dot| dot.point)
                .collect()
        };
        // The deadlier, and the earlier of the two as deadly; the larger dot first.
        assert_eq!(drawn(vec![0, 1, 2, 3]), vec![1, 3]);
        assert_eq!(drawn(vec![3, 2, 1, 0]), vec![1, 3]);
        // A point outside the area is not drawn; sizes follow the scale.
        assert_eq!(drawn(vec![3]), vec![3]);
        let big = thin_dots(&points, [1], place, area, DOT_CELL_POINTS, 2.0);
        assert_eq!(big[0].radius, 2.0 * dot_radius(4));
        let outside = Rect::from_min_size(Pos2::new(1000.0, 0.0), egui::vec2(10.0, 10.0));
        assert!(thin_dots(&points, [0, 1, 2, 3], place, outside, DOT_CELL_POINTS, 1.0).is_empty());
    }

    #[test]
    fn a_page_and_the_screen_thin_with_the_same_cells_at_the_same_scale() {
        // Cells aligned to the area's corner: a tile of the screen and the same part of a page
        // (a page unit being a point) keep the same events.
        let points = test_points(&[(1.0, 1.0, 0), (2.0, 2.0, 3), (30.0, 1.0, 1), (31.0, 1.0, 1)]);
        let place = |pos: Pos2| (pos.to_vec2() * 3.0).to_pos2();
        let tile = Rect::from_min_size(Pos2::ZERO, egui::vec2(256.0, 256.0));
        let page = Rect::from_min_size(Pos2::ZERO, egui::vec2(1920.0, 1080.0));
        let kept = |area| -> Vec<u32> {
            let mut points: Vec<u32> = thin_dots(&points, 0..4, place, area, DOT_CELL_POINTS, 1.0)
                .iter()
                .map(|dot| dot.point)
                .collect();
            points.sort_unstable();
            points
        };
        assert_eq!(kept(tile), kept(page));
        assert_eq!(kept(tile), vec![1, 2]);
    }

    /// Points of `test_points` with groups and types: (x, y, fatalities, groups, type index).
    fn typed_points(events: &[(f32, f32, u32, &[usize], u16)], types: &[&str]) -> EventPoints {
        let plain: Vec<(f32, f32, u32)> = events.iter().map(|e| (e.0, e.1, e.2)).collect();
        let mut points = test_points(&plain);
        points.groups = events
            .iter()
            .map(|e| {
                let mut set = GroupSet::EMPTY;
                for g in e.3 {
                    set.insert(crate::data::GroupIdx(*g));
                }
                set
            })
            .collect();
        points.kind = events.iter().map(|e| e.4).collect();
        points.types = types.iter().map(|t| (*t).to_owned()).collect();
        points.note_groups_present();
        points
    }

    #[test]
    fn a_dot_for_a_crowded_cell_counts_its_events_and_reads_darker() {
        // Five events within one cell, one alone elsewhere.
        let mut events: Vec<(f32, f32, u32)> =
            (0..5).map(|i| (10.0 + 0.1 * i as f32, 10.0, 0)).collect();
        events.push((100.0, 10.0, 0));
        let points = test_points(&events);
        let area = Rect::from_min_size(Pos2::ZERO, egui::vec2(512.0, 256.0));
        let dots = thin_dots(&points, 0..points.len(), |p| p, area, DOT_CELL_POINTS, 1.0);
        let mut counts: Vec<u32> = dots.iter().map(|d| d.count).collect();
        counts.sort_unstable();
        assert_eq!(counts, vec![1, 5]);
        assert!(dot_opacity(5) > dot_opacity(1));
        assert!(dot_opacity(1) < 0.5, "a single event is translucent");
        assert!(dot_opacity(100) < dot_opacity(DENSE_CELL_EVENTS));
        assert_eq!(dot_opacity(DENSE_CELL_EVENTS), MAX_DOT_OPACITY);
        assert_eq!(
            dot_opacity(100_000),
            MAX_DOT_OPACITY,
            "never opaque: borders show"
        );
        // Only the candidates given count: a filtered event is not in its cell's number.
        let fewer = thin_dots(&points, [0, 1, 5], |p| p, area, DOT_CELL_POINTS, 1.0);
        assert!(fewer.iter().any(|d| d.count == 2));
    }

    #[test]
    fn groups_switched_off_and_hidden_types_are_neither_drawn_nor_picked() {
        let points = typed_points(
            &[
                (10.0, 10.0, 9, &[0], 0),
                (30.0, 10.0, 0, &[1], 0),
                (50.0, 10.0, 0, &[], 1),
                (70.0, 10.0, 0, &[0, 1], 1),
            ],
            &["Battles", "Riots"],
        );
        let mut view = test_view(&points);
        let shown = |view: &EventLayerView<'_>| -> Vec<usize> { view.shown_points().collect() };
        assert_eq!(shown(&view), vec![0, 1, 2, 3]);

        // Group 1 off: its own event goes; the event of both groups stays, coloured by group 0.
        let mut groups = GroupSet::EMPTY;
        groups.insert(crate::data::GroupIdx(0));
        view.select = EventSelection {
            groups: Some(groups),
            ungrouped: true,
            hidden_types: Default::default(),
        };
        view.filter = PointFilter::new(&points, &view.select);
        assert_eq!(shown(&view), vec![0, 2, 3]);
        assert_eq!(view.colour_group(3), Some(0));
        assert_eq!(
            view.dot_at(Pos2::new(30.0, 10.0), 1.0),
            None,
            "nothing to click"
        );
        assert_eq!(view.dot_at(Pos2::new(10.0, 10.0), 1.0), Some(0));

        // No group's events off, and a type hidden.
        view.select.ungrouped = false;
        view.select.hidden_types.insert("Riots".to_owned());
        view.filter = PointFilter::new(&points, &view.select);
        assert_eq!(shown(&view), vec![0]);
        assert_ne!(
            view.filter.key(),
            PointFilter::new(&points, &EventSelection::all()).key(),
            "tiles are made afresh for another filter"
        );

        // A selected event is ringed only while it is shown.
        view.selected = Some(2);
        assert_eq!(view.selected_pos(), None);
        view.selected = Some(0);
        assert_eq!(view.selected_pos(), Some(Pos2::new(10.0, 10.0)));
    }

    #[test]
    fn the_extremist_colour_and_no_group_stay_apart_on_both_themes() {
        let points = typed_points(&[(1.0, 1.0, 0, &[0], 0), (5.0, 1.0, 0, &[], 0)], &["x"]);
        let mut view = test_view(&points);
        view.group_colours = vec![super::super::EXTREMIST_COLOUR];
        view.extremist = vec![true];
        for dark in [false, true] {
            let style = MapStyle::for_theme(dark);
            let extremist = view.dot_colour(0, &style);
            let none = view.dot_colour(1, &style);
            assert_eq!(extremist, style.extremist);
            let apart = |a: Color32, b: Color32| {
                super::super::colour_difference::delta_e(
                    [a.r(), a.g(), a.b()],
                    [b.r(), b.g(), b.b()],
                )
            };
            assert!(apart(extremist, none) >= 15.0, "dark {dark}");
            assert!(apart(extremist, style.land) >= 15.0, "dark {dark}");
            assert!(apart(none, style.land) >= 10.0, "dark {dark}");
        }
    }

    #[test]
    fn class_labels_group_thousands() {
        let classes = Classes {
            upper: vec![10_000.0, 55_026.0],
        };
        assert_eq!(
            classes.labels(EventMeasure::Events),
            vec!["1 – 10,000", "10,001 – 55,026"]
        );
    }
}
