//! The one door for files: every file the program reads goes through [`read`], every file it
//! writes through [`write`]. Both sit at the bottom of the house: they know bytes and paths, not
//! what the files mean.

mod read;
mod write;

pub use read::{ReadError, read_bounded, read_head};
pub use write::{WriteError, folder_of, temporary_file_in, write_atomic};
