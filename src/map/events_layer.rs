//! The Events layer on screen: one circle per province (area by events or fatalities) when zoomed
//! out, single events when zoomed in (coloured by group, sized by fatalities), or the province
//! choropleth (drawn by the fills, see [`choropleth_colours`]).
//!
//! Single events are discs with a rim placed in "scaled map space" (map kilometres × points per
//! kilometre) and cut into tiles. A tile is made the first time it is seen, from the events in
//! it (found through [`super::point_grid`]), painted into an image ([`super::dot_raster`]) and
//! drawn as one textured quad, only moved while panning: a frame costs a few vertices a tile, not
//! four an event. Where several events fall within a few points of each other only the deadliest
//! is drawn (the others are under it anyway). Tiles are made within the frame's time for making
//! tiles; the rest follow in the next frames. While the zoom, the dates, the groups, the theme or
//! the pixel density are changing from frame to frame (a zoom animation, a dragged time
//! control), the tiles kept are shown, scaled to the zoom; once a frame asks for what the one
//! before asked for, the tiles are made afresh.

use std::collections::HashMap;

use egui::{
    Color32, Painter, Pos2, Rect, Stroke, TextureHandle, TextureOptions, Vec2, emath::TSTransform,
};

use super::{
    MapStyle,
    canvas::Canvas,
    events_scene::EventLayerView,
    overlay::colour,
    raster_layer::{LayerMesh, RasterLayer, TileTime, UNIT_UV, forget_old_tiles},
    stroke_cache::{StrokeCache, StrokeKey},
};
use crate::{data::Atlas, geometry::MapGeometry};

/// Largest province circle, in points (radius).
pub const MAX_CIRCLE_RADIUS: f32 = 30.0;
/// Smallest circle drawn for a province with any event.
const MIN_CIRCLE_RADIUS: f32 = 3.0;
/// Side of the cells within which only the deadliest event is drawn, in points: about the
/// smallest dot's diameter, so a dot hidden under its neighbours is not drawn at all.
const CELL_POINTS: f32 = TILE_POINTS / TILE_CELLS as f32;
/// Cells along a tile's side.
const TILE_CELLS: usize = 40;
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
    /// The province circles, tessellated once per zoom and values, drawn from tiles while the
    /// map pans.
    circles: StrokeCache,
    circle_tiles: RasterLayer,
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

#[derive(Default)]
struct DotTiles {
    /// What the tiles were made for.
    key: Option<DotKey>,
    /// What the last frame asked for.
    asked: Option<DotKey>,
    tiles: HashMap<(i32, i32), Tile>,
    frame: u64,
}

struct Tile {
    /// Largest first, so smaller dots are painted over them.
    dots: Vec<Dot>,
    /// The dots painted (none where there are no dots).
    image: Option<TextureHandle>,
    last_used: u64,
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
    time: TileTime,
) {
    let (view, zoom) = (events.view, events.zoom);
    let (style_id, dark) = (style.id, style.id == 1);
    if !view.draws_markers() {
        return;
    }
    if view.draws_points(zoom) {
        let pixels_per_point = painter.pixels_per_point();
        let visible = scaled_rect(painter.clip_rect(), t);
        let key = DotKey {
            scale: t.scaling,
            pixels_per_point,
            range: view.range,
            generation: view.generation,
            style_id,
            count: view.points.len(),
        };
        let shown = cache.dots.images(painter.ctx(), view, key, visible, time);
        if !shown.complete {
            painter.ctx().request_repaint();
        }
        for (rect, texture) in shown.images {
            // On whole physical pixels, so the image is drawn as painted, not resampled.
            let rect = rect.translate(t.translation);
            let min = (rect.min.to_vec2() * pixels_per_point).round() / pixels_per_point;
            let rect = Rect::from_min_size(min.to_pos2(), rect.size());
            painter.image(texture, rect, UNIT_UV, Color32::WHITE);
        }
    } else {
        paint_circles(painter, view, geometry, t, dark, cache, time);
    }
}

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

/// The tile images to draw this frame, with the areas they cover (scaled map space).
struct Shown {
    images: Vec<(Rect, egui::TextureId)>,
    /// False when tiles in view are still to be made (or the tiles shown are for what the
    /// frame before asked for).
    complete: bool,
}

