//! Dropping without unbounded recursion.
//!
//! The compiler's drop glue recurses once per level, so a value nested 100,000 deep would
//! overflow the stack. Up to [`RECURSION_LIMIT`] levels a container drops its children the
//! ordinary way (fast, nothing allocated: real payloads are a few levels deep); below that,
//! its `Drop` moves the children that have children of their own onto one heap stack instead
//! and empties them one at a time, so the containers then drop empty.

use std::cell::Cell;

use super::{Name, Value};

/// How many container levels drop by plain recursion before the heap stack takes over; each
/// level costs a few small frames.
const RECURSION_LIMIT: u32 = 64;

thread_local! {
    /// How many containers are being dropped by recursion on this thread right now.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

pub(super) fn values(items: &mut Vec<Value>) {
    if items.iter().any(Value::has_children) {
        nested(std::mem::take(items), |items| items);
    }
}

pub(super) fn members(members: &mut Vec<(Name, Value)>) {
    if members.iter().any(|(_, value)| value.has_children()) {
        nested(std::mem::take(members), |members| members.into_iter().map(|(_, value)| value).collect());
    }
}

pub(super) fn entries(entries: &mut Vec<(String, Value)>) {
    if entries.iter().any(|(_, value)| value.has_children()) {
        nested(std::mem::take(entries), |entries| entries.into_iter().map(|(_, value)| value).collect());
    }
}

pub(super) fn value(value: &mut Value) {
    if value.has_children() {
        nested(value.take(), |value| vec![value]);
    }
}

/// Drops `children`, which have children of their own: by recursion while that is shallow,
/// else through the heap stack.
fn nested<T>(children: T, values: impl FnOnce(T) -> Vec<Value>) {
    let depth = DEPTH.get();
    if depth < RECURSION_LIMIT {
        DEPTH.set(depth + 1);
        drop(children);
        DEPTH.set(depth);
    } else {
        drain(values(children));
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
