//! The map's palette: calm fills, clear borders, and a selection colour that reads for
//! colour-blind viewers (Okabe–Ito blue; the selected province is also outlined, so it never
//! depends on hue alone).

use egui::{Color32, Stroke};

/// Colours and line weights for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapStyle {
    /// Behind the country (neighbouring lands are not drawn).
    pub background: Color32,
    /// Province fill.
    pub land: Color32,
    /// Fill of the province under the pointer.
    pub land_hovered: Color32,
    /// Fill of the selected province.
    pub land_selected: Color32,
    /// Lines between provinces.
    pub internal_border: Stroke,
    /// The country's border.
    pub national_border: Stroke,
    /// Outline of the selected province.
    pub selected_outline: Stroke,
    /// Outline of the province under the pointer.
    pub hovered_outline: Stroke,
    /// Province names.
    pub label: Color32,
    /// Halo behind province names, for legibility over borders.
    pub label_halo: Color32,
    /// Small print on the map (credits, scale).
    pub small_print: Color32,
}

/// Okabe–Ito blue.
const BLUE: Color32 = Color32::from_rgb(0, 114, 178);
/// Okabe–Ito sky blue.
const SKY_BLUE: Color32 = Color32::from_rgb(86, 180, 233);

impl MapStyle {
    /// The palette for light or dark mode.
    pub fn for_theme(dark_mode: bool) -> Self {
        if dark_mode {
            Self {
                background: Color32::from_rgb(24, 26, 30),
                land: Color32::from_rgb(58, 62, 68),
                land_hovered: Color32::from_rgb(74, 79, 87),
                land_selected: Color32::from_rgb(28, 78, 112),
                internal_border: Stroke::new(0.8, Color32::from_rgb(112, 118, 128)),
                national_border: Stroke::new(1.6, Color32::from_rgb(205, 208, 214)),
                selected_outline: Stroke::new(2.2, SKY_BLUE),
                hovered_outline: Stroke::new(1.4, Color32::from_rgb(190, 194, 200)),
                label: Color32::from_rgb(232, 232, 232),
                label_halo: Color32::from_rgba_unmultiplied(30, 32, 36, 200),
                small_print: Color32::from_rgb(150, 150, 150),
            }
        } else {
            Self {
                background: Color32::from_rgb(214, 222, 228),
                land: Color32::from_rgb(236, 232, 223),
                land_hovered: Color32::from_rgb(222, 215, 201),
                land_selected: Color32::from_rgb(189, 219, 240),
                internal_border: Stroke::new(0.8, Color32::from_rgb(160, 154, 144)),
                national_border: Stroke::new(1.8, Color32::from_rgb(70, 68, 64)),
                selected_outline: Stroke::new(2.2, BLUE),
                hovered_outline: Stroke::new(1.4, Color32::from_rgb(110, 104, 94)),
                label: Color32::from_rgb(52, 50, 46),
                label_halo: Color32::from_rgba_unmultiplied(250, 248, 244, 210),
                small_print: Color32::from_rgb(110, 110, 110),
            }
        }
    }
}
