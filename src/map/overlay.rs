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
//! In the app the patterns are cut on the map's background thread ([`OverlayPatterns::update_soon`]):
//! until they are ready the patterns kept are shown (of the last zoom step, the last area or
//! the last overlay), so no frame waits for the cutting.
//!
//! While the zoom is moving (a zoom animation), patterns of the previous zoom step are kept as
//! long as they still cover the view (they are right, only a little denser or sparser): they
//! are cut for the new step once the zoom comes to rest, so an animation does not stall.

use std::{
    borrow::Cow,
    sync::{Arc, mpsc},
};

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
    key: Option<PatternKey>,
    /// The map area the patterns were cut for (None before the first).
    area: Option<Rect>,
    /// The zoom asked for in the last call, to tell a moving zoom from one at rest.
    last_points_per_km: f32,
    /// Whether the patterns kept are of another zoom step than the one asked for last.
    deferred: bool,
    /// Whether the zoom asked for last differs from the one before.
    zooming: bool,
    /// Patterns being cut in the background: for which key and area.
    pending: Option<(PatternKey, Rect, mpsc::Receiver<Cut>)>,
    /// Stripe meshes (map space, coloured), shared with the frames that draw them.
    pub stripes: Vec<Arc<Mesh>>,
    /// Hatch lines (map space).
    pub hatches: Vec<HatchLine>,
}

/// Zoom bucket, overlay hash, palette.
type PatternKey = (i32, u64, u8);

/// Stripes and hatch lines cut for one key and area.
type Cut = (Vec<Arc<Mesh>>, Vec<HatchLine>);

/// What a province is painted with, and its polygons (owned, to be cut on another thread).
type ToCut = Vec<(MultiPolygon<f64>, ProvincePaint)>;

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

/// The provinces with patterns that reach into `area`, with their paint.
fn to_cut(geometry: &MapGeometry, scene: &MapScene, style: &MapStyle, area: Rect) -> ToCut {
    let mut provinces = Vec::new();
    for (index, marks) in scene.marks.iter().enumerate() {
        if marks.is_empty() {
            continue;
        }
        let paint = style.province_paint(marks);
        let patterned = match &paint {
            ProvincePaint::Bare => false,
            ProvincePaint::Solid(paint) => paint.hatch.is_some(),
            ProvincePaint::Stripes(_) => true,
        };
        let polygons = geometry.hit.polygon(index);
        if patterned && within_bounds(polygons, area) {
            provinces.push((polygons.clone(), paint));
        }
    }
    provinces
}

/// Whether the polygons' bounds meet `area`.
fn within_bounds(polygons: &MultiPolygon<f64>, area: Rect) -> bool {
    polygons.bounding_rect().is_some_and(|bounds| {
        let (min, max) = (bounds.min(), bounds.max());
        area.intersects(Rect::from_min_max(
            egui::pos2(min.x as f32, min.y as f32),
            egui::pos2(max.x as f32, max.y as f32),
        ))
    })
}

