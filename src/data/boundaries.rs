//! GeoJSON boundary file → provinces (names and lon/lat geometry), every problem collected.
//!
//! Each feature is read on its own, so one broken feature costs only itself. Accepted: Polygon
//! and MultiPolygon geometries with holes; rings are closed when they are not (and that is
//! reported), re-oriented to RFC 7946 (outer rings counter-clockwise), and rejected when they have
//! fewer than four positions or coordinates outside longitude/latitude range. Facts are not read
//! here; see [`super::atlas_file`].

use geo::{
    LineString, MultiPolygon, Polygon, Validation as _, orient::Direction, orient::Orient as _,
};
use serde_json::Value;

use super::{model::Province, problems::Problem};

/// The provinces of a GeoJSON FeatureCollection, sorted by name, and what was wrong with it.
pub fn parse_boundaries(file: &str, text: &str) -> (Vec<Province>, Vec<Problem>) {
    let mut problems = Vec::new();
    let document: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            problems.push(Problem::fatal(file, "", format!("not valid JSON: {err}")));
            return (Vec::new(), problems);
        }
    };
    let Some(features) = document.get("features").and_then(Value::as_array) else {
        problems.push(Problem::fatal(
            file,
            "",
            "not a GeoJSON FeatureCollection: there is no \"features\" array",
        ));
        return (Vec::new(), problems);
    };

    let mut provinces: Vec<Province> = Vec::new();
    for (index, feature) in features.iter().enumerate() {
        let path = format!("features[{index}]");
        let Some(province) = parse_feature(file, &path, feature, &mut problems) else {
            continue;
        };
        if provinces.iter().any(|p| p.code == province.code) {
            problems.push(Problem::new(
                file,
                path,
                format!(
                    "a second feature has the code {}; it was skipped",
                    province.code
                ),
            ));
            continue;
        }
        provinces.push(province);
    }
    if provinces.is_empty() && problems.is_empty() {
        problems.push(Problem::new(file, "features", "the file has no features"));
    }
    provinces.sort_by(|a, b| a.name.cmp(&b.name));
    (provinces, problems)
}

