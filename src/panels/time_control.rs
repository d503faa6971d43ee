//! The Dates bar under the map: presets (last 12 months, 2024, since the takeover, all time),
//! typed dates (YYYY-MM), a play button that steps the end of the range month by month (or
//! slides a window of 3 or 12 months), and one range slider across the whole bar, month ticks
//! and year labels, with two handles: drag a handle, or click the track to move the nearer end
//! there. With event files open, a histogram of their events per month stands over the slider
//! ([`super::events_histogram`]). While playing, the map carries a date stamp in its top corner
//! beside the zoom buttons ([`play_date_stamp`]).

use crate::command::FilterCommand;
use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Pos2, Rect, RichText, Sense, Stroke, TextEdit, Ui,
    Vec2, WidgetInfo,
};

use crate::{
    command::Command,
    data::{Date, Day},
    state::{AppState, TIME_START},
};

/// The day the Taliban took Kabul.
pub const TAKEOVER: Day = match Day::new(2021, 8, 15) {
    Ok(day) => day,
    Err(_) => panic!("15 August 2021 is a day"), // checked at compile time
};

/// Month indices (see [`Day::month_index`]) ↔ screen x on the slider's track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthTrack {
    /// Screen x of the first month.
    pub left: f32,
    /// Screen x of the last month.
    pub right: f32,
    /// First month index.
    pub first: i32,
    /// Last month index.
    pub last: i32,
}

impl MonthTrack {
    /// Screen x of `month`.
    pub fn x(&self, month: i32) -> f32 {
        let span = (self.last - self.first).max(1) as f32;
        self.left + (month - self.first) as f32 / span * (self.right - self.left)
    }

    /// The month nearest screen x, within the track.
    pub fn month_at(&self, x: f32) -> i32 {
        let span = (self.last - self.first).max(1) as f32;
        let width = (self.right - self.left).max(1.0);
        let month = self.first + ((x - self.left) / width * span).round() as i32;
        month.clamp(self.first, self.last)
    }

    /// Pixels per month.
    pub fn month_width(&self) -> f32 {
        (self.right - self.left) / (self.last - self.first).max(1) as f32
    }
}

/// The range after a click on the track at `month`: the nearer end moves there (before the
/// range, the start; after it, the end; inside it, whichever end is closer).
pub fn jump(from: i32, to: i32, month: i32) -> (i32, i32) {
    if month <= from {
        (month, to)
    } else if month >= to || to - month < month - from {
        (from, month)
    } else {
        (month, to)
    }
}

/// A typed "YYYY-MM" (or "YYYY" / "YYYY-MM-DD") as a month index within `first..=last`, or
/// what is wrong with it.
pub fn parse_month(text: &str, first: i32, last: i32) -> Result<i32, String> {
    let date = Date::parse(text.trim()).map_err(|e| format!("{e}; type YYYY-MM, e.g. 2024-03"))?;
    let month = date.start.month_index();
    if month < first || month > last {
        return Err(format!(
            "{} is outside the data ({} – {})",
            date,
            Day::from_month_index(first).month_label(),
            Day::from_month_index(last).month_label()
        ));
    }
    Ok(month)
}

/// A named range of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The 12 months to the newest record.
    LastTwelveMonths,
    /// January–December 2024.
    Year2024,
    /// From 15 August 2021 to the newest record.
    SinceTakeover,
    /// Every record.
    AllTime,
}

impl Preset {
    /// In the order the bar shows them.
    pub const ALL: [Self; 4] = [
        Self::LastTwelveMonths,
        Self::Year2024,
        Self::SinceTakeover,
        Self::AllTime,
    ];

