//! What the codecs share: simple values as text (XML elements and attributes, query strings,
//! URI labels and headers all carry them), how blobs are written as text, and the detection of
//! repeated keys. The codecs (`json`, `xml`, `query`) and the protocols use it; it knows no
//! wire's syntax.

pub(crate) mod repeats;
pub(crate) mod text;

use crate::error::Error;
use crate::schema::ShapeRef;
use crate::value::Value;

/// The error for a value of another type than its shape's, on encoding.
pub(crate) fn mismatch(shape: ShapeRef<'_>, found: &Value) -> Error {
    Error::data(format!("expected {}, found {}", shape.shape_type(), found.type_name()))
}

/// How blobs are written as text (JSON strings, XML text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlobText {
    /// Standard base64 with padding: what every AWS protocol uses.
    Base64,
    /// The bytes as UTF-8 text (botocore's protocol test files write blobs this way);
    /// bytes that are not UTF-8 cannot be written.
    Utf8,
}
