//! Event data sets — ACLED exports, the UCDP Georeferenced Event Dataset (GED) and GeoJSON
//! point collections — read into a struct of arrays, each event placed in the province that
//! contains its point.
//!
//! ```text
//! file ─► read_events ─► EventSet (day, lon, lat, province, groups, fatalities, precision, row)
//!           │  header row decides the format; rows streamed, parsed on two cores
//!           ├─ EventContext: ProvinceIndex (point → province), ActorMatcher (actor → groups),
//!           │                the gazetteer (admin1 text → province, only to compare)
//!           └─ rows that cannot be placed ─► EventSet::unplaced (row number and reason)
//! EventSet(s) ─► EventCounts (per group × province, per-day prefix sums: any date range in
//!                O(provinces · log days))
//! ```
//!
//! Events are never placed by their `admin1` text: the point decides. The text is kept and
//! compared, and disagreements are counted. Text columns (notes, source, location) are not held
//! per row: each event keeps the byte offset of its row, and [`EventSet::details`] reads that one
//! row again when a card needs it.

mod aliases;
mod counts;
mod csv_format;
mod days;
mod decimal;
mod details;
mod geojson_format;
mod read;
mod records;
mod repeats;

use std::{
    fmt,
    path::{Path, PathBuf},
};

pub use aliases::{ALIASES_FILE_NAME, ActorAliases, ActorMatcher, AliasFileError};
pub use counts::{EventCounts, EventSelection, ProvinceCount};
pub use days::{day_from_number, day_number};
pub use details::{EventDetails, geo_precision_label, time_precision_label};
pub use read::{read_events, read_events_in_blocks};
pub use repeats::{NO_ID, drop_ids_read_before, id_hash};

use crate::data::{Atlas, Day, Gazetteer, GroupIdx, ProvinceIdx, province_index::ProvinceIndex};

/// The type filters and tables use for an event whose file gives no type.
pub const NO_EVENT_TYPE: &str = "(no type)";

/// UCDP GED's `type_of_violence` codes by name (1 state-based, 2 non-state, 3 one-sided).
pub fn ged_violence_type(code: &str) -> Option<&'static str> {
    match code.trim() {
        "1" => Some("State-based violence"),
        "2" => Some("Non-state violence"),
        "3" => Some("One-sided violence"),
        _ => None,
    }
}

/// The kinds of event file the atlas reads, told apart by the header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventFormat {
    /// An ACLED export (CSV, ACLED's codebook columns).
    Acled,
    /// The UCDP Georeferenced Event Dataset (CSV, GED's columns).
    Ged,
    /// A GeoJSON FeatureCollection of Point features with a date property.
    GeoJson,
}

impl EventFormat {
    /// A short name for messages and the event card: "ACLED", "UCDP GED", "GeoJSON".
    pub fn label(self) -> &'static str {
        match self {
            Self::Acled => "ACLED",
            Self::Ged => "UCDP GED",
            Self::GeoJson => "GeoJSON",
        }
    }
}

/// Where a set of events came from, for the layer's legend and the credits line of exports.
#[derive(Clone, Debug, PartialEq)]
pub struct EventSource {
    /// The file read.
    pub path: PathBuf,
    /// Its format.
    pub format: EventFormat,
    /// The publisher to credit, e.g. "ACLED (Armed Conflict Location & Event Data Project),
    /// acleddata.com". For GeoJSON, the collection's `name` (or the file name).
    pub publisher: String,
}

impl EventSource {
    /// "Events: ACLED (…), file.csv" for a credits line.
    pub fn credit(&self) -> String {
        let file = self
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        format!("Events: {}, {file}", self.publisher)
    }
}

/// A set of groups (bit `i` is [`GroupIdx`] `i`); the atlas's groups fit in 64.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct GroupSet(pub u64);

impl GroupSet {
    /// The largest number of groups a set can hold.
    pub const CAPACITY: usize = 64;

    /// No group.
    pub const EMPTY: Self = Self(0);

    /// Whether the set holds `group`.
    pub fn contains(self, group: GroupIdx) -> bool {
        group.0 < Self::CAPACITY && self.0 & (1 << group.0) != 0
    }

