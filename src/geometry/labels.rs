//! Where each province's name goes.
//!
//! The anchor is the pole of inaccessibility of the province's largest polygon (the point
//! farthest from its edges, by `polylabel`), computed once in map space; `room_km` is that
//! distance, the radius of the largest circle inside the province there.
//!
//! [`place_labels`] names every province whose anchor is in view: at its anchor in full-size type
//! where the name fits inside the province, in the small type where only that fits, and otherwise
//! (Kabul, Kapisa, Panjshir, Parwan, Logar… at country scale) beside the province, joined to its
//! anchor by a leader line. A greedy pass keeps names off each other, off the leader lines, off
//! the anchors of the small provinces and off the obstacles the caller names (legend, scale bar,
//! buttons). The screen, presentation mode and exports all place names with it; callers cache
//! the result per zoom and size, so it is not in the per-frame path.

use egui::{Pos2, Rect, Vec2, emath::TSTransform, vec2};
use geo::{Area as _, Distance as _, Euclidean, MultiPolygon, Point, Polygon};

/// A province's label anchor in map space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelAnchor {
    /// Where the label's centre goes, in map kilometres.
    pub pos_in_map: Pos2,
    /// Distance from the anchor to the nearest edge, in kilometres.
    pub room_km: f32,
}

/// The anchor of a map-space multipolygon, or `None` if it has no area.
pub fn label_anchor(polygons: &MultiPolygon<f64>) -> Option<LabelAnchor> {
    let largest: &Polygon<f64> = polygons
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let anchor = polylabel::polylabel(largest, &0.5).ok()?;
    let room = distance_to_edges(largest, anchor);
    Some(LabelAnchor {
        pos_in_map: Pos2::new(anchor.x() as f32, anchor.y() as f32),
        room_km: room as f32,
    })
}

fn distance_to_edges(polygon: &Polygon<f64>, point: Point<f64>) -> f64 {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .map(|ring| Euclidean.distance(&point, ring))
        .fold(f64::INFINITY, f64::min)
}

/// Does a label of `size` (screen points) fit in a province whose room is `room` screen points?
/// Text is wide and short, so it may reach past the inscribed circle sideways, but not far.
pub fn fits(size: Vec2, room: f32) -> bool {
    size.x <= room * 2.6 && size.y <= room * 1.6
}

/// The two type sizes of province names, in the caller's units (points or pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelType {
    /// For names that fit inside their province.
    pub full: f32,
    /// For names of small provinces (inside when that fits, else beside with a leader line).
    pub small: f32,
}

/// What to place names for: anchors, the view, where names may go and what they must avoid.
#[derive(Clone, Copy)]
pub struct LabelRequest<'a> {
    /// `anchors[i]`: the anchor of province `i`.
    pub anchors: &'a [Option<LabelAnchor>],
    /// Map kilometres → the caller's units.
    pub screen_from_map: TSTransform,
    /// Where names may be drawn (the map area, less a margin).
    pub area: Rect,
    /// Rectangles names must not cover (legend, scale bar, credit, buttons, neighbours' names).
    pub obstacles: &'a [Rect],
    /// Type sizes.
    pub sizes: LabelType,
    /// The province at a point in the caller's units, if any: a name set inside its province
    /// must lie over that province, not over a neighbour.
    pub province_at: &'a dyn Fn(Pos2) -> Option<usize>,
}

/// A placed province name.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Index of the province.
    pub province: usize,
    /// Type size.
    pub font_size: f32,
    /// The name's box.
    pub rect: Rect,
    /// From the province's anchor to the name's box, when the name sits beside the province.
    pub leader: Option<[Pos2; 2]>,
}

