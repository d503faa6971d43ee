//! Where things go on an exported page: title band, map, legend column, footer. Everything is
//! proportional to the page height, so a 4K or A4 export is the 1080p layout scaled up.

use egui::{Pos2, Rect, Vec2};

/// An output size in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl PageSize {
    /// Full HD.
    pub const HD: Self = Self {
        width: 1920,
        height: 1080,
    };
    /// 4K UHD.
    pub const UHD: Self = Self {
        width: 3840,
        height: 2160,
    };
    /// A4 landscape at 300 dpi (297 × 210 mm).
    pub const A4_LANDSCAPE_300DPI: Self = Self {
        width: 3508,
        height: 2480,
    };

    /// PDF points (1/72 inch) per pixel: A4 at 300 dpi becomes A4 on paper (297 × 210 mm); any
    /// other size is taken at 96 dpi, so a 1920-pixel page is 1440 pt (20 inches) wide, the size
    /// presentation software expects of a 16:9 slide.
    pub fn pdf_points_per_pixel(self) -> f32 {
        if self == Self::A4_LANDSCAPE_300DPI {
            72.0 / 300.0
        } else {
            72.0 / 96.0
        }
    }

    /// Parses `1920x1080`, or the names `hd`, `4k` and `a4`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "hd" | "1080p" => return Ok(Self::HD),
            "4k" | "uhd" => return Ok(Self::UHD),
            "a4" => return Ok(Self::A4_LANDSCAPE_300DPI),
            _ => {}
        }
        let (w, h) = text
            .split_once(['x', 'X'])
            .ok_or_else(|| format!("size \"{text}\" should look like 1920x1080 (or hd, 4k, a4)"))?;
        let parse = |s: &str| {
            s.trim()
                .parse::<u32>()
                .ok()
                .filter(|v| (200..=10_000).contains(v))
        };
        match (parse(w), parse(h)) {
            (Some(width), Some(height)) => Ok(Self { width, height }),
            _ => Err(format!(
                "size \"{text}\": width and height must be whole numbers from 200 to 10000"
            )),
        }
    }
}

/// The regions of a page, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageLayout {
    /// The whole page.
    pub page: Rect,
    /// Title and subtitle.
    pub title: Rect,
    /// The map.
    pub map: Rect,
    /// Legend, notes.
    pub legend: Rect,
    /// Credits.
    pub footer: Rect,
    /// One layout unit: 1/1080 of the page height (a 1 px line at 1080p).
    pub unit: f32,
}

impl PageLayout {
    /// The layout for a page of `size`, with room in the footer for two lines of credits under
    /// the boundary line.
    pub fn new(size: PageSize) -> Self {
        Self::with_footer_lines(size, 2)
    }

    /// The layout for a page of `size` whose footer holds `credit_lines` lines of credits under
    /// the boundary line (the map gives up the height they need).
    pub fn with_footer_lines(size: PageSize, credit_lines: usize) -> Self {
        let page =
            Rect::from_min_size(Pos2::ZERO, Vec2::new(size.width as f32, size.height as f32));
        let unit = page.height() / 1080.0;
        let margin = 36.0 * unit;
        let inner = page.shrink(margin);
        let title = Rect::from_min_size(inner.min, Vec2::new(inner.width(), 96.0 * unit));
        let footer = Rect::from_min_max(
            Pos2::new(
                inner.left(),
                inner.bottom() - (34.0 + 18.0 * credit_lines.max(1) as f32) * unit,
            ),
            inner.max,
        );
        let legend_width = (inner.width() * 0.24).clamp(300.0 * unit, 460.0 * unit);
        let body_top = title.bottom() + 12.0 * unit;
        let body_bottom = footer.top() - 12.0 * unit;
        let legend = Rect::from_min_max(
            Pos2::new(inner.right() - legend_width, body_top),
            Pos2::new(inner.right(), body_bottom),
        );
        let map = Rect::from_min_max(
            Pos2::new(inner.left(), body_top),
            Pos2::new(legend.left() - 24.0 * unit, body_bottom),
        );
        Self {
            page,
            title,
            map,
            legend,
            footer,
            unit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_by_name_and_by_numbers() {
        assert_eq!(PageSize::parse("1920x1080"), Ok(PageSize::HD));
        assert_eq!(PageSize::parse("4k"), Ok(PageSize::UHD));
        assert_eq!(PageSize::parse("A4"), Ok(PageSize::A4_LANDSCAPE_300DPI));
        assert!(PageSize::parse("1920by1080").is_err());
        assert!(PageSize::parse("10x10").is_err());
    }

    #[test]
    fn regions_do_not_overlap_and_stay_on_the_page() {
        for size in [PageSize::HD, PageSize::UHD, PageSize::A4_LANDSCAPE_300DPI] {
            let layout = PageLayout::new(size);
            for rect in [layout.title, layout.map, layout.legend, layout.footer] {
                assert!(layout.page.contains_rect(rect));
            }
            assert!(!layout.map.intersects(layout.legend));
            assert!(layout.map.bottom() <= layout.footer.top());
        }
    }
}
