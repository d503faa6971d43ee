//! Draws the map: province fills (coloured by the group overlay), stripes and hatching, borders,
//! outlines of the hovered, selected and source-highlighted provinces, labels, a scale bar and the
//! data credit. Reads geometry, scene and state; changes nothing but its caches. Not responsible
//! for input (see [`super::widget`]).

use std::{borrow::Cow, sync::Arc};

use egui::{
    Align2, Color32, FontId, Mesh, Painter, Pos2, Rect, Shape, Stroke, Vec2, emath::TSTransform,
    epaint::Vertex,
};

use super::{
    events_layer::{EventsOnMap, EventsPaintCache, paint_events, paint_selected_event},
    names,
    overlay::OverlayPatterns,
    raster_layer::{LayerMesh, RasterLayer, TileTime},
    stroke_cache::{StrokeCache, StrokeKey, StrokedLine, paint_moved},
};
use crate::{
    data::{Atlas, ProvinceIdx},
    geometry::{
        BorderKind, MapGeometry,
        labels::{self, LabelRequest, LabelType, PlacedLabel},
    },
    scene::{
        LabelLanguage, MapScene, MapStyle,
        events::choropleth_colours,
        labels::{self as scene_labels, Inset, InsetRequest},
        style::{ProvincePaint, SOURCE_HIGHLIGHT, hatch_stroke},
    },
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
    /// Screen areas names must keep clear of (buttons drawn over the map).
    pub obstacles: &'a [Rect],
    /// The dates shown, stamped in the map's top-left corner (presentation, playing).
    pub date_stamp: Option<&'a str>,
    /// The Events layer, when event files are open (its choropleth replaces the fills; give
    /// a scene without group marks then).
    pub events: Option<EventsOnMap<'a>>,
    /// The language of the province names.
    pub labels: LabelLanguage,
}

/// Tessellation and patterns kept between frames.
#[derive(Default)]
pub struct PaintCache {
    fills: FillCache,
    /// Fills, stripes and hatching, as tiles while the map pans.
    under: RasterLayer,
    /// The selected and hovered provinces' fills, over `under`.
    tints: TintCache,
    /// Dotted outlines and borders, as tiles while the map pans.
    over: RasterLayer,
    borders: StrokeCache,
    selected_outline: StrokeCache,
    hovered_outline: StrokeCache,
    highlight_outlines: StrokeCache,
    hatches: StrokeCache,
    dotted_outlines: StrokeCache,
    patterns: OverlayPatterns,
    patterns_version: u64,
    labels: Option<PlacedNames>,
    /// What the last frame drew over the map that marks laid on it must keep clear of.
    keep_clear: Vec<Rect>,
    /// The inset's own layers, at its scale.
    inset: Option<Box<PaintCache>>,
    /// The Events layer's dots and texture.
    pub events: EventsPaintCache,
    /// The zoom (points per map kilometre) of the last frame, and whether it differs from the
    /// one before: kept meshes are shown scaled while the zoom moves.
    last_scaling: f32,
    zooming: bool,
}

impl PaintCache {
    /// The province names placed in the last frame.
    pub fn placed_labels(&self) -> &[PlacedLabel] {
        self.labels
            .as_ref()
            .map_or(&[], |names| names.labels.as_slice())
    }

    /// What the last frame drew over the map, in screen points, that marks laid on it (the
    /// change badges) must keep clear of: every province name and its leader line, in the main
    /// map and the inset, the neighbouring countries' names, the scale bar, the credit and the
    /// date stamp.
    pub fn keep_clear(&self) -> &[Rect] {
        &self.keep_clear
    }

    /// The inset drawn in the last frame, if any.
    pub fn inset(&self) -> Option<&Inset> {
        self.labels.as_ref().and_then(|names| names.inset.as_ref())
    }

    /// Starts a frame drawn at `scaling` points per map kilometre.
    fn start_frame(&mut self, scaling: f32) {
        self.zooming = scaling != self.last_scaling;
        self.last_scaling = scaling;
    }
}

/// Paints the whole map with `painter` (clipped to the map area), layer by layer from the bottom:
/// fills and patterns, the hovered and selected tints, the Events layer, dotted outlines and
/// borders, outlines of the highlighted, hovered and selected provinces, the selected event's
/// ring, then names and the map's furniture.
pub fn paint_map(painter: &Painter, input: &PaintInput<'_>, cache: &mut PaintCache) {
    painter.rect_filled(painter.clip_rect(), 0.0, input.style.background);
    cache.start_frame(input.screen_from_map.scaling);
    let tile_time = TileTime::for_this_frame();
    let choropleth = input
        .events
        .and_then(|events| choropleth_colours(input.atlas, events.view, input.style.land));
    paint_under(painter, input, cache, choropleth.as_deref(), tile_time);
    paint_tints(painter, input, cache, choropleth.as_deref());
    // The events under the borders, so dense places never hide where a province ends.
    if let Some(events) = input.events {
        paint_events(
            painter,
            &events,
            input.geometry,
            input.screen_from_map,
            input.style,
            &mut cache.events,
            tile_time,
        );
    }
    paint_over(painter, input, cache, tile_time);
    paint_outlines(painter, input, cache);
    if let Some(events) = input.events {
        paint_selected_event(painter, &events, input.screen_from_map, input.style);
    }
    paint_names_and_furniture(painter, input, cache);
}

