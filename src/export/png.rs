//! SVG → PNG on the CPU (resvg / tiny-skia), with the bundled font loaded into resvg's font
//! database so text never depends on the fonts of the machine: the same PNG on every machine.

use super::ExportError;
use crate::fonts::PAGE_FACES;

/// Rasterises `svg` to a PNG of its own size.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    encode(&rasterise(svg)?)
}

/// Parses and renders `svg` into a pixmap of its own size.
pub fn rasterise(svg: &str) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
    let mut options = resvg::usvg::Options {
        font_family: super::svg::FONT_FAMILY.to_owned(),
        ..Default::default()
    };
    for face in PAGE_FACES {
        // The bundled bytes themselves, not a copy of them (1.5 MB less at the peak).
        options
            .fontdb_mut()
            .load_font_source(resvg::usvg::fontdb::Source::Binary(std::sync::Arc::new(
                face,
            )));
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width(), size.height());
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width}×{height} image")))?;
    render_in_bands(&tree, &mut pixmap);
    Ok(pixmap)
}

/// Bands rendered in parallel. Fixed, not the number of cores: tiny-skia's anti-aliasing of an
/// edge can differ by a few levels with the canvas it is clipped to, and the same export must
/// give the same bytes on every machine. Two, not more: every band walks every path of the page
/// (edges built, clipped and sorted), so each band adds that work again: measured on the
/// 1920×1080 map, 50 ms of CPU for one band, 60 for two, 90 for four.
const BANDS: u32 = 2;

/// Renders in horizontal bands on their own threads: each band renders the whole tree shifted
/// up by its first row. Twice as fast on two cores as one render.
fn render_in_bands(tree: &resvg::usvg::Tree, pixmap: &mut resvg::tiny_skia::Pixmap) {
    let (width, height) = (pixmap.width(), pixmap.height());
    let rows_per_band = height.div_ceil(BANDS);
    let row_bytes = width as usize * 4;
    std::thread::scope(|scope| {
        for (index, bytes) in pixmap
            .data_mut()
            .chunks_mut(rows_per_band as usize * row_bytes)
            .enumerate()
        {
            let first_row = index as u32 * rows_per_band;
            let rows = (bytes.len() / row_bytes) as u32;
            scope.spawn(move || {
                if let Some(mut band) = resvg::tiny_skia::PixmapMut::from_bytes(bytes, width, rows)
                {
                    let shift =
                        resvg::tiny_skia::Transform::from_translate(0.0, -(first_row as f32));
                    resvg::render(tree, shift, &mut band);
                }
            });
        }
    });
}

