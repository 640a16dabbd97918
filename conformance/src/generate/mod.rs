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

mod message;

pub(crate) use self::message::is_framing;

use std::borrow::Cow;

use awsval::schema::{EnumLiteral, MemberRef, ShapeRef, ShapeType};
use awsval::{Blob, Document, List, Map, Structure, Timestamp, TimestampFormat, Union, Value};

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
    /// Whether values must survive a query form (awsQuery and ec2Query requests): what XML
    /// cannot carry, and no empty structures or maps, nor ec2's empty lists (a form leaves
    /// them out).
    pub form_safe: bool,
    /// Whether timestamps are whole milliseconds: CBOR carries epoch seconds as a double,
    /// which holds no finer fraction across years 0000–9999.
    pub whole_millis: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_depth: 4, max_items: 3, xml_safe: false, form_safe: false, whole_millis: false }
    }
}

/// Which message of an exchange a value is made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    /// A request (an operation's input).
    Request,
    /// A response (an output or an error).
    Response,
}

/// A deterministic source of values (xorshift), seeded.
pub struct Generator {
    state: u64,
    limits: Limits,
    /// Whether the timestamp being made travels as http-date.
    whole_seconds: bool,
    /// The URI pattern of the operation whose input is being made (its greedy labels may
    /// hold slashes).
    uri: String,
    /// Whether the timestamp being made travels in an event header (whole milliseconds).
    event_header: bool,
}