    /// Button text.
    pub fn label(self) -> &'static str {
        match self {
            Self::LastTwelveMonths => "Last 12 months",
            Self::Year2024 => "2024",
            Self::SinceTakeover => "Since the takeover",
            Self::AllTime => "All time",
        }
    }

    /// The first and last day, or `None` for all time; `latest` is the newest record's day.
    pub fn range(self, latest: Day) -> Option<(Day, Day)> {
        let start = |day: Day| day.max(TIME_START).min(latest);
        match self {
            Self::LastTwelveMonths => Some((
                start(Day::from_month_index(latest.month_index() - 11)),
                latest,
            )),
            Self::Year2024 => Some((start(Day::month_start(2024, 1)), {
                Day::month_end(2024, 12).min(latest)
            })),
            Self::SinceTakeover => Some((start(TAKEOVER), latest)),
            Self::AllTime => None,
        }
    }

    /// The command that applies it.
    pub fn command(self, latest: Day) -> Command {
        match self.range(latest) {
            Some((from, to)) => Command::Filter(FilterCommand::SetTimeRange(from, to)),
            None => Command::Filter(FilterCommand::SetAllTime(true)),
        }
    }
}

/// The command setting months `from..=to` (month indices), keeping the current first day
/// when its month is unchanged (a range "since 15 Aug 2021" stays so).
fn range_command(state: &AppState, from: i32, to: i32, latest: Day) -> Command {
    let current = state.filters.time.from;
    let from = if current.month_index() == from && !state.filters.time.all_time {
        current
    } else {
        Day::from_month_index(from)
    };
    let to = Day::from_month_index(to);
    Command::Filter(FilterCommand::SetTimeRange(
        from,
        Day::month_end(to.year(), to.month()).min(latest),
    ))
}

/// The Play button's text while playing (a glyph the bundled font has: ⏸ is not in it).
pub const PAUSE_TEXT: &str = "▮▮ Pause";
/// The Play button's text while stopped.
pub const PLAY_TEXT: &str = "▶ Play";

/// What Play can step, with the selector's text: grow the range, or slide a window.
pub const PLAY_WINDOWS: [(u32, &str); 3] =
    [(0, "Grow"), (3, "3-month window"), (12, "12-month window")];

/// Shows the Dates bar; `latest` is the last day any record covers; `events_monthly`, with
/// event files open, their events per month (of the groups and types shown).
///
/// It shows only what its arguments say, so it is drawn again from the last frame while they
/// stay the same (see [`super::retained::retained`]).
pub fn time_control_ui(
    ui: &mut Ui,
    state: &AppState,
    latest: Day,
    events_monthly: Option<&[(Day, u64)]>,
) -> Vec<Command> {
    let time = state.filters.time;
    let key = (
        (time.all_time, time.from, time.to),
        latest,
        state.playing,
        state.play_window_months,
        events_monthly,
    );
    super::retained::retained(ui, "time_control", key, None, |ui| {
        time_control_body(ui, state, latest, events_monthly)
    })
}

