//! JSON bytes to [`Value`](crate::Value), guided by a schema.

use std::borrow::Cow;

use super::reader::{Reader, Token};
use super::{BlobText, JsonSettings};
use crate::blob::Blob;
use crate::codec::repeats::{KeySet, Seen};
use crate::codec::text::{self, Float};
use crate::convert::decode::enum_text_of;
use crate::convert::{Decode, Decoder as TypedDecoder, FromValue, Shape};
use crate::error::{Error, Result};
use crate::schema::{MemberKeys, MemberRef, ShapeRef, ShapeType};
use crate::timestamp::{Timestamp, TimestampFormat};
use crate::value::{Document, List, Map, MemberStack, Structure, Union, Value};

/// Decodes a JSON document of shape `shape`.
///
/// Unknown members are skipped; `null` members are absent; nulls in dense lists and maps are
/// dropped and kept in sparse ones; unknown enum values and union members are kept. A repeated
/// member or map key is an error, as is a second union member: nothing is silently dropped.
/// Errors carry the byte offset and the member path.
///
/// ```
/// use awsval::json::{self, JsonSettings};
/// use awsval::schema::{ModelBuilder, ShapeType};
///
/// let mut builder = ModelBuilder::new();
/// let int = builder.prelude(ShapeType::Integer);
/// let list = builder.list("Counts", int).id();
/// let shape = builder.add("Out", ShapeType::Structure).member("Counts", list).id();
/// let model = builder.finish()?;
/// let error = json::decode(br#"{"Counts": [1, "two"]}"#, model.get(shape), &JsonSettings::aws_json())
///     .unwrap_err();
/// assert_eq!(error.to_string(), "data error: expected a number, found a string at Counts[1] (byte 15)");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode(bytes: &[u8], shape: ShapeRef<'_>, settings: &JsonSettings) -> Result<Value> {
    whole_document(bytes, shape, settings, Decoder::value)
}

/// Reads `bytes` as one value of `shape` with `read`: a null is not a value of any shape
/// here, and only whitespace may follow.
pub(crate) fn whole_document<'a, 's, T>(
    bytes: &'a [u8],
    shape: ShapeRef<'_>,
    settings: &'s JsonSettings,
    read: impl FnOnce(&mut Decoder<'a, 's>, ShapeRef<'_>, Option<TimestampFormat>) -> Result<T>,
) -> Result<T> {
    let mut decoder = Decoder::new(bytes, settings)?;
    if decoder.reader.peek()? == Token::Null {
        return Err(decoder.reader.mismatch(expected(shape.shape_type()), Token::Null));
    }
    let value = read(&mut decoder, shape, shape.traits().timestamp_format)?;
    decoder.reader.finish()?;
    Ok(value)
}

/// Decodes a JSON document straight into `T`, a type with a schema (usually from
/// `#[derive(Shape)]`), with no [`Value`] in between: what [`decode`] and
/// [`FromValue::from_value`](crate::FromValue::from_value) do together, faster.
///
/// ```
/// use awsval::Shape;
/// use awsval::json::{self, JsonSettings};
///
/// #[derive(Shape, PartialEq)]
/// struct Job {
///     job_id: String,
///     tags: Option<Vec<String>>,
/// }
///
/// let job: Job = json::decode_typed(br#"{"JobId": "j-1", "Tags": ["a"], "Other": 1}"#, &JsonSettings::aws_json())?;
/// assert!(job == Job { job_id: "j-1".into(), tags: Some(vec!["a".into()]) });
///
/// let error = json::decode_typed::<Job>(br#"{"Tags": ["a", 2]}"#, &JsonSettings::aws_json()).unwrap_err();
/// assert_eq!(error.to_string(), "data error: expected a string, found a number at Tags[1] (byte 15)");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_typed<T: Decode + Shape + 'static>(bytes: &[u8], settings: &JsonSettings) -> Result<T> {
    whole_document(bytes, T::schema(), settings, T::decode)
}

/// Decodes an untyped JSON document: objects become maps (a repeated key keeps both entries),
/// arrays lists, integers `Long` (or `BigInteger` beyond 64 bits), other numbers `Double` (or
/// `BigDecimal` text beyond what a double holds).
pub fn decode_document(bytes: &[u8], settings: &JsonSettings) -> Result<Value> {
    let mut decoder = Decoder::new(bytes, settings)?;
    let value = decoder.untyped()?;
    decoder.reader.finish()?;
    Ok(value)
}

