//! [`Value`](crate::Value) to XML bytes, guided by a schema.

use super::XmlSettings;
use crate::blob::Blob;
use crate::codec::text;
use crate::codec::{BlobText, mismatch};
use crate::convert::{self, Encode, Shape};
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
    let mut encoder = Encoder::new(settings, 0);
    encoder.element(name, namespace, value, shape, shape.traits().timestamp_format)?;
    Ok(encoder.out)
}

/// Encodes a typed value as an XML document of its own shape, straight from the type (see
/// [`convert::Encode`]): the bytes [`encode`] writes for its `Value`, with the same checks and
/// errors, without building the `Value`.
///
/// ```
/// use awsval::xml::{self, XmlSettings};
/// use awsval::{Shape, ToValue};
///
/// #[derive(Shape)]
/// struct Listing {
///     name: String,
///     #[awsval(xml_flattened)]
///     contents: Vec<String>,
/// }
///
/// let listing = Listing { name: "b".into(), contents: vec!["a & b".into(), "c".into()] };
/// let bytes = xml::encode_typed(&listing, &XmlSettings::new())?;
/// assert_eq!(bytes, b"<Listing><Name>b</Name><Contents>a &amp; b</Contents><Contents>c</Contents></Listing>");
/// assert_eq!(bytes, xml::encode(&listing.to_value(), Listing::schema(), &XmlSettings::new())?);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_typed<T: Encode + Shape + 'static>(value: &T, settings: &XmlSettings) -> Result<Vec<u8>> {
    let shape = T::schema();
    let name = shape.traits().xml_name.as_deref().unwrap_or_else(|| shape.short_name());
    encode_typed_with(value, name, shape.traits().xml_namespace.as_ref(), settings)
}

/// [`encode_typed`] with the root element named `name` and carrying `namespace`: what
/// [`encode_with`] writes of its `Value` (awsQuery's `<OpResult>` is written so).
///
/// ```
/// use awsval::xml::{self, XmlSettings};
/// use awsval::{Shape, ToValue};
///
/// #[derive(Shape)]
/// struct GetUserOutput {
///     user_name: String,
/// }
///
/// let output = GetUserOutput { user_name: "ana".into() };
/// let bytes = xml::encode_typed_with(&output, "GetUserResult", None, &XmlSettings::new())?;
/// assert_eq!(bytes, b"<GetUserResult><UserName>ana</UserName></GetUserResult>");
/// let by_value = xml::encode_with(&output.to_value(), GetUserOutput::schema(), "GetUserResult", None, &XmlSettings::new())?;
/// assert_eq!(bytes, by_value);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_typed_with<T: Encode + Shape + 'static>(
    value: &T,
    name: &str,
    namespace: Option<&XmlNamespace>,
    settings: &XmlSettings,
) -> Result<Vec<u8>> {
    let shape = T::schema();
    let mut encoder = Encoder::new(settings, 0);
    encoder.typed_element(name, namespace, value, shape, shape.traits().timestamp_format)?;
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
    let mut encoder = Encoder::new(settings, 1);
    encoder.open(name, namespace, value, shape)?;
    encoder.out.extend_from_slice(head);
    encoder.children(value, shape)?;
    encoder.out.extend_from_slice(tail);
    encoder.close(name);
    Ok(encoder.out)
}

/// [`encode_framed`] of a typed structure with nothing before its members: the bytes it
/// writes of the value's `Value`.
pub(crate) fn encode_typed_framed<T: Encode + ?Sized>(
    value: &T,
    shape: ShapeRef<'_>,
    root: (&str, Option<&XmlNamespace>),
    settings: &XmlSettings,
    tail: &[u8],
) -> Result<Vec<u8>> {
    if shape.shape_type() != ShapeType::Structure {
        return encode_framed(&value.to_value(), shape, root, settings, &[], tail);
    }
    let (name, namespace) = root;
    let mut encoder = Encoder::new(settings, 1);
    // Left open: the structure closes the start tag, after its attributes.
    open_tag(name, namespace, &mut encoder.out)?;
    value.encode(&mut encoder, shape, shape.traits().timestamp_format)?;
    encoder.out.extend_from_slice(tail);
    encoder.close(name);
    Ok(encoder.out)
}

