//! The exported map as SVG: the same scene the screen shows (groups, evidence shading, hatching,
//! stripes, borders, labels) laid out on a page with title, legend, scale bar, north arrow, a
//! "data as of" stamp and credits built from the sources of the records shown. Patterns are SVG
//! `<pattern>` fills, so hatching and stripes are clipped to each province by the renderer.
//! Text uses the bundled DejaVu Sans, so the PNG made from this SVG is the same everywhere.

use std::{collections::BTreeMap, fmt::Write as _};

use egui::{Color32, Pos2, Rect, emath::TSTransform};

use super::events_svg;
use super::pattern_cut::{self, Lattice};
use crate::{
    data::{Atlas, GroupKind, ProvinceIdx},
    geometry::{BorderKind, MapGeometry, hatch::Slant, labels},
    scene::{
        self, Filters, MapScene, MapStyle, MapView, PageLayout, PageSize, Swatch,
        credits::{credit_pieces, data_as_of},
        events::EventLayerView,
        labels::{Inset, InsetRequest, MIN_NAME_PX, page_name_sizes},
        style::{MarkPaint, ProvincePaint},
        view::screen_from_map,
    },
};

/// Font family name of the bundled font.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// What to export.
#[derive(Clone, Debug)]
pub struct MapExport<'a> {
    /// The data.
    pub atlas: &'a Atlas,
    /// Its geometry.
    pub geometry: &'a MapGeometry,
    /// Groups and dates shown.
    pub filters: &'a Filters,
    /// The view, as on screen: the same centre and zoom relative to the whole country, fitted
    /// to the page's map area.
    pub view: MapView,
    /// Title.
    pub title: String,
    /// Subtitle (may be empty).
    pub subtitle: String,
    /// A province to outline, if any.
    pub selected: Option<ProvinceIdx>,
    /// The open event files, drawn as the Events layer (the filters say how).
    pub events: Option<&'a crate::scene::events::LoadedEvents>,
    /// The language of the province names.
    pub labels: crate::scene::LabelLanguage,
}

/// A colour as SVG writes it: `#rrggbb`.
pub(super) fn hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

/// Escapes text for XML.
///
/// Control characters (a pasted tab or line break in a title, a stray escape code in a note)
/// cannot appear in XML at all: line breaks and tabs become spaces, the others are dropped, so
/// every SVG written — and the PDF made from it — is well-formed whatever a title holds.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

pub(super) use super::wrap::{text_width, wrap_words};

/// How much wider bold DejaVu Sans runs than regular, for [`text_width`].
const BOLD_WIDTH: f32 = 1.1;

/// The layout of `export`'s page at `size` and its credit lines: the footer holds every
/// credit line, and the map gives up the height they need.
pub fn page_plan(export: &MapExport<'_>, size: PageSize) -> (PageLayout, Vec<String>) {
    let credits = credit_lines(export, &PageLayout::new(size));
    (PageLayout::with_footer_lines(size, credits.len()), credits)
}

/// The SVG document for `export` at `size`.
pub fn render_svg(export: &MapExport<'_>, size: PageSize) -> String {
    render_svg_with(export, size, PatternFills::Defs)
}

/// How hatching and stripes are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternFills {
    /// As `<pattern>` fills: the SVG and PDF.
    Defs,
    /// As the same marks cut out of each province ([`super::pattern_cut`]): the document is
    /// only rasterised (the PNG), where pattern fills are slow.
    Cut,
    /// As [`Self::Cut`], and drawn only as far as a raster can show it: what a clip hides left
    /// out ([`super::cull`]), outlines and borders thinned to a quarter of a pixel
    /// ([`super::simplify`]). What `export` rasterises; `tests/png_page.rs` holds it to the
    /// [`Self::Cut`] page's pixels.
    Raster,
}

impl PatternFills {
    /// Whether hatching and stripes are cut into shapes.
    fn cuts(self) -> bool {
        self != Self::Defs
    }

    /// Whether the page is drawn only as far as a raster shows it.
    fn raster(self) -> bool {
        self == Self::Raster
    }
}

/// The SVG document for `export` at `size`, its patterns drawn as `fills` says.
pub fn render_svg_with(export: &MapExport<'_>, size: PageSize, fills: PatternFills) -> String {
    match export.filters.compare {
        // Comparison mode: the change map.
        Some(periods) => super::change_map::render_comparison(export, periods, size, fills),
        None => render_page(export, size, None, fills),
    }
}

