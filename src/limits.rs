//! Bounds that keep decoding of untrusted input within known time and memory.

use crate::error::{Error, Result};

/// Bounds a decoder enforces on its input; exceeding one is an [`ErrorKind::Limit`] error.
///
/// Memory is always bounded by the input's size (nothing is preallocated from a number read off
/// the wire); these limits bound it further and bound the recursion depth.
///
/// ```
/// use awsval::Limits;
///
/// let limits = Limits::default().with_max_depth(32).with_max_string_len(1 << 20);
/// assert_eq!(limits.max_depth, 32);
/// assert_eq!(Limits::default().max_depth, 128);
/// ```
///
/// [`ErrorKind::Limit`]: crate::ErrorKind::Limit
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// How deeply structures, unions, lists, maps and documents may nest (default 128).
    pub max_depth: usize,
    /// The longest input in bytes (default: unbounded).
    pub max_input_len: usize,
    /// The longest string or blob in bytes, after decoding (default: unbounded).
    pub max_string_len: usize,
    /// The most items in one list or entries in one map (default: unbounded).
    pub max_collection_len: usize,
}

impl Limits {
    /// The default nesting depth.
    pub const DEFAULT_MAX_DEPTH: usize = 128;

    /// No bounds at all but the default depth: only for trusted input.
    pub const fn new() -> Self {
        Self {
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_input_len: usize::MAX,
            max_string_len: usize::MAX,
            max_collection_len: usize::MAX,
        }
    }

    /// Bounds for input from the network, far above what any AWS service sends in one JSON or
    /// XML body: nesting 128 deep, bodies of 64 MiB, strings and blobs of 32 MiB, collections of
    /// 1,000,000 items. What [`protocol::response`](crate::protocol::response) reads within.
    ///
    /// ```
    /// use awsval::Limits;
    ///
    /// let limits = Limits::untrusted();
    /// assert_eq!((limits.max_depth, limits.max_input_len), (128, 64 << 20));
    /// assert_eq!((limits.max_string_len, limits.max_collection_len), (32 << 20, 1_000_000));
    /// ```
    pub const fn untrusted() -> Self {
        Self {
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_input_len: 64 << 20,
            max_string_len: 32 << 20,
            max_collection_len: 1_000_000,
        }
    }

    /// Sets [`Limits::max_depth`].
    #[must_use]
    pub const fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Sets [`Limits::max_input_len`].
    #[must_use]
    pub const fn with_max_input_len(mut self, max_input_len: usize) -> Self {
        self.max_input_len = max_input_len;
        self
    }

    /// Sets [`Limits::max_string_len`].
    #[must_use]
    pub const fn with_max_string_len(mut self, max_string_len: usize) -> Self {
        self.max_string_len = max_string_len;
        self
    }

    /// Sets [`Limits::max_collection_len`].
    #[must_use]
    pub const fn with_max_collection_len(mut self, max_collection_len: usize) -> Self {
        self.max_collection_len = max_collection_len;
        self
    }
}

impl Limits {
    /// Refuses an input of `len` bytes when it is longer than [`Limits::max_input_len`].
    pub(crate) fn check_input_len(&self, len: usize) -> Result<()> {
        if len > self.max_input_len {
            return Err(Error::limit(format!("input longer than {} bytes", self.max_input_len)));
        }
        Ok(())
    }

    /// Refuses to go `depth` levels deep when that is deeper than [`Limits::max_depth`].
    #[inline]
    pub(crate) fn check_depth(&self, depth: usize) -> Result<()> {
        if depth > self.max_depth {
            return Err(too_deep(self.max_depth));
        }
        Ok(())
    }
}

/// Out of line: every nesting checks its depth, and the error's making would otherwise be
/// inlined into each.
#[cold]
#[inline(never)]
fn too_deep(max_depth: usize) -> Error {
    Error::limit(format!("nesting deeper than {max_depth}"))
}

impl Default for Limits {
    fn default() -> Self {
        Self::new()
    }
}
