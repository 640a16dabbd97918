//! Decoding straight into typed values: a codec walks its input beside the schema and hands
//! each part to the type, with no `Value` tree in between.
//!
//! [`Decode`] is what a type implements (`#[derive(Shape)]` does it); [`Decoder`] is what a
//! codec implements. A type that only knows [`FromValue`] still decodes: the default
//! [`Decode::decode`] reads the part as a `Value` and converts it, which is also how simple
//! values (strings, numbers, timestamps) are read.

use std::borrow::Cow;
use std::collections::hash_map::{self, HashMap};
use std::collections::{BTreeMap, HashSet, btree_map};
use std::hash::BuildHasher;

use indexmap::IndexMap;

use super::FromValue;
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// A codec reading a value of a known shape, calling back into typed code for each part.
///
/// Each method reads one whole value. Errors that the callbacks return are given the member
/// path (member, index or key) and, when they have none, the byte offset of the part.
pub trait Decoder {
    /// Any value of `shape` as a [`Value`] (`format`: the member's `@timestampFormat`).
    fn value(&mut self, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Value>;

    /// Whether the next value is a null (which is then consumed).
    fn null(&mut self) -> Result<bool>;

    /// A value of `shape` into a `String`: the common leaf, which a codec can read without
    /// a `Value` in between.
    fn string(&mut self, shape: ShapeRef<'_>) -> Result<String> {
        String::from_value(self.value(shape, None)?)
    }

    /// The text of an enum value, handed to `read` (borrowed from the input when the codec
    /// can): what a typed enum matches its variants against, with no `Value` in between.
    fn enum_text<T, F>(&mut self, shape: ShapeRef<'_>, read: F) -> Result<T>
    where
        F: FnOnce(Cow<'_, str>) -> Result<T>,
    {
        enum_text_of(self.value(shape, None)?, read)
    }

    /// A structure: `member` is called for each member present, in wire order; absent and
    /// null members are not seen, nor are members the schema does not know.
    fn structure<'s, F>(&mut self, shape: ShapeRef<'s>, member: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>;

    /// A union: `member` is called once for its member, or the name of a member the schema
    /// does not know is returned. No member, or two, is an error.
    fn union<'s, F>(&mut self, shape: ShapeRef<'s>, member: F) -> Result<Option<String>>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>;

    /// A list: `item` is called for each item (for the nulls too when the list is sparse).
    fn list<'s, F>(&mut self, shape: ShapeRef<'s>, item: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'s>) -> Result<()>;

    /// A map: `entry` is called with each key and its value's member, or `None` for a null
    /// in a dense map (the entry is dropped, but its key still may not repeat). A repeated
    /// key is the callback's to refuse.
    fn map<'s, F>(&mut self, shape: ShapeRef<'s>, entry: F) -> Result<()>
    where
        F: FnMut(&mut Self, String, Option<MemberRef<'s>>) -> Result<()>;

    /// Asked in the first call of a list's or map's callback, before it reads anything: how
    /// many items or entries the collection holds, when the format says so up front (CBOR's
    /// definite lengths), for the type to make room at once. A hint, bounded by what the
    /// input left could hold; `None` by default.
    fn size_hint(&self) -> Option<usize> {
        None
    }
}

/// A type that decodes straight from a codec (see [`Decoder`]).
///
/// `shape` is the type's own shape: the one its [`Shape`](super::Shape) impl describes, as
/// [`Shape::schema`](super::Shape::schema) or a member of it gives it. The codecs' entry
/// points (such as [`json::decode_typed`](crate::json::decode_typed)) take care of that.
///
/// `#[derive(Shape)]` implements it. By hand, an empty impl reads a [`Value`] and converts it
/// with [`FromValue`]: right, but it builds the tree the typed path exists to skip. A wrapper
/// reads through what it wraps instead, as the derive does:
///
/// ```
/// use awsval::convert::{Decode, Decoder};
/// use awsval::schema::ShapeRef;
/// use awsval::{FromValue, TimestampFormat, Value};
///
/// /// An EC2 `<item>` list, kept apart from other `Vec`s.
/// struct Items(Vec<String>);
///
/// impl FromValue for Items {
///     fn from_value(value: Value) -> awsval::Result<Self> {
///         Vec::from_value(value).map(Items)
///     }
/// }
///
/// impl Decode for Items {
///     fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> awsval::Result<Self> {
///         Vec::decode(decoder, shape, format).map(Items)
///     }
/// }
/// ```
pub trait Decode: FromValue {
    /// Reads a value of `shape` (`format`: the member's `@timestampFormat`, if any).
    /// By default through a [`Value`] (see above).
    fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Self> {
        Self::from_value(decoder.value(shape, format)?)
    }

    /// Reads a value of `shape` into `slot`, which holds what earlier pieces of the same
    /// member gave: XML sends a flattened list or map as one element per item or entry, which
    /// may interleave with other members, and a codec hands each piece over as it comes.
    /// Collections add the piece to what they hold; any other type reads the whole value and
    /// refuses a second piece, since it could only keep one of them.
    fn decode_into<D: Decoder>(
        decoder: &mut D,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
        slot: &mut Option<Self>,
    ) -> Result<()> {
        if slot.is_some() {
            return Err(Error::model(
                "a member that comes in pieces (an XML flattened list or map) needs a type that gathers them, \
                 such as a Vec or a map",
            ));
        }
        *slot = Some(Self::decode(decoder, shape, format)?);
        Ok(())
    }
}

macro_rules! through_value {
    ($($rust:ty),* $(,)?) => {
        $(impl Decode for $rust {})*
    };
}

value_leaves!(through_value, crate::blob::Blob);

impl Decode for String {
    fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<Self> {
        decoder.string(shape)
    }
}

/// [`Decoder::enum_text`] of a value already read: an enum's text, or a string's.
pub(crate) fn enum_text_of<T>(value: Value, read: impl FnOnce(Cow<'_, str>) -> Result<T>) -> Result<T> {
    match value {
        Value::Enum(text) => read(text),
        Value::String(text) => read(Cow::Owned(text)),
        other => Err(super::mismatch("enum", &other)),
    }
}

/// Reads the value of `member` into `T`.
pub fn member<T: Decode, D: Decoder>(decoder: &mut D, member: MemberRef<'_>) -> Result<T> {
    T::decode(decoder, member.target(), member.timestamp_format())
}

/// Reads the value of `member` into `slot`, adding to what earlier pieces of it gave (see
/// [`Decode::decode_into`]): what derived types call for each member a codec hands over.
pub fn member_into<T: Decode, D: Decoder>(decoder: &mut D, member: MemberRef<'_>, slot: &mut Option<T>) -> Result<()> {
    T::decode_into(decoder, member.target(), member.timestamp_format(), slot)
}

impl<T: Decode> Decode for Option<T> {
    /// `None` for a null (an item of a sparse collection).
    fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Self> {
        if decoder.null()? { Ok(None) } else { T::decode(decoder, shape, format).map(Some) }
    }

    fn decode_into<D: Decoder>(
        decoder: &mut D,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
        slot: &mut Option<Self>,
    ) -> Result<()> {
        let mut inner = slot.take().flatten();
        if inner.is_none() && decoder.null()? {
            *slot = Some(None);
            return Ok(());
        }
        T::decode_into(decoder, shape, format, &mut inner)?;
        *slot = Some(inner);
        Ok(())
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Self> {
        T::decode(decoder, shape, format).map(Box::new)
    }

    fn decode_into<D: Decoder>(
        decoder: &mut D,
        shape: ShapeRef<'_>,
        format: Option<TimestampFormat>,
        slot: &mut Option<Self>,
    ) -> Result<()> {
        let mut inner = slot.take().map(|boxed| *boxed);
        T::decode_into(decoder, shape, format, &mut inner)?;
        *slot = inner.map(Box::new);
        Ok(())
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<Self> {
        let mut items = Vec::new();
        add_items(decoder, shape, &mut items)?;
        Ok(items)
    }

    fn decode_into<D: Decoder>(
        decoder: &mut D,
        shape: ShapeRef<'_>,
        _: Option<TimestampFormat>,
        slot: &mut Option<Self>,
    ) -> Result<()> {
        add_items(decoder, shape, slot.get_or_insert_with(Vec::new))
    }
}

fn add_items<T: Decode, D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, items: &mut Vec<T>) -> Result<()> {
    let mut first = true;
    decoder.list(shape, |decoder, item| {
        if std::mem::take(&mut first) {
            items.reserve(decoder.size_hint().unwrap_or(0));
        }
        items.push(member(decoder, item)?);
        Ok(())
    })
}

/// The error for a key given twice.
fn repeated_key(key: &str) -> Error {
    Error::data("repeated map key").at_key(key)
}

/// What decoding needs of a map type, so that each is filled the same way.
trait Entries<V>: Default {
    /// Adds `key`, or gives it back when it is already there.
    fn add(&mut self, key: String, value: V) -> std::result::Result<(), String>;

    fn has(&self, key: &str) -> bool;

    /// Makes room for `more` entries, where the type can.
    fn reserve(&mut self, more: usize);
}

/// `Entries` through a map type's own `entry` API (`$entry`: its entry enum; `$reserve`: its
/// method making room, if it has one), and `Decode` through `Entries`.
macro_rules! maps {
    ($(impl<$($param:ident $(: $bound:path)?),*> $map:ty => $entry:path $(, $reserve:ident)?;)*) => {$(
        impl<$($param $(: $bound)?),*> Entries<V> for $map {
            fn add(&mut self, key: String, value: V) -> std::result::Result<(), String> {
                use $entry as Entry;
                match self.entry(key) {
                    Entry::Occupied(entry) => Err(entry.key().clone()),
                    Entry::Vacant(entry) => {
                        entry.insert(value);
                        Ok(())
                    }
                }
            }

            fn has(&self, key: &str) -> bool {
                self.contains_key(key)
            }

            fn reserve(&mut self, more: usize) {
                // An inherent method, where the type has one.
                $(self.$reserve(more);)?
                let _ = more;
            }
        }

        impl<$($param $(: $bound)?),*> Decode for $map
        where
            V: Decode,
        {
            fn decode<D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<Self> {
                let mut map = Self::default();
                add_entries(decoder, shape, &mut map)?;
                Ok(map)
            }

            fn decode_into<D: Decoder>(
                decoder: &mut D,
                shape: ShapeRef<'_>,
                _: Option<TimestampFormat>,
                slot: &mut Option<Self>,
            ) -> Result<()> {
                add_entries(decoder, shape, slot.get_or_insert_with(Self::default))
            }
        }
    )*};
}

/// A hasher that can be made fresh: what a decoded hash map needs.
trait NewHasher: BuildHasher + Default {}
impl<S: BuildHasher + Default> NewHasher for S {}

maps! {
    impl<V, S: NewHasher> HashMap<String, V, S> => hash_map::Entry, reserve;
    impl<V, S: NewHasher> IndexMap<String, V, S> => indexmap::map::Entry, reserve;
    impl<V> BTreeMap<String, V> => btree_map::Entry;
}

fn add_entries<M: Entries<V>, V: Decode, D: Decoder>(decoder: &mut D, shape: ShapeRef<'_>, map: &mut M) -> Result<()> {
    // The keys of dropped null entries, which may not repeat either; hashed with the standard
    // library's keyed hasher, since the wire chooses them.
    let mut dropped: HashSet<String> = HashSet::new();
    let mut first = true;
    decoder.map(shape, |decoder, key, value| {
        if std::mem::take(&mut first) {
            map.reserve(decoder.size_hint().unwrap_or(0));
        }
        let Some(value) = value else {
            if map.has(&key) || dropped.contains(&key) {
                return Err(repeated_key(&key));
            }
            dropped.insert(key);
            return Ok(());
        };
        // The value is read before its key is checked, as the codecs' `Value` paths read it.
        let value = match member(decoder, value) {
            Ok(value) => value,
            Err(error) => return Err(error.at_key(key)),
        };
        if dropped.contains(&key) {
            return Err(repeated_key(&key));
        }
        map.add(key, value).map_err(|key| repeated_key(&key))
    })
}
