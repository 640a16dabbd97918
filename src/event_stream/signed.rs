//! The signed envelope SigV4 wraps each event in: the event's frame as the payload of a
//! message with `:date` and `:chunk-signature` headers. awsval does not sign; it frames what a
//! signer computes and opens what a signed stream carries.

use super::message::{HeaderValue, Message};
use crate::error::{Error, Result};
use crate::timestamp::Timestamp;

/// A signed envelope opened: the date and signature it carries and the message inside (`None`
/// for the empty envelope that ends a signed stream).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// `:date`.
    pub date: Timestamp,
    /// `:chunk-signature`.
    pub signature: Vec<u8>,
    /// The message signed.
    pub message: Option<Message>,
}

impl Message {
    /// Wraps the message in a signed envelope: `sign` is given the message's frame and the
    /// date (whole milliseconds, as the frame carries it) and returns the signature (for
    /// SigV4, chained from the previous one). `None` as the message makes the empty envelope
    /// that ends a signed stream.
    ///
    /// ```
    /// use awsval::Timestamp;
    /// use awsval::event_stream::Message;
    ///
    /// let event = Message::new(b"{}".to_vec()).with_header(":event-type", "AudioEvent");
    /// let date = Timestamp::from_secs(1_700_000_000)?;
    /// let envelope = Message::signed(Some(&event), date, |frame, _date| frame.len().to_be_bytes().to_vec())?;
    /// let opened = envelope.open_signed()?.expect("an envelope");
    /// assert_eq!((opened.date, opened.message.as_ref()), (date, Some(&event)));
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn signed(
        message: Option<&Self>,
        date: Timestamp,
        sign: impl FnOnce(&[u8], Timestamp) -> Vec<u8>,
    ) -> Result<Self> {
        let frame = message.map(Self::to_frame).transpose()?.unwrap_or_default();
        let signature = sign(&frame, date);
        Ok(Self::new(frame)
            .with_header(":date", HeaderValue::Timestamp(date))
            .with_header(":chunk-signature", HeaderValue::Bytes(signature)))
    }

    /// Opens a signed envelope; `None` when the message is not one (it has no
    /// `:chunk-signature`). An envelope without a `:date`, or whose payload is not one whole
    /// frame, is an error.
    pub fn open_signed(&self) -> Result<Option<Signed>> {
        let Some(signature) = self.header(":chunk-signature") else { return Ok(None) };
        let HeaderValue::Bytes(signature) = signature else {
            return Err(Error::data("a :chunk-signature header holds bytes"));
        };
        let Some(HeaderValue::Timestamp(date)) = self.header(":date") else {
            return Err(Error::data("a signed envelope without a :date timestamp"));
        };
        let message = match self.payload.is_empty() {
            true => None,
            false => {
                let mut messages = super::decode_all(&self.payload)?;
                if messages.len() != 1 {
                    return Err(Error::data("a signed envelope holds one message"));
                }
                messages.pop()
            }
        };
        Ok(Some(Signed { date: *date, signature: signature.clone(), message }))
    }
}