    /// Adds `group` (ignored past [`Self::CAPACITY`]).
    pub fn insert(&mut self, group: GroupIdx) {
        if group.0 < Self::CAPACITY {
            self.0 |= 1 << group.0;
        }
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The groups in the set, in index order.
    pub fn iter(self) -> impl Iterator<Item = GroupIdx> {
        (0..Self::CAPACITY)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(GroupIdx)
    }
}

/// Why a row was not placed on the map. Such rows are never counted and never dropped
/// silently: [`EventSet::unplaced`] lists them with their row numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnplacedReason {
    /// Latitude or longitude is empty.
    MissingCoordinates,
    /// Latitude or longitude is not a number.
    NonNumericCoordinates,
    /// Latitude or longitude is NaN, infinite, or outside ±90° / ±180°.
    InvalidCoordinates,
    /// The point is in no province of the loaded boundaries.
    OutsideBoundaries,
    /// The date is missing or not a date the format allows.
    BadDate,
    /// The row could not be read as a record (e.g. the wrong number of fields).
    MalformedRow,
    /// The fatality count is not a whole number from 0 to 100,000 (e.g. `2.5`, `-5`, `NaN`).
    BadFatalities,
    /// A GeoJSON feature whose geometry is a polygon: an area, not the point of an event.
    PolygonNotPoint,
    /// A GeoJSON feature whose geometry is a line or several points, not one point.
    ShapeNotPoint,
}

impl UnplacedReason {
    /// Every reason, in report order.
    pub const ALL: [Self; 9] = [
        Self::MissingCoordinates,
        Self::NonNumericCoordinates,
        Self::InvalidCoordinates,
        Self::OutsideBoundaries,
        Self::BadDate,
        Self::MalformedRow,
        Self::BadFatalities,
        Self::PolygonNotPoint,
        Self::ShapeNotPoint,
    ];

    /// How the reason reads in a report: "missing coordinates".
    pub fn label(self) -> &'static str {
        match self {
            Self::MissingCoordinates => "missing coordinates",
            Self::NonNumericCoordinates => "coordinates that are not numbers",
            Self::InvalidCoordinates => "NaN or out-of-range coordinates",
            Self::OutsideBoundaries => "outside the provinces",
            Self::BadDate => "missing or bad date",
            Self::MalformedRow => "malformed row",
            Self::BadFatalities => "fatalities not a whole number from 0 to 100000",
            Self::PolygonNotPoint => "a polygon, not a point",
            Self::ShapeNotPoint => "a line or several points, not one point",
        }
    }
}

impl fmt::Display for UnplacedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A row that was not placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unplaced {
    /// Where the row starts in the file: the 1-based line for CSV, the 1-based feature number
    /// for GeoJSON.
    pub row: u64,
    /// Why it was not placed.
    pub reason: UnplacedReason,
}

/// What a file's events are read against: the boundaries (point → province), the actor aliases
/// (actor → groups) and the gazetteer (admin1 text → province, only to compare).
#[derive(Clone, Debug)]
pub struct EventContext {
    /// Point → province over the loaded boundaries.
    pub provinces: ProvinceIndex,
    /// Actor name → groups.
    pub actors: ActorMatcher,
    /// Province names, to compare the admin1 text with the placement.
    pub gazetteer: Gazetteer,
}

impl EventContext {
    /// The context for the atlas's provinces and groups.
    pub fn new(atlas: &Atlas, aliases: &ActorAliases) -> Self {
        Self {
            provinces: ProvinceIndex::new(atlas.provinces.iter().map(|p| &p.boundary)),
            actors: ActorMatcher::new(aliases, atlas),
            gazetteer: atlas.gazetteer.clone(),
        }
    }
}

/// Index of an interned actor name in [`EventSet::actor_names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub u32);

impl ActorId {
    /// No actor (an empty column).
    pub const NONE: Self = Self(u32::MAX);
}

