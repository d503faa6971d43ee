//! Links to sources, in one place: a data file may hold any text as a source's `url`, so only web
//! addresses and mail (`http`, `https`, `mailto`) are ever opened; anything else (`file:`,
//! `javascript:`, a bare name) is shown as text and reported as a problem of its record. Every
//! link shows its target on hover and opens through egui's [`egui::OpenUrl`].

use egui::{Response, RichText, Ui, WidgetText};

/// Whether `url` may be opened: an `http`/`https` address with a host, or a `mailto:` address.
pub fn is_openable(url: &str) -> bool {
    why_not_openable(url).is_none()
}

/// Why `url` is not opened, as a sentence fragment for a problem; `None` when it may be.
pub fn why_not_openable(url: &str) -> Option<String> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Some(format!(
            "link \"{}\" contains spaces or control characters; it is shown as text, not opened",
            url.escape_debug()
        ));
    }
    let lower = url.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    let fine = match host {
        Some(host) => !host.is_empty() && !host.starts_with('@') && !host.starts_with(':'),
        None => lower
            .strip_prefix("mailto:")
            .is_some_and(|address| address.contains('@')),
    };
    (!fine).then(|| {
        format!(
            "link \"{url}\" is not a web or mail address (http, https or mailto); it is shown as text, not opened"
        )
    })
}

/// A link showing `text` that opens `url` when it is openable (its target on hover); otherwise
/// the url as plain text, with the reason on hover.
pub fn link_ui(ui: &mut Ui, text: impl Into<WidgetText>, url: &str) -> Response {
    if is_openable(url) {
        // Cut short to the space there is (in full on hover), so a long address never widens
        // the panel it is in.
        let text = text.into().color(ui.visuals().hyperlink_color);
        let response = ui
            .add(
                egui::Label::new(text)
                    .truncate()
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(url)
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked() || response.middle_clicked() {
            ui.ctx().open_url(egui::OpenUrl {
                url: url.to_owned(),
                new_tab: true,
            });
        }
        response
    } else {
        ui.label(RichText::new(url).small().weak())
            .on_hover_text("Not a web address, so not opened")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_open() {
        for good in [
            "https://www.unama.org/report",
            "HTTP://example.org",
            "https://example.org?q=1",
            "mailto:press@example.org",
        ] {
            assert!(is_openable(good), "{good}");
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "unama.org",
            "report.pdf",
            "https://",
            "http:///etc/passwd",
            "ftp://example.org",
            "https://example.org/a b",
            "https://example.org/\u{1b}[2J",
            "mailto:nobody",
            "",
        ] {
            assert!(!is_openable(bad), "{bad}");
            assert!(why_not_openable(bad).is_some(), "{bad}");
        }
    }
}