pub(crate) struct Decoder<'a, 's> {
    reader: Reader<'a>,
    settings: &'s JsonSettings,
    /// The members, items and entries of the structures, lists and maps being read,
    /// innermost last: each is gathered here, then moved into an allocation of its exact size.
    members: MemberStack,
    items: Vec<Value>,
    entries: Vec<(String, Value)>,
}

impl<'a, 's> Decoder<'a, 's> {
    /// Whether the next item of a dense list or map is a value (a null is dropped, or refused
    /// when reading strictly).
    fn dense_item(&mut self) -> Result<bool> {
        let start = self.reader.offset();
        match TypedDecoder::null(self)? {
            true if self.settings.strict_input => Err(Error::data("a null in a dense collection").at_offset(start)),
            null => Ok(!null),
        }
    }

    fn new(bytes: &'a [u8], settings: &'s JsonSettings) -> Result<Self> {
        Ok(Self {
            reader: Reader::new(bytes, settings.limits)?,
            settings,
            members: MemberStack::default(),
            items: Vec::new(),
            entries: Vec::new(),
        })
    }
}

/// What a shape type reads as, for error messages.
pub(crate) fn expected(shape_type: ShapeType) -> &'static str {
    match shape_type {
        ShapeType::Structure | ShapeType::Union | ShapeType::Map => "an object",
        ShapeType::List => "an array",
        ShapeType::Boolean => "a boolean",
        ShapeType::String | ShapeType::Enum | ShapeType::Blob => "a string",
        ShapeType::Timestamp => "a timestamp",
        ShapeType::Document => "a document",
        _ => "a number",
    }
}

/// What the next key of a structure's or union's object names.
enum Key<'s, 'a> {
    Member(MemberRef<'s>),
    /// A key that names no member (checked to be text).
    Unknown(Cow<'a, str>),
}

impl<'a> Decoder<'a, '_> {
    /// The next key of the open object of `shape`, looked up among its members by its bytes
    /// (a key that matches a member's name needs no UTF-8 check), or `None` at the end.
    /// `expected`: the member tried first, then the one after the member found.
    fn next_member<'s>(
        &mut self,
        keys: MemberKeys<'s>,
        first: &mut bool,
        expected: &mut usize,
    ) -> Result<Option<Key<'s, 'a>>> {
        let Some(raw) = self.reader.next_raw_key(first)? else {
            return Ok(None);
        };
        match keys.find(raw.bytes(), *expected) {
            Some(member) => {
                *expected = member.index() + 1;
                Ok(Some(Key::Member(member)))
            }
            None => self.reader.text(raw).map(|text| Some(Key::Unknown(text))),
        }
    }

    /// A value, or `None` for `null`.
    fn optional(&mut self, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Option<Value>> {
        if TypedDecoder::null(self)? {
            return Ok(None);
        }
        self.value(shape, format).map(Some)
    }

    fn value(&mut self, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Value> {
        Ok(match shape.shape_type() {
            ShapeType::Structure => Value::Structure(self.structure(shape)?),
            // A member holding an event stream holds its events: a list of the union's values.
            ShapeType::Union if shape.traits().event_stream && self.reader.peek()? == Token::Array => {
                Value::List(self.events(shape)?)
            }
            ShapeType::Union => Value::Union(self.union(shape)?),
            ShapeType::List => Value::List(self.list(shape)?),
            ShapeType::Map => Value::Map(self.map(shape)?),
            ShapeType::Document => Value::Document(Document::new(self.untyped()?)),
            ShapeType::Boolean => Value::Boolean(self.reader.boolean()?),
            ShapeType::Byte => Value::Byte(self.integer("byte")?),
            ShapeType::Short => Value::Short(self.integer("short")?),
            ShapeType::Integer => Value::Integer(self.integer("integer")?),
            ShapeType::IntEnum => Value::IntEnum(self.integer("intEnum")?),
            ShapeType::Long => Value::Long(self.integer("long")?),
            ShapeType::Float => Value::Float(self.float()?),
            ShapeType::Double => Value::Double(self.float()?),
            ShapeType::BigInteger => Value::BigInteger(self.big_number(true)?),
            ShapeType::BigDecimal => Value::BigDecimal(self.big_number(false)?),
            ShapeType::String => Value::String(self.string()?.into_owned()),
            ShapeType::Enum => {
                let text = self.string()?;
                Value::Enum(match shape.enum_value(&text) {
                    Some(known) => Cow::Borrowed(known),
                    None => Cow::Owned(text.into_owned()),
                })
            }
            ShapeType::Blob => Value::Blob(self.blob()?),
            ShapeType::Timestamp => Value::Timestamp(self.timestamp(self.settings.timestamp_format_for(format))?),
        })
    }

    /// The events of a stream: an array of the union's values.
    fn events(&mut self, shape: ShapeRef<'_>) -> Result<List> {
        self.reader.begin_array()?;
        let (mut first, mut events) = (true, List::new());
        while self.reader.next_item(&mut first)? {
            if events.len() == self.settings.limits.max_collection_len {
                return Err(self.collection_limit());
            }
            let index = events.len();
            events.push(Value::Union(self.union(shape).map_err(|error| error.at_index(index))?));
        }
        Ok(events)
    }

    fn string(&mut self) -> Result<Cow<'a, str>> {
        match self.reader.peek()? {
            Token::String => self.reader.string(),
            other => Err(self.reader.mismatch("a string", other)),
        }
    }

    fn number(&mut self) -> Result<&'a str> {
        match self.reader.peek()? {
            Token::Number => self.reader.number(),
            other => Err(self.reader.mismatch("a number", other)),
        }
    }

