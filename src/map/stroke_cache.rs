//! Meshes kept between frames and moved into place, and strokes tessellated once per zoom level.
//!
//! Stroking the ~11k border vertices costs about 4 ms a frame; a pan changes only the
//! translation, so the tessellated mesh is kept in "scaled map space" (map kilometres × points per
//! kilometre, origin at the map origin) and moved into place each frame. A new zoom level, pixel
//! density, palette or content (see [`StrokeKey`]) re-tessellates.
//!
//! At a new zoom the lines can be stroked in the background ([`StrokeCache::mesh_soon`]): the
//! mesh of the last zoom is shown scaled to the new one (its lines a little wider or narrower,
//! which a moving zoom hides) until the new mesh is ready, so no frame waits for the stroking.
//!
//! A kept mesh is handed to egui as it is (shared, not cloned) with the transform to apply after
//! tessellation ([`paint_moved`]): egui copies it into the frame's output once and moves the copy,
//! so a frame never clones a kept mesh nor walks it twice.

use std::{
    borrow::Cow,
    sync::{Arc, mpsc},
};

use egui::{
    Mesh, Painter, Pos2, Shape, Stroke, Vec2,
    emath::TSTransform,
    epaint::{PathShape, TessellationOptions, Tessellator},
    layers::ShapeIdx,
};
use geo::{LineString, Simplify};

/// Paints `mesh`, kept in its own space, moved by `transform` (its space → screen points).
pub fn paint_moved(painter: &Painter, mesh: &Arc<Mesh>, transform: TSTransform) {
    if mesh.is_empty() {
        return;
    }
    // egui maps the clip rectangle with the transform too, so give it in the mesh's space.
    let clip_in_mesh_space = transform.inverse().mul_rect(painter.clip_rect());
    painter.ctx().graphics_mut(|layers| {
        let list = layers.entry(painter.layer_id());
        let index = list.add(clip_in_mesh_space, Shape::Mesh(Arc::clone(mesh)));
        list.transform_after_rounding_range(index, ShapeIdx(index.0 + 1), transform);
    });
}

/// What a cached mesh was built for; any change rebuilds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrokeKey {
    /// Points per map kilometre.
    pub scale: f32,
    /// Physical pixels per point (feathering width depends on it).
    pub pixels_per_point: f32,
    /// The palette the mesh was coloured with ([`crate::scene::MapStyle::id`]).
    pub style_id: u8,
    /// What else the mesh depends on (which province, the overlay's content, a version).
    pub content: u64,
}

/// A polyline in map space and how to stroke it.
pub struct StrokedLine<'a> {
    /// Vertices in map kilometres.
    pub points: Cow<'a, [[f64; 2]]>,
    /// Width in points and colour.
    pub stroke: Stroke,
    /// Join the last point back to the first.
    pub closed: bool,
}

/// One cached stroke mesh.
#[derive(Debug, Default)]
pub struct StrokeCache {
    key: Option<StrokeKey>,
    mesh: Arc<Mesh>,
    /// A mesh being stroked in the background, for this key.
    pending: Option<(StrokeKey, mpsc::Receiver<Mesh>)>,
}

impl StrokeKey {
    /// Whether a mesh made for `self` may stand for `other` when scaled: only the zoom differs
    /// (or the content too, when it may lag).
    fn scales_to(&self, other: &Self, content_may_lag: bool) -> bool {
        (self.pixels_per_point, self.style_id) == (other.pixels_per_point, other.style_id)
            && (content_may_lag || self.content == other.content)
            && self.scale > 0.0
            && other.scale > 0.0
    }
}

