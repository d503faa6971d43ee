//! The economy charts: which indicators to chart, and a generic egui_plot view of any of them.
//! Every chart has a title, its unit, a legend above the plot (never over the data), year labels
//! every year or two, at least three value labels with their unit, the Taliban takeover marked
//! and named, a hover read-out and a source line; the year axes of all charts move together.
//! The values come from the data set, never from here.

use std::ops::RangeInclusive;

use egui::{Color32, Id, RichText, Ui};
use egui_plot::{
    AxisHints, Bar, BarChart, GridInput, GridMark, HoverPosition, Line, Plot, PlotPoint,
    PlotPoints, Points, Text as PlotText, VLine,
};

use super::series::{
    CHART_YEARS, GrowthClass, Tick, VALUE_LABEL_PX, YEAR_LABEL_PX, data_years, growth_bars,
    segments, takeover_year, tick_label, to_csv, value_ticks, year_ticks,
};
use crate::data::{Atlas, Indicator};

/// How a chart draws its main series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Lines, one per series.
    Lines,
    /// Bars, negative years in the warning colour.
    GrowthBars,
}

/// One chart: a title, the indicators it draws, and optional reference points.
#[derive(Clone, Copy, Debug)]
pub struct ChartSpec {
    /// Chart title.
    pub title: &'static str,
    /// Indicator ids drawn as the main series.
    pub series: &'static [&'static str],
    /// How to draw them.
    pub kind: ChartKind,
    /// Indicator ids drawn as single reference points (another definition of the same thing).
    pub reference: &'static [&'static str],
    /// A caveat shown under the chart.
    pub caveat: Option<&'static str>,
}

/// The economy panel's charts, in reading order.
pub const ECONOMY_CHARTS: [ChartSpec; 8] = [
    ChartSpec {
        title: "Real GDP growth",
        series: &["gdp_growth"],
        kind: ChartKind::GrowthBars,
        reference: &[],
        caveat: None,
    },
    ChartSpec {
        title: "GDP",
        series: &["gdp_usd_bn"],
        kind: ChartKind::Lines,
        reference: &[],
        caveat: None,
    },
    ChartSpec {
        title: "GDP per capita",
        series: &["gdp_per_capita_usd"],
        kind: ChartKind::Lines,
        reference: &[],
        caveat: None,
    },
    ChartSpec {
        title: "Consumer-price inflation",
        series: &["inflation_cpi"],
        kind: ChartKind::Lines,
        reference: &[],
        caveat: None,
    },
    ChartSpec {
        title: "Unemployment",
        series: &[
            "unemployment_total",
            "unemployment_female",
            "unemployment_male",
        ],
        kind: ChartKind::Lines,
        reference: &[],
        caveat: Some("ILO modelled estimates; 2025 is a projection."),
    },
    ChartSpec {
        title: "Female labour-force participation",
        series: &["female_labour_participation"],
        kind: ChartKind::Lines,
        reference: &[],
        caveat: None,
    },
    ChartSpec {
        title: "Access to electricity",
        series: &["electricity_access_wdi"],
        kind: ChartKind::Lines,
        reference: &["grid_connection_dabs"],
        caveat: Some(
            "Definitions differ: the World Bank counts off-grid and solar access; the utility DABS's ~40 % counts grid connections.",
        ),
    },
    ChartSpec {
        title: "Prevalence of undernourishment",
        series: &["undernourishment"],
        kind: ChartKind::Lines,
        reference: &[],
        caveat: None,
    },
];

/// Okabe–Ito colours for up to three series; contraction bars use vermillion.
const SERIES_COLOURS: [Color32; 3] = [
    Color32::from_rgb(0, 114, 178),
    Color32::from_rgb(213, 94, 0),
    Color32::from_rgb(0, 158, 115),
];
const GROWTH: Color32 = Color32::from_rgb(0, 114, 178);
const CONTRACTION: Color32 = Color32::from_rgb(213, 94, 0);

/// "World Bank, WDI, NY.GDP.MKTP.KD.ZG, CC BY 4.0" for an indicator.
pub fn source_line(atlas: &Atlas, indicator: &Indicator) -> String {
    let mut parts = Vec::new();
    if let Some(source) = atlas.sources.get(&indicator.source) {
        parts.push(source.publisher.clone());
        if source.title.contains("World Development Indicators") {
            parts.push("WDI".to_owned());
        }
    }
    parts.extend(indicator.code.clone());
    parts.extend(indicator.licence.clone());
    parts.join(", ")
}

/// The indicators a spec draws that the data set has.
fn found<'a>(atlas: &'a Atlas, ids: &[&str]) -> Vec<&'a Indicator> {
    ids.iter().filter_map(|id| atlas.indicator(id)).collect()
}

