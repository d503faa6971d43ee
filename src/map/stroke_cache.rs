//! Border strokes tessellated once per zoom level, then only translated while panning.
//!
//! Stroking the ~11k border vertices costs about 4 ms a frame; a pan changes only the
//! translation, so the tessellated mesh is kept in "scaled map space" (map kilometres × points per
//! kilometre, origin at the map origin) and moved into place each frame. A new zoom level, pixel
//! density or style re-tessellates.

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
    /// Anything else the mesh depends on (style, which province).
    pub variant: u64,
}

/// One cached stroke mesh.
#[derive(Clone, Debug, Default)]
pub struct StrokeCache {
    key: Option<StrokeKey>,
    mesh: Mesh,
}

impl StrokeCache {
    /// The cached mesh moved by `translation`, rebuilt first if `key` changed.
    /// `lines` yields each polyline in map space with its stroke.
    pub fn shape<'a>(
        &mut self,
        key: StrokeKey,
        translation: Vec2,
        lines: impl FnOnce() -> Vec<(&'a [[f64; 2]], Stroke, bool)>,
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

fn tessellate(key: StrokeKey, lines: Vec<(&[[f64; 2]], Stroke, bool)>) -> Mesh {
    let mut tessellator = Tessellator::new(
        key.pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        Vec::new(),
    );
    let mut mesh = Mesh::default();
    let scale = f64::from(key.scale);
    for (points, stroke, closed) in lines {
        let points: Vec<Pos2> = points
            .iter()
            .map(|[x, y]| Pos2::new((x * scale) as f32, (y * scale) as f32))
            .collect();
        let path = if closed {
            PathShape::closed_line(points, stroke)
        } else {
            PathShape::line(points, stroke)
        };
        tessellator.tessellate_path(&path, &mut mesh);
    }
    mesh
}
