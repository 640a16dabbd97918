//! `Debug` for values: derive-like, without recursion, redacting `@sensitive` members.

use std::fmt::{self, Write as _};

use super::walk::{Event, Label, Walk};
use super::{Document, Value};
use crate::error::REDACTED;

impl fmt::Debug for Value {
    /// `Structure { Arn: String("…"), Files: List [Integer(1)] }`; `{:#?}` spreads it over
    /// lines. Members whose [`Name`](super::Name) is sensitive print as a redaction; to
    /// redact by a schema whatever names the value was built with, print
    /// [`ShapeRef::debug`](crate::schema::ShapeRef::debug).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_debug(self, f, &mut ByName)
    }
}

/// Decides, node by node, what a printed value hides beyond the members whose names are
/// sensitive: how a schema's view of sensitivity joins the walk.
pub(crate) trait Redact {
    /// Whether the node hanging by `label` is hidden (`by_name`: its name already says so). A
    /// `container` that is shown is closed by a call to [`Redact::close`] after its children.
    fn hides(&mut self, label: Label<'_>, container: bool, by_name: bool) -> bool;
    /// The innermost shown container ends.
    fn close(&mut self);
}

/// Hides only what the names say.
struct ByName;

impl Redact for ByName {
    fn hides(&mut self, _: Label<'_>, _: bool, by_name: bool) -> bool {
        by_name
    }

    fn close(&mut self) {}
}

/// Writes `value` as its `Debug` does, hiding what `redact` says.
pub(crate) fn write_debug(value: &Value, f: &mut fmt::Formatter<'_>, redact: &mut dyn Redact) -> fmt::Result {
    let pretty = f.alternate();
    let mut walk = Walk::new(value);
    // Per open container: its closing text and how many children it has shown.
    let mut open: Vec<(&'static str, usize)> = Vec::new();
    while let Some(event) = walk.next() {
        let (label, value, entering) = match event {
            Event::Exit => {
                let (close, shown) = open.pop().unwrap_or(("", 0));
                close_container(f, pretty, open.len(), close, shown)?;
                redact.close();
                continue;
            }
            Event::Enter(label, value) => (label, value, true),
            Event::Leaf(label, value) => (label, value, false),
        };
        let depth = open.len();
        if let Some((close, shown)) = open.last_mut() {
            separate(f, pretty, close, *shown, depth)?;
            *shown += 1;
        }
        write_label(f, label)?;
        if redact.hides(label, entering, label.is_sensitive()) {
            f.write_str(REDACTED)?;
            if entering {
                walk.skip_current();
            }
        } else if entering {
            let (opening, close) = delimiters(value);
            f.write_str(opening)?;
            open.push((close, 0));
        } else {
            write_scalar(f, value)?;
        }
    }
    Ok(())
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Document(")?;
        fmt::Debug::fmt(&**self, f)?;
        f.write_char(')')
    }
}

fn delimiters(value: &Value) -> (&'static str, &'static str) {
    match value {
        Value::Structure(_) => ("Structure {", "}"),
        Value::Union(_) => ("Union {", "}"),
        Value::Map(_) => ("Map {", "}"),
        Value::List(_) => ("List [", "]"),
        _ => ("Document(", ")"),
    }
}

fn separate(f: &mut fmt::Formatter<'_>, pretty: bool, close: &str, shown: usize, depth: usize) -> fmt::Result {
    if pretty {
        f.write_str(if shown > 0 { ",\n" } else { "\n" })?;
        indent(f, depth)
    } else if shown > 0 {
        f.write_str(", ")
    } else if close == "}" {
        f.write_char(' ')
    } else {
        Ok(())
    }
}

fn close_container(f: &mut fmt::Formatter<'_>, pretty: bool, depth: usize, close: &str, shown: usize) -> fmt::Result {
    if shown > 0 && pretty {
        f.write_str(",\n")?;
        indent(f, depth)?;
    } else if shown > 0 && close == "}" {
        f.write_char(' ')?;
    }
    f.write_str(close)
}

fn indent(f: &mut fmt::Formatter<'_>, depth: usize) -> fmt::Result {
    (0..depth).try_for_each(|_| f.write_str("    "))
}

fn write_label(f: &mut fmt::Formatter<'_>, label: Label<'_>) -> fmt::Result {
    match label {
        Label::None => Ok(()),
        Label::Member(name) => write!(f, "{name}: "),
        Label::Key(key) => write!(f, "{key:?}: "),
    }
}

fn write_scalar(f: &mut fmt::Formatter<'_>, value: &Value) -> fmt::Result {
    match value {
        Value::Union(union) => write!(f, "Union {{ unknown member {:?} }}", union.name()),
        Value::Enum(text) => write!(f, "Enum({text:?})"),
        Value::IntEnum(v) => write!(f, "IntEnum({v})"),
        Value::Boolean(v) => write!(f, "Boolean({v})"),
        Value::Byte(v) => write!(f, "Byte({v})"),
        Value::Short(v) => write!(f, "Short({v})"),
        Value::Integer(v) => write!(f, "Integer({v})"),
        Value::Long(v) => write!(f, "Long({v})"),
        Value::Float(v) => write!(f, "Float({v:?})"),
        Value::Double(v) => write!(f, "Double({v:?})"),
        Value::BigInteger(text) => write!(f, "BigInteger({text})"),
        Value::BigDecimal(text) => write!(f, "BigDecimal({text})"),
        Value::String(text) => write!(f, "String({text:?})"),
        Value::Blob(blob) => write!(f, "Blob({blob:?})"),
        Value::Timestamp(t) => write!(f, "Timestamp({t})"),
        Value::Null => f.write_str("Null"),
        // Containers arrive as `Enter` events; a leaf container cannot occur.
        Value::Structure(_) | Value::List(_) | Value::Map(_) | Value::Document(_) => Ok(()),
    }
}

/// A member's value in `Debug`, or the redaction when the member is sensitive.
fn member_value(name: super::Name, value: &Value) -> &dyn fmt::Debug {
    if name.is_sensitive() { &crate::error::Redacted } else { value }
}

impl fmt::Debug for super::Structure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter().map(|(name, value)| (name, member_value(*name, value)))).finish()
    }
}

impl fmt::Debug for super::Union {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.known_name(), self.value()) {
            (Some(name), Some(value)) => f.debug_map().entry(&name, member_value(name, value)).finish(),
            _ => write!(f, "Union {{ unknown member {:?} }}", self.name()),
        }
    }
}

impl fmt::Debug for super::List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Debug for super::Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter().map(|(key, value)| (key, value))).finish()
    }
}
