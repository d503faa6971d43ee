//! What the map shows, decided once per frame from the atlas and the filters: for each province,
//! which visible groups operate there and on what evidence; the legend; the provinces that cite
//! a highlighted source. Renderer-agnostic (no egui types), so the screen and exports draw the
//! same thing.

pub mod badges;
pub mod colour_difference;
pub mod compare;
pub mod credits;
pub mod event_change;
pub mod events;
pub mod filters;
pub mod labels;
pub mod names;
pub mod overview;
pub mod page;
pub mod periods;
pub mod style;
pub mod view;

use std::hash::{Hash, Hasher};

pub use filters::{DEFAULT_RECENCY_MONTHS, Filters, TimeFilter};
pub use names::LabelLanguage;
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
/// The extremist opposition: a neutral (each map style says which, see
/// [`MapStyle::extremist`]), drawn with reversed hatching.
const EXTREMIST_COLOUR: Rgb = [60, 60, 60];
/// Groups without provinces (political bodies).
const POLITICAL_COLOUR: Rgb = [150, 150, 150];

/// One group's strongest evidence in a province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GroupMark {
    /// The group.
    pub group: GroupIdx,
    /// Its strongest evidence there within the dates shown (see [`stronger`]): a claim only
    /// when nothing stronger is on record.
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
    /// Whether it is the extremist opposition (its colour is the map style's).
    pub extremist: bool,
    /// Provinces where it has any record within the dates shown.
    pub province_count: usize,
}

/// A group as a legend key draws it: its colour, and whether it is the extremist opposition
/// (whose colour each map style sets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyGroup {
    /// The group's colour.
    pub colour: Rgb,
    /// Whether it is the extremist opposition.
    pub extremist: bool,
}

/// What a legend key's swatch shows; every renderer (app, presentation, export) draws each the
/// way the map draws it, through [`MapStyle::mark_paint`], in the shown groups' own colours.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    /// A province where a group operates on this evidence: one cell per shown group, each in that
    /// group's step for the evidence (hatched for a claim only).
    Evidence(Evidence, Vec<KeyGroup>),
    /// A province where several shown groups operate: a stripe each, each its group's mark.
    Stripes(Vec<(KeyGroup, Evidence)>),
    /// A province with no record in the dates shown: bare land.
    NoRecord,
    /// A dotted outline around the province, in the group's colour.
    DottedOutline(Vec<KeyGroup>),
    /// A province where a group was last reported before the recency horizon: a thin dashed
    /// outline in the group's colour, no fill.
    StaleOutline(Vec<KeyGroup>),
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
    /// The recency horizon the scene was built with, in months.
    pub recency_months: u32,
    /// The Events choropleth shades the provinces instead of the groups' marks
    /// ([`events::under_choropleth`]): the groups shown choose the events counted, and are not
    /// drawn.
    pub groups_under_events: bool,
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

/// The stronger of two kinds of evidence: a stronghold, then attacks verified by the UN, an
/// attack confirmed by independent reports, reported presence, and last a claim (a claim never
/// hides a report).
pub fn stronger(first: Evidence, second: Evidence) -> Evidence {
    if style::strength(second) > style::strength(first) {
        second
    } else {
        first
    }
}

/// The evidence as files and exported pages name it (`verified_attacks`).
pub fn evidence_id(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::Stronghold => "stronghold",
        Evidence::VerifiedAttacks => "verified_attacks",
        Evidence::ConfirmedAttacks => "confirmed_attacks",
        Evidence::ClaimedAttacks => "claimed_attacks",
        Evidence::Reported => "reported",
    }
}

/// Adds one record's evidence to a group's mark in a province: records resting on strong
/// sources outweigh those resting only on E/F sources; among equals, the stronger evidence wins.
fn add_record(mark: &mut GroupMark, evidence: Evidence, weak: bool) {
    match (mark.weak, weak) {
        (true, false) => {
            mark.evidence = evidence;
            mark.weak = false;
        }
        (false, true) => {}
        _ => mark.evidence = stronger(mark.evidence, evidence),
    }
}

/// The legend's keys for a map showing the groups of `legend`: the evidence ramp (strongest
/// first, each step in every shown group's colour), stripes when more than one group is shown,
/// and bare land.
pub fn legend_keys(legend: &[LegendEntry], dotted: &[Vec<GroupMark>]) -> Vec<LegendKey> {
    legend_keys_with_stale(legend, dotted, None)
}

