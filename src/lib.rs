//! Resistance Atlas: a native desktop atlas of armed resistance to the Taliban in Afghanistan.
//!
//! Data flows one way: files → [`data::load`] → [`data::Atlas`] (immutable, validated) →
//! [`geometry::MapGeometry`] (projected, triangulated, indexed once) → the map widget and panels,
//! which read the atlas and the [`state::AppState`] and return [`command::Command`]s;
//! [`app::AtlasApp`] applies them — the one place state changes.

pub mod app;
pub mod charts;
pub mod cli;
pub mod command;
pub mod data;
pub mod deck;
pub mod deck_lock;
pub mod deck_recovery;
pub mod diagnostics;
pub mod export;
pub mod files;
pub mod fonts;
pub mod geometry;
pub mod icon;
pub mod links;
pub mod map;
pub mod panels;
pub mod saved;
pub mod scene;
pub mod state;
pub mod text;
pub mod theme;

pub use app::AtlasApp;

/// The app's name, as people read it: window title, dialogs.
pub const APP_NAME: &str = "Resistance Atlas";

/// The app's id: desktop entry, window class, and the name of its data folder (saved state,
/// autosaved deck, log, crash reports), e.g. `~/.local/share/resistance-atlas/` on Linux.
pub const APP_ID: &str = "resistance-atlas";

/// The app's data folder, created if missing (none where the platform has no such place).
pub fn data_dir() -> Option<std::path::PathBuf> {
    let dir = eframe::storage_dir(APP_ID)?;
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// The app's data folder if it already exists, without creating it: for commands that only
/// read (e.g. `events` looking for a saved alias table).
pub fn existing_data_dir() -> Option<std::path::PathBuf> {
    eframe::storage_dir(APP_ID).filter(|dir| dir.is_dir())
}
