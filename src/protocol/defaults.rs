//! `@default` and error correction, as Smithy's clients and servers apply them: a member with
//! a default that a message leaves out holds its default (clients fill their input and the
//! output they read, servers the input they read and the output they write); a client may
//! also correct a response that lacks a required member, giving it its type's zero value.
//!
//! botocore's models carry no defaults, so their values pass through untouched.

use std::borrow::Cow;

use crate::blob::Blob;
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::Timestamp;
use crate::value::{Document, List, Map, Structure, Value};

/// Who fills defaults in, which decides where.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filler {
    /// A client writing its input: not the input's own members (a server fills those, so an
    /// old client never sends a default a newer model changed), nor `@clientOptional` ones.
    ClientInput,
    /// A client reading output; correcting also gives each absent required member without a
    /// default its type's zero value.
    ClientOutput { correct: bool },
    /// A server reading input or writing output: every default.
    Server,
}

/// `value` with the defaults of `shape` filled in where members are absent: borrowed when
/// there are none to fill.
pub(crate) fn with_defaults<'v>(value: &'v Value, shape: Option<ShapeRef<'_>>, filler: Filler) -> Cow<'v, Value> {
    match shape {
        Some(shape) if lacks_defaults(value, shape, 0) => {
            let mut filled = value.clone();
            fill(&mut filled, shape, filler, 0);
            Cow::Owned(filled)
        }
        _ => Cow::Borrowed(value),
    }
}

/// Fills the defaults of `shape` into `value` where members are absent, as `filler` does.
pub(crate) fn fill(value: &mut Value, shape: ShapeRef<'_>, filler: Filler, depth: usize) {
    if depth > crate::limits::Limits::DEFAULT_MAX_DEPTH {
        return;
    }
    match (value, shape.shape_type()) {
        (Value::Structure(members), ShapeType::Structure) => {
            for member in shape.members() {
                match members.get_mut(member.name().as_str()) {
                    Some(Value::Null) | None => {
                        let skipped = filler == Filler::ClientInput && (depth == 0 || member.traits().client_optional);
                        if let Some(filled) = absent(member, filler).filter(|_| !skipped) {
                            members.insert(member.name(), filled);
                        }
                    }
                    Some(present) => fill(present, member.target(), filler, depth + 1),
                }
            }
        }
        (Value::Union(union), ShapeType::Union) => {
            let member = shape.member(union.name());
            if let (Some(member), Some(inner)) = (member, union.value_mut()) {
                fill(inner, member.target(), filler, depth + 1);
            }
        }
        (Value::List(items), ShapeType::List) => {
            if let Some(item) = shape.list_member() {
                items.iter_mut().for_each(|value| fill(value, item.target(), filler, depth + 1));
            }
        }
        (Value::Map(entries), ShapeType::Map) => {
            if let Some(entry) = shape.map_value() {
                entries.iter_mut().for_each(|(_, value)| fill(value, entry.target(), filler, depth + 1));
            }
        }
        _ => {}
    }
}

/// What an absent member holds: its default, or (correcting) a required member's zero value.
fn absent(member: MemberRef<'_>, filler: Filler) -> Option<Value> {
    let traits = member.traits();
    // A stream's default is no stream: an absent body is not an empty one to fill in.
    if member.target().traits().streaming {
        return None;
    }
    if let Some(default) = &traits.default {
        return Some(default.clone());
    }
    let correct = filler == Filler::ClientOutput { correct: true };
    (correct && traits.required && traits.http.is_none()).then(|| zero(member.target())).flatten()
}

/// The zero value Smithy's error correction gives a shape.
fn zero(shape: ShapeRef<'_>) -> Option<Value> {
    Some(match shape.shape_type() {
        ShapeType::String => Value::String(String::new()),
        ShapeType::Boolean => Value::Boolean(false),
        ShapeType::Byte => Value::Byte(0),
        ShapeType::Short => Value::Short(0),
        ShapeType::Integer => Value::Integer(0),
        ShapeType::IntEnum => Value::IntEnum(0),
        ShapeType::Long => Value::Long(0),
        ShapeType::Float => Value::Float(0.0),
        ShapeType::Double => Value::Double(0.0),
        ShapeType::BigInteger => Value::BigInteger("0".into()),
        ShapeType::BigDecimal => Value::BigDecimal("0".into()),
        ShapeType::Blob => Value::Blob(Blob::new(Vec::new())),
        ShapeType::Timestamp => Value::Timestamp(Timestamp::from_secs(0).ok()?),
        ShapeType::List => Value::List(List::new()),
        ShapeType::Map => Value::Map(Map::new()),
        ShapeType::Structure => Value::Structure(Structure::new()),
        ShapeType::Document => Value::Document(Document::null()),
        // An enum's zero is unknown (no value is safe to invent), a union's has no member.
        ShapeType::Enum | ShapeType::Union => return None,
    })
}

/// Whether filling `shape`'s defaults into `value` would change it.
fn lacks_defaults(value: &Value, shape: ShapeRef<'_>, depth: usize) -> bool {
    if depth > crate::limits::Limits::DEFAULT_MAX_DEPTH {
        return false;
    }
    match (value, shape.shape_type()) {
        (Value::Structure(members), ShapeType::Structure) => {
            shape.members().any(|member| match members.get(member.name().as_str()) {
                Some(Value::Null) | None => member.traits().default.is_some(),
                Some(present) => lacks_defaults(present, member.target(), depth + 1),
            })
        }
        (Value::Union(union), ShapeType::Union) => match (shape.member(union.name()), union.value()) {
            (Some(member), Some(inner)) => lacks_defaults(inner, member.target(), depth + 1),
            _ => false,
        },
        (Value::List(items), ShapeType::List) => {
            shape.list_member().is_some_and(|item| items.iter().any(|v| lacks_defaults(v, item.target(), depth + 1)))
        }
        (Value::Map(entries), ShapeType::Map) => shape
            .map_value()
            .is_some_and(|entry| entries.iter().any(|(_, v)| lacks_defaults(v, entry.target(), depth + 1))),
        _ => false,
    }
}
