//! Constraint validation: a [`Value`] against its shape's constraint traits, every violation
//! found at once, as a server checks its input before it acts and a client before it sends.
//!
//! [`validate`] walks the value beside its shape and checks, on the way down:
//! - `@required` members (a member with a `@default` is never missing);
//! - the type of every value (an integer within its shape's width, no member the structure
//!   lacks, a known union member);
//! - `@length`: a string's Unicode scalar values, a blob's bytes, a list's items, a map's
//!   entries;
//! - `@range` of every number;
//! - `@pattern`, an ECMA-262 regular expression matched anywhere in the string (see
//!   [`ShapeRef::matches_pattern`]; a pattern the engine cannot compile is listed by
//!   [`Model::pattern_errors`](crate::schema::Model::pattern_errors) and not checked);
//! - closed `enum` and `intEnum` values;
//! - `@uniqueItems`.
//!
//! Each [`Violation`] has its [`Constraint`], its path, its JSON pointer (what Smithy's
//! `ValidationException` carries in `fieldList`) and Smithy's message, which never quotes the
//! value. [`Checks::Botocore`] checks only what botocore's parameter validation checks, so an
//! SDK built on awsval refuses what botocore refuses.
//!
//! ```
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval::validate::{self, Checks, Constraint};
//! use awsval::{List, Structure, Value};
//!
//! let mut builder = ModelBuilder::new();
//! let name = builder.add("Name", ShapeType::String).id();
//! builder.shape(name).traits_mut().max = Some(8.0);
//! let size = builder.add("Size", ShapeType::Integer).id();
//! builder.shape(size).traits_mut().min = Some(1.0);
//! let names = builder.list("Names", name).id();
//! let input = builder.declare("Input", ShapeType::Structure);
//! builder.shape(input).member("Names", names).member("Size", size).required();
//! let model = builder.finish()?;
//!
//! let value = Value::from(Structure::new().with("Names", List::from(vec![Value::from("a-long-name")])));
//! let violations = validate::validate(&value, model.get(input), Checks::All).unwrap_err();
//! assert_eq!(violations.len(), 2);
//! let first = violations.iter().next().unwrap();
//! assert_eq!(first.constraint, Constraint::Length);
//! assert_eq!(first.pointer(), "/Names/0");
//! assert_eq!(first.path.to_string(), "Names[0]");
//! assert_eq!(
//!     violations.to_string(),
//!     "2 validation errors detected. \
//!      Value with length 11 at '/Names/0' failed to satisfy constraint: Member must have length less than or equal to 8; \
//!      Value at '/Size' failed to satisfy constraint: Member must not be null"
//! );
//! # Ok::<(), awsval::Error>(())
//! ```

mod check;
mod unique;
mod violation;

use crate::schema::ShapeRef;
use crate::value::Value;

pub use self::violation::{Constraint, Violation, Violations};

/// Which constraints [`validate`] checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Checks {
    /// Every constraint trait, as a Smithy server checks its input.
    #[default]
    All,
    /// What botocore's parameter validation checks before a request is sent: required
    /// members, types, and minimums (the length of strings and lists, the range of numbers);
    /// no maximums, patterns, enum values or unique items.
    Botocore,
}

/// Checks `value` against `shape` and every shape under it: `Err` with every violation, in
/// the order of the value (see the [module docs](self) for what is checked).
///
/// ```
/// use awsval::schema::{ModelBuilder, ShapeType};
/// use awsval::validate::{self, Checks};
/// use awsval::Value;
///
/// let mut builder = ModelBuilder::new();
/// let code = builder.add("Code", ShapeType::String).id();
/// builder.shape(code).traits_mut().pattern = Some("^[A-Z]{3}$".into());
/// let model = builder.finish()?;
///
/// assert!(validate::validate(&Value::from("EUR"), model.get(code), Checks::All).is_ok());
/// let violations = validate::validate(&Value::from("eur"), model.get(code), Checks::All).unwrap_err();
/// assert_eq!(
///     violations.iter().next().unwrap().message,
///     "Value at '' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z]{3}$"
/// );
/// // botocore does not check patterns.
/// assert!(validate::validate(&Value::from("eur"), model.get(code), Checks::Botocore).is_ok());
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn validate(value: &Value, shape: ShapeRef<'_>, checks: Checks) -> Result<(), Violations> {
    let mut walker = check::Walker::new(checks);
    walker.value(value, shape);
    match walker.found.is_empty() {
        true => Ok(()),
        false => Err(Violations(walker.found)),
    }
}