    /// An integer of the target width: no fraction, no exponent, no wrapping.
    fn integer<T: TryFrom<i64>>(&mut self, type_name: &str) -> Result<T> {
        let start = self.reader.offset();
        let text = self.number()?;
        let at = |message: String| Error::data(message).at_offset(start);
        if text.contains(['.', 'e', 'E']) {
            return Err(at(format!("expected an integer for {type_name}, found a fraction or exponent")));
        }
        let wide: i64 = text.parse().map_err(|_| at(format!("{type_name} out of range")))?;
        T::try_from(wide).map_err(|_| at(format!("{type_name} out of range")))
    }

    /// A float or double: a number, or the strings `NaN`, `Infinity`, `-Infinity`.
    fn float<T: Float>(&mut self) -> Result<T> {
        let start = self.reader.offset();
        match self.reader.peek()? {
            Token::Number => text::finite_float(self.reader.number()?).map_err(|error| error.at_offset(start)),
            Token::String => match &*self.reader.string()? {
                "NaN" => Ok(T::from(f32::NAN)),
                "Infinity" => Ok(T::from(f32::INFINITY)),
                "-Infinity" => Ok(T::from(f32::NEG_INFINITY)),
                _ => Err(Error::data("expected a number, NaN, Infinity or -Infinity").at_offset(start)),
            },
            other => Err(self.reader.mismatch("a number", other)),
        }
    }

    fn big_number(&mut self, integer: bool) -> Result<String> {
        let start = self.reader.offset();
        let text = self.number()?;
        if integer && text.contains(['.', 'e', 'E']) {
            return Err(Error::data("expected an integer for bigInteger").at_offset(start));
        }
        Ok(text.to_owned())
    }

    fn blob(&mut self) -> Result<Blob> {
        let start = self.reader.offset();
        let text = self.string()?;
        match self.settings.blob_text {
            BlobText::Base64 => Blob::from_base64(text.as_bytes()).map_err(|error| error.at_offset(start)),
            BlobText::Utf8 => Ok(Blob::new(text.into_owned().into_bytes())),
        }
    }

    /// A number is always epoch-seconds; a string is read in the member's format.
    fn timestamp(&mut self, format: TimestampFormat) -> Result<Timestamp> {
        let start = self.reader.offset();
        // A number is epoch seconds, a string is read in `format` (or, unless strict, in any
        // format that reads it).
        let strict = self.settings.strict_timestamps;
        let parsed = match self.reader.peek()? {
            Token::Number if strict && format != TimestampFormat::EpochSeconds => {
                return Err(Error::data(format!("expected a {format} string, found a number")).at_offset(start));
            }
            Token::Number => Timestamp::parse(self.reader.number()?, TimestampFormat::EpochSeconds),
            Token::String if strict && format == TimestampFormat::EpochSeconds => {
                return Err(Error::data("expected epoch seconds as a number, found a string").at_offset(start));
            }
            Token::String if strict => Timestamp::parse_strict(&self.reader.string()?, format),
            Token::String => Timestamp::parse_lenient(&self.reader.string()?, format),
            other => return Err(self.reader.mismatch("a timestamp", other)),
        };
        parsed.map_err(|error| error.at_offset(start))
    }

