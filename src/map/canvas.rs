//! An image being painted in software: premultiplied sRGBA bytes, composited the way egui's
//! renderer blends into its 8-bit framebuffer (premultiplied "over", in gamma space), so what is
//! painted here looks as it would if egui had drawn it.
//!
//! The painting itself is elsewhere, one way per file: event dots ([`super::dot_raster`]) and
//! egui meshes ([`super::mesh_raster`]).

use egui::{Color32, ColorImage};

/// An image being painted; transparent at first.
pub struct Canvas {
    pub(super) size: [usize; 2],
    pub(super) pixels: Vec<Color32>,
}

impl Canvas {
    /// A transparent image of `size` pixels (width, height).
    pub fn new(size: [usize; 2]) -> Self {
        Self {
            size,
            pixels: vec![Color32::TRANSPARENT; size[0] * size[1]],
        }
    }

    /// Whether nothing has been painted on it (every pixel is fully transparent).
    pub fn is_clear(&self) -> bool {
        self.pixels.iter().all(|pixel| pixel.a() == 0)
    }

    /// The image as egui takes it.
    pub fn into_color_image(self) -> ColorImage {
        ColorImage::new(self.size, self.pixels)
    }
}

/// `source` over `target` (both premultiplied).
#[inline]
pub(super) fn blend(target: &mut Color32, source: Color32) {
    let keep = 255 - u16::from(source.a());
    if keep == 0 {
        *target = source;
        return;
    }
    let [r, g, b, a] = source.to_array();
    let [tr, tg, tb, ta] = target.to_array();
    let over = |s: u8, t: u8| s.saturating_add(times_255th(u16::from(t) * keep));
    *target = Color32::from_rgba_premultiplied(over(r, tr), over(g, tg), over(b, tb), over(a, ta));
}

/// `x / 255`, rounded, for `x` up to 255².
#[inline]
fn times_255th(x: u16) -> u8 {
    let x = u32::from(x) + 128;
    ((x + (x >> 8)) >> 8) as u8
}

/// A premultiplied colour from channels in 0–255 (clamped, rounded).
#[inline]
pub(super) fn from_channels(channels: [f32; 4]) -> Color32 {
    let byte = |v: f32| (v.clamp(0.0, 255.0) + 0.5) as u8;
    Color32::from_rgba_premultiplied(
        byte(channels[0]),
        byte(channels[1]),
        byte(channels[2]),
        byte(channels[3]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blending_is_premultiplied_over_rounded_to_bytes() {
        let mut pixel = Color32::from_rgb(200, 100, 0);
        blend(&mut pixel, Color32::from_black_alpha(128));
        assert_eq!(pixel, Color32::from_rgb(100, 50, 0));
        blend(&mut pixel, Color32::TRANSPARENT);
        assert_eq!(pixel, Color32::from_rgb(100, 50, 0));
        blend(&mut pixel, Color32::WHITE);
        assert_eq!(pixel, Color32::WHITE);
        let mut clear = Color32::TRANSPARENT;
        blend(&mut clear, Color32::from_white_alpha(64));
        assert_eq!(clear, Color32::from_white_alpha(64));
        for x in [0u16, 1, 127, 128, 254, 255 * 255] {
            let exact = (f32::from(x) / 255.0).round() as u8;
            assert_eq!(times_255th(x), exact, "{x}");
        }
    }
}
