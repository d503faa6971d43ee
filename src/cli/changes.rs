//! `resistance-atlas changes --before FROM..TO --after FROM..TO`: what changed between two
//! periods, as CSV — for each shown group in each province with a current record in either
//! period, its strongest evidence before and after (exactly as the map shows each period) and
//! the change.

use std::path::PathBuf;

use crate::{
    data::{Atlas, DataFiles, load_embedded},
    files::{WriteError, WriteTarget, write_to},
    scene::{
        Filters,
        compare::{Comparison, Periods, Seen, Span, compare},
        evidence_id,
    },
};

/// Arguments of `changes`.
#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// The earlier period: FROM..TO, each YYYY, YYYY-MM or YYYY-MM-DD, both ends included
    /// (e.g. 2024-01..2024-12), or one date for its whole span (2024).
    #[arg(long, value_name = "FROM..TO")]
    pub before: String,
    /// The later period, written as --before.
    #[arg(long, value_name = "FROM..TO")]
    pub after: String,
    /// Groups to compare, by id or abbreviation, comma-separated (e.g. NRF,AFF), or "all".
    /// Default: NRF,AFF.
    #[arg(long, value_delimiter = ',')]
    pub groups: Vec<String>,
    /// Count only records graded at least this on the Admiralty scale, e.g. B3.
    #[arg(long, value_name = "GRADE")]
    pub min_grade: Option<String>,
    /// A presence record observed before a period counts as current when last reported within
    /// this many months before its end, as on the map.
    #[arg(long, value_name = "MONTHS", default_value_t = crate::scene::DEFAULT_RECENCY_MONTHS)]
    pub recency_months: u32,
    /// An atlas data set (JSON, see docs/DATA.md) to compare instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Write the CSV here instead of to standard output (never over the data set read).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// What `changes` produced: the CSV, and a one-line summary for standard error.
#[derive(Debug)]
pub struct ChangesReport {
    /// The table.
    pub csv: String,
    /// "3 new, 1 gone, …".
    pub summary: String,
}

/// The CSV header.
pub const HEADER: &str = "iso_3166_2,province,group,before,after,change";

/// Loads the data set `changes` and `export` compare: the file given, else the built-in one.
pub fn load_data(data: Option<&PathBuf>) -> Result<Atlas, String> {
    let Some(path) = data else {
        return Ok(load_embedded());
    };
    let atlas = DataFiles {
        atlas: Some(path.clone()),
        ..DataFiles::default()
    }
    .load()
    .map_err(|problems| {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    if let Some(problem) = atlas.problems.iter().find(|p| p.fatal) {
        return Err(problem.to_string());
    }
    Ok(atlas)
}

/// The two periods of `--before` and `--after`, each named in its mistake.
pub fn parse_periods(before: &str, after: &str) -> Result<Periods, String> {
    let before = Span::parse(before).map_err(|e| format!("--before: {e}"))?;
    let after = Span::parse(after).map_err(|e| format!("--after: {e}"))?;
    Ok(Periods { before, after })
}

/// The filters `changes` and `export` share: groups, grade floor and recency (the dates are
/// set by the caller: a range for one map, the periods for a comparison).
pub fn filters_of(
    atlas: &Atlas,
    groups: &[String],
    min_grade: Option<&str>,
    recency_months: u32,
) -> Result<Filters, String> {
    let visible = super::resolve_groups(atlas, groups)?;
    let min_grade = min_grade
        .map(|code| crate::data::Grade::parse(code).map_err(|e| format!("--min-grade: {e}")))
        .transpose()?;
    Ok(Filters {
        visible_groups: Some(visible),
        min_grade,
        recency_months,
        ..Filters::default()
    })
}

/// The comparison as CSV: one row per province and shown group with a current record in either
/// period, by province name then group id.
pub fn table(atlas: &Atlas, comparison: &Comparison) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(HEADER.split(','))?;
    let word = |seen: Option<Seen>| seen.map_or("none", |s| evidence_id(s.evidence));
    for row in comparison.by_province(atlas) {
        let province = atlas.province(row.province);
        writer.write_record([
            province.code.as_str(),
            province.name.as_str(),
            atlas.group(row.group).id.as_str(),
            word(row.before),
            word(row.after),
            row.change.id(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Runs `changes`: the CSV (also written to `--out` when given) and a summary.
pub fn run_changes(args: &ChangesArgs) -> Result<ChangesReport, String> {
    let periods = parse_periods(&args.before, &args.after)?;
    let atlas = load_data(args.data.as_ref())?;
    let filters = filters_of(
        &atlas,
        &args.groups,
        args.min_grade.as_deref(),
        args.recency_months,
    )?;
    let comparison = compare(&atlas, &filters, periods);
    let csv = table(&atlas, &comparison).map_err(|e| e.to_string())?;
    if let Some(out) = &args.out {
        let target = WriteTarget::new(args.force).protecting(args.data.iter().cloned());
        write_to(out, csv.as_bytes(), &target).map_err(|e| match e {
            WriteError::Exists(path) => format!(
                "{} already exists; add --force to replace it",
                path.display()
            ),
            other => other.to_string(),
        })?;
    }
    let counts: Vec<String> = comparison
        .counts()
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.id()))
        .collect();
    let summary = format!(
        "{} → {}: {} ({} row{})\n",
        periods.before.label(),
        periods.after.label(),
        counts.join(", "),
        comparison.changes.len(),
        if comparison.changes.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    Ok(ChangesReport { csv, summary })
}
