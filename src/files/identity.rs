//! Which of several paths are one file given twice: the same file by another name (a link, a
//! `./` prefix) or a copy of it under another name (the same bytes). A command reading several
//! files reads each once and says how many it left out, so nothing is counted twice.

use std::{
    fs,
    io::Read as _,
    path::{Path, PathBuf},
};

/// The files to read, each once, and those left out with the file each repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistinctFiles {
    /// The paths to read, in the order given.
    pub kept: Vec<PathBuf>,
    /// Each path left out, with the kept path it repeats.
    pub repeated: Vec<(PathBuf, PathBuf)>,
}

impl DistinctFiles {
    /// A warning naming how many files were left out and which, or `None`.
    pub fn warning(&self) -> Option<String> {
        if self.repeated.is_empty() {
            return None;
        }
        let named: Vec<String> = self
            .repeated
            .iter()
            .take(5)
            .map(|(left, kept)| {
                format!(
                    "{} (the same as {})",
                    super::shown_path(left),
                    super::shown_path(kept)
                )
            })
            .collect();
        let more = self.repeated.len().saturating_sub(5);
        Some(format!(
            "warning: {} file{} given more than once (by the same name, another name, or as a copy with the same contents) {} read once: {}{}",
            self.repeated.len(),
            if self.repeated.len() == 1 { "" } else { "s" },
            if self.repeated.len() == 1 {
                "was"
            } else {
                "were"
            },
            named.join(", "),
            if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            }
        ))
    }
}

/// `paths` with each file once: a path naming a file already kept (the same file, or a regular
/// file with the same bytes) is left out. Paths that cannot be read are kept, for the reader to
/// report.
pub fn distinct_files(paths: &[PathBuf]) -> DistinctFiles {
    let mut distinct = DistinctFiles::default();
    let mut kept_metadata: Vec<Option<fs::Metadata>> = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).ok();
        let repeats = distinct
            .kept
            .iter()
            .zip(&kept_metadata)
            .find(|(kept, kept_meta)| match (&metadata, kept_meta) {
                (Some(a), Some(b)) => same_file(a, b) || same_contents(path, a, kept, b),
                _ => *kept == path,
            })
            .map(|(kept, _)| kept.clone());
        match repeats {
            Some(kept) => distinct.repeated.push((path.clone(), kept)),
            None => {
                distinct.kept.push(path.clone());
                kept_metadata.push(metadata);
            }
        }
    }
    distinct
}

/// Whether two metadata describe one file (the same device and inode on Unix).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Whether two regular files of the same length hold the same bytes, compared a block at a
/// time (stopping at the first difference).
fn same_contents(a: &Path, a_meta: &fs::Metadata, b: &Path, b_meta: &fs::Metadata) -> bool {
    if !(a_meta.is_file() && b_meta.is_file()) || a_meta.len() != b_meta.len() {
        return false;
    }
    let (Ok((mut a, _)), Ok((mut b, _))) = (super::open_regular(a), super::open_regular(b)) else {
        return false;
    };
    let mut block_a = vec![0u8; 1 << 16];
    let mut block_b = vec![0u8; 1 << 16];
    loop {
        let Ok(n) = read_full(&mut a, &mut block_a) else {
            return false;
        };
        let Ok(m) = read_full(&mut b, &mut block_b) else {
            return false;
        };
        if n != m || block_a[..n] != block_b[..m] {
            return false;
        }
        if n == 0 {
            return true;
        }
    }
}

/// Fills `buffer` as far as the file goes; the number of bytes read (0 at the end).
fn read_full(file: &mut fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_a_link_and_the_same_name_are_read_once_and_a_different_file_is_not() {
        let dir = std::env::temp_dir().join(format!("atlas-identity-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("dir");
        let events = dir.join("events.csv");
        fs::write(&events, b"a,b\n1,2\n").expect("file");
        let copy = dir.join("copy of events.csv");
        fs::copy(&events, &copy).expect("copy");
        let other = dir.join("other.csv");
        fs::write(&other, b"a,b\n1,3\n").expect("same length, other bytes");
        let dotted = dir.join(".").join("events.csv");
        let missing = dir.join("missing.csv");
        let paths = vec![
            events.clone(),
            copy.clone(),
            other.clone(),
            dotted.clone(),
            missing.clone(),
            missing.clone(),
        ];
        let distinct = distinct_files(&paths);
        assert_eq!(distinct.kept, vec![events.clone(), other, missing.clone()]);
        assert_eq!(
            distinct.repeated,
            vec![
                (copy, events.clone()),
                (dotted, events),
                (missing.clone(), missing)
            ]
        );
        let warning = distinct.warning().expect("a warning");
        assert!(
            warning.starts_with("warning: 3 files given more than once")
                && warning.contains("copy of events.csv (the same as "),
            "{warning}"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
