//! Exporting a whole deck: each slide laid out as an exported page (its title, its groups and
//! dates, its extent and selection), written as one PNG per slide into a folder
//! (`01-title.png`, `02-…`) and one multi-page PDF of them all (`deck.pdf`).

use std::path::{Path, PathBuf};

use super::{ExportError, MapExport, PageSize, describe_filters, png, render_svg, write_atomic};
use crate::{data::Atlas, deck::Deck, geometry::MapGeometry, map::events_scene::LoadedEvents};

/// The file name of the PDF written beside the PNGs.
pub const DECK_PDF_NAME: &str = "deck.pdf";

/// The files a deck export writes, in slide order, and the PDF last.
pub fn deck_file_names(deck: &Deck) -> Vec<String> {
    let mut names: Vec<String> = deck
        .slides
        .iter()
        .enumerate()
        .map(|(index, slide)| format!("{:02}-{}.png", index + 1, slug(&slide.title)))
        .collect();
    names.push(DECK_PDF_NAME.to_owned());
    names
}

/// The SVG page of every slide, at `size`.
pub fn slide_pages(
    atlas: &Atlas,
    geometry: &MapGeometry,
    deck: &Deck,
    events: Option<&LoadedEvents>,
    size: PageSize,
) -> Vec<String> {
    deck.slides
        .iter()
        .map(|slide| {
            let export = MapExport {
                atlas,
                geometry,
                filters: &slide.filters,
                view: slide.view,
                title: slide.title.clone(),
                subtitle: describe_filters(&slide.filters),
                selected: slide
                    .selected_province
                    .as_deref()
                    .and_then(|code| atlas.province_by_code(code)),
                events,
            };
            render_svg(&export, size)
        })
        .collect()
}

/// Writes one 1920×1080 PNG per slide and `deck.pdf` into `folder` (made if missing). Refuses,
/// before writing anything, if one of those files exists and `overwrite` is false. Returns the
/// paths written.
pub fn export_deck(
    atlas: &Atlas,
    geometry: &MapGeometry,
    deck: &Deck,
    events: Option<&LoadedEvents>,
    folder: &Path,
    overwrite: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let paths: Vec<PathBuf> = deck_file_names(deck)
        .iter()
        .map(|name| folder.join(name))
        .collect();
    if !overwrite && let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(ExportError::Exists(existing.clone()));
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| ExportError::Write(folder.to_path_buf(), e.to_string()))?;
    let pages = slide_pages(atlas, geometry, deck, events, PageSize::HD);
    for (page, path) in pages.iter().zip(&paths) {
        write_atomic(path, &png::svg_to_png(page)?, true)?;
    }
    if let Some(pdf_path) = paths.last() {
        write_atomic(pdf_path, &super::pdf::pages_to_pdf(&pages)?, true)?;
    }
    Ok(paths)
}

/// A file-name-safe form of a title: lower case letters and digits joined by hyphens.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "slide".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deck_exports_one_png_per_slide_and_a_pdf_of_them_all() {
        let atlas = crate::data::load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let slide = |title: &str, province: Option<&str>| crate::deck::Slide {
            title: title.to_owned(),
            selected_province: province.map(str::to_owned),
            filters: crate::state::Filters {
                visible_groups: Some(["NRF".to_owned()].into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let deck = Deck {
            slides: vec![
                slide("The country", None),
                slide("Panjshir", Some("AF-PAN")),
            ],
            ..Deck::default()
        };
        let folder = std::env::temp_dir().join(format!("atlas-deck-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        let written = export_deck(&atlas, &geometry, &deck, None, &folder, false).expect("exports");
        let names: Vec<String> = written
            .iter()
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["01-the-country.png", "02-panjshir.png", "deck.pdf"]);
        for png in &written[..2] {
            let bytes = std::fs::read(png).expect("png");
            assert_eq!(&bytes[16..24], &[0, 0, 7, 128, 0, 0, 4, 56], "1920×1080");
        }
        let pdf = std::fs::read(&written[2]).expect("pdf");
        assert!(
            String::from_utf8_lossy(&pdf).contains("/Count 2"),
            "a page per slide"
        );
        let again =
            export_deck(&atlas, &geometry, &deck, None, &folder, false).expect_err("exists");
        assert!(
            matches!(again, ExportError::Exists(_)),
            "nothing replaced without asking"
        );
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Panjshir — NRF, AFF"), "panjshir-nrf-aff");
        assert_eq!(slug("  ??? "), "slide");
        assert_eq!(
            slug("2024: Kabul attacks (UN-verified)"),
            "2024-kabul-attacks-un-verified"
        );
    }
}
