//! XML bytes to [`Value`](crate::Value), guided by a schema.

use std::borrow::Cow;

use super::XmlSettings;
use super::reader::{Element, XmlReader};
use crate::codec::repeats::{KeySet, Seen};
use crate::codec::text;
use crate::error::{Error, Result};
use crate::schema::{MemberKeys, MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::{List, Map, MemberStack, Structure, Union, Value};

/// Decodes an XML document whose root element is a value of `shape`. The root's name is not
/// checked: services name it after the operation.
///
/// Unknown elements and attributes are skipped; flattened lists and maps may interleave with
/// other members; `<a/>` is the empty string; entities and CDATA are decoded, whitespace in
/// text kept. A DOCTYPE, an unknown entity, a second root or an unclosed element is an error.
///
/// ```
/// use awsval::schema::{ModelBuilder, ShapeType};
/// use awsval::xml::{self, XmlSettings};
///
/// let mut builder = ModelBuilder::new();
/// let string = builder.prelude(ShapeType::String);
/// let shape = builder
///     .add("Out", ShapeType::Structure)
///     .member("Name", string)
///     .xml_flattened()
///     .member("Id", string)
///     .xml_attribute()
///     .id();
/// let model = builder.finish()?;
/// let value = xml::decode(br#"<Out Id="7"><Name>a &amp; b</Name></Out>"#, model.get(shape), &XmlSettings::default())?;
/// assert_eq!(value["Name"].as_str(), Some("a & b"));
/// assert_eq!(value["Id"].as_str(), Some("7"));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode(bytes: &[u8], shape: ShapeRef<'_>, settings: &XmlSettings) -> Result<Value> {
    let mut decoder = Decoder::new(bytes, settings)?;
    let root = decoder.reader.root()?;
    let value = decoder.content(&root, shape, shape.traits().timestamp_format)?;
    decoder.reader.finish()?;
    Ok(value)
}

/// Decodes the element at `path` below the root (by local names, first match at each level)
/// as a value of `shape`; `None` when the path is not there. What protocols use to read
/// `<OpResponse><OpResult>` or `<ErrorResponse><Error>`.
pub fn decode_at(bytes: &[u8], path: &[&str], shape: ShapeRef<'_>, settings: &XmlSettings) -> Result<Option<Value>> {
    let decoder = Decoder::new(bytes, settings)?;
    decoder.read_at(path, |decoder, element| decoder.content(&element, shape, shape.traits().timestamp_format))
}

/// The text of the element at `path` below the root, if there is one.
pub fn text_at(bytes: &[u8], path: &[&str], settings: &XmlSettings) -> Result<Option<String>> {
    Ok(texts_at(bytes, &[path], settings)?.pop().flatten())
}

/// The texts of the elements at each of `paths` below the root (by local names, the first
/// match of each), read in one pass over the document; `None` where a path is not there.
///
/// ```
/// use awsval::xml::{self, XmlSettings};
///
/// let body = b"<ErrorResponse><Error><Code>Throttled</Code><Message>slow down</Message></Error></ErrorResponse>";
/// let texts = xml::texts_at(body, &[&["Error", "Code"], &["Error", "Message"], &["Code"]], &XmlSettings::new())?;
/// assert_eq!(texts, [Some("Throttled".to_owned()), Some("slow down".to_owned()), None]);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn texts_at(bytes: &[u8], paths: &[&[&str]], settings: &XmlSettings) -> Result<Vec<Option<String>>> {
    let mut decoder = Decoder::new(bytes, settings)?;
    decoder.reader.root()?;
    let mut texts = vec![None; paths.len()];
    decoder.gather_texts(&mut Vec::new(), paths, &mut texts)?;
    decoder.reader.finish()?;
    Ok(texts)
}

/// The name of the root element, as written.
pub fn root_name(bytes: &[u8], settings: &XmlSettings) -> Result<String> {
    let mut reader = XmlReader::new(bytes, settings.limits)?;
    Ok(reader.root()?.name_text().to_owned())
}

pub(super) struct Decoder<'a, 's> {
    pub(super) reader: XmlReader<'a>,
    settings: &'s XmlSettings,
    /// The members and items of the structures and wrapped lists being read, innermost
    /// last: each is gathered here, then moved into an allocation of its exact size.
    members: MemberStack,
    items: Vec<Value>,
}

impl<'a, 's> Decoder<'a, 's> {
    pub(super) fn new(bytes: &'a [u8], settings: &'s XmlSettings) -> Result<Self> {
        Ok(Self {
            reader: XmlReader::new(bytes, settings.limits)?,
            settings,
            members: MemberStack::default(),
            items: Vec::new(),
        })
    }
}

