//! A layer of the map drawn from images of its meshes while the map pans at one zoom.
//!
//! The fills, hatching, borders and dotted outlines are meshes kept between frames, but egui
//! still copies and moves each of their vertices every frame: about 40,000 with the whole
//! country shown, a third of a frame. Once a layer has drawn the same meshes two frames running
//! (the map is at rest or panning), it paints them into tiles of 256 × 256 pixels
//! ([`super::mesh_raster`]), each made the first time it is seen, and draws a tile as one quad on
//! whole pixels. While its meshes change (zooming, restyling), or tiles it needs are still to be
//! made when this frame's time for making them is spent, it draws the meshes as before. Both
//! ways look the same.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use egui::{
    Color32, Mesh, Painter, Pos2, Rect, TextureHandle, TextureOptions, Vec2, emath::TSTransform,
};

use super::{canvas::Canvas, stroke_cache::paint_moved};

/// Side of a tile, in physical pixels.
const TILE_PIXELS: f32 = 256.0;

/// How long one frame may spend making tiles before it draws meshes instead and leaves the
/// rest to the next frame.
pub const TILE_TIME_PER_FRAME: Duration = Duration::from_millis(8);

/// One mesh of a layer and where it lives.
#[derive(Clone)]
pub struct LayerMesh {
    /// The mesh, shared with its cache.
    pub mesh: Arc<Mesh>,
    /// Points per unit of the mesh's space, before the map's translation: the zoom for a mesh
    /// in map kilometres, 1 for one already in scaled map space.
    pub scale: f32,
}

/// Until when a frame may make tiles.
#[derive(Clone, Copy, Debug)]
pub struct TileTime {
    until: Option<Instant>,
}

impl TileTime {
    /// [`TILE_TIME_PER_FRAME`] from now.
    pub fn for_this_frame() -> Self {
        Self {
            until: Some(Instant::now() + TILE_TIME_PER_FRAME),
        }
    }

    /// No limit: every tile in view is made in this frame.
    pub fn unlimited() -> Self {
        Self { until: None }
    }

    /// Whether the time is up.
    pub fn spent(self) -> bool {
        self.until.is_some_and(|until| Instant::now() >= until)
    }
}

/// One layer's meshes, the tiles made of them, and what was drawn last.
#[derive(Default)]
pub struct RasterLayer {
    drawn: Option<Drawn>,
    tiles: HashMap<(i32, i32), Tile>,
    frame: u64,
}

/// The meshes drawn in the last frame, and the bounds of their triangles in pixels once tiles
/// are being made of them.
struct Drawn {
    meshes: Vec<LayerMesh>,
    pixels_per_point: f32,
    bounds: Option<Vec<Vec<Rect>>>,
}

impl Drawn {
    fn is(&self, meshes: &[LayerMesh], pixels_per_point: f32) -> bool {
        self.pixels_per_point == pixels_per_point
            && self.meshes.len() == meshes.len()
            && self
                .meshes
                .iter()
                .zip(meshes)
                .all(|(a, b)| Arc::ptr_eq(&a.mesh, &b.mesh) && a.scale == b.scale)
    }

    /// Each mesh's position → pixel transform (the map's translation aside).
    fn to_pixels(&self, mesh: &LayerMesh) -> f32 {
        mesh.scale * self.pixels_per_point
    }
}

struct Tile {
    /// None where no triangle reaches.
    texture: Option<TextureHandle>,
    last_used: u64,
}

