//! Shapes of the closure into a [`ModelBuilder`]: their types and traits, their members and
//! the members' traits, with nothing botocore's format loses.

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::ast::{MemberDef, ShapeDef, Traits};
use super::closure::Closure;
use crate::blob::Blob;
use crate::error::{Error, Result};
use crate::json::{self, JsonSettings};
use crate::schema::{
    ErrorTrait, Fault, HttpBinding, MemberTraits, ModelBuilder, ShapeId, ShapeTraits, ShapeType, XmlNamespace,
};
use crate::timestamp::{Timestamp, TimestampFormat};
use crate::value::{Document, List, Map, Value};

/// The traits a member may carry to narrow its target (`@length(min: 1) name: String`): such a
/// member gets a shape of its own, its target's with the member's constraints over them.
const CONSTRAINTS: [&str; 4] =
    ["smithy.api#length", "smithy.api#range", "smithy.api#pattern", "smithy.api#uniqueItems"];

/// Shape ids by absolute Smithy id.
pub(super) type Ids = IndexMap<String, ShapeId>;

/// What filling a shape reads besides the shape: every shape of the AST, the ids declared,
/// and whether the service speaks a query protocol (whose errors carry `@awsQueryError`'s
/// status).
struct Context<'a> {
    shapes: &'a IndexMap<String, ShapeDef>,
    ids: &'a Ids,
    query_protocol: bool,
}

/// Declares every shape of `closure`, then fills each (so any order of definitions works).
pub(super) fn add(
    builder: &mut ModelBuilder,
    closure: &Closure<'_>,
    shapes: &IndexMap<String, ShapeDef>,
) -> Result<Ids> {
    let mut ids = Ids::with_capacity(closure.shapes.len());
    for &id in &closure.shapes {
        let shape = &shapes[id];
        ids.insert(id.to_owned(), builder.declare(&closure.names[id], shape_type(id, shape)?));
    }
    let traits = &closure.service.traits;
    let query_protocol = ["aws.protocols#awsQuery", "aws.protocols#ec2Query"].iter().any(|t| traits.contains_key(*t));
    let context = Context { shapes, ids: &ids, query_protocol };
    for &id in &closure.shapes {
        fill(builder, ids[id], &closure.names[id], &shapes[id], &context)?;
    }
    Ok(ids)
}

fn shape_type(id: &str, shape: &ShapeDef) -> Result<ShapeType> {
    Ok(match shape.shape_type.as_str() {
        "structure" => ShapeType::Structure,
        "union" => ShapeType::Union,
        "list" | "set" => ShapeType::List,
        "map" => ShapeType::Map,
        "document" => ShapeType::Document,
        "string" if shape.traits.contains_key("smithy.api#enum") => ShapeType::Enum,
        "enum" => ShapeType::Enum,
        "intEnum" => ShapeType::IntEnum,
        other => {
            ShapeType::from_name(other).ok_or_else(|| Error::model(format!("shape {id}: unknown type `{other}`")))?
        }
    })
}

