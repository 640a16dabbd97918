//! A safe pull reader over quick-xml: elements, text (with entities, character references
//! and CDATA joined), depth limits, no DOCTYPE, one root.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use super::wellformed::{Namespaces, check_comment, check_declaration, check_pi, check_text, prefix_colon};
use crate::error::{Error, Result};
use crate::limits::Limits;

/// One step of an XML document.
pub(crate) enum Node<'a> {
    Start(Element<'a>),
    End,
    Text(Cow<'a, str>),
    Eof,
}

/// A start tag and where it is.
#[derive(Clone)]
pub(crate) struct Element<'a> {
    start: BytesStart<'a>,
    /// The qualified name, checked to be an XML name (and so UTF-8).
    name: &'a [u8],
    pub(crate) offset: usize,
}

impl<'a> Element<'a> {
    /// The qualified name as written (`prefix:local` or `local`), as bytes: what lookups
    /// among known names need.
    pub(crate) fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The name without its prefix.
    pub(crate) fn local_name(&self) -> &'a [u8] {
        match prefix_colon(self.name) {
            Some(colon) => &self.name[colon + 1..],
            None => self.name,
        }
    }

    /// [`Element::local_name`] as text.
    pub(crate) fn local_text(&self) -> &'a str {
        // Checked to be UTF-8 when the tag was read.
        std::str::from_utf8(self.local_name()).unwrap_or_default()
    }

    /// [`Element::name`] as text.
    pub(crate) fn name_text(&self) -> &'a str {
        std::str::from_utf8(self.name).unwrap_or_default()
    }

    /// The attributes as (qualified name, value) pairs, values unescaped.
    pub(crate) fn attributes(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for attribute in self.start.attributes() {
            let attribute = attribute.map_err(|e| Error::syntax(format!("invalid attribute: {e}"), self.offset))?;
            let key = std::str::from_utf8(attribute.key.into_inner())
                .map_err(|_| Error::syntax("invalid UTF-8 in an attribute name", self.offset))?;
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| Error::syntax(format!("invalid attribute value: {e}"), self.offset))?;
            out.push((key.to_owned(), value.into_owned()));
        }
        Ok(out)
    }
}

/// A cursor over the document: cloning it keeps a place to come back to.
#[derive(Clone)]
pub(crate) struct XmlReader<'a> {
    /// The whole input (the quick-xml reader holds only what is left of it).
    bytes: &'a [u8],
    inner: quick_xml::Reader<&'a [u8]>,
    namespaces: Namespaces,
    depth: usize,
    limits: Limits,
    /// An empty element `<a/>` is a start followed by this pending end.
    pending_end: bool,
    /// Whether the last text came as written, not from a reference or CDATA: only that may
    /// stand outside the root element.
    literal_text: bool,
}

impl<'a> XmlReader<'a> {
    pub(crate) fn new(bytes: &'a [u8], limits: Limits) -> Result<Self> {
        limits.check_input_len(bytes.len())?;
        let mut inner = quick_xml::Reader::from_reader(bytes);
        inner.config_mut().check_end_names = true;
        Ok(Self {
            bytes,
            inner,
            namespaces: Namespaces::default(),
            depth: 0,
            limits,
            pending_end: false,
            literal_text: false,
        })
    }

    /// The offset just after the last node read.
    pub(crate) fn offset(&self) -> usize {
        usize::try_from(self.inner.buffer_position()).unwrap_or(usize::MAX)
    }

    fn syntax(&self, error: &quick_xml::Error) -> Error {
        let offset = usize::try_from(self.inner.error_position()).unwrap_or(usize::MAX);
        Error::syntax(format!("malformed XML: {error}"), offset)
    }