/// The events of one file, column by column: event `i` is `day[i]`, `lon[i]`, `lat[i]`, …
/// Only placed events are here; the rest are in [`Self::unplaced`].
#[derive(Clone, Debug)]
pub struct EventSet {
    /// Where the events came from.
    pub source: EventSource,
    /// Day of each event ([`day_number`]: days since 1970-01-01).
    pub day: Vec<i32>,
    /// Longitude, degrees.
    pub lon: Vec<f32>,
    /// Latitude, degrees.
    pub lat: Vec<f32>,
    /// The province containing the point.
    pub province: Vec<ProvinceIdx>,
    /// The atlas groups on the event's acting side (ACLED `actor1` and `assoc_actor_1`, GED
    /// `side_a`): what group filters and counts use, as for the atlas's own events' `actor`.
    pub groups: Vec<GroupSet>,
    /// The atlas groups on the other side (ACLED `actor2` and `assoc_actor_2`, GED `side_b`):
    /// the groups hit, as for the atlas's own events' `target`.
    pub targets: Vec<GroupSet>,
    /// Fatalities (ACLED `fatalities`, GED `best`; 0 when empty).
    pub fatalities: Vec<u32>,
    /// ACLED `time_precision` (1 day … 3 month or more) or GED `date_prec` (1 … 5); 0 unknown.
    pub time_precision: Vec<u8>,
    /// ACLED `geo_precision` (1 … 3) or GED `where_prec` (1 … 7); 0 unknown.
    pub geo_precision: Vec<u8>,
    /// Row of the event in the file: 1-based line (CSV) or feature number (GeoJSON).
    pub row: Vec<u64>,
    /// Byte offset of the event's row (CSV) or feature index (GeoJSON), for
    /// [`Self::details`].
    pub offset: Vec<u64>,
    /// First actor (ACLED `actor1`, GED `side_a`).
    pub actor1: Vec<ActorId>,
    /// Second actor (ACLED `actor2`, GED `side_b`).
    pub actor2: Vec<ActorId>,
    /// Associated actors (ACLED `assoc_actor_1` and `assoc_actor_2`, split at `;`): an index
    /// into [`Self::assoc_lists`], or `u32::MAX` for none.
    pub assoc: Vec<u32>,
    /// Distinct lists of associated actors: those of `assoc_actor_1`, then [`ActorId::NONE`],
    /// then those of `assoc_actor_2` (a list without the separator is all on the acting side).
    pub assoc_lists: Vec<Vec<ActorId>>,
    /// Distinct actor names; [`ActorId`] indexes it.
    pub actor_names: Vec<String>,
    /// The row's admin1 (GED `adm_1`) text: an index into [`Self::admin1_names`], `u32::MAX`
    /// when empty. Kept to compare, never used for placement.
    pub admin1: Vec<u32>,
    /// Distinct admin1 texts.
    pub admin1_names: Vec<String>,
    /// The event's type (ACLED `event_type`, GED `type_of_violence` by name, GeoJSON
    /// `event_type`): an index into [`Self::type_names`], `u32::MAX` when the file gives none.
    pub event_type: Vec<u32>,
    /// Distinct event types, as [`Self::event_type`] indexes them.
    pub type_names: Vec<String>,
    /// `admin1_places[k]`: the province `admin1_names[k]` names, if it names one.
    pub admin1_places: Vec<Option<ProvinceIdx>>,
    /// How many placed events' admin1 names a province other than the one containing the
    /// point.
    pub admin1_disagreements: usize,
    /// Rows left out because their event id (ACLED `event_id_cnty`, GED `id`, a GeoJSON
    /// feature's `event_id_cnty`, `id` or own `id`) was read before in the same file: each
    /// event is counted once.
    pub duplicate_ids: usize,
    /// Events left out because an earlier file had their event id
    /// ([`drop_ids_read_before`]).
    pub ids_in_earlier_files: usize,
    /// Each event's id as [`id_hash`], [`NO_ID`] when it has none.
    pub id_hash: Vec<u64>,
    /// Rows not placed, in file order.
    pub unplaced: Vec<Unplaced>,
    /// Rows read (placed + unplaced), the header not counted.
    pub rows_read: u64,
}

impl EventSet {
    /// An empty set from `source`.
    pub fn empty(source: EventSource) -> Self {
        Self {
            source,
            day: Vec::new(),
            lon: Vec::new(),
            lat: Vec::new(),
            province: Vec::new(),
            groups: Vec::new(),
            targets: Vec::new(),
            fatalities: Vec::new(),
            time_precision: Vec::new(),
            geo_precision: Vec::new(),
            row: Vec::new(),
            offset: Vec::new(),
            actor1: Vec::new(),
            actor2: Vec::new(),
            assoc: Vec::new(),
            assoc_lists: Vec::new(),
            actor_names: Vec::new(),
            admin1: Vec::new(),
            admin1_names: Vec::new(),
            event_type: Vec::new(),
            type_names: Vec::new(),
            admin1_places: Vec::new(),
            admin1_disagreements: 0,
            duplicate_ids: 0,
            ids_in_earlier_files: 0,
            id_hash: Vec::new(),
            unplaced: Vec::new(),
            rows_read: 0,
        }
    }

    /// Number of placed events.
    pub fn len(&self) -> usize {
        self.day.len()
    }

    /// Whether no event was placed.
    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// The day of event `i`.
    pub fn day_of(&self, i: usize) -> Day {
        day_from_number(self.day[i])
    }

    /// The type of event `i` ([`NO_EVENT_TYPE`] when the file gives none).
    pub fn type_of(&self, i: usize) -> &str {
        self.event_type
            .get(i)
            .and_then(|t| self.type_names.get(*t as usize))
            .map_or(NO_EVENT_TYPE, String::as_str)
    }

    /// The name of an actor, or "" for [`ActorId::NONE`].
    pub fn actor_name(&self, actor: ActorId) -> &str {
        self.actor_names
            .get(actor.0 as usize)
            .map_or("", String::as_str)
    }

