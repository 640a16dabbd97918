//! Catching what a document repeats: a structure member or a map key given twice is an error
//! in every decoder, and finding one must stay linear however large the input.

use crate::value::Value;

/// Finds repeated keys: a scan while a map is small, a hash set once it is not.
#[derive(Default)]
pub(crate) struct KeySet {
    large: Option<rustc_hash::FxHashSet<String>>,
}

/// Up to this many entries a scan beats hashing.
const SCAN_LIMIT: usize = 16;

impl KeySet {
    /// Records `key`; false when `entries` (the map so far) already has it.
    pub(crate) fn insert(&mut self, key: &str, entries: &[(String, Value)]) -> bool {
        if let Some(large) = &mut self.large {
            return large.insert(key.to_owned());
        }
        if entries.iter().any(|(k, _)| k == key) {
            return false;
        }
        if entries.len() >= SCAN_LIMIT {
            let mut large: rustc_hash::FxHashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
            large.insert(key.to_owned());
            self.large = Some(large);
        }
        true
    }
}

/// Which members of a structure have been read: a bit mask, or a vector for large structures.
pub(crate) enum Seen {
    Mask(u64),
    Flags(Vec<bool>),
}

impl Seen {
    pub(crate) fn new(members: usize) -> Self {
        if members <= 64 { Self::Mask(0) } else { Self::Flags(vec![false; members]) }
    }

    /// Marks member `index`; false when it was already marked.
    pub(crate) fn insert(&mut self, index: usize) -> bool {
        match self {
            Self::Mask(mask) => {
                let bit = 1u64 << index;
                let fresh = *mask & bit == 0;
                *mask |= bit;
                fresh
            }
            Self::Flags(flags) => !std::mem::replace(&mut flags[index], true),
        }
    }
}
