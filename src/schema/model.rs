//! The finished, immutable model and the handles codecs walk it with.

use std::fmt;

use rustc_hash::FxHashMap;

use super::lookup::{Lookup, Table};
use super::pattern::{self, CompiledPattern};
use super::service::{Operation, Service};
use super::shape_type::ShapeType;
use super::traits::{EnumLiteral, EnumMember, ErrorTrait, HttpBinding, MemberTraits, ShapeTraits};
use crate::error::{Error, Result};
use crate::timestamp::TimestampFormat;
use crate::value::{Name, Structure, Union, Value};

/// The index of a shape in its [`Model`] (or in the [`ModelBuilder`](super::ModelBuilder)
/// that is building it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId(pub(super) u32);

impl ShapeId {
    /// The position of the shape in its model.
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug)]
pub(super) struct ShapeData {
    pub(super) name: Box<str>,
    pub(super) shape_type: ShapeType,
    pub(super) members: Vec<MemberData>,
    pub(super) traits: ShapeTraits,
    pub(super) lookup: Lookup,
    /// `traits.pattern`, compiled on first use.
    pub(super) pattern: CompiledPattern,
}

#[derive(Debug)]
pub(super) struct MemberData {
    pub(super) name: Name,
    pub(super) target: ShapeId,
    pub(super) traits: MemberTraits,
    /// The member's `@timestampFormat`, else its target's: resolved when the model is
    /// finished, since every typed read and write of a member asks for it.
    pub(super) timestamp_format: Option<TimestampFormat>,
}

/// A member's name in one body format.
type WireName = fn(MemberRef<'_>) -> &str;

/// Members of one structure that share a name on the wire: see
/// [`Model::wire_name_collisions`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WireNameCollision {
    /// The structure or union.
    pub shape: String,
    /// The name they share.
    pub wire_name: String,
    /// The members, in member order.
    pub members: Vec<String>,
    /// The body format where they collide: `JSON` (restJson1's `jsonName`s) or `XML`.
    pub format: &'static str,
    /// The member that decoders give the name to.
    pub read: String,
}

impl fmt::Display for WireNameCollision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: members {} are both `{}` in {} ({} is read)",
            self.shape,
            self.members.join(" and "),
            self.wire_name,
            self.format,
            self.read
        )
    }
}

/// A shape's `@pattern` that the regular expression engine cannot compile: see
/// [`Model::pattern_errors`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PatternError {
    /// The shape.
    pub shape: String,
    /// Its pattern.
    pub pattern: String,
    /// Why the engine refuses it.
    pub reason: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the pattern {:?} cannot be checked: {}", self.shape, self.pattern, self.reason)
    }
}

impl std::error::Error for PatternError {}

/// A finished set of shapes: validated, with sensitivity resolved and lookup tables built.
///
/// Build one with [`ModelBuilder`](super::ModelBuilder), load one from a model file, or ask a
/// derived type for its own.
pub struct Model {
    pub(super) shapes: Vec<ShapeData>,
    pub(super) by_name: FxHashMap<Box<str>, ShapeId>,
    pub(super) service: Service,
    pub(super) operations: Vec<Operation>,
}