/// The shape `target` names: one of the closure's, a prelude shape, or Unit (an empty
/// structure).
fn target(builder: &mut ModelBuilder, target: &str, ids: &Ids) -> Result<ShapeId> {
    if let Some(&id) = ids.get(target) {
        return Ok(id);
    }
    let name = target.strip_prefix("smithy.api#").ok_or_else(|| Error::model(format!("unknown shape {target}")))?;
    Ok(match name {
        "Unit" => builder
            .lookup("smithy.api#Unit")
            .unwrap_or_else(|| builder.declare("smithy.api#Unit", ShapeType::Structure)),
        _ => {
            let name = name.strip_prefix("Primitive").unwrap_or(name);
            let shape_type = ShapeType::from_name(&lower_first(name))
                .ok_or_else(|| Error::model(format!("unknown prelude shape {target}")))?;
            builder.prelude(shape_type)
        }
    })
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn fill(builder: &mut ModelBuilder, id: ShapeId, name: &str, shape: &ShapeDef, context: &Context<'_>) -> Result<()> {
    *builder.shape(id).traits_mut() = shape_traits(name, shape, context.query_protocol)?;
    if shape.shape_type == "enum" || shape.shape_type == "intEnum" {
        return enum_values(builder, id, name, shape);
    }
    if let Some(values) = shape.traits.get("smithy.api#enum").and_then(Json::as_array) {
        for definition in values {
            let Some(value) = definition.get("value").and_then(Json::as_str) else { continue };
            let tags = definition.get("tags").and_then(Json::as_array);
            let edit = builder.shape(id).enum_value(value, value);
            if tags.is_some_and(|tags| tags.iter().any(|t| t == "internal")) {
                edit.internal();
            }
        }
        return Ok(());
    }
    for (member_name, member) in shape.all_members() {
        let mut target_id = target(builder, &member.target, context.ids)?;
        if CONSTRAINTS.iter().any(|t| member.traits.contains_key(*t)) {
            target_id = narrowed(builder, (name, member_name), member, context)?;
        }
        let target_def = context.shapes.get(&member.target);
        let traits = member_traits((name, member_name), member, target_def)?;
        *builder.shape(id).member(member_name, target_id).traits_mut() = traits;
    }
    Ok(())
}

/// A shape of its own for a member that narrows its target with constraint traits.
fn narrowed(
    builder: &mut ModelBuilder,
    (parent, member_name): (&str, &str),
    member: &MemberDef,
    context: &Context<'_>,
) -> Result<ShapeId> {
    let name = format!("{parent}${member_name}");
    let mut shape = match context.shapes.get(&member.target) {
        Some(shape) => shape.clone(),
        None => {
            let prelude = target(builder, &member.target, context.ids)?;
            let shape_type = builder.shape_type(prelude);
            ShapeDef::scalar(shape_type.as_str())
        }
    };
    shape.traits.extend(CONSTRAINTS.iter().filter_map(|t| Some(((*t).to_owned(), member.traits.get(*t)?.clone()))));
    let id = builder.declare(&name, shape_type(&name, &shape)?);
    fill(builder, id, &name, &shape, context)?;
    Ok(id)
}

fn enum_values(builder: &mut ModelBuilder, id: ShapeId, name: &str, shape: &ShapeDef) -> Result<()> {
    for (value_name, member) in &shape.members {
        let value = member.traits.get("smithy.api#enumValue");
        let mut edit = builder.shape(id);
        edit = match (shape.shape_type.as_str(), value) {
            ("enum", None) => edit.enum_value(value_name, value_name),
            ("enum", Some(Json::String(text))) => edit.enum_value(value_name, text),
            ("intEnum", Some(number)) => {
                let number = number.as_i64().and_then(|n| i32::try_from(n).ok());
                edit.int_enum_value(
                    value_name,
                    number.ok_or_else(|| {
                        Error::model(format!("{name}${value_name}: an intEnum value is a 32-bit integer"))
                    })?,
                )
            }
            _ => return Err(Error::model(format!("{name}${value_name}: bad enumValue"))),
        };
        // An enum shape's values are internal by the `@internal` trait (a tag says nothing).
        if member.traits.contains_key("smithy.api#internal") {
            edit.internal();
        }
    }
    Ok(())
}

fn text<'t>(traits: &'t Traits, id: &str) -> Option<&'t str> {
    traits.get(id).and_then(Json::as_str)
}

fn flag(traits: &Traits, id: &str) -> bool {
    traits.contains_key(id)
}

fn number(traits: &Traits, id: &str, field: &str) -> Option<f64> {
    traits.get(id)?.get(field).and_then(|n| n.as_f64().or_else(|| n.as_str()?.parse().ok()))
}

fn namespace(traits: &Traits) -> Option<XmlNamespace> {
    let namespace = traits.get("smithy.api#xmlNamespace")?;
    Some(XmlNamespace {
        uri: namespace.get("uri")?.as_str()?.into(),
        prefix: namespace.get("prefix").and_then(Json::as_str).map(Into::into),
    })
}

fn timestamp_format(name: &str, traits: &Traits) -> Result<Option<TimestampFormat>> {
    text(traits, "smithy.api#timestampFormat")
        .map(|f| {
            TimestampFormat::from_name(f).ok_or_else(|| Error::model(format!("{name}: unknown timestampFormat `{f}`")))
        })
        .transpose()
}

