//! CSV import: analysts keep presence records and events in a spreadsheet and add them to the
//! data set as CSV. Each row becomes a record of the data set, validated exactly like one written
//! in `atlas.json` (province names through the gazetteer, sources and groups by id, dates), and
//! every problem names the CSV file and line. Columns are documented in docs/DATA.md.

use serde_json::{Map, Value};

use super::Problem;

/// Columns of a presence CSV, in the usual order; the header may order them freely.
pub const PRESENCE_COLUMNS: [&str; 9] = [
    "group",
    "province",
    "evidence",
    "count",
    "from",
    "to",
    "last_reported",
    "note",
    "sources",
];
/// Columns of an events CSV.
pub const EVENT_COLUMNS: [&str; 9] = [
    "date",
    "provinces",
    "district",
    "place",
    "group",
    "target",
    "status",
    "summary",
    "sources",
];
/// Optional grade columns either file may have (see "Grades" in docs/DATA.md).
pub const GRADE_COLUMNS: [&str; 3] = ["reliability", "credibility", "grading_note"];
/// Columns that hold lists, separated by `;` in a cell.
const LIST_COLUMNS: [&str; 2] = ["sources", "provinces"];
/// Columns that may be left empty (then `null`).
const OPTIONAL_COLUMNS: [&str; 11] = [
    "count",
    "to",
    "last_reported",
    "target",
    "note",
    "district",
    "place",
    "group",
    "reliability",
    "credibility",
    "grading_note",
];

/// The records of one CSV file, each with its line.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvRecords {
    /// The file's name, for problems.
    pub file: String,
    /// The data set's array the records join: `presence` or `events`.
    pub key: &'static str,
    /// Each record as the data set's JSON, with its 1-based line in the file.
    pub rows: Vec<(usize, Value)>,
}

/// Reads a presence or events CSV (which, from its header). Rows with a malformed cell are
/// reported and left out; a file without the needed columns is refused.
pub fn read_csv(file: &str, text: &str) -> Result<(CsvRecords, Vec<Problem>), Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Problem::fatal(file, "line 1", format!("the header cannot be read: {e}")))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let (key, columns) = if header.iter().any(|h| h == "evidence") {
        ("presence", PRESENCE_COLUMNS)
    } else if header.iter().any(|h| h == "summary") {
        ("events", EVENT_COLUMNS)
    } else {
        return Err(Problem::fatal(
            file,
            "line 1",
            format!(
                "the header names neither presence columns ({}) nor event columns ({})",
                PRESENCE_COLUMNS.join(", "),
                EVENT_COLUMNS.join(", ")
            ),
        ));
    };
    let missing: Vec<&str> = columns
        .iter()
        .filter(|c| !OPTIONAL_COLUMNS.contains(c) && !header.iter().any(|h| h == *c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(Problem::fatal(
            file,
            "line 1",
            format!("the {key} columns {} are missing", missing.join(", ")),
        ));
    }
    let columns: Vec<&str> = columns
        .iter()
        .chain(
            GRADE_COLUMNS
                .iter()
                .filter(|g| header.iter().any(|h| h == *g)),
        )
        .copied()
        .collect();
    let mut problems: Vec<Problem> = header
        .iter()
        .filter(|h| !columns.contains(&h.as_str()))
        .map(|h| {
            Problem::new(
                file,
                "line 1",
                format!(
                    "column \"{}\" is not one of ours; it was ignored",
                    crate::files::shown(h)
                ),
            )
        })
        .collect();

    // A quote that is never closed swallows the rest of the file into one cell of the last
    // record: say where it opened, and leave that record out.
    let unclosed = unclosed_quote_line(text);
    if let Some(opened) = unclosed {
        problems.push(Problem::new(
            file,
            format!("line {opened}"),
            "a quote (\") opened here is never closed, so the rest of the file became one cell; \
             rows from here on were skipped — close the quote",
        ));
    }
    let mut rows = Vec::new();
    // Lines are counted from each record's byte offset: the csv crate's own line count runs one
    // short with Windows line endings, and counting records would drift at line breaks inside
    // quoted cells.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    // A record's offset can point at the line ending before it (the `\n` of a `\r\n`).
    let line_of = |byte: u64| {
        let skipped = text.get(byte as usize..).map_or(0, |rest| {
            rest.len() - rest.trim_start_matches(['\r', '\n']).len()
        });
        line_starts.partition_point(|&start| start <= byte as usize + skipped)
    };
    let mut previous_line = 1;
    for record in reader.records() {
        let position = match &record {
            Ok(record) => record.position(),
            Err(error) => error.position(),
        };
        let line = position.map_or(previous_line + 1, |p| line_of(p.byte()));
        previous_line = line;
        if unclosed.is_some_and(|opened| line >= opened) {
            continue;
        }
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(Problem::new(
                    file,
                    format!("line {line}"),
                    format!("row skipped: {e}"),
                ));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        match row_to_json(&header, &columns, &record) {
            Ok(value) => rows.push((line, with_current_names(key, value))),
            Err(message) => problems.push(Problem::new(file, format!("line {line}"), message)),
        }
    }
    Ok((
        CsvRecords {
            file: file.to_owned(),
            key,
            rows,
        },
        problems,
    ))
}

