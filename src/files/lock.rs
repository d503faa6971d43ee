//! Advisory locks: a file held by one process (one window) at a time, released when the
//! holder is dropped or the process ends — also when it is killed. Other programs may still
//! write the file; the lock only keeps our own windows from working on the same one unawares.
//!
//! The lock is taken on a small sidecar file that is never replaced, not on the file it
//! guards: that file is written by renaming a new one over it, and a lock on the old one would
//! not carry over.

use std::{
    fs::{File, OpenOptions, TryLockError},
    path::{Path, PathBuf},
};

/// A lock held on a file; released when dropped.
#[derive(Debug)]
pub struct FileLock {
    /// Kept open: closing it releases the lock.
    _file: File,
    path: PathBuf,
}

impl FileLock {
    /// The lock file held.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What trying to take a lock found.
#[derive(Debug)]
pub enum Locked {
    /// The lock is now ours.
    Held(FileLock),
    /// Another holder (another window) has it.
    Busy,
    /// Locks cannot be used here (the lock file cannot be made, or the file system does not
    /// lock): the reason.
    Unavailable(String),
}

/// Tries to take the lock on `path` (made if missing) without waiting.
pub fn try_lock(path: &Path) -> Locked {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Nothing is made or opened through a link planted at the lock's name.
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let opened = options.open(path);
    let file = match opened {
        Ok(file) => file,
        Err(e) => return Locked::Unavailable(format!("{}: {e}", path.display())),
    };
    match file.try_lock() {
        Ok(()) => Locked::Held(FileLock {
            _file: file,
            path: path.to_path_buf(),
        }),
        Err(TryLockError::WouldBlock) => Locked::Busy,
        Err(TryLockError::Error(e)) => Locked::Unavailable(format!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = std::env::temp_dir().join(format!("atlas-lock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("deck.lock");
        let Locked::Held(first) = try_lock(&path) else {
            panic!("the first lock is taken");
        };
        assert_eq!(first.path(), path);
        assert!(matches!(try_lock(&path), Locked::Busy), "held by the first");
        drop(first);
        assert!(matches!(try_lock(&path), Locked::Held(_)), "free again");
        let missing = dir.join("no-such-folder").join("deck.lock");
        assert!(
            matches!(try_lock(&missing), Locked::Unavailable(why) if why.contains("no-such-folder"))
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
