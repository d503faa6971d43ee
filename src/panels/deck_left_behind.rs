//! The notice of slides an earlier session left behind: each file named, with how many slides
//! it holds and where it is, and what can be done — add its slides to the deck, or discard it;
//! or decide later (the files stay, and are named again at the next start).

use egui::{Align2, Context, RichText, Window, vec2};

use crate::{
    command::{Command, DeckCommand},
    deck_recovery::LeftBehind,
};

/// The notice's title.
pub const LEFT_BEHIND_HEADING: &str = "Slides left from an earlier session";

/// Shows the files of `left_behind`, if any.
pub fn left_behind_window(ctx: &Context, left_behind: &[LeftBehind]) -> Vec<Command> {
    if left_behind.is_empty() {
        return Vec::new();
    }
    let mut commands = Vec::new();
    Window::new(LEFT_BEHIND_HEADING)
        .anchor(Align2::CENTER_TOP, vec2(0.0, 60.0))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(
                "These files hold slides that were not in the deck when a window closed: \
                 a second window's own copy, or slides saved when the app was stopped.",
            );
            ui.separator();
            for file in left_behind {
                commands.extend(file_row(ui, file));
                ui.separator();
            }
            if ui
                .button("Decide later")
                .on_hover_text("Keep the files as they are; they are shown again next start")
                .clicked()
            {
                commands.push(Command::Deck(DeckCommand::KeepLeftBehind));
            }
        });
    commands
}

/// One file: its name and slides, where it is, and Add / Discard.
fn file_row(ui: &mut egui::Ui, file: &LeftBehind) -> Vec<Command> {
    let mut commands = Vec::new();
    let what = match &file.slides {
        Ok(1) => "1 slide".to_owned(),
        Ok(n) => format!("{n} slides"),
        Err(_) => "cannot be read".to_owned(),
    };
    ui.label(RichText::new(format!("{} — {what}", file.name())).strong());
    let folder = file
        .path
        .parent()
        .map_or_else(String::new, crate::files::shown_path);
    ui.add(egui::Label::new(RichText::new(format!("in {folder}")).small()).truncate());
    if let Err(why) = &file.slides {
        ui.add(
            egui::Label::new(
                RichText::new(crate::files::shown(why))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .truncate(),
        );
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                file.slides.is_ok(),
                egui::Button::new("Add its slides to the deck"),
            )
            .on_hover_text("Append its slides to the deck, then remove the file")
            .clicked()
        {
            commands.push(Command::Deck(DeckCommand::AddLeftBehind(file.path.clone())));
        }
        if ui
            .button("Discard")
            .on_hover_text("Remove the file and its slides")
            .clicked()
        {
            commands.push(Command::Deck(DeckCommand::DiscardLeftBehind(
                file.path.clone(),
            )));
        }
    });
    commands
}
