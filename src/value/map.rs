//! The entries of a map value.

use super::{Value, teardown};

/// The entries of a [`Value::Map`]: string keys and values, in insertion order.
///
/// Lookup by key is a scan: a `Map` is built to be read through once, as a decoder fills it and
/// an encoder drains it. Collect it into a `HashMap` for many lookups.
///
/// ```
/// use awsval::{Map, Value};
///
/// let mut tags = Map::new().with("team", "data");
/// tags.insert("env", "prod");
/// assert_eq!(tags.get("env").and_then(Value::as_str), Some("prod"));
/// assert_eq!(tags.keys().collect::<Vec<_>>(), ["team", "env"]);
/// ```
#[derive(Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty map.
    pub const fn new() -> Self {
        Self { entries: Vec::new() }
    }

    /// An empty map with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { entries: Vec::with_capacity(capacity) }
    }

    /// Appends an entry without looking for an earlier one with the same key.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        self.entries.push((key.into(), value.into()));
    }

    /// Sets `key`, replacing its value if present (in place); returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let key = key.into();
        let value = value.into();
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// [`Map::insert`], by value, for building in one expression.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(key, value);
        self
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let index = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(index).1)
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(key, _)| key.as_str())
    }

    /// The entries, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, (String, Value)> {
        self.entries.iter()
    }

    /// The entries, in order, with mutable values.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut Value)> {
        self.entries.iter_mut().map(|(key, value)| (key.as_str(), value))
    }

    pub(super) fn entries_mut(&mut self) -> &mut Vec<(String, Value)> {
        &mut self.entries
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(mut self) -> Self::IntoIter {
        std::mem::take(&mut self.entries).into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = &'a (String, Value);
    type IntoIter = std::slice::Iter<'a, (String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        Self { entries: iter.into_iter().map(|(key, value)| (key.into(), value)).collect() }
    }
}

impl PartialEq for Map {
    /// Exact: the same entries in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|((k1, v1), (k2, v2))| k1 == k2 && v1 == v2)
    }
}

impl Clone for Map {
    fn clone(&self) -> Self {
        self.entries.iter().map(|(key, value)| (key.clone(), value.clone())).collect()
    }
}

impl Drop for Map {
    fn drop(&mut self) {
        teardown::entries(&mut self.entries);
    }
}
