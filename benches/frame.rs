//! Frame and start-up cost.
//!
//! - `startup`: parse the embedded files, build the gazetteer, project, triangulate, compute
//!   borders, neighbours and label anchors — everything before the first frame.
//! - `frame_while_panning`: one whole frame of the app at 1600×1000 (top bar, both panels, map
//!   fills, borders, outlines, labels; `Context::run_ui` + `tessellate`) with the view moving each
//!   frame, as it does while the user drags, and a province selected; once with the default
//!   groups (NRF, AFF) and once with every group shown (stripes and hatching everywhere). This
//!   is the best case: it pans ±100 km, so after the first pass every tile is made.
//! - `frame_while_panning_1m_events`: the same with a million events loaded and the Events
//!   layer shown: zoomed out (one circle per province) and zoomed in (single events, dots cached
//!   per zoom and dates, only translated while panning).
//! - `frame_after_zoom_step_*`: the worst case of a zoom step. Each sample jumps to the next of
//!   a cycle of zooms and places that no frame has shown (a wheel notch or a +/− step; every
//!   cache keyed by the zoom misses), then runs frames, paced at 60 a second, until the map
//!   stops asking for more (or 60 frames): `first` times the frame right after the step, `slowest` the slowest of those
//!   frames (cutting patterns, making tiles), `all` every frame of the run, summed.
//! - `frame_zoom_animation_*`: frames of a zoom animation, the zoom changing every frame
//!   (smoothly, between the whole country and 12×, as `+`, `−`, a double-click or a slide does).
//! - `frame_drag_time_range_1m_events_*`: frames while the time control is dragged with a
//!   million events: the range moves by a few days each frame; zoomed out (circles) and in
//!   (single events).
//! - `events_time_range`: re-counting the layer for a new date range (what moving the time
//!   control costs), with a million events.
//!
//! With `FRAME_CPU_TIME=1` in the environment, frames are timed by the CPU time of the thread
//! running them (Unix, `CLOCK_THREAD_CPUTIME_ID`) instead of the wall clock: on a loaded machine
//! that compares before and after without counting the time other processes ran.
//!
//! Every frame case counts the textures the frame uploads (`textures_delta.set`, images and
//! bytes) and prints the count per frame after its measurement: a renderer pays for each upload,
//! which the timings here (no GPU) do not see.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::{Duration, Instant};

use egui::{Context, RawInput, Rect, pos2, vec2};
use resistance_atlas::command::{FilterCommand, ViewCommand};
use resistance_atlas::{
    AtlasApp,
    command::Command,
    data::{
        Atlas, Day, GroupIdx, ProvinceIdx,
        events::{EventFormat, EventSet, EventSource, GroupSet, day_from_number, day_number},
        load_embedded,
    },
    geometry::MapGeometry,
    scene::events::LoadedEvents,
    state::MapView,
};

fn startup(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    c.bench_function("startup", |b| {
        b.iter(|| {
            let atlas = load_embedded();
            let geometry = MapGeometry::build(&atlas);
            std::hint::black_box((atlas, geometry))
        });
    });
}

fn frame_while_panning(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    bench_panning(c, "frame_while_panning", &[]);
    // Every group, the extremist opposition included: stripes, hatching, the busiest map.
    bench_panning(
        c,
        "frame_while_panning_all_groups",
        &[Command::Filter(FilterCommand::ShowAllGroups(true))],
    );
}

fn bench_panning(c: &mut Criterion, name: &str, setup: &[Command]) {
    bench_panning_app(c, name, setup, AtlasApp::from_atlas(load_embedded()), 1.6);
}

fn frame_with_events(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let events = million_events(&atlas, &geometry);
    let mut app = AtlasApp::from_atlas(atlas);
    app.show_events(events.clone());
    bench_panning_app(c, "frame_while_panning_1m_events", &[], app, 1.6);
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.show_events(events.clone());
    bench_panning_app(c, "frame_while_panning_1m_events_zoomed_in", &[], app, 6.0);

    bench_drag(c, "frame_drag_time_range_1m_events", &events, 1.6);
    bench_drag(c, "frame_drag_time_range_1m_events_zoomed_in", &events, 6.0);

    let atlas = load_embedded();
    let mut filters = resistance_atlas::state::Filters::default();
    filters.time.all_time = false;
    let mut month = 0;
    c.bench_function("events_time_range", |b| {
        b.iter(|| {
            month = (month + 1) % 40;
            filters.time.from =
                Day::from_month_index(Day::month_start(2021, 8).month_index() + month);
            filters.time.to = Day::month_end(2025, 6);
            std::hint::black_box(events.view(&atlas, &filters).totals.len())
        });
    });
}