impl Model {
    /// The `@pattern`s that cannot be checked, each with the engine's reason. Patterns compile
    /// on first use (a model loads without compiling its thousands); this compiles every one
    /// now, so a loader or a server can report at start-up what validation will not check.
    /// `validate` passes over these patterns rather than refusing every value.
    ///
    /// ```
    /// use awsval::schema::{ModelBuilder, ShapeType};
    ///
    /// let mut builder = ModelBuilder::new();
    /// builder.add("Tag", ShapeType::String).traits_mut().pattern = Some("^(?!aws:).+$".into());
    /// builder.add("Odd", ShapeType::String).traits_mut().pattern = Some("\\p{NoSuchClass}".into());
    /// let model = builder.finish()?;
    /// let errors = model.pattern_errors();
    /// assert_eq!(errors.len(), 1, "look-ahead is matched; an unknown class is not");
    /// assert_eq!(errors[0].shape, "Odd");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn pattern_errors(&self) -> Vec<PatternError> {
        self.shapes()
            .filter_map(|shape| {
                let source = shape.traits().pattern.as_deref()?;
                let reason = shape.data().pattern.get(source).err()?;
                Some(PatternError {
                    shape: shape.name().to_owned(),
                    pattern: source.to_owned(),
                    reason: reason.to_owned(),
                })
            })
            .collect()
    }

    /// The shape named `name` (the first one, if a builder declared the name twice).
    pub fn shape(&self, name: &str) -> Option<ShapeRef<'_>> {
        self.by_name.get(name).map(|&id| self.get(id))
    }

    /// The shape `id`.
    ///
    /// # Panics
    /// If `id` comes from another model and is out of this one's range.
    pub fn get(&self, id: ShapeId) -> ShapeRef<'_> {
        assert!(id.index() < self.shapes.len(), "ShapeId {} is not in this model", id.0);
        ShapeRef { model: self, id }
    }

    /// Every shape, in declaration order.
    pub fn shapes(&self) -> impl ExactSizeIterator<Item = ShapeRef<'_>> {
        (0..self.shapes.len() as u32).map(|i| ShapeRef { model: self, id: ShapeId(i) })
    }

    /// What the service declares about itself (empty for a model of types alone).
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// The operation named `name`.
    pub fn operation(&self, name: &str) -> Option<OperationRef<'_>> {
        self.operations().find(|operation| &*operation.data.name == name)
    }

    /// Every operation, in model order.
    pub fn operations(&self) -> impl ExactSizeIterator<Item = OperationRef<'_>> {
        self.operations.iter().map(|data| OperationRef { model: self, data })
    }

    /// Every error shape of the model (structures with `@error`): where a service's errors
    /// are matched when an operation's own list does not name the code.
    pub fn error_shapes(&self) -> impl Iterator<Item = ShapeRef<'_>> {
        self.shapes().filter(|shape| shape.error().is_some())
    }

    /// Members of one structure or union that share a name on the wire, in either body format
    /// (S3's deprecated `Event` beside its flattened `Events`: both `<Event>`). No format can
    /// tell them apart: decoders give the name to one of them (the flattened collection, else
    /// the first), and encoders refuse a value that sets more than one.
    ///
    /// ```
    /// use awsval::model::botocore;
    ///
    /// let model = botocore::load(br#"{"metadata": {"protocol": "rest-xml"}, "operations": {}, "shapes": {
    ///   "Topic": {"type": "structure", "members": {"Event": {"shape": "S"},
    ///             "Events": {"shape": "Events", "locationName": "Event"}}},
    ///   "Events": {"type": "list", "member": {"shape": "S"}, "flattened": true}, "S": {"type": "string"}}}"#)?;
    /// let collisions = model.wire_name_collisions();
    /// assert_eq!(collisions.len(), 2);
    /// assert_eq!(collisions[1].to_string(), "Topic: members Event and Events are both `Event` in XML (Events is read)");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn wire_name_collisions(&self) -> Vec<WireNameCollision> {
        fn json(member: MemberRef<'_>) -> &str {
            member.json_name()
        }
        fn xml(member: MemberRef<'_>) -> &str {
            member.xml_name()
        }
        let mut out = Vec::new();
        for shape in self.shapes().filter(|s| matches!(s.shape_type(), ShapeType::Structure | ShapeType::Union)) {
            let formats: [(&str, MemberKeys<'_>, WireName); 2] =
                [("JSON", shape.json_keys(true), json), ("XML", shape.xml_keys(), xml)];
            for (format, keys, wire_name) in formats {
                if !keys.table.has_repeats() {
                    continue;
                }
                let mut seen: Vec<&str> = Vec::new();
                for member in shape.members() {
                    let name = wire_name(member);
                    if seen.contains(&name) {
                        continue;
                    }
                    seen.push(name);
                    let members: Vec<String> =
                        shape.members().filter(|m| wire_name(*m) == name).map(|m| m.name().to_string()).collect();
                    if members.len() > 1 {
                        let read =
                            keys.find(name.as_bytes(), usize::MAX).map(|m| m.name().to_string()).unwrap_or_default();
                        out.push(WireNameCollision {
                            shape: shape.name().to_owned(),
                            wire_name: name.to_owned(),
                            members,
                            format,
                            read,
                        });
                    }
                }
            }
        }
        out
    }

    /// How many shapes the model has.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether the model has no shapes.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.shapes()).finish()
    }
}

