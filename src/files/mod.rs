//! The one door for files: every file the program reads goes through [`read`], every file it
//! writes through [`write`]. Both sit at the bottom of the house: they know bytes and paths, not
//! what the files mean.

mod identity;
pub mod lock;
mod read;
mod shown;
mod write;

pub use identity::{DistinctFiles, distinct_files};
pub use read::{ReadError, binary_kind, open_regular, read_bounded, read_head};
pub use shown::{SHOWN_CHARS, printable, shown, shown_path, shown_within};
pub use write::{
    WriteError, WriteTarget, folder_of, folder_refusal, remove_stale_staging, staging_folder_in,
    temporary_file_in, write_atomic, write_to,
};
