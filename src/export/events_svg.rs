//! The Events layer on an exported page, drawn by the same rules as the screen: the choropleth's
//! shades, or one circle per province when zoomed out and single events (deadliest per few
//! pixels) when zoomed in; its legend entry; and the files' publishers for the credits.

use std::fmt::Write as _;

use egui::{Pos2, Rect, emath::TSTransform};

use crate::{
    data::{Atlas, format::thousands},
    geometry::MapGeometry,
    scene::MapStyle,
    scene::event_change::{DIVERGING_PALETTE, measure_title},
    scene::events::{
        DOT_CELL_POINTS, EventLayerView, EventMeasure, EventStyle, MAX_CIRCLE_RADIUS,
        POINTS_FROM_ZOOM, circle_radius, dot_opacity, thin_dots,
    },
    scene::style::color32,
};

fn hex(rgb: [u8; 3]) -> String {
    super::svg::hex(color32(rgb))
}

/// Shades provinces by the choropleth's classes (over the plain fills).
pub fn write_choropleth(
    svg: &mut String,
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    province_path: impl Fn(usize) -> String,
) {
    let Some(shades) = view.province_shades(atlas) else {
        return;
    };
    for (index, shade) in shades.iter().enumerate() {
        if let Some(shade) = shade {
            let _ = write!(
                svg,
                r#"<path d="{}" fill="{}" fill-rule="evenodd" data-province="{}"/>"#,
                province_path(index),
                hex(*shade),
                super::svg::escape(&atlas.provinces[index].code)
            );
        }
    }
}

/// Circles per province or single events, as the screen draws them at this zoom.
pub fn write_markers(
    svg: &mut String,
    geometry: &MapGeometry,
    view: &EventLayerView<'_>,
    t: TSTransform,
    zoom: f32,
    map: Rect,
    u: f32,
) {
    if !view.draws_markers() {
        return;
    }
    if zoom >= POINTS_FROM_ZOOM {
        write_dots(svg, view, t, map, u);
        return;
    }
    let values = view.circle_values();
    let max = values.iter().copied().max().unwrap_or(0);
    for (index, value) in values.iter().enumerate() {
        let radius = circle_radius(*value, max, u);
        let Some(anchor) = geometry.labels.get(index).copied().flatten() else {
            continue;
        };
        if radius > 0.0 {
            let c = t * anchor.pos_in_map;
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="{radius:.1}" fill="#282828" fill-opacity="0.27" stroke="#282828" stroke-width="{:.1}"/>"##,
                c.x,
                c.y,
                1.5 * u
            );
        }
    }
}

/// Single events as the screen draws them: one translucent dot per cell for the events shown
/// in it, more opaque the more there are, in `<g id="events">`.
fn write_dots(svg: &mut String, view: &EventLayerView<'_>, t: TSTransform, map: Rect, u: f32) {
    let style = MapStyle::for_theme(false);
    let dots = thin_dots(
        view.points,
        view.shown_points(),
        |pos| t * pos,
        map,
        DOT_CELL_POINTS * u,
        u,
    );
    svg.push_str(r#"<g id="events">"#);
    for dot in dots {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}" fill-opacity="{:.2}" stroke="#464646" stroke-opacity="{:.2}" stroke-width="{:.1}" data-events="{}"/>"##,
            dot.centre.x,
            dot.centre.y,
            dot.radius,
            super::svg::hex(view.dot_colour(dot.point as usize, &style)),
            dot_opacity(dot.count),
            dot_opacity(dot.count),
            0.8 * u,
            dot.count
        );
    }
    svg.push_str("</g>");
}

