//! `export --events FILE…`: the Events layer on an exported map, read with the same reader,
//! placement and actor aliases as `events` and the app, drawn as the app draws it.

use std::path::PathBuf;

use crate::{
    data::Atlas,
    geometry::MapGeometry,
    scene::events::{EventLayerSettings, EventMeasure, EventStyle, LoadedEvents},
};

use super::events::{ReadFiles, read_files, summary};

/// How `export` draws events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EventStyleArg {
    /// A circle per province when the map shows the whole country; single events (the deadliest
    /// per few pixels) when zoomed in.
    Markers,
    /// Provinces shaded by the measure; with --before/--after, by its change.
    Choropleth,
}

/// What `export`'s event circles and choropleth measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EventMeasureArg {
    /// Number of events.
    Events,
    /// Reported fatalities.
    Fatalities,
    /// Events per 100,000 people.
    PerCapita,
}

/// The Events layer's settings for the flags given.
pub fn layer_settings(style: EventStyleArg, measure: EventMeasureArg) -> EventLayerSettings {
    EventLayerSettings {
        shown: true,
        style: match style {
            EventStyleArg::Markers => EventStyle::Markers,
            EventStyleArg::Choropleth => EventStyle::Choropleth,
        },
        measure: match measure {
            EventMeasureArg::Events => EventMeasure::Events,
            EventMeasureArg::Fatalities => EventMeasure::Fatalities,
            EventMeasureArg::PerCapita => EventMeasure::PerCapita,
        },
        ..EventLayerSettings::default()
    }
}

/// Reads `files` for the map of `atlas` drawn with `geometry`: the events, prepared, and the
/// summary for standard error (rows read, placed and not placed, per file). An unreadable file
/// is an error naming it; a file none of whose rows could be placed is one too, since the map
/// would silently show nothing of it.
pub fn load(
    atlas: &Atlas,
    geometry: &MapGeometry,
    files: &[PathBuf],
    aliases: Option<&PathBuf>,
) -> Result<(LoadedEvents, String), String> {
    let ReadFiles {
        sets,
        repeated_ids,
        files_warning,
    } = read_files(atlas, files, aliases)?;
    let mut text = String::new();
    if let Some(warning) = files_warning {
        text.push_str(&warning);
        text.push('\n');
    }
    if repeated_ids > 0 {
        text.push_str(&format!(
            "warning: {repeated_ids} event{} repeat an event id read in an earlier file; each event was counted once\n",
            if repeated_ids == 1 { "" } else { "s" }
        ));
    }
    text.push_str(&summary(&sets));
    if let Some(empty) = sets.iter().find(|set| set.is_empty()) {
        return Err(format!(
            "--events: none of the rows of {} could be placed on the map\n{text}",
            crate::files::shown_path(&empty.source.path)
        ));
    }
    Ok((
        LoadedEvents::new(sets, atlas, &geometry.projection, 1),
        text,
    ))
}
