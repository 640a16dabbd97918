//! Big numbers in CBOR: tags 2 and 3 (bignums: big-endian magnitudes), to and from the
//! decimal digits awsval keeps them in.

/// The magnitude of decimal `digits` (ASCII digits only) as big-endian bytes, no leading
/// zeros.
pub(super) fn digits_to_bytes(digits: &str) -> Vec<u8> {
    // Little-endian base-256 limbs, multiplied by ten and added to per digit.
    let mut limbs: Vec<u8> = Vec::with_capacity(digits.len() / 2 + 1);
    for digit in digits.bytes() {
        let mut carry = u32::from(digit - b'0');
        for limb in &mut limbs {
            let next = u32::from(*limb) * 10 + carry;
            *limb = next as u8;
            carry = next >> 8;
        }
        if carry > 0 {
            limbs.push(carry as u8);
        }
    }
    limbs.reverse();
    limbs
}

/// The decimal digits of big-endian magnitude `bytes`.
pub(super) fn bytes_to_digits(bytes: &[u8]) -> String {
    // Little-endian base-10^9 limbs, multiplied by 256 and added to per byte.
    let mut limbs: Vec<u32> = Vec::new();
    for &byte in bytes {
        let mut carry = u64::from(byte);
        for limb in &mut limbs {
            let next = u64::from(*limb) * 256 + carry;
            *limb = (next % 1_000_000_000) as u32;
            carry = next / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let Some((last, rest)) = limbs.split_last() else { return "0".to_owned() };
    let mut out = last.to_string();
    for limb in rest.iter().rev() {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

/// `bytes` (a big-endian magnitude) plus one, or minus one (`bytes` is not zero then).
pub(super) fn add_one(bytes: &[u8], minus: bool) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for byte in out.iter_mut().rev() {
        let (next, carry) = if minus { byte.overflowing_sub(1) } else { byte.overflowing_add(1) };
        *byte = next;
        if !carry {
            break;
        }
    }
    if !minus && out.iter().all(|&b| b == 0) {
        out.insert(0, 1);
    }
    let zeros = out.iter().take_while(|&&b| b == 0).count();
    out.drain(..zeros.min(out.len().saturating_sub(1)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_bytes_convert_both_ways() {
        for digits in ["0", "1", "255", "256", "18446744073709551616", "340282366920938463463374607431768211455"] {
            let bytes = digits_to_bytes(digits);
            assert_eq!(bytes_to_digits(&bytes), digits);
        }
        assert_eq!(digits_to_bytes("18446744073709551616"), [1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(bytes_to_digits(&[0, 0, 1, 0]), "256");
        assert_eq!(add_one(&[0xff, 0xff], false), [1, 0, 0]);
        assert_eq!(add_one(&[1, 0, 0], true), [0xff, 0xff]);
        assert_eq!(add_one(&[], false), [1]);
    }
}
