//! The deck export's progress, in a small window at the top of the screen while the export
//! runs on its own thread: which slide ("Slide 12 of 40") or file is being made, a progress
//! bar, and Cancel (nothing of the export is then written).

use egui::{Align2, Context, ProgressBar, RichText, Window, vec2};

use crate::{
    command::{Command, DeckCommand},
    export::{
        deck_export::{DECK_PDF_NAME, DECK_PPTX_NAME, DeckProgress},
        deck_job::DeckExportJob,
    },
};

/// The title of the progress window.
pub const DECK_EXPORT_HEADING: &str = "Exporting the deck";

/// What the export is doing, as the window says it.
pub fn step_text(step: Option<DeckProgress>) -> String {
    match step {
        None => "Starting…".to_owned(),
        Some(DeckProgress::Slide { number, of }) => format!("Slide {number} of {of}"),
        Some(DeckProgress::Pdf) => format!("Writing {DECK_PDF_NAME}"),
        Some(DeckProgress::Pptx) => format!("Writing {DECK_PPTX_NAME}"),
    }
}

/// Shows the progress of `job`, if an export runs.
pub fn deck_export_window(ctx: &Context, job: Option<&DeckExportJob>) -> Vec<Command> {
    let Some(job) = job else {
        return Vec::new();
    };
    let mut commands = Vec::new();
    Window::new(DECK_EXPORT_HEADING)
        .anchor(Align2::CENTER_TOP, vec2(0.0, 60.0))
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
        .show(ctx, |ui| {
            ui.set_width(360.0);
            ui.label(RichText::new(DECK_EXPORT_HEADING).strong());
            ui.label(step_text(job.step()));
            ui.add(
                ProgressBar::new(job.fraction())
                    .show_percentage()
                    .desired_width(340.0),
            );
            ui.add(
                egui::Label::new(RichText::new(format!("Into {}", job.folder().display())).small())
                    .truncate(),
            );
            if job.is_cancelling() {
                ui.add_enabled(false, egui::Button::new("Cancelling…"));
            } else if ui
                .button("Cancel")
                .on_hover_text("Stop the export; nothing of it is written")
                .clicked()
            {
                commands.push(Command::Deck(DeckCommand::CancelDeckExport));
            }
        });
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_read_as_a_person_says_them() {
        assert_eq!(
            step_text(Some(DeckProgress::Slide { number: 12, of: 40 })),
            "Slide 12 of 40"
        );
        assert_eq!(step_text(Some(DeckProgress::Pdf)), "Writing deck.pdf");
        assert_eq!(step_text(None), "Starting…");
    }
}
