//! [`Value`](crate::Value) to XML bytes, guided by a schema.

use super::XmlSettings;
use super::reader::is_xml_char;
use crate::codec::mismatch;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType, XmlNamespace};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// Encodes `value` as an XML document: the root element is named by the shape's `xmlName`,
/// else its short name, and carries its `xmlNamespace`.
///
/// Text is escaped; a character XML cannot carry (most control characters) is an error, as is
/// a member the shape does not have or a document, which has no XML form.
pub fn encode(value: &Value, shape: ShapeRef<'_>, settings: &XmlSettings) -> Result<Vec<u8>> {
    let name = shape.traits().xml_name.as_deref().unwrap_or_else(|| shape.short_name());
    encode_with(value, shape, name, shape.traits().xml_namespace.as_ref(), settings)
}

/// [`encode`] with the root element named `name` and carrying `namespace`.
pub fn encode_with(
    value: &Value,
    shape: ShapeRef<'_>,
    name: &str,
    namespace: Option<&XmlNamespace>,
    settings: &XmlSettings,
) -> Result<Vec<u8>> {
    let mut encoder = Encoder { settings, out: Vec::with_capacity(256), depth: 0 };
    encoder.element(name, namespace, value, shape, shape.traits().timestamp_format)?;
    Ok(encoder.out)
}

/// [`encode_with`] for a structure, with `head` and `tail` (XML the caller wrote, such as a
/// query error's `<Code>` or a response's `<requestId>`) inside the root element, before and
/// after the members.
pub(crate) fn encode_framed(
    value: &Value,
    shape: ShapeRef<'_>,
    root: (&str, Option<&XmlNamespace>),
    settings: &XmlSettings,
    head: &[u8],
    tail: &[u8],
) -> Result<Vec<u8>> {
    let (name, namespace) = root;
    let mut encoder = Encoder { settings, out: Vec::with_capacity(256), depth: 1 };
    encoder.open(name, namespace, value, shape)?;
    encoder.out.extend_from_slice(head);
    encoder.children(value, shape)?;
    encoder.out.extend_from_slice(tail);
    encoder.close(name);
    Ok(encoder.out)
}

/// Appends the start tag `<name>`, declaring `namespace`.
pub(crate) fn start_tag(name: &str, namespace: Option<&XmlNamespace>, out: &mut Vec<u8>) -> Result<()> {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    if let Some(namespace) = namespace {
        write_namespace(namespace, out)?;
    }
    out.push(b'>');
    Ok(())
}

/// Appends ` xmlns[:prefix]="uri"`.
fn write_namespace(namespace: &XmlNamespace, out: &mut Vec<u8>) -> Result<()> {
    out.extend_from_slice(b" xmlns");
    if let Some(prefix) = &namespace.prefix {
        out.push(b':');
        out.extend_from_slice(prefix.as_bytes());
    }
    out.extend_from_slice(b"=\"");
    escape(&namespace.uri, true, out)?;
    out.push(b'"');
    Ok(())
}

/// Appends `<name>text</name>`, the text escaped.
pub(crate) fn text_element(name: &str, text: &str, out: &mut Vec<u8>) -> Result<()> {
    text_element_in(name, None, text, out)
}

/// Appends `<name>text</name>`, declaring `namespace`, the text escaped.
pub(crate) fn text_element_in(
    name: &str,
    namespace: Option<&XmlNamespace>,
    text: &str,
    out: &mut Vec<u8>,
) -> Result<()> {
    start_tag(name, namespace, out)?;
    escape(text, false, out)?;
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    Ok(())
}

/// Writes the members of structure `value` (no enclosing element) into `out`: what the query
/// protocols' wrappers and restXml's bodies are made of.
pub fn encode_members(value: &Value, shape: ShapeRef<'_>, settings: &XmlSettings, out: &mut Vec<u8>) -> Result<()> {
    let mut encoder = Encoder { settings, out: std::mem::take(out), depth: 0 };
    let result = encoder.children(value, shape);
    *out = encoder.out;
    result
}

