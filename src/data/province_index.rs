//! Point → province for many points at once (event files of a million rows), in longitude /
//! latitude degrees over the loaded boundaries.
//!
//! A grid covers the boundaries' bounding box. A cell that no border crosses lies wholly in one
//! province (or in none) and answers at once; in a cell a border crosses, the answer is an exact
//! even–odd ray test (a ray towards +x) against the edges of a thin horizontal band around the
//! point — [`BANDS_PER_ROW`] bands a grid row — and of those only the edges that reach as far
//! right as the point: each band's edges are sorted by how far right they reach, so the test
//! looks at no edge that ends left of the point (such an edge can neither be crossed by the ray
//! nor pass through the point). The result is the same as a point-in-polygon test against every
//! province, at a few nanoseconds a point.

use geo::MultiPolygon;

use super::ProvinceIdx;

/// A cell no province touches.
const OUTSIDE: u16 = u16::MAX;
/// A cell a border crosses: test exactly.
const MIXED: u16 = u16::MAX - 1;
/// Cells along the longer side of the bounding box.
const CELLS_ACROSS: usize = 512;
/// Bands of edges a grid row is cut into for the exact test: thinner bands hold fewer edges.
const BANDS_PER_ROW: usize = 4;
/// Crossings counted on the stack for one point; a point whose ray crosses more is tested
/// with the crossings on the heap.
const MAX_CROSSINGS: usize = 32;

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
    /// An x beyond which the edge can neither be crossed by a ray from a point (its crossing
    /// is computed within a few units in the last place of the edge's coordinates of its
    /// right end) nor pass through a point ([`ON_BORDER_DEGREES`]): its right end, with room
    /// to spare for both.
    fn reach(&self) -> f64 {
        self.x1.max(self.x2) + 2.0 * ON_BORDER_DEGREES + 1e-12 * (self.x1.abs() + self.x2.abs())
    }
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
    /// Height of a band of edges ([`BANDS_PER_ROW`] a row).
    band_h: f64,
    /// `bands[band]`: the edges whose y-extent (widened by twice [`ON_BORDER_DEGREES`])
    /// overlaps the band, the farthest-reaching first.
    bands: Vec<Vec<Edge>>,
    /// `reaches[band][i]`: `bands[band][i].reach()`, descending.
    reaches: Vec<Vec<f64>>,
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
            band_h: cell / BANDS_PER_ROW as f64,
            bands: vec![Vec::new(); rows * BANDS_PER_ROW],
            reaches: Vec::new(),
        };
        let mut mixed = vec![false; cols * rows];
        let slack = 2.0 * ON_BORDER_DEGREES;
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
                mixed[row * cols + col0..=row * cols + col1].fill(true);
            }
            let (band0, band1) = (
                index.band_of(edge.y1.min(edge.y2) - slack),
                index.band_of(edge.y1.max(edge.y2) + slack),
            );
            for band in &mut index.bands[band0..=band1] {
                band.push(edge);
            }
        }
        for band in &mut index.bands {
            band.sort_by(|a, b| b.reach().total_cmp(&a.reach()));
        }
        index.reaches = index
            .bands
            .iter()
            .map(|band| band.iter().map(Edge::reach).collect())
            .collect();
        // A run of cells no border crosses, side by side in a row, lies wholly in one province
        // (or in none): every point of every edge falls in a cell marked mixed, so no border
        // runs through the run. One exact test answers for the run.
        for row in 0..rows {
            let y = min_y + (row as f64 + 0.5) * cell;
            let mut run: Option<u16> = None;
            for col in 0..cols {
                let at = row * cols + col;
                if mixed[at] {
                    index.cells[at] = MIXED;
                    run = None;
                    continue;
                }
                let province = *run.get_or_insert_with(|| {
                    let x = min_x + (col as f64 + 0.5) * cell;
                    index.exact(x, y).map_or(OUTSIDE, |p| p.0 as u16)
                });
                index.cells[at] = province;
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

    /// The band of edges at height `y` (the first or last band beyond the grid; a negative
    /// or NaN offset gives the first).
    fn band_of(&self, y: f64) -> usize {
        (((y - self.min_y) / self.band_h) as usize).min(self.bands.len() - 1)
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
            MIXED => self.exact(lon, lat),
            province => Some(ProvinceIdx(usize::from(province))),
        }
    }

    /// On a border: the lowest province whose edge passes through the point. Otherwise the
    /// lowest province whose edges the ray from the point towards +x crosses an odd number of
    /// times. Only the edges of the point's band that reach as far right as the point are
    /// looked at: no other edge can pass through it or be crossed.
    fn exact(&self, x: f64, y: f64) -> Option<ProvinceIdx> {
        let band = self.band_of(y);
        let (edges, reaches) = (&self.bands[band], &self.reaches[band]);
        let edges = &edges[..reaches.partition_point(|reach| *reach >= x)];
        let mut on_border: Option<u16> = None;
        let mut crossed = [0u16; MAX_CROSSINGS];
        let mut crossings = 0;
        for edge in edges {
            if edge.passes_through(x, y) {
                on_border = Some(on_border.map_or(edge.province, |p| p.min(edge.province)));
            } else if on_border.is_none() && edge.crossed_by_ray(x, y) {
                if crossings == MAX_CROSSINGS {
                    return Self::exact_unbounded(edges, x, y);
                }
                crossed[crossings] = edge.province;
                crossings += 1;
            }
        }
        if let Some(province) = on_border {
            return Some(ProvinceIdx(usize::from(province)));
        }
        lowest_odd(&mut crossed[..crossings])
    }

    /// [`Self::exact`] for a ray that crosses many edges: the same rules, with the crossings
    /// on the heap.
    fn exact_unbounded(edges: &[Edge], x: f64, y: f64) -> Option<ProvinceIdx> {
        if let Some(province) = edges
            .iter()
            .filter(|e| e.passes_through(x, y))
            .map(|e| e.province)
            .min()
        {
            return Some(ProvinceIdx(usize::from(province)));
        }
        let mut crossed: Vec<u16> = edges
            .iter()
            .filter(|e| e.crossed_by_ray(x, y))
            .map(|e| e.province)
            .collect();
        lowest_odd(&mut crossed)
    }
}