/// Air kept above and below a name, in units of the small type size.
const MARGIN_EM: f32 = 0.2;
/// Air kept between a leader line and other names, in units of the small type size.
const LEADER_AIR_EM: f32 = 0.25;
/// Air kept before and after a name, in units of the small type size: two names on one line
/// must not read as one phrase ("Kapisa Kunar").
const SIDE_MARGIN_EM: f32 = 0.8;
/// Directions tried for a name beside its province, in order of preference (sideways reads
/// best; straight up or down last).
const DIRECTIONS_DEG: [f32; 16] = [
    0.0, 180.0, -30.0, 150.0, 30.0, -150.0, -60.0, 120.0, 60.0, -120.0, -15.0, 165.0, 15.0, -165.0,
    -90.0, 90.0,
];
/// Distances tried from the anchor, beyond the province's room, in units of the small type size.
const DISTANCES_EM: [f32; 9] = [0.6, 1.5, 2.6, 3.8, 5.2, 6.8, 8.6, 10.6, 12.8];
/// The longest leader, as a share of the map area's smaller side: a leader much longer than
/// that would seem to point at another place.
const MAX_LEADER_SHARE: f32 = 0.15;
/// On a map so small that a name finds no place that near (a small window with both side
/// panels full), the longest leader allowed before the name is left to the hover; directions
/// are then tried every 5°.
const LAST_RESORT_LEADER_SHARE: f32 = 0.25;

/// Rounds of placement tried before names that find no place are left out.
const PLACEMENT_ROUNDS: usize = 6;
/// Named neighbours tried, nearest first, to make room for a name left out after those rounds.
const REPAIR_NEIGHBOURS: usize = 8;
/// Placements tried in all to make room for names left out.
const REPAIR_ATTEMPTS: usize = 32;

/// How a name can go, from how well it fits its province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Full,
    Small,
    Beside,
}

struct Candidate {
    province: usize,
    fit: Fit,
    anchor: Pos2,
    room: f32,
    size: Vec2,
}

/// Names every province whose anchor is inside `request.area`, without overlaps; a name that
/// finds no free place is left out. `measure(i, size)` is the box of province `i`'s name in type
/// of `size`. Names that fit go first (roomiest first), then the small ones beside their
/// provinces (nearest free place first).
pub fn place_labels(
    request: &LabelRequest<'_>,
    measure: impl Fn(usize, f32) -> Vec2,
) -> Vec<PlacedLabel> {
    let t = request.screen_from_map;
    let sizes = request.sizes;
    let mut candidates: Vec<Candidate> = request
        .anchors
        .iter()
        .enumerate()
        .filter_map(|(province, anchor)| {
            let anchor = (*anchor)?;
            let pos = t * anchor.pos_in_map;
            if !request.area.contains(pos) {
                return None;
            }
            let room = anchor.room_km * t.scaling;
            let full = measure(province, sizes.full);
            let small = measure(province, sizes.small);
            let (fit, size) = if fits(full, room) {
                (Fit::Full, full)
            } else if fits(small, room) {
                (Fit::Small, small)
            } else {
                (Fit::Beside, small)
            };
            Some(Candidate {
                province,
                fit,
                anchor: pos,
                room,
                size,
            })
        })
        .collect();
    candidates.sort_by(|a, b| a.fit.cmp(&b.fit).then(b.room.total_cmp(&a.room)));

    // The anchors of names placed beside their provinces: no other name may hide them.
    let markers: Vec<(usize, Rect)> = candidates
        .iter()
        .filter(|c| c.fit == Fit::Beside)
        .map(|c| {
            (
                c.province,
                Rect::from_center_size(c.anchor, Vec2::splat(6.0)),
            )
        })
        .collect();
    // Greedy placement in order; names left out go first in the next round, which usually
    // finds them a place (a crowded cluster is then filled from its hardest name out).
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    let mut best: Vec<PlacedLabel> = Vec::new();
    for _ in 0..PLACEMENT_ROUNDS {
        let placed = place_in_order(request, &order, &markers);
        let complete = placed.len() == order.len();
        if placed.len() > best.len() {
            best = placed;
        }
        if complete {
            break;
        }
        let (left_out, named): (Vec<&Candidate>, Vec<&Candidate>) = order
            .iter()
            .partition(|c| !best.iter().any(|p| p.province == c.province));
        order = left_out.into_iter().chain(named).collect();
    }
    // Still some left out: try each with one named neighbour moved first (nearest first), so
    // that neighbour takes another place and leaves its own to the name left out.
    let mut attempts = 0;
    while best.len() < candidates.len() && attempts < REPAIR_ATTEMPTS {
        let Some(left_out) = candidates
            .iter()
            .find(|c| !best.iter().any(|p| p.province == c.province))
        else {
            break;
        };
        let mut neighbours: Vec<&PlacedLabel> = best.iter().collect();
        neighbours.sort_by(|a, b| {
            let distance = |l: &PlacedLabel| l.rect.distance_sq_to_pos(left_out.anchor);
            distance(a).total_cmp(&distance(b))
        });
        let mut improved = false;
        for neighbour in neighbours.into_iter().take(REPAIR_NEIGHBOURS) {
            attempts += 1;
            let first = [left_out.province, neighbour.province];
            let order: Vec<&Candidate> = first
                .iter()
                .filter_map(|p| candidates.iter().find(|c| c.province == *p))
                .chain(
                    order
                        .iter()
                        .copied()
                        .filter(|c| !first.contains(&c.province)),
                )
                .collect();
            let placed = place_in_order(request, &order, &markers);
            if placed.len() > best.len() {
                best = placed;
                improved = true;
                break;
            }
        }
        if !improved {
            break;
        }
    }
    best.sort_by_key(|label| label.province);
    best
}

