//! The benchmark payloads: deterministic responses built from typed values, with types that
//! derive awsval's `Shape` beside serde's traits, so that both sides decode into the very same
//! Rust structs and parse leaves (timestamps, blobs) with the same code.

pub mod comparisons;
pub mod dynamodb;
pub mod ec2;
pub mod leaf;
pub mod quicksight;
pub mod s3;

/// A small deterministic generator (xorshift64*): the payloads are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// `len` characters of lowercase words and digits.
    pub fn word(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
        (0..len).map(|_| char::from(ALPHABET[self.below(ALPHABET.len() as u64) as usize])).collect()
    }
}
