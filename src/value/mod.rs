//! [`Value`]: one self-describing tree for every Smithy shape.
//!
//! A `Value` carries no schema and knows nothing about wires. Structures keep their member
//! names (as interned [`Name`]s) in schema order; maps keep insertion order; unions hold one
//! member or the name of a member this build does not know.
//!
//! ```
//! use awsval::{Structure, Value};
//!
//! let value = Value::from(
//!     Structure::new()
//!         .with("Arn", "arn:aws:quicksight:us-east-1:1:dashboard/d")
//!         .with("Files", Value::List(vec![Value::from(1), Value::from(2)].into())),
//! );
//! assert_eq!(value["Arn"].as_str(), Some("arn:aws:quicksight:us-east-1:1:dashboard/d"));
//! assert_eq!(value["Files"][1].as_i64(), Some(2));
//! assert!(value.get("Missing").is_none());
//! ```
//!
//! Every tree operation here (drop, clone, `Debug`, comparison) works without recursion, so a
//! value nested 100,000 deep is no danger to the stack.

mod debug;
pub(crate) mod decimal;
mod document;
mod equivalence;
mod list;
mod map;
mod name;
mod structure;
mod teardown;
mod union;
mod walk;

use std::borrow::Cow;
use std::ops::Index;

pub(crate) use self::debug::{Redact, write_debug};
pub use self::document::Document;
pub use self::equivalence::Equivalence;
pub use self::list::List;
pub use self::map::Map;
pub use self::name::Name;
pub(crate) use self::structure::MemberStack;
pub use self::structure::Structure;
pub use self::union::Union;
pub(crate) use self::walk::Label;
use crate::blob::Blob;
use crate::timestamp::Timestamp;

/// A value of any Smithy shape.
///
/// The node is 32 bytes: containers and strings are a pointer, a length and a capacity behind
/// the tag. Absent members are simply not there; [`Value::Null`] is only a null item of a sparse
/// list or map (or a JSON `null` inside a document).
pub enum Value {
    /// Named members in schema order.
    Structure(Structure),
    /// Exactly one member, or an unknown member's name.
    Union(Union),
    /// Items in order.
    List(List),
    /// String keys to values, in insertion order.
    Map(Map),
    /// A string enum value; unknown values are kept as they came.
    Enum(Cow<'static, str>),
    /// An intEnum value; unknown values are kept as they came.
    IntEnum(i32),
    /// `boolean`.
    Boolean(bool),
    /// `byte`: 8-bit signed.
    Byte(i8),
    /// `short`: 16-bit signed.
    Short(i16),
    /// `integer`: 32-bit signed.
    Integer(i32),
    /// `long`: 64-bit signed.
    Long(i64),
    /// `float`: 32-bit IEEE 754.
    Float(f32),
    /// `double`: 64-bit IEEE 754.
    Double(f64),
    /// `bigInteger`, as its decimal text.
    BigInteger(String),
    /// `bigDecimal`, as its decimal text.
    BigDecimal(String),
    /// `string`.
    String(String),
    /// `blob`.
    Blob(Blob),
    /// `timestamp`.
    Timestamp(Timestamp),
    /// `document`: an untyped tree of null, booleans, numbers, strings, lists and maps.
    Document(Document),
    /// A null item of a sparse list or map.
    Null,
}

/// What indexing a missing member, key or item gives.
static NULL: Value = Value::Null;

impl Value {
    /// The Smithy name of the value's type: `structure`, `string`, `bigDecimal`…, or `null`.
    pub const fn type_name(&self) -> &'static str {
        match self {
            Self::Structure(_) => "structure",
            Self::Union(_) => "union",
            Self::List(_) => "list",
            Self::Map(_) => "map",
            Self::Enum(_) => "enum",
            Self::IntEnum(_) => "intEnum",
            Self::Boolean(_) => "boolean",
            Self::Byte(_) => "byte",
            Self::Short(_) => "short",
            Self::Integer(_) => "integer",
            Self::Long(_) => "long",
            Self::Float(_) => "float",
            Self::Double(_) => "double",
            Self::BigInteger(_) => "bigInteger",
            Self::BigDecimal(_) => "bigDecimal",
            Self::String(_) => "string",
            Self::Blob(_) => "blob",
            Self::Timestamp(_) => "timestamp",
            Self::Document(_) => "document",
            Self::Null => "null",
        }
    }

    /// Whether this is [`Value::Null`].
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// A member of a structure or union, or the value of a map key; looks through a document.
    pub fn get(&self, key: &str) -> Option<&Self> {
        match self {
            Self::Structure(structure) => structure.get(key),
            Self::Map(map) => map.get(key),
            Self::Union(union) if union.name() == key => union.value(),
            Self::Document(document) => document.get(key),
            _ => None,
        }
    }

    /// Mutable [`Value::get`].
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Self> {
        match self {
            Self::Structure(structure) => structure.get_mut(key),
            Self::Map(map) => map.get_mut(key),
            Self::Union(union) if union.name() == key => union.value_mut(),
            Self::Document(document) => document.get_mut(key),
            _ => None,
        }
    }

    /// The item at `index` of a list; looks through a document.
    pub fn get_index(&self, index: usize) -> Option<&Self> {
        match self {
            Self::List(list) => list.get(index),
            Self::Document(document) => document.get_index(index),
            _ => None,
        }
    }

