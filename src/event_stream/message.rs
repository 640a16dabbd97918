//! One message of an event stream: its headers and payload, and how it is framed.

use std::fmt;

use crate::error::{Error, Result};
use crate::timestamp::Timestamp;

/// The value of a message header: one of the ten types the framing carries.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum HeaderValue {
    /// Types 0 and 1: `true` and `false`, which carry no bytes.
    Bool(bool),
    /// Type 2: a signed byte.
    Byte(i8),
    /// Type 3: a 16-bit integer.
    Short(i16),
    /// Type 4: a 32-bit integer.
    Integer(i32),
    /// Type 5: a 64-bit integer.
    Long(i64),
    /// Type 6: up to 65,535 bytes.
    Bytes(Vec<u8>),
    /// Type 7: up to 65,535 bytes of UTF-8 text.
    String(String),
    /// Type 8: milliseconds since the epoch.
    Timestamp(Timestamp),
    /// Type 9: 16 bytes.
    Uuid([u8; 16]),
}

impl HeaderValue {
    /// The type byte on the wire.
    pub const fn type_byte(&self) -> u8 {
        match self {
            Self::Bool(true) => 0,
            Self::Bool(false) => 1,
            Self::Byte(_) => 2,
            Self::Short(_) => 3,
            Self::Integer(_) => 4,
            Self::Long(_) => 5,
            Self::Bytes(_) => 6,
            Self::String(_) => 7,
            Self::Timestamp(_) => 8,
            Self::Uuid(_) => 9,
        }
    }

    /// The text of a string header.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }
}

impl fmt::Debug for HeaderValue {
    /// Header values are the stream's own metadata (event types, content types, dates), not
    /// data, so they are shown; a byte array only by its length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bool(value) => write!(f, "{value}"),
            Self::Byte(value) => write!(f, "{value}i8"),
            Self::Short(value) => write!(f, "{value}i16"),
            Self::Integer(value) => write!(f, "{value}i32"),
            Self::Long(value) => write!(f, "{value}i64"),
            Self::Bytes(bytes) => write!(f, "<{} bytes>", bytes.len()),
            Self::String(text) => write!(f, "{text:?}"),
            Self::Timestamp(timestamp) => write!(f, "{timestamp:?}"),
            Self::Uuid(bytes) => bytes.iter().enumerate().try_for_each(|(index, byte)| match index {
                4 | 6 | 8 | 10 => write!(f, "-{byte:02x}"),
                _ => write!(f, "{byte:02x}"),
            }),
        }
    }
}

impl From<&str> for HeaderValue {
    fn from(text: &str) -> Self {
        Self::String(text.to_owned())
    }
}

impl From<String> for HeaderValue {
    fn from(text: String) -> Self {
        Self::String(text)
    }
}

/// A message of an `application/vnd.amazon.eventstream` stream: headers in order, then the
/// payload.
///
/// ```
/// use awsval::event_stream::{Decoder, Message};
///
/// let message = Message::new(br#"{"text":"hi"}"#.to_vec())
///     .with_header(":message-type", "event")
///     .with_header(":event-type", "chunk");
/// let frame = message.to_frame()?;
/// // 16 bytes of framing, headers of 22 and 20 bytes, 13 of payload.
/// assert_eq!(frame.len(), 71);
///
/// let mut decoder = Decoder::new();
/// decoder.push(&frame);
/// assert_eq!(decoder.next_message()?, Some(message));
/// assert_eq!(decoder.next_message()?, None);
/// decoder.finish()?;
/// # Ok::<(), awsval::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// The headers, in the order they travel.
    pub headers: Vec<(String, HeaderValue)>,
    /// The payload.
    pub payload: Vec<u8>,
}

/// Bytes of the prelude (total length, headers length, prelude CRC) and the message CRC.
pub(super) const OVERHEAD: usize = 16;

impl Message {
    /// A message with `payload` and no headers.
    pub fn new(payload: impl Into<Vec<u8>>) -> Self {
        Self { headers: Vec::new(), payload: payload.into() }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<HeaderValue>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header of this name.
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, value)| value)
    }

    /// The text of the first string header of this name.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header(name).and_then(HeaderValue::as_str)
    }

    /// The message as one frame.
    pub fn to_frame(&self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(OVERHEAD + self.payload.len() + 64);
        self.write_frame(&mut out)?;
        Ok(out)
    }

    /// Appends the message's frame to `out`. A header name over 255 bytes, a string or byte
    /// array over 65,535, a timestamp finer than milliseconds (which the frame would lose) or a
    /// frame over 4 GiB is an error, and `out` is left as it was.
    pub fn write_frame(&self, out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        out.extend_from_slice(&[0; 12]);
        if let Err(error) = self.headers.iter().try_for_each(|(name, value)| write_header(name, value, out)) {
            out.truncate(start);
            return Err(error);
        }
        let headers_len = out.len() - start - 12;
        out.extend_from_slice(&self.payload);
        let total = out.len() - start + 4;
        let Ok(total) = u32::try_from(total) else {
            out.truncate(start);
            return Err(Error::limit("an event stream frame is at most 4 GiB"));
        };
        out[start..start + 4].copy_from_slice(&total.to_be_bytes());
        out[start + 4..start + 8].copy_from_slice(&(headers_len as u32).to_be_bytes());
        let prelude_crc = crc32fast::hash(&out[start..start + 8]);
        out[start + 8..start + 12].copy_from_slice(&prelude_crc.to_be_bytes());
        let message_crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&message_crc.to_be_bytes());
        Ok(())
    }
}

impl fmt::Debug for Message {
    /// The headers, and the payload by its length: a payload is the service's data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("headers", &self.headers)
            .field("payload", &format_args!("<{} bytes>", self.payload.len()))
            .finish()
    }
}

fn write_header(name: &str, value: &HeaderValue, out: &mut Vec<u8>) -> Result<()> {
    let name_len = u8::try_from(name.len())
        .map_err(|_| Error::data(format!("a header name is at most 255 bytes, not {}", name.len())))?;
    out.push(name_len);
    out.extend_from_slice(name.as_bytes());
    out.push(value.type_byte());
    let short_bytes = |bytes: &[u8], out: &mut Vec<u8>| {
        let len = u16::try_from(bytes.len()).map_err(|_| Error::data(format!("header {name} is over 65,535 bytes")))?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(bytes);
        Ok::<(), Error>(())
    };
    match value {
        HeaderValue::Bool(_) => {}
        HeaderValue::Byte(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Short(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Integer(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Long(value) => out.extend_from_slice(&value.to_be_bytes()),
        HeaderValue::Bytes(bytes) => short_bytes(bytes, out)?,
        HeaderValue::String(text) => short_bytes(text.as_bytes(), out)?,
        HeaderValue::Timestamp(timestamp) => {
            if timestamp.nanos() % 1_000_000 != 0 {
                return Err(Error::data(format!("header {name}: an event stream timestamp carries milliseconds")));
            }
            let millis = timestamp.secs() * 1000 + i64::from(timestamp.nanos() / 1_000_000);
            out.extend_from_slice(&millis.to_be_bytes());
        }
        HeaderValue::Uuid(bytes) => out.extend_from_slice(bytes),
    }
    Ok(())
}
