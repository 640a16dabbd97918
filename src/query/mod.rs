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

mod decode;
mod encode;
mod typed;

pub use self::decode::decode;
pub use self::encode::encode;
pub use self::typed::encode_typed;
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::schema::MemberRef;
use crate::timestamp::TimestampFormat;

/// The query key of `member`: ec2Query's `ec2QueryName` or capitalised name, awsQuery's name
/// (`xmlName`, else the member name).
pub(crate) fn member_key(flavor: QueryFlavor, member: MemberRef<'_>) -> String {
    match flavor {
        QueryFlavor::AwsQuery => member.xml_name().to_owned(),
        QueryFlavor::Ec2Query => match &member.traits().ec2_query_name {
            Some(name) => name.to_string(),
            None => {
                let name = member.xml_name();
                let mut chars = name.chars();
                chars.next().map(|first| first.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
            }
        },
    }
}

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

/// Splits an `application/x-www-form-urlencoded` body (or a URL's query string) into its
/// pairs, percent-decoded (`+` is a space); a key without `=` has the empty value. A `%` not
/// followed by two hex digits is a syntax error at its byte offset; a key or value whose
/// decoded bytes are not UTF-8 is a data error at the offset where it starts.
///
/// ```
/// use awsval::query::parse_form;
/// assert_eq!(parse_form(b"a=1%202&b+c=&d")?, [("a".into(), "1 2".into()), ("b c".into(), "".into()), ("d".into(), "".into())]);
/// assert_eq!(parse_form(b"a=%2").unwrap_err().to_string(), "syntax error: `%` is not followed by two hex digits (byte 2)");
/// assert_eq!(parse_form(b"a=b&c=%FF").unwrap_err().to_string(), "data error: percent-decoded text is not UTF-8 (byte 6)");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn parse_form(form: &[u8]) -> Result<Vec<(String, String)>> {
    parse_form_at(form, 0)
}

/// [`parse_form`] of a form that starts at byte `start` of its message (a URI's query string),
/// errors at offsets in the message.
pub(crate) fn parse_form_at(form: &[u8], start: usize) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    let mut offset = start;
    for pair in form.split(|&b| b == b'&') {
        if !pair.is_empty() {
            let split = pair.iter().position(|&b| b == b'=').unwrap_or(pair.len());
            let key = percent_decode(&pair[..split], offset, true)?;
            let value = percent_decode(pair.get(split + 1..).unwrap_or_default(), offset + split + 1, true)?;
            pairs.push((key, value));
        }
        offset += pair.len() + 1;
    }
    Ok(pairs)
}

/// `text` (at byte `offset` of its input) percent-decoded; `+` is a space in a form
/// (`plus_is_space`), itself in a URI path.
pub(crate) fn percent_decode(text: &[u8], offset: usize, plus_is_space: bool) -> Result<String> {
    let mut out = Vec::with_capacity(text.len());
    let mut index = 0;
    while let Some(&byte) = text.get(index) {
        match byte {
            b'%' => {
                let hex = |at: usize| text.get(at).and_then(|b| char::from(*b).to_digit(16));
                let (Some(high), Some(low)) = (hex(index + 1), hex(index + 2)) else {
                    return Err(Error::syntax("`%` is not followed by two hex digits", offset + index));
                };
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                index += 1;
            }
            other => {
                out.push(other);
                index += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| Error::data("percent-decoded text is not UTF-8").at_offset(offset))
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
