//! The Events layer on screen: one circle per province (area by events or fatalities) when zoomed
//! out, single events when zoomed in (coloured by group, sized by fatalities), or the province
//! choropleth (drawn by the fills, see [`choropleth_colours`]).
//!
//! Single events are discs with a rim placed in "scaled map space" (map kilometres × points per
//! kilometre) and cut into tiles; each tile is painted into an image the first time it is seen
//! ([`super::dot_raster`]) and drawn as one textured quad, only moved while panning, so a frame
//! costs a few vertices a tile, not four an event. Where several events fall within a few points
//! of each other only the deadliest is drawn (the others are under it anyway). The dots are
//! rebuilt when the zoom, the dates, the groups, the theme or the pixel density change, or when
//! panning leaves the area built around the view (three views wide).

use std::collections::HashMap;

use egui::{
    Color32, Painter, Pos2, Rect, Stroke, TextureHandle, TextureOptions, Vec2, emath::TSTransform,
};

use super::{MapStyle, canvas::Canvas, events_scene::EventLayerView, overlay::colour};
use crate::{data::Atlas, geometry::MapGeometry};

/// Largest province circle, in points (radius).
pub const MAX_CIRCLE_RADIUS: f32 = 30.0;
/// Smallest circle drawn for a province with any event.
const MIN_CIRCLE_RADIUS: f32 = 3.0;
/// Side of the cells within which only the deadliest event is drawn, in points: about the
/// smallest dot's diameter, so a dot hidden under its neighbours is not drawn at all.
const CELL_POINTS: f32 = 6.0;
/// Side of a tile of dots, in points.
const TILE_POINTS: f32 = 256.0;

/// Radius, in points, of a circle for `value` when the largest value is `max`: area in proportion.
pub fn circle_radius(value: u64, max: u64, scale: f32) -> f32 {
    if value == 0 || max == 0 {
        return 0.0;
    }
    (MAX_CIRCLE_RADIUS * (value as f32 / max as f32).sqrt()).max(MIN_CIRCLE_RADIUS) * scale
}

/// The largest dot's radius, in points.
const MAX_DOT_RADIUS: f32 = 9.0;

/// Radius, in points, of a single event's dot by its fatalities.
pub fn dot_radius(fatalities: u32) -> f32 {
    (2.5 + 1.1 * (fatalities as f32).sqrt()).min(MAX_DOT_RADIUS)
}

/// The fill of each province under the choropleth (`land` where zero or unknown).
pub fn choropleth_colours(
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    land: Color32,
) -> Option<Vec<Color32>> {
    let (classes, class_of) = view.choropleth(atlas)?;
    Some(
        class_of
            .into_iter()
            .map(|class| class.map_or(land, |c| colour(classes.colour(c))))
            .collect(),
    )
}

/// The layer as the map draws it this frame.
#[derive(Clone, Copy)]
pub struct EventsOnMap<'a> {
    /// What to draw.
    pub view: &'a EventLayerView<'a>,
    /// The view's zoom (1 = the whole country): circles or single events.
    pub zoom: f32,
}

/// What the layer keeps between frames.
#[derive(Default)]
pub struct EventsPaintCache {
    dots: DotTiles,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct DotKey {
    scale: f32,
    pixels_per_point: f32,
    range: Option<(i32, i32)>,
    generation: u64,
    style_id: u8,
    count: usize,
}

struct DotTiles {
    key: Option<DotKey>,
    /// The area built, in scaled map space.
    covered: Rect,
    tiles: HashMap<(i32, i32), Tile>,
}

impl Default for DotTiles {
    fn default() -> Self {
        Self {
            key: None,
            covered: Rect::NOTHING,
            tiles: HashMap::new(),
        }
    }
}

struct Tile {
    /// Largest first, so smaller dots are painted over them.
    dots: Vec<Dot>,
    /// The dots painted, once the tile has been seen.
    image: Option<TextureHandle>,
}

#[derive(Clone, Copy)]
struct Dot {
    centre: Pos2,
    radius: f32,
    point: u32,
    colour: Color32,
}

/// Paints the layer's markers (not the choropleth, which the fills draw).
pub fn paint_events(
    painter: &Painter,
    events: &EventsOnMap<'_>,
    geometry: &MapGeometry,
    t: TSTransform,
    style: MapStyle,
    cache: &mut EventsPaintCache,
) {
    let (view, zoom) = (events.view, events.zoom);
    let (style_id, dark) = (style.id, style.id == 1);
    if !view.draws_markers() {
        return;
    }
    if view.draws_points(zoom) {
        let pixels_per_point = painter.pixels_per_point();
        let visible = scaled_rect(painter.clip_rect(), t);
        cache
            .dots
            .update(view, t.scaling, pixels_per_point, visible, style_id);
        for (rect, texture) in cache.dots.visible_images(painter.ctx(), visible) {
            // On whole physical pixels, so the image is drawn as painted, not resampled.
            let min = ((rect.min + t.translation).to_vec2() * pixels_per_point).round()
                / pixels_per_point;
            let rect = Rect::from_min_size(min.to_pos2(), rect.size());
            painter.image(texture, rect, UNIT_UV, Color32::WHITE);
        }
    } else {
        paint_circles(painter, view, geometry, t, dark);
    }
}

/// The whole of a texture.
const UNIT_UV: Rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));