fn time_control_body(
    ui: &mut Ui,
    state: &AppState,
    latest: Day,
    events_monthly: Option<&[(Day, u64)]>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let time = state.filters.time;
    let (first, last) = (TIME_START.month_index(), latest.month_index());
    let (from, to) = if time.all_time {
        (first, last)
    } else {
        (time.from.month_index(), time.to.month_index())
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Dates").strong());
        for preset in Preset::ALL {
            let selected = match preset.range(latest) {
                None => time.all_time,
                Some((f, t)) => !time.all_time && time.from == f && time.to == t,
            };
            if ui
                .selectable_label(selected, preset.label())
                .on_hover_text(match preset.range(latest) {
                    Some((f, t)) => format!("{f} – {t}"),
                    None => format!("Every record, to {}", latest.month_label()),
                })
                .clicked()
            {
                commands.push(preset.command(latest));
            }
        }
        // A gap, not a separator: in a wrapping row a separator runs the panel's whole height
        // (through the slider and up into the drawer above).
        ui.add_space(12.0);
        if let Some(month) = typed_month(ui, "From", Id::unique("dates_from"), from, first, last) {
            commands.push(range_command(state, month, to.max(month), latest));
        }
        if let Some(month) = typed_month(ui, "to", Id::unique("dates_to"), to, first, last) {
            commands.push(range_command(state, from.min(month), month, latest));
        }
        let play_text = if state.playing { PAUSE_TEXT } else { PLAY_TEXT };
        let window = state.play_window_months;
        if ui
            .button(play_text)
            .on_hover_text(if window == 0 {
                "Step the end of the range month by month".to_owned()
            } else {
                format!("Slide a {window}-month window month by month")
            })
            .clicked()
        {
            commands.push(Command::Filter(FilterCommand::Play(!state.playing)));
        }
        let chosen = PLAY_WINDOWS
            .iter()
            .find(|(months, _)| *months == window)
            .map_or("Grow", |(_, text)| text);
        egui::ComboBox::from_id_salt("play_window")
            .selected_text(chosen)
            .width(120.0)
            .show_ui(ui, |ui| {
                for (months, text) in PLAY_WINDOWS {
                    if ui.selectable_label(months == window, text).clicked() && months != window {
                        commands.push(Command::Filter(FilterCommand::SetPlayWindow(months)));
                    }
                }
            })
            .response
            .on_hover_text(
                "What Play steps: the range grows, or a window of 3 or 12 months slides",
            );
        if !time.all_time && time.from.day() != 1 {
            // A range from mid-month (since 15 Aug 2021): the boxes show only the month.
            ui.label(format!("from {}", time.from));
        }
    });
    if let Some(monthly) = events_monthly {
        super::events_histogram::events_histogram_ui(ui, monthly, (from, to), (first, last));
    }
    if let Some((new_from, new_to)) = range_slider(ui, from, to, first, last, time.all_time) {
        commands.push(range_command(state, new_from, new_to, latest));
    }
    commands
}

/// A "YYYY-MM" box: shows `month`, and returns the month typed when the user presses Enter or
/// leaves the box with a valid date; an invalid one is outlined and says what is wrong.
fn typed_month(ui: &mut Ui, label: &str, id: Id, month: i32, first: i32, last: i32) -> Option<i32> {
    let shown = format!(
        "{:04}-{:02}",
        Day::from_month_index(month).year(),
        Day::from_month_index(month).month()
    );
    let mut text = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| shown.clone());
    let editing = ui.memory(|m| m.has_focus(id));
    if !editing {
        text.clone_from(&shown);
    }
    let label = ui.label(label);
    let parsed = parse_month(&text, first, last);
    let mut edit = TextEdit::singleline(&mut text)
        .id(id)
        .desired_width(64.0)
        .hint_text("YYYY-MM")
        .char_limit(10);
    if parsed.is_err() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui
        .add(edit)
        .labelled_by(label.id)
        .on_hover_text(match &parsed {
            Ok(_) => "Type a month as YYYY-MM and press Enter".to_owned(),
            Err(message) => message.clone(),
        });
    let committed = response.lost_focus();
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    match parse_month(&text, first, last) {
        Ok(typed) if committed && typed != month => Some(typed),
        _ => None,
    }
}

/// Which handle a drag holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Handle {
    From,
    To,
}

/// Height of the slider: track, month ticks and labels, year labels.
const SLIDER_HEIGHT: f32 = 52.0;
/// Space at each end of the track for the handles.
pub(super) const SLIDER_PAD: f32 = 12.0;

