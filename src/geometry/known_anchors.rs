//! The built-in provinces' label anchors, computed ahead of time: `polylabel` is the slowest
//! step of building the map's geometry (tens of milliseconds before the first frame, and in
//! every export), and for the boundaries compiled into the app its answer never changes.
//!
//! Each anchor is kept under a key made from the province's own lon/lat coordinates and the
//! projection's centre, so it is used only for exactly the polygons it was computed from — a
//! boundary file the user opens, or a corrected built-in one, has other keys and its anchors are
//! computed as before. A test checks that the table holds what [`label_anchor`] gives for every
//! built-in province; `write_known_anchors` (an ignored test) writes it again.

use egui::Pos2;
use geo::MultiPolygon;

use super::{LabelAnchor, Projection, labels::label_anchor};

// `KNOWN`: (key, x km, y km, room km) of each built-in province with an anchor, written by
// `write_known_anchors` below.
include!("known_anchors_table.rs");

/// The anchor computed ahead for `boundary` (lon/lat) under `projection`, if it was.
pub fn known_anchor(
    projection: &Projection,
    boundary: &MultiPolygon<f64>,
) -> Option<Option<LabelAnchor>> {
    let key = anchor_key(projection, boundary);
    KNOWN
        .iter()
        .find(|(known, ..)| *known == key)
        .map(|&(_, x, y, room_km)| {
            Some(LabelAnchor {
                pos_in_map: Pos2::new(x, y),
                room_km,
            })
        })
}

/// A 64-bit FNV-1a hash of the projection's centre and every coordinate of every ring (with
/// the rings' and polygons' lengths), as their bits: the same for the same polygons on every
/// machine, different for any change to them.
pub fn anchor_key(projection: &Projection, boundary: &MultiPolygon<f64>) -> u64 {
    let mut hash = Fnv::default();
    let (lon, lat) = projection.centre();
    hash.word(lon.to_bits());
    hash.word(lat.to_bits());
    hash.word(boundary.0.len() as u64);
    for polygon in boundary {
        hash.word(polygon.interiors().len() as u64);
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            hash.word(ring.0.len() as u64);
            for c in &ring.0 {
                hash.word(c.x.to_bits());
                hash.word(c.y.to_bits());
            }
        }
    }
    hash.0
}

/// FNV-1a, 64-bit, fed whole words (little-endian bytes).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn word(&mut self, word: u64) {
        for byte in word.to_le_bytes() {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The table's source for `atlas`'s provinces: the anchors [`label_anchor`] gives now.
pub fn table_source(atlas: &crate::data::Atlas) -> String {
    let projection = super::MapGeometry::build(atlas).projection;
    let mut rows = String::new();
    for province in &atlas.provinces {
        let key = anchor_key(&projection, &province.boundary);
        let in_map = projected(&projection, &province.boundary);
        if let Some(anchor) = label_anchor(&in_map) {
            rows.push_str(&format!(
                "    (0x{key:016x}, {:?}, {:?}, {:?}), // {}\n",
                anchor.pos_in_map.x, anchor.pos_in_map.y, anchor.room_km, province.code
            ));
        }
    }
    format!(
        "// Written by `cargo test --lib write_known_anchors -- --ignored` from the built-in\n\
         // boundaries (see known_anchors.rs); do not edit.\n\
         const KNOWN: &[(u64, f32, f32, f32)] = &[\n{rows}];\n"
    )
}

/// `boundary` in map space.
fn projected(projection: &Projection, boundary: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::MapCoords as _;
    boundary.map_coords(|c| {
        let [x, y] = projection.project(c.x, c.y);
        geo::coord! { x: x, y: y }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    const TABLE_PATH: &str = "src/geometry/known_anchors_table.rs";

    /// Writes the table again from the built-in boundaries:
    /// `cargo test --lib write_known_anchors -- --ignored`.
    #[test]
    #[ignore = "regenerates the table; run by hand"]
    fn write_known_anchors() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE_PATH);
        std::fs::write(path, table_source(&load_embedded())).expect("written");
    }

    #[test]
    fn the_table_holds_what_polylabel_gives_for_every_built_in_province() {
        let atlas = load_embedded();
        let kept = include_str!("known_anchors_table.rs");
        assert_eq!(
            kept,
            table_source(&atlas),
            "{TABLE_PATH} is stale: run `cargo test --lib write_known_anchors -- --ignored`"
        );
        let geometry = crate::geometry::MapGeometry::build(&atlas);
        for (i, province) in atlas.provinces.iter().enumerate() {
            let computed = label_anchor(&projected(&geometry.projection, &province.boundary));
            assert!(computed.is_some(), "{} has an anchor", province.code);
            assert_eq!(
                known_anchor(&geometry.projection, &province.boundary),
                Some(computed),
                "{}",
                province.code
            );
            assert_eq!(geometry.labels[i], computed, "{}", province.code);
        }
    }

    #[test]
    fn a_changed_boundary_or_projection_is_not_found() {
        let atlas = load_embedded();
        let geometry = crate::geometry::MapGeometry::build(&atlas);
        let mut moved = atlas.provinces[0].boundary.clone();
        let first = &mut moved.0[0];
        let mut exterior = first.exterior().clone();
        exterior.0[1].x += 1e-9;
        *first = geo::Polygon::new(exterior, first.interiors().to_vec());
        assert!(known_anchor(&geometry.projection, &atlas.provinces[0].boundary).is_some());
        assert_eq!(known_anchor(&geometry.projection, &moved), None);
        let elsewhere = Projection::centred_on(67.0, 34.0);
        assert_eq!(known_anchor(&elsewhere, &atlas.provinces[0].boundary), None);
    }

    #[test]
    fn keys_are_distinct() {
        let mut keys: Vec<u64> = KNOWN.iter().map(|(key, ..)| *key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), KNOWN.len());
    }
}
