//! Map space ↔ screen: the transform for a view in a rectangle, and the view changes that pan,
//! zoom about a point and frame a province. Pure math, no egui state.

use egui::{Pos2, Rect, emath::TSTransform};
use serde::{Deserialize, Serialize};

/// Zoom limits, relative to the view that fits the whole country.
pub const MIN_ZOOM: f32 = 0.6;
/// See [`MIN_ZOOM`]; at 40× a province fills the window.
pub const MAX_ZOOM: f32 = 40.0;

/// Where the map looks: a centre in map space and a zoom relative to "fit the country".
///
/// Zoom is relative so the map stays fitted when the window is resized.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapView {
    /// Map-space point (kilometres) at the centre of the map area.
    pub centre_in_map: Pos2,
    /// 1.0 fits the whole country; larger zooms in.
    pub zoom: f32,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            centre_in_map: Pos2::ZERO,
            zoom: 1.0,
        }
    }
}

impl MapView {
    /// The same view with zoom kept within limits.
    pub fn clamped(self) -> Self {
        Self {
            zoom: self.zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            ..self
        }
    }

    /// A step of the way from `self` to `target` (`t` in 0..=1), zooming in log space so the
    /// motion feels even.
    pub fn approach(self, target: Self, t: f32) -> Self {
        let zoom = (self.zoom.ln() + (target.zoom.ln() - self.zoom.ln()) * t).exp();
        Self {
            centre_in_map: self.centre_in_map.lerp(target.centre_in_map, t),
            zoom,
        }
    }

    /// Whether two views look the same on screen.
    pub fn is_close_to(self, other: Self) -> bool {
        (self.zoom / other.zoom - 1.0).abs() < 1e-3
            && (self.centre_in_map - other.centre_in_map).length() < 0.05
    }
}

/// Part of the map area the country fills at zoom 1, leaving a margin around it.
const FIT_MARGIN: f32 = 0.94;

/// The transform from map kilometres to screen points for `view` shown in `rect`.
pub fn screen_from_map(rect: Rect, bounds_in_map: Rect, view: MapView) -> TSTransform {
    let fit = (rect.width() / bounds_in_map.width()).min(rect.height() / bounds_in_map.height());
    let scaling = (fit * FIT_MARGIN * view.zoom).max(1e-6);
    let translation = rect.center().to_vec2() - view.centre_in_map.to_vec2() * scaling;
    TSTransform {
        scaling,
        translation,
    }
}

/// `transform` moved by less than half a physical pixel so that its translation falls on whole
/// pixels: the map's tiles are then shown exactly as painted, and the map drawn as meshes lands
/// on the same pixels as its tiles.
pub fn on_whole_pixels(transform: TSTransform, pixels_per_point: f32) -> TSTransform {
    TSTransform {
        scaling: transform.scaling,
        translation: (transform.translation * pixels_per_point).round() / pixels_per_point,
    }
}

/// `view` zoomed by `factor`, keeping the map point under `pointer` where it is on screen.
pub fn zoom_about(
    view: MapView,
    rect: Rect,
    bounds_in_map: Rect,
    pointer: Pos2,
    factor: f32,
) -> MapView {
    let transform = screen_from_map(rect, bounds_in_map, view);
    let pos_in_map = transform.inverse() * pointer;
    let zoomed = MapView {
        zoom: view.zoom * factor,
        ..view
    }
    .clamped();
    let scaling = transform.scaling * zoomed.zoom / view.zoom;
    MapView {
        centre_in_map: pos_in_map - (pointer - rect.center()) / scaling,
        ..zoomed
    }
}

/// The view of the whole country.
pub fn fit_view(bounds_in_map: Rect) -> MapView {
    MapView {
        centre_in_map: bounds_in_map.center(),
        zoom: 1.0,
    }
}

