//! The switch at the top of the right panel: Province, Group, Sources, Slides.

use crate::command::ViewCommand;
use egui::Ui;

use crate::command::Command;
use crate::state::{AppState, DetailTab};

/// Shows the tab switch.
pub fn detail_tabs_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        for (tab, text) in [
            (DetailTab::Province, "Province"),
            (DetailTab::Group, "Group"),
            (DetailTab::Sources, "Sources"),
            (DetailTab::Slides, "Slides"),
        ] {
            if ui.selectable_label(state.detail_tab == tab, text).clicked() {
                commands.push(Command::View(ViewCommand::ShowTab(tab)));
            }
        }
    });
    commands
}
