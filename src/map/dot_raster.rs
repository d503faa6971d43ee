//! Event dots painted into an image: a disc in the dot's colour with a darker rim and an
//! anti-aliased edge, at an opacity (dots are translucent so that overlapping ones add up),
//! composited over what is already there (premultiplied alpha).
//!
//! The Events layer draws a tile of single events as one textured quad made from this image,
//! instead of a quad per event: egui then copies four vertices a tile each frame instead of
//! four per event (tens of thousands when zoomed in).

use egui::{Color32, Pos2};

use super::canvas::{Canvas, blend, from_channels};

/// Share of a dot's radius that is rim (the rest is its colour).
const RIM_SHARE: f32 = 0.22;
/// How dark the rim is, as a fraction of the dot's colour.
const RIM_SHADE: f32 = 0.27;

impl Canvas {
    /// Paints a dot of `radius` pixels centred at `centre` (pixels from the top-left corner) over
    /// what is there, at `opacity` (0–1).
    pub fn dot(&mut self, centre: Pos2, radius: f32, colour: Color32, opacity: f32) {
        if radius <= 0.0 || !centre.x.is_finite() || !centre.y.is_finite() || opacity.is_nan() {
            return;
        }
        let opacity = opacity.clamp(0.0, 1.0);
        let [width, height] = self.size;
        let reach = radius + 1.0;
        let x0 = ((centre.x - reach).floor().max(0.0)) as usize;
        let y0 = ((centre.y - reach).floor().max(0.0)) as usize;
        let x1 = ((centre.x + reach).ceil().min(width as f32)) as usize;
        let y1 = ((centre.y + reach).ceil().min(height as f32)) as usize;
        let inner = radius * (1.0 - RIM_SHARE);
        let fill = [colour.r(), colour.g(), colour.b()].map(f32::from);
        let rim = fill.map(|c| c * RIM_SHADE);
        let solid = Color32::from_rgb(colour.r(), colour.g(), colour.b());
        // Pixels whose centre is this near are wholly the dot's colour, and this far, untouched:
        // only the two rings between need a square root.
        let solid_within = (inner - 0.5).max(0.0).powi(2);
        let clear_beyond = (radius + 0.5).powi(2);
        for y in y0..y1 {
            let dy = y as f32 + 0.5 - centre.y;
            let row = &mut self.pixels[y * width..(y + 1) * width];
            for (x, pixel) in row.iter_mut().enumerate().take(x1).skip(x0) {
                let dx = x as f32 + 0.5 - centre.x;
                let squared = dx * dx + dy * dy;
                if squared >= clear_beyond {
                    continue;
                }
                if squared <= solid_within {
                    if opacity >= 1.0 {
                        *pixel = solid;
                    } else {
                        blend(
                            pixel,
                            from_channels([
                                fill[0] * opacity,
                                fill[1] * opacity,
                                fill[2] * opacity,
                                255.0 * opacity,
                            ]),
                        );
                    }
                    continue;
                }
                let distance = squared.sqrt();
                let coverage = (radius - distance + 0.5).clamp(0.0, 1.0) * opacity;
                // A one-pixel blend from rim to fill, so the edge between them is smooth too.
                let inside = (inner - distance + 0.5).clamp(0.0, 1.0);
                let shade = |channel: usize| {
                    (rim[channel] + (fill[channel] - rim[channel]) * inside) * coverage
                };
                blend(
                    pixel,
                    from_channels([shade(0), shade(1), shade(2), 255.0 * coverage]),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::ColorImage;

    fn pixel(image: &ColorImage, x: usize, y: usize) -> Color32 {
        image.pixels[y * image.size[0] + x]
    }

    #[test]
    fn a_dot_is_its_colour_inside_dark_at_the_rim_and_clear_outside() {
        let mut image = Canvas::new([40, 40]);
        let red = Color32::from_rgb(200, 40, 40);
        image.dot(Pos2::new(20.0, 20.0), 10.0, red, 1.0);
        let image = image.into_color_image();
        assert_eq!(pixel(&image, 20, 20), red, "the centre");
        let rim = pixel(&image, 20, 11);
        assert_eq!(rim.a(), 255, "the rim is opaque");
        assert!(rim.r() < 100, "and dark: {rim:?}");
        let edge = pixel(&image, 20, 10);
        assert!(
            edge.a() > 0 && edge.a() < 255,
            "the edge is smoothed: {edge:?}"
        );
        assert_eq!(pixel(&image, 2, 2), Color32::TRANSPARENT, "outside");
    }

    #[test]
    fn a_later_dot_covers_an_earlier_one_and_dots_past_the_edge_are_clipped() {
        let mut image = Canvas::new([20, 20]);
        image.dot(
            Pos2::new(10.0, 10.0),
            8.0,
            Color32::from_rgb(0, 0, 200),
            1.0,
        );
        image.dot(
            Pos2::new(10.0, 10.0),
            4.0,
            Color32::from_rgb(0, 200, 0),
            1.0,
        );
        image.dot(Pos2::new(-50.0, 10.0), 4.0, Color32::WHITE, 1.0);
        image.dot(Pos2::new(f32::NAN, 10.0), 4.0, Color32::WHITE, 1.0);
        let image = image.into_color_image();
        assert_eq!(pixel(&image, 10, 10), Color32::from_rgb(0, 200, 0));
        assert_eq!(pixel(&image, 10, 4), Color32::from_rgb(0, 0, 200));
        assert_eq!(pixel(&image, 0, 10), Color32::TRANSPARENT);
    }

    #[test]
    fn translucent_dots_add_up_where_they_overlap() {
        let mut image = Canvas::new([30, 30]);
        let red = Color32::from_rgb(200, 40, 40);
        image.dot(Pos2::new(10.0, 15.0), 6.0, red, 0.45);
        image.dot(Pos2::new(14.0, 15.0), 6.0, red, 0.45);
        let image = image.into_color_image();
        let once = pixel(&image, 6, 15).a();
        let twice = pixel(&image, 12, 15).a();
        assert!(once > 100 && once < 130, "one dot: {once}");
        assert!(
            twice > once + 40,
            "two dots over each other are darker: {once} then {twice}"
        );
    }
}
