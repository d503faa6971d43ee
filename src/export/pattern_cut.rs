//! Hatching and stripes cut out of the provinces as plain filled shapes, for the PNG only: the
//! same marks the SVG's `<pattern>` fills draw, without resvg's pattern fill (a tile rendered
//! apart, then sampled bicubically, rotated, for every pixel of every patterned province: a
//! third of an export's time). The SVG and PDF keep their patterns.
//!
//! A pattern here is what the SVG's `<pattern>` definitions say, in their own (rotated) space:
//! `u` runs across the pattern's lines, `v` along them. A mark is a cell `u0 ≤ u ≤ u1` (and
//! optionally `v0 ≤ v ≤ v1`) repeated every `u_period` (and `v_period`); each province's rings
//! are clipped to every cell they meet (Sutherland–Hodgman against the cell's sides, convex),
//! and the pieces are filled as one path, even-odd, as the rings are.

/// A mark of a pattern, repeated over the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Lattice {
    /// The pattern's rotation (its `patternTransform="rotate(…)"`), degrees.
    pub angle_degrees: f32,
    /// The cell across the lines, in the first period.
    pub u: (f32, f32),
    /// Its period.
    pub u_period: f32,
    /// The cell along the lines and its period; `None`: unbounded (a line).
    pub v: Option<((f32, f32), f32)>,
}

/// The rings of a province on the page, each vertex rounded to a tenth of a pixel as the SVG
/// path of the province writes it, so the cut pieces meet its edge exactly.
pub(super) fn page_rings(
    rings: &[Vec<[f64; 2]>],
    t: egui::emath::TSTransform,
) -> Vec<Vec<[f32; 2]>> {
    let tenth = |v: f32| (v * 10.0).round() / 10.0;
    rings
        .iter()
        .map(|ring| {
            ring.iter()
                .map(|[x, y]| {
                    let p = t * egui::Pos2::new(*x as f32, *y as f32);
                    [tenth(p.x), tenth(p.y)]
                })
                .collect()
        })
        .collect()
}

/// The path data (`M… L… Z`, even-odd) of `rings` cut to `lattice`'s cells; empty when no cell
/// meets them.
pub(super) fn cut(rings: &[Vec<[f32; 2]>], lattice: &Lattice) -> String {
    let (sin, cos) = lattice.angle_degrees.to_radians().sin_cos();
    // Pattern space from page space: the inverse of the pattern's rotation.
    let across = [cos, sin];
    let along = [-sin, cos];
    let mut d = String::new();
    for ring in rings.iter().filter(|r| r.len() >= 3) {
        for_each_cell(
            ring,
            across,
            lattice.u,
            lattice.u_period,
            |band| match lattice.v {
                None => write_piece(&mut d, band),
                Some((v, period)) => {
                    for_each_cell(band, along, v, period, |cell| write_piece(&mut d, cell));
                }
            },
        );
    }
    d
}

/// Calls `each` with `ring` clipped to every cell `low + k·period ≤ axis·p ≤ high + k·period`
/// it meets.
fn for_each_cell(
    ring: &[[f32; 2]],
    axis: [f32; 2],
    (low, high): (f32, f32),
    period: f32,
    mut each: impl FnMut(&[[f32; 2]]),
) {
    let along = |p: &[f32; 2]| axis[0] * p[0] + axis[1] * p[1];
    let (min, max) = ring
        .iter()
        .map(along)
        .fold((f32::MAX, f32::MIN), |(a, b), s| (a.min(s), b.max(s)));
    if !(min.is_finite() && max.is_finite() && period > 0.0) {
        return;
    }
    let first = ((min - high) / period).floor() as i64;
    let last = ((max - low) / period).ceil() as i64;
    let mut kept = Vec::new();
    let mut scratch = Vec::new();
    for k in first..=last {
        let offset = k as f32 * period;
        clip(ring, axis, low + offset, 1.0, &mut scratch);
        clip(&scratch, axis, high + offset, -1.0, &mut kept);
        if kept.len() >= 3 {
            each(&kept);
        }
    }
}

