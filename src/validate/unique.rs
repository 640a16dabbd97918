//! `@uniqueItems`: whether a list holds two equal items, in linear time whatever the list
//! holds. Items are bucketed by a fingerprint that equal items share (structures and maps
//! hashed without regard to order, as [`Value::equivalent`] compares them), and only items of
//! one bucket are compared.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::value::{List, Value};

/// Whether no two items of `items` are equivalent.
pub(super) fn all_unique(items: &List) -> bool {
    let mut buckets: HashMap<u64, Vec<&Value>> = HashMap::with_capacity(items.len());
    for item in items.iter() {
        let bucket = buckets.entry(fingerprint(item)).or_default();
        if bucket.iter().any(|seen| seen.equivalent(item)) {
            return false;
        }
        bucket.push(item);
    }
    true
}

/// A hash that equivalent values share. Nesting is bounded by validation's depth check
/// before this runs on a list.
fn fingerprint(value: &Value) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::mem::discriminant(value).hash(&mut hasher);
    match value {
        Value::Structure(structure) => {
            unordered(structure.iter().map(|(name, value)| (name.as_str(), fingerprint(value)))).hash(&mut hasher);
        }
        Value::Map(entries) => {
            unordered(entries.iter().map(|(key, value)| (key.as_str(), fingerprint(value)))).hash(&mut hasher);
        }
        Value::Union(union) => {
            union.name().hash(&mut hasher);
            union.value().map(fingerprint).hash(&mut hasher);
        }
        Value::List(items) => items.iter().for_each(|item| fingerprint(item).hash(&mut hasher)),
        Value::Document(document) => fingerprint(document).hash(&mut hasher),
        // NaN is equivalent to NaN: one hash for every NaN.
        Value::Float(f) => (if f.is_nan() { f32::NAN } else { *f }).to_bits().hash(&mut hasher),
        Value::Double(d) => (if d.is_nan() { f64::NAN } else { *d }).to_bits().hash(&mut hasher),
        Value::Timestamp(t) => (t.secs(), t.nanos()).hash(&mut hasher),
        Value::String(text) | Value::BigInteger(text) | Value::BigDecimal(text) => text.hash(&mut hasher),
        Value::Enum(text) => text.hash(&mut hasher),
        Value::Blob(blob) => blob.as_bytes().hash(&mut hasher),
        Value::Boolean(b) => b.hash(&mut hasher),
        other => other.as_i64().hash(&mut hasher),
    }
    hasher.finish()
}

/// A hash of entries that does not depend on their order.
fn unordered<'a>(entries: impl Iterator<Item = (&'a str, u64)>) -> u64 {
    entries.fold(0, |sum, (name, value)| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (name, value).hash(&mut hasher);
        sum.wrapping_add(hasher.finish())
    })
}
