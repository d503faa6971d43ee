//! Text shaping: the one door through which the atlas measures and lays out text in the bundled
//! faces, outside egui.
//!
//! Arabic-script text (the provinces' Dari and Pashto names) must be shaped: each letter takes
//! the form its neighbours call for, and the line runs right to left. [`shape`] does that with
//! rustybuzz (the HarfBuzz port resvg uses for PNG and PDF pages), in the face a line's script
//! needs: Vazirmatn for Arabic script, DejaVu Sans for the rest. Label placement measures names
//! with it ([`measure`]), and [`rasterise`] draws a shaped line on the CPU (the reference the
//! screen's text is checked against).
//!
//! Not responsible for bidirectional layout: a line is one script (names are), and a label in
//! two scripts is two lines. The screen draws text with egui's own shaper (harfrust, the same
//! algorithm) over the same faces ([`crate::fonts`]).

use std::sync::OnceLock;

use egui::{Vec2, vec2};

use crate::fonts;

/// Height of a line of Latin text, in ems.
pub const LATIN_LINE_EM: f32 = 1.2;
/// Height of a line of Arabic-script text, in ems: its letters reach further above and below.
pub const ARABIC_LINE_EM: f32 = 1.45;

/// Which bundled face a line is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    /// DejaVu Sans: Latin and symbols.
    Latin,
    /// Vazirmatn (Non-Latin cut): Arabic script, for Dari and Pashto.
    Arabic,
}

impl Face {
    /// The face for `text`: Arabic when it has an Arabic-script letter.
    pub fn for_text(text: &str) -> Self {
        if text.chars().any(is_arabic_script) {
            Self::Arabic
        } else {
            Self::Latin
        }
    }

    /// The font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Self::Latin => fonts::DEJAVU_SANS,
            Self::Arabic => fonts::VAZIRMATN,
        }
    }

    /// The family name SVG asks for.
    pub fn family(self) -> &'static str {
        match self {
            Self::Latin => fonts::DEJAVU_FAMILY,
            Self::Arabic => fonts::VAZIRMATN_FAMILY,
        }
    }

    /// Height of a line in this face, in ems.
    pub fn line_em(self) -> f32 {
        match self {
            Self::Latin => LATIN_LINE_EM,
            Self::Arabic => ARABIC_LINE_EM,
        }
    }

    fn parsed(self) -> Option<&'static rustybuzz::Face<'static>> {
        static LATIN: OnceLock<Option<rustybuzz::Face<'static>>> = OnceLock::new();
        static ARABIC: OnceLock<Option<rustybuzz::Face<'static>>> = OnceLock::new();
        let cell = match self {
            Self::Latin => &LATIN,
            Self::Arabic => &ARABIC,
        };
        cell.get_or_init(|| rustybuzz::Face::from_slice(self.bytes(), 0))
            .as_ref()
    }
}

/// Whether `c` is a letter or mark of the Arabic script (the Arabic blocks and their
/// presentation forms).
pub fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// One glyph of a shaped line, in pixels at the size shaped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Byte offset in the text of the character (cluster) it draws.
    pub cluster: u32,
    /// Where the glyph's origin is, from the line's left end, on the baseline (y down).
    pub x: f32,
    /// Its vertical offset (y down).
    pub y: f32,
    /// How far it moves the pen.
    pub advance: f32,
}

/// A line shaped in one face: glyphs in visual order, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapedLine {
    /// The face.
    pub face: Face,
    /// Type size, in pixels.
    pub size: f32,
    /// Glyphs, left to right on the page (for Arabic script the reverse of the text's order).
    pub glyphs: Vec<Glyph>,
    /// Whether the line runs right to left.
    pub right_to_left: bool,
    /// Total advance, in pixels.
    pub width: f32,
}

impl ShapedLine {
    /// The glyph ids, left to right.
    pub fn glyph_ids(&self) -> Vec<u16> {
        self.glyphs.iter().map(|g| g.id).collect()
    }

    /// The line's box: its width and the face's line height.
    pub fn size(&self) -> Vec2 {
        vec2(self.width, self.size * self.face.line_em())
    }
}

/// Language tag for the shaper from the text's script: Persian for Arabic-script names (Dari is
/// written with the Persian alphabet; Pashto names are shaped the same), none otherwise.
fn language_for(face: Face) -> Option<rustybuzz::Language> {
    match face {
        Face::Arabic => "fa".parse().ok(),
        Face::Latin => None,
    }
}

