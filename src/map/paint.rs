//! Draws the map: province fills, borders, outlines of the hovered and selected provinces,
//! labels, a scale bar and the data credit. Reads geometry and state; changes nothing but its
//! caches. Not responsible for input (see [`super::widget`]).

use egui::{
    Align2, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke, Vec2, emath::TSTransform,
    epaint::Vertex,
};

use super::{
    stroke_cache::{StrokeCache, StrokeKey},
    style::MapStyle,
};
use crate::{
    data::{Atlas, ProvinceIdx},
    geometry::{BorderKind, MapGeometry, labels},
};

/// Per-frame inputs to painting.
pub struct PaintInput<'a> {
    /// Names for labels.
    pub atlas: &'a Atlas,
    /// Meshes, borders, anchors.
    pub geometry: &'a MapGeometry,
    /// Map kilometres → screen points.
    pub screen_from_map: TSTransform,
    /// Colours and strokes.
    pub style: MapStyle,
    /// Whether `style` is the dark palette (part of the tessellation cache key).
    pub dark_mode: bool,
    /// The selected province.
    pub selected: Option<ProvinceIdx>,
    /// The province under the pointer.
    pub hovered: Option<ProvinceIdx>,
}

/// Tessellation kept between frames.
#[derive(Clone, Debug, Default)]
pub struct PaintCache {
    borders: StrokeCache,
    selected_outline: StrokeCache,
    hovered_outline: StrokeCache,
}

/// Font size of province labels, in points.
const LABEL_SIZE: f32 = 12.5;

/// Paints the whole map with `painter` (clipped to the map area).
pub fn paint_map(painter: &Painter, input: &PaintInput<'_>, cache: &mut PaintCache) {
    let t = input.screen_from_map;
    let pixels_per_point = painter.pixels_per_point();
    let style_id = u64::from(input.dark_mode);
    let key = |variant: u64| StrokeKey {
        scale: t.scaling,
        pixels_per_point,
        variant,
    };

    painter.rect_filled(painter.clip_rect(), 0.0, input.style.background);
    painter.add(fills(input));

    let borders = &input.geometry.topology.borders;
    painter.add(cache.borders.shape(key(style_id), t.translation, || {
        // Internal borders first, so the national border is drawn over their ends.
        let mut lines: Vec<_> = borders
            .iter()
            .filter(|b| b.kind == BorderKind::Internal)
            .map(|b| (b.points.as_slice(), input.style.internal_border, false))
            .collect();
        lines.extend(
            borders
                .iter()
                .filter(|b| b.kind == BorderKind::National)
                .map(|b| (b.points.as_slice(), input.style.national_border, false)),
        );
        lines
    }));

    let outline = |cache: &mut StrokeCache, province: ProvinceIdx, stroke: Stroke| {
        let variant = (province.0 as u64) << 8 | style_id;
        cache.shape(key(variant), t.translation, || {
            input.geometry.outlines[province.0]
                .iter()
                .map(|ring| (ring.as_slice(), stroke, true))
                .collect()
        })
    };
    if let Some(hovered) = input.hovered.filter(|h| Some(*h) != input.selected) {
        painter.add(outline(
            &mut cache.hovered_outline,
            hovered,
            input.style.hovered_outline,
        ));
    }
    if let Some(selected) = input.selected {
        painter.add(outline(
            &mut cache.selected_outline,
            selected,
            input.style.selected_outline,
        ));
    }

    paint_labels(painter, input);
    paint_scale_bar(painter, t.scaling, input.style);
    painter.text(
        painter.clip_rect().right_bottom() - Vec2::new(8.0, 6.0),
        Align2::RIGHT_BOTTOM,
        "Boundaries: Natural Earth",
        FontId::proportional(11.0),
        input.style.small_print,
    );
}

