//! Breaking a page's text into lines: the width of text in the bundled Latin face, estimated
//! from its length, and word wrapping by that estimate. Linear in the text's length: each word
//! is measured once and a line's width is kept as it grows (never measured again from its
//! start), so a pasted wall of text costs no more per character than a name.
//!
//! Not responsible for shaping (see [`crate::text`]) or for where lines go on the page.

/// The average advance of DejaVu Sans, in ems: the estimate's one constant.
const AVERAGE_ADVANCE_EM: f32 = 0.58;

/// Rough width of `text` in DejaVu Sans at `size` px (average advance ≈ 0.58 em).
pub fn text_width(text: &str, size: f32) -> f32 {
    width_of_chars(text.chars().count(), size)
}

/// Rough width of `chars` characters at `size` px.
fn width_of_chars(chars: usize, size: f32) -> f32 {
    chars as f32 * size * AVERAGE_ADVANCE_EM
}

/// `text` in lines no wider than `width` at `size` (by [`text_width`]), broken between words; a
/// single word wider than that keeps a line of its own.
pub fn wrap_words(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // Characters in the last line, kept as it grows.
    let mut line_chars = 0;
    for word in text.split_whitespace() {
        let word_chars = word.chars().count();
        match lines.last_mut() {
            Some(line) if width_of_chars(line_chars + 1 + word_chars, size) <= width => {
                line.push(' ');
                line.push_str(word);
                line_chars += 1 + word_chars;
            }
            _ => {
                lines.push(word.to_owned());
                line_chars = word_chars;
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fill_up_to_the_width_and_no_further() {
        let size = 15.0;
        let five = text_width("aa bb", size);
        assert_eq!(wrap_words("aa bb cc", size, five), ["aa bb", "cc"]);
        assert_eq!(wrap_words("aa bb cc", size, five - 0.1), ["aa", "bb", "cc"]);
        assert_eq!(wrap_words("aa  bb\tcc\n", size, 2.0 * five), ["aa bb cc"]);
        assert_eq!(
            wrap_words("toolongword x", size, five),
            ["toolongword", "x"]
        );
        assert!(wrap_words(" \n ", size, five).is_empty());
    }

    #[test]
    fn every_word_is_kept_in_order_whatever_the_width() {
        let text: String = (0..2_000).map(|i| format!("w{} ", i % 97)).collect();
        for width in [0.0, 40.0, 300.0, f32::INFINITY] {
            let lines = wrap_words(&text, 13.0, width);
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(words, expected, "width {width}");
            assert!(
                lines
                    .iter()
                    .all(|l| text_width(l, 13.0) <= width || !l.contains(' ')),
                "width {width}"
            );
        }
    }

    #[test]
    fn multi_byte_letters_count_as_one_character_each() {
        assert_eq!(text_width("کابل", 10.0), text_width("abcd", 10.0));
        let both = text_width("abcd efg", 10.0);
        assert_eq!(wrap_words("کابل بلخ", 10.0, both), ["کابل بلخ"]);
        assert_eq!(wrap_words("کابل بلخ", 10.0, both - 0.1), ["کابل", "بلخ"]);
    }
}
