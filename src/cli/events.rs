//! `resistance-atlas events FILE…`: counts the events of ACLED / UCDP GED / GeoJSON files by
//! province, month or group, as CSV, placing each event by its coordinates — the same reader
//! and placement as the app.

use std::{collections::BTreeSet, path::PathBuf};

use crate::files::{WriteError, WriteTarget, distinct_files, shown, shown_path, write_to};

use crate::data::{
    Atlas, DataFiles, Date, GroupIdx,
    events::{
        ActorAliases, EventContext, EventCounts, EventSelection, EventSet, ProvinceCount,
        UnplacedReason, day_from_number, day_number, drop_ids_read_before, read_events,
    },
};

/// What `events` counts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EventsBy {
    /// One row per province (all of them, zeros included): iso_3166_2,province,events,fatalities.
    Province,
    /// One row per month of the date range: month,events,fatalities.
    Month,
    /// One row per atlas group: group,name,events,fatalities (an event counts for each of its
    /// actors' groups).
    Group,
    /// One row per event type (ACLED event_type; UCDP GED type_of_violence named State-based,
    /// Non-state or One-sided violence): type,events,fatalities.
    Type,
}

/// Arguments of `events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// Event files: ACLED exports or UCDP GED (CSV, told apart by the header row), or GeoJSON
    /// FeatureCollections of points.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// What to count by.
    #[arg(long, value_enum, default_value = "province")]
    pub by: EventsBy,
    /// Keep only events whose actors map to this group (id or abbreviation, e.g. NRF).
    #[arg(long)]
    pub group: Option<String>,
    /// Keep only events of these types, comma-separated (ACLED event_type, e.g.
    /// "Battles,Explosions/Remote violence"; UCDP GED "State-based violence", "Non-state
    /// violence", "One-sided violence"; case does not matter).
    #[arg(long, value_delimiter = ',')]
    pub event_types: Vec<String>,
    /// First date counted (YYYY, YYYY-MM or YYYY-MM-DD). Default: the first event.
    #[arg(long)]
    pub from: Option<String>,
    /// Last date counted (YYYY, YYYY-MM or YYYY-MM-DD). Default: the last event.
    #[arg(long)]
    pub to: Option<String>,
    /// Write the CSV here instead of to standard output (never over one of the files read).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Province boundaries (GeoJSON) to place events in. Default: the built-in ones.
    #[arg(long)]
    pub boundaries: Option<PathBuf>,
    /// Actor alias table (JSON, see docs/DATA.md). Default: actor_aliases.json in the data
    /// folder if there is one, else the built-in table.
    #[arg(long)]
    pub aliases: Option<PathBuf>,
}

/// What `events` produced: the CSV and the summary for standard error.
#[derive(Debug)]
pub struct EventsReport {
    /// The table.
    pub csv: String,
    /// Rows read, placed and not placed (by reason), per file and in total.
    pub summary: String,
}

/// Runs `events`: reads every file (stopping at the first unreadable one, named in the error)
/// and counts.
pub fn run_events(args: &EventsArgs) -> Result<EventsReport, String> {
    let atlas = match &args.boundaries {
        None => crate::data::load_embedded(),
        Some(path) => DataFiles {
            boundaries: Some(path.clone()),
            ..DataFiles::default()
        }
        .load()
        .map_err(|problems| {
            problems
                .iter()
                .map(|p| {
                    let place = if p.path.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", shown(&p.path))
                    };
                    format!("{}: {place}{}", shown(&p.file), p.message)
                })
                .collect::<Vec<_>>()
                .join("\n")
        })?,
    };
    let group = args
        .group
        .as_deref()
        .map(|name| find_group(&atlas, name))
        .transpose()?;
    let ReadFiles {
        sets,
        repeated_ids,
        files_warning,
    } = read_files(&atlas, &args.files, args.aliases.as_ref())?;
    let set_refs: Vec<&EventSet> = sets.iter().collect();
    let counts = EventCounts::build(&set_refs, atlas.provinces.len(), atlas.groups.len());
    let (first, last) = date_range(args, &counts)?;
    let select = EventSelection {
        hidden_types: hidden_types(&args.event_types, counts.types())?,
        ..group.map_or_else(EventSelection::all, EventSelection::group)
    };
    let selected = if last < first {
        0
    } else {
        counts
            .total(&select, day_from_number(first), day_from_number(last))
            .events
    };
    if selected == 0 {
        let mut whose = group.map_or(String::new(), |g| format!(" of {}", atlas.groups[g.0].id));
        if !args.event_types.is_empty() {
            whose.push_str(&format!(" of type {}", shown(&args.event_types.join(", "))));
        }
        let why = match counts.day_range() {
            None => "none of the rows could be placed".to_owned(),
            Some((a, b)) => format!(
                "no events{whose} in the selection ({} to {}); the files hold events from {a} to {b}",
                day_from_number(first),
                day_from_number(last)
            ),
        };
        return Err(format!("{why}\n{}", summary(&sets)));
    }
    let csv = table(args.by, &atlas, &counts, &select, first, last).map_err(|e| e.to_string())?;
    if let Some(out) = &args.out {
        let inputs = args
            .files
            .iter()
            .chain(&args.aliases)
            .chain(&args.boundaries)
            .cloned();
        let target = WriteTarget::new(args.force).protecting(inputs);
        write_to(out, csv.as_bytes(), &target).map_err(|e| match e {
            WriteError::Exists(path) => format!(
                "{} already exists; add --force to replace it",
                shown_path(&path)
            ),
            other => other.to_string(),
        })?;
    }
    let mut summary = summary(&sets);
    if repeated_ids > 0 {
        summary.insert_str(
            0,
            &format!(
                "warning: {repeated_ids} event{} repeat an event id read in an earlier file; each event was counted once\n",
                if repeated_ids == 1 { "" } else { "s" }
            ),
        );
    }
    if let Some(warning) = files_warning {
        summary.insert_str(0, &format!("{warning}\n"));
    }
    Ok(EventsReport { csv, summary })
}