/// The event under `pointer` (screen), when single events are drawn: the index of its point.
pub fn point_at(cache: &EventsPaintCache, t: TSTransform, pointer: Pos2) -> Option<usize> {
    let scaled = pointer - t.translation;
    let tile = tile_of(scaled);
    let mut best: Option<(f32, u32)> = None;
    for dx in -1..=1 {
        for dy in -1..=1 {
            let Some(tile) = cache.dots.tiles.get(&(tile.0 + dx, tile.1 + dy)) else {
                continue;
            };
            for dot in &tile.dots {
                let distance = dot.centre.distance(scaled);
                if distance <= dot.radius + 2.0 && best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, dot.point));
                }
            }
        }
    }
    best.map(|(_, point)| point as usize)
}

/// Forgets the built dots (the events changed).
impl EventsPaintCache {
    /// Drops the dots, keeping the texture.
    pub fn clear(&mut self) {
        self.dots = DotTiles::default();
    }
}

fn scaled_rect(screen: Rect, t: TSTransform) -> Rect {
    screen.translate(-t.translation)
}

fn tile_of(scaled: Pos2) -> (i32, i32) {
    (
        (scaled.x / TILE_POINTS).floor() as i32,
        (scaled.y / TILE_POINTS).floor() as i32,
    )
}

impl DotTiles {
    fn update(
        &mut self,
        view: &EventLayerView<'_>,
        scale: f32,
        pixels_per_point: f32,
        visible: Rect,
        style_id: u8,
    ) {
        let key = DotKey {
            scale,
            pixels_per_point,
            range: view.range,
            generation: view.generation,
            style_id,
            count: view.points.len(),
        };
        if self.key == Some(key) && self.covered.contains_rect(visible) {
            return;
        }
        self.key = Some(key);
        self.covered = visible.expand2(visible.size());
        self.tiles.clear();

        // The deadliest event of each cell (CELL_POINTS square) of the covered area.
        let cells_x = (self.covered.width() / CELL_POINTS).ceil().max(1.0) as usize;
        let cells_y = (self.covered.height() / CELL_POINTS).ceil().max(1.0) as usize;
        let mut best = vec![u32::MAX; cells_x * cells_y];
        let points = view.points;
        let origin = self.covered.min;
        for index in points.in_range(view.range) {
            let scaled = points.pos[index].to_vec2() * scale;
            let (x, y) = (
                (scaled.x - origin.x) / CELL_POINTS,
                (scaled.y - origin.y) / CELL_POINTS,
            );
            if !(x >= 0.0 && y >= 0.0 && (x as usize) < cells_x && (y as usize) < cells_y) {
                continue;
            }
            let cell = &mut best[y as usize * cells_x + x as usize];
            if *cell == u32::MAX || points.fatalities[*cell as usize] < points.fatalities[index] {
                *cell = index as u32;
            }
        }
        let mut dots: HashMap<(i32, i32), Vec<Dot>> = HashMap::new();
        for &point in best.iter().filter(|p| **p != u32::MAX) {
            let index = point as usize;
            let centre = (points.pos[index].to_vec2() * scale).to_pos2();
            let [r, g, b] = view.point_colour(index);
            dots.entry(tile_of(centre)).or_default().push(Dot {
                centre,
                radius: dot_radius(points.fatalities[index]),
                point,
                colour: Color32::from_rgb(r, g, b),
            });
        }
        for (tile, mut dots) in dots {
            // Larger dots first, so smaller ones stay visible on top.
            dots.sort_by(|a, b| b.radius.total_cmp(&a.radius));
            self.tiles.insert(tile, Tile { dots, image: None });
        }
    }

