//! The command line: `resistance-atlas export …` renders a map without a display, for scripted
//! decks. Parsing is clap's; this module turns arguments into an export and every mistake into a
//! message that says what was wrong.

use std::path::PathBuf;

pub mod events;

pub use events::{EventsArgs, EventsBy, EventsReport, run_events};

use crate::{
    data::{Atlas, Date, Day, load_embedded},
    export::{MapExport, PageSize, describe_filters, export_to_file},
    geometry::MapGeometry,
    map::view::fit_view,
    state::{Filters, TIME_START, TimeFilter},
};

/// Resistance Atlas: a desktop atlas of armed resistance to the Taliban in Afghanistan.
/// Without a subcommand, opens the app.
#[derive(Debug, clap::Parser)]
#[command(
    name = "resistance-atlas",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do instead of opening the app.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A file to open in the app: a data set, a boundary file (GeoJSON) or a deck.
    pub file: Option<PathBuf>,
}

/// Headless commands.
#[derive(Debug, clap::Subcommand)]
pub enum CliCommand {
    /// Export a map to PNG or SVG (format from the file name), without opening a window.
    Export(ExportArgs),
    /// Export a deck saved from the app: one 1920×1080 PNG per slide and deck.pdf, into a folder.
    ExportDeck(ExportDeckArgs),
    /// Check data files (boundaries, data set, deck) and print every problem with its place in
    /// the file; exit status 1 when there is one.
    Validate(ValidateArgs),
    /// Count the events of ACLED, UCDP GED or GeoJSON files by province, month or group, as
    /// CSV; each event placed by its coordinates. Rows that cannot be placed are reported on
    /// standard error by reason; exit status 1 when a file cannot be read.
    Events(EventsArgs),
}

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The files: a GeoJSON boundary file, an atlas data set, a CSV of presence records or
    /// events, a deck, or several. A data set is checked against the boundary file given with
    /// it, else the built-in one; a CSV is checked as part of the data set given, else the
    /// built-in one.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs `validate`: returns the report to print and whether every file is clean.
pub fn run_validate(args: &ValidateArgs) -> (String, bool) {
    use crate::data::{DataFiles, Problem, files::FileKind};
    let mut files = DataFiles::default();
    let mut problems: Vec<Problem> = Vec::new();
    let mut checked = Vec::new();
    for path in &args.files {
        match FileKind::of(path) {
            FileKind::Boundaries => files.boundaries = Some(path.clone()),
            FileKind::DataSet => files.atlas = Some(path.clone()),
            FileKind::Csv => files.imports.push(path.clone()),
            FileKind::Events => checked.push(format!(
                "{}: an event file (check it with the `events` command)",
                path.display()
            )),
            FileKind::Deck => match crate::deck::Deck::load(path) {
                Ok(deck) => checked.push(format!(
                    "{}: a deck of {} slides",
                    path.display(),
                    deck.slides.len()
                )),
                Err(error) => problems.push(Problem::fatal(
                    &path.display().to_string(),
                    "",
                    error.to_string(),
                )),
            },
        }
    }
    if files != DataFiles::default() {
        match files.load() {
            Ok(atlas) => {
                checked.push(format!(
                    "{} provinces, {} groups, {} presence records, {} events, {} sources",
                    atlas.provinces.len(),
                    atlas.groups.len(),
                    atlas.presence.len(),
                    atlas.events.len(),
                    atlas.sources.len()
                ));
                problems.extend(atlas.problems);
            }
            Err(fatal) => problems.extend(fatal),
        }
    }
    let mut report = String::new();
    for problem in &problems {
        let place = if problem.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", problem.path)
        };
        report.push_str(&format!("{}: {place}{}\n", problem.file, problem.message));
    }
    if problems.is_empty() {
        report.push_str(&format!("OK: {}\n", checked.join("; ")));
    } else {
        report.push_str(&format!(
            "{} problem{}\n",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ));
    }
    (report, problems.is_empty())
}

/// Arguments of `export-deck`.
#[derive(Debug, clap::Args)]
pub struct ExportDeckArgs {
    /// The deck file (JSON, saved from the Slides tab).
    pub deck: PathBuf,
    /// The folder to write into (made if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Replace files of the same names in the folder.
    #[arg(long)]
    pub force: bool,
}

