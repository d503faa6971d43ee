//! The exported map as SVG: the same scene the screen shows (groups, evidence shading, hatching,
//! stripes, borders, labels) laid out on a page with title, legend, scale bar, north arrow, a
//! "data as of" stamp and credits built from the sources of the records shown. Patterns are SVG
//! `<pattern>` fills, so hatching and stripes are clipped to each province by the renderer.
//! Text uses the bundled DejaVu Sans, so the PNG made from this SVG is the same everywhere.

use std::{collections::BTreeSet, fmt::Write as _};

use egui::{Color32, Pos2, Rect, emath::TSTransform};

use super::{
    events_svg,
    layout::{PageLayout, PageSize},
};
use crate::{
    data::{Atlas, Day, Evidence, GroupKind, ProvinceIdx},
    geometry::{BorderKind, MapGeometry, labels},
    map::{
        MapStyle,
        style::{evidence_fill, mix},
        view::screen_from_map,
    },
    scene::{self, GroupMark, MapScene, Rgb},
    state::{Filters, MapView},
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
    pub events: Option<&'a crate::map::events_scene::LoadedEvents>,
}

fn hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Escapes text for XML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Rough width of `text` in DejaVu Sans at `size` px (average advance ≈ 0.58 em).
fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.58
}

/// The newest day any shown record covers, within the filters' range.
pub fn data_as_of(atlas: &Atlas, filters: &Filters) -> Option<Day> {
    let newest = scene::presence_in_range(atlas, filters)
        .filter(|p| filters.shows(&atlas.group(p.group).id))
        .map(|p| p.period.to.unwrap_or(p.period.from).end())
        .max()?;
    Some(match filters.time.range() {
        Some((_, last)) => newest.min(last),
        None => newest,
    })
}

/// Publishers of the sources cited by the records shown, sorted.
pub fn credited_publishers(atlas: &Atlas, filters: &Filters) -> Vec<String> {
    let ids: BTreeSet<&String> = scene::presence_in_range(atlas, filters)
        .filter(|p| filters.shows(&atlas.group(p.group).id))
        .flat_map(|p| p.sources.iter())
        .collect();
    let publishers: BTreeSet<String> = ids
        .into_iter()
        .filter_map(|id| atlas.sources.get(id))
        .map(|s| s.publisher.clone())
        .collect();
    publishers.into_iter().collect()
}

/// The SVG document for `export` at `size`.
pub fn render_svg(export: &MapExport<'_>, size: PageSize) -> String {
    let layout = PageLayout::new(size);
    let u = layout.unit;
    let style = MapStyle::for_theme(false);
    let mut scene = scene::build(export.atlas, export.filters, None);
    let t = screen_from_map(layout.map, export.geometry.bounds_in_map, export.view);
    let events = export.events.map(|e| e.view(export.atlas, export.filters));
    if events
        .as_ref()
        .is_some_and(|e| e.choropleth(export.atlas).is_some())
    {
        // The events choropleth replaces the group overlay's fills.
        scene.marks = vec![Vec::new(); scene.marks.len()];
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
    let patterns = Patterns::new(&scene, style.land, u);
    svg.push_str(&patterns.defs);
    svg.push_str("</defs>");

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
    write_provinces(&mut svg, export, &scene, &patterns, t, style);
    if let Some(events) = &events {
        events_svg::write_choropleth(&mut svg, export.atlas, events, |index| {
            province_path(export.geometry, index, t)
        });
    }
    write_borders(&mut svg, export.geometry, t, style, u);
    if let Some(selected) = export.selected {
        let d = province_path(export.geometry, selected.0, t);
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{:.1}"/>"#,
            hex(style.selected_outline.color),
            3.0 * u
        );
    }
    if let Some(events) = &events {
        events_svg::write_markers(
            &mut svg,
            export.geometry,
            events,
            t,
            export.view.zoom,
            layout.map,
            u,
        );
    }
    write_country_labels(&mut svg, export, t, style, u);
    write_province_labels(&mut svg, export, &scene, t, style, u);
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
    write_north_arrow(&mut svg, &layout);
    write_title(&mut svg, export, &layout);
    let legend_end = write_legend(&mut svg, export, &scene, &patterns, &layout, style);
    if let (Some(events), Some(loaded)) = (&events, export.events) {
        events_svg::write_legend(
            &mut svg,
            export.atlas,
            events,
            export.view.zoom,
            Pos2::new(layout.legend.left(), legend_end),
            u,
            &loaded.credits(),
        );
    }
    write_footer(&mut svg, export, &layout);
    svg.push_str("</svg>");
    svg
}