/// The lowest province that occurs an odd number of times in `crossed` (which it sorts).
fn lowest_odd(crossed: &mut [u16]) -> Option<ProvinceIdx> {
    crossed.sort_unstable();
    crossed
        .chunk_by(|a, b| a == b)
        .find(|same| same.len() % 2 == 1)
        .map(|same| ProvinceIdx(usize::from(same[0])))
}

#[cfg(test)]
mod tests {
    use geo::{Contains as _, Point, polygon};
    use proptest::prelude::*;

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

    /// The rule [`ProvinceIndex::province_at`] follows, tested against every edge of every
    /// province: on a border, the lowest province whose edge passes through the point; else
    /// the lowest province whose edges a ray towards +x crosses an odd number of times.
    fn reference(boundaries: &[MultiPolygon<f64>], x: f64, y: f64) -> Option<ProvinceIdx> {
        let edges = |province: usize| {
            boundaries[province].iter().flat_map(move |polygon| {
                std::iter::once(polygon.exterior())
                    .chain(polygon.interiors())
                    .flat_map(|ring| ring.lines())
                    .map(move |line| Edge {
                        province: province as u16,
                        x1: line.start.x,
                        y1: line.start.y,
                        x2: line.end.x,
                        y2: line.end.y,
                    })
            })
        };
        let provinces = 0..boundaries.len();
        if let Some(p) = provinces
            .clone()
            .find(|p| edges(*p).any(|e| e.passes_through(x, y)))
        {
            return Some(ProvinceIdx(p));
        }
        provinces
            .into_iter()
            .find(|p| edges(*p).filter(|e| e.crossed_by_ray(x, y)).count() % 2 == 1)
            .map(ProvinceIdx)
    }

