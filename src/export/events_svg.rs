//! The Events layer on an exported page, drawn by the same rules as the screen: the choropleth's
//! shades, or one circle per province when zoomed out and single events (deadliest per few
//! pixels) when zoomed in; its legend entry; and the files' publishers for the credits.

use std::fmt::Write as _;

use egui::{Rect, emath::TSTransform};

use crate::{
    data::{Atlas, format::thousands},
    geometry::MapGeometry,
    scene::MapStyle,
    scene::event_change::{DIVERGING_PALETTE, measure_title},
    scene::events::{
        DOT_CELL_POINTS, EventLayerView, EventMeasure, EventStyle, MAX_CIRCLE_RADIUS,
        POINTS_FROM_ZOOM, circle_radius, dot_opacity, thin_dots, unshaded_note,
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
                r#"<path class="event-shade" d="{}" fill="{}" fill-rule="evenodd" data-province="{}"/>"#,
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

/// The layer's legend entry in `column`, from its top down, its lines wrapped to its width;
/// returns where the next line goes.
pub fn write_legend(
    svg: &mut String,
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    zoom: f32,
    column: Rect,
    u: f32,
    credits: &[String],
) -> f32 {
    let (x, mut y) = (column.left(), column.top());
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
    // A class of the choropleth: its swatch (with `class`, if any) and its label.
    let class_row = |svg: &mut String, y: f32, class: &str, colour: [u8; 3], label: &str| {
        let _ = write!(
            svg,
            r##"<rect{class} x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" stroke="#888888" stroke-width="{:.1}"/>"##,
            y - 14.0 * u,
            30.0 * u,
            16.0 * u,
            hex(colour),
            0.8 * u
        );
        text(svg, x + 40.0 * u, y, 14.0, false, label);
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
                    let label = format!("{label} ({provinces})");
                    class_row(
                        svg,
                        y,
                        r#" class="change-class""#,
                        DIVERGING_PALETTE[class],
                        &label,
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
            } else if let Some((classes, class_of)) = view.choropleth(atlas) {
                text(svg, x, y, 14.0, false, view.settings.measure.label());
                y += 22.0 * u;
                for (class, label) in classes.labels(view.settings.measure).iter().enumerate() {
                    let provinces = class_of.iter().filter(|c| **c == Some(class)).count();
                    let label = format!("{label} ({provinces})");
                    class_row(svg, y, "", classes.colour(class), &label);
                    y += 22.0 * u;
                }
                let unshaded = class_of.iter().filter(|c| c.is_none()).count();
                if let Some(note) = unshaded_note(view.settings.measure, unshaded) {
                    for line in super::svg::wrap_words(&note, 13.0 * u, column.width()) {
                        text(svg, x, y, 13.0, false, &line);
                        y += 17.0 * u;
                    }
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
        for line in super::svg::wrap_words(credit, 12.0 * u, column.width()) {
            text(svg, x, y, 12.0, false, &line);
            y += 16.0 * u;
        }
        y += 2.0 * u;
    }
    y
}

#[cfg(test)]
mod tests {
    use crate::{
        data::{
            events::{ActorAliases, EventContext, read_events},
            load_embedded,
        },
        export::{MapExport, render_svg},
        geometry::MapGeometry,
        scene::{
            MapView, PageSize,
            events::{EventLayerSettings, EventStyle, LoadedEvents},
            periods::{Periods, Span},
        },
        state::Filters,
    };

    /// `<text x y font-size …>content</text>` elements of `svg`: x, y, size, content.
    fn texts(svg: &str) -> Vec<(f32, f32, f32, String)> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|element| {
                let attribute = |name: &str| -> Option<f32> {
                    let (_, rest) = element.split_once(&format!("{name}=\""))?;
                    rest.split('"').next()?.parse().ok()
                };
                let content = element.split_once('>')?.1.split("</text>").next()?;
                let content = content
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
                Some((
                    attribute("x")?,
                    attribute("y")?,
                    attribute("font-size")?,
                    content,
                ))
            })
            .collect()
    }

    fn fixture_events(atlas: &crate::data::Atlas, geometry: &MapGeometry) -> LoadedEvents {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/events/acled-long.csv");
        let context = EventContext::new(atlas, &ActorAliases::default());
        let set = read_events(&path, &context, |_| true).expect("the fixture reads");
        LoadedEvents::new(vec![set], atlas, &geometry.projection, 1)
    }

    /// The pages an analyst makes of events: the choropleth, and the change between two
    /// periods with the presence change map's long legend above the Events entry.
    fn pages(size: PageSize) -> Vec<String> {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let events = fixture_events(&atlas, &geometry);
        let choropleth = Filters {
            // Every group the file's actors map to: the most changes, the longest legend.
            visible_groups: Some(
                ["NRF", "AFF", "ISKP", "ALM"]
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
            ),
            events: EventLayerSettings {
                style: EventStyle::Choropleth,
                ..EventLayerSettings::default()
            },
            ..Filters::default()
        };
        let change = Filters {
            compare: Some(Periods {
                before: Span::parse("2022-01..2023-06").expect("a span"),
                after: Span::parse("2023-07..2024-12").expect("a span"),
            }),
            ..choropleth.clone()
        };
        [choropleth, change]
            .iter()
            .map(|filters| {
                let export = MapExport {
                    atlas: &atlas,
                    geometry: &geometry,
                    filters,
                    view: MapView::default(),
                    title: "Events".to_owned(),
                    subtitle: String::new(),
                    selected: None,
                    events: Some(&events),
                    labels: Default::default(),
                };
                render_svg(&export, size)
            })
            .collect()
    }

    #[test]
    fn the_legend_with_events_stays_on_the_page_above_the_footer() {
        for size in [
            PageSize::parse("1920x1080").expect("a size"),
            PageSize::parse("1280x720").expect("a size"),
            PageSize::parse("a4").expect("a size"),
        ] {
            for svg in pages(size) {
                let legend = svg
                    .split(r#"<g id="legend">"#)
                    .nth(1)
                    .and_then(|rest| rest.split("</g>").next())
                    .expect("a legend");
                let footer_top = texts(&svg)
                    .into_iter()
                    .find(|(_, _, _, content)| content.starts_with("Boundaries:"))
                    .map(|(_, y, size, _)| y - size)
                    .expect("a footer");
                let legend_texts = texts(legend);
                assert!(
                    legend_texts.iter().any(|(_, _, _, c)| c == "Events"),
                    "no Events entry at {size:?}"
                );
                for (x, y, font, content) in legend_texts {
                    assert!(
                        y <= footer_top,
                        "at {size:?} \"{content}\" (y {y}) runs into the footer (top {footer_top})"
                    );
                    let right = x + super::super::wrap::text_width(&content, font);
                    assert!(
                        right <= size.width as f32,
                        "at {size:?} \"{content}\" runs off the page ({right} > {})",
                        size.width
                    );
                }
            }
        }
    }

    #[test]
    fn a_change_map_shaded_by_events_keys_its_marks_not_fills_it_does_not_draw() {
        let pages = pages(PageSize::parse("1920x1080").expect("a size"));
        let change = &pages[1];
        assert!(
            change.contains("Change in number of events"),
            "the Events entry"
        );
        assert!(
            !change.contains("Fills show the evidence after"),
            "the legend explains fills the choropleth replaced"
        );
        assert!(!change.contains("Same evidence in both"));
        assert!(change.contains("The marks show each group's change"));
    }

    #[test]
    fn a_page_shaded_by_events_keys_no_group_colour_and_explains_the_unshaded() {
        let pages = pages(PageSize::parse("1920x1080").expect("a size"));
        let shaded = &pages[0];
        assert!(shaded.contains(">Events counted for</text>"));
        assert!(!shaded.contains("Where groups operate"));
        assert!(shaded.contains("where the groups operate is not drawn"));
        assert!(
            shaded.contains("Unshaded: no events ("),
            "a province with no events is left unshaded and the legend says why"
        );
        // Each class says how many provinces it shades, as the app's legend does.
        let counted = texts(shaded)
            .into_iter()
            .filter(|(_, _, _, content)| {
                content.contains(" – ")
                    && content
                        .rsplit_once(" (")
                        .and_then(|(_, n)| n.strip_suffix(')'))
                        .is_some_and(|n| n.parse::<usize>().is_ok())
            })
            .count();
        assert!(
            counted >= 3,
            "{counted} classes with their provinces counted"
        );
        let groups_entry = shaded
            .split(">Events counted for</text>")
            .nth(1)
            .and_then(|rest| rest.split("What the map shows").next())
            .expect("the groups' entry");
        assert!(
            !groups_entry.contains("<rect"),
            "a group swatch in a legend whose map draws no group"
        );
        assert!(groups_entry.contains(">NRF</text>"));
        // ALM has events in the file but no province in the atlas: its events are counted, so
        // it is named.
        assert!(groups_entry.contains(">ALM</text>"), "{groups_entry}");
    }

    #[test]
    fn the_inset_shades_its_provinces_as_the_map_does() {
        for svg in pages(PageSize::parse("1920x1080").expect("a size")) {
            let (main, inset) = svg.split_once(r#"<g id="inset""#).expect("an inset");
            let shade_of = |part: &str, code: &str| -> Option<String> {
                part.split(r#"<path class="event-shade""#)
                    .skip(1)
                    .find(|p| {
                        p.split("/>")
                            .next()
                            .is_some_and(|p| p.contains(&format!(r#"data-province="{code}""#)))
                    })
                    .and_then(|p| p.split(r#"fill=""#).nth(1))
                    .and_then(|p| p.split('"').next())
                    .map(str::to_owned)
            };
            let inset = inset
                .split(r#"<g id="inset-labels">"#)
                .next()
                .expect("labels");
            let mut compared = 0;
            for code in ["AF-KAB", "AF-PAR", "AF-KAP", "AF-PAN", "AF-LOG", "AF-WAR"] {
                let on_map = shade_of(main, code);
                assert_eq!(shade_of(inset, code), on_map, "{code}");
                compared += usize::from(on_map.is_some());
            }
            assert!(compared >= 3, "only {compared} provinces shaded");
        }
    }
}