/// A key for a mesh kept in scaled map space at this frame's zoom, pixel density and palette.
fn stroke_key(painter: &Painter, input: &PaintInput<'_>, content: u64) -> StrokeKey {
    StrokeKey {
        scale: input.screen_from_map.scaling,
        pixels_per_point: painter.pixels_per_point(),
        style_id: input.style.id,
        content,
    }
}

/// Under the borders: fills, stripes and hatching, drawn from tiles while the map pans.
fn paint_under(
    painter: &Painter,
    input: &PaintInput<'_>,
    cache: &mut PaintCache,
    choropleth: Option<&[Color32]>,
    tile_time: TileTime,
) {
    let t = input.screen_from_map;
    let fills = cache
        .fills
        .mesh(input.geometry, fill_colours(input, choropleth));
    let mut under = vec![LayerMesh {
        mesh: Arc::clone(fills),
        scale: t.scaling,
    }];
    if cache.patterns.update_soon(
        input.geometry,
        input.scene,
        t.scaling,
        t.inverse().mul_rect(painter.clip_rect()),
        &input.style,
        painter.ctx(),
    ) {
        cache.patterns_version += 1;
    }
    if cache.patterns.deferred() {
        painter.ctx().request_repaint();
    }
    under.extend(cache.patterns.stripes.iter().map(|stripe| LayerMesh {
        mesh: Arc::clone(stripe),
        scale: t.scaling,
    }));
    let patterns = &cache.patterns;
    let key = stroke_key(painter, input, cache.patterns_version);
    let (hatches, scale) = cache
        .hatches
        .mesh_soon(key, cache.zooming, true, painter.ctx(), || {
            patterns
                .hatches
                .iter()
                .map(|line| StrokedLine {
                    points: Cow::Borrowed(&line.points),
                    stroke: hatch_stroke(line.colour),
                    closed: false,
                })
                .collect()
        });
    under.push(LayerMesh {
        mesh: Arc::clone(hatches),
        scale,
    });
    cache.under.paint(painter, under, t.translation, tile_time);
}

/// The hovered and selected provinces' own fills, kept out of the tiles so that pointing at a
/// province does not make them again.
fn paint_tints(
    painter: &Painter,
    input: &PaintInput<'_>,
    cache: &mut PaintCache,
    choropleth: Option<&[Color32]>,
) {
    let tints = cache
        .tints
        .mesh(input.geometry, tinted_provinces(input, choropleth));
    paint_moved(painter, tints, input.screen_from_map);
}

/// Dotted outlines, then borders over them: drawn from tiles too.
fn paint_over(
    painter: &Painter,
    input: &PaintInput<'_>,
    cache: &mut PaintCache,
    tile_time: TileTime,
) {
    let dotted = dotted_outlines(
        input,
        &mut cache.dotted_outlines,
        stroke_key(painter, input, input.scene.overlay_hash()),
    );
    let borders = &input.geometry.topology.borders;
    let (borders, borders_scale) = cache.borders.mesh_soon(
        stroke_key(painter, input, 0),
        cache.zooming,
        false,
        painter.ctx(),
        || {
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
        },
    );
    let over = vec![
        LayerMesh {
            mesh: Arc::clone(dotted),
            scale: 1.0,
        },
        LayerMesh {
            mesh: Arc::clone(borders),
            scale: borders_scale,
        },
    ];
    cache
        .over
        .paint(painter, over, input.screen_from_map.translation, tile_time);
}

/// Outlines of the provinces citing the highlighted source, the hovered and the selected one.
fn paint_outlines(painter: &Painter, input: &PaintInput<'_>, cache: &mut PaintCache) {
    let translation = input.screen_from_map.translation;
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
        let variant = highlighted
            .iter()
            .fold(0u64, |h, p| h.wrapping_mul(31).wrapping_add(*p as u64 + 1));
        cache.highlight_outlines.paint(
            painter,
            stroke_key(painter, input, variant),
            translation,
            || outlines(&highlighted, SOURCE_HIGHLIGHT),
        );
    }
    if let Some(hovered) = input.hovered.filter(|h| Some(*h) != input.selected) {
        let variant = hovered.0 as u64;
        cache.hovered_outline.paint(
            painter,
            stroke_key(painter, input, variant),
            translation,
            || outlines(&[hovered.0], input.style.hovered_outline),
        );
    }
    if let Some(selected) = input.selected {
        let variant = selected.0 as u64;
        cache.selected_outline.paint(
            painter,
            stroke_key(painter, input, variant),
            translation,
            || outlines(&[selected.0], input.style.selected_outline),
        );
    }
}

