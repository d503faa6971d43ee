//! Two periods compared: for each shown group in each province, its strongest evidence in a
//! *before* period and in an *after* period, by exactly the rule the map uses ([`super::build`]:
//! current records within the grade floor, recency included; a record resting on strong sources
//! outweighs one resting only on E/F sources; among equals the stronger evidence wins), and what
//! changed: new, gone (including only stale after), stronger, weaker or the same. The command
//! line's `changes`, the change map (screen and exports) and the change list all read this.

pub use super::periods::{Periods, Span};
use super::{
    Filters, GroupMark, KeyGroup, LegendKey, MapScene, StaleMark, Swatch, build, last_reported_label, presence_in_range,
    style::strength,
};
use crate::data::{Atlas, Date, Evidence, GroupIdx, Precision, ProvinceIdx};

/// What changed for one group in one province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// No current record before, one after.
    New,
    /// A current record before; none after, or only stale ones.
    Gone,
    /// Stronger evidence after (by the map's rule).
    Stronger,
    /// Weaker evidence after.
    Weaker,
    /// The same evidence.
    Same,
}

impl Change {
    /// Every kind, most important first.
    pub const ALL: [Self; 5] = [
        Self::New,
        Self::Gone,
        Self::Stronger,
        Self::Weaker,
        Self::Same,
    ];

    /// `new`, `gone`, `stronger`, `weaker`, `same`: the CSV's words.
    pub fn id(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Gone => "gone",
            Self::Stronger => "stronger",
            Self::Weaker => "weaker",
            Self::Same => "same",
        }
    }

    /// The mark the change map draws by the province's name: `+`, `−`, `▲`, `▼`, or none.
    pub fn glyph(self) -> Option<&'static str> {
        match self {
            Self::New => Some("+"),
            Self::Gone => Some("−"),
            Self::Stronger => Some("▲"),
            Self::Weaker => Some("▼"),
            Self::Same => None,
        }
    }

    /// How the legend explains the change.
    pub fn legend_label(self) -> &'static str {
        match self {
            Self::New => "New: no current record before, one after (filled, \"+\")",
            Self::Gone => "Gone: a record before, none after or only stale (outline, \"−\")",
            Self::Stronger => "Stronger evidence after (\"▲\")",
            Self::Weaker => "Weaker evidence after (\"▼\")",
            Self::Same => "Same evidence in both (filled, no mark)",
        }
    }
}

/// A group's strongest evidence in a province over one period, as the map shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The strongest evidence (see [`super::GroupMark::evidence`]).
    pub evidence: Evidence,
    /// Whether it rests only on sources graded E or F (drawn as a dotted outline).
    pub weak: bool,
    /// The newest report of that evidence there, up to the period's end.
    pub reported: Date,
}

impl Seen {
    /// The map's order: strong sources over weak ones, then the stronger evidence.
    fn rank(self) -> (bool, usize) {
        (!self.weak, strength(self.evidence))
    }
}

/// One row of a comparison: a shown group in a province where it has a current record in
/// either period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupChange {
    /// Where.
    pub province: ProvinceIdx,
    /// Which group.
    pub group: GroupIdx,
    /// Its strongest evidence before, if current then.
    pub before: Option<Seen>,
    /// Its strongest evidence after, if current then.
    pub after: Option<Seen>,
    /// When, after, it is known there only from stale records: their newest report.
    pub stale_after: Option<Date>,
    /// What changed.
    pub change: Change,
}

/// The evidence in a few lower-case words, for sentences.
pub fn evidence_words(evidence: Evidence) -> &'static str {
    match evidence {
        Evidence::Stronghold => "stronghold",
        Evidence::VerifiedAttacks => "UN-verified attacks",
        Evidence::ConfirmedAttacks => "confirmed attack",
        Evidence::ClaimedAttacks => "claimed attacks",
        Evidence::Reported => "reported presence",
    }
}

