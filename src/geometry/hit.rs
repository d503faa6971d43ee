//! Which province is at a map-space point: bounding-box prefilter, then point-in-polygon.

use egui::{Pos2, Rect};
use geo::{BoundingRect as _, Contains as _, MultiPolygon, Point};

use crate::data::ProvinceIdx;

/// Provinces' map-space polygons with their bounding boxes.
#[derive(Clone, Debug, Default)]
pub struct HitIndex {
    items: Vec<(Rect, MultiPolygon<f64>)>,
}

impl HitIndex {
    /// Indexes map-space polygons; `polygons[i]` is province `i`.
    pub fn new(polygons: Vec<MultiPolygon<f64>>) -> Self {
        let items = polygons
            .into_iter()
            .map(|polygon| {
                let bounds = polygon.bounding_rect().map_or(Rect::NOTHING, |r| {
                    Rect::from_min_max(
                        Pos2::new(r.min().x as f32, r.min().y as f32),
                        Pos2::new(r.max().x as f32, r.max().y as f32),
                    )
                });
                (bounds, polygon)
            })
            .collect();
        Self { items }
    }

    /// The province containing `pos_in_map`, if any.
    pub fn province_at(&self, pos_in_map: Pos2) -> Option<ProvinceIdx> {
        let point = Point::new(f64::from(pos_in_map.x), f64::from(pos_in_map.y));
        self.items
            .iter()
            .position(|(bounds, polygon)| bounds.contains(pos_in_map) && polygon.contains(&point))
            .map(ProvinceIdx)
    }

    /// Map-space polygons of a province.
    pub fn polygon(&self, index: usize) -> &MultiPolygon<f64> {
        &self.items[index].1
    }

    /// Map-space bounding box of a province.
    pub fn bounds(&self, province: ProvinceIdx) -> Rect {
        self.items
            .get(province.0)
            .map_or(Rect::NOTHING, |(bounds, _)| *bounds)
    }
}
