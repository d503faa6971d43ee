//! Draws the map: province fills (coloured by the group overlay), stripes and hatching, borders,
//! outlines of the hovered, selected and source-highlighted provinces, labels, a scale bar and the
//! data credit. Reads geometry, scene and state; changes nothing but its caches. Not responsible
//! for input (see [`super::widget`]).

use std::borrow::Cow;

use egui::{
    Align2, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke, Vec2, emath::TSTransform,
    epaint::Vertex,
};

use super::{
    events_layer::{EventsOnMap, EventsPaintCache, choropleth_colours, paint_events},
    overlay::{OverlayPatterns, colour},
    stroke_cache::{StrokeCache, StrokeKey, StrokedLine},
    style::{MapStyle, SOURCE_HIGHLIGHT, evidence_fill, hatch_stroke},
};
use crate::{
    data::{Atlas, ProvinceIdx},
    geometry::{BorderKind, MapGeometry, labels},
    scene::MapScene,
};

/// Per-frame inputs to painting.
pub struct PaintInput<'a> {
    /// Names for labels.
    pub atlas: &'a Atlas,
    /// Meshes, borders, anchors.
    pub geometry: &'a MapGeometry,
    /// The group overlay.
    pub scene: &'a MapScene,
    /// Map kilometres → screen points.
    pub screen_from_map: TSTransform,
    /// Colours and strokes.
    pub style: MapStyle,
    /// The selected province.
    pub selected: Option<ProvinceIdx>,
    /// The province under the pointer.
    pub hovered: Option<ProvinceIdx>,
    /// The Events layer, when event files are open (its choropleth replaces the fills; give
    /// a scene without group marks then).
    pub events: Option<EventsOnMap<'a>>,
}

/// Tessellation and patterns kept between frames.
#[derive(Default)]
pub struct PaintCache {
    borders: StrokeCache,
    selected_outline: StrokeCache,
    hovered_outline: StrokeCache,
    highlight_outlines: StrokeCache,
    hatches: StrokeCache,
    patterns: OverlayPatterns,
    patterns_version: u64,
    /// The Events layer's dots and texture.
    pub events: EventsPaintCache,
}

