//! Writing values as CBOR, as the AWS SDKs write it: definite lengths, integers in their
//! shortest form, floats as single and doubles as double precision (NaN and the infinities as
//! half precision), timestamps as tag 1 with whole seconds as an integer, else a double; big
//! integers beyond 64 bits as bignums (tags 2 and 3), big decimals as decimal fractions (tag
//! 4).

use super::head::{self, ARRAY, BYTES, DOUBLE, FALSE, HALF, MAP, NULL, SINGLE, TAG, TEXT, TRUE};
use super::{CborSettings, bignum};
use crate::codec::{mismatch, text};
use crate::error::{Error, Result};
use crate::schema::{ShapeRef, ShapeType};
use crate::timestamp::Timestamp;
use crate::value::{Value, decimal};

/// Writes `value` of `shape` as CBOR (see [`decode`](super::decode) for an example).
pub fn encode(value: &Value, shape: ShapeRef<'_>, settings: &CborSettings) -> Result<Vec<u8>> {
    let mut writer = Writer::new(settings);
    writer.value(value, shape)?;
    Ok(writer.out)
}

/// Writes structure `value` of `shape` (none: an empty structure) as a map that starts with
/// the text fields `leading` (an error's `__type`, a loose message).
pub(crate) fn encode_object_with(
    value: &Value,
    shape: Option<ShapeRef<'_>>,
    settings: &CborSettings,
    leading: &[(&str, &str)],
) -> Result<Vec<u8>> {
    let mut writer = Writer::new(settings);
    match shape {
        Some(shape) => writer.structure(value, shape, leading)?,
        None => {
            writer.head(MAP, leading.len());
            writer.fields(leading);
        }
    }
    Ok(writer.out)
}

/// Writes any value as CBOR without a schema: what [`decode_any`](super::decode_any) reads.
pub fn encode_any(value: &Value, settings: &CborSettings) -> Result<Vec<u8>> {
    let mut writer = Writer::new(settings);
    writer.any(value)?;
    Ok(writer.out)
}

pub(super) struct Writer<'s> {
    pub(super) out: Vec<u8>,
    depth: usize,
    settings: &'s CborSettings,
    /// The members written so far of the structure being written by typed code.
    pub(super) present: usize,
}

impl<'s> Writer<'s> {
    pub(super) fn new(settings: &'s CborSettings) -> Self {
        Self { out: Vec::with_capacity(128), depth: 0, settings, present: 0 }
    }
}

