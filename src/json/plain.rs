//! Plain runs of string content: the bytes a JSON string carries as they are, found eight at
//! a time, for the reader and the writer alike.

/// The offset of the first byte at or after `pos` that ends a plain run of string content: a
/// quote, a backslash or a control character (or the end of the input).
#[inline]
pub(super) fn plain_run_end(bytes: &[u8], mut pos: usize) -> usize {
    // Eight bytes at a time: most strings are plain runs, and the lowest flagged byte of a
    // word is the exact answer.
    while let Some(word) = bytes.get(pos..pos + 8).and_then(|chunk| <[u8; 8]>::try_from(chunk).ok()) {
        let found = special_bytes(u64::from_le_bytes(word));
        if found != 0 {
            return pos + (found.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while bytes.get(pos).is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20) {
        pos += 1;
    }
    pos
}

/// Whether `bytes`, eight to sixteen of them, are all plain string content: two words that
/// may overlap cover them, at the cost of one. (A chunk that is not eight bytes, which cannot
/// happen, reads as not plain.)
#[inline]
pub(super) fn short_is_plain(bytes: &[u8]) -> bool {
    let word = |chunk: &[u8]| <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
    let last = bytes.len().saturating_sub(8);
    special_bytes(word(bytes.get(..8).unwrap_or_default())) | special_bytes(word(&bytes[last..])) == 0
}

/// The high bit of each byte of `word` that may be a quote, a backslash or below 0x20 (the
/// classic zero-byte tests): the lowest one set is always a true find, since a false one
/// only follows a true one, carried up by the subtraction.
#[inline]
fn special_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let quote = zero_in(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_in(word ^ (ONES * u64::from(b'\\')));
    quote | backslash | (word.wrapping_sub(ONES * 0x20) & !word & HIGH)
}
