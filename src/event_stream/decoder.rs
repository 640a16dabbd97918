//! Reading frames as they arrive.

use super::message::{HeaderValue, Message, OVERHEAD};
use crate::error::{Error, Result};
use crate::timestamp::Timestamp;

/// The most a frame may carry: AWS's limits by default (128 KiB of headers, 24 MiB of
/// payload). A prelude claiming more is refused before any of it is buffered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FrameLimits {
    /// The most bytes of headers in one message.
    pub max_headers_len: usize,
    /// The most bytes of payload in one message.
    pub max_payload_len: usize,
}

impl FrameLimits {
    /// Sets [`FrameLimits::max_headers_len`].
    #[must_use]
    pub const fn with_max_headers_len(mut self, len: usize) -> Self {
        self.max_headers_len = len;
        self
    }

    /// Sets [`FrameLimits::max_payload_len`].
    #[must_use]
    pub const fn with_max_payload_len(mut self, len: usize) -> Self {
        self.max_payload_len = len;
        self
    }
}

impl Default for FrameLimits {
    fn default() -> Self {
        Self { max_headers_len: 128 * 1024, max_payload_len: 24 * 1024 * 1024 }
    }
}

/// Reads messages from a stream fed in pieces of any size: a message is given the moment its
/// frame is whole, a partial frame waits for more. Bytes are buffered once, and only those of
/// the frame not yet whole are kept.
///
/// A frame that is wrong (a CRC mismatch, lengths that disagree, a header of an unknown type,
/// limits passed) is an error at its byte offset in the stream; the stream cannot be read past
/// it, so every later call gives an error too.
///
/// ```
/// use awsval::event_stream::{Decoder, Message};
///
/// let frame = Message::new(b"payload".to_vec()).with_header(":event-type", "Records").to_frame()?;
/// let mut decoder = Decoder::new();
/// decoder.push(&frame[..10]); // the prelude is not even whole
/// assert_eq!(decoder.next_message()?, None);
/// decoder.push(&frame[10..]);
/// let message = decoder.next_message()?.expect("whole now");
/// assert_eq!(message.header_str(":event-type"), Some("Records"));
///
/// decoder.push(&frame[..20]);
/// assert_eq!(decoder.finish().unwrap_err().to_string(), "end of input error: the stream ends inside a frame (byte 65)");
/// # Ok::<(), awsval::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Decoder {
    buffer: Vec<u8>,
    /// Where the next frame starts in `buffer`.
    start: usize,
    /// The stream offset of `buffer[0]`.
    offset: usize,
    limits: FrameLimits,
    failed: bool,
}

impl Decoder {
    /// A decoder within the default [`FrameLimits`].
    pub fn new() -> Self {
        Self::default()
    }

    /// A decoder within `limits`.
    pub fn with_limits(limits: FrameLimits) -> Self {
        Self { limits, ..Self::default() }
    }

