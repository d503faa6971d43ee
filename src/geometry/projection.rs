//! Longitude/latitude ↔ map space, in kilometres.
//!
//! Afghanistan spans 29.4°–38.5° N and 60.5°–74.9° E: small enough that an equirectangular
//! projection scaled by the cosine of the centre latitude (34° N) distorts little — east–west
//! scale is exact on the 34th parallel and off by under ±7 % at the northern and southern borders,
//! while north–south scale is exact everywhere. It is also cheap and trivially invertible, which
//! the map needs every frame for hit-testing and zooming toward the pointer. Map space is in
//! kilometres from the projection centre, x east and y **south** (screen order), so a screen
//! transform is just a scale and a translation.
//!
//! Pure f64 math: the kilometre values stay small (under ±1,000), so f32 copies in meshes keep
//! metre precision.

/// Mean Earth radius in kilometres (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// An equirectangular projection centred on a point, scaled by the cosine of its latitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    centre_lon: f64,
    centre_lat: f64,
    cos_centre_lat: f64,
}

impl Projection {
    /// Centred on (`lon`, `lat`) in degrees.
    pub fn centred_on(lon: f64, lat: f64) -> Self {
        Self {
            centre_lon: lon,
            centre_lat: lat,
            cos_centre_lat: lat.to_radians().cos(),
        }
    }

    /// Centred on the middle of a lon/lat bounding box `[min_lon, min_lat, max_lon, max_lat]`.
    pub fn for_bounds([min_lon, min_lat, max_lon, max_lat]: [f64; 4]) -> Self {
        Self::centred_on((min_lon + max_lon) / 2.0, (min_lat + max_lat) / 2.0)
    }

    /// The centre's longitude and latitude in degrees.
    pub fn centre(&self) -> (f64, f64) {
        (self.centre_lon, self.centre_lat)
    }

    /// Map-space kilometres `[x east, y south]` of a lon/lat point in degrees.
    pub fn project(&self, lon: f64, lat: f64) -> [f64; 2] {
        let km_per_radian = EARTH_RADIUS_KM;
        [
            (lon - self.centre_lon).to_radians() * self.cos_centre_lat * km_per_radian,
            -(lat - self.centre_lat).to_radians() * km_per_radian,
        ]
    }

    /// Lon/lat degrees of a map-space point.
    pub fn unproject(&self, [x, y]: [f64; 2]) -> (f64, f64) {
        let lon = self.centre_lon + (x / (self.cos_centre_lat * EARTH_RADIUS_KM)).to_degrees();
        let lat = self.centre_lat - (y / EARTH_RADIUS_KM).to_degrees();
        (lon, lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unproject_is_inverse_of_project() {
        let projection = Projection::for_bounds([60.486778, 29.386605, 74.892307, 38.473673]);
        for (lon, lat) in [(69.17, 34.53), (60.5, 29.4), (74.89, 38.47), (66.13, 33.72)] {
            let (back_lon, back_lat) = projection.unproject(projection.project(lon, lat));
            assert!((back_lon - lon).abs() < 1e-9 && (back_lat - lat).abs() < 1e-9);
        }
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km_and_north_is_up() {
        let projection = Projection::centred_on(67.0, 34.0);
        let [_, y0] = projection.project(67.0, 34.0);
        let [_, y1] = projection.project(67.0, 35.0);
        assert!((y0 - y1 - 111.195).abs() < 0.01, "{}", y0 - y1);
    }
}