/// A row in the data set's current fields: an event's `group` column is its `actor`, and a
/// presence row without `last_reported` was last reported at the end of its period (its start
/// when open-ended).
fn with_current_names(key: &str, mut value: Value) -> Value {
    if let Value::Object(object) = &mut value {
        if key == "events" {
            let actor = object.remove("group").unwrap_or(Value::Null);
            object.insert("actor".to_owned(), actor);
        } else if object.get("last_reported").is_none_or(Value::is_null) {
            let end = match object.get("to") {
                Some(Value::String(to)) => Value::String(to.clone()),
                _ => object.get("from").cloned().unwrap_or(Value::Null),
            };
            object.insert("last_reported".to_owned(), end);
        }
    }
    value
}

/// The 1-based line where a quoted cell opens that is never closed, if one does.
fn unclosed_quote_line(text: &str) -> Option<usize> {
    let mut line = 1;
    let mut opened_at = None;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_at, c) {
            (_, '\n') => {
                line += 1;
                at_field_start = opened_at.is_none();
                continue;
            }
            (None, '"') if at_field_start => opened_at = Some(line),
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next(); // an escaped quote
                } else {
                    opened_at = None;
                }
            }
            _ => {}
        }
        at_field_start = opened_at.is_none() && c == ',';
    }
    opened_at
}

fn row_to_json(
    header: &[String],
    columns: &[&str],
    record: &csv::StringRecord,
) -> Result<Value, String> {
    let mut object = Map::new();
    for column in columns {
        let cell = header
            .iter()
            .position(|h| h == column)
            .and_then(|i| record.get(i))
            .unwrap_or("");
        let value = if cell.is_empty() {
            if OPTIONAL_COLUMNS.contains(column) {
                Value::Null
            } else if LIST_COLUMNS.contains(column) {
                Value::Array(Vec::new())
            } else {
                return Err(format!("row skipped: \"{column}\" is empty"));
            }
        } else if LIST_COLUMNS.contains(column) {
            Value::Array(
                cell.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            )
        } else if *column == "count" || *column == "credibility" {
            let count: u64 = cell.parse().map_err(|_| {
                format!(
                    "row skipped: {column} \"{}\" is not a whole number",
                    crate::files::shown(cell)
                )
            })?;
            Value::from(count)
        } else if *column == "reliability" {
            let grade = super::grade::Reliability::parse(cell)
                .map_err(|message| format!("row skipped: {message}"))?;
            Value::String(grade.letter().to_owned())
        } else if matches!(*column, "evidence" | "status") {
            Value::String(cell.to_ascii_lowercase().replace([' ', '-'], "_"))
        } else {
            Value::String(cell.to_owned())
        };
        object.insert((*column).to_owned(), value);
    }
    Ok(Value::Object(object))
}

