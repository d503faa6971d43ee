//! SVG → PNG on the CPU (resvg / tiny-skia), with the bundled font loaded into resvg's font
//! database so text never depends on the fonts of the machine.

use super::ExportError;
use crate::fonts::DEJAVU_SANS;

/// Rasterises `svg` to a PNG of its own size.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    let mut options = resvg::usvg::Options {
        font_family: super::svg::FONT_FAMILY.to_owned(),
        ..Default::default()
    };
    options.fontdb_mut().load_font_data(DEJAVU_SANS.to_vec());
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
            ExportError::Render(format!(
                "cannot make a {}×{} image",
                size.width(),
                size.height()
            ))
        })?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
