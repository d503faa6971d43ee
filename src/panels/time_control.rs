//! The time control under the map: all time, or a range of months from August 2021 to the newest
//! record, and a play button that steps the end of the range month by month.

use egui::{RichText, Slider, Ui};

use crate::{
    data::Day,
    state::{AppState, Command, TIME_START},
};

/// Shows the time control; `latest` is the last day any record covers.
pub fn time_control_ui(ui: &mut Ui, state: &AppState, latest: Day) -> Option<Command> {
    let mut command = None;
    let time = state.filters.time;
    let (first_month, last_month) = (TIME_START.month_index(), latest.month_index());
    ui.horizontal(|ui| {
        ui.label(RichText::new("Dates").strong());
        let mut all_time = time.all_time;
        if ui.checkbox(&mut all_time, "All time").changed() {
            command = Some(Command::SetAllTime(all_time));
        }
        ui.add_enabled_ui(!time.all_time, |ui| {
            let mut from = time.from.month_index();
            let mut to = time.to.month_index();
            let month_label = |index: f64| Day::from_month_index(index as i32).month_label();
            let from_label = ui.label("From");
            let from_changed = ui
                .add(Slider::new(&mut from, first_month..=last_month).show_value(false))
                .labelled_by(from_label.id)
                .changed();
            ui.label(RichText::new(month_label(f64::from(from))).monospace());
            let to_label = ui.label("to");
            let to_changed = ui
                .add(Slider::new(&mut to, first_month..=last_month).show_value(false))
                .labelled_by(to_label.id)
                .changed();
            ui.label(RichText::new(month_label(f64::from(to))).monospace());
            if from_changed || to_changed {
                if from_changed && from > to {
                    to = from;
                } else if to < from {
                    from = to;
                }
                let from = Day::from_month_index(from);
                let to = Day::from_month_index(to);
                command = Some(Command::SetTimeRange(from, to.end_of_month().min(latest)));
            }
        });
        let play_text = if state.playing { "Pause" } else { "Play" };
        if ui
            .button(play_text)
            .on_hover_text("Step the end of the range month by month")
            .clicked()
        {
            command = Some(Command::Play(!state.playing));
        }
        let shown = if time.all_time {
            format!("every record, to {}", latest.month_label())
        } else {
            format!("{} – {}", time.from, time.to)
        };
        ui.label(RichText::new(shown).weak());
    });
    command
}