fn shape_traits(name: &str, shape: &ShapeDef, query_protocol: bool) -> Result<ShapeTraits> {
    let t = &shape.traits;
    let streaming = flag(t, "smithy.api#streaming");
    Ok(ShapeTraits {
        xml_name: text(t, "smithy.api#xmlName").map(Into::into),
        xml_namespace: namespace(t),
        timestamp_format: timestamp_format(name, t)?,
        sensitive: flag(t, "smithy.api#sensitive"),
        sparse: flag(t, "smithy.api#sparse"),
        error: error_trait(t, query_protocol),
        streaming,
        event_stream: shape.shape_type == "union" && streaming,
        media_type: text(t, "smithy.api#mediaType").map(Into::into),
        min: number(t, "smithy.api#length", "min").or_else(|| number(t, "smithy.api#range", "min")),
        max: number(t, "smithy.api#length", "max").or_else(|| number(t, "smithy.api#range", "max")),
        pattern: text(t, "smithy.api#pattern").map(Into::into),
        unique_items: flag(t, "smithy.api#uniqueItems") || shape.shape_type == "set",
        other: other(t, &SHAPE_TRAITS),
        ..ShapeTraits::default()
    })
}

/// The shape traits with fields of their own (or read elsewhere: the enum traits, the test
/// cases' runner reads the AST itself).
const SHAPE_TRAITS: [&str; 17] = [
    "smithy.api#xmlName",
    "smithy.api#xmlNamespace",
    "smithy.api#timestampFormat",
    "smithy.api#sensitive",
    "smithy.api#sparse",
    "smithy.api#streaming",
    "smithy.api#mediaType",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#uniqueItems",
    "smithy.api#error",
    "smithy.api#httpError",
    "aws.protocols#awsQueryError",
    "smithy.api#enum",
    "smithy.api#mixin",
    "smithy.api#enumValue",
];

/// The member traits with fields of their own.
const MEMBER_TRAITS: [&str; 25] = [
    "smithy.api#httpHeader",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpLabel",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#jsonName",
    "smithy.api#xmlName",
    "smithy.api#xmlAttribute",
    "smithy.api#xmlFlattened",
    "smithy.api#xmlNamespace",
    "smithy.api#timestampFormat",
    "smithy.api#hostLabel",
    "smithy.api#idempotencyToken",
    "smithy.api#required",
    "smithy.api#clientOptional",
    "smithy.api#eventHeader",
    "smithy.api#eventPayload",
    "smithy.api#sensitive",
    "smithy.api#default",
    "aws.protocols#ec2QueryName",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
];

/// The traits of `t` not in `known`, kept as the model gives them.
fn other(t: &Traits, known: &[&str]) -> Vec<(Box<str>, Json)> {
    t.iter()
        .filter(|(id, _)| !known.contains(&id.as_str()))
        .map(|(id, value)| (id.as_str().into(), value.clone()))
        .collect()
}

/// `@error` with `@httpError` and `@awsQueryError`.
fn error_trait(t: &Traits, query_protocol: bool) -> Option<ErrorTrait> {
    let fault = text(t, "smithy.api#error")?;
    let query = t.get("aws.protocols#awsQueryError");
    // The awsQuery status is what the query protocols send; every other protocol sends the
    // `@httpError` status (a query-compatible JSON service included).
    let status = match query_protocol {
        true => query.and_then(|q| q.get("httpResponseCode")?.as_u64()),
        false => None,
    };
    let status = status.or_else(|| t.get("smithy.api#httpError").and_then(Json::as_u64));
    Some(ErrorTrait {
        fault: if fault == "server" { Fault::Server } else { Fault::Client },
        http_status: status.and_then(|s| u16::try_from(s).ok()),
        code: query.and_then(|q| q.get("code")?.as_str()).map(Into::into),
    })
}

