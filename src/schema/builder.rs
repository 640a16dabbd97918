//! Building a [`Model`] in code: declare shapes, add members and traits, then finish.

use std::any::TypeId;

use rustc_hash::FxHashMap;

use super::lookup::Lookup;
use super::model::{MemberData, Model, ShapeData, ShapeId};
use super::pattern::CompiledPattern;
use super::service::{Operation, Service};
use super::shape_type::ShapeType;
use super::traits::{EnumLiteral, EnumMember, ErrorTrait, Fault, HttpBinding, MemberTraits, ShapeTraits, XmlNamespace};
use crate::error::{Error, Result};
use crate::timestamp::TimestampFormat;
use crate::value::{Name, Value};

/// Builds a [`Model`]. Shapes may be declared before their members are known, so recursive
/// and forward references need nothing special; [`ModelBuilder::finish`] checks the whole.
#[derive(Default)]
pub struct ModelBuilder {
    shapes: Vec<ShapeData>,
    by_name: FxHashMap<Box<str>, ShapeId>,
    by_type: FxHashMap<TypeId, ShapeId>,
    prelude: FxHashMap<ShapeType, ShapeId>,
    service: Service,
    operations: Vec<Operation>,
}

impl ModelBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares a shape with no members or traits yet.
    pub fn declare(&mut self, name: &str, shape_type: ShapeType) -> ShapeId {
        let id = ShapeId(self.shapes.len() as u32);
        self.shapes.push(ShapeData {
            name: name.into(),
            shape_type,
            members: Vec::new(),
            traits: ShapeTraits::default(),
            lookup: Lookup::default(),
            pattern: CompiledPattern::default(),
        });
        self.by_name.entry(name.into()).or_insert(id);
        id
    }

    /// Declares a shape and edits it.
    pub fn add(&mut self, name: &str, shape_type: ShapeType) -> ShapeBuilder<'_> {
        let id = self.declare(name, shape_type);
        self.shape(id)
    }

    /// Declares a list whose items are `member`.
    pub fn list(&mut self, name: &str, member: ShapeId) -> ShapeBuilder<'_> {
        let id = self.declare(name, ShapeType::List);
        self.shape(id).member("member", member).shape()
    }

    /// Declares a map from `key` (a string or enum) to `value`.
    pub fn map(&mut self, name: &str, key: ShapeId, value: ShapeId) -> ShapeBuilder<'_> {
        let id = self.declare(name, ShapeType::Map);
        self.shape(id).member("key", key).member("value", value).shape()
    }

    /// Edits shape `id`.
    ///
    /// # Panics
    /// If `id` was not declared by this builder.
    pub fn shape(&mut self, id: ShapeId) -> ShapeBuilder<'_> {
        assert!(id.index() < self.shapes.len(), "ShapeId {} was not declared here", id.0);
        ShapeBuilder { builder: self, id }
    }

    /// The name shape `id` was declared with.
    ///
    /// # Panics
    /// If `id` was not declared by this builder.
    pub fn name(&self, id: ShapeId) -> &str {
        &self.shapes[id.index()].name
    }

    /// The type `id` was declared with.
    ///
    /// # Panics
    /// If `id` was not declared by this builder.
    pub fn shape_type(&self, id: ShapeId) -> ShapeType {
        self.shapes[id.index()].shape_type
    }

    /// What the service declares about itself.
    pub fn service_mut(&mut self) -> &mut Service {
        &mut self.service
    }

    /// Adds an operation; its shapes must be declared by this builder.
    pub fn operation(&mut self, operation: Operation) {
        self.operations.push(operation);
    }

    /// The shape first declared as `name`.
    pub fn lookup(&self, name: &str) -> Option<ShapeId> {
        self.by_name.get(name).copied()
    }

    /// One shared, trait-less shape of a simple type (Smithy's prelude `String`, `Integer`…).
    pub fn prelude(&mut self, shape_type: ShapeType) -> ShapeId {
        if let Some(&id) = self.prelude.get(&shape_type) {
            return id;
        }
        let name = format!("smithy.api#{}", capitalised(shape_type.as_str()));
        let id = self.declare(&name, shape_type);
        self.prelude.insert(shape_type, id);
        id
    }

    /// The shape of Rust type `T`: declared and filled by `describe` the first time, reused
    /// after. The id is recorded before `describe` runs, so recursive types terminate.
    pub fn memoize<T: ?Sized + 'static>(
        &mut self,
        name: &str,
        shape_type: ShapeType,
        describe: impl FnOnce(&mut Self, ShapeId),
    ) -> ShapeId {
        let key = TypeId::of::<T>();
        if let Some(&id) = self.by_type.get(&key) {
            return id;
        }
        let id = self.declare(name, shape_type);
        self.by_type.insert(key, id);
        describe(self, id);
        id
    }

    /// Checks the model and makes it ready for codecs.
    ///
    /// Fails with [`ErrorKind::Model`](crate::ErrorKind::Model) when a list does not have
    /// exactly its `member`, a map its `key` and `value` (with a string or enum key), a member
    /// name repeats, or a simple shape has members.
    pub fn finish(mut self) -> Result<Model> {
        for shape in &self.shapes {
            check_shape(shape, &self.shapes)?;
        }
        let sensitive = holds_sensitive(&self.shapes);
        let formats: Vec<Option<TimestampFormat>> = self.shapes.iter().map(|s| s.traits.timestamp_format).collect();
        for shape in &mut self.shapes {
            for member in &mut shape.members {
                let is_sensitive = member.traits.sensitive || sensitive[member.target.index()];
                member.name = Name::intern(&member.name, is_sensitive);
                member.timestamp_format = member.traits.timestamp_format.or(formats[member.target.index()]);
            }
        }
        for index in 0..self.shapes.len() {
            let lookup = Lookup::build(&self.shapes[index]);
            self.shapes[index].lookup = lookup;
        }
        for operation in &self.operations {
            check_operation(operation, self.shapes.len())?;
        }
        Ok(Model { shapes: self.shapes, by_name: self.by_name, service: self.service, operations: self.operations })
    }
}

