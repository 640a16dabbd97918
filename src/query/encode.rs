//! [`Value`](crate::Value) to query key–value pairs.

use super::{QueryFlavor, QuerySettings, member_key};
use crate::codec::BlobText;
use crate::codec::mismatch;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// The key–value pairs of input structure `value`, in member order. Join them with
/// [`form_urlencode`](super::form_urlencode).
pub fn encode(value: &Value, shape: ShapeRef<'_>, settings: &QuerySettings) -> Result<Vec<(String, String)>> {
    let mut encoder = Encoder::new(settings);
    encoder.nest(|e| e.members("", value, shape))?;
    Ok(encoder.pairs)
}

pub(super) struct Encoder<'s> {
    pub(super) settings: &'s QuerySettings,
    pub(super) pairs: Vec<(String, String)>,
    depth: usize,
    /// Typed encoding's place: the key of the value being written, and whether a list or map
    /// there is flattened (the `Value` walk passes both down as arguments).
    pub(super) key: String,
    pub(super) flattened: bool,
}

impl<'s> Encoder<'s> {
    pub(super) fn new(settings: &'s QuerySettings) -> Self {
        Self { settings, pairs: Vec::new(), depth: 0, key: String::new(), flattened: false }
    }
}

pub(super) fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() { name.to_owned() } else { format!("{prefix}.{name}") }
}

impl Encoder<'_> {
    pub(super) fn key_of(&self, member: MemberRef<'_>) -> String {
        member_key(self.settings.flavor, member)
    }

    fn members(&mut self, prefix: &str, value: &Value, shape: ShapeRef<'_>) -> Result<()> {
        match value {
            Value::Structure(structure) => {
                shape.xml_keys().check_unshared(structure, MemberRef::xml_name)?;
                for entry in shape.members_of(structure) {
                    let (member, member_value) = entry?;
                    if member_value.is_null() {
                        continue;
                    }
                    let key = join(prefix, &self.key_of(member));
                    self.member(&key, member, member_value).map_err(|error| member.annotate(error))?;
                }
            }
            Value::Union(union) => {
                let (member, member_value) = shape.union_member(union)?;
                let key = join(prefix, &self.key_of(member));
                self.member(&key, member, member_value).map_err(|error| member.annotate(error))?;
            }
            other => return Err(mismatch(shape, other)),
        }
        Ok(())
    }

    /// Runs `encode` one level deeper: structures, unions, lists and maps each count.
    pub(super) fn nest(&mut self, encode: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        let result = encode(self);
        self.depth -= 1;
        result
    }

    fn member(&mut self, key: &str, member: MemberRef<'_>, value: &Value) -> Result<()> {
        self.value(key, member.target(), value, member.timestamp_format(), self.flattens(member))
    }

    /// Whether a list or map in `member` is written flattened.
    pub(super) fn flattens(&self, member: MemberRef<'_>) -> bool {
        member.traits().xml_flattened || self.settings.flavor == QueryFlavor::Ec2Query
    }

    pub(super) fn value(
        &mut self,
        key: &str,
        shape: ShapeRef<'_>,
        value: &Value,
        format: Option<TimestampFormat>,
        flattened: bool,
    ) -> Result<()> {
        match shape.shape_type() {
            ShapeType::Structure | ShapeType::Union => self.nest(|e| e.members(key, value, shape)),
            ShapeType::List => self.nest(|e| e.list(key, shape, value, flattened)),
            ShapeType::Map => self.nest(|e| e.map(key, shape, value, flattened)),
            _ => {
                let format = format.unwrap_or(self.settings.timestamp_format);
                let text = text::format(value, shape, format, BlobText::Base64)?;
                self.pairs.push((key.to_owned(), text));
                Ok(())
            }
        }
    }

    fn list(&mut self, key: &str, shape: ShapeRef<'_>, value: &Value, flattened: bool) -> Result<()> {
        let Value::List(items) = value else {
            return Err(mismatch(shape, value));
        };
        let member = shape.item()?;
        let Some(prefix) = self.items_prefix(key, member, items.len(), flattened) else { return Ok(()) };
        for (index, item) in items.iter().enumerate() {
            if item.is_null() {
                return Err(null_item(index));
            }
            let item_key = format!("{prefix}.{}", index + 1);
            self.value(
                &item_key,
                member.target(),
                item,
                member.timestamp_format(),
                self.settings.flavor == QueryFlavor::Ec2Query,
            )
            .map_err(|error| error.at_index(index))?;
        }
        Ok(())
    }

    /// The prefix of a list's item keys; `None` for an empty list, which awsQuery writes as
    /// its key with no value and ec2Query leaves out.
    pub(super) fn items_prefix(
        &mut self,
        key: &str,
        item: MemberRef<'_>,
        len: usize,
        flattened: bool,
    ) -> Option<String> {
        if len == 0 {
            if self.settings.flavor == QueryFlavor::AwsQuery {
                self.pairs.push((key.to_owned(), String::new()));
            }
            return None;
        }
        Some(if flattened { key.to_owned() } else { join(key, item.traits().xml_name.as_deref().unwrap_or("member")) })
    }

    fn map(&mut self, key: &str, shape: ShapeRef<'_>, value: &Value, flattened: bool) -> Result<()> {
        let Value::Map(entries) = value else {
            return Err(mismatch(shape, value));
        };
        let (_, value_member) = shape.entry()?;
        let entry_keys = EntryKeys::of(shape, key, flattened)?;
        for (index, (entry_key, entry_value)) in entries.iter().enumerate() {
            let Some(value_key) = entry_keys.entry(self, shape, index, entry_key, entry_value.is_null())? else {
                continue;
            };
            self.value(&value_key, value_member.target(), entry_value, value_member.timestamp_format(), false)
                .map_err(|error| error.at_key(entry_key.as_str()))?;
        }
        Ok(())
    }
}

/// The error for a null list item, which a query string cannot hold.
pub(super) fn null_item(index: usize) -> Error {
    Error::data("a query string has no null list items").at_index(index)
}

/// How a map's entries are keyed: `prefix.N.key` and `prefix.N.value` (renamed by the map's
/// members' `xmlName`s).
pub(super) struct EntryKeys<'m> {
    prefix: String,
    key_name: &'m str,
    value_name: &'m str,
}

impl<'m> EntryKeys<'m> {
    pub(super) fn of(shape: ShapeRef<'m>, key: &str, flattened: bool) -> Result<Self> {
        let (key_member, value_member) = shape.entry()?;
        Ok(Self {
            prefix: if flattened { key.to_owned() } else { join(key, "entry") },
            key_name: key_member.traits().xml_name.as_deref().unwrap_or("key"),
            value_name: value_member.traits().xml_name.as_deref().unwrap_or("value"),
        })
    }

    /// Writes entry `index`'s key and gives the key its value is written under; `None` when
    /// the value is null (a query string has no null: a sparse map's null entry is its key
    /// alone, a dense map's is refused).
    pub(super) fn entry(
        &self,
        encoder: &mut Encoder<'_>,
        shape: ShapeRef<'_>,
        index: usize,
        key: &str,
        null: bool,
    ) -> Result<Option<String>> {
        let entry = format!("{}.{}", self.prefix, index + 1);
        encoder.pairs.push((format!("{entry}.{}", self.key_name), key.to_owned()));
        if null {
            return match shape.is_sparse() {
                true => Ok(None),
                false => Err(Error::data("null in a dense map").at_key(key)),
            };
        }
        Ok(Some(format!("{entry}.{}", self.value_name)))
    }
}
