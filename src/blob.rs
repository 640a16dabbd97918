//! Binary data, and its base64 text form.

use std::fmt;
use std::ops::Deref;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::{Error, Result};

/// The bytes of a Smithy `blob`.
///
/// On the wire a blob is standard base64 with padding everywhere but a raw HTTP payload.
/// Decoding is strict: the standard alphabet, padding required, no whitespace, no stray bits.
///
/// ```
/// use awsval::Blob;
///
/// let blob = Blob::from_base64("aGVsbG8=")?;
/// assert_eq!(blob.as_bytes(), b"hello");
/// assert_eq!(blob.to_base64(), "aGVsbG8=");
/// assert!(Blob::from_base64("aGVsbG8").is_err()); // padding is required
/// # Ok::<(), awsval::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// Decodes standard, padded base64.
    ///
    /// The error is [`ErrorKind::Data`](crate::ErrorKind::Data); its message gives the
    /// position in the text, never the text itself.
    pub fn from_base64(text: impl AsRef<[u8]>) -> Result<Self> {
        STANDARD.decode(text).map(Self).map_err(|error| {
            let detail = match error {
                base64::DecodeError::InvalidByte(at, _) => {
                    format!("invalid base64 character at position {at}")
                }
                base64::DecodeError::InvalidLength(_) => "invalid base64 length".to_owned(),
                base64::DecodeError::InvalidLastSymbol { offset: at, .. } => {
                    format!("invalid base64: stray bits in the last symbol at position {at}")
                }
                base64::DecodeError::InvalidPadding => {
                    "invalid base64 padding: pad with '=' to a multiple of 4 characters".to_owned()
                }
            };
            Error::data(detail)
        })
    }

    /// Encodes as standard, padded base64.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.0)
    }

    /// Appends the standard, padded base64 of the bytes to `out`.
    pub fn write_base64(&self, out: &mut String) {
        STANDARD.encode_string(&self.0, out);
    }

    /// Appends the standard, padded base64 to bytes being written, with no text in between.
    pub(crate) fn append_base64(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.resize(start + base64::encoded_len(self.0.len(), true).unwrap_or(0), 0);
        // The room is exactly the encoded length, so the slice always fits.
        let written = STANDARD.encode_slice(&self.0, &mut out[start..]).unwrap_or(0);
        out.truncate(start + written);
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl Deref for Blob {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Blob {
    fn from(bytes: &[u8; N]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}

/// Shows at most this many bytes; a blob can be megabytes.
const DEBUG_BYTES: usize = 64;

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = &self.0[..self.0.len().min(DEBUG_BYTES)];
        write!(f, "b\"{}\"", shown.escape_ascii())?;
        if self.0.len() > DEBUG_BYTES {
            write!(f, "… ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}