    /// Adds bytes that arrived.
    pub fn push(&mut self, bytes: &[u8]) {
        // Drop what earlier messages used before the buffer grows, when that is most of it.
        if self.start > 0 && self.start >= self.buffer.len() / 2 {
            self.buffer.drain(..self.start);
            self.offset += self.start;
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole message, or `None` until more bytes arrive.
    pub fn next_message(&mut self) -> Result<Option<Message>> {
        if self.failed {
            return Err(Error::data("the event stream cannot be read past an earlier error"));
        }
        let at = self.offset + self.start;
        match read_frame(&self.buffer[self.start..], at, &self.limits) {
            Ok(Some((message, len))) => {
                self.start += len;
                Ok(Some(message))
            }
            Ok(None) => Ok(None),
            Err(error) => {
                self.failed = true;
                Err(error)
            }
        }
    }

    /// Bytes received that are not yet a whole message.
    pub fn buffered(&self) -> usize {
        self.buffer.len() - self.start
    }

    /// Checks that the stream ended between frames: a partial frame left over is an error.
    pub fn finish(&self) -> Result<()> {
        match self.buffered() {
            0 => Ok(()),
            _ => Err(Error::eof("the stream ends inside a frame", self.offset + self.buffer.len())),
        }
    }
}

/// Every message of a whole stream.
///
/// ```
/// use awsval::event_stream::{self, Message};
///
/// let mut stream = Message::new(b"a".to_vec()).to_frame()?;
/// stream.extend(Message::new(b"b".to_vec()).to_frame()?);
/// let messages = event_stream::decode_all(&stream)?;
/// assert_eq!(messages.iter().map(|m| m.payload.as_slice()).collect::<Vec<_>>(), [b"a", b"b"]);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_all(stream: &[u8]) -> Result<Vec<Message>> {
    let (mut messages, mut at) = (Vec::new(), 0);
    while at < stream.len() {
        match read_frame(&stream[at..], at, &FrameLimits::default())? {
            Some((message, len)) => {
                messages.push(message);
                at += len;
            }
            None => return Err(Error::eof("the stream ends inside a frame", stream.len())),
        }
    }
    Ok(messages)
}

fn be_u32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// The message of the frame at the start of `bytes` (at stream offset `at`) and its length;
/// `None` while it is not whole. The prelude is checked as soon as it is whole, so that no
/// length it claims is waited for unless it is true and within the limits.
fn read_frame(bytes: &[u8], at: usize, limits: &FrameLimits) -> Result<Option<(Message, usize)>> {
    if bytes.len() < 12 {
        return Ok(None);
    }
    let (total, headers_len) = (be_u32(&bytes[..4]) as usize, be_u32(&bytes[4..8]) as usize);
    if crc32fast::hash(&bytes[..8]) != be_u32(&bytes[8..12]) {
        return Err(Error::syntax("prelude checksum mismatch", at + 8));
    }
    if total < OVERHEAD || headers_len > total - OVERHEAD {
        let message = format!("a frame of {total} bytes cannot hold {headers_len} bytes of headers");
        return Err(Error::syntax(message, at));
    }
    let payload_len = total - OVERHEAD - headers_len;
    if headers_len > limits.max_headers_len {
        return Err(Error::limit(format!("headers of more than {} bytes", limits.max_headers_len)).at_offset(at + 4));
    }
    if payload_len > limits.max_payload_len {
        return Err(Error::limit(format!("a payload of more than {} bytes", limits.max_payload_len)).at_offset(at));
    }
    let Some(frame) = bytes.get(..total) else { return Ok(None) };
    if crc32fast::hash(&frame[..total - 4]) != be_u32(&frame[total - 4..]) {
        return Err(Error::syntax("message checksum mismatch", at + total - 4));
    }
    let headers = read_headers(&frame[12..12 + headers_len], at + 12)?;
    let payload = frame[12 + headers_len..total - 4].to_vec();
    Ok(Some((Message { headers, payload }, total)))
}

/// The headers in `bytes` (at stream offset `at`).
fn read_headers(bytes: &[u8], at: usize) -> Result<Vec<(String, HeaderValue)>> {
    let mut headers = Vec::new();
    let mut reader = Reader { bytes, pos: 0, at };
    while reader.pos < bytes.len() {
        let start = reader.pos;
        let name_len = usize::from(reader.take(1)?[0]);
        let name = std::str::from_utf8(reader.take(name_len)?)
            .map_err(|_| Error::syntax("a header name is not UTF-8", at + start))?
            .to_owned();
        let value = reader.value().map_err(|error| error.in_member(name.clone()))?;
        headers.push((name, value));
    }
    Ok(headers)
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
    /// The stream offset of `bytes[0]`.
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, len: usize) -> Result<&'b [u8]> {
        let taken = self
            .bytes
            .get(self.pos..self.pos + len)
            .ok_or_else(|| Error::syntax("a header runs past the headers' length", self.at + self.pos))?;
        self.pos += len;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn short_bytes(&mut self) -> Result<&'b [u8]> {
        let len = u16::from_be_bytes(self.array()?);
        self.take(usize::from(len))
    }

    fn value(&mut self) -> Result<HeaderValue> {
        let type_at = self.at + self.pos;
        Ok(match self.take(1)?[0] {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(i8::from_be_bytes(self.array()?)),
            3 => HeaderValue::Short(i16::from_be_bytes(self.array()?)),
            4 => HeaderValue::Integer(i32::from_be_bytes(self.array()?)),
            5 => HeaderValue::Long(i64::from_be_bytes(self.array()?)),
            6 => HeaderValue::Bytes(self.short_bytes()?.to_vec()),
            7 => {
                let text_at = self.at + self.pos + 2;
                let text = std::str::from_utf8(self.short_bytes()?)
                    .map_err(|_| Error::syntax("a string header is not UTF-8", text_at))?;
                HeaderValue::String(text.to_owned())
            }
            8 => {
                let millis = i64::from_be_bytes(self.array()?);
                let nanos = (millis.rem_euclid(1000) * 1_000_000) as u32;
                let timestamp = Timestamp::new(millis.div_euclid(1000), nanos)
                    .map_err(|_| Error::syntax("a timestamp header outside years 0000 to 9999", type_at + 1))?;
                HeaderValue::Timestamp(timestamp)
            }
            9 => HeaderValue::Uuid(self.array()?),
            other => return Err(Error::syntax(format!("a header of unknown type {other}"), type_at)),
        })
    }
}
