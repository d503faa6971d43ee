//! How a value read from a file or typed by a user appears in a message: control characters
//! and invisible characters escaped (so a file cannot clear the terminal, retitle it, or hide a
//! zero-width space in a name), and long values cut, so one message stays one readable line.

/// The most characters of one value a message shows.
pub const SHOWN_CHARS: usize = 200;

/// `text` as a message shows it: control and invisible characters escaped as `\u{1b}`,
/// newlines as `\n`, and cut after [`SHOWN_CHARS`] characters with how long it was.
pub fn shown(text: &str) -> String {
    shown_within(text, SHOWN_CHARS)
}

/// [`shown`] with another limit: a whole message built around such values (a problem's
/// sentence) is cut at a larger one.
pub fn shown_within(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len().min(limit * 2));
    for (count, c) in text.chars().enumerate() {
        if count == limit {
            let total = text.chars().count();
            out.push_str(&format!("… ({total} characters)"));
            return out;
        }
        if is_hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as a message shows it: [`shown`] of its text (a file name may hold an escape code or
/// a line break as well as any text).
pub fn shown_path(path: &std::path::Path) -> String {
    shown(&path.to_string_lossy())
}

/// A whole message or report as the terminal gets it: every control and invisible character
/// escaped as [`shown`] escapes it, except the line breaks between its lines, and nothing cut.
/// The last door before standard output and error, so no value a message quotes can act on the
/// terminal, whichever path built it.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && is_hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters a terminal acts on or that show as nothing: controls, zero-width and
/// direction marks, the BOM.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_and_invisible_characters_are_shown_escaped() {
        assert_eq!(shown("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(shown("\u{1b}]0;title\u{7}"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(shown("N\u{200B}RF"), "N\\u{200b}RF");
        assert_eq!(shown("line\nnext"), "line\\nnext");
        assert_eq!(shown("Kābul, Paktīā"), "Kābul, Paktīā");
    }

    #[test]
    fn a_printed_report_keeps_its_lines_and_escapes_everything_else() {
        assert_eq!(
            printable("a.csv: OK\nb\u{1b}[2J.csv: bad\r\n"),
            "a.csv: OK\nb\\u{1b}[2J.csv: bad\\r\n"
        );
        assert_eq!(
            shown_path(std::path::Path::new("x\u{7}.json")),
            "x\\u{7}.json"
        );
    }

    #[test]
    fn long_values_are_cut_saying_how_long_they_were() {
        let long = "x".repeat(100_000);
        let text = shown(&long);
        assert!(text.chars().count() < SHOWN_CHARS + 30, "{}", text.len());
        assert!(text.ends_with("… (100000 characters)"), "{text}");
    }
}
