//! Encoding straight from typed values: a type walks itself beside its schema and hands each
//! part to a codec, with no `Value` tree in between.
//!
//! [`Encode`] is what a type implements (`#[derive(Shape)]` does it); [`Encoder`] is what a
//! codec implements. A type that only knows [`ToValue`] still encodes: the default
//! [`Encode::encode`] hands the codec its `Value`, which is also how most scalars travel (a
//! number's `Value` costs nothing to make); strings and blobs, whose `Value` would be a copy,
//! have their own methods. Both paths write the same bytes: the codec's own
//! member walk, names, escaping and formatting serve both.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;

use super::ToValue;
use crate::blob::Blob;
use crate::error::Result;
use crate::schema::{MemberRef, ShapeRef};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// A codec writing a value of a known shape, called by typed code for each part.
///
/// Errors are given the member path (member, index or key) by the codec as they unwind.
pub trait Encoder {
    /// Any value of `shape` from its [`Value`] (`format`: the member's `@timestampFormat`).
    fn value(&mut self, value: &Value, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()>;

    /// The text of a string or enum shape: the common leaf, written without a `Value`.
    fn string(&mut self, text: &str, shape: ShapeRef<'_>) -> Result<()> {
        self.value(&Value::String(text.to_owned()), shape, None)
    }

    /// The bytes of a blob shape: the other common leaf that a `Value` would copy.
    fn blob(&mut self, bytes: &Blob, shape: ShapeRef<'_>) -> Result<()> {
        self.value(&Value::Blob(bytes.clone()), shape, None)
    }

    /// A structure: `members` writes each member with [`Encoder::member`], in schema order.
    /// `value` is the whole structure, for a codec that writes some shapes through their
    /// `Value` instead.
    fn structure<T, F>(&mut self, shape: ShapeRef<'_>, value: &T, members: F) -> Result<()>
    where
        T: Encode + ?Sized,
        F: FnOnce(&mut Self) -> Result<()>;

    /// One member of the structure being written; an absent one ([`Encode::is_absent`]) is
    /// left out.
    fn member<T: Encode + ?Sized>(&mut self, member: MemberRef<'_>, value: &T) -> Result<()>;

    /// A union set to `member`, holding `value`.
    fn union<T: Encode + ?Sized>(&mut self, shape: ShapeRef<'_>, member: MemberRef<'_>, value: &T) -> Result<()>;

    /// A list of `items` (an absent item is a null: sparse lists only).
    fn list<'a, T, I>(&mut self, shape: ShapeRef<'_>, items: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = &'a T>;

    /// A map of `entries` in their order (an absent value is a null: sparse maps only).
    fn map<'a, T, I>(&mut self, shape: ShapeRef<'_>, entries: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = (&'a String, &'a T)>;
}

/// A type that encodes straight to a codec (see [`Encoder`]).
///
/// `shape` is the type's own shape, as [`Shape::schema`](super::Shape::schema) or a member of
/// it gives it; the codecs' entry points (such as
/// [`json::encode_typed`](crate::json::encode_typed)) take care of that.
///
/// `#[derive(Shape)]` implements it. By hand, an empty impl converts the value with
/// [`ToValue`] and writes that; a wrapper writes through what it wraps instead, as the derive
/// does (see [`Decode`](super::Decode) for the reading side).
pub trait Encode: ToValue {
    /// Writes the value as `shape` (`format`: the member's `@timestampFormat`, if any).
    /// By default through a [`Value`] (see above).
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        encoder.value(&self.to_value(), shape, format)
    }

    /// Whether the value is absent: a member left out, a null item (`Option::None`).
    fn is_absent(&self) -> bool {
        false
    }
}

/// Writes `value` as the value of `member`.
pub fn member<T: Encode + ?Sized, E: Encoder>(encoder: &mut E, member: MemberRef<'_>, value: &T) -> Result<()> {
    value.encode(encoder, member.target(), member.timestamp_format())
}

macro_rules! through_value {
    ($($rust:ty),* $(,)?) => {
        $(impl Encode for $rust {})*
    };
}

value_leaves!(through_value);

impl Encode for String {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.string(self, shape)
    }
}

impl Encode for str {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.string(self, shape)
    }
}

impl Encode for Blob {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.blob(self, shape)
    }
}

impl<T: Encode> Encode for Option<T> {
    /// `None` is absent (a null as a collection's item).
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        match self {
            Some(value) => value.encode(encoder, shape, format),
            None => encoder.value(&Value::Null, shape, format),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        (**self).encode(encoder, shape, format)
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.list(shape, self.iter())
    }
}

impl<V: Encode, S> Encode for HashMap<String, V, S> {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.map(shape, self.iter())
    }
}

impl<V: Encode> Encode for BTreeMap<String, V> {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.map(shape, self.iter())
    }
}

impl<V: Encode, S> Encode for IndexMap<String, V, S> {
    fn encode<E: Encoder>(&self, encoder: &mut E, shape: ShapeRef<'_>, _: Option<TimestampFormat>) -> Result<()> {
        encoder.map(shape, self.iter())
    }
}