/// Event files read for the atlas: each once, in order.
pub(crate) struct ReadFiles {
    /// The files' events.
    pub sets: Vec<EventSet>,
    /// Events dropped for repeating an id read in an earlier file.
    pub repeated_ids: usize,
    /// Said when a file was named twice.
    pub files_warning: Option<String>,
}

/// Reads `files` (each once; stopping at the first unreadable one, named in the error) with the
/// actor aliases of `aliases`, or of the data folder, or the built-in ones — the same reader
/// and placement as the app.
pub(crate) fn read_files(
    atlas: &Atlas,
    files: &[PathBuf],
    aliases: Option<&PathBuf>,
) -> Result<ReadFiles, String> {
    // A read-only command: the data folder is looked in, never created.
    let aliases = match aliases {
        Some(path) => ActorAliases::load(path).map_err(|e| e.to_string())?,
        None => match crate::existing_data_dir() {
            Some(dir) => ActorAliases::load_or_default(&dir).map_err(|e| e.to_string())?,
            None => ActorAliases::default(),
        },
    };
    let context = EventContext::new(atlas, &aliases);
    if !context.actors.unknown_groups.is_empty() {
        let named: Vec<String> = context
            .actors
            .unknown_groups
            .iter()
            .take(10)
            .map(|(actor, group)| format!("\"{}\" → \"{}\"", shown(actor), shown(group)))
            .collect();
        let known: Vec<&str> = atlas.groups.iter().map(|g| g.id.as_str()).collect();
        return Err(format!(
            "the alias table names {} group id(s) the atlas does not have: {}{}; known groups: {}",
            context.actors.unknown_groups.len(),
            named.join(", "),
            if context.actors.unknown_groups.len() > 10 {
                ", …"
            } else {
                ""
            },
            known.join(", ")
        ));
    }
    let files = distinct_files(files);
    let mut sets = files
        .kept
        .iter()
        .map(|path| read_events(path, &context, |_| true).map_err(|e| e.to_string()))
        .collect::<Result<Vec<EventSet>, String>>()?;
    let repeated_ids = drop_ids_read_before(&mut sets);
    Ok(ReadFiles {
        sets,
        repeated_ids,
        files_warning: files.warning(),
    })
}

