//! ACLED and UCDP GED CSV files: which columns the header row has, and one row → one event.

use std::path::Path;

use csv::ByteRecord;

use super::{
    EventDetails, EventFileError, EventFormat, EventSet, UnplacedReason, day_number,
    details::{geo_precision_label, time_precision_label},
    records::Record,
};
use crate::data::Day;

/// Columns an ACLED export must have, and columns that only ACLED has.
const ACLED_REQUIRED: [&str; 6] = [
    "event_date",
    "latitude",
    "longitude",
    "actor1",
    "actor2",
    "fatalities",
];
const ACLED_SIGNATURE: [&str; 6] = [
    "event_id_cnty",
    "event_date",
    "actor1",
    "fatalities",
    "geo_precision",
    "time_precision",
];
/// Columns a UCDP GED file must have, and columns that only GED has.
const GED_REQUIRED: [&str; 6] = [
    "date_start",
    "latitude",
    "longitude",
    "side_a",
    "side_b",
    "best",
];
const GED_SIGNATURE: [&str; 6] = [
    "relid",
    "side_a",
    "side_b",
    "date_start",
    "best",
    "where_prec",
];

/// Where each column the reader uses is, in one file's header row.
#[derive(Clone, Debug)]
pub(super) struct Columns {
    pub format: EventFormat,
    /// Fields in the header row; a row with another number is malformed.
    pub width: usize,
    pub date: usize,
    pub latitude: usize,
    pub longitude: usize,
    pub actor1: usize,
    pub actor2: usize,
    pub fatalities: usize,
    pub assoc1: Option<usize>,
    pub assoc2: Option<usize>,
    pub admin1: Option<usize>,
    pub time_precision: Option<usize>,
    pub geo_precision: Option<usize>,
    /// The event id column (ACLED `event_id_cnty`, GED `id`), if there is one.
    pub id: Option<usize>,
    /// The event type column (ACLED `event_type`, GED `type_of_violence`), if there is one.
    pub event_type: Option<usize>,
    /// The field delimiter, guessed from the header row (see [`guess_delimiter`]).
    pub delimiter: u8,
    names: Vec<String>,
}

/// The delimiter a CSV file uses, guessed from its first line: the most frequent of comma,
/// semicolon and tab outside quotes (a comma when none is there).
pub(super) fn guess_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|b| *b == b'\n').next().unwrap_or(head);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    delimiters[best]
}

/// The delimiter as a message names it.
pub(super) fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => "semicolons",
        b'\t' => "tabs",
        _ => "commas",
    }
}

