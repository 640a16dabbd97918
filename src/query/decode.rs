//! Query key–value pairs to a [`Value`](crate::Value): what a server reads from an awsQuery or
//! ec2Query request.
//!
//! The pairs are first gathered into a tree by the dots of their keys (`L.member.2.Name` is
//! `L` → `member` → `2` → `Name`), then read by the schema: structure members by their query
//! keys, list items and map entries by their indexes (in index order, whatever order the pairs
//! came in, gaps allowed), scalars from their text. Keys the schema does not know are skipped,
//! as unknown members are everywhere; a key given twice is an error.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{QueryFlavor, QuerySettings, member_key};
use crate::codec::repeats::KeySet;
use crate::codec::{BlobText, text};
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::{List, Map, Structure, Union, Value};

/// Reads `pairs` (as [`parse_form`](super::parse_form) gives them, `Action` and `Version`
/// left out) as a value of structure `shape`.
///
/// ```
/// use awsval::query::{self, QueryFlavor, QuerySettings};
/// use awsval::schema::{ModelBuilder, ShapeType};
/// use awsval::{Structure, Value};
///
/// let mut builder = ModelBuilder::new();
/// let string = builder.prelude(ShapeType::String);
/// let names = builder.list("Names", string).id();
/// let shape = builder.add("In", ShapeType::Structure).member("Names", names).member("Id", string).id();
/// let model = builder.finish()?;
/// let pairs = query::parse_form(b"Id=7&Names.member.2=c&Names.member.1=a%20b")?;
/// let value = query::decode(&pairs, model.get(shape), &QuerySettings::new(QueryFlavor::AwsQuery))?;
/// let names = Value::List(vec!["a b".into(), "c".into()].into());
/// assert_eq!(value, Value::from(Structure::new().with("Names", names).with("Id", "7")));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode(pairs: &[(String, String)], shape: ShapeRef<'_>, settings: &QuerySettings) -> Result<Value> {
    let mut root = Node::default();
    for (key, value) in pairs {
        root.insert(key, value, settings)?;
    }
    Decoder { settings }.value(&root, shape, None, false)
}

/// The pairs below one key prefix.
#[derive(Default)]
struct Node<'p> {
    /// The value of the key that ends here, if one does.
    value: Option<&'p str>,
    children: HashMap<&'p str, Node<'p>>,
}

impl<'p> Node<'p> {
    fn insert(&mut self, key: &'p str, value: &'p str, settings: &QuerySettings) -> Result<()> {
        let mut node = self;
        for (depth, segment) in key.split('.').enumerate() {
            // Three segments a level at the most (`L.member.1`), so this bounds the nesting.
            if depth > settings.limits.max_depth.saturating_mul(3) {
                return Err(Error::limit(format!("nesting deeper than {}", settings.limits.max_depth)).at_key(key));
            }
            node = node.children.entry(segment).or_default();
        }
        if node.value.replace(value).is_some() {
            return Err(Error::data("repeated query key").at_key(key));
        }
        Ok(())
    }

    /// The children whose names are indexes (`1`, `2`…), in index order; any other child is an
    /// error.
    fn indexed(&self) -> Result<Vec<&Node<'p>>> {
        let mut items = Vec::with_capacity(self.children.len());
        for (name, node) in &self.children {
            let index: u64 = name
                .parse()
                .ok()
                .filter(|index| *index > 0 && name.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| Error::data("expected a list index from 1").at_key(*name))?;
            items.push((index, node));
        }
        items.sort_unstable_by_key(|(index, _)| *index);
        Ok(items.into_iter().map(|(_, node)| node).collect())
    }
}

struct Decoder<'s> {
    settings: &'s QuerySettings,
}