/// Places names in `order`, each where it collides with nothing placed before it.
fn place_in_order(
    request: &LabelRequest<'_>,
    order: &[&Candidate],
    markers: &[(usize, Rect)],
) -> Vec<PlacedLabel> {
    let sizes = request.sizes;
    let margin = vec2(sizes.small * SIDE_MARGIN_EM, sizes.small * MARGIN_EM);
    // A leader passing close under a name reads as underlining it.
    let leader_air = sizes.small * LEADER_AIR_EM;
    let mut placed: Vec<PlacedLabel> = Vec::with_capacity(order.len());
    for candidate in order {
        let font_size = if candidate.fit == Fit::Full {
            sizes.full
        } else {
            sizes.small
        };
        // `may_cross`: whether this name's leader may cross another leader (a last resort,
        // better than leaving the province unnamed).
        let is_free = |rect: Rect, leader: Option<[Pos2; 2]>, may_cross: bool| {
            request.area.contains_rect(rect)
                && request.obstacles.iter().all(|o| !o.intersects(rect))
                && markers
                    .iter()
                    .all(|(p, m)| *p == candidate.province || !m.intersects(rect))
                && placed.iter().all(|other| {
                    !other.rect.expand2(margin).intersects(rect)
                        && other
                            .leader
                            .is_none_or(|l| !segment_meets_rect(l, rect.expand(leader_air)))
                        && leader
                            .is_none_or(|l| !segment_meets_rect(l, other.rect.expand(leader_air)))
                        && (may_cross
                            || !leader
                                .zip(other.leader)
                                .is_some_and(|(a, b)| segments_cross(a, b)))
                })
        };
        let inside = (candidate.fit != Fit::Beside).then(|| {
            // Inside: at the anchor, or nudged within the province's room.
            let nudge = (candidate.room - candidate.size.y / 2.0).max(0.0);
            let sideways = candidate.room * 0.6;
            INSIDE_NUDGES
                .iter()
                .map(|[dx, dy]| {
                    Rect::from_center_size(
                        candidate.anchor + vec2(dx * sideways, dy * nudge),
                        candidate.size,
                    )
                })
                .find(|rect| {
                    lies_over_its_province(*rect, candidate.province, request.province_at)
                        && is_free(*rect, None, false)
                })
                .map(|rect| (rect, None))
        });
        let smaller_side = request.area.width().min(request.area.height());
        let beside_where = |may_cross: bool, longest_leader_share: f32, directions: &[f32]| {
            DISTANCES_EM
                .iter()
                .filter(|distance| **distance * sizes.small <= longest_leader_share * smaller_side)
                .find_map(|distance| {
                    let radius = candidate.room + distance * sizes.small;
                    directions.iter().find_map(|degrees| {
                        let (sin, cos) = degrees.to_radians().sin_cos();
                        let direction = vec2(cos, sin);
                        let centre = candidate.anchor
                            + direction * radius
                            + vec2(
                                direction.x * candidate.size.x,
                                direction.y * candidate.size.y,
                            ) / 2.0;
                        let rect = Rect::from_center_size(centre, candidate.size);
                        let leader = leader_line(candidate.anchor, rect);
                        is_free(rect, Some(leader), may_cross).then_some((rect, Some(leader)))
                    })
                })
        };
        let beside = || {
            // A leader threading between other names: every few degrees.
            let fine: Vec<f32> = (0..72).map(|step| step as f32 * 5.0).collect();
            beside_where(false, MAX_LEADER_SHARE, &DIRECTIONS_DEG)
                .or_else(|| beside_where(false, LAST_RESORT_LEADER_SHARE, &fine))
                .or_else(|| beside_where(true, LAST_RESORT_LEADER_SHARE, &fine))
        };
        if let Some((rect, leader)) = inside.flatten().or_else(beside) {
            placed.push(PlacedLabel {
                province: candidate.province,
                font_size,
                rect,
                leader,
            });
        }
    }
    placed
}

