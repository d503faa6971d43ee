//! The map's hover card, laid out so that it is never narrower than its longest word: near a
//! screen edge egui gives a tooltip only the room left there, which broke names mid-word
//! ("Nurista/n"). The card asks for the width of its longest line (up to the style's tooltip
//! width, and never less than its longest word), and egui then moves it clear of the edge.

use egui::{FontId, RichText, TextStyle, Ui};

/// The widest of `words` set in `font`, in points.
fn widest(ui: &Ui, font: &FontId, words: impl Iterator<Item = String>) -> f32 {
    words
        .map(|word| {
            ui.painter()
                .layout_no_wrap(word, font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max)
}

/// The width a card of `title` (strong) over `lines` asks for: its widest line up to
/// `tooltip_width`, but at least its longest word.
pub fn card_width(ui: &Ui, title: &str, lines: &[String]) -> f32 {
    let font = TextStyle::Body.resolve(ui.style());
    let all = || std::iter::once(title).chain(lines.iter().map(String::as_str));
    let widest_line = widest(ui, &font, all().map(str::to_owned));
    let widest_word = widest(
        ui,
        &font,
        all().flat_map(|line| line.split_whitespace().map(str::to_owned)),
    );
    // A little extra for the strong title, which egui draws in the same font but brighter.
    widest_line.min(ui.spacing().tooltip_width).max(widest_word) + 1.0
}

/// Shows `title` (strong) over `lines`, at the width [`card_width`] gives.
pub fn lines_ui(ui: &mut Ui, title: &str, lines: &[String]) {
    let width = card_width(ui, title, lines);
    ui.set_min_width(width);
    ui.set_max_width(width);
    ui.label(RichText::new(title).strong());
    for line in lines {
        ui.label(line);
    }
}
