//! CBOR (RFC 8949) for the Smithy data model: the body format of the rpcv2Cbor protocol.
//!
//! Straight between bytes and [`Value`](crate::Value), guided by a schema like the JSON and
//! XML codecs, on minicbor's tokenizer (what the AWS Rust SDK reads CBOR with). Reading takes
//! definite and indefinite lengths, half, single and double floats (NaN and the infinities),
//! tag 1 timestamps (integer or fractional epoch seconds, a fraction read to the millisecond),
//! byte strings for blobs, text checked as UTF-8, bignums and decimal fractions, nulls in
//! sparse collections; unknown members are skipped, repeated keys refused, nesting, sizes and
//! item counts bounded by [`Limits`]. Writing is what the AWS SDKs write (see [`encode`]).

mod bignum;
mod decode;
mod encode;
mod head;
mod typed;

use crate::limits::Limits;

pub use self::decode::{decode, decode_any};
pub(crate) use self::encode::encode_object_with;
pub use self::encode::{encode, encode_any};
pub(crate) use self::typed::read_typed;
pub use self::typed::{decode_typed, encode_typed};

/// How CBOR is read and written: within [`Limits`].
///
/// ```
/// use awsval::Limits;
/// use awsval::cbor::CborSettings;
///
/// let settings = CborSettings::new().with_limits(Limits::untrusted());
/// assert_eq!(settings.limits, Limits::untrusted());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CborSettings {
    /// Bounds for reading (and the nesting bound for writing).
    pub limits: Limits,
}

impl CborSettings {
    /// Settings within [`Limits::new`].
    pub const fn new() -> Self {
        Self { limits: Limits::new() }
    }

    /// Reads within `limits`.
    #[must_use]
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}
