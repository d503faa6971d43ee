//! The change map on a page: what changed between two periods ([`crate::scene::compare`]). The
//! provinces are filled as the map fills the *after* period; a group gone from a province is its
//! dashed outline; each change is a badge in the group's colour by the province's name ("+"
//! new, "−" gone, "▲" stronger, "▼" weaker; none when the same). The legend names both periods,
//! counts each kind of change per group, lists the most important changes and says how current
//! the data is for each period. Drawn by [`super::svg::render_page`], so the page around it
//! (title, scale, names, inset, credits) is the map's.

use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect, emath::TSTransform};

use super::{
    MapExport, PageLayout, PageSize,
    svg::{escape, hex, render_page, wrap_words},
};
use crate::{
    data::Atlas,
    scene::{
        Filters, MapStyle, TimeFilter,
        badges::{Badge, place_map_badges},
        compare::{Change, Comparison, Periods, compare, filters_for},
        credits::data_as_of,
        labels::Inset,
    },
};

/// A comparison to draw, with the filters of its two periods.
#[derive(Clone, Debug)]
pub struct ChangeMap<'a> {
    /// What changed.
    pub comparison: &'a Comparison,
    /// The filters of the before period.
    pub before: Filters,
    /// The filters of the after period.
    pub after: Filters,
}

impl<'a> ChangeMap<'a> {
    /// The change map of `comparison`, made with `filters`' groups, grade and recency.
    pub fn new(comparison: &'a Comparison, filters: &Filters) -> Self {
        Self {
            comparison,
            before: filters_for(filters, comparison.periods.before),
            after: filters_for(filters, comparison.periods.after),
        }
    }

    /// The filters an export of the change map is made with: the groups, grade and recency,
    /// over both periods together (so its credits cover the records of both).
    pub fn page_filters(&self) -> Filters {
        let (before, after) = (
            self.comparison.periods.before,
            self.comparison.periods.after,
        );
        Filters {
            time: TimeFilter {
                all_time: false,
                from: before.from.min(after.from),
                to: before.to.max(after.to),
            },
            ..self.after.clone()
        }
    }

    /// The default title: "What changed: Jan 2024 – Dec 2024 → Jan 2025 – Dec 2025".
    pub fn title(&self) -> String {
        format!("What changed: {}", self.comparison.periods.label())
    }

    /// "Data as of Dec 2024 (before) and Jun 2025 (after)": how current each period's records
    /// are.
    pub fn data_as_of(&self, atlas: &Atlas) -> String {
        let label = |filters: &Filters| {
            data_as_of(atlas, filters).map_or("no records".to_owned(), |d| d.to_string())
        };
        format!(
            "Data as of {} (before) and {} (after)",
            label(&self.before),
            label(&self.after)
        )
    }

