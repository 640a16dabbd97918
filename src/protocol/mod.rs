//! Protocols: the HTTP envelope around the codecs.
//!
//! A protocol is codec settings plus an envelope: where the operation name goes, which
//! headers are set, how errors are recognised. [`request`] builds the HTTP request for an
//! operation's input; [`response`] reads an HTTP response into the output or a
//! [`ServiceError`]; [`typed_error`] reads an error into an operation's derived error enum.
//!
//! ```
//! use awsval::model::botocore;
//! use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
//! use awsval::{Structure, Value};
//!
//! let model = botocore::load(br#"{
//!   "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Demo"},
//!   "operations": {"Get": {"name": "Get", "input": {"shape": "Id"}, "output": {"shape": "Id"},
//!                          "errors": [{"shape": "NotFound"}]}},
//!   "shapes": {"Id": {"type": "structure", "members": {"Id": {"shape": "S"}}}, "S": {"type": "string"},
//!              "NotFound": {"type": "structure", "members": {"Message": {"shape": "S"}}, "exception": true}}
//! }"#)?;
//! let get = model.operation("Get").expect("declared");
//! let protocol = Protocol::of_service(model.service())?;
//! assert_eq!(protocol, Protocol::AwsJson1_1);
//!
//! let input = Value::from(Structure::new().with("Id", "i-1"));
//! let request = protocol::request(protocol, get, &input, &Endpoint::default(), &RequestOptions::default())?;
//! assert_eq!(request.header("X-Amz-Target"), Some("Demo.Get"));
//! assert_eq!(request.body, br#"{"Id":"i-1"}"#);
//!
//! let reply = HttpResponse::new(400, r#"{"__type": "com.demo#NotFound", "Message": "no i-1"}"#);
//! let error = protocol::response(protocol, get, &reply)?.unwrap_err();
//! assert_eq!((error.code.as_str(), error.message.as_deref()), ("NotFound", Some("no i-1")));
//! assert_eq!(error.shape.map(|s| s.name()), Some("NotFound"));
//! # Ok::<(), awsval::Error>(())
//! ```

mod aws_json;
mod aws_query;
mod compression;
mod defaults;
mod error_code;
pub mod events;
mod headers;
mod http;
mod http1;
mod reply;
mod rest;
mod rpc_v2_cbor;
mod s3;
mod server;
mod service_error;
mod stream;
mod typed;
mod uri;
mod xml_error;

use std::fmt;

pub use self::error_code::{error_shape, reason_phrase, sanitize_error_code};
pub use self::http::{Endpoint, HttpRequest, HttpResponse};
pub use self::reply::{ResponseOptions, encode_error, encode_response};
pub use self::server::{ParsedRequest, RequestError, parse_request, parse_request_with};
pub use self::service_error::ServiceError;
pub use self::stream::EventReader;
pub use self::typed::{encode_response_typed, request_typed, response_typed};
use crate::convert::OperationError;
use crate::error::{Error, Result};
use crate::json::{self, JsonSettings};
use crate::limits::Limits;
use crate::query::QueryFlavor;
use crate::schema::{OperationRef, Service, ShapeRef};
use crate::value::Value;
use crate::xml::{self, XmlSettings};

/// The AWS protocols.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `awsJson1_0` (botocore `json` with `jsonVersion` 1.0).
    AwsJson1_0,
    /// `awsJson1_1` (botocore `json` with `jsonVersion` 1.1).
    AwsJson1_1,
    /// `restJson1` (botocore `rest-json`).
    RestJson1,
    /// `restXml` (botocore `rest-xml`).
    RestXml,
    /// `awsQuery` (botocore `query`).
    AwsQuery,
    /// `ec2Query` (botocore `ec2`).
    Ec2Query,
    /// `rpcv2Cbor` (botocore `smithy-rpc-v2-cbor`).
    RpcV2Cbor,
}

impl Protocol {
    /// Every protocol.
    pub const ALL: [Self; 7] = [
        Self::AwsJson1_0,
        Self::AwsJson1_1,
        Self::RestJson1,
        Self::RestXml,
        Self::AwsQuery,
        Self::Ec2Query,
        Self::RpcV2Cbor,
    ];

