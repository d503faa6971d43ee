//! Where the change map's badges go ("+" new, "−" gone, "▲" stronger, "▼" weaker): one row per
//! province, by the province's anchor, clear of every province name, of the other rows and of
//! whatever else the caller keeps free (scale bar, inset frame). The screen and every export
//! place them here and only draw them, so a badge never covers a name on any of them.
//!
//! Not decided here: the names themselves ([`crate::geometry::labels::place_labels`]) and what
//! a badge looks like (each painter's).

use egui::{Pos2, Rect, Vec2, emath::TSTransform, vec2};

use super::{GroupMark, compare::Comparison, labels::Inset};
use crate::geometry::{LabelAnchor, labels::PlacedLabel};

/// One badge, placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Badge {
    /// The province it is for.
    pub province: usize,
    /// The change's mark: `+`, `−`, `▲` or `▼`.
    pub glyph: &'static str,
    /// The group (its colour) and its evidence.
    pub mark: GroupMark,
    /// Centre, in the caller's units.
    pub centre: Pos2,
    /// Radius, in the caller's units.
    pub radius: f32,
}

impl Badge {
    /// The square the badge's disc (and its rim) takes.
    pub fn rect(&self) -> Rect {
        Rect::from_center_size(self.centre, Vec2::splat(2.0 * self.radius * 1.12))
    }
}