impl DotTiles {
    /// The images of the tiles that may show in `visible` for `key`, making those not made yet
    /// while `time` lasts.
    fn images(
        &mut self,
        ctx: &egui::Context,
        view: &EventLayerView<'_>,
        key: DotKey,
        visible: Rect,
        time: TileTime,
    ) -> Shown {
        self.frame += 1;
        let settled = self.asked == Some(key);
        self.asked = Some(key);
        if self.key != Some(key) {
            match self.key {
                // Still changing: show what is kept, scaled to the zoom asked for.
                Some(kept) if !settled => return self.kept_images(kept, key),
                _ => {
                    self.tiles.clear();
                    self.key = Some(key);
                }
            }
        }
        // A dot belongs to the tile of its centre, so tiles just outside the view reach into it
        // by at most the largest dot's radius — not by a whole tile.
        let reach = visible.expand(MAX_DOT_RADIUS);
        let (min, max) = (tile_of(reach.min), tile_of(reach.max));
        let mut shown = Shown {
            images: Vec::new(),
            complete: true,
        };
        for y in min.1..=max.1 {
            for x in min.0..=max.0 {
                let tile = match self.tiles.get_mut(&(x, y)) {
                    Some(tile) => tile,
                    None if time.spent() => {
                        shown.complete = false;
                        continue;
                    }
                    None => {
                        let tile = make_tile(ctx, view, key, (x, y));
                        self.tiles.entry((x, y)).or_insert(tile)
                    }
                };
                tile.last_used = self.frame;
                if let Some(image) = &tile.image {
                    shown.images.push((tile_area((x, y)), image.id()));
                }
            }
        }
        let in_view = ((max.0 - min.0 + 1) * (max.1 - min.1 + 1)) as usize;
        forget_old_tiles(&mut self.tiles, in_view, |tile| tile.last_used);
        shown
    }

    /// The kept tiles (made for `kept`) where they fall at the zoom of `key`.
    fn kept_images(&self, kept: DotKey, key: DotKey) -> Shown {
        let factor = key.scale / kept.scale;
        let images = self
            .tiles
            .iter()
            .filter_map(|(xy, tile)| {
                let area = tile_area(*xy);
                let area = Rect::from_min_size(
                    (area.min.to_vec2() * factor).to_pos2(),
                    area.size() * factor,
                );
                tile.image.as_ref().map(|image| (area, image.id()))
            })
            .collect();
        Shown {
            images,
            complete: false,
        }
    }
}

