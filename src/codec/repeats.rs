//! Catching what a document repeats: a structure member or a map key given twice is an error
//! in every decoder, and finding one must stay linear however large the input.

use std::collections::HashSet;

use crate::value::Value;

/// Finds repeated keys: a scan while a map is small, a hash set once it is not.
///
/// The keys come off the wire, so the set hashes them with the standard library's keyed
/// SipHash: a document cannot choose keys that collide. A key whose entry is dropped (a null in
/// a dense map) may not repeat either, and is remembered here, since the map never holds it.
#[derive(Default)]
pub(crate) struct KeySet {
    large: Option<HashSet<String>>,
    dropped: Vec<String>,
}

/// Up to this many keys a scan beats hashing.
const SCAN_LIMIT: usize = 16;

impl KeySet {
    /// Records `key`, whose entry is about to join `kept` (the entries so far); false when a
    /// kept or dropped entry already had it.
    pub(crate) fn insert(&mut self, key: &str, kept: &[(String, Value)]) -> bool {
        self.record(key, kept, false)
    }

    /// Records `key`, whose entry is dropped; false when a kept or dropped entry already had it.
    pub(crate) fn insert_dropped(&mut self, key: &str, kept: &[(String, Value)]) -> bool {
        self.record(key, kept, true)
    }

    fn record(&mut self, key: &str, kept: &[(String, Value)], dropped: bool) -> bool {
        if let Some(large) = &mut self.large {
            return large.insert(key.to_owned());
        }
        if kept.iter().any(|(k, _)| k == key) || self.dropped.iter().any(|k| k == key) {
            return false;
        }
        if dropped {
            self.dropped.push(key.to_owned());
        }
        if kept.len() + self.dropped.len() >= SCAN_LIMIT {
            let mut large: HashSet<String> = kept.iter().map(|(k, _)| k.clone()).collect();
            large.extend(std::mem::take(&mut self.dropped));
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
