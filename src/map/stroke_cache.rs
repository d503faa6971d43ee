//! Strokes tessellated once per zoom level, then only translated while panning.
//!
//! Stroking the ~11k border vertices costs about 4 ms a frame; a pan changes only the
//! translation, so the tessellated mesh is kept in "scaled map space" (map kilometres × points per
//! kilometre, origin at the map origin) and moved into place each frame. A new zoom level, pixel
//! density or content (the `variant` of the key) re-tessellates.

use std::borrow::Cow;

use egui::{
    Mesh, Pos2, Shape, Stroke, Vec2,
    epaint::{PathShape, TessellationOptions, Tessellator},
};

/// What a cached mesh was built for; any change rebuilds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrokeKey {
    /// Points per map kilometre.
    pub scale: f32,
    /// Physical pixels per point (feathering width depends on it).
    pub pixels_per_point: f32,
    /// Anything else the mesh depends on (style, which province, overlay content).
    pub variant: u64,
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
    mesh: Mesh,
}

impl StrokeCache {
    /// The cached mesh moved by `translation`, rebuilt first if `key` changed.
    pub fn shape<'a>(
        &mut self,
        key: StrokeKey,
        translation: Vec2,
        lines: impl FnOnce() -> Vec<StrokedLine<'a>>,
    ) -> Shape {
        if self.key != Some(key) {
            self.mesh = tessellate(key, lines());
            self.key = Some(key);
        }
        let mut mesh = self.mesh.clone();
        mesh.translate(translation);
        Shape::mesh(mesh)
    }
}

fn tessellate(key: StrokeKey, lines: Vec<StrokedLine<'_>>) -> Mesh {
    let mut tessellator = Tessellator::new(
        key.pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        Vec::new(),
    );
    let mut mesh = Mesh::default();
    let scale = f64::from(key.scale);
    for line in lines {
        let points: Vec<Pos2> = line
            .points
            .iter()
            .map(|[x, y]| Pos2::new((x * scale) as f32, (y * scale) as f32))
            .collect();
        let path = if line.closed {
            PathShape::closed_line(points, line.stroke)
        } else {
            PathShape::line(points, line.stroke)
        };
        tessellator.tessellate_path(&path, &mut mesh);
    }
    mesh
}