/// The countries around, the province names (placed afresh at rest, moved with the map while it
/// pans), the inset of the Kabul–Panjshir cluster when the names there need one, then the map's
/// furniture (scale bar, north arrow, date stamp).
fn paint_names_and_furniture(painter: &Painter, input: &PaintInput<'_>, cache: &mut PaintCache) {
    let t = input.screen_from_map;
    let furniture = Furniture::layout(painter, input);
    let key = LabelKey {
        scaling: t.scaling,
        area: painter.clip_rect(),
        style_id: input.style.id,
        fixed_obstacles: furniture.fixed_obstacles(input.obstacles),
        sizes: name_sizes(painter, input),
        labels: input.labels,
    };
    let names = match cache.labels.take() {
        Some(names) if names.still_fit(&key, t.translation) => names.moved_to(t.translation),
        _ => {
            let countries: Vec<Rect> = furniture.countries.iter().map(|(_, r)| *r).collect();
            let inset = place_inset(painter, input, &key, &countries);
            let mut obstacles = key.fixed_obstacles.clone();
            obstacles.extend(countries);
            let mut labels =
                place_province_labels(painter, input, &key, &obstacles, inset.as_ref());
            labels.extend(inset.iter().flat_map(|inset| inset.labels.iter().cloned()));
            PlacedNames {
                labels,
                inset,
                key,
                placed_at: t.translation,
                shown_at: t.translation,
            }
        }
    };
    if names.shown_at != names.placed_at {
        // Moved since the names were placed: place them afresh once the map comes to rest.
        painter.ctx().request_repaint();
    }
    let frame = names.inset.as_ref().map(|inset| inset.frame);
    cache.keep_clear = crate::scene::badges::name_obstacles(&names.labels, 3.0);
    cache.keep_clear.extend(furniture.fixed_obstacles(&[]));
    for (text, rect) in &furniture.countries {
        if frame.is_some_and(|frame| frame.intersects(*rect)) {
            continue;
        }
        cache.keep_clear.push(*rect);
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(input.style.label_size),
            input.style.country_label,
        );
    }
    if let Some(inset) = &names.inset {
        paint_inset(painter, input, inset, &mut cache.inset);
    }
    paint_labels(painter, input, &names.labels);
    cache.labels = Some(names);
    furniture.paint(painter, input.style);
}

/// Name sizes for this map: the style's, large enough for a room in presentation mode (the
/// projector style is presentation's).
fn name_sizes(painter: &Painter, input: &PaintInput<'_>) -> LabelType {
    scene_labels::screen_name_sizes(
        input.style.label_size,
        input.style.small_label_size,
        input.style.id == MapStyle::projector().id,
        painter.ctx().content_rect().height(),
    )
}

/// The inset of the Kabul–Panjshir cluster for this view, if its names need one, clear of the
/// fixed furniture and, where it can be, of the neighbours' names (`countries`).
fn place_inset(
    painter: &Painter,
    input: &PaintInput<'_>,
    key: &LabelKey,
    countries: &[Rect],
) -> Option<Inset> {
    Inset::place(
        &InsetRequest {
            atlas: input.atlas,
            geometry: input.geometry,
            screen_from_map: input.screen_from_map,
            area: key.area.shrink(8.0),
            avoid: &key.fixed_obstacles,
            prefer_clear: countries,
            sizes: key.sizes,
        },
        |province, size| name_size(painter, input, province, size),
    )
}