/// Shows every economy chart in a grid of `columns`.
pub fn economy_ui(ui: &mut Ui, atlas: &Atlas) {
    let charted: Vec<&Indicator> = ECONOMY_CHARTS
        .iter()
        .flat_map(|spec| {
            found(atlas, spec.series)
                .into_iter()
                .chain(found(atlas, spec.reference))
        })
        .collect();
    // Every chart's year axis runs over the years with data (they move together).
    let (first, last) =
        data_years(&charted, CHART_YEARS).unwrap_or((*CHART_YEARS.start(), *CHART_YEARS.end()));
    let years = first..=last;
    // Wrapped, so the hint never runs past a narrow drawer's edge.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Economy, {first}–{last}")).strong());
        ui.label(RichText::new("Hover for values · drag or scroll to move the years (all charts together) · double-click to reset").small().weak());
        if ui.button("Copy data").on_hover_text("Copy every charted series as CSV").clicked() {
            ui.ctx().copy_text(to_csv(&charted, CHART_YEARS));
        }
    });
    let columns = ((ui.available_width() / 420.0).floor() as usize).clamp(1, 4);
    let width = ui.available_width() / columns as f32 - 12.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("economy_charts")
                .num_columns(columns)
                .spacing([12.0, 14.0])
                .show(ui, |ui| {
                    for (index, spec) in ECONOMY_CHARTS.iter().enumerate() {
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            chart_ui(ui, atlas, spec, years.clone());
                        });
                        if (index + 1) % columns == 0 {
                            ui.end_row();
                        }
                    }
                });
        });
}

/// The pixels per unit a grid spacer is working at (egui_plot hands it the value of
/// `GRID_MIN_PX` pixels).
const GRID_MIN_PX: f64 = 8.0;

fn grid_marks(ticks: Vec<Tick>) -> Vec<GridMark> {
    ticks
        .into_iter()
        .map(|tick| GridMark {
            value: tick.value,
            step_size: tick.step,
        })
        .collect()
}

/// A year axis labelled every year or two, as room allows.
pub fn year_axis<'a>() -> AxisHints<'a> {
    AxisHints::new_x()
        .label_spacing(30.0..=YEAR_LABEL_PX as f32)
        .formatter(|mark, _| format!("{:.0}", mark.value))
}

/// Grid lines (and so labels) on whole years, every year or two.
pub fn year_grid(input: GridInput) -> Vec<GridMark> {
    grid_marks(year_ticks(input.bounds, GRID_MIN_PX / input.base_step_size))
}

/// Room for the widest value label ("-20 %", "$22 bn"), so none is cut at the panel's edge.
pub const VALUE_AXIS_WIDTH: f32 = 52.0;

/// A value axis with at least three labels, each with its unit.
fn value_axis<'a>(unit: String) -> AxisHints<'a> {
    AxisHints::new_y()
        .label_spacing(14.0..=VALUE_LABEL_PX as f32)
        .min_thickness(VALUE_AXIS_WIDTH)
        .formatter(move |mark, _| tick_label(mark.value, mark.step_size, &unit))
}

fn value_grid(input: GridInput) -> Vec<GridMark> {
    grid_marks(value_ticks(
        input.bounds,
        GRID_MIN_PX / input.base_step_size,
    ))
}

/// What a legend swatch looks like.
#[derive(Clone, Copy)]
enum Swatch {
    Line,
    Bar,
    Diamond,
}

/// One legend entry, drawn above the plot so it never covers data.
fn legend_entry(ui: &mut Ui, colour: Color32, swatch: Swatch, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
    let painter = ui.painter();
    match swatch {
        Swatch::Line => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                egui::Stroke::new(3.0, colour),
            );
        }
        Swatch::Bar => {
            painter.rect_filled(rect.shrink2(egui::vec2(3.0, 0.0)), 1.0, colour);
        }
        Swatch::Diamond => {
            let c = rect.center();
            let r = 5.0;
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + egui::vec2(0.0, -r),
                    c + egui::vec2(r, 0.0),
                    c + egui::vec2(0.0, r),
                    c + egui::vec2(-r, 0.0),
                ],
                colour,
                egui::Stroke::NONE,
            ));
        }
    }
    ui.label(RichText::new(text).small());
}

/// The takeover line, labelled at the top of the chart (`top` in plot units).
pub fn takeover_marker(plot_ui: &mut egui_plot::PlotUi<'_>, top: f64, ink: Color32) {
    let x = takeover_year();
    plot_ui.vline(
        VLine::new("Taliban takeover (15 Aug 2021)", x)
            .color(Color32::from_gray(128))
            .style(egui_plot::LineStyle::dashed_loose()),
    );
    plot_ui.text(
        PlotText::new(
            "takeover label",
            PlotPoint::new(x - 0.08, top),
            RichText::new("Taliban takeover").small(),
        )
        .color(ink)
        .anchor(egui::Align2::RIGHT_TOP),
    );
}

/// The lowest and highest values a chart draws (with 0 for growth bars).
fn value_range(indicators: &[&Indicator], with_zero: bool) -> Option<(f64, f64)> {
    let values = indicators
        .iter()
        .flat_map(|i| i.values.range(CHART_YEARS).map(|(_, v)| *v));
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !low.is_finite() {
        return None;
    }
    Some(if with_zero {
        (low.min(0.0), high.max(0.0))
    } else {
        (low, high)
    })
}

