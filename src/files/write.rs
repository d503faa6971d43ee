//! Writing files safely: into a temporary file created exclusively (with an unpredictable name)
//! beside the target, flushed to disk, then renamed over it. A crash never leaves half a file, a
//! planted symlink cannot redirect the write, an existing file is replaced only when asked, and a
//! folder or a device is never replaced at all.

use std::{
    fs,
    io::Write as _,
    path::{Path, PathBuf},
};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and replacing it was not allowed.
    #[error("{} already exists; choose another name or allow replacing it", super::shown_path(.0))]
    Exists(PathBuf),
    /// The file could not be written.
    #[error("could not write {}: {}", super::shown_path(.0), .1)]
    Failed(PathBuf, String),
}

/// Where a write may go: whether an existing file may be replaced, and the files the command
/// read (its inputs), which are never written over — not by their own name, nor through
/// another name for the same file (a hard link, a `./` prefix, a symbolic link).
#[derive(Clone, Debug, Default)]
pub struct WriteTarget {
    /// Replace an existing regular file (`--force`, or a confirmation in the app).
    pub overwrite: bool,
    /// The files the command reads.
    pub inputs: Vec<PathBuf>,
}

impl WriteTarget {
    /// A target that may replace an existing file when `overwrite`, with no inputs to protect.
    pub fn new(overwrite: bool) -> Self {
        Self {
            overwrite,
            inputs: Vec::new(),
        }
    }

    /// Also refuses to write over any of `inputs`.
    #[must_use]
    pub fn protecting(mut self, inputs: impl IntoIterator<Item = PathBuf>) -> Self {
        self.inputs.extend(inputs);
        self
    }

    /// Whether `path` may be written: refuses a symbolic link (nothing is written through a
    /// link), a folder or a device, one of the inputs, and an existing file unless
    /// `overwrite`. The one check every write makes, also before a batch of writes.
    pub fn check(&self, path: &Path) -> Result<(), WriteError> {
        let refuse = |why: String| Err(WriteError::Failed(path.to_path_buf(), why));
        if path.file_name().is_none() {
            return refuse("the path names no file".to_owned());
        }
        let Ok(link) = fs::symlink_metadata(path) else {
            return Ok(());
        };
        if link.file_type().is_symlink() {
            return refuse(
                "it is a symbolic link; nothing is written through a link (remove it or choose another name)"
                    .to_owned(),
            );
        }
        if !link.is_file() {
            return refuse(format!(
                "it is {}, not a file; nothing was replaced",
                if link.is_dir() {
                    "a folder"
                } else {
                    "a device or special file"
                }
            ));
        }
        if let Some(input) = self.inputs.iter().find(|input| same_file(&link, input)) {
            return refuse(format!(
                "it is one of the files read ({}); write the result to another file",
                super::shown_path(input)
            ));
        }
        if !self.overwrite {
            return Err(WriteError::Exists(path.to_path_buf()));
        }
        Ok(())
    }
}

/// Whether `input` is the file `existing` describes (the same device and inode on Unix).
fn same_file(existing: &fs::Metadata, input: &Path) -> bool {
    let Ok(other) = fs::metadata(input) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        existing.dev() == other.dev() && existing.ino() == other.ino()
    }
    #[cfg(not(unix))]
    {
        existing.len() == other.len() && existing.modified().ok() == other.modified().ok()
    }
}

/// Writes `bytes` to `path` atomically. Refuses to replace an existing file unless `overwrite`,
/// and never replaces anything that is not a regular file, nor writes through a symbolic link.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_to(path, bytes, &WriteTarget::new(overwrite))
}

