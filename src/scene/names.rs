//! Which names the map writes on the provinces: English, Dari, Pashto, or English with Dari
//! below. One setting for the screen, presentation mode, exports and slides; every output asks
//! [`name_lines`] for a province's lines and sizes the label with [`label_size`], so all of them
//! write and measure the same text.
//!
//! The Dari names are Natural Earth's `name_fa` (see docs/DATA.md). No source reachable when the
//! data was made gives the Pashto names, so where a province has none the Pashto setting writes
//! its Dari name (the same script, and for most provinces the same spelling), tagged as Dari.

use egui::{Vec2, vec2};
use serde::{Deserialize, Serialize};

use crate::data::Province;

/// The language of the province names on the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelLanguage {
    /// English names.
    #[default]
    English,
    /// Dari (Persian) names, in Arabic script.
    Dari,
    /// Pashto names, in Arabic script (Dari where no Pashto name is known).
    Pashto,
    /// English names with the Dari name below.
    EnglishDari,
}

impl LabelLanguage {
    /// Every setting, in menu order.
    pub const ALL: [Self; 4] = [Self::English, Self::Dari, Self::Pashto, Self::EnglishDari];

    /// The code the command line takes (`--labels en|fa|ps|en+fa`).
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Dari => "fa",
            Self::Pashto => "ps",
            Self::EnglishDari => "en+fa",
        }
    }

    /// The setting for a command-line code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// How the menu names it: each language in its own script.
    pub fn menu_label(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Dari => "دری (Dari)",
            Self::Pashto => "پښتو (Pashto)",
            Self::EnglishDari => "English with Dari below",
        }
    }
}

/// A language tag for text, as SVG's `xml:lang` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Dari (Persian).
    Fa,
    /// Pashto.
    Ps,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fa => "fa",
            Self::Ps => "ps",
        }
    }

    /// Whether text in it runs right to left.
    pub fn right_to_left(self) -> bool {
        !matches!(self, Self::En)
    }
}

/// One line of a province's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameLine {
    /// The text, in logical order.
    pub text: String,
    /// Its language.
    pub lang: Lang,
}

/// The lines of `province`'s label in `language`, top first. A province without a name in the
/// language asked for is named in the nearest one there is: Pashto → Dari → English.
pub fn name_lines(province: &Province, language: LabelLanguage) -> Vec<NameLine> {
    let english = || NameLine {
        text: province.name.clone(),
        lang: Lang::En,
    };
    let dari = || {
        province.name_fa.as_ref().map(|text| NameLine {
            text: text.clone(),
            lang: Lang::Fa,
        })
    };
    let pashto = || {
        province.name_ps.as_ref().map(|text| NameLine {
            text: text.clone(),
            lang: Lang::Ps,
        })
    };
    match language {
        LabelLanguage::English => vec![english()],
        LabelLanguage::Dari => vec![dari().unwrap_or_else(english)],
        LabelLanguage::Pashto => vec![pashto().or_else(dari).unwrap_or_else(english)],
        LabelLanguage::EnglishDari => std::iter::once(english()).chain(dari()).collect(),
    }
}

/// The box of a label of `lines` at type `size`: the widest line, the lines' heights added.
/// `measure(line, size)` is one line's box, in the output's own shaping.
pub fn label_size(lines: &[NameLine], size: f32, measure: impl Fn(&NameLine, f32) -> Vec2) -> Vec2 {
    lines.iter().fold(Vec2::ZERO, |total, line| {
        let one = measure(line, size);
        vec2(total.x.max(one.x), total.y + one.y)
    })
}

/// A line's box from the bundled faces' shaping ([`crate::text::measure`]): how exports and the
/// tests that read them measure names.
pub fn shaped_line_size(line: &NameLine, size: f32) -> Vec2 {
    crate::text::measure(&line.text, size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn every_setting_names_every_province_in_its_language() {
        let atlas = load_embedded();
        for province in &atlas.provinces {
            let english = name_lines(province, LabelLanguage::English);
            assert_eq!(english.len(), 1);
            assert_eq!(english[0].lang, Lang::En);
            let dari = name_lines(province, LabelLanguage::Dari);
            assert_eq!(dari.len(), 1);
            assert_eq!(dari[0].lang, Lang::Fa, "{} has a Dari name", province.name);
            assert!(dari[0].text.chars().any(crate::text::is_arabic_script));
            let both = name_lines(province, LabelLanguage::EnglishDari);
            assert_eq!(both, vec![english[0].clone(), dari[0].clone()]);
            // No source gives Pashto names yet: the Dari name stands in, tagged as Dari.
            let pashto = name_lines(province, LabelLanguage::Pashto);
            match &province.name_ps {
                Some(name) => assert_eq!(pashto[0].text, *name),
                None => assert_eq!(pashto, dari),
            }
        }
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for language in LabelLanguage::ALL {
            assert_eq!(LabelLanguage::from_code(language.code()), Some(language));
        }
        assert_eq!(LabelLanguage::from_code("de"), None);
    }

    #[test]
    fn two_line_labels_are_as_tall_as_both_lines_and_as_wide_as_the_wider() {
        let atlas = load_embedded();
        let kabul = atlas
            .provinces
            .iter()
            .find(|p| p.code == "AF-KAB")
            .expect("Kabul");
        let lines = name_lines(kabul, LabelLanguage::EnglishDari);
        let both = label_size(&lines, 16.0, shaped_line_size);
        let english = shaped_line_size(&lines[0], 16.0);
        let dari = shaped_line_size(&lines[1], 16.0);
        assert_eq!(both.x, english.x.max(dari.x));
        assert_eq!(both.y, english.y + dari.y);
    }
}
