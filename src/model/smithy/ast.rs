//! The Smithy 2.0 JSON AST as read: shapes by absolute id, several files merged, `apply`
//! statements applied and mixins resolved, so later steps see each shape whole.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value as Json;

use crate::error::{Error, Result};

/// Trait values by absolute trait id (`smithy.api#required`).
pub(super) type Traits = IndexMap<String, Json>;

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    shapes: IndexMap<String, ShapeDef>,
}

/// A reference to a shape: `{"target": "ns#Name"}`.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct Ref {
    pub(super) target: String,
}

#[derive(Clone, Debug, Deserialize)]
pub(super) struct MemberDef {
    pub(super) target: String,
    #[serde(default)]
    pub(super) traits: Traits,
}

/// Any shape of the AST: the fields of every kind, absent where a kind has none.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ShapeDef {
    #[serde(rename = "type")]
    pub(super) shape_type: String,
    #[serde(default)]
    pub(super) members: IndexMap<String, MemberDef>,
    pub(super) member: Option<MemberDef>,
    pub(super) key: Option<MemberDef>,
    pub(super) value: Option<MemberDef>,
    #[serde(default)]
    pub(super) traits: Traits,
    #[serde(default)]
    pub(super) mixins: Vec<Ref>,
    // Services.
    pub(super) version: Option<String>,
    #[serde(default)]
    pub(super) operations: Vec<Ref>,
    #[serde(default)]
    pub(super) resources: Vec<Ref>,
    #[serde(default)]
    pub(super) errors: Vec<Ref>,
    #[serde(default)]
    pub(super) rename: IndexMap<String, String>,
    // Operations.
    pub(super) input: Option<Ref>,
    pub(super) output: Option<Ref>,
    // Resources.
    pub(super) create: Option<Ref>,
    pub(super) put: Option<Ref>,
    pub(super) read: Option<Ref>,
    pub(super) update: Option<Ref>,
    pub(super) delete: Option<Ref>,
    pub(super) list: Option<Ref>,
    #[serde(default)]
    pub(super) collection_operations: Vec<Ref>,
}

impl ShapeDef {
    /// A shape of type `shape_type` with no members or traits (a prelude shape's stand-in).
    pub(super) fn scalar(shape_type: &str) -> Self {
        Self { shape_type: shape_type.to_owned(), ..Self::default() }
    }

    /// The members of any aggregate: a structure's or union's, a list's `member`, a map's `key`
    /// and `value`, an enum's values.
    pub(super) fn all_members(&self) -> impl Iterator<Item = (&str, &MemberDef)> {
        let collection = [("member", &self.member), ("key", &self.key), ("value", &self.value)];
        let collection = collection.into_iter().filter_map(|(name, member)| Some((name, member.as_ref()?)));
        self.members.iter().map(|(name, member)| (name.as_str(), member)).chain(collection)
    }

    /// The operations a resource binds, its lifecycle ones first.
    pub(super) fn resource_operations(&self) -> impl Iterator<Item = &Ref> {
        [&self.create, &self.put, &self.read, &self.update, &self.delete, &self.list]
            .into_iter()
            .flatten()
            .chain(&self.operations)
            .chain(&self.collection_operations)
    }
}

/// Every shape of `files` by absolute id, `apply` statements and mixins resolved.
pub(super) fn read(files: &[&[u8]]) -> Result<IndexMap<String, ShapeDef>> {
    let mut shapes: IndexMap<String, ShapeDef> = IndexMap::new();
    let mut applied: Vec<(String, Traits)> = Vec::new();
    for (index, json) in files.iter().enumerate() {
        let file: File = serde_json::from_slice(json).map_err(|error| {
            let kind = if error.is_syntax() || error.is_eof() { Error::syntax } else { |m, _| Error::model(m) };
            kind(format!("invalid Smithy JSON AST (file {}): {error}", index + 1), 0)
        })?;
        for (id, shape) in file.shapes {
            if shape.shape_type == "apply" {
                applied.push((id, shape.traits));
            } else if let Some(existing) = shapes.get(&id) {
                if existing.shape_type != shape.shape_type
                    || existing.all_members().count() != shape.all_members().count()
                {
                    return Err(Error::model(format!("shape {id} is defined twice, differently")));
                }
            } else {
                shapes.insert(id, shape);
            }
        }
    }
    for (id, traits) in applied {
        let (shape_id, member) = id.split_once('$').map_or((id.as_str(), None), |(s, m)| (s, Some(m)));
        let shape =
            shapes.get_mut(shape_id).ok_or_else(|| Error::model(format!("apply targets unknown shape {id}")))?;
        let target = match member {
            None => &mut shape.traits,
            Some(name) => {
                &mut shape
                    .members
                    .get_mut(name)
                    .ok_or_else(|| Error::model(format!("apply targets unknown member {id}")))?
                    .traits
            }
        };
        target.extend(traits);
    }
    resolve_mixins(&mut shapes)?;
    Ok(shapes)
}

/// Copies each mixin's members and traits into the shapes that use it: the mixin's members
/// first, its traits under the shape's own (`@mixin` itself stays with the mixin).
fn resolve_mixins(shapes: &mut IndexMap<String, ShapeDef>) -> Result<()> {
    let ids: Vec<String> = shapes.iter().filter(|(_, s)| !s.mixins.is_empty()).map(|(id, _)| id.clone()).collect();
    for id in ids {
        let resolved = with_mixins(shapes, &id, 0)?;
        shapes[id.as_str()] = resolved;
    }
    Ok(())
}

fn with_mixins(shapes: &IndexMap<String, ShapeDef>, id: &str, depth: usize) -> Result<ShapeDef> {
    let shape = shapes.get(id).ok_or_else(|| Error::model(format!("unknown mixin {id}")))?;
    if depth > 32 {
        return Err(Error::model(format!("mixins of {id} nest more than 32 deep (a cycle?)")));
    }
    let mut whole = shape.clone();
    whole.mixins.clear();
    let (mut members, mut traits) = (IndexMap::new(), Traits::new());
    for mixin in &shape.mixins {
        let mixin = with_mixins(shapes, &mixin.target, depth + 1)?;
        members.extend(mixin.members);
        traits.extend(mixin.traits.into_iter().filter(|(trait_id, _)| trait_id != "smithy.api#mixin"));
        for (slot, from) in
            [(&mut whole.member, mixin.member), (&mut whole.key, mixin.key), (&mut whole.value, mixin.value)]
        {
            if slot.is_none() {
                *slot = from;
            }
        }
    }
    for (name, member) in std::mem::take(&mut whole.members) {
        match members.get_mut(&name) {
            // A member redeclared by the shape keeps the mixin's traits under its own.
            Some(inherited) => inherited.traits.extend(member.traits),
            None => {
                members.insert(name, member);
            }
        }
    }
    traits.extend(std::mem::take(&mut whole.traits));
    (whole.members, whole.traits) = (members, traits);
    Ok(whole)
}
