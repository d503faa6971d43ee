//! The interactive map: the egui widget that draws the scene ([`crate::scene`]) on screen, takes
//! the pointer and the keys, and keeps what it drew between frames.
//!
//! Which way a layer is drawn: the province fills, stripes and hatching ("under") and the
//! dotted outlines and borders ("over") are meshes kept per zoom ([`stroke_cache`],
//! [`overlay`]); while the map is at rest or panning they are drawn from tiles painted in
//! software ([`raster_layer`]), while they change (zooming, restyling) as meshes. Event dots are
//! always drawn from tiles ([`events_layer`]). Every tile is kept in a [`tiles::TileCache`], the
//! one door for tile memory. Labels are placed by `geometry::labels` and painted in [`paint`].

mod background;
mod canvas;
mod dot_raster;
mod events_layer;
mod mesh_raster;
mod name_sizes;
pub mod names;
mod overlay;
mod paint;
mod raster_layer;
mod stroke_cache;
mod tiles;
mod tooltip;
mod widget;

pub use background::use_a_background_thread;
pub use widget::{MapMemory, MapWidget, zoom_buttons_area};
