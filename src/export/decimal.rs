//! Page coordinates written as decimals, byte for byte what `format!("{:.1}")` and
//! `format!("{:.2}")` write, without the formatter's exact-decimal machinery: an export writes
//! some 100,000 coordinates, and `core::fmt` spent a tenth of a PNG export's CPU on them.
//!
//! Why it is exact: an `f32` has a 24-bit significand, so `v × 10` or `v × 100` needs at most 31
//! bits and is computed exactly in an `f64`; rounding that exact value half to even is what the
//! formatter does with the exact decimal expansion of `v`. Values too large for that (or not
//! finite) go through the formatter.

use std::fmt::Write as _;

/// Appends `v` with one decimal, as `{:.1}` writes it.
pub(super) fn push_tenths(out: &mut String, v: f32) {
    push_fixed(out, v, 1);
}

/// Appends `v` with two decimals, as `{:.2}` writes it.
pub(super) fn push_hundredths(out: &mut String, v: f32) {
    push_fixed(out, v, 2);
}

/// Appends `v` with `decimals` (1 or 2) decimals.
fn push_fixed(out: &mut String, v: f32, decimals: u32) {
    let scale = if decimals == 1 { 10.0 } else { 100.0 };
    let scaled = (f64::from(v) * scale).abs().round_ties_even();
    // 2^53: below it every integer is an f64 and an u64.
    if !scaled.is_finite() || scaled >= 9_007_199_254_740_992.0 {
        let _ = write!(out, "{v:.prec$}", prec = decimals as usize);
        return;
    }
    let n = scaled as u64;
    if v.is_sign_negative() {
        out.push('-');
    }
    let unit = if decimals == 1 { 10 } else { 100 };
    let (whole, fraction) = (n / unit, n % unit);
    let _ = write!(out, "{whole}.");
    if decimals == 2 && fraction < 10 {
        out.push('0');
    }
    let _ = write!(out, "{fraction}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_format(v: f32) {
        let mut tenths = String::new();
        push_tenths(&mut tenths, v);
        assert_eq!(tenths, format!("{v:.1}"), "{v:e} (bits {:#x})", v.to_bits());
        let mut hundredths = String::new();
        push_hundredths(&mut hundredths, v);
        assert_eq!(
            hundredths,
            format!("{v:.2}"),
            "{v:e} (bits {:#x})",
            v.to_bits()
        );
    }

    #[test]
    fn ties_signs_and_edges_are_written_as_the_formatter_writes_them() {
        for v in [
            0.0, -0.0, 0.05, -0.05, 0.25, -0.25, 0.35, 0.45, 0.125, 0.375, 2.5, 1.15, 1.25, 9.95,
            9.995, -0.04, -0.004, 0.96, 99.95, 1e7, -1e7, 3.4e38, -3.4e38, 1e-45, 0.005, 0.015,
            1919.95, 1080.05,
        ] {
            same_as_format(v);
        }
        for v in [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::MAX,
            f32::MIN,
        ] {
            same_as_format(v);
        }
        // Every tie at a page's scale: k/20 and k/200 that f32 holds exactly or nearly.
        for k in -100_000..100_000 {
            same_as_format(k as f32 / 20.0);
            same_as_format(k as f32 / 200.0);
            same_as_format(k as f32 * 0.05);
        }
    }

    proptest! {
        #[test]
        fn any_f32_is_written_as_the_formatter_writes_it(bits in any::<u32>()) {
            same_as_format(f32::from_bits(bits));
        }

        #[test]
        fn page_coordinates_are_written_as_the_formatter_writes_them(v in -5000.0f32..5000.0) {
            same_as_format(v);
        }
    }
}
