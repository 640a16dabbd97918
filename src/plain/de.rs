//! Plain JSON, as an untyped tree, into a typed [`Value`] of a shape: the rules of
//! `json::decode` with [`JsonSettings::plain`](crate::json::JsonSettings::plain), applied to a
//! tree instead of bytes, with the same messages and member paths.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::blob::Blob;
use crate::codec::text::{self, Float};
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::{Timestamp, TimestampFormat};
use crate::value::{Document, List, Map, Structure, Union, Value};

/// `untyped` (what [`Document`]'s `Deserialize` builds) as a value of `shape`.
pub(super) fn typed(untyped: Value, shape: ShapeRef<'_>) -> Result<Value> {
    Ok(match shape.shape_type() {
        ShapeType::Structure => Value::Structure(structure(untyped, shape)?),
        ShapeType::Union if shape.traits().event_stream && matches!(untyped, Value::List(_)) => {
            let Value::List(events) = untyped else { unreachable!("matched above") };
            let mut out = List::with_capacity(events.len());
            for (index, event) in events.into_iter().enumerate() {
                out.push(Value::Union(union(event, shape).map_err(|error| error.at_index(index))?));
            }
            Value::List(out)
        }
        ShapeType::Union => Value::Union(union(untyped, shape)?),
        ShapeType::List => Value::List(list(untyped, shape)?),
        ShapeType::Map => Value::Map(map(untyped, shape)?),
        ShapeType::Document => Value::Document(Document::new(untyped)),
        ShapeType::Boolean => match untyped {
            Value::Boolean(b) => Value::Boolean(b),
            other => return Err(mismatch(shape, &other)),
        },
        ShapeType::Byte => Value::Byte(integer(untyped, shape, "byte")?),
        ShapeType::Short => Value::Short(integer(untyped, shape, "short")?),
        ShapeType::Integer => Value::Integer(integer(untyped, shape, "integer")?),
        ShapeType::IntEnum => Value::IntEnum(integer(untyped, shape, "intEnum")?),
        ShapeType::Long => Value::Long(integer(untyped, shape, "long")?),
        ShapeType::Float => Value::Float(float(untyped, shape)?),
        ShapeType::Double => Value::Double(float(untyped, shape)?),
        ShapeType::BigInteger => Value::BigInteger(big_number(untyped, shape, true)?),
        ShapeType::BigDecimal => Value::BigDecimal(big_number(untyped, shape, false)?),
        ShapeType::String => Value::String(string(untyped, shape)?),
        ShapeType::Enum => {
            let text = string(untyped, shape)?;
            Value::Enum(shape.enum_value(&text).map_or(Cow::Owned(text), Cow::Borrowed))
        }
        ShapeType::Blob => Value::Blob(Blob::from_base64(string(untyped, shape)?.as_bytes())?),
        ShapeType::Timestamp => Value::Timestamp(timestamp(untyped, shape)?),
    })
}

/// What a JSON value is called in messages (as the JSON reader calls its tokens).
fn found(value: &Value) -> &'static str {
    match value {
        Value::Map(_) | Value::Structure(_) | Value::Union(_) => "an object",
        Value::List(_) => "an array",
        Value::String(_) | Value::Enum(_) => "a string",
        Value::Boolean(_) => "a boolean",
        Value::Null => "null",
        _ => "a number",
    }
}

fn mismatch(shape: ShapeRef<'_>, value: &Value) -> Error {
    Error::data(format!("expected {}, found {}", crate::json::expected(shape.shape_type()), found(value)))
}

/// A number's text, when `value` is a number.
fn number_text(value: &Value) -> Option<Cow<'_, str>> {
    Some(match value {
        Value::Long(n) => Cow::Owned(n.to_string()),
        Value::Double(d) if d.is_finite() => Cow::Owned(ryu::Buffer::new().format_finite(*d).to_owned()),
        Value::BigInteger(text) | Value::BigDecimal(text) => Cow::Borrowed(text.as_str()),
        _ => return None,
    })
}

/// A structure, its members in schema order (as the codecs give them) whatever the JSON's.
fn structure(untyped: Value, shape: ShapeRef<'_>) -> Result<Structure> {
    let Value::Map(entries) = untyped else { return Err(mismatch(shape, &untyped)) };
    let mut members = Vec::with_capacity(entries.len().min(shape.members().len()));
    let mut seen = vec![false; shape.members().len()];
    for (key, value) in entries {
        let Some(member) = shape.member(&key) else { continue };
        if std::mem::replace(&mut seen[member.index()], true) {
            return Err(Error::data("repeated member").in_member(member.name().as_str()));
        }
        if !value.is_null() {
            members.push((member.index(), member.name(), member_value(value, member)?));
        }
    }
    members.sort_unstable_by_key(|(index, _, _)| *index);
    Ok(members.into_iter().map(|(_, name, value)| (name, value)).collect())
}

fn member_value(value: Value, member: MemberRef<'_>) -> Result<Value> {
    typed(value, member.target()).map_err(|error| member.annotate(error))
}

/// One member set; nulls passed over; a member the schema does not have kept by name.
fn union(untyped: Value, shape: ShapeRef<'_>) -> Result<Union> {
    let Value::Map(entries) = untyped else { return Err(mismatch(shape, &untyped)) };
    let mut found: Option<Union> = None;
    for (key, value) in entries {
        if value.is_null() {
            continue;
        }
        let union = match shape.member(&key) {
            Some(member) => Union::new(member.name(), member_value(value, member)?),
            None => Union::unknown(key),
        };
        if found.replace(union).is_some() {
            return Err(Error::data("a union has exactly one member, found a second"));
        }
    }
    found.ok_or_else(|| Error::data("a union has exactly one member, found none"))
}

