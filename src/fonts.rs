//! The bundled fonts. egui's own fonts cover Latin text only; names, quotes and data text also use
//! arrows, dashes and other symbols, so DejaVu Sans (free licence, in assets/fonts) is installed
//! as the fallback for every family. The provinces' Dari and Pashto names are in Arabic script:
//! Vazirmatn (SIL Open Font License, licence beside it in assets/fonts; its Non-Latin cut, which
//! has no Latin letters of its own, 56 kB) is installed right after the Latin faces, before
//! DejaVu Sans, whose Arabic glyphs are less complete. They are compiled into the binary, like
//! every asset, and the exporter uses the same bytes so exported text matches the screen.

use egui::{
    Context, FontData, FontFamily,
    epaint::text::{FontInsert, FontPriority, InsertFontFamily},
};

/// DejaVu Sans, regular.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// DejaVu Sans, bold (same licence): pages draw their titles in it where the SVG says bold.
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// Vazirmatn NL, regular (v33.0.3, from npm `vazirmatn`): the Arabic-script face.
pub const VAZIRMATN: &[u8] = include_bytes!("../assets/fonts/Vazirmatn-NL-Regular.ttf");

/// DejaVu Sans's family name, as SVG and the font database call it.
pub const DEJAVU_FAMILY: &str = "DejaVu Sans";

/// Vazirmatn NL's family name, as SVG and the font database call it.
pub const VAZIRMATN_FAMILY: &str = "Vazirmatn NL";

/// The faces every exported page is drawn with (PNG and PDF load exactly these, never the
/// machine's fonts).
pub const PAGE_FACES: [&[u8]; 3] = [DEJAVU_SANS, DEJAVU_SANS_BOLD, VAZIRMATN];

/// Adds the bundled fonts as fallbacks for the proportional and monospace families: Vazirmatn
/// for Arabic script, then DejaVu Sans for everything else the Latin face lacks.
pub fn install_fonts(ctx: &Context) {
    for (name, data) in [("Vazirmatn", VAZIRMATN), ("DejaVuSans", DEJAVU_SANS)] {
        ctx.add_font(FontInsert {
            name: name.to_owned(),
            data: FontData::from_static(data),
            families: [FontFamily::Proportional, FontFamily::Monospace]
                .into_iter()
                .map(|family| InsertFontFamily {
                    family,
                    priority: FontPriority::Lowest,
                })
                .collect(),
        });
    }
}
