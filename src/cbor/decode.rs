//! Reading CBOR into values, guided by a schema or not.

use std::borrow::Cow;

use minicbor::data::Type;

use super::head::{self, ARRAY, BYTES, FALSE, MAP, NEGATIVE, NULL, TEXT, TRUE, UNDEFINED, UNSIGNED};
use super::{CborSettings, bignum};
use crate::blob::Blob;
use crate::codec::repeats::{KeySet, Seen};
use crate::error::{Error, Result};
use crate::schema::{MemberKeys, MemberRef, ShapeRef, ShapeType};
use crate::timestamp::Timestamp;
use crate::value::{Document, List, Map, Structure, Union, Value};

/// Reads `bytes` as one value of `shape`: definite and indefinite lengths, half, single and
/// double floats, tag 1 timestamps, byte strings for blobs; unknown members skipped, nulls
/// kept in sparse collections and dropped from dense ones (a repeated key is still refused);
/// nothing may follow.
///
/// ```
/// use awsval::cbor::{self, CborSettings};
/// use awsval::schema::{ModelBuilder, ShapeType};
/// use awsval::{Structure, Value};
///
/// let mut builder = ModelBuilder::new();
/// let string = builder.prelude(ShapeType::String);
/// let shape = builder.add("Job", ShapeType::Structure).member("Id", string).id();
/// let model = builder.finish()?;
/// // {"Id": "j-1"} as CBOR: a map of one entry, two text strings.
/// let bytes = [0xa1, 0x62, b'I', b'd', 0x63, b'j', b'-', b'1'];
/// let value = cbor::decode(&bytes, model.get(shape), &CborSettings::new())?;
/// assert_eq!(value, Value::from(Structure::new().with("Id", "j-1")));
/// assert_eq!(cbor::encode(&value, model.get(shape), &CborSettings::new())?, bytes);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode(bytes: &[u8], shape: ShapeRef<'_>, settings: &CborSettings) -> Result<Value> {
    whole(bytes, settings, |reader| match reader.optional(Some(shape))? {
        Some(value) => Ok(value),
        None => Err(null_root(shape)),
    })
}

/// The error for a document that is a null where a value of `shape` should be.
pub(super) fn null_root(shape: ShapeRef<'_>) -> Error {
    Error::data(format!("expected a {}, found null", shape.shape_type())).at_offset(0)
}

/// Reads `bytes` as one CBOR data item of any kind: maps (text keys) as [`Value::Map`],
/// arrays as lists, text, byte strings as blobs, integers as longs (or big integers beyond
/// 64 bits), floats as doubles, tag 1 as a timestamp, bignums (tags 2 and 3) as big integers,
/// decimal fractions (tag 4) as big decimals, other tags as what they tag, null and undefined
/// as [`Value::Null`].
///
/// ```
/// use awsval::cbor::{self, CborSettings};
/// use awsval::{List, Value};
///
/// let value = cbor::decode_any(&[0x9f, 0x01, 0x3a, 0xff, 0xff, 0xff, 0xff, 0xff], &CborSettings::new())?;
/// assert_eq!(value, Value::List(List::from(vec![Value::Long(1), Value::Long(-4_294_967_296)])));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_any(bytes: &[u8], settings: &CborSettings) -> Result<Value> {
    whole(bytes, settings, |reader| Ok(reader.optional(None)?.unwrap_or(Value::Null)))
}

pub(super) fn whole<T>(
    bytes: &[u8],
    settings: &CborSettings,
    read: impl FnOnce(&mut Reader<'_>) -> Result<T>,
) -> Result<T> {
    settings.limits.check_input_len(bytes.len())?;
    let mut reader = Reader { cbor: minicbor::Decoder::new(bytes), depth: 0, settings, hint: 0 };
    let value = read(&mut reader)?;
    let end = reader.cbor.position();
    if end < bytes.len() {
        return Err(Error::syntax("data after the CBOR value", end));
    }
    Ok(value)
}

pub(crate) struct Reader<'b> {
    cbor: minicbor::Decoder<'b>,
    depth: usize,
    settings: &'b CborSettings,
    /// The room the list or map being read by typed code claims (see `Decoder::size_hint`).
    pub(super) hint: usize,
}