/// Shapes `text` (one line, one script) at `size` pixels in the face its script needs.
pub fn shape(text: &str, size: f32) -> ShapedLine {
    let face = Face::for_text(text);
    let empty = ShapedLine {
        face,
        size,
        glyphs: Vec::new(),
        right_to_left: false,
        width: 0.0,
    };
    let Some(parsed) = face.parsed() else {
        return empty;
    };
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    if let Some(language) = language_for(face) {
        buffer.set_language(language);
    }
    buffer.guess_segment_properties();
    let right_to_left = buffer.direction() == rustybuzz::Direction::RightToLeft;
    let shaped = rustybuzz::shape(parsed, &[], buffer);
    let scale = size / parsed.units_per_em() as f32;
    let mut pen = 0.0;
    let glyphs = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            let glyph = Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: info.cluster,
                x: pen + pos.x_offset as f32 * scale,
                y: -(pos.y_offset as f32) * scale,
                advance: pos.x_advance as f32 * scale,
            };
            pen += glyph.advance;
            glyph
        })
        .collect();
    ShapedLine {
        glyphs,
        right_to_left,
        width: pen,
        ..empty
    }
}

/// The box of `text` (one line) at `size` pixels: its shaped width and its face's line height.
pub fn measure(text: &str, size: f32) -> Vec2 {
    shape(text, size).size()
}

/// Coverage (0–255) of a shaped line drawn in black on transparent, `width` × `height` pixels,
/// with the line's left end at `origin` on its baseline. The reference a screen's text is
/// compared against; also usable to draw a label as a texture.
pub fn rasterise(
    line: &ShapedLine,
    origin: Vec2,
    width: u32,
    height: u32,
) -> Option<resvg::tiny_skia::Pixmap> {
    use resvg::tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};
    let face = line.face.parsed()?;
    let mut pixmap = Pixmap::new(width, height)?;
    let mut paint = Paint::default();
    paint.set_color_rgba8(0, 0, 0, 255);
    let scale = line.size / face.units_per_em() as f32;
    for glyph in &line.glyphs {
        let mut outline = Outline(PathBuilder::new());
        if face
            .outline_glyph(ttf_parser::GlyphId(glyph.id), &mut outline)
            .is_none()
        {
            continue;
        }
        let Some(path) = outline.0.finish() else {
            continue;
        };
        // Font units are y up; the pixmap is y down.
        let transform = Transform::from_row(
            scale,
            0.0,
            0.0,
            -scale,
            origin.x + glyph.x,
            origin.y + glyph.y,
        );
        pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
    }
    Some(pixmap)
}

/// A glyph outline collected into a tiny-skia path.
struct Outline(resvg::tiny_skia::PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persian_name_is_shaped_right_to_left_in_the_arabic_face() {
        let kabul = shape("کابل", 20.0);
        assert_eq!(kabul.face, Face::Arabic);
        assert!(kabul.right_to_left);
        assert_eq!(kabul.glyphs.len(), 4);
        // Visual order: the last letter (lam) on the left, the first (kaf) on the right.
        assert_eq!(kabul.glyphs.first().map(|g| g.cluster), Some(6));
        assert_eq!(kabul.glyphs.last().map(|g| g.cluster), Some(0));
        assert!(kabul.width > 20.0 && kabul.width < 80.0, "{}", kabul.width);
    }

    #[test]
    fn joined_letters_differ_from_the_letters_alone() {
        // Beh between kaf-alef and lam is joined on both sides: not its isolated form.
        let word = shape("کابل", 20.0).glyph_ids();
        let beh_alone = shape("ب", 20.0).glyph_ids();
        assert_eq!(beh_alone.len(), 1);
        assert!(!word.contains(&beh_alone[0]), "{word:?} {beh_alone:?}");
    }

    #[test]
    fn latin_text_stays_in_the_latin_face_left_to_right() {
        let line = shape("Kabul", 20.0);
        assert_eq!(line.face, Face::Latin);
        assert!(!line.right_to_left);
        let clusters: Vec<u32> = line.glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, vec![0, 1, 2, 3, 4]);
        assert!(measure("Kabul", 20.0).x > measure("Kab", 20.0).x);
    }

    #[test]
    fn a_shaped_line_rasterises_to_ink_within_its_box() {
        let line = shape("پنجشیر", 32.0);
        let pixmap = rasterise(&line, vec2(4.0, 40.0), line.width as u32 + 8, 60).expect("drawn");
        let ink = pixmap.pixels().iter().filter(|p| p.alpha() > 128).count();
        assert!(ink > 100, "{ink} pixels of ink");
    }
}