impl StrokeCache {
    /// Paints the cached mesh moved by `translation`, rebuilt first if `key` changed.
    pub fn paint<'a>(
        &mut self,
        painter: &Painter,
        key: StrokeKey,
        translation: Vec2,
        lines: impl FnOnce() -> Vec<StrokedLine<'a>>,
    ) {
        let mesh = self.mesh(key, lines);
        paint_moved(painter, mesh, TSTransform::from_translation(translation));
    }

    /// The mesh of `lines` stroked in scaled map space, rebuilt first if `key` changed.
    pub fn mesh<'a>(
        &mut self,
        key: StrokeKey,
        lines: impl FnOnce() -> Vec<StrokedLine<'a>>,
    ) -> &Arc<Mesh> {
        self.mesh_of_shapes(key, || stroked_paths(key, lines()))
    }

    /// The mesh of `lines` stroked in scaled map space for `key`, and the scale to draw it at
    /// (1 when it was made for `key`). While the zoom is moving (`zooming`), a mesh made for
    /// another zoom is shown scaled instead of stroking anew; at rest the lines are stroked
    /// in the background ([`super::background`]) and the scaled mesh shown until they are done
    /// (egui is asked for a repaint then). New content is stroked the same way when it may lag
    /// (`content_may_lag`: the kept mesh is shown until the new one is ready), now otherwise;
    /// a new palette or pixel density is stroked now.
    pub fn mesh_soon<'a>(
        &mut self,
        key: StrokeKey,
        zooming: bool,
        content_may_lag: bool,
        ctx: &egui::Context,
        lines: impl FnOnce() -> Vec<StrokedLine<'a>>,
    ) -> (&Arc<Mesh>, f32) {
        if let Some((pending, receiver)) = &self.pending
            && let Ok(mesh) = receiver.try_recv()
        {
            self.key = Some(*pending);
            self.mesh = Arc::new(mesh);
            self.pending = None;
        }
        let scalable = self
            .key
            .filter(|kept| *kept != key && kept.scales_to(&key, content_may_lag));
        let Some(kept) = scalable else {
            if self.key != Some(key) {
                self.pending = None;
            }
            return (self.mesh(key, lines), 1.0);
        };
        let asked = self.pending.as_ref().is_some_and(|(k, _)| *k == key);
        let content_changed = kept.content != key.content;
        if (!zooming || content_changed) && !asked {
            let lines: Vec<StrokedLine<'static>> = lines()
                .into_iter()
                .map(|line| StrokedLine {
                    points: Cow::Owned(line.points.into_owned()),
                    stroke: line.stroke,
                    closed: line.closed,
                })
                .collect();
            let (sender, receiver) = mpsc::channel();
            let ctx = ctx.clone();
            super::background::run(move || {
                let mut tessellator = tessellator(key);
                let mut mesh = Mesh::default();
                for shape in stroked_paths(key, lines) {
                    tessellator.tessellate_shape(shape, &mut mesh);
                }
                if sender.send(mesh).is_ok() {
                    ctx.request_repaint();
                }
            });
            self.pending = Some((key, receiver));
        }
        // Asked again once the zoom is at rest, or the mesh is ready.
        ctx.request_repaint();
        (&self.mesh, key.scale / kept.scale)
    }

    /// Like [`Self::mesh`], for any shapes given in scaled map space.
    pub fn mesh_of_shapes(
        &mut self,
        key: StrokeKey,
        shapes: impl FnOnce() -> Vec<Shape>,
    ) -> &Arc<Mesh> {
        if self.key != Some(key) {
            let mut tessellator = tessellator(key);
            let mut mesh = Mesh::default();
            for shape in shapes() {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
            self.mesh = Arc::new(mesh);
            self.key = Some(key);
            self.pending = None;
        }
        &self.mesh
    }
}

/// How far a dropped vertex may lie from the simplified line, in physical pixels.
const SIMPLIFY_PIXELS: f64 = 0.25;

fn tessellator(key: StrokeKey) -> Tessellator {
    Tessellator::new(
        key.pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        Vec::new(),
    )
}

