//! Values made up to fit a schema: for round-trip tests over whole models.
//!
//! ```
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval_conformance::generate::{Generator, Limits};
//!
//! let mut builder = ModelBuilder::new();
//! let string = builder.prelude(ShapeType::String);
//! let shape = builder.add("S", ShapeType::Structure).member("Name", string).id();
//! let model = builder.finish()?;
//! let value = Generator::new(7, Limits::default()).value(model.get(shape));
//! assert!(value.as_structure().is_some());
//! # Ok::<(), awsval::Error>(())
//! ```

use std::borrow::Cow;

use awsval::schema::{EnumLiteral, MemberRef, ShapeRef, ShapeType};
use awsval::{Blob, Document, List, Map, Structure, Timestamp, Union, Value};

/// What generated values may hold.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How deep aggregates nest before members are left out.
    pub max_depth: usize,
    /// The most items in a list or entries in a map.
    pub max_items: usize,
    /// Whether values must survive XML: no nulls in sparse collections, no documents, no empty
    /// flattened collections (XML cannot tell them from absent ones).
    pub xml_safe: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_depth: 4, max_items: 3, xml_safe: false }
    }
}

/// A deterministic source of values (xorshift), seeded.
pub struct Generator {
    state: u64,
    limits: Limits,
}

impl Generator {
    /// A generator; the same seed makes the same values.
    pub fn new(seed: u64, limits: Limits) -> Self {
        Self { state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, limits }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A value of `shape`.
    pub fn value(&mut self, shape: ShapeRef<'_>) -> Value {
        self.at(shape, 0, false)
    }

    fn text(&mut self) -> String {
        const PIECES: [&str; 8] = ["a", "Zé", " ", "<&>", "\"q\"", "0", "😀", "line\nbreak"];
        (0..self.below(4)).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }

    fn at(&mut self, shape: ShapeRef<'_>, depth: usize, flattened: bool) -> Value {
        let deep = depth >= self.limits.max_depth;
        match shape.shape_type() {
            ShapeType::Structure => Value::Structure(self.structure(shape, depth)),
            ShapeType::Union => self.union(shape, depth),
            ShapeType::List => {
                let Some(member) = shape.list_member() else { return Value::List(List::new()) };
                let min = usize::from(flattened && self.limits.xml_safe);
                let count = if deep { min } else { min + self.below(self.limits.max_items + 1 - min) };
                let sparse = shape.is_sparse() && !self.limits.xml_safe;
                Value::List(
                    (0..count)
                        .map(
                            |_| if sparse && self.below(4) == 0 { Value::Null } else { self.member(member, depth + 1) },
                        )
                        .collect(),
                )
            }
            ShapeType::Map => {
                let (Some(key), Some(value)) = (shape.map_key(), shape.map_value()) else {
                    return Value::Map(Map::new());
                };
                let min = usize::from(flattened && self.limits.xml_safe);
                let count = if deep { min } else { min + self.below(self.limits.max_items + 1 - min) };
                let mut map = Map::new();
                for index in 0..count {
                    let key = match self.at(key.target(), depth + 1, false) {
                        Value::Enum(text) => text.into_owned(),
                        Value::String(text) => format!("{text}{index}"),
                        _ => format!("k{index}"),
                    };
                    if map.get(&key).is_none() {
                        let item = self.member(value, depth + 1);
                        map.push(key, item);
                    }
                }
                Value::Map(map)
            }
            ShapeType::Document => Value::Document(Document::new(
                Map::new().with("k", Value::List(vec![Value::Long(1), Value::from("v")].into())),
            )),
            ShapeType::Boolean => Value::Boolean(self.below(2) == 0),
            ShapeType::Byte => Value::Byte(self.next() as i8),
            ShapeType::Short => Value::Short(self.next() as i16),
            ShapeType::Integer => Value::Integer(self.next() as i32),
            ShapeType::Long => Value::Long(self.next() as i64),
            ShapeType::Float => Value::Float([0.5, -1.25, f32::INFINITY, 1e10][self.below(4)]),
            ShapeType::Double => Value::Double([0.1, -2.5e300, f64::NEG_INFINITY, 3.0][self.below(4)]),
            ShapeType::BigInteger => Value::BigInteger("-123456789012345678901234567890".into()),
            ShapeType::BigDecimal => Value::BigDecimal("1.000000000000000000001".into()),
            ShapeType::String => Value::String(self.text()),
            ShapeType::Blob => {
                Value::Blob(Blob::new((0..self.below(6)).map(|_| self.next() as u8).collect::<Vec<_>>()))
            }
            ShapeType::Timestamp => Value::Timestamp(
                Timestamp::from_secs((self.next() % 4_000_000_000) as i64).unwrap_or(Timestamp::UNIX_EPOCH),
            ),
            ShapeType::Enum => match shape.enum_values().get(self.below(shape.enum_values().len())).map(|v| v.value) {
                Some(EnumLiteral::String(text)) => Value::Enum(Cow::Borrowed(text)),
                _ => Value::Enum(Cow::Owned("UNKNOWN_TO_THE_MODEL".into())),
            },
            ShapeType::IntEnum => match shape.enum_values().get(self.below(shape.enum_values().len())).map(|v| v.value)
            {
                Some(EnumLiteral::Int(n)) => Value::IntEnum(n),
                _ => Value::IntEnum(7),
            },
        }
    }

    fn member(&mut self, member: MemberRef<'_>, depth: usize) -> Value {
        self.at(member.target(), depth, member.traits().xml_flattened)
    }

    /// Members left out: what XML cannot carry, and unions with nothing to choose.
    fn skip(&self, member: MemberRef<'_>) -> bool {
        let target = member.target();
        let unusable = |m: MemberRef<'_>| self.limits.xml_safe && contains_document(m.target(), 0);
        unusable(member) || (target.shape_type() == ShapeType::Union && target.members().all(unusable))
    }

    fn structure(&mut self, shape: ShapeRef<'_>, depth: usize) -> Structure {
        let mut structure = Structure::new();
        // Some models give two members one wire name (S3's deprecated notification
        // configuration: `Event` and the flattened `Events`); no format can tell them apart,
        // so neither is set.
        let shared = |member: MemberRef<'_>| {
            shape
                .members()
                .filter(|m| m.index() != member.index())
                .any(|m| m.xml_name() == member.xml_name() || m.json_name() == member.json_name())
        };
        for member in shape.members() {
            let aggregate = member.target().shape_type().is_aggregate();
            let wanted = member.is_required() || self.below(3) > 0;
            if !wanted || self.skip(member) || (aggregate && depth >= self.limits.max_depth) {
                continue;
            }
            if shared(member) {
                continue;
            }
            structure.push(member.name(), self.member(member, depth + 1));
        }
        structure
    }

    fn union(&mut self, shape: ShapeRef<'_>, depth: usize) -> Value {
        let members: Vec<MemberRef<'_>> = shape.members().filter(|m| !self.skip(*m)).collect();
        let shallow: Vec<MemberRef<'_>> =
            members.iter().copied().filter(|m| !m.target().shape_type().is_aggregate()).collect();
        let members = if depth >= self.limits.max_depth && !shallow.is_empty() { shallow } else { members };
        match members.get(self.below(members.len())) {
            Some(&member) => Value::Union(Union::new(member.name(), self.member(member, depth + 1))),
            None => Value::Union(Union::unknown("Unknown")),
        }
    }
}

/// Whether a value of `shape` can hold a document (which XML cannot carry).
fn contains_document(shape: ShapeRef<'_>, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    match shape.shape_type() {
        ShapeType::Document => true,
        ShapeType::List | ShapeType::Map => shape.members().any(|m| contains_document(m.target(), depth + 1)),
        _ => false,
    }
}
