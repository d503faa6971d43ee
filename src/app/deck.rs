//! The deck: slides, deck files and exports.

use std::path::Path;

use egui::Context;

use super::{AtlasApp, pick_file};
use crate::{
    command::{Command, DeckCommand, ViewCommand},
    deck::{self, Deck, Slide},
    export::{MapExport, export_to_file},
    scene::view,
    state::{DetailTab, ExportRequest, Notice},
};

impl AtlasApp {
    /// Applies a command of this concern.
    pub(super) fn apply_deck(&mut self, ctx: &Context, command: DeckCommand) {
        match command {
            DeckCommand::AddSlide => {
                let slide = self.capture_slide();
                let at = self
                    .state
                    .current_slide
                    .map_or(self.deck.slides.len(), |i| {
                        (i + 1).min(self.deck.slides.len())
                    });
                self.deck.slides.insert(at, slide);
                self.state.current_slide = Some(at);
                self.state.detail_tab = DetailTab::Slides;
                self.deck_changed();
            }
            DeckCommand::GoToSlide(index) => self.go_to_slide(index),
            DeckCommand::NextSlide => {
                let next = self.state.current_slide.map_or(0, |i| i + 1);
                self.go_to_slide(next);
            }
            DeckCommand::PreviousSlide => {
                if let Some(previous) = self.state.current_slide.and_then(|i| i.checked_sub(1)) {
                    self.go_to_slide(previous);
                }
            }
            DeckCommand::MoveSlide { from, to } => {
                let count = self.deck.slides.len();
                if from < count && to < count && from != to {
                    let slide = self.deck.slides.remove(from);
                    self.deck.slides.insert(to, slide);
                    self.state.current_slide =
                        self.state.current_slide.map(|c| moved_index(c, from, to));
                    self.deck_changed();
                }
            }
            DeckCommand::RenameSlide(index, title) => {
                if let Some(slide) = self.deck.slides.get_mut(index) {
                    slide.title = title;
                    self.deck_changed();
                }
            }
            DeckCommand::SetSlideNotes(index, notes) => {
                if let Some(slide) = self.deck.slides.get_mut(index) {
                    slide.notes = notes;
                    self.deck_changed();
                }
            }
            DeckCommand::DeleteSlide(index) => {
                if index < self.deck.slides.len() {
                    self.deck.slides.remove(index);
                    let count = self.deck.slides.len();
                    self.state.current_slide = match self.state.current_slide {
                        _ if count == 0 => None,
                        Some(c) if c > index => Some(c - 1),
                        Some(c) => Some(c.min(count - 1)),
                        None => None,
                    };
                    self.deck_changed();
                }
            }
            DeckCommand::ExportView(request) => self.export_view(&request),
            DeckCommand::ExportDeck { folder, overwrite } => {
                self.start_deck_export(ctx, folder, overwrite);
            }
            DeckCommand::CancelDeckExport => self.cancel_deck_export(),
            DeckCommand::AddLeftBehind(path) => self.add_left_behind(&path),
            DeckCommand::DiscardLeftBehind(path) => self.discard_left_behind(&path),
            DeckCommand::KeepLeftBehind => self.left_behind.clear(),
            DeckCommand::NewDeck => {
                self.keep_previous_deck();
                self.deck = Deck::default();
                self.state.deck_path = None;
                self.state.current_slide = None;
                self.deck_changed();
            }
            DeckCommand::OpenDeck(path) => {
                if let Some(path) = path.or_else(|| pick_file("Resistance Atlas deck", &["json"])) {
                    self.open_deck(&path);
                }
            }
            DeckCommand::SaveDeck(path) => match path.or_else(|| self.state.deck_path.clone()) {
                Some(path) => self.save_deck(&path),
                None => self.apply(ctx, Command::Deck(DeckCommand::SaveDeckAs)),
            },
            DeckCommand::SaveDeckAs => {
                let chosen = rfd::FileDialog::new()
                    .add_filter("Resistance Atlas deck", &["json"])
                    .set_file_name("briefing.json")
                    .save_file();
                if let Some(path) = chosen {
                    self.save_deck(&path);
                }
            }
        }
    }

    /// The current view as a slide.
    pub(super) fn capture_slide(&self) -> Slide {
        let place = self
            .state
            .selected
            .map_or("Afghanistan", |p| self.atlas.province(p).name.as_str());
        let groups: Vec<&str> = self
            .state
            .filters
            .visible_groups
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        Slide {
            title: if groups.is_empty() {
                place.to_owned()
            } else {
                format!("{place}: {}", groups.join(", "))
            },
            notes: String::new(),
            view: self.state.view_target.unwrap_or(self.state.view),
            filters: self.state.filters.clone(),
            selected_province: self
                .state
                .selected
                .map(|p| self.atlas.province(p).code.clone()),
            selected_group: self
                .state
                .selected_group
                .map(|g| self.atlas.group(g).id.clone()),
            detail_tab: self.state.detail_tab,
            context_tab: self.state.context_tab,
            labels: self.state.label_language,
        }
    }