impl GroupChange {
    /// "NRF: new in Herat (claimed attacks, Jan 2025)", as the change list says it.
    pub fn sentence(&self, atlas: &Atlas) -> String {
        let group = atlas.group(self.group).short_name();
        let province = &atlas.province(self.province).name;
        let when = |seen: Seen| last_reported_label(seen.reported);
        let weak = |seen: Seen| if seen.weak { ", E/F sources only" } else { "" };
        match (self.change, self.before, self.after) {
            (Change::New, _, Some(after)) => format!(
                "{group}: new in {province} ({}{}, {})",
                evidence_words(after.evidence),
                weak(after),
                when(after)
            ),
            (Change::Gone, Some(before), _) => {
                let stale = self.stale_after.map_or(String::new(), |date| {
                    format!("; only stale after, last reported {}", last_reported_label(date))
                });
                format!(
                    "{group}: gone from {province} ({}{}, {}{stale})",
                    evidence_words(before.evidence),
                    weak(before),
                    when(before)
                )
            }
            (change, Some(before), Some(after)) => {
                let verb = match change {
                    Change::Stronger => "stronger",
                    Change::Weaker => "weaker",
                    _ => "same",
                };
                if before.evidence == after.evidence && before.weak == after.weak {
                    format!(
                        "{group}: {verb} in {province} ({}{}, {})",
                        evidence_words(after.evidence),
                        weak(after),
                        when(after)
                    )
                } else {
                    format!(
                        "{group}: {verb} in {province} ({}{} → {}{}, {})",
                        evidence_words(before.evidence),
                        weak(before),
                        evidence_words(after.evidence),
                        weak(after),
                        when(after)
                    )
                }
            }
            _ => format!("{group}: {} in {province}", self.change.id()),
        }
    }
}

/// A comparison of two periods for the filters' groups, grade floor and recency horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The periods.
    pub periods: Periods,
    /// Every row, most important first (see [`compare`]).
    pub changes: Vec<GroupChange>,
    /// The map for the before period, exactly as the map draws it.
    pub before_scene: MapScene,
    /// The map for the after period, exactly as the map draws it.
    pub after_scene: MapScene,
}

/// The filters for one period: `filters`' groups, grade floor and recency, over `span`.
pub fn filters_for(filters: &Filters, span: Span) -> Filters {
    Filters {
        time: span.time(),
        compare: None,
        ..filters.clone()
    }
}

/// What a scene shows of `group` in province `index`: a fill or a dotted outline (current), or
/// nothing.
fn seen_in(scene: &MapScene, index: usize, group: GroupIdx) -> Option<GroupMark> {
    scene.marks[index]
        .iter()
        .chain(&scene.dotted[index])
        .find(|m| m.group == group)
        .copied()
}

/// Compares the two periods for `filters`' shown groups, grade floor and recency horizon (its
/// dates are ignored). Rows are sorted by importance: new, gone, stronger, weaker, same; within
/// each, the stronger evidence involved first, then resistance groups before the extremist
/// opposition, then group and province order.
pub fn compare(atlas: &Atlas, filters: &Filters, periods: Periods) -> Comparison {
    let before_filters = filters_for(filters, periods.before);
    let after_filters = filters_for(filters, periods.after);
    let before_scene = build(atlas, &before_filters, None);
    let after_scene = build(atlas, &after_filters, None);
    let reported = |filters: &Filters, span: Span, province: usize, mark: GroupMark| {
        presence_in_range(atlas, filters)
            .filter(|p| {
                p.province.0 == province && p.group == mark.group && p.evidence == mark.evidence
            })
            .map(|p| {
                if p.last_reported.end() > span.to {
                    Date {
                        start: span.to,
                        precision: Precision::Month,
                    }
                } else {
                    p.last_reported
                }
            })
            .max_by_key(|d| (d.end(), d.start))
            .unwrap_or(Date {
                start: span.to,
                precision: Precision::Month,
            })
    };
    let mut changes = Vec::new();
    for index in 0..atlas.provinces.len() {
        let mut groups: Vec<GroupIdx> = [&before_scene, &after_scene]
            .iter()
            .flat_map(|s| s.marks[index].iter().chain(&s.dotted[index]))
            .map(|m| m.group)
            .collect();
        groups.sort();
        groups.dedup();
        for group in groups {
            let seen = |scene: &MapScene, f: &Filters, span: Span| {
                seen_in(scene, index, group).map(|mark| Seen {
                    evidence: mark.evidence,
                    weak: mark.weak,
                    reported: reported(f, span, index, mark),
                })
            };
            let before = seen(&before_scene, &before_filters, periods.before);
            let after = seen(&after_scene, &after_filters, periods.after);
            let stale_after = after_scene.stale[index]
                .iter()
                .find(|m: &&StaleMark| m.mark.group == group)
                .map(|m| m.last_reported);
            let change = match (before, after) {
                (None, _) => Change::New,
                (Some(_), None) => Change::Gone,
                (Some(b), Some(a)) => match a.rank().cmp(&b.rank()) {
                    std::cmp::Ordering::Greater => Change::Stronger,
                    std::cmp::Ordering::Less => Change::Weaker,
                    std::cmp::Ordering::Equal => Change::Same,
                },
            };
            changes.push(GroupChange {
                province: ProvinceIdx(index),
                group,
                before,
                after,
                stale_after: if after.is_none() { stale_after } else { None },
                change,
            });
        }
    }
    changes.sort_by_key(|c| {
        let strongest = [c.before, c.after]
            .into_iter()
            .flatten()
            .map(Seen::rank)
            .max();
        (
            c.change,
            std::cmp::Reverse(strongest),
            atlas.group(c.group).kind == crate::data::GroupKind::Extremist,
            c.group,
            c.province,
        )
    });
    Comparison {
        periods,
        changes,
        before_scene,
        after_scene,
    }
}