/// Runs `export-deck`; returns the paths written.
pub fn run_export_deck(args: &ExportDeckArgs) -> Result<Vec<PathBuf>, String> {
    let deck = crate::deck::Deck::load(&args.deck).map_err(|e| e.to_string())?;
    if deck.slides.is_empty() {
        return Err(format!("{} has no slides", args.deck.display()));
    }
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    crate::export::export_deck(&atlas, &geometry, &deck, None, &args.out, args.force)
        .map_err(|e| e.to_string())
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Groups to show, by id or abbreviation, comma-separated (e.g. NRF,AFF), or "all".
    /// Default: NRF,AFF.
    #[arg(long, value_delimiter = ',')]
    pub groups: Vec<String>,
    /// First date shown (YYYY, YYYY-MM or YYYY-MM-DD). Default: the beginning (Aug 2021).
    #[arg(long)]
    pub from: Option<String>,
    /// Last date shown (YYYY, YYYY-MM or YYYY-MM-DD). Default: the newest record.
    #[arg(long)]
    pub to: Option<String>,
    /// Title printed above the map.
    #[arg(long, default_value = "Armed resistance to the Taliban")]
    pub title: String,
    /// Subtitle; by default the groups and dates shown.
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Size in pixels (WIDTHxHEIGHT), or hd, 4k, a4 (A4 landscape at 300 dpi).
    #[arg(long, default_value = "1920x1080")]
    pub size: String,
    /// Where to write: a .png or .svg file.
    #[arg(long)]
    pub out: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Resolves group names against the atlas: ids or abbreviations, any case; "all" for every
/// resistance group.
pub fn resolve_groups(
    atlas: &Atlas,
    names: &[String],
) -> Result<std::collections::BTreeSet<String>, String> {
    if names.is_empty() {
        return Ok(crate::scene::default_visible_groups(atlas));
    }
    let mut ids = std::collections::BTreeSet::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if name.eq_ignore_ascii_case("all") {
            ids.extend(crate::scene::resistance_groups(atlas));
            continue;
        }
        let found = atlas.groups.iter().find(|g| {
            g.id.eq_ignore_ascii_case(name)
                || g.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(name))
        });
        match found {
            Some(group) => {
                ids.insert(group.id.clone());
            }
            None => {
                let known: Vec<&str> = atlas.groups.iter().map(|g| g.id.as_str()).collect();
                return Err(format!(
                    "unknown group \"{name}\"; known groups: {}",
                    known.join(", ")
                ));
            }
        }
    }
    Ok(ids)
}

/// The date filter for `--from` / `--to`.
pub fn time_filter(
    from: Option<&str>,
    to: Option<&str>,
    latest: Day,
) -> Result<TimeFilter, String> {
    let parse = |flag: &str, text: &str| Date::parse(text).map_err(|e| format!("--{flag}: {e}"));
    let from_date = from.map(|f| parse("from", f)).transpose()?;
    let to_date = to.map(|t| parse("to", t)).transpose()?;
    if from_date.is_none() && to_date.is_none() {
        return Ok(TimeFilter {
            all_time: true,
            ..TimeFilter::default()
        });
    }
    let first = from_date.map_or(TIME_START, |d| d.start);
    let last = to_date.map_or(latest, |d| d.end());
    if last < first {
        return Err(format!("--to ({last}) is before --from ({first})"));
    }
    Ok(TimeFilter {
        all_time: false,
        from: first,
        to: last,
    })
}

/// Runs `export`; returns the path written.
pub fn run_export(args: &ExportArgs) -> Result<PathBuf, String> {
    let atlas = load_embedded();
    let size = PageSize::parse(&args.size)?;
    let visible = resolve_groups(&atlas, &args.groups)?;
    let time = time_filter(
        args.from.as_deref(),
        args.to.as_deref(),
        atlas.latest_record_day(),
    )?;
    let filters = Filters {
        visible_groups: Some(visible),
        time,
        ..Filters::default()
    };
    let subtitle = args
        .subtitle
        .clone()
        .unwrap_or_else(|| describe_filters(&filters));
    let geometry = MapGeometry::build(&atlas);
    let export = MapExport {
        atlas: &atlas,
        geometry: &geometry,
        filters: &filters,
        view: fit_view(geometry.bounds_in_map),
        title: args.title.clone(),
        subtitle,
        selected: None,
        events: None,
    };
    export_to_file(&export, size, &args.out, args.force).map_err(|e| e.to_string())?;
    Ok(args.out.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_resolve_by_id_or_abbreviation_and_unknown_ones_are_named() {
        let atlas = load_embedded();
        let ids = resolve_groups(&atlas, &["nrf".into(), "IS-K".into()]).expect("known groups");
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), vec!["ISKP", "NRF"]);
        let err = resolve_groups(&atlas, &["XYZ".into()]).expect_err("unknown");
        assert!(
            err.starts_with("unknown group \"XYZ\"; known groups: NRF, AFF"),
            "{err}"
        );
    }

    #[test]
    fn dates_cover_their_whole_span_and_must_be_in_order() {
        let latest = Day {
            year: 2025,
            month: 9,
            day: 30,
        };
        let filter = time_filter(Some("2024-01-01"), Some("2024-12"), latest).expect("valid");
        assert_eq!(
            filter.to,
            Day {
                year: 2024,
                month: 12,
                day: 31
            }
        );
        assert!(
            time_filter(Some("2024-13-01"), None, latest)
                .expect_err("bad")
                .starts_with("--from:")
        );
        assert!(
            time_filter(Some("2024"), Some("2023"), latest)
                .expect_err("reversed")
                .contains("before")
        );
        assert!(time_filter(None, None, latest).expect("all").all_time);
    }
}
