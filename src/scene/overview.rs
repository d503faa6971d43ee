//! What the map shows, counted: for each group on the map, in how many provinces it is drawn on
//! each kind of evidence, on weak sources only, and as stale. The right panel shows this while no
//! province is selected. Counts come from the [`MapScene`] the map is drawn from, so they match
//! the map exactly.

use crate::data::{Evidence, GroupIdx};

use super::{MapScene, style::EVIDENCE_BY_STRENGTH};

/// One group's provinces on the map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupOverview {
    /// The group.
    pub group: GroupIdx,
    /// Provinces filled, by the evidence they are filled for, strongest first; kinds with no
    /// province are left out.
    pub by_evidence: Vec<(Evidence, usize)>,
    /// Provinces outlined dotted (records only on sources graded E or F).
    pub weak_only: usize,
    /// Provinces outlined dashed (stale records only).
    pub stale: usize,
}

impl GroupOverview {
    /// Every province the group is drawn in, however.
    pub fn total(&self) -> usize {
        self.by_evidence.iter().map(|(_, n)| n).sum::<usize>() + self.weak_only + self.stale
    }
}

/// The groups drawn on the map, in legend order, each with its provinces counted; groups drawn
/// nowhere are left out.
pub fn group_overview(scene: &MapScene) -> Vec<GroupOverview> {
    scene
        .legend
        .iter()
        .filter(|entry| entry.visible)
        .map(|entry| {
            let group = entry.group;
            let count = |evidence: Evidence| {
                scene
                    .marks
                    .iter()
                    .filter(|marks| {
                        marks
                            .iter()
                            .any(|m| m.group == group && m.evidence == evidence)
                    })
                    .count()
            };
            GroupOverview {
                group,
                by_evidence: EVIDENCE_BY_STRENGTH
                    .iter()
                    .rev()
                    .map(|e| (*e, count(*e)))
                    .filter(|(_, n)| *n > 0)
                    .collect(),
                weak_only: scene
                    .dotted
                    .iter()
                    .filter(|marks| marks.iter().any(|m| m.group == group))
                    .count(),
                stale: scene
                    .stale
                    .iter()
                    .filter(|marks| marks.iter().any(|s| s.mark.group == group))
                    .count(),
            }
        })
        .filter(|overview| overview.total() > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{data::load_embedded, scene::Filters};

    #[test]
    fn each_groups_counts_add_up_to_the_provinces_the_map_draws_it_in() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(super::super::default_visible_groups(&atlas)),
            ..Filters::default()
        };
        let scene = super::super::build(&atlas, &filters, None);
        let overview = group_overview(&scene);
        assert!(!overview.is_empty());
        for group in &overview {
            let drawn = (0..atlas.provinces.len())
                .filter(|&p| {
                    scene.marks[p].iter().any(|m| m.group == group.group)
                        || scene.dotted[p].iter().any(|m| m.group == group.group)
                        || scene.stale[p].iter().any(|s| s.mark.group == group.group)
                })
                .count();
            assert_eq!(group.total(), drawn, "{}", atlas.group(group.group).name);
            let strengths: Vec<usize> = group
                .by_evidence
                .iter()
                .map(|(e, _)| super::super::style::strength(*e))
                .collect();
            assert!(strengths.windows(2).all(|w| w[0] > w[1]), "{strengths:?}");
        }
    }

    #[test]
    fn hidden_groups_are_not_counted() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(Default::default()),
            ..Filters::default()
        };
        let scene = super::super::build(&atlas, &filters, None);
        assert!(group_overview(&scene).is_empty());
    }
}