impl Writer<'_> {
    pub(super) fn head(&mut self, major: u8, len: usize) {
        head::write(&mut self.out, major, len as u64);
    }

    pub(super) fn text(&mut self, text: &str) {
        self.head(TEXT, text.len());
        self.out.extend_from_slice(text.as_bytes());
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) {
        self.head(BYTES, bytes.len());
        self.out.extend_from_slice(bytes);
    }

    fn integer(&mut self, n: i64) {
        head::write_integer(&mut self.out, n);
    }

    fn tag(&mut self, tag: u64) {
        head::write(&mut self.out, TAG, tag);
    }

    pub(super) fn nest(&mut self, write: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        let result = write(self);
        self.depth -= 1;
        result
    }

    pub(super) fn value(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        match (shape.shape_type(), value) {
            (ShapeType::Structure, Value::Structure(_)) => self.nest(|w| w.structure(value, shape, &[]))?,
            (ShapeType::Union, Value::Union(union)) => self.nest(|w| {
                let (member, member_value) = shape.union_member(union)?;
                w.head(MAP, 1);
                w.text(member.name().as_str());
                w.value(member_value, member.target()).map_err(|error| member.annotate(error))
            })?,
            (ShapeType::List, Value::List(items)) => self.nest(|w| {
                let item = shape.item()?.target();
                w.head(ARRAY, items.len());
                for (index, value) in items.iter().enumerate() {
                    w.item(value, item, shape.is_sparse()).map_err(|error| error.at_index(index))?;
                }
                Ok(())
            })?,
            (ShapeType::Map, Value::Map(entries)) => self.nest(|w| {
                let target = shape.entry()?.1.target();
                w.head(MAP, entries.len());
                for (key, value) in entries.iter() {
                    w.text(key);
                    w.item(value, target, shape.is_sparse()).map_err(|error| error.at_key(key.as_str()))?;
                }
                Ok(())
            })?,
            (ShapeType::Document, Value::Document(document)) => self.nest(|w| w.any(document))?,
            (ShapeType::Byte | ShapeType::Short | ShapeType::Integer | ShapeType::Long, _) => {
                self.integer(text::integer(value, shape)?);
            }
            (ShapeType::IntEnum, Value::IntEnum(n) | Value::Integer(n)) => self.integer(i64::from(*n)),
            (ShapeType::Float, Value::Float(f)) => self.float(f64::from(*f), true),
            (ShapeType::Double, Value::Double(d)) => self.float(*d, false),
            (ShapeType::Double, Value::Float(f)) => self.float(f64::from(*f), false),
            (ShapeType::BigInteger, Value::BigInteger(digits)) => self.big_integer(value, digits)?,
            (ShapeType::BigDecimal, Value::BigDecimal(digits)) => self.big_decimal(value, digits)?,
            (ShapeType::Enum, Value::Enum(text)) => self.text(text),
            (ShapeType::String | ShapeType::Enum, Value::String(text)) => self.text(text),
            (ShapeType::Boolean, Value::Boolean(b)) => self.out.push(if *b { TRUE } else { FALSE }),
            (ShapeType::Blob, Value::Blob(blob)) => self.bytes(blob),
            (ShapeType::Timestamp, Value::Timestamp(timestamp)) => self.timestamp(*timestamp),
            _ => return Err(mismatch(shape, value)),
        }
        Ok(())
    }

    fn fields(&mut self, fields: &[(&str, &str)]) {
        for (key, text) in fields {
            self.text(key);
            self.text(text);
        }
    }

    fn structure(&mut self, value: &Value, shape: ShapeRef<'_>, leading: &[(&str, &str)]) -> Result<()> {
        let Value::Structure(structure) = value else { return Err(mismatch(shape, value)) };
        // Two walks, the first to count what the map's head says: no list is built.
        let mut present = 0;
        for entry in shape.members_of(structure) {
            present += usize::from(!entry?.1.is_null());
        }
        self.head(MAP, leading.len() + present);
        self.fields(leading);
        for entry in shape.members_of(structure) {
            let (member, member_value) = entry?;
            if member_value.is_null() {
                continue;
            }
            self.text(member.name().as_str());
            self.value(member_value, member.target()).map_err(|error| member.annotate(error))?;
        }
        Ok(())
    }

    /// An item of a list or a map's value: a null only where the collection is sparse.
    pub(super) fn item(&mut self, value: &Value, shape: ShapeRef<'_>, sparse: bool) -> Result<()> {
        match value {
            Value::Null if sparse => self.out.push(NULL),
            Value::Null => return Err(Error::data("null in a dense collection")),
            value => self.value(value, shape)?,
        }
        Ok(())
    }

    /// A float, as single precision when `single`; NaN and the infinities in half precision,
    /// the shortest form that holds them exactly.
    fn float(&mut self, value: f64, single: bool) {
        match () {
            () if value.is_nan() => self.out.extend_from_slice(&[HALF, 0x7e, 0x00]),
            () if value == f64::INFINITY => self.out.extend_from_slice(&[HALF, 0x7c, 0x00]),
            () if value == f64::NEG_INFINITY => self.out.extend_from_slice(&[HALF, 0xfc, 0x00]),
            () if single => {
                self.out.push(SINGLE);
                self.out.extend_from_slice(&(value as f32).to_be_bytes());
            }
            () => {
                self.out.push(DOUBLE);
                self.out.extend_from_slice(&value.to_be_bytes());
            }
        }
    }

    fn timestamp(&mut self, timestamp: Timestamp) {
        self.tag(1);
        match timestamp.nanos() {
            0 => self.integer(timestamp.secs()),
            nanos => self.float(timestamp.secs() as f64 + f64::from(nanos) / 1e9, false),
        }
    }

    /// A big integer: a CBOR integer when it fits in one, else a bignum (tag 2 or 3).
    fn big_integer(&mut self, value: &Value, digits: &str) -> Result<()> {
        let (negative, magnitude, _) = decimal::split(text::big_number(value, digits)?);
        self.integer_digits(negative, &magnitude);
        Ok(())
    }

    /// A big decimal: a decimal fraction (tag 4), `[exponent, mantissa]`.
    fn big_decimal(&mut self, value: &Value, digits: &str) -> Result<()> {
        let (negative, magnitude, exponent) = decimal::split(text::big_number(value, digits)?);
        self.tag(4);
        self.head(ARRAY, 2);
        self.integer(exponent);
        self.integer_digits(negative, &magnitude);
        Ok(())
    }

    fn integer_digits(&mut self, negative: bool, magnitude: &str) {
        // Up to 2^64 in magnitude a CBOR integer holds it; the argument of a negative one is
        // -1 - n.
        let small = magnitude.parse::<u64>().ok().map(|n| match n.checked_sub(1) {
            Some(argument) if negative => (head::NEGATIVE, argument),
            _ => (head::UNSIGNED, n),
        });
        match small {
            Some((major, argument)) => head::write(&mut self.out, major, argument),
            None => {
                // A negative bignum holds -1 - n.
                let bytes = bignum::digits_to_bytes(magnitude);
                let (tag, bytes) = if negative { (3, bignum::add_one(&bytes, true)) } else { (2, bytes) };
                self.tag(tag);
                self.bytes(&bytes);
            }
        }
    }

    fn any(&mut self, value: &Value) -> Result<()> {
        match value {
            Value::Null => self.out.push(NULL),
            Value::Boolean(b) => self.out.push(if *b { TRUE } else { FALSE }),
            Value::Byte(_) | Value::Short(_) | Value::Integer(_) | Value::Long(_) => {
                self.integer(value.as_i64().unwrap_or_default());
            }
            Value::IntEnum(n) => self.integer(i64::from(*n)),
            Value::Float(f) => self.float(f64::from(*f), true),
            Value::Double(d) => self.float(*d, false),
            Value::BigInteger(digits) => self.big_integer(value, digits)?,
            Value::BigDecimal(digits) => self.big_decimal(value, digits)?,
            Value::String(text) => self.text(text),
            Value::Enum(text) => self.text(text),
            Value::Blob(blob) => self.bytes(blob),
            Value::Timestamp(timestamp) => self.timestamp(*timestamp),
            Value::List(items) => self.nest(|w| {
                w.head(ARRAY, items.len());
                items.iter().enumerate().try_for_each(|(index, item)| w.any(item).map_err(|e| e.at_index(index)))
            })?,
            Value::Map(entries) => self.nest(|w| {
                w.head(MAP, entries.len());
                entries.iter().try_for_each(|(key, item)| {
                    w.text(key);
                    w.any(item).map_err(|e| e.at_key(key.as_str()))
                })
            })?,
            Value::Document(document) => self.nest(|w| w.any(document))?,
            other => return Err(Error::data(format!("a {} has no CBOR form without a schema", other.type_name()))),
        }
        Ok(())
    }
}
