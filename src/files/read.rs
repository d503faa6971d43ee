//! The one reader: every file the program reads goes through [`read_bounded`] or [`read_head`],
//! which refuse what is not a regular file (a folder, a FIFO, a device) before reading it and
//! never read more than a limit, so no file can hang the program or fill its memory.
//! What the bytes mean is left to the readers of each kind (data, events, decks).

use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A folder, FIFO, device or socket: reading it could hang or never end.
    #[error("is {0}, not a regular file")]
    NotAFile(&'static str),
    /// Larger than the limit for its kind.
    #[error("is {} MB; files over {} MB are refused", .0 / 1_000_000, .1 / 1_000_000)]
    TooLarge(u64, u64),
    /// The system could not read it.
    #[error("could not be read: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads a whole file, refusing before reading anything that is not a regular file, and reading
/// no more than `max_bytes` (a file that grows while read is refused too), so `/dev/zero`, a
/// FIFO or a folder can neither hang the app nor fill its memory.
pub fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read as _;
    let (file, metadata) = open_regular(path)?;
    if metadata.len() > max_bytes {
        return Err(ReadError::TooLarge(metadata.len(), max_bytes));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge(bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file, with its metadata, for readers that stream
/// a file rather than hold it (event files). Looked at before opening (opening a FIFO waits for
/// a writer), and again after, in case it was swapped since.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), ReadError> {
    check_regular(&std::fs::metadata(path)?)?;
    let file = open_without_waiting(path)?;
    let metadata = file.metadata()?;
    check_regular(&metadata)?;
    Ok((file, metadata))
}

fn check_regular(metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(ReadError::NotAFile(if kind.is_dir() {
        "a folder"
    } else {
        special_file_kind(&kind)
    }))
}

#[cfg(unix)]
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Opens for reading without blocking on a FIFO that was put in place after it was looked at.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What a file starting with `head` is, when it is not text: "looks like a zip archive: unzip
/// it first". Told by the signatures of the files people mistake for data (archives,
/// spreadsheets, documents, programs) and by NUL bytes, which no text file has.
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    let signatures: [(&[u8], &str); 6] = [
        (
            b"\x1f\x8b",
            "looks like a gzip archive: decompress it first (gunzip)",
        ),
        (b"PK\x03\x04", "looks like a zip archive: unzip it first"),
        (
            b"\x7fELF",
            "looks like a program (ELF executable), not a data file",
        ),
        (b"%PDF", "looks like a PDF document, not a data file"),
        (
            b"\xd0\xcf\x11\xe0",
            "looks like an old Excel or Word file: save it as CSV",
        ),
        (
            b"BZh",
            "looks like a bzip2 archive: decompress it first (bunzip2)",
        ),
    ];
    if head.starts_with(b"PK\x03\x04") && memchr::memmem::find(head, b"xl/").is_some() {
        return Some("looks like an Excel workbook (xlsx): save the sheet as CSV");
    }
    if let Some((_, kind)) = signatures.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(kind);
    }
    memchr::memchr(0, head).map(|_| "contains NUL bytes: it is binary, not a text file")
}

/// The first `max_bytes` of a regular file (refusing folders, FIFOs and devices like
/// [`read_bounded`]).
pub fn read_head(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read as _;
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(max_bytes).read_to_end(&mut bytes)?;
    Ok(bytes)
}
