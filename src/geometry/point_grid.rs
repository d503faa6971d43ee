//! Event points by where they are: a grid over the map whose cells list their points in day
//! order, so the points in a part of the map and a span of days are found without looking at
//! the others (zoomed in on a million events, the view holds a few per cent of them).

use std::ops::Range;

use egui::{Pos2, Rect};

/// Cells along the longer side of the points' bounds.
const CELLS_ACROSS: f32 = 128.0;

/// Point indices bucketed by grid cell.
#[derive(Clone, Debug, Default)]
pub struct PointGrid {
    /// Map-space corner of cell (0, 0).
    origin: Pos2,
    /// Side of a cell, in map kilometres.
    cell: f32,
    columns: usize,
    rows: usize,
    /// Where each cell's points start in `points` (one more entry than cells).
    starts: Vec<u32>,
    /// Point indices, cell by cell, ascending within a cell.
    points: Vec<u32>,
}

impl PointGrid {
    /// The grid of `positions` (map space); points at non-finite positions are left out.
    pub fn new(positions: &[Pos2]) -> Self {
        let mut bounds = Rect::NOTHING;
        for p in positions.iter().filter(|p| p.is_finite()) {
            bounds.extend_with(*p);
        }
        if !(bounds.width() >= 0.0 && bounds.height() >= 0.0) {
            return Self::default(); // no point with a position
        }
        let cell = (bounds.width().max(bounds.height()) / CELLS_ACROSS).max(1e-3);
        let columns = (bounds.width() / cell).floor() as usize + 1;
        let rows = (bounds.height() / cell).floor() as usize + 1;
        let mut grid = Self {
            origin: bounds.min,
            cell,
            columns,
            rows,
            starts: vec![0; columns * rows + 1],
            points: Vec::new(),
        };
        // A counting sort: count per cell, then place each point after those before it.
        let cells: Vec<u32> = positions
            .iter()
            .map(|p| grid.cell_of(*p).map_or(u32::MAX, |cell| cell as u32))
            .collect();
        for cell in cells.iter().filter(|c| **c != u32::MAX) {
            grid.starts[*cell as usize + 1] += 1;
        }
        for i in 1..grid.starts.len() {
            grid.starts[i] += grid.starts[i - 1];
        }
        let mut next = grid.starts.clone();
        grid.points = vec![0; *grid.starts.last().unwrap_or(&0) as usize];
        for (index, cell) in cells.iter().enumerate() {
            if let Some(next) = next.get_mut(*cell as usize) {
                grid.points[*next as usize] = index as u32;
                *next += 1;
            }
        }
        grid
    }

    fn cell_of(&self, p: Pos2) -> Option<usize> {
        if !p.is_finite() {
            return None;
        }
        let column = ((p.x - self.origin.x) / self.cell).floor();
        let row = ((p.y - self.origin.y) / self.cell).floor();
        let inside = column >= 0.0
            && row >= 0.0
            && (column as usize) < self.columns
            && (row as usize) < self.rows;
        inside.then(|| row as usize * self.columns + column as usize)
    }

    /// The points in the cells that `area` (map space) touches whose index is in `indices`
    /// (the points of a span of days, as the points are in day order): every such point in
    /// `area`, and some near it. Cell by cell, ascending within a cell.
    pub fn near<'a>(
        &'a self,
        area: Rect,
        indices: Range<usize>,
    ) -> impl Iterator<Item = usize> + 'a {
        let span = |from: f32, origin: f32, count: usize| {
            let at = ((from - origin) / self.cell).floor();
            if at.is_nan() {
                0
            } else {
                at.clamp(0.0, count as f32) as usize
            }
        };
        let (first_column, last_column) = (
            span(area.min.x, self.origin.x, self.columns),
            span(area.max.x, self.origin.x, self.columns.saturating_sub(1)),
        );
        let (first_row, last_row) = (
            span(area.min.y, self.origin.y, self.rows),
            span(area.max.y, self.origin.y, self.rows.saturating_sub(1)),
        );
        let empty = self.starts.is_empty() || !(area.width() >= 0.0 && area.height() >= 0.0);
        let rows = if empty { 0..0 } else { first_row..last_row + 1 };
        rows.flat_map(move |row| {
            (first_column..=last_column).flat_map(move |column| {
                let cell = row * self.columns + column;
                let all = &self.points[self.starts[cell] as usize..self.starts[cell + 1] as usize];
                let from = all.partition_point(|p| (*p as usize) < indices.start);
                let to = all.partition_point(|p| (*p as usize) < indices.end);
                all[from..to.max(from)].iter().map(|p| *p as usize)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_every_point_in_an_area_and_a_span_of_indices(
            points in prop::collection::vec((-50.0f32..50.0, -20.0f32..80.0), 0..400),
            corner in (-60.0f32..60.0, -30.0f32..90.0),
            size in (0.1f32..60.0, 0.1f32..60.0),
            span in (0usize..400, 0usize..400),
        ) {
            let positions: Vec<Pos2> = points.iter().map(|(x, y)| pos2(*x, *y)).collect();
            let grid = PointGrid::new(&positions);
            let area = Rect::from_min_size(pos2(corner.0, corner.1), egui::vec2(size.0, size.1));
            let indices = span.0.min(span.1)..span.0.max(span.1);
            let mut found: Vec<usize> = grid.near(area, indices.clone()).collect();
            found.sort_unstable();
            let unique = found.len();
            found.dedup();
            prop_assert_eq!(unique, found.len(), "each point once");
            for (i, p) in positions.iter().enumerate() {
                if indices.contains(&i) && area.contains(*p) {
                    prop_assert!(found.binary_search(&i).is_ok(), "point {} at {:?}", i, p);
                }
            }
            prop_assert!(found.iter().all(|i| indices.contains(i)));
        }
    }

    #[test]
    fn points_off_the_map_or_not_finite_are_left_out() {
        let positions = [pos2(0.0, 0.0), pos2(f32::NAN, 1.0), pos2(10.0, 10.0)];
        let grid = PointGrid::new(&positions);
        let all: Vec<usize> = grid.near(Rect::EVERYTHING, 0..3).collect();
        assert_eq!(all, vec![0, 2]);
        let none: Vec<usize> = PointGrid::new(&[]).near(Rect::EVERYTHING, 0..0).collect();
        assert!(none.is_empty());
    }
}
