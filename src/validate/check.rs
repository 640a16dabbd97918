//! The walk: a value and its shape side by side, every constraint of every shape on the way
//! checked, every violation kept.

use super::violation::{Constraint, Violation, message};
use super::{Checks, unique};
use crate::codec::text;
use crate::error::{Path, PathSegment, REDACTED};
use crate::limits::Limits;
use crate::schema::{EnumLiteral, ShapeRef, ShapeType};
use crate::value::{List, Map, Structure, Union, Value};

pub(super) struct Walker {
    checks: Checks,
    path: Vec<PathSegment>,
    pub(super) found: Vec<Violation>,
}

impl Walker {
    pub(super) fn new(checks: Checks) -> Self {
        Self { checks, path: Vec::new(), found: Vec::new() }
    }

    fn report(&mut self, constraint: Constraint, message: impl FnOnce(&str) -> String) {
        let path = Path::from_root(&self.path);
        let message = message(&path.json_pointer());
        self.found.push(Violation { constraint, path, message });
    }

    /// Checks `value` where the path stands, and under it, then steps out of `segment`.
    fn within(&mut self, segment: PathSegment, check: impl FnOnce(&mut Self)) {
        self.path.push(segment);
        check(self);
        self.path.pop();
    }

    pub(super) fn value(&mut self, value: &Value, shape: ShapeRef<'_>) {
        let aggregate = matches!(value, Value::Structure(_) | Value::Union(_) | Value::List(_) | Value::Map(_));
        if aggregate && self.path.len() >= Limits::DEFAULT_MAX_DEPTH {
            return self.report(Constraint::Depth, |at| message::depth(at, Limits::DEFAULT_MAX_DEPTH));
        }
        if !fits(value, shape) {
            let expected = shape.shape_type().as_str();
            return self.report(Constraint::Type, |at| message::type_of(at, expected));
        }
        self.constraints(value, shape);
        match value {
            Value::Structure(structure) => self.structure(structure, shape),
            Value::Union(union) => self.union(union, shape),
            Value::List(items) => self.list(items, shape),
            Value::Map(entries) => self.map(entries, shape),
            _ => {}
        }
    }

    fn structure(&mut self, structure: &Structure, shape: ShapeRef<'_>) {
        for member in shape.members() {
            let segment = PathSegment::Member(member.name().as_str().into());
            match structure.get(member.name().as_str()) {
                None | Some(Value::Null) => {
                    // A defaulted member is never missing: the default stands in for it.
                    if member.traits().required && member.traits().default.is_none() {
                        self.within(segment, |walker| walker.report(Constraint::Required, message::required));
                    }
                }
                Some(value) => self.within(segment, |walker| walker.value(value, member.target())),
            }
        }
        for (name, _) in structure.iter().filter(|(name, _)| shape.member(name.as_str()).is_none()) {
            self.within(PathSegment::Member(name.as_str().into()), |walker| {
                walker.report(Constraint::Type, message::unknown_member);
            });
        }
    }

    fn union(&mut self, union: &Union, shape: ShapeRef<'_>) {
        let segment = PathSegment::Member(union.name().to_owned().into());
        match (shape.member(union.name()), union.value()) {
            (Some(member), Some(value)) => self.within(segment, |walker| walker.value(value, member.target())),
            _ => self.within(segment, |walker| walker.report(Constraint::Type, message::unknown_member)),
        }
    }

    fn list(&mut self, items: &List, shape: ShapeRef<'_>) {
        let Some(item) = shape.list_member() else { return };
        for (index, value) in items.iter().enumerate() {
            self.within(PathSegment::Index(index), |walker| walker.item(value, item.target(), shape.is_sparse()));
        }
    }

    fn map(&mut self, entries: &Map, shape: ShapeRef<'_>) {
        let (Some(key), Some(value_member)) = (shape.map_key(), shape.map_value()) else { return };
        let redact = key.is_sensitive();
        for (name, value) in entries.iter() {
            // A key breaks its constraints at the map (Smithy's path for it), a value under
            // its key.
            self.constraints(&Value::String(name.clone()), key.target());
            let segment = PathSegment::Key(if redact { REDACTED.to_owned() } else { name.clone() });
            self.within(segment, |walker| walker.item(value, value_member.target(), shape.is_sparse()));
        }
    }