fn list(untyped: Value, shape: ShapeRef<'_>) -> Result<List> {
    let Value::List(items) = untyped else { return Err(mismatch(shape, &untyped)) };
    let member = shape.item()?;
    let sparse = shape.is_sparse();
    let mut out = List::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        match item {
            Value::Null if sparse => out.push(Value::Null),
            Value::Null => {}
            item => out.push(typed(item, member.target()).map_err(|error| error.at_index(index))?),
        }
    }
    Ok(out)
}

/// A map: dense nulls dropped, sparse ones kept, a repeated key refused either way.
fn map(untyped: Value, shape: ShapeRef<'_>) -> Result<Map> {
    let Value::Map(entries) = untyped else { return Err(mismatch(shape, &untyped)) };
    let member = shape.entry()?.1;
    let sparse = shape.is_sparse();
    let mut seen = HashSet::with_capacity(entries.len());
    let mut out = Map::with_capacity(entries.len());
    for (key, value) in entries {
        if !seen.insert(key.clone()) {
            return Err(Error::data("repeated map key").at_key(key));
        }
        match value {
            Value::Null if sparse => out.push(key, Value::Null),
            Value::Null => {}
            value => {
                let value = typed(value, member.target()).map_err(|error| error.at_key(key.as_str()))?;
                out.push(key, value);
            }
        }
    }
    Ok(out)
}

fn integer<T: TryFrom<i64>>(untyped: Value, shape: ShapeRef<'_>, type_name: &str) -> Result<T> {
    let out_of_range = || Error::data(format!("{type_name} out of range"));
    match &untyped {
        Value::Long(n) => T::try_from(*n).map_err(|_| out_of_range()),
        Value::BigInteger(_) => Err(out_of_range()),
        Value::Double(_) | Value::BigDecimal(_) => {
            Err(Error::data(format!("expected an integer for {type_name}, found a fraction or exponent")))
        }
        other => Err(mismatch(shape, other)),
    }
}

/// A number, or the strings `NaN`, `Infinity`, `-Infinity`.
fn float<T: Float>(untyped: Value, shape: ShapeRef<'_>) -> Result<T> {
    match &untyped {
        Value::String(text) => match text.as_str() {
            "NaN" => Ok(T::from(f32::NAN)),
            "Infinity" => Ok(T::from(f32::INFINITY)),
            "-Infinity" => Ok(T::from(f32::NEG_INFINITY)),
            _ => Err(Error::data("expected a number, NaN, Infinity or -Infinity")),
        },
        other => match number_text(other) {
            Some(text) => text::finite_float(&text),
            None => Err(mismatch(shape, other)),
        },
    }
}

fn big_number(untyped: Value, shape: ShapeRef<'_>, integer: bool) -> Result<String> {
    // A whole double is what a JSON reader that rounds big integers (serde_json without
    // `arbitrary_precision`) made of one: its digits are the nearest the reader kept.
    if let (true, Value::Double(d)) = (integer, &untyped) {
        if d.is_finite() && d.fract() == 0.0 {
            return Ok(format!("{d:.0}"));
        }
    }
    let Some(text) = number_text(&untyped) else { return Err(mismatch(shape, &untyped)) };
    if integer && text.contains(['.', 'e', 'E']) {
        return Err(Error::data("expected an integer for bigInteger"));
    }
    Ok(text.into_owned())
}

fn string(untyped: Value, shape: ShapeRef<'_>) -> Result<String> {
    match untyped {
        Value::String(text) => Ok(text),
        other => Err(mismatch(shape, &other)),
    }
}

/// Plain JSON's timestamps are RFC 3339 strings; a number is read as epoch seconds, as the
/// JSON decoder reads one.
fn timestamp(untyped: Value, shape: ShapeRef<'_>) -> Result<Timestamp> {
    match &untyped {
        Value::String(text) => Timestamp::parse_lenient(text, TimestampFormat::DateTime),
        other => match number_text(other) {
            Some(text) => Timestamp::parse(&text, TimestampFormat::EpochSeconds),
            None => Err(mismatch(shape, other)),
        },
    }
}

/// A `serde_json::Value` as the untyped tree [`typed`] reads, nesting at most as deep as
/// [`Limits::new`](crate::Limits::new) allows: numbers by their text (exact when serde_json
/// keeps it, with `arbitrary_precision`).
pub(super) fn untyped(json: &serde_json::Value, depth: usize) -> Result<Value> {
    let max = crate::Limits::new().max_depth;
    let nested = || match depth < max {
        true => Ok(depth + 1),
        false => Err(Error::data(format!("nesting deeper than {max} levels"))),
    };
    Ok(match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Boolean(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(n) => Value::Long(n),
            None => super::document_ser::number_of_text(&n.to_string())?,
        },
        serde_json::Value::String(text) => Value::String(text.clone()),
        serde_json::Value::Array(items) => {
            let depth = nested()?;
            Value::List(items.iter().map(|item| untyped(item, depth)).collect::<Result<List>>()?)
        }
        serde_json::Value::Object(entries) => {
            let depth = nested()?;
            let mut map = Map::with_capacity(entries.len());
            for (key, item) in entries {
                map.push(key.clone(), untyped(item, depth)?);
            }
            Value::Map(map)
        }
    })
}
