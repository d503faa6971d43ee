//! The app's event data: ACLED / UCDP GED / GeoJSON event files read on a worker thread (progress
//! and Cancel over a channel, so the window never freezes), the events shown, the actor alias
//! table, the event card, and the [`EventsCommand`]s that change them.
//!
//! A load replaces what is shown only when it succeeds; cancelling or failing leaves the events
//! shown before. The open files are remembered in the saved state and watched: saving one, or
//! opening other boundaries, reads them again.

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
        mpsc,
    },
    time::{Duration, Instant},
};

use egui::Context;

use super::AtlasApp;
use crate::{
    command::EventsCommand,
    data::{
        Atlas,
        events::{ActorAliases, ActorMatcher, EventContext, EventSet, read_events},
        format::thousands,
    },
    geometry::Projection,
    scene::events::LoadedEvents,
    state::{
        Notice,
        events::{EventCard, LoadMessage, LoadOutcome, Loading},
    },
};

/// How often the open event files are looked at for changes.
const WATCH_POLL_INTERVAL: Duration = Duration::from_millis(250);
/// How often the window repaints while a file loads (for the progress bar).
const PROGRESS_REPAINT: Duration = Duration::from_millis(50);

/// Reads `files` against `atlas` on a new thread; progress and the result come over a channel.
fn start_load(
    files: Vec<PathBuf>,
    atlas: &Atlas,
    projection: Projection,
    aliases: &ActorAliases,
    generation: u64,
) -> Loading {
    let (sender, receiver) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let worker_cancel = Arc::clone(&cancel);
    let atlas = atlas.clone();
    let aliases = aliases.clone();
    let worker_files = files.clone();
    let spawned = std::thread::Builder::new()
        .name("event-loader".to_owned())
        .spawn(move || {
            let outcome = load(
                &worker_files,
                &atlas,
                &projection,
                &aliases,
                generation,
                &worker_cancel,
                &sender,
            );
            // The app may have stopped listening (cancelled): nothing to do then.
            let _ = sender.send(LoadMessage::Done(Box::new(outcome)));
        });
    if let Err(error) = spawned {
        log::error!("could not start the event loader: {error}");
    }
    Loading {
        files,
        current: 0,
        fraction: 0.0,
        previous_files: Vec::new(),
        cancel,
        receiver,
    }
}

/// The worker's job: read each file, then count and project what was read.
fn load(
    files: &[PathBuf],
    atlas: &Atlas,
    projection: &Projection,
    aliases: &ActorAliases,
    generation: u64,
    cancel: &AtomicBool,
    sender: &mpsc::Sender<LoadMessage>,
) -> LoadOutcome {
    let context = EventContext::new(atlas, aliases);
    let mut sets: Vec<EventSet> = Vec::new();
    let mut errors = Vec::new();
    let mut cancelled = false;
    for (index, path) in files.iter().enumerate() {
        let result = read_events(path, &context, |fraction| {
            let _ = sender.send(LoadMessage::Progress {
                file: index,
                fraction,
            });
            !cancel.load(Ordering::Relaxed)
        });
        match result {
            Ok(set) => sets.push(set),
            Err(crate::data::events::EventFileError::Cancelled { .. }) => {
                cancelled = true;
                break;
            }
            Err(error) => errors.push(error.to_string()),
        }
    }
    LoadOutcome {
        events: LoadedEvents::new(sets, atlas, projection, generation),
        errors,
        cancelled,
    }
}

/// What the Events layer shows for `filters`, with the open card's event ringed.
pub(super) fn event_view<'a>(
    events: &'a crate::state::events::EventsState,
    atlas: &crate::data::Atlas,
    filters: &crate::scene::Filters,
) -> Option<crate::scene::events::EventLayerView<'a>> {
    let loaded = events.loaded.as_ref()?;
    let mut view = loaded.view(atlas, filters);
    view.selected = events.card.as_ref().and_then(|card| card.point);
    Some(view)
}

