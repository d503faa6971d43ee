//! What a boundary file must be before the atlas draws it and places points in it: Afghan
//! provinces (inside the country's extent), that do not overlap one another, and of a size the
//! app can draw at once. Provinces outside the extent or overlapping are refused with their
//! place in the file; provinces over the vertex budget are simplified on load, with a notice.
//! Reading the file is [`super::boundaries`]'s job.

use geo::{Area as _, BooleanOps as _, BoundingRect as _, CoordsIter as _, MultiPolygon};

use super::{Problem, model::Province};

/// The most vertices one province keeps; the largest built-in province has under 800. Above
/// it a province is simplified on load, so no file makes loading, `validate` or the first frame
/// slow.
pub const VERTEX_BUDGET_PER_PROVINCE: usize = 5_000;

/// The most vertices all provinces keep together (the built-in file has about 11,000); over it,
/// each province's budget is its share.
pub const VERTEX_BUDGET_TOTAL: usize = 60_000;

/// Where every Afghan province lies: the country's extent (60.5–74.9°E, 29.4–38.5°N) with half a
/// degree to spare, in degrees (west, south, east, north).
pub const AFGHANISTAN_EXTENT: [f64; 4] = [60.0, 28.9, 75.4, 39.0];

/// Overlaps smaller than this share of the smaller province are slivers where two sources draw
/// a shared border a little differently, not provinces on top of one another.
const OVERLAP_SHARE: f64 = 0.01;

/// The number of vertices of a province's boundary.
fn vertices(boundary: &MultiPolygon<f64>) -> usize {
    boundary.coords_count()
}

/// Simplifies every province over its vertex budget (Visvalingam–Whyatt, keeping the rings
/// valid), and returns a notice for each, at `paths[i]` (the place of `provinces[i]` in `file`).
pub fn simplify_over_budget(
    file: &str,
    provinces: &mut [Province],
    paths: &[String],
) -> Vec<Problem> {
    // What all provinces keep within their own budgets; only over the total is that shared.
    let total: usize = provinces
        .iter()
        .map(|p| vertices(&p.boundary).min(VERTEX_BUDGET_PER_PROVINCE))
        .sum();
    let mut notices = Vec::new();
    for (province, path) in provinces.iter_mut().zip(paths) {
        let before = vertices(&province.boundary);
        let budget = budget_for(before, total);
        if before <= budget {
            continue;
        }
        province.boundary = simplified(&province.boundary, budget);
        notices.push(Problem::new(
            file,
            format!("{path}.geometry"),
            format!(
                "{} has {before} vertices, more than the {budget} a province may keep ({VERTEX_BUDGET_PER_PROVINCE} each, {VERTEX_BUDGET_TOTAL} in all): it was simplified to {} vertices for drawing and placing events; simplify the file (e.g. with mapshaper) to choose how",
                crate::files::shown(&province.code),
                vertices(&province.boundary)
            ),
        ));
    }
    notices
}

/// The budget of a province of `own` vertices where all provinces, each within its own budget,
/// keep `total`: its own budget, or over the total budget its share of it.
fn budget_for(own: usize, total: usize) -> usize {
    if total <= VERTEX_BUDGET_TOTAL {
        return VERTEX_BUDGET_PER_PROVINCE;
    }
    let own = own.min(VERTEX_BUDGET_PER_PROVINCE);
    let share = (own as f64 / total as f64 * VERTEX_BUDGET_TOTAL as f64) as usize;
    share.clamp(100, VERTEX_BUDGET_PER_PROVINCE)
}

