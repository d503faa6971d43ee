//! The command line: `resistance-atlas export …` renders a map without a display, for scripted
//! decks. Parsing is clap's; this module turns arguments into an export and every mistake into a
//! message that says what was wrong.

use std::path::PathBuf;

pub mod changes;
pub mod deck_progress;
pub mod events;
pub mod export_events;

pub use changes::{ChangesArgs, ChangesReport, run_changes};
pub use events::{EventsArgs, EventsBy, EventsReport, run_events};

use crate::{
    data::{Atlas, Date, Day, load_embedded},
    deck::MAX_TITLE_CHARS,
    export::{ExportError, MapExport, PageSize, default_title, describe_filters, export_to_file},
    files::{WriteTarget, shown, shown_path},
    geometry::MapGeometry,
    scene::events::LoadedEvents,
    scene::view::fit_view,
    state::{TIME_START, TimeFilter},
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

impl Cli {
    /// Parses the command line, exiting with clap's message (status 2) on a mistake.
    pub fn parse_or_exit() -> Self {
        Self::try_parse_checked(std::env::args_os()).unwrap_or_else(|error| error.exit())
    }

    /// Parses `args` (the program name first) as clap does, and also refuses what clap cannot:
    /// a first word that is neither a command nor an existing file (`resistance-atlas exprot`)
    /// is a mistyped command, answered as clap answers one — with a suggestion — rather than by
    /// opening the window on a file that does not exist.
    pub fn try_parse_checked(
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> Result<Self, clap::Error> {
        use clap::{CommandFactory as _, Parser as _, error::ErrorKind};
        let args: Vec<std::ffi::OsString> = args.into_iter().collect();
        let mut command = Self::command();
        let first = args
            .get(1)
            .map(|a| a.to_string_lossy().into_owned())
            .filter(|word| !word.starts_with('-'));
        if let Some(word) = first {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .chain(["help".to_owned()])
                .collect();
            let exists = std::fs::symlink_metadata(&word).is_ok();
            if !exists && !names.contains(&word) {
                let similar = names
                    .iter()
                    .map(|name| (strsim::jaro(name, &word), name))
                    .filter(|(likeness, _)| *likeness > 0.7)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                return Err(match similar {
                    Some((_, name)) => command.error(
                        ErrorKind::InvalidSubcommand,
                        format!(
                            "unrecognized subcommand '{word}'\n\n  tip: a similar subcommand exists: '{name}'"
                        ),
                    ),
                    None => command.error(
                        ErrorKind::InvalidValue,
                        format!(
                            "'{word}' is neither a command (export, export-deck, validate, events, changes) nor a file that exists"
                        ),
                    ),
                });
            }
        }
        Self::try_parse_from(args)
    }
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
    /// Compare two periods: for each shown group in each province, its strongest evidence
    /// before and after (as the map shows each period) and whether it is new, gone, stronger,
    /// weaker or the same, as CSV.
    Changes(ChangesArgs),
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
///
/// Every file given is checked: a boundary file on its own; each data set against the first
/// usable boundary file given (else the built-in one), the first also with the CSV files given; a deck
/// for its format and for provinces and groups the data does not have. The report lists each
/// file with "OK" or its problems, each problem with its place in the file.
pub fn run_validate(args: &ValidateArgs) -> (String, bool) {
    use crate::data::{DataFiles, files::FileKind};
    // Each file once: the same file by another name, or a copy of it, is checked once.
    let distinct = crate::files::distinct_files(&args.files);
    let files: Vec<&PathBuf> = distinct.kept.iter().collect();
    let kinds: Vec<FileKind> = files.iter().map(|p| FileKind::of(p)).collect();
    let of_kind = |kind: FileKind| {
        files
            .iter()
            .zip(&kinds)
            .filter(move |(_, k)| **k == kind)
            .map(|(p, _)| (*p).clone())
    };
    let boundaries: Vec<PathBuf> = of_kind(FileKind::Boundaries).collect();
    let data_sets: Vec<PathBuf> = of_kind(FileKind::DataSet).collect();
    let imports: Vec<PathBuf> = of_kind(FileKind::Csv).collect();

    let mut report = ValidationReport::default();
    let mut usable_boundaries = None;
    for path in &boundaries {
        let checked = DataFiles {
            boundaries: Some(path.clone()),
            ..DataFiles::default()
        }
        .load();
        if checked.is_ok() && usable_boundaries.is_none() {
            usable_boundaries = Some(path.clone());
        }
        // Alone, a boundary file answers only for itself (the built-in data set's references
        // to provinces it lacks are the data set's business).
        report.add_load(checked, Some(path));
    }
    let mut with_data_set = data_sets.iter().map(Some).collect::<Vec<_>>();
    if with_data_set.is_empty() && !imports.is_empty() {
        with_data_set.push(None);
    }
    for (index, data_set) in with_data_set.into_iter().enumerate() {
        let checked = DataFiles {
            // The first usable boundary file given, else the built-in one.
            boundaries: usable_boundaries.clone(),
            atlas: data_set.cloned(),
            imports: if index == 0 {
                imports.clone()
            } else {
                Vec::new()
            },
        }
        .load();
        if let (Some(path), Ok(atlas)) = (data_set, &checked) {
            report.summaries.push((
                path.display().to_string(),
                format!(
                    "{} provinces, {} groups, {} presence records, {} events, {} sources",
                    atlas.provinces.len(),
                    atlas.groups.len(),
                    atlas.presence.len(),
                    atlas.events.len(),
                    atlas.sources.len()
                ),
            ));
        }
        report.add_load(checked, None);
    }
    for path in of_kind(FileKind::Deck) {
        report.add_deck(&path);
    }
    for path in of_kind(FileKind::Events) {
        report.summaries.push((
            path.display().to_string(),
            "an event file (ACLED, UCDP GED or GeoJSON points): count it and see its unplaced \
             rows with `resistance-atlas events`"
                .to_owned(),
        ));
    }
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let (mut text, clean) = report.render(&names);
    if let Some(warning) = distinct.warning() {
        text.insert_str(0, &format!("{warning}\n"));
    }
    (text, clean)
}

/// What `validate` found, by file.
#[derive(Default)]
struct ValidationReport {
    problems: Vec<crate::data::Problem>,
    /// What a clean file holds, by file name.
    summaries: Vec<(String, String)>,
}

impl ValidationReport {
    /// Adds a load's problems; with `only`, just those of that file.
    fn add_load(
        &mut self,
        loaded: Result<Atlas, Vec<crate::data::Problem>>,
        only: Option<&PathBuf>,
    ) {
        let problems = match loaded {
            Ok(atlas) => atlas.problems,
            Err(problems) => problems,
        };
        let only = only.map(|p| p.display().to_string());
        for problem in problems {
            let wanted = only.as_ref().is_none_or(|name| *name == problem.file);
            if wanted && !self.problems.contains(&problem) {
                self.problems.push(problem);
            }
        }
    }

    /// Checks a deck: its format, and slides naming provinces or groups the data lacks.
    fn add_deck(&mut self, path: &std::path::Path) {
        use crate::data::Problem;
        let name = path.display().to_string();
        match crate::deck::Deck::load(path) {
            Ok(deck) => {
                let atlas = load_embedded();
                for (index, slide) in deck.slides.iter().enumerate() {
                    let place = format!("slides[{index}]");
                    if let Some(code) = &slide.selected_province
                        && atlas.province_by_code(code).is_none()
                    {
                        self.problems.push(Problem::new(
                            &name,
                            format!("{place}.selected_province"),
                            format!(
                                "no province has the code \"{}\"; none will be selected",
                                shown(code)
                            ),
                        ));
                    }
                    let groups = slide.filters.visible_groups.iter().flatten();
                    for id in groups.chain(&slide.selected_group) {
                        if atlas.group_by_id(id).is_none() {
                            self.problems.push(Problem::new(
                                &name,
                                place.clone(),
                                format!("no group has the id \"{}\"; it is not shown", shown(id)),
                            ));
                        }
                    }
                }
                self.summaries.push((
                    name,
                    format!(
                        "a deck of {} slide{}",
                        deck.slides.len(),
                        if deck.slides.len() == 1 { "" } else { "s" }
                    ),
                ));
            }
            Err(error) => self
                .problems
                .push(Problem::fatal(&name, "", error.to_string())),
        }
    }

    /// The report, file by file in the order given (then any other file a problem is in), and
    /// whether all is clean.
    fn render(&self, files: &[String]) -> (String, bool) {
        let mut names: Vec<&str> = files.iter().map(String::as_str).collect();
        for problem in &self.problems {
            if !names.contains(&problem.file.as_str()) {
                names.push(&problem.file);
            }
        }
        let mut report = String::new();
        let mut files_with_problems = 0;
        for name in &names {
            let own: Vec<_> = self.problems.iter().filter(|p| p.file == *name).collect();
            if own.is_empty() {
                let summary = self
                    .summaries
                    .iter()
                    .find(|(file, _)| file.as_str() == *name)
                    .map_or(String::new(), |(_, summary)| format!(": {summary}"));
                report.push_str(&format!("{}: OK{summary}\n", shown(name)));
                continue;
            }
            files_with_problems += 1;
            for problem in own {
                let place = if problem.path.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", shown(&problem.path))
                };
                report.push_str(&format!("{}: {place}{}\n", shown(name), problem.message));
            }
        }
        let count = self.problems.len();
        if count == 0 {
            report.push_str(&format!(
                "OK: {} file{} checked, no problems\n",
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            ));
        } else {
            report.push_str(&format!(
                "{files_with_problems} file{} with {count} problem{}\n",
                if files_with_problems == 1 { "" } else { "s" },
                if count == 1 { "" } else { "s" }
            ));
        }
        (report, count == 0)
    }
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

/// Why `export-deck` wrote nothing: what to say, and the process's exit status.
#[derive(Debug)]
pub struct ExportDeckFailure {
    /// The message (without the program's name).
    pub message: String,
    /// 128 + the signal's number when a signal stopped the export (130 for SIGINT, 143 for
    /// SIGTERM), as a shell reports a process the signal ended; else 1.
    pub exit_code: u8,
}

impl From<String> for ExportDeckFailure {
    fn from(message: String) -> Self {
        Self {
            message,
            exit_code: 1,
        }
    }
}

/// Runs `export-deck`; returns the paths written.
pub fn run_export_deck(args: &ExportDeckArgs) -> Result<Vec<PathBuf>, ExportDeckFailure> {
    // Said before the deck is read and rendered: --out must be (or become) a folder.
    if let Some(why) = crate::files::folder_refusal(&args.out) {
        return Err(why.into());
    }
    let deck = crate::deck::Deck::load(&args.deck).map_err(|e| e.to_string())?;
    if deck.slides.is_empty() {
        return Err(format!("{} has no slides", shown_path(&args.deck)).into());
    }
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let mut progress = deck_progress::DeckProgressLine::new();
    crate::export::deck_export::export_deck_telling(
        &atlas,
        &geometry,
        &deck,
        None,
        &args.out,
        args.force,
        &mut |step| progress.tell(step),
    )
    .map_err(|error| {
        let interrupted = matches!(error, ExportError::Interrupted);
        let mut failure = ExportDeckFailure::from(cli_message(error));
        if let Some(signal) = progress.stopped_by().filter(|_| interrupted) {
            failure.message = format!("{} ({})", failure.message, signal_name(signal));
            failure.exit_code = u8::try_from(128 + signal).unwrap_or(1);
        }
        failure
    })
}

/// A signal's usual name ("SIGINT"), or its number.
fn signal_name(signal: i32) -> String {
    match signal {
        1 => "SIGHUP".to_owned(),
        2 => "SIGINT".to_owned(),
        15 => "SIGTERM".to_owned(),
        other => format!("signal {other}"),
    }
}

/// An export error as the command line words it: refusing to replace a file names `--force`.
pub(crate) fn cli_message(error: ExportError) -> String {
    match error {
        ExportError::Exists(path) => format!(
            "{} already exists; add --force to replace it, or choose another name",
            shown_path(&path)
        ),
        other => other.to_string(),
    }
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
    /// Show only records graded at least this on the Admiralty scale, e.g. B3 (best source B or
    /// better, information 3 or better). Default: every record, graded or not.
    #[arg(long, value_name = "GRADE")]
    pub min_grade: Option<String>,
    /// A presence record observed before the dates counts as current when last reported within
    /// this many months before their end; older ones are drawn as stale (dashed outline).
    #[arg(long, value_name = "MONTHS", default_value_t = crate::scene::DEFAULT_RECENCY_MONTHS)]
    pub recency_months: u32,
    /// Draw what changed instead: the earlier period, FROM..TO (e.g. 2024-01..2024-12), with
    /// --after; see the `changes` command.
    #[arg(long, value_name = "FROM..TO", requires = "after", conflicts_with_all = ["from", "to"])]
    pub before: Option<String>,
    /// The later period of the change map, FROM..TO, with --before.
    #[arg(long, value_name = "FROM..TO", requires = "before")]
    pub after: Option<String>,
    /// Title printed above the map. Default: "Armed resistance to the Taliban", or for one
    /// group that group's name.
    #[arg(long)]
    pub title: Option<String>,
    /// Subtitle; by default the groups and dates shown.
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Size in pixels (WIDTHxHEIGHT), or hd, 4k, a4 (A4 landscape at 300 dpi).
    #[arg(long, default_value = "1920x1080")]
    pub size: String,
    /// Province names: en (English), fa (Dari), ps (Pashto; Dari where no Pashto name is
    /// known), en+fa (English with Dari below).
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub labels: String,
    /// Where to write: a .png, .svg or .pdf file.
    #[arg(long)]
    pub out: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Event files to draw as the Events layer: ACLED exports or UCDP GED (CSV), or GeoJSON
    /// points; repeat the flag for several. Their dates follow --from/--to; with
    /// --before/--after the choropleth shades the change.
    #[arg(long = "events", value_name = "FILE")]
    pub events: Vec<PathBuf>,
    /// How events are drawn.
    #[arg(long, value_enum, default_value = "markers", requires = "events")]
    pub event_style: export_events::EventStyleArg,
    /// What the event circles and the choropleth measure.
    #[arg(long, value_enum, default_value = "events", requires = "events")]
    pub measure: export_events::EventMeasureArg,
    /// Actor alias table (JSON, see docs/DATA.md) for the event files. Default:
    /// actor_aliases.json in the data folder if there is one, else the built-in table.
    #[arg(long, requires = "events")]
    pub aliases: Option<PathBuf>,
}

/// What `export` did: the file written, and what it has to say of the event files read.
#[derive(Debug)]
pub struct ExportReport {
    /// The file written.
    pub path: PathBuf,
    /// Rows read, placed and not placed per event file (empty without --events).
    pub events_summary: String,
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
    if names.iter().all(|n| n.trim().is_empty()) {
        return Err(
            "--groups: the list is empty; name groups by id or abbreviation, comma-separated \
             (e.g. --groups NRF,AFF), or --groups all"
                .to_owned(),
        );
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
                    "unknown group \"{}\"; known groups: {}",
                    shown(name),
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
    if first > latest {
        return Err(format!(
            "--from ({first}) is after the newest record in the data ({latest}); nothing would be shown"
        ));
    }
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

impl ExportArgs {
    /// The names' language `--labels` asks for.
    pub fn label_language(&self) -> Result<crate::scene::LabelLanguage, String> {
        crate::scene::LabelLanguage::from_code(&self.labels).ok_or_else(|| {
            format!(
                "--labels {}: expected en, fa, ps or en+fa",
                crate::files::shown(&self.labels)
            )
        })
    }
}

/// Runs `export`; says what it wrote.
pub fn run_export(args: &ExportArgs) -> Result<ExportReport, String> {
    // Checked where read, before anything is laid out: a title is one line above the map.
    for (flag, text) in [("--title", &args.title), ("--subtitle", &args.subtitle)] {
        let length = text.as_deref().map_or(0, |t| t.chars().count());
        if length > MAX_TITLE_CHARS {
            return Err(format!(
                "{flag} is {length} characters long; it is limited to {MAX_TITLE_CHARS} characters (one line above the map)"
            ));
        }
    }
    let atlas = load_embedded();
    let size = PageSize::parse(&args.size)?;
    let labels = args.label_language()?;
    // The change map is the same page with the filters in comparison mode.
    let periods = match (&args.before, &args.after) {
        (Some(before), Some(after)) => Some(changes::parse_periods(before, after)?),
        _ => None,
    };
    let geometry = MapGeometry::build(&atlas);
    let (events, events_summary) = if args.events.is_empty() {
        (None, String::new())
    } else {
        let (events, summary) =
            export_events::load(&atlas, &geometry, &args.events, args.aliases.as_ref())?;
        (Some(events), summary)
    };
    // As in the app: the dates run to the newest record or event.
    let latest = events
        .as_ref()
        .and_then(LoadedEvents::day_span)
        .map_or(atlas.latest_record_day(), |(_, last)| {
            last.max(atlas.latest_record_day())
        });
    let mut filters = changes::filters_of(
        &atlas,
        &args.groups,
        args.min_grade.as_deref(),
        args.recency_months,
    )?;
    match periods {
        Some(periods) => filters.compare = Some(periods),
        None => filters.time = time_filter(args.from.as_deref(), args.to.as_deref(), latest)?,
    }
    if events.is_some() {
        filters.events = export_events::layer_settings(args.event_style, args.measure);
    }
    let subtitle = args
        .subtitle
        .clone()
        .unwrap_or_else(|| describe_filters(&filters));
    let export = MapExport {
        atlas: &atlas,
        geometry: &geometry,
        filters: &filters,
        view: fit_view(geometry.bounds_in_map),
        title: args
            .title
            .clone()
            .unwrap_or_else(|| default_title(&atlas, &filters)),
        subtitle,
        selected: None,
        events: events.as_ref(),
        labels,
    };
    // Never over a file read.
    let target =
        WriteTarget::new(args.force).protecting(args.events.iter().chain(&args.aliases).cloned());
    export_to_file(&export, size, &args.out, &target).map_err(cli_message)?;
    Ok(ExportReport {
        path: args.out.clone(),
        events_summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Filters;

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
        let latest = Day::new(2025, 9, 30).expect("a day");
        let filter = time_filter(Some("2024-01-01"), Some("2024-12"), latest).expect("valid");
        assert_eq!(filter.to, Day::new(2024, 12, 31).expect("a day"));
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
        let after = time_filter(Some("2025-10"), None, latest).expect_err("after the data");
        assert!(after.starts_with("--from (1 Oct 2025) is after"), "{after}");
        assert!(time_filter(Some("2025-09"), None, latest).is_ok());
    }

    #[test]
    fn an_empty_group_list_is_an_error_not_an_empty_map() {
        let atlas = load_embedded();
        for names in [vec!["".to_owned(); 3], vec![" ".to_owned()]] {
            let err = resolve_groups(&atlas, &names).expect_err("empty list");
            assert!(err.starts_with("--groups: the list is empty"), "{err}");
        }
        assert!(!resolve_groups(&atlas, &[]).expect("default").is_empty());
    }

    #[test]
    fn one_group_titles_the_export_by_its_name() {
        let atlas = load_embedded();
        let filters = |ids: &[&str]| Filters {
            visible_groups: Some(ids.iter().map(|s| (*s).to_owned()).collect()),
            ..Filters::default()
        };
        assert_eq!(
            default_title(&atlas, &filters(&["NRF"])),
            "National Resistance Front of Afghanistan (NRF): where it operates"
        );
        assert_eq!(
            default_title(&atlas, &filters(&["NRF", "AFF"])),
            "Armed resistance to the Taliban"
        );
    }

    #[test]
    fn a_mistyped_command_is_refused_with_a_suggestion() {
        let parse = |args: &[&str]| {
            Cli::try_parse_checked(
                std::iter::once("resistance-atlas")
                    .chain(args.iter().copied())
                    .map(std::ffi::OsString::from),
            )
        };
        let error = parse(&["exprot", "--out", "x.png"]).expect_err("mistyped");
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("'export'"), "{error}");
        assert!(parse(&["validate", "Cargo.toml"]).is_ok());
        assert!(parse(&["Cargo.toml"]).is_ok(), "an existing file opens");
        assert!(parse(&[]).is_ok());
    }
}
