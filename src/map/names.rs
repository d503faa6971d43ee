//! Province names on screen, in the label language chosen: each line laid out by egui (whose
//! shaper, harfrust, joins Arabic-script letters and runs them right to left in the bundled
//! Vazirmatn face, see [`crate::fonts`]), stacked top first. Placement measures the same galleys
//! it draws, so a name gets exactly the room it takes.

use std::sync::Arc;

use egui::{Color32, FontId, Galley, Painter, Pos2, Vec2, vec2};

use crate::{
    data::Province,
    scene::{LabelLanguage, names::name_lines},
};

/// The lines of `province`'s label in `language` at type `size`, laid out, top first.
pub fn name_galleys(
    painter: &Painter,
    province: &Province,
    language: LabelLanguage,
    size: f32,
    colour: Color32,
) -> Vec<Arc<Galley>> {
    name_lines(province, language)
        .into_iter()
        .map(|line| painter.layout_no_wrap(line.text, FontId::proportional(size), colour))
        .collect()
}

/// The box of a label made of `galleys`: the widest line, the lines' heights added.
pub fn galleys_size(galleys: &[Arc<Galley>]) -> Vec2 {
    galleys.iter().fold(Vec2::ZERO, |total, galley| {
        vec2(total.x.max(galley.size().x), total.y + galley.size().y)
    })
}

