//! The Smithy shape types.

use std::fmt;

/// The type of a shape, as Smithy names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShapeType {
    /// `blob`.
    Blob,
    /// `boolean`.
    Boolean,
    /// `string`.
    String,
    /// `enum`: a string with a closed (but open on input) set of values.
    Enum,
    /// `byte`.
    Byte,
    /// `short`.
    Short,
    /// `integer`.
    Integer,
    /// `intEnum`.
    IntEnum,
    /// `long`.
    Long,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `bigInteger`.
    BigInteger,
    /// `bigDecimal`.
    BigDecimal,
    /// `timestamp`.
    Timestamp,
    /// `document`.
    Document,
    /// `list` (and `set`), with one member named `member`.
    List,
    /// `map`, with members `key` and `value`.
    Map,
    /// `structure`.
    Structure,
    /// `union`.
    Union,
}

impl ShapeType {
    /// The Smithy name: `structure`, `bigDecimal`, `intEnum`…
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Blob => "blob",
            Self::Boolean => "boolean",
            Self::String => "string",
            Self::Enum => "enum",
            Self::Byte => "byte",
            Self::Short => "short",
            Self::Integer => "integer",
            Self::IntEnum => "intEnum",
            Self::Long => "long",
            Self::Float => "float",
            Self::Double => "double",
            Self::BigInteger => "bigInteger",
            Self::BigDecimal => "bigDecimal",
            Self::Timestamp => "timestamp",
            Self::Document => "document",
            Self::List => "list",
            Self::Map => "map",
            Self::Structure => "structure",
            Self::Union => "union",
        }
    }

    /// The shape type Smithy calls `name` (`bigDecimal`, `intEnum`; `set` is a list).
    ///
    /// ```
    /// use awsval::schema::ShapeType;
    ///
    /// assert_eq!(ShapeType::from_name("bigDecimal"), Some(ShapeType::BigDecimal));
    /// assert_eq!(ShapeType::from_name("set"), Some(ShapeType::List));
    /// assert_eq!(ShapeType::from_name("service"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        const ALL: [ShapeType; 19] = [
            ShapeType::Blob,
            ShapeType::Boolean,
            ShapeType::String,
            ShapeType::Enum,
            ShapeType::Byte,
            ShapeType::Short,
            ShapeType::Integer,
            ShapeType::IntEnum,
            ShapeType::Long,
            ShapeType::Float,
            ShapeType::Double,
            ShapeType::BigInteger,
            ShapeType::BigDecimal,
            ShapeType::Timestamp,
            ShapeType::Document,
            ShapeType::List,
            ShapeType::Map,
            ShapeType::Structure,
            ShapeType::Union,
        ];
        if name == "set" {
            return Some(Self::List);
        }
        ALL.into_iter().find(|shape_type| shape_type.as_str() == name)
    }

    /// Whether shapes of this type have members (structure, union, list, map).
    pub const fn is_aggregate(self) -> bool {
        matches!(self, Self::List | Self::Map | Self::Structure | Self::Union)
    }
}

impl fmt::Display for ShapeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
