//! The left panel: every province, filtered by a search box that understands any common
//! spelling (through the gazetteer). Enter selects the best match.

use egui::{Key, RichText, ScrollArea, TextEdit, Ui};

use crate::{
    data::{Atlas, LookupError},
    state::{AppState, Command},
};

/// The list's own state: what is typed in its search box.
#[derive(Clone, Debug, Default)]
pub struct ProvinceList {
    /// The search text.
    pub query: String,
}

impl ProvinceList {
    /// Shows the search box and the matching provinces.
    pub fn ui(&mut self, ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Option<Command> {
        let mut command = None;
        ui.add_space(6.0);
        let label = ui.label(RichText::new("Provinces").heading());
        let search = ui.add(
            TextEdit::singleline(&mut self.query)
                .hint_text("Search any spelling…")
                .desired_width(f32::INFINITY),
        );
        let search = search.labelled_by(label.id);
        let matches = atlas.gazetteer.search(&self.query);

        if search.lost_focus()
            && ui.input(|i| i.key_pressed(Key::Enter))
            && let Some(first) = matches.first()
        {
            command = Some(Command::SelectAndFocus(*first));
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
                Err(LookupError::Unknown { suggestions, .. }) if matches.is_empty() => {
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

        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for province in matches {
                    let selected = state.selected == Some(province);
                    let response = ui.selectable_label(selected, &atlas.province(province).name);
                    if selected && command.is_some() {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        command = Some(Command::SelectAndFocus(province));
                    }
                }
            });
        command
    }
}
