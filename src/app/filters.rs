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
            FilterCommand::Play(play) => {
                self.state.playing = play;
                self.play_elapsed_secs = 0.0;
                let time = &mut self.state.filters.time;
                if play && (time.all_time || time.to >= self.latest_day) {
                    time.all_time = false;
                    time.to = time.from.end_of_month();
                }
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
        let next = Day::from_month_index(time.to.month_index() + 1);
        if next > self.latest_day {
            return Some(Command::Filter(FilterCommand::Play(false)));
        }
        Some(Command::Filter(FilterCommand::SetTimeRange(
            time.from,
            next.end_of_month().min(self.latest_day),
        )))
    }
}
