//! Point → province for many points at once (event files of a million rows), in longitude /
//! latitude degrees over the loaded boundaries.
//!
//! A grid covers the boundaries' bounding box. A cell that no border crosses lies wholly in one
//! province (or in none) and answers at once; in a cell a border crosses, the answer is an exact
//! even–odd ray test against the edges of that cell's row only. The result is the same as a
//! point-in-polygon test against every province, at a few nanoseconds a point.

use geo::MultiPolygon;

use super::ProvinceIdx;

/// A cell no province touches.
const OUTSIDE: u16 = u16::MAX;
/// A cell a border crosses: test exactly.
const MIXED: u16 = u16::MAX - 1;
/// Cells along the longer side of the bounding box.
const CELLS_ACROSS: usize = 512;

/// One edge of a province's ring.
#[derive(Clone, Copy, Debug)]
struct Edge {
    province: u16,
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
}

impl Edge {
    /// Whether a ray from (x, y) towards +x crosses the edge (half-open in y, so a ray through
    /// a vertex counts once).
    fn crossed_by_ray(&self, x: f64, y: f64) -> bool {
        (self.y1 > y) != (self.y2 > y)
            && x < self.x1 + (y - self.y1) * (self.x2 - self.x1) / (self.y2 - self.y1)
    }
}

/// How close to an edge a point is on it: 1e-9° is about 0.1 mm, far below any coordinate's
/// precision, and far above the rounding of a midpoint computed in `f64`.
pub const ON_BORDER_DEGREES: f64 = 1e-9;

impl Edge {
    /// Whether (x, y) lies on the edge, within [`ON_BORDER_DEGREES`].
    fn passes_through(&self, x: f64, y: f64) -> bool {
        let t = ON_BORDER_DEGREES;
        if x < self.x1.min(self.x2) - t
            || x > self.x1.max(self.x2) + t
            || y < self.y1.min(self.y2) - t
            || y > self.y1.max(self.y2) + t
        {
            return false;
        }
        let (dx, dy) = (self.x2 - self.x1, self.y2 - self.y1);
        let length = dx.hypot(dy);
        if length == 0.0 {
            return (x - self.x1).hypot(y - self.y1) <= t;
        }
        // Distance from the line, the point being within the edge's box.
        ((x - self.x1) * dy - (y - self.y1) * dx).abs() / length <= t
    }
}

/// Point → province over a set of boundaries (lon/lat degrees).
#[derive(Clone, Debug, Default)]
pub struct ProvinceIndex {
    min_x: f64,
    min_y: f64,
    cell_w: f64,
    cell_h: f64,
    cols: usize,
    rows: usize,
    /// `cells[row * cols + col]`: a province index, [`OUTSIDE`] or [`MIXED`].
    cells: Vec<u16>,
    /// `bands[row]`: the edges whose y-extent overlaps the row, sorted by province.
    bands: Vec<Vec<Edge>>,
}