impl AtlasApp {
    /// Applies an [`EventsCommand`].
    pub(super) fn apply_events(&mut self, command: EventsCommand) {
        match command {
            EventsCommand::Open(path) => {
                let path = path.or_else(|| {
                    super::pick_file(
                        "Events (ACLED, UCDP GED CSV or GeoJSON points)",
                        &["csv", "geojson", "json"],
                    )
                });
                if let Some(path) = path {
                    let mut files = self.state.event_files.clone();
                    if !files.contains(&path) {
                        files.push(path);
                    }
                    self.load_events(files);
                }
            }
            EventsCommand::CancelLoad => {
                if let Some(loading) = self.events.loading.take() {
                    loading.cancel.store(true, Ordering::Relaxed);
                    self.state.event_files = loading.previous_files;
                    self.events
                        .watcher
                        .watch(self.state.event_files.iter().map(PathBuf::as_path));
                    self.state.notice = Some(Notice::done(
                        "Reading the event files was cancelled; the events shown before are kept",
                    ));
                }
            }
            EventsCommand::Close(path) => {
                let files: Vec<PathBuf> = self
                    .state
                    .event_files
                    .iter()
                    .filter(|p| **p != path)
                    .cloned()
                    .collect();
                self.load_events(files);
            }
            EventsCommand::CloseAll => self.load_events(Vec::new()),
            EventsCommand::Reload => self.load_events(self.state.event_files.clone()),
            EventsCommand::SetLayer(settings) => self.state.filters.events = settings,
            EventsCommand::ShowEvent(event) => {
                self.events.card = event.map(|event| EventCard {
                    event,
                    point: self
                        .events
                        .loaded
                        .as_ref()
                        .and_then(|loaded| loaded.point_of(event)),
                    details: self
                        .events
                        .loaded
                        .as_ref()
                        .and_then(|loaded| loaded.event(event))
                        .map_or_else(
                            || Err("the event is no longer loaded".to_owned()),
                            |(set, i)| set.details(i).map_err(|e| e.to_string()),
                        ),
                });
            }
            EventsCommand::MapActor { actor, group } => self.map_actor(&actor, group.as_deref()),
            EventsCommand::ShowWindow(open) => self.events.show_window = open,
            EventsCommand::SetHiddenTypes(hidden) => self.state.filters.hidden_event_types = hidden,
        }
    }

    /// Starts reading `files` (replacing any load in progress); the events shown stay until it
    /// succeeds. No files: closes the events at once.
    pub(super) fn load_events(&mut self, files: Vec<PathBuf>) {
        // The files shown now: those of a load this one replaces were never shown.
        let previous_files = match self.events.loading.take() {
            Some(replaced) => {
                replaced.cancel.store(true, Ordering::Relaxed);
                replaced.previous_files
            }
            None => self.state.event_files.clone(),
        };
        self.state.event_files = files.clone();
        self.events
            .watcher
            .watch(files.iter().map(PathBuf::as_path));
        if files.is_empty() {
            self.events.loaded = None;
            self.events.card = None;
            self.events.unmapped.clear();
            self.events.errors.clear();
            self.latest_day = self.latest_shown_day();
            return;
        }
        self.events.matcher = ActorMatcher::new(&self.events.aliases, &self.atlas);
        self.events.generation += 1;
        let mut loading = start_load(
            files,
            &self.atlas,
            self.geometry.projection,
            &self.events.aliases,
            self.events.generation,
        );
        loading.previous_files = previous_files;
        self.events.loading = Some(loading);
    }