/// The page for `export`, or with `change` its change map: that scene, its marks over the names
/// and its legend instead of the map's.
pub(super) fn render_page(
    export: &MapExport<'_>,
    size: PageSize,
    change: Option<&super::change_map::ChangeMap<'_>>,
    fills: PatternFills,
) -> String {
    let (layout, credits) = page_plan(export, size);
    let u = layout.unit;
    let style = MapStyle::for_theme(false);
    let mut scene = match change {
        Some(change) => change.comparison.change_scene(),
        None => scene::build(export.atlas, export.filters, None),
    };
    let t = screen_from_map(layout.map, export.geometry.bounds_in_map, export.view);
    // A change map's events: the after period's, and the change between the periods.
    let event_filters = change.map(|change| Filters {
        compare: Some(change.comparison.periods),
        ..export.filters.clone()
    });
    let events = export.events.map(|e| {
        e.view(
            export.atlas,
            event_filters.as_ref().unwrap_or(export.filters),
        )
    });
    if events.as_ref().is_some_and(|e| e.draws_choropleth()) {
        // The events choropleth replaces the group overlay (and its legend keys).
        crate::scene::events::under_choropleth(&mut scene);
    }

    let mut svg = String::with_capacity(400_000);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#,
        w = size.width,
        h = size.height
    );
    svg.push_str("<defs>");
    let _ = write!(
        svg,
        r#"<clipPath id="map-area"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath>"#,
        layout.map.left(),
        layout.map.top(),
        layout.map.width(),
        layout.map.height()
    );
    // The patterns the overlays and the legend use, written here once they are all known.
    svg.push_str(PATTERNS_HERE);
    svg.push_str("</defs>");
    let mut patterns = Patterns::new(u, fills);

    svg.push_str(r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = write!(
        svg,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
        layout.map.left(),
        layout.map.top(),
        layout.map.width(),
        layout.map.height(),
        hex(style.background)
    );
    // Clipping costs resvg a full-page layer (a quarter of the render time), so the map is
    // clipped only when the view puts something outside its frame.
    if layout.map.contains_rect(drawn_extent(export, t, u)) {
        svg.push_str("<g>");
    } else {
        svg.push_str(r#"<g clip-path="url(#map-area)">"#);
    }
    write_provinces(&mut svg, export, &scene, &mut patterns, t, style, "", None);
    if let Some(events) = &events {
        write_event_layer(&mut svg, export, events, t, export.view.zoom, layout.map, u);
    }
    write_dotted_outlines(&mut svg, export, &scene, t, style, u);
    write_stale_outlines(&mut svg, export, &scene, t, style, u);
    write_borders(&mut svg, export.geometry, t, style, u, None, fills.raster());
    if let Some(selected) = export.selected {
        let d = province_path(export.geometry, selected.0, t);
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{:.1}"/>"#,
            hex(style.selected_outline.color),
            3.0 * u
        );
    }
    let inset = page_inset(export, &scene.dates_shown, &layout, t);
    write_country_labels(&mut svg, export, t, style, u, inset.as_ref());
    let names = write_province_labels(
        &mut svg,
        export,
        &scene,
        &mut patterns,
        &layout,
        t,
        style,
        inset.as_ref(),
        events.as_ref(),
    );
    if let Some(change) = change {
        change.write_marks(&mut svg, export, &layout, t, inset.as_ref(), &names);
    }
    svg.push_str("</g>");
    let _ = write!(
        svg,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#bbbbbb" stroke-width="{:.1}"/>"##,
        layout.map.left(),
        layout.map.top(),
        layout.map.width(),
        layout.map.height(),
        u
    );
    write_scale_bar(&mut svg, &layout, t.scaling);
    write_date_stamp(&mut svg, &layout, &scene.dates_shown, style);
    write_north_arrow(&mut svg, &layout);
    write_title(&mut svg, export, &layout);
    svg.push_str(r#"<g id="legend">"#);
    // The legend's unit: the page's, or smaller type where a change map's legend and the Events
    // layer's entry would not both fit in the column.
    let mut legend_u = u;
    let legend_end = match change {
        Some(change) => {
            let events_height = |u: f32| match (&events, export.events) {
                (Some(events), Some(loaded)) => events_svg::write_legend(
                    &mut String::new(),
                    export.atlas,
                    events,
                    export.view.zoom,
                    Rect::from_x_y_ranges(layout.legend.x_range(), 0.0..=layout.legend.height()),
                    u,
                    &loaded.credits(),
                ),
                _ => 0.0,
            };
            let fills = !events.as_ref().is_some_and(|e| e.draws_choropleth());
            let scaled = |scale: f32| PageLayout {
                unit: u * scale,
                ..layout
            };
            // Room kept at the legend's foot for the Events entry; the largest type that fits
            // (the smallest when none does), written once.
            let mut written = (1.0, String::new(), 0.0);
            for scale in LEGEND_SCALES {
                let reserve = events_height(u * scale);
                let mut legend = String::new();
                let end =
                    change.write_legend(&mut legend, export, &scaled(scale), style, reserve, fills);
                written = (scale, legend, end);
                if end + reserve <= layout.legend.bottom() {
                    break;
                }
            }
            let (scale, legend, end) = written;
            legend_u = u * scale;
            svg.push_str(&legend);
            end
        }
        None => write_legend(&mut svg, export, &scene, &mut patterns, &layout, style),
    };
    if let (Some(events), Some(loaded)) = (&events, export.events) {
        events_svg::write_legend(
            &mut svg,
            export.atlas,
            events,
            export.view.zoom,
            Rect::from_x_y_ranges(layout.legend.x_range(), legend_end..=layout.legend.bottom()),
            legend_u,
            &loaded.credits(),
        );
    }
    svg.push_str("</g>");
    write_footer(&mut svg, &credits, &layout);
    svg.push_str("</svg>");
    svg.replacen(PATTERNS_HERE, &patterns.defs(), 1)
}

/// Sizes of a change map's legend type, from the page's down, tried until the legend and the
/// Events entry fit in the column.
const LEGEND_SCALES: [f32; 5] = [1.0, 0.92, 0.85, 0.78, 0.72];

/// Where the pattern definitions go, in `<defs>`.
const PATTERNS_HERE: &str = "<!--patterns-->";

/// Pattern definitions, made as the overlays and the legend ask for them: a hatched fill per
/// claim-only mark, and one stripe of a province's stripes per group (the other stripes left
/// transparent, so each group's overlay is a layer of its own).
struct Patterns {
    /// Hatch spacing on the page.
    spacing: f32,
    /// Hatch line width on the page.
    line: f32,
    defs: BTreeMap<String, String>,
    /// How the map's overlays draw them (the legend's swatches are always pattern fills).
    fills: PatternFills,
}

impl Patterns {
    fn new(u: f32, fills: PatternFills) -> Self {
        Self {
            spacing: 9.0 * u,
            line: 1.8 * u,
            defs: BTreeMap::new(),
            fills,
        }
    }

    /// The fill of a mark: [`Self::solid`], or with `stripe` (count, which) [`Self::stripe`].
    fn fill(&mut self, paint: MarkPaint, stripe: Option<(usize, usize)>) -> String {
        match stripe {
            None => self.solid(paint),
            Some((count, which)) => self.stripe(paint, count, which),
        }
    }

    /// What [`Self::fill`] paints, as plain colours for [`super::pattern_cut`]: each colour over
    /// the whole province (`None`) or over the cells of a lattice, in the order the pattern
    /// draws them. Mirrors the `<pattern>` definitions below.
    fn cut_marks(
        &self,
        paint: MarkPaint,
        stripe: Option<(usize, usize)>,
    ) -> Vec<(Color32, Option<Lattice>)> {
        let (s, half_line) = (self.spacing, self.line / 2.0);
        match stripe {
            None => {
                let mut marks = vec![(paint.fill, None)];
                if let Some((colour, slant)) = paint.hatch {
                    let h = s / 2.0;
                    marks.push((
                        colour,
                        Some(Lattice {
                            angle_degrees: slant_angle(slant) as f32,
                            u: (h - half_line, h + half_line),
                            u_period: s,
                            v: None,
                        }),
                    ));
                }
                marks
            }
            Some((count, which)) => {
                let band = 2.0 * s;
                let x = band * which as f32;
                let stripe = Lattice {
                    angle_degrees: slant_angle(scene::style::STRIPE_SLANT) as f32,
                    u: (x, x + band),
                    u_period: band * count as f32,
                    v: None,
                };
                let mut marks = vec![(paint.fill, Some(stripe))];
                if let Some((colour, _)) = paint.hatch {
                    for y in [band / 4.0, band * 3.0 / 4.0] {
                        marks.push((
                            colour,
                            Some(Lattice {
                                v: Some(((y - half_line, y + half_line), band)),
                                ..stripe
                            }),
                        ));
                    }
                }
                marks
            }
        }
    }

    fn defs(&self) -> String {
        self.defs.values().map(String::as_str).collect()
    }

    /// The `fill` of a mark drawn alone: its step, or a hatched pattern for a claim only.
    fn solid(&mut self, paint: MarkPaint) -> String {
        let Some((colour, slant)) = paint.hatch else {
            return hex(paint.fill);
        };
        let id = format!(
            "hatch-{}-{}-{}",
            &hex(paint.fill)[1..],
            &hex(colour)[1..],
            slant_name(slant)
        );
        let (s, h) = (self.spacing, self.spacing / 2.0);
        let def = format!(
            r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{s:.2}" height="{s:.2}" patternTransform="rotate({})"><rect width="{s:.2}" height="{s:.2}" fill="{}"/><line x1="{h:.2}" y1="0" x2="{h:.2}" y2="{s:.2}" stroke="{}" stroke-width="{:.2}"/></pattern>"#,
            slant_angle(slant),
            hex(paint.fill),
            hex(colour),
            self.line,
        );
        self.defs.entry(id.clone()).or_insert(def);
        format!("url(#{id})")
    }

    /// The `fill` of stripe `which` of `count`: the mark in its band, hatched across when only
    /// claimed, transparent elsewhere.
    fn stripe(&mut self, paint: MarkPaint, count: usize, which: usize) -> String {
        let id = format!(
            "stripe-{}-{}-{count}-{which}",
            &hex(paint.fill)[1..],
            paint
                .hatch
                .map_or("solid".to_owned(), |(c, _)| hex(c)[1..].to_owned()),
        );
        let band = 2.0 * self.spacing;
        let x = band * which as f32;
        let mut def = format!(
            r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{:.2}" height="{band:.2}" patternTransform="rotate({})"><rect x="{x:.2}" width="{band:.2}" height="{band:.2}" fill="{}"/>"#,
            band * count as f32,
            slant_angle(scene::style::STRIPE_SLANT),
            hex(paint.fill),
        );
        if let Some((colour, _)) = paint.hatch {
            // Across the stripe: after the stripes' rotation, these lean the other way.
            for y in [band / 4.0, band * 3.0 / 4.0] {
                let _ = write!(
                    def,
                    r#"<line x1="{x:.2}" y1="{y:.2}" x2="{:.2}" y2="{y:.2}" stroke="{}" stroke-width="{:.2}"/>"#,
                    x + band,
                    hex(colour),
                    self.line
                );
            }
        }
        def.push_str("</pattern>");
        self.defs.entry(id.clone()).or_insert(def);
        format!("url(#{id})")
    }
}

/// The rotation that makes a pattern's vertical lines lean as `slant` says.
fn slant_angle(slant: Slant) -> i32 {
    match slant {
        Slant::Rising => 45,
        Slant::Falling => -45,
    }
}

fn slant_name(slant: Slant) -> &'static str {
    match slant {
        Slant::Rising => "r",
        Slant::Falling => "f",
    }
}