/// Appends the start tag `<name>`, declaring `namespace`.
pub(crate) fn start_tag(name: &str, namespace: Option<&XmlNamespace>, out: &mut Vec<u8>) -> Result<()> {
    open_tag(name, namespace, out)?;
    out.push(b'>');
    Ok(())
}

/// Appends `<name`, declaring `namespace`: a start tag left open for attributes.
fn open_tag(name: &str, namespace: Option<&XmlNamespace>, out: &mut Vec<u8>) -> Result<()> {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    match namespace {
        Some(namespace) => write_namespace(namespace, out),
        None => Ok(()),
    }
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
    let mut encoder = Encoder { out: std::mem::take(out), ..Encoder::new(settings, 0) };
    let result = encoder.children(value, shape);
    *out = encoder.out;
    result
}

struct Encoder<'s> {
    settings: &'s XmlSettings,
    out: Vec<u8>,
    depth: usize,
    /// The typed path's flattened list or map member whose items are being written: each is
    /// an element of the member's name (and namespace).
    flattened: Option<(String, Option<XmlNamespace>)>,
}

impl<'s> Encoder<'s> {
    fn new(settings: &'s XmlSettings, depth: usize) -> Self {
        Self { settings, out: Vec::with_capacity(256), depth, flattened: None }
    }
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
        open_tag(name, namespace, &mut self.out)?;
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
        let (target, format) = (member.target(), member.timestamp_format());
        match flattened_namespace(member)? {
            Some(namespace) => self.flattened_value(member.xml_name(), namespace, value, target, format),
            None => self.element(member.xml_name(), namespace_of(member), value, target, format),
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

/// The typed path: the same elements, names, namespaces and text as above, each part handed
/// over by typed code. A structure's or union's start tag is left open for the value to
/// finish (a structure's attributes go in it); every other value's is closed before it.
impl convert::Encoder for Encoder<'_> {
    fn value(&mut self, value: &Value, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        if let Some((name, namespace)) = self.flattened.take() {
            // A flattened member whose type writes itself as a `Value`.
            return self.flattened_value(&name, namespace.as_ref(), value, shape, format);
        }
        match shape.shape_type() {
            ShapeType::Structure => {
                self.attributes(value, shape)?;
                self.out.push(b'>');
                self.children(value, shape)
            }
            ShapeType::Union => {
                self.out.push(b'>');
                self.children(value, shape)
            }
            ShapeType::List => self.list(value, shape),
            ShapeType::Map => self.map(value, shape),
            _ => {
                let text = self.scalar(value, shape, format)?;
                escape(&text, false, &mut self.out)
            }
        }
    }

    fn string(&mut self, text: &str, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::String | ShapeType::Enum if self.flattened.is_none() => escape(text, false, &mut self.out),
            _ => convert::Encoder::value(self, &Value::String(text.to_owned()), shape, None),
        }
    }

    fn blob(&mut self, bytes: &Blob, shape: ShapeRef<'_>) -> Result<()> {
        match (shape.shape_type(), self.settings.blob_text) {
            // Base64 needs no escaping.
            (ShapeType::Blob, BlobText::Base64) if self.flattened.is_none() => {
                bytes.append_base64(&mut self.out);
                Ok(())
            }
            _ => convert::Encoder::value(self, &Value::Blob(bytes.clone()), shape, None),
        }
    }