    /// An item of a list or a map's value: a null only where the collection is sparse.
    fn item(&mut self, value: &Value, shape: ShapeRef<'_>, sparse: bool) {
        match value {
            Value::Null if sparse => {}
            Value::Null => self.report(Constraint::Required, message::required),
            value => self.value(value, shape),
        }
    }

    /// The constraint traits of `shape` itself on `value` (already known to fit it).
    fn constraints(&mut self, value: &Value, shape: ShapeRef<'_>) {
        let traits = shape.traits();
        let all = self.checks == Checks::All;
        // botocore checks minimums only, and lengths of strings and lists only.
        let (min, max) = (traits.min, traits.max.filter(|_| all));
        if min.is_some() || max.is_some() {
            if let Some(length) = length(value).filter(|_| all || matches!(value, Value::String(_) | Value::List(_))) {
                if min.is_some_and(|min| (length as f64) < min) || max.is_some_and(|max| (length as f64) > max) {
                    self.report(Constraint::Length, |at| message::length(at, length, min, max));
                }
            }
            if let Some(number) = number(value) {
                if min.is_some_and(|min| number < min) || max.is_some_and(|max| number > max) {
                    self.report(Constraint::Range, |at| message::range(at, min, max));
                }
            }
        }
        if !all {
            return;
        }
        if let Some(text) = text_of(value) {
            // A pattern the engine refuses is in `Model::pattern_errors`, not checked here.
            if shape.matches_pattern(text) == Ok(false) {
                let pattern = traits.pattern.as_deref().unwrap_or_default();
                self.report(Constraint::Pattern, |at| message::pattern(at, pattern));
            }
        }
        if !traits.enum_values.is_empty() && !is_enum_value(value, &traits.enum_values) {
            let listed = traits.enum_values.iter().filter(|member| !member.internal);
            let values: Vec<String> = listed.map(|member| member.value.to_string()).collect();
            self.report(Constraint::Enum, |at| message::enumeration(at, &values));
        }
        if traits.unique_items {
            if let Value::List(items) = value {
                if !unique::all_unique(items) {
                    self.report(Constraint::UniqueItems, message::unique);
                }
            }
        }
    }
}

/// Whether `value` is of `shape`'s type (an integer within its width).
fn fits(value: &Value, shape: ShapeRef<'_>) -> bool {
    use ShapeType as T;
    match (shape.shape_type(), value) {
        (T::Byte | T::Short | T::Integer | T::Long, _) => text::integer(value, shape).is_ok(),
        (T::Structure, Value::Structure(_))
        | (T::Union, Value::Union(_))
        | (T::List, Value::List(_))
        | (T::Map, Value::Map(_))
        | (T::Document, Value::Document(_))
        | (T::Boolean, Value::Boolean(_))
        | (T::IntEnum, Value::IntEnum(_) | Value::Integer(_))
        | (T::Float, Value::Float(_))
        | (T::Double, Value::Double(_) | Value::Float(_))
        | (T::BigInteger, Value::BigInteger(_))
        | (T::BigDecimal, Value::BigDecimal(_))
        | (T::String, Value::String(_))
        | (T::Enum, Value::Enum(_) | Value::String(_))
        | (T::Blob, Value::Blob(_))
        | (T::Timestamp, Value::Timestamp(_)) => true,
        _ => false,
    }
}

/// What `@length` counts: characters (Unicode scalar values) of a string, bytes of a blob,
/// items of a list, entries of a map.
fn length(value: &Value) -> Option<usize> {
    Some(match value {
        Value::String(text) => text.chars().count(),
        Value::Enum(text) => text.chars().count(),
        Value::Blob(blob) => blob.len(),
        Value::List(items) => items.len(),
        Value::Map(entries) => entries.len(),
        _ => return None,
    })
}

/// What `@range` compares (big numbers as the nearest double).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Float(f) => Some(f64::from(*f)),
        Value::Double(d) => Some(*d),
        Value::BigInteger(digits) | Value::BigDecimal(digits) => digits.parse().ok(),
        Value::IntEnum(_) => None,
        other => other.as_i64().map(|n| n as f64),
    }
}

fn text_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(text) => Some(text),
        Value::Enum(text) => Some(text),
        _ => None,
    }
}

fn is_enum_value(value: &Value, values: &[crate::schema::EnumMember]) -> bool {
    values.iter().any(|member| match (&member.value, value) {
        (EnumLiteral::String(literal), value) => text_of(value) == Some(*literal),
        (EnumLiteral::Int(literal), Value::IntEnum(n) | Value::Integer(n)) => literal == n,
        _ => false,
    })
}
