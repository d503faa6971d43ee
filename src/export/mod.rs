//! Exporting maps for briefings: the same scene as the screen, laid out on a page with title,
//! legend, scale bar, north arrow, "data as of" stamp and credits, written as SVG or rendered to
//! PNG on the CPU with the bundled font. Used by the app (File ▸ Export, Ctrl+E) and the command
//! line (`resistance-atlas export`).

pub mod change_map;
mod cull;
mod decimal;
pub mod deck_export;
pub mod deck_job;
pub mod events_svg;
pub mod names_svg;
mod pattern_cut;
pub mod pdf;
pub mod png;
pub mod pptx;
mod simplify;
pub mod svg;
pub mod wrap;

use std::path::{Path, PathBuf};

pub use crate::scene::page::{PageLayout, PageSize};
pub use deck_export::export_deck;
pub use svg::{MapExport, PatternFills, render_svg, render_svg_with};

/// A one-line description of what a map shows, for subtitles: "AFF, NRF · 1 Jan 2024 – 31 Dec
/// 2024".
pub fn describe_filters(filters: &crate::state::Filters) -> String {
    let groups: Vec<&str> = filters
        .visible_groups
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let groups = if groups.is_empty() {
        "No group shown".to_owned()
    } else {
        groups.join(", ")
    };
    if let Some(periods) = filters.compare {
        return format!("{groups} · {}", periods.label());
    }
    match filters.time.range() {
        Some((first, last)) => format!("{groups} · {first} – {last}"),
        None => format!("{groups} · all records since August 2021"),
    }
}

/// The title an export gets unless the user writes one: for one group, that group by name
/// ("National Resistance Front (NRF): where it operates"); otherwise the atlas's subject.
pub fn default_title(atlas: &crate::data::Atlas, filters: &crate::state::Filters) -> String {
    if let Some(periods) = filters.compare {
        return format!("What changed: {}", periods.label());
    }
    let shown: Vec<&crate::data::Group> = filters
        .visible_groups
        .iter()
        .flatten()
        .filter_map(|id| atlas.groups.iter().find(|g| &g.id == id))
        .collect();
    match shown.as_slice() {
        [group] => match group.abbreviations.first() {
            Some(short) if !short.eq_ignore_ascii_case(&group.name) => {
                format!("{} ({short}): where it operates", group.name)
            }
            _ => format!("{}: where it operates", group.name),
        },
        _ => "Armed resistance to the Taliban".to_owned(),
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file exists and replacing it was not allowed.
    #[error("{} already exists; choose another name or allow replacing it", crate::files::shown_path(.0))]
    Exists(PathBuf),
    /// The file could not be written.
    #[error("could not write {}: {}", crate::files::shown_path(.0), .1)]
    Write(PathBuf, String),
    /// The output format is not one we write.
    #[error("cannot export to \"{}\": the file name must end in .png, .svg or .pdf", crate::files::shown(.0))]
    Format(String),
    /// Rendering failed.
    #[error("rendering failed: {0}")]
    Render(String),
    /// Stopped before the end (SIGINT, or the user cancelled); nothing was written.
    #[error("interrupted; nothing was written")]
    Interrupted,
}

impl From<crate::files::WriteError> for ExportError {
    fn from(error: crate::files::WriteError) -> Self {
        match error {
            crate::files::WriteError::Exists(path) => Self::Exists(path),
            crate::files::WriteError::Failed(path, why) => Self::Write(path, why),
        }
    }
}

/// What to write, judged from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Vector.
    Svg,
    /// Raster, rendered on the CPU.
    Png,
    /// Vector, one page, text selectable (the SVG through svg2pdf).
    Pdf,
}

impl ExportFormat {
    /// The format for a path's extension.
    pub fn for_path(path: &Path) -> Result<Self, ExportError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Ok(Self::Svg),
            Some("png") => Ok(Self::Png),
            Some("pdf") => Ok(Self::Pdf),
            _ => Err(ExportError::Format(path.display().to_string())),
        }
    }
}

/// Renders `export` at `size` in `format`.
pub fn render(
    export: &MapExport<'_>,
    size: PageSize,
    format: ExportFormat,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Svg => Ok(render_svg(export, size).into_bytes()),
        // Hatching and stripes cut into shapes: the same page, without resvg's slow pattern
        // fills (tests/png_fast_path.rs holds the two to the same pixels); hidden shapes left
        // out and outlines thinned to the pixel (tests/png_page.rs).
        ExportFormat::Png => png::svg_to_png(&render_svg_with(export, size, PatternFills::Raster)),
        ExportFormat::Pdf => {
            pdf::pages_to_pdf(&[render_svg(export, size)], size.pdf_points_per_pixel())
        }
    }
}

/// Renders and writes to `path` (format from its extension), atomically, if `target` allows.
pub fn export_to_file(
    export: &MapExport<'_>,
    size: PageSize,
    path: &Path,
    target: &crate::files::WriteTarget,
) -> Result<(), ExportError> {
    let format = ExportFormat::for_path(path)?;
    // Refuse before rendering, not after (write_to checks again, at the moment of writing),
    // with the writer's own reasons: a folder, a link or a file read is named as such, not as
    // a file to replace.
    target.check(path)?;
    let bytes = render(export, size, format)?;
    Ok(crate::files::write_to(path, &bytes, target)?)
}
