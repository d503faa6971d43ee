//! The map legend, floating in the map's top-left corner: one toggle per group with its colour
//! and number of provinces, All/None, keys 1–9, what each fill means, and the reminder that
//! presence is not control.

use crate::command::{FilterCommand, ViewCommand};
use egui::{Checkbox, Key, Painter, Rect, RichText, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};
use std::{any::Any, sync::Arc};

use super::retained::retained;
use crate::{
    command::Command,
    data::{Atlas, Grade, Group, GroupKind, grade},
    geometry::hatch::Slant,
    scene::{LegendEntry, LegendKey, MapScene, MapStyle, Swatch, style::hatch_stroke},
};

/// Number keys that toggle the first nine groups in legend order.
const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Shows the legend: group toggles, the evidence key and the "presence is not control" note.
/// It shows `scene` (and the atlas it was made from) only, so it is drawn again from the last
/// frame while the scene stays the same (see [`retained`]).
pub fn legend_ui(ui: &mut Ui, atlas: &Atlas, scene: &Arc<MapScene>) -> Vec<Command> {
    let mut commands = Vec::new();
    if !ui.ctx().text_edit_focused() {
        ui.input(|i| {
            for (key, entry) in NUMBER_KEYS.iter().zip(&scene.legend) {
                if i.key_pressed(*key) {
                    commands.push(Command::Filter(FilterCommand::ToggleGroup(entry.group)));
                }
            }
        });
    }
    let anchor: Arc<dyn Any + Send + Sync> = scene.clone();
    commands.extend(retained(ui, "legend", (), Some(anchor), |ui| {
        legend_body(ui, atlas, scene)
    }));
    commands
}

/// The legend under its keyboard shortcuts.
fn legend_body(ui: &mut Ui, atlas: &Atlas, scene: &MapScene) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Groups").heading());
        if ui
            .small_button("All")
            .on_hover_text("Every resistance group")
            .clicked()
        {
            commands.push(Command::Filter(FilterCommand::ShowAllGroups(true)));
        }
        if ui.small_button("None").clicked() {
            commands.push(Command::Filter(FilterCommand::ShowAllGroups(false)));
        }
    });
    // First, so that no window is too low to show it.
    ui.label(RichText::new("Presence is not control.").small().strong())
        .on_hover_text("A record means a group was reported, claimed or verified to act in a province, not that it holds territory.");
    let style = MapStyle::for_theme(ui.visuals().dark_mode);
    let mut extremist_heading_shown = false;
    for (index, entry) in scene.legend.iter().enumerate() {
        let group = atlas.group(entry.group);
        if group.kind == GroupKind::Extremist && !extremist_heading_shown {
            extremist_heading_shown = true;
            ui.label(
                RichText::new("Extremist opposition, not resistance:")
                    .small()
                    .weak(),
            );
        }
        commands.extend(legend_row(ui, atlas, entry, index, &style));
    }
    ui.add_space(6.0);
    if !scene.legend_keys.is_empty() {
        ui.label(RichText::new("What the map shows").strong());
        legend_keys_ui(ui, &scene.legend_keys, &style, 1.0);
    }
    ui.label(RichText::new(format!("Dates: {}", scene.dates_shown)).small());
    if let Some(rule) = &scene.recency_rule {
        ui.label(RichText::new(rule).small().weak());
    }
    commands.extend(super::recency::recency_ui(
        ui,
        scene.recency_months,
        scene.recency_rule.is_some(),
    ));
    commands.extend(grade_filter_ui(ui, scene.grade_floor));
    commands
}