    /// Unplaced rows counted by reason, in [`UnplacedReason::ALL`] order, zeros left out.
    pub fn unplaced_by_reason(&self) -> Vec<(UnplacedReason, usize)> {
        let mut counts = [0usize; UnplacedReason::ALL.len()];
        for unplaced in &self.unplaced {
            counts[unplaced.reason as usize] += 1;
        }
        UnplacedReason::ALL
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The actors of event `i`: actor1, actor2 and the associated actors.
    pub fn actors_of(&self, i: usize) -> impl Iterator<Item = ActorId> + '_ {
        let assoc = self
            .assoc_lists
            .get(self.assoc[i] as usize)
            .map_or(&[][..], Vec::as_slice);
        [self.actor1[i], self.actor2[i]]
            .into_iter()
            .chain(assoc.iter().copied())
            .filter(|a| *a != ActorId::NONE)
    }

    /// The actors of event `i` on each side: (actor1 and `assoc_actor_1`, actor2 and
    /// `assoc_actor_2`).
    pub fn actors_by_side(&self, i: usize) -> (Vec<ActorId>, Vec<ActorId>) {
        let assoc = self
            .assoc
            .get(i)
            .and_then(|a| self.assoc_lists.get(*a as usize))
            .map_or(&[][..], Vec::as_slice);
        let (first, second) = match assoc.iter().position(|a| *a == ActorId::NONE) {
            Some(at) => (&assoc[..at], &assoc[at + 1..]),
            None => (assoc, &[][..]),
        };
        let side = |main: Option<&ActorId>, rest: &[ActorId]| -> Vec<ActorId> {
            main.into_iter()
                .chain(rest)
                .copied()
                .filter(|a| *a != ActorId::NONE)
                .collect()
        };
        (
            side(self.actor1.get(i), first),
            side(self.actor2.get(i), second),
        )
    }

    /// Actor names that map to no group, with how many placed events name them (as actor1,
    /// actor2 or an associated actor), most frequent first.
    pub fn unmapped_actors(&self, matcher: &ActorMatcher) -> Vec<(&str, usize)> {
        let mut counts = vec![0usize; self.actor_names.len()];
        for i in 0..self.len() {
            for actor in self.actors_of(i) {
                if let Some(n) = counts.get_mut(actor.0 as usize) {
                    *n += 1;
                }
            }
        }
        let mut unmapped: Vec<(&str, usize)> = self
            .actor_names
            .iter()
            .zip(counts)
            .filter(|(name, n)| *n > 0 && matcher.groups_of(name).is_empty())
            .map(|(name, n)| (name.as_str(), n))
            .collect();
        unmapped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        unmapped
    }

    /// Re-derives every event's groups from its actors, after the user changed the aliases.
    pub fn remap_groups(&mut self, matcher: &ActorMatcher) {
        let by_actor: Vec<GroupSet> = self
            .actor_names
            .iter()
            .map(|name| matcher.groups_of(name))
            .collect();
        let union = |actors: &[ActorId]| {
            actors
                .iter()
                .filter_map(|a| by_actor.get(a.0 as usize))
                .fold(GroupSet::EMPTY, |acc, g| GroupSet(acc.0 | g.0))
        };
        let (groups, targets) = (0..self.len())
            .map(|i| {
                let (acting, hit) = self.actors_by_side(i);
                (union(&acting), union(&hit))
            })
            .unzip();
        self.groups = groups;
        self.targets = targets;
    }

    /// The text columns of event `i` (date, actors, place, notes, source…), read again from the
    /// file at the event's offset.
    pub fn details(&self, i: usize) -> Result<EventDetails, EventFileError> {
        details::read_details(self, i)
    }
}

/// Why a file could not be read at all. (Rows that cannot be placed are not errors: see
/// [`EventSet::unplaced`].)
#[derive(Debug, thiserror::Error)]
pub enum EventFileError {
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {source}", crate::files::shown_path(.path))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The header row lacks columns the format needs (or is neither ACLED's nor UCDP GED's).
    #[error(
        "{}: line 1: not a readable {expected} file: the header row lacks {missing} (it has: {found})",
        crate::files::shown_path(.path)
    )]
    UnknownHeader {
        /// The file.
        path: PathBuf,
        /// The format(s) the header was read as, e.g. "ACLED" or "ACLED or UCDP GED".
        expected: String,
        /// The columns missing, e.g. "event_date, latitude".
        missing: String,
        /// The first columns found.
        found: String,
    },
    /// The file is in a known format but something in it is wrong (e.g. not UTF-8, not a
    /// FeatureCollection).
    #[error("{}: {place}{message}", crate::files::shown_path(.path))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where, e.g. "line 1: " or "".
        place: String,
        /// What is wrong.
        message: String,
    },
    /// The user cancelled.
    #[error("{}: reading cancelled", crate::files::shown_path(.path))]
    Cancelled {
        /// The file.
        path: PathBuf,
    },
}

impl EventFileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::UnknownHeader { path, .. }
            | Self::Invalid { path, .. }
            | Self::Cancelled { path } => path,
        }
    }
}