    /// The image of each tile whose dots may show in `visible` (painting those not yet painted)
    /// and the area it covers, in scaled map space.
    fn visible_images(
        &mut self,
        ctx: &egui::Context,
        visible: Rect,
    ) -> Vec<(Rect, egui::TextureId)> {
        // A dot belongs to the tile of its centre, so tiles just outside the view reach into it
        // by at most the largest dot's radius — not by a whole tile.
        let reach = visible.expand(MAX_DOT_RADIUS);
        let (min, max) = (tile_of(reach.min), tile_of(reach.max));
        let pixels_per_point = self.key.map_or(1.0, |key| key.pixels_per_point);
        let mut images = Vec::new();
        for y in min.1..=max.1 {
            for x in min.0..=max.0 {
                let Some(tile) = self.tiles.get_mut(&(x, y)) else {
                    continue;
                };
                let area = tile_area((x, y));
                let texture = tile.image.get_or_insert_with(|| {
                    ctx.load_texture(
                        format!("event-dots-{x}-{y}"),
                        paint_tile(&tile.dots, area, pixels_per_point),
                        TextureOptions::LINEAR,
                    )
                });
                images.push((area, texture.id()));
            }
        }
        images
    }
}

/// The area a tile's image covers, in scaled map space: the tile and the reach of its dots.
fn tile_area(tile: (i32, i32)) -> Rect {
    Rect::from_min_size(
        Pos2::new(tile.0 as f32 * TILE_POINTS, tile.1 as f32 * TILE_POINTS),
        Vec2::splat(TILE_POINTS),
    )
    .expand(MAX_DOT_RADIUS + 1.0)
}

/// The dots of a tile painted at `pixels_per_point` into an image of `area`.
fn paint_tile(dots: &[Dot], area: Rect, pixels_per_point: f32) -> egui::ColorImage {
    let side = (area.width() * pixels_per_point).round().max(1.0) as usize;
    let scale = side as f32 / area.width();
    let mut image = Canvas::new([side, side]);
    for dot in dots {
        let centre = ((dot.centre - area.min) * scale).to_pos2();
        image.dot(centre, dot.radius * scale, dot.colour);
    }
    image.into_color_image()
}

/// One circle per province with events, at its label anchor, area by the measure.
fn paint_circles(
    painter: &Painter,
    view: &EventLayerView<'_>,
    geometry: &MapGeometry,
    t: TSTransform,
    dark: bool,
) {
    let values = view.circle_values();
    let max = values.iter().copied().max().unwrap_or(0);
    let (fill, stroke) = circle_colours(dark);
    for (index, value) in values.iter().enumerate() {
        let radius = circle_radius(*value, max, 1.0);
        let Some(anchor) = geometry.labels.get(index).copied().flatten() else {
            continue;
        };
        if radius > 0.0 {
            painter.circle(t * anchor.pos_in_map, radius, fill, stroke);
        }
    }
}

/// Fill and outline of the province circles: a translucent ink that lets the fills show through.
pub fn circle_colours(dark: bool) -> (Color32, Stroke) {
    if dark {
        (
            Color32::from_rgba_unmultiplied(230, 230, 230, 70),
            Stroke::new(1.5, Color32::from_rgb(235, 235, 235)),
        )
    } else {
        (
            Color32::from_rgba_unmultiplied(40, 40, 40, 70),
            Stroke::new(1.5, Color32::from_rgb(40, 40, 40)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_areas_are_in_proportion_to_the_values() {
        let big = circle_radius(400, 400, 1.0);
        let quarter = circle_radius(100, 400, 1.0);
        assert!((big - MAX_CIRCLE_RADIUS).abs() < 1e-4);
        assert!((quarter - MAX_CIRCLE_RADIUS / 2.0).abs() < 1e-4);
        assert_eq!(circle_radius(0, 400, 1.0), 0.0);
        assert_eq!(circle_radius(1, 1_000_000, 1.0), MIN_CIRCLE_RADIUS);
        assert!(dot_radius(0) < dot_radius(10) && dot_radius(10_000) <= 9.0);
    }
}