fn legend_row(
    ui: &mut Ui,
    atlas: &Atlas,
    entry: &LegendEntry,
    index: usize,
    style: &MapStyle,
) -> Vec<Command> {
    let group = atlas.group(entry.group);
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let mut visible = entry.visible;
        let enabled = entry.province_count > 0;
        let checkbox = ui
            .add_enabled(enabled, Checkbox::new(&mut visible, legend_name(group)))
            .on_hover_text(if index < 9 {
                format!("Show or hide {} (key {})", group.name, index + 1)
            } else {
                format!("Show or hide {}", group.name)
            });
        if checkbox.changed() {
            commands.push(Command::Filter(FilterCommand::ToggleGroup(entry.group)));
        }
        let (swatch, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
        ui.painter().rect_filled(
            swatch,
            2.0,
            style.group_colour(entry.colour, entry.extremist),
        );
        let count = match (entry.province_count, group.kind) {
            (0, GroupKind::Political) => "political, no provinces".to_owned(),
            (0, _) => "no provinces in range".to_owned(),
            (1, _) => "1 province".to_owned(),
            (n, _) => format!("{n} provinces"),
        };
        let name = ui
            .add(egui::Label::new(RichText::new(count).small()).sense(Sense::click()))
            .on_hover_text(format!("{} — click for its profile", group.name));
        if name.clicked() {
            commands.push(Command::View(ViewCommand::OpenGroup(entry.group)));
        }
    });
    commands
}

/// The legend's keys: each swatch drawn as the map draws it, with its meaning; `scale`
/// enlarges them for presenting.
pub(crate) fn legend_keys_ui(ui: &mut Ui, keys: &[LegendKey], style: &MapStyle, scale: f32) {
    for key in keys {
        // Wrapped within the panel, never widening it.
        ui.horizontal_top(|ui| {
            let (rect, _) =
                ui.allocate_exact_size(swatch_size(&key.swatch) * scale, Sense::hover());
            paint_swatch(ui.painter(), rect, &key.swatch, style);
            let label = RichText::new(&key.label);
            ui.add(
                egui::Label::new(if scale > 1.0 {
                    label.size(12.0 * scale)
                } else {
                    label.small()
                })
                .wrap(),
            );
        });
    }
}

/// A swatch's size at scale 1: wide enough for a cell of at least 8 points per group.
fn swatch_size(swatch: &Swatch) -> Vec2 {
    let cells = match swatch {
        Swatch::Evidence(_, groups) => groups.len(),
        _ => 0,
    };
    Vec2::new((8.0 * cells as f32).max(26.0), 14.0)
}

/// Diagonal lines `spacing` apart across `rect`, leaning as `slant` says.
fn diagonals(rect: Rect, spacing: f32, slant: Slant) -> impl Iterator<Item = [egui::Pos2; 2]> {
    let mut x = rect.left() - rect.height();
    std::iter::from_fn(move || {
        (x < rect.right()).then(|| {
            let line = match slant {
                Slant::Rising => [pos2(x, rect.bottom()), pos2(x + rect.height(), rect.top())],
                Slant::Falling => [pos2(x, rect.top()), pos2(x + rect.height(), rect.bottom())],
            };
            x += spacing;
            line
        })
    })
}

/// A rectangle outline as a closed run of points, `by` inside `rect`.
fn ring(rect: Rect, by: f32) -> [egui::Pos2; 5] {
    let r = rect.shrink(by);
    [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ]
}

