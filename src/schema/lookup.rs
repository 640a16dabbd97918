//! Wire-name tables, built once per structure, union and enum when a model is finished.

use rustc_hash::FxHashMap;

use super::model::{MemberData, ShapeData};
use super::traits::EnumLiteral;

/// Member and enum-value indexes by the names and values that appear on the wire.
#[derive(Debug, Default)]
pub(super) struct Lookup {
    by_name: Table,
    /// Only when some member has a `jsonName`; otherwise `by_name` serves.
    by_json_name: Option<Table>,
    /// Only when some member has an `xmlName`; otherwise `by_name` serves.
    by_xml_name: Option<Table>,
    /// String enum values to their index.
    by_enum_value: Table,
    /// Whether some member is an XML attribute.
    xml_attributes: bool,
}

impl Lookup {
    pub(super) fn build(shape: &ShapeData) -> Self {
        // An intEnum's values stand as bytes that no text is, to keep the indexes in step.
        let enum_values = shape.traits.enum_values.iter().map(|value| match value.value {
            EnumLiteral::String(text) => text.as_bytes(),
            EnumLiteral::Int(_) => b"\xFF",
        });
        Self {
            by_name: Table::new(shape.members.iter().map(|m| m.name.as_bytes()), |_| 0),
            by_json_name: renamed_index(shape, |m| m.traits.json_name.as_deref()),
            by_xml_name: renamed_index(shape, |m| m.traits.xml_name.as_deref()),
            by_enum_value: Table::new(enum_values, |_| 0),
            xml_attributes: shape.members.iter().any(|m| m.traits.xml_attribute),
        }
    }

    pub(super) fn has_xml_attributes(&self) -> bool {
        self.xml_attributes
    }

    pub(super) fn name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.as_bytes())
    }

    pub(super) fn json_name(&self, name: &str) -> Option<usize> {
        self.json_keys(true).get(name.as_bytes())
    }

    /// The table of JSON keys: `jsonName`s when `json_name` (restJson1), else member names.
    pub(super) fn json_keys(&self, json_name: bool) -> &Table {
        if json_name { self.by_json_name.as_ref().unwrap_or(&self.by_name) } else { &self.by_name }
    }

    /// The table of XML element and attribute names.
    pub(super) fn xml_keys(&self) -> &Table {
        self.by_xml_name.as_ref().unwrap_or(&self.by_name)
    }

    pub(super) fn xml_name(&self, name: &str) -> Option<usize> {
        self.xml_keys().get(name.as_bytes())
    }

    pub(super) fn enum_value(&self, text: &str) -> Option<usize> {
        self.by_enum_value.get(text.as_bytes())
    }
}

/// A table by the renamed names, when at least one member is renamed. Where members share a
/// wire name, one in the body is the one found (API Gateway's `PutIntegration` has a URI label
/// `httpMethod` and a body member renamed `httpMethod`), and among those a flattened
/// collection (it can hold every element the name repeats in; S3's deprecated `Event` beside
/// its `Events`), else the first.
fn renamed_index<'s>(shape: &'s ShapeData, renamed: impl Fn(&'s MemberData) -> Option<&'s str>) -> Option<Table> {
    shape.members.iter().any(|m| renamed(m).is_some()).then(|| {
        let wire_name = |m: &'s MemberData| renamed(m).unwrap_or(m.name.as_str()).as_bytes();
        Table::new(shape.members.iter().map(wire_name), |index| {
            let traits = &shape.members[index].traits;
            2 * u8::from(traits.http.is_none()) + u8::from(traits.xml_flattened)
        })
    })
}

/// Names to member indexes. The name of the member expected next is tried first: members
/// mostly arrive in schema order, and one comparison beats any search. Otherwise a scan for a
/// few members (unions of one-letter tags, small structures), which beats hashing them; a hash
/// table for more.
///
/// When two members share a wire name (a model may rename one onto another), one of them is
/// the one found, whatever the table's size and whatever member is expected: the first of the
/// highest rank.
#[derive(Debug, Default)]
pub(super) struct Table {
    /// The names in member order.
    names: Box<[Box<[u8]>]>,
    /// Only beyond [`SCAN_LIMIT`] names.
    hash: Option<FxHashMap<Box<[u8]>, u32>>,
    /// Whether a name is there twice: then the expected member is no shortcut.
    repeats: bool,
}

