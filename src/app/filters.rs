//! Which records are shown: groups, dates, grade floor, playing through time.

use egui::Context;

use super::AtlasApp;
use crate::{
    command::{Command, FilterCommand},
    data::Day,
    scene,
    state::TIME_START,
};

/// Seconds per month while the time control plays.
const PLAY_SECS_PER_MONTH: f32 = 0.7;

impl AtlasApp {
    /// Applies a command of this concern.
    pub(super) fn apply_filter(&mut self, command: FilterCommand) {
        match command {
            FilterCommand::ToggleGroup(group) => {
                let id = &self.atlas.group(group).id;
                let visible = self.state.filters.visible_groups.get_or_insert_default();
                if !visible.remove(id) {
                    visible.insert(id.clone());
                }
            }
            FilterCommand::ShowAllGroups(all) => {
                self.state.filters.visible_groups = Some(if all {
                    scene::resistance_groups(&self.atlas)
                } else {
                    Default::default()
                });
            }
            FilterCommand::SetTimeRange(from, to) => {
                let to = to.clamp(TIME_START, self.latest_day);
                let time = &mut self.state.filters.time;
                time.from = from.clamp(TIME_START, to);
                time.to = to;
                time.all_time = false;
            }
            FilterCommand::SetGradeFloor(floor) => self.state.filters.min_grade = floor,
            FilterCommand::SetRecencyMonths(months) => self.state.filters.recency_months = months,
            FilterCommand::SetAllTime(all) => {
                self.state.filters.time.all_time = all;
                if all {
                    self.state.playing = false;
                }
            }
            FilterCommand::SetComparison(periods) => {
                self.state.filters.compare = periods;
                if periods.is_some() {
                    self.state.playing = false;
                }
            }
            FilterCommand::CompareSinceDeckSaved => self.compare_since_deck_saved(),
            FilterCommand::Play(play) => {
                self.state.playing = play;
                self.play_elapsed_secs = 0.0;
                let window = self.state.play_window_months;
                let time = &mut self.state.filters.time;
                if play && (time.all_time || time.to >= self.latest_day) {
                    time.all_time = false;
                    if window > 0 {
                        time.from = TIME_START;
                        time.to = window_end(time.from, window).min(self.latest_day);
                    } else {
                        time.to = time.from.end_of_month();
                    }
                } else if play && window > 0 {
                    // Playing a window from the range's end: the window ending there.
                    time.from = window_start(time.to, window).max(TIME_START);
                }
            }
            FilterCommand::SetPlayWindow(months) => self.state.play_window_months = months,
        }
    }

    /// "Since the deck was saved": splits before and after at the day the open deck file was
    /// last written; says why when there is no such file or nothing after it.
    fn compare_since_deck_saved(&mut self) {
        let saved = self.state.deck_path.as_deref().map(|path| {
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .map_err(|e| format!("{}: {e}", crate::files::shown_path(path)))
                .and_then(|time| {
                    scene::periods::day_of(time).ok_or_else(|| {
                        format!("{}: saved before 1970", crate::files::shown_path(path))
                    })
                })
        });
        let periods = match saved {
            None => Err("the slides are not saved in a deck file yet".to_owned()),
            Some(saved) => {
                saved.and_then(|day| scene::periods::Periods::since_day(day, self.latest_day))
            }
        };
        match periods {
            Ok(periods) => self.apply_filter(FilterCommand::SetComparison(Some(periods))),
            Err(reason) => {
                self.state.notice = Some(crate::state::Notice::failed(format!(
                    "Cannot compare since the deck was saved: {reason}"
                )));
            }
        }
    }

    pub(super) fn step_play(&mut self, ctx: &Context) -> Option<Command> {
        if !self.state.playing {
            return None;
        }
        ctx.request_repaint();
        self.play_elapsed_secs += ctx.input(|i| i.stable_dt).min(0.1);
        if self.play_elapsed_secs < PLAY_SECS_PER_MONTH {
            return None;
        }
        self.play_elapsed_secs = 0.0;
        let time = self.state.filters.time;
        Some(Command::Filter(
            match play_step(
                time.from,
                time.to,
                self.state.play_window_months,
                self.latest_day,
            ) {
                Some((from, to)) => FilterCommand::SetTimeRange(from, to),
                None => FilterCommand::Play(false),
            },
        ))
    }
}

/// The first day of the `months`-month window ending in `to`'s month.
fn window_start(to: Day, months: u32) -> Day {
    Day::from_month_index(to.month_index() + 1 - months.max(1) as i32)
}

/// The last day of the `months`-month window starting in `from`'s month.
fn window_end(from: Day, months: u32) -> Day {
    Day::from_month_index(from.month_index() + months.max(1) as i32 - 1).end_of_month()
}

/// The range after one step of Play from `from`–`to`: the end a month later, and with a window
/// of `window` months (0: none) the start too; `None` once the end passed `latest`.
fn play_step(from: Day, to: Day, window: u32, latest: Day) -> Option<(Day, Day)> {
    let next = Day::from_month_index(to.month_index() + 1);
    if next > latest {
        return None;
    }
    let to = next.end_of_month().min(latest);
    let from = if window > 0 {
        window_start(to, window).max(TIME_START)
    } else {
        from
    };
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Day {
        Day::new(y, m, d).expect("a day")
    }

    #[test]
    fn play_grows_the_range_or_slides_a_window_month_by_month() {
        let latest = day(2025, 9, 30);
        // Growing: the start stays.
        assert_eq!(
            play_step(TIME_START, day(2022, 1, 31), 0, latest),
            Some((TIME_START, day(2022, 2, 28)))
        );
        // A 3-month window slides: Dec–Feb becomes Jan–Mar.
        assert_eq!(
            play_step(day(2021, 12, 1), day(2022, 2, 28), 3, latest),
            Some((day(2022, 1, 1), day(2022, 3, 31)))
        );
        // A 12-month window keeps twelve months.
        let (from, to) = play_step(day(2022, 1, 1), day(2022, 12, 31), 12, latest).expect("a step");
        assert_eq!((from, to), (day(2022, 2, 1), day(2023, 1, 31)));
        assert_eq!(to.month_index() - from.month_index() + 1, 12);
        // A window never starts before the data.
        assert_eq!(
            play_step(TIME_START, window_end(TIME_START, 12), 12, latest).map(|r| r.0),
            Some(day(2021, 9, 1))
        );
        // The end of the data stops Play.
        assert_eq!(
            play_step(day(2025, 7, 1), day(2025, 9, 30), 3, latest),
            None
        );
    }
}
