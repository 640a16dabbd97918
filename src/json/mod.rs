//! The JSON codec: schema-guided, straight between bytes and [`Value`](crate::Value).
//!
//! Decoding reads the bytes once with a strict RFC 8259 reader and builds the `Value` as it
//! goes (no intermediate JSON tree); encoding walks the `Value` beside its schema. What differs
//! between awsJson, restJson1 and other JSON dialects is in [`JsonSettings`].
//!
//! ```
//! use awsval::json::{self, JsonSettings};
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval::TimestampFormat;
//!
//! let mut builder = ModelBuilder::new();
//! let string = builder.prelude(ShapeType::String);
//! let time = builder.prelude(ShapeType::Timestamp);
//! let job = builder.add("Job", ShapeType::Structure).member("JobId", string).json_name("jobId").member("Created", time).id();
//! let model = builder.finish()?;
//!
//! let settings = JsonSettings::rest_json();
//! let value = json::decode(br#"{"jobId": "j-1", "Created": 1.5, "ignored": [1, 2]}"#, model.get(job), &settings)?;
//! assert_eq!(value["JobId"].as_str(), Some("j-1"));
//! assert_eq!(value["Created"].as_timestamp().map(|t| t.nanos()), Some(500_000_000));
//! assert_eq!(json::encode(&value, model.get(job), &settings)?, br#"{"jobId":"j-1","Created":1.5}"#);
//!
//! // The same value in awsJson, which ignores jsonName, with date-time timestamps:
//! let settings = JsonSettings::aws_json().with_timestamp_format(TimestampFormat::DateTime);
//! assert_eq!(
//!     json::encode(&value, model.get(job), &settings)?,
//!     br#"{"JobId":"j-1","Created":"1970-01-01T00:00:01.5Z"}"#
//! );
//! # Ok::<(), awsval::Error>(())
//! ```

mod decode;
mod encode;
mod plain;
mod reader;
mod writer;

pub use self::decode::{decode, decode_document, decode_typed};
pub(crate) use self::decode::{expected, whole_document};
pub(crate) use self::encode::encode_object_with;
pub use self::encode::{encode, encode_document, encode_to, encode_typed};
use crate::limits::Limits;
use crate::timestamp::TimestampFormat;

pub use crate::codec::BlobText;

/// What varies between JSON dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonSettings {
    /// Whether `@jsonName` renames keys (restJson1) or member names are used (awsJson).
    pub json_name: bool,
    /// The timestamp format when neither the member nor its target has `@timestampFormat`.
    pub timestamp_format: TimestampFormat,
    /// Whether [`JsonSettings::timestamp_format`] applies even where a trait says otherwise.
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
    /// Whether a null in a dense list or map, or a union member the schema does not have, is
    /// refused, as a Smithy server reads a request. By default the null is dropped and the
    /// member kept by name, as a client reads a response.
    pub strict_input: bool,
}

impl JsonSettings {
    /// awsJson1_0 and awsJson1_1 bodies: member names, epoch-seconds timestamps.
    pub const fn aws_json() -> Self {
        Self {
            json_name: false,
            timestamp_format: TimestampFormat::EpochSeconds,
            force_timestamp_format: false,
            blob_text: BlobText::Base64,
            limits: Limits::new(),
            strict_timestamps: false,
            strict_input: false,
        }
    }

    /// restJson1 bodies: `@jsonName` keys, epoch-seconds timestamps.
    pub const fn rest_json() -> Self {
        Self { json_name: true, ..Self::aws_json() }
    }

    /// Plain JSON for people and tools: member names, every timestamp in RFC 3339, base64
    /// blobs.
    pub const fn plain() -> Self {
        Self { timestamp_format: TimestampFormat::DateTime, force_timestamp_format: true, ..Self::aws_json() }
    }

    /// Sets [`JsonSettings::strict_timestamps`].
    #[must_use]
    pub const fn with_strict_timestamps(mut self, strict: bool) -> Self {
        self.strict_timestamps = strict;
        self
    }

    /// Sets [`JsonSettings::strict_timestamps`] and [`JsonSettings::strict_input`]: reading as
    /// a Smithy server reads a request.
    #[must_use]
    pub const fn as_server(mut self) -> Self {
        self.strict_timestamps = true;
        self.strict_input = true;
        self
    }

    /// Sets the default timestamp format.
    #[must_use]
    pub const fn with_timestamp_format(mut self, format: TimestampFormat) -> Self {
        self.timestamp_format = format;
        self
    }

    /// Makes [`JsonSettings::timestamp_format`] apply to every timestamp.
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

    /// The timestamp format of a member (or list item) given its own format trait.
    pub(crate) fn timestamp_format_for(&self, declared: Option<TimestampFormat>) -> TimestampFormat {
        match declared {
            Some(format) if !self.force_timestamp_format => format,
            _ => self.timestamp_format,
        }
    }
}

impl Default for JsonSettings {
    /// [`JsonSettings::aws_json`].
    fn default() -> Self {
        Self::aws_json()
    }
}
