//! Dropping without recursion.
//!
//! The compiler's drop glue recurses once per level, so a value nested 100,000 deep would
//! overflow the stack. Each container's `Drop` moves its children that have children of their
//! own onto one heap stack instead, and empties them one at a time; the containers then drop
//! empty. Flat containers (the common case) take a fast path that allocates nothing.

use super::{Name, Value};

pub(super) fn values(items: &mut Vec<Value>) {
    if items.iter().any(Value::has_children) {
        drain(std::mem::take(items));
    }
}

pub(super) fn members(members: &mut Vec<(Name, Value)>) {
    if members.iter().any(|(_, value)| value.has_children()) {
        drain(std::mem::take(members).into_iter().map(|(_, value)| value).collect());
    }
}

pub(super) fn entries(entries: &mut Vec<(String, Value)>) {
    if entries.iter().any(|(_, value)| value.has_children()) {
        drain(std::mem::take(entries).into_iter().map(|(_, value)| value).collect());
    }
}

pub(super) fn value(value: &mut Value) {
    if value.has_children() {
        drain(vec![value.take()]);
    }
}

fn drain(mut stack: Vec<Value>) {
    while let Some(mut value) = stack.pop() {
        let mut keep = |child: Value| {
            if child.has_children() {
                stack.push(child);
            }
        };
        match &mut value {
            Value::Structure(s) => s.members_mut().drain(..).for_each(|(_, v)| keep(v)),
            Value::List(l) => l.items_mut().drain(..).for_each(keep),
            Value::Map(m) => m.entries_mut().drain(..).for_each(|(_, v)| keep(v)),
            Value::Union(u) => u.value_mut().map(Value::take).into_iter().for_each(keep),
            Value::Document(d) => keep(d.take()),
            _ => {}
        }
        // `value` now drops with no grandchildren left to recurse into.
    }
}