/// Appends `M`/`L` (as `first` says) and `p` to path data, as `{:.1} {:.1}` writes it.
fn push_point(d: &mut String, first: bool, p: Pos2) {
    d.push(if first { 'M' } else { 'L' });
    super::decimal::push_tenths(d, p.x);
    d.push(' ');
    super::decimal::push_tenths(d, p.y);
}

fn province_path(geometry: &MapGeometry, index: usize, t: TSTransform) -> String {
    rings_path(&geometry.outlines[index], t)
}

/// The path data of `rings` (map space) on the page.
fn rings_path(rings: &[Vec<[f64; 2]>], t: TSTransform) -> String {
    let mut d = String::new();
    for ring in rings {
        for (i, [x, y]) in ring.iter().enumerate() {
            let p = t * Pos2::new(*x as f32, *y as f32);
            push_point(&mut d, i == 0, p);
        }
        d.push('Z');
    }
    d
}

/// The provinces, then the group overlays over them: `<g id="{prefix}provinces">` holds one
/// bare `<path id="{prefix}AF-KAB" data-province="AF-KAB" data-name="Kabul">` per province (ISO
/// 3166-2 ids; `prefix` keeps ids unique: the inset's are `inset-`); each shown group's marks are
/// in `<g id="{prefix}overlay-NRF" data-group="NRF">` (its id), one `<path data-province="AF-…"
/// data-evidence="…">` per province, filled with its evidence step (hatched for a claim only) or,
/// where several groups operate, with its stripe alone. Exactly what
/// [`MapStyle::province_paint`] says the screen draws.
#[allow(clippy::too_many_arguments)] // the page's parts, each used; a struct would only rename them
fn write_provinces(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    patterns: &mut Patterns,
    t: TSTransform,
    style: MapStyle,
    prefix: &str,
    clip: Option<Rect>,
) {
    // The rasterised page leaves out what the clip hides (`None`: every province is written)
    // and thins the outlines it draws.
    let raster = patterns.fills.raster();
    let clip = clip.filter(|_| raster);
    let outlines: Vec<std::borrow::Cow<'_, [Vec<[f64; 2]>]>> = (0..scene.marks.len())
        .map(|index| {
            let rings = &export.geometry.outlines[index];
            if !super::cull::shows(clip, super::cull::page_bounds(rings.iter().flatten(), t)) {
                std::borrow::Cow::Owned(Vec::new())
            } else if raster {
                std::borrow::Cow::Owned(super::simplify::rings(rings, t.scaling))
            } else {
                std::borrow::Cow::Borrowed(rings.as_slice())
            }
        })
        .collect();
    let paths: Vec<String> = outlines.iter().map(|rings| rings_path(rings, t)).collect();
    let _ = write!(svg, r#"<g id="{prefix}provinces">"#);
    for (index, d) in paths.iter().enumerate() {
        if d.is_empty() {
            continue;
        }
        let province = &export.atlas.provinces[index];
        let _ = write!(
            svg,
            r#"<path id="{prefix}{code}" data-province="{code}" data-name="{name}" d="{d}" fill="{}" fill-rule="evenodd"/>"#,
            hex(style.land),
            code = escape(&province.code),
            name = escape(&province.name),
        );
    }
    svg.push_str("</g>");
    let mut overlays: BTreeMap<(bool, usize), String> = BTreeMap::new();
    for (index, marks) in scene.marks.iter().enumerate() {
        if paths[index].is_empty() {
            continue;
        }
        let paints: Vec<(MarkPaint, Option<(usize, usize)>)> = match style.province_paint(marks) {
            ProvincePaint::Bare => continue,
            ProvincePaint::Solid(paint) => vec![(paint, None)],
            ProvincePaint::Stripes(paints) => paints
                .iter()
                .enumerate()
                .map(|(which, paint)| (*paint, Some((paints.len(), which))))
                .collect(),
        };
        let cut = patterns.fills.cuts();
        let rings = cut.then(|| pattern_cut::page_rings(&outlines[index], t));
        for (mark, (paint, stripe)) in marks.iter().zip(paints) {
            let overlay = overlays.entry((mark.extremist, mark.group.0)).or_default();
            let attributes = format!(
                r#"data-province="{}" data-evidence="{}""#,
                escape(&export.atlas.provinces[index].code),
                scene::evidence_id(mark.evidence),
            );
            let Some(rings) = &rings else {
                let fill = patterns.fill(paint, stripe);
                let _ = write!(
                    overlay,
                    r#"<path {attributes} d="{}" fill="{fill}" fill-rule="evenodd"/>"#,
                    paths[index],
                );
                continue;
            };
            for (colour, lattice) in patterns.cut_marks(paint, stripe) {
                let d =
                    lattice.map_or_else(|| paths[index].clone(), |l| pattern_cut::cut(rings, &l));
                if !d.is_empty() {
                    let _ = write!(
                        overlay,
                        r#"<path {attributes} d="{d}" fill="{}" fill-rule="evenodd"/>"#,
                        hex(colour)
                    );
                }
            }
        }
    }
    for ((_, group), paths) in overlays {
        let id = escape(&export.atlas.groups[group].id);
        let _ = write!(
            svg,
            r#"<g id="{prefix}overlay-{id}" data-group="{id}">{paths}</g>"#
        );
    }
}

/// Provinces where a shown group is known only from stale records (last reported before the
/// recency horizon): a thin dashed outline in the group's colour, no fill, in `<g id="stale">`
/// with one `<path data-province="AF-…" data-group="…" data-last-reported="Mar 2023">` each.
fn write_stale_outlines(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    t: TSTransform,
    style: MapStyle,
    u: f32,
) {
    svg.push_str(r#"<g id="stale">"#);
    for (index, marks) in scene.stale.iter().enumerate() {
        let d = province_path(export.geometry, index, t);
        let code = &export.atlas.provinces[index].code;
        for stale in marks {
            let _ = write!(
                svg,
                r#"<path d="{d}" data-province="{code}" data-group="{}" data-last-reported="{}" fill="none" stroke="{}" stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}"/>"#,
                export.atlas.group(stale.mark.group).id,
                crate::scene::last_reported_label(stale.last_reported),
                hex(style.group_colour(stale.mark.colour, stale.mark.extremist)),
                1.2 * u,
                4.0 * u,
                3.0 * u
            );
        }
    }
    svg.push_str("</g>");
}

/// Provinces where a shown group's records rest only on sources graded E or F: a dotted outline
/// in the group's colour instead of a fill (as on screen).
fn write_dotted_outlines(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    t: TSTransform,
    style: MapStyle,
    u: f32,
) {
    for (index, marks) in scene.dotted.iter().enumerate() {
        let d = province_path(export.geometry, index, t);
        for (which, mark) in marks.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{:.1}" stroke-dasharray="0 {:.1}" stroke-linecap="round" stroke-dashoffset="{:.1}"/>"#,
                hex(style.group_colour(mark.colour, mark.extremist)),
                2.8 * u,
                6.0 * u,
                3.0 * u * which as f32
            );
        }
    }
}