impl Comparison {
    /// How many rows of each kind, in [`Change::ALL`] order.
    pub fn counts(&self) -> [(Change, usize); 5] {
        Change::ALL.map(|kind| (kind, self.changes.iter().filter(|c| c.change == kind).count()))
    }

    /// The rows sorted by province (name order) then group id, as the CSV lists them.
    pub fn by_province(&self, atlas: &Atlas) -> Vec<GroupChange> {
        let mut rows = self.changes.clone();
        rows.sort_by(|a, b| {
            (&atlas.province(a.province).name, &atlas.group(a.group).id)
                .cmp(&(&atlas.province(b.province).name, &atlas.group(b.group).id))
        });
        rows
    }

    /// The change map's scene: the after period's fills and dotted outlines as the map draws
    /// them, and, as the only outlines without a fill, the groups gone from a province (drawn
    /// with their evidence before, dashed). Stale records that were stale before too are left
    /// out: nothing changed there.
    pub fn change_scene(&self) -> MapScene {
        let mut scene = self.after_scene.clone();
        for here in &mut scene.stale {
            here.clear();
        }
        for change in &self.changes {
            let (Change::Gone, Some(before)) = (change.change, change.before) else {
                continue;
            };
            let Some(mark) = seen_in(&self.before_scene, change.province.0, change.group) else {
                continue;
            };
            scene.stale[change.province.0].push(StaleMark {
                mark: GroupMark {
                    evidence: before.evidence,
                    ..mark
                },
                last_reported: before.reported,
            });
        }
        scene
            .legend_keys
            .retain(|key| !matches!(key.swatch, Swatch::StaleOutline(_)));
        let mut gone: Vec<KeyGroup> = Vec::new();
        for here in &scene.stale {
            for stale in here {
                let key = KeyGroup {
                    colour: stale.mark.colour,
                    extremist: stale.mark.extremist,
                };
                if !gone.contains(&key) {
                    gone.push(key);
                }
            }
        }
        if !gone.is_empty() {
            scene.legend_keys.push(LegendKey {
                swatch: Swatch::StaleOutline(gone),
                label: Change::Gone.legend_label().to_owned(),
            });
        }
        scene.dates_shown = self.periods.label();
        scene
    }

    /// The glyphs to draw in province `index`: each changed group's mark and colour, in legend
    /// order.
    pub fn glyphs_in(&self, index: usize) -> Vec<(&'static str, GroupMark)> {
        let mut glyphs: Vec<(bool, GroupIdx, &'static str, GroupMark)> = Vec::new();
        for change in self.changes.iter().filter(|c| c.province.0 == index) {
            let Some(glyph) = change.change.glyph() else {
                continue;
            };
            let mark = seen_in(&self.after_scene, index, change.group)
                .or_else(|| seen_in(&self.before_scene, index, change.group));
            if let Some(mark) = mark {
                glyphs.push((mark.extremist, mark.group, glyph, mark));
            }
        }
        glyphs.sort_by_key(|(extremist, group, _, _)| (*extremist, *group));
        glyphs.into_iter().map(|(_, _, g, m)| (g, m)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn every_row_agrees_with_both_periods_maps() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Filters::default()
        };
        let periods = Periods {
            before: Span::parse("2022..2023").expect("valid"),
            after: Span::parse("2025").expect("valid"),
        };
        let comparison = compare(&atlas, &filters, periods);
        assert!(!comparison.changes.is_empty());
        for (scene, span) in [
            (build(&atlas, &filters_for(&filters, periods.before), None), 0),
            (build(&atlas, &filters_for(&filters, periods.after), None), 1),
        ] {
            for (index, here) in scene.marks.iter().enumerate() {
                for mark in here.iter().chain(&scene.dotted[index]) {
                    let row = comparison
                        .changes
                        .iter()
                        .find(|c| c.province.0 == index && c.group == mark.group)
                        .expect("every mark has a row");
                    let seen = if span == 0 { row.before } else { row.after };
                    assert_eq!(seen.map(|s| s.evidence), Some(mark.evidence));
                }
            }
        }
        // Sorted by importance.
        assert!(
            comparison
                .changes
                .windows(2)
                .all(|w| w[0].change <= w[1].change)
        );
    }
}