/// `view` made showable: a zoom within limits and a centre inside the map's bounds, so a saved
/// view or a slide from a file (zoom 0, −5, NaN, a centre far off the map) cannot blank the map.
pub fn contain(view: MapView, bounds_in_map: Rect) -> MapView {
    // Zoom 0, negative or NaN is broken, not a choice: show the whole country.
    let zoom = if view.zoom.is_finite() && view.zoom > 0.0 {
        view.zoom
    } else {
        1.0
    };
    // A centre off the map is not a pan a person made but a broken value: show the whole
    // country rather than a corner of it.
    let centre = view.centre_in_map;
    let centre = if bounds_in_map.contains(centre) {
        centre
    } else {
        bounds_in_map.center()
    };
    MapView {
        centre_in_map: centre,
        zoom,
    }
    .clamped()
}

/// A view centred on `centre` that shows `province_bounds` at about half the map's size, never
/// zooming out beyond the whole country.
pub fn focus_view(bounds_in_map: Rect, province_bounds: Rect, centre: Pos2) -> MapView {
    let zoom = (bounds_in_map.width() / province_bounds.width())
        .min(bounds_in_map.height() / province_bounds.height())
        * 0.3;
    MapView {
        centre_in_map: centre,
        zoom: zoom.clamp(1.0, 6.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn a_transform_on_whole_pixels_moves_by_less_than_half_a_pixel() {
        let t = TSTransform::new(vec2(10.3, -4.6), 2.5);
        for pixels_per_point in [1.0, 1.25, 2.0] {
            let snapped = on_whole_pixels(t, pixels_per_point);
            assert_eq!(snapped.scaling, t.scaling);
            let physical = snapped.translation * pixels_per_point;
            assert_eq!(physical, physical.round(), "{pixels_per_point}");
            let moved = (snapped.translation - t.translation) * pixels_per_point;
            assert!(moved.x.abs() <= 0.5 && moved.y.abs() <= 0.5, "{moved:?}");
        }
    }

    #[test]
    fn zooming_about_a_point_keeps_it_under_the_pointer() {
        let rect = Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0));
        let bounds = Rect::from_center_size(Pos2::ZERO, vec2(1300.0, 1000.0));
        let view = MapView::default();
        let pointer = pos2(300.0, 200.0);
        let before = screen_from_map(rect, bounds, view).inverse() * pointer;
        let zoomed = zoom_about(view, rect, bounds, pointer, 2.0);
        let after = screen_from_map(rect, bounds, zoomed).inverse() * pointer;
        assert!((before - after).length() < 1e-3, "{before:?} vs {after:?}");
        assert!((zoomed.zoom - 2.0).abs() < 1e-6);
    }

    #[test]
    fn the_fitted_country_lies_inside_the_map_area() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 700.0));
        let bounds = Rect::from_min_max(pos2(-650.0, -500.0), pos2(700.0, 510.0));
        let t = screen_from_map(rect, bounds, fit_view(bounds));
        let on_screen = Rect::from_min_max(t * bounds.min, t * bounds.max);
        assert!(rect.contains_rect(on_screen), "{on_screen:?}");
    }

    #[test]
    fn an_unshowable_view_is_brought_back_onto_the_map() {
        let bounds = Rect::from_center_size(pos2(10.0, 20.0), vec2(1300.0, 1000.0));
        for (zoom, centre) in [
            (0.0, pos2(0.0, 0.0)),
            (-5.0, pos2(1e9, -1e9)),
            (f32::NAN, pos2(f32::INFINITY, 3.0)),
            (1e30, pos2(f32::NAN, f32::NAN)),
        ] {
            let view = contain(
                MapView {
                    centre_in_map: centre,
                    zoom,
                },
                bounds,
            );
            assert!(
                (crate::state::MIN_ZOOM..=crate::state::MAX_ZOOM).contains(&view.zoom),
                "{view:?}"
            );
            if !bounds.contains(centre) {
                assert_eq!(view.centre_in_map, bounds.center(), "{view:?}");
            }
            assert!(bounds.contains(view.centre_in_map), "{view:?}");
        }
        let fine = MapView {
            centre_in_map: pos2(100.0, -50.0),
            zoom: 3.0,
        };
        assert_eq!(contain(fine, bounds), fine, "a good view is kept");
    }
}
