//! What the map shows, decided once per frame from the atlas and the filters: for each province,
//! which visible groups operate there and on what evidence; the legend; the provinces that cite
//! a highlighted source. Renderer-agnostic (no egui types), so the screen and exports draw the
//! same thing.

pub mod events;
pub mod filters;
pub mod labels;
pub mod page;
pub mod style;
pub mod view;

use std::hash::{Hash, Hasher};

pub use filters::{DEFAULT_RECENCY_MONTHS, Filters, TimeFilter};
pub use page::{PageLayout, PageSize};
pub use style::MapStyle;
pub use view::{MAX_ZOOM, MIN_ZOOM, MapView};

use crate::data::{
    Atlas, Date, Event, Evidence, GroupIdx, GroupKind, Presence, ProvinceIdx, Standing, grade,
};

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Okabe–Ito's colour-blind-safe palette (less black), then Tol's wine, for the resistance groups
/// in file order.
const GROUP_PALETTE: [Rgb; 8] = [
    [0, 158, 115],   // bluish green
    [230, 159, 0],   // orange
    [86, 180, 233],  // sky blue
    [204, 121, 167], // reddish purple
    [213, 94, 0],    // vermillion
    [0, 114, 178],   // blue
    [240, 228, 66],  // yellow
    [136, 34, 85],   // wine
];
/// The extremist opposition: near-black, and drawn with reversed hatching.
const EXTREMIST_COLOUR: Rgb = [60, 60, 60];
/// Groups without provinces (political bodies).
const POLITICAL_COLOUR: Rgb = [150, 150, 150];

/// One group's strongest evidence in a province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GroupMark {
    /// The group.
    pub group: GroupIdx,
    /// Its strongest evidence there within the dates shown.
    pub evidence: Evidence,
    /// Its colour.
    pub colour: Rgb,
    /// Whether it is the extremist opposition (drawn apart).
    pub extremist: bool,
    /// Whether every shown record of the group here rests only on sources graded E or F (such
    /// marks are in [`MapScene::dotted`]).
    pub weak: bool,
}

/// A group shown in a province only by stale records: observed before the dates shown and last
/// reported longer ago than the recency horizon. Never drawn as current.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaleMark {
    /// The group and its strongest stale evidence there.
    pub mark: GroupMark,
    /// The newest report among those records.
    pub last_reported: Date,
}

impl Hash for StaleMark {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.mark.hash(state);
        self.last_reported.start.hash(state);
    }
}

impl StaleMark {
    /// "last reported Mar 2023".
    pub fn label(&self) -> String {
        format!("last reported {}", last_reported_label(self.last_reported))
    }
}

/// A last-report date as the card, tooltip and legend say it: "Mar 2023" (or "2022" when only
/// the year is known).
pub fn last_reported_label(date: Date) -> String {
    match date.precision {
        crate::data::Precision::Year => date.start.year().to_string(),
        _ => date.start.month_label(),
    }
}

/// One row of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The group.
    pub group: GroupIdx,
    /// Its colour.
    pub colour: Rgb,
    /// Whether it is on the map.
    pub visible: bool,
    /// Provinces where it has any record within the dates shown.
    pub province_count: usize,
}

/// What a legend key's swatch shows; every renderer (app, presentation, export) draws each the
/// way the map draws it.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    /// A province where one group operates on this evidence, tinted toward a neutral ink (so
    /// the key reads for every group's colour); claimed-only evidence is hatched.
    Evidence(Evidence),
    /// A province where several shown groups operate: stripes in their colours.
    Stripes(Vec<Rgb>),
    /// A province with no record in the dates shown: bare land.
    NoRecord,
    /// A dotted outline around the province.
    DottedOutline,
    /// A province where a group was last reported before the recency horizon: a thin dashed
    /// outline, no fill.
    StaleOutline,
}

/// One explained mark of the map: a swatch and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendKey {
    /// What is drawn.
    pub swatch: Swatch,
    /// What it means, in a few words.
    pub label: String,
}