/// Where each imported record came from, to put problems back in the CSV's terms.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    /// (data-set key, index in that array, CSV file, line).
    records: Vec<(&'static str, usize, String, usize)>,
}

/// Adds the imported records to the data set's JSON text; returns the new text and where each
/// record came from.
pub fn merge(
    atlas_file: &str,
    atlas_text: &str,
    imports: &[CsvRecords],
) -> Result<(String, Origins), Problem> {
    let mut document: Value = serde_json::from_str(atlas_text)
        .map_err(|e| Problem::fatal(atlas_file, "", format!("not valid JSON: {e}")))?;
    let mut origins = Origins::default();
    for import in imports {
        let Some(object) = document.as_object_mut() else {
            return Err(Problem::fatal(atlas_file, "", "not a JSON object"));
        };
        let array = object
            .entry(import.key)
            .or_insert_with(|| Value::Array(Vec::new()));
        let Some(array) = array.as_array_mut() else {
            return Err(Problem::fatal(
                atlas_file,
                import.key,
                format!("\"{}\" should be an array", import.key),
            ));
        };
        let mut grades = Vec::new();
        for (line, row) in &import.rows {
            origins
                .records
                .push((import.key, array.len(), import.file.clone(), *line));
            let mut row = row.clone();
            let reliability = row.as_object_mut().and_then(|r| r.remove("reliability"));
            if let Some(reliability) = reliability.filter(|r| !r.is_null()) {
                grades.push((row["sources"].clone(), reliability));
            }
            array.push(row);
        }
        for (cited, reliability) in grades {
            grade_new_sources(&mut document, &cited, &reliability);
        }
    }
    Ok((document.to_string(), origins))
}

/// Gives the sources a CSV row cites the row's `reliability`, where the data set has not graded
/// them (a source added for these rows); a graded source keeps its grade.
fn grade_new_sources(document: &mut Value, cited: &Value, reliability: &Value) {
    let Some(sources) = document.get_mut("sources").and_then(Value::as_array_mut) else {
        return;
    };
    let cited: Vec<&str> = cited
        .as_array()
        .map(|ids| ids.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for source in sources.iter_mut().filter_map(Value::as_object_mut) {
        let is_cited = source
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| cited.contains(&id));
        if is_cited && source.get("reliability").is_none_or(Value::is_null) {
            source.insert("reliability".to_owned(), reliability.clone());
        }
    }
}

