//! The app's type sizes and text colours, in both themes: no text under 12 points at 100 %
//! scale, and every text colour at least 4.5:1 against the backgrounds it is drawn on (WCAG AA).
//! egui's defaults miss both (9-point small text; weak grey text at about 2.7:1).

use egui::{Color32, Context, FontFamily, FontId, Style, TextStyle, Theme, Visuals};

/// The smallest type the app draws, in points.
pub const MIN_TEXT_SIZE: f32 = 12.0;

/// WCAG AA's minimum contrast for normal text.
pub const MIN_CONTRAST: f32 = 4.5;

/// Applies [`styled`] to both themes of `ctx`.
pub fn apply(ctx: &Context) {
    for theme in [Theme::Dark, Theme::Light] {
        ctx.style_mut_of(theme, |style| styled(style, theme == Theme::Dark));
    }
}

/// `style` with readable type sizes and text colours for the dark or light theme.
pub fn styled(style: &mut Style, dark: bool) {
    style.text_styles = [
        (
            TextStyle::Small,
            FontId::new(MIN_TEXT_SIZE, FontFamily::Proportional),
        ),
        (TextStyle::Body, FontId::new(13.5, FontFamily::Proportional)),
        (
            TextStyle::Button,
            FontId::new(13.5, FontFamily::Proportional),
        ),
        (
            TextStyle::Heading,
            FontId::new(18.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(13.0, FontFamily::Monospace),
        ),
    ]
    .into();
    readable_colours(&mut style.visuals, dark);
}

fn readable_colours(visuals: &mut Visuals, dark: bool) {
    if dark {
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(200);
        visuals.weak_text_color = Some(Color32::from_gray(160));
        visuals.hyperlink_color = Color32::from_rgb(110, 180, 255);
        visuals.warn_fg_color = Color32::from_rgb(255, 160, 40);
        visuals.error_fg_color = Color32::from_rgb(255, 110, 100);
    } else {
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
        visuals.weak_text_color = Some(Color32::from_gray(96));
        visuals.hyperlink_color = Color32::from_rgb(0, 96, 170);
        visuals.warn_fg_color = Color32::from_rgb(150, 80, 0);
        visuals.error_fg_color = Color32::from_rgb(190, 20, 20);
    }
}

/// The WCAG contrast ratio of two opaque colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG relative luminance of an sRGB colour.
pub fn relative_luminance(colour: Color32) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(colour.r()) + 0.7152 * linear(colour.g()) + 0.0722 * linear(colour.b())
}

/// `colour` as seen over `background` (for translucent colours).
pub fn over(colour: Color32, background: Color32) -> Color32 {
    let a = f32::from(colour.a()) / 255.0;
    let blend = |c: u8, b: u8| {
        // Color32 stores premultiplied colour.
        (f32::from(c) + f32::from(b) * (1.0 - a)).round().min(255.0) as u8
    };
    Color32::from_rgb(
        blend(colour.r(), background.r()),
        blend(colour.g(), background.g()),
        blend(colour.b(), background.b()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::MapStyle;

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
    }

    /// Every text colour of the theme against every background it is drawn on.
    fn pairs(visuals: &Visuals) -> Vec<(&'static str, Color32, &'static str, Color32)> {
        let page_backgrounds = [
            ("panel", visuals.panel_fill),
            ("window", visuals.window_fill),
            (
                "striped row",
                over(visuals.faint_bg_color, visuals.panel_fill),
            ),
            ("text field", visuals.text_edit_bg_color()),
        ];
        let texts = [
            ("text", visuals.text_color()),
            ("weak text", visuals.weak_text_color()),
            ("link", visuals.hyperlink_color),
            ("warning", visuals.warn_fg_color),
            ("error", visuals.error_fg_color),
        ];
        let mut pairs = Vec::new();
        for (text, fg) in texts {
            for (background, bg) in page_backgrounds {
                pairs.push((text, fg, background, bg));
            }
        }
        let w = &visuals.widgets;
        for (state, widget) in [
            ("button", w.inactive),
            ("hovered button", w.hovered),
            ("pressed button", w.active),
            ("open menu", w.open),
        ] {
            pairs.push((
                state,
                widget.fg_stroke.color,
                "its fill",
                widget.weak_bg_fill,
            ));
        }
        pairs.push((
            "selected text",
            visuals.selection.stroke.color,
            "selection",
            visuals.selection.bg_fill,
        ));
        pairs
    }

    #[test]
    fn every_text_colour_has_aa_contrast_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [true, false] {
            let mut style = Style {
                visuals: if dark {
                    Visuals::dark()
                } else {
                    Visuals::light()
                },
                ..Style::default()
            };
            styled(&mut style, dark);
            for (text, fg, background, bg) in pairs(&style.visuals) {
                let ratio = contrast_ratio(fg, bg);
                if ratio < MIN_CONTRAST {
                    failures.push(format!(
                        "{} theme: {text} on {background}: {ratio:.2}:1",
                        if dark { "dark" } else { "light" }
                    ));
                }
            }
            for (text_style, font) in &style.text_styles {
                assert!(
                    font.size >= MIN_TEXT_SIZE,
                    "{text_style:?} is {}",
                    font.size
                );
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn map_text_has_aa_contrast_in_every_map_style() {
        let mut failures = Vec::new();
        for style in [
            MapStyle::for_theme(true),
            MapStyle::for_theme(false),
            MapStyle::projector(),
        ] {
            let halo = over(style.label_halo, style.land);
            let backing = over(style.backing, style.land);
            for (what, fg, bg) in [
                ("names on their halo", style.label, halo),
                ("small print on its backing", style.small_print, backing),
                ("scale on its backing", style.label, backing),
                ("neighbours' names", style.country_label, style.background),
            ] {
                let ratio = contrast_ratio(fg, bg);
                if ratio < MIN_CONTRAST {
                    failures.push(format!("map style {}: {what}: {ratio:.2}:1", style.id));
                }
            }
            assert!(style.label_size >= MIN_TEXT_SIZE && style.small_label_size >= MIN_TEXT_SIZE);
            assert!(style.small_print_size >= MIN_TEXT_SIZE);
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
