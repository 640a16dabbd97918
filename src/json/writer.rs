//! The lowest layer of JSON output: strings, numbers, punctuation.

use super::plain::{plain_run_end, short_is_plain};
use crate::schema::MemberRef;

/// The bytes a JSON string cannot hold as they are: quotes, backslashes, control characters.
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Strings up to this long are checked whole, a byte at a time by table below eight bytes and
/// in two words from eight: most keys and many values are that short, and the run-by-run copy
/// costs more to set up than it saves on them.
const SHORT: usize = 16;

/// Appends `text` as a JSON string, escaping quotes, backslashes and control characters.
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let plain = match bytes.len() {
        0..8 => !bytes.iter().any(|&b| ESCAPED[usize::from(b)]),
        8..=SHORT => short_is_plain(bytes),
        _ => false,
    };
    if plain {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut run = 0;
    loop {
        let end = plain_run_end(bytes, run);
        out.extend_from_slice(&bytes[run..end]);
        let Some(&byte) = bytes.get(end) else { break };
        escape(out, byte);
        run = end + 1;
    }
    out.push(b'"');
}

/// Appends `"name":`, a structure or union member's key: its name is escaped once per process
/// (names are interned), a `jsonName` each time (`json_name`: whether the dialect uses them).
#[inline]
pub(crate) fn member_key(out: &mut Vec<u8>, member: MemberRef<'_>, json_name: bool) {
    if json_name && member.traits().json_name.is_some() {
        string(out, member.json_name());
        out.push(b':');
        return;
    }
    out.extend_from_slice(member.name().json_key(|text| {
        let mut key = Vec::with_capacity(text.len() + 3);
        string(&mut key, text);
        key.push(b':');
        key
    }));
}

/// Appends the escape of a quote, a backslash or a control character.
fn escape(out: &mut Vec<u8>, byte: u8) {
    let short: &[u8] = match byte {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x08 => b"\\b",
        0x0c => b"\\f",
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
            return;
        }
    };
    out.extend_from_slice(short);
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends an integer.
pub(crate) fn integer(out: &mut Vec<u8>, value: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Appends a double: the shortest text that reads back the same, or a `"NaN"`,
/// `"Infinity"`, `"-Infinity"` string.
pub(crate) fn double(out: &mut Vec<u8>, value: f64) {
    if value.is_finite() {
        out.extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
    } else {
        special(out, value.is_nan(), value.is_sign_negative());
    }
}

/// Appends a float, shortest for `f32`.
pub(crate) fn float(out: &mut Vec<u8>, value: f32) {
    if value.is_finite() {
        out.extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
    } else {
        special(out, value.is_nan(), value.is_sign_negative());
    }
}

fn special(out: &mut Vec<u8>, nan: bool, negative: bool) {
    out.extend_from_slice(match (nan, negative) {
        (true, _) => b"\"NaN\"",
        (false, false) => b"\"Infinity\"",
        (false, true) => b"\"-Infinity\"",
    });
}
