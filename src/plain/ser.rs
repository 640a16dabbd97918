//! A [`Value`] with its shape, written as plain JSON through any serializer.

use std::cell::RefCell;

use serde::ser::{self, Serialize, SerializeMap as _, SerializeSeq as _};

use super::document_ser::{Untyped, serialize_number_text};
use crate::codec::{mismatch, text};
use crate::error::Error;
use crate::limits::Limits;
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// A value and its shape, serialized as plain JSON: the JSON
/// `json::encode(value, shape, &JsonSettings::plain())` writes (floats spelled as the
/// serializer spells them), with the same checks, without building a tree first.
///
/// A value that does not fit its shape fails with the codec's message and member path (as
/// the serializer's error; [`to_json_value`](super::to_json_value) gives the [`Error`]
/// itself). Big numbers beyond 128 bits and big decimals are written in serde_json's form for
/// exact numbers, so serde_json with `arbitrary_precision` writes their digits as they are.
///
/// ```
/// use awsval::plain::Plain;
/// use awsval::schema::{ModelBuilder, ShapeType};
/// use awsval::{Blob, Structure};
///
/// let mut builder = ModelBuilder::new();
/// let (string, blob) = (builder.prelude(ShapeType::String), builder.prelude(ShapeType::Blob));
/// let shape = builder.add("Object", ShapeType::Structure).member("Key", string).member("Body", blob).id();
/// let model = builder.finish()?;
///
/// let value = Structure::new().with("Key", "a.txt").with("Body", Blob::new(b"hi".to_vec())).into();
/// let text = serde_json::to_string(&Plain::new(&value, model.get(shape))).expect("fits its shape");
/// assert_eq!(text, r#"{"Key":"a.txt","Body":"aGk="}"#);
/// # Ok::<(), awsval::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Plain<'v, 's> {
    value: &'v Value,
    shape: ShapeRef<'s>,
}

impl<'v, 's> Plain<'v, 's> {
    /// `value` of `shape`, to be serialized.
    pub const fn new(value: &'v Value, shape: ShapeRef<'s>) -> Self {
        Self { value, shape }
    }

    /// Serializes, keeping a failure's [`Error`] (message and member path) for the caller.
    pub(super) fn serialize_keeping_error<S: ser::Serializer>(
        &self,
        serializer: S,
        failure: &Failure,
    ) -> std::result::Result<S::Ok, S::Error> {
        Node { value: self.value, shape: self.shape, failure, depth: 0 }.serialize(serializer)
    }
}

impl Serialize for Plain<'_, '_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let failure = Failure::default();
        // A failure deep down is reported whole: the serializer's error has only its message.
        self.serialize_keeping_error(serializer, &failure)
            .map_err(|error| failure.take().map_or(error, ser::Error::custom))
    }
}

/// The error of a failed walk, given its member path as the walk unwinds.
#[derive(Default)]
pub(super) struct Failure(RefCell<Option<Error>>);

impl Failure {
    fn fail<E: ser::Error>(&self, error: Error) -> E {
        let message = error.to_string();
        *self.0.borrow_mut() = Some(error);
        E::custom(message)
    }

    /// Adds an outer path segment to the kept error, if any.
    fn annotate<E>(
        &self,
        result: std::result::Result<(), E>,
        outer: impl FnOnce(Error) -> Error,
    ) -> std::result::Result<(), E> {
        if result.is_err() {
            let mut kept = self.0.borrow_mut();
            *kept = kept.take().map(outer);
        }
        result
    }

    pub(super) fn take(&self) -> Option<Error> {
        self.0.borrow_mut().take()
    }
}

/// One value of the walk.
struct Node<'a, 's> {
    value: &'a Value,
    shape: ShapeRef<'s>,
    failure: &'a Failure,
    depth: usize,
}

impl<'a, 's> Node<'a, 's> {
    fn child(&self, value: &'a Value, shape: ShapeRef<'s>) -> Self {
        Node { value, shape, failure: self.failure, depth: self.depth + 1 }
    }

    fn member<M: ser::SerializeMap>(
        &self,
        out: &mut M,
        member: MemberRef<'s>,
        value: &'a Value,
    ) -> std::result::Result<(), M::Error> {
        let result = out.serialize_entry(member.name().as_str(), &self.child(value, member.target()));
        self.failure.annotate(result, |error| member.annotate(error))
    }
}