/// A shape of a [`Model`]: a copyable handle that reads its type, traits and members.
#[derive(Clone, Copy)]
pub struct ShapeRef<'m> {
    model: &'m Model,
    id: ShapeId,
}

impl<'m> ShapeRef<'m> {
    fn data(self) -> &'m ShapeData {
        &self.model.shapes[self.id.index()]
    }

    /// The model the shape belongs to.
    pub fn model(self) -> &'m Model {
        self.model
    }

    /// The shape's id in its model.
    pub fn id(self) -> ShapeId {
        self.id
    }

    /// The shape's name as declared (`Arn`, or a full id `com.example#Arn`).
    pub fn name(self) -> &'m str {
        &self.data().name
    }

    /// The name without a Smithy namespace: `Arn` for `com.example#Arn`.
    pub fn short_name(self) -> &'m str {
        let name = self.name();
        name.rsplit_once('#').map_or(name, |(_, short)| short)
    }

    /// The shape's type.
    pub fn shape_type(self) -> ShapeType {
        self.data().shape_type
    }

    /// The shape's traits.
    pub fn traits(self) -> &'m ShapeTraits {
        &self.data().traits
    }

    /// The members, in model order (a list's `member`, a map's `key` and `value`).
    pub fn members(self) -> impl ExactSizeIterator<Item = MemberRef<'m>> {
        (0..self.data().members.len()).map(move |index| self.member_at(index))
    }

    /// The member at `index` in model order.
    ///
    /// # Panics
    /// If `index` is out of range.
    pub fn member_at(self, index: usize) -> MemberRef<'m> {
        MemberRef { model: self.model, data: &self.data().members[index], index }
    }

    /// The member named `name`.
    pub fn member(self, name: &str) -> Option<MemberRef<'m>> {
        self.data().lookup.name(name).map(|index| self.member_at(index))
    }

    /// The member named `name`, or the data error every encoder gives for a name the shape
    /// does not have.
    pub(crate) fn known_member(self, name: &str) -> Result<MemberRef<'m>, Error> {
        self.member(name).ok_or_else(|| Error::data(format!("{} has no member {name}", self.short_name())))
    }

    /// The members of `structure`, a value of this shape, each with its schema member: what
    /// an encoder walks. A name the shape does not have is the data error of
    /// [`ShapeRef::known_member`].
    pub(crate) fn members_of<'v>(
        self,
        structure: &'v Structure,
    ) -> impl Iterator<Item = Result<(MemberRef<'m>, &'v Value), Error>> + use<'m, 'v> {
        let mut next = 0;
        structure.iter().map(move |(name, value)| Ok((self.member_near(*name, &mut next)?, value)))
    }

    /// The member named `name`, looked for first among the few members from `next` on:
    /// values keep schema order, so that is nearly always where it is.
    fn member_near(self, name: Name, next: &mut usize) -> Result<MemberRef<'m>, Error> {
        const LOOK_AHEAD: usize = 4;
        let members = &self.data().members;
        let near = members.iter().enumerate().skip(*next).take(LOOK_AHEAD).find(|(_, m)| m.name.same(name));
        let member = match near {
            Some((index, _)) => self.member_at(index),
            None => self.known_member(&name)?,
        };
        *next = member.index() + 1;
        Ok(member)
    }

    /// The member a union value holds, and its value: an unknown member is kept on decode but
    /// cannot be written back.
    pub(crate) fn union_member<'v>(self, union: &'v Union) -> Result<(MemberRef<'m>, &'v Value), Error> {
        let (Some(name), Some(value)) = (union.known_name(), union.value()) else {
            return Err(Error::data("an unknown union member cannot be encoded").in_member(union.name().to_owned()));
        };
        // Names are interned: a scan comparing them as pointers beats hashing the text for the
        // few members a union has.
        let members = &self.data().members;
        match members.iter().position(|m| m.name.same(name)) {
            Some(index) => Ok((self.member_at(index), value)),
            None => Ok((self.known_member(&name)?, value)),
        }
    }

    /// Whether `text` satisfies the shape's `@pattern` anywhere in it (Smithy's patterns are
    /// not anchored implicitly): `Ok(true)` when the shape has none, `Err` with the reason when
    /// the pattern cannot be compiled (see [`Model::pattern_errors`]).
    ///
    /// ```
    /// use awsval::schema::{ModelBuilder, ShapeType};
    ///
    /// let mut builder = ModelBuilder::new();
    /// let id = builder.add("Digits", ShapeType::String).id();
    /// builder.shape(id).traits_mut().pattern = Some("^\\d+$".into());
    /// let model = builder.finish()?;
    /// assert_eq!(model.get(id).matches_pattern("2024"), Ok(true));
    /// assert_eq!(model.get(id).matches_pattern("٢٠٢٤"), Ok(false), "\\d is ASCII in ECMA-262");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn matches_pattern(self, text: &str) -> Result<bool, &'m str> {
        let Some(source) = self.traits().pattern.as_deref() else { return Ok(true) };
        self.data().pattern.get(source).map(|compiled| pattern::is_match(compiled, text))
    }

    /// The member whose restJson1 key is `name` (its `jsonName`, else its name).
    pub fn member_by_json_name(self, name: &str) -> Option<MemberRef<'m>> {
        self.data().lookup.json_name(name).map(|index| self.member_at(index))
    }

    /// The members by their JSON keys: `jsonName` when `json_name`, else the member name.
    pub(crate) fn json_keys(self, json_name: bool) -> MemberKeys<'m> {
        MemberKeys { shape: self, table: self.data().lookup.json_keys(json_name) }
    }

    /// The members by their names, as the CBOR and query wires key them.
    pub(crate) fn name_keys(self) -> MemberKeys<'m> {
        MemberKeys { shape: self, table: self.data().lookup.json_keys(false) }
    }

    /// The members by their XML names (`xmlName`, else the member name).
    pub(crate) fn xml_keys(self) -> MemberKeys<'m> {
        MemberKeys { shape: self, table: self.data().lookup.xml_keys() }
    }

    /// Whether some member is an XML attribute (`@xmlAttribute`).
    pub(crate) fn has_xml_attributes(self) -> bool {
        self.data().lookup.has_xml_attributes()
    }

    /// The member whose XML element or attribute is `name` (its `xmlName`, else its name).
    pub fn member_by_xml_name(self, name: &str) -> Option<MemberRef<'m>> {
        self.data().lookup.xml_name(name).map(|index| self.member_at(index))
    }

    /// A list's `member`.
    pub fn list_member(self) -> Option<MemberRef<'m>> {
        (self.shape_type() == ShapeType::List).then(|| self.member_at(0))
    }

    /// A map's `key` member.
    pub fn map_key(self) -> Option<MemberRef<'m>> {
        (self.shape_type() == ShapeType::Map).then(|| self.member_at(0))
    }

    /// A map's `value` member.
    pub fn map_value(self) -> Option<MemberRef<'m>> {
        (self.shape_type() == ShapeType::Map).then(|| self.member_at(1))
    }

    /// A list's `member`, for a walk that has matched a list: a model error otherwise.
    pub(crate) fn item(self) -> Result<MemberRef<'m>> {
        self.list_member().ok_or_else(|| Error::model("a list without a member"))
    }

    /// A map's `key` and `value` members, for a walk that has matched a map: a model error
    /// otherwise.
    pub(crate) fn entry(self) -> Result<(MemberRef<'m>, MemberRef<'m>)> {
        self.map_key().zip(self.map_value()).ok_or_else(|| Error::model("a map without a key or value"))
    }

    /// Whether the shape is `@sensitive`.
    pub fn is_sensitive(self) -> bool {
        self.traits().sensitive
    }

    /// Whether a list or map is `@sparse`.
    pub fn is_sparse(self) -> bool {
        self.traits().sparse
    }

    /// The error traits, when the shape is an error.
    pub fn error(self) -> Option<&'m ErrorTrait> {
        self.traits().error.as_ref()
    }

    /// The code that identifies this error on the wire: its `@awsQueryError` code, else its
    /// short name. `None` when the shape is not an error.
    pub fn error_code(self) -> Option<&'m str> {
        let error = self.error()?;
        Some(error.code.as_deref().unwrap_or_else(|| self.short_name()))
    }

    /// The values of an `enum` or `intEnum`.
    pub fn enum_values(self) -> &'m [EnumMember] {
        &self.traits().enum_values
    }

    /// A string enum's value equal to `text`, interned: decoders keep known values without
    /// allocating. `None` for a value the model does not list.
    pub fn enum_value(self, text: &str) -> Option<&'static str> {
        let index = self.data().lookup.enum_value(text)?;
        match self.traits().enum_values[index].value {
            EnumLiteral::String(value) => Some(value),
            EnumLiteral::Int(_) => None,
        }
    }
}