fn write_borders(
    svg: &mut String,
    geometry: &MapGeometry,
    t: TSTransform,
    style: MapStyle,
    u: f32,
    clip: Option<Rect>,
    thin: bool,
) {
    // A quarter of a pixel, in map units, when the page is rasterised.
    let tolerance = super::simplify::TOLERANCE_PX / f64::from(t.scaling.max(f32::MIN_POSITIVE));
    for (kind, stroke, width) in [
        (BorderKind::Internal, style.internal_border.color, 1.1 * u),
        (BorderKind::National, style.national_border.color, 2.4 * u),
    ] {
        let mut d = String::new();
        for line in geometry.topology.borders.iter().filter(|b| {
            b.kind == kind && super::cull::shows(clip, super::cull::page_bounds(&b.points, t))
        }) {
            let thinned;
            let points = if thin {
                thinned = super::simplify::line(&line.points, tolerance);
                &thinned
            } else {
                &line.points
            };
            for (i, [x, y]) in points.iter().enumerate() {
                let p = t * Pos2::new(*x as f32, *y as f32);
                push_point(&mut d, i == 0, p);
            }
        }
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{width:.2}" stroke-linejoin="round" stroke-linecap="round"/>"#,
            hex(stroke)
        );
    }
}

/// How a run of text is drawn: size, colour, alignment, weight and an optional halo that keeps
/// it readable over fills.
#[derive(Clone, Copy)]
struct Text {
    size: f32,
    fill: Color32,
    centred: bool,
    bold: bool,
    halo: Option<Color32>,
}

impl Text {
    fn new(size: f32, fill: Color32) -> Self {
        Self {
            size,
            fill,
            centred: false,
            bold: false,
            halo: None,
        }
    }

    fn centred(self) -> Self {
        Self {
            centred: true,
            ..self
        }
    }

    fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    fn write(self, svg: &mut String, pos: Pos2, text: &str) {
        let halo = self.halo.map_or(String::new(), |h| {
            format!(
                r#" stroke="{}" stroke-width="{:.1}" paint-order="stroke" stroke-linejoin="round""#,
                hex(h),
                self.size * 0.22
            )
        });
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="{}" font-weight="{}" fill="{}"{halo}>{}</text>"#,
            pos.x,
            pos.y,
            self.size,
            if self.centred { "middle" } else { "start" },
            if self.bold { "bold" } else { "normal" },
            hex(self.fill),
            escape(text)
        );
    }
}

/// Where the map's drawing reaches on the page: the provinces and the neighbours' names.
fn drawn_extent(export: &MapExport<'_>, t: TSTransform, u: f32) -> Rect {
    let provinces = t * export.geometry.bounds_in_map.expand(1.0);
    export
        .atlas
        .country_labels
        .iter()
        .fold(provinces, |extent, country| {
            let size = COUNTRY_LABEL_SIZE * u;
            let pos = t * export.geometry.project(country.lon, country.lat);
            let width = text_width(&country.name.to_uppercase(), size);
            extent.union(Rect::from_center_size(pos, egui::vec2(width, 2.0 * size)))
        })
}

/// The box of a neighbouring country's name on the page.
fn country_label_rect(
    export: &MapExport<'_>,
    country: &crate::data::CountryLabel,
    t: TSTransform,
    u: f32,
) -> Rect {
    let size = COUNTRY_LABEL_SIZE * u;
    let pos = t * export.geometry.project(country.lon, country.lat);
    Rect::from_center_size(
        pos,
        labels::estimated_text_size(&country.name.to_uppercase(), size),
    )
}

/// Type size of the neighbouring countries' names, at 1080p.
const COUNTRY_LABEL_SIZE: f32 = 17.0;

/// The neighbouring countries' names, but for those the inset covers.
fn write_country_labels(
    svg: &mut String,
    export: &MapExport<'_>,
    t: TSTransform,
    style: MapStyle,
    u: f32,
    inset: Option<&Inset>,
) {
    for country in &export.atlas.country_labels {
        if inset.is_some_and(|inset| {
            inset
                .frame
                .intersects(country_label_rect(export, country, t, u))
        }) {
            continue;
        }
        let pos = t * export.geometry.project(country.lon, country.lat);
        Text::new(COUNTRY_LABEL_SIZE * u, style.country_label)
            .centred()
            .write(
                svg,
                pos + egui::vec2(0.0, 6.0 * u),
                &country.name.to_uppercase(),
            );
    }
}

