//! Comparison mode in the app: a toggle, the two periods (a preset — the last 12 months against
//! the 12 before, since a slide's dates, since the deck was saved — or typed `YYYY-MM..YYYY-MM`
//! ranges), the change list sorted by importance ("NRF: new in Herat (claimed attacks, Jan
//! 2025)"), each row a button that brings its province into view, and the change marks drawn
//! over the map ("+" new, "−" gone, "▲" stronger, "▼" weaker) by each province's name. Every
//! control is reachable with Tab and named for screen readers.

use egui::{Align2, Color32, FontId, Painter, Rect, RichText, Stroke, Ui, emath::TSTransform};

use crate::{
    command::{Command, FilterCommand, ViewCommand},
    data::{Atlas, Day},
    deck::Deck,
    geometry::MapGeometry,
    scene::{
        MapStyle,
        badges::{Badge, place_map_badges},
        compare::{Change, Comparison},
        labels::Inset,
        periods::{Periods, Span},
    },
    state::AppState,
};

/// The key to the change marks.
pub const MARKS_KEY: &str = "+ new   − gone   ▲ stronger   ▼ weaker";

/// What the user is typing into the period fields, kept between frames.
#[derive(Clone, Debug, Default)]
struct Typed {
    before: String,
    after: String,
    /// The periods the texts were last filled from.
    from: Option<Periods>,
    error: Option<String>,
}

/// The preset that compares since a slide's dates.
pub const SINCE_SLIDE: &str = "Since a slide's dates";
/// The preset that compares since the deck file was saved.
pub const SINCE_SAVED: &str = "Since the deck was saved";

/// The comparison controls and, in comparison mode, the change list; `comparison` is what the
/// map shows now, `deck` the slides whose dates the presets offer, `latest` the data's end.
pub fn compare_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    state: &AppState,
    comparison: Option<&Comparison>,
    latest: Day,
    deck: &Deck,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let current = state.filters.compare;
    let mut on = current.is_some();
    if ui
        .checkbox(&mut on, "Compare two periods")
        .on_hover_text("Show what changed between a before and an after period")
        .changed()
    {
        let periods = on.then(|| Periods::last_two_years(latest));
        commands.push(Command::Filter(FilterCommand::SetComparison(periods)));
    }
    let Some(periods) = current else {
        return commands;
    };
    let id = ui.scope_id().with("compare_typed");
    let mut typed: Typed = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    if typed.from != Some(periods) {
        typed = Typed {
            before: periods.before.typed(),
            after: periods.after.typed(),
            from: Some(periods),
            error: None,
        };
    }
    if ui
        .button("Previous 12 months vs last 12 months")
        .on_hover_text("The 12 months up to the newest record, against the 12 before them")
        .clicked()
    {
        commands.push(Command::Filter(FilterCommand::SetComparison(Some(
            Periods::last_two_years(latest),
        ))));
    }
    commands.extend(since_slide_ui(ui, deck, latest));
    let saved_hint = if state.deck_path.is_some() {
        "The 12 months before the deck file was last saved, against the days since"
    } else {
        "Save the slides to a deck file first (Slides ▸ Save)"
    };
    if ui
        .add_enabled(state.deck_path.is_some(), egui::Button::new(SINCE_SAVED))
        .on_hover_text(saved_hint)
        .on_disabled_hover_text(saved_hint)
        .clicked()
    {
        commands.push(Command::Filter(FilterCommand::CompareSinceDeckSaved));
    }
    let mut submitted = false;
    egui::Grid::new("compare_periods")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, text) in [("Before", &mut typed.before), ("After", &mut typed.after)] {
                let name = ui.label(label);
                let response = ui.add(
                    egui::TextEdit::singleline(text)
                        .desired_width(140.0)
                        .hint_text("2024-01..2024-12"),
                );
                let response = response.labelled_by(name.id);
                if response.lost_focus() {
                    submitted = true;
                }
                ui.end_row();
            }
        });
    if submitted {
        match (Span::parse(&typed.before), Span::parse(&typed.after)) {
            (Ok(before), Ok(after)) => {
                typed.error = None;
                let chosen = Periods { before, after };
                if chosen != periods {
                    commands.push(Command::Filter(FilterCommand::SetComparison(Some(chosen))));
                }
            }
            (Err(e), _) => typed.error = Some(format!("Before: {e}")),
            (_, Err(e)) => typed.error = Some(format!("After: {e}")),
        }
    }
    if let Some(error) = &typed.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.data_mut(|d| d.insert_temp(id, typed));
    if let Some(comparison) = comparison {
        commands.extend(change_list_ui(ui, atlas, comparison));
    }
    commands
}