impl RasterLayer {
    /// Draws `meshes` moved by the map's `translation` (screen points): from tiles when the same
    /// meshes were drawn in the last frame, as meshes otherwise.
    pub fn paint(
        &mut self,
        painter: &Painter,
        meshes: Vec<LayerMesh>,
        translation: Vec2,
        time: TileTime,
    ) {
        self.frame += 1;
        let pixels_per_point = painter.pixels_per_point();
        if !self
            .drawn
            .as_ref()
            .is_some_and(|drawn| drawn.is(&meshes, pixels_per_point))
        {
            paint_meshes(painter, &meshes, translation);
            self.tiles.clear();
            if meshes.iter().any(|m| !m.mesh.is_empty()) {
                // Tiles are made in the next frame if nothing changes by then.
                painter.ctx().request_repaint();
            }
            self.drawn = Some(Drawn {
                meshes,
                pixels_per_point,
                bounds: None,
            });
            return;
        }
        if !self.paint_tiles(painter, translation, time) {
            paint_meshes(painter, &meshes, translation);
            painter.ctx().request_repaint();
        }
    }

    /// Draws the tiles in view, making those not made yet; false (having drawn nothing) when
    /// the time for making them ran out first.
    fn paint_tiles(&mut self, painter: &Painter, translation: Vec2, time: TileTime) -> bool {
        let Some(drawn) = self.drawn.as_mut() else {
            return false;
        };
        let pixels_per_point = drawn.pixels_per_point;
        if drawn.bounds.is_none() {
            drawn.bounds = Some(triangle_bounds(drawn));
        }
        // On whole physical pixels, so each tile is shown as it was painted.
        let offset = (translation * pixels_per_point).round();
        let clip = painter.clip_rect();
        let visible = Rect::from_min_max(
            (clip.min.to_vec2() * pixels_per_point - offset).to_pos2(),
            (clip.max.to_vec2() * pixels_per_point - offset).to_pos2(),
        );
        let (first, last) = (tile_of(visible.min), tile_of(visible.max));
        let mut quads = Vec::new();
        for y in first.1..=last.1 {
            for x in first.0..=last.0 {
                let tile = match self.tiles.get_mut(&(x, y)) {
                    Some(tile) => tile,
                    None if time.spent() => return false,
                    None => {
                        let started = Instant::now();
                        let image = paint_tile(drawn, (x, y));
                        if std::env::var_os("RA_TILE_TIMES").is_some() {
                            eprintln!(
                                "tile {x},{y}: {:.2} ms, {}",
                                started.elapsed().as_secs_f64() * 1000.0,
                                image.is_some()
                            );
                        }
                        let texture = image.map(|image| {
                            painter.ctx().load_texture(
                                format!("map-tile-{x}-{y}"),
                                image,
                                TextureOptions::NEAREST,
                            )
                        });
                        self.tiles.entry((x, y)).or_insert(Tile {
                            texture,
                            last_used: 0,
                        })
                    }
                };
                tile.last_used = self.frame;
                if let Some(texture) = &tile.texture {
                    let min = (tile_origin((x, y)) + offset) / pixels_per_point;
                    let rect = Rect::from_min_size(
                        min.to_pos2(),
                        Vec2::splat(TILE_PIXELS / pixels_per_point),
                    );
                    quads.push((texture.id(), rect));
                }
            }
        }
        for (texture, rect) in quads {
            painter.image(texture, rect, UNIT_UV, Color32::WHITE);
        }
        let in_view = ((last.0 - first.0 + 1) * (last.1 - first.1 + 1)) as usize;
        forget_old_tiles(&mut self.tiles, in_view, |tile| tile.last_used);
        true
    }

    /// How many tiles have been made and are kept, with an image or without (nothing in them).
    pub fn tiles_kept(&self) -> usize {
        self.tiles.len()
    }

    /// How many tile images are kept.
    pub fn images_kept(&self) -> usize {
        self.tiles.values().filter(|t| t.texture.is_some()).count()
    }
}

/// The whole of a texture.
pub(super) const UNIT_UV: Rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));

