//! The change in events between two periods, where the app shows it: its key in the legend (and
//! in presentation mode, in type a room can read), and a province's numbers — before, after,
//! change — in its card. The numbers and classes come from [`crate::scene::event_change`], as
//! the map and exports draw them.

use egui::{Color32, RichText, Sense, Ui, vec2};

use crate::{
    data::{Atlas, ProvinceIdx, format::thousands},
    scene::{
        Filters,
        event_change::{DIVERGING_PALETTE, EventChange, measure_title, signed_text},
        events::{EventLayerView, EventMeasure, LoadedEvents, populations},
    },
};

/// The key to the change choropleth when the layer draws one: its title, the periods, a swatch
/// per class (with how many provinces fall in it) and what is unshaded. Type of `size` points
/// (`None`: the panel's small type). Returns whether it drew one.
pub fn change_key_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    view: &EventLayerView<'_>,
    size: Option<f32>,
) -> bool {
    let Some((classes, class_of)) = view.change_choropleth(atlas) else {
        return false;
    };
    let text = |words: String| match size {
        Some(size) => RichText::new(words).size(size),
        None => RichText::new(words).small(),
    };
    let measure = view.settings.measure;
    ui.label(text(measure_title(measure)).strong());
    if let Some(change) = &view.change {
        ui.label(text(change.periods.label()));
    }
    let swatch = size.map_or(vec2(22.0, 12.0), |s| vec2(s * 1.9, s));
    for (class, label) in classes.rows(measure) {
        let provinces = class_of.iter().filter(|c| **c == Some(class)).count();
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(swatch, Sense::hover());
            let [r, g, b] = DIVERGING_PALETTE[class];
            ui.painter()
                .rect_filled(rect, 0.0, Color32::from_rgb(r, g, b));
            ui.painter().rect_stroke(
                rect,
                0.0,
                egui::Stroke::new(1.0, Color32::from_gray(140)),
                egui::StrokeKind::Inside,
            );
            ui.label(text(format!("{label} ({provinces})")));
        });
    }
    ui.add(
        egui::Label::new(text("Purple: fewer after; orange: more after".to_owned()).weak()).wrap(),
    );
    if measure == EventMeasure::PerCapita && class_of.iter().any(Option::is_none) {
        ui.label(text("Unshaded: no population figure".to_owned()).weak());
    }
    if let Some(note) = view.change.as_ref().and_then(EventChange::length_note) {
        ui.add(egui::Label::new(text(note).weak()).wrap());
    }
    true
}

/// A province's events in both periods and the change: "Before (Jan 2024 – Dec 2024): 12
/// events, 30 fatalities", "After (…): …", "Change: +3 events, −10 fatalities", and per
/// 100,000 people where the atlas has the province's population.
pub fn province_change_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    events: &LoadedEvents,
    filters: &Filters,
    province: ProvinceIdx,
) {
    let Some(periods) = filters.compare else {
        return;
    };
    let change = EventChange::count(&events.counts, atlas, filters, periods);
    let Some(here) = change.provinces.get(province.0) else {
        return;
    };
    let plural = |n: u64, one: &str, many: &str| {
        format!(
            "{} {}",
            thousands(n as usize),
            if n == 1 { one } else { many }
        )
    };
    ui.add_space(10.0);
    ui.label(RichText::new("Events: what changed").strong());
    egui::Grid::new(("province_event_change", province.0))
        .num_columns(2)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            for (name, span, totals) in [
                ("Before", periods.before, here.before),
                ("After", periods.after, here.after),
            ] {
                ui.label(format!("{name} ({})", span.label()));
                ui.label(format!(
                    "{}, {}",
                    plural(totals.events, "event", "events"),
                    plural(totals.fatalities, "fatality", "fatalities")
                ));
                ui.end_row();
            }
            ui.label(RichText::new("Change").strong());
            ui.label(
                RichText::new(format!(
                    "{} events, {} fatalities",
                    signed_text(here.events()),
                    signed_text(here.fatalities())
                ))
                .strong(),
            );
            ui.end_row();
            let rate = change.values(EventMeasure::PerCapita, &populations(atlas))[province.0];
            ui.label("Per 100,000 people");
            ui.label(match rate {
                Some(rate) => format!(
                    "{}{} events",
                    if rate > 0.0 {
                        "+"
                    } else if rate < 0.0 {
                        "−"
                    } else {
                        ""
                    },
                    crate::data::format::thousands_decimal(rate.abs(), 2)
                ),
                None => "no population figure for this province".to_owned(),
            });
            ui.end_row();
        });
    if let Some(note) = change.length_note() {
        ui.add(egui::Label::new(RichText::new(note).small().weak()).wrap());
    }
}
