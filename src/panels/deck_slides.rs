//! The Slides tab: the deck being built. Add a slide (the current view), click one to show it,
//! drag the handle (or use ↑ ↓) to reorder, rename it and write its presenter notes, delete it;
//! new, open and save deck files; export the deck as PNGs, a PDF and PowerPoint; present (F5).

use crate::command::{DeckCommand, ViewCommand};
use egui::{RichText, Stroke, TextEdit, Ui};

use crate::{command::Command, deck::Deck, state::AppState};

/// What the Slides tab keeps between frames.
#[derive(Debug)]
pub struct SlidesPanel {
    /// The folder the deck is exported to.
    export_folder: String,
    /// Files of the deck export exist and the user has been asked whether to replace them.
    confirming_replace: bool,
    /// Set when another window has the data folder's deck and this one autosaves to its own
    /// copy: what the user is told, naming the copy.
    pub own_copy: Option<String>,
    /// Set while a deck export runs (its progress and Cancel are in their own window).
    pub exporting: bool,
}

impl Default for SlidesPanel {
    fn default() -> Self {
        let folder = std::env::var_os("HOME")
            .map(|home| std::path::Path::new(&home).join("Resistance Atlas deck"))
            .unwrap_or_else(|| "Resistance Atlas deck".into());
        Self {
            export_folder: folder.display().to_string(),
            confirming_replace: false,
            own_copy: None,
            exporting: false,
        }
    }
}

impl SlidesPanel {
    /// Shows the tab.
    /// `autosaved`: whether the deck is autosaved to the app's data folder.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        deck: &Deck,
        state: &AppState,
        autosaved: bool,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            if ui
                .button("Add slide")
                .on_hover_text("Capture the current view: extent, groups, dates, selection, panels")
                .clicked()
            {
                commands.push(Command::Deck(DeckCommand::AddSlide));
            }
            let present =
                ui.add_enabled(!deck.slides.is_empty(), egui::Button::new("Present (F5)"));
            if present.clicked() {
                commands.push(Command::View(ViewCommand::Present(true)));
            }
            if ui
                .button("Notes")
                .on_hover_text("Presenter notes, in their own window")
                .clicked()
            {
                commands.push(Command::View(ViewCommand::ShowNotes(!state.show_notes)));
            }
        });
        ui.horizontal(|ui| {
            if ui.small_button("New").clicked() {
                commands.push(Command::Deck(DeckCommand::NewDeck));
            }
            if ui.small_button("Open…").clicked() {
                commands.push(Command::Deck(DeckCommand::OpenDeck(None)));
            }
            if ui.small_button("Save").clicked() {
                commands.push(Command::Deck(DeckCommand::SaveDeck(None)));
            }
            if ui.small_button("Save as…").clicked() {
                commands.push(Command::Deck(DeckCommand::SaveDeckAs));
            }
        });
        if let Some(own_copy) = &self.own_copy {
            ui.label(
                RichText::new(own_copy)
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
        if let Some(path) = &state.deck_path {
            ui.small(format!("File: {}", path.display()));
        } else if autosaved {
            if self.own_copy.is_none() {
                ui.small("Not saved to a file yet (kept in the app's data folder).");
            }
        } else {
            ui.label(
                RichText::new(
                    "Saved nowhere: the data folder cannot be used. Save as… to keep these slides.",
                )
                .small()
                .color(ui.visuals().error_fg_color),
            );
        }
        ui.separator();

        if deck.slides.is_empty() {
            ui.label(
                "No slides yet. Set up the map — groups, dates, a province — and press Add slide.",
            );
            return commands;
        }
        for (index, slide) in deck.slides.iter().enumerate() {
            commands.extend(slide_row(ui, index, &slide.title, deck.slides.len(), state));
        }

        if let Some(current) = state.current_slide.filter(|i| *i < deck.slides.len()) {
            let slide = &deck.slides[current];
            ui.separator();
            ui.label(RichText::new(format!("Slide {}", current + 1)).strong());
            let mut title = slide.title.clone();
            let label = ui.label("Title");
            if ui
                .add(
                    TextEdit::singleline(&mut title)
                        .char_limit(crate::deck::MAX_TITLE_CHARS)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
                .changed()
            {
                commands.push(Command::Deck(DeckCommand::RenameSlide(current, title)));
            }
            let label = ui.label("Presenter notes");
            let mut notes = slide.notes.clone();
            if ui
                .add(
                    TextEdit::multiline(&mut notes)
                        .char_limit(crate::deck::MAX_NOTES_CHARS)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY)
                        .hint_text("Only you see these, in the notes window"),
                )
                .labelled_by(label.id)
                .changed()
            {
                commands.push(Command::Deck(DeckCommand::SetSlideNotes(current, notes)));
            }
        }

        ui.separator();
        ui.label(RichText::new("Export the deck").strong());
        ui.horizontal(|ui| {
            let label = ui.label("Folder");
            ui.add(TextEdit::singleline(&mut self.export_folder).desired_width(180.0))
                .labelled_by(label.id);
            if ui.small_button("Choose…").clicked()
                && let Some(folder) = rfd::FileDialog::new().pick_folder()
            {
                self.export_folder = folder.display().to_string();
            }
        });
        let folder = std::path::PathBuf::from(self.export_folder.trim());
        if self.confirming_replace {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} already holds files of this deck. Replace them?",
                    folder.display()
                ),
            );
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    commands.push(Command::Deck(DeckCommand::ExportDeck {
                        folder: folder.clone(),
                        overwrite: true,
                    }));
                    self.confirming_replace = false;
                }
                if ui.button("Keep them").clicked() {
                    self.confirming_replace = false;
                }
            });
        } else if self.exporting {
            ui.add_enabled(false, egui::Button::new("Exporting the deck…"));
        } else if ui
            .button("Export PNGs, PDF and PowerPoint")
            .on_hover_text(
                "One 1920×1080 PNG per slide, one PDF with a page per slide, and deck.pptx \
                 (titles as text, notes as speaker notes)",
            )
            .clicked()
        {
            let targets = crate::export::deck_export::deck_file_names(deck);
            if targets.iter().any(|name| folder.join(name).exists()) {
                self.confirming_replace = true;
            } else {
                commands.push(Command::Deck(DeckCommand::ExportDeck {
                    folder,
                    overwrite: false,
                }));
            }
        }
        commands
    }
}

