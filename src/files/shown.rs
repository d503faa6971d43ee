//! How a value read from a file or typed by a user appears in a message: control characters
//! and invisible characters escaped (so a file cannot clear the terminal, retitle it, or hide a
//! zero-width space in a name), and long values cut, so one message stays one readable line.

/// The most characters of one value a message shows.
pub const SHOWN_CHARS: usize = 200;

/// `text` as a message shows it: control and invisible characters escaped as `\u{1b}`,
/// newlines as `\n`, and cut after [`SHOWN_CHARS`] characters with how long it was.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(SHOWN_CHARS * 2));
    for (count, c) in text.chars().enumerate() {
        if count == SHOWN_CHARS {
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
    fn long_values_are_cut_saying_how_long_they_were() {
        let long = "x".repeat(100_000);
        let text = shown(&long);
        assert!(text.chars().count() < SHOWN_CHARS + 30, "{}", text.len());
        assert!(text.ends_with("… (100000 characters)"), "{text}");
    }
}
