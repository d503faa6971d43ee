//! Actor names in event files → the atlas's groups. ACLED and GED name actors their own way
//! ("NRF: National Resistance Front of Afghanistan", "IS"); a table of aliases, saved in the
//! data folder as `actor_aliases.json` and editable in the app, says which group each means.

use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
};

use super::GroupSet;
use crate::data::{Atlas, GroupIdx};

/// The alias table's file name in the data folder.
pub const ALIASES_FILE_NAME: &str = "actor_aliases.json";

/// The largest alias table read (a table of a few thousand names is well under 1 MB).
pub const MAX_ALIASES_BYTES: u64 = 8_000_000;

/// The built-in aliases: names ACLED and UCDP GED use for the atlas's groups.
const DEFAULT_ALIASES: &[(&str, &str)] = &[
    ("NRF: National Resistance Front of Afghanistan", "NRF"),
    ("National Resistance Front of Afghanistan", "NRF"),
    ("National Resistance Front", "NRF"),
    ("NRF", "NRF"),
    ("NRFA", "NRF"),
    ("AFF: Afghanistan Freedom Front", "AFF"),
    ("Afghanistan Freedom Front", "AFF"),
    ("AFF", "AFF"),
    ("ALM: Afghanistan Liberation Movement", "ALM"),
    ("Afghanistan Liberation Movement", "ALM"),
    ("NLFA: National Liberation Front of Afghanistan", "NLF"),
    ("National Liberation Front of Afghanistan", "NLF"),
    ("AUF: Afghanistan United Front", "AUF"),
    ("Afghanistan United Front", "AUF"),
    ("Islamic State (Afghanistan)", "ISKP"),
    ("Islamic State Khorasan Province", "ISKP"),
    ("Islamic State (Khorasan Province)", "ISKP"),
    ("Islamic State - Khorasan Province", "ISKP"),
    ("ISKP: Islamic State Khorasan Province", "ISKP"),
    ("ISKP", "ISKP"),
    ("IS-K", "ISKP"),
    ("ISIS-K", "ISKP"),
    ("ISIL-K", "ISKP"),
    // UCDP GED's name for the Islamic State, whose Afghan branch is ISKP.
    ("IS", "ISKP"),
];

/// Which group each actor name means. Names are compared case-insensitively, ignoring
/// punctuation and spacing.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActorAliases {
    /// Actor name as the files write it → group id (e.g. `NRF`).
    pub aliases: BTreeMap<String, String>,
}

impl Default for ActorAliases {
    fn default() -> Self {
        Self {
            aliases: DEFAULT_ALIASES
                .iter()
                .map(|(actor, group)| ((*actor).to_owned(), (*group).to_owned()))
                .collect(),
        }
    }
}

/// Why the alias file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum AliasFileError {
    /// Reading or writing failed.
    #[error("{}: {source}", crate::files::shown_path(.path))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a regular file, or too large, or could not be written.
    #[error("{}: {message}", crate::files::shown_path(.path))]
    Refused {
        /// The file.
        path: PathBuf,
        /// What the reader or the writer said.
        message: String,
    },
    /// The file is not an alias table.
    #[error("{}: not an actor alias table: {}", crate::files::shown_path(.path), crate::files::shown_within(.message, 1_000))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What serde said, with the line and column.
        message: String,
    },
}

impl ActorAliases {
    /// Reads a table saved by [`Self::save`].
    pub fn load(path: &Path) -> Result<Self, AliasFileError> {
        let bytes = crate::files::read_bounded(path, MAX_ALIASES_BYTES).map_err(|e| {
            AliasFileError::Refused {
                path: path.to_owned(),
                message: e.to_string(),
            }
        })?;
        serde_json::from_slice(&bytes).map_err(|e| AliasFileError::Invalid {
            path: path.to_owned(),
            message: e.to_string(),
        })
    }

    /// The table in `dir` (the data folder), or the built-in one when there is no file yet.
    pub fn load_or_default(dir: &Path) -> Result<Self, AliasFileError> {
        let path = dir.join(ALIASES_FILE_NAME);
        if std::fs::symlink_metadata(&path).is_ok() {
            Self::load(&path)
        } else {
            Ok(Self::default())
        }
    }

    /// Writes the table as JSON, replacing `path` only once the new file is complete.
    pub fn save(&self, path: &Path) -> Result<(), AliasFileError> {
        let io = |source| AliasFileError::Io {
            path: path.to_owned(),
            source,
        };
        let text = serde_json::to_string_pretty(self).map_err(|e| io(e.into()))?;
        crate::files::write_atomic(path, (text + "\n").as_bytes(), true).map_err(|e| {
            AliasFileError::Refused {
                path: path.to_owned(),
                message: e.to_string(),
            }
        })
    }

    /// Maps `actor` to the group `group_id`, or removes its alias with `None`.
    pub fn set(&mut self, actor: &str, group_id: Option<&str>) {
        let key = actor_key(actor);
        self.aliases.retain(|name, _| actor_key(name) != key);
        if let Some(group) = group_id {
            self.aliases
                .insert(actor.trim().to_owned(), group.to_owned());
        }
    }
}

/// The key actor names are compared by: lower case, letters and digits, single spaces.
pub fn actor_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The alias table resolved against the atlas's groups: actor name → [`GroupSet`]. Each group's
/// id, name, abbreviations and other names match it too.
#[derive(Clone, Debug, Default)]
pub struct ActorMatcher {
    by_key: HashMap<String, GroupSet>,
    /// Aliases naming a group id the atlas does not have: (actor, group id).
    pub unknown_groups: Vec<(String, String)>,
}

impl ActorMatcher {
    /// Resolves `aliases` against `atlas`'s groups.
    pub fn new(aliases: &ActorAliases, atlas: &Atlas) -> Self {
        let mut matcher = Self::default();
        for (i, group) in atlas.groups.iter().enumerate() {
            let names = std::iter::once(&group.id)
                .chain(std::iter::once(&group.name))
                .chain(&group.abbreviations)
                .chain(&group.other_names);
            for name in names {
                matcher.add(name, GroupIdx(i));
            }
        }
        for (actor, group_id) in &aliases.aliases {
            let group = atlas
                .groups
                .iter()
                .position(|g| g.id.eq_ignore_ascii_case(group_id.trim()));
            match group {
                Some(i) => matcher.add(actor, GroupIdx(i)),
                None => matcher
                    .unknown_groups
                    .push((actor.clone(), group_id.clone())),
            }
        }
        matcher
    }

    fn add(&mut self, name: &str, group: GroupIdx) {
        let key = actor_key(name);
        if !key.is_empty() {
            self.by_key.entry(key).or_default().insert(group);
        }
    }

    /// The groups an actor name means (empty when none).
    pub fn groups_of(&self, actor: &str) -> GroupSet {
        self.by_key
            .get(&actor_key(actor))
            .copied()
            .unwrap_or_default()
    }
}
