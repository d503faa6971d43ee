//! The left panel: every province, filtered by a search box that understands any common
//! spelling (through the gazetteer). Enter selects the best match.

use crate::command::ViewCommand;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, ScrollArea, TextEdit, Ui};

use super::{lazy::lazy_block, retained::retained};

use crate::{
    command::Command,
    data::{Atlas, GroupIdx, LookupError, normalize},
    state::AppState,
};

/// Ctrl+F (⌘F on a Mac) focuses the search box, as in every app people know; so does `/`.
pub const SEARCH_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

/// The list's own state: what is typed in its search box.
#[derive(Clone, Debug, Default)]
pub struct ProvinceList {
    /// The search text.
    pub query: String,
}

impl ProvinceList {
    /// Shows the search box and the matching provinces.
    pub fn ui(&mut self, ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.add_space(6.0);
        let label = ui.label(RichText::new("Provinces").heading());
        let search = ui.add(
            TextEdit::singleline(&mut self.query)
                .hint_text("Search any spelling…")
                .desired_width(f32::INFINITY),
        );
        let search = search.labelled_by(label.id);
        let typing = ui.ctx().text_edit_focused();
        let focus_asked = ui.input_mut(|i| {
            i.consume_shortcut(&SEARCH_SHORTCUT)
                || (!typing && i.consume_key(Modifiers::NONE, Key::Slash))
        });
        if focus_asked {
            search.request_focus();
        }
        let matches = atlas.gazetteer.search(&self.query);
        let groups = matching_groups(atlas, &self.query);

        if search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            if let Some(first) = matches.first() {
                commands.push(Command::View(ViewCommand::SelectAndFocus(*first)));
            } else if let Some(group) = groups.first() {
                commands.push(Command::View(ViewCommand::OpenGroup(*group)));
            }
        }

        if !self.query.trim().is_empty() {
            match atlas.gazetteer.resolve(&self.query) {
                Ok(province) if atlas.province(province).name != self.query.trim() => {
                    ui.label(
                        RichText::new(format!(
                            "“{}” is {}",
                            self.query.trim(),
                            atlas.province(province).name
                        ))
                        .small()
                        .weak(),
                    );
                }
                Err(LookupError::Unknown { suggestions, .. })
                    if matches.is_empty() && groups.is_empty() =>
                {
                    let hint = if suggestions.is_empty() {
                        "No province matches.".to_owned()
                    } else {
                        format!("No match. Did you mean {}?", suggestions.join(", "))
                    };
                    ui.label(RichText::new(hint).small().weak());
                }
                _ => {}
            }
        }
        ui.add_space(4.0);

        for group in groups {
            let entry = atlas.group(group);
            if ui
                .selectable_label(
                    state.selected_group == Some(group),
                    format!("{} — {}", entry.short_name(), entry.name),
                )
                .on_hover_text("Open the group's profile")
                .clicked()
            {
                commands.push(Command::View(ViewCommand::OpenGroup(group)));
            }
        }

        // The rows show only the matches' names and which is selected: drawn again from the
        // last frame while those stay the same (see [`retained`]).
        let asked = !commands.is_empty();
        let names: Vec<&str> = matches
            .iter()
            .map(|&p| atlas.province(p).name.as_str())
            .collect();
        let key = (&matches, names, state.selected, asked);
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                commands.extend(retained(ui, "province_rows", key, None, |ui| {
                    let mut commands = Vec::new();
                    for &province in &matches {
                        let selected = state.selected == Some(province);
                        // Rows out of view are only counted (the selected one is new, so laid
                        // out).
                        lazy_block(ui, ("province_row", province, selected), |ui| {
                            let response =
                                ui.selectable_label(selected, &atlas.province(province).name);
                            if selected && asked {
                                response.scroll_to_me(None);
                            }
                            if response.clicked() {
                                commands.push(Command::View(ViewCommand::SelectAndFocus(province)));
                            }
                        });
                    }
                    commands
                }));
            });
        commands
    }
}

/// Groups whose name, abbreviation or other names contain `query` (normalised); none for an
/// empty query.
pub fn matching_groups(atlas: &Atlas, query: &str) -> Vec<GroupIdx> {
    let key = normalize(query);
    if key.is_empty() {
        return Vec::new();
    }
    atlas
        .group_indices()
        .filter(|g| {
            let group = atlas.group(*g);
            std::iter::once(&group.name)
                .chain(&group.abbreviations)
                .chain(&group.other_names)
                .chain(std::iter::once(&group.id))
                .any(|name| normalize(name).contains(&key))
        })
        .collect()
}
