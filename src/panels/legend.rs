//! The map legend, floating in the map's top-left corner: one toggle per group with its colour
//! and number of provinces, All/None, keys 1–9, what each fill means, and the reminder that
//! presence is not control.

use egui::{Checkbox, Color32, Key, RichText, Sense, Stroke, Ui, Vec2, vec2};

use crate::{
    data::{Atlas, Evidence, Grade, Group, GroupKind, grade},
    map::style::{evidence_fill, hatch_stroke},
    scene::{LegendEntry, MapScene},
    state::Command,
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
pub fn legend_ui(ui: &mut Ui, atlas: &Atlas, scene: &MapScene) -> Vec<Command> {
    let mut commands = Vec::new();
    if !ui.ctx().text_edit_focused() {
        ui.input(|i| {
            for (key, entry) in NUMBER_KEYS.iter().zip(&scene.legend) {
                if i.key_pressed(*key) {
                    commands.push(Command::ToggleGroup(entry.group));
                }
            }
        });
    }
    let dark = ui.visuals().dark_mode;
    let land = crate::map::MapStyle::for_theme(dark).land;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Groups").heading());
        if ui
            .small_button("All")
            .on_hover_text("Every resistance group")
            .clicked()
        {
            commands.push(Command::ShowAllGroups(true));
        }
        if ui.small_button("None").clicked() {
            commands.push(Command::ShowAllGroups(false));
        }
    });
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
        commands.extend(legend_row(ui, atlas, entry, index));
    }
    ui.add_space(4.0);
    let example = scene
        .legend
        .iter()
        .find(|e| e.visible)
        .map_or(Color32::from_gray(140), |e| {
            Color32::from_rgb(e.colour[0], e.colour[1], e.colour[2])
        });
    evidence_key(ui, land, example, dark, 1.0);
    if scene.dotted.iter().any(|d| !d.is_empty()) {
        weak_sources_key(ui, land, example, 1.0);
    }
    commands.extend(grade_filter_ui(ui, scene.grade_floor));
    ui.label(RichText::new("Presence is not control.").small().strong())
        .on_hover_text("A record means a group was reported, claimed or verified to act in a province, not that it holds territory.");
    commands
}

fn legend_row(ui: &mut Ui, atlas: &Atlas, entry: &LegendEntry, index: usize) -> Option<Command> {
    let group = atlas.group(entry.group);
    let mut command = None;
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
            command = Some(Command::ToggleGroup(entry.group));
        }
        let (swatch, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
        let [r, g, b] = entry.colour;
        ui.painter()
            .rect_filled(swatch, 2.0, Color32::from_rgb(r, g, b));
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
            command = Some(Command::OpenGroup(entry.group));
        }
    });
    command
}

/// Four swatches, drawn exactly as the map draws a single group's evidence; `scale` enlarges
/// them for presenting.
pub(crate) fn evidence_key(ui: &mut Ui, land: Color32, example: Color32, dark: bool, scale: f32) {
    for evidence in Evidence::ALL {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 12.0) * scale, Sense::hover());
            let painter = ui.painter();
            painter.rect_filled(rect, 0.0, evidence_fill(land, example, evidence));
            if evidence == Evidence::ClaimedAttacks {
                let stroke = hatch_stroke(example);
                let clip = painter.with_clip_rect(rect);
                let mut x = rect.left() - rect.height();
                while x < rect.right() {
                    clip.line_segment(
                        [
                            egui::pos2(x, rect.bottom()),
                            egui::pos2(x + rect.height(), rect.top()),
                        ],
                        stroke,
                    );
                    x += 5.0 * scale;
                }
            }
            painter.rect_stroke(
                rect,
                0.0,
                Stroke::new(
                    0.5,
                    if dark {
                        Color32::GRAY
                    } else {
                        Color32::DARK_GRAY
                    },
                ),
                egui::StrokeKind::Inside,
            );
            let label = RichText::new(evidence.label());
            ui.label(if scale > 1.0 {
                label.size(11.0 * scale)
            } else {
                label.small()
            });
        });
    }
}

/// "Show records graded at least …": every record (the default) or a floor such as B3.
fn grade_filter_ui(ui: &mut Ui, floor: Option<Grade>) -> Option<Command> {
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
    (chosen != floor).then_some(Command::SetGradeFloor(chosen))
}

/// The dotted outline the map draws where a group's records rest only on sources graded E or F
/// (Wikipedia copies, unknown sites), as a legend row.
pub(crate) fn weak_sources_key(ui: &mut Ui, land: Color32, example: Color32, scale: f32) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 12.0) * scale, Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 0.0, land);
        let inner = rect.shrink(1.5 * scale);
        let ring = [
            inner.left_top(),
            inner.right_top(),
            inner.right_bottom(),
            inner.left_bottom(),
            inner.left_top(),
        ];
        painter.extend(egui::Shape::dotted_line(
            &ring,
            example,
            crate::map::paint::DOT_SPACING * 0.8 * scale,
            crate::map::paint::DOT_RADIUS * scale,
        ));
        let label = RichText::new("Supported only by E/F sources");
        ui.label(if scale > 1.0 {
            label.size(11.0 * scale)
        } else {
            label.small()
        })
        .on_hover_text(
            "Every record shown for the group here rests on sources graded E (unreliable, e.g. Wikipedia copies) or F (cannot be judged): drawn as a dotted outline, not a fill.",
        );
    });
}

/// A legend-width name: the abbreviation, or the id for groups without one.
fn legend_name(group: &Group) -> &str {
    group.abbreviations.first().unwrap_or(&group.id)
}
