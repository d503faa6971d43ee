//! The Events layer on screen: one circle per province (area by events or fatalities) when zoomed
//! out, single events when zoomed in (coloured by group, sized by fatalities), or the province
//! choropleth (drawn by the fills, see [`choropleth_colours`]).
//!
//! Single events are discs with a rim placed in "scaled map space" (map kilometres × points per
//! kilometre) and cut into tiles. A tile is made the first time it is seen, from the events in
//! it (found through [`crate::geometry::point_grid`]), painted into an image ([`super::dot_raster`]) and
//! drawn as one textured quad, only moved while panning: a frame costs a few vertices a tile, not
//! four an event. Where several events fall within a few points of each other one dot stands for
//! them (the deadliest's size), the more opaque the more events it stands for; dots are
//! translucent, so neighbours add up too (see [`crate::scene::events::dot_opacity`]). The
//! borders are drawn over the layer's dots, and the event whose card is open carries a ring. Tiles are made within the frame's time for making
//! tiles; the rest follow in the next frames. While the zoom, the dates, the groups, the theme or
//! the pixel density are changing from frame to frame (a zoom animation, a dragged time
//! control), the tiles kept are shown, scaled to the zoom; once a frame asks for what the one
//! before asked for, the tiles are made afresh.

use egui::{Color32, Painter, Pos2, Rect, TextureHandle, TextureOptions, Vec2, emath::TSTransform};

use super::{
    canvas::Canvas,
    raster_layer::{LayerMesh, RasterLayer, TileTime, UNIT_UV},
    stroke_cache::{StrokeCache, StrokeKey},
    tiles::{TileCache, image_bytes, tile_of},
};
use crate::{
    geometry::MapGeometry,
    scene::{
        MapStyle,
        events::{
            DOT_CELL_POINTS, Dot, EventLayerView, MAX_DOT_RADIUS, circle_colours, circle_radius,
            dot_opacity, thin_dots,
        },
    },
};

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
    /// The groups and types shown ([`crate::scene::events::PointFilter::key`]).
    filter: u64,
}

#[derive(Default)]
struct DotTiles {
    /// What the tiles were made for.
    key: Option<DotKey>,
    /// What the last frame asked for.
    asked: Option<DotKey>,
    /// By tile position in scaled map space, for `key`.
    tiles: TileCache<(i32, i32), Tile>,
}

struct Tile {
    /// The dots painted (none where there are no dots).
    image: Option<TextureHandle>,
}

/// Cells along a tile's side: tiles are whole numbers of thinning cells, so a tile is made from
/// its own events alone.
const TILE_CELLS: usize = 40;
/// Side of a tile of dots, in points.
const TILE_POINTS: f32 = DOT_CELL_POINTS * TILE_CELLS as f32;

/// Paints the ring around the selected event (over the borders and the dots), when it is shown.
pub fn paint_selected_event(
    painter: &Painter,
    events: &EventsOnMap<'_>,
    t: TSTransform,
    style: MapStyle,
) {
    let view = events.view;
    if !view.draws_markers() {
        return;
    }
    let Some(pos) = view.selected_pos() else {
        return;
    };
    let centre = t * pos;
    let radius = MAX_DOT_RADIUS + 4.0;
    let (halo, ink) = if style.id == 1 {
        (Color32::from_black_alpha(200), Color32::WHITE)
    } else {
        (
            Color32::from_white_alpha(230),
            Color32::from_rgb(20, 20, 20),
        )
    };
    painter.circle_stroke(centre, radius, egui::Stroke::new(5.0, halo));
    painter.circle_stroke(centre, radius, egui::Stroke::new(2.2, ink));
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
            filter: view.filter.key(),
        };
        let shown = cache
            .dots
            .images(painter.ctx(), view, &style, key, visible, time);
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

