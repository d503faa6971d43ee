//! Asks before quitting with slides that are saved nowhere: Save as…, Quit without saving or
//! Cancel. Shown when the deck could not be autosaved (a read-only or missing data folder).

use crate::command::{DeckCommand, ViewCommand};
use egui::{Context, Id, Modal, RichText};

use crate::command::Command;

/// Shows the question; returns the user's answer, if they gave one this frame.
pub fn quit_prompt(ctx: &Context, slides: usize, autosave_problem: Option<&str>) -> Vec<Command> {
    let mut answer = None;
    let modal = Modal::new(Id::unique("quit_prompt")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.label(RichText::new("Save your slides before quitting?").heading());
        ui.add_space(6.0);
        let plural = if slides == 1 { "" } else { "s" };
        ui.label(format!(
            "{slides} slide{plural} of this deck {} not saved anywhere, and would be lost.",
            if slides == 1 { "is" } else { "are" }
        ));
        if let Some(problem) = autosave_problem {
            ui.label(RichText::new(problem).weak());
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button("Save as…").clicked() {
                answer = Some(Command::Deck(DeckCommand::SaveDeckAs));
            }
            if ui.button("Quit without saving").clicked() {
                answer = Some(Command::View(ViewCommand::QuitWithoutSaving));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Command::View(ViewCommand::CancelQuit));
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(Command::View(ViewCommand::CancelQuit));
    }
    answer.into_iter().collect()
}
