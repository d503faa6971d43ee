//! Patterns clipped to provinces, in map space: thin hatch lines (claim-only evidence) and
//! stripes (several groups in one province). Lines run at 45°; line `k` is the set of points with
//! `x ± y = k · spacing · √2`, so a pattern lines up across neighbouring provinces and each
//! clipped piece knows its line index.

use geo::{
    BooleanOps as _, BoundingRect as _, Coord, LineString, MultiLineString, MultiPolygon, Polygon,
};

/// Which way pattern lines lean on screen (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slant {
    /// Bottom-left to top-right: `/`.
    Rising,
    /// Top-left to bottom-right: `\`.
    Falling,
}

impl Slant {
    /// The coordinate that is constant along a line.
    fn across(self, x: f64, y: f64) -> f64 {
        match self {
            Self::Rising => x + y,
            Self::Falling => x - y,
        }
    }

    /// The point on line `x ± y = c` with this x.
    fn point(self, c: f64, x: f64) -> Coord<f64> {
        match self {
            Self::Rising => Coord { x, y: c - x },
            Self::Falling => Coord { x, y: x - c },
        }
    }
}

/// Range of line indices (and their `across` step) that can cross `polygons`.
fn line_range(
    polygons: &MultiPolygon<f64>,
    spacing: f64,
    slant: Slant,
) -> Option<(i64, i64, f64, geo::Rect<f64>)> {
    let bounds = polygons.bounding_rect()?;
    let step = spacing * std::f64::consts::SQRT_2;
    let corners = [
        (bounds.min().x, bounds.min().y),
        (bounds.min().x, bounds.max().y),
        (bounds.max().x, bounds.min().y),
        (bounds.max().x, bounds.max().y),
    ]
    .map(|(x, y)| slant.across(x, y));
    let low = corners.iter().copied().fold(f64::INFINITY, f64::min);
    let high = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((
        (low / step).floor() as i64,
        (high / step).ceil() as i64,
        step,
        bounds,
    ))
}

/// Lines every `spacing` (measured square to the lines) clipped to `polygons`: each piece with
/// its line index.
pub fn hatch_lines(
    polygons: &MultiPolygon<f64>,
    spacing: f64,
    slant: Slant,
) -> Vec<(i64, Vec<[f64; 2]>)> {
    let Some((first, last, step, bounds)) = line_range(polygons, spacing, slant) else {
        return Vec::new();
    };
    let (x0, x1) = (
        bounds.min().x - bounds.height() - 1.0,
        bounds.max().x + bounds.height() + 1.0,
    );
    let lines: Vec<LineString<f64>> = (first..=last)
        .map(|k| {
            let c = k as f64 * step;
            LineString::new(vec![slant.point(c, x0), slant.point(c, x1)])
        })
        .collect();
    polygons
        .clip(&MultiLineString::new(lines), false)
        .into_iter()
        .filter(|piece| piece.0.len() >= 2)
        .map(|piece| {
            let mid = piece.0[0];
            let k = (slant.across(mid.x, mid.y) / step).round() as i64;
            (k, piece.0.iter().map(|c| [c.x, c.y]).collect())
        })
        .collect()
}

/// The part of `polygons` covered by stripe `which` of `count`: bands `spacing` wide, band `k`
/// centred on line `k`, belonging to stripe `k mod count`.
pub fn stripe(
    polygons: &MultiPolygon<f64>,
    spacing: f64,
    slant: Slant,
    count: usize,
    which: usize,
) -> MultiPolygon<f64> {
    let Some((first, last, step, bounds)) = line_range(polygons, spacing, slant) else {
        return MultiPolygon::new(Vec::new());
    };
    let (x0, x1) = (
        bounds.min().x - bounds.height() - 1.0,
        bounds.max().x + bounds.height() + 1.0,
    );
    let count = count.max(1) as i64;
    let bands: Vec<Polygon<f64>> = (first - 1..=last + 1)
        .filter(|k| k.rem_euclid(count) == which as i64)
        .map(|k| {
            let (low, high) = ((k as f64 - 0.5) * step, (k as f64 + 0.5) * step);
            Polygon::new(
                LineString::new(vec![
                    slant.point(low, x0),
                    slant.point(low, x1),
                    slant.point(high, x1),
                    slant.point(high, x0),
                    slant.point(low, x0),
                ]),
                Vec::new(),
            )
        })
        .collect();
    polygons.intersection(&MultiPolygon::new(bands))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area as _, Contains as _, Point, polygon};

    fn square() -> MultiPolygon<f64> {
        MultiPolygon::new(vec![
            polygon![(x: 0., y: 0.), (x: 10., y: 0.), (x: 10., y: 10.), (x: 0., y: 10.)],
        ])
    }

    #[test]
    fn hatch_lines_stay_inside_the_polygon() {
        let square = square();
        let lines = hatch_lines(&square, 1.0, Slant::Rising);
        assert!(lines.len() >= 13, "{}", lines.len());
        for (_, line) in &lines {
            for [x, y] in line {
                assert!((-1e-4..=10.0 + 1e-4).contains(x) && (-1e-4..=10.0 + 1e-4).contains(y));
            }
        }
    }

    #[test]
    fn stripes_tile_the_polygon() {
        let square = square();
        let parts: Vec<MultiPolygon<f64>> = (0..3)
            .map(|i| stripe(&square, 1.0, Slant::Rising, 3, i))
            .collect();
        let total: f64 = parts.iter().map(|p| p.unsigned_area()).sum();
        assert!((total - 100.0).abs() < 1e-4, "{total}");
        for part in &parts {
            assert!(part.unsigned_area() > 25.0 && part.unsigned_area() < 42.0);
        }
        // The centre of band 0 (line x + y = 0·√2 shifted) belongs to stripe 0.
        let on_line_3 = Point::new(
            3.0 * std::f64::consts::SQRT_2 / 2.0 + 2.0,
            3.0 * std::f64::consts::SQRT_2 / 2.0 - 2.0,
        );
        assert!(parts[0].contains(&on_line_3));
    }
}
