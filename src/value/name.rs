//! Member names: interned, eight bytes, and aware of `@sensitive`.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{LazyLock, Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap;

/// The name of a structure or union member inside a [`Value`](crate::Value).
///
/// Names come from schemas, so a process sees a bounded set of them: each distinct name is
/// stored once for the life of the process and a `Name` is a pointer to it. A value tree then
/// costs no allocation per member name, and cloning a name is a copy.
///
/// A name also records whether its member is `@sensitive` (on the member, or on the shape it
/// targets): `Debug` of a [`Value`](crate::Value) redacts such members. Two names with the same
/// text are equal whatever their sensitivity.
///
/// Names never come from the wire: an unknown union member read off the wire is kept as a
/// `String`, so hostile input cannot grow the set.
///
/// ```
/// use awsval::Name;
///
/// let name = Name::new("Arn");
/// assert_eq!(name, "Arn");
/// assert_eq!(name.as_str(), "Arn");
/// assert!(!name.is_sensitive());
/// assert!(Name::sensitive("Password").is_sensitive());
/// ```
#[derive(Clone, Copy)]
pub struct Name(&'static Entry);

struct Entry {
    text: &'static str,
    sensitive: bool,
    /// The name as the JSON codec writes it as an object key, made the first time it does.
    json_key: OnceLock<Box<[u8]>>,
}

/// One table per sensitivity, so that a lookup borrows the text without building a key.
type Tables = [FxHashMap<&'static str, Name>; 2];

static INTERNED: LazyLock<Mutex<Tables>> = LazyLock::new(Mutex::default);

impl Name {
    /// The name `text` of a member that is not sensitive.
    pub fn new(text: &str) -> Self {
        Self::intern(text, false)
    }

    /// The name `text` of a `@sensitive` member.
    pub fn sensitive(text: &str) -> Self {
        Self::intern(text, true)
    }

    /// The name `text`, sensitive or not.
    pub fn intern(text: &str, sensitive: bool) -> Self {
        let mut tables = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
        let table = &mut tables[usize::from(sensitive)];
        if let Some(name) = table.get(text) {
            return *name;
        }
        let text: &'static str = Box::leak(text.into());
        let name = Self(Box::leak(Box::new(Entry { text, sensitive, json_key: OnceLock::new() })));
        table.insert(text, name);
        name
    }

    /// The text of the name, for the life of the process.
    pub fn as_str(self) -> &'static str {
        self.0.text
    }

    /// Whether the member is `@sensitive`.
    pub fn is_sensitive(self) -> bool {
        self.0.sensitive
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.text
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.0.text
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.0.text
    }
}

impl Name {
    /// Whether both are the very same interned name (text and sensitivity): one comparison.
    pub(crate) fn same(self, other: Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }

    /// The name as a JSON object key, as `make` spells it from the text: made once for the
    /// life of the process, as the name itself is, since names are few and written often.
    pub(crate) fn json_key(self, make: impl FnOnce(&str) -> Vec<u8>) -> &'static [u8] {
        self.0.json_key.get_or_init(|| make(self.0.text).into_boxed_slice())
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0.text, other.0.text) || self.0.text == other.0.text
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0.text == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0.text == *other
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.text.cmp(other.0.text)
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.text.hash(state);
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.text)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.text, f)
    }
}
