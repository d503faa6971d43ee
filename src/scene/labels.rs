//! Province names for every output, and the inset of the Kabul–Panjshir cluster.
//!
//! Name sizes: one rule per output ([`screen_name_sizes`], [`page_name_sizes`]), so the screen,
//! presentation and every export size meet the same minimums ([`MIN_NAME_PX`] and the larger
//! ones for 1080p pages and projectors).
//!
//! The inset: at country scale the provinces around Kabul (Kabul, Kapisa, Parwan, Panjshir,
//! Laghman, Logar, Wardak) are too small for their names, which then crowd each other with
//! leader lines. As ISW/CTP and the Long War Journal do, the cluster is drawn again, magnified at
//! least [`MIN_MAGNIFICATION`]×, in a framed box set where the map has no land, with a locator
//! box on the main map; the cluster's names go in the inset and not on the main map.
//! [`Inset::place`] decides whether an inset is needed, where it goes and where its names go;
//! painters only draw it. It places the names with [`labels::place_labels`] like the main map.

use egui::{Pos2, Rect, Vec2, emath::TSTransform, vec2};

use crate::{
    data::Atlas,
    geometry::{
        LabelAnchor, MapGeometry,
        labels::{self, LabelRequest, LabelType, PlacedLabel},
    },
};

/// The smallest name on any output, in pixels (or points on screen).
pub const MIN_NAME_PX: f32 = 12.0;
/// The smallest name on a 1920×1080 page, in pixels.
pub const MIN_NAME_PX_1080P: f32 = 16.0;
/// The smallest name in presentation mode on a 1080-point-high screen.
pub const MIN_PRESENTATION_NAME_PX_1080P: f32 = 18.0;

/// Name sizes on a page whose layout unit is `unit` (1/1080 of the page height): 17 and 16 px
/// at 1080p, scaled with the page, never under [`MIN_NAME_PX`].
pub fn page_name_sizes(unit: f32) -> LabelType {
    LabelType {
        full: (17.0 * unit).max(MIN_NAME_PX + 1.0),
        small: (MIN_NAME_PX_1080P * unit).max(MIN_NAME_PX),
    }
}

/// Name sizes on screen, in points: the style's (`full`, `small`), and in presentation mode
/// large enough for a room — [`MIN_PRESENTATION_NAME_PX_1080P`] on a 1080-point-high screen,
/// in proportion on others — never under [`MIN_NAME_PX`].
pub fn screen_name_sizes(full: f32, small: f32, presenting: bool, screen_height: f32) -> LabelType {
    let room = if presenting {
        MIN_PRESENTATION_NAME_PX_1080P * screen_height / 1080.0
    } else {
        0.0
    };
    let small = small.max(room).max(MIN_NAME_PX);
    LabelType {
        full: full.max(small + 1.0),
        small,
    }
}

/// ISO 3166-2 codes of the provinces the inset shows and names.
pub const INSET_PROVINCES: [&str; 7] = [
    "AF-KAB", "AF-KAP", "AF-PAR", "AF-PAN", "AF-LAG", "AF-LOG", "AF-WAR",
];
/// The least magnification of the inset over the main map.
pub const MIN_MAGNIFICATION: f32 = 2.5;
/// Magnifications tried, largest first.
const MAGNIFICATIONS: [f32; 4] = [3.5, 3.0, 2.75, MIN_MAGNIFICATION];
/// Map kept around the cluster's anchors in the inset, in kilometres.
const WINDOW_MARGIN_KM: f32 = 26.0;
/// The largest share of the map area's width or height the inset may take.
const MAX_FRAME_SHARE: f32 = 0.5;
/// Samples per side when testing whether a frame position covers land.
const LAND_SAMPLES: usize = 16;

/// A magnified view of the Kabul–Panjshir cluster, placed on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Inset {
    /// Indices of the provinces it names.
    pub provinces: Vec<usize>,
    /// The part of the map it shows, in map kilometres.
    pub window_in_map: Rect,
    /// Its frame, in the caller's units.
    pub frame: Rect,
    /// The box on the main map showing what it magnifies, in the caller's units.
    pub locator: Rect,
    /// Map kilometres → the caller's units, inside the frame.
    pub screen_from_map: TSTransform,
    /// How many times the main map's scale.
    pub magnification: f32,
    /// The names of [`Self::provinces`], placed inside the frame.
    pub labels: Vec<PlacedLabel>,
}

