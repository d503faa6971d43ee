//! The export window (File ▸ Export…, Ctrl+E): title, subtitle, size and file for an export of
//! the current view. The format follows the file name (.png, .svg or .pdf; the Format buttons set
//! it). An existing file is
//! replaced only after the user confirms. Opening it puts the keyboard focus in its Title; Tab
//! walks its fields only (the app behind waits, as behind any dialog), and Enter in a field
//! exports.

use crate::command::{DeckCommand, ViewCommand};
use std::path::PathBuf;

use egui::{Context, Key, RichText, TextEdit, Window};

use crate::{
    command::Command,
    export::{ExportFormat, PageSize, describe_filters},
    state::{AppState, ExportRequest},
};

/// The sizes offered, with their names.
const SIZES: [(PageSize, &str); 3] = [
    (PageSize::HD, "1920 × 1080 (slides, screens)"),
    (PageSize::UHD, "3840 × 2160 (4K)"),
    (
        PageSize::A4_LANDSCAPE_300DPI,
        "A4 landscape, 300 dpi (print)",
    ),
];

/// The formats offered, with their names and file extensions.
const FORMATS: [(ExportFormat, &str, &str); 3] = [
    (ExportFormat::Png, "PNG", "png"),
    (ExportFormat::Svg, "SVG", "svg"),
    (ExportFormat::Pdf, "PDF", "pdf"),
];

/// What the export window keeps between frames.
#[derive(Debug)]
pub struct ExportDialog {
    title: String,
    subtitle: String,
    size: PageSize,
    path: String,
    /// The file exists and the user has been asked whether to replace it.
    confirming_replace: bool,
    /// Whether the window was open in the last frame (when it opens, its Title takes the focus).
    open_before: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        let folder = std::env::var_os("HOME").map_or_else(PathBuf::new, PathBuf::from);
        Self {
            title: "Armed resistance to the Taliban".to_owned(),
            subtitle: String::new(),
            size: PageSize::HD,
            path: folder.join("resistance-atlas.png").display().to_string(),
            confirming_replace: false,
            open_before: false,
        }
    }
}

impl ExportDialog {
    /// Shows the window when `state.show_export`.
    pub fn show(&mut self, ctx: &Context, state: &AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        if !state.show_export {
            self.confirming_replace = false;
            self.open_before = false;
            return commands;
        }
        let opening = !std::mem::replace(&mut self.open_before, true);
        // Enter in a text field (which gives up the focus on Enter) exports.
        let mut entered = false;
        let enter = ctx.input(|i| i.key_pressed(Key::Enter));
        // The subtitle unless the user writes one: what the current view shows.
        let default_subtitle = describe_filters(&state.filters);
        let default_subtitle = default_subtitle.as_str();
        let mut open = true;
        let window = Window::new("Export map")
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("export_fields").num_columns(2).spacing([10.0, 8.0]).show(ui, |ui| {
                    let label = ui.label("Title");
                    let title = ui
                        .add(TextEdit::singleline(&mut self.title)
                            .char_limit(crate::deck::MAX_TITLE_CHARS).desired_width(340.0))
                        .labelled_by(label.id);
                    if opening {
                        title.request_focus();
                    }
                    entered |= title.lost_focus() && enter;
                    ui.end_row();
                    let label = ui.label("Subtitle");
                    let subtitle = ui
                        .add(
                            TextEdit::singleline(&mut self.subtitle)
                                .char_limit(crate::deck::MAX_TITLE_CHARS)
                                .hint_text(default_subtitle)
                                .desired_width(340.0),
                        )
                        .labelled_by(label.id);
                    entered |= subtitle.lost_focus() && enter;
                    ui.end_row();
                    ui.label("Size");
                    ui.vertical(|ui| {
                        for (size, name) in SIZES {
                            ui.radio_value(&mut self.size, size, name);
                        }
                    });
                    ui.end_row();
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        let current = ExportFormat::for_path(&PathBuf::from(self.path.trim())).ok();
                        for (format, name, extension) in FORMATS {
                            if ui.radio(current == Some(format), name).clicked() {
                                self.path = PathBuf::from(self.path.trim())
                                    .with_extension(extension)
                                    .display()
                                    .to_string();
                                self.confirming_replace = false;
                            }
                        }
                    });
                    ui.end_row();
                    let label = ui.label("File");
                    ui.horizontal(|ui| {
                        let file = ui
                            .add(TextEdit::singleline(&mut self.path).desired_width(260.0))
                            .labelled_by(label.id);
                        if file.changed() {
                            self.confirming_replace = false;
                        }
                        entered |= file.lost_focus() && enter;
                        if ui.button("Choose…").clicked() {
                            self.choose_file();
                        }
                    });
                    ui.end_row();
                });
                ui.small("PNG, SVG (layers for Illustrator or Inkscape) or PDF (vector, text searchable), from the file name. The map is the current view, in print colours, with legend, scale bar, north arrow and credits.");
                ui.separator();
                let path = PathBuf::from(self.path.trim());
                let format = ExportFormat::for_path(&path);
                if let Err(error) = &format {
                    ui.colored_label(ui.visuals().warn_fg_color, error.to_string());
                }
                let request = |overwrite| {
                    Command::Deck(DeckCommand::ExportView(ExportRequest {
                        path: path.clone(),
                        size: self.size,
                        title: self.title.clone(),
                        subtitle: if self.subtitle.trim().is_empty() {
                            default_subtitle.to_owned()
                        } else {
                            self.subtitle.clone()
                        },
                        overwrite,
                    }))
                };
                if self.confirming_replace {
                    ui.label(
                        RichText::new(format!("{} already exists. Replace it?", path.display()))
                            .color(ui.visuals().warn_fg_color),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            commands.push(request(true));
                            self.confirming_replace = false;
                        }
                        if ui.button("Keep it").clicked() {
                            self.confirming_replace = false;
                        }
                    });
                } else if ui.add_enabled(format.is_ok(), egui::Button::new("Export")).clicked()
                    || (entered && format.is_ok())
                {
                    if path.exists() {
                        self.confirming_replace = true;
                    } else {
                        commands.push(request(false));
                    }
                }
                if let Some(notice) = &state.notice {
                    let colour = if notice.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(colour, &notice.text);
                }
            });
        // Like any dialog, it keeps the keyboard focus (Tab) to itself while open.
        if let Some(window) = window {
            ctx.memory_mut(|m| m.set_modal_layer(window.response.layer_id));
        }
        if !open {
            commands.push(Command::View(ViewCommand::ShowExport(false)));
        }
        commands
    }

    /// Asks for the file with the system's save dialog (which itself asks before replacing).
    fn choose_file(&mut self) {
        let current = PathBuf::from(self.path.trim());
        let mut dialog = rfd::FileDialog::new()
            .add_filter("PNG image", &["png"])
            .add_filter("SVG drawing", &["svg"])
            .add_filter("PDF document", &["pdf"]);
        if let Some(folder) = current.parent().filter(|f| f.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = current.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        if let Some(chosen) = dialog.save_file() {
            self.path = chosen.display().to_string();
            self.confirming_replace = false;
        }
    }
}