/// Pattern definitions: hatching per group colour, stripes per combination of groups.
struct Patterns {
    defs: String,
}

impl Patterns {
    fn new(scene: &MapScene, land: Color32, u: f32) -> Self {
        let mut defs = String::new();
        let mut hatches = BTreeSet::new();
        let mut stripes = BTreeSet::new();
        for marks in &scene.marks {
            match marks.as_slice() {
                [] => {}
                [mark] => {
                    hatches.insert((mark.colour, mark.extremist));
                }
                several => {
                    stripes.insert(Self::stripe_key(several));
                }
            }
        }
        for entry in &scene.legend {
            hatches.insert((entry.colour, false));
        }
        let spacing = 9.0 * u;
        for (colour, extremist) in hatches {
            let angle = if extremist { -45 } else { 45 };
            let _ = write!(
                defs,
                r#"<pattern id="{}" patternUnits="userSpaceOnUse" width="{s:.2}" height="{s:.2}" patternTransform="rotate({angle})"><rect width="{s:.2}" height="{s:.2}" fill="{}"/><line x1="{h:.2}" y1="0" x2="{h:.2}" y2="{s:.2}" stroke="{}" stroke-width="{:.2}"/></pattern>"#,
                Self::hatch_id(colour, extremist),
                hex(evidence_fill(land, rgb(colour), Evidence::ClaimedAttacks)),
                hex(rgb(colour)),
                1.8 * u,
                s = spacing,
                h = spacing / 2.0,
            );
        }
        let band = 2.0 * spacing;
        for key in stripes {
            let _ = write!(
                defs,
                r#"<pattern id="stripes-{}" patternUnits="userSpaceOnUse" width="{:.2}" height="{band:.2}" patternTransform="rotate(45)">"#,
                Self::stripe_name(&key),
                band * key.len() as f32
            );
            for (index, (colour, evidence)) in key.iter().enumerate() {
                let fill = match evidence {
                    Evidence::ClaimedAttacks => mix(land, rgb(*colour), 0.3),
                    other => evidence_fill(land, rgb(*colour), *other),
                };
                let _ = write!(
                    defs,
                    r#"<rect x="{:.2}" width="{band:.2}" height="{band:.2}" fill="{}"/>"#,
                    band * index as f32,
                    hex(fill)
                );
            }
            defs.push_str("</pattern>");
        }
        Self { defs }
    }

    fn hatch_id(colour: Rgb, extremist: bool) -> String {
        format!(
            "hatch-{:02x}{:02x}{:02x}{}",
            colour[0],
            colour[1],
            colour[2],
            if extremist { "-x" } else { "" }
        )
    }

    fn stripe_key(marks: &[GroupMark]) -> Vec<(Rgb, Evidence)> {
        marks.iter().map(|m| (m.colour, m.evidence)).collect()
    }

    fn stripe_name(key: &[(Rgb, Evidence)]) -> String {
        key.iter()
            .map(|(c, e)| format!("{:02x}{:02x}{:02x}{}", c[0], c[1], c[2], *e as u8))
            .collect::<Vec<_>>()
            .join("-")
    }
}

fn province_path(geometry: &MapGeometry, index: usize, t: TSTransform) -> String {
    let mut d = String::new();
    for ring in &geometry.outlines[index] {
        for (i, [x, y]) in ring.iter().enumerate() {
            let p = t * Pos2::new(*x as f32, *y as f32);
            let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, p.x, p.y);
        }
        d.push('Z');
    }
    d
}

