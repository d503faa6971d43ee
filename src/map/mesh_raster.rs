//! egui meshes painted into a [`Canvas`] the way a GPU draws them: a triangle paints the pixels
//! whose centres it covers, with its vertices' colours interpolated across it and blended over
//! what is there. A pixel centre exactly on an edge that two triangles share is painted by one
//! of them only (the "top-left" rule), so the feathered edges of strokes, made of triangles
//! that meet, are not painted twice.
//!
//! This lets the map keep a layer that does not change while it pans (fills, borders) as images
//! that look like the meshes egui would have drawn, so switching between the two shows nothing.

use egui::{Color32, Mesh, Pos2, emath::TSTransform};

use super::canvas::{Canvas, blend, from_channels};

impl Canvas {
    /// Paints the triangles numbered `triangles` (triangle `k` is `mesh.indices[3k..3k + 3]`) of
    /// `mesh`, in that order, its positions mapped to this canvas's pixels by `to_pixels`.
    pub fn mesh_triangles(
        &mut self,
        mesh: &Mesh,
        triangles: impl IntoIterator<Item = u32>,
        to_pixels: TSTransform,
    ) {
        for triangle in triangles {
            let first = triangle as usize * 3;
            let Some(&[a, b, c]) = mesh.indices.get(first..first + 3) else {
                continue;
            };
            let vertex = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (vertex(a), vertex(b), vertex(c)) else {
                continue;
            };
            self.triangle(
                [to_pixels * a.pos, to_pixels * b.pos, to_pixels * c.pos],
                [a.color, b.color, c.color],
            );
        }
    }

    /// Paints one triangle (corners in pixels from the top-left corner, the colour at each).
    pub fn triangle(&mut self, corners: [Pos2; 3], colours: [Color32; 3]) {
        let [p0, p1, p2] = corners;
        if !corners.iter().all(|p| p.x.is_finite() && p.y.is_finite()) {
            return;
        }
        let twice_area = (p1 - p0).x * (p2 - p0).y - (p1 - p0).y * (p2 - p0).x;
        if twice_area == 0.0 {
            return;
        }
        // Counter-clockwise on the screen (y down), so each edge function is ≥ 0 inside.
        let (corners, colours) = if twice_area > 0.0 {
            (corners, colours)
        } else {
            ([p0, p2, p1], [colours[0], colours[2], colours[1]])
        };
        let area = twice_area.abs();
        // Edge k is opposite corner k; its function is that corner's weight times the area.
        let edges = [
            Edge::new(corners[1], corners[2]),
            Edge::new(corners[2], corners[0]),
            Edge::new(corners[0], corners[1]),
        ];

        let [width, height] = (self.size).map(|side| side as i32);
        let min_y = corners.iter().map(|p| p.y).fold(f32::INFINITY, f32::min);
        let max_y = corners
            .iter()
            .map(|p| p.y)
            .fold(f32::NEG_INFINITY, f32::max);
        let first_row = ceil(min_y - 0.5, height).max(0);
        let last_row = floor(max_y - 0.5, height).min(height - 1);
        if first_row > last_row {
            return;
        }

        let uniform = colours[0] == colours[1] && colours[1] == colours[2];
        let opaque = uniform && colours[0].is_opaque();
        let colours = colours.map(|c| c.to_array().map(f32::from));
        // How the colour changes from one pixel to the next along a row.
        let step = weighted(&colours, [0, 1, 2].map(|k| edges[k].a / area));

        for row in first_row..=last_row {
            let y = row as f32 + 0.5;
            let (mut from, mut to) = (0, width - 1);
            for edge in &edges {
                let k = edge.b * y + edge.c;
                if edge.a == 0.0 {
                    if k < 0.0 || (k == 0.0 && !edge.top_left) {
                        to = -1;
                    }
                    continue;
                }
                // Pixel x is inside where a·(x + ½) + k ≥ 0 (> 0 off a top-left edge).
                let bound = -k * edge.inverse_a - 0.5;
                match (edge.a > 0.0, edge.top_left) {
                    (true, true) => from = from.max(ceil(bound, width)),
                    (true, false) => from = from.max(floor(bound, width) + 1),
                    (false, true) => to = to.min(floor(bound, width)),
                    (false, false) => to = to.min(ceil(bound, width) - 1),
                }
            }
            if from > to {
                continue;
            }
            let (row, from, to) = (row as usize, from as usize, to as usize);
            let width = width as usize;
            let pixels = &mut self.pixels[row * width + from..=row * width + to];
            if opaque {
                pixels.fill(from_channels(colours[0]));
            } else if uniform {
                let colour = from_channels(colours[0]);
                for pixel in pixels {
                    blend(pixel, colour);
                }
            } else {
                let x = from as f32 + 0.5;
                let mut colour = weighted(&colours, [0, 1, 2].map(|k| edges[k].at(x, y) / area));
                for pixel in pixels {
                    blend(pixel, from_channels(colour));
                    for channel in 0..4 {
                        colour[channel] += step[channel];
                    }
                }
            }
        }
    }
}