impl Columns {
    /// Recognises the format by the header row; names the missing columns otherwise.
    pub fn recognise(
        header: &ByteRecord,
        path: &Path,
        delimiter: u8,
    ) -> Result<Self, EventFileError> {
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let field = if i == 0 {
                    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
                } else {
                    field
                };
                String::from_utf8_lossy(field).trim().to_ascii_lowercase()
            })
            .collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let hits = |signature: &[&str]| signature.iter().filter(|c| find(c).is_some()).count();
        let (format, required, expected) = match (hits(&ACLED_SIGNATURE), hits(&GED_SIGNATURE)) {
            (0, 0) => (None, &ACLED_REQUIRED, "ACLED or UCDP GED"),
            (acled, ged) if acled >= ged => (Some(EventFormat::Acled), &ACLED_REQUIRED, "ACLED"),
            _ => (Some(EventFormat::Ged), &GED_REQUIRED, "UCDP GED"),
        };
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| find(c).is_none())
            .collect();
        let unknown = |missing: String| {
            let mut found = names
                .iter()
                .take(12)
                .map(|name| crate::files::shown(name))
                .collect::<Vec<_>>()
                .join(", ");
            if names.len() > 12 {
                found.push_str(&format!(", … ({} columns)", names.len()));
            }
            found.push_str(&format!(
                "; fields read as separated by {}",
                delimiter_name(delimiter)
            ));
            EventFileError::UnknownHeader {
                path: path.to_owned(),
                expected: expected.to_owned(),
                missing,
                found,
            }
        };
        let Some(format) = format else {
            let ged: Vec<&str> = GED_REQUIRED.to_vec();
            return Err(unknown(format!(
                "the ACLED columns {} (or the UCDP GED columns {})",
                ACLED_REQUIRED.join(", "),
                ged.join(", ")
            )));
        };
        if !missing.is_empty() {
            return Err(unknown(missing.join(", ")));
        }
        let at = |name: &str| find(name).unwrap_or(usize::MAX);
        let columns = match format {
            EventFormat::Ged => Self {
                format,
                width: names.len(),
                date: at("date_start"),
                latitude: at("latitude"),
                longitude: at("longitude"),
                actor1: at("side_a"),
                actor2: at("side_b"),
                fatalities: at("best"),
                assoc1: None,
                assoc2: None,
                admin1: find("adm_1"),
                time_precision: find("date_prec"),
                geo_precision: find("where_prec"),
                id: find("id"),
                event_type: find("type_of_violence"),
                delimiter,
                names,
            },
            _ => Self {
                format,
                width: names.len(),
                date: at("event_date"),
                latitude: at("latitude"),
                longitude: at("longitude"),
                actor1: at("actor1"),
                actor2: at("actor2"),
                fatalities: at("fatalities"),
                assoc1: find("assoc_actor_1"),
                assoc2: find("assoc_actor_2"),
                admin1: find("admin1"),
                time_precision: find("time_precision"),
                geo_precision: find("geo_precision"),
                id: find("event_id_cnty"),
                event_type: find("event_type"),
                delimiter,
                names,
            },
        };
        Ok(columns)
    }

    fn text<'r>(&self, record: &'r ByteRecord, column: &str) -> std::borrow::Cow<'r, str> {
        let field = self
            .names
            .iter()
            .position(|n| n == column)
            .and_then(|i| record.get(i))
            .unwrap_or(b"");
        String::from_utf8_lossy(field.trim_ascii())
    }
}

/// One row's numeric values, parsed; text columns are left for the caller to intern.
pub(super) struct Row {
    pub lon: f64,
    pub lat: f64,
    pub day: i32,
    pub fatalities: u32,
    pub time_precision: u8,
    pub geo_precision: u8,
}

/// Parses the numeric columns of a row; the reason it cannot be placed otherwise. The point is
/// checked before the date, so a row with both wrong reports its coordinates.
pub(super) fn parse_row(
    columns: &Columns,
    bytes: &[u8],
    record: &Record,
) -> Result<(Row, Option<UnplacedReason>), UnplacedReason> {
    if record.len() != columns.width {
        return Err(UnplacedReason::MalformedRow);
    }
    let field = |i: usize| record.get(bytes, i).unwrap_or(b"").trim_ascii();
    let lat = coordinate(field(columns.latitude), 90.0)?;
    let lon = coordinate(field(columns.longitude), 180.0)?;
    let day = parse_day(field(columns.date));
    let small = |i: Option<usize>| {
        i.and_then(|i| std::str::from_utf8(field(i)).ok()?.parse::<u8>().ok())
            .unwrap_or(0)
    };
    let fatalities = fatality_count(field(columns.fatalities))?;
    Ok((
        Row {
            lon,
            lat,
            day: day.unwrap_or(0),
            fatalities,
            time_precision: small(columns.time_precision),
            geo_precision: small(columns.geo_precision),
        },
        day.is_none().then_some(UnplacedReason::BadDate),
    ))
}

/// The most fatalities one event may have; more is a mistake in the file (the deadliest single
/// events recorded in Afghanistan are in the hundreds).
pub(super) const MAX_FATALITIES: u32 = 100_000;

