//! What the map shows, decided once per frame from the atlas and the filters: for each province,
//! which visible groups operate there and on what evidence; the legend; the provinces that cite
//! a highlighted source. Renderer-agnostic (no egui types), so the screen and exports draw the
//! same thing.

pub mod events;
pub mod filters;
pub mod page;
pub mod style;
pub mod view;

use std::hash::{Hash, Hasher};

pub use filters::{Filters, TimeFilter};
pub use page::{PageLayout, PageSize};
pub use style::MapStyle;
pub use view::{MAX_ZOOM, MIN_ZOOM, MapView};

use crate::data::{Atlas, Event, Evidence, GroupIdx, GroupKind, Presence, ProvinceIdx, grade};

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
    /// Resistance groups first, then the extremist opposition.
    pub legend: Vec<LegendEntry>,
    /// What each kind of fill, pattern and outline means, in drawing order (evidence from the
    /// strongest, stripes, no record). To explain a new mark, push a key in [`legend_keys`].
    pub legend_keys: Vec<LegendKey>,
    /// The dates the map shows, as the legend states them.
    pub dates_shown: String,
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

/// Presence records within the filters' dates and grade (all groups, visible or not).
pub fn presence_in_range<'a>(
    atlas: &'a Atlas,
    filters: &Filters,
) -> impl Iterator<Item = &'a Presence> + 'a {
    let range = filters.time.range();
    let floor = filters.min_grade;
    atlas.presence.iter().filter(move |p| {
        range.is_none_or(|(first, last)| p.period.overlaps(first, last))
            && grade::admits(floor, atlas.grade_of(p.credibility, &p.sources))
    })
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
    MapScene {
        marks,
        legend_keys: legend_keys(&legend, &dotted),
        dotted,
        legend,
        dates_shown: describe_dates(filters),
        highlighted,
        grade_floor: filters.min_grade,
    }
}