/// The range slider across the full width: returns the new `(from, to)` month indices when the
/// user drags a handle or clicks the track.
fn range_slider(
    ui: &mut Ui,
    from: i32,
    to: i32,
    first: i32,
    last: i32,
    all_time: bool,
) -> Option<(i32, i32)> {
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(width, SLIDER_HEIGHT), Sense::click_and_drag());
    let track = MonthTrack {
        left: rect.left() + SLIDER_PAD,
        right: rect.right() - SLIDER_PAD,
        first,
        last,
    };
    response.widget_info(|| {
        WidgetInfo::labeled(
            egui::Role::Slider,
            true,
            format!(
                "Date range: {} – {}",
                Day::from_month_index(from).month_label(),
                Day::from_month_index(to).month_label()
            ),
        )
    });
    let track_y = rect.top() + 10.0;
    let held_id = response.id.with("held");
    let mut changed = None;
    if let Some(pointer) = response.interact_pointer_pos() {
        let month = track.month_at(pointer.x);
        if response.drag_started() {
            let handle = if (pointer.x - track.x(from)).abs() <= (pointer.x - track.x(to)).abs()
                && !(from == to && month > to)
            {
                Handle::From
            } else {
                Handle::To
            };
            ui.data_mut(|d| d.insert_temp(held_id, handle));
        }
        if response.dragged() {
            let handle = ui
                .data(|d| d.get_temp::<Handle>(held_id))
                .unwrap_or(Handle::To);
            let next = match handle {
                Handle::From => (month.min(to), to),
                Handle::To => (from, month.max(from)),
            };
            if next != (from, to) || all_time {
                changed = Some(next);
            }
        } else if response.clicked() {
            let next = jump(from, to, month);
            if next != (from, to) || all_time {
                changed = Some(next);
            }
        }
    }
    if response.drag_stopped() {
        ui.data_mut(|d| d.remove::<Handle>(held_id));
    }
    if let Some(pointer) = response.hover_pos() {
        response.clone().on_hover_text_at_pointer(format!(
            "{} — click to move the nearer end here, or drag an end",
            Day::from_month_index(track.month_at(pointer.x)).month_label()
        ));
    }

    let painter = ui.painter_at(rect.expand(2.0));
    let visuals = ui.visuals();
    let ink = visuals.text_color();
    let strong = visuals.strong_text_color();
    let accent = visuals.selection.bg_fill;
    painter.line_segment(
        [
            Pos2::new(track.left, track_y),
            Pos2::new(track.right, track_y),
        ],
        Stroke::new(4.0, visuals.widgets.inactive.bg_fill),
    );
    let (show_from, show_to) = changed.unwrap_or((from, to));
    painter.rect_filled(
        Rect::from_x_y_ranges(
            track.x(show_from)..=track.x(show_to),
            track_y - 3.0..=track_y + 3.0,
        ),
        CornerRadius::same(2),
        accent,
    );
    month_ticks(&painter, &track, track_y, ink, strong);
    for month in [show_from, show_to] {
        let centre = Pos2::new(track.x(month), track_y);
        painter.circle(centre, 7.0, strong, Stroke::new(2.0, accent));
    }
    changed
}

/// Month ticks under the track (month initials or names where they fit) and year labels.
fn month_ticks(
    painter: &egui::Painter,
    track: &MonthTrack,
    track_y: f32,
    ink: Color32,
    strong: Color32,
) {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let step = track.month_width();
    let font = FontId::proportional(12.0);
    for month in track.first..=track.last {
        let day = Day::from_month_index(month);
        let x = track.x(month);
        let january = day.month() == 1;
        let length = if january { 12.0 } else { 5.0 };
        painter.line_segment(
            [
                Pos2::new(x, track_y + 6.0),
                Pos2::new(x, track_y + 6.0 + length),
            ],
            Stroke::new(if january { 1.5 } else { 1.0 }, ink),
        );
        let name = NAMES[usize::from(day.month() - 1)];
        let text = if step >= 30.0 {
            Some(name.to_owned())
        } else if step >= 13.0 {
            name.chars().next().map(String::from)
        } else {
            None
        };
        if let Some(text) = text
            && !january
        {
            painter.text(
                Pos2::new(x, track_y + 12.0),
                Align2::CENTER_TOP,
                text,
                font.clone(),
                ink,
            );
        }
        if january || month == track.first {
            painter.text(
                Pos2::new(x, track_y + 26.0),
                Align2::CENTER_TOP,
                day.year().to_string(),
                FontId::proportional(13.0),
                strong,
            );
        }
    }
}