    /// Reads a Smithy name (`awsJson1_0`, `restXml`…) or a botocore name (`json`, `rest-xml`…);
    /// botocore's `json` is awsJson1_1 unless `json_version` says `1.0`.
    pub fn from_name(name: &str, json_version: Option<&str>) -> Option<Self> {
        Some(match name {
            "json" if json_version == Some("1.0") => Self::AwsJson1_0,
            "json" | "awsJson1_1" => Self::AwsJson1_1,
            "awsJson1_0" => Self::AwsJson1_0,
            "rest-json" | "restJson1" => Self::RestJson1,
            "rest-xml" | "restXml" => Self::RestXml,
            "query" | "awsQuery" => Self::AwsQuery,
            "ec2" | "ec2Query" => Self::Ec2Query,
            "smithy-rpc-v2-cbor" | "rpcv2Cbor" => Self::RpcV2Cbor,
            _ => return None,
        })
    }

    /// The protocol a client of the service speaks, chosen as botocore chooses it: the first of
    /// `json`, `rest-json`, `rest-xml`, `smithy-rpc-v2-cbor`, `query`, `ec2` that the service
    /// lists (so a service listing both `json` and `smithy-rpc-v2-cbor` is spoken to in
    /// awsJson).
    pub fn of_service(service: &Service) -> Result<Self> {
        const PRIORITY: [&str; 6] = ["json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2"];
        let json_version = service.json_version.as_deref();
        let listed = |name: &str| {
            service.protocols.iter().any(|listed| {
                Self::from_name(listed, json_version).is_some_and(|p| Some(p) == Self::from_name(name, json_version))
            })
        };
        PRIORITY.iter().find(|name| listed(name)).and_then(|name| Self::from_name(name, json_version)).ok_or_else(
            || Error::model(format!("the service speaks no protocol awsval knows ({:?})", service.protocols)),
        )
    }

    /// The Smithy name.
    pub const fn smithy_name(self) -> &'static str {
        match self {
            Self::AwsJson1_0 => "awsJson1_0",
            Self::AwsJson1_1 => "awsJson1_1",
            Self::RestJson1 => "restJson1",
            Self::RestXml => "restXml",
            Self::AwsQuery => "awsQuery",
            Self::Ec2Query => "ec2Query",
            Self::RpcV2Cbor => "rpcv2Cbor",
        }
    }

    /// The settings of the protocol's JSON bodies, when it has them.
    pub const fn json_settings(self) -> Option<JsonSettings> {
        match self {
            Self::AwsJson1_0 | Self::AwsJson1_1 => Some(JsonSettings::aws_json()),
            Self::RestJson1 => Some(JsonSettings::rest_json()),
            Self::RestXml | Self::AwsQuery | Self::Ec2Query | Self::RpcV2Cbor => None,
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.smithy_name())
    }
}

/// Choices a request leaves to the caller.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Bodies at least this long are compressed when the operation has `@requestCompression`
    /// (Smithy's default: 10240).
    pub min_compression_bytes: usize,
    /// Never compress.
    pub disable_compression: bool,
    /// Bounds for the codecs.
    pub limits: Limits,
    /// Makes the value of an absent `@idempotencyToken` member (a random UUID v4 by default;
    /// a constant makes requests reproducible in tests).
    pub idempotency_token: fn() -> String,
}

impl RequestOptions {
    /// Uses `generate` for absent idempotency tokens.
    #[must_use]
    pub fn with_idempotency_token(mut self, generate: fn() -> String) -> Self {
        self.idempotency_token = generate;
        self
    }
}

fn random_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Default for RequestOptions {
    fn default() -> Self {
        Self {
            min_compression_bytes: 10_240,
            disable_compression: false,
            limits: Limits::new(),
            idempotency_token: random_token,
        }
    }
}

/// Decodes a body of `shape` in the wire format of `protocol`'s bodies: JSON for the JSON
/// protocols, XML for restXml and for the query protocols' responses, CBOR for rpcv2Cbor. Any
/// shape of any model can be read in any of them: that is how a value crosses protocols.
///
/// ```
/// use awsval::protocol::{self, Protocol};
/// use awsval::schema::{ModelBuilder, ShapeType};
///
/// let mut builder = ModelBuilder::new();
/// let string = builder.prelude(ShapeType::String);
/// let shape = builder.add("Job", ShapeType::Structure).member("Id", string).id();
/// let model = builder.finish()?;
/// let value = protocol::decode_body(Protocol::RestJson1, br#"{"Id":"j-1"}"#, model.get(shape))?;
/// let xml = protocol::encode_body(Protocol::RestXml, &value, model.get(shape))?;
/// assert_eq!(xml, b"<Job><Id>j-1</Id></Job>");
/// assert_eq!(protocol::decode_body(Protocol::AwsQuery, &xml, model.get(shape))?, value);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_body(protocol: Protocol, body: &[u8], shape: ShapeRef<'_>) -> Result<Value> {
    decode_body_within(protocol, body, shape, Limits::new())
}

