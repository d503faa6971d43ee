//! Problems found while loading data: typed, located, and readable as prose.
//!
//! Loading never stops at the first problem: every loader collects all of them and keeps going with
//! what is valid, so the app can show the full list in its "Data problems" window.

use std::fmt;

/// One thing wrong with a data file, with the place in the file where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file's name as the user knows it (e.g. `provinces.geojson`).
    pub file: String,
    /// Where in the file: a JSON path such as `features[3].geometry.coordinates[0]`, or empty.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
    /// Whether the file could not be used at all (unreadable, not JSON, a newer schema): the app
    /// then keeps the data it had.
    pub fatal: bool,
}

/// The longest message a problem keeps, in characters: a sentence with a few quoted values.
pub const MESSAGE_CHARS: usize = 1_000;

impl Problem {
    /// A problem at `path` in `file`. The message is kept as messages show values (control and
    /// invisible characters escaped, cut after [`MESSAGE_CHARS`]), whatever value from the file
    /// it quotes — the one place every problem passes.
    pub fn new(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            path: path.into(),
            message: crate::files::shown_within(&message.into(), MESSAGE_CHARS),
            fatal: false,
        }
    }

    /// A problem that makes the whole file unusable.
    pub fn fatal(file: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            fatal: true,
            ..Self::new(file, path, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths and long values go last, so the sentence reads first.
        let file = crate::files::shown(&self.file);
        if self.path.is_empty() {
            write!(f, "{} (in {file})", self.message)
        } else {
            let path = crate::files::shown(&self.path);
            write!(f, "{} (at {path} in {file})", self.message)
        }
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_reads_message_first_then_place() {
        let problem = Problem::new(
            "atlas.json",
            "provinces[2].province",
            "unknown province \"Xyz\"",
        );
        assert_eq!(
            problem.to_string(),
            "unknown province \"Xyz\" (at provinces[2].province in atlas.json)"
        );
    }
}