/// `boundary` with at most about `budget` vertices: Visvalingam–Whyatt simplification with a
/// growing area tolerance, each pass on the last one's result (so each is cheaper than the one
/// before), the last ones keeping rings from crossing. Rings that collapse below four positions are dropped; if nothing would be left,
/// the last shape with rings is kept.
pub fn simplified(boundary: &MultiPolygon<f64>, budget: usize) -> MultiPolygon<f64> {
    use geo::{SimplifyVw as _, SimplifyVwPreserve as _};
    let mut shape = if vertices(boundary) > 20 * budget {
        thinned(boundary, 20 * budget)
    } else {
        boundary.clone()
    };
    let mut tolerance = starting_tolerance(&shape, budget);
    for _ in 0..40 {
        if vertices(&shape) <= budget {
            break;
        }
        // Far over the budget, plain Visvalingam–Whyatt (a heap, n log n) takes off the
        // smallest wiggles fast; the last passes keep the rings from crossing (an R-tree
        // check per point removed, too slow for a million points).
        let next = if vertices(&shape) > 4 * budget {
            shape.simplify_vw(tolerance)
        } else {
            shape.simplify_vw_preserve(tolerance)
        };
        let next = without_collapsed_rings(&next);
        if next.0.is_empty() {
            break;
        }
        shape = next;
        tolerance *= 2.0;
    }
    shape
}

/// `boundary` with about `target` vertices, by a linear pass that drops each vertex closer to
/// the last one kept than the perimeter over `target` (the radial-distance step simplify.js
/// takes first): far over the budget, Visvalingam–Whyatt's heap is the slow part, and vertices
/// that close carry no shape at the budget's scale.
fn thinned(boundary: &MultiPolygon<f64>, target: usize) -> MultiPolygon<f64> {
    use geo::{Euclidean, Length as _};
    let rings = || {
        boundary
            .iter()
            .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
    };
    let perimeter: f64 = rings().map(|ring| Euclidean.length(ring)).sum();
    let spacing = perimeter / target.max(1) as f64;
    let thin = |ring: &geo::LineString<f64>| {
        let mut kept: Vec<geo::Coord<f64>> = Vec::new();
        for coord in &ring.0 {
            let far = kept
                .last()
                .is_none_or(|last| (coord.x - last.x).hypot(coord.y - last.y) >= spacing);
            if far {
                kept.push(*coord);
            }
        }
        // Closed again, and never below a triangle.
        if let (Some(first), Some(last)) = (ring.0.first(), kept.last())
            && first != last
        {
            kept.push(*first);
        }
        if kept.len() < 4 {
            ring.clone()
        } else {
            geo::LineString::new(kept)
        }
    };
    MultiPolygon::new(
        boundary
            .iter()
            .map(|polygon| {
                geo::Polygon::new(
                    thin(polygon.exterior()),
                    polygon.interiors().iter().map(thin).collect(),
                )
            })
            .collect(),
    )
}

/// The first area tolerance: the area of the vertex triangle below which all but `budget`
/// vertices lie, as the shape is given. Removing vertices makes their neighbours' triangles
/// larger, so this keeps more than the budget and the passes that follow double it — a few
/// passes, where starting from a fixed small area took a dozen over a million vertices.
fn starting_tolerance(boundary: &MultiPolygon<f64>, budget: usize) -> f64 {
    let mut areas: Vec<f64> = boundary
        .iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
        .flat_map(|ring| ring.triangles().map(|t| t.unsigned_area()))
        .collect();
    let Some(last) = areas.len().checked_sub(1) else {
        return 0.0;
    };
    let removed = areas.len().saturating_sub(budget).min(last);
    let (_, area, _) = areas.select_nth_unstable_by(removed, f64::total_cmp);
    area.max(f64::MIN_POSITIVE)
}

/// `shape` without rings of fewer than four positions (and polygons whose outer ring is one).
fn without_collapsed_rings(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let ring_ok = |ring: &geo::LineString<f64>| ring.0.len() >= 4;
    MultiPolygon::new(
        shape
            .iter()
            .filter(|polygon| ring_ok(polygon.exterior()))
            .map(|polygon| {
                geo::Polygon::new(
                    polygon.exterior().clone(),
                    polygon
                        .interiors()
                        .iter()
                        .filter(|r| ring_ok(r))
                        .cloned()
                        .collect(),
                )
            })
            .collect(),
    )
}

