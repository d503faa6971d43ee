//! The "Data problems" window: everything wrong with the loaded files, each with its place in the
//! file, so the user can fix it. The app keeps running with what was valid.

use egui::{Context, RichText, ScrollArea, Window};

use crate::{data::Atlas, state::Command};

/// Shows the problems window when `open`; returns a command when the user closes it.
pub fn problems_window(ctx: &Context, atlas: &Atlas, open: bool) -> Option<Command> {
    let mut still_open = open;
    Window::new("Data problems")
        .open(&mut still_open)
        .default_width(560.0)
        .show(ctx, |ui| {
            if atlas.problems.is_empty() {
                ui.label("No problems: every record loaded.");
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
    (!still_open && open).then_some(Command::ShowProblems(false))
}