/// "Since a slide's dates": a menu of the slides with dates; the one picked gives the before
/// period, and the days after it to the data's end the after period. A slide whose dates
/// leave nothing after (or that shows all time) is listed greyed, saying why.
fn since_slide_ui(ui: &mut Ui, deck: &Deck, latest: Day) -> Vec<Command> {
    let mut commands = Vec::new();
    let response = egui::ComboBox::from_label(SINCE_SLIDE)
        .selected_text("Pick a slide")
        .width(ui.available_width().min(120.0))
        .show_ui(ui, |ui| {
            if deck.slides.is_empty() {
                ui.label(RichText::new("No slides yet").weak());
            }
            for (number, slide) in deck.slides.iter().enumerate() {
                let title = if slide.title.trim().is_empty() {
                    format!("Slide {}", number + 1)
                } else {
                    format!(
                        "{}. {}",
                        number + 1,
                        crate::files::shown_within(&slide.title, 60)
                    )
                };
                let periods = match Span::shown_by(&slide.filters) {
                    Some(span) => Periods::since_span(span, latest),
                    None => Err("it shows all time: nothing after".to_owned()),
                };
                match periods {
                    Ok(periods) => {
                        if ui
                            .button(format!("{title} ({})", periods.before.label()))
                            .on_hover_text(periods.label())
                            .clicked()
                        {
                            commands
                                .push(Command::Filter(FilterCommand::SetComparison(Some(periods))));
                        }
                    }
                    Err(reason) => {
                        ui.add_enabled(false, egui::Button::new(title))
                            .on_disabled_hover_text(reason);
                    }
                }
            }
        });
    response
        .response
        .on_hover_text("A slide's dates before, everything after them to the data's end after");
    commands
}

/// Replaces the Dates bar in comparison mode, where one range has no effect: the two periods,
/// and where to change them.
pub fn periods_bar_ui(ui: &mut Ui, periods: Periods) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Comparing").strong());
        ui.label(format!("Before: {}", periods.before.label()));
        ui.label("→");
        ui.label(format!("After: {}", periods.after.label()));
        ui.label(
            RichText::new("(change the periods under \"Compare two periods\" on the left)").weak(),
        );
        if ui
            .button("Stop comparing")
            .on_hover_text("Show one period again, with the Dates bar")
            .clicked()
        {
            commands.push(Command::Filter(FilterCommand::SetComparison(None)));
        }
    });
    commands
}

/// The key to the change marks, the counts, and every change as a button, most important first.
fn change_list_ui(ui: &mut Ui, atlas: &Atlas, comparison: &Comparison) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.label(RichText::new(MARKS_KEY).small().strong());
    let counts: Vec<String> = comparison
        .counts()
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.id()))
        .collect();
    ui.label(RichText::new(format!("Changes: {}", counts.join(", "))).small());
    if comparison.changes.is_empty() {
        ui.label(RichText::new("No shown group has a record in either period").weak());
        return commands;
    }
    egui::ScrollArea::vertical()
        .id_salt("change_list")
        .max_height((ui.available_height() * 0.4).max(120.0))
        .show(ui, |ui| {
            for change in &comparison.changes {
                let glyph = change.change.glyph().unwrap_or("=");
                let sentence = change.sentence(atlas);
                let button =
                    egui::Button::new(RichText::new(format!("{glyph} {sentence}")).small())
                        .frame(false)
                        .wrap();
                let response = ui
                    .add(button)
                    .on_hover_text("Show this province on the map");
                if response.clicked() {
                    commands.push(Command::View(ViewCommand::SelectAndFocus(change.province)));
                }
            }
        });
    commands
}

/// The change marks over a map drawn with `transform` in `area` ([`place_map_badges`]): a badge
/// per changed group by each province's name, clear of everything in `keep_clear` (what the map
/// drew over itself: names, leaders, countries' names, scale bar, credit); the provinces an
/// inset magnifies get theirs in the inset.
pub fn screen_badges(
    geometry: &MapGeometry,
    comparison: &Comparison,
    transform: TSTransform,
    presenting: bool,
    inset: Option<&Inset>,
    area: Rect,
    keep_clear: &[Rect],
) -> Vec<Badge> {
    place_map_badges(
        comparison,
        &geometry.labels,
        &|p| geometry.hit.province_at(p).map(|i| i.0),
        transform,
        inset,
        area.shrink(2.0),
        keep_clear,
        badge_radius(presenting),
    )
}

/// A badge's radius on screen, in points: larger for a room.
fn badge_radius(presenting: bool) -> f32 {
    if presenting { 11.0 } else { 8.0 }
}

/// Draws `badges` ([`screen_badges`]) as exports draw them: each in its group's colour, "−"
/// hollow (the group's outline).
pub fn paint_change_marks(painter: &Painter, badges: &[Badge], style: &MapStyle) {
    for badge in badges {
        let radius = badge.radius;
        let colour = style.group_colour(badge.mark.colour, badge.mark.extremist);
        let hollow = badge.glyph == Change::Gone.glyph().unwrap_or("−");
        let (fill, ink) = if hollow {
            (Color32::WHITE, colour)
        } else {
            (colour, Color32::WHITE)
        };
        painter.circle(
            badge.centre,
            radius,
            fill,
            Stroke::new(radius * 0.22, if hollow { colour } else { Color32::WHITE }),
        );
        let size = radius
            * if badge.glyph == "+" || hollow {
                1.7
            } else {
                1.2
            };
        painter.text(
            badge.centre,
            Align2::CENTER_CENTER,
            badge.glyph,
            FontId::proportional(size),
            ink,
        );
    }
}