struct Encoder<'s> {
    settings: &'s XmlSettings,
    out: Vec<u8>,
    depth: usize,
}

impl Encoder<'_> {
    fn element(
        &mut self,
        name: &str,
        namespace: Option<&XmlNamespace>,
        value: &Value,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
    ) -> Result<()> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        self.open(name, namespace, value, shape)?;
        match shape.shape_type() {
            ShapeType::Structure | ShapeType::Union => self.children(value, shape)?,
            ShapeType::List => self.list(value, shape)?,
            ShapeType::Map => self.map(value, shape)?,
            _ => {
                let text = self.scalar(value, shape, format)?;
                escape(&text, false, &mut self.out)?;
            }
        }
        self.close(name);
        self.depth -= 1;
        Ok(())
    }

    /// The start tag, with the namespace and a structure's attribute members.
    fn open(&mut self, name: &str, namespace: Option<&XmlNamespace>, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        self.out.push(b'<');
        self.out.extend_from_slice(name.as_bytes());
        if let Some(namespace) = namespace {
            self.namespace(namespace)?;
        }
        if shape.shape_type() == ShapeType::Structure {
            self.attributes(value, shape)?;
        }
        self.out.push(b'>');
        Ok(())
    }

    fn close(&mut self, name: &str) {
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
    }

    fn namespace(&mut self, namespace: &XmlNamespace) -> Result<()> {
        write_namespace(namespace, &mut self.out)
    }

    fn attributes(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        let Value::Structure(structure) = value else {
            return Err(mismatch(shape, value));
        };
        for entry in shape.members_of(structure) {
            let (member, member_value) = entry?;
            if !member.traits().xml_attribute || member_value.is_null() {
                continue;
            }
            let text = self
                .scalar(member_value, member.target(), member.timestamp_format())
                .map_err(|error| member.annotate(error))?;
            // A prefixed attribute declares its prefix on the element it sits on.
            // (A default namespace does not apply to attributes, so only a prefixed one does.)
            if let Some(namespace) = member.traits().xml_namespace.as_ref().filter(|n| n.prefix.is_some()) {
                self.namespace(namespace)?;
            }
            self.out.push(b' ');
            self.out.extend_from_slice(member.xml_name().as_bytes());
            self.out.extend_from_slice(b"=\"");
            escape(&text, true, &mut self.out).map_err(|error| member.annotate(error))?;
            self.out.push(b'"');
        }
        Ok(())
    }

    /// The member elements of a structure or union.
    fn children(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        match value {
            Value::Structure(structure) => {
                shape.xml_keys().check_unshared(structure, MemberRef::xml_name)?;
                for entry in shape.members_of(structure) {
                    let (member, member_value) = entry?;
                    if member.traits().xml_attribute || member_value.is_null() {
                        continue;
                    }
                    self.member(member, member_value).map_err(|error| member.annotate(error))?;
                }
                Ok(())
            }
            Value::Union(union) => {
                let (member, member_value) = shape.union_member(union)?;
                self.member(member, member_value).map_err(|error| member.annotate(error))
            }
            other => Err(mismatch(shape, other)),
        }
    }

    fn member(&mut self, member: MemberRef<'_>, value: &Value) -> Result<()> {
        let target = member.target();
        let namespace = namespace_of(member);
        if !member.traits().xml_flattened {
            return self.element(member.xml_name(), namespace, value, target, member.timestamp_format());
        }
        match (target.shape_type(), value) {
            (ShapeType::List, Value::List(items)) => {
                let item = target.item()?;
                // Each item is an element of the member's name in the item's namespace: the
                // list's own namespace has no element to go on.
                let namespace = member.traits().xml_namespace.as_ref().or(item.traits().xml_namespace.as_ref());
                for (index, value) in items.iter().enumerate() {
                    self.element(member.xml_name(), namespace, value, item.target(), item.timestamp_format())
                        .map_err(|error| error.at_index(index))?;
                }
                Ok(())
            }
            (ShapeType::Map, Value::Map(entries)) => {
                for (key, value) in entries {
                    self.out.push(b'<');
                    self.out.extend_from_slice(member.xml_name().as_bytes());
                    if let Some(namespace) = namespace {
                        self.namespace(namespace)?;
                    }
                    self.out.push(b'>');
                    self.entry(target, key, value)?;
                    self.out.extend_from_slice(b"</");
                    self.out.extend_from_slice(member.xml_name().as_bytes());
                    self.out.push(b'>');
                }
                Ok(())
            }
            _ => self.element(member.xml_name(), namespace, value, target, member.timestamp_format()),
        }
    }

    fn list(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        let Value::List(items) = value else {
            return Err(mismatch(shape, value));
        };
        let item = shape.item()?;
        let name = item.traits().xml_name.as_deref().unwrap_or("member");
        let namespace = namespace_of(item);
        for (index, value) in items.iter().enumerate() {
            if value.is_null() {
                return Err(Error::data("XML has no null list items").at_index(index));
            }
            self.element(name, namespace, value, item.target(), item.timestamp_format())
                .map_err(|error| error.at_index(index))?;
        }
        Ok(())
    }

    fn map(&mut self, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        let Value::Map(entries) = value else {
            return Err(mismatch(shape, value));
        };
        for (key, value) in entries {
            self.out.extend_from_slice(b"<entry>");
            self.entry(shape, key, value)?;
            self.out.extend_from_slice(b"</entry>");
        }
        Ok(())
    }

    fn entry(&mut self, shape: ShapeRef<'_>, key: &str, value: &Value) -> Result<()> {
        let (key_member, value_member) = shape.entry()?;
        let key_value = Value::String(key.to_owned());
        let key_name = key_member.traits().xml_name.as_deref().unwrap_or("key");
        let value_name = value_member.traits().xml_name.as_deref().unwrap_or("value");
        let string = key_member.target();
        self.element(key_name, namespace_of(key_member), &key_value, string, None)
            .map_err(|error| error.at_key(key))?;
        // XML has no null: a sparse map's null is an entry without a value; a dense map has none.
        if value.is_null() && !shape.is_sparse() {
            return Err(Error::data("null in a dense map").at_key(key));
        }
        if !value.is_null() {
            self.element(
                value_name,
                namespace_of(value_member),
                value,
                value_member.target(),
                value_member.timestamp_format(),
            )
            .map_err(|error| error.at_key(key))?;
        }
        Ok(())
    }

    /// The text of a simple value.
    fn scalar(&self, value: &Value, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<String> {
        text::format(value, shape, self.settings.timestamp_format_for(format), self.settings.blob_text)
    }
}

/// The namespace an element for `member` declares: the member's, else its target's.
fn namespace_of(member: MemberRef<'_>) -> Option<&XmlNamespace> {
    member.traits().xml_namespace.as_ref().or(member.target().traits().xml_namespace.as_ref())
}

/// Appends `text` escaped for element content (or, with `attribute`, a quoted attribute).
/// Carriage returns (and in attributes tabs and newlines) are written as character
/// references so that a reader gives them back unchanged.
fn escape(text: &str, attribute: bool, out: &mut Vec<u8>) -> Result<()> {
    let mut run = 0;
    for (index, c) in text.char_indices() {
        let replacement: &[u8] = match c {
            '&' => b"&amp;",
            '<' => b"&lt;",
            '>' => b"&gt;",
            '\r' => b"&#xD;",
            '"' if attribute => b"&quot;",
            '\n' if attribute => b"&#xA;",
            '\t' if attribute => b"&#x9;",
            c if !is_xml_char(c) => {
                return Err(Error::data(format!("character U+{:04X} cannot be written in XML", u32::from(c))));
            }
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[run..index]);
        out.extend_from_slice(replacement);
        run = index + c.len_utf8();
    }
    out.extend_from_slice(&text.as_bytes()[run..]);
    Ok(())
}
