//! CBOR's heads (RFC 8949 §3.1): an item's major type and its argument (a length, a count, an
//! integer's magnitude or a tag number) in one to nine bytes.
//!
//! The writer writes every head itself and the reader reads the common definite ones here:
//! minicbor's peek-then-read on one side and its generic writer on the other cost about a
//! third of the time on AWS payloads; the rest of the format (indefinite lengths, floats in
//! every width, skipping) stays with minicbor on the reading side.

/// Major type 0: an unsigned integer.
pub(super) const UNSIGNED: u8 = 0;
/// Major type 1: a negative integer, `-1 - argument`.
pub(super) const NEGATIVE: u8 = 1;
/// Major type 2: a byte string.
pub(super) const BYTES: u8 = 2;
/// Major type 3: a text string.
pub(super) const TEXT: u8 = 3;
/// Major type 4: an array.
pub(super) const ARRAY: u8 = 4;
/// Major type 5: a map.
pub(super) const MAP: u8 = 5;
/// Major type 6: a tag.
pub(super) const TAG: u8 = 6;

/// Simple values and float heads of major type 7, as whole initial bytes.
pub(super) const FALSE: u8 = 0xf4;
pub(super) const TRUE: u8 = 0xf5;
pub(super) const NULL: u8 = 0xf6;
pub(super) const UNDEFINED: u8 = 0xf7;
pub(super) const HALF: u8 = 0xf9;
pub(super) const SINGLE: u8 = 0xfa;
pub(super) const DOUBLE: u8 = 0xfb;

/// Writes the head of major type `major` with `argument`, in its shortest form.
pub(super) fn write(out: &mut Vec<u8>, major: u8, argument: u64) {
    let major = major << 5;
    match argument {
        0..=23 => out.push(major | argument as u8),
        24..=0xff => out.extend_from_slice(&[major | 24, argument as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(argument as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(argument as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&argument.to_be_bytes());
        }
    }
}

/// Writes `n` as an unsigned or a negative integer.
pub(super) fn write_integer(out: &mut Vec<u8>, n: i64) {
    match u64::try_from(n) {
        Ok(n) => write(out, UNSIGNED, n),
        // -1 - n, as the negative integer's argument holds it, is the bitwise complement.
        Err(_) => write(out, NEGATIVE, !n as u64),
    }
}

/// Reads the head at `at` when it is a definite one of major type `major`: its argument and
/// where the item's content begins. `None` for anything else (another type, an indefinite
/// length, a reserved form, a head cut short), which the caller reads the slow way.
pub(super) fn read(input: &[u8], at: usize, major: u8) -> Option<(u64, usize)> {
    let initial = *input.get(at)?;
    if initial >> 5 != major {
        return None;
    }
    let width = match initial & 0x1f {
        info @ 0..=23 => return Some((u64::from(info), at + 1)),
        info @ 24..=27 => 1usize << (info - 24),
        _ => return None,
    };
    let argument = input.get(at + 1..at + 1 + width)?;
    Some((argument.iter().fold(0, |n, &byte| n << 8 | u64::from(byte)), at + 1 + width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_written_shortest_and_read_back_at_every_width() {
        let cases: [(u64, &[u8]); 9] = [
            (0, &[0x60]),
            (23, &[0x77]),
            (24, &[0x78, 24]),
            (255, &[0x78, 0xff]),
            (256, &[0x79, 1, 0]),
            (65_535, &[0x79, 0xff, 0xff]),
            (65_536, &[0x7a, 0, 1, 0, 0]),
            (u64::from(u32::MAX) + 1, &[0x7b, 0, 0, 0, 1, 0, 0, 0, 0]),
            (u64::MAX, &[0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        ];
        for (argument, bytes) in cases {
            let mut out = Vec::new();
            write(&mut out, TEXT, argument);
            assert_eq!(out, bytes, "{argument}");
            assert_eq!(read(bytes, 0, TEXT), Some((argument, bytes.len())), "{argument}");
            assert_eq!(read(bytes, 0, BYTES), None, "another major type is not read");
            assert_eq!(read(&bytes[..bytes.len() - 1], 0, TEXT), None, "{argument} cut short");
        }
    }

    #[test]
    fn integers_take_their_sign_from_the_major_type() {
        for (n, bytes) in [
            (0, &[0x00][..]),
            (-1, &[0x20]),
            (-24, &[0x37]),
            (-25, &[0x38, 24]),
            (i64::MIN, &[0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        ] {
            let mut out = Vec::new();
            write_integer(&mut out, n);
            assert_eq!(out, bytes, "{n}");
        }
    }

    #[test]
    fn indefinite_and_reserved_forms_are_left_to_the_slow_path() {
        for initial in [0x7f, 0x7c, 0x7d, 0x7e] {
            assert_eq!(read(&[initial, 0, 0, 0, 0, 0, 0, 0, 0], 0, TEXT), None, "{initial:#04x}");
        }
        assert_eq!(read(&[], 0, TEXT), None);
    }
}
