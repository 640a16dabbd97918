//! The well-formedness rules quick-xml leaves to its caller: names, characters, comments,
//! processing instructions, the XML declaration, attributes and namespace prefixes.

use quick_xml::events::{BytesDecl, BytesStart};

use crate::error::{Error, Result};
use crate::xml::reader::is_xml_char;

fn is_name_start(c: char) -> bool {
    matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// XML's `Name` production.
pub(super) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// A namespace-qualified name: `local` or `prefix:local`, each a name without colons. Taken as
/// bytes: an ASCII name, the usual case, is checked in one pass and needs no UTF-8 check.
fn is_qname(name: &[u8]) -> bool {
    if is_ascii_qname(name) {
        return true;
    }
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    if name.is_ascii() {
        return false;
    }
    let ncname = |part: &str| !part.is_empty() && !part.as_bytes().contains(&b':') && is_name(part);
    match split_prefix(name) {
        (Some(prefix), local) => ncname(prefix) && ncname(local),
        (None, local) => ncname(local),
    }
}

/// [`is_qname`] for ASCII names, in one pass.
fn is_ascii_qname(name: &[u8]) -> bool {
    let mut part_start = true;
    let mut colon_seen = false;
    for &b in name {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => part_start = false,
            b'0'..=b'9' | b'-' | b'.' if !part_start => {}
            b':' if !part_start && !colon_seen => (part_start, colon_seen) = (true, true),
            _ => return false,
        }
    }
    !part_start
}

/// Where `prefix:local` splits: its first colon, if it has one.
pub(super) fn prefix_colon(name: &[u8]) -> Option<usize> {
    name.iter().position(|&b| b == b':')
}

/// `prefix:local` as its prefix (if any) and local part, split at [`prefix_colon`].
pub(super) fn split_prefix(name: &str) -> (Option<&str>, &str) {
    match prefix_colon(name.as_bytes()) {
        Some(colon) => (name.get(..colon), name.get(colon + 1..).unwrap_or_default()),
        None => (None, name),
    }
}

/// Text content: XML characters only, and never `]]>`.
pub(super) fn check_text(text: &str, offset: usize) -> Result<()> {
    // The common case, printable ASCII and line breaks with no `>`, in one branch-free pass.
    let unusual = text.bytes().fold(false, |unusual, b| {
        let control = b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r';
        unusual | control | (b >= 0x7F) | (b == b'>')
    });
    if !unusual {
        return Ok(());
    }
    if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
        return Err(Error::syntax(format!("character U+{:04X} is not allowed in XML", u32::from(c)), offset));
    }
    if text.contains("]]>") {
        return Err(Error::syntax("`]]>` is not allowed in text", offset));
    }
    Ok(())
}

/// A comment's content: no `--`, not ending in `-`.
pub(super) fn check_comment(content: &[u8], offset: usize) -> Result<()> {
    let text = std::str::from_utf8(content).map_err(|_| Error::syntax("invalid UTF-8 in a comment", offset))?;
    if text.contains("--") || text.ends_with('-') {
        return Err(Error::syntax("`--` is not allowed in a comment", offset));
    }
    check_characters(text, offset)
}

fn check_characters(text: &str, offset: usize) -> Result<()> {
    match text.chars().find(|&c| !is_xml_char(c)) {
        Some(c) => Err(Error::syntax(format!("character U+{:04X} is not allowed in XML", u32::from(c)), offset)),
        None => Ok(()),
    }
}

/// A processing instruction: a target that is a name other than `xml`.
pub(super) fn check_pi(content: &[u8], offset: usize) -> Result<()> {
    let text =
        std::str::from_utf8(content).map_err(|_| Error::syntax("invalid UTF-8 in a processing instruction", offset))?;
    let target = text.split([' ', '\t', '\r', '\n']).next().unwrap_or_default();
    if !is_name(target) || target.contains(':') || target.eq_ignore_ascii_case("xml") {
        return Err(Error::syntax("invalid processing instruction target", offset));
    }
    check_characters(text, offset)
}

/// The XML declaration: version 1.x, an encoding awsval reads (UTF-8), `standalone` yes or
/// no, in that order, and only at the very start.
pub(super) fn check_declaration(declaration: &BytesDecl<'_>, offset: usize) -> Result<()> {
    let bad = |what: &str| Error::syntax(format!("invalid XML declaration: {what}"), offset);
    if offset > 0 {
        return Err(bad("it must open the document"));
    }
    let raw = std::str::from_utf8(declaration).map_err(|_| bad("not UTF-8"))?;
    let mut rest = raw.strip_prefix("xml").ok_or_else(|| bad("no `xml`"))?;
    let mut seen: Vec<&str> = Vec::new();
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == rest.len() {
            return Err(bad("attributes must be separated by whitespace"));
        }
        let (name, after) = trimmed.split_once('=').ok_or_else(|| bad("expected `name=\"value\"`"))?;
        let after = after.trim_start_matches([' ', '\t', '\r', '\n']);
        let name = name.trim_end_matches([' ', '\t', '\r', '\n']);
        let quote = after.chars().next().filter(|q| matches!(q, '"' | '\'')).ok_or_else(|| bad("unquoted value"))?;
        let end = after[1..].find(quote).ok_or_else(|| bad("unterminated value"))? + 1;
        let value = &after[1..end];
        let ok = match name {
            "version" => {
                seen.is_empty()
                    && value.strip_prefix("1.").is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            }
            "encoding" => {
                seen == ["version"] && (value.eq_ignore_ascii_case("UTF-8") || value.eq_ignore_ascii_case("US-ASCII"))
            }
            "standalone" => {
                seen.first() == Some(&"version") && !seen.contains(&"standalone") && matches!(value, "yes" | "no")
            }
            _ => false,
        };
        if !ok {
            return Err(bad(&format!("unexpected or invalid `{name}`")));
        }
        seen.push(name);
        rest = &after[end + 1..];
    }
    if seen.first() != Some(&"version") {
        return Err(bad("no version"));
    }
    Ok(())
}

