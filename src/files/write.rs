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
    #[error("{} already exists; choose another name or allow replacing it", .0.display())]
    Exists(PathBuf),
    /// The file could not be written.
    #[error("could not write {}: {}", .0.display(), .1)]
    Failed(PathBuf, String),
}

/// Writes `bytes` to `path` atomically. Refuses to replace an existing file unless `overwrite`,
/// and never replaces anything that is not a regular file.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let fail = |e: std::io::Error| WriteError::Failed(path.to_path_buf(), e.to_string());
    if let Ok(existing) = fs::metadata(path) {
        if !existing.is_file() {
            return Err(WriteError::Failed(
                path.to_path_buf(),
                format!(
                    "it is {}, not a file; nothing was replaced",
                    if existing.is_dir() {
                        "a folder"
                    } else {
                        "a device or special file"
                    }
                ),
            ));
        }
        if !overwrite {
            return Err(WriteError::Exists(path.to_path_buf()));
        }
    }
    if path.file_name().is_none() {
        return Err(WriteError::Failed(
            path.to_path_buf(),
            "the path names no file".to_owned(),
        ));
    }
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
}