    pub(crate) fn next(&mut self) -> Result<Node<'a>> {
        if std::mem::take(&mut self.pending_end) {
            self.namespaces.close(self.depth);
            self.depth -= 1;
            return Ok(Node::End);
        }
        loop {
            let offset = self.offset();
            let event = self.inner.read_event().map_err(|e| self.syntax(&e))?;
            return Ok(match event {
                Event::Start(start) => self.open(start, offset)?,
                Event::Empty(start) => {
                    let node = self.open(start, offset)?;
                    self.pending_end = true;
                    node
                }
                Event::End(_) => {
                    self.namespaces.close(self.depth);
                    self.depth -= 1;
                    Node::End
                }
                Event::Text(text) => {
                    let text = text.xml10_content().map_err(|_| Error::syntax("invalid UTF-8 in text", offset))?;
                    check_text(&text, offset)?;
                    self.literal_text = true;
                    Node::Text(text)
                }
                Event::CData(data) => {
                    let text = data.decode().map_err(|_| Error::syntax("invalid UTF-8 in CDATA", offset))?;
                    if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
                        return Err(Error::syntax(
                            format!("character U+{:04X} is not allowed in XML", u32::from(c)),
                            offset,
                        ));
                    }
                    self.literal_text = false;
                    Node::Text(text)
                }
                Event::GeneralRef(reference) => {
                    self.literal_text = false;
                    Node::Text(Cow::Owned(self.reference(&reference, offset)?))
                }
                Event::DocType(_) => return Err(Error::syntax("a DOCTYPE is not allowed", offset)),
                Event::Decl(declaration) => {
                    check_declaration(&declaration, offset)?;
                    continue;
                }
                Event::PI(instruction) => {
                    check_pi(&instruction, offset)?;
                    continue;
                }
                Event::Comment(comment) => {
                    check_comment(&comment, offset)?;
                    continue;
                }
                Event::Eof if self.depth > 0 => {
                    return Err(Error::eof("unclosed element at the end of input", offset));
                }
                Event::Eof => Node::Eof,
            });
        }
    }

    fn open(&mut self, start: BytesStart<'a>, offset: usize) -> Result<Node<'a>> {
        self.depth += 1;
        self.limits.check_depth(self.depth).map_err(|error| error.at_offset(offset))?;
        // The name as a slice of the input, so that it lives as long as the input. The tag
        // opens at `offset`, after the byte order mark that quick-xml passes over silently.
        let at = offset + if offset == 0 && self.bytes.starts_with(b"\xEF\xBB\xBF") { 4 } else { 1 };
        let name_in_tag = start.name().into_inner();
        let name = self
            .bytes
            .get(at..at + name_in_tag.len())
            .filter(|raw| std::ptr::eq(raw.as_ptr(), name_in_tag.as_ptr()))
            .ok_or_else(|| Error::syntax("malformed start tag", offset))?;
        self.namespaces.open(&start, name, self.depth, offset)?;
        Ok(Node::Start(Element { start, name, offset }))
    }

    /// `&lt;` and the other four predefined entities, and character references; nothing else.
    fn reference(&self, reference: &quick_xml::events::BytesRef<'_>, offset: usize) -> Result<String> {
        if reference.is_char_ref() {
            let character = reference
                .resolve_char_ref()
                .ok()
                .flatten()
                .filter(|&c| is_xml_char(c))
                .ok_or_else(|| Error::syntax("invalid character reference", offset))?;
            return Ok(character.to_string());
        }
        let name = reference.decode().map_err(|_| Error::syntax("invalid entity", offset))?;
        Ok(match &*name {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "apos" => "'",
            "quot" => "\"",
            _ => {
                return Err(Error::syntax("unknown entity (only the five predefined ones exist here)", offset));
            }
        }
        .to_owned())
    }

    /// The first element of the document, after any declaration, comments and whitespace.
    pub(crate) fn root(&mut self) -> Result<Element<'a>> {
        loop {
            let before = self.offset();
            match self.next()? {
                Node::Start(element) => return Ok(element),
                Node::Text(text) if self.literal_text && text.trim().is_empty() => {}
                Node::Text(_) => {
                    return Err(Error::syntax("text before the root element", before));
                }
                Node::End => return Err(Error::syntax("unexpected end tag", self.offset())),
                Node::Eof => return Err(Error::eof("no root element", self.offset())),
            }
        }
    }

    /// Checks that nothing but whitespace and comments follows the root element.
    pub(crate) fn finish(&mut self) -> Result<()> {
        loop {
            let before = self.offset();
            match self.next()? {
                Node::Eof => return Ok(()),
                Node::Text(text) if self.literal_text && text.trim().is_empty() => {}
                Node::Start(element) => {
                    return Err(Error::syntax("a second root element", element.offset));
                }
                _ => {
                    return Err(Error::syntax("content after the root element", before));
                }
            }
        }
    }

    /// The text of the element just opened, up to its end; a child element is an error.
    pub(crate) fn text(&mut self) -> Result<Cow<'a, str>> {
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            match self.next()? {
                Node::Text(piece) => {
                    text = Some(match text {
                        None => piece,
                        Some(mut joined) => {
                            joined.to_mut().push_str(&piece);
                            joined
                        }
                    });
                    if text.as_ref().is_some_and(|t| t.len() > self.limits.max_string_len) {
                        return Err(Error::limit(format!("text longer than {} bytes", self.limits.max_string_len))
                            .at_offset(self.offset()));
                    }
                }
                Node::End => return Ok(text.unwrap_or_default()),
                Node::Start(element) => {
                    return Err(Error::data("expected text, found an element").at_offset(element.offset));
                }
                Node::Eof => {
                    return Err(Error::eof("unclosed element at the end of input", self.offset()));
                }
            }
        }
    }

    /// The next child element of the element just opened, passing over the text between
    /// children; `None` once the element's end tag is read.
    pub(crate) fn child(&mut self) -> Result<Option<Element<'a>>> {
        loop {
            match self.next()? {
                Node::Start(child) => return Ok(Some(child)),
                Node::Text(_) => {}
                Node::End => return Ok(None),
                Node::Eof => return Err(Error::eof("unclosed element at the end of input", self.offset())),
            }
        }
    }

    /// Skips the rest of the element just opened, without recursion.
    pub(crate) fn skip(&mut self) -> Result<()> {
        let mut open = 1usize;
        while open > 0 {
            match self.next()? {
                Node::Start(_) => open += 1,
                Node::End => open -= 1,
                Node::Text(_) => {}
                Node::Eof => {
                    return Err(Error::eof("unclosed element at the end of input", self.offset()));
                }
            }
        }
        Ok(())
    }
}

/// Whether `c` may appear in an XML 1.0 document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}
