//! The one member of a union value.

use super::{Name, Value, teardown};

/// The member of a [`Value::Union`]: a known member and its value, or the name of a member
/// this build's schema does not know (kept, not an error, so newer services stay readable).
///
/// ```
/// use awsval::{Name, Union, Value};
///
/// let known = Union::new(Name::new("S"), "text");
/// assert_eq!((known.name(), known.value()), ("S", Some(&Value::from("text"))));
/// let unknown = Union::unknown("SomethingNew");
/// assert!(unknown.is_unknown());
/// assert_eq!(unknown.name(), "SomethingNew");
/// ```
pub struct Union(Box<Member>);

enum Member {
    Known(Name, Value),
    Unknown(String),
}

impl Union {
    /// The union set to member `name`.
    pub fn new(name: impl Into<Name>, value: impl Into<Value>) -> Self {
        Self(Box::new(Member::Known(name.into(), value.into())))
    }

    /// A union set to a member unknown to the schema, by its wire name.
    pub fn unknown(name: impl Into<String>) -> Self {
        Self(Box::new(Member::Unknown(name.into())))
    }

    /// The member's name.
    pub fn name(&self) -> &str {
        match &*self.0 {
            Member::Known(name, _) => name,
            Member::Unknown(name) => name,
        }
    }

    /// The member's [`Name`], when the member is known.
    pub fn known_name(&self) -> Option<Name> {
        match &*self.0 {
            Member::Known(name, _) => Some(*name),
            Member::Unknown(_) => None,
        }
    }

    /// The member's value, when the member is known.
    pub fn value(&self) -> Option<&Value> {
        match &*self.0 {
            Member::Known(_, value) => Some(value),
            Member::Unknown(_) => None,
        }
    }

    /// The member's value, mutably, when the member is known.
    pub fn value_mut(&mut self) -> Option<&mut Value> {
        match &mut *self.0 {
            Member::Known(_, value) => Some(value),
            Member::Unknown(_) => None,
        }
    }

    /// Whether the member is unknown to the schema.
    pub fn is_unknown(&self) -> bool {
        matches!(&*self.0, Member::Unknown(_))
    }

    /// The known member's name and value, or the unknown member's name.
    pub fn into_parts(mut self) -> Result<(Name, Value), String> {
        match &mut *self.0 {
            Member::Known(name, value) => Ok((*name, value.take())),
            Member::Unknown(name) => Err(std::mem::take(name)),
        }
    }
}

impl PartialEq for Union {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name() && self.is_unknown() == other.is_unknown() && self.value() == other.value()
    }
}

impl Clone for Union {
    fn clone(&self) -> Self {
        match &*self.0 {
            Member::Known(name, value) => Self::new(*name, value.clone()),
            Member::Unknown(name) => Self::unknown(name.clone()),
        }
    }
}

impl Drop for Union {
    fn drop(&mut self) {
        if let Member::Known(_, value) = &mut *self.0 {
            teardown::value(value);
        }
    }
}