/// A million events at random points in the provinces, over 2021–2025, a third attributed to
/// groups.
fn million_events(atlas: &Atlas, geometry: &MapGeometry) -> LoadedEvents {
    let mut set = EventSet::empty(EventSource {
        path: "synthetic.csv".into(),
        format: EventFormat::Acled,
        publisher: "Synthetic".to_owned(),
    });
    let bounds = geometry.bounds_in_map;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let first = Day::month_start(2021, 8);
    while set.len() < 1_000_000 {
        let x = f64::from(bounds.min.x) + random() * f64::from(bounds.width());
        let y = f64::from(bounds.min.y) + random() * f64::from(bounds.height());
        let Some(province) = geometry.hit.province_at(egui::pos2(x as f32, y as f32)) else {
            continue;
        };
        let (lon, lat) = geometry.projection.unproject([x, y]);
        let i = set.len();
        let mut groups = GroupSet::EMPTY;
        if i.is_multiple_of(3) {
            groups.insert(GroupIdx(i % atlas.groups.len()));
        }
        set.day.push(day_number(first) + (random() * 1600.0) as i32);
        set.lon.push(lon as f32);
        set.lat.push(lat as f32);
        set.province.push(ProvinceIdx(province.0));
        set.groups.push(groups);
        set.targets.push(GroupSet::EMPTY);
        set.fatalities.push((random() * random() * 20.0) as u32);
        set.time_precision.push(1);
        set.geo_precision.push(1);
        set.row.push(i as u64 + 2);
        set.offset.push(0);
        set.actor1
            .push(resistance_atlas::data::events::ActorId::NONE);
        set.actor2
            .push(resistance_atlas::data::events::ActorId::NONE);
        set.assoc.push(u32::MAX);
        set.admin1.push(u32::MAX);
    }
    set.rows_read = set.len() as u64;
    LoadedEvents::new(vec![set], atlas, &geometry.projection, 1)
}

/// The wall clock, or this thread's CPU time with `FRAME_CPU_TIME` set.
enum Clock {
    Wall(Instant),
    Cpu(Duration),
}

impl Clock {
    fn start() -> Self {
        static CPU: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let cpu = *CPU.get_or_init(|| std::env::var_os("FRAME_CPU_TIME").is_some());
        match cpu.then(thread_cpu_time).flatten() {
            Some(cpu) => Self::Cpu(cpu),
            None => Self::Wall(Instant::now()),
        }
    }

    fn elapsed(&self) -> Duration {
        match self {
            Self::Wall(start) => start.elapsed(),
            Self::Cpu(start) => thread_cpu_time()
                .expect("read before")
                .saturating_sub(*start),
        }
    }
}

/// The CPU time this thread has run (`CLOCK_THREAD_CPUTIME_ID`, exact to the nanosecond;
/// the scheduler's statistics in `/proc` advance only at its ticks).
#[cfg(unix)]
#[allow(unsafe_code)] // one libc call, with a valid pointer to a local
fn thread_cpu_time() -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call's duration.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &raw mut now) };
    (status == 0).then(|| {
        Duration::new(
            u64::try_from(now.tv_sec).unwrap_or(0),
            u32::try_from(now.tv_nsec).unwrap_or(0),
        )
    })
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// An app at 1600×1000 and its egui context, running whole frames and counting the textures
/// they upload.
struct Frames {
    ctx: Context,
    app: AtlasApp,
    frames: u64,
    uploads: u64,
    upload_bytes: u64,
}

