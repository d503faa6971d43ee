//! Geometry the map needs, computed once when data loads: projection, fill meshes, borders,
//! neighbours, hit-testing and label anchors — all in map space (kilometres, see
//! [`projection`]). Nothing here knows about the screen; the map widget applies the
//! screen transform.

pub mod hatch;
pub mod hit;
pub mod known_anchors;
pub mod labels;
pub mod mesh;
pub mod point_grid;
pub mod projection;
pub mod topology;

use egui::{Mesh, Pos2, Rect};
use geo::{BoundingRect as _, MapCoords as _, MultiPolygon};

use crate::data::{Atlas, ProvinceIdx};

pub use hit::HitIndex;
pub use labels::LabelAnchor;
pub use projection::Projection;
pub use topology::{BorderKind, BorderLine, Topology};

/// Everything geometric about the loaded provinces, in map space.
#[derive(Clone, Debug)]
pub struct MapGeometry {
    /// Lon/lat ↔ map kilometres.
    pub projection: Projection,
    /// Bounding box of all provinces in map space.
    pub bounds_in_map: Rect,
    /// `fills[i]`: province `i` triangulated, white, positions in map space.
    pub fills: Vec<Mesh>,
    /// Borders (each shared border once) and neighbours.
    pub topology: Topology,
    /// Point → province.
    pub hit: HitIndex,
    /// `labels[i]`: the label anchor of province `i`, if it has area.
    pub labels: Vec<Option<LabelAnchor>>,
    /// `outlines[i]`: the rings of province `i` in map space, open (last point not repeated).
    pub outlines: Vec<Vec<Vec<[f64; 2]>>>,
}

impl MapGeometry {
    /// Projects, triangulates and indexes the atlas's provinces.
    pub fn build(atlas: &Atlas) -> Self {
        let lonlat_bounds = atlas
            .provinces
            .iter()
            .filter_map(|p| p.boundary.bounding_rect())
            .reduce(|a, b| {
                geo::Rect::new(
                    geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                    geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                )
            });
        let projection = lonlat_bounds.map_or(Projection::centred_on(67.7, 33.9), |r| {
            Projection::for_bounds([r.min().x, r.min().y, r.max().x, r.max().y])
        });
        let in_map: Vec<MultiPolygon<f64>> = atlas
            .provinces
            .iter()
            .map(|p| {
                p.boundary.map_coords(|c| {
                    let [x, y] = projection.project(c.x, c.y);
                    geo::coord! { x: x, y: y }
                })
            })
            .collect();
        let outlines = in_map
            .iter()
            .map(|polygons| {
                polygons
                    .iter()
                    .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                    .map(|ring| {
                        let mut points: Vec<[f64; 2]> = ring.coords().map(|c| [c.x, c.y]).collect();
                        points.pop();
                        points
                    })
                    .collect()
            })
            .collect();
        // Triangulation and label placement are independent and the costliest steps: one runs
        // on a second core while this one matches borders.
        let (fills, labels, topology) = std::thread::scope(|scope| {
            let fills = scope.spawn(|| in_map.iter().map(mesh::triangulate).collect());
            // The built-in provinces' anchors were computed ahead (polylabel is the slowest
            // step here); any other province's are computed now.
            let labels = scope.spawn(|| {
                atlas
                    .provinces
                    .iter()
                    .zip(&in_map)
                    .map(|(province, polygons)| {
                        known_anchors::known_anchor(&projection, &province.boundary)
                            .unwrap_or_else(|| labels::label_anchor(polygons))
                    })
                    .collect()
            });
            let boundaries: Vec<&MultiPolygon<f64>> =
                atlas.provinces.iter().map(|p| &p.boundary).collect();
            let topology = Topology::build(&boundaries, |lon, lat| projection.project(lon, lat));
            (joined(fills), joined(labels), topology)
        });
        let hit = HitIndex::new(in_map);
        let bounds_in_map = atlas
            .province_indices()
            .map(|p| hit.bounds(p))
            .fold(Rect::NOTHING, |a, b| a.union(b));
        // Neighbouring countries' names sit just beyond the border; keep them in view too.
        let bounds_in_map = atlas
            .country_labels
            .iter()
            .fold(bounds_in_map, |bounds, label| {
                let [x, y] = projection.project(label.lon, label.lat);
                let around =
                    Rect::from_center_size(Pos2::new(x as f32, y as f32), egui::vec2(140.0, 40.0));
                if bounds.is_positive() {
                    bounds.union(around)
                } else {
                    bounds
                }
            });
        let bounds_in_map = if bounds_in_map.is_positive() {
            bounds_in_map
        } else {
            Rect::from_center_size(Pos2::ZERO, egui::vec2(1000.0, 1000.0))
        };
        Self {
            projection,
            bounds_in_map,
            fills,
            topology,
            hit,
            labels,
            outlines,
        }
    }

    /// Map-space position of a lon/lat point.
    pub fn project(&self, lon: f64, lat: f64) -> Pos2 {
        let [x, y] = self.projection.project(lon, lat);
        Pos2::new(x as f32, y as f32)
    }

    /// The province at a lon/lat point, if any.
    pub fn province_at_lonlat(&self, lon: f64, lat: f64) -> Option<ProvinceIdx> {
        self.hit.province_at(self.project(lon, lat))
    }

    /// The provinces sharing a border with `province`.
    pub fn neighbours(&self, province: ProvinceIdx) -> &[ProvinceIdx] {
        self.topology
            .neighbours
            .get(province.0)
            .map_or(&[], Vec::as_slice)
    }
}

/// A scoped thread's result; its panic, if it had one, carries on in this thread.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