/// Province names, every one: placed as the screen places them ([`labels::place_labels`]),
/// inside a province where the name fits, else beside it with a leader line, clear of each
/// other, the neighbours' names, the scale bar and the north arrow. At country scale the
/// Kabul–Panjshir cluster is drawn again in an inset ([`Inset`]) and named there.
///
/// Structure: `<g id="inset">` (a `<rect class="locator">` on the main map, the
/// `<rect class="inset-frame">`, then `<g id="inset-provinces">` and `<g id="inset-labels">` as
/// below), then `<g id="labels">`: each name a `<text data-province="AF-KAB">`, each leader a
/// `<line class="leader" data-province="AF-KAB">` (over a `leader-halo` line). Returns what the
/// names written take (the main map's and the inset's, their boxes and leaders).
#[allow(clippy::too_many_arguments)] // the page's parts, each used; a struct would only rename them
fn write_province_labels(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    patterns: &mut Patterns,
    layout: &PageLayout,
    t: TSTransform,
    style: MapStyle,
    inset: Option<&Inset>,
    events: Option<&EventLayerView<'_>>,
) -> Vec<Rect> {
    let u = layout.unit;
    let placed = place_page_names(export, &scene.dates_shown, layout, t, inset);
    if let Some(inset) = inset {
        write_inset(svg, export, scene, patterns, inset, events, style, u);
    }
    svg.push_str(r#"<g id="labels">"#);
    write_names(svg, export, &placed, style, u);
    svg.push_str("</g>");
    let mut names = placed;
    names.extend(inset.iter().flat_map(|inset| inset.labels.clone()));
    scene::badges::name_obstacles(&names, 3.0 * u)
}

/// Where the main map's province names go on this page (the inset's are placed with it), clear
/// of each other, the neighbours' names, the scale bar, north arrow and date stamp (`dates`) and
/// the inset.
pub(super) fn place_page_names(
    export: &MapExport<'_>,
    dates: &str,
    layout: &PageLayout,
    t: TSTransform,
    inset: Option<&Inset>,
) -> Vec<labels::PlacedLabel> {
    let u = layout.unit;
    let mut obstacles = fixed_obstacles(layout, dates);
    obstacles.extend(
        export
            .atlas
            .country_labels
            .iter()
            .map(|country| country_label_rect(export, country, t, u)),
    );
    let sizes = page_name_sizes(u);
    let area = layout.map.shrink(6.0 * u);
    let anchors = inset.map_or_else(
        || export.geometry.labels.clone(),
        |inset| inset.main_anchors(&export.geometry.labels),
    );
    obstacles.extend(
        inset
            .iter()
            .flat_map(|inset| [inset.frame.expand(6.0 * u), inset.locator]),
    );
    let hit = &export.geometry.hit;
    let province_at = |p: Pos2| hit.province_at(t.inverse() * p).map(|i| i.0);
    labels::place_labels(
        &labels::LabelRequest {
            anchors: &anchors,
            screen_from_map: t,
            area,
            obstacles: &obstacles,
            sizes,
            province_at: &province_at,
        },
        |province, size| super::names_svg::label_box(export, province, size),
    )
}

/// What the page's names and inset keep clear of: scale bar, north arrow, date stamp.
pub(super) fn fixed_obstacles(layout: &PageLayout, dates: &str) -> Vec<Rect> {
    vec![
        scale_bar_area(layout),
        north_arrow_area(layout),
        date_stamp_area(layout, dates),
    ]
}

/// The inset of the Kabul–Panjshir cluster on this page, if its names need one.
pub(super) fn page_inset(
    export: &MapExport<'_>,
    dates: &str,
    layout: &PageLayout,
    t: TSTransform,
) -> Option<Inset> {
    let u = layout.unit;
    let countries: Vec<Rect> = export
        .atlas
        .country_labels
        .iter()
        .map(|country| country_label_rect(export, country, t, u))
        .collect();
    Inset::place(
        &InsetRequest {
            atlas: export.atlas,
            geometry: export.geometry,
            screen_from_map: t,
            area: layout.map.shrink(10.0 * u),
            avoid: &fixed_obstacles(layout, dates),
            prefer_clear: &countries,
            sizes: page_name_sizes(u),
        },
        |province, size| super::names_svg::label_box(export, province, size),
    )
}

/// The Events layer over the provinces drawn with `t` in `area`, at `zoom`: the choropleth's
/// shades, then the markers, under the borders as on screen.
fn write_event_layer(
    svg: &mut String,
    export: &MapExport<'_>,
    events: &EventLayerView<'_>,
    t: TSTransform,
    zoom: f32,
    area: Rect,
    u: f32,
) {
    events_svg::write_choropleth(svg, export.atlas, events, |index| {
        province_path(export.geometry, index, t)
    });
    events_svg::write_markers(svg, export.geometry, events, t, zoom, area, u);
}

/// The inset in `<g id="inset">`: the locator box on the main map, the frame on a backing, the
/// cluster's provinces, the Events layer and borders at the inset's scale clipped to the frame
/// (the inset magnifies the map: it shows what the map shows there), and its names.
#[allow(clippy::too_many_arguments)] // the page's parts, each used; a struct would only rename them
fn write_inset(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    patterns: &mut Patterns,
    inset: &Inset,
    events: Option<&EventLayerView<'_>>,
    style: MapStyle,
    u: f32,
) {
    let frame = inset.frame;
    let rect = |r: Rect| {
        format!(
            r#"x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}""#,
            r.left(),
            r.top(),
            r.width(),
            r.height()
        )
    };
    let _ = write!(
        svg,
        r#"<g id="inset" data-magnification="{:.2}"><rect class="locator" {} fill="none" stroke="{}" stroke-width="{:.1}"/><clipPath id="inset-clip"><rect {}/></clipPath><rect class="inset-frame" {} fill="{}" stroke="{}" stroke-width="{:.1}"/><g clip-path="url(#inset-clip)">"#,
        inset.magnification,
        rect(inset.locator),
        hex(style.label),
        1.6 * u,
        rect(frame),
        rect(frame),
        hex(style.background),
        hex(style.label),
        1.6 * u,
    );
    write_provinces(
        svg,
        export,
        scene,
        patterns,
        inset.screen_from_map,
        style,
        "inset-",
        Some(frame),
    );
    if let Some(events) = events {
        write_event_layer(
            svg,
            export,
            events,
            inset.screen_from_map,
            export.view.zoom * inset.magnification,
            frame,
            u,
        );
    }
    // The rasterised page leaves out the borders the inset's clip hides.
    let raster = patterns.fills.raster();
    write_borders(
        svg,
        export.geometry,
        inset.screen_from_map,
        style,
        u,
        raster.then_some(frame),
        raster,
    );
    svg.push_str("</g>");
    Text::new(MIN_NAME_PX.max(13.0 * u), style.small_print).write(
        svg,
        frame.left_top() + egui::vec2(6.0 * u, 16.0 * u),
        &format!("×{:.1}", inset.magnification),
    );
    svg.push_str(r#"<g id="inset-labels">"#);
    write_names(svg, export, &inset.labels, style, u);
    svg.push_str("</g></g>");
}

/// Leaders (`<line class="leader" data-province="…">` over a halo), then names
/// (`<text data-province="…">`) on a halo.
fn write_names(
    svg: &mut String,
    export: &MapExport<'_>,
    placed: &[labels::PlacedLabel],
    style: MapStyle,
    u: f32,
) {
    let halo = Color32::from_rgb(250, 248, 244);
    for label in placed {
        let code = escape(&export.atlas.provinces[label.province].code);
        if let Some([from, to]) = label.leader {
            let _ = write!(
                svg,
                r#"<line class="leader-halo" data-province="{code}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-linecap="round"/><line class="leader" data-province="{code}" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}"/><circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}" stroke="{}" stroke-width="{:.1}"/>"#,
                from.x,
                from.y,
                to.x,
                to.y,
                hex(halo),
                3.4 * u,
                from.x,
                from.y,
                to.x,
                to.y,
                hex(style.label),
                1.2 * u,
                from.x,
                from.y,
                2.6 * u,
                hex(style.label),
                hex(halo),
                1.0 * u
            );
        }
    }
    for label in placed {
        super::names_svg::write_label(svg, export, label, style.label, halo);
    }
}

/// Where the scale bar and its note go, bottom left of the map.
fn scale_bar_area(layout: &PageLayout) -> Rect {
    let u = layout.unit;
    Rect::from_min_max(
        layout.map.left_bottom() + egui::vec2(0.0, -64.0 * u),
        layout.map.left_bottom() + egui::vec2(layout.map.width() / 6.0 + 60.0 * u, 0.0),
    )
}

/// Type size of the date stamp, at 1080p.
const DATE_STAMP_SIZE: f32 = 20.0;

/// Where the dates shown are stamped, top left of the map, as in presentation mode.
fn date_stamp_area(layout: &PageLayout, dates: &str) -> Rect {
    let u = layout.unit;
    let text = labels::estimated_text_size(dates, DATE_STAMP_SIZE * u);
    Rect::from_min_size(
        layout.map.left_top() + egui::vec2(10.0 * u, 10.0 * u),
        text + egui::vec2(20.0 * u, 8.0 * u),
    )
}

fn write_date_stamp(svg: &mut String, layout: &PageLayout, dates: &str, style: MapStyle) {
    let u = layout.unit;
    let rect = date_stamp_area(layout, dates);
    let _ = write!(
        svg,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="{}" fill-opacity="0.9"/>"#,
        rect.left(),
        rect.top(),
        rect.width(),
        rect.height(),
        4.0 * u,
        hex(Color32::WHITE)
    );
    Text::new(DATE_STAMP_SIZE * u, style.label).bold().write(
        svg,
        Pos2::new(
            rect.left() + 10.0 * u,
            rect.center().y + DATE_STAMP_SIZE * u * 0.35,
        ),
        dates,
    );
}

/// Where the north arrow goes, top right of the map.
fn north_arrow_area(layout: &PageLayout) -> Rect {
    let u = layout.unit;
    Rect::from_min_max(
        layout.map.right_top() + egui::vec2(-64.0 * u, 0.0),
        layout.map.right_top() + egui::vec2(0.0, 100.0 * u),
    )
}

/// A bar of a round number of kilometres, about a sixth of the map's width.
fn write_scale_bar(svg: &mut String, layout: &PageLayout, px_per_km: f32) {
    let u = layout.unit;
    let target_km = layout.map.width() / 6.0 / px_per_km;
    let magnitude = 10f32.powf(target_km.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|km| *km <= target_km)
        .unwrap_or(magnitude);
    let length = km * px_per_km;
    let start = layout.map.left_bottom() + egui::vec2(24.0 * u, -28.0 * u);
    let ink = "#333333";
    let _ = write!(
        svg,
        r#"<g stroke="{ink}" stroke-width="{w:.1}"><line x1="{x0:.1}" y1="{y:.1}" x2="{x1:.1}" y2="{y:.1}"/><line x1="{x0:.1}" y1="{y:.1}" x2="{x0:.1}" y2="{yt:.1}"/><line x1="{x1:.1}" y1="{y:.1}" x2="{x1:.1}" y2="{yt:.1}"/></g>"#,
        w = 2.0 * u,
        x0 = start.x,
        x1 = start.x + length,
        y = start.y,
        yt = start.y - 8.0 * u
    );
    Text::new(15.0 * u, Color32::from_gray(51)).centred().write(
        svg,
        Pos2::new(start.x + length / 2.0, start.y - 12.0 * u),
        &format!("{km:.0} km"),
    );
    Text::new(11.0 * u, Color32::from_gray(90)).write(
        svg,
        Pos2::new(start.x, start.y + 18.0 * u),
        "Scale true along 34° N",
    );
}

fn write_north_arrow(svg: &mut String, layout: &PageLayout) {
    let u = layout.unit;
    let tip = layout.map.right_top() + egui::vec2(-40.0 * u, 24.0 * u);
    let _ = write!(
        svg,
        r##"<path d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="#333333"/>"##,
        tip.x,
        tip.y,
        tip.x + 12.0 * u,
        tip.y + 34.0 * u,
        tip.x,
        tip.y + 26.0 * u,
        tip.x - 12.0 * u,
        tip.y + 34.0 * u
    );
    Text::new(18.0 * u, Color32::from_gray(51))
        .centred()
        .bold()
        .write(svg, tip + egui::vec2(0.0, 56.0 * u), "N");
}

fn write_title(svg: &mut String, export: &MapExport<'_>, layout: &PageLayout) {
    let u = layout.unit;
    Text::new(40.0 * u, Color32::from_gray(25)).bold().write(
        svg,
        layout.title.left_top() + egui::vec2(0.0, 44.0 * u),
        &export.title,
    );
    if !export.subtitle.is_empty() {
        Text::new(22.0 * u, Color32::from_gray(80)).write(
            svg,
            layout.title.left_top() + egui::vec2(0.0, 82.0 * u),
            &export.subtitle,
        );
    }
}

fn write_legend(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    patterns: &mut Patterns,
    layout: &PageLayout,
    style: MapStyle,
) -> f32 {
    let u = layout.unit;
    let x = layout.legend.left();
    let mut y = layout.legend.top() + 22.0 * u;
    let ink = Color32::from_gray(40);
    // Under the Events choropleth the groups choose the events counted and are not drawn: no
    // swatch of a colour the map does not show.
    let drawn = !scene.groups_under_events;
    Text::new(22.0 * u, ink).bold().write(
        svg,
        Pos2::new(x, y),
        if drawn {
            "Where groups operate"
        } else {
            "Events counted for"
        },
    );
    y += 34.0 * u;
    // Drawn, the groups with a province on the map; counted, every group shown.
    let shown: Vec<_> = scene
        .legend
        .iter()
        .filter(|e| e.visible && (e.province_count > 0 || !drawn))
        .collect();
    if shown.is_empty() {
        Text::new(16.0 * u, ink).write(svg, Pos2::new(x, y), "No group shown");
        y += 28.0 * u;
    }
    for entry in &shown {
        let group = export.atlas.group(entry.group);
        let name = if drawn {
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{:.1}" width="{s:.1}" height="{s:.1}" fill="{}"/>"#,
                y - 16.0 * u,
                hex(style.group_colour(entry.colour, entry.extremist)),
                s = 20.0 * u
            );
            format!(
                "{} — {} province{}",
                group.short_name(),
                entry.province_count,
                if entry.province_count == 1 { "" } else { "s" }
            )
        } else {
            group.short_name().to_owned()
        };
        // Long names wrap within the legend column rather than run off the page.
        let width = layout.legend.right() - (x + 30.0 * u);
        for line in wrap_words(&name, 17.0 * u * BOLD_WIDTH, width) {
            Text::new(17.0 * u, ink)
                .bold()
                .write(svg, Pos2::new(x + 30.0 * u, y), &line);
            y += 21.0 * u;
        }
        let full = if group.kind == GroupKind::Extremist {
            format!("{} (extremist, not resistance)", group.name)
        } else {
            group.name.clone()
        };
        for line in wrap_words(&full, 13.0 * u, width) {
            Text::new(13.0 * u, Color32::from_gray(90)).write(
                svg,
                Pos2::new(x + 30.0 * u, y),
                &line,
            );
            y += 16.0 * u;
        }
        y += 12.0 * u;
    }
    if !drawn {
        let note = if export.filters.events.ungrouped {
            "And events of no atlas group. The provinces are shaded by events (below); where the groups operate is not drawn."
        } else {
            "The provinces are shaded by events (below); where the groups operate is not drawn."
        };
        for line in wrap_words(note, 13.0 * u, layout.legend.width()) {
            Text::new(13.0 * u, Color32::from_gray(90)).write(svg, Pos2::new(x, y), &line);
            y += 16.0 * u;
        }
    }
    y += 10.0 * u;
    Text::new(18.0 * u, ink)
        .bold()
        .write(svg, Pos2::new(x, y), "What the map shows");
    y += 26.0 * u;
    // Wide enough for a cell of 12 units per group in the evidence keys.
    let swatch_width = scene
        .legend_keys
        .iter()
        .map(|key| match &key.swatch {
            Swatch::Evidence(_, groups) => 12.0 * groups.len() as f32,
            _ => 0.0,
        })
        .fold(34.0, f32::max)
        * u;
    for key in &scene.legend_keys {
        write_swatch(
            svg,
            Rect::from_min_size(
                Pos2::new(x, y - 15.0 * u),
                egui::vec2(swatch_width, 20.0 * u),
            ),
            &key.swatch,
            style,
            patterns,
            u,
        );
        let text_x = x + swatch_width + 10.0 * u;
        let lines = wrap_words(&key.label, 15.0 * u, layout.legend.right() - text_x);
        for (index, line) in lines.iter().enumerate() {
            if index > 0 {
                y += 18.0 * u;
            }
            Text::new(15.0 * u, ink).write(svg, Pos2::new(text_x, y), line);
        }
        y += 28.0 * u;
    }
    y += 6.0 * u;
    if let Some(floor) = scene.grade_floor {
        Text::new(15.0 * u, ink).bold().write(
            svg,
            Pos2::new(x, y),
            &format!("Records graded {floor} or better"),
        );
        y += 28.0 * u;
    }
    Text::new(18.0 * u, Color32::from_rgb(160, 60, 0))
        .bold()
        .write(svg, Pos2::new(x, y), "Presence is not control.");
    y += 34.0 * u;
    Text::new(15.0 * u, ink).write(
        svg,
        Pos2::new(x, y),
        &format!("Dates shown: {}", scene.dates_shown),
    );
    y += 24.0 * u;
    if let Some(day) = data_as_of(export.atlas, export.filters) {
        Text::new(15.0 * u, ink).write(svg, Pos2::new(x, y), &format!("Data as of {day}"));
        y += 24.0 * u;
    }
    y
}

/// A legend key's swatch in `rect`, drawn as the map draws that mark (through
/// [`MapStyle::mark_paint`], in each group's colours).
fn write_swatch(
    svg: &mut String,
    rect: Rect,
    swatch: &Swatch,
    style: MapStyle,
    patterns: &mut Patterns,
    u: f32,
) {
    let rect_with = |svg: &mut String, r: Rect, attributes: &str| {
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {attributes}/>"#,
            r.left(),
            r.top(),
            r.width(),
            r.height(),
        );
    };
    rect_with(svg, rect, &format!(r#"fill="{}""#, hex(style.land)));
    match swatch {
        Swatch::Evidence(evidence, groups) => {
            let width = rect.width() / groups.len().max(1) as f32;
            for (index, group) in groups.iter().enumerate() {
                let cell = Rect::from_min_size(
                    Pos2::new(rect.left() + width * index as f32, rect.top()),
                    egui::vec2(width, rect.height()),
                );
                let paint = style.mark_paint(group.colour, group.extremist, *evidence, false);
                let fill = patterns.solid(paint);
                rect_with(svg, cell, &format!(r#"fill="{fill}""#));
            }
        }
        Swatch::Stripes(marks) => {
            for (which, (group, evidence)) in marks.iter().enumerate() {
                let paint = style.mark_paint(group.colour, group.extremist, *evidence, true);
                let fill = patterns.stripe(paint, marks.len(), which);
                rect_with(svg, rect, &format!(r#"fill="{fill}""#));
            }
        }
        Swatch::NoRecord => {}
        Swatch::StaleOutline(groups) | Swatch::DottedOutline(groups) => {
            let dash = if matches!(swatch, Swatch::StaleOutline(_)) {
                format!(
                    r#"stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}""#,
                    1.2 * u,
                    4.0 * u,
                    3.0 * u
                )
            } else {
                format!(
                    r#"stroke-width="{:.1}" stroke-dasharray="0 {:.1}" stroke-linecap="round""#,
                    2.2 * u,
                    4.0 * u
                )
            };
            for (which, group) in groups.iter().take(3).enumerate() {
                rect_with(
                    svg,
                    rect.shrink((1.5 + 2.5 * which as f32) * u),
                    &format!(
                        r#"fill="none" stroke="{}" {dash}"#,
                        hex(style.group_colour(group.colour, group.extremist))
                    ),
                );
            }
            return;
        }
    }
    rect_with(
        svg,
        rect,
        &format!(
            r#"fill="none" stroke="{}" stroke-width="{:.1}""#,
            hex(style.internal_border.color),
            0.8 * u
        ),
    );
}

/// The credit lines under the boundary line: the grade floor, the recency rule, and every
/// publisher of the records shown (and of the event files drawn), wrapped to the footer's width —
/// never cut, since on paper there is no Sources panel to point to.
fn credit_lines(export: &MapExport<'_>, layout: &PageLayout) -> Vec<String> {
    let size = FOOTER_TEXT * layout.unit;
    // The event files' publishers are credited with the sources of the records.
    let event_publishers: Vec<String> = export
        .events
        .filter(|_| export.filters.events.shown)
        .map(|events| {
            events
                .sets
                .iter()
                .map(|set| set.source.publisher.clone())
                .collect()
        })
        .unwrap_or_default();
    let budget = ((layout.footer.width() / (size * 0.58)) as usize).max(20);
    let mut lines = vec![String::new()];
    // Characters in the last line, kept as it grows (linear in the credits' length).
    let mut line_chars = 0;
    for piece in credit_pieces(export.atlas, export.filters, &event_publishers) {
        if line_chars > 0 && line_chars + piece.trim_end().chars().count() > budget {
            lines.push(String::new());
            line_chars = 0;
        }
        if let Some(last) = lines.last_mut() {
            last.push_str(&piece);
            line_chars += piece.chars().count();
        }
    }
    lines
}

/// The first line of every page's credits.
pub const BOUNDARY_CREDIT: &str = "Boundaries: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (approximate, not a survey). Resistance Atlas.";

/// Footer text size, in layout units.
const FOOTER_TEXT: f32 = 13.0;

fn write_footer(svg: &mut String, credits: &[String], layout: &PageLayout) {
    let u = layout.unit;
    let size = FOOTER_TEXT * u;
    let grey = Color32::from_gray(85);
    let x = layout.footer.left();
    Text::new(size, grey).write(
        svg,
        Pos2::new(x, layout.footer.top() + 18.0 * u),
        BOUNDARY_CREDIT,
    );
    for (index, line) in credits.iter().enumerate() {
        Text::new(size, grey).write(
            svg,
            Pos2::new(x, layout.footer.top() + (38.0 + 18.0 * index as f32) * u),
            line.trim_end(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{data::load_embedded, state::Filters};

    #[test]
    fn every_export_size_names_every_province_and_explains_every_mark() {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let filters = Filters {
            visible_groups: Some(scene::default_visible_groups(&atlas)),
            ..Filters::default()
        };
        let export = MapExport {
            atlas: &atlas,
            geometry: &geometry,
            filters: &filters,
            view: MapView::default(),
            title: "Armed resistance to the Taliban".to_owned(),
            subtitle: String::new(),
            selected: None,
            events: None,
            labels: Default::default(),
        };
        for size in [
            PageSize::HD,
            PageSize::UHD,
            PageSize::A4_LANDSCAPE_300DPI,
            PageSize {
                width: 1280,
                height: 720,
            },
        ] {
            let svg = render_svg(&export, size);
            for province in &atlas.provinces {
                assert!(
                    svg.contains(&format!(">{}</text>", escape(&province.name))),
                    "{} is not named at {size:?}",
                    province.name
                );
            }
            for text in [
                "<g id=\"legend\">",
                "<g id=\"provinces\">",
                "<g id=\"overlay-NRF\" data-group=\"NRF\">",
            ] {
                assert!(svg.contains(text), "the page lacks {text:?} at {size:?}");
            }
            // What a reader reads: the text of the page, lines joined (a key may wrap).
            let read: Vec<&str> = svg
                .split("</text>")
                .filter_map(|chunk| chunk.rsplit('>').next())
                .collect();
            let read = read.join(" ");
            for text in [
                "Attacks claimed only (hatched), nothing stronger",
                "Several groups: one stripe each",
                "No record in the dates shown",
                "Dates shown:",
            ] {
                assert!(read.contains(text), "the legend lacks {text:?} at {size:?}");
            }
        }
    }

    #[test]
    fn each_groups_marks_are_a_layer_of_their_own_with_their_evidence() {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let filters = Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Filters::default()
        };
        let export = MapExport {
            atlas: &atlas,
            geometry: &geometry,
            filters: &filters,
            view: MapView::default(),
            title: String::new(),
            subtitle: String::new(),
            selected: None,
            events: None,
            labels: Default::default(),
        };
        let svg = render_svg(
            &export,
            PageSize {
                width: 1280,
                height: 720,
            },
        );
        // The layer of one group: from its opening tag to the next closing one.
        let layer = |group: &str| -> String {
            let open = format!(r#"<g id="overlay-{group}" data-group="{group}">"#);
            let start = svg
                .find(&open)
                .unwrap_or_else(|| panic!("no layer for {group}"));
            let rest = &svg[start + open.len()..];
            rest[..rest.find("</g>").unwrap_or(rest.len())].to_owned()
        };
        let evidence_in = |layer: &str, province: &str| -> Option<String> {
            let at = layer.find(&format!(r#"data-province="{province}""#))?;
            let rest = &layer[at..];
            let key = r#"data-evidence=""#;
            let from = rest.find(key)? + key.len();
            Some(rest[from..from + rest[from..].find('"')?].to_owned())
        };
        let herat = atlas
            .provinces
            .iter()
            .find(|p| p.name == "Herat")
            .map(|p| p.code.clone());
        let baghlan = atlas
            .provinces
            .iter()
            .find(|p| p.name == "Baghlan")
            .map(|p| p.code.clone());
        let kandahar = atlas
            .provinces
            .iter()
            .find(|p| p.name == "Kandahar")
            .map(|p| p.code.clone());
        let (Some(herat), Some(baghlan), Some(kandahar)) = (herat, baghlan, kandahar) else {
            panic!("provinces missing");
        };
        let (nrf, aff) = (layer("NRF"), layer("AFF"));
        assert_eq!(
            evidence_in(&nrf, &herat).as_deref(),
            Some("claimed_attacks")
        );
        assert_eq!(
            evidence_in(&aff, &herat).as_deref(),
            Some("claimed_attacks")
        );
        assert_eq!(
            evidence_in(&nrf, &baghlan).as_deref(),
            Some("verified_attacks")
        );
        assert_eq!(evidence_in(&aff, &kandahar).as_deref(), Some("reported"));
        assert_eq!(
            evidence_in(&layer("ISKP"), &kandahar).as_deref(),
            Some("verified_attacks")
        );
        // Every province is in the provinces group, with its ISO code and name.
        let provinces = &svg[svg.find(r#"<g id="provinces">"#).unwrap_or(0)..];
        for province in &atlas.provinces {
            assert!(provinces.contains(&format!(
                r#"<path id="{code}" data-province="{code}" data-name="{}""#,
                escape(&province.name),
                code = province.code,
            )));
        }
        assert!(svg.contains(r#"<g id="legend">"#));
    }

    #[test]
    fn long_legend_names_wrap_within_their_column() {
        let name = "Balkhab uprising (Mawlawi Mahdi Mujahid's Hazara force)";
        let lines = wrap_words(name, 13.0, 200.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, 13.0) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), name, "no word lost");
        assert_eq!(
            wrap_words("NRF", 13.0, 10.0),
            ["NRF"],
            "a long word keeps its line"
        );
    }
}