/// The inset: its frame on a backing, the same layers as the main map at its scale clipped to
/// the frame (from its own caches), and the locator box on the main map. Its names are painted
/// with the others.
fn paint_inset(
    painter: &Painter,
    input: &PaintInput<'_>,
    inset: &Inset,
    cache: &mut Option<Box<PaintCache>>,
) {
    let style = input.style;
    let frame_stroke = Stroke::new(1.5, style.label);
    painter.rect_stroke(inset.locator, 0.0, frame_stroke, egui::StrokeKind::Middle);
    let inner = painter.with_clip_rect(inset.frame.intersect(painter.clip_rect()));
    inner.rect_filled(inset.frame, 0.0, style.background);
    // The inset magnifies the map: the Events layer too, at the inset's zoom.
    let events = input.events.map(|events| EventsOnMap {
        zoom: events.zoom * inset.magnification,
        ..events
    });
    let inset_input = PaintInput {
        atlas: input.atlas,
        geometry: input.geometry,
        scene: input.scene,
        screen_from_map: inset.screen_from_map,
        style,
        selected: input.selected,
        hovered: input.hovered,
        obstacles: &[],
        date_stamp: None,
        events,
        labels: input.labels,
    };
    let choropleth =
        events.and_then(|events| choropleth_colours(input.atlas, events.view, style.land));
    let cache = cache.get_or_insert_with(Box::default);
    cache.start_frame(inset.screen_from_map.scaling);
    let tile_time = TileTime::for_this_frame();
    paint_under(
        &inner,
        &inset_input,
        cache,
        choropleth.as_deref(),
        tile_time,
    );
    paint_tints(&inner, &inset_input, cache, choropleth.as_deref());
    if let Some(events) = events {
        paint_events(
            &inner,
            &events,
            input.geometry,
            inset.screen_from_map,
            style,
            &mut cache.events,
            tile_time,
        );
    }
    paint_over(&inner, &inset_input, cache, tile_time);
    paint_outlines(&inner, &inset_input, cache);
    painter.rect_stroke(
        inset.frame,
        0.0,
        Stroke::new(3.0, style.label_halo),
        egui::StrokeKind::Outside,
    );
    painter.rect_stroke(inset.frame, 0.0, frame_stroke, egui::StrokeKind::Middle);
    painter.text(
        inset.frame.left_top() + Vec2::new(4.0, 2.0),
        Align2::LEFT_TOP,
        format!("×{:.1}", inset.magnification),
        FontId::proportional(style.small_print_size),
        style.small_print,
    );
}

/// The box of province `province`'s name in type of `size`, in the app's font.
fn name_size(painter: &Painter, input: &PaintInput<'_>, province: usize, size: f32) -> Vec2 {
    input.atlas.provinces.get(province).map_or(Vec2::ZERO, |p| {
        names::galleys_size(&names::name_galleys(
            painter,
            p,
            input.labels,
            size,
            input.style.label,
        ))
    })
}

/// Provinces where a shown group's records rest only on sources graded E or F: a dotted ring in
/// the group's colour just inside the province, instead of a fill (one ring per such group, each
/// a little further in). Built in scaled map space once per zoom and overlay.
fn dotted_outlines<'c>(
    input: &PaintInput<'_>,
    cache: &'c mut StrokeCache,
    key: StrokeKey,
) -> &'c Arc<Mesh> {
    let t = input.screen_from_map;
    cache.mesh_of_shapes(key, || {
        let scaled = TSTransform::from_scaling(t.scaling);
        let mut shapes = Vec::new();
        for (index, marks) in input.scene.dotted.iter().enumerate() {
            for (which, mark) in marks.iter().enumerate() {
                let inset = 2.5 + 4.0 * which as f32;
                for ring in &input.geometry.outlines[index] {
                    let points: Vec<Pos2> = ring.iter().map(|p| scaled * pos(*p)).collect();
                    let inner = inset_ring(&points, inset);
                    shapes.extend(Shape::dotted_line(
                        &inner,
                        input.style.group_colour(mark.colour, mark.extremist),
                        DOT_SPACING,
                        DOT_RADIUS,
                    ));
                }
            }
        }
        // Groups known here only from stale records: a thin dashed ring, never a fill.
        for (index, marks) in input.scene.stale.iter().enumerate() {
            for (which, stale) in marks.iter().enumerate() {
                let inset = 2.0 + 3.0 * which as f32;
                for ring in &input.geometry.outlines[index] {
                    let points: Vec<Pos2> = ring.iter().map(|p| scaled * pos(*p)).collect();
                    let inner = inset_ring(&points, inset);
                    shapes.extend(Shape::dashed_line(
                        &inner,
                        egui::Stroke::new(
                            1.2,
                            input
                                .style
                                .group_colour(stale.mark.colour, stale.mark.extremist),
                        ),
                        4.0,
                        3.0,
                    ));
                }
            }
        }
        shapes
    })
}

/// Dotted outlines: dots this far apart and this large (points), legible over any fill.
pub const DOT_SPACING: f32 = 5.0;
/// See [`DOT_SPACING`].
pub const DOT_RADIUS: f32 = 1.3;

fn pos(p: [f64; 2]) -> Pos2 {
    Pos2::new(p[0] as f32, p[1] as f32)
}