/// The smallest whole number ≥ `x`, for pixel positions on a canvas `side` pixels across
/// (anything far outside is clamped; `f32::ceil` is a slow library call on baseline x86-64).
fn ceil(x: f32, side: i32) -> i32 {
    let x = x.clamp(-2.0, side as f32 + 2.0);
    let truncated = x as i32;
    if (truncated as f32) < x {
        truncated + 1
    } else {
        truncated
    }
}

/// The largest whole number ≤ `x`; see [`ceil`].
fn floor(x: f32, side: i32) -> i32 {
    let x = x.clamp(-2.0, side as f32 + 2.0);
    let truncated = x as i32;
    if (truncated as f32) > x {
        truncated - 1
    } else {
        truncated
    }
}

/// The colours weighted and summed.
fn weighted(colours: &[[f32; 4]; 3], weights: [f32; 3]) -> [f32; 4] {
    std::array::from_fn(|channel| {
        colours[0][channel] * weights[0]
            + colours[1][channel] * weights[1]
            + colours[2][channel] * weights[2]
    })
}

/// The edge function of the directed edge `from → to`: `a·x + b·y + c`, positive on its left
/// (inside a counter-clockwise triangle, on a y-down screen), zero on it.
struct Edge {
    a: f32,
    /// 1 / a (exactly negated with a, as the edge is reversed).
    inverse_a: f32,
    b: f32,
    c: f32,
    /// Whether pixel centres exactly on the edge are inside.
    top_left: bool,
}

impl Edge {
    fn new(from: Pos2, to: Pos2) -> Self {
        // Computed from the two ends in one fixed order, then negated for the other direction:
        // the two triangles sharing an edge get exactly opposite functions, so a pixel centre on
        // it is inside exactly one of them.
        let forward = (from.x, from.y) < (to.x, to.y);
        let (p, q) = if forward { (from, to) } else { (to, from) };
        let (dx, dy) = (q.x - p.x, q.y - p.y);
        let (a, b, c) = (-dy, dx, dy * p.x - dx * p.y);
        let sign = if forward { 1.0 } else { -1.0 };
        let (dx, dy) = (to.x - from.x, to.y - from.y);
        Self {
            a: a * sign,
            inverse_a: sign / a,
            b: b * sign,
            c: c * sign,
            top_left: dy < 0.0 || (dy == 0.0 && dx > 0.0),
        }
    }

    fn at(&self, x: f32, y: f32) -> f32 {
        self.a * x + self.b * y + self.c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Rect, Stroke, epaint::Tessellator, pos2};

    fn covered(canvas: &Canvas) -> Vec<u8> {
        canvas.pixels.iter().map(|p| p.a()).collect()
    }

