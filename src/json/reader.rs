//! A strict RFC 8259 pull reader over bytes, with byte offsets in every error.
//!
//! It hands out tokens (strings borrowed when they hold no escapes, numbers as their text) and
//! leaves meaning to the decoder. Nesting is counted against [`Limits::max_depth`], including
//! inside values that are skipped, which are skipped without recursion.

use std::borrow::Cow;

use super::plain::plain_run_end;
use crate::error::{Error, Result};
use crate::limits::Limits;

/// What the next value is, judged from its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

impl Token {
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Object => "an object",
            Self::Array => "an array",
            Self::String => "a string",
            Self::Number => "a number",
            Self::True | Self::False => "a boolean",
            Self::Null => "null",
        }
    }
}

/// A string as read, before its bytes are checked to be UTF-8.
pub(crate) enum RawString<'a> {
    /// No escapes: the bytes of the input, from offset `start`.
    Plain { bytes: &'a [u8], start: usize },
    /// Escapes resolved (and so already checked).
    Escaped(String),
}

impl RawString<'_> {
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Self::Plain { bytes, .. } => bytes,
            Self::Escaped(text) => text.as_bytes(),
        }
    }
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    limits: Limits,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], limits: Limits) -> Result<Self> {
        limits.check_input_len(bytes.len())?;
        // A leading byte order mark is ignored, as RFC 8259 permits.
        let pos = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        Ok(Self { bytes, pos, depth: 0, limits })
    }

    /// The offset of the next unread byte.
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    #[cold]
    pub(crate) fn syntax(&self, message: impl Into<Cow<'static, str>>) -> Error {
        if self.pos >= self.bytes.len() { Error::eof(message, self.pos) } else { Error::syntax(message, self.pos) }
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        // Most calls meet no whitespace at all (AWS writes compact JSON): one comparison says
        // so, as every byte above the space is something else.
        while let Some(&byte) = self.bytes.get(self.pos) {
            if byte > b' ' || !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return;
            }
            self.pos += 1;
        }
    }

    /// The kind of the next value, without consuming it.
    #[inline]
    pub(crate) fn peek(&mut self) -> Result<Token> {
        self.skip_whitespace();
        Ok(match self.bytes.get(self.pos) {
            Some(b'{') => Token::Object,
            Some(b'[') => Token::Array,
            Some(b'"') => Token::String,
            Some(b'-' | b'0'..=b'9') => Token::Number,
            Some(b't') => Token::True,
            Some(b'f') => Token::False,
            Some(b'n') => Token::Null,
            Some(_) => return Err(self.syntax("expected a JSON value")),
            None => return Err(self.syntax("expected a JSON value, found the end of input")),
        })
    }

    /// The next byte that is not whitespace, without consuming it.
    #[inline]
    pub(crate) fn next_byte(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.pos).copied()
    }

    /// Checks that only whitespace follows the value.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.skip_whitespace();
        if self.pos == self.bytes.len() { Ok(()) } else { Err(self.syntax("trailing characters after the JSON value")) }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax("invalid literal"))
        }
    }

    /// Reads `true` or `false`.
    pub(crate) fn boolean(&mut self) -> Result<bool> {
        match self.peek()? {
            Token::True => self.literal(b"true").map(|()| true),
            Token::False => self.literal(b"false").map(|()| false),
            other => Err(self.mismatch("a boolean", other)),
        }
    }

    /// Reads `null`.
    pub(crate) fn null(&mut self) -> Result<()> {
        self.literal(b"null")
    }

    /// An error for finding `found` where `expected` should be, at the value's first byte.
    #[cold]
    pub(crate) fn mismatch(&self, expected: &str, found: Token) -> Error {
        Error::data(format!("expected {expected}, found {}", found.name())).at_offset(self.pos)
    }

    /// Reads a number and returns its text, checked against JSON's grammar.
    pub(crate) fn number(&mut self) -> Result<&'a str> {
        self.skip_whitespace();
        let start = self.pos;
        let bytes = self.bytes;
        let digits = |pos: &mut usize| {
            let begin = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos - begin
        };
        let mut pos = start;
        pos += usize::from(bytes.get(pos) == Some(&b'-'));
        match bytes.get(pos) {
            Some(b'0') => pos += 1,
            Some(b'1'..=b'9') => {
                digits(&mut pos);
            }
            _ => {
                self.pos = pos;
                return Err(self.syntax("expected a digit"));
            }
        }
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            if digits(&mut pos) == 0 {
                self.pos = pos;
                return Err(self.syntax("expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(pos) {
            pos += 1;
            pos += usize::from(matches!(bytes.get(pos), Some(b'+' | b'-')));
            if digits(&mut pos) == 0 {
                self.pos = pos;
                return Err(self.syntax("expected a digit in the exponent"));
            }
        }
        self.pos = pos;
        // Only ASCII was accepted above.
        Ok(std::str::from_utf8(&bytes[start..pos]).unwrap_or_default())
    }

    /// Reads a string, borrowed from the input when it has no escapes.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>> {
        let raw = self.raw_string()?;
        self.text(raw)
    }

    /// Reads a string without checking that its bytes are UTF-8 (see [`RawString`]).
    // Always inlined, as `next_raw_key` is: returned from a call, the `RawString` goes through
    // memory, which cost a twentieth of a whole decode (callgrind).
    #[inline(always)]
    fn raw_string(&mut self) -> Result<RawString<'a>> {
        self.skip_whitespace();
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(self.syntax("expected a string"));
        }
        self.pos += 1;
        let start = self.pos;
        self.pos = plain_run_end(self.bytes, self.pos);
        match self.bytes.get(self.pos) {
            Some(b'"') if self.pos - start <= self.limits.max_string_len => {
                let bytes = &self.bytes[start..self.pos];
                self.pos += 1;
                Ok(RawString::Plain { bytes, start })
            }
            Some(b'"') => Err(self.too_long(start - 1)),
            Some(b'\\') => self.escaped_string(start).map(RawString::Escaped),
            Some(_) => Err(self.syntax("control character in a string")),
            None => Err(self.syntax("unterminated string")),
        }
    }

    /// The text of a raw string: its bytes checked to be UTF-8.
    pub(crate) fn text(&self, raw: RawString<'a>) -> Result<Cow<'a, str>> {
        match raw {
            RawString::Plain { bytes, start } => std::str::from_utf8(bytes)
                .map(Cow::Borrowed)
                .map_err(|error| Error::syntax("invalid UTF-8 in a string", start + error.valid_up_to())),
            RawString::Escaped(text) => Ok(Cow::Owned(text)),
        }
    }

    /// The error for a string, opened at byte `start`, longer than the limit.
    #[cold]
    fn too_long(&self, start: usize) -> Error {
        Error::limit(format!("string longer than {} bytes", self.limits.max_string_len)).at_offset(start)
    }

    #[inline]
    fn utf8(&self, start: usize, end: usize) -> Result<&'a str> {
        std::str::from_utf8(&self.bytes[start..end])
            .map_err(|error| Error::syntax("invalid UTF-8 in a string", start + error.valid_up_to()))
    }

    /// The slow path: the string has escapes, so it is built into a new `String`.
    #[cold]
    #[inline(never)]
    fn escaped_string(&mut self, start: usize) -> Result<String> {
        let mut out = String::with_capacity(self.pos - start + 16);
        let mut run = start;
        loop {
            self.pos = plain_run_end(self.bytes, self.pos);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    out.push_str(self.utf8(run, self.pos)?);
                    self.pos += 1;
                    if out.len() > self.limits.max_string_len {
                        return Err(self.too_long(start - 1));
                    }
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.utf8(run, self.pos)?);
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                Some(_) => return Err(self.syntax("control character in a string")),
                None => return Err(self.syntax("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<()> {
        let byte = self.bytes.get(self.pos).copied();
        self.pos += 1;
        let decoded = match byte {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            _ => {
                self.pos -= 1;
                return Err(self.syntax("invalid escape"));
            }
        };
        out.push(decoded);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or_else(|| self.syntax("expected four hex digits"))?;
        let text = std::str::from_utf8(digits).ok().filter(|t| t.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = text
            .and_then(|t| u32::from_str_radix(t, 16).ok())
            .ok_or_else(|| self.syntax("expected four hex digits"))?;
        self.pos += 4;
        Ok(value)
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate is an error.
    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(self.syntax("lone surrogate in a \\u escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.syntax("lone surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.syntax("lone surrogate in a \\u escape")),
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.syntax("invalid \\u escape"))
    }

    #[inline]
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        self.limits.check_depth(self.depth).map_err(|error| error.at_offset(self.pos))?;
        self.pos += 1;
        Ok(())
    }

    /// Consumes `{`.
    pub(crate) fn begin_object(&mut self) -> Result<()> {
        match self.peek()? {
            Token::Object => self.enter(),
            other => Err(self.mismatch("an object", other)),
        }
    }

    /// Consumes `[`.
    pub(crate) fn begin_array(&mut self) -> Result<()> {
        match self.peek()? {
            Token::Array => self.enter(),
            other => Err(self.mismatch("an array", other)),
        }
    }

    /// The next key of the open object, or `None` after its `}`.
    #[inline]
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        match self.next_raw_key(first)? {
            Some(raw) => self.text(raw).map(Some),
            None => Ok(None),
        }
    }

    /// [`Reader::next_key`], its bytes not yet checked to be UTF-8: for keys that are looked
    /// up among known names, where only a key that matches none needs the check.
    #[inline(always)]
    pub(crate) fn next_raw_key(&mut self, first: &mut bool) -> Result<Option<RawString<'a>>> {
        if !self.next_entry(first, b'}')? {
            return Ok(None);
        }
        let key = self.raw_string()?;
        self.skip_whitespace();
        if self.bytes.get(self.pos) != Some(&b':') {
            return Err(self.syntax("expected ':'"));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// Whether the open array has another item (consuming its `]` when not).
    #[inline]
    pub(crate) fn next_item(&mut self, first: &mut bool) -> Result<bool> {
        self.next_entry(first, b']')
    }

    #[inline]
    fn next_entry(&mut self, first: &mut bool, close: u8) -> Result<bool> {
        self.skip_whitespace();
        match self.bytes.get(self.pos) {
            Some(&b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !*first => {
                self.pos += 1;
                self.skip_whitespace();
                if self.bytes.get(self.pos) == Some(&close) {
                    return Err(self.syntax("trailing comma"));
                }
                Ok(true)
            }
            _ if *first => {
                *first = false;
                Ok(true)
            }
            _ => Err(self.syntax(if close == b'}' { "expected ',' or '}'" } else { "expected ',' or ']'" })),
        }
    }

    /// Skips one value of any kind, iteratively, counting its depth against the limit.
    pub(crate) fn skip_value(&mut self) -> Result<()> {
        // Each open container remembers whether it is an object and whether it is still empty.
        let mut open: Vec<(bool, bool)> = Vec::new();
        loop {
            match self.peek()? {
                Token::Object => {
                    self.enter()?;
                    open.push((true, true));
                }
                Token::Array => {
                    self.enter()?;
                    open.push((false, true));
                }
                Token::String => drop(self.string()?),
                Token::Number => drop(self.number()?),
                Token::True => self.literal(b"true")?,
                Token::False => self.literal(b"false")?,
                Token::Null => self.literal(b"null")?,
            }
            // Close finished containers, then position on the next value to skip.
            loop {
                let Some((is_object, first)) = open.last_mut() else {
                    return Ok(());
                };
                let more = if *is_object { self.next_key(first)?.is_some() } else { self.next_item(first)? };
                if more {
                    break;
                }
                open.pop();
            }
        }
    }
}
