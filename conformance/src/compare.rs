//! Differences between an expected and an actual JSON value, each with its path.

use serde_json::Value as Json;

/// Every difference between `expected` and `actual`, as `path: expected X, got Y` lines.
/// Numbers compare numerically; object key order is ignored.
pub fn json_diff(expected: &Json, actual: &Json) -> Vec<String> {
    let mut out = Vec::new();
    diff(expected, actual, &mut String::from("$"), &mut out);
    out
}

fn diff(expected: &Json, actual: &Json, path: &mut String, out: &mut Vec<String>) {
    match (expected, actual) {
        (Json::Object(e), Json::Object(a)) => {
            for (key, value) in e {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                match a.get(key) {
                    Some(actual) => diff(value, actual, path, out),
                    None => out.push(format!("{path}: missing (expected {})", short(value))),
                }
                path.truncate(len);
            }
            for (key, value) in a.iter().filter(|(key, _)| !e.contains_key(*key)) {
                out.push(format!("{path}.{key}: unexpected {}", short(value)));
            }
        }
        (Json::Array(e), Json::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{path}: expected {} items, got {}", e.len(), a.len()));
            }
            for (index, (e, a)) in e.iter().zip(a).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                diff(e, a, path, out);
                path.truncate(len);
            }
        }
        (Json::Number(e), Json::Number(a)) if numbers_equal(e, a) => {}
        (e, a) if e == a => {}
        (e, a) => out.push(format!("{path}: expected {}, got {}", short(e), short(a))),
    }
}

/// Whether two JSON numbers are the same number, compared exactly as decimals (`1`, `1.0` and
/// `1e0` are equal); never through `f64`, which would equate big integers that differ.
fn numbers_equal(e: &serde_json::Number, a: &serde_json::Number) -> bool {
    decimal(e.as_str()) == decimal(a.as_str())
}

/// A JSON number as (negative, significant digits, exponent of the last digit), normalised:
/// no leading or trailing zeros, and zero without a sign.
fn decimal(text: &str) -> (bool, String, i64) {
    let (negative, text) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let exponent: i64 = exponent.trim_start_matches('+').parse().unwrap_or(0);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    if significant.is_empty() {
        return (false, String::new(), 0);
    }
    let trailing = digits.len() - digits.trim_end_matches('0').len();
    let fraction_len = i64::try_from(fraction.len()).unwrap_or(i64::MAX);
    let trailing = i64::try_from(trailing).unwrap_or(i64::MAX);
    (negative, significant.to_owned(), exponent.saturating_sub(fraction_len).saturating_add(trailing))
}

/// A value for a message, cut to a readable length.
pub(crate) fn short(value: &Json) -> String {
    let text = value.to_string();
    if text.chars().count() > 120 { format!("{}…", text.chars().take(120).collect::<String>()) } else { text }
}

#[cfg(test)]
mod tests {
    use super::json_diff;

    fn equal(e: &str, a: &str) -> bool {
        json_diff(&serde_json::from_str(e).unwrap(), &serde_json::from_str(a).unwrap()).is_empty()
    }

    #[test]
    fn numbers_compare_exactly_as_decimals() {
        for (e, a) in
            [("1", "1.0"), ("1e2", "100"), ("-0", "0.0"), ("0.5", "5e-1"), ("1.50", "15E-1"), ("-12", "-1.2e1")]
        {
            assert!(equal(e, a), "{e} = {a}");
        }
        // Beyond f64's 53 bits, and beyond u64: equal as f64, different as numbers.
        for (e, a) in [
            ("9007199254740993", "9007199254740992"),
            ("123456789012345678901234567890", "123456789012345678901234567891"),
            ("0.10000000000000000001", "0.1"),
            ("1", "-1"),
            ("10", "1"),
        ] {
            assert!(!equal(e, a), "{e} != {a}");
        }
    }
}