/// The ring moved `by` points towards its inside along each vertex's bisector (outer rings run
/// counter-clockwise in map space, which the screen's y-flip makes clockwise).
fn inset_ring(points: &[Pos2], by: f32) -> Vec<Pos2> {
    let n = points.len();
    if n < 3 {
        return points.to_vec();
    }
    let area: f32 = (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum();
    let side = if area > 0.0 { 1.0 } else { -1.0 };
    (0..n)
        .map(|i| {
            let prev = points[(i + n - 1) % n];
            let next = points[(i + 1) % n];
            let d = (next - prev).normalized();
            let inward = Vec2::new(-d.y, d.x) * side;
            points[i] + inward * by
        })
        .collect()
}

/// One mesh of all province fills in map space, coloured by overlay; rebuilt only when a colour
/// changes.
#[derive(Default)]
struct FillCache {
    colours: Vec<Color32>,
    mesh: Arc<Mesh>,
}

impl FillCache {
    fn mesh(&mut self, geometry: &MapGeometry, colours: Vec<Color32>) -> &Arc<Mesh> {
        if self.colours != colours || self.mesh.is_empty() {
            self.mesh = Arc::new(fills_mesh(geometry, colours.iter().copied().enumerate()));
            self.colours = colours;
        }
        &self.mesh
    }
}

/// The fills of some provinces (one mesh in map space), kept while they and their colours stay.
#[derive(Default)]
struct TintCache {
    tinted: Vec<(usize, Color32)>,
    mesh: Arc<Mesh>,
}

impl TintCache {
    fn mesh(&mut self, geometry: &MapGeometry, tinted: Vec<(usize, Color32)>) -> &Arc<Mesh> {
        if self.tinted != tinted {
            self.mesh = Arc::new(fills_mesh(geometry, tinted.iter().copied()));
            self.tinted = tinted;
        }
        &self.mesh
    }
}

/// The fills of the provinces given, each in its colour, as one mesh in map space.
fn fills_mesh(
    geometry: &MapGeometry,
    coloured: impl Iterator<Item = (usize, Color32)> + Clone,
) -> Mesh {
    let fills = coloured
        .clone()
        .filter_map(|(index, _)| geometry.fills.get(index));
    let mut mesh = Mesh {
        vertices: Vec::with_capacity(fills.clone().map(|m| m.vertices.len()).sum()),
        indices: Vec::with_capacity(fills.map(|m| m.indices.len()).sum()),
        ..Default::default()
    };
    for (index, color) in coloured {
        let Some(fill) = geometry.fills.get(index) else {
            continue;
        };
        let first = mesh.vertices.len() as u32;
        mesh.vertices.extend(fill.vertices.iter().map(|v| Vertex {
            pos: v.pos,
            uv: v.uv,
            color,
        }));
        mesh.indices.extend(fill.indices.iter().map(|i| first + i));
    }
    mesh
}

/// Each province's fill colour, by overlay and choropleth.
fn fill_colours(input: &PaintInput<'_>, choropleth: Option<&[Color32]>) -> Vec<Color32> {
    let style = input.style;
    (0..input.geometry.fills.len())
        .map(|index| {
            if let Some(shaded) = choropleth.and_then(|c| c.get(index).copied()) {
                return shaded;
            }
            let marks = input.scene.marks.get(index).map_or(&[][..], Vec::as_slice);
            match style.province_paint(marks) {
                ProvincePaint::Solid(paint) => paint.fill,
                // Stripes cover the province; bare land under them.
                ProvincePaint::Bare | ProvincePaint::Stripes(_) => style.land,
            }
        })
        .collect()
}

/// The selected and hovered provinces with their tint, where nothing else colours them.
fn tinted_provinces(
    input: &PaintInput<'_>,
    choropleth: Option<&[Color32]>,
) -> Vec<(usize, Color32)> {
    let style = input.style;
    let bare = |province: ProvinceIdx| {
        let index = province.0;
        let marked = input.scene.marks.get(index).is_some_and(|m| !m.is_empty());
        let shaded = choropleth
            .and_then(|c| c.get(index))
            .is_some_and(|fill| *fill != style.land);
        index < input.geometry.fills.len() && !marked && !shaded
    };
    let selected = input.selected.filter(|p| bare(*p));
    let hovered = input
        .hovered
        .filter(|p| bare(*p) && Some(*p) != input.selected);
    selected
        .map(|p| (p.0, style.land_selected))
        .into_iter()
        .chain(hovered.map(|p| (p.0, style.land_hovered)))
        .collect()
}

/// What the names were placed for, apart from where the map is: any change places them again.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelKey {
    scaling: f32,
    area: Rect,
    style_id: u8,
    /// Furniture fixed on the screen (buttons, scale bar, credit, date stamp).
    fixed_obstacles: Vec<Rect>,
    /// Name sizes.
    sizes: LabelType,
    /// The names' language.
    labels: LabelLanguage,
}

/// While the map is being panned, names are moved with it rather than placed again each frame
/// (placing all 34 costs more than the rest of the map); after this many points of movement, or
/// once the map comes to rest, they are placed afresh for the new view.
const REPLACE_NAMES_AFTER_POINTS: f32 = 64.0;

/// The province names placed for one view, moved with the map since.
struct PlacedNames {
    key: LabelKey,
    /// The map's translation when the names were placed.
    placed_at: Vec2,
    /// The map's translation in the frame last drawn; `labels` are where they were drawn then.
    shown_at: Vec2,
    /// The main map's names, then the inset's.
    labels: Vec<PlacedLabel>,
    /// The inset of the Kabul–Panjshir cluster, where it was drawn.
    inset: Option<Inset>,
}

