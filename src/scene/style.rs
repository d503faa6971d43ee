//! The map's palette: calm fills, clear borders, and a selection colour that reads for
//! colour-blind viewers (Okabe–Ito blue; the selected province is also outlined, so it never
//! depends on hue alone).

use egui::{Color32, Stroke};

use super::Rgb;
use crate::theme::{contrast_ratio, relative_luminance};

/// Colours and line weights for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapStyle {
    /// Which palette this is (0 light, 1 dark, 2 projector): part of tessellation cache keys.
    pub id: u8,
    /// Province name size where the name fits its province, in points.
    pub label_size: f32,
    /// Name size of small provinces (inside when it fits, else beside with a leader line).
    pub small_label_size: f32,
    /// Size of the small print (scale, credit), in points.
    pub small_print_size: f32,
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
    /// Behind the scale bar and credit, so they read over any fill.
    pub backing: Color32,
    /// The ink the legend's evidence ramp is tinted toward: neutral, so it reads for every group.
    pub neutral_ink: Color32,
    /// Names of the neighbouring countries, beyond the border.
    pub country_label: Color32,
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
                id: 1,
                label_size: 13.0,
                small_label_size: 12.0,
                small_print_size: 12.0,
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
                small_print: Color32::from_rgb(200, 200, 200),
                backing: Color32::from_rgba_unmultiplied(24, 26, 30, 215),
                neutral_ink: Color32::from_rgb(225, 225, 225),
                country_label: Color32::from_rgb(150, 156, 166),
            }
        } else {
            Self {
                id: 0,
                label_size: 13.0,
                small_label_size: 12.0,
                small_print_size: 12.0,
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
                small_print: Color32::from_rgb(60, 60, 60),
                backing: Color32::from_rgba_unmultiplied(252, 251, 248, 220),
                neutral_ink: Color32::from_rgb(50, 50, 50),
                country_label: Color32::from_rgb(78, 88, 98),
            }
        }
    }
}

impl MapStyle {
    /// For projectors, which wash out pale tints and thin lines: a white room-facing background,
    /// darker and heavier borders, black names in large type.
    pub fn projector() -> Self {
        Self {
            id: 2,
            label_size: 18.0,
            small_label_size: 15.0,
            small_print_size: 17.0,
            background: Color32::WHITE,
            land: Color32::from_rgb(228, 224, 214),
            land_hovered: Color32::from_rgb(214, 208, 194),
            land_selected: Color32::from_rgb(170, 208, 235),
            internal_border: Stroke::new(1.5, Color32::from_rgb(96, 92, 86)),
            national_border: Stroke::new(3.2, Color32::from_rgb(20, 20, 20)),
            selected_outline: Stroke::new(3.5, BLUE),
            hovered_outline: Stroke::new(2.0, Color32::from_rgb(60, 58, 54)),
            label: Color32::BLACK,
            label_halo: Color32::from_rgba_unmultiplied(255, 255, 255, 225),
            small_print: Color32::from_rgb(40, 40, 40),
            backing: Color32::from_rgba_unmultiplied(255, 255, 255, 230),
            neutral_ink: Color32::from_rgb(40, 40, 40),
            country_label: Color32::from_rgb(70, 80, 90),
        }
    }
}

/// Mixes `colour` into `land` by `amount` (0 = land, 1 = colour).
pub fn mix(land: Color32, colour: Color32, amount: f32) -> Color32 {
    let blend =
        |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
    Color32::from_rgb(
        blend(land.r(), colour.r()),
        blend(land.g(), colour.g()),
        blend(land.b(), colour.b()),
    )
}

/// The ink that stands out from `land`: black on a light map, white on a dark one.
fn ink_for(land: Color32) -> Color32 {
    if relative_luminance(land) > 0.3 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// `colour` moved toward `ink` in small steps until it reaches `ratio` of luminance contrast
/// against `other`.
fn until_contrast(colour: Color32, other: Color32, ink: Color32, ratio: f32) -> Color32 {
    let mut colour = colour;
    for _ in 0..12 {
        if contrast_ratio(colour, other) >= ratio {
            break;
        }
        colour = mix(colour, ink, 0.12);
    }
    colour
}

/// A group's colour as the map shows it over `land`: a colour too close to the land (the
/// extremists' near-black on the dark theme, yellow on the light one) is darkened or lightened
/// until it stands out.
pub fn shown_colour(land: Color32, colour: Color32) -> Color32 {
    until_contrast(colour, land, ink_for(land), 1.5)
}

/// The fill of a province where one group operates, by how strong the evidence is (see
/// [`crate::scene::evidence_strength`]): the full colour for a stronghold, a strong tint for
/// UN-verified attacks, a pale tint for reported presence, and a paler tint (with hatching over
/// it, see [`hatch_stroke`]) for attacks that are only claimed. A stronghold is pushed further
/// from the UN-verified tint where the colour alone would not tell them apart.
pub fn evidence_fill(land: Color32, colour: Color32, evidence: crate::data::Evidence) -> Color32 {
    use crate::{data::Evidence, scene::evidence_strength};
    let colour = shown_colour(land, colour);
    let tint = |evidence| mix(land, colour, evidence_strength(evidence));
    match evidence {
        Evidence::Stronghold => {
            until_contrast(colour, tint(Evidence::VerifiedAttacks), ink_for(land), 1.5)
        }
        other => tint(other),
    }
}

/// Hatching over provinces where a group's attacks are only claimed.
pub fn hatch_stroke(colour: Color32) -> Stroke {
    Stroke::new(1.4, colour)
}

/// Screen distance between hatch lines, in points (before zoom bucketing).
pub const HATCH_SPACING_POINTS: f32 = 7.0;

/// Outline of provinces whose records cite the highlighted source (Okabe–Ito vermillion).
pub const SOURCE_HIGHLIGHT: Stroke = Stroke {
    width: 2.6,
    color: Color32::from_rgb(213, 94, 0),
};
/// A scene colour as egui paints it.
pub fn color32([r, g, b]: Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}