impl ProvinceIndex {
    /// Indexes the boundaries; the `i`th is province `i`. Provinces past the 65,533rd are left
    /// out (no boundary file has so many).
    pub fn new<'a>(boundaries: impl IntoIterator<Item = &'a MultiPolygon<f64>>) -> Self {
        let mut edges = Vec::new();
        for (province, boundary) in boundaries.into_iter().enumerate().take(usize::from(MIXED)) {
            for polygon in boundary {
                for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                    for line in ring.lines() {
                        let edge = Edge {
                            province: province as u16,
                            x1: line.start.x,
                            y1: line.start.y,
                            x2: line.end.x,
                            y2: line.end.y,
                        };
                        if [edge.x1, edge.y1, edge.x2, edge.y2]
                            .iter()
                            .all(|v| v.is_finite())
                        {
                            edges.push(edge);
                        }
                    }
                }
            }
        }
        Self::from_edges(edges)
    }

    fn from_edges(edges: Vec<Edge>) -> Self {
        let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
        let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for e in &edges {
            min_x = min_x.min(e.x1.min(e.x2));
            max_x = max_x.max(e.x1.max(e.x2));
            min_y = min_y.min(e.y1.min(e.y2));
            max_y = max_y.max(e.y1.max(e.y2));
        }
        if edges.is_empty() || max_x <= min_x || max_y <= min_y {
            return Self::default();
        }
        let cell = (max_x - min_x).max(max_y - min_y) / CELLS_ACROSS as f64;
        let cols = ((max_x - min_x) / cell).ceil() as usize + 1;
        let rows = ((max_y - min_y) / cell).ceil() as usize + 1;
        let mut index = Self {
            min_x,
            min_y,
            cell_w: cell,
            cell_h: cell,
            cols,
            rows,
            cells: vec![OUTSIDE; cols * rows],
            bands: vec![Vec::new(); rows],
        };
        let mut mixed = vec![false; cols * rows];
        for edge in edges {
            let (row0, row1) = (
                index.row_of(edge.y1.min(edge.y2)),
                index.row_of(edge.y1.max(edge.y2)),
            );
            let (col0, col1) = (
                index.col_of(edge.x1.min(edge.x2)),
                index.col_of(edge.x1.max(edge.x2)),
            );
            for row in row0..=row1 {
                index.bands[row].push(edge);
                mixed[row * cols + col0..=row * cols + col1].fill(true);
            }
        }
        for band in &mut index.bands {
            band.sort_by_key(|e| e.province);
        }
        for row in 0..rows {
            let y = min_y + (row as f64 + 0.5) * cell;
            for col in 0..cols {
                let at = row * cols + col;
                index.cells[at] = if mixed[at] {
                    MIXED
                } else {
                    let x = min_x + (col as f64 + 0.5) * cell;
                    index.exact(row, x, y).map_or(OUTSIDE, |p| p.0 as u16)
                };
            }
        }
        index
    }

    fn row_of(&self, y: f64) -> usize {
        (((y - self.min_y) / self.cell_h) as usize).min(self.rows - 1)
    }

    fn col_of(&self, x: f64) -> usize {
        (((x - self.min_x) / self.cell_w) as usize).min(self.cols - 1)
    }

    /// The province containing (lon, lat), if any. A point on a border (within
    /// [`ON_BORDER_DEGREES`]) goes to the province of lowest index whose border it is on — one
    /// fixed rule, so a point on a shared border is counted in exactly one province.
    pub fn province_at(&self, lon: f64, lat: f64) -> Option<ProvinceIdx> {
        let (dx, dy) = (lon - self.min_x, lat - self.min_y);
        // Also false for NaN.
        if !(dx >= 0.0 && dy >= 0.0) {
            return None;
        }
        let (col, row) = ((dx / self.cell_w) as usize, (dy / self.cell_h) as usize);
        if col >= self.cols || row >= self.rows {
            return None;
        }
        match self.cells[row * self.cols + col] {
            OUTSIDE => None,
            MIXED => self.exact(row, lon, lat),
            province => Some(ProvinceIdx(usize::from(province))),
        }
    }

    /// On a border: the lowest province whose edge passes through the point. Otherwise an
    /// even–odd test against the edges of one row, province by province.
    fn exact(&self, row: usize, x: f64, y: f64) -> Option<ProvinceIdx> {
        let band = &self.bands[row];
        // Sorted by province: the first edge the point is on is the lowest province's.
        if let Some(edge) = band.iter().find(|e| e.passes_through(x, y)) {
            return Some(ProvinceIdx(usize::from(edge.province)));
        }
        let mut start = 0;
        while start < band.len() {
            let province = band[start].province;
            let end = start
                + band[start..]
                    .iter()
                    .position(|e| e.province != province)
                    .unwrap_or(band.len() - start);
            let crossings = band[start..end]
                .iter()
                .filter(|e| e.crossed_by_ray(x, y))
                .count();
            if crossings % 2 == 1 {
                return Some(ProvinceIdx(usize::from(province)));
            }
            start = end;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use geo::{Contains as _, Point, polygon};

    use super::*;

    #[test]
    fn agrees_with_contains_on_a_concave_province_with_a_hole_and_a_neighbour() {
        let outer = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 5.0, y: 3.0), (x: 0.0, y: 10.0)],
            interiors: [[(x: 4.0, y: 1.0), (x: 6.0, y: 1.0), (x: 6.0, y: 2.0), (x: 4.0, y: 2.0)]],
        );
        let neighbour =
            polygon![(x: 10.0, y: 0.0), (x: 14.0, y: 0.0), (x: 14.0, y: 10.0), (x: 10.0, y: 10.0)];
        let boundaries = [MultiPolygon(vec![outer]), MultiPolygon(vec![neighbour])];
        let index = ProvinceIndex::new(&boundaries);
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..20_000 {
            let (x, y) = (next() * 16.0 - 1.0, next() * 12.0 - 1.0);
            let expected = boundaries
                .iter()
                .position(|b| b.contains(&Point::new(x, y)))
                .map(ProvinceIdx);
            assert_eq!(index.province_at(x, y), expected, "({x}, {y})");
        }
        assert_eq!(index.province_at(f64::NAN, 1.0), None);
        assert_eq!(index.province_at(1.0, f64::INFINITY), None);
    }

    #[test]
    fn every_shared_vertex_and_edge_midpoint_goes_to_exactly_the_lowest_province_sharing_it() {
        use std::collections::{BTreeMap, BTreeSet};
        let atlas = crate::data::load_embedded();
        let boundaries: Vec<&MultiPolygon<f64>> =
            atlas.provinces.iter().map(|p| &p.boundary).collect();
        let index = ProvinceIndex::new(boundaries.iter().copied());
        type Vertex = (u64, u64);
        let key = |x: f64, y: f64| (x.to_bits(), y.to_bits());
        let mut vertices: BTreeMap<Vertex, BTreeSet<usize>> = BTreeMap::new();
        let mut edges: BTreeMap<(Vertex, Vertex), BTreeSet<usize>> = BTreeMap::new();
        for (province, boundary) in boundaries.iter().enumerate() {
            for polygon in boundary.iter() {
                for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                    for line in ring.lines() {
                        let (a, b) = (key(line.start.x, line.start.y), key(line.end.x, line.end.y));
                        vertices.entry(a).or_default().insert(province);
                        edges
                            .entry((a.min(b), a.max(b)))
                            .or_default()
                            .insert(province);
                    }
                }
            }
        }
        let point = |k: Vertex| (f64::from_bits(k.0), f64::from_bits(k.1));
        let mut checked = (0, 0);
        for (vertex, provinces) in vertices.iter().filter(|(_, p)| p.len() > 1) {
            let (x, y) = point(*vertex);
            let lowest = provinces.first().copied().map(ProvinceIdx);
            assert_eq!(index.province_at(x, y), lowest, "vertex ({y}, {x})");
            checked.0 += 1;
        }
        for ((a, b), provinces) in edges.iter().filter(|(_, p)| p.len() > 1) {
            let ((x1, y1), (x2, y2)) = (point(*a), point(*b));
            let (x, y) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
            let lowest = provinces.first().copied().map(ProvinceIdx);
            assert_eq!(index.province_at(x, y), lowest, "midpoint ({y}, {x})");
            checked.1 += 1;
        }
        assert!(checked.0 > 1000 && checked.1 > 1000, "{checked:?}");
    }

    #[test]
    fn no_boundaries_place_nothing() {
        let index = ProvinceIndex::new(&[]);
        assert_eq!(index.province_at(1.0, 1.0), None);
    }
}
