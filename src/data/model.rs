//! The validated, immutable data the app shows: provinces with their geometry and facts, and the
//! sources every fact cites. Built by [`super::load`]; nothing here parses or checks files.

use std::collections::BTreeMap;

use geo::MultiPolygon;

use super::{
    context::{CountryLabel, History, Indicator, Region},
    date::Day,
    gazetteer::Gazetteer,
    grade::{Credibility, Grade, Reliability},
    problems::Problem,
    records::{Attributed, Claim, Event, Group, GroupIdx, Presence, Relationship},
};

/// Index of a province in [`Atlas::provinces`]; stable for the life of one loaded atlas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProvinceIdx(pub usize);

/// A value and the sources that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Ids into [`Atlas::sources`].
    pub sources: Vec<String>,
}

/// A population estimate as its source reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Population {
    /// The head count, when the source gives a number.
    pub count: Option<u64>,
    /// The figure in the source's words, e.g. "1.72m" or "over a million".
    pub as_reported: String,
    /// The year the estimate refers to, e.g. "1400 (2021–22)".
    pub year: String,
    /// Ids into [`Atlas::sources`].
    pub sources: Vec<String>,
}

/// Facts about a province, each with its sources; `None` means not available.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProvinceFacts {
    /// The provincial capital.
    pub capital: Option<Sourced<String>>,
    /// Area in square kilometres.
    pub area_km2: Option<Sourced<f64>>,
    /// Population estimate.
    pub population: Option<Population>,
    /// A caveat worth showing beside the facts.
    pub note: Option<String>,
}

/// One province: names, boundary and facts.
#[derive(Clone, Debug)]
pub struct Province {
    /// ISO 3166-2 code (e.g. `AF-KAB`), or the best identifier the boundary file had.
    pub code: String,
    /// English name.
    pub name: String,
    /// Other spellings it is known by.
    pub alt_names: Vec<String>,
    /// Persian (Dari) name, where known (without the word for "province").
    pub name_fa: Option<String>,
    /// Pashto name, where a source gives one.
    pub name_ps: Option<String>,
    /// Natural Earth `adm1_code`, where known.
    pub adm1_code: Option<String>,
    /// Boundary in longitude/latitude degrees (WGS84), outer rings counter-clockwise.
    pub boundary: MultiPolygon<f64>,
    /// Facts from the atlas data set.
    pub facts: ProvinceFacts,
}

/// What kind of publisher a source is; readers weigh a UN report and a group's claim differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// United Nations reports and statements.
    Un,
    /// Governments and their statistics offices.
    Government,
    /// Research institutes and monitors.
    Research,
    /// News media.
    Media,
    /// A group's own claim.
    GroupClaim,
    /// The originating article.
    Article,
    /// Encyclopaedias and reference tables.
    Reference,
}

impl SourceKind {
    /// A short label for the kind.
    pub fn label(self) -> &'static str {
        match self {
            Self::Un => "UN",
            Self::Government => "government",
            Self::Research => "research",
            Self::Media => "media",
            Self::GroupClaim => "group claim",
            Self::Article => "article",
            Self::Reference => "reference",
        }
    }
}

/// A document that records cite.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Identifier records cite it by.
    pub id: String,
    /// Title of the document.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when known.
    pub date: Option<String>,
    /// Where to read it, when known.
    pub url: Option<String>,
    /// What kind of publisher it is.
    pub kind: SourceKind,
    /// Its reliability on the Admiralty scale; `None` when the file does not grade it.
    pub reliability: Option<Reliability>,
    /// Why it was graded so, where that is not obvious.
    pub grading_note: Option<String>,
}

impl Source {
    /// "Title, Publisher, date" for a credits line.
    pub fn citation(&self) -> String {
        match &self.date {
            Some(date) => format!("{}, {}, {}", self.title, self.publisher, date),
            None => format!("{}, {}", self.title, self.publisher),
        }
    }
}