    /// The badges, in `<g id="changes">`: one `<g class="change" data-province="AF-…"
    /// data-group="NRF" data-change="new">` each, by the province's anchor (in the inset for
    /// the provinces it magnifies), clear of every name in `names` ([`page_badges`]).
    pub(super) fn write_marks(
        &self,
        svg: &mut String,
        export: &MapExport<'_>,
        layout: &PageLayout,
        t: TSTransform,
        inset: Option<&Inset>,
        names: &[Rect],
    ) {
        let style = MapStyle::for_theme(false);
        svg.push_str(r#"<g id="changes">"#);
        for placed in page_badges(self.comparison, export, layout, t, inset, names) {
            let change = self
                .comparison
                .changes
                .iter()
                .find(|c| c.province.0 == placed.province && c.group == placed.mark.group)
                .map_or("same", |c| c.change.id());
            let _ = write!(
                svg,
                r#"<g class="change" data-province="{}" data-group="{}" data-change="{change}">"#,
                escape(&export.atlas.provinces[placed.province].code),
                escape(&export.atlas.group(placed.mark.group).id),
            );
            badge(
                svg,
                placed.centre,
                placed.radius,
                style.group_colour(placed.mark.colour, placed.mark.extremist),
                placed.glyph,
                change == "gone",
            );
            svg.push_str("</g>");
        }
        svg.push_str("</g>");
    }

    /// The change map's legend in the legend column, `reserve` kept free at its foot (for the
    /// Events layer's entry); returns where it ends. Without `fills` (the Events choropleth
    /// shades the provinces instead) its keys are the marks alone.
    pub(super) fn write_legend(
        &self,
        svg: &mut String,
        export: &MapExport<'_>,
        layout: &PageLayout,
        style: MapStyle,
        reserve: f32,
        fills: bool,
    ) -> f32 {
        let u = layout.unit;
        let x = layout.legend.left();
        let right = layout.legend.right();
        let mut y = layout.legend.top() + 22.0 * u;
        let ink = Color32::from_gray(40);
        let grey = Color32::from_gray(90);
        let periods = self.comparison.periods;
        text(svg, Pos2::new(x, y), 22.0 * u, ink, true, "What changed");
        y += 30.0 * u;
        for line in [
            format!("Before: {}", periods.before.label()),
            format!("After: {}", periods.after.label()),
        ] {
            text(svg, Pos2::new(x, y), 16.0 * u, ink, false, &line);
            y += 22.0 * u;
        }
        y += 8.0 * u;
        let atlas = export.atlas;
        let colour_of = |group: crate::data::GroupIdx| {
            let entry = self
                .comparison
                .after_scene
                .legend
                .iter()
                .find(|e| e.group == group);
            entry.map_or(style.label, |e| style.group_colour(e.colour, e.extremist))
        };
        // Each group with a row: its colour and its counts.
        let mut groups: Vec<crate::data::GroupIdx> =
            self.comparison.changes.iter().map(|c| c.group).collect();
        groups.sort_by_key(|g| {
            (
                atlas.group(*g).kind == crate::data::GroupKind::Extremist,
                *g,
            )
        });
        groups.dedup();
        if groups.is_empty() {
            text(
                svg,
                Pos2::new(x, y),
                15.0 * u,
                ink,
                false,
                "No shown group has a record in either period",
            );
            y += 26.0 * u;
        }
        for group in &groups {
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{:.1}" width="{s:.1}" height="{s:.1}" fill="{}"/>"#,
                y - 15.0 * u,
                hex(colour_of(*group)),
                s = 18.0 * u
            );
            let counts: Vec<String> = Change::ALL
                .iter()
                .filter_map(|kind| {
                    let n = self
                        .comparison
                        .changes
                        .iter()
                        .filter(|c| c.group == *group && c.change == *kind)
                        .count();
                    (n > 0).then(|| format!("{n} {}", kind.id()))
                })
                .collect();
            let line = format!(
                "{}: {}",
                atlas.group(*group).short_name(),
                counts.join(", ")
            );
            for line in wrap_words(&line, 15.0 * u, right - x - 28.0 * u) {
                text(svg, Pos2::new(x + 28.0 * u, y), 15.0 * u, ink, false, &line);
                y += 19.0 * u;
            }
            y += 6.0 * u;
        }
        y += 6.0 * u;
        text(
            svg,
            Pos2::new(x, y),
            17.0 * u,
            ink,
            true,
            "What the map shows",
        );
        y += 26.0 * u;
        let sample = groups.first().map_or(style.label, |g| colour_of(*g));
        // Without fills, "same" has nothing to show.
        for kind in Change::ALL
            .into_iter()
            .filter(|kind| fills || *kind != Change::Same)
        {
            let at = Pos2::new(x + 12.0 * u, y - 5.0 * u);
            match kind {
                // The marks alone: the fills are the Events layer's.
                _ if !fills => {}
                Change::Gone => {
                    let _ = write!(
                        svg,
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{}" stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}"/>"#,
                        x,
                        y - 15.0 * u,
                        24.0 * u,
                        18.0 * u,
                        hex(sample),
                        1.4 * u,
                        4.0 * u,
                        3.0 * u
                    );
                }
                _ => {
                    let _ = write!(
                        svg,
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                        x,
                        y - 15.0 * u,
                        24.0 * u,
                        18.0 * u,
                        hex(crate::scene::style::mix(style.land, sample, 0.55))
                    );
                }
            }
            if let Some(glyph) = kind.glyph() {
                badge(svg, at, 8.0 * u, sample, glyph, kind == Change::Gone);
            }
            let text_x = x + 34.0 * u;
            let label = if fills {
                kind.legend_label()
            } else {
                mark_label(kind)
            };
            let lines = wrap_words(label, 14.0 * u, right - text_x);
            for (index, line) in lines.iter().enumerate() {
                if index > 0 {
                    y += 17.0 * u;
                }
                text(svg, Pos2::new(text_x, y), 14.0 * u, ink, false, line);
            }
            y += 26.0 * u;
        }
        let note = if fills {
            "Fills show the evidence after, as the map draws it: the darker, the stronger; hatched, claimed only; dotted outline, E/F sources only."
        } else {
            "The marks show each group's change; the fills, the change in events (below)."
        };
        for line in wrap_words(note, 13.0 * u, right - x) {
            text(svg, Pos2::new(x, y), 13.0 * u, grey, false, &line);
            y += 16.0 * u;
        }
        y += 10.0 * u;
        // As many of the most important changes as fit above the notes at the legend's foot;
        // the heading only over at least one.
        let last = layout.legend.bottom() - 120.0 * u - reserve;
        let mut bottom = y + 22.0 * u;
        let fitting: Vec<Vec<String>> = self
            .comparison
            .changes
            .iter()
            .filter(|c| c.change != Change::Same)
            .map(|change| wrap_words(&change.sentence(atlas), 13.0 * u, right - x - 10.0 * u))
            .take_while(|lines| {
                bottom += 16.0 * u * lines.len() as f32;
                let fits = bottom <= last;
                bottom += 3.0 * u;
                fits
            })
            .collect();
        if !fitting.is_empty() {
            text(svg, Pos2::new(x, y), 16.0 * u, ink, true, "Most important");
            y += 22.0 * u;
            for lines in &fitting {
                for (index, line) in lines.iter().enumerate() {
                    let indent = if index == 0 { 0.0 } else { 10.0 * u };
                    text(svg, Pos2::new(x + indent, y), 13.0 * u, ink, false, line);
                    y += 16.0 * u;
                }
                y += 3.0 * u;
            }
            y += 8.0 * u;
        }
        if let Some(floor) = self.after.min_grade {
            text(
                svg,
                Pos2::new(x, y),
                14.0 * u,
                ink,
                true,
                &format!("Records graded {floor} or better"),
            );
            y += 22.0 * u;
        }
        text(
            svg,
            Pos2::new(x, y),
            16.0 * u,
            Color32::from_rgb(160, 60, 0),
            true,
            "Presence is not control.",
        );
        y += 24.0 * u;
        for line in wrap_words(&self.data_as_of(atlas), 14.0 * u, right - x) {
            text(svg, Pos2::new(x, y), 14.0 * u, ink, false, &line);
            y += 18.0 * u;
        }
        y
    }
}