impl PlacedNames {
    /// Whether these names can be drawn, moved, at `translation`: same key, and either the map
    /// has not moved since they were placed, or it is still moving and has not gone far.
    fn still_fit(&self, key: &LabelKey, translation: Vec2) -> bool {
        let drift = translation - self.placed_at;
        let moving = translation != self.shown_at;
        self.key == *key
            && (drift == Vec2::ZERO || moving && drift.length() <= REPLACE_NAMES_AFTER_POINTS)
    }

    fn moved_to(mut self, translation: Vec2) -> Self {
        let by = translation - self.shown_at;
        for label in &mut self.labels {
            label.rect = label.rect.translate(by);
            if let Some(leader) = &mut label.leader {
                *leader = leader.map(|p| p + by);
            }
        }
        self.inset = self.inset.map(|inset| inset.translated(by));
        self.shown_at = translation;
        self
    }
}

fn place_province_labels(
    painter: &Painter,
    input: &PaintInput<'_>,
    key: &LabelKey,
    obstacles: &[Rect],
    inset: Option<&Inset>,
) -> Vec<PlacedLabel> {
    let t = input.screen_from_map;
    let hit = &input.geometry.hit;
    let province_at = |p: Pos2| hit.province_at(t.inverse() * p).map(|i| i.0);
    let mut obstacles = obstacles.to_vec();
    obstacles.extend(
        inset
            .iter()
            .flat_map(|inset| [inset.frame.expand(4.0), inset.locator]),
    );
    let anchors = inset.map_or(Cow::Borrowed(input.geometry.labels.as_slice()), |inset| {
        Cow::Owned(inset.main_anchors(&input.geometry.labels))
    });
    labels::place_labels(
        &LabelRequest {
            anchors: &anchors,
            screen_from_map: t,
            area: key.area.shrink(4.0),
            obstacles: &obstacles,
            sizes: key.sizes,
            province_at: &province_at,
        },
        |province, size| name_size(painter, input, province, size),
    )
}

/// Province names on a halo, with leader lines to those placed beside their provinces.
fn paint_labels(painter: &Painter, input: &PaintInput<'_>, placed: &[PlacedLabel]) {
    let style = input.style;
    for label in placed {
        if let Some([from, to]) = label.leader {
            painter.line_segment([from, to], Stroke::new(3.0, style.label_halo));
            painter.line_segment([from, to], Stroke::new(1.0, style.label));
            painter.circle(from, 2.2, style.label, Stroke::new(1.0, style.label_halo));
        }
    }
    for label in placed {
        let Some(province) = input.atlas.provinces.get(label.province) else {
            continue;
        };
        let galleys = names::name_galleys(
            painter,
            province,
            input.labels,
            label.font_size,
            style.label,
        );
        let positions = names::line_positions(&galleys, label.rect.center());
        for (galley, pos) in galleys.into_iter().zip(positions) {
            for offset in [
                Vec2::new(-1.0, 0.0),
                Vec2::new(1.0, 0.0),
                Vec2::new(0.0, -1.0),
                Vec2::new(0.0, 1.0),
                Vec2::new(-1.0, -1.0),
                Vec2::new(1.0, 1.0),
                Vec2::new(1.0, -1.0),
                Vec2::new(-1.0, 1.0),
            ] {
                painter.galley_with_override_text_color(
                    pos + offset,
                    galley.clone(),
                    style.label_halo,
                );
            }
            painter.galley(pos, galley, style.label);
        }
    }
}

/// The map's furniture, laid out before the names so they keep clear of it: the neighbours'
/// names, the scale bar, the boundary credit and the date stamp, the last three on backings.
struct Furniture {
    countries: Vec<(String, Rect)>,
    scale_km: f32,
    scale_length: f32,
    scale_backing: Rect,
    credit_backing: Rect,
    stamp: Option<(String, Rect)>,
}

/// The boundary credit drawn on the map.
const CREDIT: &str = "Boundaries: Natural Earth";