/// What an inset is placed for.
#[derive(Clone, Copy)]
pub struct InsetRequest<'a> {
    /// Province codes.
    pub atlas: &'a Atlas,
    /// Anchors and the point → province index.
    pub geometry: &'a MapGeometry,
    /// The main map: map kilometres → the caller's units.
    pub screen_from_map: TSTransform,
    /// Where the frame may go (the map area, less a margin).
    pub area: Rect,
    /// What the frame must not cover (scale bar, buttons, date stamp, north arrow).
    pub avoid: &'a [Rect],
    /// What the frame had better not cover (the neighbours' names, which are then left out).
    pub prefer_clear: &'a [Rect],
    /// Name sizes.
    pub sizes: LabelType,
}

/// Indices of [`INSET_PROVINCES`] in `atlas`, in atlas order.
pub fn inset_provinces(atlas: &Atlas) -> Vec<usize> {
    atlas
        .provinces
        .iter()
        .enumerate()
        .filter(|(_, p)| INSET_PROVINCES.contains(&p.code.as_str()))
        .map(|(i, _)| i)
        .collect()
}

impl Inset {
    /// The inset for this view, or `None` when it is not needed (the cluster's names fit their
    /// provinces at this scale, or the cluster is not in view) or finds no place free of land.
    /// `measure(i, size)` is the box of province `i`'s name in type of `size`.
    pub fn place(request: &InsetRequest<'_>, measure: impl Fn(usize, f32) -> Vec2) -> Option<Self> {
        let provinces = inset_provinces(request.atlas);
        if provinces.len() < 2 {
            return None;
        }
        let main = request.screen_from_map;
        let anchors: Vec<(usize, LabelAnchor)> = provinces
            .iter()
            .filter_map(|p| Some((*p, (*request.geometry.labels.get(*p)?)?)))
            .collect();
        if anchors.len() != provinces.len()
            || anchors
                .iter()
                .any(|(_, a)| !request.area.contains(main * a.pos_in_map))
        {
            return None;
        }
        let all_fit = anchors
            .iter()
            .all(|(p, a)| labels::fits(measure(*p, request.sizes.small), a.room_km * main.scaling));
        if all_fit {
            return None;
        }
        let window_in_map = anchors
            .iter()
            .fold(Rect::NOTHING, |r, (_, a)| {
                r.union(Rect::from_center_size(a.pos_in_map, Vec2::ZERO))
            })
            .expand(WINDOW_MARGIN_KM);
        let locator = main.mul_rect(window_in_map);
        let hit = &request.geometry.hit;
        let land_at = |p: Pos2| hit.province_at(main.inverse() * p).is_some();
        MAGNIFICATIONS.iter().find_map(|magnification| {
            let scaling = main.scaling * magnification;
            let size = window_in_map.size() * scaling;
            if size.x > request.area.width() * MAX_FRAME_SHARE
                || size.y > request.area.height() * MAX_FRAME_SHARE
            {
                return None;
            }
            let frame = free_place(request, size, locator, &land_at)?;
            let screen_from_map = TSTransform::new(
                frame.min.to_vec2() - window_in_map.min.to_vec2() * scaling,
                scaling,
            );
            let labels = inset_labels(request, &provinces, frame, screen_from_map, &measure)?;
            Some(Self {
                provinces: provinces.clone(),
                window_in_map,
                frame,
                locator,
                screen_from_map,
                magnification: *magnification,
                labels,
            })
        })
    }

    /// The main map's anchors with the inset's provinces left out (they are named in the inset).
    pub fn main_anchors(&self, anchors: &[Option<LabelAnchor>]) -> Vec<Option<LabelAnchor>> {
        anchors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if self.provinces.contains(&i) {
                    None
                } else {
                    *a
                }
            })
            .collect()
    }

    /// The same inset with everything moved by `by` (the map panned).
    pub fn translated(mut self, by: Vec2) -> Self {
        self.frame = self.frame.translate(by);
        self.locator = self.locator.translate(by);
        self.screen_from_map.translation += by;
        for label in &mut self.labels {
            label.rect = label.rect.translate(by);
            if let Some(leader) = &mut label.leader {
                *leader = leader.map(|p| p + by);
            }
        }
        self
    }
}

/// The place for a frame of `size` inside the area that covers no land (nor anything to avoid,
/// nor the locator box), nearest the locator box; `None` if there is none.
fn free_place(
    request: &InsetRequest<'_>,
    size: Vec2,
    locator: Rect,
    land_at: &dyn Fn(Pos2) -> bool,
) -> Option<Rect> {
    let area = request.area;
    let steps = 24;
    let free_x = area.width() - size.x;
    let free_y = area.height() - size.y;
    if free_x < 0.0 || free_y < 0.0 {
        return None;
    }
    let keep_clear = locator.expand(size.x.min(size.y) * 0.05);
    (0..=steps)
        .flat_map(|i| (0..=steps).map(move |j| (i, j)))
        .map(|(i, j)| {
            Rect::from_min_size(
                area.min
                    + vec2(
                        free_x * i as f32 / steps as f32,
                        free_y * j as f32 / steps as f32,
                    ),
                size,
            )
        })
        .filter(|frame| {
            !frame.intersects(keep_clear)
                && request.avoid.iter().all(|a| !a.intersects(*frame))
                && !covers_land(*frame, land_at)
        })
        .min_by(|a, b| {
            let covered = |r: &Rect| {
                request
                    .prefer_clear
                    .iter()
                    .filter(|c| c.intersects(*r))
                    .count()
            };
            let distance = |r: &Rect| r.center().distance_sq(locator.center());
            covered(a)
                .cmp(&covered(b))
                .then(distance(a).total_cmp(&distance(b)))
        })
}