/// Tile `xy` for `key`: the deadliest event of each of its cells, painted.
fn make_tile(ctx: &egui::Context, view: &EventLayerView<'_>, key: DotKey, xy: (i32, i32)) -> Tile {
    let scale = key.scale;
    let origin = Pos2::new(xy.0 as f32, xy.1 as f32) * TILE_POINTS;
    let area_in_map = Rect::from_min_size(
        (origin.to_vec2() / scale).to_pos2(),
        Vec2::splat(TILE_POINTS / scale),
    );
    let points = view.points;
    let mut best = [u32::MAX; TILE_CELLS * TILE_CELLS];
    for index in points.grid.near(area_in_map, points.in_range(view.range)) {
        let scaled = points.pos[index].to_vec2() * scale;
        let (x, y) = (
            (scaled.x - origin.x) / CELL_POINTS,
            (scaled.y - origin.y) / CELL_POINTS,
        );
        if !(x >= 0.0 && y >= 0.0 && (x as usize) < TILE_CELLS && (y as usize) < TILE_CELLS) {
            continue;
        }
        let cell = &mut best[y as usize * TILE_CELLS + x as usize];
        // The deadliest; among as deadly, the first (the earliest) — whatever the search order.
        let deadlier = |a: usize, b: usize| {
            (points.fatalities[a], std::cmp::Reverse(a))
                > (points.fatalities[b], std::cmp::Reverse(b))
        };
        if *cell == u32::MAX || deadlier(index, *cell as usize) {
            *cell = index as u32;
        }
    }
    let mut dots: Vec<Dot> = best
        .iter()
        .filter(|p| **p != u32::MAX)
        .map(|&point| {
            let index = point as usize;
            let [r, g, b] = view.point_colour(index);
            Dot {
                centre: (points.pos[index].to_vec2() * scale).to_pos2(),
                radius: dot_radius(points.fatalities[index]),
                point,
                colour: Color32::from_rgb(r, g, b),
            }
        })
        .collect();
    // Larger dots first, so smaller ones stay visible on top.
    dots.sort_by(|a, b| b.radius.total_cmp(&a.radius));
    let image = (!dots.is_empty()).then(|| {
        ctx.load_texture(
            format!("event-dots-{}-{}", xy.0, xy.1),
            paint_tile(&dots, tile_area(xy), key.pixels_per_point),
            TextureOptions::LINEAR,
        )
    });
    Tile {
        dots,
        image,
        last_used: 0,
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
    cache: &mut EventsPaintCache,
    time: TileTime,
) {
    let values = view.circle_values();
    let key = StrokeKey {
        scale: t.scaling,
        pixels_per_point: painter.pixels_per_point(),
        variant: {
            use std::hash::{Hash as _, Hasher as _};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (&values, dark).hash(&mut hasher);
            hasher.finish()
        },
    };
    let mesh = cache.circles.mesh_of_shapes(key, || {
        let max = values.iter().copied().max().unwrap_or(0);
        let (fill, stroke) = circle_colours(dark);
        values
            .iter()
            .enumerate()
            .filter_map(|(index, value)| {
                let radius = circle_radius(*value, max, 1.0);
                let anchor = geometry.labels.get(index).copied().flatten()?;
                // In scaled map space, as the kept meshes are.
                let centre = (anchor.pos_in_map.to_vec2() * t.scaling).to_pos2();
                (radius > 0.0).then(|| {
                    egui::Shape::Circle(egui::epaint::CircleShape {
                        center: centre,
                        radius,
                        fill,
                        stroke,
                    })
                })
            })
            .collect()
    });
    let layer = vec![LayerMesh {
        mesh: std::sync::Arc::clone(mesh),
        scale: 1.0,
    }];
    cache
        .circle_tiles
        .paint(painter, layer, t.translation, time);
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
    use crate::map::{events_scene::EventPoints, point_grid::PointGrid};
    use egui::vec2;

    /// Points at `(x, y)` map kilometres with `fatalities`, on days 0, 1, 2, …
    fn points(events: &[(f32, f32, u32)]) -> EventPoints {
        let pos: Vec<Pos2> = events.iter().map(|(x, y, _)| Pos2::new(*x, *y)).collect();
        EventPoints {
            grid: PointGrid::new(&pos),
            pos,
            day: (0..events.len() as i32).collect(),
            fatalities: events.iter().map(|e| e.2).collect(),
            group: vec![crate::map::events_scene::NO_GROUP; events.len()],
            event: (0..events.len() as u32).collect(),
            groups_present: Vec::new(),
        }
    }

    #[test]
    fn dot_tiles_are_kept_scaled_while_the_zoom_changes_and_made_afresh_once_it_settles() {
        // Two events in one cell (the deadlier is drawn; between equals, the earlier), one in
        // another tile.
        let points = points(&[
            (10.0, 10.0, 1),
            (10.5, 10.5, 4),
            (10.2, 10.2, 4),
            (200.0, 10.0, 0),
        ]);
        let view = EventLayerView {
            points: &points,
            settings: Default::default(),
            range: None,
            totals: Vec::new(),
            group_colours: Vec::new(),
            generation: 1,
            credits: Vec::new(),
        };
        let key = |scale| DotKey {
            scale,
            pixels_per_point: 1.0,
            range: None,
            generation: 1,
            style_id: 0,
            count: points.len(),
        };
        let visible = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let ctx = egui::Context::default();
        let mut tiles = DotTiles::default();
        let mut frame = |scale: f32| {
            let mut shown = None;
            let mut output = ctx.run_ui(egui::RawInput::default(), |_| {
                shown = Some(tiles.images(&ctx, &view, key(scale), visible, TileTime::unlimited()));
            });
            output.textures_delta.clear();
            let shown = shown.expect("the frame ran");
            let mut areas: Vec<Rect> = shown.images.iter().map(|(area, _)| *area).collect();
            areas.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
            (shown.complete, areas, tiles.tiles.clone_dots())
        };

        let (complete, areas, dots) = frame(2.0);
        assert!(complete);
        assert_eq!(
            areas,
            vec![tile_area((0, 0)), tile_area((1, 0))],
            "20 and 400 points in"
        );
        assert_eq!(
            dots[&(0, 0)],
            vec![1],
            "the deadlier, and the earlier of the two"
        );
        assert_eq!(dots[&(1, 0)], vec![3]);

        let (complete, areas, _) = frame(3.0);
        assert!(!complete, "the zoom is changing");
        let scaled = |area: Rect| {
            Rect::from_min_size((area.min.to_vec2() * 1.5).to_pos2(), area.size() * 1.5)
        };
        assert_eq!(
            areas,
            vec![scaled(tile_area((0, 0))), scaled(tile_area((1, 0)))]
        );

        let (complete, areas, _) = frame(3.0);
        assert!(complete, "settled: made afresh for the new zoom");
        assert_eq!(
            areas,
            vec![tile_area((0, 0)), tile_area((2, 0))],
            "30 and 600 points in"
        );
    }

    trait CloneDots {
        fn clone_dots(&self) -> HashMap<(i32, i32), Vec<u32>>;
    }

    impl CloneDots for HashMap<(i32, i32), Tile> {
        fn clone_dots(&self) -> HashMap<(i32, i32), Vec<u32>> {
            self.iter()
                .map(|(xy, tile)| (*xy, tile.dots.iter().map(|d| d.point).collect()))
                .collect()
        }
    }

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