/// Up to this many names a scan is the faster lookup.
const SCAN_LIMIT: usize = 8;

impl Table {
    fn new<'n>(names: impl ExactSizeIterator<Item = &'n [u8]>, rank: impl Fn(usize) -> u8) -> Self {
        let names: Box<[Box<[u8]>]> = names.map(Box::from).collect();
        let repeats = names.iter().enumerate().any(|(index, name)| names[..index].contains(name));
        // A repeated name is looked up in the hash, which holds the one member it finds.
        let hash = (names.len() > SCAN_LIMIT || repeats).then(|| {
            let mut found: FxHashMap<Box<[u8]>, u32> = FxHashMap::default();
            for (index, name) in names.iter().enumerate() {
                let slot = found.entry(name.clone()).or_insert(index as u32);
                if rank(index) > rank(*slot as usize) {
                    *slot = index as u32;
                }
            }
            found
        });
        Self { names, hash, repeats }
    }

    /// Whether two members share a name.
    pub(super) fn has_repeats(&self) -> bool {
        self.repeats
    }

    /// The index of `name`, trying member `expected` first.
    #[inline]
    pub(super) fn get_expecting(&self, name: &[u8], expected: usize) -> Option<usize> {
        if !self.repeats && self.names.get(expected).is_some_and(|n| same_bytes(n, name)) {
            return Some(expected);
        }
        self.get(name)
    }

    fn get(&self, name: &[u8]) -> Option<usize> {
        match &self.hash {
            None => self.names.iter().position(|n| same_bytes(n, name)),
            Some(table) => table.get(name).map(|&i| i as usize),
        }
    }
}

/// Byte equality in place, a word at a time: wire names are too short for a call to
/// `memcmp` to pay off. The last word overlaps the one before it rather than leaving a tail.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let word = |bytes: &[u8], at: usize| bytes.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok());
    (0..n - 8).step_by(8).all(|at| word(a, at) == word(b, at)) && word(a, n - 8) == word(b, n - 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_agrees_with_slice_equality_at_every_length_and_position() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..base.len() {
            let a = &base[..len];
            assert!(same_bytes(a, a));
            assert!(!same_bytes(a, &base[..len + 1]), "a prefix is not the name");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "a difference at byte {at} of {len} is seen");
            }
        }
    }

    #[test]
    fn lookups_find_each_name_whatever_member_is_expected() {
        for count in [0, 3, SCAN_LIMIT, SCAN_LIMIT + 1, 20] {
            let names: Vec<String> = (0..count).map(|i| format!("Member{i}")).collect();
            let table = Table::new(names.iter().map(String::as_bytes), |_| 0);
            for (index, name) in names.iter().enumerate() {
                for expected in [0, index, index + 1, count, usize::MAX] {
                    assert_eq!(table.get_expecting(name.as_bytes(), expected), Some(index), "{name} ({expected})");
                }
            }
            assert_eq!(table.get_expecting(b"Member", 0), None);
            assert_eq!(table.get_expecting(b"\xFF", count), None);
        }
    }

    #[test]
    fn a_repeated_name_finds_its_first_member_whatever_the_size_or_expectation() {
        for count in [3, 4, SCAN_LIMIT, SCAN_LIMIT + 1, 20] {
            // The last member repeats the first one's name, the one before it the second's.
            let mut names: Vec<String> = (0..count).map(|i| format!("Member{i}")).collect();
            names[count - 1] = names[0].clone();
            names[count - 2] = names[1].clone();
            let table = Table::new(names.iter().map(String::as_bytes), |_| 0);
            for expected in 0..=count {
                assert_eq!(table.get_expecting(b"Member0", expected), Some(0), "{count} members ({expected})");
                assert_eq!(table.get_expecting(b"Member1", expected), Some(1), "{count} members ({expected})");
            }
            // A preferred holder of the name wins over the first.
            let table = Table::new(names.iter().map(String::as_bytes), |index| u8::from(index == count - 1));
            for expected in 0..=count {
                assert_eq!(table.get_expecting(b"Member0", expected), Some(count - 1), "{count} members ({expected})");
                assert_eq!(table.get_expecting(b"Member1", expected), Some(1), "{count} members ({expected})");
            }
        }
    }
}