/// Whether a name set without a leader in `rect` reads as naming `province`: its middle line,
/// sampled across its width, lies over that province and no other.
pub fn lies_over_its_province(
    rect: Rect,
    province: usize,
    province_at: &dyn Fn(Pos2) -> Option<usize>,
) -> bool {
    MIDLINE_SAMPLES
        .iter()
        .all(|share| province_at(rect.center() + vec2(rect.width() * share, 0.0)) == Some(province))
}

/// Where a name's middle line is sampled, as shares of its width from its centre (the first
/// and last letters may reach over a border).
const MIDLINE_SAMPLES: [f32; 5] = [-0.34, -0.17, 0.0, 0.17, 0.34];
/// Where a name inside its province is tried, as shares of the sideways and the up-and-down
/// room around the anchor, in order of preference.
const INSIDE_NUDGES: [[f32; 2]; 9] = [
    [0.0, 0.0],
    [0.0, -1.0],
    [0.0, 1.0],
    [-1.0, 0.0],
    [1.0, 0.0],
    [-1.0, -1.0],
    [1.0, -1.0],
    [-1.0, 1.0],
    [1.0, 1.0],
];

/// A line from just off `anchor` to just short of the nearest point of `rect`.
fn leader_line(anchor: Pos2, rect: Rect) -> [Pos2; 2] {
    let end = rect.clamp(anchor);
    let along = (end - anchor).normalized();
    [anchor + along * 2.0, end - along * 1.5]
}