/// Writes `bytes` to `path` atomically (temporary file beside it, fsync, rename) if `target`
/// allows it (see [`WriteTarget::check`]).
pub fn write_to(path: &Path, bytes: &[u8], target: &WriteTarget) -> Result<(), WriteError> {
    let fail = |e: std::io::Error| WriteError::Failed(path.to_path_buf(), e.to_string());
    target.check(path)?;
    let overwrite = target.overwrite;
    let mut file = temporary_file_in(&folder_of(path)).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    let persisted = if overwrite {
        file.persist(path)
    } else {
        // Fails, rather than replaces, when a file appeared meanwhile.
        file.persist_noclobber(path)
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_path_buf())
        } else {
            fail(e.error)
        }
    })?;
    Ok(())
}

/// Why `folder` cannot be the folder a set of files is written into, if it cannot: it is a file,
/// a link to nothing, or a path through a file ("a/b" where "a" is a file). Said in words
/// before anything is made, rather than as the system's "File exists (os error 17)".
pub fn folder_refusal(folder: &Path) -> Option<String> {
    let shown = |path: &Path| super::shown_path(path);
    if let Ok(link) = fs::symlink_metadata(folder) {
        return match fs::metadata(folder) {
            Ok(target) if target.is_dir() => None,
            Ok(_) => Some(format!(
                "{}: it is a file, not a folder; --out names the folder the slides are written into (choose a folder name)",
                shown(folder)
            )),
            Err(_) if link.file_type().is_symlink() => Some(format!(
                "{} is a symbolic link to something that does not exist; remove it or choose another folder name",
                shown(folder)
            )),
            Err(error) => Some(format!("{} cannot be used: {error}", shown(folder))),
        };
    }
    // A missing folder is made, with its missing parents, unless a parent is a file.
    let mut parent = folder.parent();
    while let Some(path) = parent.filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(metadata) = fs::metadata(path) {
            return (!metadata.is_dir()).then(|| {
                format!(
                    "{} is a file, not a folder, so {} cannot be made inside it",
                    shown(path),
                    shown(folder)
                )
            });
        }
        parent = path.parent();
    }
    None
}

/// The folder a path is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new, exclusively created temporary file in `folder`, with the permissions a newly created
/// file gets (so an export is readable by others as any saved file is), removed unless persisted.
pub fn temporary_file_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".resistance-atlas-").suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The process umask still applies, as it does to any file the user creates.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// The name every staging folder starts with, followed by the id of the process that made it.
const STAGING_PREFIX: &str = ".resistance-atlas-staging-";

/// A new private staging folder in `folder` (removed when dropped), for a set of files written
/// all or nothing. Staging folders left by a run that was killed (its process is gone) are
/// removed first, so an interrupted export leaves nothing behind for long.
pub fn staging_folder_in(folder: &Path) -> std::io::Result<tempfile::TempDir> {
    remove_stale_staging(folder);
    tempfile::Builder::new()
        .prefix(&format!("{STAGING_PREFIX}{}-", std::process::id()))
        .tempdir_in(folder)
}

