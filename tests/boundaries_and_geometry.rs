//! The embedded map: 34 provinces, the corrected labels in the right places, and geometry that is
//! consistent with itself (labels inside, meshes keep their area, borders drawn once).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use geo::{Area as _, MapCoords as _};
use resistance_atlas::{
    data::{ProvinceIdx, load_embedded},
    geometry::{BorderKind, MapGeometry, mesh::mesh_area},
};

#[test]
fn the_embedded_data_loads_without_problems() {
    let atlas = load_embedded();
    assert!(atlas.problems.is_empty(), "{:#?}", atlas.problems);
}

#[test]
fn there_are_34_provinces_with_unique_iso_codes() {
    let atlas = load_embedded();
    assert_eq!(atlas.provinces.len(), 34);
    let mut codes: Vec<&str> = atlas.provinces.iter().map(|p| p.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 34);
    assert!(
        codes.iter().all(|c| c.starts_with("AF-") && c.len() == 6),
        "{codes:?}"
    );
}

#[test]
fn capitals_lie_in_the_corrected_provinces() {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    for (place, lat, lon, code) in [
        ("Nili", 33.72, 66.13, "AF-DAY"),
        ("Bazarak", 35.31, 69.52, "AF-PAN"),
        ("Gardez", 33.60, 69.22, "AF-PIA"),
        ("Sharana", 33.14, 68.73, "AF-PKA"),
        ("Kabul", 34.53, 69.17, "AF-KAB"),
        ("Herat", 34.35, 62.20, "AF-HER"),
    ] {
        let found = geometry
            .province_at_lonlat(lon, lat)
            .map(|p| atlas.province(p).code.as_str());
        assert_eq!(found, Some(code), "{place} ({lat}°N {lon}°E)");
    }
}

#[test]
fn corrected_provinces_carry_their_true_names() {
    let atlas = load_embedded();
    for (code, name, adm1) in [
        ("AF-DAY", "Daykundi", "AFG-1753"),
        ("AF-PAN", "Panjshir", "AFG-1769"),
        ("AF-PIA", "Paktia", "AFG-3413"),
        ("AF-PKA", "Paktika", "AFG-1759"),
    ] {
        let province = atlas.province(atlas.province_by_code(code).expect(code));
        assert_eq!(province.name, name);
        assert_eq!(province.adm1_code.as_deref(), Some(adm1));
    }
}

#[test]
fn every_label_anchor_is_inside_its_own_province() {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    for province in atlas.province_indices() {
        let anchor = geometry.labels[province.0].expect("every province has a label anchor");
        assert_eq!(
            geometry.hit.province_at(anchor.pos_in_map),
            Some(province),
            "label of {}",
            atlas.province(province).name
        );
        assert!(
            anchor.room_km > 5.0,
            "{} has room {}",
            atlas.province(province).name,
            anchor.room_km
        );
    }
}

#[test]
fn each_mesh_has_the_area_of_its_polygon_within_a_tenth_of_a_percent() {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    for province in atlas.province_indices() {
        let in_map = atlas.province(province).boundary.map_coords(|c| {
            let [x, y] = geometry.projection.project(c.x, c.y);
            geo::coord! { x: x, y: y }
        });
        let polygon_area = in_map.unsigned_area();
        let mesh_area = mesh_area(&geometry.fills[province.0]);
        let error = (mesh_area - polygon_area).abs() / polygon_area;
        assert!(
            error < 0.001,
            "{}: mesh {mesh_area} vs polygon {polygon_area}",
            atlas.province(province).name
        );
    }
}

#[test]
fn provinces_add_up_to_about_the_area_of_afghanistan() {
    // 652,230 km² (World Bank, AG.LND.TOTL.K2); a small-scale map and this projection land within 3 %.
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let total_km2: f64 = geometry.fills.iter().map(mesh_area).sum();
    assert!((total_km2 / 652_230.0 - 1.0).abs() < 0.03, "{total_km2}");
}

#[test]
fn shared_borders_give_neighbours_and_one_national_loop() {
    let atlas = load_embedded();
    let geometry = MapGeometry::build(&atlas);
    let panjshir = atlas.province_by_code("AF-PAN").expect("Panjshir");
    let names: Vec<&str> = geometry
        .neighbours(panjshir)
        .iter()
        .map(|p| atlas.province(*p).name.as_str())
        .collect();
    for expected in [
        "Parwan",
        "Kapisa",
        "Baghlan",
        "Badakhshan",
        "Takhar",
        "Nuristan",
        "Laghman",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    // Neighbourhood is symmetric.
    for province in atlas.province_indices() {
        for neighbour in geometry.neighbours(province) {
            assert!(geometry.neighbours(*neighbour).contains(&province));
        }
    }
    // The national border closes on itself: its endpoints pair up.
    let national: Vec<_> = geometry
        .topology
        .borders
        .iter()
        .filter(|b| b.kind == BorderKind::National)
        .collect();
    assert!(!national.is_empty());
    let mut endpoint_counts = std::collections::HashMap::new();
    for line in &national {
        for [x, y] in [line.points[0], line.points[line.points.len() - 1]] {
            *endpoint_counts
                .entry(((x * 1e3) as i64, (y * 1e3) as i64))
                .or_insert(0) += 1;
        }
    }
    assert!(
        endpoint_counts.values().all(|n| n % 2 == 0),
        "the national border has loose ends"
    );
    let internal_count = geometry
        .topology
        .borders
        .iter()
        .filter(|b| b.kind == BorderKind::Internal)
        .count();
    let adjacent_pairs: usize = atlas
        .province_indices()
        .map(|p| geometry.neighbours(p).len())
        .sum::<usize>()
        / 2;
    assert!(
        internal_count >= adjacent_pairs,
        "{internal_count} internal lines for {adjacent_pairs} pairs"
    );
}

#[test]
fn kapisa_population_is_not_available_rather_than_invented() {
    let atlas = load_embedded();
    let kapisa = atlas.province(atlas.province_by_code("AF-KAP").expect("Kapisa"));
    assert!(kapisa.facts.population.is_none());
    assert_eq!(
        kapisa.facts.capital.as_ref().map(|c| c.value.as_str()),
        Some("Mahmud-i-Raqi")
    );
    let kabul = atlas.province(ProvinceIdx(
        atlas.province_by_code("AF-KAB").expect("Kabul").0,
    ));
    let area = kabul.facts.area_km2.as_ref().expect("Kabul has an area");
    assert_eq!(area.value, 4462.0);
    assert!(area.sources.iter().all(|s| atlas.sources.contains_key(s)));
}
