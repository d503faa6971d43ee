//! A layer of the map drawn from images of its meshes while the map pans at one zoom.
//!
//! The fills, hatching, borders and dotted outlines are meshes kept between frames, but egui
//! still copies and moves each of their vertices every frame: about 40,000 with the whole
//! country shown, a third of a frame. Once a layer has drawn the same meshes two frames running
//! (the map is at rest or panning), it has them painted into tiles of 256 × 256 pixels
//! ([`super::mesh_raster`]) on the map's background thread ([`super::background`]), each the
//! first time it is seen, and draws a tile as one quad on whole pixels. Until every tile in view
//! is back, and while its meshes change (zooming, restyling), it draws the meshes as before: no
//! frame waits for a tile. Both ways look the same.

use std::{
    collections::HashSet,
    sync::{
        Arc, OnceLock,
        atomic::{AtomicU64, Ordering},
        mpsc,
    },
    time::{Duration, Instant},
};

use egui::{
    Color32, ColorImage, Mesh, Painter, Pos2, Rect, TextureHandle, TextureOptions, Vec2,
    emath::TSTransform,
};

use super::{
    background,
    canvas::Canvas,
    stroke_cache::paint_moved,
    tiles::{TileCache, image_bytes, tile_of},
};

/// Side of a tile, in physical pixels.
const TILE_PIXELS: f32 = 256.0;

/// How long one frame may spend making tiles on the UI thread (tiles of dots) before it draws
/// otherwise and leaves the rest to the next frame.
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
    /// [`TILE_TIME_PER_FRAME`] from now; layers of meshes make their tiles in the background.
    pub fn for_this_frame() -> Self {
        Self {
            until: Some(Instant::now() + TILE_TIME_PER_FRAME),
        }
    }

    /// No limit: every tile in view is made in this frame, on this thread.
    #[cfg(test)]
    pub fn unlimited() -> Self {
        Self { until: None }
    }

    /// Whether the time is up.
    pub fn spent(self) -> bool {
        self.until.is_some_and(|until| Instant::now() >= until)
    }

    /// Whether tiles are made in this frame, on this thread, whatever they cost.
    fn in_place(self) -> bool {
        self.until.is_none()
    }
}

/// One layer's meshes, the tiles made of them, and what was drawn last.
#[derive(Default)]
pub struct RasterLayer {
    drawn: Option<Arc<Drawn>>,
    /// By tile position in pixels (the map's translation aside), for the meshes in `drawn`.
    tiles: TileCache<(i32, i32), Option<TextureHandle>>,
    /// Tiles asked of the background thread and not back yet.
    asked: HashSet<(i32, i32)>,
    /// Where the background thread sends tiles back.
    painted: Option<Painted>,
}

/// A tile painted in the background: the meshes' generation, where, and the image (None when
/// nothing reaches into it).
type PaintedTile = (u64, (i32, i32), Option<ColorImage>);

struct Painted {
    sender: mpsc::Sender<PaintedTile>,
    receiver: mpsc::Receiver<PaintedTile>,
}

impl Default for Painted {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self { sender, receiver }
    }
}

/// The generation of meshes each layer draws now: a tile asked for an older one is not painted.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

/// The meshes drawn in the last frame, and the bounds of their triangles in pixels once tiles
/// are being made of them; shared with the background thread.
struct Drawn {
    meshes: Vec<LayerMesh>,
    pixels_per_point: f32,
    bounds: OnceLock<Vec<Vec<Rect>>>,
    /// Unique to these meshes; `current` holds it while they are the ones drawn.
    generation: u64,
    current: Arc<AtomicU64>,
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

    fn bounds(&self) -> &[Vec<Rect>] {
        self.bounds.get_or_init(|| triangle_bounds(self))
    }

    fn is_current(&self) -> bool {
        self.current.load(Ordering::Relaxed) == self.generation
    }
}