/// [`decode_body`] within `limits` (a body off the network: [`Limits::untrusted`]).
pub fn decode_body_within(protocol: Protocol, body: &[u8], shape: ShapeRef<'_>, limits: Limits) -> Result<Value> {
    match (protocol, protocol.json_settings()) {
        (Protocol::RpcV2Cbor, _) => {
            crate::cbor::decode(body, shape, &crate::cbor::CborSettings::new().with_limits(limits))
        }
        (_, Some(settings)) => json::decode(body, shape, &settings.with_limits(limits)),
        (_, None) => xml::decode(body, shape, &XmlSettings::new().with_limits(limits)),
    }
}

/// Encodes `value` of `shape` as a body in `protocol`'s wire format (see [`decode_body`]).
pub fn encode_body(protocol: Protocol, value: &Value, shape: ShapeRef<'_>) -> Result<Vec<u8>> {
    match (protocol, protocol.json_settings()) {
        (Protocol::RpcV2Cbor, _) => crate::cbor::encode(value, shape, &crate::cbor::CborSettings::new()),
        (_, Some(settings)) => json::encode(value, shape, &settings),
        (_, None) => xml::encode(value, shape, &XmlSettings::new()),
    }
}

/// Builds the HTTP request for `operation` with `input` (a structure of its input shape).
pub fn request(
    protocol: Protocol,
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let input = &*defaults::with_defaults(input, operation.input(), defaults::Filler::ClientInput);
    let filled = with_idempotency_tokens(operation, input, options);
    let input = filled.as_ref().unwrap_or(input);
    match events::stream_member(operation.input()) {
        Some(stream) => stream::write_request(protocol, operation, stream, input, endpoint, options),
        None => write_request(protocol, operation, input, endpoint, options),
    }
}

/// [`request`] for an input without an event stream, its idempotency tokens filled.
fn write_request(
    protocol: Protocol,
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    match protocol {
        Protocol::AwsJson1_0 => aws_json::request("1.0", operation, input, endpoint, options),
        Protocol::AwsJson1_1 => aws_json::request("1.1", operation, input, endpoint, options),
        Protocol::AwsQuery => aws_query::request(QueryFlavor::AwsQuery, operation, input, endpoint, options),
        Protocol::Ec2Query => aws_query::request(QueryFlavor::Ec2Query, operation, input, endpoint, options),
        Protocol::RestJson1 => rest::request(rest::Body::Json, operation, input, endpoint, options),
        Protocol::RestXml => rest::request(rest::Body::Xml, operation, input, endpoint, options),
        Protocol::RpcV2Cbor => rpc_v2_cbor::request(operation, input, endpoint, options),
    }
}

/// The input with every absent `@idempotencyToken` member filled, when one is absent.
fn with_idempotency_tokens(operation: OperationRef<'_>, input: &Value, options: &RequestOptions) -> Option<Value> {
    let shape = operation.input()?;
    let missing: Vec<_> = shape
        .members()
        .filter(|member| member.traits().idempotency_token && input.get(member.name().as_str()).is_none())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut filled = match input {
        Value::Structure(structure) => structure.clone(),
        _ => crate::value::Structure::new(),
    };
    for member in missing {
        filled.push(member.name(), Value::String((options.idempotency_token)()));
    }
    let mut members: Vec<_> = filled.into_iter().collect();
    members.sort_by_key(|(name, _)| shape.member(name).map_or(usize::MAX, |m| m.index()));
    Some(Value::Structure(members.into_iter().collect()))
}

/// Choices for reading a message off the wire: a response on a client, a request on a server.
///
/// Such a message comes off the network, so its bodies are read within [`Limits::untrusted`]
/// by default (nesting, body, string and collection sizes bounded); raise them for a service
/// whose messages are larger, or set [`Limits::new`] for trusted input.
///
/// ```
/// use awsval::Limits;
/// use awsval::protocol::ReadOptions;
///
/// assert_eq!(ReadOptions::default().limits, Limits::untrusted());
/// let options = ReadOptions::default().with_limits(Limits::untrusted().with_max_depth(32));
/// assert_eq!(options.limits.max_depth, 32);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Bounds for the codecs reading the bodies.
    pub limits: Limits,
    /// Whether the reading rules every client of a service applies beyond its protocol are
    /// applied, for the services that have them (on by default; today S3's: an `<Error>`
    /// inside a 200, `GetBucketLocation`'s empty constraint; see the `s3` module's notes in
    /// the README).
    pub customizations: bool,
    /// Whether a required member the response lacks is given its type's zero value (Smithy's
    /// client error correction; off by default, as in botocore). Defaults (`@default`) are
    /// filled in either way.
    pub error_correction: bool,
}