/// Keeps the tiles most recently drawn (by `last_used`, a frame count): four views' worth of
/// the `in_view` tiles a frame draws, and some.
pub(super) fn forget_old_tiles<T>(
    tiles: &mut HashMap<(i32, i32), T>,
    in_view: usize,
    last_used: impl Fn(&T) -> u64,
) {
    let keep = 4 * in_view + 16;
    if tiles.len() <= keep {
        return;
    }
    let mut used: Vec<u64> = tiles.values().map(&last_used).collect();
    used.sort_unstable_by(|a, b| b.cmp(a));
    let oldest_kept = used[keep - 1];
    tiles.retain(|_, tile| last_used(tile) >= oldest_kept);
}

fn paint_meshes(painter: &Painter, meshes: &[LayerMesh], translation: Vec2) {
    for layer_mesh in meshes {
        paint_moved(
            painter,
            &layer_mesh.mesh,
            TSTransform::new(translation, layer_mesh.scale),
        );
    }
}

fn tile_of(pixel: Pos2) -> (i32, i32) {
    (
        (pixel.x / TILE_PIXELS).floor() as i32,
        (pixel.y / TILE_PIXELS).floor() as i32,
    )
}

fn tile_origin(tile: (i32, i32)) -> Vec2 {
    Vec2::new(tile.0 as f32, tile.1 as f32) * TILE_PIXELS
}

/// Each triangle's bounds in pixels (the map's translation aside), by mesh.
fn triangle_bounds(drawn: &Drawn) -> Vec<Vec<Rect>> {
    drawn
        .meshes
        .iter()
        .map(|layer_mesh| {
            let scale = drawn.to_pixels(layer_mesh);
            let mesh = &layer_mesh.mesh;
            mesh.indices
                .chunks_exact(3)
                .map(|triangle| {
                    let mut bounds = Rect::NOTHING;
                    for index in triangle {
                        if let Some(vertex) = mesh.vertices.get(*index as usize) {
                            bounds.extend_with((vertex.pos.to_vec2() * scale).to_pos2());
                        }
                    }
                    bounds
                })
                .collect()
        })
        .collect()
}

