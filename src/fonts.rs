//! The bundled font. egui's own fonts cover Latin text only; names, quotes and data text also use
//! arrows, dashes and other symbols, so DejaVu Sans (free licence, in assets/fonts) is installed
//! as the fallback for every family. It is compiled into the binary, like every asset, and the
//! exporter uses the same bytes so exported text matches the screen.

use egui::{
    Context, FontData, FontFamily,
    epaint::text::{FontInsert, FontPriority, InsertFontFamily},
};

/// DejaVu Sans, regular.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// DejaVu Sans, bold (same licence): pages draw their titles in it where the SVG says bold.
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The faces every exported page is drawn with (PNG and PDF load exactly these, never the
/// machine's fonts).
pub const PAGE_FACES: [&[u8]; 2] = [DEJAVU_SANS, DEJAVU_SANS_BOLD];

/// Adds the bundled font as a fallback for the proportional and monospace families.
pub fn install_fonts(ctx: &Context) {
    ctx.add_font(FontInsert {
        name: "DejaVuSans".to_owned(),
        data: FontData::from_static(DEJAVU_SANS),
        families: [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    });
}
