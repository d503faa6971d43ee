//! Exporting a whole deck: each slide laid out as an exported page (its title, its groups and
//! dates, its extent and selection), written as one PNG per slide into a folder
//! (`01-title.png`, `02-…`), one multi-page PDF of them all (`deck.pdf`) and the deck as
//! PowerPoint (`deck.pptx`: titles as text, the map and legend as pictures, credits in a text
//! box, the presenter notes as speaker notes).
//!
//! All or nothing: every file is rendered into a private temporary folder inside the target
//! folder and moved into place only when the whole set is done, so a full disk or a slide that
//! fails to render leaves no partial set behind (and nothing that "already exists" on the retry).

use std::path::{Path, PathBuf};

use super::{
    ExportError, MapExport, PageLayout, PageSize, PatternFills, describe_filters, png,
    pptx::{PptxSlide, deck_to_pptx},
    render_svg, render_svg_with,
    svg::page_plan,
};
use crate::{
    data::Atlas,
    deck::{Deck, Slide},
    geometry::MapGeometry,
    scene::{events::LoadedEvents, view},
};

/// The file name of the PDF written beside the PNGs.
pub const DECK_PDF_NAME: &str = "deck.pdf";

/// The file name of the PowerPoint deck written beside the PNGs.
pub const DECK_PPTX_NAME: &str = "deck.pptx";

/// The files a deck export writes, in slide order, then the PDF and the PowerPoint deck.
pub fn deck_file_names(deck: &Deck) -> Vec<String> {
    let mut names: Vec<String> = deck
        .slides
        .iter()
        .enumerate()
        .map(|(index, slide)| format!("{:02}-{}.png", index + 1, slug(&slide.title)))
        .collect();
    names.push(DECK_PDF_NAME.to_owned());
    names.push(DECK_PPTX_NAME.to_owned());
    names
}

/// A slide laid out as an exported page.
#[derive(Clone, Debug)]
pub struct SlidePage {
    /// The page.
    pub svg: String,
    /// Where its title, map, legend and footer are.
    pub layout: PageLayout,
    /// Its credit lines (the footer's, under the boundary line).
    pub credits: Vec<String>,
}

/// The page of every slide, at `size`.
pub fn slide_pages(
    atlas: &Atlas,
    geometry: &MapGeometry,
    deck: &Deck,
    events: Option<&LoadedEvents>,
    size: PageSize,
) -> Vec<SlidePage> {
    deck.slides
        .iter()
        .map(|slide| slide_page(atlas, geometry, slide, events, size))
        .collect()
}

/// One slide laid out as a page, at `size`.
fn slide_page(
    atlas: &Atlas,
    geometry: &MapGeometry,
    slide: &Slide,
    events: Option<&LoadedEvents>,
    size: PageSize,
) -> SlidePage {
    let export = slide_export(atlas, geometry, slide, events);
    let (layout, credits) = page_plan(&export, size);
    SlidePage {
        svg: render_svg(&export, size),
        layout,
        credits,
    }
}

/// What a slide's page draws.
fn slide_export<'a>(
    atlas: &'a Atlas,
    geometry: &'a MapGeometry,
    slide: &'a Slide,
    events: Option<&'a LoadedEvents>,
) -> MapExport<'a> {
    MapExport {
        atlas,
        geometry,
        filters: &slide.filters,
        view: view::contain(slide.view, geometry.bounds_in_map),
        title: slide.title.clone(),
        subtitle: describe_filters(&slide.filters),
        selected: slide
            .selected_province
            .as_deref()
            .and_then(|code| atlas.province_by_code(code)),
        events,
        labels: slide.labels,
    }
}

/// How far a deck export has come: the step about to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeckProgress {
    /// Slide `number` (from 1) of `of` is being rendered.
    Slide {
        /// Which slide, from 1.
        number: usize,
        /// How many slides in all.
        of: usize,
    },
    /// The PDF of every slide is being written.
    Pdf,
    /// The PowerPoint deck is being written.
    Pptx,
}

impl std::fmt::Display for DeckProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Slide { number, of } => write!(f, "slide {number}/{of}"),
            Self::Pdf => write!(f, "writing {DECK_PDF_NAME}"),
            Self::Pptx => write!(f, "writing {DECK_PPTX_NAME}"),
        }
    }
}