impl<'a> Decoder<'a, '_> {
    /// Reads the document with `read` handed the element at `path` below the root (by local
    /// names, the first match at each level), opened, to read through its end; `None` when
    /// the path is not there.
    pub(super) fn read_at<T>(
        mut self,
        path: &[&str],
        read: impl FnOnce(&mut Self, Element<'a>) -> Result<T>,
    ) -> Result<Option<T>> {
        let root = self.reader.root()?;
        let (found, open) = self.descend(root, path)?;
        let value = match found {
            Some(element) => Some(read(&mut self, element)?),
            None => None,
        };
        for _ in 0..open {
            self.reader.skip()?;
        }
        self.reader.finish()?;
        Ok(value)
    }

    /// Walks down `path` from the opened `element`. Returns the element found (opened, its
    /// content unread) and how many of its ancestors are still open; or, when the path is not
    /// there, `None` and how many elements remain open.
    fn descend(&mut self, element: Element<'a>, path: &[&str]) -> Result<(Option<Element<'a>>, usize)> {
        let mut current = element;
        let mut ancestors = 0;
        for name in path {
            let found = loop {
                match self.reader.child()? {
                    Some(child) if child.local_name() == name.as_bytes() => break Some(child),
                    Some(_) => self.reader.skip()?,
                    None => break None,
                }
            };
            match found {
                Some(child) => {
                    current = child;
                    ancestors += 1;
                }
                None => return Ok((None, ancestors)),
            }
        }
        Ok((Some(current), ancestors))
    }

    /// Reads the children of the open element at `at` through its end tag, keeping the text of
    /// the first element at each of `paths` in `texts`. Only elements on the way to a path are
    /// entered, so the recursion is as deep as the longest path.
    fn gather_texts(&mut self, at: &mut Vec<&'a [u8]>, paths: &[&[&str]], texts: &mut [Option<String>]) -> Result<()> {
        let leads = |at: &[&[u8]], path: &[&str]| at.iter().zip(path).all(|(name, want)| *name == want.as_bytes());
        while let Some(child) = self.reader.child()? {
            at.push(child.local_name());
            let wanted = paths.iter().position(|path| path.len() == at.len() && leads(at, path));
            match wanted {
                Some(index) if texts[index].is_none() => texts[index] = Some(self.reader.text()?.into_owned()),
                _ if paths.iter().any(|path| path.len() > at.len() && leads(at, path)) => {
                    self.gather_texts(at, paths, texts)?;
                }
                _ => self.reader.skip()?,
            }
            at.pop();
        }
        Ok(())
    }

    /// The content of the opened `element` as a value of `shape`, through its end tag.
    pub(super) fn content(
        &mut self,
        element: &Element<'a>,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
    ) -> Result<Value> {
        match shape.shape_type() {
            ShapeType::Structure => self.structure(element, shape).map(Value::Structure),
            ShapeType::Union => self.union(element, shape),
            ShapeType::List => self.list(shape).map(Value::List),
            ShapeType::Map => self.map(shape).map(Value::Map),
            ShapeType::Document => Err(Error::data("a document has no XML form").at_offset(element.offset)),
            _ => {
                let text = self.reader.text()?;
                self.attribute(element, text, shape, format)
            }
        }
    }

    /// A simple value of `shape` from `text` (an attribute's, or an element's content) of
    /// `element`.
    pub(super) fn attribute(
        &self,
        element: &Element<'a>,
        text: Cow<'_, str>,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
    ) -> Result<Value> {
        let format = self.settings.timestamp_format_for(format);
        text::parse(text, shape, format, self.settings.blob_text, self.settings.strict_timestamps)
            .map_err(|error| error.at_offset(element.offset))
    }

    /// The members of a structure, in schema order.
    fn structure(&mut self, element: &Element<'a>, shape: ShapeRef<'_>) -> Result<Structure> {
        let base = self.members.base();
        let mut key_sets: Vec<(usize, KeySet)> = Vec::new();
        let mut seen = Seen::new(shape.members().len());
        for (member, text) in attribute_members(element, shape)? {
            let value = self
                .attribute(element, Cow::Owned(text), member.target(), member.timestamp_format())
                .map_err(|error| member.annotate(error))?;
            self.members.push(member.index(), member.name(), value);
        }
        // The member after the last one found is tried first: members mostly come in order.
        let (keys, mut expected) = (shape.xml_keys(), 0);
        while let Some(child) = self.reader.child()? {
            let Some(member) = element_member(keys, &child, expected) else {
                self.reader.skip()?;
                continue;
            };
            expected = member.index() + 1;
            let target = member.target();
            if is_flattened(member) {
                let slot = match self.members.position(base, member.index()) {
                    Some(at) => at,
                    None => {
                        self.members.push(member.index(), member.name(), empty_collection(target));
                        self.members.base() - 1
                    }
                };
                let position = match key_sets.iter().position(|(index, _)| *index == member.index()) {
                    Some(position) => position,
                    None => {
                        key_sets.push((member.index(), KeySet::default()));
                        key_sets.len() - 1
                    }
                };
                // The collection leaves the scratch stack while its item is read (which may
                // use the stack itself).
                let mut collection = std::mem::take(self.members.value_mut(slot));
                let result = self.flattened_item(&child, target, &mut collection, &mut key_sets[position].1);
                *self.members.value_mut(slot) = collection;
                result.map_err(|error| member.annotate(error))?;
                continue;
            }
            if !seen.insert(member.index()) {
                return Err(member.annotate(Error::data("repeated member").at_offset(child.offset)));
            }
            let value =
                self.content(&child, target, member.timestamp_format()).map_err(|error| member.annotate(error))?;
            self.members.push(member.index(), member.name(), value);
        }
        Ok(self.members.finish(base))
    }

    /// One occurrence of a flattened list or map member, added to what was read before.
    fn flattened_item(
        &mut self,
        element: &Element<'a>,
        target: ShapeRef<'_>,
        into: &mut Value,
        keys: &mut KeySet,
    ) -> Result<()> {
        match into {
            Value::List(items) => {
                let member = target.item()?;
                let index = items.len();
                self.collection_room(items.len(), element.offset)?;
                let item = self.content(element, member.target(), member.timestamp_format());
                items.push(item.map_err(|error| error.at_index(index))?);
            }
            Value::Map(entries) => {
                self.collection_room(entries.len(), element.offset)?;
                let (key, value) = self.entry(target)?;
                push_entry(entries, keys, key, value, element.offset)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Fails when a collection of `len` items may not take one more (the one at `offset`).
    pub(super) fn collection_room(&self, len: usize, offset: usize) -> Result<()> {
        let limit = self.settings.limits.max_collection_len;
        if len >= limit {
            return Err(Error::limit(format!("more than {limit} items")).at_offset(offset));
        }
        Ok(())
    }

    fn union(&mut self, element: &Element<'a>, shape: ShapeRef<'_>) -> Result<Value> {
        let mut found: Option<Union> = None;
        let (mut keys, members) = (KeySet::default(), shape.xml_keys());
        while let Some(child) = self.reader.child()? {
            let second = || Error::data("a union has exactly one member, found a second").at_offset(child.offset);
            let Some(member) = members.find(child.local_name(), 0) else {
                let name = child.local_text().to_owned();
                self.reader.skip()?;
                if found.is_some() {
                    return Err(second());
                }
                found = Some(Union::unknown(name));
                continue;
            };
            let target = member.target();
            let flattened = is_flattened(member);
            match found.as_mut() {
                // A flattened member repeats its element once per item.
                Some(union) if flattened && union.known_name() == Some(member.name()) => {
                    let collection = union.value_mut().ok_or_else(second)?;
                    self.flattened_item(&child, target, collection, &mut keys)
                        .map_err(|error| member.annotate(error))?;
                }
                Some(_) => return Err(second()),
                None if flattened => {
                    let mut collection = empty_collection(target);
                    self.flattened_item(&child, target, &mut collection, &mut keys)
                        .map_err(|error| member.annotate(error))?;
                    found = Some(Union::new(member.name(), collection));
                }
                None => {
                    let value = self.content(&child, target, member.timestamp_format());
                    found = Some(Union::new(member.name(), value.map_err(|error| member.annotate(error))?));
                }
            }
        }
        found
            .map(Value::Union)
            .ok_or_else(|| Error::data("a union has exactly one member, found none").at_offset(element.offset))
    }

    /// A wrapped list: `<member>` items (renamed by the list member's `xmlName`).
    fn list(&mut self, shape: ShapeRef<'_>) -> Result<List> {
        let member = shape.item()?;
        let item_name = member.traits().xml_name.as_deref().unwrap_or("member");
        let base = self.items.len();
        while let Some(child) = self.reader.child()? {
            if child.local_name() != item_name.as_bytes() {
                self.reader.skip()?;
                continue;
            }
            let index = self.items.len() - base;
            self.collection_room(index, child.offset)?;
            let item = self.content(&child, member.target(), member.timestamp_format());
            self.items.push(item.map_err(|error| error.at_index(index))?);
        }
        Ok(self.items.drain(base..).collect())
    }

    /// A wrapped map: `<entry>` elements holding a key and a value.
    fn map(&mut self, shape: ShapeRef<'_>) -> Result<Map> {
        let mut entries = Map::new();
        let mut keys = KeySet::default();
        while let Some(child) = self.reader.child()? {
            if child.local_name() != b"entry" {
                self.reader.skip()?;
                continue;
            }
            self.collection_room(entries.len(), child.offset)?;
            let (key, value) = self.entry(shape)?;
            push_entry(&mut entries, &mut keys, key, value, child.offset)?;
        }
        Ok(entries)
    }

    /// The key and value inside an opened entry element, through its end. A key or value given
    /// twice is an error (one of them would be lost), and so is a dense map's entry without a
    /// value; a sparse map's is a null.
    pub(super) fn entry(&mut self, shape: ShapeRef<'_>) -> Result<(String, Value)> {
        let (key_member, value_member) = shape.entry()?;
        let key_name = key_member.traits().xml_name.as_deref().unwrap_or("key");
        let value_name = value_member.traits().xml_name.as_deref().unwrap_or("value");
        let start = self.reader.offset();
        let (mut key, mut value) = (None, None);
        while let Some(child) = self.reader.child()? {
            let repeated = |what| Error::data(format!("a map entry with a second {what}")).at_offset(child.offset);
            match child.local_name() {
                name if name == key_name.as_bytes() => {
                    if key.is_some() {
                        return Err(repeated("key"));
                    }
                    key = Some(self.reader.text()?.into_owned());
                }
                name if name == value_name.as_bytes() => {
                    if value.is_some() {
                        return Err(match &key {
                            Some(key) => repeated("value").at_key(key.as_str()),
                            None => repeated("value"),
                        });
                    }
                    let decoded = self.content(&child, value_member.target(), value_member.timestamp_format());
                    value = Some(match (decoded, &key) {
                        (Ok(v), _) => v,
                        (Err(error), Some(key)) => return Err(error.at_key(key.as_str())),
                        (Err(error), None) => return Err(error),
                    });
                }
                _ => self.reader.skip()?,
            }
        }
        let key = key.ok_or_else(|| Error::data("a map entry without a key").at_offset(start))?;
        match value {
            Some(value) => Ok((key, value)),
            None if shape.is_sparse() => Ok((key, Value::Null)),
            None => Err(Error::data("a map entry without a value").at_offset(start).at_key(key)),
        }
    }
}

/// The members of `shape` that `element`'s attributes hold, with their texts, in the order
/// they are written.
pub(super) fn attribute_members<'m>(
    element: &Element<'_>,
    shape: ShapeRef<'m>,
) -> Result<Vec<(MemberRef<'m>, String)>> {
    // Read even when the shape has no attribute members: a malformed one is an error.
    let attributes = element.attributes()?.into_iter();
    Ok(attributes
        .filter_map(|(key, text)| {
            let member = shape.member_by_xml_name(&key).filter(|m| m.traits().xml_attribute)?;
            Some((member, text))
        })
        .collect())
}

/// The member a structure's child element stands for, by its qualified name, else its local
/// name (member `expected` tried first); never an attribute member.
pub(super) fn element_member<'m>(keys: MemberKeys<'m>, child: &Element<'_>, expected: usize) -> Option<MemberRef<'m>> {
    keys.find(child.name(), expected)
        .or_else(|| keys.find(child.local_name(), expected))
        .filter(|m| !m.traits().xml_attribute)
}

/// Whether `member` is a flattened list or map, whose items or entries stand among the other
/// members, one element each.
pub(super) fn is_flattened(member: MemberRef<'_>) -> bool {
    member.traits().xml_flattened && matches!(member.target().shape_type(), ShapeType::List | ShapeType::Map)
}

fn push_entry(entries: &mut Map, seen: &mut KeySet, key: String, value: Value, offset: usize) -> Result<()> {
    if !seen.insert(&key, entries.iter().as_slice()) {
        return Err(Error::data("repeated map key").at_offset(offset).at_key(key));
    }
    entries.push(key, value);
    Ok(())
}

/// The empty list or map that a flattened member's items are gathered into.
fn empty_collection(target: ShapeRef<'_>) -> Value {
    if target.shape_type() == ShapeType::List { Value::List(List::new()) } else { Value::Map(Map::new()) }
}
