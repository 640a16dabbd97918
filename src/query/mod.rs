//! The query codec: `application/x-www-form-urlencoded` request bodies for awsQuery and
//! ec2Query.
//!
//! ```
//! use awsval::query::{self, QueryFlavor, QuerySettings};
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval::{Structure, Value};
//!
//! let mut builder = ModelBuilder::new();
//! let string = builder.prelude(ShapeType::String);
//! let names = builder.list("Names", string).id();
//! let shape = builder.add("In", ShapeType::Structure).member("Names", names).member("Id", string).id();
//! let model = builder.finish()?;
//! let value = Value::from(Structure::new().with("Names", Value::List(vec!["a b".into(), "c".into()].into())).with("Id", "7"));
//!
//! let pairs = query::encode(&value, model.get(shape), &QuerySettings::new(QueryFlavor::AwsQuery))?;
//! assert_eq!(query::form_urlencode(&pairs), "Names.member.1=a%20b&Names.member.2=c&Id=7");
//! let pairs = query::encode(&value, model.get(shape), &QuerySettings::new(QueryFlavor::Ec2Query))?;
//! assert_eq!(query::form_urlencode(&pairs), "Names.1=a%20b&Names.2=c&Id=7");
//! # Ok::<(), awsval::Error>(())
//! ```

mod encode;

pub use self::encode::encode;
use crate::limits::Limits;
use crate::timestamp::TimestampFormat;

/// The two query dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryFlavor {
    /// awsQuery: keys are `xmlName` else the member name; lists `L.member.N` (or `L.N`
    /// flattened); maps `M.entry.N.key`; an empty list is `L=`.
    AwsQuery,
    /// ec2Query: keys are `ec2QueryName`, else the capitalised `xmlName` or member name; lists
    /// always `L.N`; empty lists are left out.
    Ec2Query,
}

/// What the query codec needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuerySettings {
    /// The dialect.
    pub flavor: QueryFlavor,
    /// The timestamp format when the member and its target say nothing (date-time).
    pub timestamp_format: TimestampFormat,
    /// Bounds (nesting depth).
    pub limits: Limits,
}

impl QuerySettings {
    /// The settings of `flavor`.
    pub const fn new(flavor: QueryFlavor) -> Self {
        Self { flavor, timestamp_format: TimestampFormat::DateTime, limits: Limits::new() }
    }

    /// Sets the bounds.
    #[must_use]
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Joins pairs as `key=value&…`, percent-encoding both as RFC 3986 asks: everything but
/// letters, digits and `-_.~`.
pub fn form_urlencode(pairs: &[(String, String)]) -> String {
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        percent_encode(key, &mut out);
        out.push('=');
        percent_encode(value, &mut out);
    }
    out
}

/// Appends `text` percent-encoded (RFC 3986 unreserved characters kept).
pub fn percent_encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}
