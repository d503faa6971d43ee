//! The interactive map: view math, input handling, painting and its caches.

pub mod canvas;
pub mod dot_raster;
pub mod events_layer;
pub mod events_scene;
pub mod mesh_raster;
pub mod overlay;
pub mod paint;
pub mod point_grid;
pub mod raster_layer;
pub mod stroke_cache;
pub mod style;
pub mod view;
pub mod widget;

pub use style::MapStyle;
pub use widget::{MapMemory, MapWidget};
