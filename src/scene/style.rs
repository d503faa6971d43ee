//! The map's palette: calm fills, clear borders, and a selection colour that reads for
//! colour-blind viewers (Okabe–Ito blue; the selected province is also outlined, so it never
//! depends on hue alone).

use egui::{Color32, Stroke};

use super::{GroupMark, Rgb, colour_difference::delta_e};
use crate::theme::{contrast_ratio, relative_luminance};
use crate::{data::Evidence, geometry::hatch::Slant};

/// Colours and line weights for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapStyle {
    /// Which palette this is (0 light, 1 dark, 2 projector): part of tessellation cache keys.
    pub id: u8,
    /// Province name size where the name fits its province, in points.
    pub label_size: f32,
    /// Name size of small provinces (inside when it fits, else beside with a leader line).
    pub small_label_size: f32,
    /// Size of the small print (scale, credit), in points.
    pub small_print_size: f32,
    /// Behind the country (neighbouring lands are not drawn).
    pub background: Color32,
    /// Province fill.
    pub land: Color32,
    /// Fill of the province under the pointer.
    pub land_hovered: Color32,
    /// Fill of the selected province.
    pub land_selected: Color32,
    /// Lines between provinces.
    pub internal_border: Stroke,
    /// The country's border.
    pub national_border: Stroke,
    /// Outline of the selected province.
    pub selected_outline: Stroke,
    /// Outline of the province under the pointer.
    pub hovered_outline: Stroke,
    /// Province names.
    pub label: Color32,
    /// Halo behind province names, for legibility over borders.
    pub label_halo: Color32,
    /// Small print on the map (credits, scale).
    pub small_print: Color32,
    /// Behind the scale bar and credit, so they read over any fill.
    pub backing: Color32,
    /// The extremist opposition's colour: a neutral far from the land and from every group's
    /// evidence steps (near-black on light land, pale grey on dark land).
    pub extremist: Color32,
    /// Names of the neighbouring countries, beyond the border.
    pub country_label: Color32,
}

/// Okabe–Ito blue.
const BLUE: Color32 = Color32::from_rgb(0, 114, 178);
/// Okabe–Ito sky blue.
const SKY_BLUE: Color32 = Color32::from_rgb(86, 180, 233);

impl MapStyle {
    /// The palette for light or dark mode.
    pub fn for_theme(dark_mode: bool) -> Self {
        if dark_mode {
            Self {
                id: 1,
                label_size: 13.0,
                small_label_size: 12.0,
                small_print_size: 12.0,
                background: Color32::from_rgb(8, 9, 12),
                land: Color32::from_rgb(58, 62, 68),
                land_hovered: Color32::from_rgb(74, 79, 87),
                land_selected: Color32::from_rgb(28, 78, 112),
                internal_border: Stroke::new(0.8, Color32::from_rgb(112, 118, 128)),
                national_border: Stroke::new(1.6, Color32::from_rgb(205, 208, 214)),
                selected_outline: Stroke::new(2.2, SKY_BLUE),
                hovered_outline: Stroke::new(1.4, Color32::from_rgb(190, 194, 200)),
                label: Color32::from_rgb(232, 232, 232),
                label_halo: Color32::from_rgba_unmultiplied(30, 32, 36, 200),
                small_print: Color32::from_rgb(200, 200, 200),
                backing: Color32::from_rgba_unmultiplied(24, 26, 30, 215),
                extremist: Color32::from_rgb(165, 165, 165),
                country_label: Color32::from_rgb(150, 156, 166),
            }
        } else {
            Self {
                id: 0,
                label_size: 13.0,
                small_label_size: 12.0,
                small_print_size: 12.0,
                background: Color32::from_rgb(180, 200, 216),
                land: Color32::from_rgb(236, 232, 223),
                land_hovered: Color32::from_rgb(222, 215, 201),
                land_selected: Color32::from_rgb(189, 219, 240),
                internal_border: Stroke::new(0.8, Color32::from_rgb(160, 154, 144)),
                national_border: Stroke::new(1.8, Color32::from_rgb(70, 68, 64)),
                selected_outline: Stroke::new(2.2, BLUE),
                hovered_outline: Stroke::new(1.4, Color32::from_rgb(110, 104, 94)),
                label: Color32::from_rgb(52, 50, 46),
                label_halo: Color32::from_rgba_unmultiplied(250, 248, 244, 210),
                small_print: Color32::from_rgb(60, 60, 60),
                backing: Color32::from_rgba_unmultiplied(252, 251, 248, 220),
                extremist: Color32::from_rgb(40, 40, 40),
                country_label: Color32::from_rgb(52, 62, 72),
            }
        }
    }
}

