//! [`Value`](crate::Value) to JSON bytes, guided by a schema.

use super::{BlobText, JsonSettings, writer};
use crate::blob::Blob;
use crate::codec::mismatch;
use crate::codec::text;
use crate::convert::{self, Encode, Shape};
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType};
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
    let mut encoder = Encoder::new(settings, out);
    encoder.value(value, shape, shape.traits().timestamp_format)
}

/// Encodes a typed value as JSON of its own shape, straight from the type (see
/// [`convert::Encode`]): the bytes [`encode`] writes for its `Value`, with the same checks and
/// errors, without building the `Value`.
///
/// ```
/// use awsval::json::{self, JsonSettings};
/// use awsval::{Shape, ToValue};
///
/// #[derive(Shape)]
/// struct Page {
///     items: Vec<String>,
///     next_token: Option<String>,
/// }
///
/// let page = Page { items: vec!["a".into(), "b\"c".into()], next_token: None };
/// let bytes = json::encode_typed(&page, &JsonSettings::aws_json())?;
/// assert_eq!(bytes, br#"{"Items":["a","b\"c"]}"#);
/// assert_eq!(bytes, json::encode(&page.to_value(), Page::schema(), &JsonSettings::aws_json())?);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_typed<T: Encode + Shape + 'static>(value: &T, settings: &JsonSettings) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    let shape = T::schema();
    let mut encoder = Encoder::new(settings, &mut out);
    value.encode(&mut encoder, shape, shape.traits().timestamp_format)?;
    Ok(out)
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
        Some(shape) => Encoder::new(settings, &mut out).nest(|e| e.structure(value, shape, leading))?,
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
    Encoder::new(settings, &mut out).untyped(value)?;
    Ok(out)
}

struct Encoder<'s, 'o> {
    settings: &'s JsonSettings,
    out: &'o mut Vec<u8>,
    depth: usize,
    /// Whether the typed path's open object has no member yet.
    first: bool,
}

impl<'s, 'o> Encoder<'s, 'o> {
    fn new(settings: &'s JsonSettings, out: &'o mut Vec<u8>) -> Self {
        Self { settings, out, depth: 0, first: true }
    }
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
            (ShapeType::Blob, Value::Blob(blob)) => self.blob(blob)?,
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
            writer::member_key(self.out, member, self.settings.json_name);
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
        self.out.push(b'{');
        writer::member_key(self.out, member, self.settings.json_name);
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

/// The typed path: the same writing as above, each part handed over by typed code.
impl convert::Encoder for Encoder<'_, '_> {
    fn value(&mut self, value: &Value, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        Encoder::value(self, value, shape, format)
    }

    #[inline]
    fn string(&mut self, text: &str, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::String | ShapeType::Enum => {
                writer::string(self.out, text);
                Ok(())
            }
            _ => Encoder::value(self, &Value::String(text.to_owned()), shape, None),
        }
    }

    fn blob(&mut self, bytes: &Blob, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::Blob => Encoder::blob(self, bytes),
            _ => Encoder::value(self, &Value::Blob(bytes.clone()), shape, None),
        }
    }

    fn structure<T, F>(&mut self, shape: ShapeRef<'_>, value: &T, members: F) -> Result<()>
    where
        T: Encode + ?Sized,
        F: FnOnce(&mut Self) -> Result<()>,
    {
        // Members sharing a wire name are told apart by which are present: the `Value`
        // path's check.
        if shape.json_keys(self.settings.json_name).has_shared_names() {
            return Encoder::value(self, &value.to_value(), shape, None);
        }
        self.nest(|e| {
            e.out.push(b'{');
            let outer = std::mem::replace(&mut e.first, true);
            let written = members(e);
            e.first = outer;
            written?;
            e.out.push(b'}');
            Ok(())
        })
    }

    #[inline]
    fn member<T: Encode + ?Sized>(&mut self, member: MemberRef<'_>, value: &T) -> Result<()> {
        if value.is_absent() {
            return Ok(());
        }
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(b',');
        }
        self.key(member);
        convert::encode::member(self, member, value).map_err(|error| member.annotate(error))
    }

    #[inline]
    fn union<T: Encode + ?Sized>(&mut self, _: ShapeRef<'_>, member: MemberRef<'_>, value: &T) -> Result<()> {
        self.nest(|e| {
            e.out.push(b'{');
            e.key(member);
            convert::encode::member(e, member, value).map_err(|error| member.annotate(error))?;
            e.out.push(b'}');
            Ok(())
        })
    }

    fn list<'a, T, I>(&mut self, shape: ShapeRef<'_>, items: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = &'a T>,
    {
        let item_shape = ItemShape::of(shape, shape.item()?);
        self.nest(|e| {
            e.out.push(b'[');
            for (index, item) in items.enumerate() {
                if index > 0 {
                    e.out.push(b',');
                }
                e.item(&item_shape, item, "null in a dense list").map_err(|error| error.at_index(index))?;
            }
            e.out.push(b']');
            Ok(())
        })
    }

    fn map<'a, T, I>(&mut self, shape: ShapeRef<'_>, entries: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = (&'a String, &'a T)>,
    {
        let item_shape = ItemShape::of(shape, shape.entry()?.1);
        self.nest(|e| {
            e.out.push(b'{');
            for (index, (key, item)) in entries.enumerate() {
                if index > 0 {
                    e.out.push(b',');
                }
                writer::string(e.out, key);
                e.out.push(b':');
                e.item(&item_shape, item, "null in a dense map").map_err(|error| error.at_key(key.as_str()))?;
            }
            e.out.push(b'}');
            Ok(())
        })
    }
}

impl Encoder<'_, '_> {
    /// A blob as a string, in the dialect's blob text.
    fn blob(&mut self, blob: &Blob) -> Result<()> {
        match self.settings.blob_text {
            // Base64 needs no escaping.
            BlobText::Base64 => {
                self.out.push(b'"');
                blob.append_base64(self.out);
                self.out.push(b'"');
            }
            BlobText::Utf8 => {
                let text = std::str::from_utf8(blob).map_err(|_| Error::data("blob is not UTF-8 text"))?;
                writer::string(self.out, text);
            }
        }
        Ok(())
    }

    /// `"key":` of a structure or union member.
    #[inline]
    fn key(&mut self, member: MemberRef<'_>) {
        writer::member_key(self.out, member, self.settings.json_name);
    }

    /// A list item or map value: an absent one is a null, which only a sparse collection holds.
    #[inline]
    fn item<T: Encode + ?Sized>(&mut self, shape: &ItemShape<'_>, item: &T, dense_null: &'static str) -> Result<()> {
        match (item.is_absent(), shape.sparse) {
            (true, true) => {
                self.out.extend_from_slice(b"null");
                Ok(())
            }
            (true, false) => Err(Error::data(dense_null)),
            (false, _) => item.encode(self, shape.target, shape.format),
        }
    }
}

/// What every item of a list (or value of a map) is written as, looked up once.
struct ItemShape<'m> {
    target: ShapeRef<'m>,
    format: Option<TimestampFormat>,
    sparse: bool,
}

impl<'m> ItemShape<'m> {
    fn of(collection: ShapeRef<'m>, member: MemberRef<'m>) -> Self {
        Self { target: member.target(), format: member.timestamp_format(), sparse: collection.is_sparse() }
    }
}