/// A fatality count: a whole number (`3`, or `3.0` as pandas and QGIS write it), empty for 0.
/// A fraction, a negative number, NaN, an exponent or a count over [`MAX_FATALITIES`] is a
/// problem with the row, never a silent 0.
pub(super) fn fatality_count(text: &[u8]) -> Result<u32, UnplacedReason> {
    let text = std::str::from_utf8(text)
        .map_err(|_| UnplacedReason::BadFatalities)?
        .trim();
    if text.is_empty() {
        return Ok(0);
    }
    if let Ok(n) = text.parse::<u32>() {
        return (n <= MAX_FATALITIES)
            .then_some(n)
            .ok_or(UnplacedReason::BadFatalities);
    }
    // "3.0", "3.00": a whole number written as a decimal. No exponents, signs or NaN.
    let (whole, fraction) = text.split_once('.').ok_or(UnplacedReason::BadFatalities)?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(whole)
        && (fraction.is_empty() || (digits(fraction) && fraction.bytes().all(|b| b == b'0')))
    {
        let n = whole
            .parse::<u32>()
            .map_err(|_| UnplacedReason::BadFatalities)?;
        if n <= MAX_FATALITIES {
            return Ok(n);
        }
    }
    Err(UnplacedReason::BadFatalities)
}

fn coordinate(text: &[u8], limit: f64) -> Result<f64, UnplacedReason> {
    if text.is_empty() {
        return Err(UnplacedReason::MissingCoordinates);
    }
    let value = super::decimal::parse_f64(text).ok_or(UnplacedReason::NonNumericCoordinates)?;
    if value.is_finite() && value.abs() <= limit {
        Ok(value)
    } else {
        Err(UnplacedReason::InvalidCoordinates)
    }
}

/// `2024-10-20`, `2024-10-20 00:00:00.000` (GED), `2024-10-20T…`, or `20 October 2024` /
/// `20-Oct-2024` (ACLED's long style), as a [`day_number`].
pub(super) fn parse_day(text: &[u8]) -> Option<i32> {
    let number = |digits: &[u8]| -> Option<i32> {
        if digits.is_empty() || digits.len() > 4 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            digits
                .iter()
                .fold(0i32, |n, d| n * 10 + i32::from(d - b'0')),
        )
    };
    let (year, month, day) = if text.len() >= 10 && text[4] == b'-' && text[7] == b'-' {
        if text.len() > 10 && !matches!(text[10], b' ' | b'T') {
            return None;
        }
        (
            number(&text[..4])?,
            number(&text[5..7])?,
            number(&text[8..10])?,
        )
    } else {
        let mut parts = text
            .split(|b| matches!(b, b' ' | b'-' | b'/'))
            .filter(|p| !p.is_empty());
        let day = number(parts.next()?)?;
        let month = month_number(parts.next()?)?;
        let year = number(parts.next()?)?;
        if parts.next().is_some() {
            return None;
        }
        (year, month, day)
    };
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(day).ok()?;
    // Day::new refuses a year outside YEARS and a day the month does not have.
    Day::new(year, month, day).ok().map(day_number)
}

fn month_number(name: &[u8]) -> Option<i32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = std::str::from_utf8(name).ok()?.to_ascii_lowercase();
    let position = if name.len() == 3 {
        NAMES.iter().position(|m| m.starts_with(&name))
    } else {
        NAMES.iter().position(|m| *m == name)
    };
    position.map(|i| i as i32 + 1)
}