impl MapStyle {
    /// For projectors, which wash out pale tints and thin lines: a blue-grey ground that the
    /// land stands out from (the slide's paper around it is white), darker and heavier borders,
    /// black names in large type.
    pub fn projector() -> Self {
        Self {
            id: 2,
            label_size: 18.0,
            small_label_size: 15.0,
            small_print_size: 17.0,
            background: Color32::from_rgb(180, 200, 216),
            land: Color32::from_rgb(228, 224, 214),
            land_hovered: Color32::from_rgb(214, 208, 194),
            land_selected: Color32::from_rgb(170, 208, 235),
            internal_border: Stroke::new(1.5, Color32::from_rgb(96, 92, 86)),
            national_border: Stroke::new(3.2, Color32::from_rgb(20, 20, 20)),
            selected_outline: Stroke::new(3.5, BLUE),
            hovered_outline: Stroke::new(2.0, Color32::from_rgb(60, 58, 54)),
            label: Color32::BLACK,
            label_halo: Color32::from_rgba_unmultiplied(255, 255, 255, 225),
            small_print: Color32::from_rgb(40, 40, 40),
            backing: Color32::from_rgba_unmultiplied(255, 255, 255, 230),
            extremist: Color32::from_rgb(30, 30, 30),
            country_label: Color32::from_rgb(48, 58, 68),
        }
    }
}

/// Mixes `colour` into `land` by `amount` (0 = land, 1 = colour).
pub fn mix(land: Color32, colour: Color32, amount: f32) -> Color32 {
    let blend =
        |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
    Color32::from_rgb(
        blend(land.r(), colour.r()),
        blend(land.g(), colour.g()),
        blend(land.b(), colour.b()),
    )
}

