//! Smithy's `document`: an untyped tree inside a typed value.

use std::ops::{Deref, DerefMut};

use super::{Value, teardown};

/// The content of a [`Value::Document`]: an untyped value made of [`Value::Null`],
/// [`Value::Boolean`], numbers ([`Value::Long`], [`Value::Double`], [`Value::BigInteger`],
/// [`Value::BigDecimal`]), [`Value::String`], [`Value::List`] and [`Value::Map`].
///
/// Codecs write documents without a schema and reject other kinds of value inside one.
///
/// ```
/// use awsval::{Document, Map, Value};
///
/// let document = Document::new(Value::Map(Map::new().with("enabled", true)));
/// assert_eq!(document["enabled"], Value::Boolean(true));
/// ```
#[derive(Clone, PartialEq)]
pub struct Document(Box<Value>);

impl Document {
    /// Wraps an untyped value.
    pub fn new(value: impl Into<Value>) -> Self {
        Self(Box::new(value.into()))
    }

    /// The document `null`.
    pub fn null() -> Self {
        Self::new(Value::Null)
    }

    /// The untyped value, owned.
    pub fn into_value(mut self) -> Value {
        self.0.take()
    }
}

impl Default for Document {
    fn default() -> Self {
        Self::null()
    }
}

impl Deref for Document {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.0
    }
}

impl DerefMut for Document {
    fn deref_mut(&mut self) -> &mut Value {
        &mut self.0
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        teardown::value(&mut self.0);
    }
}