    /// A structure: the typed path's walk (see `convert::Decoder`), each member read as a
    /// `Value`, so both paths check and fail alike.
    fn structure(&mut self, shape: ShapeRef<'_>) -> Result<Structure> {
        let base = self.members.base();
        TypedDecoder::structure(self, shape, |decoder, member| {
            let value = decoder.value(member.target(), member.timestamp_format())?;
            decoder.members.push(member.index(), member.name(), value);
            Ok(())
        })?;
        Ok(self.members.finish(base))
    }

    fn union(&mut self, shape: ShapeRef<'_>) -> Result<Union> {
        let mut found = None;
        let unknown = TypedDecoder::union(self, shape, |decoder, member| {
            let value = decoder.value(member.target(), member.timestamp_format())?;
            found = Some(Union::new(member.name(), value));
            Ok(())
        })?;
        match (found, unknown) {
            (Some(union), _) => Ok(union),
            (None, Some(name)) => Ok(Union::unknown(name)),
            (None, None) => Err(Error::data("a union has exactly one member, found none")),
        }
    }

    /// A list: the typed path's walk too (dense nulls dropped, sparse ones kept).
    fn list(&mut self, shape: ShapeRef<'_>) -> Result<List> {
        let base = self.items.len();
        TypedDecoder::list(self, shape, |decoder, member| {
            let value = decoder.optional(member.target(), member.timestamp_format())?;
            decoder.items.push(value.unwrap_or(Value::Null));
            Ok(())
        })?;
        Ok(self.items.drain(base..).collect())
    }

    fn collection_limit(&self) -> Error {
        let limit = self.settings.limits.max_collection_len;
        Error::limit(format!("more than {limit} items")).at_offset(self.reader.offset())
    }

    /// A map: the typed path's walk too. A repeated key is an error even when one of its
    /// values is a null that a dense map drops.
    fn map(&mut self, shape: ShapeRef<'_>) -> Result<Map> {
        let base = self.entries.len();
        let mut seen = KeySet::default();
        TypedDecoder::map(self, shape, |decoder, key, member| {
            let value = match member {
                Some(member) => {
                    let value = decoder.optional(member.target(), member.timestamp_format());
                    Some(value.map_err(|error| error.at_key(&*key))?.unwrap_or(Value::Null))
                }
                None => None,
            };
            let kept = &decoder.entries[base..];
            let fresh = if value.is_some() { seen.insert(&key, kept) } else { seen.insert_dropped(&key, kept) };
            if !fresh {
                return Err(Error::data("repeated map key").at_key(key));
            }
            if let Some(value) = value {
                decoder.entries.push((key, value));
            }
            Ok(())
        })?;
        Ok(self.entries.drain(base..).collect())
    }

    /// A document: any JSON value, without a schema.
    fn untyped(&mut self) -> Result<Value> {
        // Containers recurse; the reader's depth limit bounds the recursion.
        Ok(match self.reader.peek()? {
            // A document is the JSON as it came: a repeated key keeps both entries, in order.
            Token::Object => {
                self.reader.begin_object()?;
                let mut entries = Map::new();
                let mut first = true;
                while let Some(key) = self.reader.next_key(&mut first)? {
                    let value = self.untyped().map_err(|error| error.at_key(&*key))?;
                    entries.push(key, value);
                }
                Value::Map(entries)
            }
            Token::Array => {
                self.reader.begin_array()?;
                let mut items = List::new();
                let mut first = true;
                while self.reader.next_item(&mut first)? {
                    let index = items.len();
                    items.push(self.untyped().map_err(|error| error.at_index(index))?);
                }
                Value::List(items)
            }
            Token::String => Value::String(self.reader.string()?.into_owned()),
            Token::Number => untyped_number(self.reader.number()?),
            Token::True | Token::False => Value::Boolean(self.reader.boolean()?),
            Token::Null => {
                self.reader.null()?;
                Value::Null
            }
        })
    }
}

