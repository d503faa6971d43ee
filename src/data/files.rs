//! The user's own data files: which boundary file and data set are open (the embedded ones unless
//! the user opened others), reading them safely (size limit, UTF-8, an empty file), and loading
//! them into an [`Atlas`] — or, when a file cannot be used at all, the problems that say why, so
//! the app keeps the data it had.

use std::path::{Path, PathBuf};

use crate::files::{ReadError, read_bounded, read_head};

use super::{
    Atlas, Problem,
    csv_import::{self, CsvRecords},
    load::{EMBEDDED_ATLAS, EMBEDDED_BOUNDARIES, NamedText, load},
};

/// Files larger than this are refused before reading: no real boundary file or data set comes
/// near it, and reading one would stall the app.
pub const MAX_DATA_FILE_BYTES: u64 = 200 * 1_000_000;

/// The files the atlas is loaded from; `None` means the copy compiled into the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DataFiles {
    /// A GeoJSON FeatureCollection of provinces.
    pub boundaries: Option<PathBuf>,
    /// An atlas data set (format in docs/DATA.md).
    pub atlas: Option<PathBuf>,
    /// CSV files of presence records or events added to the data set.
    pub imports: Vec<PathBuf>,
}

impl DataFiles {
    /// The user's files, for watching: those that are not embedded.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.boundaries
            .iter()
            .chain(&self.atlas)
            .chain(&self.imports)
            .map(PathBuf::as_path)
    }

    /// Loads the atlas. `Err` holds the problems when a file is unreadable or unusable as a
    /// whole (not JSON, a newer schema, no provinces); otherwise the atlas, with the problems of
    /// single records inside it.
    pub fn load(&self) -> Result<Atlas, Vec<Problem>> {
        let boundaries = read_or_embedded(
            self.boundaries.as_deref(),
            "provinces.geojson",
            EMBEDDED_BOUNDARIES,
        );
        let atlas_file = read_or_embedded(self.atlas.as_deref(), "atlas.json", EMBEDDED_ATLAS);
        let (boundaries, mut atlas_file) = match (boundaries, atlas_file) {
            (Ok(b), Ok(a)) => (b, a),
            (b, a) => return Err(b.err().into_iter().chain(a.err()).collect()),
        };
        let (imports, import_problems) = self.read_imports()?;
        let origins = if imports.is_empty() {
            csv_import::Origins::default()
        } else {
            let (merged, origins) =
                csv_import::merge(&atlas_file.0, &atlas_file.1, &imports).map_err(|p| vec![p])?;
            atlas_file.1 = merged;
            origins
        };
        let mut atlas = load(
            NamedText {
                name: &boundaries.0,
                text: &boundaries.1,
            },
            NamedText {
                name: &atlas_file.0,
                text: &atlas_file.1,
            },
        );
        origins.relocate(&mut atlas.problems);
        atlas.problems.extend(import_problems);
        if self.boundaries.is_some() {
            let geometry = super::boundaries::geometry_problems(&boundaries.0, &atlas.provinces);
            atlas.problems.extend(geometry);
            let overlaps =
                super::boundary_checks::overlap_problems(&boundaries.0, &atlas.provinces);
            atlas.problems.extend(overlaps);
        }
        // A boundary file that gave no provinces is the problem to report: every province the
        // data set names would otherwise be reported as unknown too.
        let boundaries_failed = atlas.provinces.is_empty()
            || atlas
                .problems
                .iter()
                .any(|p| p.fatal && p.file == boundaries.0);
        if boundaries_failed {
            let mut own: Vec<Problem> = atlas
                .problems
                .into_iter()
                .filter(|p| p.fatal || p.file == boundaries.0)
                .collect();
            if !own.iter().any(|p| p.fatal) {
                own.insert(
                    0,
                    Problem::fatal(&boundaries.0, "", "no usable province in the file"),
                );
            }
            own.sort_by_key(|p| !p.fatal);
            return Err(own);
        }
        let mut fatal: Vec<Problem> = atlas.problems.iter().filter(|p| p.fatal).cloned().collect();
        if fatal.is_empty() {
            Ok(atlas)
        } else {
            // Why the file is refused first, then what else was wrong (often the reason why).
            fatal.extend(atlas.problems.into_iter().filter(|p| !p.fatal));
            Err(fatal)
        }
    }

    /// The imported CSV files' records, and the problems of rows left out.
    fn read_imports(&self) -> Result<(Vec<CsvRecords>, Vec<Problem>), Vec<Problem>> {
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for path in &self.imports {
            let text = read_data_file(path).map_err(|p| vec![p])?;
            let (file, file_problems) =
                csv_import::read_csv(&display_name(path), &text).map_err(|p| vec![p])?;
            records.push(file);
            problems.extend(file_problems);
        }
        Ok((records, problems))
    }
}