fn member_traits((parent, name): (&str, &str), member: &MemberDef, target: Option<&ShapeDef>) -> Result<MemberTraits> {
    let t = &member.traits;
    let http = http_binding(name, t);
    // A header holding JSON text travels base64 (botocore's `jsonvalue`).
    let json_media = target.and_then(|s| text(&s.traits, "smithy.api#mediaType")) == Some("application/json");
    let json_value = json_media && matches!(http, Some(HttpBinding::Header(_)));
    // `@default(null)` takes a target's default away.
    let default =
        match t.get("smithy.api#default").filter(|d| !d.is_null()) {
            None => None,
            Some(default) => {
                let shape_type = match target {
                    Some(shape) => shape_type(&member.target, shape)?,
                    None => prelude_type(&member.target),
                };
                let value = default_value(default, shape_type);
                Some(value.ok_or_else(|| {
                    Error::model(format!("{parent}${name}: the default {default} is no {shape_type}"))
                })?)
            }
        };
    Ok(MemberTraits {
        http,
        json_name: text(t, "smithy.api#jsonName").map(Into::into),
        xml_name: text(t, "smithy.api#xmlName").map(Into::into),
        xml_attribute: flag(t, "smithy.api#xmlAttribute"),
        xml_flattened: flag(t, "smithy.api#xmlFlattened"),
        xml_namespace: namespace(t),
        timestamp_format: timestamp_format(&format!("{parent}${name}"), t)?,
        host_label: flag(t, "smithy.api#hostLabel"),
        idempotency_token: flag(t, "smithy.api#idempotencyToken"),
        required: flag(t, "smithy.api#required"),
        client_optional: flag(t, "smithy.api#clientOptional"),
        event_header: flag(t, "smithy.api#eventHeader"),
        event_payload: flag(t, "smithy.api#eventPayload"),
        sensitive: flag(t, "smithy.api#sensitive"),
        default,
        ec2_query_name: text(t, "aws.protocols#ec2QueryName").map(Into::into),
        json_value,
        other: other(t, &MEMBER_TRAITS),
    })
}

/// Where an HTTP binding trait puts member `name`.
fn http_binding(name: &str, t: &Traits) -> Option<HttpBinding> {
    if let Some(header) = text(t, "smithy.api#httpHeader") {
        Some(HttpBinding::Header(header.into()))
    } else if let Some(prefix) = text(t, "smithy.api#httpPrefixHeaders") {
        Some(HttpBinding::PrefixHeaders(prefix.into()))
    } else if let Some(query) = text(t, "smithy.api#httpQuery") {
        Some(HttpBinding::Query(query.into()))
    } else if flag(t, "smithy.api#httpQueryParams") {
        Some(HttpBinding::QueryParams)
    } else if flag(t, "smithy.api#httpLabel") {
        Some(HttpBinding::Label(name.into()))
    } else if flag(t, "smithy.api#httpPayload") || flag(t, "smithy.api#eventPayload") {
        Some(HttpBinding::Payload)
    } else if flag(t, "smithy.api#httpResponseCode") {
        Some(HttpBinding::ResponseCode)
    } else {
        None
    }
}

fn prelude_type(target: &str) -> ShapeType {
    let name = super::closure::local(target);
    let name = name.strip_prefix("Primitive").unwrap_or(name);
    ShapeType::from_name(&lower_first(name)).unwrap_or(ShapeType::Structure)
}

/// A `@default` as a value of its member's type.
fn default_value(json: &Json, shape_type: ShapeType) -> Option<Value> {
    use ShapeType as T;
    Some(match (shape_type, json) {
        (T::String, Json::String(s)) => Value::String(s.clone()),
        (T::Enum, Json::String(s)) => Value::Enum(s.clone().into()),
        (T::Boolean, Json::Bool(b)) => Value::Boolean(*b),
        (T::Byte, n) => Value::Byte(i8::try_from(n.as_i64()?).ok()?),
        (T::Short, n) => Value::Short(i16::try_from(n.as_i64()?).ok()?),
        (T::Integer, n) => Value::Integer(i32::try_from(n.as_i64()?).ok()?),
        (T::IntEnum, n) => Value::IntEnum(i32::try_from(n.as_i64()?).ok()?),
        (T::Long, n) => Value::Long(n.as_i64()?),
        (T::Float, n) => Value::Float(n.as_f64()? as f32),
        (T::Double, n) => Value::Double(n.as_f64()?),
        (T::BigInteger, Json::Number(n)) => Value::BigInteger(n.to_string()),
        (T::BigDecimal, Json::Number(n)) => Value::BigDecimal(n.to_string()),
        (T::Blob, Json::String(s)) => Value::Blob(Blob::from_base64(s).ok()?),
        (T::Timestamp, Json::Number(n)) => Value::Timestamp(Timestamp::from_secs(n.as_i64()?).ok()?),
        (T::Timestamp, Json::String(s)) => Value::Timestamp(Timestamp::parse(s, TimestampFormat::DateTime).ok()?),
        (T::List, Json::Array(items)) if items.is_empty() => Value::List(List::new()),
        (T::Map, Json::Object(entries)) if entries.is_empty() => Value::Map(Map::new()),
        (T::Document, json) => {
            let bytes = serde_json::to_vec(json).ok()?;
            Value::Document(Document::new(json::decode_document(&bytes, &JsonSettings::plain()).ok()?))
        }
        _ => return None,
    })
}