/// A change's key where only its mark shows it (the fills are the Events layer's).
fn mark_label(kind: Change) -> &'static str {
    match kind {
        Change::New => "New: no current record before, one after (\"+\")",
        Change::Gone => "Gone: a record before, none after or only stale (\"−\")",
        other => other.legend_label(),
    }
}

/// The badges of `comparison` on a page ([`place_map_badges`]): in the map area, clear of the
/// page's names (`names`), its scale bar, north arrow and date stamp.
pub(super) fn page_badges(
    comparison: &Comparison,
    export: &MapExport<'_>,
    layout: &PageLayout,
    t: TSTransform,
    inset: Option<&Inset>,
    names: &[Rect],
) -> Vec<Badge> {
    let mut avoid = names.to_vec();
    avoid.extend(super::svg::fixed_obstacles(
        layout,
        &comparison.periods.label(),
    ));
    let hit = &export.geometry.hit;
    place_map_badges(
        comparison,
        &export.geometry.labels,
        &|p| hit.province_at(p).map(|i| i.0),
        t,
        inset,
        layout.map.shrink(4.0 * layout.unit),
        &avoid,
        10.0 * layout.unit,
    )
}

/// A round badge in `colour` with `glyph` in white; a gone group's badge is white with a
/// coloured ring and glyph (its outline, as on the map).
fn badge(svg: &mut String, at: Pos2, radius: f32, colour: Color32, glyph: &str, hollow: bool) {
    let (fill, ink) = if hollow {
        (Color32::WHITE, colour)
    } else {
        (colour, Color32::WHITE)
    };
    let _ = write!(
        svg,
        r#"<circle cx="{:.1}" cy="{:.1}" r="{radius:.1}" fill="{}" stroke="{}" stroke-width="{:.1}"/>"#,
        at.x,
        at.y,
        hex(fill),
        hex(if hollow { colour } else { Color32::WHITE }),
        radius * 0.22
    );
    let size = radius
        * if glyph == "+" || glyph == "−" {
            1.7
        } else {
            1.2
        };
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" text-anchor="middle" font-weight="bold" fill="{}">{}</text>"#,
        at.x,
        at.y + size * 0.36,
        hex(ink),
        escape(glyph)
    );
}

/// A run of text.
fn text(svg: &mut String, at: Pos2, size: f32, fill: Color32, bold: bool, words: &str) {
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" font-weight="{}" fill="{}">{}</text>"#,
        at.x,
        at.y,
        if bold { "bold" } else { "normal" },
        hex(fill),
        escape(words)
    );
}

