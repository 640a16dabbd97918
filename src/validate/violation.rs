//! What validation finds: one [`Violation`] per failed constraint, all of them in
//! [`Violations`], worded as Smithy's `ValidationException` words them.

use std::fmt;

use crate::error::Path;
use crate::value::{List, Structure, Value};

/// The constraint a value failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Constraint {
    /// `@required`: the member is absent (or null).
    Required,
    /// The value is not of its shape's type (a string for an integer, a member the structure
    /// does not have, an integer beyond its shape's width).
    Type,
    /// `@length`: characters of a string (Unicode scalar values), bytes of a blob, items of a
    /// list, entries of a map.
    Length,
    /// `@range` of a number.
    Range,
    /// `@pattern` of a string.
    Pattern,
    /// A closed `enum` or `intEnum`: the value is none of its values.
    Enum,
    /// `@uniqueItems`: a list holds equal items.
    UniqueItems,
    /// The value nests deeper than validation follows ([`Limits::DEFAULT_MAX_DEPTH`](crate::Limits::DEFAULT_MAX_DEPTH)).
    Depth,
}

/// One failed constraint: where, which, and Smithy's message for it.
///
/// The message never quotes the value (a `@sensitive` one included): only its length, for
/// `@length`, as Smithy's does.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// Which constraint failed.
    pub constraint: Constraint,
    /// Where, as member names, list indexes and map keys from the root (a `@sensitive` map
    /// key redacted).
    pub path: Path,
    /// Smithy's `ValidationException` message for it:
    /// `Value at '/tags/0' failed to satisfy constraint: Member must not be null`.
    pub message: String,
}

impl Violation {
    /// Where, as a JSON pointer (RFC 6901), as Smithy's `ValidationException` `fieldList`
    /// carries it: `/tags/0`.
    pub fn pointer(&self) -> String {
        self.path.json_pointer()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every violation [`validate`](super::validate) found, in the order of the value.
///
/// `Display` is the `message` of Smithy's `ValidationException`:
/// `1 validation error detected. Value at '/name' failed to satisfy constraint: ...`, more
/// than one joined with `; `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations(pub(super) Vec<Violation>);

impl Violations {
    /// How many there are (never 0).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never: validation gives `Ok` then).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations, in the order of the value.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// The violations as a vector.
    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }
}

impl Violations {
    /// The violations as the value of Smithy's `smithy.framework#ValidationException`: its
    /// `message` (this `Display`) and its `fieldList` of `{path, message}`, each path a JSON
    /// pointer. A server answers with it as a modeled error
    /// ([`ServiceError::modeled`](crate::protocol::ServiceError::modeled)) of the operation's
    /// `ValidationException` shape.
    pub fn to_value(&self) -> Value {
        let fields: Vec<Value> = self
            .0
            .iter()
            .map(|v| Value::from(Structure::new().with("path", v.pointer()).with("message", v.message.as_str())))
            .collect();
        Value::from(Structure::new().with("message", self.to_string()).with("fieldList", List::from(fields)))
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.0.len() == 1 { "" } else { "s" };
        write!(f, "{} validation error{plural} detected. ", self.0.len())?;
        for (index, violation) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&violation.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The messages, worded as Smithy's server SDKs word them.
pub(super) mod message {
    use std::fmt::Display;

    fn at(pointer: &str, constraint: impl Display) -> String {
        format!("Value at '{pointer}' failed to satisfy constraint: Member must {constraint}")
    }

    pub(in super::super) fn required(pointer: &str) -> String {
        at(pointer, "not be null")
    }

    pub(in super::super) fn type_of(pointer: &str, expected: &str) -> String {
        at(pointer, format_args!("be of type {expected}"))
    }

    pub(in super::super) fn unknown_member(pointer: &str) -> String {
        at(pointer, "not be set: the shape has no such member")
    }

    pub(in super::super) fn length(pointer: &str, length: usize, min: Option<f64>, max: Option<f64>) -> String {
        format!(
            "Value with length {length} at '{pointer}' failed to satisfy constraint: Member must have length {}",
            bounds(min, max)
        )
    }

    pub(in super::super) fn range(pointer: &str, min: Option<f64>, max: Option<f64>) -> String {
        at(pointer, format_args!("be {}", bounds(min, max)))
    }

    pub(in super::super) fn pattern(pointer: &str, pattern: &str) -> String {
        at(pointer, format_args!("satisfy regular expression pattern: {pattern}"))
    }

    pub(in super::super) fn enumeration(pointer: &str, values: &[String]) -> String {
        at(pointer, format_args!("satisfy enum value set: [{}]", values.join(", ")))
    }

    pub(in super::super) fn unique(pointer: &str) -> String {
        at(pointer, "have unique values")
    }

    pub(in super::super) fn depth(pointer: &str, limit: usize) -> String {
        format!("Value at '{pointer}' nests deeper than {limit} levels, which validation does not follow")
    }

    /// `between 1 and 5, inclusive`, `greater than or equal to 1`, `less than or equal to 5`:
    /// whole bounds without a fraction, as the model writes them.
    fn bounds(min: Option<f64>, max: Option<f64>) -> String {
        match (min, max) {
            (Some(min), Some(max)) => format!("between {min} and {max}, inclusive"),
            (Some(min), None) => format!("greater than or equal to {min}"),
            (None, Some(max)) => format!("less than or equal to {max}"),
            (None, None) => String::new(),
        }
    }
}