impl Origins {
    /// Rewrites problems found in imported records (`presence[140].province`) as problems of
    /// their CSV line (`line 7, province` in `my.csv`).
    pub fn relocate(&self, problems: &mut [Problem]) {
        for problem in problems {
            for (key, index, file, line) in &self.records {
                let prefix = format!("{key}[{index}]");
                if let Some(rest) = problem.path.strip_prefix(&prefix)
                    && (rest.is_empty() || rest.starts_with(['.', '[']))
                {
                    let column = rest.trim_start_matches('.');
                    problem.file.clone_from(file);
                    problem.path = if column.is_empty() {
                        format!("line {line}")
                    } else {
                        format!("line {line}, {column}")
                    };
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_rows_become_records_with_their_lines() {
        let text = "group,province,evidence,count,from,to,note,sources\n\
                    NRF,Hirat,Claimed attacks,3,2024-01,2024-03,From a briefing,kabulnow-2024-02; asia-cable-last-holdouts\n\
                    \n\
                    AFF,Kabul,reported,,2024,,,\n\
                    AFF,Kabul,reported,many,2024,,,x\n";
        let (records, problems) = read_csv("mine.csv", text).expect("a presence CSV");
        assert_eq!(records.key, "presence");
        assert_eq!(records.rows.len(), 2);
        let (line, first) = &records.rows[0];
        assert_eq!(*line, 2);
        assert_eq!(first["province"], "Hirat");
        assert_eq!(first["evidence"], "claimed_attacks");
        assert_eq!(first["count"], 3);
        assert_eq!(
            first["sources"],
            serde_json::json!(["kabulnow-2024-02", "asia-cable-last-holdouts"])
        );
        assert_eq!(records.rows[1].1["note"], Value::Null);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "row skipped: count \"many\" is not a whole number (at line 5 in mine.csv)"
        );
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused() {
        let err = read_csv("x.csv", "name,place\nKabul,x\n").expect_err("no columns");
        assert!(err.message.contains("neither presence columns"), "{err}");
        let err = read_csv("x.csv", "group,evidence\nNRF,reported\n").expect_err("missing");
        assert!(
            err.message.contains("province, from, sources are missing"),
            "{err}"
        );
    }

    fn problem_lines(text: &str) -> Vec<String> {
        let (_, problems) = read_csv("x.csv", text).expect("a presence CSV");
        problems.iter().map(|p| p.path.clone()).collect()
    }

    #[test]
    fn lines_are_true_with_windows_endings_and_quoted_line_breaks() {
        let header = "group,province,evidence,count,from,to,note,sources";
        let crlf = format!(
            "{header}\r\nNRF,Kabul,reported,,2024,,,s\r\nNRF,Kabul,reported,x,2024,,,s\r\n"
        );
        assert_eq!(problem_lines(&crlf), ["line 3"]);
        let quoted = format!(
            "{header}\nNRF,Kabul,reported,,2024,,\"two\nlines\",s\nNRF,Kabul,reported,x,2024,,,s\n"
        );
        assert_eq!(problem_lines(&quoted), ["line 4"]);
        let both = quoted.replace('\n', "\r\n");
        assert_eq!(problem_lines(&both), ["line 4"]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let text = "group,province,evidence,count,from,to,note,sources\n\
                    NRF,Kabul,reported,,2024,,ok,s\n\
                    NRF,Kabul,reported,,2024,,\"never closed,s\n\
                    NRF,Hirat,reported,,2024,,,s\n";
        let (records, problems) = read_csv("x.csv", text).expect("a presence CSV");
        assert_eq!(records.rows.len(), 1, "the row before is kept");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "line 3");
        assert!(
            problems[0].message.contains("never closed"),
            "{}",
            problems[0]
        );
        assert_eq!(unclosed_quote_line("a,\"b\"\"c\",d\n\"e\nf\",g\n"), None);
    }

    #[test]
    fn grade_columns_are_optional_checked_and_grade_new_sources() {
        let text = "group,province,evidence,from,sources,credibility,reliability\n\
                    NRF,Kabul,reported,2024,new-src,2,b\n\
                    NRF,Kabul,reported,2024,new-src,two,B\n\
                    NRF,Kabul,reported,2024,new-src,2,G\n";
        let (records, problems) = read_csv("g.csv", text).expect("a presence CSV");
        assert_eq!(records.rows.len(), 1, "{problems:?}");
        assert_eq!(records.rows[0].1["credibility"], 2);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("credibility \"two\" is not a whole number"));
        assert!(messages[1].contains("reliability \"G\" is not one of A, B, C, D, E, F"));

        let atlas = r#"{"schema_version":1,"sources":[{"id":"new-src","reliability":null},{"id":"old","reliability":"A"}]}"#;
        let (merged, _) = merge("a.json", atlas, &[records]).expect("merged");
        let document: Value = serde_json::from_str(&merged).expect("JSON");
        assert_eq!(document["sources"][0]["reliability"], "B");
        assert_eq!(document["sources"][1]["reliability"], "A");
        assert!(document["presence"][0].get("reliability").is_none());
    }
}
