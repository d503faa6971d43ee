//! The recency horizon, chosen in the legend: how long after its last report a presence record
//! observed before the dates shown still counts as current. Older records are drawn as stale.
//! The rule itself is the scene's ([`crate::scene::describe_recency`]); this only picks the
//! number of months.

use egui::{RichText, Ui};

use crate::command::{Command, FilterCommand};

/// The horizons offered, in months, with their labels; 0 keeps as current only what was
/// observed within the dates.
pub const HORIZONS: [(u32, &str); 4] = [
    (6, "6 months"),
    (12, "12 months"),
    (24, "24 months"),
    (0, "never (observed in the dates only)"),
];

/// The label of a horizon of `months`.
pub fn horizon_label(months: u32) -> String {
    HORIZONS.iter().find(|(m, _)| *m == months).map_or_else(
        || format!("{months} months"),
        |(_, label)| (*label).to_owned(),
    )
}

/// The horizon picker: "Current if last reported within [12 months]". Enabled only when dates
/// are chosen (over all dates every record is current).
pub fn recency_ui(ui: &mut Ui, months: u32, dates_chosen: bool) -> Vec<Command> {
    let mut chosen = months;
    ui.add_enabled_ui(dates_chosen, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Current if last reported within").small());
            egui::ComboBox::from_id_salt("recency_months")
                .selected_text(horizon_label(months))
                .show_ui(ui, |ui| {
                    for (value, label) in HORIZONS {
                        ui.selectable_value(&mut chosen, value, label);
                    }
                })
                .response
                .on_hover_text(
                    "The recency horizon: a presence record observed before the dates shown counts as current when it was last reported within this many months before their end; older records are drawn as stale (dashed outline).",
                )
                .on_disabled_hover_text("Choose dates to apply a recency horizon: over all dates every record is current.");
        });
    });
    (chosen != months)
        .then_some(Command::Filter(FilterCommand::SetRecencyMonths(chosen)))
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_horizon_has_a_label_and_the_default_is_offered() {
        assert_eq!(horizon_label(12), "12 months");
        assert_eq!(horizon_label(0), "never (observed in the dates only)");
        assert_eq!(horizon_label(36), "36 months");
        assert!(
            HORIZONS
                .iter()
                .any(|(m, _)| *m == crate::scene::DEFAULT_RECENCY_MONTHS)
        );
    }
}