/// Everything loaded: provinces, the gazetteer over their names, sources, and any problems found.
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    /// Provinces in display (name) order.
    pub provinces: Vec<Province>,
    /// Name → province lookup over every spelling.
    pub gazetteer: Gazetteer,
    /// Sources by id.
    pub sources: BTreeMap<String, Source>,
    /// Resistance groups (and the extremist opposition), in file order.
    pub groups: Vec<Group>,
    /// Where groups operate, and on what evidence.
    pub presence: Vec<Presence>,
    /// Events, in date order.
    pub events: Vec<Event>,
    /// Ties between groups.
    pub relationships: Vec<Relationship>,
    /// The originating article's claims, checked.
    pub claims: Vec<Claim>,
    /// Economic and social series.
    pub indicators: Vec<Indicator>,
    /// Eras and events, 1979 on.
    pub history: History,
    /// Pakistan and Tajikistan.
    pub region: Region,
    /// Where to print neighbouring countries' names.
    pub country_labels: Vec<CountryLabel>,
    /// Everything that was wrong in the files; the rest still loaded.
    pub problems: Vec<Problem>,
}

impl Atlas {
    /// The last day covered by any presence record or event: where the time control ends.
    pub fn latest_record_day(&self) -> Day {
        let presence = self
            .presence
            .iter()
            .map(|p| p.period.to.unwrap_or(p.period.from).end());
        let events = self.events.iter().map(|e| e.date.end());
        let start = super::TIME_START;
        presence.chain(events).max().unwrap_or(start).max(start)
    }

    /// The grade of a record with this credibility citing these sources: its best source's
    /// reliability and its own credibility; `None` when not graded.
    pub fn grade_of(&self, credibility: Option<Credibility>, sources: &[String]) -> Option<Grade> {
        Grade::of_record(
            credibility,
            sources
                .iter()
                .map(|id| self.sources.get(id).and_then(|s| s.reliability)),
        )
    }

    /// The text with "(according to …)" when only one party asserts it: the source's publisher
    /// (or its id, when the source is unknown).
    pub fn attributed(&self, text: &Attributed) -> String {
        match &text.according_to {
            Some(id) => format!("{} (according to {})", text.text, self.source_label(id)),
            None => text.text.clone(),
        }
    }

    /// How "according to …" names a source: its publisher, "the originating article (…)" for
    /// the article.
    pub fn source_label(&self, id: &str) -> String {
        match self.sources.get(id) {
            Some(source) if source.kind == SourceKind::Article => {
                format!("{}, the originating article", source.publisher)
            }
            Some(source) => source.publisher.clone(),
            None => id.to_owned(),
        }
    }

    /// The event with this id, if any.
    pub fn event_by_id(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id.as_deref() == Some(id))
    }

    /// The province at `idx`.
    pub fn province(&self, idx: ProvinceIdx) -> &Province {
        &self.provinces[idx.0]
    }

    /// The province with this ISO code, if any.
    pub fn province_by_code(&self, code: &str) -> Option<ProvinceIdx> {
        self.provinces
            .iter()
            .position(|p| p.code == code)
            .map(ProvinceIdx)
    }

    /// The group at `idx`.
    pub fn group(&self, idx: GroupIdx) -> &Group {
        &self.groups[idx.0]
    }

    /// The group with this id, if any.
    pub fn group_by_id(&self, id: &str) -> Option<GroupIdx> {
        self.groups.iter().position(|g| g.id == id).map(GroupIdx)
    }

    /// The indicator with this id, if any.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Indices of all groups.
    pub fn group_indices(&self) -> impl Iterator<Item = GroupIdx> + use<> {
        (0..self.groups.len()).map(GroupIdx)
    }

    /// Indices of all provinces.
    pub fn province_indices(&self) -> impl Iterator<Item = ProvinceIdx> + use<> {
        (0..self.provinces.len()).map(ProvinceIdx)
    }
}