/// What a file is, judged by its name, then by its first kilobytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A GeoJSON FeatureCollection of provinces.
    Boundaries,
    /// A deck of slides.
    Deck,
    /// An atlas data set.
    DataSet,
    /// Presence records or events as CSV.
    Csv,
    /// An event data set: an ACLED or UCDP GED export (CSV), or GeoJSON points.
    Events,
}

impl FileKind {
    /// The kind of the file at `path`, by its structure: a CSV by its header row (an ACLED or
    /// GED export, else the atlas's own columns); JSON whose top-level `type` is a GeoJSON type
    /// (or a `.geojson` file) is events when its features are points, boundaries otherwise; one
    /// with `slides` is a deck; anything else (or a file that cannot be read, which loading
    /// then reports) a data set. Never by words found somewhere in the text.
    pub fn of(path: &Path) -> Self {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if extension.as_deref() == Some("csv") {
            // An ACLED or GED export, by its header row; else the atlas's own columns.
            let header = read_head(path, 4096).unwrap_or_default();
            let header = String::from_utf8_lossy(&header);
            return if is_event_csv_header(header.lines().next().unwrap_or("")) {
                Self::Events
            } else {
                Self::Csv
            };
        }
        match read_bounded(path, MAX_DATA_FILE_BYTES) {
            Ok(bytes) => {
                let json = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
                serde_json::from_slice::<TopLevel>(json)
                    .map_or(Self::DataSet, |top| top.kind(extension.as_deref()))
            }
            // Only event files grow this large; anything else is refused with the size when
            // loaded.
            Err(ReadError::TooLarge(..)) if extension.as_deref() == Some("geojson") => Self::Events,
            Err(_) if extension.as_deref() == Some("geojson") => Self::Boundaries,
            Err(_) => Self::DataSet,
        }
    }
}

/// The top-level keys that tell files apart; everything else is skipped without being built.
#[derive(serde::Deserialize)]
struct TopLevel {
    #[serde(rename = "type")]
    geojson_type: Option<serde_json::Value>,
    /// Whether the key is there at all, whatever its value (`"slides": null` too).
    #[serde(default, deserialize_with = "present")]
    slides: bool,
    features: Option<Vec<FeatureHead>>,
}

/// True for any value, `null` included: a key's presence, not its value.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    use serde::Deserialize as _;
    serde::de::IgnoredAny::deserialize(deserializer).map(|_| true)
}

/// A GeoJSON feature, read only as far as its geometry's type.
#[derive(serde::Deserialize)]
struct FeatureHead {
    geometry: Option<GeometryHead>,
}

#[derive(serde::Deserialize)]
struct GeometryHead {
    #[serde(rename = "type")]
    kind: Option<String>,
}

impl TopLevel {
    fn kind(&self, extension: Option<&str>) -> FileKind {
        let geojson = self
            .geojson_type
            .as_ref()
            .and_then(serde_json::Value::as_str)
            .is_some_and(|t| matches!(t, "FeatureCollection" | "Feature"));
        if geojson || extension == Some("geojson") {
            // Points are events; polygons are provinces.
            let types = || {
                self.features
                    .iter()
                    .flatten()
                    .filter_map(|f| f.geometry.as_ref()?.kind.as_deref())
            };
            let points = types().any(|t| matches!(t, "Point" | "MultiPoint"));
            let polygons = types().any(|t| matches!(t, "Polygon" | "MultiPolygon"));
            if points && !polygons {
                FileKind::Events
            } else {
                FileKind::Boundaries
            }
        } else if self.slides {
            FileKind::Deck
        } else {
            FileKind::DataSet
        }
    }
}

