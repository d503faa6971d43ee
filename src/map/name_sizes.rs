//! The sizes of province names, measured once.
//!
//! Placing the names measures each province's name at each size it tries. egui keeps a laid-out
//! text only while every frame uses it, so names measured when the names were last placed (a
//! while ago, while panning) are shaped again from scratch each time: a tenth of a panning
//! frame. Their sizes depend only on the names, the size, the language, the pixel density and
//! the fonts, so they are kept here under those.

use std::{
    cell::RefCell,
    collections::HashMap,
    hash::{Hash, Hasher},
    sync::Arc,
};

use egui::{Painter, Vec2};

use super::names;
use crate::{data::Province, scene::LabelLanguage};

/// At most this many sizes are kept (then all are forgotten and measured again as needed).
pub const MAX_SIZES: usize = 4096;

/// Name sizes measured, for one language, pixel density and set of fonts.
#[derive(Default)]
pub struct NameSizes {
    kept: RefCell<Kept>,
}

#[derive(Default)]
struct Kept {
    /// The language, pixels per point and fonts the sizes were measured with.
    key: Option<u64>,
    /// By province, size (bits) and the province's names (hashed).
    sizes: HashMap<(usize, u32, u64), Vec2>,
}

impl NameSizes {
    /// The box of `province`'s name (`index` in the atlas) at `size` points in `language`, as
    /// [`names::name_galleys`] lays it out with `painter`'s fonts.
    pub fn size(
        &self,
        painter: &Painter,
        index: usize,
        province: &Province,
        language: LabelLanguage,
        size: f32,
    ) -> Vec2 {
        let key = measure_key(painter, language);
        let mut kept = self.kept.borrow_mut();
        if kept.key != Some(key) || kept.sizes.len() >= MAX_SIZES {
            kept.key = Some(key);
            kept.sizes.clear();
        }
        let mut names_hash = std::hash::DefaultHasher::new();
        (&province.name, &province.name_fa, &province.name_ps).hash(&mut names_hash);
        *kept
            .sizes
            .entry((index, size.to_bits(), names_hash.finish()))
            .or_insert_with(|| {
                names::galleys_size(&names::name_galleys(
                    painter,
                    province,
                    language,
                    size,
                    egui::Color32::WHITE,
                ))
            })
    }

    /// How many sizes are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.kept.borrow().sizes.len()
    }
}

/// The language, the pixel density and the fonts (their data, by identity, and families).
fn measure_key(painter: &Painter, language: LabelLanguage) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    std::mem::discriminant(&language).hash(&mut hasher);
    painter.pixels_per_point().to_bits().hash(&mut hasher);
    painter.fonts(|fonts| {
        let definitions = fonts.definitions();
        for (name, data) in &definitions.font_data {
            name.hash(&mut hasher);
            (Arc::as_ptr(data) as usize).hash(&mut hasher);
            (*data.font).as_ref().len().hash(&mut hasher);
        }
        for (family, names) in &definitions.families {
            family.hash(&mut hasher);
            names.hash(&mut hasher);
        }
    });
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;
    use egui::{Context, FontData, FontDefinitions, LayerId, RawInput};

    /// Runs `f` with a painter of a frame of `ctx`.
    fn with_painter<R>(ctx: &Context, f: impl FnOnce(&Painter) -> R) -> R {
        let mut f = Some(f);
        let mut result = None;
        let mut output = ctx.run_ui(RawInput::default(), |ui| {
            let painter = ui.ctx().layer_painter(LayerId::background());
            if let Some(f) = f.take() {
                result = Some(f(&painter));
            }
        });
        output.textures_delta.clear();
        result.expect("ran")
    }

    fn measured(painter: &Painter, province: &Province, language: LabelLanguage) -> Vec2 {
        names::galleys_size(&names::name_galleys(
            painter,
            province,
            language,
            14.0,
            egui::Color32::WHITE,
        ))
    }

    #[test]
    fn sizes_are_those_measured_and_each_input_measures_again() {
        let atlas = load_embedded();
        let kabul = atlas.province_by_code("AF-KAB").expect("Kabul");
        let province = atlas.province(kabul);
        let ctx = Context::default();
        crate::fonts::install_fonts(&ctx);
        with_painter(&ctx, |_| ()); // the fonts apply from the next frame
        let sizes = NameSizes::default();
        let english = LabelLanguage::ALL[0];
        let other = LabelLanguage::ALL[1];
        with_painter(&ctx, |painter| {
            let size = sizes.size(painter, kabul.0, province, english, 14.0);
            assert_eq!(size, measured(painter, province, english));
            assert_eq!(sizes.len(), 1);
            // Kept: the same again without measuring.
            assert_eq!(sizes.size(painter, kabul.0, province, english, 14.0), size);
            assert_eq!(sizes.len(), 1);
            // Another size is another entry.
            sizes.size(painter, kabul.0, province, english, 16.0);
            assert_eq!(sizes.len(), 2);
            // So are other names (another data set).
            let mut renamed = province.clone();
            renamed.name = "A much longer name than Kabul".to_owned();
            let longer = sizes.size(painter, kabul.0, &renamed, english, 14.0);
            assert_eq!(longer, measured(painter, &renamed, english));
            assert!(longer.x > size.x);
            assert_eq!(sizes.len(), 3);
            // Another language forgets the others.
            let in_other = sizes.size(painter, kabul.0, province, other, 14.0);
            assert_eq!(in_other, measured(painter, province, other));
            assert_eq!(sizes.len(), 1);
        });
        // Another pixel density.
        ctx.set_pixels_per_point(2.0);
        with_painter(&ctx, |painter| {
            sizes.size(painter, kabul.0, province, other, 14.0);
            assert_eq!(sizes.len(), 1, "measured afresh");
            sizes.size(painter, kabul.0, province, other, 16.0);
            assert_eq!(sizes.len(), 2);
        });
        // Other fonts: the default ones.
        let mut fonts = FontDefinitions::default();
        fonts.font_data.insert(
            "copy".to_owned(),
            Arc::new(FontData::from_static(include_bytes!(
                "../../assets/fonts/DejaVuSans.ttf"
            ))),
        );
        ctx.set_fonts(fonts);
        with_painter(&ctx, |_| ());
        with_painter(&ctx, |painter| {
            let size = sizes.size(painter, kabul.0, province, other, 14.0);
            assert_eq!(sizes.len(), 1, "measured afresh");
            assert_eq!(size, measured(painter, province, other));
        });
    }

    #[test]
    fn no_more_than_the_budget_is_kept() {
        let atlas = load_embedded();
        let ctx = Context::default();
        let sizes = NameSizes::default();
        with_painter(&ctx, |painter| {
            let province = &atlas.provinces[0];
            for step in 0..(MAX_SIZES + 10) {
                sizes.size(
                    painter,
                    0,
                    province,
                    LabelLanguage::ALL[0],
                    8.0 + step as f32 / 64.0,
                );
                assert!(sizes.len() <= MAX_SIZES);
            }
        });
    }
}
