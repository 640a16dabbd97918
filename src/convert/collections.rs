//! Wrappers and collections: `Option`, `Box`, `Vec`, and maps keyed by `String`.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use indexmap::IndexMap;

use super::{FromValue, Shape, ToValue, mismatch};
use crate::error::Result;
use crate::schema::{ModelBuilder, ShapeId, ShapeType};
use crate::value::{List, Map, Value};

impl<T: Shape> Shape for Option<T> {
    const NULLABLE: bool = true;

    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        T::describe(builder)
    }
}

impl<T: ToValue> ToValue for Option<T> {
    /// The item's value, or [`Value::Null`] (an item of a sparse collection).
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }

    fn to_member(&self) -> Option<Value> {
        self.as_ref().map(ToValue::to_value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::Null => Ok(None),
            value => T::from_value(value).map(Some),
        }
    }

    fn from_absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Shape + ?Sized> Shape for Box<T> {
    const NULLABLE: bool = T::NULLABLE;

    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        T::describe(builder)
    }
}

impl<T: ToValue + ?Sized> ToValue for Box<T> {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }

    fn to_member(&self) -> Option<Value> {
        (**self).to_member()
    }
}

impl<T: FromValue> FromValue for Box<T> {
    fn from_value(value: Value) -> Result<Self> {
        T::from_value(value).map(Box::new)
    }

    fn from_absent() -> Option<Self> {
        T::from_absent().map(Box::new)
    }
}

impl<T: Shape + 'static> Shape for Vec<T> {
    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        let item = T::describe(builder);
        let name = format!("{}List", builder.name(item).rsplit('#').next().unwrap_or_default());
        builder.memoize::<Self>(&name, ShapeType::List, |builder, id| {
            let list = builder.shape(id).member("member", item).shape();
            if T::NULLABLE {
                list.sparse();
            }
        })
    }
}

impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Value {
        Value::List(self.iter().map(ToValue::to_value).collect())
    }
}

impl<T: ToValue> ToValue for [T] {
    fn to_value(&self) -> Value {
        Value::List(self.iter().map(ToValue::to_value).collect())
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(value: Value) -> Result<Self> {
        let Value::List(items) = value else {
            return Err(mismatch("list", &value));
        };
        let items: List = items;
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| T::from_value(item).map_err(|error| error.at_index(index)))
            .collect()
    }
}

/// Describes a map from `String` to `V` as the Rust map type `M`.
fn describe_map<M: 'static, V: Shape>(builder: &mut ModelBuilder) -> ShapeId {
    let key = builder.prelude(ShapeType::String);
    let value = V::describe(builder);
    let name = format!("{}Map", builder.name(value).rsplit('#').next().unwrap_or_default());
    builder.memoize::<M>(&name, ShapeType::Map, |builder, id| {
        let map = builder.shape(id).member("key", key).member("value", value).shape();
        if V::NULLABLE {
            map.sparse();
        }
    })
}

fn map_to_value<'a, V: ToValue + 'a>(entries: impl Iterator<Item = (&'a String, &'a V)>) -> Value {
    Value::Map(entries.map(|(key, value)| (key.clone(), value.to_value())).collect())
}

fn map_from_value<V: FromValue, M: FromIterator<(String, V)>>(value: Value) -> Result<M> {
    let Value::Map(entries) = value else {
        return Err(mismatch("map", &value));
    };
    let entries: Map = entries;
    entries
        .into_iter()
        .map(|(key, value)| match V::from_value(value) {
            Ok(value) => Ok((key, value)),
            Err(error) => Err(error.at_key(key)),
        })
        .collect()
}

impl<V: Shape + 'static, S: 'static> Shape for HashMap<String, V, S> {
    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        describe_map::<Self, V>(builder)
    }
}

impl<V: ToValue, S> ToValue for HashMap<String, V, S> {
    /// Entries in the map's iteration order (arbitrary for a `HashMap`).
    fn to_value(&self) -> Value {
        map_to_value(self.iter())
    }
}

impl<V: FromValue, S: BuildHasher + Default> FromValue for HashMap<String, V, S> {
    fn from_value(value: Value) -> Result<Self> {
        map_from_value(value)
    }
}

impl<V: Shape + 'static> Shape for BTreeMap<String, V> {
    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        describe_map::<Self, V>(builder)
    }
}

impl<V: ToValue> ToValue for BTreeMap<String, V> {
    fn to_value(&self) -> Value {
        map_to_value(self.iter())
    }
}

impl<V: FromValue> FromValue for BTreeMap<String, V> {
    fn from_value(value: Value) -> Result<Self> {
        map_from_value(value)
    }
}

impl<V: Shape + 'static, S: 'static> Shape for IndexMap<String, V, S> {
    fn describe(builder: &mut ModelBuilder) -> ShapeId {
        describe_map::<Self, V>(builder)
    }
}

impl<V: ToValue, S> ToValue for IndexMap<String, V, S> {
    fn to_value(&self) -> Value {
        map_to_value(self.iter())
    }
}

impl<V: FromValue, S: BuildHasher + Default> FromValue for IndexMap<String, V, S> {
    fn from_value(value: Value) -> Result<Self> {
        map_from_value(value)
    }
}
