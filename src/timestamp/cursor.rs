//! A byte cursor shared by the timestamp parsers, with errors that give a position, not text.

use crate::error::{Error, Result};

pub(super) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    format: &'static str,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str, format: &'static str) -> Self {
        Self { bytes: text.as_bytes(), pos: 0, format }
    }

    pub(super) fn error(&self, expected: &str) -> Error {
        Error::data(format!("invalid {} timestamp: expected {expected} at character {}", self.format, self.pos))
    }

    pub(super) fn invalid(&self, what: &str) -> Error {
        Error::data(format!("invalid {} timestamp: {what}", self.format))
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    pub(super) fn expect(&mut self, byte: u8, expected: &str) -> Result<()> {
        if self.eat(byte) { Ok(()) } else { Err(self.error(expected)) }
    }

    /// Reads between `min` and `max` ASCII digits as a number.
    pub(super) fn digits(&mut self, min: usize, max: usize, expected: &str) -> Result<u32> {
        let mut value = 0u32;
        let mut count = 0;
        while count < max {
            match self.peek() {
                Some(byte @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(byte - b'0');
                    self.pos += 1;
                    count += 1;
                }
                _ => break,
            }
        }
        if count < min { Err(self.error(expected)) } else { Ok(value) }
    }

    /// Reads the digits of a fraction after its `.` as nanoseconds; digits past the ninth are
    /// read and dropped (the precision of a timestamp is the nanosecond).
    pub(super) fn fraction(&mut self) -> Result<u32> {
        let start = self.pos;
        let mut nanos = 0u32;
        while let Some(byte @ b'0'..=b'9') = self.peek() {
            if self.pos - start < 9 {
                nanos = nanos * 10 + u32::from(byte - b'0');
            }
            self.pos += 1;
        }
        let digits = self.pos - start;
        if digits == 0 {
            return Err(self.error("a digit"));
        }
        Ok(nanos * 10u32.pow(9 - digits.min(9) as u32))
    }

    /// Reads exactly the ASCII word `word`, in any case.
    pub(super) fn word(&mut self, word: &str, expected: &str) -> Result<()> {
        let end = self.pos + word.len();
        match self.bytes.get(self.pos..end) {
            Some(found) if found.eq_ignore_ascii_case(word.as_bytes()) => {
                self.pos = end;
                Ok(())
            }
            _ => Err(self.error(expected)),
        }
    }

    /// Reads one of `words` (compared in any case) and returns its index.
    pub(super) fn one_of(&mut self, words: &[&str], expected: &str) -> Result<usize> {
        for (index, word) in words.iter().enumerate() {
            if self.word(word, expected).is_ok() {
                return Ok(index);
            }
        }
        Err(self.error(expected))
    }

    pub(super) fn finish(&self) -> Result<()> {
        if self.pos == self.bytes.len() { Ok(()) } else { Err(self.error("the end")) }
    }
}
