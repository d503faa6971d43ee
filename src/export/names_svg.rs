//! Province names on exported pages, in the label language asked for: measured with the bundled
//! faces' shaping ([`crate::text`]) so placement leaves each name the room it takes, and written
//! as SVG text that viewers and resvg shape themselves. A Dari or Pashto line is
//! `<text xml:lang="fa" direction="rtl" font-family="Vazirmatn NL">` in logical order (the order
//! it is typed in); the renderer lays it out right to left. English lines are written as before.

use std::fmt::Write as _;

use egui::{Color32, Vec2};

use super::svg::{MapExport, escape, hex};
use crate::{
    geometry::labels::PlacedLabel,
    scene::names::{Lang, label_size, name_lines, shaped_line_size},
    text::Face,
};

/// The box of province `province`'s label at type `size`, in the export's label language.
pub fn label_box(export: &MapExport<'_>, province: usize, size: f32) -> Vec2 {
    export
        .atlas
        .provinces
        .get(province)
        .map_or(Vec2::ZERO, |p| {
            label_size(&name_lines(p, export.labels), size, shaped_line_size)
        })
}

/// Writes `label`'s lines, top first, each centred in its share of the label's box, on a halo.
pub fn write_label(
    svg: &mut String,
    export: &MapExport<'_>,
    label: &PlacedLabel,
    ink: Color32,
    halo: Color32,
) {
    let Some(province) = export.atlas.provinces.get(label.province) else {
        return;
    };
    let size = label.font_size;
    let lines = name_lines(province, export.labels);
    let mut top = label.rect.top();
    for line in &lines {
        let height = shaped_line_size(line, size).y;
        let baseline = top + height / 2.0 + size * 0.35;
        top += height;
        let script = if line.lang == Lang::En {
            String::new()
        } else {
            format!(
                r#" xml:lang="{}" direction="{}" font-family="{}""#,
                line.lang.tag(),
                if line.lang.right_to_left() {
                    "rtl"
                } else {
                    "ltr"
                },
                Face::Arabic.family()
            )
        };
        let _ = write!(
            svg,
            r#"<text data-province="{}"{script} x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="{}" stroke="{}" stroke-width="{:.1}" paint-order="stroke" stroke-linejoin="round">{}</text>"#,
            escape(&province.code),
            label.rect.center().x,
            baseline,
            size,
            hex(ink),
            hex(halo),
            size * 0.22,
            escape(&line.text)
        );
    }
}