/// Where each line of a label centred at `centre` goes (its top-left corner), top first.
pub fn line_positions(galleys: &[Arc<Galley>], centre: Pos2) -> Vec<Pos2> {
    let size = galleys_size(galleys);
    let mut top = centre.y - size.y / 2.0;
    galleys
        .iter()
        .map(|galley| {
            let pos = Pos2::new(centre.x - galley.size().x / 2.0, top);
            top += galley.size().y;
            pos
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{data::load_embedded, text};
    use egui::{Context, RawInput};

    /// Grid that ink is compared on, after cropping to the ink's box.
    const GRID: (usize, usize) = (96, 32);

    /// A coverage image (0–1), row by row.
    struct Coverage {
        width: usize,
        height: usize,
        ink: Vec<f32>,
    }

    impl Coverage {
        fn new(width: usize, height: usize) -> Self {
            Self {
                width,
                height,
                ink: vec![0.0; width * height],
            }
        }

        fn from_pixmap(pixmap: &resvg::tiny_skia::Pixmap) -> Self {
            Self {
                width: pixmap.width() as usize,
                height: pixmap.height() as usize,
                ink: pixmap
                    .pixels()
                    .iter()
                    .map(|p| f32::from(p.alpha()) / 255.0)
                    .collect(),
            }
        }

        /// The ink cropped to its box and averaged onto [`GRID`], less its mean, as a unit vector.
        fn signature(&self) -> Vec<f32> {
            let inked = |x: usize, y: usize| self.ink[y * self.width + x] > 0.25;
            let xs: Vec<usize> = (0..self.width)
                .filter(|x| (0..self.height).any(|y| inked(*x, y)))
                .collect();
            let ys: Vec<usize> = (0..self.height)
                .filter(|y| (0..self.width).any(|x| inked(x, *y)))
                .collect();
            let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) =
                (xs.first(), xs.last(), ys.first(), ys.last())
            else {
                return vec![0.0; GRID.0 * GRID.1];
            };
            let (w, h) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
            let mut grid = vec![0.0f32; GRID.0 * GRID.1];
            let mut counts = vec![0.0f32; GRID.0 * GRID.1];
            for y in y0..=y1 {
                for x in x0..=x1 {
                    let gx = (((x - x0) as f32 / w) * GRID.0 as f32) as usize;
                    let gy = (((y - y0) as f32 / h) * GRID.1 as f32) as usize;
                    let cell = gy.min(GRID.1 - 1) * GRID.0 + gx.min(GRID.0 - 1);
                    grid[cell] += self.ink[y * self.width + x];
                    counts[cell] += 1.0;
                }
            }
            for (g, c) in grid.iter_mut().zip(&counts) {
                *g /= c.max(1.0);
            }
            let mean = grid.iter().sum::<f32>() / grid.len() as f32;
            grid.iter_mut().for_each(|g| *g -= mean);
            let norm = grid.iter().map(|g| g * g).sum::<f32>().sqrt().max(1e-6);
            grid.iter().map(|g| g / norm).collect()
        }
    }

    fn correlation(a: &Coverage, b: &Coverage) -> f32 {
        a.signature()
            .iter()
            .zip(b.signature())
            .map(|(x, y)| x * y)
            .sum()
    }

    /// Draws `galley` as egui's tessellator does (each glyph's quad from the font atlas, at
    /// one pixel per point) into a coverage image.
    fn draw_as_egui_does(galley: &Galley, atlas: &egui::ColorImage, origin: Vec2) -> Coverage {
        let mut out = Coverage::new(400, 120);
        for row in &galley.rows {
            for glyph in &row.row.glyphs {
                let uv = glyph.uv_rect;
                if uv.is_nothing() {
                    continue;
                }
                let left_top = (row.pos + glyph.pos.to_vec2() + uv.offset + origin).round();
                let (uw, uh) = (
                    usize::from(uv.max[0] - uv.min[0]),
                    usize::from(uv.max[1] - uv.min[1]),
                );
                for dy in 0..uh {
                    for dx in 0..uw {
                        let (x, y) = (left_top.x as i64 + dx as i64, left_top.y as i64 + dy as i64);
                        if x < 0 || y < 0 || x >= out.width as i64 || y >= out.height as i64 {
                            continue;
                        }
                        let texel = atlas.pixels[(usize::from(uv.min[1]) + dy) * atlas.size[0]
                            + usize::from(uv.min[0])
                            + dx];
                        let cell = &mut out.ink[y as usize * out.width + x as usize];
                        *cell = (*cell + f32::from(texel.a()) / 255.0).min(1.0);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_screen_draws_kabul_in_dari_joined_and_right_to_left() {
        let atlas = load_embedded();
        let kabul = atlas
            .provinces
            .iter()
            .find(|p| p.code == "AF-KAB")
            .expect("Kabul");
        let size = 48.0;
        let ctx = Context::default();
        crate::fonts::install_fonts(&ctx);
        let mut galleys = Vec::new();
        // The first pass loads the fonts; the second lays out with them.
        for _ in 0..2 {
            let mut output = ctx.run_ui(RawInput::default(), |ui| {
                galleys = name_galleys(
                    ui.painter(),
                    kabul,
                    LabelLanguage::Dari,
                    size,
                    Color32::BLACK,
                );
            });
            output.textures_delta.clear();
        }
        let [galley] = galleys.as_slice() else {
            panic!("one line for Dari, got {}", galleys.len());
        };
        let name = kabul.name_fa.as_deref().expect("a Dari name");
        assert_eq!(galley.text(), name);

        // Right to left: the first letter typed (kaf) is drawn rightmost, the last (lam) leftmost.
        let glyphs = &galley.rows[0].row.glyphs;
        let x_of = |c: char| {
            glyphs
                .iter()
                .find(|g| g.chr == c && !g.uv_rect.is_nothing())
                .map(|g| g.pos.x)
        };
        let first = name.chars().next().expect("a letter");
        let last = name.chars().last().expect("a letter");
        let (Some(first_x), Some(last_x)) = (x_of(first), x_of(last)) else {
            panic!("the first and last letters are drawn: {glyphs:?}");
        };
        assert!(first_x > last_x, "kaf at {first_x}, lam at {last_x}");

        // Joined: the drawing matches the shaped reference, not the letters set alone left to
        // right.
        let font_atlas = ctx.fonts(|fonts| fonts.image());
        let drawn = draw_as_egui_does(galley, &font_atlas, vec2(10.0, 10.0));
        let shaped = text::shape(name, size);
        let reference = Coverage::from_pixmap(
            &text::rasterise(&shaped, vec2(10.0, 80.0), 400, 120).expect("reference"),
        );
        let mut pen = 0.0;
        let mut letters = Vec::new();
        for c in name.chars() {
            let alone = text::shape(&c.to_string(), size);
            letters.extend(
                alone
                    .glyphs
                    .iter()
                    .map(|g| text::Glyph { x: pen + g.x, ..*g }),
            );
            pen += alone.width;
        }
        let letter_by_letter = text::ShapedLine {
            glyphs: letters,
            width: pen,
            ..shaped.clone()
        };
        let naive = Coverage::from_pixmap(
            &text::rasterise(&letter_by_letter, vec2(10.0, 80.0), 400, 120).expect("naive"),
        );
        let to_reference = correlation(&drawn, &reference);
        let to_naive = correlation(&drawn, &naive);
        eprintln!(
            "Kabul in Dari on screen: correlation {to_reference:.3} with the shaped reference, {to_naive:.3} with letters set alone left to right"
        );
        assert!(
            to_reference > 0.8 && to_reference > to_naive + 0.2,
            "correlation with the shaped reference {to_reference:.2}, with letters left to right {to_naive:.2}"
        );
    }
}