impl ReadOptions {
    /// Sets [`ReadOptions::error_correction`].
    #[must_use]
    pub const fn with_error_correction(mut self, error_correction: bool) -> Self {
        self.error_correction = error_correction;
        self
    }

    /// Reads bodies within `limits`.
    #[must_use]
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets [`ReadOptions::customizations`].
    #[must_use]
    pub const fn with_customizations(mut self, customizations: bool) -> Self {
        self.customizations = customizations;
        self
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self { limits: Limits::untrusted(), customizations: true, error_correction: false }
    }
}

/// Reads `response` to `operation`: the output value, or the service's error. Bodies are read
/// within the default [`ReadOptions`]; [`response_with`] takes others.
///
/// The outer `Result` fails when the response is malformed; the inner one is the service's
/// answer.
pub fn response<'m>(
    protocol: Protocol,
    operation: OperationRef<'m>,
    response: &HttpResponse,
) -> Result<Result<Value, ServiceError<'m>>> {
    response_with(protocol, operation, response, &ReadOptions::default())
}

/// [`response`] with the bounds of `options`.
pub fn response_with<'m>(
    protocol: Protocol,
    operation: OperationRef<'m>,
    response: &HttpResponse,
    options: &ReadOptions,
) -> Result<Result<Value, ServiceError<'m>>> {
    let mut result = match events::stream_member(operation.output()) {
        Some(_) if response.is_success() => stream::read_response(protocol, operation, response, options)?,
        _ => read_response(protocol, operation, response, options)?,
    };
    if let (Ok(output), Some(shape)) = (&mut result, operation.output()) {
        defaults::fill(output, shape, defaults::Filler::ClientOutput { correct: options.error_correction }, 0);
    }
    Ok(result)
}

/// Fills every `@default` of `shape` (and of the shapes under it) into `value` where a
/// member is absent, as a server does with the input it reads and the output it writes
/// (`parse_request` and `encode_response` do it themselves). botocore's models carry no
/// defaults; a Smithy model's do.
///
/// ```
/// use awsval::protocol;
/// use awsval::schema::{ModelBuilder, ShapeType};
/// use awsval::{Structure, Value};
///
/// let mut builder = ModelBuilder::new();
/// let string = builder.prelude(ShapeType::String);
/// let shape = builder.declare("Input", ShapeType::Structure);
/// builder.shape(shape).member("Mode", string).default_value("fast");
/// let model = builder.finish()?;
/// let mut value = Value::from(Structure::new());
/// protocol::fill_defaults(&mut value, model.get(shape));
/// assert_eq!(value, Value::from(Structure::new().with("Mode", "fast")));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn fill_defaults(value: &mut Value, shape: ShapeRef<'_>) {
    defaults::fill(value, shape, defaults::Filler::Server, 0);
}

/// [`response_with`] for a response whose body is no event stream.
fn read_response<'m>(
    protocol: Protocol,
    operation: OperationRef<'m>,
    response: &HttpResponse,
    options: &ReadOptions,
) -> Result<Result<Value, ServiceError<'m>>> {
    let limits = options.limits;
    let xml = XmlSettings::new().with_limits(limits);
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            aws_json::response(operation, response, &JsonSettings::aws_json().with_limits(limits))
        }
        Protocol::AwsQuery => aws_query::response(QueryFlavor::AwsQuery, operation, response, &xml),
        Protocol::Ec2Query => aws_query::response(QueryFlavor::Ec2Query, operation, response, &xml),
        Protocol::RestJson1 => rest::response(rest::Reading { body: rest::Body::Json, limits }, operation, response),
        Protocol::RpcV2Cbor => rpc_v2_cbor::response(operation, response, limits),
        Protocol::RestXml => {
            let reading = rest::Reading { body: rest::Body::Xml, limits };
            if !(options.customizations && s3::applies(operation)) {
                return rest::response(reading, operation, response);
            }
            let changed = s3::before_parse(operation, response);
            let response = changed.as_ref().unwrap_or(response);
            let mut result = rest::response(reading, operation, response)?;
            if let Ok(value) = &mut result {
                s3::after_parse(operation, response, value);
            }
            Ok(result)
        }
    }
}