/// A fatal problem for each province reaching outside Afghanistan's extent, at `paths[i]`:
/// such a file is not a file of Afghan provinces, and events would be placed in it wrongly
/// (a province covering the world takes in Paris).
pub fn extent_problems(file: &str, provinces: &[Province], paths: &[String]) -> Vec<Problem> {
    let [west, south, east, north] = AFGHANISTAN_EXTENT;
    let mut problems = Vec::new();
    for (province, path) in provinces.iter().zip(paths) {
        let Some(rect) = province.boundary.bounding_rect() else {
            continue;
        };
        let (min, max) = (rect.min(), rect.max());
        if min.x >= west && min.y >= south && max.x <= east && max.y <= north {
            continue;
        }
        problems.push(Problem::fatal(
            file,
            format!("{path}.geometry"),
            format!(
                "{} reaches outside Afghanistan: it spans {} to {} longitude and {} to {} latitude, where every Afghan province lies within {west}° to {east}°E and {south}° to {north}°N; the boundary file was refused",
                crate::files::shown(&province.code),
                degrees(min.x),
                degrees(max.x),
                degrees(min.y),
                degrees(max.y),
            ),
        ));
    }
    problems
}

fn degrees(value: f64) -> String {
    format!("{}°", (value * 100.0).round() / 100.0)
}

