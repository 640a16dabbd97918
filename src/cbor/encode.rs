//! Writing values as CBOR, as the AWS SDKs write it: definite lengths, integers in their
//! shortest form, floats as single and doubles as double precision (NaN and the infinities as
//! half precision), timestamps as tag 1 with whole seconds as an integer, else a double; big
//! integers beyond 64 bits as bignums (tags 2 and 3), big decimals as decimal fractions (tag
//! 4).

use minicbor::Encoder;

use super::{CborSettings, bignum};
use crate::codec::{mismatch, text};
use crate::error::{Error, Result};
use crate::schema::{ShapeRef, ShapeType};
use crate::timestamp::Timestamp;
use crate::value::{Value, decimal};

/// Writes `value` of `shape` as CBOR (see [`decode`](super::decode) for an example).
pub fn encode(value: &Value, shape: ShapeRef<'_>, settings: &CborSettings) -> Result<Vec<u8>> {
    let mut writer = Writer { cbor: Encoder::new(Vec::with_capacity(128)), depth: 0, settings };
    writer.value(value, shape)?;
    Ok(writer.cbor.into_writer())
}

/// Writes structure `value` of `shape` (none: an empty structure) as a map that starts with
/// the text fields `leading` (an error's `__type`, a loose message).
pub(crate) fn encode_object_with(
    value: &Value,
    shape: Option<ShapeRef<'_>>,
    settings: &CborSettings,
    leading: &[(&str, &str)],
) -> Result<Vec<u8>> {
    let mut writer = Writer { cbor: Encoder::new(Vec::with_capacity(128)), depth: 0, settings };
    match shape {
        Some(shape) => writer.structure(value, shape, leading)?,
        None => {
            infallible(writer.cbor.map(leading.len() as u64));
            writer.fields(leading);
        }
    }
    Ok(writer.cbor.into_writer())
}

/// Writes any value as CBOR without a schema: what [`decode_any`](super::decode_any) reads.
pub fn encode_any(value: &Value, settings: &CborSettings) -> Result<Vec<u8>> {
    let mut writer = Writer { cbor: Encoder::new(Vec::with_capacity(128)), depth: 0, settings };
    writer.any(value)?;
    Ok(writer.cbor.into_writer())
}

struct Writer<'s> {
    cbor: Encoder<Vec<u8>>,
    depth: usize,
    settings: &'s CborSettings,
}

/// Writing into a `Vec` cannot fail.
fn infallible<T>(result: Result<T, minicbor::encode::Error<core::convert::Infallible>>) {
    let _ = result;
}

