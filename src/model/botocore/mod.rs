//! botocore `service-2.json` models.
//!
//! ```
//! let json = br#"{
//!   "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Demo", "apiVersion": "2020-01-01"},
//!   "operations": {"Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"},
//!                          "input": {"shape": "GetInput"}, "errors": [{"shape": "NotFound"}]}},
//!   "shapes": {
//!     "GetInput": {"type": "structure", "required": ["Id"], "members": {"Id": {"shape": "String"}}},
//!     "NotFound": {"type": "structure", "members": {}, "exception": true, "error": {"httpStatusCode": 404}},
//!     "String": {"type": "string"}
//!   }
//! }"#;
//! let model = awsval::model::botocore::load(json)?;
//! assert_eq!(model.service().target_prefix.as_deref(), Some("Demo"));
//! let get = model.operation("Get").expect("declared");
//! assert!(get.input().and_then(|s| s.member("Id")).is_some_and(|m| m.is_required()));
//! assert_eq!(get.errors().next().and_then(|e| e.error_code()), Some("NotFound"));
//! # Ok::<(), awsval::Error>(())
//! ```

mod data_path;
mod extras;

use indexmap::IndexMap;
use serde::Deserialize;

pub use self::data_path::{DataPath, ModelFile, ServiceEntry, load_file};
pub use self::extras::merge_extras;

use crate::error::{Error, Result};
use crate::schema::{
    Fault, HttpBinding, HttpTrait, MemberTraits, Model, ModelBuilder, Operation, Service, ShapeId, ShapeType,
    XmlNamespace,
};
use crate::timestamp::TimestampFormat;

/// Loads a whole `service-2.json`: its metadata, operations and shapes.
///
/// Fails with [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed JSON and
/// [`ErrorKind::Model`](crate::ErrorKind::Model) for an inconsistent model (an unknown shape
/// type, a member targeting a shape that does not exist…).
pub fn load(json: &[u8]) -> Result<Model> {
    let file: ServiceFile = serde_json::from_slice(json).map_err(|error| syntax(json, &error))?;
    build(&file)
}

/// Loads a model already parsed as JSON (a suite's `metadata`, `shapes` and `operations`).
pub fn load_value(value: serde_json::Value) -> Result<Model> {
    let file: ServiceFile = serde_json::from_value(value).map_err(model_error)?;
    build(&file)
}

fn build(file: &ServiceFile) -> Result<Model> {
    let mut builder = ModelBuilder::new();
    *builder.service_mut() = service(&file.metadata);
    // botocore also takes `payload` from an operation's input or output reference.
    let payloads: Payloads<'_> = file
        .operations
        .values()
        .flat_map(|operation| [&operation.input, &operation.output])
        .flatten()
        .filter_map(|reference| Some((reference.shape.as_str(), reference.payload.as_deref()?)))
        .collect();
    let ids = add_shapes(&mut builder, &file.shapes, &payloads)?;
    for (name, operation) in &file.operations {
        builder.operation(operation_of(name, operation, &ids)?);
    }
    builder.finish()
}

/// Shape ids by botocore shape name.
type Ids = IndexMap<String, ShapeId>;

/// The payload member named by operation references, by shape name.
type Payloads<'f> = std::collections::HashMap<&'f str, &'f str>;

fn syntax(json: &[u8], error: &serde_json::Error) -> Error {
    let kind = if error.is_syntax() || error.is_eof() { Error::syntax } else { |m, o| Error::model(m).at_offset(o) };
    kind(format!("invalid botocore model: {error}"), line_column_offset(json, error.line(), error.column()))
}

/// The byte offset of serde_json's 1-based line and column.
fn line_column_offset(json: &[u8], line: usize, column: usize) -> usize {
    let line_start = json.split_inclusive(|&b| b == b'\n').take(line.saturating_sub(1)).map(<[u8]>::len).sum::<usize>();
    line_start + column.saturating_sub(1)
}

fn model_error(error: serde_json::Error) -> Error {
    Error::model(format!("invalid botocore model: {error}"))
}