fn scaled_rect(screen: Rect, t: TSTransform) -> Rect {
    screen.translate(-t.translation)
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
        style: &MapStyle,
        key: DotKey,
        visible: Rect,
        time: TileTime,
    ) -> Shown {
        self.tiles.next_frame();
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
        let (min, max) = (
            tile_of(reach.min, TILE_POINTS),
            tile_of(reach.max, TILE_POINTS),
        );
        let mut shown = Shown {
            images: Vec::new(),
            complete: true,
        };
        for y in min.1..=max.1 {
            for x in min.0..=max.0 {
                let made = self.tiles.get((x, y), !time.spent(), || {
                    make_tile(ctx, view, style, key, (x, y))
                });
                let Some(tile) = made else {
                    shown.complete = false;
                    continue;
                };
                if let Some(image) = &tile.image {
                    shown.images.push((tile_area((x, y)), image.id()));
                }
            }
        }
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

/// Tile `xy` for `key`: the deadliest event of each of its cells, painted; and the bytes its
/// image holds.
fn make_tile(
    ctx: &egui::Context,
    view: &EventLayerView<'_>,
    style: &MapStyle,
    key: DotKey,
    xy: (i32, i32),
) -> (Tile, usize) {
    let scale = key.scale;
    let origin = Pos2::new(xy.0 as f32, xy.1 as f32) * TILE_POINTS;
    let area_in_map = Rect::from_min_size(
        (origin.to_vec2() / scale).to_pos2(),
        Vec2::splat(TILE_POINTS / scale),
    );
    let points = view.points;
    let dots = thin_dots(
        points,
        points
            .grid
            .near(area_in_map, points.in_range(view.range))
            .filter(|i| view.shows(*i)),
        |pos| (pos.to_vec2() * scale).to_pos2(),
        Rect::from_min_size(origin, Vec2::splat(TILE_POINTS)),
        DOT_CELL_POINTS,
        1.0,
    );
    let mut bytes = 0;
    let image = (!dots.is_empty()).then(|| {
        let image = paint_tile(view, style, &dots, tile_area(xy), key.pixels_per_point);
        bytes = image_bytes(image.size);
        ctx.load_texture(
            format!("event-dots-{}-{}", xy.0, xy.1),
            image,
            TextureOptions::LINEAR,
        )
    });
    (Tile { image }, bytes)
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
fn paint_tile(
    view: &EventLayerView<'_>,
    style: &MapStyle,
    dots: &[Dot],
    area: Rect,
    pixels_per_point: f32,
) -> egui::ColorImage {
    let side = (area.width() * pixels_per_point).round().max(1.0) as usize;
    let scale = side as f32 / area.width();
    let mut image = Canvas::new([side, side]);
    for dot in dots {
        let centre = ((dot.centre - area.min) * scale).to_pos2();
        image.dot(
            centre,
            dot.radius * scale,
            view.dot_colour(dot.point as usize, style),
            dot_opacity(dot.count),
        );
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
        style_id: u8::from(dark),
        content: {
            use std::hash::{Hash as _, Hasher as _};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            values.hash(&mut hasher);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::events::test_points as points;
    use egui::vec2;

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
        let view = crate::scene::events::test_view(&points);
        let style = MapStyle::for_theme(false);
        let key = |scale| DotKey {
            scale,
            pixels_per_point: 1.0,
            range: None,
            generation: 1,
            style_id: 0,
            count: points.len(),
            filter: view.filter.key(),
        };
        let visible = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let ctx = egui::Context::default();
        let mut tiles = DotTiles::default();
        let mut frame = |scale: f32| {
            let mut shown = None;
            let mut output = ctx.run_ui(egui::RawInput::default(), |_| {
                shown = Some(tiles.images(
                    &ctx,
                    &view,
                    &style,
                    key(scale),
                    visible,
                    TileTime::unlimited(),
                ));
            });
            output.textures_delta.clear();
            let shown = shown.expect("the frame ran");
            let mut areas: Vec<Rect> = shown.images.iter().map(|(area, _)| *area).collect();
            areas.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
            (shown.complete, areas)
        };

        let (complete, areas) = frame(2.0);
        assert!(complete);
        assert_eq!(
            areas,
            vec![tile_area((0, 0)), tile_area((1, 0))],
            "20 and 400 points in"
        );
        // Which dot each tile draws (the deadlier, and the earlier of two as deadly) is
        // `thin_dots`'s rule, tested in `scene::events`; clicks answer from it too.
        assert_eq!(view.dot_at(Pos2::new(21.0, 21.0), 2.0), Some(1));
        assert_eq!(view.dot_at(Pos2::new(400.0, 20.0), 2.0), Some(3));

        let (complete, areas) = frame(3.0);
        assert!(!complete, "the zoom is changing");
        let scaled = |area: Rect| {
            Rect::from_min_size((area.min.to_vec2() * 1.5).to_pos2(), area.size() * 1.5)
        };
        assert_eq!(
            areas,
            vec![scaled(tile_area((0, 0))), scaled(tile_area((1, 0)))]
        );

        let (complete, areas) = frame(3.0);
        assert!(complete, "settled: made afresh for the new zoom");
        assert_eq!(
            areas,
            vec![tile_area((0, 0)), tile_area((2, 0))],
            "30 and 600 points in"
        );
    }
}