impl Frames {
    /// `app` after `setup` (ISKP hidden again when anything was set up: every group but the
    /// extremist opposition), one frame run (it loads the fonts) and Kabul selected.
    fn new(app: AtlasApp, setup: &[Command]) -> Self {
        let ctx = Context::default();
        let mut app = app;
        for command in setup {
            app.apply(&ctx, command.clone());
        }
        if !setup.is_empty() {
            let iskp = app.atlas().group_by_id("ISKP").expect("ISKP");
            app.apply(&ctx, Command::Filter(FilterCommand::ToggleGroup(iskp)));
        }
        let mut frames = Self {
            ctx,
            app,
            frames: 0,
            uploads: 0,
            upload_bytes: 0,
        };
        frames.frame();
        let kabul = frames
            .app
            .atlas()
            .province_by_code("AF-KAB")
            .expect("Kabul");
        frames.apply(Command::View(ViewCommand::Select(Some(kabul))));
        frames.reset_counts();
        frames
    }

    fn apply(&mut self, command: Command) {
        self.app.apply(&self.ctx, command);
    }

    fn set_view(&mut self, centre_in_map: egui::Pos2, zoom: f32) {
        self.apply(Command::View(ViewCommand::SetView(MapView {
            centre_in_map,
            zoom,
        })));
    }

    /// Runs one whole frame (UI and tessellation); how long it took.
    fn frame(&mut self) -> Duration {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))),
            ..Default::default()
        };
        let clock = Clock::start();
        let output = self.ctx.run_ui(input, |ui| self.app.show(ui));
        let textures = output.textures_delta;
        let shapes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let took = clock.elapsed();
        std::hint::black_box(shapes);
        self.frames += 1;
        for delta in textures.set.values().flat_map(|deltas| deltas.iter()) {
            self.uploads += 1;
            let [w, h] = delta.image.size();
            self.upload_bytes += (w * h * 4) as u64;
        }
        took
    }

    /// Whether the app asked for another frame (work left: tiles, patterns, an animation).
    fn wants_more(&self) -> bool {
        self.ctx.has_requested_repaint()
    }

    fn reset_counts(&mut self) {
        (self.frames, self.uploads, self.upload_bytes) = (0, 0, 0);
    }

    /// Prints the uploads per frame since the last reset.
    fn report_uploads(&mut self, name: &str) {
        if self.frames == 0 {
            return; // not run (filtered out)
        }
        let frames = self.frames.max(1) as f64;
        eprintln!(
            "{name}: {:.2} texture uploads, {:.1} KiB uploaded per frame ({} frames)",
            self.uploads as f64 / frames,
            self.upload_bytes as f64 / frames / 1024.0,
            self.frames
        );
        self.reset_counts();
    }
}

fn bench_panning_app(c: &mut Criterion, name: &str, setup: &[Command], app: AtlasApp, zoom: f32) {
    let mut frames = Frames::new(app, setup);
    let mut step = 0u32;
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                step = step.wrapping_add(1);
                let offset = (step % 200) as f32 - 100.0;
                frames.set_view(pos2(offset, offset * 0.5), zoom);
                total += frames.frame();
            }
            total
        });
    });
    frames.report_uploads(name);
}

/// The zooms a zoom step moves through: up from the whole country to 12× and back by steps of
/// 1.5 (the +/− step), each time about a different place, shifted a little every pass so that
/// no zoom and place repeats and nothing made for one step serves another.
fn zoom_step_view(step: u32) -> (egui::Pos2, f32) {
    const STEPS: u32 = 6;
    let phase = step % (2 * STEPS);
    let level = if phase < STEPS {
        phase
    } else {
        2 * STEPS - phase
    };
    let pass = (step / (2 * STEPS)) as f32;
    let zoom = 1.5f32.powi(level as i32) * (1.0 + 0.013 * (pass % 7.0));
    let angle = step as f32 * 2.4;
    let reach = 150.0 / zoom.sqrt();
    (
        pos2(angle.cos() * reach + pass % 5.0, angle.sin() * reach * 0.6),
        zoom,
    )
}

/// The time between frames on a 60 Hz screen.
const FRAME_INTERVAL: Duration = Duration::from_micros(16_667);

/// What a zoom-step sample times.
#[derive(Clone, Copy)]
enum AfterStep {
    First,
    Slowest,
    All,
}