/// Encodes a pixmap as an 8-bit PNG: RGB when every pixel is opaque (exported pages are), RGBA
/// otherwise. Fast compression (fdeflate): a third of the time of the default for files about
/// 10 % larger, which matters when a deck script renders dozens of slides. One filter, Paeth, for
/// every row rather than the best of five tried on each: measured on the 1920×1080 map, 3.9 ms
/// instead of 12.9 ms for a file 2 % larger (655 KB instead of 642 KB; Up: 738 KB, Sub: 789 KB).
pub fn encode(pixmap: &resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, ExportError> {
    let premultiplied = pixmap.data();
    let opaque = premultiplied.chunks_exact(4).all(|p| p[3] == 255);
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(if opaque {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Paeth);
    let error = |e: png::EncodingError| ExportError::Render(format!("PNG encoding: {e}"));
    let write_error = |e: std::io::Error| ExportError::Render(format!("PNG encoding: {e}"));
    let mut writer = encoder.write_header().map_err(error)?;
    // Row by row: no second copy of the page (6 MB at 1920×1080) at the peak.
    let mut stream = writer.stream_writer().map_err(error)?;
    let width = pixmap.width() as usize;
    let mut row = vec![0; width * if opaque { 3 } else { 4 }];
    for (bytes, pixels) in premultiplied
        .chunks_exact(width * 4)
        .zip(pixmap.pixels().chunks_exact(width))
    {
        if opaque {
            // Opaque pixels are the same premultiplied or not: just drop alpha (whole slices,
            // which the compiler vectorises; pixel by pixel it was a third of the encoding).
            for (out, pixel) in row.chunks_exact_mut(3).zip(bytes.chunks_exact(4)) {
                out.copy_from_slice(&pixel[..3]);
            }
        } else {
            for (out, pixel) in row.chunks_exact_mut(4).zip(pixels) {
                let c = pixel.demultiply();
                out.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
            }
        }
        std::io::Write::write_all(&mut stream, &row).map_err(write_error)?;
    }
    stream.finish().map_err(error)?;
    writer.finish().map_err(error)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banded_render_matches_one_render_and_repeats_exactly() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="301" height="203">
            <rect width="100%" height="100%" fill="#fff"/>
            <path d="M10 5 L290 101 L40 198 Z" fill="#3a7" stroke="#123" stroke-width="2.5"/>
            <circle cx="150" cy="101" r="60" fill="none" stroke="#d60" stroke-width="7"/>
            <text x="20" y="110" font-size="31">Panjshir</text></svg>"##;
        let banded = rasterise(svg).expect("renders");
        assert!(
            banded.data() == rasterise(svg).expect("renders").data(),
            "deterministic"
        );
        let mut options = resvg::usvg::Options {
            font_family: super::super::svg::FONT_FAMILY.to_owned(),
            ..Default::default()
        };
        for face in PAGE_FACES {
            options.fontdb_mut().load_font_data(face.to_vec());
        }
        let tree = resvg::usvg::Tree::from_str(svg, &options).expect("parses");
        let mut whole = resvg::tiny_skia::Pixmap::new(301, 203).expect("pixmap");
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut whole.as_mut(),
        );
        assert!(
            whole.pixels().iter().any(|p| p.red() < 100),
            "something was drawn"
        );
        // A few edge pixels may be anti-aliased a little differently (measured: under 0.3 % of
        // the bytes, by at most a quarter of the range); nothing else may change.
        let differences: Vec<u8> = (banded.data().iter().zip(whole.data()))
            .map(|(a, b)| a.abs_diff(*b))
            .filter(|d| *d > 0)
            .collect();
        let worst = differences.iter().max().copied().unwrap_or(0);
        assert!(worst <= 64, "worst difference {worst}");
        assert!(
            differences.len() < banded.data().len() / 200,
            "{} differ",
            differences.len()
        );
    }

    #[test]
    fn pixels_survive_encoding_opaque_and_translucent() {
        for svg in [
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="7" height="3"><rect width="100%" height="100%" fill="#fff"/><rect x="2" width="3" height="2" fill="#c83214"/></svg>"##,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="7" height="3"><rect x="2" width="3" height="2" fill="#c83214" fill-opacity="0.5"/></svg>"##,
        ] {
            let pixmap = rasterise(svg).expect("renders");
            let png = encode(&pixmap).expect("encodes");
            let mut reader = ::png::Decoder::new(std::io::Cursor::new(png))
                .read_info()
                .expect("a PNG");
            let mut decoded = vec![0; reader.output_buffer_size().expect("a size")];
            let info = reader.next_frame(&mut decoded).expect("decodes");
            let channels = info.color_type.samples();
            for (i, pixel) in pixmap.pixels().iter().enumerate() {
                let c = pixel.demultiply();
                let expected = [c.red(), c.green(), c.blue(), c.alpha()];
                assert_eq!(
                    decoded[i * channels..(i + 1) * channels],
                    expected[..channels],
                    "pixel {i} of {svg}"
                );
            }
        }
    }

    #[test]
    fn opaque_pages_encode_as_rgb_png_of_their_size() {
        let pixmap = rasterise(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="100%" height="100%" fill="#abc"/></svg>"##,
        )
        .expect("renders");
        let png = encode(&pixmap).expect("encodes");
        let decoder = ::png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().expect("a PNG");
        let info = reader.info();
        assert_eq!((info.width, info.height), (320, 200));
        assert_eq!(info.color_type, ::png::ColorType::Rgb);
    }
}