/// [`legend_keys`], with a key for stale records when any are drawn (`stale_horizon`: the
/// recency horizon in months and the stale marks).
pub fn legend_keys_with_stale(
    legend: &[LegendEntry],
    dotted: &[Vec<GroupMark>],
    stale_horizon: Option<(u32, &[Vec<StaleMark>])>,
) -> Vec<LegendKey> {
    let mut shown: Vec<KeyGroup> = legend
        .iter()
        .filter(|e| e.visible && e.province_count > 0)
        .map(|e| KeyGroup {
            colour: e.colour,
            extremist: e.extremist,
        })
        .collect();
    if shown.is_empty() {
        shown.extend(legend.iter().filter(|e| e.visible).map(|e| KeyGroup {
            colour: e.colour,
            extremist: e.extremist,
        }));
    }
    let mut keys: Vec<LegendKey> = [
        (Evidence::Stronghold, "Stronghold or headquarters"),
        (Evidence::VerifiedAttacks, "Attacks verified by the UN"),
        (
            Evidence::ConfirmedAttacks,
            "Attack confirmed by independent reports",
        ),
        (Evidence::Reported, "Presence reported"),
        (
            Evidence::ClaimedAttacks,
            "Attacks claimed only (hatched), nothing stronger",
        ),
    ]
    .into_iter()
    .map(|(evidence, label)| LegendKey {
        swatch: Swatch::Evidence(evidence, shown.clone()),
        label: label.to_owned(),
    })
    .collect();
    if let [first, second, ..] = shown.as_slice() {
        keys.push(LegendKey {
            swatch: Swatch::Stripes(vec![
                (*first, Evidence::VerifiedAttacks),
                (*second, Evidence::ClaimedAttacks),
            ]),
            label: "Several groups: one stripe each".to_owned(),
        });
    }
    let dotted_groups = groups_in(dotted.iter().flatten());
    if !dotted_groups.is_empty() {
        keys.push(LegendKey {
            swatch: Swatch::DottedOutline(dotted_groups),
            label: "Supported only by E/F sources (dotted)".to_owned(),
        });
    }
    if let Some((months, stale)) = stale_horizon {
        let stale_groups = groups_in(stale.iter().flatten().map(|s| &s.mark));
        keys.push(LegendKey {
            swatch: Swatch::StaleOutline(stale_groups),
            label: format!("Stale: last reported over {months} months before (dashed)"),
        });
    }
    keys.push(LegendKey {
        swatch: Swatch::NoRecord,
        label: "No record in the dates shown".to_owned(),
    });
    keys
}

/// The groups of `marks`, each once, in legend order (resistance first).
fn groups_in<'a>(marks: impl Iterator<Item = &'a GroupMark>) -> Vec<KeyGroup> {
    let mut groups: Vec<(bool, GroupIdx, KeyGroup)> = Vec::new();
    for mark in marks {
        if !groups.iter().any(|(_, g, _)| *g == mark.group) {
            groups.push((
                mark.extremist,
                mark.group,
                KeyGroup {
                    colour: mark.colour,
                    extremist: mark.extremist,
                },
            ));
        }
    }
    groups.sort_by_key(|(extremist, group, _)| (*extremist, *group));
    groups.into_iter().map(|(_, _, key)| key).collect()
}