impl Furniture {
    fn layout(painter: &Painter, input: &PaintInput<'_>) -> Self {
        let t = input.screen_from_map;
        let style = input.style;
        let area = painter.clip_rect();
        let countries = input
            .atlas
            .country_labels
            .iter()
            .map(|country| {
                let text = country.name.to_uppercase();
                let size = painter
                    .layout_no_wrap(
                        text.clone(),
                        FontId::proportional(style.label_size),
                        style.label,
                    )
                    .size();
                let centre = t * input.geometry.project(country.lon, country.lat);
                (text, Rect::from_center_size(centre, size))
            })
            .collect();
        let print = style.small_print_size;
        let pad = print * 0.5;
        // A round length (1, 2 or 5 × 10ⁿ km) about ten type sizes long.
        let target_km = print * 10.0 / t.scaling;
        let magnitude = 10f32.powf(target_km.log10().floor());
        let scale_km = [5.0, 2.0, 1.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|km| *km <= target_km)
            .unwrap_or(magnitude);
        let scale_length = scale_km * t.scaling;
        let scale_backing = Rect::from_min_size(
            area.left_bottom() + Vec2::new(8.0, -8.0 - (print * 1.3 + 8.0 + 2.0 * pad)),
            Vec2::new(
                scale_length.max(print * 4.0) + 2.0 * pad,
                print * 1.3 + 8.0 + 2.0 * pad,
            ),
        );
        let credit_size = painter
            .layout_no_wrap(
                CREDIT.to_owned(),
                FontId::proportional(print),
                style.small_print,
            )
            .size();
        let credit_backing = Rect::from_min_size(
            area.right_bottom() - credit_size - Vec2::splat(8.0 + 2.0 * pad),
            credit_size + Vec2::splat(2.0 * pad),
        );
        let stamp = input.date_stamp.map(|text| {
            let size = painter
                .layout_no_wrap(
                    text.to_owned(),
                    FontId::proportional(print * 1.4),
                    style.label,
                )
                .size();
            let rect = Rect::from_min_size(
                area.left_top() + Vec2::splat(8.0),
                size + Vec2::splat(2.0 * pad),
            );
            (text.to_owned(), rect)
        });
        Self {
            countries,
            scale_km,
            scale_length,
            scale_backing,
            credit_backing,
            stamp,
        }
    }

    /// What names must keep clear of that stays put while the map moves: `buttons`, the scale
    /// bar, the credit and the date stamp.
    fn fixed_obstacles(&self, buttons: &[Rect]) -> Vec<Rect> {
        let mut obstacles = buttons.to_vec();
        obstacles.extend([self.scale_backing, self.credit_backing]);
        obstacles.extend(self.stamp.as_ref().map(|(_, rect)| *rect));
        obstacles
    }

    fn paint(&self, painter: &Painter, style: MapStyle) {
        let print = style.small_print_size;
        let pad = print * 0.5;
        let corner = print * 0.3;
        painter.rect_filled(self.scale_backing, corner, style.backing);
        let start = self.scale_backing.left_bottom() + Vec2::new(pad, -pad);
        let end = start + Vec2::new(self.scale_length, 0.0);
        let stroke = Stroke::new((print / 8.0).max(1.5), style.label);
        painter.line_segment([start, end], stroke);
        for x in [start, end] {
            painter.line_segment([x, x - Vec2::new(0.0, 6.0)], stroke);
        }
        painter.text(
            Pos2::new(self.scale_backing.left() + pad, start.y - 8.0),
            Align2::LEFT_BOTTOM,
            format!("{} km", format_km(self.scale_km)),
            FontId::proportional(print),
            style.label,
        );
        painter.rect_filled(self.credit_backing, corner, style.backing);
        painter.text(
            self.credit_backing.center(),
            Align2::CENTER_CENTER,
            CREDIT,
            FontId::proportional(print),
            style.small_print,
        );
        if let Some((text, rect)) = &self.stamp {
            painter.rect_filled(*rect, corner, style.backing);
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                text,
                FontId::proportional(print * 1.4),
                style.label,
            );
        }
    }
}

