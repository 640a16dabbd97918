//! CBOR straight to and from typed values: the codec's sides of [`Decode`] and [`Encode`],
//! walking the bytes beside the schema as [`decode`](super::decode) and
//! [`encode`](super::encode) do, with the same checks, errors and bytes, and no [`Value`] for
//! structures, unions, lists, maps and strings.

use std::borrow::Cow;

use super::CborSettings;
use super::decode::{Reader, null_root, whole};
use super::encode::Writer;
use super::head::{ARRAY, MAP};
use crate::blob::Blob;
use crate::convert::decode::enum_text_of;
use crate::convert::{Decode, Decoder, Encode, Encoder, FromValue, Shape, mismatch};
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// Reads `bytes` as a `T`, a type with a schema (usually from `#[derive(Shape)]`), with no
/// [`Value`] in between: what [`decode`](super::decode) and
/// [`FromValue::from_value`] do together, faster.
///
/// ```
/// use awsval::Shape;
/// use awsval::cbor::{self, CborSettings};
///
/// #[derive(Shape, PartialEq)]
/// struct Job {
///     id: String,
///     tags: Option<Vec<String>>,
/// }
///
/// let job = Job { id: "j-1".into(), tags: Some(vec!["a".into()]) };
/// let bytes = cbor::encode_typed(&job, &CborSettings::new())?;
/// assert!(cbor::decode_typed::<Job>(&bytes, &CborSettings::new())? == job);
/// // {"Id": 1}: a number where the string goes.
/// let error = cbor::decode_typed::<Job>(&[0xa1, 0x62, b'I', b'd', 0x01], &CborSettings::new()).unwrap_err();
/// assert_eq!(error.to_string(), "data error: expected a text string, found an integer at Id (byte 4)");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_typed<T: Decode + Shape + 'static>(bytes: &[u8], settings: &CborSettings) -> Result<T> {
    read_typed(bytes, T::schema(), settings, |reader, shape, format| T::decode(reader, shape, format))
}

/// Reads `bytes` as one value of `shape` with `read`, handed the reader as its decoder.
pub(crate) fn read_typed<T>(
    bytes: &[u8],
    shape: ShapeRef<'_>,
    settings: &CborSettings,
    read: impl FnOnce(&mut Reader<'_>, ShapeRef<'_>, Option<TimestampFormat>) -> Result<T>,
) -> Result<T> {
    whole(bytes, settings, |reader| {
        if reader.at_null() {
            return Err(null_root(shape));
        }
        read(reader, shape, shape.traits().timestamp_format)
    })
}

/// Writes `value`, a type with a schema, as CBOR with no [`Value`] in between: the bytes
/// [`encode`](super::encode) writes of its `Value`.
pub fn encode_typed<T: Encode + Shape + 'static>(value: &T, settings: &CborSettings) -> Result<Vec<u8>> {
    let shape = T::schema();
    let mut writer = Writer::new(settings);
    value.encode(&mut writer, shape, shape.traits().timestamp_format)?;
    Ok(writer.out)
}

