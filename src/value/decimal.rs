//! Decimal numbers as text (what `BigInteger` and `BigDecimal` values hold), taken apart.

/// A decimal number's text as sign, significant digits (no leading zeros; `"0"` for zero) and
/// a power of ten: `-12.50E3` is `(true, "1250", 1)`. The text is a valid number (the codecs
/// check it before); anything else gives what its characters read as.
pub(crate) fn split(text: &str) -> (bool, String, i64) {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (number, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let trimmed = digits.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0".to_owned() } else { trimmed.to_owned() };
    (negative && digits != "0", digits, exponent.saturating_sub(fraction.len() as i64))
}

/// Whether two decimal texts are the same number (`1.50` and `15E-1`).
pub(crate) fn same_number(a: &str, b: &str) -> bool {
    let canonical = |text: &str| {
        let (negative, digits, exponent) = split(text);
        let trimmed = digits.trim_end_matches('0');
        match trimmed.is_empty() {
            true => (false, String::from("0"), 0),
            false => (negative, trimmed.to_owned(), exponent.saturating_add((digits.len() - trimmed.len()) as i64)),
        }
    };
    canonical(a) == canonical(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_split_into_sign_digits_and_exponent() {
        assert_eq!(split("-12.50E3"), (true, "1250".to_owned(), 1));
        assert_eq!(split("0.001"), (false, "1".to_owned(), -3));
        assert_eq!(split("-0.0"), (false, "0".to_owned(), -1));
        assert_eq!(split("42"), (false, "42".to_owned(), 0));
    }

    #[test]
    fn the_same_number_in_other_words_is_the_same() {
        assert!(same_number("1.50", "15E-1"));
        assert!(same_number("-0.0", "0"));
        assert!(same_number("1e400", "10E399"));
        assert!(!same_number("1.5", "-1.5"));
        assert!(!same_number("1.5", "1.05"));
    }
}