#[derive(Deserialize)]
struct ServiceFile {
    metadata: Metadata,
    #[serde(default)]
    operations: IndexMap<String, OperationDef>,
    shapes: IndexMap<String, ShapeDef>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Metadata {
    protocol: Option<String>,
    protocols: Vec<String>,
    api_version: Option<String>,
    json_version: Option<String>,
    target_prefix: Option<String>,
    xml_namespace: Option<String>,
    aws_query_compatible: Option<serde_json::Value>,
    service_id: Option<String>,
    service_full_name: Option<String>,
    endpoint_prefix: Option<String>,
    signing_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OperationDef {
    http: Option<HttpDef>,
    input: Option<Ref>,
    output: Option<Ref>,
    #[serde(default)]
    errors: Vec<Ref>,
    endpoint: Option<EndpointDef>,
    #[serde(rename = "requestcompression")]
    request_compression: Option<CompressionDef>,
    #[serde(default)]
    http_checksum_required: bool,
    #[serde(default)]
    idempotent: bool,
    #[serde(default)]
    deprecated: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HttpDef {
    method: Option<String>,
    request_uri: Option<String>,
    response_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Ref {
    shape: String,
    payload: Option<String>,
    result_wrapper: Option<String>,
    location_name: Option<String>,
    xml_namespace: Option<NamespaceDef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EndpointDef {
    host_prefix: Option<String>,
}

#[derive(Deserialize)]
struct CompressionDef {
    #[serde(default)]
    encodings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NamespaceDef {
    Uri(String),
    Full { uri: String, prefix: Option<String> },
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ShapeDef {
    #[serde(rename = "type")]
    shape_type: String,
    members: IndexMap<String, MemberDef>,
    member: Option<MemberDef>,
    key: Option<MemberDef>,
    value: Option<MemberDef>,
    required: Vec<String>,
    #[serde(rename = "enum")]
    enum_values: Vec<String>,
    timestamp_format: Option<String>,
    location: Option<String>,
    location_name: Option<String>,
    xml_namespace: Option<NamespaceDef>,
    flattened: bool,
    sparse: bool,
    sensitive: bool,
    streaming: bool,
    #[serde(rename = "eventstream")]
    event_stream: bool,
    union: bool,
    document: bool,
    exception: bool,
    fault: bool,
    error: Option<ErrorDef>,
    payload: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    pattern: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorDef {
    code: Option<String>,
    http_status_code: Option<u16>,
    sender_fault: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct MemberDef {
    shape: String,
    location: Option<String>,
    location_name: Option<String>,
    query_name: Option<String>,
    xml_attribute: bool,
    xml_namespace: Option<NamespaceDef>,
    flattened: bool,
    #[serde(rename = "jsonvalue")]
    json_value: bool,
    idempotency_token: bool,
    host_label: bool,
    timestamp_format: Option<String>,
    #[serde(rename = "eventpayload")]
    event_payload: bool,
    #[serde(rename = "eventheader")]
    event_header: bool,
}

fn service(metadata: &Metadata) -> Service {
    let mut protocols: Vec<Box<str>> = metadata.protocols.iter().map(|p| p.as_str().into()).collect();
    if let Some(protocol) = &metadata.protocol {
        if !protocols.iter().any(|p| **p == **protocol) {
            protocols.push(protocol.as_str().into());
        }
    }
    let text = |field: &Option<String>| field.as_deref().map(Into::into);
    Service {
        name: metadata
            .service_id
            .as_ref()
            .or(metadata.service_full_name.as_ref())
            .map_or("".into(), |n| n.as_str().into()),
        protocols,
        api_version: text(&metadata.api_version),
        json_version: text(&metadata.json_version),
        target_prefix: text(&metadata.target_prefix),
        xml_namespace: text(&metadata.xml_namespace),
        aws_query_compatible: metadata.aws_query_compatible.is_some(),
        no_error_wrapping: metadata.service_id.as_deref() == Some("S3"),
        endpoint_prefix: text(&metadata.endpoint_prefix),
        signing_name: text(&metadata.signing_name),
    }
}

/// Declares every shape, then fills traits and members (so any order of definitions works).
fn add_shapes(builder: &mut ModelBuilder, shapes: &IndexMap<String, ShapeDef>, payloads: &Payloads<'_>) -> Result<Ids> {
    let mut ids = Ids::with_capacity(shapes.len());
    for (name, shape) in shapes {
        ids.insert(name.clone(), builder.declare(name, shape_type(name, shape)?));
    }
    for (name, shape) in shapes {
        let payload = shape.payload.as_deref().or_else(|| payloads.get(name.as_str()).copied());
        fill_shape(builder, ids[name.as_str()], (name, shape, payload), shapes, &ids)?;
    }
    Ok(ids)
}

fn shape_type(name: &str, shape: &ShapeDef) -> Result<ShapeType> {
    Ok(match shape.shape_type.as_str() {
        "structure" if shape.document => ShapeType::Document,
        "structure" if shape.union || shape.event_stream => ShapeType::Union,
        "structure" => ShapeType::Structure,
        "string" if !shape.enum_values.is_empty() => ShapeType::Enum,
        "string" | "character" => ShapeType::String,
        "blob" => ShapeType::Blob,
        "boolean" => ShapeType::Boolean,
        "byte" => ShapeType::Byte,
        "short" => ShapeType::Short,
        "integer" => ShapeType::Integer,
        "long" => ShapeType::Long,
        "float" => ShapeType::Float,
        "double" => ShapeType::Double,
        "bigdecimal" | "bigDecimal" => ShapeType::BigDecimal,
        "biginteger" | "bigInteger" => ShapeType::BigInteger,
        "timestamp" => ShapeType::Timestamp,
        "list" => ShapeType::List,
        "map" => ShapeType::Map,
        other => {
            return Err(Error::model(format!("shape {name}: unknown type `{other}`")));
        }
    })
}

fn timestamp_format(name: &str, format: Option<&String>) -> Result<Option<TimestampFormat>> {
    format
        .map(|f| {
            TimestampFormat::from_name(f).ok_or_else(|| Error::model(format!("{name}: unknown timestampFormat `{f}`")))
        })
        .transpose()
}

fn namespace(definition: &NamespaceDef) -> XmlNamespace {
    match definition {
        NamespaceDef::Uri(uri) => XmlNamespace { uri: uri.as_str().into(), prefix: None },
        NamespaceDef::Full { uri, prefix } => {
            XmlNamespace { uri: uri.as_str().into(), prefix: prefix.as_deref().map(Into::into) }
        }
    }
}

fn fill_shape(
    builder: &mut ModelBuilder,
    id: ShapeId,
    (name, shape, payload): (&str, &ShapeDef, Option<&str>),
    shapes: &IndexMap<String, ShapeDef>,
    ids: &Ids,
) -> Result<()> {
    let mut edit = builder.shape(id);
    let traits = edit.traits_mut();
    traits.xml_name = shape.location_name.as_deref().map(Into::into);
    traits.xml_namespace = shape.xml_namespace.as_ref().map(namespace);
    traits.timestamp_format = timestamp_format(name, shape.timestamp_format.as_ref())?;
    traits.sensitive = shape.sensitive;
    traits.sparse = shape.sparse;
    traits.streaming = shape.streaming;
    traits.event_stream = shape.event_stream;
    traits.min = shape.min;
    traits.max = shape.max;
    traits.pattern = shape.pattern.as_deref().map(Into::into);
    if shape.exception || shape.error.is_some() {
        let error = shape.error.as_ref();
        let client = error.and_then(|e| e.sender_fault).unwrap_or(!shape.fault);
        traits.error = Some(crate::schema::ErrorTrait {
            fault: if client { Fault::Client } else { Fault::Server },
            http_status: error.and_then(|e| e.http_status_code),
            code: error.and_then(|e| e.code.as_deref()).map(Into::into),
        });
    }
    let mut edit = shape.enum_values.iter().fold(edit, |edit, value| edit.enum_value(value, value));

    let collection_members = [("member", &shape.member), ("key", &shape.key), ("value", &shape.value)];
    let members: Vec<(&str, &MemberDef)> = match shape.shape_type.as_str() {
        "list" | "map" => collection_members.iter().filter_map(|(n, m)| m.as_ref().map(|m| (*n, m))).collect(),
        _ => shape.members.iter().map(|(n, m)| (n.as_str(), m)).collect(),
    };
    for (member_name, member) in members {
        let target = *ids.get(&member.shape).ok_or_else(|| {
            Error::model(format!("member {name}.{member_name} targets unknown shape {}", member.shape))
        })?;
        let target_def = &shapes[member.shape.as_str()];
        let mut added = edit.member(member_name, target);
        *added.traits_mut() = member_traits((name, shape, payload), member_name, member, target_def)?;
        edit = added.shape();
    }
    Ok(())
}

fn member_traits(
    (shape_name, parent, payload): (&str, &ShapeDef, Option<&str>),
    name: &str,
    member: &MemberDef,
    target: &ShapeDef,
) -> Result<MemberTraits> {
    let mut traits = MemberTraits::default();
    // botocore merges a member's reference over its target shape: a `location` (and its
    // `locationName`) may be given on the shape.
    let location = member.location.as_deref().or(target.location.as_deref());
    let location_name = match member.location_name.as_deref() {
        None if member.location.is_none() && target.location.is_some() => target.location_name.as_deref(),
        name => name,
    };
    traits.http = match location {
        Some("header") => Some(HttpBinding::Header(location_name.unwrap_or(name).into())),
        Some("headers") => Some(HttpBinding::PrefixHeaders(location_name.unwrap_or("").into())),
        Some("querystring") if target.shape_type == "map" => Some(HttpBinding::QueryParams),
        Some("querystring") => Some(HttpBinding::Query(location_name.unwrap_or(name).into())),
        Some("uri") => Some(HttpBinding::Label(location_name.unwrap_or(name).into())),
        Some("statusCode") => Some(HttpBinding::ResponseCode),
        Some(other) => {
            return Err(Error::model(format!("member {shape_name}.{name}: unknown location `{other}`")));
        }
        None if payload == Some(name) || member.event_payload => Some(HttpBinding::Payload),
        None => None,
    };
    if location.is_none() {
        traits.json_name = location_name.map(Into::into);
        traits.xml_name = location_name.or_else(|| flattened_item_name(target)).map(Into::into);
    }
    traits.xml_attribute = member.xml_attribute;
    traits.xml_flattened = member.flattened || target.flattened;
    traits.xml_namespace = member.xml_namespace.as_ref().map(namespace);
    traits.timestamp_format = timestamp_format(name, member.timestamp_format.as_ref())?;
    traits.host_label = member.host_label;
    traits.idempotency_token = member.idempotency_token;
    traits.required = parent.required.iter().any(|r| r == name);
    traits.ec2_query_name = member.query_name.as_deref().map(Into::into);
    traits.json_value = member.json_value;
    traits.event_header = member.event_header;
    traits.event_payload = member.event_payload;
    Ok(traits)
}

/// The element (and query key) name of a list that is `flattened` as a shape, as botocore reads
/// it: its member's `locationName`, when the structure member gives none (SimpleDB's
/// `DomainNameList` repeats `<DomainName>`). Where the structure member declares `flattened`
/// itself, the Smithy rule holds: the items are named by the structure member.
fn flattened_item_name(target: &ShapeDef) -> Option<&str> {
    let item = target.member.as_ref().filter(|_| target.flattened && target.shape_type == "list")?;
    item.location_name.as_deref()
}

fn operation_of(name: &str, definition: &OperationDef, ids: &Ids) -> Result<Operation> {
    let shape = |reference: &Ref| {
        ids.get(&reference.shape)
            .copied()
            .ok_or_else(|| Error::model(format!("operation {name} refers to unknown shape {}", reference.shape)))
    };
    let mut operation = Operation::new(name);
    if let Some(http) = &definition.http {
        operation.http = HttpTrait {
            method: http.method.as_deref().unwrap_or("POST").into(),
            uri: http.request_uri.as_deref().unwrap_or("/").into(),
            code: http.response_code,
        };
        operation.http.labels().map_err(|e| Error::model(format!("operation {name}: {}", e.message())))?;
    }
    operation.input = definition.input.as_ref().map(shape).transpose()?;
    operation.input_xml_name = definition.input.as_ref().and_then(|i| i.location_name.as_deref()).map(Into::into);
    operation.input_xml_namespace = definition.input.as_ref().and_then(|i| i.xml_namespace.as_ref()).map(namespace);
    operation.output = definition.output.as_ref().map(shape).transpose()?;
    operation.output_wrapper = definition.output.as_ref().and_then(|o| o.result_wrapper.as_deref()).map(Into::into);
    operation.errors = definition.errors.iter().map(shape).collect::<Result<_>>()?;
    operation.host_prefix = definition.endpoint.as_ref().and_then(|e| e.host_prefix.as_deref()).map(Into::into);
    operation.request_compression = definition
        .request_compression
        .as_ref()
        .map(|c| c.encodings.iter().map(|e| e.as_str().into()).collect())
        .unwrap_or_default();
    operation.http_checksum_required = definition.http_checksum_required;
    operation.idempotent = definition.idempotent;
    operation.deprecated = definition.deprecated;
    Ok(operation)
}
