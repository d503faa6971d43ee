//! Where each province's label goes, and which labels fit on screen at the current zoom.
//!
//! The anchor is the pole of inaccessibility of the province's largest polygon (the point
//! farthest from its edges, by `polylabel`), computed once in map space; `room_km` is that
//! distance, the radius of the largest circle inside the province there. At draw time a label is
//! shown only if it fits that room and does not collide with a label already placed; labels are
//! placed in priority order, so selected and large provinces win and small ones appear as the
//! user zooms in.

use egui::{Pos2, Rect, Vec2};
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

/// Greedy collision avoidance: given candidate label rectangles in priority order, keeps each one
/// that overlaps none kept before it (with `margin` points of air). Returns the kept indices.
pub fn place_without_overlap(candidates: &[Rect], margin: f32) -> Vec<usize> {
    let mut kept: Vec<Rect> = Vec::new();
    let mut indices = Vec::new();
    for (index, rect) in candidates.iter().enumerate() {
        let padded = rect.expand(margin);
        if kept.iter().all(|k| !k.intersects(padded)) {
            kept.push(*rect);
            indices.push(index);
        }
    }
    indices
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn overlapping_labels_keep_the_first() {
        let a = Rect::from_min_size(Pos2::ZERO, Vec2::new(10.0, 5.0));
        let b = a.translate(Vec2::new(5.0, 0.0));
        let c = a.translate(Vec2::new(30.0, 0.0));
        assert_eq!(place_without_overlap(&[a, b, c], 1.0), vec![0, 2]);
    }
}
