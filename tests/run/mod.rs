//! What the command-line test files share: the binary run as a user runs it, and a fresh
//! folder per test for the files it reads and writes.
#![allow(dead_code)] // each test file uses some of these

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

/// A fresh, empty folder for one test's files, named after the test file and `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "atlas-{}-{}-{name}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs the binary with `args` in the test's own environment.
pub fn atlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `home` as its HOME and `home/data` as its XDG_DATA_HOME.
pub fn atlas_in(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .output()
        .expect("the binary runs")
}

/// A process's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes `contents` to `dir/name` and gives its path as an argument.
pub fn write(dir: &Path, name: &str, contents: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path.to_string_lossy().into_owned()
}

/// The path of `name` among the generated event files in `tests/fixtures/events`.
pub fn events_fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs the binary with an empty data folder (and home), so no saved alias table or state
/// changes what it reads.
pub fn atlas_with_empty_data(args: &[&str]) -> Output {
    let data = scratch("data");
    Command::new(env!("CARGO_BIN_EXE_resistance-atlas"))
        .args(args)
        .env("XDG_DATA_HOME", &data)
        .env("HOME", &data)
        .output()
        .expect("the binary runs")
}