/// What the map overlays this frame. `legend`, `legend_keys` and `dates_shown` together are the
/// legend, the same in the app, in presentation mode and in exports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapScene {
    /// `marks[i]`: the visible groups filled in province `i`, in legend order.
    pub marks: Vec<Vec<GroupMark>>,
    /// `dotted[i]`: the visible groups whose records in province `i` rest only on sources graded
    /// E or F (Wikipedia copies, unknown sites): drawn as a dotted outline, never as a fill.
    pub dotted: Vec<Vec<GroupMark>>,
    /// `stale[i]`: the visible groups whose only records in province `i` are stale (observed
    /// before the dates shown, last reported longer ago than [`crate::state::Filters::recency_months`]);
    /// never in `marks` or `dotted`.
    pub stale: Vec<Vec<StaleMark>>,
    /// Resistance groups first, then the extremist opposition.
    pub legend: Vec<LegendEntry>,
    /// What each kind of fill, pattern and outline means, in drawing order (evidence from the
    /// strongest, stripes, no record). To explain a new mark, push a key in [`legend_keys`].
    pub legend_keys: Vec<LegendKey>,
    /// The dates the map shows, as the legend states them.
    pub dates_shown: String,
    /// The recency rule for those dates ("… counts as current if … within 12 months …"), as the
    /// legend and export footers state it; `None` with all dates shown.
    pub recency_rule: Option<String>,
    /// `highlighted[i]`: province `i` has a shown record citing the highlighted source.
    pub highlighted: Vec<bool>,
    /// The grade filter the scene was built with (`None`: every record).
    pub grade_floor: Option<grade::Grade>,
}

impl MapScene {
    /// A fingerprint of the overlay, for caches of anything drawn from it.
    pub fn overlay_hash(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.marks.hash(&mut hasher);
        self.dotted.hash(&mut hasher);
        self.stale.hash(&mut hasher);
        hasher.finish()
    }
}

/// How strongly each kind of evidence tints a province toward its group's colour (0 bare land,
/// 1 the full colour). Far enough apart that a stronghold and UN-verified attacks differ in both
/// themes; claimed-only evidence is also hatched.
pub fn evidence_strength(evidence: Evidence) -> f32 {
    match evidence {
        Evidence::Stronghold => 1.0,
        Evidence::VerifiedAttacks => 0.5,
        Evidence::ConfirmedAttacks => 0.38,
        Evidence::Reported => 0.26,
        Evidence::ClaimedAttacks => 0.12,
    }
}

/// The legend's keys for a map showing the groups of `legend`: the evidence ramp (strongest
/// first), stripes when more than one group is shown, and bare land.
pub fn legend_keys(legend: &[LegendEntry], dotted: &[Vec<GroupMark>]) -> Vec<LegendKey> {
    legend_keys_with_stale(legend, dotted, None)
}

/// [`legend_keys`], with a key for stale records when any are drawn (`stale_horizon`: the
/// recency horizon in months).
pub fn legend_keys_with_stale(
    legend: &[LegendEntry],
    dotted: &[Vec<GroupMark>],
    stale_horizon: Option<u32>,
) -> Vec<LegendKey> {
    let mut keys: Vec<LegendKey> = [
        (Evidence::Stronghold, "Stronghold or headquarters"),
        (Evidence::VerifiedAttacks, "Attacks verified by the UN"),
        (
            Evidence::ConfirmedAttacks,
            "Attack confirmed by independent reports",
        ),
        (Evidence::Reported, "Presence reported"),
        (Evidence::ClaimedAttacks, "Attacks claimed only (hatched)"),
    ]
    .into_iter()
    .map(|(evidence, label)| LegendKey {
        swatch: Swatch::Evidence(evidence),
        label: label.to_owned(),
    })
    .collect();
    let shown: Vec<Rgb> = legend
        .iter()
        .filter(|e| e.visible && e.province_count > 0)
        .map(|e| e.colour)
        .take(2)
        .collect();
    if shown.len() > 1 {
        keys.push(LegendKey {
            swatch: Swatch::Stripes(shown),
            label: "Several groups (stripes)".to_owned(),
        });
    }
    if dotted.iter().any(|marks| !marks.is_empty()) {
        keys.push(LegendKey {
            swatch: Swatch::DottedOutline,
            label: "Supported only by E/F sources (dotted)".to_owned(),
        });
    }
    if let Some(months) = stale_horizon {
        keys.push(LegendKey {
            swatch: Swatch::StaleOutline,
            label: format!("Stale: last reported over {months} months before (dashed)"),
        });
    }
    keys.push(LegendKey {
        swatch: Swatch::NoRecord,
        label: "No record in the dates shown".to_owned(),
    });
    keys
}