/// The lines as paths in scaled map space, simplified for the key's zoom and pixel density.
fn stroked_paths(key: StrokeKey, lines: Vec<StrokedLine<'_>>) -> Vec<Shape> {
    let scale = f64::from(key.scale);
    // Vertices closer than a quarter of a pixel to the line through their neighbours change
    // nothing on screen: dropping them (Ramer–Douglas–Peucker) halves the borders' vertices
    // when the whole country is shown.
    let tolerance_km = SIMPLIFY_PIXELS / (scale * f64::from(key.pixels_per_point)).max(1e-9);
    lines
        .into_iter()
        .map(|line| {
            let simplified: LineString<f64> = line
                .points
                .iter()
                .map(|[x, y]| (*x, *y))
                .collect::<LineString<f64>>()
                .simplify(tolerance_km);
            let points: Vec<Pos2> = simplified
                .0
                .iter()
                .map(|c| Pos2::new((c.x * scale) as f32, (c.y * scale) as f32))
                .collect();
            Shape::Path(if line.closed {
                PathShape::closed_line(points, line.stroke)
            } else {
                PathShape::line(points, line.stroke)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(style_id: u8, content: u64) -> StrokeKey {
        StrokeKey {
            scale: 1.0,
            pixels_per_point: 1.0,
            style_id,
            content,
        }
    }

    /// Builds through `cache` for `key`; whether the shapes were made (the mesh was rebuilt).
    fn rebuilt(cache: &mut StrokeCache, key: StrokeKey) -> bool {
        let mut made = false;
        cache.mesh_of_shapes(key, || {
            made = true;
            Vec::new()
        });
        made
    }

    #[test]
    fn a_new_palette_with_a_new_content_version_rebuilds_the_mesh() {
        // Packed as `version << 1 | style`, the projector palette (2) at version 4 and the light
        // palette (0) at version 5 were one key: the projector's mesh was shown in light colours.
        let mut cache = StrokeCache::default();
        assert!(rebuilt(&mut cache, key(2, 4)));
        assert!(rebuilt(&mut cache, key(0, 5)));
        assert!(
            !rebuilt(&mut cache, key(0, 5)),
            "the same key keeps the mesh"
        );
        assert!(
            rebuilt(&mut cache, key(1, 5)),
            "a new palette alone rebuilds"
        );
        assert!(rebuilt(&mut cache, key(1, 6)), "new content alone rebuilds");
    }

    fn line() -> Vec<StrokedLine<'static>> {
        vec![StrokedLine {
            points: Cow::Owned(vec![[0.0, 0.0], [10.0, 0.0], [10.0, 5.0]]),
            stroke: Stroke::new(2.0, egui::Color32::WHITE),
            closed: false,
        }]
    }

    fn at(scale: f32) -> StrokeKey {
        StrokeKey { scale, ..key(0, 1) }
    }

    #[test]
    fn a_new_zoom_shows_the_kept_mesh_scaled_until_it_is_stroked_in_the_background() {
        crate::map::use_a_background_thread();
        let ctx = egui::Context::default();
        let mut cache = StrokeCache::default();
        let (first, scale) = cache.mesh_soon(at(2.0), false, false, &ctx, line);
        let first = Arc::clone(first);
        assert_eq!(scale, 1.0, "nothing kept: stroked now");
        assert!(!first.is_empty());

        // While the zoom moves, the kept mesh, scaled; nothing is stroked.
        let (moving, scale) = cache.mesh_soon(
            at(3.0),
            true,
            false,
            &ctx,
            || -> Vec<StrokedLine<'static>> { unreachable!("stroked while zooming") },
        );
        assert!(Arc::ptr_eq(moving, &first));
        assert_eq!(scale, 1.5);

        // At rest: stroked in the background, the scaled mesh shown meanwhile, then the new one.
        let mut frames = 0;
        loop {
            let (mesh, scale) = cache.mesh_soon(at(3.0), false, false, &ctx, line);
            if scale == 1.0 {
                assert!(!Arc::ptr_eq(mesh, &first), "stroked anew");
                let xs = mesh.vertices.iter().map(|v| v.pos.x);
                assert!(xs.fold(0.0, f32::max) >= 30.0, "at the new zoom");
                break;
            }
            assert!(Arc::ptr_eq(mesh, &first) && scale == 1.5);
            frames += 1;
            assert!(frames < 5000, "never stroked");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }

        // New content that may lag: the kept mesh until the new one is stroked.
        let lagging = StrokeKey {
            content: 9,
            ..at(3.0)
        };
        let (_, scale) = cache.mesh_soon(lagging, false, true, &ctx, line);
        assert_eq!(scale, 1.0, "the kept mesh, at its own zoom");
        assert!(cache.pending.as_ref().is_some_and(|(k, _)| *k == lagging));
        // New content that may not lag is stroked now.
        let (_, scale) = cache.mesh_soon(
            StrokeKey {
                content: 10,
                ..at(3.0)
            },
            false,
            false,
            &ctx,
            line,
        );
        assert_eq!(scale, 1.0);
        assert_eq!(cache.key.map(|k| k.content), Some(10));

        // A new palette is not a zoom: stroked now.
        let (_, scale) = cache.mesh_soon(
            StrokeKey {
                style_id: 1,
                ..at(3.0)
            },
            true,
            true,
            &ctx,
            line,
        );
        assert_eq!(scale, 1.0);
    }
}
