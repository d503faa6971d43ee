//! The group overlay's patterns in map space, rebuilt only when the overlay or the zoom bucket
//! changes: stripes for provinces where several shown groups operate (meshes, transformed like the
//! fills) and hatch lines for claim-only evidence (stroked through a [`StrokeCache`]).
//!
//! Pattern spacing is chosen per power-of-two zoom bucket so that it stays between about 5 and 10
//! points on screen without recomputing the clipping at every zoom step.
//!
//! Zoomed in, cutting patterns for whole provinces would cost more with every step (lines twice
//! as dense each time: a second at the deepest zoom), so they are cut only for the area around
//! the view, three views across, and cut again when the view leaves it. The patterns are
//! anchored to the map, not to that area, so pieces cut for neighbouring areas line up.
//!
//! While the zoom is moving (a zoom animation), patterns of the previous zoom step are kept as
//! long as they still cover the view (they are right, only a little denser or sparser): they
//! are cut for the new step once the zoom comes to rest, so an animation does not stall.

use std::{borrow::Cow, sync::Arc};

use egui::{Color32, Mesh, Rect};
use geo::{BooleanOps as _, BoundingRect as _, MultiPolygon};

use crate::{
    geometry::{
        MapGeometry,
        hatch::{hatch_lines, stripe},
        mesh::triangulate,
    },
    scene::{
        MapScene, MapStyle,
        style::{HATCH_SPACING_POINTS, ProvincePaint, STRIPE_SLANT},
    },
};

/// A clipped hatch line in map space and its colour.
pub struct HatchLine {
    /// Vertices in map kilometres.
    pub points: Vec<[f64; 2]>,
    /// Line colour.
    pub colour: Color32,
}

/// Patterns for one overlay at one zoom bucket.
#[derive(Default)]
pub struct OverlayPatterns {
    key: Option<(i32, u64, u8)>,
    /// The map area the patterns were cut for (None before the first).
    area: Option<Rect>,
    /// The zoom asked for in the last call, to tell a moving zoom from one at rest.
    last_points_per_km: f32,
    /// Whether the patterns kept are of another zoom step than the one asked for last.
    deferred: bool,
    /// Stripe meshes (map space, coloured), shared with the frames that draw them.
    pub stripes: Vec<Arc<Mesh>>,
    /// Hatch lines (map space).
    pub hatches: Vec<HatchLine>,
}

impl OverlayPatterns {
    /// Whether the patterns kept were left at another zoom step while the zoom moves (they are
    /// cut for the right one in a later frame at rest: ask for one).
    pub fn deferred(&self) -> bool {
        self.deferred
    }
}

/// Map-space spacing for a zoom of `points_per_km`, and its bucket.
pub fn spacing_for(points_per_km: f32) -> (i32, f64) {
    let bucket = (f64::from(HATCH_SPACING_POINTS / points_per_km))
        .log2()
        .round() as i32;
    (bucket, 2f64.powi(bucket))
}

/// The part of `polygons` within `area`: the polygons themselves when wholly inside, none when
/// wholly outside.
fn within(polygons: &MultiPolygon<f64>, area: Rect) -> Option<Cow<'_, MultiPolygon<f64>>> {
    let bounds = polygons.bounding_rect()?;
    let (min, max) = (bounds.min(), bounds.max());
    let bounds = Rect::from_min_max(
        egui::pos2(min.x as f32, min.y as f32),
        egui::pos2(max.x as f32, max.y as f32),
    );
    if area.contains_rect(bounds) {
        return Some(Cow::Borrowed(polygons));
    }
    if !area.intersects(bounds) {
        return None;
    }
    let (min, max) = (area.min, area.max);
    let area = geo::Rect::new(
        geo::coord! { x: f64::from(min.x), y: f64::from(min.y) },
        geo::coord! { x: f64::from(max.x), y: f64::from(max.y) },
    );
    Some(Cow::Owned(polygons.intersection(&area.to_polygon())))
}

