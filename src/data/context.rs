//! The context around the map, as loaded from `atlas.json`: economic indicators (yearly series),
//! the history timeline (eras and events), the regional picture (Pakistan's repatriation plan,
//! Tajikistan) and where to print the neighbouring countries' names.

use std::collections::BTreeMap;

use super::{date::Date, model::ProvinceIdx};

/// A yearly series, e.g. a World Bank WDI indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    /// Identifier charts refer to (e.g. `gdp_growth`).
    pub id: String,
    /// Publisher's code (e.g. `NY.GDP.MKTP.KD.ZG`), if any.
    pub code: Option<String>,
    /// Readable name.
    pub name: String,
    /// Unit of the values.
    pub unit: String,
    /// What it measures.
    pub definition: String,
    /// Source id.
    pub source: String,
    /// Licence of the data, if stated.
    pub licence: Option<String>,
    /// Caveats.
    pub note: Option<String>,
    /// Values by year; a missing year has no entry (never zero).
    pub values: BTreeMap<i32, f64>,
}

/// A period of history shaded on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    /// e.g. "Soviet war".
    pub name: String,
    /// Start.
    pub from: Date,
    /// End, or `None` for the present.
    pub to: Option<Date>,
    /// Source ids.
    pub sources: Vec<String>,
}

/// A dated event on the history timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEvent {
    /// When.
    pub date: Date,
    /// A few words.
    pub title: String,
    /// One line.
    pub summary: String,
    /// Provinces it happened in.
    pub provinces: Vec<ProvinceIdx>,
    /// A place abroad, if that is where it happened.
    pub place: Option<String>,
    /// Whether no source confirms it (shown flagged).
    pub unverified: bool,
    /// Source ids.
    pub sources: Vec<String>,
}

/// The timeline: eras and events, in date order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Eras.
    pub eras: Vec<Era>,
    /// Events.
    pub events: Vec<HistoryEvent>,
}

/// One phase of Pakistan's Illegal Foreigners Repatriation Plan.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct RepatriationPhase {
    /// 1, 2 or 3.
    pub phase: u8,
    /// Its name.
    pub name: String,
    /// Who it targets.
    pub who: String,
    /// When it starts, if known.
    pub from: Option<String>,
    /// Its deadline, if known.
    pub deadline: Option<String>,
    /// One line.
    pub summary: String,
    /// Source ids.
    pub sources: Vec<String>,
}

/// A reported cumulative count of returns to Afghanistan.
#[derive(Clone, Debug, PartialEq)]
pub struct Returns {
    /// As of when.
    pub date: Date,
    /// How many people.
    pub count: u64,
    /// Caveats.
    pub note: Option<String>,
    /// Source ids.
    pub sources: Vec<String>,
}

/// A sourced statement.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct SourcedNote {
    /// The statement.
    pub text: String,
    /// Source ids.
    pub sources: Vec<String>,
}

/// A dated item about a neighbour.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct RegionItem {
    /// When, if dated.
    pub date: Option<String>,
    /// A few words.
    pub title: String,
    /// One line.
    pub summary: String,
    /// Source ids.
    pub sources: Vec<String>,
}

/// Pakistan and Tajikistan, as they bear on the resistance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Region {
    /// Pakistan in one line.
    pub pakistan_summary: String,
    /// The repatriation plan's phases.
    pub repatriation_phases: Vec<RepatriationPhase>,
    /// Reported returns, in date order.
    pub returns: Vec<Returns>,
    /// Other sourced statements about Pakistan.
    pub pakistan_notes: Vec<SourcedNote>,
    /// Tajikistan in one line.
    pub tajikistan_summary: String,
    /// Dated items about Tajikistan.
    pub tajikistan: Vec<RegionItem>,
}

/// Where to print a neighbouring country's name.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct CountryLabel {
    /// The country's English name.
    pub name: String,
    /// Longitude of the label's centre.
    pub lon: f64,
    /// Latitude of the label's centre.
    pub lat: f64,
}