impl RasterLayer {
    /// Draws `meshes` moved by the map's `translation` (screen points): from tiles when the same
    /// meshes were drawn in the last frame and their tiles in view are made, as meshes otherwise.
    pub fn paint(
        &mut self,
        painter: &Painter,
        meshes: Vec<LayerMesh>,
        translation: Vec2,
        time: TileTime,
    ) {
        self.tiles.next_frame();
        let pixels_per_point = painter.pixels_per_point();
        if !self
            .drawn
            .as_ref()
            .is_some_and(|drawn| drawn.is(&meshes, pixels_per_point))
        {
            paint_meshes(painter, &meshes, translation);
            self.tiles.clear();
            self.asked.clear();
            if meshes.iter().any(|m| !m.mesh.is_empty()) {
                // Tiles are made from the next frame if nothing changes by then.
                painter.ctx().request_repaint();
            }
            let current = self
                .drawn
                .as_ref()
                .map_or_else(|| Arc::new(AtomicU64::new(0)), |d| Arc::clone(&d.current));
            let generation = GENERATIONS.fetch_add(1, Ordering::Relaxed);
            current.store(generation, Ordering::Relaxed);
            self.drawn = Some(Arc::new(Drawn {
                meshes,
                pixels_per_point,
                bounds: OnceLock::new(),
                generation,
                current,
            }));
            return;
        }
        if !self.paint_tiles(painter, translation, time) {
            paint_meshes(painter, &meshes, translation);
        }
    }

    /// Draws the tiles in view, asking for those not made yet; false (having drawn nothing)
    /// when some are not back yet.
    fn paint_tiles(&mut self, painter: &Painter, translation: Vec2, time: TileTime) -> bool {
        let Some(drawn) = self.drawn.clone() else {
            return false;
        };
        self.take_painted(painter.ctx(), drawn.generation);
        let pixels_per_point = drawn.pixels_per_point;
        // On whole physical pixels, so each tile is shown as it was painted.
        let offset = (translation * pixels_per_point).round();
        let clip = painter.clip_rect();
        let visible = Rect::from_min_max(
            (clip.min.to_vec2() * pixels_per_point - offset).to_pos2(),
            (clip.max.to_vec2() * pixels_per_point - offset).to_pos2(),
        );
        let (first, last) = (
            tile_of(visible.min, TILE_PIXELS),
            tile_of(visible.max, TILE_PIXELS),
        );
        let mut quads = Vec::new();
        let mut missing = false;
        for y in first.1..=last.1 {
            for x in first.0..=last.0 {
                let made = self.tiles.get((x, y), time.in_place(), || {
                    let image = paint_tile(&drawn, (x, y));
                    upload(painter.ctx(), (x, y), image)
                });
                match made {
                    Some(Some(texture)) => {
                        let min = (tile_origin((x, y)) + offset) / pixels_per_point;
                        let rect = Rect::from_min_size(
                            min.to_pos2(),
                            Vec2::splat(TILE_PIXELS / pixels_per_point),
                        );
                        quads.push((texture.id(), rect));
                    }
                    Some(None) => {}
                    None => {
                        missing = true;
                        if self.asked.insert((x, y)) {
                            self.ask((x, y), &drawn, painter.ctx());
                        }
                    }
                }
            }
        }
        if missing {
            // Drawn at the screen's pace until the tiles are back.
            painter.ctx().request_repaint();
            return false;
        }
        for (texture, rect) in quads {
            painter.image(texture, rect, UNIT_UV, Color32::WHITE);
        }
        true
    }

    /// Asks the background thread for tile `xy` of `drawn`.
    fn ask(&mut self, xy: (i32, i32), drawn: &Arc<Drawn>, ctx: &egui::Context) {
        let sender = self
            .painted
            .get_or_insert_with(Painted::default)
            .sender
            .clone();
        let drawn = Arc::clone(drawn);
        let ctx = ctx.clone();
        background::run(move || {
            if !drawn.is_current() {
                return;
            }
            let image = paint_tile(&drawn, xy);
            if sender.send((drawn.generation, xy, image)).is_ok() {
                ctx.request_repaint();
            }
        });
    }

    /// Uploads the tiles painted in the background for `generation` (dropping older ones).
    fn take_painted(&mut self, ctx: &egui::Context, generation: u64) {
        let Some(painted) = &self.painted else {
            return;
        };
        for (made_for, xy, image) in painted.receiver.try_iter() {
            if made_for != generation || !self.asked.remove(&xy) {
                continue;
            }
            let _ = self.tiles.get(xy, true, || upload(ctx, xy, image));
        }
    }

