//! The typed bridge: Rust types that know their schema and convert to and from [`Value`].
//!
//! Three traits, usually derived together with `#[derive(Shape)]`:
//! - [`Shape`]: the type's schema (`describe` adds it to a [`ModelBuilder`]; `schema` gives
//!   the finished, cached [`ShapeRef`]);
//! - [`ToValue`]: `&T → Value`;
//! - [`FromValue`]: `Value → T`, with errors that carry the member path.
//!
//! ```
//! use awsval::{FromValue, ToValue, Value};
//! use std::collections::BTreeMap;
//!
//! let tags = BTreeMap::from([("team".to_owned(), vec![1i32, 2])]);
//! let value = tags.to_value();
//! assert_eq!(value["team"][1], Value::Integer(2));
//! assert_eq!(BTreeMap::<String, Vec<i32>>::from_value(value)?, tags);
//!
//! let error = Vec::<i32>::from_value(Value::List(vec![Value::from(1), Value::from("x")].into()))
//!     .unwrap_err();
//! assert_eq!(error.to_string(), "data error: expected integer, found string at [1]");
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! Operations' error enums implement [`OperationError`], which matches a wire error code to
//! a modeled error shape.

mod collections;
/// Calls `$then!` with the types that travel as their [`Value`] (and `$extra`): the leaves
/// every typed path reads and writes through the same conversions. A blob is read so too,
/// but written by [`Encoder::blob`], since its `Value` would be a copy.
macro_rules! value_leaves {
    ($then:ident $(, $extra:ty)*) => {
        $then!(
            bool,
            i8,
            i16,
            i32,
            i64,
            f32,
            f64,
            crate::timestamp::Timestamp,
            time::OffsetDateTime,
            crate::value::Document,
            crate::value::Value,
            $($extra,)*
        );
    };
}

pub mod decode;
pub mod encode;
mod operation_error;
mod scalars;
mod schema_cache;

pub use self::decode::{Decode, Decoder};
pub use self::encode::{Encode, Encoder};
pub use self::operation_error::OperationError;
pub use self::schema_cache::build_schema;
use crate::error::{Error, Result};
use crate::schema::{ModelBuilder, ShapeId, ShapeRef};
use crate::value::Value;

/// A Rust type with a Smithy schema.
pub trait Shape {
    /// Whether the type can hold "no value" (`Option<T>`): such a member is optional, and a
    /// list or map of it is `@sparse`.
    const NULLABLE: bool = false;

    /// Adds the type's shape, and every shape it reaches, to `builder`; returns its id.
    ///
    /// Implementations of named shapes go through [`ModelBuilder::memoize`], so a type is
    /// described once per builder and recursive types terminate.
    fn describe(builder: &mut ModelBuilder) -> ShapeId;

    /// The type's finished schema, built once per process.
    fn schema() -> ShapeRef<'static>
    where
        Self: Sized + 'static,
    {
        schema_cache::cached::<Self>()
    }
}

/// Converts a Rust value into a [`Value`].
pub trait ToValue {
    /// The value.
    fn to_value(&self) -> Value;

    /// The value as a structure member, or `None` when the member is absent (`Option::None`).
    fn to_member(&self) -> Option<Value> {
        Some(self.to_value())
    }
}

/// Builds a Rust value from a [`Value`].
pub trait FromValue: Sized {
    /// Converts, or fails with [`ErrorKind::Data`](crate::ErrorKind::Data) and the path to
    /// the offending member.
    fn from_value(value: Value) -> Result<Self>;

    /// What an absent structure member becomes: `Some(None)` for an `Option`, `None` (the
    /// member is required) for everything else.
    fn from_absent() -> Option<Self> {
        None
    }
}

/// The error for a value of the wrong type; it names the types, never the data.
pub fn mismatch(expected: &str, found: &Value) -> Error {
    Error::data(format!("expected {expected}, found {}", found.type_name()))
}

/// The error for a required member that is absent.
pub fn missing_member(name: &'static str) -> Error {
    Error::data("missing required member").in_member(name)
}

pub use crate::error::Redacted;

/// The message of an error value: its `Message` or `message` member, as a string.
pub fn error_message(value: &Value) -> Option<String> {
    let message = value.get("Message").or_else(|| value.get("message"))?;
    message.as_str().map(str::to_owned)
}