/// Whether any of a grid of points over `frame` (its edges included) is on land.
fn covers_land(frame: Rect, land_at: &dyn Fn(Pos2) -> bool) -> bool {
    let n = LAND_SAMPLES;
    (0..=n).any(|i| {
        (0..=n).any(|j| {
            land_at(
                frame.min
                    + vec2(
                        frame.width() * i as f32 / n as f32,
                        frame.height() * j as f32 / n as f32,
                    ),
            )
        })
    })
}

/// Names of the inset's provinces inside its frame, or `None` if not all find a place.
fn inset_labels(
    request: &InsetRequest<'_>,
    provinces: &[usize],
    frame: Rect,
    screen_from_map: TSTransform,
    measure: &impl Fn(usize, f32) -> Vec2,
) -> Option<Vec<PlacedLabel>> {
    let anchors: Vec<Option<LabelAnchor>> = request
        .geometry
        .labels
        .iter()
        .enumerate()
        .map(|(i, a)| if provinces.contains(&i) { *a } else { None })
        .collect();
    let hit = &request.geometry.hit;
    let province_at = |p: Pos2| hit.province_at(screen_from_map.inverse() * p).map(|i| i.0);
    let placed = labels::place_labels(
        &LabelRequest {
            anchors: &anchors,
            screen_from_map,
            area: frame.shrink(request.sizes.small * 0.3),
            obstacles: &[],
            sizes: request.sizes,
            province_at: &province_at,
        },
        measure,
    );
    (placed.len() == provinces.len()).then_some(placed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        data::load_embedded,
        geometry::labels::estimated_text_size,
        scene::{MapView, view},
    };
    use egui::pos2;

    #[test]
    fn name_sizes_meet_the_minimums_on_every_output() {
        for unit in [720.0 / 1080.0, 1.0, 2.0, 2480.0 / 1080.0] {
            let sizes = page_name_sizes(unit);
            assert!(sizes.small >= MIN_NAME_PX && sizes.full >= sizes.small);
            if unit >= 1.0 {
                assert!(sizes.small >= MIN_NAME_PX_1080P);
            }
        }
        assert!(screen_name_sizes(13.0, 12.0, false, 720.0).small >= MIN_NAME_PX);
        assert!(screen_name_sizes(18.0, 15.0, true, 1080.0).small >= 18.0);
        assert!(screen_name_sizes(18.0, 15.0, true, 720.0).small >= MIN_NAME_PX);
    }

    #[test]
    fn the_cluster_gets_an_inset_off_the_land_at_country_scale() {
        let atlas = load_embedded();
        let geometry = MapGeometry::build(&atlas);
        for area in [
            Rect::from_min_size(pos2(36.0, 144.0), vec2(1364.0, 818.0)),
            Rect::from_min_size(pos2(234.0, 29.0), vec2(568.0, 535.0)),
        ] {
            let t = view::screen_from_map(area, geometry.bounds_in_map, MapView::default());
            let sizes = LabelType {
                full: 13.0,
                small: 12.0,
            };
            let inset = Inset::place(
                &InsetRequest {
                    atlas: &atlas,
                    geometry: &geometry,
                    screen_from_map: t,
                    area,
                    avoid: &[],
                    prefer_clear: &[],
                    sizes,
                },
                |i, size| estimated_text_size(&atlas.provinces[i].name, size),
            )
            .expect("an inset at country scale");
            assert!(inset.magnification >= MIN_MAGNIFICATION);
            assert_eq!(inset.provinces.len(), INSET_PROVINCES.len());
            assert_eq!(inset.labels.len(), INSET_PROVINCES.len());
            assert!(area.contains_rect(inset.frame));
            assert!(!inset.frame.intersects(inset.locator));
            assert!(!covers_land(inset.frame, &|p| geometry
                .hit
                .province_at(t.inverse() * p)
                .is_some()));
            for label in &inset.labels {
                assert!(inset.frame.contains_rect(label.rect));
            }
        }
    }
}
