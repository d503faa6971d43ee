//! Shared borders and neighbours, from the provinces' own vertices.
//!
//! Neighbouring provinces share their border vertices exactly (Natural Earth keeps a clean
//! topology), so an edge that appears in two provinces is an internal border and an edge that
//! appears in one is the national border. Each ring is cut into runs of edges with the same
//! province on the other side; an internal run is kept only by the province with the lower index,
//! so every shared border is drawn once. Vertices are compared at micro-degree precision.
//! Files whose neighbours do not share vertices still draw correctly, with every edge then counted
//! as "national" and no neighbours found.

use std::collections::{BTreeSet, HashMap};

use geo::{LineString, MultiPolygon};

use crate::data::ProvinceIdx;

/// Which kind of line a border is; drawn with different weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BorderKind {
    /// Between two provinces.
    Internal,
    /// The country's outer border (edges only one province has).
    National,
}

/// A polyline along a border, in the same coordinates as the input rings.
#[derive(Clone, Debug, PartialEq)]
pub struct BorderLine {
    /// Internal or national.
    pub kind: BorderKind,
    /// The vertices, in order.
    pub points: Vec<[f64; 2]>,
}

/// Borders (each once) and each province's neighbours.
#[derive(Clone, Debug, Default)]
pub struct Topology {
    /// Every border line, each shared border once.
    pub borders: Vec<BorderLine>,
    /// `neighbours[i]`: the provinces sharing a border with province `i`, in index order.
    pub neighbours: Vec<Vec<ProvinceIdx>>,
}

type VertexKey = (i64, i64);

fn key(coord: geo::Coord<f64>) -> VertexKey {
    (
        (coord.x * 1e6).round() as i64,
        (coord.y * 1e6).round() as i64,
    )
}

fn edge_key(a: VertexKey, b: VertexKey) -> (VertexKey, VertexKey) {
    if a <= b { (a, b) } else { (b, a) }
}

fn rings(polygons: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
}

impl Topology {
    /// Borders and neighbours of `provinces` (lon/lat), with points mapped through `to_map`.
    pub fn build(provinces: &[&MultiPolygon<f64>], to_map: impl Fn(f64, f64) -> [f64; 2]) -> Self {
        let mut owners: HashMap<(VertexKey, VertexKey), Vec<usize>> = HashMap::new();
        for (index, polygons) in provinces.iter().enumerate() {
            for ring in rings(polygons) {
                for line in ring.lines() {
                    let list = owners
                        .entry(edge_key(key(line.start), key(line.end)))
                        .or_default();
                    if !list.contains(&index) {
                        list.push(index);
                    }
                }
            }
        }

        let mut borders = Vec::new();
        let mut neighbours = vec![BTreeSet::new(); provinces.len()];
        for (index, polygons) in provinces.iter().enumerate() {
            for ring in rings(polygons) {
                let coords = &ring.0;
                let edge_count = coords.len().saturating_sub(1);
                if edge_count == 0 {
                    continue;
                }
                // The province across each edge, or None on the national border.
                let across: Vec<Option<usize>> = (0..edge_count)
                    .map(|e| {
                        owners[&edge_key(key(coords[e]), key(coords[e + 1]))]
                            .iter()
                            .copied()
                            .find(|&other| other != index)
                    })
                    .collect();
                for other in across.iter().flatten() {
                    neighbours[index].insert(ProvinceIdx(*other));
                }
                // Start at a change of neighbour so no run wraps around the ring's seam.
                let start = (0..edge_count)
                    .find(|&e| across[e] != across[(e + edge_count - 1) % edge_count])
                    .unwrap_or(0);
                let mut run_start = start;
                for step in 1..=edge_count {
                    let e = (start + step) % edge_count;
                    if step == edge_count || across[e] != across[run_start] {
                        let owner_side = across[run_start];
                        if owner_side.is_none_or(|other| index < other) {
                            let points = (0..=((e + edge_count - run_start - 1) % edge_count + 1))
                                .map(|k| {
                                    let c = coords[(run_start + k) % edge_count];
                                    to_map(c.x, c.y)
                                })
                                .collect();
                            let kind = if owner_side.is_some() {
                                BorderKind::Internal
                            } else {
                                BorderKind::National
                            };
                            borders.push(BorderLine { kind, points });
                        }
                        run_start = e;
                    }
                }
            }
        }
        Self {
            borders,
            neighbours: neighbours
                .into_iter()
                .map(|set| set.into_iter().collect())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    /// Two unit squares side by side: A = [0,1]×[0,1], B = [1,2]×[0,1].
    fn two_squares() -> Vec<MultiPolygon<f64>> {
        vec![
            MultiPolygon::new(vec![
                polygon![(x: 0., y: 0.), (x: 1., y: 0.), (x: 1., y: 1.), (x: 0., y: 1.)],
            ]),
            MultiPolygon::new(vec![
                polygon![(x: 1., y: 0.), (x: 2., y: 0.), (x: 2., y: 1.), (x: 1., y: 1.)],
            ]),
        ]
    }

    #[test]
    fn a_shared_border_is_drawn_once_and_makes_neighbours() {
        let provinces = two_squares();
        let refs: Vec<&MultiPolygon<f64>> = provinces.iter().collect();
        let topology = Topology::build(&refs, |x, y| [x, y]);
        let internal: Vec<&BorderLine> = topology
            .borders
            .iter()
            .filter(|b| b.kind == BorderKind::Internal)
            .collect();
        assert_eq!(internal.len(), 1);
        assert_eq!(internal[0].points.len(), 2);
        let national_edges: usize = topology
            .borders
            .iter()
            .filter(|b| b.kind == BorderKind::National)
            .map(|b| b.points.len() - 1)
            .sum();
        assert_eq!(national_edges, 6);
        assert_eq!(
            topology.neighbours,
            vec![vec![ProvinceIdx(1)], vec![ProvinceIdx(0)]]
        );
    }
}
