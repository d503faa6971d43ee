//! The interactive map: view math, input handling, painting and its caches.

pub mod dot_raster;
pub mod events_layer;
pub mod events_scene;
pub mod overlay;
pub mod paint;
pub mod stroke_cache;
pub mod style;
pub mod view;
pub mod widget;

pub use style::MapStyle;
pub use widget::{MapMemory, MapWidget};