impl Decoder for Reader<'_> {
    fn value(&mut self, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<Value> {
        // A null here is what the two-step path hands `FromValue`, which refuses it alike.
        Ok(self.optional(Some(shape))?.unwrap_or(Value::Null))
    }

    fn null(&mut self) -> Result<bool> {
        Ok(self.take_null())
    }

    fn string(&mut self, shape: ShapeRef<'_>) -> Result<String> {
        match shape.shape_type() {
            ShapeType::String if !self.at_null() => self.nested(Reader::text),
            _ => String::from_value(Decoder::value(self, shape, None)?),
        }
    }

    fn enum_text<T, F>(&mut self, shape: ShapeRef<'_>, read: F) -> Result<T>
    where
        F: FnOnce(Cow<'_, str>) -> Result<T>,
    {
        if matches!(shape.shape_type(), ShapeType::Enum | ShapeType::String) {
            let start = self.position();
            // Unlike a `Value`, the text still knows where it was: so does an error about it.
            if let Some(text) = self.nested(Reader::definite_text)? {
                return read(Cow::Borrowed(text)).map_err(|error| error.at_offset(start));
            }
        }
        enum_text_of(Decoder::value(self, shape, None)?, read)
    }

    fn structure<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    {
        if self.at_null() {
            return Err(mismatch("structure", &Value::Null));
        }
        self.nested(|reader| reader.typed_structure(shape, &mut visit))
    }

    fn union<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<Option<String>>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    {
        if self.at_null() {
            return Err(mismatch("union", &Value::Null));
        }
        self.nested(|reader| reader.typed_union(shape, &mut visit))
    }

    fn list<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    {
        if self.at_null() {
            return Err(mismatch("list", &Value::Null));
        }
        self.nested(|reader| reader.typed_list(shape, &mut visit))
    }

    fn map<'s, F>(&mut self, shape: ShapeRef<'s>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, String, Option<MemberRef<'s>>) -> Result<()>,
    {
        if self.at_null() {
            return Err(mismatch("map", &Value::Null));
        }
        self.nested(|reader| reader.typed_map(shape, &mut visit))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.hint)
    }
}

impl Reader<'_> {
    fn typed_structure<'s>(
        &mut self,
        shape: ShapeRef<'s>,
        visit: &mut impl FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    ) -> Result<()> {
        let len = self.items(true)?;
        let keys = shape.name_keys();
        let mut seen = crate::codec::repeats::Seen::new(shape.members().count());
        let (mut index, mut expected) = (0, 0);
        while self.more(len, index)? {
            index += 1;
            let key_at = self.position();
            let Some(member) = self.member_key(keys, expected)? else {
                self.skip_item()?;
                continue;
            };
            expected = member.index() + 1;
            let name = member.name();
            if !seen.insert(member.index()) {
                return Err(Error::data("repeated member").at_offset(key_at).in_member(name.as_str()));
            }
            if !self.take_null() {
                visit(self, member).map_err(|error| error.in_member(name.as_str()))?;
            }
        }
        Ok(())
    }

    /// A union as [`Reader::union`] reads it: `__type` and nulls passed over, a member the
    /// schema does not know returned by name.
    fn typed_union<'s>(
        &mut self,
        shape: ShapeRef<'s>,
        visit: &mut impl FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    ) -> Result<Option<String>> {
        let len = self.items(true)?;
        let keys = shape.name_keys();
        let (mut found, mut unknown) = (false, None);
        let mut index = 0;
        while self.more(len, index)? {
            index += 1;
            let key_at = self.position();
            let second = || Error::data("a union has exactly one member, found two").at_offset(key_at);
            match self.union_key(keys)? {
                Ok(member) => {
                    if self.take_null() {
                        continue;
                    }
                    let name = member.name();
                    // Read before it is refused as a second, as the `Value` path reads it.
                    visit(self, member).map_err(|error| error.in_member(name.as_str()))?;
                    if found || unknown.is_some() {
                        return Err(second());
                    }
                    found = true;
                }
                Err(name) => {
                    self.skip_item()?;
                    if name == "__type" {
                        continue;
                    }
                    if found || unknown.is_some() {
                        return Err(second());
                    }
                    unknown = Some(name);
                }
            }
        }
        if !found && unknown.is_none() {
            return Err(Error::data("a union has exactly one member, found none").at_offset(self.position()));
        }
        Ok(unknown)
    }

    fn typed_list<'s>(
        &mut self,
        shape: ShapeRef<'s>,
        visit: &mut impl FnMut(&mut Self, MemberRef<'s>) -> Result<()>,
    ) -> Result<()> {
        let item = shape.item()?;
        let sparse = shape.is_sparse();
        let len = self.items(false)?;
        self.hint = self.capacity(len, false);
        let mut index = 0;
        while self.more(len, index)? {
            // A null item of a sparse list is the item's to read (as `None`); a dense list drops it.
            if sparse || !self.take_null() {
                visit(self, item).map_err(|error| error.at_index(index as usize))?;
            }
            index += 1;
        }
        Ok(())
    }

    fn typed_map<'s>(
        &mut self,
        shape: ShapeRef<'s>,
        visit: &mut impl FnMut(&mut Self, String, Option<MemberRef<'s>>) -> Result<()>,
    ) -> Result<()> {
        let value = shape.entry()?.1;
        let sparse = shape.is_sparse();
        let len = self.items(true)?;
        self.hint = self.capacity(len, true);
        let mut index = 0;
        while self.more(len, index)? {
            index += 1;
            let key_at = self.position();
            let key = self.text()?;
            // A null in a dense map is dropped: its key is handed over alone, to be kept from
            // repeating.
            let value = if !sparse && self.take_null() { None } else { Some(value) };
            visit(self, key, value).map_err(|error| error.at_offset(key_at))?;
        }
        Ok(())
    }
}