impl Serialize for Node<'_, '_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let (value, shape) = (self.value, self.shape);
        let fail = |error: Error| Err(self.failure.fail::<S::Error>(error));
        if let Err(error) = Limits::new().check_depth(self.depth) {
            return fail(error);
        }
        match (shape.shape_type(), value) {
            (ShapeType::Structure, Value::Structure(structure)) => {
                // The exact count: serializers that write a length first need it.
                let present = structure.iter().filter(|(_, value)| !value.is_null()).count();
                let mut out = serializer.serialize_map(Some(present))?;
                for entry in shape.members_of(structure) {
                    let (member, member_value) = match entry {
                        Ok(entry) => entry,
                        Err(error) => return fail(error),
                    };
                    if !member_value.is_null() {
                        self.member(&mut out, member, member_value)?;
                    }
                }
                out.end()
            }
            (ShapeType::Union, Value::Union(union)) => {
                let (member, member_value) = match shape.union_member(union) {
                    Ok(found) => found,
                    Err(error) => return fail(error),
                };
                let mut out = serializer.serialize_map(Some(1))?;
                self.member(&mut out, member, member_value)?;
                out.end()
            }
            (ShapeType::Union, Value::List(events)) if shape.traits().event_stream => {
                let mut out = serializer.serialize_seq(Some(events.len()))?;
                for (index, event) in events.iter().enumerate() {
                    let result = out.serialize_element(&self.child(event, shape));
                    self.failure.annotate(result, |error| error.at_index(index))?;
                }
                out.end()
            }
            (ShapeType::List, Value::List(items)) => {
                let member = match shape.item() {
                    Ok(member) => member,
                    Err(error) => return fail(error),
                };
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for (index, item) in items.iter().enumerate() {
                    let result = match item {
                        Value::Null if shape.is_sparse() => out.serialize_element(&()),
                        Value::Null => return fail(Error::data("null in a dense list").at_index(index)),
                        item => out.serialize_element(&self.child(item, member.target())),
                    };
                    self.failure.annotate(result, |error| error.at_index(index))?;
                }
                out.end()
            }
            (ShapeType::Map, Value::Map(entries)) => {
                let member = match shape.entry() {
                    Ok((_, member)) => member,
                    Err(error) => return fail(error),
                };
                let mut out = serializer.serialize_map(Some(entries.len()))?;
                for (key, item) in entries.iter() {
                    let result = match item {
                        Value::Null if shape.is_sparse() => out.serialize_entry(key, &()),
                        Value::Null => return fail(Error::data("null in a dense map").at_key(key.as_str())),
                        item => out.serialize_entry(key, &self.child(item, member.target())),
                    };
                    self.failure.annotate(result, |error| error.at_key(key.as_str()))?;
                }
                out.end()
            }
            (ShapeType::Document, Value::Document(document)) => Untyped(document).serialize(serializer),
            (ShapeType::Boolean, Value::Boolean(b)) => serializer.serialize_bool(*b),
            (ShapeType::Byte | ShapeType::Short | ShapeType::Integer | ShapeType::Long, _) => {
                match text::integer(value, shape) {
                    Ok(n) => serializer.serialize_i64(n),
                    Err(error) => fail(error),
                }
            }
            (ShapeType::IntEnum, Value::IntEnum(n) | Value::Integer(n)) => serializer.serialize_i32(*n),
            (ShapeType::Float, Value::Float(f)) if f.is_finite() => serializer.serialize_f32(*f),
            (ShapeType::Double, Value::Double(d)) if d.is_finite() => serializer.serialize_f64(*d),
            (ShapeType::Double, Value::Float(f)) if f.is_finite() => serializer.serialize_f64(f64::from(*f)),
            (ShapeType::Float, Value::Float(f)) => serializer.serialize_str(special(f64::from(*f))),
            (ShapeType::Double, Value::Double(d)) => serializer.serialize_str(special(*d)),
            (ShapeType::Double, Value::Float(f)) => serializer.serialize_str(special(f64::from(*f))),
            (ShapeType::BigInteger, Value::BigInteger(digits)) | (ShapeType::BigDecimal, Value::BigDecimal(digits)) => {
                match text::big_number(value, digits) {
                    Ok(digits) => match digits.parse::<i128>() {
                        Ok(n) if matches!(value, Value::BigInteger(_)) => serializer.serialize_i128(n),
                        _ => serialize_number_text(digits, serializer),
                    },
                    Err(error) => fail(error),
                }
            }
            (ShapeType::String, Value::String(text)) => serializer.serialize_str(text),
            (ShapeType::Enum, Value::Enum(text)) => serializer.serialize_str(text),
            (ShapeType::Enum, Value::String(text)) => serializer.serialize_str(text),
            (ShapeType::Blob, Value::Blob(blob)) => serializer.serialize_str(&blob.to_base64()),
            (ShapeType::Timestamp, Value::Timestamp(t)) => {
                serializer.serialize_str(&t.format(TimestampFormat::DateTime))
            }
            _ => fail(mismatch(shape, value)),
        }
    }
}

/// NaN and the infinities, by name.
fn special(value: f64) -> &'static str {
    if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}