fn bench_zoom_step(c: &mut Criterion, name: &str, mut frames: Frames) {
    // The whole country shown and at rest first.
    frames.set_view(pos2(0.0, 0.0), 1.0);
    for _ in 0..30 {
        frames.frame();
    }
    frames.reset_counts();
    let mut step = 0u32;
    for (suffix, what) in [
        ("first", AfterStep::First),
        ("slowest", AfterStep::Slowest),
        ("all", AfterStep::All),
    ] {
        let id = format!("{name}_{suffix}");
        c.bench_function(&id, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    step += 1;
                    let (centre, zoom) = zoom_step_view(step);
                    frames.set_view(centre, zoom);
                    let first = frames.frame();
                    let (mut slowest, mut all) = (first, first);
                    let mut last = first;
                    for _ in 0..60 {
                        if !frames.wants_more() {
                            break;
                        }
                        // At 60 frames a second, as on screen: work off the UI thread gets
                        // the time between frames, no more.
                        std::thread::sleep(FRAME_INTERVAL.saturating_sub(last));
                        let took = frames.frame();
                        last = took;
                        if std::env::var_os("FRAME_TRACE").is_some() {
                            eprintln!(
                                "step {step} frame {took:?} uploads {} more {}",
                                frames.uploads,
                                frames.wants_more()
                            );
                        }
                        slowest = slowest.max(took);
                        all += took;
                    }
                    total += match what {
                        AfterStep::First => first,
                        AfterStep::Slowest => slowest,
                        AfterStep::All => all,
                    };
                }
                total
            });
        });
        frames.report_uploads(&id);
    }
}

fn frame_after_zoom_step(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    bench_zoom_step(
        c,
        "frame_after_zoom_step",
        Frames::new(AtlasApp::from_atlas(load_embedded()), &[]),
    );
    bench_zoom_step(
        c,
        "frame_after_zoom_step_all_groups",
        Frames::new(
            AtlasApp::from_atlas(load_embedded()),
            &[Command::Filter(FilterCommand::ShowAllGroups(true))],
        ),
    );
}

/// Frames with the zoom changing every frame, smoothly between 1× and 12× and back (about 60
/// frames each way), the centre drifting.
fn bench_zoom_animation(c: &mut Criterion, name: &str, mut frames: Frames) {
    let mut step = 0u32;
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                step += 1;
                let phase = (step as f32 * std::f32::consts::PI / 60.0).sin();
                let zoom = 12f32.powf(0.5 + 0.5 * phase);
                let drift = (step as f32 * 0.01).sin() * 80.0;
                frames.set_view(pos2(drift, drift * 0.3), zoom);
                total += frames.frame();
            }
            total
        });
    });
    frames.report_uploads(name);
}

fn frame_zoom_animation(c: &mut Criterion) {
    // As in the app's window: the map's slow work on its background thread.
    resistance_atlas::map::use_a_background_thread();
    bench_zoom_animation(
        c,
        "frame_zoom_animation",
        Frames::new(AtlasApp::from_atlas(load_embedded()), &[]),
    );
    bench_zoom_animation(
        c,
        "frame_zoom_animation_all_groups",
        Frames::new(
            AtlasApp::from_atlas(load_embedded()),
            &[Command::Filter(FilterCommand::ShowAllGroups(true))],
        ),
    );
}

/// Frames while the time control's start is dragged over the years, a few days a frame, with a
/// million events shown at `zoom`.
fn bench_drag(c: &mut Criterion, name: &str, events: &LoadedEvents, zoom: f32) {
    let mut app = AtlasApp::from_atlas(load_embedded());
    app.show_events(events.clone());
    let mut frames = Frames::new(app, &[]);
    frames.set_view(pos2(20.0, 10.0), zoom);
    for _ in 0..30 {
        frames.frame();
    }
    frames.reset_counts();
    let first = Day::month_start(2021, 8);
    let last = Day::month_end(2025, 6);
    let (first_number, last_number) = (day_number(first), day_number(last));
    let span = (last_number - first_number).max(1) as u32;
    let mut step = 0u32;
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                step += 1;
                // Back and forth over the years, 3 days a frame.
                let days = (step * 3) % (2 * span);
                let days = if days < span { days } else { 2 * span - days };
                let from = day_from_number(first_number + days as i32);
                frames.apply(Command::Filter(FilterCommand::SetTimeRange(from, last)));
                total += frames.frame();
            }
            total
        });
    });
    frames.report_uploads(name);
}

criterion_group!(
    benches,
    startup,
    frame_while_panning,
    frame_with_events,
    frame_after_zoom_step,
    frame_zoom_animation
);
criterion_main!(benches);