impl Decoder<'_> {
    /// A value of `shape`; a list or map is `flattened` as the encoder flattens it there.
    fn value(
        &self,
        node: &Node<'_>,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
        flattened: bool,
    ) -> Result<Value> {
        match shape.shape_type() {
            ShapeType::Structure => self.structure(node, shape).map(Value::Structure),
            ShapeType::Union => self.union(node, shape),
            ShapeType::List => self.list(node, shape, flattened).map(Value::List),
            ShapeType::Map => self.map(node, shape, flattened).map(Value::Map),
            ShapeType::Document => Err(Error::data("a document has no query form")),
            _ => {
                let text = node.value.ok_or_else(|| Error::data(format!("expected a {}", shape.shape_type())))?;
                let format = format.unwrap_or(self.settings.timestamp_format);
                text::parse(Cow::Borrowed(text), shape, format, BlobText::Base64, false)
            }
        }
    }

    /// A member's value: lists and maps are flattened by the member (always, in ec2Query).
    fn member(&self, node: &Node<'_>, member: MemberRef<'_>) -> Result<Value> {
        let flattened = member.traits().xml_flattened || self.settings.flavor == QueryFlavor::Ec2Query;
        self.value(node, member.target(), member.timestamp_format(), flattened).map_err(|error| member.annotate(error))
    }

    /// The members by their query keys.
    fn keyed<'m>(&self, shape: ShapeRef<'m>) -> HashMap<String, MemberRef<'m>> {
        let mut keys = HashMap::with_capacity(shape.members().len());
        for member in shape.members() {
            keys.entry(member_key(self.settings.flavor, member)).or_insert(member);
        }
        keys
    }

    fn structure(&self, node: &Node<'_>, shape: ShapeRef<'_>) -> Result<Structure> {
        let keys = self.keyed(shape);
        let mut members: Vec<(MemberRef<'_>, Value)> = Vec::new();
        for (name, child) in &node.children {
            if let Some(member) = keys.get(*name) {
                members.push((*member, self.member(child, *member)?));
            }
        }
        members.sort_by_key(|(member, _)| member.index());
        Ok(members.into_iter().map(|(member, value)| (member.name(), value)).collect())
    }

    fn union(&self, node: &Node<'_>, shape: ShapeRef<'_>) -> Result<Value> {
        let keys = self.keyed(shape);
        let mut found = None;
        for (name, child) in &node.children {
            if found.is_some() {
                return Err(Error::data("a union has exactly one member, found a second"));
            }
            found = Some(match keys.get(*name) {
                Some(member) => Union::new(member.name(), self.member(child, *member)?),
                None => Union::unknown(*name),
            });
        }
        found.map(Value::Union).ok_or_else(|| Error::data("a union has exactly one member, found none"))
    }

    fn list(&self, node: &Node<'_>, shape: ShapeRef<'_>, flattened: bool) -> Result<List> {
        let member = shape.item()?;
        let items = match (flattened, node.children.is_empty()) {
            // `L=`: an empty list.
            (_, true) => return Ok(List::new()),
            (true, false) => node,
            (false, false) => {
                let name = member.traits().xml_name.as_deref().unwrap_or("member");
                match node.children.get(name) {
                    Some(items) => items,
                    None => return Ok(List::new()),
                }
            }
        };
        self.room(items.children.len())?;
        let items = items.indexed()?;
        let mut list = List::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            // Items nest as the encoder writes them: ec2Query flattens every level.
            let ec2 = self.settings.flavor == QueryFlavor::Ec2Query;
            list.push(
                self.value(item, member.target(), member.timestamp_format(), ec2).map_err(|e| e.at_index(index))?,
            );
        }
        Ok(list)
    }

    fn map(&self, node: &Node<'_>, shape: ShapeRef<'_>, flattened: bool) -> Result<Map> {
        let (key_member, value_member) = shape.entry()?;
        let entries = match flattened {
            true => node,
            false => match node.children.get("entry") {
                Some(entries) => entries,
                None => return Ok(Map::new()),
            },
        };
        self.room(entries.children.len())?;
        let key_name = key_member.traits().xml_name.as_deref().unwrap_or("key");
        let value_name = value_member.traits().xml_name.as_deref().unwrap_or("value");
        let mut map = Map::with_capacity(entries.children.len());
        let mut seen = KeySet::default();
        for entry in entries.indexed()? {
            let key = entry.children.get(key_name).and_then(|k| k.value);
            let key = key.ok_or_else(|| Error::data("a map entry without a key"))?;
            let value = match entry.children.get(value_name) {
                Some(value) => self.value(value, value_member.target(), value_member.timestamp_format(), false),
                None if shape.is_sparse() => Ok(Value::Null),
                None => Err(Error::data("a map entry without a value")),
            };
            let value = value.map_err(|error| error.at_key(key))?;
            if !seen.insert(key, map.iter().as_slice()) {
                return Err(Error::data("repeated map key").at_key(key));
            }
            map.push(key, value);
        }
        Ok(map)
    }

    /// Fails when a collection would hold more than the limits allow.
    fn room(&self, len: usize) -> Result<()> {
        let limit = self.settings.limits.max_collection_len;
        if len > limit {
            return Err(Error::limit(format!("more than {limit} items")));
        }
        Ok(())
    }
}