/// Namespace prefixes in scope, innermost last, each with the depth that declared it.
#[derive(Clone, Default)]
pub(super) struct Namespaces {
    /// Prefix, namespace name, and the depth that declared them.
    declared: Vec<(String, String, usize)>,
}

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

impl Namespaces {
    /// Checks a start tag named `name` (its bytes) at `depth`: its names, its attributes (unique, well-formed values)
    /// and that every prefix it uses is declared.
    pub(super) fn open(&mut self, start: &BytesStart<'_>, name: &[u8], depth: usize, offset: usize) -> Result<()> {
        let bad = |what: String| Error::syntax(what, offset);
        if !is_qname(name) {
            return Err(bad("invalid element name".into()));
        }
        if start.attributes_raw().iter().all(u8::is_ascii_whitespace) {
            // No attributes: only the element's own prefix to check.
            return match prefix_colon(name).map(|colon| &name[..colon]) {
                Some(prefix) if prefix != b"xml" && self.uri(prefix).is_none() => {
                    Err(bad(format!("namespace prefix `{}` is not declared", String::from_utf8_lossy(prefix))))
                }
                _ => Ok(()),
            };
        }
        let name = std::str::from_utf8(name).unwrap_or_default();
        let (prefix, _) = split_prefix(name);
        check_attribute_spacing(start.attributes_raw(), offset)?;
        let mut prefixes_used = vec![prefix];
        let mut keys: Vec<String> = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| bad(format!("invalid attribute: {e}")))?;
            let key =
                std::str::from_utf8(attribute.key.into_inner()).map_err(|_| bad("invalid UTF-8 in a name".into()))?;
            if !is_qname(key.as_bytes()) {
                return Err(bad("invalid attribute name".into()));
            }
            if attribute.value.contains(&b'<') {
                return Err(bad("`<` is not allowed in an attribute value".into()));
            }
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| bad(format!("invalid attribute value: {e}")))?;
            check_characters(&value, offset)?;
            match key.split_once(':') {
                Some(("xmlns", prefix)) => self.declare(prefix, &value, depth, offset)?,
                None if key == "xmlns" && (value == XML_NAMESPACE || value == XMLNS_NAMESPACE) => {
                    return Err(bad("the default namespace cannot be a reserved one".into()));
                }
                Some((prefix, _)) => prefixes_used.push(Some(prefix)),
                None => {}
            }
            keys.push(key.to_owned());
        }
        for prefix in prefixes_used.into_iter().flatten() {
            if prefix != "xml" && self.uri(prefix.as_bytes()).is_none() {
                return Err(bad(format!("namespace prefix `{prefix}` is not declared")));
            }
        }
        // Two attributes may not share a namespace and local name, whatever their prefixes.
        let mut expanded: Vec<(&str, &str)> = keys
            .iter()
            .filter_map(|key| key.split_once(':'))
            .filter(|(prefix, _)| *prefix != "xmlns")
            .map(|(prefix, local)| (self.uri(prefix.as_bytes()).unwrap_or(prefix), local))
            .collect();
        expanded.sort_unstable();
        if expanded.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(bad("an attribute is repeated".into()));
        }
        Ok(())
    }

    fn declare(&mut self, prefix: &str, uri: &str, depth: usize, offset: usize) -> Result<()> {
        let bad = |what: &str| Error::syntax(what.to_owned(), offset);
        if prefix == "xmlns" || (prefix == "xml") != (uri == XML_NAMESPACE) || uri == XMLNS_NAMESPACE {
            return Err(bad("a reserved namespace prefix or name is misused"));
        }
        if uri.is_empty() {
            return Err(bad("a namespace prefix cannot be bound to an empty name"));
        }
        self.declared.push((prefix.to_owned(), uri.to_owned(), depth));
        Ok(())
    }

    fn uri(&self, prefix: &[u8]) -> Option<&str> {
        self.declared.iter().rev().find(|(p, ..)| p.as_bytes() == prefix).map(|(_, uri, _)| uri.as_str())
    }

    /// Forgets the prefixes declared at `depth` as its element closes.
    pub(super) fn close(&mut self, depth: usize) {
        while self.declared.last().is_some_and(|(.., d)| *d >= depth) {
            self.declared.pop();
        }
    }
}

/// Attributes must be separated by whitespace: `a="1"b="2"` is not XML.
fn check_attribute_spacing(raw: &[u8], offset: usize) -> Result<()> {
    let mut quote: Option<u8> = None;
    for (index, &byte) in raw.iter().enumerate() {
        match quote {
            Some(open) if byte == open => {
                quote = None;
                if raw.get(index + 1).is_some_and(|next| !matches!(next, b' ' | b'\t' | b'\r' | b'\n' | b'/')) {
                    return Err(Error::syntax("attributes must be separated by whitespace", offset));
                }
            }
            Some(_) => {}
            None if matches!(byte, b'"' | b'\'') => quote = Some(byte),
            None => {}
        }
    }
    Ok(())
}