/// While playing, the dates shown, stamped in the top-right corner of `map_rect` (drawn over the
/// map, so a recording or a room sees which month each frame is).
pub fn play_date_stamp(ui: &Ui, map_rect: Rect, state: &AppState) {
    if !state.playing {
        return;
    }
    let time = state.filters.time;
    let text = if time.from.month_index() == time.to.month_index() {
        time.to.month_label()
    } else {
        format!("{} – {}", time.from.month_label(), time.to.month_label())
    };
    let painter = ui.painter_at(map_rect);
    let font = FontId::proportional(22.0);
    let visuals = ui.visuals();
    let galley = painter.layout_no_wrap(text, font, visuals.strong_text_color());
    let margin = 12.0;
    // Left of the zoom buttons, never over them.
    let right = crate::map::zoom_buttons_area(map_rect).left() - margin;
    let pos = Pos2::new(right - galley.size().x - 20.0, map_rect.top() + margin);
    let backing = Rect::from_min_size(pos, galley.size() + Vec2::new(20.0, 10.0));
    painter.rect(
        backing,
        CornerRadius::same(6),
        visuals.panel_fill.gamma_multiply(0.92),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Outside,
    );
    painter.galley(
        pos + Vec2::new(10.0, 5.0),
        galley,
        visuals.strong_text_color(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const LATEST: Day = match Day::new(2025, 9, 30) {
        Ok(day) => day,
        Err(_) => panic!("a day"),
    };

    #[test]
    fn the_track_maps_months_to_x_and_back() {
        let track = MonthTrack {
            left: 100.0,
            right: 1100.0,
            first: TIME_START.month_index(),
            last: LATEST.month_index(),
        };
        for month in track.first..=track.last {
            assert_eq!(track.month_at(track.x(month)), month);
            assert_eq!(
                track.month_at(track.x(month) + track.month_width() * 0.4),
                month
            );
        }
        assert_eq!(track.month_at(0.0), track.first);
        assert_eq!(track.month_at(5000.0), track.last);
        assert!(track.month_width() > 18.0, "a month is wide enough to hit");
    }

    #[test]
    fn a_click_moves_the_nearer_end() {
        assert_eq!(jump(10, 20, 5), (5, 20), "before the range: the start");
        assert_eq!(jump(10, 20, 25), (10, 25), "after it: the end");
        assert_eq!(jump(10, 20, 12), (12, 20), "inside, nearer the start");
        assert_eq!(jump(10, 20, 18), (10, 18), "inside, nearer the end");
        assert_eq!(jump(10, 10, 10), (10, 10));
    }

    #[test]
    fn typed_months_are_checked() {
        let (first, last) = (TIME_START.month_index(), LATEST.month_index());
        assert_eq!(
            parse_month("2024-03", first, last),
            Ok(Day::month_start(2024, 3).month_index())
        );
        assert_eq!(
            parse_month(" 2024-03 ", first, last),
            Ok(Day::month_start(2024, 3).month_index())
        );
        assert!(
            parse_month("2024-13", first, last)
                .unwrap_err()
                .contains("YYYY-MM")
        );
        assert!(parse_month("March", first, last).is_err());
        assert!(
            parse_month("2019-01", first, last)
                .unwrap_err()
                .contains("outside the data")
        );
    }

    #[test]
    fn presets_cover_what_they_say() {
        assert_eq!(
            Preset::LastTwelveMonths.range(LATEST),
            Some((Day::month_start(2024, 10), LATEST))
        );
        assert_eq!(
            Preset::Year2024.range(LATEST),
            Some((Day::month_start(2024, 1), Day::month_end(2024, 12)))
        );
        assert_eq!(
            Preset::SinceTakeover.range(LATEST),
            Some((TAKEOVER, LATEST))
        );
        assert_eq!(Preset::AllTime.range(LATEST), None);
        // Data ending mid-2024 cuts "2024" at the newest record.
        let early = Day::month_end(2024, 6);
        assert_eq!(
            Preset::Year2024.range(early),
            Some((Day::month_start(2024, 1), early))
        );
    }
}