/// Writes one 1920×1080 PNG per slide, `deck.pdf` and `deck.pptx` into `folder` (made if
/// missing). Refuses,
/// before writing anything, if one of those files exists and `overwrite` is false, or if one is
/// a folder or a device. Either every file is written or none is. Returns the paths written.
pub fn export_deck(
    atlas: &Atlas,
    geometry: &MapGeometry,
    deck: &Deck,
    events: Option<&LoadedEvents>,
    folder: &Path,
    overwrite: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    export_deck_telling(
        atlas,
        geometry,
        deck,
        events,
        folder,
        overwrite,
        &mut |_| true,
    )
}

/// [`export_deck`], telling `progress` each step before it starts. `progress` returns whether
/// to go on: `false` stops the export ([`ExportError::Interrupted`]) with nothing written and
/// the staging folder removed.
pub fn export_deck_telling(
    atlas: &Atlas,
    geometry: &MapGeometry,
    deck: &Deck,
    events: Option<&LoadedEvents>,
    folder: &Path,
    overwrite: bool,
    progress: &mut dyn FnMut(DeckProgress) -> bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let mut tell = |step: DeckProgress| {
        if progress(step) {
            Ok(())
        } else {
            Err(ExportError::Interrupted)
        }
    };
    let names = deck_file_names(deck);
    let paths: Vec<PathBuf> = names.iter().map(|name| folder.join(name)).collect();
    if let Ok(existing) = std::fs::metadata(folder)
        && !existing.is_dir()
    {
        return Err(ExportError::Write(
            folder.to_path_buf(),
            "it is a file, not a folder; --out names the folder the slides are written into"
                .to_owned(),
        ));
    }
    let target = crate::files::WriteTarget::new(overwrite);
    for path in &paths {
        target.check(path)?;
    }
    let folder_error = |e: std::io::Error| ExportError::Write(folder.to_path_buf(), e.to_string());
    std::fs::create_dir_all(folder).map_err(folder_error)?;
    // Private (created exclusively, readable by the user only) and removed when dropped, whether
    // the export finished or not; one left by a killed run is removed by the next.
    let staging = crate::files::staging_folder_in(folder).map_err(folder_error)?;
    let write = |name: &str, bytes: &[u8]| {
        let path = staging.path().join(name);
        std::fs::write(&path, bytes)
            .and_then(|()| std::fs::File::open(&path)?.sync_all())
            .map_err(|e| ExportError::Write(folder.join(name), e.to_string()))
    };
    let mut pptx_slides = Vec::with_capacity(deck.slides.len());
    let mut svgs = Vec::with_capacity(deck.slides.len());
    for (index, (name, slide)) in names.iter().zip(&deck.slides).enumerate() {
        tell(DeckProgress::Slide {
            number: index + 1,
            of: deck.slides.len(),
        })?;
        let export = slide_export(atlas, geometry, slide, events);
        let (layout, credits) = page_plan(&export, PageSize::HD);
        // As `export` draws a PNG: hatching and stripes cut into shapes, not pattern fills.
        let pixmap = png::rasterise(&render_svg_with(
            &export,
            PageSize::HD,
            PatternFills::Raster,
        ))?;
        write(name, &png::encode(&pixmap)?)?;
        // PowerPoint gets the map and legend as the picture; the title and credits as text.
        let body = layout.map.union(layout.legend);
        let picture = tiny_skia_crop(&pixmap, body)?;
        pptx_slides.push(PptxSlide {
            title: pptx_title(slide),
            picture_size: [picture.width(), picture.height()],
            picture_png: png::encode(&picture)?,
            credits: std::iter::once(super::svg::BOUNDARY_CREDIT)
                .chain(credits.iter().map(|l| l.trim_end()))
                .map(str::to_owned)
                .collect(),
            notes: slide.notes.clone(),
        });
        svgs.push(render_svg(&export, PageSize::HD));
    }
    tell(DeckProgress::Pdf)?;
    write(
        DECK_PDF_NAME,
        &super::pdf::pages_to_pdf(&svgs, PageSize::HD.pdf_points_per_pixel())?,
    )?;
    tell(DeckProgress::Pptx)?;
    write(DECK_PPTX_NAME, &deck_to_pptx(&pptx_slides)?)?;
    for (name, path) in names.iter().zip(&paths) {
        std::fs::rename(staging.path().join(name), path)
            .map_err(|e| ExportError::Write(path.clone(), e.to_string()))?;
    }
    Ok(paths)
}