impl Writer<'_> {
    fn nest(&mut self, write: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        let result = write(self);
        self.depth -= 1;
        result
    }

    fn value(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        match (shape.shape_type(), value) {
            (ShapeType::Structure, Value::Structure(_)) => self.nest(|w| w.structure(value, shape, &[]))?,
            (ShapeType::Union, Value::Union(union)) => self.nest(|w| {
                let (member, member_value) = shape.union_member(union)?;
                infallible(w.cbor.map(1).and_then(|c| c.str(member.name().as_str())));
                w.value(member_value, member.target()).map_err(|error| member.annotate(error))
            })?,
            (ShapeType::List, Value::List(items)) => self.nest(|w| {
                let item = shape.item()?.target();
                infallible(w.cbor.array(items.len() as u64));
                for (index, value) in items.iter().enumerate() {
                    w.item(value, item, shape.is_sparse()).map_err(|error| error.at_index(index))?;
                }
                Ok(())
            })?,
            (ShapeType::Map, Value::Map(entries)) => self.nest(|w| {
                let target = shape.entry()?.1.target();
                infallible(w.cbor.map(entries.len() as u64));
                for (key, value) in entries.iter() {
                    infallible(w.cbor.str(key));
                    w.item(value, target, shape.is_sparse()).map_err(|error| error.at_key(key.as_str()))?;
                }
                Ok(())
            })?,
            (ShapeType::Document, Value::Document(document)) => self.nest(|w| w.any(document))?,
            (ShapeType::Byte | ShapeType::Short | ShapeType::Integer | ShapeType::Long, _) => {
                infallible(self.cbor.i64(text::integer(value, shape)?));
            }
            (ShapeType::IntEnum, Value::IntEnum(n) | Value::Integer(n)) => infallible(self.cbor.i32(*n)),
            (ShapeType::Float, Value::Float(f)) => self.float(f64::from(*f), true),
            (ShapeType::Double, Value::Double(d)) => self.float(*d, false),
            (ShapeType::Double, Value::Float(f)) => self.float(f64::from(*f), false),
            (ShapeType::BigInteger, Value::BigInteger(digits)) => self.big_integer(value, digits)?,
            (ShapeType::BigDecimal, Value::BigDecimal(digits)) => self.big_decimal(value, digits)?,
            (ShapeType::Enum, Value::Enum(text)) => infallible(self.cbor.str(text)),
            (ShapeType::String | ShapeType::Enum, Value::String(text)) => infallible(self.cbor.str(text)),
            (ShapeType::Boolean, Value::Boolean(b)) => infallible(self.cbor.bool(*b)),
            (ShapeType::Blob, Value::Blob(blob)) => infallible(self.cbor.bytes(blob)),
            (ShapeType::Timestamp, Value::Timestamp(timestamp)) => self.timestamp(*timestamp),
            _ => return Err(mismatch(shape, value)),
        }
        Ok(())
    }

    fn fields(&mut self, fields: &[(&str, &str)]) {
        for (key, text) in fields {
            infallible(self.cbor.str(key).and_then(|c| c.str(text)));
        }
    }

    fn structure(&mut self, value: &Value, shape: ShapeRef<'_>, leading: &[(&str, &str)]) -> Result<()> {
        let Value::Structure(structure) = value else { return Err(mismatch(shape, value)) };
        // Two walks, the first to count what the map's head says: no list is built.
        let mut present = 0;
        for entry in shape.members_of(structure) {
            present += usize::from(!entry?.1.is_null());
        }
        infallible(self.cbor.map((leading.len() + present) as u64));
        self.fields(leading);
        for entry in shape.members_of(structure) {
            let (member, member_value) = entry?;
            if member_value.is_null() {
                continue;
            }
            infallible(self.cbor.str(member.name().as_str()));
            self.value(member_value, member.target()).map_err(|error| member.annotate(error))?;
        }
        Ok(())
    }

    /// An item of a list or a map's value: a null only where the collection is sparse.
    fn item(&mut self, value: &Value, shape: ShapeRef<'_>, sparse: bool) -> Result<()> {
        match value {
            Value::Null if sparse => infallible(self.cbor.null()),
            Value::Null => return Err(Error::data("null in a dense collection")),
            value => self.value(value, shape)?,
        }
        Ok(())
    }

    /// A float, as single precision when `single`; NaN and the infinities in half precision,
    /// the shortest form that holds them exactly.
    fn float(&mut self, value: f64, single: bool) {
        match () {
            () if !value.is_finite() => infallible(self.cbor.f16(value as f32)),
            () if single => infallible(self.cbor.f32(value as f32)),
            () => infallible(self.cbor.f64(value)),
        }
    }

    fn timestamp(&mut self, timestamp: Timestamp) {
        infallible(self.cbor.tag(minicbor::data::Tag::new(1)));
        match timestamp.nanos() {
            0 => infallible(self.cbor.i64(timestamp.secs())),
            nanos => infallible(self.cbor.f64(timestamp.secs() as f64 + f64::from(nanos) / 1e9)),
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
        infallible(self.cbor.tag(minicbor::data::Tag::new(4)).and_then(|c| c.array(2)).and_then(|c| c.i64(exponent)));
        self.integer_digits(negative, &magnitude);
        Ok(())
    }

    fn integer_digits(&mut self, negative: bool, magnitude: &str) {
        let small = magnitude.parse::<u64>().ok().and_then(|n| {
            let n = if negative { -i128::from(n) } else { i128::from(n) };
            minicbor::data::Int::try_from(n).ok()
        });
        match small {
            Some(int) => infallible(self.cbor.int(int)),
            None => {
                // A negative bignum holds -1 - n.
                let bytes = bignum::digits_to_bytes(magnitude);
                let (tag, bytes) = if negative { (3, bignum::add_one(&bytes, true)) } else { (2, bytes) };
                infallible(self.cbor.tag(minicbor::data::Tag::new(tag)).and_then(|c| c.bytes(&bytes)));
            }
        }
    }

    fn any(&mut self, value: &Value) -> Result<()> {
        match value {
            Value::Null => infallible(self.cbor.null()),
            Value::Boolean(b) => infallible(self.cbor.bool(*b)),
            Value::Byte(_) | Value::Short(_) | Value::Integer(_) | Value::Long(_) => {
                infallible(self.cbor.i64(value.as_i64().unwrap_or_default()));
            }
            Value::IntEnum(n) => infallible(self.cbor.i32(*n)),
            Value::Float(f) => self.float(f64::from(*f), true),
            Value::Double(d) => self.float(*d, false),
            Value::BigInteger(digits) => self.big_integer(value, digits)?,
            Value::BigDecimal(digits) => self.big_decimal(value, digits)?,
            Value::String(text) => infallible(self.cbor.str(text)),
            Value::Enum(text) => infallible(self.cbor.str(text)),
            Value::Blob(blob) => infallible(self.cbor.bytes(blob)),
            Value::Timestamp(timestamp) => self.timestamp(*timestamp),
            Value::List(items) => self.nest(|w| {
                infallible(w.cbor.array(items.len() as u64));
                items.iter().enumerate().try_for_each(|(index, item)| w.any(item).map_err(|e| e.at_index(index)))
            })?,
            Value::Map(entries) => self.nest(|w| {
                infallible(w.cbor.map(entries.len() as u64));
                entries.iter().try_for_each(|(key, item)| {
                    infallible(w.cbor.str(key));
                    w.any(item).map_err(|e| e.at_key(key.as_str()))
                })
            })?,
            Value::Document(document) => self.nest(|w| w.any(document))?,
            other => return Err(Error::data(format!("a {} has no CBOR form without a schema", other.type_name()))),
        }
        Ok(())
    }
}