/// One mesh of all province fills, moved to the screen and coloured by state.
fn fills(input: &PaintInput<'_>) -> Shape {
    let t = input.screen_from_map;
    let vertex_count = input.geometry.fills.iter().map(|m| m.vertices.len()).sum();
    let index_count = input.geometry.fills.iter().map(|m| m.indices.len()).sum();
    let mut mesh = Mesh {
        vertices: Vec::with_capacity(vertex_count),
        indices: Vec::with_capacity(index_count),
        ..Default::default()
    };
    for (index, fill) in input.geometry.fills.iter().enumerate() {
        let province = Some(ProvinceIdx(index));
        let color = if province == input.selected {
            input.style.land_selected
        } else if province == input.hovered {
            input.style.land_hovered
        } else {
            input.style.land
        };
        let base = mesh.vertices.len() as u32;
        mesh.vertices.extend(fill.vertices.iter().map(|v| Vertex {
            pos: t * v.pos,
            uv: v.uv,
            color,
        }));
        mesh.indices.extend(fill.indices.iter().map(|i| base + i));
    }
    Shape::mesh(mesh)
}

fn paint_labels(painter: &Painter, input: &PaintInput<'_>) {
    let t = input.screen_from_map;
    let visible = painter.clip_rect();
    // Priority: selected, hovered, then the roomiest provinces.
    let mut order: Vec<ProvinceIdx> = input.atlas.province_indices().collect();
    order.sort_by(|a, b| {
        let room = |p: &ProvinceIdx| input.geometry.labels[p.0].map_or(0.0, |l| l.room_km);
        room(b).total_cmp(&room(a))
    });
    for first in [input.hovered, input.selected].into_iter().flatten() {
        order.retain(|p| *p != first);
        order.insert(0, first);
    }

    let mut galleys = Vec::new();
    let mut rects = Vec::new();
    for province in order {
        let Some(anchor) = input.geometry.labels[province.0] else {
            continue;
        };
        let emphasised = Some(province) == input.selected || Some(province) == input.hovered;
        let galley = painter.layout_no_wrap(
            input.atlas.province(province).name.clone(),
            FontId::proportional(LABEL_SIZE),
            input.style.label,
        );
        let rect = Rect::from_center_size(t * anchor.pos_in_map, galley.size());
        if !visible.intersects(rect)
            || !(emphasised || labels::fits(galley.size(), anchor.room_km * t.scaling))
        {
            continue;
        }
        galleys.push(galley);
        rects.push(rect);
    }
    for index in labels::place_without_overlap(&rects, 3.0) {
        let (galley, rect) = (&galleys[index], rects[index]);
        for offset in [
            Vec2::new(-1.0, 0.0),
            Vec2::new(1.0, 0.0),
            Vec2::new(0.0, -1.0),
            Vec2::new(0.0, 1.0),
        ] {
            painter.galley_with_override_text_color(
                rect.min + offset,
                galley.clone(),
                input.style.label_halo,
            );
        }
        painter.galley(rect.min, galley.clone(), input.style.label);
    }
}

/// A scale bar of a round length (1, 2 or 5 × 10ⁿ km) about 120 points long, bottom left. The
/// projection keeps true scale along the centre latitude.
fn paint_scale_bar(painter: &Painter, points_per_km: f32, style: MapStyle) {
    let target_km = 120.0 / points_per_km;
    let magnitude = 10f32.powf(target_km.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|km| *km <= target_km)
        .unwrap_or(magnitude);
    let length = km * points_per_km;
    let start = painter.clip_rect().left_bottom() + Vec2::new(14.0, -14.0);
    let end = start + Vec2::new(length, 0.0);
    let stroke = Stroke::new(1.5, style.label);
    painter.line_segment([start, end], stroke);
    for x in [start, end] {
        painter.line_segment([x, x - Vec2::new(0.0, 5.0)], stroke);
    }
    painter.text(
        Pos2::new((start.x + end.x) / 2.0, start.y - 4.0),
        Align2::CENTER_BOTTOM,
        format!("{} km", format_km(km)),
        FontId::proportional(11.0),
        style.label,
    );
}

fn format_km(km: f32) -> String {
    if km >= 1.0 {
        format!("{km:.0}")
    } else {
        format!("{km}")
    }
}