/// Reads event `i`'s row again, at its byte offset, for the event card.
pub(super) fn read_details(set: &EventSet, i: usize) -> Result<EventDetails, EventFileError> {
    use std::io::{Read as _, Seek as _};
    let path = &set.source.path;
    let io = |source| EventFileError::Io {
        path: path.clone(),
        source,
    };
    let invalid = |message: String| EventFileError::Invalid {
        path: path.clone(),
        place: format!("line {}: ", set.row[i]),
        message,
    };
    let head = crate::files::read_head(path, 1 << 20).map_err(|e| invalid(e.to_string()))?;
    let delimiter = guess_delimiter(&head);
    let (mut file, _) = crate::files::open_regular(path).map_err(|e| invalid(e.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&mut file);
    let mut header = ByteRecord::new();
    reader
        .read_byte_record(&mut header)
        .map_err(|e| invalid(e.to_string()))?;
    let columns = Columns::recognise(&header, path, delimiter)?;
    drop(reader);
    file.seek(std::io::SeekFrom::Start(set.offset[i]))
        .map_err(io)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(file.take(16 << 20));
    let mut record = ByteRecord::new();
    let read = reader
        .read_byte_record(&mut record)
        .map_err(|e| invalid(e.to_string()))?;
    if !read || record.len() != columns.width {
        return Err(invalid(
            "the row is no longer there: the file changed since it was opened".to_owned(),
        ));
    }
    let text = |name: &str| columns.text(&record, name).into_owned();
    let join = |parts: &[String], separator: &str| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(separator)
    };
    let format = columns.format;
    let details = match format {
        EventFormat::Ged => {
            let (start, end) = (text("date_start"), text("date_end"));
            EventDetails {
                row: set.row[i],
                event_id: text("id"),
                date: if end.is_empty() || end == start {
                    start
                } else {
                    format!("{start} – {end}")
                },
                event_type: join(
                    &[
                        match text("type_of_violence").as_str() {
                            "1" => "state-based violence".to_owned(),
                            "2" => "non-state violence".to_owned(),
                            "3" => "one-sided violence".to_owned(),
                            other => other.to_owned(),
                        },
                        text("dyad_name"),
                    ],
                    ": ",
                ),
                actor1: text("side_a"),
                actor2: text("side_b"),
                associated_actors: String::new(),
                place: join(
                    &[text("where_description"), text("adm_2"), text("adm_1")],
                    ", ",
                ),
                admin1: text("adm_1"),
                time_precision: time_precision_label(format, set.time_precision[i]).to_owned(),
                geo_precision: geo_precision_label(format, set.geo_precision[i]).to_owned(),
                fatalities: {
                    let (best, low, high) = (text("best"), text("low"), text("high"));
                    if low.is_empty() || high.is_empty() {
                        best
                    } else {
                        format!("{best} (low {low}, high {high})")
                    }
                },
                notes: text("source_headline"),
                source: join(&[text("source_article"), text("source_original")], "; "),
            }
        }
        _ => EventDetails {
            row: set.row[i],
            event_id: text("event_id_cnty"),
            date: text("event_date"),
            event_type: join(&[text("event_type"), text("sub_event_type")], ": "),
            actor1: text("actor1"),
            actor2: text("actor2"),
            associated_actors: join(&[text("assoc_actor_1"), text("assoc_actor_2")], "; "),
            place: join(&[text("location"), text("admin2"), text("admin1")], ", "),
            admin1: text("admin1"),
            time_precision: time_precision_label(format, set.time_precision[i]).to_owned(),
            geo_precision: geo_precision_label(format, set.geo_precision[i]).to_owned(),
            fatalities: text("fatalities"),
            notes: text("notes"),
            source: join(&[text("source"), text("source_scale")], " — "),
        },
    };
    Ok(details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::events::day_from_number;

    #[test]
    fn both_date_styles_of_both_formats_parse_and_impossible_days_do_not() {
        let day = |t: &str| parse_day(t.as_bytes()).map(day_from_number);
        let expected = Day::new(2024, 10, 20).ok();
        for text in [
            "2024-10-20",
            "20 October 2024",
            "20 october 2024",
            "20-Oct-2024",
            "2024-10-20 00:00:00.000",
        ] {
            assert_eq!(day(text), expected, "{text}");
        }
        for bad in [
            "",
            "2023-02-29",
            "31 Febtober 2024",
            "sometime in 2024",
            "2024-10-2x",
            "20 October",
            "2024-10-20junk",
            "0 October 2024",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }

    #[test]
    fn missing_columns_are_named() {
        let header = ByteRecord::from(vec!["event_id_cnty", "event_date", "actor1", "notes"]);
        let error = Columns::recognise(&header, Path::new("x.csv"), b',').expect_err("incomplete");
        let message = error.to_string();
        assert!(
            message.contains("ACLED")
                && message.contains("latitude, longitude, actor2, fatalities"),
            "{message}"
        );
        let header = ByteRecord::from(vec!["a", "b"]);
        let message = Columns::recognise(&header, Path::new("x.csv"), b',')
            .expect_err("unknown")
            .to_string();
        assert!(message.contains("ACLED or UCDP GED"), "{message}");
    }
}