/// Whether a CSV header row is an event export's (ACLED: `event_date`, GED: `date_start`, both
/// with `latitude` and `longitude`) rather than the atlas's own presence or event columns.
fn is_event_csv_header(header: &str) -> bool {
    let columns: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let has = |name: &str| columns.iter().any(|c| c == name);
    has("latitude") && has("longitude") && (has("event_date") || has("date_start"))
}

/// A file's name for messages: its full path, so the user knows which copy is meant.
fn display_name(path: &Path) -> String {
    path.display().to_string()
}

fn read_or_embedded(
    path: Option<&Path>,
    embedded_name: &str,
    embedded: &str,
) -> Result<(String, String), Problem> {
    match path {
        Some(path) => read_data_file(path).map(|text| (display_name(path), text)),
        None => Ok((embedded_name.to_owned(), embedded.to_owned())),
    }
}

/// Reads a data file as text, refusing what cannot be one: not a regular file, over
/// [`MAX_DATA_FILE_BYTES`], empty, or not UTF-8. A byte-order mark is dropped.
pub fn read_data_file(path: &Path) -> Result<String, Problem> {
    let name = display_name(path);
    let bytes = read_bounded(path, MAX_DATA_FILE_BYTES)
        .map_err(|e| Problem::fatal(&name, "", e.to_string()))?;
    text_of(&name, bytes)
}