impl Generator {
    /// A generator; the same seed makes the same values.
    pub fn new(seed: u64, limits: Limits) -> Self {
        Self {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            limits,
            whole_seconds: false,
            uri: String::new(),
            event_header: false,
        }
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

    /// A value of `shape` (an empty structure if none can be made, as for a union whose
    /// members all hold documents when values must survive XML).
    pub fn value(&mut self, shape: ShapeRef<'_>) -> Value {
        self.at(shape, 0, false).unwrap_or_else(|| Value::Structure(Structure::new()))
    }

    fn text(&mut self) -> String {
        const PIECES: [&str; 8] = ["a", "Zé", " ", "<&>", "\"q\"", "0", "😀", "line\nbreak"];
        (0..self.below(4)).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }

    /// How many items a collection gets: at least one when flattened for XML (XML cannot tell
    /// an empty flattened collection from an absent one) or in a form, none when too deep.
    fn count(&mut self, depth: usize, flattened: bool) -> usize {
        let min = usize::from((flattened && self.limits.xml_safe) || self.limits.form_safe);
        if depth >= self.limits.max_depth { min } else { min + self.below(self.limits.max_items + 1 - min) }
    }

    /// A value of `shape`, or `None` when none can be made here.
    fn at(&mut self, shape: ShapeRef<'_>, depth: usize, flattened: bool) -> Option<Value> {
        Some(match shape.shape_type() {
            ShapeType::Union if shape.traits().event_stream => self.events(shape, depth),
            ShapeType::Structure if self.limits.form_safe => {
                // A form leaves an empty structure out: none can be made when no member can.
                let structure = self.filled_structure(shape, depth);
                if structure.is_empty() && shape.members().next().is_some() {
                    return None;
                }
                Value::Structure(structure)
            }
            ShapeType::Structure => Value::Structure(self.structure(shape, depth)),
            ShapeType::Union => return self.union(shape, depth),
            ShapeType::List => {
                let member = shape.list_member()?;
                let count = self.count(depth, flattened);
                let sparse = shape.is_sparse() && !self.wire_bound();
                let mut items = List::new();
                for _ in 0..count {
                    items.push(if sparse && self.below(4) == 0 {
                        Value::Null
                    } else {
                        self.member(member, depth + 1)?
                    });
                }
                Value::List(items)
            }
            ShapeType::Map => {
                let (key, value) = (shape.map_key()?, shape.map_value()?);
                let count = self.count(depth, flattened);
                let mut map = Map::new();
                for index in 0..count {
                    let key = match self.at(key.target(), depth + 1, false) {
                        Some(Value::Enum(text)) => text.into_owned(),
                        Some(Value::String(text)) => format!("{text}{index}"),
                        _ => format!("k{index}"),
                    };
                    if map.get(&key).is_none() {
                        map.push(key, self.member(value, depth + 1)?);
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
            ShapeType::Float => Value::Float(self.pick(&[0.5, -1.25, f32::INFINITY, 1e10, f32::NAN, -0.0, f32::MAX])),
            ShapeType::Double => {
                Value::Double(self.pick(&[0.1, -2.5e300, f64::NEG_INFINITY, 3.0, f64::NAN, -0.0, 5e-324]))
            }
            ShapeType::BigInteger => Value::BigInteger(
                self.pick(&["-123456789012345678901234567890", "0", "18446744073709551616", "-9223372036854775809"])
                    .into(),
            ),
            ShapeType::BigDecimal => {
                Value::BigDecimal(self.pick(&["1.000000000000000000001", "-0.5", "1e400", "-123.456E-7", "42"]).into())
            }
            ShapeType::String => Value::String(self.text()),
            ShapeType::Blob => {
                Value::Blob(Blob::new((0..self.below(6)).map(|_| self.next() as u8).collect::<Vec<_>>()))
            }
            ShapeType::Timestamp => Value::Timestamp(self.timestamp()),
            ShapeType::Enum => match shape.enum_values().get(self.below(shape.enum_values().len())).map(|v| v.value) {
                Some(EnumLiteral::String(text)) => Value::Enum(Cow::Borrowed(text)),
                _ => Value::Enum(Cow::Owned("UNKNOWN_TO_THE_MODEL".into())),
            },
            ShapeType::IntEnum => match shape.enum_values().get(self.below(shape.enum_values().len())).map(|v| v.value)
            {
                Some(EnumLiteral::Int(n)) => Value::IntEnum(n),
                _ => Value::IntEnum(7),
            },
        })
    }

    /// The events of a stream: values of its members that are no errors (exceptions are not
    /// events), each event's payload always given (an absent one reads as empty).
    fn events(&mut self, shape: ShapeRef<'_>, depth: usize) -> Value {
        let members: Vec<MemberRef<'_>> = shape.members().filter(|m| m.target().error().is_none()).collect();
        let mut events = List::new();
        for _ in 0..self.count(depth, false).min(members.len() * 3) {
            let member = members[self.below(members.len())];
            let mut event = self.structure(member.target(), depth + 1);
            for payload in member.target().members().filter(|m| m.traits().event_payload) {
                if event.get(payload.name().as_str()).is_none() {
                    if let Some(value) = self.member(payload, depth + 2) {
                        event.push(payload.name(), value);
                    }
                }
            }
            events.push(Value::Union(Union::new(member.name(), Value::Structure(event))));
        }
        Value::List(events)
    }

    fn member(&mut self, member: MemberRef<'_>, depth: usize) -> Option<Value> {
        // http-date carries whole seconds only: a fraction could not come back; an event
        // header, whole milliseconds.
        self.whole_seconds = member.timestamp_format() == Some(TimestampFormat::HttpDate);
        self.event_header = member.traits().event_header;
        self.at(member.target(), depth, member.traits().xml_flattened)
    }

    /// One of `choices`.
    fn pick<T: Copy>(&mut self, choices: &[T]) -> T {
        choices[self.below(choices.len())]
    }

    /// A timestamp anywhere in years 0000–9999, before 1970 too, with a fraction (of any
    /// length, or whole milliseconds) unless whole seconds or milliseconds are asked for.
    fn timestamp(&mut self) -> Timestamp {
        const FIRST: i64 = -62_167_219_200;
        const LAST: i64 = 253_402_300_799;
        let secs = match self.below(3) {
            0 => (self.next() % 4_000_000_000) as i64,
            1 => -((self.next() % 2_000_000_000) as i64),
            _ => FIRST + (self.next() % (LAST - FIRST + 1) as u64) as i64,
        };
        let nanos = match self.below(3) {
            _ if self.whole_seconds => 0,
            0 => 0,
            1 => (self.next() % 1000) as u32 * 1_000_000,
            _ if self.limits.whole_millis || self.event_header => (self.next() % 1000) as u32 * 1_000_000,
            _ => (self.next() % 1_000_000_000) as u32,
        };
        Timestamp::new(secs, nanos).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// Members left out: what XML cannot carry.
    fn skip(&self, member: MemberRef<'_>) -> bool {
        self.wire_bound() && contains_document(member.target(), 0)
    }

    /// Whether values go into XML or a form, which carry no nulls and no documents.
    fn wire_bound(&self) -> bool {
        self.limits.xml_safe || self.limits.form_safe
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
            if !wanted || self.skip(member) || (aggregate && depth >= self.limits.max_depth) || shared(member) {
                continue;
            }
            if let Some(value) = self.member(member, depth + 1) {
                structure.push(member.name(), value);
            }
        }
        structure
    }

    /// A structure with a member, when one can be made (a scalar first, so that recursive
    /// shapes end): a form leaves an empty structure out, and an empty payload reads as absent.
    fn filled_structure(&mut self, shape: ShapeRef<'_>, depth: usize) -> Structure {
        let mut structure = self.structure(shape, depth);
        if structure.is_empty() {
            let deep_enough = depth >= 2 * self.limits.max_depth;
            let mut members: Vec<MemberRef<'_>> = shape.members().filter(|m| !self.skip(*m)).collect();
            members.sort_by_key(|m| m.target().shape_type().is_aggregate());
            for member in members {
                if deep_enough && member.target().shape_type().is_aggregate() {
                    break;
                }
                if let Some(value) = self.member(member, depth + 1) {
                    structure.push(member.name(), value);
                    break;
                }
            }
        }
        structure
    }

    /// One member of the union, shallow ones only once too deep; `None` if none can be made.
    fn union(&mut self, shape: ShapeRef<'_>, depth: usize) -> Option<Value> {
        let usable: Vec<MemberRef<'_>> = shape.members().filter(|m| !self.skip(*m)).collect();
        let shallow: Vec<MemberRef<'_>> =
            usable.iter().copied().filter(|m| !m.target().shape_type().is_aggregate()).collect();
        let members = if depth >= self.limits.max_depth && !shallow.is_empty() { shallow } else { usable };
        let start = self.below(members.len());
        // Try each member from a random start: a member may have no value to give here.
        (0..members.len()).find_map(|offset| {
            let member = members[(start + offset) % members.len()];
            let value = self.member(member, depth + 1)?;
            Some(Value::Union(Union::new(member.name(), value)))
        })
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