    /// The text of a string or an enum value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            Self::Enum(text) => Some(text),
            _ => None,
        }
    }

    /// A boolean.
    pub const fn as_bool(&self) -> Option<bool> {
        match *self {
            Self::Boolean(value) => Some(value),
            _ => None,
        }
    }

    /// Any integer type or intEnum, widened to `i64`.
    pub const fn as_i64(&self) -> Option<i64> {
        match *self {
            Self::Byte(value) => Some(value as i64),
            Self::Short(value) => Some(value as i64),
            Self::Integer(value) | Self::IntEnum(value) => Some(value as i64),
            Self::Long(value) => Some(value),
            _ => None,
        }
    }

    /// A float or double, widened to `f64`.
    pub const fn as_f64(&self) -> Option<f64> {
        match *self {
            Self::Float(value) => Some(value as f64),
            Self::Double(value) => Some(value),
            _ => None,
        }
    }

    /// A blob's bytes.
    pub fn as_blob(&self) -> Option<&Blob> {
        match self {
            Self::Blob(blob) => Some(blob),
            _ => None,
        }
    }

    /// A timestamp.
    pub const fn as_timestamp(&self) -> Option<Timestamp> {
        match *self {
            Self::Timestamp(value) => Some(value),
            _ => None,
        }
    }

    /// A structure.
    pub const fn as_structure(&self) -> Option<&Structure> {
        match self {
            Self::Structure(structure) => Some(structure),
            _ => None,
        }
    }

    /// A mutable structure.
    pub fn as_structure_mut(&mut self) -> Option<&mut Structure> {
        match self {
            Self::Structure(structure) => Some(structure),
            _ => None,
        }
    }

    /// A union.
    pub const fn as_union(&self) -> Option<&Union> {
        match self {
            Self::Union(union) => Some(union),
            _ => None,
        }
    }

    /// A list.
    pub const fn as_list(&self) -> Option<&List> {
        match self {
            Self::List(list) => Some(list),
            _ => None,
        }
    }

    /// A mutable list.
    pub fn as_list_mut(&mut self) -> Option<&mut List> {
        match self {
            Self::List(list) => Some(list),
            _ => None,
        }
    }

    /// A map.
    pub const fn as_map(&self) -> Option<&Map> {
        match self {
            Self::Map(map) => Some(map),
            _ => None,
        }
    }

    /// A mutable map.
    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match self {
            Self::Map(map) => Some(map),
            _ => None,
        }
    }

    /// A document.
    pub const fn as_document(&self) -> Option<&Document> {
        match self {
            Self::Document(document) => Some(document),
            _ => None,
        }
    }

    /// Takes the value out, leaving [`Value::Null`].
    pub fn take(&mut self) -> Self {
        std::mem::replace(self, Self::Null)
    }

    /// Compares with the documented test equivalence ([`Equivalence::default`]):
    /// NaN ≡ NaN, `-0.0` ≢ `0.0`, big decimals as numbers (`1.50` ≡ `15E-1`), timestamps to the
    /// nanosecond, order of structure members and map entries ignored.
    ///
    /// ```
    /// use awsval::{Map, Value};
    ///
    /// let a = Value::Map(Map::new().with("a", 1).with("b", f64::NAN));
    /// let b = Value::Map(Map::new().with("b", f64::NAN).with("a", 1));
    /// assert!(a.equivalent(&b));
    /// assert_ne!(a, b); // `PartialEq` is exact: order matters and NaN is not NaN
    /// ```
    pub fn equivalent(&self, other: &Self) -> bool {
        Equivalence::default().eq(self, other)
    }

    /// Whether the value holds other values (a non-empty container).
    fn has_children(&self) -> bool {
        match self {
            Self::Structure(structure) => !structure.is_empty(),
            Self::List(list) => !list.is_empty(),
            Self::Map(map) => !map.is_empty(),
            Self::Union(union) => union.value().is_some(),
            Self::Document(_) => true,
            _ => false,
        }
    }
}

impl Default for Value {
    /// [`Value::Null`].
    fn default() -> Self {
        Self::Null
    }
}

impl PartialEq for Value {
    /// Exact comparison: same types, same order, IEEE float equality (`NaN != NaN`).
    /// For tests prefer [`Value::equivalent`].
    fn eq(&self, other: &Self) -> bool {
        Equivalence::EXACT.eq(self, other)
    }
}

impl Clone for Value {
    /// A deep copy, made without recursion.
    fn clone(&self) -> Self {
        walk::deep_clone(self)
    }
}

impl Index<&str> for Value {
    type Output = Self;

    /// [`Value::get`], or [`Value::Null`] when there is no such member or key.
    fn index(&self, key: &str) -> &Self {
        self.get(key).unwrap_or(&NULL)
    }
}

impl Index<usize> for Value {
    type Output = Self;

    /// [`Value::get_index`], or [`Value::Null`] when there is no such item.
    fn index(&self, index: usize) -> &Self {
        self.get_index(index).unwrap_or(&NULL)
    }
}

macro_rules! from_scalar {
    ($($source:ty => $variant:ident),* $(,)?) => {
        $(impl From<$source> for Value {
            fn from(value: $source) -> Self {
                Self::$variant(value.into())
            }
        })*
    };
}

from_scalar! {
    bool => Boolean,
    i8 => Byte,
    i16 => Short,
    i32 => Integer,
    i64 => Long,
    f32 => Float,
    f64 => Double,
    String => String,
    &str => String,
    Blob => Blob,
    Timestamp => Timestamp,
    Structure => Structure,
    Union => Union,
    List => List,
    Map => Map,
    Document => Document,
    Vec<Value> => List,
}