/// Draws `swatch` in `rect` the way the map draws that mark (through
/// [`MapStyle::mark_paint`], in each group's colours).
pub fn paint_swatch(painter: &Painter, rect: Rect, swatch: &Swatch, style: &MapStyle) {
    let clip = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
    let hatch_spacing = rect.height() * 0.45;
    match swatch {
        Swatch::Evidence(evidence, groups) => {
            painter.rect_filled(rect, 0.0, style.land);
            let width = rect.width() / groups.len().max(1) as f32;
            for (index, group) in groups.iter().enumerate() {
                let cell = Rect::from_min_size(
                    pos2(rect.left() + width * index as f32, rect.top()),
                    vec2(width, rect.height()),
                );
                let paint = style.mark_paint(group.colour, group.extremist, *evidence, false);
                painter.rect_filled(cell, 0.0, paint.fill);
                if let Some((colour, slant)) = paint.hatch {
                    let cell_clip = painter.with_clip_rect(cell.intersect(painter.clip_rect()));
                    for line in diagonals(cell, hatch_spacing, slant) {
                        cell_clip.line_segment(line, hatch_stroke(colour));
                    }
                }
            }
        }
        Swatch::Stripes(marks) => {
            painter.rect_filled(rect, 0.0, style.land);
            let band = rect.height() / 2.0;
            let stroke_width = band * std::f32::consts::FRAC_1_SQRT_2;
            for (index, line) in diagonals(rect, band, Slant::Rising).enumerate() {
                let Some((group, evidence)) = marks.get(index % marks.len().max(1)) else {
                    continue;
                };
                let paint = style.mark_paint(group.colour, group.extremist, *evidence, true);
                clip.line_segment(line, Stroke::new(stroke_width, paint.fill));
                if let Some((colour, _)) = paint.hatch {
                    // Short strokes across the stripe, as the map hatches a claim-only stripe.
                    let along = (line[1] - line[0]).normalized();
                    let across = vec2(along.y.abs(), along.x.abs()) * (stroke_width / 2.0);
                    let length = (line[1] - line[0]).length();
                    let mut at = 0.0;
                    while at < length {
                        let centre = line[0] + along * at;
                        clip.line_segment([centre - across, centre + across], hatch_stroke(colour));
                        at += hatch_spacing;
                    }
                }
            }
        }
        Swatch::NoRecord => {
            painter.rect_filled(rect, 0.0, style.land);
        }
        Swatch::StaleOutline(groups) => {
            painter.rect_filled(rect, 0.0, style.land);
            for (which, group) in groups.iter().take(3).enumerate() {
                painter.extend(Shape::dashed_line(
                    &ring(rect, 1.5 + 2.5 * which as f32),
                    Stroke::new(1.2, style.group_colour(group.colour, group.extremist)),
                    4.0,
                    3.0,
                ));
            }
        }
        Swatch::DottedOutline(groups) => {
            painter.rect_filled(rect, 0.0, style.land);
            for (which, group) in groups.iter().take(3).enumerate() {
                painter.extend(Shape::dotted_line(
                    &ring(rect, 1.5 + 2.5 * which as f32),
                    style.group_colour(group.colour, group.extremist),
                    3.0,
                    1.0,
                ));
            }
            return;
        }
    }
    painter.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, style.internal_border.color),
        egui::StrokeKind::Inside,
    );
}

/// "Show records graded at least …": every record (the default) or a floor such as B3.
fn grade_filter_ui(ui: &mut Ui, floor: Option<Grade>) -> Vec<Command> {
    let mut chosen = floor;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Show records graded").small());
        egui::ComboBox::from_id_salt("grade_floor")
            .selected_text(floor.map_or("all".to_owned(), |g| format!("{g} or better")))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "all records")
                    .on_hover_text("Every record, graded or not");
                for code in grade::FLOORS {
                    if let Ok(g) = Grade::parse(code) {
                        ui.selectable_value(&mut chosen, Some(g), format!("{g} or better"))
                            .on_hover_text(format!(
                                "Best source {} or better and information {} or better",
                                g.reliability.words(),
                                g.credibility.words()
                            ));
                    }
                }
            })
            .response
            .on_hover_text(
                "Admiralty grades: the letter rates a record's best source (A completely reliable … E unreliable, F cannot be judged), the digit what it says (1 confirmed … 5 improbable, 6 cannot be judged).",
            );
    });
    (chosen != floor)
        .then_some(Command::Filter(FilterCommand::SetGradeFloor(chosen)))
        .into_iter()
        .collect()
}

/// A legend-width name: the abbreviation, or the id for groups without one.
fn legend_name(group: &Group) -> &str {
    group.abbreviations.first().unwrap_or(&group.id)
}
