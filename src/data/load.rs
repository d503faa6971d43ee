//! Files → [`Atlas`]: boundaries first (they define the provinces and their names), then the
//! atlas data set resolved against them. Never panics on data; problems are collected.

use super::{
    atlas_file::parse_atlas_file, boundaries::parse_boundaries, gazetteer::Gazetteer, model::Atlas,
};

/// The boundary file compiled into the binary.
pub const EMBEDDED_BOUNDARIES: &str = include_str!("../../assets/provinces.geojson");
/// The atlas data set compiled into the binary.
pub const EMBEDDED_ATLAS: &str = include_str!("../../assets/atlas.json");

/// A file's name (for messages) and its text.
#[derive(Clone, Copy, Debug)]
pub struct NamedText<'a> {
    /// Name to show in problems.
    pub name: &'a str,
    /// The contents.
    pub text: &'a str,
}

/// The atlas from the files compiled into the binary.
pub fn load_embedded() -> Atlas {
    load(
        NamedText {
            name: "provinces.geojson",
            text: EMBEDDED_BOUNDARIES,
        },
        NamedText {
            name: "atlas.json",
            text: EMBEDDED_ATLAS,
        },
    )
}

/// The atlas from a boundary file and an atlas data set.
pub fn load(boundaries: NamedText<'_>, atlas_file: NamedText<'_>) -> Atlas {
    let (mut provinces, mut problems) = parse_boundaries(boundaries.name, boundaries.text);
    let spellings: Vec<Vec<String>> = provinces
        .iter()
        .map(|p| {
            std::iter::once(p.name.clone())
                .chain(p.alt_names.iter().cloned())
                .chain(p.name_fa.iter().cloned())
                .chain(p.name_ps.iter().cloned())
                .chain(std::iter::once(p.code.clone()))
                .collect()
        })
        .collect();
    let gazetteer = Gazetteer::new(&spellings);

    let (file, file_problems) = parse_atlas_file(atlas_file.name, atlas_file.text, &gazetteer);
    problems.extend(file_problems);
    for (province, facts) in file.facts {
        provinces[province.0].facts = facts;
    }

    Atlas {
        provinces,
        gazetteer,
        problems,
        ..file.records
    }
}
