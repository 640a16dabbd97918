//! A [`Document`] from any deserializer, and any [`Deserialize`] type from a document.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, IntoDeserializer as _, Visitor};

use super::document_ser::{NUMBER_TOKEN, number_of_text};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::timestamp::TimestampFormat;
use crate::value::{Document, List, Map, Value};

impl Document {
    /// Deserializes a `T` from the document, as from the JSON it stands for: maps as structs
    /// or maps, lists as sequences, a string or a one-entry map as an enum variant, null as
    /// `None` or unit. Integers of up to 128 bits reach the type exactly; a number beyond that,
    /// or a decimal a double cannot hold, comes in serde_json's form for exact numbers (which
    /// `serde_json::Value` with `arbitrary_precision` keeps as its text), and to a float it
    /// comes as the nearest float.
    ///
    /// ```
    /// use awsval::{Document, Map, Value};
    ///
    /// #[derive(serde::Deserialize, Debug, PartialEq)]
    /// struct Limits { depth: u8, names: Vec<String>, mode: Option<String> }
    ///
    /// let document = Document::new(Map::new().with("depth", 3_i64).with("names", vec![Value::from("a")]));
    /// let limits: Limits = document.deserialize_into()?;
    /// assert_eq!(limits, Limits { depth: 3, names: vec!["a".into()], mode: None });
    ///
    /// let error = Document::new(Map::new().with("depth", 300_i64)).deserialize_into::<Limits>().unwrap_err();
    /// assert_eq!(error.to_string(), "data error: invalid value: integer `300`, expected u8");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn deserialize_into<'de, T: Deserialize<'de>>(&'de self) -> Result<T> {
        T::deserialize(Reader(self))
    }
}

/// A document reads itself from any deserializer, nesting at most as deep as
/// [`Limits::new`] allows: numbers as longs, doubles, or (beyond them) big integers and big
/// decimals keeping their text; a map's repeated keys kept, in order, as JSON allows.
impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        UntypedSeed { depth: 0 }.deserialize(deserializer).map(Self::new)
    }
}

/// Reads one untyped value at a nesting depth.
#[derive(Clone, Copy)]
pub(super) struct UntypedSeed {
    pub(super) depth: usize,
}

impl UntypedSeed {
    fn nested<E: de::Error>(self) -> std::result::Result<Self, E> {
        let max = Limits::new().max_depth;
        if self.depth >= max {
            return Err(E::custom(format!("nesting deeper than {max} levels")));
        }
        Ok(Self { depth: self.depth + 1 })
    }
}

impl<'de> DeserializeSeed<'de> for UntypedSeed {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UntypedSeed {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Boolean(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Long(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::BigInteger(v.to_string()), Value::Long))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> std::result::Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::BigInteger(v.to_string()), Value::Long))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> std::result::Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| Value::BigInteger(v.to_string()), Value::Long))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(Value::Double(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> std::result::Result<Value, E> {
        Ok(Value::List(v.iter().map(|&b| Value::Long(i64::from(b))).collect()))
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let seed = self.nested()?;
        let mut items = List::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(seed)? {
            items.push(item);
        }
        Ok(Value::List(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let seed = self.nested()?;
        let mut entries = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN && entries.is_empty() {
                // serde_json's exact number: its text is the value.
                let text: String = map.next_value()?;
                return number_of_text(&text).map_err(de::Error::custom);
            }
            let value = map.next_value_seed(seed)?;
            entries.push(key, value);
        }
        Ok(Value::Map(entries))
    }
}

/// A document's content as a deserializer.
#[derive(Clone, Copy)]
struct Reader<'de>(&'de Value);

impl<'de> de::Deserializer<'de> for Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Boolean(b) => visitor.visit_bool(*b),
            Value::Byte(n) => visitor.visit_i64(i64::from(*n)),
            Value::Short(n) => visitor.visit_i64(i64::from(*n)),
            Value::Integer(n) | Value::IntEnum(n) => visitor.visit_i64(i64::from(*n)),
            Value::Long(n) => visitor.visit_i64(*n),
            Value::Float(f) => visitor.visit_f32(*f),
            Value::Double(d) => visitor.visit_f64(*d),
            Value::BigInteger(text) => {
                if let Ok(n) = text.parse::<u64>() {
                    visitor.visit_u64(n)
                } else if let Ok(n) = text.parse::<i128>() {
                    visitor.visit_i128(n)
                } else if let Ok(n) = text.parse::<u128>() {
                    visitor.visit_u128(n)
                } else {
                    visitor.visit_map(NumberText(Some(text)))
                }
            }
            Value::BigDecimal(text) => visitor.visit_map(NumberText(Some(text))),
            Value::String(text) => visitor.visit_borrowed_str(text),
            Value::Enum(text) => visitor.visit_borrowed_str(text),
            Value::Blob(blob) => visitor.visit_borrowed_bytes(blob),
            Value::Timestamp(t) => visitor.visit_string(t.format(TimestampFormat::DateTime)),
            Value::List(items) => visitor.visit_seq(Items(items.iter())),
            Value::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), value: None }),
            Value::Document(document) => Reader(document).deserialize_any(visitor),
            other => Err(Error::data(format!("a document cannot hold a {}", other.type_name()))),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::BigInteger(text) | Value::BigDecimal(text) => {
                visitor.visit_f64(text.parse().map_err(|_| Error::data("a number's text is not a number"))?)
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.0 {
            Value::String(text) => visitor.visit_enum(text.as_str().into_deserializer()),
            Value::Map(entries) if entries.len() == 1 => {
                let (variant, content) = &entries.iter().as_slice()[0];
                visitor.visit_enum(Variant { variant, content })
            }
            _ => Err(Error::data("an enum is a string or a map of one entry")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// A list's items.
struct Items<'de>(std::slice::Iter<'de, Value>);

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.0.next().map(|item| seed.deserialize(Reader(item))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A map's entries.
struct Entries<'de> {
    entries: std::slice::Iter<'de, (String, Value)>,
    value: Option<&'de Value>,
}

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        seed.deserialize(KeyReader(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = self.value.take().ok_or_else(|| Error::data("a map value asked for before its key"))?;
        seed.deserialize(Reader(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A number's text in serde_json's form for exact numbers: a map of one entry.
struct NumberText<'de>(Option<&'de str>);

impl<'de> de::MapAccess<'de> for NumberText<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(NUMBER_TOKEN)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let text = self.0.take().ok_or_else(|| Error::data("a number's text asked for twice"))?;
        seed.deserialize(BorrowedStrDeserializer::new(text))
    }
}

/// An enum variant with content: a map's one entry.
struct Variant<'de> {
    variant: &'de str,
    content: &'de Value,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Reader<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Reader<'de>)> {
        let variant = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.variant))?;
        Ok((variant, Reader(self.content)))
    }
}

impl<'de> de::VariantAccess<'de> for Reader<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        match self.0 {
            Value::Null => Ok(()),
            _ => Err(Error::data("a unit variant holds null")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

/// A map key: text, which an integer or boolean key of the target type is read from (as
/// serde_json reads `{"7": true}` into a map keyed by `u32`).
struct KeyReader<'de>(&'de str);

macro_rules! parsed_key {
    ($($method:ident => $visit:ident: $type:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match self.0.parse::<$type>() {
                Ok(key) => visitor.$visit(key),
                Err(_) => Err(Error::data(format!("the map key is not a {}", stringify!($type)))),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for KeyReader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0)
    }

    parsed_key! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        f32 f64 char str string bytes byte_buf option unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