/// The text of a file's bytes, or why they are not usable text.
pub fn text_of(name: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::fatal(name, "", "the file is empty"));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        Problem::fatal(
            name,
            "",
            format!(
                "is not UTF-8 text (the first invalid byte is at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
        let path = std::env::temp_dir().join(format!("atlas-files-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("temp file");
        path
    }

    #[test]
    fn unusable_files_are_refused_with_the_reason_and_the_file() {
        for (name, bytes, expected) in [
            ("empty.json", &b"  \n"[..], "the file is empty"),
            (
                "latin1.json",
                &b"{\"name\": \"Hir\xe2t\"}"[..],
                "not UTF-8 text (the first invalid byte is at offset 13)",
            ),
            ("not-json.json", &b"<html>"[..], "not valid JSON"),
            (
                "newer.json",
                &b"{\"schema_version\": 99}"[..],
                "schema version 99 is not supported",
            ),
        ] {
            let path = temp_file(name, bytes);
            let files = DataFiles {
                atlas: Some(path.clone()),
                ..DataFiles::default()
            };
            let problems = files.load().expect_err(name);
            let text = problems[0].to_string();
            assert!(text.contains(expected), "{name}: {text}");
            assert!(
                text.contains(&path.display().to_string()),
                "{name} names the file: {text}"
            );
            let _ = std::fs::remove_file(path);
        }
        let missing = DataFiles {
            boundaries: Some("/nonexistent/provinces.geojson".into()),
            ..DataFiles::default()
        };
        let problems = missing.load().expect_err("missing");
        assert!(
            problems[0].to_string().contains("could not be read"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_file_over_200_mb_is_refused_before_it_is_read() {
        let path =
            std::env::temp_dir().join(format!("atlas-files-{}-huge.json", std::process::id()));
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(MAX_DATA_FILE_BYTES + 1).expect("sparse file"); // no disk used
        let problem = read_data_file(&path).expect_err("too large");
        assert!(problem.fatal);
        assert!(
            problem.message.contains("files over 200 MB are refused"),
            "{problem}"
        );
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn nan_coordinates_are_not_json_and_out_of_range_ones_are_named() {
        let nan = temp_file("nan.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":{"type":"Polygon","coordinates":[[[NaN,34],[70,34],[70,35],[NaN,34]]]}}]}"#);
        let problems = DataFiles {
            boundaries: Some(nan.clone()),
            ..DataFiles::default()
        }
        .load()
        .expect_err("NaN");
        assert!(
            problems[0].message.contains("not valid JSON"),
            "{}",
            problems[0]
        );
        let far = temp_file("far.geojson", br#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"AF-X","properties":{"name":"X"},"geometry":{"type":"Polygon","coordinates":[[[500,34],[70,34],[70,35],[500,34]]]}}]}"#);
        let problems = DataFiles {
            boundaries: Some(far.clone()),
            ..DataFiles::default()
        }
        .load()
        .expect_err("no province left");
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter().any(|p| p.contains("no usable province")),
            "{text:?}"
        );
        let _ = (std::fs::remove_file(nan), std::fs::remove_file(far));
    }

    #[test]
    fn a_boundary_file_without_provinces_is_refused() {
        let path = temp_file(
            "none.geojson",
            br#"{"type": "FeatureCollection", "features": []}"#,
        );
        let files = DataFiles {
            boundaries: Some(path.clone()),
            ..DataFiles::default()
        };
        let problems = files.load().expect_err("no provinces");
        assert!(
            problems[0].message.contains("no usable province"),
            "{}",
            problems[0]
        );
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_the_embedded_files_load() {
        assert_eq!(
            text_of("x", b"\xef\xbb\xbf{}".to_vec()).expect("text"),
            "{}"
        );
        let atlas = DataFiles::default().load().expect("embedded data loads");
        assert_eq!(atlas.provinces.len(), 34);
    }

    #[test]
    fn what_is_not_a_regular_file_is_refused_before_reading() {
        let folder = std::env::temp_dir();
        let problem = read_data_file(&folder).expect_err("a folder");
        assert!(
            problem.message.contains("is a folder, not a regular file"),
            "{problem}"
        );
        #[cfg(unix)]
        {
            let problem = read_data_file(Path::new("/dev/zero")).expect_err("a device");
            assert!(problem.message.contains("a device"), "{problem}");
            let fifo = std::env::temp_dir().join(format!("atlas-fifo-{}", std::process::id()));
            let _ = std::fs::remove_file(&fifo);
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Without the check, opening it would wait forever for a writer.
                let problem = read_data_file(&fifo).expect_err("a FIFO");
                assert!(problem.message.contains("FIFO"), "{problem}");
                assert_eq!(
                    FileKind::of(&fifo),
                    FileKind::DataSet,
                    "and classifying it returns"
                );
                let _ = std::fs::remove_file(&fifo);
            }
        }
    }

    #[test]
    fn a_file_larger_than_the_bound_is_not_read_into_memory() {
        let path = temp_file("bounded.json", &[b' '; 100]);
        assert!(matches!(
            read_bounded(&path, 99),
            Err(ReadError::TooLarge(100, 99))
        ));
        assert_eq!(read_bounded(&path, 100).expect("fits").len(), 100);
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_file_is_told_by_its_structure_not_by_words_in_it() {
        let data_set = temp_file(
            "mentions.json",
            br#"{"schema_version": 1, "sources": [{"id": "s", "title": "Why a FeatureCollection and \"slides\" matter"}]}"#,
        );
        assert_eq!(FileKind::of(&data_set), FileKind::DataSet);
        let boundaries = temp_file(
            "b.json",
            br#"{"features": [], "type": "FeatureCollection"}"#,
        );
        assert_eq!(FileKind::of(&boundaries), FileKind::Boundaries);
        let deck = temp_file("d.json", br#"{"schema_version": 1, "slides": []}"#);
        assert_eq!(FileKind::of(&deck), FileKind::Deck);
        for value in ["null", "3", "\"x\"", "{}"] {
            let text = format!(r#"{{"schema_version": 1, "slides": {value}}}"#);
            let deck = temp_file("d.json", text.as_bytes());
            assert_eq!(FileKind::of(&deck), FileKind::Deck, "slides: {value}");
        }
        for path in [data_set, boundaries, deck] {
            let _ = std::fs::remove_file(path);
        }
    }

    #[test]
    fn a_broken_boundary_file_reports_only_its_own_problem() {
        let path = temp_file("broken.geojson", br#"{"type": "FeatureCollection"}"#);
        let problems = DataFiles {
            boundaries: Some(path.clone()),
            ..DataFiles::default()
        }
        .load()
        .expect_err("no features");
        assert!(
            problems
                .iter()
                .all(|p| !p.message.contains("unknown province")),
            "{problems:?}"
        );
        assert!(problems.len() <= 2, "{problems:?}");
        let _ = std::fs::remove_file(path);
    }
}