    fn structure<T, F>(&mut self, shape: ShapeRef<'_>, value: &T, members: F) -> Result<()>
    where
        T: Encode + ?Sized,
        F: FnOnce(&mut Self) -> Result<()>,
    {
        // Attributes go in the start tag, before any member's element; members sharing a
        // name are told apart by which are present: both the `Value` path's.
        if self.flattened.is_some() || shape.has_xml_attributes() || shape.xml_keys().has_shared_names() {
            return convert::Encoder::value(self, &value.to_value(), shape, None);
        }
        self.out.push(b'>');
        members(self)
    }

    fn member<T: Encode + ?Sized>(&mut self, member: MemberRef<'_>, value: &T) -> Result<()> {
        if value.is_absent() {
            return Ok(());
        }
        self.typed_member(member, value).map_err(|error| member.annotate(error))
    }

    fn union<T: Encode + ?Sized>(&mut self, shape: ShapeRef<'_>, member: MemberRef<'_>, value: &T) -> Result<()> {
        if self.flattened.is_some() {
            return convert::Encoder::value(self, &value.to_value(), shape, None);
        }
        self.out.push(b'>');
        self.typed_member(member, value).map_err(|error| member.annotate(error))
    }

    fn list<'a, T, I>(&mut self, shape: ShapeRef<'_>, items: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = &'a T>,
    {
        let item = shape.item()?;
        let (target, format) = (item.target(), item.timestamp_format());
        if let Some((name, namespace)) = self.flattened.take() {
            for (index, value) in items.enumerate() {
                self.typed_element(&name, namespace.as_ref(), value, target, format)
                    .map_err(|error| error.at_index(index))?;
            }
            return Ok(());
        }
        let name = item.traits().xml_name.as_deref().unwrap_or("member");
        let namespace = namespace_of(item);
        for (index, value) in items.enumerate() {
            if value.is_absent() {
                return Err(Error::data("XML has no null list items").at_index(index));
            }
            self.typed_element(name, namespace, value, target, format).map_err(|error| error.at_index(index))?;
        }
        Ok(())
    }

    fn map<'a, T, I>(&mut self, shape: ShapeRef<'_>, entries: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = (&'a String, &'a T)>,
    {
        let flattened = self.flattened.take();
        for (key, value) in entries {
            match &flattened {
                Some((name, namespace)) => {
                    start_tag(name, namespace.as_ref(), &mut self.out)?;
                    self.typed_entry(shape, key, value)?;
                    self.close(name);
                }
                None => {
                    self.out.extend_from_slice(b"<entry>");
                    self.typed_entry(shape, key, value)?;
                    self.out.extend_from_slice(b"</entry>");
                }
            }
        }
        Ok(())
    }
}

impl Encoder<'_> {
    /// [`Encoder::element`] for a typed value.
    fn typed_element<T: Encode + ?Sized>(
        &mut self,
        name: &str,
        namespace: Option<&XmlNamespace>,
        value: &T,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
    ) -> Result<()> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        open_tag(name, namespace, &mut self.out)?;
        if !matches!(shape.shape_type(), ShapeType::Structure | ShapeType::Union) {
            self.out.push(b'>');
        }
        value.encode(self, shape, format)?;
        self.close(name);
        self.depth -= 1;
        Ok(())
    }

    /// [`Encoder::member`] for a typed value.
    fn typed_member<T: Encode + ?Sized>(&mut self, member: MemberRef<'_>, value: &T) -> Result<()> {
        let (target, format) = (member.target(), member.timestamp_format());
        let Some(namespace) = flattened_namespace(member)? else {
            return self.typed_element(member.xml_name(), namespace_of(member), value, target, format);
        };
        self.flattened = Some((member.xml_name().to_owned(), namespace.cloned()));
        let written = value.encode(self, target, format);
        self.flattened = None;
        written
    }

    /// [`Encoder::entry`] for a typed value.
    fn typed_entry<T: Encode + ?Sized>(&mut self, shape: ShapeRef<'_>, key: &str, value: &T) -> Result<()> {
        let (key_member, value_member) = shape.entry()?;
        let key_name = key_member.traits().xml_name.as_deref().unwrap_or("key");
        let value_name = value_member.traits().xml_name.as_deref().unwrap_or("value");
        let key_value = Value::String(key.to_owned());
        self.element(key_name, namespace_of(key_member), &key_value, key_member.target(), None)
            .map_err(|error| error.at_key(key))?;
        if value.is_absent() {
            return match shape.is_sparse() {
                true => Ok(()),
                false => Err(Error::data("null in a dense map").at_key(key)),
            };
        }
        let (target, format) = (value_member.target(), value_member.timestamp_format());
        self.typed_element(value_name, namespace_of(value_member), value, target, format)
            .map_err(|error| error.at_key(key))
    }

    /// The elements of a flattened list or map member (see [`flattened_namespace`]): one per
    /// item or entry, named as the member.
    fn flattened_value(
        &mut self,
        name: &str,
        namespace: Option<&XmlNamespace>,
        value: &Value,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
    ) -> Result<()> {
        match (shape.shape_type(), value) {
            (ShapeType::List, Value::List(items)) => {
                let item = shape.item()?;
                for (index, value) in items.iter().enumerate() {
                    self.element(name, namespace, value, item.target(), item.timestamp_format())
                        .map_err(|error| error.at_index(index))?;
                }
                Ok(())
            }
            (ShapeType::Map, Value::Map(entries)) => {
                for (key, value) in entries {
                    start_tag(name, namespace, &mut self.out)?;
                    self.entry(shape, key, value)?;
                    self.close(name);
                }
                Ok(())
            }
            _ => self.element(name, namespace, value, shape, format),
        }
    }
}

