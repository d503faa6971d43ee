//! Outlines thinned to what a raster page can show, for the PNG only: a province's ring has a
//! vertex every fraction of a pixel at the sizes pages are drawn (some 55,000 on the 1920×1080
//! map, half of them under a pixel from the last), and each costs the SVG writer, usvg's parser
//! and tiny-skia's edge builder and stroker. Douglas–Peucker to a quarter of a pixel moves no
//! edge by more than that: what changes is anti-aliasing, under the borders drawn over them.

/// How far a thinned outline may stray from the true one, in page pixels.
pub(super) const TOLERANCE_PX: f64 = 0.25;

/// `rings` (map space) thinned so that none strays more than [`TOLERANCE_PX`] from the
/// original once scaled by `scaling` (page pixels per map unit). Each ring keeps its first point
/// and at least three; a ring too small to thin is kept as it is.
pub(super) fn rings(rings: &[Vec<[f64; 2]>], scaling: f32) -> Vec<Vec<[f64; 2]>> {
    let tolerance = TOLERANCE_PX / f64::from(scaling.max(f32::MIN_POSITIVE));
    rings
        .iter()
        .map(|ring| {
            // Closed: the last point runs back to the first, so the first is the end as well.
            let mut closed = ring.clone();
            if let Some(first) = ring.first() {
                closed.push(*first);
            }
            let mut thin = line(&closed, tolerance);
            thin.pop();
            if thin.len() >= 3 { thin } else { ring.clone() }
        })
        .collect()
}

/// The polyline `points` thinned to `tolerance` (same units): its ends and the points
/// Douglas–Peucker keeps (geo's [`Simplify`](geo::Simplify)).
pub(super) fn line(points: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    use geo::Simplify as _;
    if points.len() < 3 {
        return points.to_vec();
    }
    let line: geo::LineString<f64> = points.iter().map(|p| (p[0], p[1])).collect();
    line.simplify(tolerance)
        .0
        .into_iter()
        .map(|c| [c.x, c.y])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distance from `p` to the segment `a`–`b`.
    fn to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let length2 = dx * dx + dy * dy;
        let t = if length2 > 0.0 {
            (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (p[0] - a[0] - t * dx).hypot(p[1] - a[1] - t * dy)
    }

    #[test]
    fn a_wiggly_ring_loses_points_but_stays_within_the_tolerance() {
        // A circle of radius 100 with a sub-pixel wiggle, 2,000 points: at scaling 1 the wiggle
        // is under the tolerance and goes, the circle stays.
        let ring: Vec<[f64; 2]> = (0..2000)
            .map(|i| {
                let a = i as f64 / 2000.0 * std::f64::consts::TAU;
                let r = 100.0 + 0.1 * (i as f64 * 1.7).sin();
                [r * a.cos(), r * a.sin()]
            })
            .collect();
        let thin = &rings(std::slice::from_ref(&ring), 1.0)[0];
        assert!(thin.len() < 400, "{} points kept", thin.len());
        assert!(thin.len() >= 3);
        assert_eq!(thin[0], ring[0], "the ring starts where it did");
        for p in &ring {
            let nearest = (0..thin.len())
                .map(|i| to_segment(*p, thin[i], thin[(i + 1) % thin.len()]))
                .fold(f64::MAX, f64::min);
            assert!(nearest <= TOLERANCE_PX + 1e-9, "{p:?} is {nearest} away");
        }
        // Ten times larger on the page, ten times the detail is kept.
        assert!(rings(std::slice::from_ref(&ring), 10.0)[0].len() > thin.len());
    }

    #[test]
    fn corners_stay_and_tiny_rings_are_kept_whole() {
        let square = vec![
            [0.0, 0.0],
            [5.0, 0.0],
            [10.0, 0.1],
            [10.0, 10.0],
            [0.0, 10.0],
        ];
        assert_eq!(
            rings(std::slice::from_ref(&square), 1.0)[0],
            vec![[0.0, 0.0], [10.0, 0.1], [10.0, 10.0], [0.0, 10.0]]
        );
        let speck = vec![[0.0, 0.0], [0.01, 0.0], [0.0, 0.01]];
        assert_eq!(rings(std::slice::from_ref(&speck), 1.0)[0], speck);
        assert_eq!(
            line(&[[0.0, 0.0], [1.0, 1.0]], 5.0),
            vec![[0.0, 0.0], [1.0, 1.0]]
        );
    }
}