/// One chart: title and unit, a legend above the plot, the plot (over `years`, labelled every
/// year or two and ending where they end; at least three labelled values, grouped in thousands;
/// the takeover marked and named), sources and caveat below.
pub fn chart_ui(ui: &mut Ui, atlas: &Atlas, spec: &ChartSpec, years: RangeInclusive<i32>) {
    let series = found(atlas, spec.series);
    let references = found(atlas, spec.reference);
    let Some(first) = series.first() else {
        ui.label(RichText::new(spec.title).strong());
        ui.label(RichText::new("No data for this chart in the data set.").weak());
        return;
    };
    let unit = first.unit.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(spec.title).strong());
        ui.label(RichText::new(format!("({unit})")).small());
    });
    let bars = spec.kind == ChartKind::GrowthBars;
    ui.horizontal_wrapped(|ui| {
        if bars {
            legend_entry(ui, GROWTH, Swatch::Bar, "growth");
            legend_entry(ui, CONTRACTION, Swatch::Bar, "contraction");
        } else if series.len() + references.len() > 1 {
            for (index, indicator) in series.iter().enumerate() {
                let colour = SERIES_COLOURS[index % SERIES_COLOURS.len()];
                legend_entry(ui, colour, Swatch::Line, &indicator.name);
            }
            for indicator in &references {
                legend_entry(ui, SERIES_COLOURS[1], Swatch::Diamond, &indicator.name);
            }
        }
    });
    let all: Vec<&Indicator> = series.iter().chain(&references).copied().collect();
    let (low, high) = value_range(&all, bars).unwrap_or((0.0, 1.0));
    // Headroom above the data for the takeover label.
    let top = high + (high - low).max(1.0) * 0.25;
    let ink = ui.visuals().strong_text_color();
    let hover_unit = unit.clone();
    let plot = Plot::new(("economy", spec.title))
        .height(170.0)
        .link_axis(Id::unique("economy_years"), [true, false])
        .link_cursor(Id::unique("economy_years"), [true, false])
        .include_x(f64::from(*years.start()) - 0.5)
        .include_x(f64::from(*years.end()) + 0.5)
        .include_y(low)
        .include_y(top)
        // The year axis ends where the data ends (half a bar beyond the last year).
        .set_margin_fraction(egui::vec2(0.0, 0.05))
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .allow_drag([true, false])
        .grid_spacing(GRID_MIN_PX as f32..=300.0)
        .custom_x_axes(vec![year_axis()])
        .custom_y_axes(vec![value_axis(unit.clone())])
        .x_grid_spacer(year_grid)
        .y_grid_spacer(value_grid)
        .label_formatter(move |hover| match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() && *plot_name != "takeover label" => Some(format!(
                "{plot_name}\n{:.0}: {} {hover_unit}",
                position.x,
                crate::data::format::thousands_decimal(position.y, 2)
            )),
            _ => None,
        });
    plot.show(ui, |plot_ui| {
        for (index, indicator) in series.iter().enumerate() {
            let colour = SERIES_COLOURS[index % SERIES_COLOURS.len()];
            match spec.kind {
                ChartKind::GrowthBars => {
                    let bars = growth_bars(indicator, years.clone())
                        .into_iter()
                        .map(|bar| {
                            Bar::new(f64::from(bar.year), bar.value).width(0.7).fill(
                                match bar.class {
                                    GrowthClass::Growth => GROWTH,
                                    GrowthClass::Contraction => CONTRACTION,
                                },
                            )
                        })
                        .collect();
                    plot_ui.bar_chart(
                        BarChart::new(indicator.name.clone(), bars).element_formatter(Box::new(
                            |bar, _| format!("{:.0}: {:.2} %", bar.argument, bar.value),
                        )),
                    );
                }
                ChartKind::Lines => {
                    for segment in segments(indicator, years.clone()) {
                        if segment.len() == 1 {
                            plot_ui.points(
                                Points::new(indicator.name.clone(), PlotPoints::from(segment))
                                    .color(colour)
                                    .radius(3.0),
                            );
                        } else {
                            plot_ui.line(
                                Line::new(indicator.name.clone(), PlotPoints::from(segment))
                                    .color(colour)
                                    .width(2.0),
                            );
                        }
                    }
                }
            }
        }
        for indicator in &references {
            let points: Vec<[f64; 2]> = indicator
                .values
                .range(years.clone())
                .map(|(y, v)| [f64::from(*y), *v])
                .collect();
            plot_ui.points(
                Points::new(indicator.name.clone(), PlotPoints::from(points))
                    .color(SERIES_COLOURS[1])
                    .radius(5.0)
                    .shape(egui_plot::MarkerShape::Diamond),
            );
        }
        takeover_marker(plot_ui, top, ink);
    });
    for indicator in series.iter().chain(&references) {
        ui.label(RichText::new(source_line(atlas, indicator)).small().weak())
            .on_hover_text(format!("{}: {}", indicator.name, indicator.definition));
    }
    if let Some(caveat) = spec.caveat {
        ui.label(RichText::new(caveat).small().italics());
    }
}