fn write_provinces(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    _patterns: &Patterns,
    t: TSTransform,
    style: MapStyle,
) {
    for (index, marks) in scene.marks.iter().enumerate() {
        let d = province_path(export.geometry, index, t);
        let fill = match marks.as_slice() {
            [] => hex(style.land),
            [mark] if mark.evidence == Evidence::ClaimedAttacks => {
                format!("url(#{})", Patterns::hatch_id(mark.colour, mark.extremist))
            }
            [mark] => hex(evidence_fill(style.land, rgb(mark.colour), mark.evidence)),
            several => format!(
                "url(#stripes-{})",
                Patterns::stripe_name(&Patterns::stripe_key(several))
            ),
        };
        let _ = write!(svg, r#"<path d="{d}" fill="{fill}" fill-rule="evenodd"/>"#);
    }
}

fn write_borders(
    svg: &mut String,
    geometry: &MapGeometry,
    t: TSTransform,
    style: MapStyle,
    u: f32,
) {
    for (kind, stroke, width) in [
        (BorderKind::Internal, style.internal_border.color, 1.1 * u),
        (BorderKind::National, style.national_border.color, 2.4 * u),
    ] {
        let mut d = String::new();
        for line in geometry.topology.borders.iter().filter(|b| b.kind == kind) {
            for (i, [x, y]) in line.points.iter().enumerate() {
                let p = t * Pos2::new(*x as f32, *y as f32);
                let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, p.x, p.y);
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

    fn halo(self, colour: Color32) -> Self {
        Self {
            halo: Some(colour),
            ..self
        }
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

/// Type size of the neighbouring countries' names, at 1080p.
const COUNTRY_LABEL_SIZE: f32 = 17.0;

fn write_country_labels(
    svg: &mut String,
    export: &MapExport<'_>,
    t: TSTransform,
    style: MapStyle,
    u: f32,
) {
    for country in &export.atlas.country_labels {
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

/// Province names. A printed map cannot be zoomed, so a province too small for its name
/// (Panjshir, Kapisa) is still named, in smaller type and nudged off its anchor if need be,
/// wherever that collides with nothing. Names that fit win collisions, then provinces with the
/// strongest evidence shown (the map's subject), then the roomiest.
fn write_province_labels(
    svg: &mut String,
    export: &MapExport<'_>,
    scene: &MapScene,
    t: TSTransform,
    style: MapStyle,
    u: f32,
) {
    let full_size = 15.0 * u;
    let small_size = 12.5 * u;
    let mut order: Vec<(bool, Option<Evidence>, f32, usize)> = Vec::new();
    for (index, province) in export.atlas.provinces.iter().enumerate() {
        let Some(anchor) = export.geometry.labels[index] else {
            continue;
        };
        let box_size = egui::vec2(text_width(&province.name, full_size), full_size * 1.2);
        let fits = labels::fits(box_size, anchor.room_km * t.scaling);
        let strongest = scene.marks[index].iter().map(|m| m.evidence).min();
        order.push((fits, strongest, anchor.room_km, index));
    }
    order.sort_by(|a, b| {
        (b.0.cmp(&a.0))
            .then(a.1.is_none().cmp(&b.1.is_none()))
            .then(a.1.cmp(&b.1))
            .then(b.2.total_cmp(&a.2))
    });
    let margin = 3.0 * u;
    let mut kept: Vec<Rect> = Vec::new();
    for (fits, _, _, index) in order {
        let Some(anchor) = export.geometry.labels[index] else {
            continue;
        };
        let name = &export.atlas.provinces[index].name;
        let size = if fits { full_size } else { small_size };
        let box_size = egui::vec2(text_width(name, size), size * 1.2);
        let centre = t * anchor.pos_in_map;
        let nudges: &[f32] = if fits { &[0.0] } else { &[0.0, -1.0, 1.0] };
        let free = nudges
            .iter()
            .map(|n| Rect::from_center_size(centre + egui::vec2(0.0, n * box_size.y), box_size));
        let mut free = free.filter(|r| kept.iter().all(|k| !k.intersects(r.expand(margin))));
        if let Some(rect) = free.next() {
            kept.push(rect);
            Text::new(size, style.label)
                .centred()
                .halo(Color32::from_rgb(250, 248, 244))
                .write(
                    svg,
                    Pos2::new(rect.center().x, rect.center().y + size * 0.35),
                    name,
                );
        }
    }
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
    _patterns: &Patterns,
    layout: &PageLayout,
    style: MapStyle,
) -> f32 {
    let u = layout.unit;
    let x = layout.legend.left();
    let mut y = layout.legend.top() + 22.0 * u;
    let ink = Color32::from_gray(40);
    Text::new(22.0 * u, ink)
        .bold()
        .write(svg, Pos2::new(x, y), "Where groups operate");
    y += 34.0 * u;
    let shown: Vec<_> = scene
        .legend
        .iter()
        .filter(|e| e.visible && e.province_count > 0)
        .collect();
    if shown.is_empty() {
        Text::new(16.0 * u, ink).write(svg, Pos2::new(x, y), "No group shown");
        y += 28.0 * u;
    }
    for entry in &shown {
        let group = export.atlas.group(entry.group);
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="{s:.1}" height="{s:.1}" fill="{}"/>"#,
            y - 16.0 * u,
            hex(rgb(entry.colour)),
            s = 20.0 * u
        );
        let name = format!(
            "{} — {} province{}",
            group.short_name(),
            entry.province_count,
            if entry.province_count == 1 { "" } else { "s" }
        );
        Text::new(17.0 * u, ink)
            .bold()
            .write(svg, Pos2::new(x + 30.0 * u, y), &name);
        y += 21.0 * u;
        let full = if group.kind == GroupKind::Extremist {
            format!("{} (extremist, not resistance)", group.name)
        } else {
            group.name.clone()
        };
        Text::new(13.0 * u, Color32::from_gray(90)).write(svg, Pos2::new(x + 30.0 * u, y), &full);
        y += 28.0 * u;
    }
    y += 10.0 * u;
    Text::new(18.0 * u, ink)
        .bold()
        .write(svg, Pos2::new(x, y), "Evidence");
    y += 26.0 * u;
    let example = shown
        .first()
        .map_or(Color32::from_gray(120), |e| rgb(e.colour));
    let example_rgb = shown.first().map_or([120, 120, 120], |e| e.colour);
    for evidence in Evidence::ALL {
        let fill = if evidence == Evidence::ClaimedAttacks {
            format!("url(#{})", Patterns::hatch_id(example_rgb, false))
        } else {
            hex(evidence_fill(style.land, example, evidence))
        };
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#888888" stroke-width="{:.1}"/>"##,
            y - 15.0 * u,
            34.0 * u,
            20.0 * u,
            0.8 * u
        );
        Text::new(15.0 * u, ink).write(svg, Pos2::new(x + 44.0 * u, y), evidence.label());
        y += 28.0 * u;
    }
    Text::new(13.0 * u, Color32::from_gray(90)).write(
        svg,
        Pos2::new(x, y),
        "Several groups in one province: stripes.",
    );
    y += 34.0 * u;
    Text::new(18.0 * u, Color32::from_rgb(160, 60, 0))
        .bold()
        .write(svg, Pos2::new(x, y), "Presence is not control.");
    y += 34.0 * u;
    let period = match export.filters.time.range() {
        Some((first, last)) => format!("Records from {first} to {last}"),
        None => "All records since August 2021".to_owned(),
    };
    Text::new(15.0 * u, ink).write(svg, Pos2::new(x, y), &period);
    y += 24.0 * u;
    if let Some(day) = data_as_of(export.atlas, export.filters) {
        Text::new(15.0 * u, ink).write(svg, Pos2::new(x, y), &format!("Data as of {day}"));
        y += 24.0 * u;
    }
    y
}

fn write_footer(svg: &mut String, export: &MapExport<'_>, layout: &PageLayout) {
    let u = layout.unit;
    let size = 13.0 * u;
    let grey = Color32::from_gray(85);
    let x = layout.footer.left();
    Text::new(size, grey).write(svg, Pos2::new(x, layout.footer.top() + 18.0 * u), "Boundaries: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (approximate, not a survey). Resistance Atlas.");
    let mut publishers = credited_publishers(export.atlas, export.filters);
    // The event files' publishers are credited with the sources of the records.
    if let Some(events) = export.events.filter(|_| export.filters.events.shown) {
        for set in &events.sets {
            if !publishers.contains(&set.source.publisher) {
                publishers.push(set.source.publisher.clone());
            }
        }
    }
    let budget = (layout.footer.width() / (size * 0.58)) as usize;
    let mut lines = vec![format!(
        "Sources of the records shown ({}): ",
        publishers.len()
    )];
    for (index, publisher) in publishers.iter().enumerate() {
        let piece = if index + 1 < publishers.len() {
            format!("{publisher}; ")
        } else {
            publisher.clone()
        };
        if lines
            .last()
            .is_some_and(|l| l.chars().count() + piece.chars().count() > budget)
        {
            if lines.len() == 2 {
                let rest = publishers.len() - index;
                if let Some(last) = lines.last_mut() {
                    last.push_str(&format!(
                        "and {rest} more (listed in the app's Sources panel)"
                    ));
                }
                break;
            }
            lines.push(String::new());
        }
        if let Some(last) = lines.last_mut() {
            last.push_str(&piece);
        }
    }
    for (index, line) in lines.iter().enumerate() {
        Text::new(size, grey).write(
            svg,
            Pos2::new(x, layout.footer.top() + (38.0 + 18.0 * index as f32) * u),
            line,
        );
    }
}