fn parse_feature(
    file: &str,
    path: &str,
    feature: &Value,
    problems: &mut Vec<Problem>,
) -> Option<Province> {
    let properties = feature.get("properties").cloned().unwrap_or(Value::Null);
    let text = |key: &str| {
        properties
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    // Natural Earth's own `iso_3166_2` is just "AF-" for Afghanistan; such a stub is no code.
    let iso = text("iso_3166_2").filter(|code| !code.ends_with('-'));
    let feature_id = feature.get("id").and_then(|id| match id {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let name = text("name").or_else(|| text("name_en"));
    let Some(code) = iso
        .or(feature_id)
        .or_else(|| text("adm1_code"))
        .or_else(|| name.clone())
    else {
        problems.push(Problem::new(
            file,
            path,
            "the feature has no code, id or name; it was skipped",
        ));
        return None;
    };
    let alt_names = match properties.get("name_alt") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(joined)) => joined.split('|').map(str::to_owned).collect(),
        _ => Vec::new(),
    };

    let geometry_path = format!("{path}.geometry");
    let Some(geometry) = feature.get("geometry").filter(|g| !g.is_null()) else {
        problems.push(Problem::new(
            file,
            geometry_path,
            format!("{code} has no geometry; it was skipped"),
        ));
        return None;
    };
    let boundary = parse_geometry(file, &geometry_path, &code, geometry, problems)?;

    Some(Province {
        name: name.unwrap_or_else(|| code.clone()),
        code,
        alt_names,
        name_fa: text("name_fa").map(|name| without_province_word(&name)),
        name_ps: text("name_ps").map(|name| without_province_word(&name)),
        adm1_code: text("adm1_code"),
        boundary,
        facts: Default::default(),
    })
}

/// A Persian or Pashto name without the word for "province" (ولایت) that Natural Earth's
/// `name_fa` starts with: a map label is the name alone, as in English.
fn without_province_word(name: &str) -> String {
    ["ولایت", "ولايت"]
        .iter()
        .find_map(|word| name.strip_prefix(word))
        .map(str::trim_start)
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
        .to_owned()
}

fn parse_geometry(
    file: &str,
    path: &str,
    code: &str,
    geometry: &Value,
    problems: &mut Vec<Problem>,
) -> Option<MultiPolygon<f64>> {
    let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
    let coordinates = geometry.get("coordinates").unwrap_or(&Value::Null);
    let coordinates_path = format!("{path}.coordinates");
    let polygons: Vec<(String, &Value)> = match kind {
        "Polygon" => vec![(coordinates_path, coordinates)],
        "MultiPolygon" => coordinates
            .as_array()
            .map(|parts| {
                parts
                    .iter()
                    .enumerate()
                    .map(|(i, part)| (format!("{coordinates_path}[{i}]"), part))
                    .collect()
            })
            .unwrap_or_default(),
        other => {
            problems.push(Problem::new(
                file,
                format!("{path}.type"),
                format!("{code} is a {other:?}, not a Polygon or MultiPolygon; it was skipped"),
            ));
            return None;
        }
    };
    let parsed: Vec<Polygon<f64>> = polygons
        .into_iter()
        .filter_map(|(polygon_path, rings)| {
            parse_polygon(file, &polygon_path, code, rings, problems)
        })
        .collect();
    if parsed.is_empty() {
        problems.push(Problem::new(
            file,
            path,
            format!("{code} has no usable polygon; it was skipped"),
        ));
        return None;
    }
    Some(MultiPolygon::new(parsed).orient(Direction::Default))
}

fn parse_polygon(
    file: &str,
    path: &str,
    code: &str,
    rings: &Value,
    problems: &mut Vec<Problem>,
) -> Option<Polygon<f64>> {
    let Some(rings) = rings.as_array().filter(|r| !r.is_empty()) else {
        problems.push(Problem::new(
            file,
            path,
            format!("{code}: a polygon has no rings"),
        ));
        return None;
    };
    let mut parsed = Vec::with_capacity(rings.len());
    for (index, ring) in rings.iter().enumerate() {
        let ring_path = format!("{path}[{index}]");
        let what = if index == 0 {
            "outer ring".to_owned()
        } else {
            format!("interior ring {index}")
        };
        match parse_ring(ring) {
            Ok((ring, was_closed)) => {
                if !was_closed {
                    problems.push(Problem::new(
                        file,
                        &ring_path,
                        format!("{what} of {code} is not closed; it was closed"),
                    ));
                }
                parsed.push(ring);
            }
            Err(message) => {
                problems.push(Problem::new(
                    file,
                    ring_path,
                    format!("{what} of {code} {message}"),
                ));
                if index == 0 {
                    return None;
                }
            }
        }
    }
    let mut rings = parsed.into_iter();
    let exterior = rings.next()?;
    Some(Polygon::new(exterior, rings.collect()))
}

/// Rings that cross themselves or each other, and holes outside their polygon, in a user's
/// boundary file: they still load (the data may be mostly right), but the user should know where
/// fills may look wrong. Checked for opened files only: it costs more than all the rest of
/// loading, and the built-in boundaries are checked by a test.
pub fn geometry_problems(file: &str, provinces: &[Province]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for province in provinces {
        let parts = province.boundary.0.len();
        for (index, polygon) in province.boundary.0.iter().enumerate() {
            let part = if parts > 1 {
                format!(" (part {} of {parts})", index + 1)
            } else {
                String::new()
            };
            for error in polygon.validation_errors() {
                problems.push(Problem::new(
                    file,
                    format!("feature {}", province.code),
                    format!(
                        "{}: the polygon's {error}{part}; it is drawn as given and may fill oddly there",
                        province.code
                    ),
                ));
            }
        }
    }
    problems
}

/// A ring, and whether it arrived closed.
fn parse_ring(ring: &Value) -> Result<(LineString<f64>, bool), String> {
    let Some(positions) = ring.as_array() else {
        return Err("is not an array of positions".to_owned());
    };
    let mut coords = Vec::with_capacity(positions.len() + 1);
    for (index, position) in positions.iter().enumerate() {
        let pair = position.as_array().and_then(|p| match p.as_slice() {
            [x, y, ..] => Some((x.as_f64()?, y.as_f64()?)),
            _ => None,
        });
        let Some((lon, lat)) = pair else {
            return Err(format!(
                "has a position that is not [longitude, latitude] (position {index})"
            ));
        };
        if !(lon.is_finite()
            && lat.is_finite()
            && (-180.0..=180.0).contains(&lon)
            && (-90.0..=90.0).contains(&lat))
        {
            return Err(format!(
                "has a coordinate out of range: [{lon}, {lat}] (position {index})"
            ));
        }
        coords.push(geo::coord! { x: lon, y: lat });
    }
    let was_closed = coords.first() == coords.last();
    if !was_closed && let Some(first) = coords.first().copied() {
        coords.push(first);
    }
    if coords.len() < 4 {
        return Err(format!(
            "has {} positions; a ring needs at least 4",
            positions.len()
        ));
    }
    Ok((LineString::new(coords), was_closed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"iso_3166_2":"X-A","name":"Alpha","name_alt":"Al|Alfa"},
         "geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}}]}"#;

    #[test]
    fn reads_names_and_makes_outer_rings_counter_clockwise() {
        let (provinces, problems) = parse_boundaries("t.geojson", SQUARE);
        assert!(problems.is_empty(), "{problems:?}");
        let alpha = &provinces[0];
        assert_eq!(alpha.code, "X-A");
        assert_eq!(alpha.alt_names, vec!["Al", "Alfa"]);
        use geo::Winding as _;
        assert!(alpha.boundary.0[0].exterior().is_ccw());
    }

    #[test]
    fn a_self_intersecting_ring_and_a_stray_hole_are_reported_but_kept() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"iso_3166_2":"X-B","name":"Bowtie"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}},
            {"type":"Feature","properties":{"iso_3166_2":"X-H","name":"Holed"},
             "geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],
                [[5,5],[6,5],[6,6],[5,6],[5,5]]]]}}]}"#;
        let (provinces, problems) = parse_boundaries("t.geojson", text);
        assert_eq!(provinces.len(), 2, "both kept");
        assert!(problems.is_empty(), "{problems:?}");
        let text: Vec<String> = geometry_problems("t.geojson", &provinces)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            text.iter().any(|p| p
                .contains("X-B: the polygon's exterior ring has a self-intersection")
                && p.contains("at feature X-B in t.geojson")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|p| p.contains("X-H") && p.contains("not contained")),
            "{text:?}"
        );
    }

    #[test]
    fn the_built_in_boundaries_have_no_crossing_rings() {
        let (provinces, _) =
            parse_boundaries("provinces.geojson", super::super::load::EMBEDDED_BOUNDARIES);
        let problems = geometry_problems("provinces.geojson", &provinces);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn broken_features_are_reported_and_the_rest_kept() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"Good"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"name":"Far"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[500,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"name":"Open"},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}},
            {"type":"Feature","properties":{"name":"Empty"},"geometry":null},
            {"type":"Feature","properties":{"name":"Line"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
        ]}"#;
        let (provinces, problems) = parse_boundaries("t.geojson", text);
        let names: Vec<&str> = provinces.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Good", "Open"]);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("out of range")
                    && m.contains("features[1].geometry.coordinates[0]")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("not closed")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("Empty has no geometry")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("not a Polygon or MultiPolygon")),
            "{messages:?}"
        );
    }

    #[test]
    fn invalid_json_is_one_problem_not_a_panic() {
        let (provinces, problems) = parse_boundaries("t.geojson", "{\"features\": [");
        assert!(provinces.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("not valid JSON"));
    }
}