/// The dates shown, as the legend and subtitles state them.
pub fn describe_dates(filters: &Filters) -> String {
    if let Some(periods) = filters.compare {
        return periods.label();
    }
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
            Some(mark) => add_record(mark, record.evidence, weak),
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
                add_record(
                    &mut mark.mark,
                    record.evidence,
                    rests_on_weak_sources(atlas, &record.sources),
                );
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
            extremist: atlas.group(group).kind == GroupKind::Extremist,
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
            any_stale.then_some((filters.recency_months, stale.as_slice())),
        ),
        dotted,
        stale,
        legend,
        dates_shown: describe_dates(filters),
        recency_rule: describe_recency(filters),
        highlighted,
        grade_floor: filters.min_grade,
        recency_months: filters.recency_months,
        groups_under_events: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    /// The marks of province `name` with every group shown, over all dates or the last
    /// `months` months of 2025.
    fn marks_in(atlas: &Atlas, name: &str, groups: &[&str], months: Option<u32>) -> Vec<GroupMark> {
        let mut filters = Filters {
            visible_groups: Some(groups.iter().map(|g| (*g).to_owned()).collect()),
            ..Filters::default()
        };
        if let Some(months) = months {
            filters.time.all_time = false;
            filters.time.from = crate::data::Day::from_month_index(
                filters.time.to.month_index() - i32::try_from(months).unwrap_or(12) + 1,
            );
        }
        let scene = build(atlas, &filters, None);
        let index = atlas
            .provinces
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name}"));
        scene.marks[index].clone()
    }

    fn evidence_of(atlas: &Atlas, marks: &[GroupMark], group: &str) -> Option<Evidence> {
        marks
            .iter()
            .find(|m| atlas.group(m.group).id == group)
            .map(|m| m.evidence)
    }

    #[test]
    fn herat_claimed_only_and_baghlan_verified_are_drawn_differently() {
        let atlas = load_embedded();
        let herat = marks_in(&atlas, "Herat", &["NRF", "AFF"], None);
        let baghlan = marks_in(&atlas, "Baghlan", &["NRF", "AFF"], None);
        // Herat: both groups only claim attacks there (NRF's reports rest on Wikipedia copies).
        assert_eq!(
            evidence_of(&atlas, &herat, "NRF"),
            Some(Evidence::ClaimedAttacks)
        );
        assert_eq!(
            evidence_of(&atlas, &herat, "AFF"),
            Some(Evidence::ClaimedAttacks)
        );
        // Baghlan: NRF's attacks verified by the UN; AFF reported there (a report outweighs its
        // claims).
        assert_eq!(
            evidence_of(&atlas, &baghlan, "NRF"),
            Some(Evidence::VerifiedAttacks)
        );
        assert_eq!(
            evidence_of(&atlas, &baghlan, "AFF"),
            Some(Evidence::Reported)
        );
        for style in [
            MapStyle::for_theme(false),
            MapStyle::for_theme(true),
            MapStyle::projector(),
        ] {
            let (style::ProvincePaint::Stripes(herat), style::ProvincePaint::Stripes(baghlan)) =
                (style.province_paint(&herat), style.province_paint(&baghlan))
            else {
                panic!("both provinces are striped");
            };
            assert_ne!(herat[0], baghlan[0], "NRF's stripes are the same");
            assert!(herat.iter().all(|m| m.hatch.is_some()), "Herat is hatched");
            assert!(baghlan.iter().all(|m| m.hatch.is_none()), "Baghlan is not");
            assert!(
                style::colour_delta_e(herat[0].fill, baghlan[0].fill) >= 10.0,
                "NRF claimed and verified differ by ΔE < 10 in style {}",
                style.id
            );
        }
    }

    #[test]
    fn kandahar_shows_affs_reported_presence_over_its_claims_whatever_else_is_shown() {
        let atlas = load_embedded();
        let alone = marks_in(&atlas, "Kandahar", &["AFF"], None);
        assert_eq!(
            evidence_of(&atlas, &alone, "AFF"),
            Some(Evidence::Reported),
            "all time: the C3 report, not the claimed attacks"
        );
        let with_iskp = marks_in(&atlas, "Kandahar", &["AFF", "ISKP"], None);
        assert_eq!(
            evidence_of(&atlas, &with_iskp, "AFF"),
            Some(Evidence::Reported),
            "turning ISKP on keeps AFF's mark"
        );
        assert_eq!(
            evidence_of(&atlas, &with_iskp, "ISKP"),
            Some(Evidence::VerifiedAttacks)
        );
        let style = MapStyle::for_theme(false);
        let style::ProvincePaint::Solid(aff) = style.province_paint(&alone) else {
            panic!("AFF alone fills Kandahar");
        };
        let style::ProvincePaint::Stripes(both) = style.province_paint(&with_iskp) else {
            panic!("AFF and ISKP stripe Kandahar");
        };
        assert_eq!(aff.fill, both[0].fill, "AFF's stripe is its mark");
        assert!(aff.hatch.is_none());
    }

    #[test]
    fn a_claim_never_outweighs_a_report_and_strong_sources_outweigh_weak_ones() {
        assert_eq!(
            stronger(Evidence::ClaimedAttacks, Evidence::Reported),
            Evidence::Reported
        );
        assert_eq!(
            stronger(Evidence::Stronghold, Evidence::VerifiedAttacks),
            Evidence::Stronghold
        );
        let mut mark = GroupMark {
            group: GroupIdx(0),
            evidence: Evidence::Stronghold,
            colour: [0, 0, 0],
            extremist: false,
            weak: true,
        };
        add_record(&mut mark, Evidence::ClaimedAttacks, false);
        assert_eq!(
            (mark.evidence, mark.weak),
            (Evidence::ClaimedAttacks, false)
        );
        add_record(&mut mark, Evidence::Stronghold, true);
        assert_eq!(
            mark.evidence,
            Evidence::ClaimedAttacks,
            "a weak record adds nothing"
        );
        add_record(&mut mark, Evidence::Reported, false);
        assert_eq!(mark.evidence, Evidence::Reported);
    }

    #[test]
    fn the_legend_keys_show_every_shown_groups_colour_and_the_stale_mark() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Filters::default()
        };
        let scene = build(&atlas, &filters, None);
        let shown = scene
            .legend
            .iter()
            .filter(|e| e.visible && e.province_count > 0)
            .count();
        let Some(Swatch::Evidence(_, groups)) = scene.legend_keys.first().map(|k| &k.swatch) else {
            panic!("the ramp comes first");
        };
        assert_eq!(groups.len(), shown);
        assert!(groups.last().is_some_and(|g| g.extremist), "ISKP last");
        let stale = legend_keys_with_stale(&scene.legend, &scene.dotted, Some((12, &[])));
        assert!(
            stale
                .iter()
                .any(|k| matches!(k.swatch, Swatch::StaleOutline(_)))
        );
    }
}