/// The typed path: the same reading as above, each part handed to typed code.
impl TypedDecoder for Decoder<'_, '_> {
    fn value(&mut self, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Value> {
        Decoder::value(self, shape, format)
    }

    fn string(&mut self, shape: ShapeRef<'_>) -> Result<String> {
        match shape.shape_type() {
            ShapeType::String => Ok(self.string()?.into_owned()),
            _ => String::from_value(Decoder::value(self, shape, None)?),
        }
    }

    fn enum_text<T, F>(&mut self, shape: ShapeRef<'_>, read: F) -> Result<T>
    where
        F: FnOnce(Cow<'_, str>) -> Result<T>,
    {
        match shape.shape_type() {
            // Unlike a `Value`, the text still knows where it was: so does an error about it.
            ShapeType::Enum | ShapeType::String => {
                let start = self.reader.offset();
                read(self.string()?).map_err(|error| error.at_offset(start))
            }
            _ => enum_text_of(Decoder::value(self, shape, None)?, read),
        }
    }

    fn null(&mut self) -> Result<bool> {
        // Anything but `n` is left for the value's own reading to take or refuse.
        if self.reader.next_byte() == Some(b'n') {
            self.reader.null()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn structure<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    {
        self.reader.begin_object()?;
        let mut seen = Seen::new(shape.members().len());
        let keys = shape.json_keys(self.settings.json_name);
        let (mut first, mut expected) = (true, 0);
        while let Some(key) = self.next_member(keys, &mut first, &mut expected)? {
            let Key::Member(member) = key else {
                self.reader.skip_value()?;
                continue;
            };
            if !seen.insert(member.index()) {
                let error = Error::data("repeated member").at_offset(self.reader.offset());
                return Err(member.annotate(error));
            }
            let present = TypedDecoder::null(self).map(|null| !null);
            if present.map_err(|error| member.annotate(error))? {
                visit(self, member).map_err(|error| member.annotate(error))?;
            }
        }
        Ok(())
    }

    fn union<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<Option<String>>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    {
        let object_start = self.reader.offset();
        self.reader.begin_object()?;
        let (mut found, mut unknown) = (false, None);
        let keys = shape.json_keys(self.settings.json_name);
        let (mut first, mut expected) = (true, 0);
        while let Some(key) = self.next_member(keys, &mut first, &mut expected)? {
            let start = self.reader.offset();
            let second = || Error::data("a union has exactly one member, found a second").at_offset(start);
            match key {
                // A type tag some services add: not a member.
                Key::Unknown(name) if name == "__type" => self.reader.skip_value()?,
                Key::Unknown(name) => {
                    if self.settings.strict_input {
                        return Err(
                            Error::data(format!("a union member the schema does not have: {name:?}")).at_offset(start)
                        );
                    }
                    self.reader.skip_value()?;
                    if found || unknown.is_some() {
                        return Err(second());
                    }
                    unknown = Some(name.into_owned());
                }
                Key::Member(member) if TypedDecoder::null(self).map_err(|error| member.annotate(error))? => {}
                Key::Member(member) => {
                    if found || unknown.is_some() {
                        return Err(second());
                    }
                    visit(self, member).map_err(|error| member.annotate(error))?;
                    found = true;
                }
            }
        }
        if !found && unknown.is_none() {
            return Err(Error::data("a union has exactly one member, found none").at_offset(object_start));
        }
        Ok(unknown)
    }

    fn list<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    {
        let member = shape.item()?;
        let sparse = shape.is_sparse();
        self.reader.begin_array()?;
        let mut first = true;
        let mut index = 0;
        while self.reader.next_item(&mut first)? {
            if index == self.settings.limits.max_collection_len {
                return Err(self.collection_limit());
            }
            // Nulls in a dense list are dropped, as `decode` drops them.
            let item = if sparse { Ok(true) } else { self.dense_item() };
            if item.map_err(|error| error.at_index(index))? {
                visit(self, member).map_err(|error| error.at_index(index))?;
            }
            index += 1;
        }
        Ok(())
    }

    fn map<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, String, Option<MemberRef<'s>>) -> Result<()>,
    {
        let member = shape.entry()?.1;
        let sparse = shape.is_sparse();
        self.reader.begin_object()?;
        let mut first = true;
        let mut count = 0;
        while let Some(key) = self.reader.next_key(&mut first)? {
            let start = self.reader.offset();
            if count == self.settings.limits.max_collection_len {
                return Err(self.collection_limit());
            }
            let entry = if sparse { Ok(true) } else { self.dense_item() };
            // A null in a dense map is dropped, after its key is checked.
            let member = entry.map_err(|error| error.at_key(&*key))?.then_some(member);
            visit(self, key.into_owned(), member).map_err(|error| error.at_offset(start))?;
            // A dropped null counts too: the limit bounds the work, not only what is kept.
            count += 1;
        }
        Ok(())
    }
}

/// An integer fits `Long` or keeps its text as `BigInteger`; anything else is a `Double`,
/// unless a double cannot hold it, when it keeps its text as `BigDecimal`.
fn untyped_number(text: &str) -> Value {
    if !text.contains(['.', 'e', 'E']) {
        return text.parse().map_or_else(|_| Value::BigInteger(text.to_owned()), Value::Long);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Value::Double(value),
        _ => Value::BigDecimal(text.to_owned()),
    }
}