/// A province's changes: each one's mark and group.
type Glyphs = Vec<(&'static str, GroupMark)>;

/// Centre-to-centre distance of two badges in a row, in radii.
const STEP_RADII: f32 = 2.2;
/// Air kept between a row and a name or another row, in radii.
const AIR_RADII: f32 = 0.25;
/// Directions tried from the anchor, in order of preference: above (where the eye looks for
/// it), below, beside, then the diagonals.
const DIRECTIONS: [(f32, f32); 8] = [
    (0.0, -1.0),
    (0.0, 1.0),
    (1.0, 0.0),
    (-1.0, 0.0),
    (1.0, -1.0),
    (-1.0, -1.0),
    (1.0, 1.0),
    (-1.0, 1.0),
];
/// Within this many radii of the anchor (beyond half the row), a row off its own province
/// still reads as that province's; farther, only a place over its province is taken first.
const NEAR_RADII: f32 = 6.0;
/// Distances tried from the anchor, in radii.
const DISTANCES_RADII: [f32; 10] = [2.4, 3.2, 4.2, 5.4, 6.8, 8.4, 10.2, 12.2, 14.4, 17.0];

/// The badges of `comparison`, `radius` each: `anchor_at(i)` is where province `i`'s badges
/// belong (its anchor, on the main map or in the inset), `None` where it is not drawn; `area`
/// is where badges may go; `avoid` the names and anything else to keep clear; `province_at` the
/// province under a point. Each province's row goes at the nearest place, above first, that
/// meets none of `avoid` nor a row placed before it (provinces with more badges first) and is
/// centred over its own province, so it reads as that province's; failing that, the nearest
/// such place close to the anchor, then close to it over another row, then anywhere; a row that
/// finds none goes above its anchor.
pub fn place_badges(
    comparison: &Comparison,
    anchor_at: impl Fn(usize) -> Option<Pos2>,
    province_at: &dyn Fn(Pos2) -> Option<usize>,
    area: Rect,
    avoid: &[Rect],
    radius: f32,
) -> Vec<Badge> {
    let provinces = comparison.before_scene.marks.len();
    let mut rows: Vec<(usize, Pos2, Glyphs)> = (0..provinces)
        .filter_map(|index| {
            let glyphs = comparison.glyphs_in(index);
            if glyphs.is_empty() {
                return None;
            }
            let anchor = anchor_at(index).filter(|p| area.contains(*p))?;
            Some((index, anchor, glyphs))
        })
        .collect();
    rows.sort_by_key(|(index, _, glyphs)| (std::cmp::Reverse(glyphs.len()), *index));
    let mut taken: Vec<Rect> = Vec::new();
    let mut badges = Vec::new();
    for (province, anchor, glyphs) in rows {
        // A row, or where a row finds no room, a column.
        let long = STEP_RADII * radius * glyphs.len() as f32;
        let short = STEP_RADII * radius;
        let shapes = if glyphs.len() > 1 {
            vec![vec2(long, short), vec2(short, long)]
        } else {
            vec![vec2(short, short)]
        };
        let free = |rect: Rect, others: &[Rect]| {
            let padded = rect.expand(AIR_RADII * radius);
            area.contains_rect(rect)
                && avoid.iter().all(|r| !r.intersects(padded))
                && others.iter().all(|r| !r.intersects(padded))
        };
        // Every place tried, nearest first, as the box it would take.
        let candidates: Vec<Rect> = DISTANCES_RADII
            .iter()
            .flat_map(|distance| {
                shapes.iter().flat_map(move |size| {
                    DIRECTIONS.iter().map(move |(dx, dy)| {
                        // Beside the anchor, half the box's extent is added so it starts there.
                        let along = vec2(
                            dx * (distance * radius + (size.x - short) / 2.0),
                            dy * (distance * radius + (size.y - short) / 2.0),
                        );
                        Rect::from_center_size(anchor + along, *size)
                    })
                })
            })
            .collect();
        let own = |rect: &Rect| province_at(rect.center()) == Some(province);
        let near = |rect: &Rect| rect.center().distance(anchor) <= NEAR_RADII * radius + long / 2.0;
        let first = |keep: &dyn Fn(&Rect) -> bool| candidates.iter().copied().find(|r| keep(r));
        let place = first(&|r| own(r) && free(*r, &taken))
            .or_else(|| first(&|r| near(r) && free(*r, &taken)))
            // Crowded: near, over another row, rather than far off where it reads as another
            // province's.
            .or_else(|| first(&|r| near(r) && free(*r, &[])))
            .or_else(|| first(&|r| free(*r, &taken)))
            .or_else(|| first(&|r| free(*r, &[])))
            .unwrap_or_else(|| {
                Rect::from_center_size(
                    anchor - vec2(0.0, DISTANCES_RADII[0] * radius),
                    vec2(long, short),
                )
            });
        taken.push(place);
        let column = place.height() > place.width();
        for (which, (glyph, mark)) in glyphs.into_iter().enumerate() {
            let step = STEP_RADII * radius * (which as f32 + 0.5);
            badges.push(Badge {
                province,
                glyph,
                mark,
                centre: if column {
                    Pos2::new(place.center().x, place.top() + step)
                } else {
                    Pos2::new(place.left() + step, place.center().y)
                },
                radius,
            });
        }
    }
    badges
}

/// The badges of a map drawn with `screen_from_map` in `area`: by each province's anchor, through
/// the inset for the provinces it magnifies (their rows stay in its frame), the main map's rows
/// out of the inset's frame; all clear of `avoid` (the names of both and their
/// leaders — see [`name_obstacles`] — and what else the map keeps free) and of each other;
/// `province_in_map` is the province at a point in map kilometres.
#[allow(clippy::too_many_arguments)] // the map's parts, each used; a struct would only rename them
pub fn place_map_badges(
    comparison: &Comparison,
    anchors: &[Option<LabelAnchor>],
    province_in_map: &dyn Fn(Pos2) -> Option<usize>,
    screen_from_map: TSTransform,
    inset: Option<&Inset>,
    area: Rect,
    avoid: &[Rect],
    radius: f32,
) -> Vec<Badge> {
    let in_inset = |index: usize| inset.filter(|i| i.provinces.contains(&index));
    let anchor = |index: usize| anchors.get(index).copied().flatten().map(|a| a.pos_in_map);
    let mut main_avoid = avoid.to_vec();
    main_avoid.extend(inset.iter().map(|i| i.frame.expand(0.4 * radius)));
    let main_at = |p: Pos2| province_in_map(screen_from_map.inverse() * p);
    let mut badges = place_badges(
        comparison,
        |index| {
            in_inset(index)
                .is_none()
                .then(|| anchor(index).map(|p| screen_from_map * p))
                .flatten()
        },
        &main_at,
        area,
        &main_avoid,
        radius,
    );
    if let Some(inset) = inset {
        let mut inset_avoid = avoid.to_vec();
        inset_avoid.extend(badges.iter().map(Badge::rect));
        let inset_at = |p: Pos2| province_in_map(inset.screen_from_map.inverse() * p);
        badges.extend(place_badges(
            comparison,
            |index| {
                in_inset(index).and_then(|inset| anchor(index).map(|p| inset.screen_from_map * p))
            },
            &inset_at,
            inset.frame.shrink(0.2 * radius),
            &inset_avoid,
            radius,
        ));
    }
    badges
}

/// What badges keep clear of among the names: each name's box, and its leader line (as a chain
/// of small boxes along it, `width` wide).
pub fn name_obstacles(names: &[PlacedLabel], width: f32) -> Vec<Rect> {
    let mut boxes = Vec::new();
    for name in names {
        boxes.push(name.rect);
        let Some([from, to]) = name.leader else {
            continue;
        };
        let steps = ((from.distance(to) / width.max(1.0)).ceil() as usize).max(1);
        for step in 0..=steps {
            let at = from.lerp(to, step as f32 / steps as f32);
            boxes.push(Rect::from_center_size(at, Vec2::splat(width)));
        }
    }
    boxes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        data::load_embedded,
        scene::{
            Filters,
            compare::compare,
            periods::{Periods, Span},
        },
    };

    #[test]
    fn rows_keep_clear_of_names_and_of_each_other() {
        let atlas = load_embedded();
        let filters = Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Filters::default()
        };
        let periods = Periods {
            before: Span::parse("2023").expect("valid"),
            after: Span::parse("2024..2025").expect("valid"),
        };
        let comparison = compare(&atlas, &filters, periods);
        let changed: Vec<usize> = (0..atlas.provinces.len())
            .filter(|i| !comparison.glyphs_in(*i).is_empty())
            .collect();
        assert!(changed.len() >= 2, "changes to place");
        // Every province's name sits right where its badges would go by default.
        let area = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 1000.0));
        let anchor = |i: usize| Some(Pos2::new(100.0 + 25.0 * i as f32, 500.0));
        let names: Vec<Rect> = changed
            .iter()
            .map(|i| {
                Rect::from_center_size(
                    anchor(*i).expect("anchor") - vec2(0.0, 20.0),
                    vec2(60.0, 14.0),
                )
            })
            .collect();
        let badges = place_badges(&comparison, anchor, &|_| None, area, &names, 8.0);
        assert_eq!(
            badges.len(),
            changed
                .iter()
                .map(|i| comparison.glyphs_in(*i).len())
                .sum::<usize>()
        );
        for (n, a) in badges.iter().enumerate() {
            assert!(area.contains_rect(a.rect()));
            for name in &names {
                assert!(!a.rect().intersects(*name), "{a:?} covers {name:?}");
            }
            for b in &badges[n + 1..] {
                assert!(
                    a.centre.distance(b.centre) >= 2.0 * a.radius,
                    "{a:?} and {b:?} overlap"
                );
            }
        }
    }
}
