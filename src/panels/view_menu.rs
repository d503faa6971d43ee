//! The View menu: which language the map writes the province names in (English, Dari, Pashto,
//! or English with Dari below). The setting also applies in presentation mode and to exports,
//! and is saved with each slide.

use egui::Ui;

use crate::{
    command::{Command, ViewCommand},
    scene::LabelLanguage,
    state::AppState,
};

/// The View menu button and its items.
pub fn view_menu_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.menu_button("View", |ui| {
        ui.label("Province names");
        for language in LabelLanguage::ALL {
            let label = match language {
                LabelLanguage::Pashto => format!("{} — Dari where none", language.menu_label()),
                _ => language.menu_label().to_owned(),
            };
            if ui.radio(state.label_language == language, label).clicked() {
                commands.push(Command::View(ViewCommand::SetLabelLanguage(language)));
                ui.close();
            }
        }
    });
    commands
}
