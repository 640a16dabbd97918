//! Simple values as text: what XML elements and attributes, query strings, URI labels and
//! HTTP headers carry. One place decides how a boolean, a number, a blob or a timestamp reads
//! and writes as text.

use std::borrow::Cow;

use super::{BlobText, mismatch};
use crate::blob::Blob;
use crate::error::{Error, Result};
use crate::schema::{ShapeRef, ShapeType};
use crate::timestamp::{Timestamp, TimestampFormat};
use crate::value::Value;

/// The text of simple value `value` of `shape`: `true`, `42`, `1.5`, `NaN`, base64 (or UTF-8)
/// blobs, timestamps in `format`.
pub(crate) fn format(value: &Value, shape: ShapeRef<'_>, format: TimestampFormat, blob: BlobText) -> Result<String> {
    Ok(match (shape.shape_type(), value) {
        (ShapeType::String | ShapeType::Enum, Value::String(text)) => text.clone(),
        (ShapeType::Enum | ShapeType::String, Value::Enum(text)) => text.to_string(),
        (ShapeType::Boolean, Value::Boolean(b)) => b.to_string(),
        (ShapeType::Byte | ShapeType::Short | ShapeType::Integer | ShapeType::Long, _) => {
            integer(value, shape)?.to_string()
        }
        (ShapeType::IntEnum, Value::IntEnum(n) | Value::Integer(n)) => n.to_string(),
        (ShapeType::Float, Value::Float(f)) => float(f64::from(*f), || ryu::Buffer::new().format_finite(*f).to_owned()),
        (ShapeType::Double, Value::Double(d)) => float(*d, || ryu::Buffer::new().format_finite(*d).to_owned()),
        (ShapeType::BigInteger, Value::BigInteger(text)) | (ShapeType::BigDecimal, Value::BigDecimal(text)) => {
            big_number(value, text)?.to_owned()
        }
        (ShapeType::Blob, Value::Blob(bytes)) => match blob {
            BlobText::Base64 => bytes.to_base64(),
            BlobText::Utf8 => String::from_utf8(bytes.to_vec()).map_err(|_| Error::data("blob is not UTF-8 text"))?,
        },
        (ShapeType::Timestamp, Value::Timestamp(t)) => t.format(format),
        (ShapeType::Document, _) => return Err(Error::data("a document has no text form")),
        _ => return Err(mismatch(shape, value)),
    })
}

/// Integer `value` of integer shape `shape`, refused when the shape's width cannot hold it (a
/// `Long` of 300 for a byte): every wire would carry a number the receiver must refuse.
pub(crate) fn integer(value: &Value, shape: ShapeRef<'_>) -> Result<i64> {
    let number = match value {
        Value::IntEnum(_) => None,
        other => other.as_i64(),
    };
    let number = number.ok_or_else(|| mismatch(shape, value))?;
    let fits = match shape.shape_type() {
        ShapeType::Byte => i8::try_from(number).is_ok(),
        ShapeType::Short => i16::try_from(number).is_ok(),
        ShapeType::Integer | ShapeType::IntEnum => i32::try_from(number).is_ok(),
        _ => true,
    };
    if !fits {
        return Err(Error::data(format!("{} out of range", shape.shape_type())));
    }
    Ok(number)
}

/// The text of big number `value` (a `BigInteger` or `BigDecimal` holding `text`), refused
/// unless it is a number in JSON's grammar: it is written as it is, and anything else would
/// inject text into the document.
pub(crate) fn big_number<'t>(value: &Value, text: &'t str) -> Result<&'t str> {
    let decimal = matches!(value, Value::BigDecimal(_));
    if !is_number(text, decimal) {
        return Err(Error::data(format!("a {} that is not a decimal number", value.type_name())));
    }
    Ok(text)
}

/// NaN and the infinities by name; finite numbers by `finite`.
fn float(value: f64, finite: impl FnOnce() -> String) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity".to_owned() } else { "-Infinity".to_owned() }
    } else {
        finite()
    }
}