fn format_km(km: f32) -> String {
    if km >= 1.0 {
        format!("{km:.0}")
    } else {
        format!("{km}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn names_placed_at(translation: Vec2) -> PlacedNames {
        PlacedNames {
            key: LabelKey {
                scaling: 1.0,
                area: Rect::from_min_size(pos2(0.0, 0.0), Vec2::new(800.0, 600.0)),
                style_id: 0,
                fixed_obstacles: Vec::new(),
                sizes: LabelType {
                    full: 13.0,
                    small: 12.0,
                },
                labels: LabelLanguage::English,
            },
            inset: None,
            placed_at: translation,
            shown_at: translation,
            labels: vec![PlacedLabel {
                province: 0,
                font_size: 13.0,
                rect: Rect::from_min_size(pos2(100.0, 100.0), Vec2::new(50.0, 14.0)),
                leader: Some([pos2(90.0, 90.0), pos2(100.0, 100.0)]),
            }],
        }
    }

    #[test]
    fn pointing_at_or_selecting_a_province_tints_it_on_top_and_keeps_the_tiles_under_it() {
        let atlas = crate::data::load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let scene = crate::scene::build(&atlas, &crate::state::Filters::default(), None);
        let style = MapStyle::for_theme(true);
        let bare: Vec<ProvinceIdx> = (0..geometry.fills.len())
            .filter(|p| scene.marks[*p].is_empty())
            .map(ProvinceIdx)
            .collect();
        assert!(
            bare.len() >= 2,
            "the default groups leave some provinces bare"
        );
        let ctx = egui::Context::default();
        let mut cache = PaintCache::default();
        let frame = |cache: &mut PaintCache, hovered, selected| {
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 700.0))),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                let t = TSTransform::new(Vec2::new(500.0, 350.0), 0.8);
                paint_map(
                    ui.painter(),
                    &PaintInput {
                        atlas: &atlas,
                        geometry: &geometry,
                        scene: &scene,
                        screen_from_map: t,
                        style,
                        selected,
                        hovered,
                        obstacles: &[],
                        date_stamp: None,
                        events: None,
                        labels: LabelLanguage::English,
                    },
                    cache,
                );
            });
            output.textures_delta.clear();
            ctx.has_requested_repaint()
        };
        // Until every tile in view is made (on the background thread, while frames go on).
        for _ in 0..5000 {
            if !frame(&mut cache, None, None) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let fills = Arc::clone(&cache.fills.mesh);
        let images = cache.under.images_kept();
        assert!(images > 0, "the fills are drawn from tiles at rest");

        frame(&mut cache, Some(bare[0]), Some(bare[1]));
        assert!(
            Arc::ptr_eq(&fills, &cache.fills.mesh),
            "the fills are unchanged"
        );
        assert_eq!(cache.under.images_kept(), images, "and so are their tiles");
        assert_eq!(
            cache.tints.tinted,
            vec![
                (bare[1].0, style.land_selected),
                (bare[0].0, style.land_hovered)
            ],
            "the selected and hovered provinces are tinted over them"
        );
        let marked = (0..geometry.fills.len())
            .find(|p| !scene.marks[*p].is_empty())
            .map(ProvinceIdx);
        frame(&mut cache, marked, None);
        assert!(
            cache.tints.tinted.is_empty(),
            "a province a group colours keeps its colour under the pointer"
        );
    }

    #[test]
    fn every_province_is_named_in_the_smallest_map_the_explorer_leaves() {
        // A 1280×720 window with every group listed on the left and the NRF's profile on the
        // right leaves the map this rectangle (as measured in the app), with the zoom buttons
        // in its corner; names are measured in the app's own font.
        let atlas = crate::data::load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let filters = crate::state::Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Default::default()
        };
        let scene = crate::scene::build(&atlas, &filters, None);
        let map = Rect::from_min_max(Pos2::new(230.4, 25.0), Pos2::new(806.4, 568.0));
        let buttons = [Rect::from_min_max(
            Pos2::new(762.4, 35.0),
            Pos2::new(796.4, 127.0),
        )];
        let ctx = egui::Context::default();
        crate::fonts::install_fonts(&ctx);
        let mut cache = PaintCache::default();
        for dark in [true, false] {
            let input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 720.0))),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                let t = crate::scene::view::on_whole_pixels(
                    crate::scene::view::screen_from_map(
                        map,
                        geometry.bounds_in_map,
                        crate::state::MapView::default(),
                    ),
                    ui.pixels_per_point(),
                );
                paint_map(
                    &ui.painter_at(map),
                    &PaintInput {
                        atlas: &atlas,
                        geometry: &geometry,
                        scene: &scene,
                        screen_from_map: t,
                        style: MapStyle::for_theme(dark),
                        selected: None,
                        hovered: None,
                        obstacles: &buttons,
                        date_stamp: None,
                        events: None,
                        labels: LabelLanguage::English,
                    },
                    &mut cache,
                );
            });
            output.textures_delta.clear();
        }
        let named: Vec<&str> = cache
            .placed_labels()
            .iter()
            .map(|l| atlas.provinces[l.province].name.as_str())
            .collect();
        assert_eq!(named.len(), 34, "named: {named:?}");
    }

    #[test]
    fn names_move_with_the_map_while_it_pans_and_are_placed_again_at_rest_or_after_a_while() {
        let start = Vec2::new(10.0, 10.0);
        let names = names_placed_at(start);
        let key = names.key.clone();
        assert!(names.still_fit(&key, start), "the map has not moved");

        let panned = start + Vec2::new(30.0, 0.0);
        assert!(names.still_fit(&key, panned), "a short pan moves them");
        let names = names.moved_to(panned);
        assert_eq!(names.labels[0].rect.min, pos2(130.0, 100.0));
        assert_eq!(
            names.labels[0].leader,
            Some([pos2(120.0, 90.0), pos2(130.0, 100.0)])
        );

        assert!(
            !names.still_fit(&key, panned),
            "at rest away from where they were placed: place them again"
        );
        assert!(
            !names.still_fit(
                &key,
                start + Vec2::new(0.0, REPLACE_NAMES_AFTER_POINTS + 1.0)
            ),
            "a long pan places them again"
        );
        let mut zoomed = key.clone();
        zoomed.scaling = 1.5;
        assert!(!names.still_fit(&zoomed, panned), "another zoom");
    }
}
