//! The members of a structure value.

use super::{Name, Value, teardown};

/// The members of a [`Value::Structure`]: names and values, in schema order.
///
/// Absent members are not stored. Lookup by name is a scan, which for the handful of members
/// of a structure beats hashing.
///
/// ```
/// use awsval::{Structure, Value};
///
/// let mut s = Structure::new().with("JobId", "j-1");
/// s.insert("Status", 200);
/// assert_eq!(s.get("Status"), Some(&Value::Integer(200)));
/// assert_eq!(s.names().collect::<Vec<_>>(), ["JobId", "Status"]);
/// ```
#[derive(Default)]
pub struct Structure {
    members: Vec<(Name, Value)>,
}

impl Structure {
    /// A structure with no members set.
    pub const fn new() -> Self {
        Self { members: Vec::new() }
    }

    /// A structure with room for `capacity` members.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { members: Vec::with_capacity(capacity) }
    }

    /// Appends a member without checking for an earlier one of the same name: what decoders
    /// use, as the schema guarantees distinct names.
    pub fn push(&mut self, name: Name, value: impl Into<Value>) {
        self.members.push((name, value.into()));
    }

    /// Sets member `name`, replacing its value if present; returns the old value.
    pub fn insert(&mut self, name: impl Into<Name>, value: impl Into<Value>) -> Option<Value> {
        let name = name.into();
        let value = value.into();
        match self.get_mut(&name) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.members.push((name, value));
                None
            }
        }
    }

    /// [`Structure::insert`], by value, for building in one expression.
    #[must_use]
    pub fn with(mut self, name: impl Into<Name>, value: impl Into<Value>) -> Self {
        self.insert(name, value);
        self
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The value of member `name`, mutably.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.members.iter_mut().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Removes member `name`, keeping the order of the others.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.members.iter().position(|(n, _)| *n == name)?;
        Some(self.members.remove(index).1)
    }

    /// How many members are set.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The member names, in order.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &'static str> + '_ {
        self.members.iter().map(|(name, _)| name.as_str())
    }

    /// The members, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, (Name, Value)> {
        self.members.iter()
    }

    /// The members, in order, with mutable values.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (Name, &mut Value)> {
        self.members.iter_mut().map(|(name, value)| (*name, value))
    }

    pub(super) fn members_mut(&mut self) -> &mut Vec<(Name, Value)> {
        &mut self.members
    }
}

impl IntoIterator for Structure {
    type Item = (Name, Value);
    type IntoIter = std::vec::IntoIter<(Name, Value)>;

    fn into_iter(mut self) -> Self::IntoIter {
        std::mem::take(&mut self.members).into_iter()
    }
}

impl<'a> IntoIterator for &'a Structure {
    type Item = &'a (Name, Value);
    type IntoIter = std::slice::Iter<'a, (Name, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

impl FromIterator<(Name, Value)> for Structure {
    fn from_iter<I: IntoIterator<Item = (Name, Value)>>(iter: I) -> Self {
        Self { members: iter.into_iter().collect() }
    }
}

impl PartialEq for Structure {
    /// Exact: the same members with equal values in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|((n1, v1), (n2, v2))| n1 == n2 && v1 == v2)
    }
}

impl Clone for Structure {
    fn clone(&self) -> Self {
        self.members.iter().map(|(name, value)| (*name, value.clone())).collect()
    }
}

impl Drop for Structure {
    fn drop(&mut self) {
        teardown::members(&mut self.members);
    }
}

/// The members of the structures a decoder is reading, innermost last, each with its index in
/// the schema: one stack shared by every level, so that each structure is allocated once, at
/// its size, and in schema order whatever order the wire used.
#[derive(Default)]
pub(crate) struct MemberStack {
    members: Vec<(Name, Value)>,
    indexes: Vec<usize>,
}

impl MemberStack {
    /// Where the structure about to be read starts.
    pub(crate) fn base(&self) -> usize {
        self.members.len()
    }

    pub(crate) fn push(&mut self, index: usize, name: Name, value: Value) {
        self.members.push((name, value));
        self.indexes.push(index);
    }

    /// Where member `index` of the structure that starts at `base` is, if it was pushed.
    pub(crate) fn position(&self, base: usize, index: usize) -> Option<usize> {
        self.indexes[base..].iter().position(|&i| i == index).map(|at| base + at)
    }

    pub(crate) fn value_mut(&mut self, at: usize) -> &mut Value {
        &mut self.members[at].1
    }

    /// The structure of the members from `base` on, which leave the stack.
    pub(crate) fn finish(&mut self, base: usize) -> Structure {
        if self.indexes[base..].is_sorted() {
            self.indexes.truncate(base);
            return self.members.drain(base..).collect();
        }
        let mut tagged: Vec<(usize, (Name, Value))> =
            self.indexes.drain(base..).zip(self.members.drain(base..)).collect();
        tagged.sort_by_key(|(index, _)| *index);
        tagged.into_iter().map(|(_, member)| member).collect()
    }
}
