//! Plain JSON and serde: a [`Value`] with its shape to and from `serde_json::Value` and any
//! serde serializer or deserializer, and [`Document`] to and from any
//! `Serialize`/`Deserialize` type.
//!
//! Plain JSON is JSON for people and tools, what the `awsval` command prints and reads: a
//! structure is an object keyed by member name, a union an object of one key, a list an
//! array, a map an object, a blob base64, a timestamp RFC 3339 in UTC, NaN and the infinities
//! strings. It is what `json::encode` and `json::decode` write and read with
//! [`JsonSettings::plain`](crate::json::JsonSettings::plain); the bridges here give the same
//! text, the same checks and the same error messages and member paths, without going through
//! bytes.
//!
//! ```
//! use awsval::plain;
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use serde_json::json;
//!
//! let mut builder = ModelBuilder::new();
//! let (string, time) = (builder.prelude(ShapeType::String), builder.prelude(ShapeType::Timestamp));
//! let shape = builder.add("Job", ShapeType::Structure).member("Id", string).member("Created", time).id();
//! let model = builder.finish()?;
//!
//! let value = plain::from_json_value(&json!({"Id": "j-1", "Created": "2026-01-01T00:00:00Z"}), model.get(shape))?;
//! assert!(value["Created"].as_timestamp().is_some());
//! assert_eq!(plain::to_json_value(&value, model.get(shape))?, json!({"Id": "j-1", "Created": "2026-01-01T00:00:00Z"}));
//!
//! let error = plain::from_json_value(&json!({"Id": 7}), model.get(shape)).unwrap_err();
//! assert_eq!(error.to_string(), "data error: expected a string, found a number at Id");
//! # Ok::<(), awsval::Error>(())
//! ```

mod de;
mod document_de;
mod document_ser;
mod ser;

use serde::Deserialize as _;

pub use self::ser::Plain;
use crate::error::{Error, Result};
use crate::schema::ShapeRef;
use crate::value::{Document, Value};

/// `value` of `shape` as a `serde_json::Value` of plain JSON (see [`Plain`]).
///
/// Big numbers keep their digits when serde_json has its `arbitrary_precision` feature;
/// without it, those beyond 128 bits and big decimals come out as serde_json's internal form
/// for exact numbers rather than rounded.
pub fn to_json_value(value: &Value, shape: ShapeRef<'_>) -> Result<serde_json::Value> {
    let failure = ser::Failure::default();
    Plain::new(value, shape)
        .serialize_keeping_error(serde_json::value::Serializer, &failure)
        .map_err(|error| failure.take().unwrap_or_else(|| Error::data(error.to_string())))
}

/// Plain JSON as a value of `shape`: what `json::decode` with
/// [`JsonSettings::plain`](crate::json::JsonSettings::plain) reads from the same JSON's text,
/// with the same errors (without byte offsets: there are no bytes).
pub fn from_json_value(json: &serde_json::Value, shape: ShapeRef<'_>) -> Result<Value> {
    de::typed(de::untyped(json, 0)?, shape)
}

/// Reads plain JSON of `shape` from any deserializer (`serde_json::Deserializer`, a
/// `serde_json::Value`, or another format's, read as the JSON it stands for).
///
/// ```
/// use awsval::plain;
/// use awsval::schema::{ModelBuilder, ShapeType};
///
/// let mut builder = ModelBuilder::new();
/// let long = builder.prelude(ShapeType::Long);
/// let sizes = builder.add("Sizes", ShapeType::List).member("member", long).id();
/// let model = builder.finish()?;
///
/// let mut json = serde_json::Deserializer::from_str("[1, 2, 9007199254740993]");
/// let value = plain::from_deserializer(&mut json, model.get(sizes))?;
/// assert_eq!(value[2].as_i64(), Some(9_007_199_254_740_993));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D, shape: ShapeRef<'_>) -> Result<Value> {
    let untyped = Document::deserialize(deserializer).map_err(|error| Error::data(error.to_string()))?;
    de::typed(untyped.into_value(), shape)
}