/// Reads an error response into an operation's error enum: the code matched to a modeled
/// error, else `Unknown { code, message }`. What the OCaml SDK calls `error_of_json`.
///
/// Also what it calls `error_of_xml` for the query protocols. Bodies are read within the
/// default [`ReadOptions`]; [`typed_error_with`] takes others.
pub fn typed_error<E: OperationError>(protocol: Protocol, response: &HttpResponse) -> Result<E> {
    typed_error_with(protocol, response, &ReadOptions::default())
}

/// [`typed_error`] with the bounds of `options`.
pub fn typed_error_with<E: OperationError>(
    protocol: Protocol,
    response: &HttpResponse,
    options: &ReadOptions,
) -> Result<E> {
    let body = &response.body;
    let limits = options.limits;
    let empty = || Value::Structure(crate::value::Structure::new());
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            let settings = JsonSettings::aws_json().with_limits(limits);
            let header = aws_json::error_header(response, &settings, false)?;
            E::from_code_with(&header.code, header.message.as_deref(), |index, shape| {
                if error_code::is_generic_body(body) {
                    return E::from_modeled(index, empty());
                }
                json::whole_document(body, shape, &settings, |decoder, shape, _| {
                    E::decode_modeled(index, decoder, shape)
                })
            })
        }
        Protocol::RpcV2Cbor => {
            let settings = crate::cbor::CborSettings::new().with_limits(limits);
            let header = rpc_v2_cbor::error_header(response, &settings)?;
            E::from_code_with(&header.code, header.message.as_deref(), |index, shape| {
                match rpc_v2_cbor::has_document(response) {
                    true => crate::cbor::read_typed(body, shape, &settings, |d, s, _| E::decode_modeled(index, d, s)),
                    false => E::from_modeled(index, empty()),
                }
            })
        }
        Protocol::AwsQuery | Protocol::Ec2Query => {
            let settings = XmlSettings::new().with_limits(limits);
            let (header, path) = aws_query::error_header(response, &settings)?;
            E::from_code_with(&header.code, header.message.as_deref(), |index, shape| {
                let read =
                    |path| xml::read_typed_at(body, path, shape, &settings, |d, s, _| E::decode_modeled(index, d, s));
                match path.map(read).transpose()? {
                    Some(Some(error)) => Ok(error),
                    _ => E::from_modeled(index, empty()),
                }
            })
        }
        Protocol::RestJson1 => rest::typed_error(rest::Reading { body: rest::Body::Json, limits }, response),
        Protocol::RestXml => rest::typed_error(rest::Reading { body: rest::Body::Xml, limits }, response),
    }
}

/// A `POST` of `body` to `path` under the endpoint (`/` for awsJson, awsQuery and ec2Query),
/// as the RPC protocols send every operation: compressed if asked, with its length.
struct RpcPost<'a> {
    path: &'a str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RpcPost<'_> {
    fn send(
        mut self,
        operation: OperationRef<'_>,
        input: &Value,
        endpoint: &Endpoint,
        options: &RequestOptions,
    ) -> Result<HttpRequest> {
        compression::apply(operation, &mut self.body, &mut self.headers, options)?;
        self.headers.push(("Content-Length".to_owned(), self.body.len().to_string()));
        Ok(HttpRequest {
            method: "POST".to_owned(),
            host: host_prefix(operation, input)? + &endpoint.host,
            uri: format!("{}{}", endpoint.path, self.path),
            headers: self.headers,
            body: self.body,
        })
    }
}

/// The operation's `hostPrefix` with its `{Label}`s filled from the input's `@hostLabel`
/// members.
fn host_prefix(operation: OperationRef<'_>, input: &Value) -> Result<String> {
    let Some(pattern) = operation.data().host_prefix.as_deref() else {
        return Ok(String::new());
    };
    uri::expand_labels(pattern, "hostPrefix", |label, out| {
        let value = input.get(label).and_then(Value::as_str).filter(|v| !v.is_empty()).ok_or_else(|| {
            Error::data(format!("host label {label} is missing or empty")).in_member(label.to_owned())
        })?;
        if !value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
            return Err(Error::data("a host label holds only letters, digits, '-' and '.'").in_member(label.to_owned()));
        }
        out.push_str(value);
        Ok(())
    })
}
