//! Leaves that serde cannot read by itself: timestamps and blobs, as newtypes that awsval sees
//! as the plain leaf and serde parses with awsval's own parsers, so that the comparisons
//! measure the codecs alone.

use std::fmt;

use awsval::schema::{ModelBuilder, ShapeId};
use awsval::{Blob, FromValue, Shape, Timestamp, TimestampFormat, ToValue, Value};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A date-time (RFC 3339) timestamp.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct DateTime(pub Timestamp);

/// A blob, as base64 text.
#[derive(Clone, PartialEq, Debug)]
pub struct Bytes(pub Blob);

/// `Shape`, `ToValue` and `FromValue` of a newtype, as those of the type it wraps.
macro_rules! transparent {
    ($newtype:ident($inner:ty)) => {
        impl Shape for $newtype {
            fn describe(builder: &mut ModelBuilder) -> ShapeId {
                <$inner>::describe(builder)
            }
        }

        impl ToValue for $newtype {
            fn to_value(&self) -> Value {
                self.0.to_value()
            }
        }

        impl FromValue for $newtype {
            fn from_value(value: Value) -> awsval::Result<Self> {
                <$inner>::from_value(value).map(Self)
            }
        }

        // Through the inner type's own impls, as a derive would go: the defaults would take
        // a `Value` on the way.
        impl awsval::convert::Decode for $newtype {
            fn decode<D: awsval::convert::Decoder>(
                decoder: &mut D,
                shape: awsval::schema::ShapeRef<'_>,
                format: Option<TimestampFormat>,
            ) -> awsval::Result<Self> {
                <$inner as awsval::convert::Decode>::decode(decoder, shape, format).map(Self)
            }
        }

        impl awsval::convert::Encode for $newtype {
            fn encode<E: awsval::convert::Encoder>(
                &self,
                encoder: &mut E,
                shape: awsval::schema::ShapeRef<'_>,
                format: Option<TimestampFormat>,
            ) -> awsval::Result<()> {
                self.0.encode(encoder, shape, format)
            }
        }
    };
}

transparent!(DateTime(Timestamp));
transparent!(Bytes(Blob));

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.format(TimestampFormat::DateTime))
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        text(deserializer, |text| Timestamp::parse(text, TimestampFormat::DateTime).map(Self))
    }
}

impl Serialize for Bytes {
    /// Base64 text in JSON, a byte string in binary formats (CBOR).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match serializer.is_human_readable() {
            true => serializer.serialize_str(&self.0.to_base64()),
            false => serializer.serialize_bytes(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Raw;

        impl Visitor<'_> for Raw {
            type Value = Bytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }

            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(Blob::new(bytes)))
            }
        }

        match deserializer.is_human_readable() {
            true => text(deserializer, |text| Blob::from_base64(text).map(Self)),
            false => deserializer.deserialize_bytes(Raw),
        }
    }
}

/// A text leaf, parsed in place (from the input itself when it allows borrowing).
fn text<'de, D, T, P>(deserializer: D, parse: P) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    P: FnOnce(&str) -> awsval::Result<T>,
{
    struct Text<P>(P);

    impl<T, P: FnOnce(&str) -> awsval::Result<T>> Visitor<'_> for Text<P> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            (self.0)(text).map_err(E::custom)
        }
    }

    deserializer.deserialize_str(Text(parse))
}

/// An epoch-seconds timestamp, as a JSON number.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct EpochSeconds(pub Timestamp);

transparent!(EpochSeconds(Timestamp));

impl Serialize for EpochSeconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0.secs() as f64 + f64::from(self.0.nanos()) / 1e9)
    }
}

impl<'de> Deserialize<'de> for EpochSeconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        let whole = seconds.floor();
        let nanos = ((seconds - whole) * 1e9).round() as u32;
        Timestamp::new(whole as i64, nanos).map(Self).map_err(de::Error::custom)
    }
}

/// A string enum with an `Unknown(String)` fallback: awsval's derive, and serde impls that
/// read the text once and match it (the fastest way serde has).
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(awsval::Shape, Clone, PartialEq)]
        pub enum $name {
            $(#[awsval(value = $wire)] $variant,)*
            #[awsval(unknown)]
            Unknown(String),
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(text) => text,
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::payloads::leaf::text_enum(deserializer, |text| match text {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                })
            }
        }
    };
}
pub(crate) use wire_enum;

/// Reads a string and maps it with `pick`.
pub fn text_enum<'de, D: Deserializer<'de>, T>(deserializer: D, pick: fn(&str) -> T) -> Result<T, D::Error> {
    text(deserializer, |text| Ok(pick(text)))
}
