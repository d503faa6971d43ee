//! The deck export the window runs: started from the Slides tab, run on its own thread
//! ([`DeckExportJob`]) while the window stays live, its progress shown with a Cancel button, its
//! outcome said in the status line. Closing the window stops it and removes its staging folder.

use std::{path::PathBuf, sync::mpsc, time::Duration};

use egui::Context;

use super::AtlasApp;
use crate::{
    export::{
        ExportError,
        deck_job::{DeckExportInput, DeckExportJob, DeckExportOutcome, StepGate, step_gate},
    },
    state::Notice,
};

/// The export under way, if any, and the gate the next one is held by (tests).
#[derive(Debug, Default)]
pub(super) struct DeckExportSlot {
    job: Option<DeckExportJob>,
    gate: Option<StepGate>,
}

impl AtlasApp {
    /// Starts exporting the deck into `folder` on a thread of its own.
    pub(super) fn start_deck_export(&mut self, ctx: &Context, folder: PathBuf, overwrite: bool) {
        if self.deck_export.job.is_some() {
            self.state.notice = Some(Notice::failed(
                "A deck export is under way: wait for it, or cancel it, before starting another",
            ));
            return;
        }
        if self.deck.slides.is_empty() {
            self.state.notice = Some(Notice::failed("Deck not exported: it has no slides"));
            return;
        }
        let input = DeckExportInput {
            atlas: self.atlas.clone(),
            geometry: self.geometry.clone(),
            deck: self.deck.clone(),
            events: self.events.loaded.clone(),
            folder,
            overwrite,
        };
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        match DeckExportJob::start(input, self.deck_export.gate.take(), wake) {
            Ok(job) => self.deck_export.job = Some(job),
            Err(error) => {
                self.state.notice = Some(Notice::failed(format!("Deck not exported: {error}")));
            }
        }
        self.slides_panel.exporting = self.deck_export.job.is_some();
    }

    /// Asks the export under way to stop; it says so when it has.
    pub(super) fn cancel_deck_export(&mut self) {
        if let Some(job) = &self.deck_export.job {
            job.cancel();
        }
    }

    /// Takes the export's news (called every frame); says how it ended once it has.
    pub(super) fn poll_deck_export(&mut self) {
        let outcome = self.deck_export.job.as_mut().and_then(DeckExportJob::poll);
        if let Some(outcome) = outcome {
            self.finish_deck_export(outcome);
        }
    }

    fn finish_deck_export(&mut self, outcome: DeckExportOutcome) {
        let Some(job) = self.deck_export.job.take() else {
            return;
        };
        let folder = job.folder().display().to_string();
        self.state.notice = Some(match outcome {
            Ok(paths) => {
                let slides = paths.len().saturating_sub(2);
                Notice::done(format!(
                    "Exported {slides} slide{} as PNG, PDF and PowerPoint to {folder}",
                    if slides == 1 { "" } else { "s" },
                ))
            }
            Err(ExportError::Interrupted) => Notice::done(format!(
                "Deck export cancelled; nothing was written to {folder}"
            )),
            Err(error) => Notice::failed(format!("Deck not exported: {error}")),
        });
        self.slides_panel.exporting = false;
    }

    /// The deck export under way, if any.
    pub fn deck_export(&self) -> Option<&DeckExportJob> {
        self.deck_export.job.as_ref()
    }

    /// Stops the deck export under way, if any, and waits until its staging folder is removed
    /// (the window is closing).
    pub(super) fn stop_deck_export(&mut self) {
        // Dropping the job cancels it and waits for its thread.
        self.deck_export.job = None;
    }

    /// For tests: the next deck export waits before each of its steps until a `()` is sent on
    /// the channel returned (or the sender is dropped), so a test can look at it slide by slide
    /// on any machine. Cancel and closing the window still stop it.
    pub fn hold_deck_export_steps(&mut self) -> mpsc::Sender<()> {
        let (key, gate) = step_gate();
        self.deck_export.gate = Some(gate);
        key
    }

    /// For tests: waits up to `bound` for news of the deck export under way and takes it, as a
    /// frame would; returns whether the export has ended (or none runs).
    pub fn wait_for_deck_export_news(&mut self, bound: Duration) -> bool {
        let Some(job) = self.deck_export.job.as_mut() else {
            return true;
        };
        match job.wait_for_news(bound) {
            Some(outcome) => {
                self.finish_deck_export(outcome);
                true
            }
            None => false,
        }
    }
}
