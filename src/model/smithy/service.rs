//! The service shape's traits as a [`Service`], and each operation as an [`Operation`].

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::ast::{Ref, ShapeDef};
use super::closure::{Closure, local};
use super::shapes::Ids;
use crate::error::{Error, Result};
use crate::schema::{HttpTrait, Operation, Service, XmlNamespace};

/// The protocol traits, as botocore names the protocols (its `protocols` list), with the
/// awsJson version.
const PROTOCOLS: [(&str, &str, Option<&str>); 7] = [
    ("aws.protocols#awsJson1_0", "json", Some("1.0")),
    ("aws.protocols#awsJson1_1", "json", Some("1.1")),
    ("aws.protocols#restJson1", "rest-json", None),
    ("aws.protocols#restXml", "rest-xml", None),
    ("smithy.protocols#rpcv2Cbor", "smithy-rpc-v2-cbor", None),
    ("aws.protocols#awsQuery", "query", None),
    ("aws.protocols#ec2Query", "ec2", None),
];

pub(super) fn service(closure: &Closure<'_>) -> Service {
    let traits = &closure.service.traits;
    let aws = traits.get("aws.api#service");
    let aws_text = |field: &str| aws.and_then(|a| a.get(field)?.as_str()).map(Into::into);
    let mut protocols = Vec::new();
    let mut json_version = None;
    for (trait_id, name, version) in PROTOCOLS {
        if traits.contains_key(trait_id) {
            protocols.push(name.into());
            json_version = json_version.or(version.map(Into::into));
        }
    }
    Service {
        name: aws_text("sdkId").unwrap_or_else(|| local(closure.service_id).into()),
        protocols,
        api_version: closure.service.version.as_deref().map(Into::into),
        json_version,
        // awsJson's X-Amz-Target is `{service shape name}.{operation}`.
        target_prefix: Some(local(closure.service_id).into()),
        xml_namespace: traits.get("smithy.api#xmlNamespace").and_then(|n| n.get("uri")?.as_str()).map(Into::into),
        aws_query_compatible: traits.contains_key("aws.protocols#awsQueryCompatible"),
        no_error_wrapping: traits
            .get("aws.protocols#restXml")
            .and_then(|r| r.get("noErrorWrapping")?.as_bool())
            .unwrap_or(false),
        endpoint_prefix: aws_text("endpointPrefix"),
        signing_name: traits.get("aws.auth#sigv4").and_then(|s| s.get("name")?.as_str()).map(Into::into),
    }
}

pub(super) fn operation(
    closure: &Closure<'_>,
    id: &str,
    shapes: &IndexMap<String, ShapeDef>,
    ids: &Ids,
) -> Result<Operation> {
    let definition = &shapes[id];
    let name = closure.service.rename.get(id).map_or_else(|| local(id), String::as_str);
    let shape = |reference: &Ref| {
        ids.get(&reference.target)
            .copied()
            .ok_or_else(|| Error::model(format!("operation {name} refers to unknown shape {}", reference.target)))
    };
    // Unit is no input or output.
    let unit = |reference: &&Ref| reference.target != "smithy.api#Unit";
    let traits = &definition.traits;
    let mut operation = Operation::new(name);
    if let Some(http) = traits.get("smithy.api#http") {
        operation.http = HttpTrait {
            method: http.get("method").and_then(Json::as_str).unwrap_or("POST").into(),
            uri: http.get("uri").and_then(Json::as_str).unwrap_or("/").into(),
            code: http.get("code").and_then(Json::as_u64).and_then(|c| u16::try_from(c).ok()).filter(|&c| c != 200),
        };
        operation.http.labels().map_err(|e| Error::model(format!("operation {name}: {}", e.message())))?;
    }
    operation.input = definition.input.as_ref().filter(unit).map(shape).transpose()?;
    operation.output = definition.output.as_ref().filter(unit).map(shape).transpose()?;
    // restXml's request body root is in the service's namespace unless its structure has one.
    if closure.service.traits.contains_key("aws.protocols#restXml") {
        let input_namespace = definition
            .input
            .as_ref()
            .and_then(|i| shapes.get(&i.target))
            .and_then(|s| s.traits.get("smithy.api#xmlNamespace"));
        operation.input_xml_namespace =
            input_namespace.or_else(|| closure.service.traits.get("smithy.api#xmlNamespace")).and_then(|n| {
                Some(XmlNamespace {
                    uri: n.get("uri")?.as_str()?.into(),
                    prefix: n.get("prefix").and_then(Json::as_str).map(Into::into),
                })
            });
    }
    if closure.service.traits.contains_key("aws.protocols#awsQuery") && operation.output.is_some() {
        operation.output_wrapper = Some(format!("{name}Result").into());
    }
    let errors = definition.errors.iter().chain(&closure.service.errors);
    operation.errors = errors.map(shape).collect::<Result<_>>()?;
    operation.host_prefix =
        traits.get("smithy.api#endpoint").and_then(|e| e.get("hostPrefix")?.as_str()).map(Into::into);
    operation.request_compression = traits
        .get("smithy.api#requestCompression")
        .and_then(|c| c.get("encodings")?.as_array())
        .map(|encodings| encodings.iter().filter_map(Json::as_str).map(Into::into).collect())
        .unwrap_or_default();
    operation.http_checksum_required = traits.contains_key("smithy.api#httpChecksumRequired");
    operation.idempotent = traits.contains_key("smithy.api#idempotent");
    operation.deprecated = traits.contains_key("smithy.api#deprecated");
    Ok(operation)
}