    /// Takes the worker's news: progress, or the loaded events. Also reloads saved files.
    pub(super) fn poll_events(&mut self, ctx: &Context) {
        if let Some(loading) = &mut self.events.loading {
            ctx.request_repaint_after(PROGRESS_REPAINT);
            let mut done = None;
            loop {
                match loading.receiver.try_recv() {
                    Ok(LoadMessage::Progress { file, fraction }) => {
                        loading.current = file;
                        loading.fraction = fraction;
                    }
                    Ok(LoadMessage::Done(outcome)) => {
                        done = Some(*outcome);
                        break;
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        done = Some(LoadOutcome {
                            events: LoadedEvents::new(
                                Vec::new(),
                                &self.atlas,
                                &self.geometry.projection,
                                0,
                            ),
                            errors: vec!["the event loader stopped unexpectedly".to_owned()],
                            cancelled: false,
                        });
                        break;
                    }
                }
            }
            if let Some(outcome) = done {
                self.events.loading = None;
                self.finish_load(outcome);
            }
        }
        let now = Instant::now();
        if self.events.watcher.is_watching()
            && self.events.loading.is_none()
            && self.events.next_poll.is_none_or(|next| now >= next)
        {
            self.events.next_poll = Some(now + WATCH_POLL_INTERVAL);
            ctx.request_repaint_after(WATCH_POLL_INTERVAL);
            if self.events.watcher.poll(now) {
                self.apply_events(EventsCommand::Reload);
            }
        }
    }

    fn finish_load(&mut self, outcome: LoadOutcome) {
        if outcome.cancelled {
            return;
        }
        let events = outcome.events;
        let placed = events.len();
        let unplaced: usize = events.sets.iter().map(|s| s.unplaced.len()).sum();
        let files = events.sets.len();
        self.events.errors = outcome.errors;
        if files == 0 && !self.events.errors.is_empty() {
            self.state.notice = Some(Notice::failed(format!(
                "Events not loaded: {}",
                self.events.errors.join("; ")
            )));
            self.events.show_window = true;
            return;
        }
        self.events.unmapped = unmapped_actors(&events, &self.events.matcher);
        self.events.loaded = Some(events);
        self.events.card = None;
        self.latest_day = self.latest_shown_day();
        self.state.filters.time.keep_within(self.latest_day);
        let mut text = format!(
            "Loaded {} event{} from {files} file{}",
            thousands(placed),
            if placed == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        );
        if unplaced > 0 {
            text.push_str(&format!(
                "; {} row{} not placed (see Event data)",
                thousands(unplaced),
                if unplaced == 1 { "" } else { "s" }
            ));
        }
        self.state.notice = Some(if self.events.errors.is_empty() {
            Notice::done(text)
        } else {
            self.events.show_window = true;
            Notice::failed(format!("{text}; {}", self.events.errors.join("; ")))
        });
    }

    /// Maps an actor to a group, saves the table, and recounts the events.
    fn map_actor(&mut self, actor: &str, group: Option<&str>) {
        self.events.aliases.set(actor, group);
        if let Some(path) = &self.events.aliases_path
            && let Err(error) = self.events.aliases.save(path)
        {
            self.state.notice = Some(Notice::failed(format!(
                "The actor alias could not be saved: {error}"
            )));
        }
        self.events.matcher = ActorMatcher::new(&self.events.aliases, &self.atlas);
        if let Some(loaded) = &mut self.events.loaded {
            loaded.regroup(&self.events.matcher, &self.atlas);
            self.events.unmapped = unmapped_actors(loaded, &self.events.matcher);
        }
    }

    /// The last day the time control offers: the newest record or event.
    pub(super) fn latest_shown_day(&self) -> crate::data::Day {
        let records = self.atlas.latest_record_day();
        self.events
            .loaded
            .as_ref()
            .and_then(LoadedEvents::day_span)
            .map_or(records, |(_, last)| last.max(records))
    }
}

/// Unmapped actors over all files, most events first.
fn unmapped_actors(events: &LoadedEvents, matcher: &ActorMatcher) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for set in &events.sets {
        for (name, count) in set.unmapped_actors(matcher) {
            *counts.entry(name.to_owned()).or_default() += count;
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}