/// The ink that stands out from `land`: black on a light map, white on a dark one.
fn ink_for(land: Color32) -> Color32 {
    if relative_luminance(land) > 0.3 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// `colour` moved toward `ink` in small steps until it reaches `ratio` of luminance contrast
/// against `other`.
fn until_contrast(colour: Color32, other: Color32, ink: Color32, ratio: f32) -> Color32 {
    let mut colour = colour;
    for _ in 0..12 {
        if contrast_ratio(colour, other) >= ratio {
            break;
        }
        colour = mix(colour, ink, 0.12);
    }
    colour
}

/// A group's colour as the map shows it over `land`: a colour too close to the land (the
/// extremists' near-black on the dark theme, yellow on the light one) is darkened or lightened
/// until it stands out.
pub fn shown_colour(land: Color32, colour: Color32) -> Color32 {
    until_contrast(colour, land, ink_for(land), 1.5)
}

/// Hatching over provinces where a group's attacks are only claimed.
pub fn hatch_stroke(colour: Color32) -> Stroke {
    Stroke::new(1.4, colour)
}

/// Screen distance between hatch lines, in points (before zoom bucketing).
pub const HATCH_SPACING_POINTS: f32 = 7.0;

/// Outline of provinces whose records cite the highlighted source (Okabe–Ito vermillion).
pub const SOURCE_HIGHLIGHT: Stroke = Stroke {
    width: 2.6,
    color: Color32::from_rgb(213, 94, 0),
};
/// A scene colour as egui paints it.
pub fn color32([r, g, b]: Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

// ----------------------------------------------------------------------------
// The evidence encoding: one ramp per group, one paint per mark.

/// CIEDE2000 difference kept between adjacent evidence steps of a group (10 asked, a margin kept).
pub const STEP_DELTA_E: f64 = 10.3;
/// CIEDE2000 difference kept between any evidence step and the land (a province with no
/// record) and the extremist colour (15 asked, a margin kept).
pub const APART_DELTA_E: f64 = 15.3;

/// Evidence from the weakest to the strongest, as the ramps run: a claim, a report, an attack
/// confirmed by independent reports, attacks verified by the UN, a stronghold.
pub const EVIDENCE_BY_STRENGTH: [Evidence; 5] = [
    Evidence::ClaimedAttacks,
    Evidence::Reported,
    Evidence::ConfirmedAttacks,
    Evidence::VerifiedAttacks,
    Evidence::Stronghold,
];

/// Where `evidence` sits in [`EVIDENCE_BY_STRENGTH`]: 0 for a claim only, 4 for a stronghold.
pub fn strength(evidence: Evidence) -> usize {
    match evidence {
        Evidence::ClaimedAttacks => 0,
        Evidence::Reported => 1,
        Evidence::ConfirmedAttacks => 2,
        Evidence::VerifiedAttacks => 3,
        Evidence::Stronghold => 4,
    }
}

/// How one group's mark in a province is painted: a fill (its evidence step) and, for attacks
/// only claimed, hatch lines in the group's full colour over it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MarkPaint {
    /// The evidence step of the group's ramp.
    pub fill: Color32,
    /// Hatch lines over the fill, for a claim only: their colour and lean.
    pub hatch: Option<(Color32, Slant)>,
}

/// How a whole province is painted: bare land, one group's mark, or one stripe per group (each
/// stripe is that group's mark: its evidence step, hatched when only claimed).
#[derive(Clone, Debug, PartialEq)]
pub enum ProvincePaint {
    /// No shown group has a current record here.
    Bare,
    /// One group: its mark over the whole province.
    Solid(MarkPaint),
    /// Several groups: stripes rising to the right, one per group in legend order.
    Stripes(Vec<MarkPaint>),
}

/// Stripes lean this way; hatching inside a stripe crosses it.
pub const STRIPE_SLANT: Slant = Slant::Rising;

impl MapStyle {
    /// The ink that a ramp runs on toward past the full colour: black on light land, white on dark.
    fn ramp_ink(&self) -> Color32 {
        ink_for(self.land)
    }

    /// A group's full colour on this map (the extremist opposition: [`MapStyle::extremist`]).
    pub fn group_colour(&self, colour: Rgb, extremist: bool) -> Color32 {
        if extremist {
            self.extremist
        } else {
            shown_colour(self.land, color32(colour))
        }
    }

    /// A group's five evidence steps on this map, weakest first (see [`EVIDENCE_BY_STRENGTH`]).
    ///
    /// The steps lie on a path from the land to the group's colour and on toward the ink (a
    /// sequential ramp in the group's hue), placed as far apart as the path allows: the weakest at
    /// least [`APART_DELTA_E`] from the land, each next at least [`STEP_DELTA_E`] from the one
    /// before, and (for the resistance groups) every one at least [`APART_DELTA_E`] from the
    /// extremist colour. The path runs past the full colour only
    /// as far as it must.
    pub fn evidence_ramp(&self, colour: Rgb, extremist: bool) -> [Color32; 5] {
        let full = self.group_colour(colour, extremist);
        let avoid = if extremist {
            Vec::new()
        } else {
            vec![self.extremist]
        };
        ramp_cached(self.land, full, self.ramp_ink(), &avoid)
    }

    /// The fill of `evidence` in a group's ramp.
    pub fn evidence_fill(&self, colour: Rgb, extremist: bool, evidence: Evidence) -> Color32 {
        self.evidence_ramp(colour, extremist)[strength(evidence)]
    }

    /// How one group's mark is painted where it is alone (`in_stripe` false) or a stripe among
    /// others: its evidence step; a claim only is hatched in the group's colour, crossing the
    /// stripe (and leaning the other way for the extremist opposition where alone).
    pub fn mark_paint(
        &self,
        colour: Rgb,
        extremist: bool,
        evidence: Evidence,
        in_stripe: bool,
    ) -> MarkPaint {
        let hatch = (evidence == Evidence::ClaimedAttacks).then(|| {
            let slant = if in_stripe || extremist {
                Slant::Falling
            } else {
                Slant::Rising
            };
            (self.group_colour(colour, extremist), slant)
        });
        MarkPaint {
            fill: self.evidence_fill(colour, extremist, evidence),
            hatch,
        }
    }

    /// How a province with these marks (the scene's, in legend order) is painted. The screen
    /// and every export draw exactly this.
    pub fn province_paint(&self, marks: &[GroupMark]) -> ProvincePaint {
        match marks {
            [] => ProvincePaint::Bare,
            [mark] => ProvincePaint::Solid(self.mark_paint(
                mark.colour,
                mark.extremist,
                mark.evidence,
                false,
            )),
            several => ProvincePaint::Stripes(
                several
                    .iter()
                    .map(|m| self.mark_paint(m.colour, m.extremist, m.evidence, true))
                    .collect(),
            ),
        }
    }
}

/// The CIEDE2000 difference of two colours (alpha ignored).
pub fn colour_delta_e(first: Color32, second: Color32) -> f64 {
    delta_e(
        [first.r(), first.g(), first.b()],
        [second.r(), second.g(), second.b()],
    )
}

/// A point on a ramp's path: `t` in 0..=1 runs from the land to the colour, 1..=2 on from the
/// colour toward the ink (at most [`MAX_SHADE`] of the way; a ramp goes only as far as its
/// five steps need).
fn ramp_point(land: Color32, colour: Color32, ink: Color32, t: f64) -> Color32 {
    if t <= 1.0 {
        mix(land, colour, t as f32)
    } else {
        mix(colour, ink, ((t - 1.0) * MAX_SHADE) as f32)
    }
}

/// How far past the full colour toward the ink a ramp may run.
const MAX_SHADE: f64 = 1.0;
/// Resolution of the search along a ramp's path.
const RAMP_STEP: f64 = 0.005;

/// Five steps along the path placed greedily `spacing` apart (ΔE), if they fit before `t_end`.
fn place_steps(
    land: Color32,
    colour: Color32,
    ink: Color32,
    avoid: &[Color32],
    spacing: f64,
    t_end: f64,
) -> Option<[Color32; 5]> {
    let mut steps = [land; 5];
    let mut previous = land;
    let mut t = 0.0;
    for (index, step) in steps.iter_mut().enumerate() {
        let needed = if index == 0 {
            APART_DELTA_E.max(spacing)
        } else {
            spacing
        };
        loop {
            t += RAMP_STEP;
            if t > t_end + 1e-9 {
                return None;
            }
            let candidate = ramp_point(land, colour, ink, t);
            if colour_delta_e(candidate, previous) >= needed
                && colour_delta_e(candidate, land) >= APART_DELTA_E
                && avoid
                    .iter()
                    .all(|a| colour_delta_e(candidate, *a) >= APART_DELTA_E)
            {
                *step = candidate;
                previous = candidate;
                break;
            }
        }
    }
    Some(steps)
}

/// The ramp: the shortest path (ending at the full colour if it can) on which five steps fit
/// [`STEP_DELTA_E`] apart, then the steps spread as evenly as that path allows. When nothing
/// fits (a colour too near its land), the best that does.
fn ramp(land: Color32, colour: Color32, ink: Color32, avoid: &[Color32]) -> [Color32; 5] {
    let ends = [1.0, 1.2, 1.4, 1.6, 1.8, 2.0];
    for t_end in ends {
        if place_steps(land, colour, ink, avoid, STEP_DELTA_E, t_end).is_none() {
            continue;
        }
        let (mut fits, mut too_far) = (STEP_DELTA_E, 60.0);
        for _ in 0..10 {
            let middle = (fits + too_far) / 2.0;
            if place_steps(land, colour, ink, avoid, middle, t_end).is_some() {
                fits = middle;
            } else {
                too_far = middle;
            }
        }
        if let Some(steps) = place_steps(land, colour, ink, avoid, fits, t_end) {
            return steps;
        }
    }
    // Nothing fits: even steps along the whole path (the palette tests catch this).
    std::array::from_fn(|i| ramp_point(land, colour, ink, 0.4 * (i as f64 + 1.0)))
}

/// [`ramp`], remembered: the painters ask for it for every province in every frame.
fn ramp_cached(land: Color32, colour: Color32, ink: Color32, avoid: &[Color32]) -> [Color32; 5] {
    type Key = (Color32, Color32, Color32, Vec<Color32>);
    static CACHE: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<Key, [Color32; 5]>>,
    > = std::sync::OnceLock::new();
    let key: Key = (land, colour, ink, avoid.to_vec());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(steps) = cache.lock().ok().and_then(|c| c.get(&key).copied()) {
        return steps;
    }
    let steps = ramp(land, colour, ink, avoid);
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, steps);
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every map style, named; exports draw with the light one.
    fn styles() -> [(&'static str, MapStyle); 3] {
        [
            ("light (and exports)", MapStyle::for_theme(false)),
            ("dark", MapStyle::for_theme(true)),
            ("projector", MapStyle::projector()),
        ]
    }

    #[test]
    fn adjacent_evidence_steps_differ_by_delta_e_10_in_every_groups_hue_and_style() {
        let mut failures = Vec::new();
        for (name, style) in styles() {
            let mut smallest = f64::INFINITY;
            let hues = super::super::GROUP_PALETTE
                .iter()
                .map(|c| (*c, false))
                .chain([(super::super::EXTREMIST_COLOUR, true)]);
            for (colour, extremist) in hues {
                let ramp = style.evidence_ramp(colour, extremist);
                for pair in ramp.windows(2) {
                    let difference = colour_delta_e(pair[0], pair[1]);
                    smallest = smallest.min(difference);
                    if difference < 10.0 {
                        failures.push(format!("{name}: {colour:?}: {pair:?} ΔE {difference:.1}"));
                    }
                }
            }
            eprintln!("{name}: smallest adjacent-step ΔE {smallest:.1}");
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn bare_land_the_ground_and_the_extremist_colour_stand_apart_from_each_other_and_every_step() {
        let mut failures = Vec::new();
        for (name, style) in styles() {
            let neutrals = [
                ("bare land, no record", style.land),
                ("extremist", style.extremist),
            ];
            let mut smallest = f64::INFINITY;
            let mut check = |what: String, a: Color32, b: Color32| {
                let difference = colour_delta_e(a, b);
                smallest = smallest.min(difference);
                if difference < 15.0 {
                    failures.push(format!("{name}: {what}: ΔE {difference:.1}"));
                }
            };
            // The country stands out from the ground beyond its border.
            check(
                "ground beyond the border vs bare land".to_owned(),
                style.background,
                style.land,
            );
            for (i, (first, a)) in neutrals.iter().enumerate() {
                for (second, b) in &neutrals[i + 1..] {
                    check(format!("{first} vs {second}"), *a, *b);
                }
            }
            for colour in super::super::GROUP_PALETTE {
                for (evidence, step) in EVIDENCE_BY_STRENGTH
                    .iter()
                    .zip(style.evidence_ramp(colour, false))
                {
                    for (neutral, n) in &neutrals {
                        check(format!("{colour:?} {evidence:?} vs {neutral}"), step, *n);
                    }
                }
            }
            // The extremists' own steps (stripes, claims) never read as bare land or ground.
            for (evidence, step) in EVIDENCE_BY_STRENGTH
                .iter()
                .zip(style.evidence_ramp(super::super::EXTREMIST_COLOUR, true))
            {
                for (neutral, n) in &neutrals[..1] {
                    check(format!("extremist {evidence:?} vs {neutral}"), step, *n);
                }
            }
            eprintln!("{name}: smallest separation of land, extremist and steps ΔE {smallest:.1}");
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn the_extremist_colour_is_visible_on_every_land() {
        for (name, style) in styles() {
            let ratio = contrast_ratio(style.extremist, style.land);
            assert!(ratio >= 3.0, "{name}: {ratio:.2}:1");
        }
    }

    #[test]
    fn a_claim_only_is_hatched_and_crosses_its_stripe() {
        let style = MapStyle::for_theme(false);
        let alone = style.mark_paint([0, 158, 115], false, Evidence::ClaimedAttacks, false);
        let striped = style.mark_paint([0, 158, 115], false, Evidence::ClaimedAttacks, true);
        assert_eq!(alone.hatch.map(|(_, s)| s), Some(Slant::Rising));
        assert_eq!(striped.hatch.map(|(_, s)| s), Some(Slant::Falling));
        assert_ne!(Some(STRIPE_SLANT), striped.hatch.map(|(_, s)| s));
        assert!(
            style
                .mark_paint([0, 158, 115], false, Evidence::Reported, true)
                .hatch
                .is_none()
        );
    }
}
