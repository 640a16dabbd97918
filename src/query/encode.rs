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
    let mut encoder = Encoder { settings, pairs: Vec::new(), depth: 0 };
    encoder.nest(|e| e.members("", value, shape))?;
    Ok(encoder.pairs)
}

struct Encoder<'s> {
    settings: &'s QuerySettings,
    pairs: Vec<(String, String)>,
    depth: usize,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() { name.to_owned() } else { format!("{prefix}.{name}") }
}

impl Encoder<'_> {
    fn key(&self, member: MemberRef<'_>) -> String {
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
                    let key = join(prefix, &self.key(member));
                    self.member(&key, member, member_value).map_err(|error| member.annotate(error))?;
                }
            }
            Value::Union(union) => {
                let (member, member_value) = shape.union_member(union)?;
                let key = join(prefix, &self.key(member));
                self.member(&key, member, member_value).map_err(|error| member.annotate(error))?;
            }
            other => return Err(mismatch(shape, other)),
        }
        Ok(())
    }

    /// Runs `encode` one level deeper: structures, unions, lists and maps each count.
    fn nest(&mut self, encode: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.depth += 1;
        self.settings.limits.check_depth(self.depth)?;
        let result = encode(self);
        self.depth -= 1;
        result
    }

    fn member(&mut self, key: &str, member: MemberRef<'_>, value: &Value) -> Result<()> {
        let flattened = member.traits().xml_flattened || self.settings.flavor == QueryFlavor::Ec2Query;
        self.value(key, member.target(), value, member.timestamp_format(), flattened)
    }

    fn value(
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
        if items.is_empty() {
            if self.settings.flavor == QueryFlavor::AwsQuery {
                self.pairs.push((key.to_owned(), String::new()));
            }
            return Ok(());
        }
        let prefix =
            if flattened { key.to_owned() } else { join(key, member.traits().xml_name.as_deref().unwrap_or("member")) };
        for (index, item) in items.iter().enumerate() {
            if item.is_null() {
                return Err(Error::data("a query string has no null list items").at_index(index));
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

    fn map(&mut self, key: &str, shape: ShapeRef<'_>, value: &Value, flattened: bool) -> Result<()> {
        let Value::Map(entries) = value else {
            return Err(mismatch(shape, value));
        };
        let (key_member, value_member) = shape.entry()?;
        let prefix = if flattened { key.to_owned() } else { join(key, "entry") };
        let key_name = key_member.traits().xml_name.as_deref().unwrap_or("key");
        let value_name = value_member.traits().xml_name.as_deref().unwrap_or("value");
        for (index, (entry_key, entry_value)) in entries.iter().enumerate() {
            let entry = format!("{prefix}.{}", index + 1);
            self.pairs.push((format!("{entry}.{key_name}"), entry_key.clone()));
            // A query string has no null: a sparse map's null entry is its key alone.
            if entry_value.is_null() {
                if !shape.is_sparse() {
                    return Err(Error::data("null in a dense map").at_key(entry_key.as_str()));
                }
                continue;
            }
            let value_key = format!("{entry}.{value_name}");
            self.value(&value_key, value_member.target(), entry_value, value_member.timestamp_format(), false)
                .map_err(|error| error.at_key(entry_key.as_str()))?;
        }
        Ok(())
    }
}
