//! [`Value`](crate::Value) to JSON bytes, guided by a schema.

use super::{BlobText, JsonSettings, writer};
use crate::codec::mismatch;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::schema::{ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// Encodes `value` as JSON of shape `shape`.
///
/// The value must fit the schema: a member the shape does not have, a value of another type,
/// an unknown union member or a null in a dense collection is an error with the member path,
/// never silently dropped. Nesting deeper than the limits' depth is an error too, so a value
/// of any depth encodes or fails cleanly.
pub fn encode(value: &Value, shape: ShapeRef<'_>, settings: &JsonSettings) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    encode_to(value, shape, settings, &mut out)?;
    Ok(out)
}

/// [`encode`], appending to `out`.
pub fn encode_to(value: &Value, shape: ShapeRef<'_>, settings: &JsonSettings, out: &mut Vec<u8>) -> Result<()> {
    let mut encoder = Encoder { settings, out, depth: 0 };
    encoder.value(value, shape, shape.traits().timestamp_format)
}

/// Encodes structure `value` of `shape` (none: no members) as a JSON object whose first keys
/// are `leading`'s, with string values: what an error body adds to its members (`__type`,
/// `message`). The caller keeps `leading` apart from the keys of the members.
pub(crate) fn encode_object_with(
    value: &Value,
    shape: Option<ShapeRef<'_>>,
    settings: &JsonSettings,
    leading: &[(&str, &str)],
) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    match shape {
        Some(shape) => Encoder { settings, out: &mut out, depth: 0 }.nest(|e| e.structure(value, shape, leading))?,
        None => {
            out.push(b'{');
            write_fields(&mut out, leading);
            out.push(b'}');
        }
    }
    Ok(out)
}

/// Writes `"key":"text"` pairs, comma-separated; whether any was written.
fn write_fields(out: &mut Vec<u8>, fields: &[(&str, &str)]) -> bool {
    for (index, (key, text)) in fields.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        writer::string(out, key);
        out.push(b':');
        writer::string(out, text);
    }
    !fields.is_empty()
}

/// Encodes an untyped value (a document's content) as JSON.
pub fn encode_document(value: &Value, settings: &JsonSettings) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64);
    Encoder { settings, out: &mut out, depth: 0 }.untyped(value)?;
    Ok(out)
}

struct Encoder<'s, 'o> {
    settings: &'s JsonSettings,
    out: &'o mut Vec<u8>,
    depth: usize,
}

impl Encoder<'_, '_> {
    fn nest<T>(&mut self, encode: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        let result = encode(self);
        self.depth -= 1;
        result
    }

    fn value(&mut self, value: &Value, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        let out = &mut *self.out;
        match (shape.shape_type(), value) {
            (ShapeType::Structure, Value::Structure(_)) => self.nest(|e| e.structure(value, shape, &[]))?,
            (ShapeType::Union, Value::Union(_)) => self.nest(|e| e.union(value, shape))?,
            // The events of a stream (see the decoder).
            (ShapeType::Union, Value::List(events)) if shape.traits().event_stream => self.nest(|e| {
                e.out.push(b'[');
                for (index, event) in events.iter().enumerate() {
                    if index > 0 {
                        e.out.push(b',');
                    }
                    e.union(event, shape).map_err(|error| error.at_index(index))?;
                }
                e.out.push(b']');
                Ok(())
            })?,
            (ShapeType::List, Value::List(_)) => self.nest(|e| e.list(value, shape))?,
            (ShapeType::Map, Value::Map(_)) => self.nest(|e| e.map(value, shape))?,
            (ShapeType::Document, Value::Document(document)) => self.nest(|e| e.untyped(document))?,
            (ShapeType::Boolean, Value::Boolean(b)) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            (ShapeType::Byte | ShapeType::Short | ShapeType::Integer | ShapeType::Long, _) => {
                writer::integer(out, text::integer(value, shape)?);
            }
            (ShapeType::IntEnum, Value::IntEnum(n) | Value::Integer(n)) => writer::integer(out, *n),
            (ShapeType::Float, Value::Float(f)) => writer::float(out, *f),
            (ShapeType::Double, Value::Double(d)) => writer::double(out, *d),
            (ShapeType::Double, Value::Float(f)) => writer::double(out, f64::from(*f)),
            (ShapeType::BigInteger, Value::BigInteger(digits)) | (ShapeType::BigDecimal, Value::BigDecimal(digits)) => {
                out.extend_from_slice(text::big_number(value, digits)?.as_bytes());
            }
            (ShapeType::String, Value::String(text)) => writer::string(out, text),
            (ShapeType::Enum, Value::Enum(text)) => writer::string(out, text),
            (ShapeType::Enum, Value::String(text)) => writer::string(out, text),
            (ShapeType::Blob, Value::Blob(blob)) => match self.settings.blob_text {
                BlobText::Base64 => {
                    let mut text = String::with_capacity(blob.len() * 4 / 3 + 4);
                    blob.write_base64(&mut text);
                    writer::string(out, &text);
                }
                BlobText::Utf8 => {
                    let text = std::str::from_utf8(blob).map_err(|_| Error::data("blob is not UTF-8 text"))?;
                    writer::string(out, text);
                }
            },
            (ShapeType::Timestamp, Value::Timestamp(t)) => {
                let mut text = String::with_capacity(32);
                let format = self.settings.timestamp_format_for(format);
                t.write(format, &mut text);
                match format {
                    TimestampFormat::EpochSeconds => out.extend_from_slice(text.as_bytes()),
                    _ => writer::string(out, &text),
                }
            }
            _ => return Err(mismatch(shape, value)),
        }
        Ok(())
    }

