//! The app icon (`assets/icon.svg`, drawn by `tools/make_icon.py`), rendered for the window.

use crate::export::png::rasterise;

/// The icon as SVG, for desktop entries and packages.
pub const ICON_SVG: &str = include_str!("../assets/icon.svg");

/// The icon at 256×256 as rendered by [`icon_rgba`] and kept in `assets/icons/` (see
/// `write_icon_pngs` below; a test checks it is still what the SVG gives).
const ICON_256_PNG: &[u8] = include_bytes!("../assets/icons/256x256.png");

/// The window's icon: the 256×256 PNG decoded, a millisecond where rendering the SVG takes tens
/// of them before the window can open; rendered from the SVG if the PNG cannot be read.
pub fn window_icon() -> Option<egui::IconData> {
    decode_rgba(ICON_256_PNG).or_else(|| icon_rgba(256))
}

/// An 8-bit RGBA PNG's pixels.
fn decode_rgba(png_bytes: &[u8]) -> Option<egui::IconData> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .ok()?;
    let info = reader.info();
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    let mut rgba = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut rgba).ok()?;
    rgba.truncate(frame.buffer_size());
    Some(egui::IconData {
        rgba,
        width: frame.width,
        height: frame.height,
    })
}

/// The icon at `size`×`size` pixels, as straight (not premultiplied) RGBA rows, for the window.
pub fn icon_rgba(size: u32) -> Option<egui::IconData> {
    // The drawing keeps its view box; only the pixel size changes.
    let scaled = ICON_SVG.replacen(
        r#"width="256" height="256""#,
        &format!(r#"width="{size}" height="{size}""#),
        1,
    );
    let pixmap = rasterise(&scaled).ok()?;
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Some(egui::IconData {
        rgba,
        width: pixmap.width(),
        height: pixmap.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the PNG icons packages need (`assets/icons/`), from the SVG, with this renderer:
    /// `cargo test --lib write_icon_pngs -- --ignored`, after `python3 tools/make_icon.py`.
    #[test]
    #[ignore = "regenerates assets; run by hand"]
    fn write_icon_pngs() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
        std::fs::create_dir_all(&folder).expect("folder");
        for size in [32, 64, 128, 256, 512] {
            let icon = icon_rgba(size).expect("renders");
            let mut bytes = Vec::new();
            let mut encoder = png::Encoder::new(&mut bytes, size, size);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().expect("header");
            writer.write_image_data(&icon.rgba).expect("pixels");
            writer.finish().expect("png");
            std::fs::write(folder.join(format!("{size}x{size}.png")), bytes).expect("written");
        }
    }

    #[test]
    fn the_window_icon_is_the_svg_rendered_at_256() {
        let kept = window_icon().expect("the PNG decodes");
        let rendered = icon_rgba(256).expect("renders");
        assert_eq!((kept.width, kept.height), (256, 256));
        assert_eq!(kept.rgba.len(), rendered.rgba.len());
        // Equal but for a level of rounding where edges are anti-aliased; a changed drawing
        // differs by far more. Regenerate with `write_icon_pngs` when it does.
        let off = kept
            .rgba
            .iter()
            .zip(&rendered.rgba)
            .filter(|(a, b)| a.abs_diff(**b) > 2)
            .count();
        assert_eq!(
            off, 0,
            "assets/icons/256x256.png is not icon.svg as rendered now: run `cargo test --lib write_icon_pngs -- --ignored`"
        );
    }

    #[test]
    fn the_icon_renders_with_the_country_on_its_tile() {
        let icon = icon_rgba(64).expect("renders");
        assert_eq!((icon.width, icon.height), (64, 64));
        let pixel = |x: usize, y: usize| &icon.rgba[(y * 64 + x) * 4..][..4];
        assert_eq!(pixel(0, 0)[3], 0, "rounded corner: transparent");
        assert_eq!(pixel(4, 32), &[0x1d, 0x42, 0x57, 255], "the tile");
        let near = |p: &[u8], c: [u8; 3]| p.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= 6);
        let count = |c: [u8; 3]| icon.rgba.chunks_exact(4).filter(|p| near(p, c)).count();
        assert!(
            count([0xec, 0xe7, 0xdf]) > 64 * 64 / 20,
            "the country in sand"
        );
        assert!(count([0x00, 0x9e, 0x73]) > 0, "Panjshir in green");
    }
}