/// A structure's or union's members by the names they have on one wire, for a decoder to look
/// up each key it reads: found once per object, not once per key.
#[derive(Clone, Copy)]
pub(crate) struct MemberKeys<'m> {
    shape: ShapeRef<'m>,
    table: &'m Table,
}

impl<'m> MemberKeys<'m> {
    /// The member whose name is the bytes `key`, which need not be UTF-8 (a key off the wire,
    /// checked only if it is not a member's). Member `expected` (the one after the last found:
    /// members mostly come in order) is tried first.
    #[inline]
    pub(crate) fn find(self, key: &[u8], expected: usize) -> Option<MemberRef<'m>> {
        self.table.get_expecting(key, expected).map(|index| self.shape.member_at(index))
    }

    /// Whether two members share a wire name (which only a value's members present can
    /// tell apart: see [`MemberKeys::check_unshared`]).
    pub(crate) fn has_shared_names(self) -> bool {
        self.table.has_repeats()
    }

    /// Refuses a value of the structure in which two present members share a wire name (as
    /// `wire_name` gives it): written, the document would repeat the name, and one of the two
    /// would be lost on the way back.
    pub(crate) fn check_unshared(
        self,
        structure: &Structure,
        wire_name: impl Fn(MemberRef<'m>) -> &'m str,
    ) -> Result<()> {
        if !self.table.has_repeats() {
            return Ok(());
        }
        let mut present: Vec<MemberRef<'m>> = structure
            .iter()
            .filter(|(_, value)| !value.is_null())
            .filter_map(|(name, _)| self.shape.member(name))
            .collect();
        present.sort_by_key(|member| member.index());
        for (index, second) in present.iter().enumerate() {
            if let Some(first) = present[..index].iter().find(|first| wire_name(**first) == wire_name(*second)) {
                return Err(Error::data(format!(
                    "members {} and {} share the wire name {}: a value may set only one of them",
                    first.name(),
                    second.name(),
                    wire_name(*second)
                )));
            }
        }
        Ok(())
    }
}

