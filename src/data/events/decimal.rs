//! Plain decimals (`-12.3456`), as coordinates are written, parsed without going through text:
//! the digits as one integer, divided by a power of ten. With at most 15 digits the integer and
//! the power of ten (at most 10^15) are exact in `f64`, so the one division rounds correctly,
//! and the result is the value `str::parse::<f64>` gives (the fast path of the standard
//! library's own parser). Anything else — an exponent, a sign `+`, more digits, `inf`, `NaN`,
//! stray bytes — is left to `str::parse`.

/// The most digits read here; 10^15 < 2^53, so every such integer is exact in `f64`.
const MAX_DIGITS: usize = 15;

/// Exact powers of ten, `POWERS[k] == 10^k`.
const POWERS: [f64; MAX_DIGITS + 1] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// `text` as `[-]digits[.digits]` (at least one digit, at most [`MAX_DIGITS`] in all), or
/// `None` when it is anything else.
fn plain(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0;
    let mut fraction: Option<usize> = None;
    for (at, &byte) in digits.iter().enumerate() {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(byte - b'0');
                count += 1;
                if count > MAX_DIGITS {
                    return None;
                }
            }
            b'.' if fraction.is_none() => fraction = Some(digits.len() - at - 1),
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    // Exact: mantissa < 10^15 < 2^53.
    let value = mantissa as f64 / POWERS[fraction.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

/// `text` as `str::parse::<f64>` reads it (`None` where it fails, or for text that is not
/// UTF-8), quickly for plain decimals.
pub(super) fn parse_f64(text: &[u8]) -> Option<f64> {
    plain(text).or_else(|| std::str::from_utf8(text).ok()?.parse::<f64>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn standard(text: &[u8]) -> Option<u64> {
        std::str::from_utf8(text)
            .ok()?
            .parse::<f64>()
            .ok()
            .map(f64::to_bits)
    }

    #[test]
    fn plain_decimals_edge_cases_match_the_standard_parser() {
        for text in [
            "0",
            "-0",
            "-0.0",
            "0.",
            ".5",
            "-.5",
            "1.",
            "-",
            ".",
            "-.",
            "",
            "+1",
            "1e5",
            "1..2",
            "12.34.5",
            "999999999999999",
            "9999999999999999",
            "0.000000000000001",
            "-33.8688197",
            "69.2075",
            "180",
            "-180.000000",
            "90.00000000000001",
            " 1",
            "1 ",
            "inf",
            "NaN",
            "0x10",
            "١٢",
        ] {
            assert_eq!(
                parse_f64(text.as_bytes()).map(f64::to_bits),
                standard(text.as_bytes()),
                "{text:?}"
            );
        }
        assert!(plain(b"-12.5").is_some() && plain(b"1e5").is_none());
        assert_eq!(parse_f64(b"\xff1.5"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_text_parses_as_the_standard_parser_parses_it(
            bytes in proptest::collection::vec(
                prop_oneof![
                    4 => b'0'..=b'9', 1 => Just(b'.'), 1 => Just(b'-'), 1 => Just(b'+'),
                    1 => Just(b'e'), 1 => any::<u8>()
                ],
                0..24,
            ),
        ) {
            prop_assert_eq!(parse_f64(&bytes).map(f64::to_bits), standard(&bytes));
        }

        #[test]
        fn every_coordinate_like_text_takes_the_fast_path_and_matches(
            negative in any::<bool>(),
            whole in 0u32..1000,
            fraction in proptest::collection::vec(b'0'..=b'9', 0..12),
            point in any::<bool>(),
        ) {
            let mut text = if negative { b"-".to_vec() } else { Vec::new() };
            text.extend_from_slice(whole.to_string().as_bytes());
            if point || !fraction.is_empty() {
                text.push(b'.');
                text.extend_from_slice(&fraction);
            }
            prop_assert!(plain(&text).is_some(), "{:?}", String::from_utf8_lossy(&text));
            prop_assert_eq!(plain(&text).map(f64::to_bits), standard(&text));
        }

        #[test]
        fn printed_doubles_read_back_the_same(value in any::<f64>(), digits in 0usize..14) {
            for text in [format!("{value:.digits$}"), format!("{value}"), format!("{value:e}")] {
                prop_assert_eq!(parse_f64(text.as_bytes()).map(f64::to_bits), standard(text.as_bytes()), "{}", text);
            }
        }
    }
}
