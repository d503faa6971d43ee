//! Province fills: polygons triangulated once into map-space meshes.
//!
//! egui's convex-polygon fill draws concave provinces wrongly, so each polygon (holes included)
//! is cut into triangles by earcut (geo's `TriangulateEarcut`). Mesh fills are not anti-aliased;
//! the borders drawn over them hide the edge.

use egui::{Color32, Mesh, Pos2, epaint::Vertex};
use geo::{MultiPolygon, TriangulateEarcut as _};

/// A white, untextured mesh of `polygons`, with positions in the polygons' own coordinates.
pub fn triangulate(polygons: &MultiPolygon<f64>) -> Mesh {
    let mut mesh = Mesh::default();
    for polygon in polygons {
        let triangulation = polygon.earcut_triangles_raw();
        let base = mesh.vertices.len() as u32;
        mesh.vertices
            .extend(triangulation.vertices.iter().map(|[x, y]| Vertex {
                pos: Pos2::new(*x as f32, *y as f32),
                uv: egui::epaint::WHITE_UV,
                color: Color32::WHITE,
            }));
        mesh.indices.extend(
            triangulation
                .triangle_indices
                .iter()
                .map(|&i| base + i as u32),
        );
    }
    mesh
}

/// Total area of a mesh's triangles, in its coordinates' units squared.
pub fn mesh_area(mesh: &Mesh) -> f64 {
    mesh.indices
        .chunks_exact(3)
        .map(|t| {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize].pos);
            let (ab, ac) = (b - a, c - a);
            (f64::from(ab.x) * f64::from(ac.y) - f64::from(ab.y) * f64::from(ac.x)).abs() / 2.0
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area as _, polygon};

    #[test]
    fn a_concave_polygon_with_a_hole_keeps_its_area() {
        let l_shape_with_hole = polygon!(
            exterior: [(x: 0., y: 0.), (x: 4., y: 0.), (x: 4., y: 1.), (x: 1., y: 1.), (x: 1., y: 4.), (x: 0., y: 4.)],
            interiors: [[(x: 0.25, y: 0.25), (x: 0.75, y: 0.25), (x: 0.75, y: 0.75), (x: 0.25, y: 0.75)]],
        );
        let polygons = MultiPolygon::new(vec![l_shape_with_hole]);
        let mesh = triangulate(&polygons);
        assert!((mesh_area(&mesh) - polygons.unsigned_area()).abs() < 1e-5);
        assert!((polygons.unsigned_area() - 6.75).abs() < 1e-9);
    }
}
