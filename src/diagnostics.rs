//! What the app leaves behind for whoever has to find out what went wrong: a log in the data
//! folder, a crash report there if the app ever panics (and a message saying where), and the
//! time from start to the first frame.

use crate::data_dir;
use std::{
    io::Write as _,
    path::{Path, PathBuf},
    sync::OnceLock,
    time::{Instant, SystemTime},
};

/// The log's name in the data folder.
pub const LOG_FILE_NAME: &str = "resistance-atlas.log";

/// A log larger than this is moved aside (`.log.old`) at start, so it never grows without end.
const MAX_LOG_BYTES: u64 = 5_000_000;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Notes the process start; call first thing in `main`.
pub fn mark_start() {
    let _ = STARTED.set(Instant::now());
}

/// Milliseconds since [`mark_start`], if it was called.
pub fn millis_since_start() -> Option<f64> {
    STARTED
        .get()
        .map(|start| start.elapsed().as_secs_f64() * 1000.0)
}

/// The log target of the start-up timings: `RUST_LOG=resistance_atlas::startup=debug` shows them.
pub const STARTUP_TARGET: &str = "resistance_atlas::startup";

/// Notes in the log (at debug level, under [`STARTUP_TARGET`]) that a step of starting up is
/// done: milliseconds since start, and since the step before. Off unless asked for, so users'
/// logs are not filled with it.
pub fn startup_step(what: &str) {
    if STARTED_UP.load(std::sync::atomic::Ordering::Relaxed)
        || !log::log_enabled!(target: STARTUP_TARGET, log::Level::Debug)
    {
        return;
    }
    static LAST: std::sync::Mutex<Option<f64>> = std::sync::Mutex::new(None);
    let Some(now) = millis_since_start() else {
        return;
    };
    let Ok(mut last) = LAST.lock() else {
        return;
    };
    let since = now - last.unwrap_or(0.0);
    *last = Some(now);
    log::debug!(target: STARTUP_TARGET, "{what}: done {now:.1} ms after start (+{since:.1} ms)");
}

static STARTED_UP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes that the first frame is on screen: [`startup_step`] says nothing more.
pub fn started_up() {
    STARTED_UP.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Sends the log to `resistance-atlas.log` in the data folder (to standard error when there is
/// none). `RUST_LOG` sets the level; by default this app's info and everyone's warnings.
pub fn init_logging() -> Option<PathBuf> {
    let mut builder = env_logger::Builder::new();
    builder
        .filter_level(log::LevelFilter::Warn)
        .filter_module("resistance_atlas", log::LevelFilter::Info)
        .parse_default_env();
    let path = data_dir().map(|dir| dir.join(LOG_FILE_NAME));
    let file = path.as_deref().and_then(|path| {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
            let _ = std::fs::rename(path, path.with_extension("log.old"));
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
    });
    let logged_to = match file {
        Some(file) => {
            builder.target(env_logger::Target::Pipe(Box::new(file)));
            path
        }
        None => None,
    };
    let _ = builder.try_init();
    logged_to
}

/// On a panic, writes a crash report (what, where, backtrace, version) to the data folder and
/// tells the user where it is, on standard error and in a message box. The deck is autosaved on
/// every change, so a crash loses no slides.
pub fn install_crash_handler() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let report = crash_report(&info.to_string());
        let written = data_dir().and_then(|dir| write_crash_report(&dir, &report));
        log::error!("{report}");
        match &written {
            Some(path) => {
                eprintln!(
                    "Resistance Atlas stopped unexpectedly. A crash report was written to {}",
                    path.display()
                );
                let _ = rfd::MessageDialog::new()
                    .set_level(rfd::MessageLevel::Error)
                    .set_title("Resistance Atlas stopped unexpectedly")
                    .set_description(format!(
                        "Sorry — the app hit an error it could not recover from. Your slides are saved.\n\nA crash report was written to:\n{}\n\nPlease send it with a note of what you were doing.",
                        path.display()
                    ))
                    .show();
            }
            None => default_hook(info),
        }
    }));
}

/// The text of a crash report.
pub fn crash_report(panic: &str) -> String {
    format!(
        "Resistance Atlas {} crash report\nTime (UTC): {}\nSystem: {} {}\n\n{panic}\n\nBacktrace:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        utc_timestamp(SystemTime::now()),
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::backtrace::Backtrace::force_capture()
    )
}

/// Writes `report` as `crash-<time>.txt` in `dir`; returns its path.
pub fn write_crash_report(dir: &Path, report: &str) -> Option<PathBuf> {
    let stamp = utc_timestamp(SystemTime::now()).replace([':', ' '], "-");
    let path = dir.join(format!("crash-{stamp}.txt"));
    let mut file = std::fs::File::create(&path).ok()?;
    file.write_all(report.as_bytes()).ok()?;
    Some(path)
}

/// `2026-11-26 13:18:52` for a time.
fn utc_timestamp(time: SystemTime) -> String {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_dates() {
        let at = |secs| utc_timestamp(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01 00:00:00");
        assert_eq!(at(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(at(1_795_699_132), "2026-11-26 13:18:52");
    }

    #[test]
    fn a_crash_report_says_what_and_where_and_is_written_to_the_folder() {
        let report = crash_report("panicked at src/app.rs:1:1: oh no");
        assert!(report.starts_with("Resistance Atlas "));
        assert!(report.contains("oh no"));
        assert!(report.contains("Backtrace:"));
        let dir = std::env::temp_dir().join(format!("atlas-crash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = write_crash_report(&dir, &report).expect("written");
        assert!(
            path.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("crash-"))
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), report);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