/// Do two leader lines cross? (Touching at an end does not count.)
pub fn segments_cross([a, b]: [Pos2; 2], [c, d]: [Pos2; 2]) -> bool {
    let side = |p: Pos2, q: Pos2, r: Pos2| (q - p).x * (r - p).y - (q - p).y * (r - p).x;
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Does the segment `[a, b]` touch `rect`? (Liang–Barsky clipping.)
pub fn segment_meets_rect([a, b]: [Pos2; 2], rect: Rect) -> bool {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// A rough box for `text` in DejaVu Sans (the bundled font) at `size`: an average advance of
/// 0.58 em and a line of 1.2 em. Exports, which cannot ask a font engine, measure with it.
pub fn estimated_text_size(text: &str, size: f32) -> Vec2 {
    vec2(text.chars().count() as f32 * size * 0.58, size * 1.2)
}

/// The box of `text` (one line) at `size` in the bundled faces, shaped ([`crate::text::measure`]:
/// the face its script needs, kerning and joining applied) with a line of that face's height.
/// Exports and the tests that read them, which have no egui at hand, measure names with it.
pub fn measured_text_size(text: &str, size: f32) -> Vec2 {
    crate::text::measure(text, size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        data::load_embedded,
        geometry::MapGeometry,
        scene::{MapView, view},
    };
    use egui::pos2;
    use geo::polygon;

    #[test]
    fn anchor_of_a_square_is_its_centre() {
        let square = MultiPolygon::new(vec![
            polygon![(x: 0., y: 0.), (x: 10., y: 0.), (x: 10., y: 10.), (x: 0., y: 10.)],
        ]);
        let anchor = label_anchor(&square).expect("a square has an anchor");
        assert!((anchor.pos_in_map - Pos2::new(5.0, 5.0)).length() < 0.5);
        assert!((anchor.room_km - 5.0).abs() < 0.5);
    }

    #[test]
    fn crossing_leaders_are_told_from_parallel_and_apart_ones() {
        let a = [pos2(0.0, 0.0), pos2(10.0, 10.0)];
        assert!(segments_cross(a, [pos2(0.0, 10.0), pos2(10.0, 0.0)]));
        assert!(!segments_cross(a, [pos2(1.0, 0.0), pos2(11.0, 10.0)]));
        assert!(!segments_cross(a, [pos2(20.0, 0.0), pos2(30.0, 10.0)]));
    }

    #[test]
    fn segments_meet_rects_they_cross_and_miss_others() {
        let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0));
        assert!(segment_meets_rect([pos2(-5.0, 5.0), pos2(15.0, 5.0)], rect));
        assert!(segment_meets_rect([pos2(5.0, 5.0), pos2(6.0, 6.0)], rect));
        assert!(!segment_meets_rect(
            [pos2(-5.0, -5.0), pos2(-1.0, 20.0)],
            rect
        ));
        assert!(!segment_meets_rect(
            [pos2(11.0, -5.0), pos2(30.0, 20.0)],
            rect
        ));
    }

    /// Places the built-in provinces' names at the whole-country view in `area`.
    fn place_country(area: Rect, sizes: LabelType, obstacles: &[Rect]) -> Vec<PlacedLabel> {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let t = view::screen_from_map(area, geometry.bounds_in_map, MapView::default());
        let province_at = |p: Pos2| geometry.hit.province_at(t.inverse() * p).map(|i| i.0);
        place_labels(
            &LabelRequest {
                anchors: &geometry.labels,
                screen_from_map: t,
                area,
                obstacles,
                sizes,
                province_at: &province_at,
            },
            |i, size| estimated_text_size(&atlas.provinces[i].name, size),
        )
    }

    fn assert_all_named_apart(placed: &[PlacedLabel], area: Rect, obstacles: &[Rect]) {
        assert_all_named(placed, area, obstacles);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                if let (Some(la), Some(lb)) = (a.leader, b.leader) {
                    assert!(!segments_cross(la, lb), "{a:?}'s leader crosses {b:?}'s");
                }
            }
        }
    }

    /// Every name placed, inside the area, clear of obstacles and of each other (leaders may
    /// cross where the map is too small for anything else).
    fn assert_all_named(placed: &[PlacedLabel], area: Rect, obstacles: &[Rect]) {
        assert_eq!(placed.len(), 34, "{placed:?}");
        for (i, a) in placed.iter().enumerate() {
            assert!(area.contains_rect(a.rect));
            assert!(obstacles.iter().all(|o| !o.intersects(a.rect)));
            for b in &placed[i + 1..] {
                assert!(!a.rect.intersects(b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    /// Places the names at the whole-country view in `area` as the app does with an inset: the
    /// cluster's provinces left out, the inset's frame an obstacle. Fails unless no two names
    /// overlap, no leader crosses another leader or a name, and each name set without a leader
    /// lies over its own province.
    fn assert_names_read_true_beside_an_inset(area: Rect, sizes: LabelType) {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let t = view::screen_from_map(area, geometry.bounds_in_map, MapView::default());
        let province_at = |p: Pos2| geometry.hit.province_at(t.inverse() * p).map(|i| i.0);
        let cluster = crate::scene::labels::inset_provinces(&atlas);
        let anchors: Vec<Option<LabelAnchor>> = geometry
            .labels
            .iter()
            .enumerate()
            .map(|(i, a)| if cluster.contains(&i) { None } else { *a })
            .collect();
        let placed = place_labels(
            &LabelRequest {
                anchors: &anchors,
                screen_from_map: t,
                area,
                obstacles: &[],
                sizes,
                province_at: &province_at,
            },
            |i, size| estimated_text_size(&atlas.provinces[i].name, size),
        );
        assert_eq!(placed.len(), 34 - cluster.len(), "{placed:?}");
        for (i, a) in placed.iter().enumerate() {
            assert!(area.contains_rect(a.rect));
            match a.leader {
                Some(l) => assert_eq!(province_at(l[0]), Some(a.province), "{a:?}"),
                None => assert!(
                    lies_over_its_province(a.rect, a.province, &province_at),
                    "{a:?}"
                ),
            }
            for b in &placed[i + 1..] {
                assert!(!a.rect.intersects(b.rect), "{a:?} overlaps {b:?}");
                if let (Some(la), Some(lb)) = (a.leader, b.leader) {
                    assert!(!segments_cross(la, lb), "{a:?}'s leader crosses {b:?}'s");
                }
                assert!(
                    a.leader.is_none_or(|l| !segment_meets_rect(l, b.rect)),
                    "{a:?} crosses {b:?}"
                );
                assert!(
                    b.leader.is_none_or(|l| !segment_meets_rect(l, a.rect)),
                    "{b:?} crosses {a:?}"
                );
            }
        }
    }

    #[test]
    fn names_beside_an_inset_never_collide_or_mislead_at_screen_and_page_sizes() {
        let screen = LabelType {
            full: 13.0,
            small: 12.0,
        };
        // Map areas of a 1280×720 and a 1600×1000 window, and of 1280×720 and 1080p pages.
        for (area, sizes) in [
            (
                Rect::from_min_size(pos2(234.0, 29.0), vec2(568.0, 535.0)),
                screen,
            ),
            (
                Rect::from_min_size(pos2(250.0, 40.0), vec2(980.0, 860.0)),
                screen,
            ),
            (
                Rect::from_min_size(pos2(24.0, 96.0), vec2(920.0, 545.0)),
                screen,
            ),
            (
                Rect::from_min_size(pos2(36.0, 144.0), vec2(1364.0, 818.0)),
                LabelType {
                    full: 17.0,
                    small: 16.0,
                },
            ),
        ] {
            assert_names_read_true_beside_an_inset(area, sizes);
        }
    }

    #[test]
    fn every_province_is_named_on_a_laptop_screen_map() {
        // The map area of a 1600×1000 window between its side panels.
        let area = Rect::from_min_size(pos2(250.0, 40.0), vec2(980.0, 860.0));
        let scale_bar =
            Rect::from_min_size(area.left_bottom() - vec2(0.0, 40.0), vec2(160.0, 40.0));
        let placed = place_country(
            area,
            LabelType {
                full: 13.0,
                small: 12.0,
            },
            &[scale_bar],
        );
        assert_all_named_apart(&placed, area, &[scale_bar]);
        let beside = placed.iter().filter(|l| l.leader.is_some()).count();
        assert!(beside >= 4, "the small provinces near Kabul need leaders");
    }

    #[test]
    fn every_province_is_named_on_a_small_screen_map() {
        // The map area of a 1280×720 window.
        let area = Rect::from_min_size(pos2(230.0, 40.0), vec2(700.0, 580.0));
        let placed = place_country(
            area,
            LabelType {
                full: 12.5,
                small: 12.0,
            },
            &[],
        );
        assert_all_named(&placed, area, &[]);
    }

    #[test]
    fn every_province_is_named_between_full_panels_on_a_small_screen() {
        // The map area of a 1280×720 window with every group listed on the left and a group's
        // profile on the right: the zoom buttons, the scale bar, the credit and the neighbouring
        // countries' names, as the app had them.
        let area = Rect::from_min_max(pos2(234.4, 29.0), pos2(802.4, 564.0));
        let obstacles = [
            [762.4, 35.0, 796.4, 127.0],
            [238.4, 524.4, 317.4, 560.0],
            [649.2, 534.0, 798.4, 560.0],
            [579.3, 376.3, 636.6, 391.3],
            [253.4, 324.1, 282.6, 339.1],
            [320.2, 197.5, 413.6, 212.5],
            [475.5, 141.6, 548.8, 156.6],
            [543.8, 126.7, 610.3, 141.7],
            [743.7, 160.2, 781.3, 175.2],
        ]
        .map(|[x0, y0, x1, y1]| Rect::from_min_max(pos2(x0, y0), pos2(x1, y1)));
        let placed = place_country(
            area,
            LabelType {
                full: 12.5,
                small: 12.0,
            },
            &obstacles,
        );
        assert_all_named(&placed, area, &obstacles);
    }
}
