//! Meshes kept between frames and moved into place, and strokes tessellated once per zoom level.
//!
//! Stroking the ~11k border vertices costs about 4 ms a frame; a pan changes only the
//! translation, so the tessellated mesh is kept in "scaled map space" (map kilometres × points per
//! kilometre, origin at the map origin) and moved into place each frame. A new zoom level, pixel
//! density, palette or content (see [`StrokeKey`]) re-tessellates.
//!
//! A kept mesh is handed to egui as it is (shared, not cloned) with the transform to apply after
//! tessellation ([`paint_moved`]): egui copies it into the frame's output once and moves the copy,
//! so a frame never clones a kept mesh nor walks it twice.

use std::{borrow::Cow, sync::Arc};

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
#[derive(Clone, Debug, Default)]
pub struct StrokeCache {
    key: Option<StrokeKey>,
    mesh: Arc<Mesh>,
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
}
