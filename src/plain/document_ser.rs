//! Any [`Serialize`] type into a [`Document`], and a document out through any serializer.
//!
//! Numbers keep their exactness: integers of any width up to 128 bits are written and read as
//! such, and a number beyond that (or a decimal a double cannot hold) travels in serde_json's
//! own form for exact numbers, so `serde_json` with its `arbitrary_precision` feature keeps
//! its text both ways.

use serde::ser::{self, Serialize, SerializeMap as _, SerializeSeq as _};

use crate::error::{Error, Result};
use crate::value::{Document, List, Map, Value};

/// The struct name (and its one field's) by which serde_json passes a number as its text.
pub(super) const NUMBER_TOKEN: &str = "$serde_json::private::Number";
/// The struct name by which serde_json passes raw JSON text.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

impl Document {
    /// The document `value` serializes to: structs and maps as maps, sequences and tuples as
    /// lists, unit and `None` as null, an enum variant with content as a one-entry map (as
    /// serde_json writes them), integers of up to 128 bits exactly (as longs, or big integers
    /// beyond 64 bits), floats as doubles.
    ///
    /// ```
    /// use awsval::{Document, Value};
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    /// struct Settings { retries: u32, ratio: f64, tags: Vec<String>, total: u128 }
    ///
    /// let settings = Settings { retries: 3, ratio: 0.5, tags: vec!["a".into()], total: u128::MAX };
    /// let document = Document::from_serialize(&settings)?;
    /// assert_eq!(document["retries"], Value::Long(3));
    /// assert_eq!(document["total"], Value::BigInteger(u128::MAX.to_string()));
    /// assert_eq!(document.deserialize_into::<Settings>()?, settings);
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self> {
        value.serialize(ValueSerializer).map(Self::new)
    }
}

/// A document writes itself through any serializer: the inverse of its `Deserialize`.
impl Serialize for Document {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        Untyped(self).serialize(serializer)
    }
}

/// A document's content as serde sees it.
pub(super) struct Untyped<'a>(pub(super) &'a Value);

impl Serialize for Untyped<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => serializer.serialize_unit(),
            Value::Boolean(b) => serializer.serialize_bool(*b),
            Value::Byte(n) => serializer.serialize_i8(*n),
            Value::Short(n) => serializer.serialize_i16(*n),
            Value::Integer(n) | Value::IntEnum(n) => serializer.serialize_i32(*n),
            Value::Long(n) => serializer.serialize_i64(*n),
            Value::Float(f) => serializer.serialize_f32(*f),
            Value::Double(d) => serializer.serialize_f64(*d),
            Value::BigInteger(text) => match (text.parse::<i128>(), text.parse::<u128>()) {
                (Ok(n), _) => serializer.serialize_i128(n),
                (_, Ok(n)) => serializer.serialize_u128(n),
                _ => serialize_number_text(text, serializer),
            },
            Value::BigDecimal(text) => serialize_number_text(text, serializer),
            Value::String(text) => serializer.serialize_str(text),
            Value::Enum(text) => serializer.serialize_str(text),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(&Untyped(item))?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, item) in entries.iter() {
                    map.serialize_entry(key, &Untyped(item))?;
                }
                map.end()
            }
            Value::Document(document) => Untyped(document).serialize(serializer),
            other => Err(ser::Error::custom(format!("a document cannot hold a {}", other.type_name()))),
        }
    }
}

/// A number by its text: as a double when the double is written with that very text, else in
/// serde_json's form for exact numbers.
pub(crate) fn serialize_number_text<S: ser::Serializer>(
    text: &str,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    use ser::SerializeStruct as _;
    if let Ok(value) = text.parse::<f64>() {
        if value.is_finite() && ryu::Buffer::new().format_finite(value) == text {
            return serializer.serialize_f64(value);
        }
    }
    let mut number = serializer.serialize_struct(NUMBER_TOKEN, 1)?;
    number.serialize_field(NUMBER_TOKEN, text)?;
    number.end()
}

/// An integer as a long, or a big integer beyond 64 bits.
fn integer(n: impl Into<i128>) -> Value {
    let n = n.into();
    i64::try_from(n).map_or_else(|_| Value::BigInteger(n.to_string()), Value::Long)
}

