//! A depth-first walk over a value without recursion, and the deep clone built on it.

use std::slice;

use super::{Document, List, Map, Name, Structure, Union, Value};

/// How a value hangs from its parent.
#[derive(Clone, Copy)]
pub(crate) enum Label<'a> {
    /// The root, a list item or a document's content.
    None,
    /// A structure or union member.
    Member(Name),
    /// A map entry.
    Key(&'a str),
}

impl Label<'_> {
    pub(super) fn is_sensitive(self) -> bool {
        matches!(self, Self::Member(name) if name.is_sensitive())
    }
}

/// One step of a walk: a scalar, the start of a container, or the end of the innermost open one.
pub(super) enum Event<'a> {
    Leaf(Label<'a>, &'a Value),
    Enter(Label<'a>, &'a Value),
    Exit,
}

enum Children<'a> {
    Items(slice::Iter<'a, Value>),
    Members(slice::Iter<'a, (Name, Value)>),
    Entries(slice::Iter<'a, (String, Value)>),
    One(Option<(Label<'a>, &'a Value)>),
}

impl<'a> Children<'a> {
    /// The children of a container; `None` for a scalar or an unknown union member.
    fn of(value: &'a Value) -> Option<Self> {
        Some(match value {
            Value::Structure(s) => Self::Members(s.iter()),
            Value::List(l) => Self::Items(l.iter()),
            Value::Map(m) => Self::Entries(m.iter()),
            Value::Union(u) => Self::One(Some((Label::Member(u.known_name()?), u.value()?))),
            Value::Document(d) => Self::One(Some((Label::None, d))),
            _ => return None,
        })
    }

    fn next(&mut self) -> Option<(Label<'a>, &'a Value)> {
        match self {
            Self::Items(items) => items.next().map(|v| (Label::None, v)),
            Self::Members(members) => members.next().map(|(n, v)| (Label::Member(*n), v)),
            Self::Entries(entries) => entries.next().map(|(k, v)| (Label::Key(k), v)),
            Self::One(one) => one.take(),
        }
    }
}

/// Every node of a tree in document order, with an explicit stack of open containers.
pub(super) struct Walk<'a> {
    root: Option<&'a Value>,
    open: Vec<Children<'a>>,
}

impl<'a> Walk<'a> {
    pub(super) fn new(root: &'a Value) -> Self {
        Self { root: Some(root), open: Vec::new() }
    }

    /// Skips the rest of the innermost open container: no more of its children, no `Exit`.
    pub(super) fn skip_current(&mut self) {
        self.open.pop();
    }

    fn visit(&mut self, label: Label<'a>, value: &'a Value) -> Event<'a> {
        match Children::of(value) {
            Some(children) => {
                self.open.push(children);
                Event::Enter(label, value)
            }
            None => Event::Leaf(label, value),
        }
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(root) = self.root.take() {
            return Some(self.visit(Label::None, root));
        }
        let next = self.open.last_mut()?.next();
        Some(match next {
            Some((label, value)) => self.visit(label, value),
            None => {
                self.open.pop();
                Event::Exit
            }
        })
    }
}

/// Clones `root` without recursion: each container is first copied empty, then filled.
pub(super) fn deep_clone(root: &Value) -> Value {
    let mut open: Vec<(Label<'_>, Value)> = Vec::new();
    for event in Walk::new(root) {
        let (label, done) = match event {
            Event::Enter(label, value) => {
                open.push((label, shallow_clone(value)));
                continue;
            }
            Event::Leaf(label, value) => (label, shallow_clone(value)),
            Event::Exit => match open.pop() {
                Some(finished) => finished,
                None => break,
            },
        };
        match open.last_mut() {
            Some((_, parent)) => attach(parent, label, done),
            None => return done,
        }
    }
    Value::Null
}

/// A copy of `value` without its children (a scalar's copy is complete).
fn shallow_clone(value: &Value) -> Value {
    match value {
        Value::Structure(s) => Value::Structure(Structure::with_capacity(s.len())),
        Value::List(l) => Value::List(List::with_capacity(l.len())),
        Value::Map(m) => Value::Map(Map::with_capacity(m.len())),
        Value::Union(u) => match u.known_name() {
            Some(name) => Value::Union(Union::new(name, Value::Null)),
            None => Value::Union(Union::unknown(u.name())),
        },
        Value::Document(_) => Value::Document(Document::null()),
        Value::Enum(text) => Value::Enum(text.clone()),
        Value::IntEnum(v) => Value::IntEnum(*v),
        Value::Boolean(v) => Value::Boolean(*v),
        Value::Byte(v) => Value::Byte(*v),
        Value::Short(v) => Value::Short(*v),
        Value::Integer(v) => Value::Integer(*v),
        Value::Long(v) => Value::Long(*v),
        Value::Float(v) => Value::Float(*v),
        Value::Double(v) => Value::Double(*v),
        Value::BigInteger(text) => Value::BigInteger(text.clone()),
        Value::BigDecimal(text) => Value::BigDecimal(text.clone()),
        Value::String(text) => Value::String(text.clone()),
        Value::Blob(blob) => Value::Blob(blob.clone()),
        Value::Timestamp(t) => Value::Timestamp(*t),
        Value::Null => Value::Null,
    }
}

fn attach(parent: &mut Value, label: Label<'_>, child: Value) {
    match (parent, label) {
        (Value::Structure(s), Label::Member(name)) => s.push(name, child),
        (Value::List(l), _) => l.push(child),
        (Value::Map(m), Label::Key(key)) => m.push(key, child),
        (Value::Union(u), _) => {
            if let Some(slot) = u.value_mut() {
                *slot = child;
            }
        }
        (Value::Document(d), _) => **d = child,
        // The walk labels every child as its parent's kind requires.
        _ => {}
    }
}