/// Cuts the stripes and hatching of `provinces` within `area`, `spacing` apart.
fn cut(provinces: &ToCut, area: Rect, spacing: f64) -> Cut {
    let (mut stripes, mut hatches) = (Vec::new(), Vec::new());
    for (polygons, paint) in provinces {
        let Some(polygons) = within(polygons, area) else {
            continue;
        };
        let polygons = polygons.as_ref();
        match paint {
            ProvincePaint::Bare => {}
            ProvincePaint::Solid(paint) => {
                if let Some((colour, slant)) = paint.hatch {
                    hatches.extend(
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
                    let band = stripe(polygons, spacing * 2.0, STRIPE_SLANT, paints.len(), which);
                    let mut mesh = triangulate(&band);
                    for vertex in &mut mesh.vertices {
                        vertex.color = paint.fill;
                    }
                    stripes.push(Arc::new(mesh));
                    if let Some((colour, slant)) = paint.hatch {
                        hatches.extend(
                            hatch_lines(&band, spacing, slant)
                                .into_iter()
                                .map(|(_, points)| HatchLine { points, colour }),
                        );
                    }
                }
            }
        }
    }
    (stripes, hatches)
}

impl OverlayPatterns {
    /// Makes sure the patterns match `scene` at this zoom over `visible` (map space); returns
    /// whether they were rebuilt. Cut on this thread, now (the tests' way).
    #[cfg(test)]
    pub fn update(
        &mut self,
        geometry: &MapGeometry,
        scene: &MapScene,
        points_per_km: f32,
        visible: Rect,
        style: &MapStyle,
    ) -> bool {
        let Some((key, area)) = self.wanted(scene, points_per_km, visible, style) else {
            return false;
        };
        let (_, spacing) = spacing_for(points_per_km);
        let (stripes, hatches) = cut(&to_cut(geometry, scene, style, area), area, spacing);
        self.install(key, area, stripes, hatches);
        true
    }

    /// Like [`Self::update`], but new patterns are cut on the map's background thread
    /// ([`super::background`]): the patterns kept are shown until they are ready (egui is asked
    /// for a repaint then). Returns whether new patterns were taken in this call.
    pub fn update_soon(
        &mut self,
        geometry: &MapGeometry,
        scene: &MapScene,
        points_per_km: f32,
        visible: Rect,
        style: &MapStyle,
        ctx: &egui::Context,
    ) -> bool {
        let mut taken = false;
        if let Some((key, area, receiver)) = self.pending.take() {
            match receiver.try_recv() {
                Ok((stripes, hatches)) => {
                    self.install(key, area, stripes, hatches);
                    taken = true;
                }
                Err(mpsc::TryRecvError::Empty) => self.pending = Some((key, area, receiver)),
                Err(mpsc::TryRecvError::Disconnected) => {}
            }
        }
        let Some((key, area)) = self.wanted(scene, points_per_km, visible, style) else {
            self.pending = None;
            return taken;
        };
        let same_content = self
            .key
            .is_some_and(|kept| (kept.1, kept.2) == (key.1, key.2));
        if self.zooming && same_content {
            // The patterns kept are shown, scaled with the map, until the zoom comes to rest
            // (where they do not reach, there are none for a moment).
            self.deferred = true;
            return taken;
        }
        // Until they are ready, frames are drawn at the screen's pace.
        ctx.request_repaint();
        let needed = needed_area(visible, points_per_km);
        let asked = self
            .pending
            .as_ref()
            .is_some_and(|(k, a, _)| *k == key && a.contains_rect(needed));
        if !asked {
            let provinces = to_cut(geometry, scene, style, area);
            let (_, spacing) = spacing_for(points_per_km);
            let (sender, receiver) = mpsc::channel();
            let ctx = ctx.clone();
            super::background::run(move || {
                if sender.send(cut(&provinces, area, spacing)).is_ok() {
                    ctx.request_repaint();
                }
            });
            self.pending = Some((key, area, receiver));
        }
        taken
    }

    fn install(
        &mut self,
        key: PatternKey,
        area: Rect,
        stripes: Vec<Arc<Mesh>>,
        hatches: Vec<HatchLine>,
    ) {
        self.key = Some(key);
        self.area = Some(area);
        self.stripes = stripes;
        self.hatches = hatches;
    }

    /// The key and area to cut patterns for now, or None when the patterns kept will do.
    fn wanted(
        &mut self,
        scene: &MapScene,
        points_per_km: f32,
        visible: Rect,
        style: &MapStyle,
    ) -> Option<(PatternKey, Rect)> {
        let (bucket, _) = spacing_for(points_per_km);
        let key = (bucket, scene.overlay_hash(), style.id);
        let needed = needed_area(visible, points_per_km);
        let zooming = points_per_km != self.last_points_per_km;
        self.zooming = zooming;
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
            return None;
        }
        Some((key, visible.expand2(visible.size())))
    }
}

/// The map area patterns must cover for `visible`: a line's end must stay out of sight, so a
/// few points beyond the view are covered too.
fn needed_area(visible: Rect, points_per_km: f32) -> Rect {
    visible.expand(8.0 / points_per_km.max(1e-6))
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

    #[test]
    fn patterns_cut_in_the_background_replace_the_kept_ones_when_ready() {
        crate::map::use_a_background_thread();
        let (geometry, scene) = busiest_map();
        let whole = geometry.bounds_in_map;
        let style = MapStyle::for_theme(false);
        let ctx = egui::Context::default();
        let fit = 1000.0 / whole.width();
        let mut patterns = OverlayPatterns::default();
        let wait = |patterns: &mut OverlayPatterns, zoom: f32, view: Rect| {
            for _ in 0..10_000 {
                if patterns.update_soon(&geometry, &scene, zoom, view, &style, &ctx) {
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            panic!("the patterns never came");
        };
        wait(&mut patterns, fit, whole);
        let everywhere = patterns.hatches.len();
        assert!(everywhere > 0);

        // Zoomed in, at rest: the kept patterns stay until the new ones are cut.
        let zoom = fit * 8.0;
        let view = Rect::from_center_size(whole.center(), whole.size() / 8.0);
        assert!(!patterns.update_soon(&geometry, &scene, zoom, view, &style, &ctx));
        assert_eq!(
            patterns.hatches.len(),
            everywhere,
            "kept while the zoom moves"
        );
        wait(&mut patterns, zoom, view);
        let mut whole_cut = OverlayPatterns::default();
        whole_cut.update(&geometry, &scene, zoom, view, &style);
        assert_eq!(
            patterns.hatches.len(),
            whole_cut.hatches.len(),
            "the same cut"
        );
        assert_ne!(patterns.hatches.len(), everywhere);
    }
}
