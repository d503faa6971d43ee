//! Numbers as people read them: digits grouped in thousands ("1,234,567"), the one rule every
//! panel, card, legend and page uses.

/// 1234567 → "1,234,567".
pub fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// -44059.4 → "-44,059": rounded to a whole number, then grouped like [`thousands`].
pub fn thousands_rounded(value: f64) -> String {
    let rounded = value.round();
    let grouped = thousands(rounded.abs().min(usize::MAX as f64) as usize);
    if rounded < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// 1234.5 with 1 decimal → "1,234.5": `value` to `decimals` places, the whole part grouped like
/// [`thousands`] (a value that rounds to zero has no minus sign).
pub fn thousands_decimal(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = whole
        .parse::<usize>()
        .map_or_else(|_| whole.to_owned(), thousands);
    let zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = if value < 0.0 && !zero { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_in_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(958), "958");
        assert_eq!(thousands(1842), "1,842");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands_rounded(44059.4), "44,059");
        assert_eq!(thousands_rounded(-1234.6), "-1,235");
        assert_eq!(thousands_rounded(-0.2), "0");
        assert_eq!(thousands_decimal(1234.56, 1), "1,234.6");
        assert_eq!(thousands_decimal(-20000.0, 0), "-20,000");
        assert_eq!(thousands_decimal(0.25, 2), "0.25");
        assert_eq!(thousands_decimal(-0.001, 1), "0.0");
        assert_eq!(thousands_decimal(999.96, 1), "1,000.0");
    }
}