/// A decoding error of minicbor's, at its offset.
fn cbor_error(error: &minicbor::decode::Error, at: usize) -> Error {
    let at = error.position().unwrap_or(at);
    if error.is_end_of_input() {
        return Error::eof("the CBOR value ends early", at);
    }
    if std::error::Error::source(error).is_some_and(|source| source.is::<std::str::Utf8Error>()) {
        return Error::syntax("a text string is not UTF-8", at);
    }
    Error::syntax(format!("malformed CBOR: {error}"), at)
}

impl<'b> Reader<'b> {
    fn at(&self) -> usize {
        self.cbor.position()
    }

    /// Where the next item begins.
    pub(super) fn position(&self) -> usize {
        self.at()
    }

    /// The first byte of the next item, if any.
    pub(super) fn next_byte(&self) -> Option<u8> {
        self.cbor.input().get(self.at()).copied()
    }

    /// Passes over one byte: an item that is one byte long.
    pub(super) fn skip_byte(&mut self) {
        self.cbor.set_position(self.at() + 1);
    }

    /// Passes over the next item, whatever it holds.
    pub(super) fn skip_item(&mut self) -> Result<()> {
        self.read(|cbor| cbor.skip())
    }

    /// The member a structure's key names, looked up as [`Reader::key`] does; `None` for a
    /// name the schema does not have.
    pub(super) fn member_key<'m>(&mut self, keys: MemberKeys<'m>, expected: usize) -> Result<Option<MemberRef<'m>>> {
        Ok(match self.key(keys, expected)? {
            Key::Member(member) => Some(member),
            Key::Other(_) => None,
        })
    }

    /// The member a union's key names, or the name the schema does not have.
    pub(super) fn union_key<'m>(&mut self, keys: MemberKeys<'m>) -> Result<std::result::Result<MemberRef<'m>, String>> {
        Ok(match self.key(keys, 0)? {
            Key::Member(member) => Ok(member),
            Key::Other(name) => Err(name.into_owned()),
        })
    }

    /// Runs a minicbor read, its errors at the offset where it started.
    fn read<T>(
        &mut self,
        read: impl FnOnce(&mut minicbor::Decoder<'b>) -> Result<T, minicbor::decode::Error>,
    ) -> Result<T> {
        let at = self.at();
        read(&mut self.cbor).map_err(|error| cbor_error(&error, at))
    }

    fn datatype(&mut self) -> Result<Type> {
        self.read(|cbor| cbor.datatype())
    }

    fn mismatch(&self, expected: &str, found: Type) -> Error {
        match found {
            Type::Unknown(byte) => {
                Error::syntax(format!("malformed CBOR: byte {byte:#04x} begins no data item"), self.at())
            }
            found => Error::data(format!("expected {expected}, found {}", describe(found))).at_offset(self.at()),
        }
    }

    /// A value of `shape` (any value when `None`), or `None` for a null or undefined.
    pub(super) fn optional(&mut self, shape: Option<ShapeRef<'_>>) -> Result<Option<Value>> {
        if self.take_null() {
            return Ok(None);
        }
        self.nested(|reader| reader.value(shape)).map(Some)
    }

    /// Whether a null or undefined comes next.
    pub(super) fn at_null(&self) -> bool {
        matches!(self.next_byte(), Some(NULL | UNDEFINED))
    }

    /// Consumes a null or undefined when one comes next.
    pub(super) fn take_null(&mut self) -> bool {
        let null = self.at_null();
        if null {
            self.skip_byte();
        }
        null
    }

    pub(super) fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth).map_err(|error| error.at_offset(self.at()))?;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn value(&mut self, shape: Option<ShapeRef<'_>>) -> Result<Value> {
        let Some(shape) = shape else { return self.any() };
        Ok(match shape.shape_type() {
            ShapeType::Structure => Value::Structure(self.structure(shape)?),
            ShapeType::Union => Value::Union(self.union(shape)?),
            ShapeType::List => Value::List(self.list(shape)?),
            ShapeType::Map => Value::Map(self.map(shape)?),
            ShapeType::Document => Value::Document(Document::new(self.any()?)),
            ShapeType::Boolean => Value::Boolean(self.boolean()?),
            ShapeType::Byte => Value::Byte(self.integer("a byte")?),
            ShapeType::Short => Value::Short(self.integer("a short")?),
            ShapeType::Integer => Value::Integer(self.integer("an integer")?),
            ShapeType::Long => Value::Long(self.integer("a long")?),
            ShapeType::IntEnum => Value::IntEnum(self.integer("an intEnum")?),
            ShapeType::Float => Value::Float(self.float32()?),
            ShapeType::Double => Value::Double(self.float()?),
            ShapeType::BigInteger => Value::BigInteger(self.big_integer()?),
            ShapeType::BigDecimal => Value::BigDecimal(self.big_decimal()?),
            ShapeType::String => Value::String(self.text()?),
            ShapeType::Enum => Value::Enum(self.text()?.into()),
            ShapeType::Blob => Value::Blob(self.blob()?),
            ShapeType::Timestamp => Value::Timestamp(self.timestamp()?),
        })
    }

    /// The length of an array or map: `None` for an indefinite one.
    #[inline]
    pub(super) fn items(&mut self, map: bool) -> Result<Option<u64>> {
        match self.definite(if map { MAP } else { ARRAY }) {
            Some(len) => Ok(Some(len)),
            None => self.other_items(map),
        }
    }

    /// [`Reader::items`] of anything but a definite head: an indefinite length, or an error.
    #[cold]
    fn other_items(&mut self, map: bool) -> Result<Option<u64>> {
        let found = self.datatype()?;
        match (map, found) {
            (false, Type::Array | Type::ArrayIndef) => self.read(|cbor| cbor.array()),
            (true, Type::Map | Type::MapIndef) => self.read(|cbor| cbor.map()),
            _ => Err(self.mismatch(if map { "a map" } else { "an array" }, found)),
        }
    }

    /// Room for `len` items (none for an indefinite length), never more than the bytes left
    /// could hold nor the collection limit allows: a length off the wire is a claim, not a
    /// promise.
    pub(super) fn capacity(&self, len: Option<u64>, pairs: bool) -> usize {
        let left = (self.cbor.input().len() - self.at()) / if pairs { 2 } else { 1 };
        let room = left.min(self.settings.limits.max_collection_len);
        len.map_or(0, |len| usize::try_from(len).unwrap_or(usize::MAX).min(room))
    }

    /// Whether another item follows (`index` items read of `len`), consuming the break that
    /// ends an indefinite array or map; counts items against the collection limit.
    // Inlined: it runs once per item of every collection, and a definite length (what AWS
    // sends) needs two comparisons.
    #[inline]
    pub(super) fn more(&mut self, len: Option<u64>, index: u64) -> Result<bool> {
        let more = match len {
            Some(len) => index < len,
            None => self.before_break()?,
        };
        if more && index >= self.settings.limits.max_collection_len as u64 {
            return Err(self.too_many());
        }
        Ok(more)
    }

    /// Whether an item comes before the break that ends an indefinite array or map, consuming
    /// the break.
    fn before_break(&mut self) -> Result<bool> {
        if self.datatype()? == Type::Break {
            self.cbor.set_position(self.at() + 1);
            return Ok(false);
        }
        Ok(true)
    }

    #[cold]
    fn too_many(&self) -> Error {
        let limit = self.settings.limits.max_collection_len;
        Error::limit(format!("more than {limit} items")).at_offset(self.at())
    }

    fn structure(&mut self, shape: ShapeRef<'_>) -> Result<Structure> {
        let len = self.items(true)?;
        let keys = shape.name_keys();
        let mut structure = Structure::with_capacity(self.capacity(len, true).min(shape.members().count()));
        let mut seen = Seen::new(shape.members().count());
        let (mut index, mut expected) = (0, 0);
        while self.more(len, index)? {
            index += 1;
            let key_at = self.at();
            let Key::Member(member) = self.key(keys, expected)? else {
                self.read(|cbor| cbor.skip())?;
                continue;
            };
            expected = member.index() + 1;
            let name = member.name();
            if !seen.insert(member.index()) {
                return Err(Error::data("repeated member").at_offset(key_at).in_member(name.as_str()));
            }
            let value = self.optional(Some(member.target())).map_err(|error| error.in_member(name.as_str()))?;
            if let Some(value) = value {
                structure.push(name, value);
            }
        }
        Ok(structure)
    }

    /// A union: one member set; `__type` (which some servers add) and nulls are passed over;
    /// a member the schema does not know is kept by name.
    fn union(&mut self, shape: ShapeRef<'_>) -> Result<Union> {
        let len = self.items(true)?;
        let keys = shape.name_keys();
        let mut found: Option<Union> = None;
        let mut index = 0;
        while self.more(len, index)? {
            index += 1;
            let key_at = self.at();
            let key = self.key(keys, 0)?;
            let value = match &key {
                Key::Member(member) => {
                    let name = member.name();
                    self.optional(Some(member.target())).map_err(|error| error.in_member(name.as_str()))?
                }
                Key::Other(name) => {
                    self.read(|cbor| cbor.skip())?;
                    (name != "__type").then_some(Value::Null)
                }
            };
            let Some(value) = value else { continue };
            if found.is_some() {
                return Err(Error::data("a union has exactly one member, found two").at_offset(key_at));
            }
            found = Some(match key {
                Key::Member(member) => Union::new(member.name(), value),
                Key::Other(name) => Union::unknown(name.into_owned()),
            });
        }
        found.ok_or_else(|| Error::data("a union has exactly one member, found none").at_offset(self.at()))
    }

    fn list(&mut self, shape: ShapeRef<'_>) -> Result<List> {
        let item = shape.list_member().map(|member| member.target());
        let sparse = shape.is_sparse();
        let len = self.items(false)?;
        let mut items = List::with_capacity(self.capacity(len, false));
        let mut index = 0;
        while self.more(len, index)? {
            match self.optional(item).map_err(|error| error.at_index(index as usize))? {
                Some(value) => items.push(value),
                None if sparse => items.push(Value::Null),
                None => {}
            }
            index += 1;
        }
        Ok(items)
    }

    fn map(&mut self, shape: ShapeRef<'_>) -> Result<Map> {
        let value_shape = shape.map_value().map(|member| member.target());
        let sparse = shape.is_sparse();
        let len = self.items(true)?;
        let mut map = Map::with_capacity(self.capacity(len, true));
        let mut seen = KeySet::default();
        let mut index = 0;
        while self.more(len, index)? {
            index += 1;
            let key_at = self.at();
            let key = self.text()?;
            let value = self.optional(value_shape).map_err(|error| error.at_key(key.clone()))?;
            let kept = map.iter().as_slice();
            let fresh = match (&value, sparse) {
                (None, false) => seen.insert_dropped(&key, kept),
                _ => seen.insert(&key, kept),
            };
            if !fresh {
                return Err(Error::data("repeated map key").at_offset(key_at).at_key(key));
            }
            match value {
                Some(value) => map.push(key, value),
                None if sparse => map.push(key, Value::Null),
                None => {}
            }
        }
        Ok(map)
    }

    /// Any data item (see [`decode_any`]).
    fn any(&mut self) -> Result<Value> {
        let found = self.datatype()?;
        Ok(match found {
            Type::Map | Type::MapIndef => {
                let len = self.items(true)?;
                let mut map = Map::with_capacity(self.capacity(len, true));
                let mut seen = KeySet::default();
                let mut index = 0;
                while self.more(len, index)? {
                    index += 1;
                    let key_at = self.at();
                    let key = self.text()?;
                    if !seen.insert(&key, map.iter().as_slice()) {
                        return Err(Error::data("repeated map key").at_offset(key_at).at_key(key));
                    }
                    let value = self.optional(None).map_err(|error| error.at_key(key.clone()))?;
                    map.push(key, value.unwrap_or(Value::Null));
                }
                Value::Map(map)
            }
            Type::Array | Type::ArrayIndef => {
                let len = self.items(false)?;
                let mut items = List::new();
                let mut index = 0;
                while self.more(len, index)? {
                    items.push(
                        self.optional(None).map_err(|error| error.at_index(index as usize))?.unwrap_or(Value::Null),
                    );
                    index += 1;
                }
                Value::List(items)
            }
            Type::String | Type::StringIndef => Value::String(self.text()?),
            Type::Bytes | Type::BytesIndef => Value::Blob(self.blob()?),
            Type::Bool => Value::Boolean(self.boolean()?),
            Type::F16 | Type::F32 | Type::F64 => Value::Double(self.float()?),
            Type::Tag => match self.peek_tag()? {
                1 => Value::Timestamp(self.timestamp()?),
                2 | 3 => {
                    // As a plain integer of that value reads: a long when it fits.
                    let digits = self.big_integer()?;
                    digits.parse().map_or(Value::BigInteger(digits), Value::Long)
                }
                4 => Value::BigDecimal(self.big_decimal()?),
                _ => {
                    self.read(|cbor| cbor.tag())?;
                    self.nested(Self::any)?
                }
            },
            Type::Null | Type::Undefined => {
                self.read(|cbor| cbor.skip())?;
                Value::Null
            }
            _ if is_integer(found) => {
                let value = self.int()?;
                i64::try_from(value).map_or_else(|_| Value::BigInteger(value.to_string()), Value::Long)
            }
            other => return Err(self.mismatch("a value", other)),
        })
    }

    fn boolean(&mut self) -> Result<bool> {
        if let Some(&byte @ (FALSE | TRUE)) = self.cbor.input().get(self.at()) {
            self.cbor.set_position(self.at() + 1);
            return Ok(byte == TRUE);
        }
        match self.datatype()? {
            Type::Bool => self.read(|cbor| cbor.bool()),
            other => Err(self.mismatch("a boolean", other)),
        }
    }

    /// A CBOR integer of any width.
    fn int(&mut self) -> Result<i128> {
        self.read(|cbor| cbor.int()).map(i128::from)
    }

    fn integer<T: TryFrom<i128>>(&mut self, what: &str) -> Result<T> {
        let at = self.at();
        let value = if let Some(n) = self.definite(UNSIGNED) {
            i128::from(n)
        } else if let Some(n) = self.definite(NEGATIVE) {
            -1 - i128::from(n)
        } else {
            let found = self.datatype()?;
            if !is_integer(found) {
                return Err(self.mismatch(what, found));
            }
            self.int()?
        };
        T::try_from(value).map_err(|_| Error::data(format!("{value} is out of range for {what}")).at_offset(at))
    }

    /// A float (half, single or double), or an integer as a float.
    fn float(&mut self) -> Result<f64> {
        match self.datatype()? {
            Type::F16 => self.read(|cbor| cbor.f16()).map(f64::from),
            Type::F32 => self.read(|cbor| cbor.f32()).map(f64::from),
            Type::F64 => self.read(|cbor| cbor.f64()),
            found if is_integer(found) => Ok(self.int()? as f64),
            other => Err(self.mismatch("a number", other)),
        }
    }

    fn float32(&mut self) -> Result<f32> {
        let at = self.at();
        let value = self.float()?;
        if value.is_finite() && value.abs() > f64::from(f32::MAX) {
            return Err(Error::data(format!("{value} is out of range for a float")).at_offset(at));
        }
        Ok(value as f32)
    }

    /// An integer or a bignum (tag 2 or 3), as decimal text.
    fn big_integer(&mut self) -> Result<String> {
        match self.datatype()? {
            found if is_integer(found) => Ok(self.int()?.to_string()),
            Type::Tag => {
                let at = self.at();
                match self.read(|cbor| cbor.tag())?.as_u64() {
                    tag @ (2 | 3) => self.bignum(tag == 3),
                    tag => Err(Error::data(format!("a big integer is tag 2 or 3, not tag {tag}")).at_offset(at)),
                }
            }
            other => Err(self.mismatch("an integer", other)),
        }
    }

    /// A bignum's magnitude after its tag, as decimal text (negative: -1 - n).
    fn bignum(&mut self, negative: bool) -> Result<String> {
        // Converting to decimal takes time quadratic in the length: bounded well past any
        // number a service sends.
        const MAX_BYTES: usize = 1024;
        let at = self.at();
        let bytes = self.blob()?;
        if bytes.len() > MAX_BYTES {
            return Err(Error::limit(format!("a bignum of more than {MAX_BYTES} bytes")).at_offset(at));
        }
        let start = bytes.iter().take_while(|&&b| b == 0).count();
        Ok(match negative {
            true => format!("-{}", bignum::bytes_to_digits(&bignum::add_one(&bytes[start..], false))),
            false => bignum::bytes_to_digits(&bytes[start..]),
        })
    }

    /// A number as decimal text: an integer, a bignum, a finite float, or a decimal fraction
    /// (tag 4: `[exponent, mantissa]`).
    fn big_decimal(&mut self) -> Result<String> {
        let at = self.at();
        match self.datatype()? {
            Type::F16 | Type::F32 | Type::F64 => {
                let value = self.float()?;
                match value.is_finite() {
                    true => Ok(ryu::Buffer::new().format_finite(value).to_owned()),
                    false => Err(Error::data("a big decimal is a finite number").at_offset(at)),
                }
            }
            Type::Tag if self.peek_tag()? == 4 => {
                self.read(|cbor| cbor.tag())?;
                if self.items(false)? != Some(2) {
                    return Err(Error::data("a decimal fraction is an array of two integers").at_offset(at));
                }
                let exponent: i64 = self.integer("an exponent")?;
                let mantissa = self.big_integer()?;
                Ok(if exponent == 0 { mantissa } else { format!("{mantissa}E{exponent}") })
            }
            _ => self.big_integer(),
        }
    }

    /// The number of the tag that comes next, without reading past it.
    fn peek_tag(&mut self) -> Result<u64> {
        let at = self.at();
        let tag = self.read(|cbor| cbor.tag())?.as_u64();
        self.cbor.set_position(at);
        Ok(tag)
    }

    /// A member name, looked up in `keys` (member `expected` first) by its bytes: a key that
    /// names a member is text already, so only other keys are checked as UTF-8 (and borrowed
    /// from the input when they are one definite string).
    fn key<'m>(&mut self, keys: MemberKeys<'m>, expected: usize) -> Result<Key<'b, 'm>> {
        let at = self.at();
        if let Some(bytes) = self.definite_bytes(TEXT)? {
            return match keys.find(bytes, expected) {
                Some(member) => Ok(Key::Member(member)),
                None => utf8(bytes, at).map(|text| Key::Other(Cow::Borrowed(text))),
            };
        }
        let text = self.text()?;
        Ok(match keys.find(text.as_bytes(), expected) {
            Some(member) => Key::Member(member),
            None => Key::Other(Cow::Owned(text)),
        })
    }

    /// A definite text string (`None` for anything else), within the string limit.
    pub(super) fn definite_text(&mut self) -> Result<Option<&'b str>> {
        let at = self.at();
        let Some(bytes) = self.definite_bytes(TEXT)? else { return Ok(None) };
        utf8(bytes, at).map(Some)
    }

    /// The content of a definite byte or text string (major type `major`; `None` for anything
    /// else), within the string limit.
    #[inline]
    fn definite_bytes(&mut self, major: u8) -> Result<Option<&'b [u8]>> {
        let at = self.at();
        let Some(len) = self.definite(major) else { return Ok(None) };
        let start = self.at();
        let input: &'b [u8] = self.cbor.input();
        let Some(bytes) = usize::try_from(len).ok().and_then(|len| input.get(start..start.checked_add(len)?)) else {
            return Err(Error::eof("the CBOR value ends early", at));
        };
        if bytes.len() > self.settings.limits.max_string_len {
            return Err(self.too_long(major, at));
        }
        self.cbor.set_position(start + bytes.len());
        Ok(Some(bytes))
    }

    /// The error for a string or blob (by its major type), at `at`, longer than the limit.
    #[cold]
    fn too_long(&self, major: u8, at: usize) -> Error {
        let limit = self.settings.limits.max_string_len;
        let what = if major == TEXT { "a string" } else { "a blob" };
        Error::limit(format!("{what} longer than {limit} bytes")).at_offset(at)
    }

    /// The argument of a definite head of major type `major` that comes next, the head read;
    /// `None` (nothing read) for anything else, which minicbor then reads or refuses.
    fn definite(&mut self, major: u8) -> Option<u64> {
        let (argument, next) = head::read(self.cbor.input(), self.at(), major)?;
        self.cbor.set_position(next);
        Some(argument)
    }

    /// A text string, definite or in chunks, within the string limit.
    #[inline]
    pub(super) fn text(&mut self) -> Result<String> {
        match self.definite_text()? {
            Some(text) => Ok(text.to_owned()),
            None => self.other_text(),
        }
    }

    /// [`Reader::text`] of anything but a definite text string: chunks, or an error.
    #[cold]
    fn other_text(&mut self) -> Result<String> {
        let found = self.datatype()?;
        if !matches!(found, Type::String | Type::StringIndef) {
            return Err(self.mismatch("a text string", found));
        }
        let limit = self.settings.limits.max_string_len;
        let at = self.at();
        if found == Type::String {
            let text = self.read(|cbor| cbor.str())?;
            if text.len() > limit {
                return Err(self.too_long(TEXT, at));
            }
            return Ok(text.to_owned());
        }
        let mut out = String::new();
        let mut chunks = self.cbor.str_iter().map_err(|error| cbor_error(&error, at))?;
        for chunk in chunks.by_ref() {
            out.push_str(chunk.map_err(|error| cbor_error(&error, at))?);
            if out.len() > limit {
                return Err(self.too_long(TEXT, at));
            }
        }
        Ok(out)
    }

    fn blob(&mut self) -> Result<Blob> {
        if let Some(bytes) = self.definite_bytes(BYTES)? {
            return Ok(Blob::new(bytes));
        }
        let found = self.datatype()?;
        if !matches!(found, Type::Bytes | Type::BytesIndef) {
            return Err(self.mismatch("a byte string", found));
        }
        let limit = self.settings.limits.max_string_len;
        let at = self.at();
        if found == Type::Bytes {
            let bytes = self.read(|cbor| cbor.bytes())?;
            if bytes.len() > limit {
                return Err(self.too_long(BYTES, at));
            }
            return Ok(Blob::new(bytes));
        }
        let mut out = Vec::new();
        let mut chunks = self.cbor.bytes_iter().map_err(|error| cbor_error(&error, at))?;
        for chunk in chunks.by_ref() {
            out.extend_from_slice(chunk.map_err(|error| cbor_error(&error, at))?);
            if out.len() > limit {
                return Err(self.too_long(BYTES, at));
            }
        }
        Ok(Blob::new(out))
    }

    /// A timestamp: tag 1 and epoch seconds (an integer or a float); an untagged number is
    /// read as epoch seconds too.
    fn timestamp(&mut self) -> Result<Timestamp> {
        if self.datatype()? == Type::Tag {
            let at = self.at();
            let tag = self.read(|cbor| cbor.tag())?.as_u64();
            if tag != 1 {
                return Err(Error::data(format!("a timestamp is tag 1, not tag {tag}")).at_offset(at));
            }
        }
        self.epoch_seconds()
    }

    fn epoch_seconds(&mut self) -> Result<Timestamp> {
        let at = self.at();
        let found = self.datatype()?;
        let timestamp = match found {
            _ if is_integer(found) => {
                let seconds = self.int()?;
                i64::try_from(seconds).ok().and_then(|seconds| Timestamp::from_secs(seconds).ok())
            }
            Type::F16 | Type::F32 | Type::F64 => {
                // A double holds no finer fraction than about 30 µs across years 0000–9999:
                // read to the millisecond, so that what is read writes back to the same double.
                let millis = (self.float()? * 1000.0).round();
                let in_range = millis.is_finite() && millis.abs() < 1e17;
                in_range
                    .then_some(millis as i64)
                    .and_then(|ms| Timestamp::new(ms.div_euclid(1000), (ms.rem_euclid(1000) * 1_000_000) as u32).ok())
            }
            other => return Err(self.mismatch("epoch seconds", other)),
        };
        timestamp.ok_or_else(|| Error::data("a timestamp outside years 0000 to 9999").at_offset(at))
    }
}

/// A key of a structure or union: one of its members, or a name it does not have.
enum Key<'b, 'm> {
    Member(MemberRef<'m>),
    Other(Cow<'b, str>),
}

/// The text string at `at`, its content `bytes`, checked as UTF-8.
fn utf8(bytes: &[u8], at: usize) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|_| Error::syntax("a text string is not UTF-8", at))
}

fn is_integer(found: Type) -> bool {
    matches!(
        found,
        Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int
    )
}

/// A data type as an error message names it.
fn describe(found: Type) -> &'static str {
    match found {
        Type::Bool => "a boolean",
        Type::Null => "null",
        Type::Undefined => "undefined",
        Type::F16 | Type::F32 | Type::F64 => "a float",
        Type::Simple => "a simple value",
        Type::Bytes | Type::BytesIndef => "a byte string",
        Type::String | Type::StringIndef => "a text string",
        Type::Array | Type::ArrayIndef => "an array",
        Type::Map | Type::MapIndef => "a map",
        Type::Tag => "a tag",
        Type::Break => "a break",
        _ => "an integer",
    }
}