/// Number text as a document holds it (as a JSON document read off the wire would).
pub(super) fn number_of_text(text: &str) -> Result<Value> {
    let is_number = text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit());
    if !is_number {
        return Err(Error::data("a number's text is not a number"));
    }
    if !text.contains(['.', 'e', 'E']) {
        return Ok(text.parse().map_or_else(|_| Value::BigInteger(text.to_owned()), Value::Long));
    }
    Ok(match text.parse::<f64>() {
        // Kept as a double only when the double gives the same text back.
        Ok(value) if value.is_finite() && ryu::Buffer::new().format_finite(value) == text => Value::Double(value),
        _ => Value::BigDecimal(text.to_owned()),
    })
}

/// The serializer whose output is a document's content.
struct ValueSerializer;

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    fn serialize_bool(self, v: bool) -> Result<Value> {
        Ok(Value::Boolean(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Value> {
        Ok(integer(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Value> {
        Ok(i64::try_from(v).map_or_else(|_| Value::BigInteger(v.to_string()), Value::Long))
    }
    fn serialize_f32(self, v: f32) -> Result<Value> {
        Ok(Value::Double(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<Value> {
        Ok(Value::Double(v))
    }
    fn serialize_char(self, v: char) -> Result<Value> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value> {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value> {
        Ok(Value::List(v.iter().map(|&b| Value::Long(i64::from(b))).collect()))
    }
    fn serialize_none(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Value> {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<Value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value> {
        Ok(Value::Map(Map::new().with(variant, value.serialize(self)?)))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder> {
        Ok(SeqBuilder { items: List::with_capacity(len.unwrap_or(0).min(4096)), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqBuilder> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder> {
        Ok(SeqBuilder { variant: Some(variant), ..self.serialize_seq(Some(len))? })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapBuilder> {
        Ok(MapBuilder { map: Map::new(), key: None, variant: None, special: None })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<MapBuilder> {
        let special = [NUMBER_TOKEN, RAW_TOKEN].into_iter().find(|token| *token == name);
        Ok(MapBuilder { special, ..self.serialize_map(Some(len))? })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapBuilder> {
        Ok(MapBuilder { variant: Some(variant), ..self.serialize_map(Some(len))? })
    }
}

/// A list being written; a tuple variant's is wrapped in a one-entry map.
struct SeqBuilder {
    items: List,
    variant: Option<&'static str>,
}

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(ValueSerializer)?);
        Ok(())
    }

    fn finish(self) -> Value {
        let list = Value::List(self.items);
        match self.variant {
            Some(variant) => Value::Map(Map::new().with(variant, list)),
            None => list,
        }
    }
}

/// The four sequence-writing traits, each pushing an element.
macro_rules! seq_builder {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for SeqBuilder {
            type Ok = Value;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<Value> {
                Ok(self.finish())
            }
        }
    )*};
}

seq_builder!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map being written; a struct variant's is wrapped in a one-entry map, and serde_json's
/// exact numbers and raw JSON become what their text says.
struct MapBuilder {
    map: Map,
    key: Option<String>,
    variant: Option<&'static str>,
    special: Option<&'static str>,
}

impl MapBuilder {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.map.push(key, value.serialize(ValueSerializer)?);
        Ok(())
    }

    fn finish(mut self) -> Result<Value> {
        if let Some(token) = self.special {
            let Some(Value::String(text)) = self.map.remove(token) else {
                return Err(Error::data(format!("{token} without its text")));
            };
            return if token == NUMBER_TOKEN {
                number_of_text(&text)
            } else {
                crate::json::decode_document(text.as_bytes(), &crate::json::JsonSettings::plain())
            };
        }
        let map = Value::Map(self.map);
        Ok(match self.variant {
            Some(variant) => Value::Map(Map::new().with(variant, map)),
            None => map,
        })
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(KeySerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| Error::data("a map value without its key"))?;
        self.map.push(key, value.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapBuilder {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

/// Map keys: strings, and what serde_json also writes as keys (characters, integers,
/// booleans, unit variants).
struct KeySerializer;

fn key_error() -> Error {
    Error::data("a document's map key must be a string")
}

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_owned())
    }
    fn serialize_char(self, v: char) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_bool(self, v: bool) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<String> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<String> {
        Err(key_error())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<String> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<String> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String> {
        Err(key_error())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<String> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<String> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_error())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_error())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_error())
    }
}
