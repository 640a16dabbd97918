//! Wire-name tables, built once per structure, union and enum when a model is finished.

use rustc_hash::FxHashMap;

use super::model::{MemberData, ShapeData};
use super::traits::EnumLiteral;

/// Member and enum-value indexes by the names that appear on the wire.
#[derive(Debug, Default)]
pub(super) struct Lookup {
    by_name: Table,
    /// Only when some member has a `jsonName`; otherwise `by_name` serves.
    by_json_name: Option<Table>,
    /// Only when some member has an `xmlName`; otherwise `by_name` serves.
    by_xml_name: Option<Table>,
    /// String enum values to their index.
    by_enum_value: FxHashMap<&'static str, u32>,
}

impl Lookup {
    pub(super) fn build(shape: &ShapeData) -> Self {
        Self {
            by_name: Table::new(shape.members.iter().map(|m| m.name.as_str())),
            by_json_name: renamed_index(shape, |m| m.traits.json_name.as_deref()),
            by_xml_name: renamed_index(shape, |m| m.traits.xml_name.as_deref()),
            by_enum_value: shape
                .traits
                .enum_values
                .iter()
                .enumerate()
                .filter_map(|(i, value)| match value.value {
                    EnumLiteral::String(text) => Some((text, i as u32)),
                    EnumLiteral::Int(_) => None,
                })
                .collect(),
        }
    }

    pub(super) fn name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.as_bytes())
    }

    pub(super) fn json_name(&self, name: &str) -> Option<usize> {
        self.json_key(name.as_bytes())
    }

    /// [`Lookup::json_name`] of bytes that may not even be UTF-8 (a key straight off the
    /// wire: only a match says it is text).
    pub(super) fn json_key(&self, name: &[u8]) -> Option<usize> {
        self.by_json_name.as_ref().unwrap_or(&self.by_name).get(name)
    }

    pub(super) fn xml_key(&self, name: &[u8]) -> Option<usize> {
        self.by_xml_name.as_ref().unwrap_or(&self.by_name).get(name)
    }

    pub(super) fn name_key(&self, name: &[u8]) -> Option<usize> {
        self.by_name.get(name)
    }

    pub(super) fn xml_name(&self, name: &str) -> Option<usize> {
        self.by_xml_name.as_ref().unwrap_or(&self.by_name).get(name.as_bytes())
    }

    pub(super) fn enum_value(&self, text: &str) -> Option<usize> {
        self.by_enum_value.get(text).map(|&i| i as usize)
    }
}

/// A table by the renamed names, when at least one member is renamed.
fn renamed_index<'s>(shape: &'s ShapeData, renamed: impl Fn(&'s MemberData) -> Option<&'s str>) -> Option<Table> {
    shape.members.iter().any(|m| renamed(m).is_some()).then(|| {
        let wire_name = |m: &'s MemberData| renamed(m).unwrap_or(m.name.as_str());
        Table::new(shape.members.iter().map(wire_name))
    })
}

/// Names to member indexes: a scan for a few members (unions of one-letter tags, small
/// structures), which beats hashing them; a hash table for more.
#[derive(Debug)]
enum Table {
    Scan(Box<[Box<[u8]>]>),
    Hash(FxHashMap<Box<[u8]>, u32>),
}

/// Up to this many names a scan is the faster lookup.
const SCAN_LIMIT: usize = 8;

impl Table {
    fn new<'n>(names: impl ExactSizeIterator<Item = &'n str>) -> Self {
        if names.len() <= SCAN_LIMIT {
            Self::Scan(names.map(|name| Box::from(name.as_bytes())).collect())
        } else {
            Self::Hash(names.enumerate().map(|(i, name)| (Box::from(name.as_bytes()), i as u32)).collect())
        }
    }

    fn get(&self, name: &[u8]) -> Option<usize> {
        match self {
            Self::Scan(names) => names.iter().position(|n| same_bytes(n, name)),
            Self::Hash(table) => table.get(name).map(|&i| i as usize),
        }
    }
}

/// Byte equality, eight bytes at a time and in place: wire names are too short for a call
/// to `memcmp` to pay off.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |chunk: &[u8]| <[u8; 8]>::try_from(chunk).map(u64::from_ne_bytes).unwrap_or_default();
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails_match = a_words.remainder().iter().zip(b_words.remainder()).all(|(x, y)| x == y);
    tails_match && a_words.zip(b_words).all(|(x, y)| word(x) == word(y))
}

impl Default for Table {
    fn default() -> Self {
        Self::Scan(Box::default())
    }
}