/// A slide's title in PowerPoint, where it is the only title (the picture holds the map and
/// legend, not the page's title): a comparison slide's names both periods on a second line,
/// unless its title already does.
fn pptx_title(slide: &Slide) -> String {
    let Some(periods) = slide.filters.compare else {
        return slide.title.clone();
    };
    let label = periods.label();
    if slide.title.contains(&label) {
        slide.title.clone()
    } else if slide.title.trim().is_empty() {
        format!("What changed: {label}")
    } else {
        format!("{}\n{label}", slide.title.trim_end())
    }
}

/// The part of `pixmap` inside `area` (pixels, rounded outwards and kept on the page).
fn tiny_skia_crop(
    pixmap: &resvg::tiny_skia::Pixmap,
    area: egui::Rect,
) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
    let (width, height) = (pixmap.width() as f32, pixmap.height() as f32);
    let left = area.left().floor().clamp(0.0, width - 1.0);
    let top = area.top().floor().clamp(0.0, height - 1.0);
    let right = area.right().ceil().clamp(left + 1.0, width);
    let bottom = area.bottom().ceil().clamp(top + 1.0, height);
    resvg::tiny_skia::IntRect::from_ltrb(left as i32, top as i32, right as i32, bottom as i32)
        .and_then(|rect| pixmap.clone_rect(rect))
        .ok_or_else(|| ExportError::Render(format!("cannot cut the map out of the page: {area:?}")))
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
        assert_eq!(
            names,
            [
                "01-the-country.png",
                "02-panjshir.png",
                "deck.pdf",
                "deck.pptx"
            ]
        );
        for png in &written[..2] {
            let bytes = std::fs::read(png).expect("png");
            assert_eq!(&bytes[16..24], &[0, 0, 7, 128, 0, 0, 4, 56], "1920×1080");
        }
        let pdf = std::fs::read(&written[2]).expect("pdf");
        assert!(
            String::from_utf8_lossy(&pdf).contains("/Count 2"),
            "a page per slide"
        );
        let pptx = std::fs::read(&written[3]).expect("pptx");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(pptx)).expect("a zip");
        for (n, title) in [(1, "The country"), (2, "Panjshir")] {
            let mut xml = String::new();
            std::io::Read::read_to_string(
                &mut archive
                    .by_name(&format!("ppt/slides/slide{n}.xml"))
                    .expect("slide"),
                &mut xml,
            )
            .expect("text");
            assert!(xml.contains(&format!("<a:t>{title}</a:t>")), "{title}");
            let picture = archive
                .by_name(&format!("ppt/media/map{n}.png"))
                .expect("picture")
                .size();
            assert!(picture > 10_000, "the map as a picture: {picture} bytes");
        }
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

    #[cfg(unix)]
    #[test]
    fn a_failed_export_leaves_no_partial_set_and_the_retry_succeeds() {
        let atlas = crate::data::load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let deck = Deck {
            slides: vec![crate::deck::Slide::default(), crate::deck::Slide::default()],
            ..Deck::default()
        };
        let folder =
            std::env::temp_dir().join(format!("atlas-deck-partial-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("folder");
        // The PDF's place is taken by a folder: the export must fail before anything lands.
        std::fs::create_dir(folder.join(DECK_PDF_NAME)).expect("blocker");
        let error =
            export_deck(&atlas, &geometry, &deck, None, &folder, true).expect_err("blocked");
        assert!(error.to_string().contains("deck.pdf"), "{error}");
        let left: Vec<String> = std::fs::read_dir(&folder)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, [DECK_PDF_NAME], "no PNG and no temporary folder left");
        std::fs::remove_dir(folder.join(DECK_PDF_NAME)).expect("unblock");
        let written =
            export_deck(&atlas, &geometry, &deck, None, &folder, false).expect("retry works");
        assert_eq!(
            written.len(),
            4,
            "two PNGs, the PDF and the PowerPoint deck"
        );
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_slide_with_a_zero_zoom_exports_a_visible_map() {
        let atlas = crate::data::load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let mut broken = crate::deck::Slide::default();
        broken.view.zoom = 0.0;
        broken.view.centre_in_map = egui::pos2(1e8, 1e8);
        let whole_country = crate::deck::Slide {
            view: view::fit_view(geometry.bounds_in_map),
            ..crate::deck::Slide::default()
        };
        let deck = Deck {
            slides: vec![broken, whole_country],
            ..Deck::default()
        };
        let pages = slide_pages(&atlas, &geometry, &deck, None, PageSize::HD);
        assert!(!pages[0].svg.contains("200000000 km"), "a sane scale bar");
        assert_eq!(
            pages[0].svg, pages[1].svg,
            "the broken view shows the whole country"
        );
    }
}
