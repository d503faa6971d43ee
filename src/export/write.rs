//! Writing files safely: to a temporary file beside the target, flushed to disk, then renamed
//! over it, so a crash never leaves half a file; an existing file is replaced only when asked.

use std::{
    fs,
    io::Write as _,
    path::{Path, PathBuf},
};

use super::ExportError;

/// Writes `bytes` to `path` atomically. Refuses to replace an existing file unless `overwrite`.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    if path.exists() && !overwrite {
        return Err(ExportError::Exists(path.to_path_buf()));
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        ExportError::Write(path.to_path_buf(), "the path names no file".to_owned())
    })?;
    let temporary = directory.join(format!(".{}.partial", file_name.to_string_lossy()));
    let fail = |e: std::io::Error| ExportError::Write(path.to_path_buf(), e.to_string());
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_to_overwrite_unless_asked() {
        let dir = std::env::temp_dir().join(format!("atlas-write-test-{}", std::process::id()));
        let _ = fs::create_dir_all(&dir);
        let path = dir.join("out.txt");
        let _ = fs::remove_file(&path);
        write_atomic(&path, b"one", false).expect("first write");
        assert!(matches!(
            write_atomic(&path, b"two", false),
            Err(ExportError::Exists(_))
        ));
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write_atomic(&path, b"two", true).expect("overwrite");
        assert_eq!(fs::read(&path).expect("read"), b"two");
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
}