/// A fatal problem for each pair of provinces that overlap (by more than a sliver): a point
/// there would be in two provinces. Checked where [`super::boundaries::geometry_problems`] is
/// (the user's own files; a test checks the built-in one), on provinces already within the
/// vertex budget.
pub fn overlap_problems(file: &str, provinces: &[Province]) -> Vec<Problem> {
    let rects: Vec<Option<geo::Rect<f64>>> = provinces
        .iter()
        .map(|p| p.boundary.bounding_rect())
        .collect();
    let mut problems = Vec::new();
    for (i, a) in provinces.iter().enumerate() {
        for (j, b) in provinces.iter().enumerate().skip(i + 1) {
            let (Some(ra), Some(rb)) = (rects[i], rects[j]) else {
                continue;
            };
            let apart = ra.max().x < rb.min().x
                || rb.max().x < ra.min().x
                || ra.max().y < rb.min().y
                || rb.max().y < ra.min().y;
            if apart {
                continue;
            }
            let shared = a.boundary.intersection(&b.boundary).unsigned_area();
            let smaller = a.boundary.unsigned_area().min(b.boundary.unsigned_area());
            if smaller > 0.0 && shared > OVERLAP_SHARE * smaller {
                problems.push(Problem::fatal(
                    file,
                    format!("feature {}", crate::files::shown(&a.code)),
                    format!(
                        "{} and {} overlap ({:.0} % of the smaller one lies in both): a point there would be in two provinces; the boundary file was refused",
                        crate::files::shown(&a.code),
                        crate::files::shown(&b.code),
                        shared / smaller * 100.0
                    ),
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains as _, Polygon, coord};

    /// A wavy ring of `n` vertices around a centre in Afghanistan (no vertex on a straight
    /// line with its neighbours).
    fn wobbly(n: usize) -> MultiPolygon<f64> {
        let ring: Vec<geo::Coord<f64>> = (0..n)
            .map(|i| {
                let angle = i as f64 / n as f64 * std::f64::consts::TAU;
                let radius = 1.0 + 0.05 * (angle * 40.0).sin();
                coord! { x: 67.0 + radius * angle.cos(), y: 34.0 + radius * angle.sin() }
            })
            .collect();
        MultiPolygon::new(vec![Polygon::new(geo::LineString::new(ring), Vec::new())])
    }

    fn province(code: &str, boundary: MultiPolygon<f64>) -> Province {
        Province {
            name: code.to_owned(),
            code: code.to_owned(),
            alt_names: Vec::new(),
            name_fa: None,
            name_ps: None,
            adm1_code: None,
            boundary,
            facts: Default::default(),
        }
    }

    #[test]
    fn a_province_over_the_budget_is_simplified_keeping_its_shape_and_says_so() {
        let original = wobbly(200_000);
        let mut provinces = [
            province("AF-BIG", original.clone()),
            province("AF-SML", wobbly(400)),
        ];
        let paths = ["features[0]".to_owned(), "features[1]".to_owned()];
        let notices = simplify_over_budget("big.geojson", &mut provinces, &paths);
        assert_eq!(notices.len(), 1, "{notices:?}");
        let kept = vertices(&provinces[0].boundary);
        assert!(
            kept <= VERTEX_BUDGET_PER_PROVINCE && kept > 500,
            "{kept} vertices kept"
        );
        assert_eq!(
            vertices(&provinces[1].boundary),
            401,
            "within the budget: as it was"
        );
        let text = notices[0].to_string();
        assert!(
            text.starts_with("AF-BIG has 200001 vertices, more than the 5000")
                && text.contains(&format!("simplified to {kept} vertices"))
                && text.ends_with("(at features[0].geometry in big.geojson)"),
            "{text}"
        );
        // The shape is kept: the area within a per mille, and the centre still inside.
        let (before, after) = (
            original.unsigned_area(),
            provinces[0].boundary.unsigned_area(),
        );
        assert!((before - after).abs() / before < 1e-3, "{before} → {after}");
        assert!(
            provinces[0]
                .boundary
                .contains(&geo::point!(x: 67.0, y: 34.0))
        );
        use geo::Validation as _;
        assert!(
            provinces[0].boundary.is_valid(),
            "simplified rings stay valid"
        );
    }

    #[test]
    fn many_provinces_together_share_the_total_budget() {
        assert_eq!(budget_for(1_000, 20_000), VERTEX_BUDGET_PER_PROVINCE);
        assert_eq!(budget_for(200_000, 5_400), VERTEX_BUDGET_PER_PROVINCE);
        // 24 provinces of 5,000 or more keep 120,000 within their own budgets: half each.
        assert_eq!(budget_for(10_000, 120_000), VERTEX_BUDGET_PER_PROVINCE / 2);
        assert_eq!(budget_for(10, 1_000_000), 100);
    }

    #[test]
    fn a_province_covering_the_world_is_refused_at_its_place() {
        let world = MultiPolygon::new(vec![Polygon::new(
            geo::LineString::from(vec![
                (-180.0, -90.0),
                (180.0, -90.0),
                (180.0, 90.0),
                (-180.0, 90.0),
                (-180.0, -90.0),
            ]),
            Vec::new(),
        )]);
        let provinces = [province("AF-BDS", world), province("AF-KAB", wobbly(100))];
        let paths = ["features[0]".to_owned(), "features[1]".to_owned()];
        let problems = extent_problems("world.geojson", &provinces, &paths);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].fatal);
        assert_eq!(problems[0].path, "features[0].geometry");
        assert!(
            problems[0].message.starts_with(
                "AF-BDS reaches outside Afghanistan: it spans -180° to 180° longitude"
            ),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn overlapping_provinces_are_refused_and_neighbours_are_not() {
        let square = |x: f64, y: f64, side: f64| {
            MultiPolygon::new(vec![Polygon::new(
                geo::LineString::from(vec![
                    (x, y),
                    (x + side, y),
                    (x + side, y + side),
                    (x, y + side),
                    (x, y),
                ]),
                Vec::new(),
            )])
        };
        let provinces = [
            province("AF-A", square(65.0, 33.0, 1.0)),
            // Shares A's east edge: neighbours.
            province("AF-B", square(66.0, 33.0, 1.0)),
            // Half on B.
            province("AF-C", square(66.5, 33.0, 1.0)),
        ];
        let problems = overlap_problems("two.geojson", &provinces);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 1, "{text:?}");
        assert!(problems[0].fatal);
        assert!(
            text[0].starts_with("AF-B and AF-C overlap (50 % of the smaller one lies in both)")
                && text[0].contains("at feature AF-B in two.geojson"),
            "{text:?}"
        );
    }

    #[test]
    fn the_built_in_provinces_lie_in_afghanistan_and_do_not_overlap() {
        let (provinces, problems) = super::super::boundaries::parse_boundaries(
            "provinces.geojson",
            super::super::load::EMBEDDED_BOUNDARIES,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(provinces.len(), 34);
        let overlaps = overlap_problems("provinces.geojson", &provinces);
        assert!(overlaps.is_empty(), "{overlaps:?}");
    }
}