    /// Random provinces: star-shaped rings around random centres (overlapping ones and shared
    /// vertices included), as an arbitrary boundary file may have them.
    fn stars() -> impl Strategy<Value = Vec<MultiPolygon<f64>>> {
        let ring = (
            (-20.0f64..20.0, -10.0f64..10.0),
            proptest::collection::vec(0.5f64..6.0, 3..24),
            any::<bool>(),
        )
            .prop_map(|((cx, cy), radii, snapped)| {
                let n = radii.len();
                let mut points: Vec<(f64, f64)> = radii
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let angle = i as f64 / n as f64 * std::f64::consts::TAU;
                        let (x, y) = (cx + r * angle.cos(), cy + r * angle.sin());
                        // Snapped to a coarse lattice, so that vertices and edges are shared
                        // between provinces and lie on grid and band lines.
                        if snapped {
                            (x.round(), y.round())
                        } else {
                            (x, y)
                        }
                    })
                    .collect();
                points.push(points[0]);
                geo::Polygon::new(geo::LineString::from(points), vec![])
            });
        proptest::collection::vec(
            proptest::collection::vec(ring, 1..3).prop_map(MultiPolygon),
            1..6,
        )
    }

    /// The atlas's boundaries and their index, made once for all cases.
    fn atlas_index() -> &'static (Vec<MultiPolygon<f64>>, ProvinceIndex) {
        static INDEX: std::sync::OnceLock<(Vec<MultiPolygon<f64>>, ProvinceIndex)> =
            std::sync::OnceLock::new();
        INDEX.get_or_init(|| {
            let atlas = crate::data::load_embedded();
            let boundaries: Vec<MultiPolygon<f64>> =
                atlas.provinces.iter().map(|p| p.boundary.clone()).collect();
            let index = ProvinceIndex::new(&boundaries);
            (boundaries, index)
        })
    }

    /// The exterior edges of `boundaries`, to put points on.
    fn lines(boundaries: &[MultiPolygon<f64>]) -> Vec<geo::Line<f64>> {
        boundaries
            .iter()
            .flat_map(|b| {
                b.iter()
                    .flat_map(|p| p.exterior().lines().collect::<Vec<_>>())
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_index_places_every_point_as_the_rule_over_every_edge_does(
            boundaries in stars(),
            points in proptest::collection::vec((-30.0f64..30.0, -20.0f64..20.0), 50),
            picks in proptest::collection::vec((any::<usize>(), 0.0f64..1.0), 30),
        ) {
            let index = ProvinceIndex::new(&boundaries);
            for (x, y) in points {
                prop_assert_eq!(index.province_at(x, y), reference(&boundaries, x, y), "({}, {})", x, y);
            }
            // Points on borders: vertices, and points along edges.
            let lines = lines(&boundaries);
            for (pick, t) in picks {
                let line = lines[pick % lines.len()];
                for (x, y) in [
                    (line.start.x, line.start.y),
                    (line.start.x + t * (line.end.x - line.start.x), line.start.y + t * (line.end.y - line.start.y)),
                ] {
                    prop_assert_eq!(index.province_at(x, y), reference(&boundaries, x, y), "({}, {})", x, y);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn on_the_atlas_boundaries_the_index_places_points_as_the_rule_does(
            picks in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0, any::<usize>(), 0.0f64..1.0), 40),
        ) {
            let (boundaries, index) = atlas_index();
            let lines = lines(boundaries);
            for (u, v, pick, t) in picks {
                // Anywhere over (and a little beyond) the country, and on a border.
                let (x, y) = (59.0 + u * 17.0, 28.5 + v * 10.5);
                prop_assert_eq!(index.province_at(x, y), reference(boundaries, x, y), "({}, {})", x, y);
                let line = lines[pick % lines.len()];
                let (x, y) = (line.start.x + t * (line.end.x - line.start.x), line.start.y + t * (line.end.y - line.start.y));
                prop_assert_eq!(index.province_at(x, y), reference(boundaries, x, y), "({}, {})", x, y);
            }
        }
    }

    #[test]
    fn no_boundaries_place_nothing() {
        let index = ProvinceIndex::new(&[]);
        assert_eq!(index.province_at(1.0, 1.0), None);
    }
}