fn check_operation(operation: &Operation, shapes: usize) -> Result<()> {
    let ids = operation.input.iter().chain(&operation.output).chain(&operation.errors);
    match ids.into_iter().find(|id| id.index() >= shapes) {
        Some(_) => Err(Error::model(format!("operation {} refers to a shape declared elsewhere", operation.name))),
        None => Ok(()),
    }
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn check_shape(shape: &ShapeData, shapes: &[ShapeData]) -> Result<()> {
    let fail = |what: &str| Err(Error::model(format!("shape {}: {what}", shape.name)));
    if let Some(member) = shape.members.iter().find(|m| m.target.index() >= shapes.len()) {
        return fail(&format!("member `{}` targets a shape declared elsewhere", member.name));
    }
    let names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
    match shape.shape_type {
        ShapeType::List if names != ["member"] => fail("a list has exactly one member, `member`"),
        ShapeType::Map if names != ["key", "value"] => fail("a map has exactly `key` and `value`"),
        ShapeType::Map
            if !matches!(shapes[shape.members[0].target.index()].shape_type, ShapeType::String | ShapeType::Enum) =>
        {
            fail("a map key is a string or an enum")
        }
        ShapeType::Structure | ShapeType::Union => {
            let mut seen = names.clone();
            seen.sort_unstable();
            match seen.windows(2).find(|pair| pair[0] == pair[1]) {
                Some(pair) => fail(&format!("member `{}` is declared twice", pair[0])),
                None => Ok(()),
            }
        }
        simple if !simple.is_aggregate() && !names.is_empty() => fail("a simple shape has no members"),
        _ => Ok(()),
    }
}

/// For each shape: whether a value of it is sensitive as a whole — the shape is `@sensitive`,
/// or it is a list or map whose items are. (Structures and unions redact member by member.)
fn holds_sensitive(shapes: &[ShapeData]) -> Vec<bool> {
    let mut sensitive: Vec<bool> = shapes.iter().map(|s| s.traits.sensitive).collect();
    // Collections nest only a bounded number of levels; iterate to a fixed point.
    let mut changed = true;
    while changed {
        changed = false;
        for (index, shape) in shapes.iter().enumerate() {
            let collection = matches!(shape.shape_type, ShapeType::List | ShapeType::Map);
            if collection && !sensitive[index] && shape.members.iter().any(|m| sensitive[m.target.index()]) {
                sensitive[index] = true;
                changed = true;
            }
        }
    }
    sensitive
}

/// Edits one shape's traits and adds its members; see [`ModelBuilder::shape`].
pub struct ShapeBuilder<'b> {
    builder: &'b mut ModelBuilder,
    id: ShapeId,
}

impl<'b> ShapeBuilder<'b> {
    /// The shape being edited.
    pub fn id(&self) -> ShapeId {
        self.id
    }

    fn data(&mut self) -> &mut ShapeData {
        &mut self.builder.shapes[self.id.index()]
    }

    /// All the shape's traits, for what the chained setters do not cover.
    pub fn traits_mut(&mut self) -> &mut ShapeTraits {
        &mut self.data().traits
    }