    /// Whether tiles asked of the background thread are not back yet.
    #[cfg(test)]
    pub fn waiting_for_tiles(&self) -> bool {
        !self.asked.is_empty()
    }

    /// How many tile images are kept.
    #[cfg(test)]
    pub fn images_kept(&self) -> usize {
        self.tiles.iter().filter(|(_, t)| t.is_some()).count()
    }
}

/// A tile's image as a texture, and the bytes it holds.
fn upload(
    ctx: &egui::Context,
    (x, y): (i32, i32),
    image: Option<ColorImage>,
) -> (Option<TextureHandle>, usize) {
    let bytes = image.as_ref().map_or(0, |image| image_bytes(image.size));
    let texture = image
        .map(|image| ctx.load_texture(format!("map-tile-{x}-{y}"), image, TextureOptions::NEAREST));
    (texture, bytes)
}

/// The whole of a texture.
pub(super) const UNIT_UV: Rect = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));

fn paint_meshes(painter: &Painter, meshes: &[LayerMesh], translation: Vec2) {
    for layer_mesh in meshes {
        paint_moved(
            painter,
            &layer_mesh.mesh,
            TSTransform::new(translation, layer_mesh.scale),
        );
    }
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
fn paint_tile(drawn: &Drawn, tile: (i32, i32)) -> Option<ColorImage> {
    let origin = tile_origin(tile);
    let area = Rect::from_min_size(origin.to_pos2(), Vec2::splat(TILE_PIXELS));
    let bounds = drawn.bounds();
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
    fn tiles_are_painted_in_the_background_while_the_meshes_are_drawn() {
        crate::map::use_a_background_thread();
        let ctx = Context::default();
        let mut layer = RasterLayer::default();
        let meshes = vec![square(pos2(10.0, 10.0), 300.0, Color32::RED)];
        let run = |layer: &mut RasterLayer| {
            let input = RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0))),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                layer.paint(
                    ui.painter(),
                    meshes.clone(),
                    Vec2::ZERO,
                    TileTime::for_this_frame(),
                );
            });
            output.textures_delta.clear();
            output
                .shapes
                .into_iter()
                .map(|s| s.shape)
                .collect::<Vec<_>>()
        };
        let first = run(&mut layer);
        assert!(first.iter().any(|s| is_mesh_of(s, &meshes[0].mesh)));
        // The second frame asks for the tiles and, until they are back, draws the meshes.
        let mut frames = 1;
        loop {
            let shapes = run(&mut layer);
            frames += 1;
            let drew_mesh = shapes.iter().any(|s| is_mesh_of(s, &meshes[0].mesh));
            if !layer.waiting_for_tiles() && !drew_mesh {
                break;
            }
            assert!(drew_mesh, "a frame without its tiles draws the meshes");
            assert!(frames < 1000, "the tiles never came back");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(layer.images_kept(), 4);
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
            bounds: OnceLock::new(),
            generation: 1,
            current: Arc::new(AtomicU64::new(1)),
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
    fn panning_far_keeps_the_tiles_within_the_memory_budget() {
        let ctx = Context::default();
        let budget_tiles = 30;
        let mut layer = RasterLayer {
            tiles: TileCache::with_budget(budget_tiles * image_bytes([256, 256])),
            ..RasterLayer::default()
        };
        let meshes = vec![square(pos2(0.0, 0.0), 40_000.0, Color32::RED)];
        let mut seen = std::collections::HashSet::new();
        for step in 0..60 {
            let translation = vec2(-200.0 * step as f32, 0.0);
            frame(&ctx, &mut layer, &meshes, translation);
            let first = (200.0 * step as f32 / 256.0).floor() as i32;
            for x in first..=first + 4 {
                seen.insert(x);
            }
            // The frame's own tiles (4 × 3 in an 800 × 600 view, 5 × 3 where it straddles) and
            // older ones up to the budget.
            assert!(
                layer.images_kept() <= budget_tiles.max(15),
                "{} tiles kept at step {step}",
                layer.images_kept()
            );
        }
        assert!(
            seen.len() * 3 > 2 * budget_tiles,
            "the pan saw more tiles than the budget holds, so keeping them all would fail"
        );
        assert!(layer.images_kept() >= 12, "the tiles in view are kept");
    }
}
