//! The XML codec: schema-guided, between bytes and [`Value`](crate::Value), on quick-xml.
//!
//! Element names come from `xmlName` (botocore's `locationName`), else member names;
//! `xmlAttribute` members are attributes; lists are wrapped in `<member>` items unless
//! flattened; maps are `<entry><key/><value/></entry>` unless flattened. Reading is safe on
//! untrusted bytes: no DOCTYPE, no entity but the five predefined ones, bounded depth, one root.
//!
//! ```
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval::xml::{self, XmlSettings};
//! use awsval::{Map, Structure, Value};
//!
//! let mut builder = ModelBuilder::new();
//! let string = builder.prelude(ShapeType::String);
//! let tags = builder.map("Tags", string, string).id();
//! let shape = builder.add("Bucket", ShapeType::Structure).member("Name", string).member("Tags", tags).id();
//! let model = builder.finish()?;
//!
//! let value = Value::from(Structure::new().with("Name", "a<b").with("Tags", Map::new().with("k", "v")));
//! let bytes = xml::encode(&value, model.get(shape), &XmlSettings::default())?;
//! assert_eq!(bytes, b"<Bucket><Name>a&lt;b</Name><Tags><entry><key>k</key><value>v</value></entry></Tags></Bucket>");
//! assert_eq!(xml::decode(&bytes, model.get(shape), &XmlSettings::default())?, value);
//! # Ok::<(), awsval::Error>(())
//! ```

mod decode;
mod encode;
mod reader;
mod typed;
mod wellformed;

pub use self::decode::{decode, decode_at, root_name, text_at, texts_at};
pub use self::encode::{encode, encode_members, encode_typed, encode_typed_with, encode_with};
pub(crate) use self::encode::{encode_framed, encode_typed_framed, start_tag, text_element, text_element_in};
pub use self::typed::{decode_typed, decode_typed_at};
pub(crate) use self::typed::{read_typed, read_typed_at};
use crate::codec::BlobText;
use crate::limits::Limits;
use crate::timestamp::TimestampFormat;

/// What varies between XML dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmlSettings {
    /// The timestamp format when neither member nor target has `@timestampFormat`.
    pub timestamp_format: TimestampFormat,
    /// Whether [`XmlSettings::timestamp_format`] applies even where a trait says otherwise.
    pub force_timestamp_format: bool,
    /// How blobs are written.
    pub blob_text: BlobText,
    /// Bounds on the input.
    pub limits: Limits,
    /// Whether a timestamp must be in its modeled format. By default one in another format
    /// that says unambiguously which it is (an RFC 3339 string where epoch seconds are
    /// modeled, a number where a date-time is) is read, as botocore reads it; writing always
    /// uses the modeled format.
    pub strict_timestamps: bool,
}

impl XmlSettings {
    /// restXml and the query protocols: date-time timestamps, base64 blobs.
    pub const fn new() -> Self {
        Self {
            timestamp_format: TimestampFormat::DateTime,
            force_timestamp_format: false,
            blob_text: BlobText::Base64,
            limits: Limits::new(),
            strict_timestamps: false,
        }
    }

    /// Sets [`XmlSettings::strict_timestamps`].
    #[must_use]
    pub const fn with_strict_timestamps(mut self, strict: bool) -> Self {
        self.strict_timestamps = strict;
        self
    }

    /// Sets the default timestamp format.
    #[must_use]
    pub const fn with_timestamp_format(mut self, format: TimestampFormat) -> Self {
        self.timestamp_format = format;
        self
    }

    /// Makes [`XmlSettings::timestamp_format`] apply to every timestamp.
    #[must_use]
    pub const fn forcing_timestamp_format(mut self) -> Self {
        self.force_timestamp_format = true;
        self
    }

    /// Sets how blobs are written.
    #[must_use]
    pub const fn with_blob_text(mut self, blob_text: BlobText) -> Self {
        self.blob_text = blob_text;
        self
    }

    /// Sets the input bounds.
    #[must_use]
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub(crate) fn timestamp_format_for(&self, declared: Option<TimestampFormat>) -> TimestampFormat {
        match declared {
            Some(format) if !self.force_timestamp_format => format,
            _ => self.timestamp_format,
        }
    }
}

impl Default for XmlSettings {
    fn default() -> Self {
        Self::new()
    }
}