    /// Adds a member targeting `target` and edits it.
    pub fn member(mut self, name: &str, target: ShapeId) -> MemberBuilder<'b> {
        let data = self.data();
        data.members.push(MemberData {
            name: Name::new(name),
            target,
            traits: MemberTraits::default(),
            timestamp_format: None,
        });
        let index = data.members.len() - 1;
        MemberBuilder { shape: self, index }
    }

    fn set(mut self, edit: impl FnOnce(&mut ShapeTraits)) -> Self {
        edit(self.traits_mut());
        self
    }

    /// `@sensitive`.
    pub fn sensitive(self) -> Self {
        self.set(|t| t.sensitive = true)
    }

    /// `@sparse`.
    pub fn sparse(self) -> Self {
        self.set(|t| t.sparse = true)
    }

    /// `@xmlName`.
    pub fn xml_name(self, name: &str) -> Self {
        self.set(|t| t.xml_name = Some(name.into()))
    }

    /// `@xmlNamespace`, with an optional prefix.
    pub fn xml_namespace(self, uri: &str, prefix: Option<&str>) -> Self {
        self.set(|t| t.xml_namespace = Some(XmlNamespace { uri: uri.into(), prefix: prefix.map(Into::into) }))
    }

    /// `@timestampFormat`.
    pub fn timestamp_format(self, format: TimestampFormat) -> Self {
        self.set(|t| t.timestamp_format = Some(format))
    }

    /// `@error`, with the HTTP status and the wire code when they are known.
    pub fn error(self, fault: Fault, http_status: Option<u16>, code: Option<&str>) -> Self {
        self.set(|t| t.error = Some(ErrorTrait { fault, http_status, code: code.map(Into::into) }))
    }

    /// `@streaming`.
    pub fn streaming(self) -> Self {
        self.set(|t| t.streaming = true)
    }

    /// `@mediaType`.
    pub fn media_type(self, media_type: &str) -> Self {
        self.set(|t| t.media_type = Some(media_type.into()))
    }

    /// A value of a string `enum`; `name` is the Smithy member name.
    pub fn enum_value(self, name: &str, value: &str) -> Self {
        let value = EnumLiteral::String(Name::new(value).as_str());
        self.set(|t| t.enum_values.push(EnumMember { name: name.into(), value, internal: false }))
    }

    /// A value of an `intEnum`.
    pub fn int_enum_value(self, name: &str, value: i32) -> Self {
        self.set(|t| {
            t.enum_values.push(EnumMember { name: name.into(), value: EnumLiteral::Int(value), internal: false })
        })
    }

    /// Marks the enum's last value `@internal` (see [`EnumMember::internal`]).
    pub fn internal(self) -> Self {
        self.set(|t| {
            if let Some(last) = t.enum_values.last_mut() {
                last.internal = true;
            }
        })
    }
}

/// Edits one member's traits; see [`ShapeBuilder::member`].
pub struct MemberBuilder<'b> {
    shape: ShapeBuilder<'b>,
    index: usize,
}

impl<'b> MemberBuilder<'b> {
    /// All the member's traits, for what the chained setters do not cover.
    pub fn traits_mut(&mut self) -> &mut MemberTraits {
        let index = self.index;
        &mut self.shape.data().members[index].traits
    }

    /// Adds the next member of the same shape.
    pub fn member(self, name: &str, target: ShapeId) -> MemberBuilder<'b> {
        self.shape.member(name, target)
    }

    /// Back to editing the shape.
    pub fn shape(self) -> ShapeBuilder<'b> {
        self.shape
    }

    /// The shape being edited.
    pub fn id(&self) -> ShapeId {
        self.shape.id
    }

    fn set(mut self, edit: impl FnOnce(&mut MemberTraits)) -> Self {
        edit(self.traits_mut());
        self
    }

    /// `@required`.
    pub fn required(self) -> Self {
        self.set(|t| t.required = true)
    }

    /// `@sensitive` on the member.
    pub fn sensitive(self) -> Self {
        self.set(|t| t.sensitive = true)
    }

    /// `@default`.
    pub fn default_value(self, value: impl Into<Value>) -> Self {
        let value = value.into();
        self.set(|t| t.default = Some(value))
    }

    /// `@jsonName`.
    pub fn json_name(self, name: &str) -> Self {
        self.set(|t| t.json_name = Some(name.into()))
    }

    /// `@xmlName`.
    pub fn xml_name(self, name: &str) -> Self {
        self.set(|t| t.xml_name = Some(name.into()))
    }

    /// `@xmlAttribute`.
    pub fn xml_attribute(self) -> Self {
        self.set(|t| t.xml_attribute = true)
    }

    /// `@xmlFlattened`.
    pub fn xml_flattened(self) -> Self {
        self.set(|t| t.xml_flattened = true)
    }

    /// `@xmlNamespace`, with an optional prefix.
    pub fn xml_namespace(self, uri: &str, prefix: Option<&str>) -> Self {
        self.set(|t| t.xml_namespace = Some(XmlNamespace { uri: uri.into(), prefix: prefix.map(Into::into) }))
    }

    /// `@timestampFormat`.
    pub fn timestamp_format(self, format: TimestampFormat) -> Self {
        self.set(|t| t.timestamp_format = Some(format))
    }

    /// An HTTP binding trait.
    pub fn http(self, binding: HttpBinding) -> Self {
        self.set(|t| t.http = Some(binding))
    }

    /// `@hostLabel`.
    pub fn host_label(self) -> Self {
        self.set(|t| t.host_label = true)
    }

    /// `@idempotencyToken`.
    pub fn idempotency_token(self) -> Self {
        self.set(|t| t.idempotency_token = true)
    }

    /// `@ec2QueryName`.
    pub fn ec2_query_name(self, name: &str) -> Self {
        self.set(|t| t.ec2_query_name = Some(name.into()))
    }

    /// A string holding JSON text (botocore's `jsonvalue`).
    pub fn json_value(self) -> Self {
        self.set(|t| t.json_value = true)
    }
}
