//! What a clip hides, left out of the PNG's page: the inset draws the whole map at its
//! magnification inside a small frame, and resvg would build (and clip away) every province,
//! overlay and border of it. Only the page that is rasterised ([`super::PatternFills::Raster`])
//! leaves them out; the SVG and PDF keep every element, as their readers may pick them apart.

use egui::{Pos2, Rect, emath::TSTransform};

/// How far outside the clip a shape's box may reach and still be drawn: more than the widest
/// stroke and its anti-aliasing (a province is never drawn wider than this).
const MARGIN_PX: f32 = 8.0;

/// The box on the page of `points` (map space) under `t`.
pub(super) fn page_bounds<'a>(
    points: impl IntoIterator<Item = &'a [f64; 2]>,
    t: TSTransform,
) -> Rect {
    let mut bounds = Rect::NOTHING;
    for [x, y] in points {
        bounds.extend_with(t * Pos2::new(*x as f32, *y as f32));
    }
    bounds
}

/// Whether a shape whose page box is `bounds` can show through `clip` (`None`: no clip, drawn).
pub(super) fn shows(clip: Option<Rect>, bounds: Rect) -> bool {
    clip.is_none_or(|clip| clip.expand(MARGIN_PX).intersects(bounds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_near_or_in_the_clip_show_and_far_ones_do_not() {
        let t = TSTransform::new(egui::vec2(10.0, 0.0), 2.0);
        let square = [[0.0, 0.0], [5.0, 0.0], [5.0, 5.0], [0.0, 5.0]];
        let bounds = page_bounds(&square, t);
        assert_eq!(
            bounds,
            Rect::from_min_max(Pos2::new(10.0, 0.0), Pos2::new(20.0, 10.0))
        );
        assert!(shows(None, bounds));
        let clip = |x: f32| {
            Some(Rect::from_min_size(
                Pos2::new(x, 0.0),
                egui::vec2(50.0, 50.0),
            ))
        };
        assert!(shows(clip(15.0), bounds), "overlapping");
        assert!(
            shows(clip(25.0), bounds),
            "within the margin: its stroke may reach in"
        );
        assert!(
            !shows(clip(20.0 + MARGIN_PX + 1.0), bounds),
            "beyond the margin"
        );
        assert!(!shows(clip(-100.0), bounds), "on the other side");
    }
}