impl PartialEq for ShapeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.model, other.model) && self.id == other.id
    }
}

impl Eq for ShapeRef<'_> {}

impl fmt::Debug for ShapeRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Shape");
        out.field("name", &self.name()).field("type", &self.shape_type());
        for member in self.members() {
            out.field(member.name().as_str(), &member.target().name());
        }
        out.finish()
    }
}

/// A member of a shape: its name, its target and its traits.
#[derive(Clone, Copy)]
pub struct MemberRef<'m> {
    model: &'m Model,
    data: &'m MemberData,
    index: usize,
}

impl<'m> MemberRef<'m> {
    /// The member's name; sensitive when the member or what it holds is `@sensitive`.
    pub fn name(self) -> Name {
        self.data.name
    }

    /// The member's position in its shape.
    pub fn index(self) -> usize {
        self.index
    }

    /// The shape the member holds.
    pub fn target(self) -> ShapeRef<'m> {
        ShapeRef { model: self.model, id: self.data.target }
    }

    /// The member's own traits.
    pub fn traits(self) -> &'m MemberTraits {
        &self.data.traits
    }

    /// The key in restJson1 bodies: `jsonName`, else the member name.
    pub fn json_name(self) -> &'m str {
        self.data.traits.json_name.as_deref().unwrap_or(self.data.name.as_str())
    }

    /// The XML element or attribute name: `xmlName`, else the member name.
    pub fn xml_name(self) -> &'m str {
        self.data.traits.xml_name.as_deref().unwrap_or(self.data.name.as_str())
    }

    /// The member's `@timestampFormat`, else its target's.
    pub fn timestamp_format(self) -> Option<TimestampFormat> {
        self.data.timestamp_format
    }

    /// The HTTP binding, if any.
    pub fn http(self) -> Option<&'m HttpBinding> {
        self.data.traits.http.as_ref()
    }

    /// Whether the member is `@required`.
    pub fn is_required(self) -> bool {
        self.data.traits.required
    }

    /// Whether the value is sensitive (the member, its target, or what a collection holds).
    pub fn is_sensitive(self) -> bool {
        self.data.name.is_sensitive()
    }

    /// Adds this member to the path of an error raised inside it; map keys recorded below a
    /// sensitive member are redacted first. What every codec does as an error unwinds.
    pub fn annotate(self, error: Error) -> Error {
        let error = if self.is_sensitive() { error.redact_keys() } else { error };
        error.in_member(self.data.name.as_str())
    }
}

impl fmt::Debug for MemberRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Member")
            .field("name", &self.name())
            .field("target", &self.target().name())
            .field("traits", self.traits())
            .finish()
    }
}

/// An operation of a [`Model`], with its shapes resolved.
#[derive(Clone, Copy)]
pub struct OperationRef<'m> {
    model: &'m Model,
    data: &'m Operation,
}

impl<'m> OperationRef<'m> {
    /// The operation's declaration.
    pub fn data(self) -> &'m Operation {
        self.data
    }

    /// The operation name.
    pub fn name(self) -> &'m str {
        &self.data.name
    }

    /// The input structure.
    pub fn input(self) -> Option<ShapeRef<'m>> {
        self.data.input.map(|id| self.model.get(id))
    }

    /// The output structure.
    pub fn output(self) -> Option<ShapeRef<'m>> {
        self.data.output.map(|id| self.model.get(id))
    }

    /// The modeled errors.
    pub fn errors(self) -> impl ExactSizeIterator<Item = ShapeRef<'m>> {
        self.data.errors.iter().map(move |&id| self.model.get(id))
    }

    /// The model the operation belongs to.
    pub fn model(self) -> &'m Model {
        self.model
    }
}

impl fmt::Debug for OperationRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.data, f)
    }
}