    fn structure(&mut self, value: &Value, shape: ShapeRef<'_>, leading: &[(&str, &str)]) -> Result<()> {
        let Value::Structure(structure) = value else {
            return Err(mismatch(shape, value));
        };
        let json_name = self.settings.json_name;
        shape
            .json_keys(json_name)
            .check_unshared(structure, |m| if json_name { m.json_name() } else { m.name().as_str() })?;
        self.out.push(b'{');
        let mut first = !write_fields(self.out, leading);
        for entry in shape.members_of(structure) {
            let (member, member_value) = entry?;
            if member_value.is_null() {
                continue;
            }
            if !std::mem::take(&mut first) {
                self.out.push(b',');
            }
            let key = if self.settings.json_name { member.json_name() } else { member.name().as_str() };
            writer::string(self.out, key);
            self.out.push(b':');
            self.value(member_value, member.target(), member.timestamp_format())
                .map_err(|error| member.annotate(error))?;
        }
        self.out.push(b'}');
        Ok(())
    }

    fn union(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        let Value::Union(union) = value else {
            return Err(mismatch(shape, value));
        };
        let (member, member_value) = shape.union_member(union)?;
        let key = if self.settings.json_name { member.json_name() } else { member.name().as_str() };
        self.out.push(b'{');
        writer::string(self.out, key);
        self.out.push(b':');
        self.value(member_value, member.target(), member.timestamp_format()).map_err(|error| member.annotate(error))?;
        self.out.push(b'}');
        Ok(())
    }

    fn list(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        let Value::List(items) = value else {
            return Err(mismatch(shape, value));
        };
        let member = shape.item()?;
        let (target, format, sparse) = (member.target(), member.timestamp_format(), shape.is_sparse());
        self.out.push(b'[');
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            match item {
                Value::Null if sparse => self.out.extend_from_slice(b"null"),
                Value::Null => return Err(Error::data("null in a dense list").at_index(index)),
                item => self.value(item, target, format).map_err(|error| error.at_index(index))?,
            }
        }
        self.out.push(b']');
        Ok(())
    }

    fn map(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        let Value::Map(entries) = value else {
            return Err(mismatch(shape, value));
        };
        let member = shape.entry()?.1;
        let (target, format, sparse) = (member.target(), member.timestamp_format(), shape.is_sparse());
        self.out.push(b'{');
        for (index, (key, item)) in entries.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            writer::string(self.out, key);
            self.out.push(b':');
            match item {
                Value::Null if sparse => self.out.extend_from_slice(b"null"),
                Value::Null => return Err(Error::data("null in a dense map").at_key(key.as_str())),
                item => self.value(item, target, format).map_err(|error| error.at_key(key.as_str()))?,
            }
        }
        self.out.push(b'}');
        Ok(())
    }

    fn untyped(&mut self, value: &Value) -> Result<()> {
        let out = &mut *self.out;
        match value {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Value::Byte(_) | Value::Short(_) | Value::Integer(_) | Value::Long(_) => {
                writer::integer(out, value.as_i64().unwrap_or_default());
            }
            Value::Float(f) => writer::float(out, *f),
            Value::Double(d) => writer::double(out, *d),
            Value::BigInteger(digits) | Value::BigDecimal(digits) => {
                out.extend_from_slice(text::big_number(value, digits)?.as_bytes());
            }
            Value::String(text) => writer::string(out, text),
            Value::List(items) => self.nest(|e| {
                e.out.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        e.out.push(b',');
                    }
                    e.untyped(item).map_err(|error| error.at_index(index))?;
                }
                e.out.push(b']');
                Ok(())
            })?,
            Value::Map(entries) => self.nest(|e| {
                e.out.push(b'{');
                for (index, (key, item)) in entries.iter().enumerate() {
                    if index > 0 {
                        e.out.push(b',');
                    }
                    writer::string(e.out, key);
                    e.out.push(b':');
                    e.untyped(item).map_err(|error| error.at_key(key.as_str()))?;
                }
                e.out.push(b'}');
                Ok(())
            })?,
            // A document inside a document nests like any container.
            Value::Document(document) => self.nest(|e| e.untyped(document))?,
            other => {
                return Err(Error::data(format!("a document cannot hold a {}", other.type_name())));
            }
        }
        Ok(())
    }
}