impl OverlayPatterns {
    /// Makes sure the patterns match `scene` at this zoom over `visible` (map space); returns
    /// whether they were rebuilt.
    pub fn update(
        &mut self,
        geometry: &MapGeometry,
        scene: &MapScene,
        points_per_km: f32,
        visible: Rect,
        style: &MapStyle,
    ) -> bool {
        let (bucket, spacing) = spacing_for(points_per_km);
        let key = (bucket, scene.overlay_hash(), style.id);
        // A line's end must stay out of sight: a few points beyond the view are covered too.
        let needed = visible.expand(8.0 / points_per_km.max(1e-6));
        let zooming = points_per_km != self.last_points_per_km;
        self.last_points_per_km = points_per_km;
        let covers = self.area.is_some_and(|area| area.contains_rect(needed));
        let (same_content, same_step) = match self.key {
            Some((kept_bucket, overlay, style)) => {
                ((overlay, style) == (key.1, key.2), kept_bucket == bucket)
            }
            None => (false, false),
        };
        self.deferred = covers && same_content && !same_step && zooming;
        if covers && same_content && (same_step || self.deferred) {
            return false;
        }
        let area = visible.expand2(visible.size());
        self.key = Some(key);
        self.area = Some(area);
        self.stripes.clear();
        self.hatches.clear();
        for (index, marks) in scene.marks.iter().enumerate() {
            if marks.is_empty() {
                continue;
            }
            let Some(polygons) = within(geometry.hit.polygon(index), area) else {
                continue;
            };
            let polygons = polygons.as_ref();
            match style.province_paint(marks) {
                ProvincePaint::Bare => {}
                ProvincePaint::Solid(paint) => {
                    if let Some((colour, slant)) = paint.hatch {
                        self.hatches.extend(
                            hatch_lines(polygons, spacing, slant)
                                .into_iter()
                                .map(|(_, points)| HatchLine { points, colour }),
                        );
                    }
                }
                ProvincePaint::Stripes(paints) => {
                    // Stripes twice as wide as hatching, one band per group in turn, each its
                    // group's mark: its evidence step, hatched across when only claimed.
                    for (which, paint) in paints.iter().enumerate() {
                        let band =
                            stripe(polygons, spacing * 2.0, STRIPE_SLANT, paints.len(), which);
                        let mut mesh = triangulate(&band);
                        for vertex in &mut mesh.vertices {
                            vertex.color = paint.fill;
                        }
                        self.stripes.push(Arc::new(mesh));
                        if let Some((colour, slant)) = paint.hatch {
                            self.hatches.extend(
                                hatch_lines(&band, spacing, slant)
                                    .into_iter()
                                    .map(|(_, points)| HatchLine { points, colour }),
                            );
                        }
                    }
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Filters;
    use egui::{pos2, vec2};

    /// The built-in map with every group shown: stripes and hatching in many provinces.
    fn busiest_map() -> (MapGeometry, MapScene) {
        let atlas = crate::data::load_embedded();
        let filters = Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Filters::default()
        };
        let scene = crate::scene::build(&atlas, &filters, None);
        (MapGeometry::build(&atlas), scene)
    }

    fn hatch_bounds(patterns: &OverlayPatterns) -> Rect {
        let mut bounds = Rect::NOTHING;
        for line in &patterns.hatches {
            for [x, y] in &line.points {
                bounds.extend_with(pos2(*x as f32, *y as f32));
            }
        }
        bounds
    }

    #[test]
    fn zoomed_in_patterns_are_cut_around_the_view_and_again_when_it_leaves() {
        let (geometry, scene) = busiest_map();
        let whole = geometry.bounds_in_map;
        let mut patterns = OverlayPatterns::default();

        // The whole country in view: patterns everywhere, as before.
        let fit = 1000.0 / whole.width();
        assert!(patterns.update(&geometry, &scene, fit, whole, &MapStyle::for_theme(false)));
        let everywhere = hatch_bounds(&patterns);
        assert!(!patterns.hatches.is_empty());

        // Zoomed in on a part of it: while the zoom moves, the patterns kept still cover the
        // view and stay; at rest, only the area three views across is cut for the new step.
        let zoom = fit * 8.0;
        let view = Rect::from_center_size(everywhere.center(), whole.size() / 8.0);
        assert!(!patterns.update(
            &geometry,
            &scene,
            zoom * 0.9,
            view,
            &MapStyle::for_theme(false)
        ));
        assert!(patterns.deferred(), "kept while zooming");
        assert!(!patterns.update(&geometry, &scene, zoom, view, &MapStyle::for_theme(false)));
        assert!(patterns.update(&geometry, &scene, zoom, view, &MapStyle::for_theme(false)));
        assert!(!patterns.deferred(), "cut at rest");
        let near = hatch_bounds(&patterns);
        assert!(
            view.expand2(view.size()).expand(1e-3).contains_rect(near),
            "{near:?}"
        );

        // A short pan keeps them; leaving the area cuts them again.
        let panned = view.translate(vec2(view.width() * 0.5, 0.0));
        assert!(!patterns.update(&geometry, &scene, zoom, panned, &MapStyle::for_theme(false)));
        let far = view.translate(vec2(view.width() * 3.0, 0.0));
        assert!(patterns.update(&geometry, &scene, zoom, far, &MapStyle::for_theme(false)));
    }

    #[test]
    fn patterns_cut_for_an_area_are_the_whole_provinces_patterns_there() {
        let (geometry, scene) = busiest_map();
        let whole = geometry.bounds_in_map;
        let zoom = 8.0 * 1000.0 / whole.width();
        let view = Rect::from_center_size(whole.center(), whole.size() / 8.0);
        let (mut whole_cut, mut area_cut) =
            (OverlayPatterns::default(), OverlayPatterns::default());
        // The same zoom bucket, cut for the whole country and for the area around the view.
        whole_cut.update(
            &geometry,
            &scene,
            zoom,
            whole.expand(1e4),
            &MapStyle::for_theme(false),
        );
        area_cut.update(&geometry, &scene, zoom, view, &MapStyle::for_theme(false));
        // Every end of a piece cut for the area (on a province's edge or the area's) lies on a
        // line cut for the whole.
        let distance_to_whole_lines = |p: [f64; 2]| {
            whole_cut.hatches.iter().fold(f64::INFINITY, |best, line| {
                line.points.windows(2).fold(best, |best, w| {
                    let (a, b) = (w[0], w[1]);
                    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                    let t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
                    let (x, y) = (a[0] + t.clamp(0.0, 1.0) * dx, a[1] + t.clamp(0.0, 1.0) * dy);
                    best.min((x - p[0]).hypot(y - p[1]))
                })
            })
        };
        let ends: Vec<[f64; 2]> = area_cut
            .hatches
            .iter()
            .flat_map(|line| line.points.iter().copied())
            .collect();
        assert!(!ends.is_empty(), "the area has hatching");
        assert!(area_cut.hatches.len() < whole_cut.hatches.len());
        let worst = ends
            .iter()
            .map(|p| distance_to_whole_lines(*p))
            .fold(0.0, f64::max);
        assert!(worst < 1e-3, "{worst} km off");
    }
}
