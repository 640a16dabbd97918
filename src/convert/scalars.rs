//! Simple types: booleans, numbers, strings, blobs, timestamps, documents, `Value` itself.

use std::borrow::Cow;

use time::OffsetDateTime;

use super::{FromValue, Shape, ToValue, mismatch};
use crate::blob::Blob;
use crate::error::{Error, Result};
use crate::schema::{ModelBuilder, ShapeId, ShapeType};
use crate::timestamp::Timestamp;
use crate::value::{Document, Value};

macro_rules! prelude_shape {
    ($($rust:ty => $shape:ident),* $(,)?) => {
        $(impl Shape for $rust {
            fn describe(builder: &mut ModelBuilder) -> ShapeId {
                builder.prelude(ShapeType::$shape)
            }
        })*
    };
}

prelude_shape! {
    bool => Boolean,
    i8 => Byte,
    i16 => Short,
    i32 => Integer,
    i64 => Long,
    f32 => Float,
    f64 => Double,
    String => String,
    Blob => Blob,
    Timestamp => Timestamp,
    OffsetDateTime => Timestamp,
    Document => Document,
}

/// Integers convert from any integer type whose value fits: a `long` member decoded as
/// `Integer` by a lenient codec still reads into an `i64`, and `300` never wraps into an `i8`.
macro_rules! integer {
    ($($rust:ty => $variant:ident, $name:literal);* $(;)?) => {
        $(impl ToValue for $rust {
            fn to_value(&self) -> Value {
                Value::$variant(*self)
            }
        }

        impl FromValue for $rust {
            fn from_value(value: Value) -> Result<Self> {
                let wide = value.as_i64().filter(|_| !matches!(value, Value::IntEnum(_)));
                let wide = wide.ok_or_else(|| mismatch($name, &value))?;
                <$rust>::try_from(wide).map_err(|_| Error::data(concat!($name, " out of range")))
            }
        })*
    };
}

integer! {
    i8 => Byte, "byte";
    i16 => Short, "short";
    i32 => Integer, "integer";
    i64 => Long, "long";
}

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Boolean(*self)
    }
}

impl FromValue for bool {
    fn from_value(value: Value) -> Result<Self> {
        value.as_bool().ok_or_else(|| mismatch("boolean", &value))
    }
}

impl ToValue for f32 {
    fn to_value(&self) -> Value {
        Value::Float(*self)
    }
}

impl FromValue for f32 {
    /// Only from a float: a double would lose precision.
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::Float(v) => Ok(v),
            other => Err(mismatch("float", &other)),
        }
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Double(*self)
    }
}

impl FromValue for f64 {
    fn from_value(value: Value) -> Result<Self> {
        value.as_f64().ok_or_else(|| mismatch("double", &value))
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl FromValue for String {
    /// From a string, or from an enum value (a `String` may stand for an open enum).
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::String(text) => Ok(text),
            Value::Enum(text) => Ok(text.into_owned()),
            other => Err(mismatch("string", &other)),
        }
    }
}

impl ToValue for Cow<'static, str> {
    fn to_value(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToValue for Blob {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}

impl FromValue for Blob {
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::Blob(blob) => Ok(blob),
            other => Err(mismatch("blob", &other)),
        }
    }
}

impl ToValue for Timestamp {
    fn to_value(&self) -> Value {
        Value::Timestamp(*self)
    }
}

impl FromValue for Timestamp {
    fn from_value(value: Value) -> Result<Self> {
        value.as_timestamp().ok_or_else(|| mismatch("timestamp", &value))
    }
}

impl ToValue for OffsetDateTime {
    /// The instant in UTC; an instant outside years 0000–9999 saturates to the nearest end
    /// (`time` represents exactly that range unless its `large-dates` feature is on).
    fn to_value(&self) -> Value {
        let timestamp =
            Timestamp::try_from(*self).unwrap_or(if self.year() < 0 { Timestamp::MIN } else { Timestamp::MAX });
        Value::Timestamp(timestamp)
    }
}

impl FromValue for OffsetDateTime {
    fn from_value(value: Value) -> Result<Self> {
        Timestamp::from_value(value).map(OffsetDateTime::from)
    }
}

impl ToValue for Document {
    fn to_value(&self) -> Value {
        Value::Document(self.clone())
    }
}

impl FromValue for Document {
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::Document(document) => Ok(document),
            other => Err(mismatch("document", &other)),
        }
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl FromValue for Value {
    fn from_value(value: Value) -> Result<Self> {
        Ok(value)
    }
}
