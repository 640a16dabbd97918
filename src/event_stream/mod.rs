//! Event streams (`application/vnd.amazon.eventstream`): the framing AWS's streaming
//! operations use, in both directions.
//!
//! A stream is a sequence of messages, each one frame: a prelude (total length, headers
//! length, a CRC32 of the two), headers of ten types, the payload, and a CRC32 of it all.
//! [`Decoder`] reads frames as bytes arrive; [`Message::to_frame`] writes one. What the
//! messages mean (events of a stream's union, exceptions, errors) is the protocol layer's.
//!
//! ```
//! use awsval::event_stream::{Decoder, HeaderValue, Message};
//!
//! let event = Message::new(br#"{"delta":{"text":"Hel"}}"#.to_vec())
//!     .with_header(":message-type", "event")
//!     .with_header(":event-type", "contentBlockDelta")
//!     .with_header(":content-type", "application/json");
//! let mut stream = event.to_frame()?;
//! stream.extend(event.to_frame()?);
//!
//! let mut decoder = Decoder::new();
//! let mut events = Vec::new();
//! for piece in stream.chunks(7) {
//!     decoder.push(piece);
//!     while let Some(message) = decoder.next_message()? {
//!         events.push(message);
//!     }
//! }
//! decoder.finish()?;
//! assert_eq!(events, [event.clone(), event]);
//! assert_eq!(events[0].header(":event-type"), Some(&HeaderValue::from("contentBlockDelta")));
//! # Ok::<(), awsval::Error>(())
//! ```

mod decoder;
mod message;
mod signed;

pub use self::decoder::{Decoder, FrameLimits, decode_all};
pub use self::message::{HeaderValue, Message};
pub use self::signed::Signed;
