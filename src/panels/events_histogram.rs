//! The monthly events histogram in the Dates bar, when event files are open: one bar per month
//! over the slider's months (so a bar stands over its month's tick), as tall as the month's
//! events of the groups and event types shown, the months in the chosen range in the accent
//! colour. It only shows; the slider under it chooses.

use egui::{Rect, Sense, Ui, Vec2, WidgetInfo, pos2};

use super::time_control::{MonthTrack, SLIDER_PAD};
use crate::data::{Day, format::thousands};

/// Height of the histogram strip, in points.
pub const HISTOGRAM_HEIGHT: f32 = 30.0;

/// The start of the histogram's accessible label (tests find it by this).
pub const HISTOGRAM_LABEL: &str = "Events per month";

/// What the histogram says to a screen reader: the events in the range and the busiest month.
pub fn histogram_label(monthly: &[(Day, u64)], from: i32, to: i32) -> String {
    let in_range: u64 = monthly
        .iter()
        .filter(|(month, _)| (from..=to).contains(&month.month_index()))
        .map(|(_, n)| n)
        .sum();
    let busiest = monthly
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(month, n)| (*n, std::cmp::Reverse(month.month_index())));
    let mut label = format!(
        "{HISTOGRAM_LABEL}: {} events from {} to {}",
        thousands(in_range as usize),
        Day::from_month_index(from).month_label(),
        Day::from_month_index(to).month_label()
    );
    if let Some((month, n)) = busiest {
        label.push_str(&format!(
            "; most in {} ({})",
            month.month_label(),
            thousands(*n as usize)
        ));
    }
    label
}

/// Shows the histogram of `monthly` (first day of the month, events) over months
/// `first..=last`, with `from..=to` highlighted.
pub fn events_histogram_ui(
    ui: &mut Ui,
    monthly: &[(Day, u64)],
    (from, to): (i32, i32),
    (first, last): (i32, i32),
) {
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(width, HISTOGRAM_HEIGHT), Sense::hover());
    let label = histogram_label(monthly, from, to);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, label.clone()));
    let track = MonthTrack {
        left: rect.left() + SLIDER_PAD,
        right: rect.right() - SLIDER_PAD,
        first,
        last,
    };
    let shown: Vec<(i32, u64)> = monthly
        .iter()
        .map(|(month, n)| (month.month_index(), *n))
        .filter(|(month, _)| (first..=last).contains(month))
        .collect();
    let max = shown.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let visuals = ui.visuals();
    let accent = visuals.selection.bg_fill;
    let other = visuals.widgets.inactive.bg_fill;
    let painter = ui.painter_at(rect);
    let bar_width = (track.month_width() * 0.8).clamp(1.0, 14.0);
    let bottom = rect.bottom() - 2.0;
    let tallest = HISTOGRAM_HEIGHT - 6.0;
    if max > 0 {
        for (month, n) in &shown {
            if *n == 0 {
                continue;
            }
            let height = (tallest * *n as f32 / max as f32).max(1.5);
            let x = track.x(*month);
            let bar = Rect::from_min_max(
                pos2(x - bar_width / 2.0, bottom - height),
                pos2(x + bar_width / 2.0, bottom),
            );
            let colour = if (from..=to).contains(month) {
                accent
            } else {
                other
            };
            painter.rect_filled(bar, 0.0, colour);
        }
    }
    if let Some(pointer) = response.hover_pos() {
        let month = track.month_at(pointer.x);
        let n = shown
            .iter()
            .find(|(m, _)| *m == month)
            .map_or(0, |(_, n)| *n);
        response.on_hover_text_at_pointer(format!(
            "{}: {} event{} of the groups and types shown",
            Day::from_month_index(month).month_label(),
            thousands(n as usize),
            if n == 1 { "" } else { "s" }
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_counts_the_range_and_names_the_busiest_month() {
        let month = |y, m| Day::month_start(y, m);
        let monthly = vec![
            (month(2022, 1), 10),
            (month(2022, 2), 2_500),
            (month(2022, 3), 40),
        ];
        let (jan, mar) = (month(2022, 1).month_index(), month(2022, 3).month_index());
        let label = histogram_label(&monthly, jan + 1, mar);
        assert!(
            label.starts_with("Events per month: 2,540 events"),
            "{label}"
        );
        assert!(
            label.contains("most in") && label.contains("(2,500)"),
            "{label}"
        );
        assert!(histogram_label(&monthly, jan, jan).contains(": 10 events"));
    }
}
