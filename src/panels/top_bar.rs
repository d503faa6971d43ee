//! The top bar: the app's name, the File menu (export, slides, decks), the View menu (names),
//! the context drawers, the data-problems badge, About, the last file operation's outcome, and
//! the theme switch.

use crate::command::{DataCommand, DeckCommand, ViewCommand};
use egui::{RichText, ThemePreference, Ui};

use crate::{
    command::Command,
    command::EventsCommand,
    data::Atlas,
    state::{AppState, ContextTab},
};

/// Shows the top bar.
///
/// It shows only the state below and the number of data problems, so it is drawn again from the
/// last frame while they stay the same (see [`super::retained::retained`]).
pub fn top_bar_ui(ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Vec<Command> {
    use std::mem::discriminant;
    let key = (
        state.context_tab.as_ref().map(discriminant),
        state.show_about,
        state.show_problems,
        discriminant(&state.theme),
        discriminant(&state.label_language),
        state.notice.as_ref().map(|n| (&n.text, n.is_error)),
        atlas.problems.len(),
    );
    super::retained::retained(ui, "top_bar", key, None, |ui| {
        top_bar_body(ui, atlas, state)
    })
}

fn top_bar_body(ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Resistance Atlas").strong().size(16.0));
        ui.separator();
        ui.menu_button("File", |ui| {
            let sections: [&[(&str, &str, Command)]; 4] = [
                &[
                    (
                        "Export map…",
                        "Ctrl+E",
                        Command::View(ViewCommand::ShowExport(true)),
                    ),
                    ("Add slide", "", Command::Deck(DeckCommand::AddSlide)),
                    ("Present", "F5", Command::View(ViewCommand::Present(true))),
                    ("Open deck…", "", Command::Deck(DeckCommand::OpenDeck(None))),
                    ("Save deck", "", Command::Deck(DeckCommand::SaveDeck(None))),
                    ("Save deck as…", "", Command::Deck(DeckCommand::SaveDeckAs)),
                ],
                &[
                    (
                        "Open data set…",
                        "",
                        Command::Data(DataCommand::OpenDataSet(None)),
                    ),
                    (
                        "Open boundaries…",
                        "",
                        Command::Data(DataCommand::OpenBoundaries(None)),
                    ),
                    (
                        "Import CSV…",
                        "",
                        Command::Data(DataCommand::ImportCsv(None)),
                    ),
                    (
                        "Open events…",
                        "",
                        Command::Events(EventsCommand::Open(None)),
                    ),
                    (
                        "Remove CSV imports",
                        "",
                        Command::Data(DataCommand::RemoveImports),
                    ),
                    (
                        "Use built-in data",
                        "",
                        Command::Data(DataCommand::UseBuiltInData),
                    ),
                ],
                &[("Reset layout", "", Command::View(ViewCommand::ResetLayout))],
                &[("Quit", "Ctrl+Q", Command::View(ViewCommand::Quit))],
            ];
            for (index, section) in sections.into_iter().enumerate() {
                if index > 0 {
                    ui.separator();
                }
                for (text, shortcut, item) in section {
                    if ui
                        .add(egui::Button::new(*text).shortcut_text(*shortcut))
                        .clicked()
                    {
                        commands.push(item.clone());
                        ui.close();
                    }
                }
            }
        });
        commands.extend(super::view_menu::view_menu_ui(ui, state));
        ui.separator();
        for tab in ContextTab::ALL {
            let open = state.context_tab == Some(tab);
            if ui.selectable_label(open, tab.label()).clicked() {
                commands.push(Command::View(ViewCommand::ShowContext(
                    (!open).then_some(tab),
                )));
            }
        }
        ui.separator();
        if ui.button("About").clicked() {
            commands.push(Command::View(ViewCommand::ShowAbout(!state.show_about)));
        }
        if !atlas.problems.is_empty() {
            let text = RichText::new(format!("Data problems ({})", atlas.problems.len()))
                .color(ui.visuals().warn_fg_color);
            if ui.button(text).clicked() {
                commands.push(Command::View(ViewCommand::ShowProblems(
                    !state.show_problems,
                )));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for (preference, text, hint) in [
                (ThemePreference::Dark, "Dark", "Dark theme"),
                (ThemePreference::Light, "Light", "Light theme"),
                (ThemePreference::System, "System", "Follow the system theme"),
            ] {
                if ui
                    .selectable_label(state.theme == preference, text)
                    .on_hover_text(hint)
                    .clicked()
                {
                    commands.push(Command::View(ViewCommand::SetTheme(preference)));
                }
            }
            if let Some(notice) = &state.notice {
                ui.separator();
                if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
                    commands.push(Command::View(ViewCommand::DismissNotice));
                }
                let colour = if notice.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().weak_text_color()
                };
                ui.add(egui::Label::new(RichText::new(&notice.text).color(colour)).truncate());
            }
        });
    });
    commands
}
