//! Exported pages as one vector PDF (svg2pdf, pdf-writer): each SVG page becomes a form XObject
//! drawn full-size on a page of its own, with the bundled font embedded (subset), so the PDF
//! prints sharp at any size and reads the same on every machine.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};

use super::ExportError;
use crate::fonts::PAGE_FACES;

/// One PDF with a page per SVG, in order, each pixel `points_per_pixel` PDF points wide (see
/// [`crate::scene::PageSize::pdf_points_per_pixel`]). Text stays text: selectable, searchable,
/// in the bundled faces (embedded as subsets).
pub fn pages_to_pdf(pages: &[String], points_per_pixel: f32) -> Result<Vec<u8>, ExportError> {
    let mut options = svg2pdf::usvg::Options {
        font_family: super::svg::FONT_FAMILY.to_owned(),
        ..Default::default()
    };
    for face in PAGE_FACES {
        options.fontdb_mut().load_font_data(face.to_vec());
    }

    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let page_tree_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::new();
    for page in pages {
        let tree = svg2pdf::usvg::Tree::from_str(page, &options)
            .map_err(|e| ExportError::Render(format!("PDF page: {e}")))?;
        let (chunk, svg_id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| ExportError::Render(format!("PDF page: {e}")))?;
        let mut renumbered = HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = renumbered
            .get(&svg_id)
            .copied()
            .ok_or_else(|| ExportError::Render("PDF page: the drawing went missing".to_owned()))?;

        let (width, height) = (
            tree.size().width() * points_per_pixel,
            tree.size().height() * points_per_pixel,
        );
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let svg_name = Name(b"S1");
        let mut page_writer = pdf.page(page_id);
        page_writer.media_box(Rect::new(0.0, 0.0, width, height));
        page_writer.parent(page_tree_id);
        page_writer.contents(content_id);
        page_writer.resources().x_objects().pair(svg_name, svg_id);
        page_writer.finish();
        let mut content = Content::new();
        content
            .transform([width, 0.0, 0.0, height, 0.0, 0.0])
            .x_object(svg_name);
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
        page_ids.push(page_id);
    }
    pdf.catalog(catalog_id).pages(page_tree_id);
    let count = i32::try_from(page_ids.len()).unwrap_or(i32::MAX);
    pdf.pages(page_tree_id).kids(page_ids).count(count);
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_becomes_a_pdf_page_with_the_font_embedded() {
        let page = |text: &str| {
            format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="100%" height="100%" fill="#abc"/><text x="20" y="50" font-size="20">{text}</text></svg>"##
            )
        };
        let pdf =
            pages_to_pdf(&[page("Panjshir"), page("Kabul"), page("Herat")], 0.75).expect("pdf");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-"));
        assert!(text.contains("/Count 3"), "three pages");
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 3, "three page objects");
        assert!(text.contains("/MediaBox [0 0 300 225]"), "pixels → points");
        assert!(text.contains("DejaVu"), "the bundled font is embedded");
    }
}