/// The namespace of the elements of a flattened list or map member, or `None` for a member
/// that is one element. A flattened list's items are each an element of the member's name in
/// the member's namespace, else the item's: the list's own has no element to go on.
fn flattened_namespace(member: MemberRef<'_>) -> Result<Option<Option<&XmlNamespace>>> {
    if !member.traits().xml_flattened {
        return Ok(None);
    }
    let target = member.target();
    Ok(match target.shape_type() {
        ShapeType::List => {
            Some(member.traits().xml_namespace.as_ref().or(target.item()?.traits().xml_namespace.as_ref()))
        }
        ShapeType::Map => Some(namespace_of(member)),
        _ => None,
    })
}

/// The namespace an element for `member` declares: the member's, else its target's.
fn namespace_of(member: MemberRef<'_>) -> Option<&XmlNamespace> {
    member.traits().xml_namespace.as_ref().or(member.target().traits().xml_namespace.as_ref())
}

/// The bytes that may need escaping or refusing: control characters, `&`, `<`, `>`, `"`, and
/// 0xEF, which begins U+FFFE and U+FFFF, the two characters of the Basic Multilingual Plane
/// that XML cannot carry (a `str` holds no surrogates).
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[0xEF] = true;
    table
};

/// Appends `text` escaped for element content (or, with `attribute`, a quoted attribute).
/// Carriage returns (and in attributes tabs and newlines) are written as character
/// references so that a reader gives them back unchanged; a character XML cannot carry is an
/// error. Runs of plain bytes are found by table and copied whole.
fn escape(text: &str, attribute: bool, out: &mut Vec<u8>) -> Result<()> {
    let bytes = text.as_bytes();
    let (mut run, mut index) = (0, 0);
    while index < bytes.len() {
        let byte = bytes[index];
        if !SPECIAL[usize::from(byte)] {
            index += 1;
            continue;
        }
        let replacement: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#xD;",
            b'"' if attribute => b"&quot;",
            b'\n' if attribute => b"&#xA;",
            b'\t' if attribute => b"&#x9;",
            b'"' | b'\n' | b'\t' => {
                index += 1;
                continue;
            }
            0xEF => match bytes.get(index + 1..index + 3) {
                Some([0xBF, last @ (0xBE | 0xBF)]) => return Err(not_xml(0xFFC0 | (u32::from(*last) & 0x3F))),
                _ => {
                    index += 1;
                    continue;
                }
            },
            control => return Err(not_xml(u32::from(control))),
        };
        out.extend_from_slice(&bytes[run..index]);
        out.extend_from_slice(replacement);
        index += 1;
        run = index;
    }
    out.extend_from_slice(&bytes[run..]);
    Ok(())
}

fn not_xml(code: u32) -> Error {
    Error::data(format!("character U+{code:04X} cannot be written in XML"))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::escape;
    use crate::xml::reader::is_xml_char;

    /// What `escape` does, a character at a time: the definition it is checked against.
    fn by_chars(text: &str, attribute: bool) -> Result<String, String> {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\r' => out.push_str("&#xD;"),
                '"' if attribute => out.push_str("&quot;"),
                '\n' if attribute => out.push_str("&#xA;"),
                '\t' if attribute => out.push_str("&#x9;"),
                c if !is_xml_char(c) => {
                    return Err(format!("data error: character U+{:04X} cannot be written in XML", u32::from(c)));
                }
                c => out.push(c),
            }
        }
        Ok(out)
    }

    proptest! {
        #[test]
        fn escapes_as_the_character_definition(text in "(\\PC|[\\x00-\\x20&<>\"\u{FFFE}\u{FFFF}\u{FFFD}\u{EFBF}]){0,12}", attribute: bool) {
            let mut out = Vec::new();
            let written = escape(&text, attribute, &mut out)
                .map(|()| String::from_utf8(out).unwrap_or_default())
                .map_err(|error| error.to_string());
            prop_assert_eq!(written, by_chars(&text, attribute));
        }
    }
}
