//! The "Data problems" window: everything wrong with the loaded files, each with its place in the
//! file, so the user can fix it. The app keeps running with what was valid.

use crate::command::ViewCommand;
use egui::{Context, RichText, ScrollArea, Window};

use crate::{
    command::Command,
    data::{Atlas, Problem},
};

/// Shows the problems window when `open`: first the files that could not be used at all
/// (`rejected`; the atlas shown is then the last good one), then the problems of the records
/// loaded. Returns a command when the user closes it.
pub fn problems_window(
    ctx: &Context,
    atlas: &Atlas,
    rejected: &[Problem],
    open: bool,
) -> Vec<Command> {
    let mut still_open = open;
    Window::new("Data problems")
        .open(&mut still_open)
        .default_width(560.0)
        .show(ctx, |ui| {
            if !rejected.is_empty() {
                ui.label(
                    RichText::new("Not loaded; the atlas still shows the data loaded before:")
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
                for problem in rejected {
                    ui.label(RichText::new(problem.to_string()).monospace().small());
                }
                ui.label("Fix the file and save it: it is watched and loads again by itself.");
                ui.separator();
            }
            if atlas.problems.is_empty() {
                // Said only when nothing was refused: a refused file is a problem.
                if rejected.is_empty() {
                    ui.label("No problems: every record loaded.");
                }
                return;
            }
            ui.label(format!(
                "{} problem(s). Everything else loaded; records with problems were skipped or repaired as said.",
                atlas.problems.len()
            ));
            if ui.button("Copy all").clicked() {
                let text: Vec<String> = atlas.problems.iter().map(ToString::to_string).collect();
                ui.ctx().copy_text(text.join("\n"));
            }
            ui.separator();
            ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for problem in &atlas.problems {
                    ui.label(RichText::new(problem.to_string()).monospace().small());
                }
            });
        });
    (!still_open && open)
        .then_some(Command::View(ViewCommand::ShowProblems(false)))
        .into_iter()
        .collect()
}
