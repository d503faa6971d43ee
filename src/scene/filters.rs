//! What the map is asked to show: which groups, over which dates, at which grade floor, and how
//! the Events layer draws. The scene is computed from these and the atlas; the app keeps them in
//! its state and saves them with it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::data::{Day, TIME_START};

/// Which dates the map and panels show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeFilter {
    /// Ignore dates and show every record.
    pub all_time: bool,
    /// First day shown.
    pub from: Day,
    /// Last day shown.
    pub to: Day,
}

impl Default for TimeFilter {
    fn default() -> Self {
        Self {
            all_time: true,
            from: TIME_START,
            to: Day::month_end(2025, 12),
        }
    }
}

impl TimeFilter {
    /// The inclusive range of days shown, or `None` for all time.
    pub fn range(&self) -> Option<(Day, Day)> {
        (!self.all_time).then_some((self.from, self.to))
    }

    /// Pulls the range inside August 2021 – `latest` (a slide or saved state may predate the
    /// data shown now).
    pub fn keep_within(&mut self, latest: Day) {
        self.to = self.to.clamp(TIME_START, latest);
        self.from = self.from.clamp(TIME_START, self.to);
    }
}

/// What the map overlays: which groups, over which dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Ids of the groups shown; `None` until the first data load picks the defaults.
    pub visible_groups: Option<BTreeSet<String>>,
    /// The dates shown.
    pub time: TimeFilter,
    /// Show only records graded at least this (Admiralty scale); `None` shows every record.
    pub min_grade: Option<crate::data::Grade>,
    /// How the Events layer draws.
    pub events: super::events::EventLayerSettings,
    /// Event types (ACLED `event_type`, GED `type_of_violence` by name) left off the Events
    /// layer, its counts and its exports; kept by name, so a type not seen yet is shown.
    pub hidden_event_types: BTreeSet<String>,
    /// A presence record observed before the dates shown still counts as current when it was
    /// last reported within this many months before their end; older ones are stale.
    pub recency_months: u32,
    /// Comparison mode: the two periods compared, drawn as the change map instead of the map
    /// for [`Self::time`]; `None` shows one period. Saved with slides.
    pub compare: Option<super::periods::Periods>,
}

/// The recency horizon before the chosen dates' end (see [`Filters::recency_months`]).
pub const DEFAULT_RECENCY_MONTHS: u32 = 12;

impl Default for Filters {
    fn default() -> Self {
        Self {
            visible_groups: None,
            time: TimeFilter::default(),
            min_grade: None,
            events: Default::default(),
            hidden_event_types: BTreeSet::new(),
            recency_months: DEFAULT_RECENCY_MONTHS,
            compare: None,
        }
    }
}

impl Filters {
    /// Whether the group with this id is shown.
    pub fn shows(&self, group_id: &str) -> bool {
        self.visible_groups
            .as_ref()
            .is_some_and(|set| set.contains(group_id))
    }
}
