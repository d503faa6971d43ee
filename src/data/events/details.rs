//! The text of one event for its card, read again from the file when asked for: an event set
//! of a million rows keeps no notes in memory.

use super::{EventFileError, EventFormat, EventSet};

/// An event's text columns, as the file writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventDetails {
    /// Row in the file (1-based line, or feature number).
    pub row: u64,
    /// ACLED `event_id_cnty`, GED `id`.
    pub event_id: String,
    /// The date as written (GED: `date_start`, and `date_end` when different).
    pub date: String,
    /// ACLED `event_type` / `sub_event_type`; GED `type_of_violence` and `dyad_name`.
    pub event_type: String,
    /// ACLED `actor1`, GED `side_a`.
    pub actor1: String,
    /// ACLED `actor2`, GED `side_b`.
    pub actor2: String,
    /// ACLED `assoc_actor_1` and `assoc_actor_2`.
    pub associated_actors: String,
    /// Place: location, admin2, admin1 (GED `where_description`, `adm_2`, `adm_1`).
    pub place: String,
    /// The admin1 / adm_1 text.
    pub admin1: String,
    /// How precisely the date is known, in words.
    pub time_precision: String,
    /// How precisely the place is known, in words.
    pub geo_precision: String,
    /// ACLED `fatalities`, GED `best` (with `low`–`high`).
    pub fatalities: String,
    /// ACLED `notes`; GED `source_headline`.
    pub notes: String,
    /// ACLED `source`; GED `source_article` / `source_original`.
    pub source: String,
}

/// ACLED `time_precision` or GED `date_prec` in words.
pub fn time_precision_label(format: EventFormat, code: u8) -> &'static str {
    match (format, code) {
        (EventFormat::Acled, 1) | (EventFormat::Ged, 1) => "exact day",
        (EventFormat::Acled, 2) => "within a week",
        (EventFormat::Acled, 3) => "within a month",
        (EventFormat::Ged, 2) => "within 2–6 days",
        (EventFormat::Ged, 3) => "within a week",
        (EventFormat::Ged, 4) => "within a month",
        (EventFormat::Ged, 5) => "more than a month",
        _ => "not stated",
    }
}

/// ACLED `geo_precision` or GED `where_prec` in words.
pub fn geo_precision_label(format: EventFormat, code: u8) -> &'static str {
    match (format, code) {
        (EventFormat::Acled, 1) | (EventFormat::Ged, 1) => "exact place",
        (EventFormat::Acled, 2) => "near the place, or a part of a region",
        (EventFormat::Acled, 3) => "a larger region (provincial capital or centre)",
        (EventFormat::Ged, 2) => "within 25 km",
        (EventFormat::Ged, 3) => "second-order division (district)",
        (EventFormat::Ged, 4) => "first-order division (province)",
        (EventFormat::Ged, 5) => "a linear feature or larger area",
        (EventFormat::Ged, 6) => "the country",
        (EventFormat::Ged, 7) => "international waters or airspace",
        _ => "not stated",
    }
}

pub(super) fn read_details(set: &EventSet, i: usize) -> Result<EventDetails, EventFileError> {
    if i >= set.len() {
        return Err(EventFileError::Invalid {
            path: set.source.path.clone(),
            place: String::new(),
            message: format!("there is no event {i} (the file has {})", set.len()),
        });
    }
    match set.source.format {
        EventFormat::Acled | EventFormat::Ged => super::csv_format::read_details(set, i),
        EventFormat::GeoJson => super::geojson_format::read_details(set, i),
    }
}