    #[test]
    fn a_square_of_two_triangles_paints_each_pixel_once() {
        // Half-transparent, so a pixel painted twice would be more opaque than one painted once.
        let mut canvas = Canvas::new([8, 8]);
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_max(pos2(2.0, 2.0), pos2(6.0, 6.0)),
            Color32::from_black_alpha(128),
        );
        canvas.mesh_triangles(&mesh, 0..2, TSTransform::IDENTITY);
        let alpha = covered(&canvas);
        for y in 0..8 {
            for x in 0..8 {
                let inside = (2..6).contains(&x) && (2..6).contains(&y);
                let expected = if inside { 128 } else { 0 };
                assert_eq!(alpha[y * 8 + x], expected, "pixel {x},{y}");
            }
        }
    }

    #[test]
    fn triangles_meeting_at_pixel_centres_in_any_direction_paint_each_centre_once() {
        // A fan of triangles around a pixel centre, with edges through other centres: every
        // centre of the covered square is painted exactly once whichever way the edges run.
        let centre = pos2(4.5, 4.5);
        let ring = [
            pos2(0.5, 0.5),
            pos2(4.5, 0.5),
            pos2(8.5, 0.5),
            pos2(8.5, 4.5),
            pos2(8.5, 8.5),
            pos2(4.5, 8.5),
            pos2(0.5, 8.5),
            pos2(0.5, 4.5),
        ];
        let mut canvas = Canvas::new([10, 10]);
        for i in 0..ring.len() {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            let corners = if i % 2 == 0 {
                [centre, a, b]
            } else {
                [b, centre, a]
            };
            canvas.triangle(corners, [Color32::from_black_alpha(128); 3]);
        }
        let alpha = covered(&canvas);
        for y in 0..10 {
            for x in 0..10 {
                // Centres on the square's left and top edges are in; right and bottom are out.
                let inside = (0..8).contains(&x) && (0..8).contains(&y);
                let expected = if inside { 128 } else { 0 };
                assert_eq!(alpha[y * 10 + x], expected, "pixel {x},{y}");
            }
        }
    }

    #[test]
    fn colours_are_interpolated_between_the_corners() {
        let mut canvas = Canvas::new([101, 1]);
        let (black, white) = (Color32::BLACK, Color32::WHITE);
        canvas.triangle(
            [pos2(0.5, -10.0), pos2(100.5, 0.5), pos2(0.5, 10.0)],
            [black, white, black],
        );
        let red = |x: usize| canvas.pixels[x].r();
        assert_eq!(red(0), 0);
        assert!((127..=128).contains(&red(50)), "{}", red(50));
        assert!(red(99) >= 250, "{}", red(99));
    }

    #[test]
    fn a_stroke_is_painted_as_egui_tessellates_it_feathered_at_its_edges() {
        let mut tessellator = Tessellator::new(1.0, Default::default(), [1, 1], Vec::new());
        let mut mesh = Mesh::default();
        tessellator.tessellate_line_segment(
            [pos2(0.0, 10.0), pos2(40.0, 10.0)],
            Stroke::new(2.0, Color32::WHITE),
            &mut mesh,
        );
        let mut canvas = Canvas::new([40, 20]);
        let count = mesh.indices.len() as u32 / 3;
        canvas.mesh_triangles(&mesh, 0..count, TSTransform::IDENTITY);
        let alpha = |y: usize| canvas.pixels[y * 40 + 20].a();
        assert_eq!(alpha(9), 255, "the stroke's middle is solid");
        assert_eq!(alpha(10), 255, "the stroke's middle is solid");
        assert!(alpha(8) < 255 && alpha(11) < 255, "its edges are feathered");
        assert_eq!(alpha(5), 0, "nothing beyond it");
        assert!(alpha(7) <= alpha(8), "fading outwards");
    }

    #[test]
    fn triangles_off_the_canvas_or_degenerate_or_not_finite_paint_nothing() {
        let mut canvas = Canvas::new([10, 10]);
        let ink = [Color32::BLACK; 3];
        canvas.triangle(
            [pos2(-50.0, -50.0), pos2(-40.0, -50.0), pos2(-40.0, -40.0)],
            ink,
        );
        canvas.triangle([pos2(1.0, 1.0), pos2(5.0, 5.0), pos2(9.0, 9.0)], ink);
        canvas.triangle([pos2(f32::NAN, 1.0), pos2(5.0, 5.0), pos2(1.0, 9.0)], ink);
        canvas.triangle(
            [pos2(f32::INFINITY, 1.0), pos2(5.0, 5.0), pos2(1.0, 9.0)],
            ink,
        );
        assert!(canvas.is_clear());
        // A huge triangle is clipped to the canvas.
        canvas.triangle([pos2(-1e9, -1e9), pos2(1e9, -1e9), pos2(0.0, 1e9)], ink);
        assert!(canvas.pixels.iter().all(|p| *p == Color32::BLACK));
    }
}