/// The layer's legend entry from `y` down; returns where the next line goes.
pub fn write_legend(
    svg: &mut String,
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    zoom: f32,
    at: Pos2,
    u: f32,
    credits: &[String],
) -> f32 {
    let (x, mut y) = (at.x, at.y);
    if !view.settings.shown {
        return y;
    }
    let text = |svg: &mut String, x: f32, y: f32, size: f32, bold: bool, content: &str| {
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="{:.1}" font-weight="{}" fill="#282828">{}</text>"##,
            size * u,
            if bold { "bold" } else { "normal" },
            super::svg::escape(content)
        );
    };
    y += 8.0 * u;
    text(svg, x, y, 18.0, true, "Events");
    y += 24.0 * u;
    match view.settings.style {
        EventStyle::Choropleth => {
            if let Some((classes, class_of)) = view.change_choropleth(atlas) {
                let measure = view.settings.measure;
                text(svg, x, y, 14.0, true, &measure_title(measure));
                y += 20.0 * u;
                if let Some(change) = &view.change {
                    text(svg, x, y, 13.0, false, &change.periods.label());
                    y += 20.0 * u;
                }
                for (class, label) in classes.rows(measure) {
                    let provinces = class_of.iter().filter(|c| **c == Some(class)).count();
                    let _ = write!(
                        svg,
                        r##"<rect class="change-class" x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" stroke="#888888" stroke-width="{:.1}"/>"##,
                        y - 14.0 * u,
                        30.0 * u,
                        16.0 * u,
                        hex(DIVERGING_PALETTE[class]),
                        0.8 * u
                    );
                    text(
                        svg,
                        x + 40.0 * u,
                        y,
                        14.0,
                        false,
                        &format!("{label} ({provinces})"),
                    );
                    y += 22.0 * u;
                }
                let notes = [
                    Some("Purple: fewer after; orange: more after".to_owned()),
                    (measure == EventMeasure::PerCapita && class_of.iter().any(Option::is_none))
                        .then(|| "Unshaded: no population figure".to_owned()),
                    view.change.as_ref().and_then(|c| c.length_note()),
                ];
                for note in notes.into_iter().flatten() {
                    for line in super::svg::wrap_words(&note, 13.0 * u, 300.0 * u) {
                        text(svg, x, y, 13.0, false, &line);
                        y += 17.0 * u;
                    }
                }
                y += 6.0 * u;
            } else if let Some((classes, _)) = view.choropleth(atlas) {
                text(svg, x, y, 14.0, false, view.settings.measure.label());
                y += 22.0 * u;
                for (class, label) in classes.labels(view.settings.measure).iter().enumerate() {
                    let _ = write!(
                        svg,
                        r##"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" stroke="#888888" stroke-width="{:.1}"/>"##,
                        y - 14.0 * u,
                        30.0 * u,
                        16.0 * u,
                        hex(classes.colour(class)),
                        0.8 * u
                    );
                    text(svg, x + 40.0 * u, y, 14.0, false, label);
                    y += 22.0 * u;
                }
            }
        }
        EventStyle::Markers if zoom >= POINTS_FROM_ZOOM => {
            text(
                svg,
                x,
                y,
                14.0,
                false,
                "One dot per event, coloured by group;",
            );
            y += 18.0 * u;
            text(
                svg,
                x,
                y,
                14.0,
                false,
                "larger for more fatalities (grey: no atlas group)",
            );
            y += 24.0 * u;
        }
        EventStyle::Markers => {
            let what = match view.settings.measure {
                EventMeasure::Fatalities => "Circle area: fatalities in the province",
                _ => "Circle area: events in the province",
            };
            text(svg, x, y, 14.0, false, what);
            y += 8.0 * u;
            let values = view.circle_values();
            let max = values.iter().copied().max().unwrap_or(0);
            let mut cx = x + MAX_CIRCLE_RADIUS * u;
            let cy = y + MAX_CIRCLE_RADIUS * u + 2.0 * u;
            for value in [max, max / 4].into_iter().filter(|v| *v > 0) {
                let r = circle_radius(value, max, u);
                let _ = write!(
                    svg,
                    r##"<circle cx="{cx:.1}" cy="{:.1}" r="{r:.1}" fill="#282828" fill-opacity="0.27" stroke="#282828" stroke-width="{:.1}"/>"##,
                    cy + MAX_CIRCLE_RADIUS * u - r,
                    1.5 * u
                );
                text(
                    svg,
                    cx + r + 6.0 * u,
                    cy + MAX_CIRCLE_RADIUS * u - r,
                    13.0,
                    false,
                    &thousands(value as usize),
                );
                cx += 2.0 * r + 70.0 * u;
            }
            y += 2.0 * MAX_CIRCLE_RADIUS * u + 16.0 * u;
        }
    }
    for credit in credits {
        text(svg, x, y, 12.0, false, credit);
        y += 18.0 * u;
    }
    y
}
