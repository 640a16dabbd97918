//! serde for awsval's leaf types, so that the serde references parse timestamps and blobs with
//! the same code as awsval and the comparison measures the codecs alone.

use std::fmt;

use awsval::{Blob, Timestamp, TimestampFormat};
use serde::Serializer;
use serde::de::{self, Deserializer, Visitor};

/// A text leaf: the string is parsed in place (borrowed when the input allows it).
fn text<'de, D: Deserializer<'de>, T>(deserializer: D, parse: fn(&str) -> awsval::Result<T>) -> Result<T, D::Error> {
    struct Text<T>(fn(&str) -> awsval::Result<T>);
    impl<T> Visitor<'_> for Text<T> {
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

/// A blob as base64 text.
pub mod blob {
    use super::*;

    pub fn serialize<S: Serializer>(blob: &Blob, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&blob.to_base64())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Blob, D::Error> {
        text(deserializer, |text| Blob::from_base64(text))
    }
}

/// A date-time (RFC 3339) timestamp.
pub mod date_time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&time.format(TimestampFormat::DateTime))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        text(deserializer, |text| Timestamp::parse(text, TimestampFormat::DateTime))
    }
}