/// Paints the whole map with `painter` (clipped to the map area).
pub fn paint_map(painter: &Painter, input: &PaintInput<'_>, cache: &mut PaintCache) {
    let t = input.screen_from_map;
    let pixels_per_point = painter.pixels_per_point();
    let style_id = u64::from(input.style.id);
    let key = |variant: u64| StrokeKey {
        scale: t.scaling,
        pixels_per_point,
        variant,
    };

    painter.rect_filled(painter.clip_rect(), 0.0, input.style.background);
    let choropleth = input
        .events
        .and_then(|events| choropleth_colours(input.atlas, events.view, input.style.land));
    painter.add(fills(input, choropleth.as_deref()));

    if cache.patterns.update(
        input.geometry,
        input.scene,
        t.scaling,
        input.style.land,
        input.style.id,
    ) {
        cache.patterns_version += 1;
    }
    for stripe in &cache.patterns.stripes {
        painter.add(transformed(stripe, t));
    }
    let patterns = &cache.patterns;
    painter.add(cache.hatches.shape(
        key(cache.patterns_version << 1 | style_id),
        t.translation,
        || {
            patterns
                .hatches
                .iter()
                .map(|line| StrokedLine {
                    points: Cow::Borrowed(&line.points),
                    stroke: hatch_stroke(line.colour),
                    closed: false,
                })
                .collect()
        },
    ));

    let borders = &input.geometry.topology.borders;
    painter.add(cache.borders.shape(key(style_id), t.translation, || {
        // Internal borders first, so the national border is drawn over their ends.
        let mut ordered: Vec<_> = borders
            .iter()
            .filter(|b| b.kind == BorderKind::Internal)
            .collect();
        ordered.extend(borders.iter().filter(|b| b.kind == BorderKind::National));
        ordered
            .into_iter()
            .map(|b| StrokedLine {
                points: Cow::Borrowed(&b.points),
                stroke: if b.kind == BorderKind::National {
                    input.style.national_border
                } else {
                    input.style.internal_border
                },
                closed: false,
            })
            .collect()
    }));

    let outlines = |provinces: &[usize], stroke: Stroke| -> Vec<StrokedLine<'_>> {
        provinces
            .iter()
            .flat_map(|p| input.geometry.outlines[*p].iter())
            .map(|ring| StrokedLine {
                points: Cow::Borrowed(ring.as_slice()),
                stroke,
                closed: true,
            })
            .collect()
    };
    let highlighted: Vec<usize> = (0..input.scene.highlighted.len())
        .filter(|p| input.scene.highlighted[*p])
        .collect();
    if !highlighted.is_empty() {
        let variant = highlighted.iter().fold(style_id, |h, p| {
            h.wrapping_mul(31).wrapping_add(*p as u64 + 1)
        });
        painter.add(
            cache
                .highlight_outlines
                .shape(key(variant), t.translation, || {
                    outlines(&highlighted, SOURCE_HIGHLIGHT)
                }),
        );
    }
    if let Some(hovered) = input.hovered.filter(|h| Some(*h) != input.selected) {
        let variant = (hovered.0 as u64) << 8 | style_id;
        painter.add(
            cache
                .hovered_outline
                .shape(key(variant), t.translation, || {
                    outlines(&[hovered.0], input.style.hovered_outline)
                }),
        );
    }
    if let Some(selected) = input.selected {
        let variant = (selected.0 as u64) << 8 | style_id;
        painter.add(
            cache
                .selected_outline
                .shape(key(variant), t.translation, || {
                    outlines(&[selected.0], input.style.selected_outline)
                }),
        );
    }

    if let Some(events) = input.events {
        paint_events(
            painter,
            &events,
            input.geometry,
            t,
            input.style,
            &mut cache.events,
        );
    }

    for country in &input.atlas.country_labels {
        painter.text(
            t * input.geometry.project(country.lon, country.lat),
            Align2::CENTER_CENTER,
            country.name.to_uppercase(),
            FontId::proportional(input.style.label_size + 0.5),
            input.style.country_label,
        );
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

fn transformed(mesh: &Mesh, t: TSTransform) -> Shape {
    let mut mesh = mesh.clone();
    for vertex in &mut mesh.vertices {
        vertex.pos = t * vertex.pos;
    }
    Shape::mesh(mesh)
}

/// One mesh of all province fills, moved to the screen and coloured by overlay and state.
fn fills(input: &PaintInput<'_>, choropleth: Option<&[egui::Color32]>) -> Shape {
    let t = input.screen_from_map;
    let style = input.style;
    let vertex_count = input.geometry.fills.iter().map(|m| m.vertices.len()).sum();
    let index_count = input.geometry.fills.iter().map(|m| m.indices.len()).sum();
    let mut mesh = Mesh {
        vertices: Vec::with_capacity(vertex_count),
        indices: Vec::with_capacity(index_count),
        ..Default::default()
    };
    for (index, fill) in input.geometry.fills.iter().enumerate() {
        let province = Some(ProvinceIdx(index));
        let shaded = choropleth.and_then(|c| c.get(index).copied());
        let base = match input.scene.marks.get(index).map(Vec::as_slice) {
            _ if shaded.is_some() => shaded.unwrap_or(style.land),
            Some([mark]) => evidence_fill(style.land, colour(mark.colour), mark.evidence),
            _ => style.land,
        };
        let overlaid = input.scene.marks.get(index).is_some_and(|m| !m.is_empty())
            || shaded.is_some_and(|fill| fill != style.land);
        let color = if province == input.selected && !overlaid {
            style.land_selected
        } else if province == input.hovered && !overlaid {
            style.land_hovered
        } else {
            base
        };
        let first = mesh.vertices.len() as u32;
        mesh.vertices.extend(fill.vertices.iter().map(|v| Vertex {
            pos: t * v.pos,
            uv: v.uv,
            color,
        }));
        mesh.indices.extend(fill.indices.iter().map(|i| first + i));
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
            FontId::proportional(input.style.label_size),
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