/// Removes the staging folders in `folder` whose process no longer runs; returns how many.
pub fn remove_stale_staging(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(STAGING_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder && !process_runs(pid) && fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
#[allow(unsafe_code)]
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid == 0 {
        return false;
    }
    // Signal 0 checks that the process exists without touching it.
    // SAFETY: kill with signal 0 sends nothing; it only looks the process up.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_runs(pid: u32) -> bool {
    pid == std::process::id()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("atlas-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn writes_and_refuses_to_overwrite_unless_asked() {
        let dir = scratch("overwrite");
        let path = dir.join("out.txt");
        write_atomic(&path, b"one", false).expect("first write");
        assert!(matches!(
            write_atomic(&path, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write_atomic(&path, b"two", true).expect("overwrite");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let left: Vec<_> = fs::read_dir(&dir).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unwritable_directory_is_an_error_naming_the_path() {
        let err = write_atomic(Path::new("/nonexistent-dir/x/out.png"), b"x", false)
            .expect_err("cannot write");
        assert!(
            err.to_string().contains("/nonexistent-dir/x/out.png"),
            "{err}"
        );
    }

    #[test]
    fn a_folder_or_a_device_is_never_replaced() {
        let dir = scratch("special");
        let folder = dir.join("deck.json");
        fs::create_dir(&folder).expect("folder");
        let err = write_atomic(&folder, b"{}", true).expect_err("a folder");
        assert!(err.to_string().contains("a folder"), "{err}");
        assert!(folder.is_dir(), "still a folder");
        #[cfg(unix)]
        {
            let err = write_atomic(Path::new("/dev/null"), b"x", true).expect_err("a device");
            assert!(err.to_string().contains("device"), "{err}");
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = scratch("symlink");
        let victim = dir.join("victim.txt");
        fs::write(&victim, b"precious").expect("victim");
        // The name the old writer used for its temporary file.
        std::os::unix::fs::symlink(&victim, dir.join(".out.svg.partial")).expect("symlink");
        write_atomic(&dir.join("out.svg"), b"<svg/>", false).expect("writes");
        assert_eq!(fs::read(&victim).expect("read"), b"precious");
        assert_eq!(fs::read(dir.join("out.svg")).expect("read"), b"<svg/>");
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_through_a_symlink_even_when_replacing_is_allowed() {
        let dir = scratch("link-target");
        let victim = dir.join("victim.txt");
        fs::write(&victim, b"precious").expect("victim");
        let link = dir.join("out.csv");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        let err = write_atomic(&link, b"new", true).expect_err("a link");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read(&victim).expect("read"), b"precious");
        assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_input_is_never_written_over_even_with_force_or_by_another_name() {
        let dir = scratch("input");
        let input = dir.join("x.csv");
        fs::write(&input, b"rows").expect("input");
        let target = WriteTarget::new(true).protecting([input.clone()]);
        for name in [input.clone(), dir.join(".").join("x.csv")] {
            let err = write_to(&name, b"counts", &target).expect_err("an input");
            assert!(err.to_string().contains("one of the files read"), "{err}");
        }
        fs::hard_link(&input, dir.join("y.csv")).expect("hard link");
        assert!(write_to(&dir.join("y.csv"), b"counts", &target).is_err());
        assert_eq!(fs::read(&input).expect("read"), b"rows");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_a_dangling_link_or_a_path_through_a_file_is_no_folder_to_write_into() {
        let dir = scratch("folder-refusal");
        let file = dir.join("slides.png");
        fs::write(&file, b"png").expect("file");
        assert!(folder_refusal(&dir).is_none(), "a folder");
        assert!(
            folder_refusal(&dir.join("new/deeper")).is_none(),
            "made when missing"
        );
        let why = folder_refusal(&file).expect("a file");
        assert!(
            why.contains("slides.png: it is a file, not a folder"),
            "{why}"
        );
        let why = folder_refusal(&file.join("sub")).expect("through a file");
        assert!(
            why.contains("slides.png is a file, not a folder, so"),
            "{why}"
        );
        #[cfg(unix)]
        {
            let link = dir.join("gone");
            std::os::unix::fs::symlink(dir.join("nothing"), &link).expect("link");
            let why = folder_refusal(&link).expect("a dangling link");
            assert!(
                why.contains("symbolic link to something that does not exist"),
                "{why}"
            );
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn staging_folders_of_a_finished_process_are_removed_on_the_next_run() {
        let dir = scratch("staging");
        // No process has id 4194304 or more on Linux (the largest pid_max).
        let stale = dir.join(format!("{STAGING_PREFIX}4194305-abc"));
        fs::create_dir(&stale).expect("stale");
        fs::write(stale.join("01-slide.png"), b"png").expect("file");
        let staging = staging_folder_in(&dir).expect("staging");
        assert!(!stale.exists(), "the stale staging folder is removed");
        assert!(staging.path().exists(), "the running one is kept");
        assert_eq!(remove_stale_staging(&dir), 0, "our own is alive");
        drop(staging);
        let _ = fs::remove_dir_all(&dir);
    }
}