/// The dates shown, as the legend and subtitles state them.
pub fn describe_dates(filters: &Filters) -> String {
    match filters.time.range() {
        Some((first, last)) => format!("{first} – {last}"),
        None => "All records since August 2021".to_owned(),
    }
}

/// The recency rule for the dates shown, as the legend and export footers state it; `None` with
/// all dates shown (every record is current then).
pub fn describe_recency(filters: &Filters) -> Option<String> {
    filters.time.range().map(|_| {
        format!(
            "A presence record counts as current if its period overlaps the dates or it was last reported within {} months before their end; older ones are stale.",
            filters.recency_months
        )
    })
}

/// The colour of a group: its place in the palette among the non-extremist groups.
pub fn group_colour(atlas: &Atlas, group: GroupIdx) -> Rgb {
    match atlas.group(group).kind {
        GroupKind::Extremist => EXTREMIST_COLOUR,
        GroupKind::Political => POLITICAL_COLOUR,
        _ => {
            let rank = atlas
                .group_indices()
                .take_while(|g| *g != group)
                .filter(|g| {
                    matches!(
                        atlas.group(*g).kind,
                        GroupKind::ArmedResistance | GroupKind::Remnants
                    )
                })
                .count();
            GROUP_PALETTE[rank % GROUP_PALETTE.len()]
        }
    }
}

/// The ids of every group but the extremist opposition ("All" in the legend).
pub fn resistance_groups(atlas: &Atlas) -> std::collections::BTreeSet<String> {
    atlas
        .groups
        .iter()
        .filter(|g| g.kind != GroupKind::Extremist)
        .map(|g| g.id.clone())
        .collect()
}

/// The groups shown before the user has chosen: the two main armed movements, NRF and AFF, when
/// the data has them (a calm first map; the legend adds the rest), else every resistance group.
pub fn default_visible_groups(atlas: &Atlas) -> std::collections::BTreeSet<String> {
    let main: std::collections::BTreeSet<String> = ["NRF", "AFF"]
        .into_iter()
        .filter(|id| atlas.group_by_id(id).is_some())
        .map(str::to_owned)
        .collect();
    if main.is_empty() {
        resistance_groups(atlas)
    } else {
        main
    }
}

/// Presence records that speak for the filters' dates, within their grade (all groups, visible
/// or not), each with its standing: current when its observed period overlaps the dates or it
/// was last reported within [`Filters::recency_months`] before their end, stale when it was
/// observed only before that. With all dates shown, every record is current.
pub fn presence_with_standing<'a>(
    atlas: &'a Atlas,
    filters: &Filters,
) -> impl Iterator<Item = (&'a Presence, Standing)> + 'a {
    let range = filters.time.range();
    let floor = filters.min_grade;
    let horizon = filters.recency_months;
    atlas.presence.iter().filter_map(move |p| {
        let standing = match range {
            None => Standing::Current,
            Some((first, last)) => p.standing(first, last, horizon)?,
        };
        grade::admits(floor, atlas.grade_of(p.credibility, &p.sources)).then_some((p, standing))
    })
}

/// Presence records current for the filters' dates and grade (all groups, visible or not): the
/// records the map fills, the legend counts and exports credit. Stale ones are in
/// [`stale_presence_in_range`].
pub fn presence_in_range<'a>(
    atlas: &'a Atlas,
    filters: &Filters,
) -> impl Iterator<Item = &'a Presence> + 'a {
    presence_with_standing(atlas, filters)
        .filter(|(_, standing)| *standing == Standing::Current)
        .map(|(p, _)| p)
}

/// Presence records observed before the filters' dates and last reported longer ago than the
/// recency horizon: shown as stale, never as current.
pub fn stale_presence_in_range<'a>(
    atlas: &'a Atlas,
    filters: &Filters,
) -> impl Iterator<Item = &'a Presence> + 'a {
    presence_with_standing(atlas, filters)
        .filter(|(_, standing)| *standing == Standing::Stale)
        .map(|(p, _)| p)
}

/// Events within the filters' dates and grade, in date order.
pub fn events_in_range<'a>(
    atlas: &'a Atlas,
    filters: &Filters,
) -> impl Iterator<Item = &'a Event> + 'a {
    let range = filters.time.range();
    let floor = filters.min_grade;
    atlas.events.iter().filter(move |e| {
        range.is_none_or(|(first, last)| e.date.start <= last && e.date.end() >= first)
            && grade::admits(floor, atlas.grade_of(e.credibility, &e.sources))
    })
}