    /// Shows slide `index`: its view (animated), groups, dates, selection and panels.
    pub(super) fn go_to_slide(&mut self, index: usize) {
        let Some(slide) = self.deck.slides.get(index) else {
            return;
        };
        self.state.view_target = Some(view::contain(slide.view, self.geometry.bounds_in_map));
        self.state.filters = slide.filters.clone();
        self.state.filters.time.keep_within(self.latest_day);
        self.state.selected = slide
            .selected_province
            .as_deref()
            .and_then(|code| self.atlas.province_by_code(code));
        self.state.selected_group = slide
            .selected_group
            .as_deref()
            .and_then(|id| self.atlas.group_by_id(id));
        self.state.detail_tab = slide.detail_tab;
        self.state.context_tab = slide.context_tab;
        self.state.label_language = slide.labels;
        self.state.playing = false;
        self.state.current_slide = Some(index);
    }

    /// Autosaves the deck after a change, noting when it is saved nowhere.
    pub(super) fn deck_changed(&mut self) {
        self.unsaved_because = match &self.autosave {
            Ok(path) => match self.deck.save(path) {
                Ok(()) => None,
                Err(error) => {
                    let message = format!("Autosave failed: {error}");
                    self.state.notice = Some(Notice::failed(message.clone()));
                    Some(message)
                }
            },
            Err(reason) => Some(format!("Slides cannot be autosaved: {reason}.")),
        };
        self.share_unsaved_slides();
    }

    /// Slides that would be lost on quitting: changed since they were last saved anywhere.
    pub fn has_unsaved_slides(&self) -> bool {
        self.unsaved_because.is_some() && !self.deck.slides.is_empty()
    }

    /// Turns a request to close the window into "Save your slides before quitting?" while
    /// slides are saved nowhere, and closes once they are saved.
    pub(super) fn guard_quit(&mut self, ctx: &egui::Context) -> Option<Command> {
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        // After SIGTERM or SIGHUP the slides are in a recovery file already: no question.
        let asked_by_signal = super::signals::terminating();
        if close_requested && !self.quit_confirmed && !asked_by_signal && self.has_unsaved_slides()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.quit_prompt = true;
        }
        if !self.quit_prompt || asked_by_signal {
            return None;
        }
        if !self.has_unsaved_slides() {
            // Saved with Save as…: quit as asked.
            self.quit_prompt = false;
            return Some(Command::View(ViewCommand::Quit));
        }
        crate::panels::quit_prompt(ctx, self.deck.slides.len(), self.unsaved_because.as_deref())
            .pop()
    }

    /// Before a deck is replaced, keeps a copy of one with slides beside the autosave, so New or
    /// Open never loses work.
    pub(super) fn keep_previous_deck(&mut self) {
        let Ok(autosave) = &self.autosave else {
            return;
        };
        if self.deck.slides.is_empty() {
            return;
        }
        let folder = crate::files::folder_of(autosave);
        if let Err(error) = deck::back_up(&self.deck, &folder) {
            self.state.notice = Some(Notice::failed(format!(
                "Could not keep the previous deck: {error}"
            )));
        }
    }

    pub(super) fn open_deck(&mut self, path: &Path) {
        match Deck::load(path) {
            Ok(deck) => {
                self.keep_previous_deck();
                let count = deck.slides.len();
                self.deck = deck;
                self.state.deck_path = Some(path.to_path_buf());
                self.state.current_slide = None;
                self.state.detail_tab = DetailTab::Slides;
                self.state.notice = Some(Notice::done(format!(
                    "Opened {} ({count} slide{})",
                    path.display(),
                    if count == 1 { "" } else { "s" }
                )));
                self.deck_changed();
                // Its slides are in the file just opened, even where the autosave failed.
                self.unsaved_because = None;
                self.share_unsaved_slides();
            }
            Err(error) => {
                self.state.notice = Some(Notice::failed(format!("Deck not opened: {error}")));
            }
        }
    }

    pub(super) fn save_deck(&mut self, path: &Path) {
        self.state.notice = Some(match self.deck.save(path) {
            Ok(()) => {
                self.state.deck_path = Some(path.to_path_buf());
                self.unsaved_because = None;
                self.share_unsaved_slides();
                Notice::done(format!("Saved the deck to {}", path.display()))
            }
            Err(error) => Notice::failed(format!("Deck not saved: {error}")),
        });
    }

    /// Exports the current view as the user asked.
    pub(super) fn export_view(&mut self, request: &ExportRequest) {
        let export = MapExport {
            atlas: &self.atlas,
            geometry: &self.geometry,
            filters: &self.state.filters,
            view: self.state.view_target.unwrap_or(self.state.view),
            title: request.title.clone(),
            subtitle: request.subtitle.clone(),
            selected: self.state.selected,
            events: self.events.loaded.as_ref(),
            labels: self.state.label_language,
        };
        self.state.notice = Some(
            match export_to_file(
                &export,
                request.size,
                &request.path,
                // Never over an event file shown.
                &crate::files::WriteTarget::new(request.overwrite)
                    .protecting(self.state.event_files.iter().cloned()),
            ) {
                Ok(()) => Notice::done(format!(
                    "Exported {} ({}×{})",
                    request.path.display(),
                    request.size.width,
                    request.size.height
                )),
                Err(error) => Notice::failed(format!("Not exported: {error}")),
            },
        );
    }
}

/// Where the slide at `index` ends up when the slide at `from` moves to `to`.
pub(super) fn moved_index(index: usize, from: usize, to: usize) -> usize {
    if index == from {
        to
    } else if from < index && index <= to {
        index - 1
    } else if to <= index && index < from {
        index + 1
    } else {
        index
    }
}
