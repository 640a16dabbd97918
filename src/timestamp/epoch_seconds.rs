//! Seconds since the Unix epoch as decimal text: `1398796238`, `-1.5`, `1.398796238E9`.
//!
//! The text is read exactly, never through `f64`, so every nanosecond survives.

use std::fmt::Write as _;

use super::{NANOS_PER_SECOND, Timestamp, write_fraction};
use crate::error::{Error, Result};

/// The most integer digits a representable instant has (`253402300799`).
const MAX_INTEGER_DIGITS: usize = 12;

pub(super) fn parse(text: &str) -> Result<Timestamp> {
    let number = Decimal::parse(text)?;
    let (whole, nanos) = number.split()?;
    let whole = i64::try_from(whole).map_err(|_| out_of_range())?;
    let (secs, nanos) = match (number.negative, nanos) {
        (false, _) => (whole, nanos),
        (true, 0) => (-whole, 0),
        (true, _) => (-whole - 1, NANOS_PER_SECOND - nanos),
    };
    Timestamp::new(secs, nanos)
}

fn out_of_range() -> Error {
    Error::data("timestamp out of range (years 0000 to 9999)")
}

fn syntax(what: &str) -> Error {
    Error::data(format!("invalid epoch-seconds timestamp: {what}"))
}

/// A decimal number's digits and the position of its point, as written.
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    /// Where the point falls among `digits`, after applying the exponent.
    point: i64,
}

impl Decimal {
    /// JSON's number grammar, with leading zeros allowed.
    fn parse(text: &str) -> Result<Self> {
        let bytes = text.as_bytes();
        let mut pos = 0;
        let negative = bytes.first() == Some(&b'-');
        pos += usize::from(negative);
        let integer = take_digits(bytes, &mut pos);
        if integer.is_empty() {
            return Err(syntax("expected a digit"));
        }
        let mut digits = integer.to_vec();
        let mut point = integer.len() as i64;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            let fraction = take_digits(bytes, &mut pos);
            if fraction.is_empty() {
                return Err(syntax("expected a digit after '.'"));
            }
            digits.extend_from_slice(fraction);
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            let exponent_negative = bytes.get(pos) == Some(&b'-');
            pos += usize::from(matches!(bytes.get(pos), Some(b'+' | b'-')));
            let exponent = take_digits(bytes, &mut pos);
            if exponent.is_empty() {
                return Err(syntax("expected a digit in the exponent"));
            }
            // Anything past 19 digits of exponent is out of range or zero either way.
            let magnitude = exponent
                .iter()
                .take(19)
                .fold(0i64, |acc, d| acc.saturating_mul(10).saturating_add(i64::from(d - b'0')));
            point = if exponent_negative { point.saturating_sub(magnitude) } else { point.saturating_add(magnitude) };
        }
        if pos != bytes.len() {
            return Err(syntax("unexpected character after the number"));
        }
        Ok(Self { negative, digits, point })
    }

    /// The integer part and the fraction truncated to nanoseconds, both as magnitudes.
    fn split(&self) -> Result<(u64, u32)> {
        let significant = self.digits.iter().position(|&d| d != b'0').unwrap_or(self.digits.len());
        let integer_digits = self.point - significant as i64;
        if integer_digits > MAX_INTEGER_DIGITS as i64 {
            return Err(out_of_range());
        }
        let digit_at = |index: i64| -> u32 {
            usize::try_from(index).ok().and_then(|index| self.digits.get(index)).map_or(0, |&d| u32::from(d - b'0'))
        };
        let whole = (significant as i64..self.point).fold(0u64, |acc, i| acc * 10 + u64::from(digit_at(i)));
        let nanos = (self.point..self.point.saturating_add(9)).fold(0u32, |acc, i| acc * 10 + digit_at(i));
        Ok((whole, nanos))
    }
}

fn take_digits<'b>(bytes: &'b [u8], pos: &mut usize) -> &'b [u8] {
    let start = *pos;
    while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
        *pos += 1;
    }
    &bytes[start..*pos]
}

pub(super) fn write(timestamp: Timestamp, out: &mut String) {
    let (secs, nanos) = (timestamp.secs(), timestamp.nanos());
    if nanos == 0 || secs >= 0 {
        let _ = write!(out, "{secs}");
        write_fraction(nanos, out);
    } else {
        // `secs` is rounded down: -1.5 s is stored as -2 s + 0.5 s.
        let _ = write!(out, "-{}", (secs + 1).unsigned_abs());
        write_fraction(NANOS_PER_SECOND - nanos, out);
    }
}
