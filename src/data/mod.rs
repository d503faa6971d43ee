//! Loading and validating the data the atlas shows.

pub mod atlas_file;
pub mod attack_counts;
pub mod boundaries;
pub mod boundary_checks;
pub mod context;
pub mod csv_import;
pub mod date;
pub mod events;
pub mod files;
pub mod format;
pub mod gazetteer;
pub mod grade;
pub mod load;
pub mod model;
pub mod problems;
pub mod province_index;
pub mod records;
pub mod watch;

pub use context::{CountryLabel, Era, History, HistoryEvent, Indicator, Region};
pub use date::{Date, Day, Period, Precision, TIME_START};
pub use files::DataFiles;
pub use gazetteer::{Gazetteer, LookupError, normalize};
pub use grade::{Credibility, Grade, Reliability};
pub use load::{NamedText, load, load_embedded};
pub use model::{
    Atlas, Population, Province, ProvinceFacts, ProvinceIdx, Source, SourceKind, Sourced,
};
pub use problems::Problem;
pub use records::{
    Attributed, Claim, ClaimStatus, Event, EventStatus, Evidence, Group, GroupIdx, GroupKind,
    Presence, Relationship, RelationshipStatus, Standing,
};