/// The tile painted from the triangles that reach into it, in drawing order; None if none do.
fn paint_tile(drawn: &Drawn, tile: (i32, i32)) -> Option<egui::ColorImage> {
    let origin = tile_origin(tile);
    let area = Rect::from_min_size(origin.to_pos2(), Vec2::splat(TILE_PIXELS));
    let bounds = drawn.bounds.as_ref()?;
    let mut canvas: Option<Canvas> = None;
    for (layer_mesh, bounds) in drawn.meshes.iter().zip(bounds) {
        let to_pixels = TSTransform::new(-origin, drawn.to_pixels(layer_mesh));
        let reaching = bounds
            .iter()
            .enumerate()
            .filter(|(_, b)| b.intersects(area))
            .map(|(triangle, _)| triangle as u32);
        let mut reaching = reaching.peekable();
        if reaching.peek().is_none() {
            continue;
        }
        let side = TILE_PIXELS as usize;
        canvas
            .get_or_insert_with(|| Canvas::new([side, side]))
            .mesh_triangles(&layer_mesh.mesh, reaching, to_pixels);
    }
    canvas
        .filter(|canvas| !canvas.is_clear())
        .map(Canvas::into_color_image)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Context, RawInput, pos2, vec2};

    fn square(min: Pos2, side: f32, colour: Color32) -> LayerMesh {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(Rect::from_min_size(min, Vec2::splat(side)), colour);
        LayerMesh {
            mesh: Arc::new(mesh),
            scale: 1.0,
        }
    }

    /// Runs one frame painting `meshes` through `layer`; the shapes it drew.
    fn frame(
        ctx: &Context,
        layer: &mut RasterLayer,
        meshes: &[LayerMesh],
        translation: Vec2,
    ) -> Vec<egui::Shape> {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            layer.paint(
                ui.painter(),
                meshes.to_vec(),
                translation,
                TileTime::unlimited(),
            );
        });
        output.textures_delta.clear();
        output.shapes.into_iter().map(|s| s.shape).collect()
    }

    fn is_mesh_of(shape: &egui::Shape, mesh: &Arc<Mesh>) -> bool {
        matches!(shape, egui::Shape::Mesh(m) if Arc::ptr_eq(m, mesh))
    }

    #[test]
    fn new_meshes_are_drawn_as_meshes_then_as_tiles_while_they_stay_the_same() {
        let ctx = Context::default();
        let mut layer = RasterLayer::default();
        let meshes = vec![square(pos2(10.0, 10.0), 300.0, Color32::RED)];
        let first = frame(&ctx, &mut layer, &meshes, Vec2::ZERO);
        assert!(first.iter().any(|s| is_mesh_of(s, &meshes[0].mesh)));
        assert!(
            ctx.has_requested_repaint(),
            "tiles are made in the next frame"
        );

        let second = frame(&ctx, &mut layer, &meshes, vec2(3.3, 0.0));
        assert!(!second.iter().any(|s| is_mesh_of(s, &meshes[0].mesh)));
        let quads: Vec<Rect> = second
            .iter()
            .filter_map(|s| match s {
                egui::Shape::Mesh(m) if m.texture_id != egui::TextureId::default() => {
                    Some(m.calc_bounds())
                }
                _ => None,
            })
            .collect();
        // The square spans tiles (0,0), (1,0), (0,1) and (1,1); the tiles are moved by whole
        // pixels (3.3 → 3).
        assert_eq!(quads.len(), 4, "{quads:?}");
        assert!(quads.contains(&Rect::from_min_size(pos2(3.0, 0.0), Vec2::splat(256.0))));
        assert_eq!(
            layer.images_kept(),
            4,
            "tiles in view with nothing in them have no image"
        );

        // A different mesh (a new zoom) is drawn as a mesh again.
        let zoomed = vec![square(pos2(10.0, 10.0), 320.0, Color32::RED)];
        let third = frame(&ctx, &mut layer, &zoomed, Vec2::ZERO);
        assert!(third.iter().any(|s| is_mesh_of(s, &zoomed[0].mesh)));
        assert_eq!(layer.images_kept(), 0);
    }

    #[test]
    fn a_tile_is_painted_like_the_mesh_in_its_area() {
        let meshes = vec![
            square(pos2(100.0, 100.0), 200.0, Color32::from_rgb(10, 120, 200)),
            square(pos2(250.0, 250.0), 20.0, Color32::from_black_alpha(128)),
        ];
        let drawn = Drawn {
            meshes,
            pixels_per_point: 1.0,
            bounds: None,
        };
        let drawn = Drawn {
            bounds: Some(triangle_bounds(&drawn)),
            ..drawn
        };
        let image = paint_tile(&drawn, (0, 0)).expect("the squares reach into tile (0, 0)");
        let pixel = |x: usize, y: usize| image.pixels[y * 256 + x];
        assert_eq!(pixel(50, 50), Color32::TRANSPARENT);
        assert_eq!(pixel(150, 150), Color32::from_rgb(10, 120, 200));
        // The half-black square over the blue one, in the tile's corner.
        assert_eq!(pixel(255, 255), Color32::from_rgb(5, 60, 100));
        let next = paint_tile(&drawn, (1, 1)).expect("and into tile (1, 1)");
        assert_eq!(next.pixels[0], Color32::from_rgb(5, 60, 100));
        assert_eq!(next.pixels[100 * 256 + 100], Color32::TRANSPARENT);
        assert!(paint_tile(&drawn, (3, 3)).is_none());
    }

    #[test]
    fn only_recently_drawn_tiles_are_kept() {
        let ctx = Context::default();
        let mut layer = RasterLayer::default();
        let meshes = vec![square(pos2(0.0, 0.0), 5000.0, Color32::RED)];
        for step in 0..40 {
            frame(&ctx, &mut layer, &meshes, vec2(-100.0 * step as f32, 0.0));
            assert!(layer.tiles_kept() <= 4 * 12 + 16, "{}", layer.tiles_kept());
        }
    }
}