/// Reads simple value of `shape` from `text`. Strings are kept exactly; other values may be
/// surrounded by whitespace.
///
/// A timestamp is read in `format` in Smithy's exact form when `strict` (see
/// [`Timestamp::parse_strict`]), else in any format that reads it (see
/// [`Timestamp::parse_lenient`]).
pub(crate) fn parse(
    text: Cow<'_, str>,
    shape: ShapeRef<'_>,
    format: TimestampFormat,
    blob: BlobText,
    strict: bool,
) -> Result<Value> {
    // Strings, the common case, are kept exactly: no trimming to do.
    if shape.shape_type() == ShapeType::String {
        return Ok(Value::String(text.into_owned()));
    }
    let trimmed = text.trim();
    let number = |type_name: &str| -> Result<i64> {
        trimmed.parse().map_err(|_| Error::data(format!("expected {type_name}, found text that is not one")))
    };
    let narrow = |type_name: &str| Error::data(format!("{type_name} out of range"));
    Ok(match shape.shape_type() {
        ShapeType::Enum => Value::Enum(match shape.enum_value(&text) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(text.into_owned()),
        }),
        ShapeType::Boolean => match trimmed {
            "true" => Value::Boolean(true),
            "false" => Value::Boolean(false),
            _ => return Err(Error::data("expected true or false")),
        },
        ShapeType::Byte => Value::Byte(i8::try_from(number("a byte")?).map_err(|_| narrow("byte"))?),
        ShapeType::Short => Value::Short(i16::try_from(number("a short")?).map_err(|_| narrow("short"))?),
        ShapeType::Integer => Value::Integer(i32::try_from(number("an integer")?).map_err(|_| narrow("integer"))?),
        ShapeType::IntEnum => Value::IntEnum(i32::try_from(number("an intEnum")?).map_err(|_| narrow("intEnum"))?),
        ShapeType::Long => Value::Long(number("a long")?),
        ShapeType::Float => Value::Float(parse_float(trimmed)?),
        ShapeType::Double => Value::Double(parse_float(trimmed)?),
        ShapeType::BigInteger if is_number(trimmed, false) => Value::BigInteger(trimmed.to_owned()),
        ShapeType::BigDecimal if is_number(trimmed, true) => Value::BigDecimal(trimmed.to_owned()),
        ShapeType::BigInteger | ShapeType::BigDecimal => {
            return Err(Error::data("expected a decimal number"));
        }
        ShapeType::Blob => match blob {
            BlobText::Base64 => Value::Blob(Blob::from_base64(trimmed)?),
            BlobText::Utf8 => Value::Blob(Blob::new(text.into_owned().into_bytes())),
        },
        ShapeType::Timestamp if strict => Value::Timestamp(Timestamp::parse_strict(trimmed, format)?),
        ShapeType::Timestamp => Value::Timestamp(Timestamp::parse_lenient(trimmed, format)?),
        other => return Err(Error::data(format!("a {other} is not a simple value"))),
    })
}

fn parse_float<T: Float>(text: &str) -> Result<T> {
    match text {
        "NaN" => Ok(T::from(f32::NAN)),
        "Infinity" => Ok(T::from(f32::INFINITY)),
        "-Infinity" => Ok(T::from(f32::NEG_INFINITY)),
        _ if is_number(text, true) => finite_float(text),
        _ => Err(Error::data("expected a number, NaN, Infinity or -Infinity")),
    }
}

/// The two floating-point widths the codecs read.
pub(crate) trait Float: std::str::FromStr + From<f32> {
    /// The Smithy shape type it holds.
    const SHAPE: &'static str;
    /// Neither infinite nor NaN.
    fn is_finite(&self) -> bool;
}

impl Float for f32 {
    const SHAPE: &'static str = "float";
    fn is_finite(&self) -> bool {
        f32::is_finite(*self)
    }
}

impl Float for f64 {
    const SHAPE: &'static str = "double";
    fn is_finite(&self) -> bool {
        f64::is_finite(*self)
    }
}

/// Number `text` (already checked to be in JSON's grammar) as a float. A number too large for
/// the type is an error: reading it as an infinity would change what the sender wrote (the
/// infinities travel by name).
pub(crate) fn finite_float<T: Float>(text: &str) -> Result<T> {
    match text.parse::<T>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(Error::data(format!("number out of range for a {}", T::SHAPE))),
    }
}

/// A decimal number in JSON's grammar (so `inf`, `0x1` and `+1` are not numbers).
fn is_number(text: &str, fraction_allowed: bool) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match digits.split_once(['e', 'E']) {
        Some((mantissa, exponent)) if fraction_allowed => (mantissa, Some(exponent)),
        Some(_) => return false,
        None => (digits, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) if fraction_allowed => (whole, Some(fraction)),
        Some(_) => return false,
        None => (mantissa, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole)
        && fraction.is_none_or(all_digits)
        && exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}
