//! Noticing when the user saves an open data file, so the app reloads it. Polls modification
//! times (cheap, portable, and immune to editors that save by replacing the file) and waits until
//! a file has stopped changing for [`SETTLE`] before asking for a reload, so a half-written save
//! is never read.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant, SystemTime},
};

/// How long a changed file must stay unchanged before it is reloaded.
pub const SETTLE: Duration = Duration::from_millis(400);

/// The files being watched and what was last seen of them.
#[derive(Debug, Default)]
pub struct FileWatcher {
    /// Each file with its modification time and length when last looked at.
    seen: Vec<(PathBuf, Option<(SystemTime, u64)>)>,
    /// When a change was last seen and not yet reported.
    changed_at: Option<Instant>,
}

impl FileWatcher {
    /// Watches `paths` from now on (what they are now is not a change).
    pub fn watch<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.seen = paths
            .into_iter()
            .map(|p| (p.to_path_buf(), stamp(p)))
            .collect();
        self.changed_at = None;
    }

    /// Whether anything is watched.
    pub fn is_watching(&self) -> bool {
        !self.seen.is_empty()
    }

    /// Looks at the files; true once a change has settled (then it is forgotten).
    pub fn poll(&mut self, now: Instant) -> bool {
        for (path, last) in &mut self.seen {
            let current = stamp(path);
            if current != *last {
                *last = current;
                self.changed_at = Some(now);
            }
        }
        match self.changed_at {
            Some(at) if now.duration_since(at) >= SETTLE => {
                self.changed_at = None;
                true
            }
            _ => false,
        }
    }
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_file_is_reported_once_after_it_settles() {
        let path = std::env::temp_dir().join(format!("atlas-watch-{}.json", std::process::id()));
        std::fs::write(&path, "{}").expect("write");
        let mut watcher = FileWatcher::default();
        watcher.watch([path.as_path()]);
        let start = Instant::now();
        assert!(!watcher.poll(start), "nothing changed yet");
        std::fs::write(&path, "{\"changed\": true}").expect("write");
        assert!(!watcher.poll(start), "just changed: wait for it to settle");
        assert!(!watcher.poll(start + SETTLE / 2));
        assert!(watcher.poll(start + SETTLE), "settled: reload");
        assert!(!watcher.poll(start + SETTLE * 3), "reported once");
        let _ = std::fs::remove_file(&path);
        assert!(
            !watcher.poll(start + SETTLE * 4),
            "deleted: a change, not yet settled"
        );
        assert!(
            watcher.poll(start + SETTLE * 5),
            "a deleted file is reported too"
        );
    }
}
