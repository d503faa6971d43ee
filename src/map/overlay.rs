//! The group overlay's patterns in map space, rebuilt only when the overlay or the zoom bucket
//! changes: stripes for provinces where several shown groups operate (meshes, transformed like the
//! fills) and hatch lines for claim-only evidence (stroked through a [`StrokeCache`]).
//!
//! Pattern spacing is chosen per power-of-two zoom bucket so that it stays between about 5 and 10
//! points on screen without recomputing the clipping at every zoom step.

use std::sync::Arc;

use egui::{Color32, Mesh};

use super::style::{HATCH_SPACING_POINTS, evidence_fill, mix, shown_colour};
use crate::{
    data::Evidence,
    geometry::{
        MapGeometry,
        hatch::{Slant, hatch_lines, stripe},
        mesh::triangulate,
    },
    scene::{MapScene, Rgb},
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
    /// Stripe meshes (map space, coloured), shared with the frames that draw them.
    pub stripes: Vec<Arc<Mesh>>,
    /// Hatch lines (map space).
    pub hatches: Vec<HatchLine>,
}

/// Map-space spacing for a zoom of `points_per_km`, and its bucket.
pub fn spacing_for(points_per_km: f32) -> (i32, f64) {
    let bucket = (f64::from(HATCH_SPACING_POINTS / points_per_km))
        .log2()
        .round() as i32;
    (bucket, 2f64.powi(bucket))
}

/// The sRGB colour of a scene colour.
pub fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

impl OverlayPatterns {
    /// Makes sure the patterns match `scene` at this zoom; returns whether they were rebuilt.
    pub fn update(
        &mut self,
        geometry: &MapGeometry,
        scene: &MapScene,
        points_per_km: f32,
        land: Color32,
        style_id: u8,
    ) -> bool {
        let (bucket, spacing) = spacing_for(points_per_km);
        let key = (bucket, scene.overlay_hash(), style_id);
        if self.key == Some(key) {
            return false;
        }
        self.key = Some(key);
        self.stripes.clear();
        self.hatches.clear();
        for (index, marks) in scene.marks.iter().enumerate() {
            let polygons = geometry.hit.polygon(index);
            match marks.as_slice() {
                [] => {}
                [mark] => {
                    if mark.evidence == Evidence::ClaimedAttacks {
                        let slant = if mark.extremist {
                            Slant::Falling
                        } else {
                            Slant::Rising
                        };
                        self.hatches
                            .extend(hatch_lines(polygons, spacing, slant).into_iter().map(
                                |(_, points)| HatchLine {
                                    points,
                                    colour: shown_colour(land, colour(mark.colour)),
                                },
                            ));
                    }
                }
                several => {
                    // Stripes twice as wide as hatching, one band per group in turn.
                    for (which, mark) in several.iter().enumerate() {
                        let band =
                            stripe(polygons, spacing * 2.0, Slant::Rising, several.len(), which);
                        let mut mesh = triangulate(&band);
                        let fill = match mark.evidence {
                            // A claim-only band is paler than the others, but must still show.
                            Evidence::ClaimedAttacks => {
                                mix(land, shown_colour(land, colour(mark.colour)), 0.3)
                            }
                            evidence => evidence_fill(land, colour(mark.colour), evidence),
                        };
                        for vertex in &mut mesh.vertices {
                            vertex.color = fill;
                        }
                        self.stripes.push(Arc::new(mesh));
                    }
                }
            }
        }
        true
    }
}