/// The change map of `periods` for `export`'s groups, grade and recency, as SVG: what
/// [`super::render_svg`] draws when its filters are in comparison mode.
pub fn render_comparison(
    export: &MapExport<'_>,
    periods: Periods,
    size: PageSize,
    fills: super::svg::PatternFills,
) -> String {
    let comparison = compare(export.atlas, export.filters, periods);
    let change = ChangeMap::new(&comparison, export.filters);
    let page_filters = change.page_filters();
    let page = MapExport {
        filters: &page_filters,
        ..export.clone()
    };
    render_page(&page, size, Some(&change), fills)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        data::load_embedded,
        geometry::MapGeometry,
        scene::{MapView, badges::name_obstacles, periods::Span, view::screen_from_map},
    };

    /// The badges' centres as drawn in `<g id="changes">`.
    fn drawn_badges(svg: &str) -> Vec<(f32, f32)> {
        let start = svg.find(r#"<g id="changes">"#).expect("a changes group");
        let group = &svg[start..];
        let group = &group[..group.find("</g></g>").map_or(group.len(), |e| e + 4)];
        group
            .split("<circle ")
            .skip(1)
            .map(|circle| {
                let attr = |name: &str| -> f32 {
                    let at = circle.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
                    circle[at..at + circle[at..].find('"').expect("closed")]
                        .parse()
                        .expect("a number")
                };
                (attr("cx"), attr("cy"))
            })
            .collect()
    }

    #[test]
    fn no_badge_covers_a_name_on_a_page() {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        let filters = Filters {
            visible_groups: Some(atlas.groups.iter().map(|g| g.id.clone()).collect()),
            ..Filters::default()
        };
        // The 12 months to June 2025 against the 12 before: changes in Takhar, Kunduz and
        // Nuristan, whose badges once covered their names.
        let periods = Periods {
            before: Span::parse("2023-07..2024-06").expect("valid"),
            after: Span::parse("2024-07..2025-06").expect("valid"),
        };
        let comparison = compare(&atlas, &filters, periods);
        let change = ChangeMap::new(&comparison, &filters);
        let page_filters = change.page_filters();
        let export = MapExport {
            atlas: &atlas,
            geometry: &geometry,
            filters: &page_filters,
            view: MapView::default(),
            title: change.title(),
            subtitle: String::new(),
            selected: None,
            events: None,
            labels: Default::default(),
        };
        let crowded: Vec<usize> = ["Takhar", "Kunduz", "Nuristan"]
            .iter()
            .map(|name| atlas.gazetteer.resolve(name).expect(name).0)
            .collect();
        for size in [
            PageSize {
                width: 1280,
                height: 720,
            },
            PageSize::HD,
        ] {
            let (layout, _) = super::super::svg::page_plan(&export, size);
            let t = screen_from_map(layout.map, geometry.bounds_in_map, export.view);
            let dates = periods.label();
            let inset = super::super::svg::page_inset(&export, &dates, &layout, t);
            let mut placed =
                super::super::svg::place_page_names(&export, &dates, &layout, t, inset.as_ref());
            placed.extend(inset.iter().flat_map(|i| i.labels.clone()));
            let names = name_obstacles(&placed, 3.0 * layout.unit);
            assert!(placed.len() >= 30, "{size:?}: the names are placed");
            let badges = page_badges(&comparison, &export, &layout, t, inset.as_ref(), &names);
            for province in &crowded {
                assert!(
                    badges.iter().any(|b| b.province == *province),
                    "{size:?}: {} has a badge",
                    atlas.provinces[*province].name
                );
            }
            for badge in &badges {
                for name in &names {
                    assert!(
                        !badge.rect().intersects(*name),
                        "{size:?}: the badge of {} covers a name or leader at {name:?}",
                        atlas.provinces[badge.province].name
                    );
                }
            }
            // The page draws exactly these.
            let svg = super::super::render_svg(
                &MapExport {
                    filters: &Filters {
                        compare: Some(periods),
                        ..filters.clone()
                    },
                    ..export.clone()
                },
                size,
            );
            let drawn = drawn_badges(&svg);
            assert_eq!(drawn.len(), badges.len(), "{size:?}");
            for (badge, (x, y)) in badges.iter().zip(&drawn) {
                assert!((badge.centre.x - x).abs() < 0.1 && (badge.centre.y - y).abs() < 0.1);
            }
        }
    }
}