/// Sutherland–Hodgman: `polygon` clipped to the half-plane `side · (axis·p − at) ≥ 0`, into
/// `out`. A concave polygon cut in several places stays one polygon joined along the cut by
/// edges there and back, which fill nothing.
fn clip(polygon: &[[f32; 2]], axis: [f32; 2], at: f32, side: f32, out: &mut Vec<[f32; 2]>) {
    out.clear();
    let inside = |p: &[f32; 2]| side * (axis[0] * p[0] + axis[1] * p[1] - at);
    let Some(mut previous) = polygon.last() else {
        return;
    };
    let mut previous_side = inside(previous);
    for point in polygon {
        let side = inside(point);
        if (side >= 0.0) != (previous_side >= 0.0) {
            let f = previous_side / (previous_side - side);
            out.push([
                previous[0] + f * (point[0] - previous[0]),
                previous[1] + f * (point[1] - previous[1]),
            ]);
        }
        if side >= 0.0 {
            out.push(*point);
        }
        previous = point;
        previous_side = side;
    }
}

fn write_piece(d: &mut String, piece: &[[f32; 2]]) {
    for (i, [x, y]) in piece.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        super::decimal::push_hundredths(d, *x);
        d.push(' ');
        super::decimal::push_hundredths(d, *y);
    }
    d.push('Z');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The area of the pieces of a path written by [`cut`] (shoelace per piece; the pieces of one
    /// ring never overlap).
    fn area(d: &str) -> f32 {
        d.split('Z')
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let points: Vec<[f32; 2]> = piece
                    .split(['M', 'L'])
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let mut xy = p.split(' ').map(|v| v.parse::<f32>().expect("number"));
                        [xy.next().expect("x"), xy.next().expect("y")]
                    })
                    .collect();
                let twice: f32 = (0..points.len())
                    .map(|i| {
                        let (a, b) = (points[i], points[(i + 1) % points.len()]);
                        a[0] * b[1] - b[0] * a[1]
                    })
                    .sum();
                twice.abs() / 2.0
            })
            .sum()
    }

    #[test]
    fn vertical_lines_cut_a_square_into_their_share_of_it() {
        // Lines 2 wide every 10, centred on x = 5, 15, …: a fifth of any whole number of periods.
        let square = vec![vec![[0.0, 0.0], [100.0, 0.0], [100.0, 100.0], [0.0, 100.0]]];
        let lines = Lattice {
            angle_degrees: 0.0,
            u: (4.0, 6.0),
            u_period: 10.0,
            v: None,
        };
        let d = cut(&square, &lines);
        assert_eq!(d.matches('M').count(), 10, "{d}");
        assert!((area(&d) - 2000.0).abs() < 0.5, "{}", area(&d));
        // Dashes 2 long every 10 along them: a fifth of that again.
        let dashes = Lattice {
            v: Some(((0.0, 2.0), 10.0)),
            ..lines
        };
        assert!((area(&cut(&square, &dashes)) - 400.0).abs() < 0.5);
    }

    #[test]
    fn rotated_lines_cover_their_share_of_a_concave_ring_with_a_hole() {
        // A U shape (concave) and a square hole in its base; lines at 45°, a quarter covered.
        let u_shape = vec![
            vec![
                [0.0, 0.0],
                [30.0, 0.0],
                [30.0, 200.0],
                [170.0, 200.0],
                [170.0, 0.0],
                [200.0, 0.0],
                [200.0, 260.0],
                [0.0, 260.0],
            ],
            vec![[80.0, 220.0], [120.0, 220.0], [120.0, 240.0], [80.0, 240.0]],
        ];
        let whole = 200.0 * 260.0 - 140.0 * 200.0 - 40.0 * 20.0;
        let lines = Lattice {
            angle_degrees: 45.0,
            u: (0.0, 1.5),
            u_period: 6.0,
            v: None,
        };
        // Even-odd: the hole's pieces take away from the outline's.
        let outline = cut(&u_shape[..1], &lines);
        let hole = cut(&u_shape[1..], &lines);
        assert_eq!(cut(&u_shape, &lines), format!("{outline}{hole}"));
        assert!(area(&hole) > 150.0, "{}", area(&hole));
        let covered = area(&outline) - area(&hole);
        // Pieces are written to a hundredth and the shape's ends cut lines short: within 2 %.
        assert!(
            (covered / whole - 0.25).abs() < 0.005,
            "{covered} of {whole}"
        );
    }

    #[test]
    fn nothing_is_cut_from_a_degenerate_ring() {
        let flat = vec![vec![[0.0, 0.0], [10.0, 0.0]]];
        let lines = Lattice {
            angle_degrees: 45.0,
            u: (0.0, 1.0),
            u_period: 5.0,
            v: None,
        };
        assert!(cut(&flat, &lines).is_empty());
        assert!(
            cut(
                &[vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]],
                &Lattice {
                    u_period: 0.0,
                    ..lines
                }
            )
            .is_empty()
        );
    }
}
