//! The items of a list value.

use std::ops::{Deref, DerefMut};

use super::{Value, teardown};

/// The items of a [`Value::List`], in order. Dereferences to a slice.
///
/// ```
/// use awsval::{List, Value};
///
/// let list: List = (1..=3).map(Value::from).collect();
/// assert_eq!(list.len(), 3);
/// assert_eq!(list[2].as_i64(), Some(3));
/// ```
#[derive(Default)]
pub struct List(Vec<Value>);

impl List {
    /// An empty list.
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// An empty list with room for `capacity` items.
    pub fn with_capacity(capacity: usize) -> Self {
        Self(Vec::with_capacity(capacity))
    }

    /// Appends an item.
    pub fn push(&mut self, value: impl Into<Value>) {
        self.0.push(value.into());
    }

    /// The items, owned.
    pub fn into_vec(mut self) -> Vec<Value> {
        std::mem::take(&mut self.0)
    }

    pub(super) fn items_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}

impl Deref for List {
    type Target = [Value];

    fn deref(&self) -> &[Value] {
        &self.0
    }
}

impl DerefMut for List {
    fn deref_mut(&mut self) -> &mut [Value] {
        &mut self.0
    }
}

impl From<Vec<Value>> for List {
    fn from(items: Vec<Value>) -> Self {
        Self(items)
    }
}

impl FromIterator<Value> for List {
    fn from_iter<I: IntoIterator<Item = Value>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl IntoIterator for List {
    type Item = Value;
    type IntoIter = std::vec::IntoIter<Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a List {
    type Item = &'a Value;
    type IntoIter = std::slice::Iter<'a, Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl PartialEq for List {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Clone for List {
    fn clone(&self) -> Self {
        self.0.iter().cloned().collect()
    }
}

impl Drop for List {
    fn drop(&mut self) {
        teardown::values(&mut self.0);
    }
}