/// One slide in the list: drag handle, number, title (click to show), ↑ ↓ and delete.
fn slide_row(
    ui: &mut Ui,
    index: usize,
    title: &str,
    count: usize,
    state: &AppState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let row = ui.horizontal(|ui| {
        ui.dnd_drag_source(ui.scope_id().with(("slide", index)), index, |ui| {
            ui.label("≡").on_hover_text("Drag to reorder");
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("✕")
                .on_hover_text("Delete this slide")
                .clicked()
            {
                commands.push(Command::Deck(DeckCommand::DeleteSlide(index)));
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("↓").small())
                .clicked()
            {
                commands.push(Command::Deck(DeckCommand::MoveSlide {
                    from: index,
                    to: index + 1,
                }));
            }
            if ui
                .add_enabled(index > 0, egui::Button::new("↑").small())
                .clicked()
            {
                commands.push(Command::Deck(DeckCommand::MoveSlide {
                    from: index,
                    to: index - 1,
                }));
            }
            // The buttons first, so a long title is cut to the room left and never pushes them
            // out of reach.
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                let current = state.current_slide == Some(index);
                let text = if title.is_empty() {
                    "(untitled)"
                } else {
                    title
                };
                if ui
                    .selectable_label(current, format!("{}. {text}", index + 1))
                    .on_hover_text("Show this slide")
                    .clicked()
                {
                    commands.push(Command::Deck(DeckCommand::GoToSlide(index)));
                }
            });
        });
    });
    let response = row.response;
    if let Some(from) = response.dnd_hover_payload::<usize>()
        && *from != index
    {
        let y = if *from < index {
            response.rect.bottom()
        } else {
            response.rect.top()
        };
        ui.painter().hline(
            response.rect.x_range(),
            y,
            Stroke::new(2.0, ui.visuals().selection.bg_fill),
        );
    }
    if let Some(from) = response.dnd_release_payload::<usize>()
        && *from != index
    {
        commands.push(Command::Deck(DeckCommand::MoveSlide {
            from: *from,
            to: index,
        }));
    }
    commands
}