impl Encoder for Writer<'_> {
    fn value(&mut self, value: &Value, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        Writer::value(self, value, shape)
    }

    fn string(&mut self, text: &str, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::String | ShapeType::Enum => {
                self.text(text);
                Ok(())
            }
            _ => Writer::value(self, &Value::String(text.to_owned()), shape),
        }
    }

    fn blob(&mut self, bytes: &Blob, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::Blob => {
                self.bytes(bytes);
                Ok(())
            }
            _ => Writer::value(self, &Value::Blob(bytes.clone()), shape),
        }
    }

    fn structure<T, F>(&mut self, _: ShapeRef<'_>, _: &T, members: F) -> Result<()>
    where
        T: Encode + ?Sized,
        F: FnOnce(&mut Self) -> Result<()>,
    {
        self.nest(|writer| {
            // The map's head counts the members present, known once they are written: one
            // byte is kept for it, and widened in the rare map of more than 23.
            let start = writer.out.len();
            writer.out.push(0);
            let outer = std::mem::replace(&mut writer.present, 0);
            let written = members(writer);
            let present = std::mem::replace(&mut writer.present, outer);
            written?;
            let mut head = Vec::with_capacity(9);
            super::head::write(&mut head, MAP, present as u64);
            writer.out.splice(start..=start, head);
            Ok(())
        })
    }

    fn member<T: Encode + ?Sized>(&mut self, member: MemberRef<'_>, value: &T) -> Result<()> {
        if value.is_absent() {
            return Ok(());
        }
        self.present += 1;
        self.text(member.name().as_str());
        value.encode(self, member.target(), member.timestamp_format()).map_err(|error| member.annotate(error))
    }

    fn union<T: Encode + ?Sized>(&mut self, _: ShapeRef<'_>, member: MemberRef<'_>, value: &T) -> Result<()> {
        self.nest(|writer| {
            writer.head(MAP, 1);
            writer.text(member.name().as_str());
            value.encode(writer, member.target(), member.timestamp_format()).map_err(|error| member.annotate(error))
        })
    }

    fn list<'a, T, I>(&mut self, shape: ShapeRef<'_>, items: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = &'a T>,
    {
        self.nest(|writer| {
            let item = shape.item()?;
            writer.head(ARRAY, items.len());
            for (index, value) in items.enumerate() {
                writer.typed_item(value, item, shape.is_sparse()).map_err(|error| error.at_index(index))?;
            }
            Ok(())
        })
    }

    fn map<'a, T, I>(&mut self, shape: ShapeRef<'_>, entries: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = (&'a String, &'a T)>,
    {
        self.nest(|writer| {
            let value_member = shape.entry()?.1;
            writer.head(MAP, entries.len());
            for (key, value) in entries {
                writer.text(key);
                writer
                    .typed_item(value, value_member, shape.is_sparse())
                    .map_err(|error| error.at_key(key.as_str()))?;
            }
            Ok(())
        })
    }
}

impl Writer<'_> {
    /// A list item or map value as [`Writer::item`] writes it: an absent one is a null, which
    /// only a sparse collection holds.
    fn typed_item<T: Encode + ?Sized>(&mut self, value: &T, member: MemberRef<'_>, sparse: bool) -> Result<()> {
        match value.is_absent() {
            true => self.item(&Value::Null, member.target(), sparse),
            false => value.encode(self, member.target(), member.timestamp_format()),
        }
    }
}