/// Whether a record's sources are all graded E or F (Wikipedia copies, unknown sites): such a
/// record is drawn distinctly, never as a fill.
pub fn rests_on_weak_sources(atlas: &Atlas, sources: &[String]) -> bool {
    !sources.is_empty()
        && sources.iter().all(|id| {
            atlas
                .sources
                .get(id)
                .and_then(|s| s.reliability)
                .is_some_and(grade::Reliability::is_weak)
        })
}

/// The scene for `filters`, highlighting records that cite `highlighted_source`.
pub fn build(atlas: &Atlas, filters: &Filters, highlighted_source: Option<&str>) -> MapScene {
    let mut marks: Vec<Vec<GroupMark>> = vec![Vec::new(); atlas.provinces.len()];
    let mut highlighted = vec![false; atlas.provinces.len()];
    let mut provinces_of: Vec<std::collections::BTreeSet<ProvinceIdx>> =
        vec![Default::default(); atlas.groups.len()];

    for record in presence_in_range(atlas, filters) {
        provinces_of[record.group.0].insert(record.province);
        let group = atlas.group(record.group);
        if !filters.shows(&group.id) {
            continue;
        }
        if highlighted_source.is_some_and(|s| record.sources.iter().any(|r| r == s)) {
            highlighted[record.province.0] = true;
        }
        let weak = rests_on_weak_sources(atlas, &record.sources);
        let here = &mut marks[record.province.0];
        match here.iter_mut().find(|m| m.group == record.group) {
            Some(mark) => {
                mark.evidence = mark.evidence.min(record.evidence);
                mark.weak &= weak;
            }
            None => here.push(GroupMark {
                group: record.group,
                evidence: record.evidence,
                colour: group_colour(atlas, record.group),
                extremist: group.kind == GroupKind::Extremist,
                weak,
            }),
        }
    }
    for here in &mut marks {
        here.sort_by_key(|m| (m.extremist, m.group));
    }
    let mut stale: Vec<Vec<StaleMark>> = vec![Vec::new(); atlas.provinces.len()];
    for record in stale_presence_in_range(atlas, filters) {
        let group = atlas.group(record.group);
        if !filters.shows(&group.id)
            || marks[record.province.0]
                .iter()
                .any(|m| m.group == record.group)
        {
            continue;
        }
        let here = &mut stale[record.province.0];
        match here.iter_mut().find(|m| m.mark.group == record.group) {
            Some(mark) => {
                mark.mark.evidence = mark.mark.evidence.min(record.evidence);
                if record.last_reported.end() > mark.last_reported.end() {
                    mark.last_reported = record.last_reported;
                }
            }
            None => here.push(StaleMark {
                mark: GroupMark {
                    group: record.group,
                    evidence: record.evidence,
                    colour: group_colour(atlas, record.group),
                    extremist: group.kind == GroupKind::Extremist,
                    weak: rests_on_weak_sources(atlas, &record.sources),
                },
                last_reported: record.last_reported,
            }),
        }
    }
    for here in &mut stale {
        here.sort_by_key(|m| (m.mark.extremist, m.mark.group));
    }
    let dotted: Vec<Vec<GroupMark>> = marks
        .iter_mut()
        .map(|here| {
            let (weak, strong) = here.drain(..).partition(|m| m.weak);
            *here = strong;
            weak
        })
        .collect();

    let mut legend: Vec<LegendEntry> = atlas
        .group_indices()
        .map(|group| LegendEntry {
            group,
            colour: group_colour(atlas, group),
            visible: filters.shows(&atlas.group(group).id),
            province_count: provinces_of[group.0].len(),
        })
        .collect();
    legend.sort_by_key(|entry| {
        (
            atlas.group(entry.group).kind == GroupKind::Extremist,
            entry.group,
        )
    });
    let any_stale = stale.iter().any(|here| !here.is_empty());
    MapScene {
        marks,
        legend_keys: legend_keys_with_stale(
            &legend,
            &dotted,
            any_stale.then_some(filters.recency_months),
        ),
        dotted,
        stale,
        legend,
        dates_shown: describe_dates(filters),
        recency_rule: describe_recency(filters),
        highlighted,
        grade_floor: filters.min_grade,
    }
}