fn find_group(atlas: &Atlas, name: &str) -> Result<GroupIdx, String> {
    let name = name.trim();
    atlas
        .groups
        .iter()
        .position(|g| {
            g.id.eq_ignore_ascii_case(name)
                || g.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
        .map(GroupIdx)
        .ok_or_else(|| {
            let known: Vec<&str> = atlas.groups.iter().map(|g| g.id.as_str()).collect();
            format!(
                "--group: unknown group \"{}\"; known groups: {}",
                shown(name),
                known.join(", ")
            )
        })
}

/// The types `--event-types` leaves out (none when it names none); an unknown name is an
/// error that lists the files' types.
fn hidden_types(wanted: &[String], types: &[String]) -> Result<BTreeSet<String>, String> {
    let wanted: Vec<&str> = wanted
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(BTreeSet::new());
    }
    if let Some(unknown) = wanted
        .iter()
        .find(|w| !types.iter().any(|t| t.eq_ignore_ascii_case(w)))
    {
        return Err(format!(
            "--event-types: the files have no event type \"{}\"; their types: {}",
            shown(unknown),
            types.join(", ")
        ));
    }
    Ok(types
        .iter()
        .filter(|t| !wanted.iter().any(|w| t.eq_ignore_ascii_case(w)))
        .cloned()
        .collect())
}

/// `--from`/`--to` as days; by default the events' own first and last days.
fn date_range(args: &EventsArgs, counts: &EventCounts) -> Result<(i32, i32), String> {
    let parse = |flag: &str, text: &str| Date::parse(text).map_err(|e| format!("--{flag}: {e}"));
    let from = args.from.as_deref().map(|t| parse("from", t)).transpose()?;
    let to = args.to.as_deref().map(|t| parse("to", t)).transpose()?;
    let (data_first, data_last) = counts
        .day_range()
        .map_or((0, -1), |(a, b)| (day_number(a), day_number(b)));
    let first = from.map_or(data_first, |d| day_number(d.start));
    let last = to.map_or(data_last, |d| day_number(d.end()));
    if let (Some(from), Some(to)) = (from, to)
        && to.end() < from.start
    {
        return Err(format!(
            "--to ({}) is before --from ({})",
            to.end(),
            from.start
        ));
    }
    Ok((first, last))
}

fn table(
    by: EventsBy,
    atlas: &Atlas,
    counts: &EventCounts,
    select: &EventSelection,
    first: i32,
    last: i32,
) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let number = |n: u64| n.to_string();
    let (from, to) = (day_from_number(first), day_from_number(last));
    let empty = last < first;
    match by {
        EventsBy::Province => {
            writer.write_record(["iso_3166_2", "province", "events", "fatalities"])?;
            let rows = if empty {
                vec![ProvinceCount::default(); atlas.provinces.len()]
            } else {
                counts.by_province(select, from, to)
            };
            for (province, count) in atlas.provinces.iter().zip(rows) {
                writer.write_record([
                    province.code.clone(),
                    province.name.clone(),
                    number(count.events),
                    number(count.fatalities),
                ])?;
            }
        }
        EventsBy::Month => {
            writer.write_record(["month", "events", "fatalities"])?;
            if !empty {
                for (month, count) in counts.monthly(select, None, from, to) {
                    writer.write_record([
                        format!("{:04}-{:02}", month.year(), month.month()),
                        number(count.events),
                        number(count.fatalities),
                    ])?;
                }
            }
        }
        EventsBy::Group => {
            writer.write_record(["group", "name", "events", "fatalities"])?;
            let by_group = if empty {
                Vec::new()
            } else {
                counts.by_group(select, from, to)
            };
            for (i, g) in atlas.groups.iter().enumerate() {
                if select
                    .groups
                    .is_some_and(|only| !only.contains(GroupIdx(i)))
                {
                    continue;
                }
                let count = by_group.get(i).copied().unwrap_or_default();
                writer.write_record([
                    g.id.clone(),
                    g.name.clone(),
                    number(count.events),
                    number(count.fatalities),
                ])?;
            }
        }
        EventsBy::Type => {
            writer.write_record(["type", "events", "fatalities"])?;
            let by_type = if empty {
                Vec::new()
            } else {
                counts.by_type(select, from, to)
            };
            for (kind, name) in counts.types().iter().enumerate() {
                if select.hidden_types.contains(name) {
                    continue;
                }
                let count = by_type.get(kind).copied().unwrap_or_default();
                writer.write_record([
                    name.clone(),
                    number(count.events),
                    number(count.fatalities),
                ])?;
            }
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// How many row numbers the summary lists per reason before giving only the count.
const UNPLACED_ROWS_LISTED: usize = 20;

/// Per file: rows read and placed, rows not placed by reason, admin1 disagreements; then the
/// total of rows not placed.
pub(crate) fn summary(sets: &[EventSet]) -> String {
    let mut text = String::new();
    let mut total = [0usize; UnplacedReason::ALL.len()];
    for set in sets {
        text.push_str(&format!(
            "{} ({}): {} rows, {} placed, {} not placed; admin1 names another province than the point for {}\n",
            shown_path(&set.source.path),
            set.source.format.label(),
            set.rows_read,
            set.len(),
            set.unplaced.len(),
            set.admin1_disagreements,
        ));
        if set.duplicate_ids > 0 {
            text.push_str(&format!(
                "  warning: {} rows repeat an event id read before in the file; each event was counted once\n",
                set.duplicate_ids
            ));
        }
        if set.ids_in_earlier_files > 0 {
            text.push_str(&format!(
                "  warning: {} events repeat an event id of an earlier file; each was counted once\n",
                set.ids_in_earlier_files
            ));
        }
        for (reason, n) in set.unplaced_by_reason() {
            total[reason as usize] += n;
            let rows: Vec<String> = set
                .unplaced
                .iter()
                .filter(|u| u.reason == reason)
                .take(UNPLACED_ROWS_LISTED)
                .map(|u| u.row.to_string())
                .collect();
            let more = n.saturating_sub(UNPLACED_ROWS_LISTED);
            text.push_str(&format!(
                "  {reason}: {n} ({} {}{})\n",
                match set.source.format {
                    crate::data::events::EventFormat::GeoJson => "features",
                    _ => "lines",
                },
                rows.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
    }
    let unplaced: usize = total.iter().sum();
    text.push_str(&format!("not placed: {unplaced} rows\n"));
    for (reason, n) in UnplacedReason::ALL.into_iter().zip(total) {
        if n > 0 {
            text.push_str(&format!("  {reason}: {n}\n"));
        }
    }
    text
}
