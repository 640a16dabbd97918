//! The server's side of the wire: a request routed to its operation and read into its input.
//!
//! Routing is by the protocol's own means: `X-Amz-Target` for awsJson, `Action` for the query
//! protocols, method and URI pattern for the REST protocols (the most specific pattern that
//! fits: literal query keys, then literal path text). The input is then read by the same
//! schema-guided decoders that read responses.

use std::fmt;

use super::defaults;
use super::http::{HttpRequest, HttpResponse};
use super::reply::{ResponseOptions, write_error};
use super::{Protocol, ReadOptions, ServiceError, compression, events, rest, rpc_v2_cbor, stream, uri};
use crate::cbor::{self, CborSettings};
use crate::error::{Error, Result};
use crate::json::{self, JsonSettings};
use crate::query::{self, QueryFlavor, QuerySettings};
use crate::schema::{HttpBinding, Model, OperationRef, ShapeRef, ShapeType};
use crate::value::{Structure, Value};

/// A request routed to its operation and read: what a server acts on.
#[derive(Debug)]
pub struct ParsedRequest<'m> {
    /// The operation the request calls.
    pub operation: OperationRef<'m>,
    /// Its input, a structure of the operation's input shape (empty when it has none).
    pub input: Value,
}

impl<'m> ParsedRequest<'m> {
    /// Checks the input against its constraints (see [`validate`](crate::validate)), as a
    /// Smithy server does before it acts: `Err` with the error to answer with, the
    /// operation's `ValidationException` holding every violation (its `message` and
    /// `fieldList`), or, for an operation that models none, an unmodeled
    /// `ValidationException` (400) with the message.
    ///
    /// ```
    /// use awsval::model::botocore;
    /// use awsval::protocol::{self, HttpRequest, Protocol};
    ///
    /// let model = botocore::load(br#"{"metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Svc"},
    ///   "operations": {"Put": {"name": "Put", "input": {"shape": "In"}}},
    ///   "shapes": {"In": {"type": "structure", "required": ["Name"], "members": {"Name": {"shape": "S"}}},
    ///              "S": {"type": "string", "min": 1}}}"#)?;
    /// let request = HttpRequest::new("POST", "/", r#"{"Name": ""}"#)
    ///     .with_header("X-Amz-Target", "Svc.Put")
    ///     .with_header("Content-Type", "application/x-amz-json-1.0");
    /// let parsed = protocol::parse_request(Protocol::AwsJson1_0, &model, &request).expect("routed");
    /// let refused = parsed.validate().unwrap_err();
    /// assert_eq!((refused.code.as_str(), refused.status), ("ValidationException", 400));
    /// assert_eq!(
    ///     refused.message.as_deref(),
    ///     Some("1 validation error detected. Value with length 0 at '/Name' failed to satisfy constraint: Member must have length greater than or equal to 1")
    /// );
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn validate(&self) -> std::result::Result<(), ServiceError<'m>> {
        let Some(shape) = self.operation.input() else { return Ok(()) };
        let Err(violations) = crate::validate::validate(&self.input, shape, crate::validate::Checks::All) else {
            return Ok(());
        };
        let modeled = self.operation.errors().find(|error| error.name() == "ValidationException");
        Err(match modeled {
            Some(exception) => ServiceError::modeled(exception, violations.to_value()),
            None => ServiceError::unmodeled("ValidationException", Some(&violations.to_string()), 400),
        })
    }
}

/// Why a request cannot be served, with what a server answers: the HTTP status and the error
/// code the protocol uses for it.
#[derive(Debug)]
pub struct RequestError {
    status: u16,
    code: &'static str,
    error: Error,
}

impl RequestError {
    pub(super) fn new(status: u16, code: &'static str, error: Error) -> Self {
        Self { status, code, error }
    }

    /// The request names no operation of the model.
    fn unknown_operation(protocol: Protocol, what: &str) -> Self {
        let (status, code) = match protocol {
            Protocol::AwsQuery | Protocol::Ec2Query => (400, "InvalidAction"),
            Protocol::RestJson1 | Protocol::RestXml | Protocol::RpcV2Cbor => (404, "UnknownOperationException"),
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => (400, "UnknownOperationException"),
        };
        Self::new(status, code, Error::data(format!("no operation of the model is {what}")))
    }

    /// The request is not well-formed for its operation.
    pub(super) fn malformed(error: Error) -> Self {
        Self::new(400, "SerializationException", error)
    }

    /// The HTTP status a server answers with: 400 for a malformed request, 404 for a REST path
    /// no operation has, 413 for a body past the limits, 415 for a body of another media type.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code a server sends (`SerializationException`, `UnknownOperationException`,
    /// `InvalidAction`, `RequestEntityTooLarge`, `UnsupportedMediaType`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// What is wrong, with kind, byte offset and member path.
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The response a server of `model` answers the request with: the error, by its code, in
    /// `protocol`'s error form, with what is wrong as its message.
    ///
    /// ```
    /// use awsval::model::botocore;
    /// use awsval::protocol::{self, HttpRequest, Protocol, ResponseOptions};
    ///
    /// let model = botocore::load(br#"{"metadata": {"protocol": "query", "apiVersion": "2010-03-31"},
    ///                                  "operations": {}, "shapes": {}}"#)?;
    /// let request = HttpRequest::new("POST", "/", "Action=Nope&Version=2010-03-31")
    ///     .with_header("Content-Type", "application/x-www-form-urlencoded");
    /// let refused = protocol::parse_request(Protocol::AwsQuery, &model, &request).unwrap_err();
    /// let reply = refused.to_response(Protocol::AwsQuery, &model, &ResponseOptions::default())?;
    /// assert_eq!(reply.status, 400);
    /// assert!(String::from_utf8_lossy(&reply.body).contains("<Code>InvalidAction</Code>"));
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn to_response(&self, protocol: Protocol, model: &Model, options: &ResponseOptions) -> Result<HttpResponse> {
        let message = self.error.to_string();
        let error = ServiceError::unmodeled(self.code, Some(&message), self.status);
        write_error(protocol, model.service(), &error, options)
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}): {}", self.code, self.status, self.error)
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Routes `request` to an operation of `model` and reads its input, as a server of `protocol`
/// does. Bodies are read within the default [`ReadOptions`] (the limits for untrusted input);
/// [`parse_request_with`] takes others.
///
/// ```
/// use awsval::model::botocore;
/// use awsval::protocol::{self, HttpRequest, Protocol};
/// use awsval::{Structure, Value};
///
/// let model = botocore::load(br#"{
///   "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Demo"},
///   "operations": {"Get": {"name": "Get", "input": {"shape": "Id"}}},
///   "shapes": {"Id": {"type": "structure", "members": {"Id": {"shape": "S"}}}, "S": {"type": "string"}}
/// }"#)?;
/// let request = HttpRequest::new("POST", "/", br#"{"Id": "i-1"}"#)
///     .with_header("X-Amz-Target", "Demo.Get")
///     .with_header("Content-Type", "application/x-amz-json-1.1");
/// let parsed = protocol::parse_request(Protocol::AwsJson1_1, &model, &request).unwrap();
/// assert_eq!(parsed.operation.name(), "Get");
/// assert_eq!(parsed.input, Value::from(Structure::new().with("Id", "i-1")));
///
/// let unknown = HttpRequest::new("POST", "/", "{}").with_header("X-Amz-Target", "Demo.Nope");
/// let error = protocol::parse_request(Protocol::AwsJson1_1, &model, &unknown).unwrap_err();
/// assert_eq!((error.status(), error.code()), (400, "UnknownOperationException"));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn parse_request<'m>(
    protocol: Protocol,
    model: &'m Model,
    request: &HttpRequest,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    parse_request_with(protocol, model, request, &ReadOptions::default())
}

/// [`parse_request`] with the bounds of `options`.
pub fn parse_request_with<'m>(
    protocol: Protocol,
    model: &'m Model,
    request: &HttpRequest,
    options: &ReadOptions,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    if request.body.len() > options.limits.max_input_len {
        let error = Error::limit(format!("a body longer than {} bytes", options.limits.max_input_len));
        return Err(RequestError::new(413, "RequestEntityTooLarge", error));
    }
    let inflated = compression::undo(request, options.limits.max_input_len).map_err(RequestError::malformed)?;
    let request = inflated.as_ref().unwrap_or(request);
    if media_type(request).as_deref() == Some(events::MEDIA_TYPE) {
        return stream::read_request(protocol, model, request, options);
    }
    let mut parsed = match protocol {
        Protocol::AwsJson1_0 => aws_json(model, request, "1.0", options),
        Protocol::AwsJson1_1 => aws_json(model, request, "1.1", options),
        Protocol::AwsQuery => query_form(model, request, QueryFlavor::AwsQuery, options),
        Protocol::Ec2Query => query_form(model, request, QueryFlavor::Ec2Query, options),
        Protocol::RestJson1 => rest(protocol, model, request, rest::Body::Json, options),
        Protocol::RestXml => rest(protocol, model, request, rest::Body::Xml, options),
        Protocol::RpcV2Cbor => rpc_v2_cbor(model, request, options),
    }?;
    host_labels(&mut parsed, &request.host);
    if let Some(shape) = parsed.operation.input() {
        defaults::fill(&mut parsed.input, shape, defaults::Filler::Server, 0);
    }
    Ok(parsed)
}

/// Fills `@hostLabel` members the body left out from the `Host` the request went to, when it
/// starts with the operation's `hostPrefix` (a request may come through a proxy that kept
/// only the service's own host).
fn host_labels(parsed: &mut ParsedRequest<'_>, host: &str) {
    let operation = parsed.operation;
    let (Some(pattern), Some(shape), Value::Structure(input)) =
        (operation.data().host_prefix.as_deref(), operation.input(), &mut parsed.input)
    else {
        return;
    };
    for (label, value) in uri::match_host_prefix(pattern, host).unwrap_or_default() {
        match shape.member(label) {
            Some(member) if input.get(label).is_none() => input.push(member.name(), Value::String(value.to_owned())),
            _ => {}
        }
    }
}

fn empty() -> Value {
    Value::Structure(Structure::new())
}

/// The media type of `Content-Type`, lower-cased, without parameters.
fn media_type(request: &HttpRequest) -> Option<String> {
    let value = request.header("Content-Type")?;
    Some(value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
}

fn aws_json<'m>(
    model: &'m Model,
    request: &HttpRequest,
    version: &str,
    options: &ReadOptions,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    let protocol = if version == "1.0" { Protocol::AwsJson1_0 } else { Protocol::AwsJson1_1 };
    let target = request
        .header("X-Amz-Target")
        .ok_or_else(|| RequestError::malformed(Error::data("a request without an X-Amz-Target header")))?;
    let (prefix, name) = target.rsplit_once('.').unwrap_or(("", target));
    let prefix_fits = model.service().target_prefix.as_deref().is_none_or(|expected| expected == prefix);
    let operation = model
        .operation(name)
        .filter(|_| prefix_fits)
        .ok_or_else(|| RequestError::unknown_operation(protocol, "the request's X-Amz-Target"))?;
    let expected = format!("application/x-amz-json-{version}");
    if media_type(request).is_some_and(|media| media != expected) {
        let error = Error::data(format!("a body of another media type than {expected}"));
        return Err(RequestError::new(415, "UnsupportedMediaType", error));
    }
    let input = match operation.input() {
        Some(shape) if !request.body.iter().all(u8::is_ascii_whitespace) => {
            let settings = JsonSettings::aws_json().with_limits(options.limits);
            json::decode(&request.body, shape, &settings).map_err(RequestError::malformed)?
        }
        _ => empty(),
    };
    Ok(ParsedRequest { operation, input })
}

fn rpc_v2_cbor<'m>(
    model: &'m Model,
    request: &HttpRequest,
    options: &ReadOptions,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    let path = request.uri.split_once('?').map_or(request.uri.as_str(), |(path, _)| path);
    let operation = rpc_v2_cbor::operation_in_path(model.service(), path)
        .and_then(|name| model.operation(name))
        .filter(|_| request.method.eq_ignore_ascii_case("POST"))
        .ok_or_else(|| RequestError::unknown_operation(Protocol::RpcV2Cbor, "at this method and path"))?;
    rpc_v2_cbor::check_protocol_header(request).map_err(RequestError::malformed)?;
    if media_type(request).is_some_and(|media| media != rpc_v2_cbor::MEDIA_TYPE) {
        let error = Error::data(format!("a body of another media type than {}", rpc_v2_cbor::MEDIA_TYPE));
        return Err(RequestError::new(415, "UnsupportedMediaType", error));
    }
    let input = match operation.input() {
        Some(shape) if !request.body.is_empty() => {
            let settings = CborSettings::new().with_limits(options.limits);
            cbor::decode(&request.body, shape, &settings).map_err(RequestError::malformed)?
        }
        _ => empty(),
    };
    Ok(ParsedRequest { operation, input })
}

fn query_form<'m>(
    model: &'m Model,
    request: &HttpRequest,
    flavor: QueryFlavor,
    options: &ReadOptions,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    let protocol = if flavor == QueryFlavor::AwsQuery { Protocol::AwsQuery } else { Protocol::Ec2Query };
    // A form body, or for a GET the URI's query string.
    let form: &[u8] = match request.uri.split_once('?') {
        Some((_, query)) if request.method.eq_ignore_ascii_case("GET") => query.as_bytes(),
        _ => &request.body,
    };
    options.limits.check_input_len(form.len()).map_err(RequestError::malformed)?;
    let mut pairs = query::parse_form(form).map_err(RequestError::malformed)?;
    let mut take = |key: &str| pairs.iter().position(|(k, _)| k == key).map(|at| pairs.remove(at).1);
    let action = take("Action").ok_or_else(|| RequestError::malformed(Error::data("a request without an Action")))?;
    let version = take("Version");
    let operation =
        model.operation(&action).ok_or_else(|| RequestError::unknown_operation(protocol, "the request's Action"))?;
    if let (Some(version), Some(expected)) = (version, model.service().api_version.as_deref()) {
        if version != expected {
            return Err(RequestError::malformed(Error::data(format!("Version is not {expected}"))));
        }
    }
    let input = match operation.input() {
        Some(shape) => {
            let settings = QuerySettings::new(flavor).with_limits(options.limits);
            query::decode(&pairs, shape, &settings).map_err(RequestError::malformed)?
        }
        None => empty(),
    };
    Ok(ParsedRequest { operation, input })
}

fn rest<'m>(
    protocol: Protocol,
    model: &'m Model,
    request: &HttpRequest,
    body: rest::Body,
    options: &ReadOptions,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    let (path, query_text) = request.uri.split_once('?').unwrap_or((&request.uri, ""));
    let segments = uri::path_segments(path).map_err(RequestError::malformed)?;
    let query = query::parse_form_at(query_text.as_bytes(), path.len() + 1).map_err(RequestError::malformed)?;
    let (operation, fit) = route(model, request, &segments, &query)
        .ok_or_else(|| RequestError::unknown_operation(protocol, "at this method and path"))?;
    if protocol == Protocol::RestJson1 {
        rest_json_media(operation, request)?;
    }
    let input = match operation.input() {
        Some(shape) => {
            let reading = rest::Reading { body, limits: options.limits };
            rest::request_input(reading, shape, request, &fit.labels, &query).map_err(RequestError::malformed)?
        }
        None => empty(),
    };
    Ok(ParsedRequest { operation, input })
}

/// restJson1's media type rules for a server: a request with a body names the body's media
/// type (the payload's, else `application/json`), and one to an operation that takes no body
/// sends none (415 otherwise); an `Accept` header admits the response's media type (406
/// otherwise). An input structure without members takes anything, a blob without `@mediaType`
/// or a stream any type; a header a member binds is the caller's data, not checked.
fn rest_json_media(operation: OperationRef<'_>, request: &HttpRequest) -> std::result::Result<(), RequestError> {
    let unsupported = |message: String| RequestError::new(415, "UnsupportedMediaTypeException", Error::data(message));
    // An input structure without members takes any body (an operation without input none).
    let takes_anything =
        operation.input().is_some_and(|shape| shape.members().len() == 0 || binds_header(shape, "Content-Type"));
    let has_body = !request.body.is_empty();
    match (body_media(operation.input()), media_type(request)) {
        _ if takes_anything => {}
        (Media::None, Some(given)) if has_body => {
            return Err(unsupported(format!("a body of {given} to an operation that takes none")));
        }
        (Media::Exact(expected), Some(given)) if given != expected => {
            return Err(unsupported(format!("a body of {given}, not {expected}")));
        }
        (Media::Exact(expected), None) if has_body => {
            return Err(unsupported(format!("a body without a Content-Type (expected {expected})")));
        }
        _ => {}
    }
    let accept =
        request.header("Accept").filter(|_| !operation.input().is_some_and(|shape| binds_header(shape, "Accept")));
    if let (Some(accept), Media::Exact(produced)) = (accept, body_media(operation.output())) {
        if !accepts(accept, &produced) {
            let error = Error::data(format!("an Accept header that admits no {produced}"));
            return Err(RequestError::new(406, "NotAcceptableException", error));
        }
    }
    Ok(())
}

/// Whether a member of `shape` takes header `name` as its value (then the header is the
/// caller's data, not the body's media type or the media types it accepts).
fn binds_header(shape: ShapeRef<'_>, name: &str) -> bool {
    shape.members().any(|m| matches!(&m.traits().http, Some(HttpBinding::Header(h)) if h.eq_ignore_ascii_case(name)))
}

/// The media type a restJson1 body of a shape has.
enum Media {
    /// No body.
    None,
    /// A blob payload without `@mediaType`: any type.
    Any,
    Exact(String),
}

/// The media type of a restJson1 body of `shape`: its payload's (`@mediaType`, else
/// `text/plain` for a string, any for a blob, `application/json` for a structure), else
/// `application/json` for body members.
fn body_media(shape: Option<ShapeRef<'_>>) -> Media {
    let Some(shape) = shape else { return Media::None };
    if let Some(payload) = shape.members().find(|m| m.traits().http == Some(HttpBinding::Payload)) {
        let target = payload.target();
        let implied = match target.shape_type() {
            // An event stream is framed, whatever the events' own media type.
            _ if target.traits().streaming => return Media::Any,
            _ if target.traits().media_type.is_some() => None,
            ShapeType::Blob => return Media::Any,
            ShapeType::String | ShapeType::Enum => Some("text/plain"),
            _ => Some("application/json"),
        };
        let media = target.traits().media_type.as_deref().or(implied).unwrap_or_default();
        return Media::Exact(media.to_ascii_lowercase());
    }
    match shape.members().any(|m| m.traits().http.is_none()) {
        true => Media::Exact("application/json".to_owned()),
        false => Media::None,
    }
}

/// Whether an `Accept` header admits `media` (`*/*`, `type/*` or the type itself).
fn accepts(accept: &str, media: &str) -> bool {
    let kind = media.split('/').next().unwrap_or_default();
    accept
        .split(',')
        .map(|item| item.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .any(|item| item == "*/*" || item == media || item.strip_suffix("/*").is_some_and(|prefix| prefix == kind))
}

/// The operation whose method and URI pattern fit the request best: the most literal query
/// keys (Chime's `POST /channels?operation=search` over `POST /channels`), then one whose
/// required query parameters and headers are all present, the more of them the better (S3's
/// `ListParts` over `GetObject` when `uploadId` is given), then the most literal path text.
/// Among operations the request cannot tell apart, one that is not deprecated, else the last
/// in the model: botocore's S3 model (which lost Smithy's `x-id` literals) sends
/// `GET /{Bucket}?lifecycle` to `GetBucketLifecycleConfiguration` over the deprecated
/// `GetBucketLifecycle` (and the same for `…Notification…` and the `Put…` twins), and `GET /`
/// to `ListDirectoryBuckets` over `ListBuckets`: the newer operation each time.
fn route<'m>(
    model: &'m Model,
    request: &HttpRequest,
    segments: &[String],
    query: &[(String, String)],
) -> Option<(OperationRef<'m>, uri::PathMatch)> {
    let mut best: Option<(Specificity, OperationRef<'m>, uri::PathMatch)> = None;
    for operation in model.operations() {
        let http = &operation.data().http;
        if !http.method.eq_ignore_ascii_case(&request.method) {
            continue;
        }
        let Some(fit) = uri::match_path(&http.uri, segments, query) else { continue };
        let score = (
            fit.literal_query,
            required_present(operation, request, query),
            fit.literal_path,
            !operation.data().deprecated,
        );
        if best.as_ref().is_none_or(|(best, ..)| score >= *best) {
            best = Some((score, operation, fit));
        }
    }
    best.map(|(_, operation, fit)| (operation, fit))
}

/// How well a pattern fits: literal query keys, required query parameters and headers present
/// (`None`: one is missing), literal path bytes, not deprecated; more is better.
type Specificity = (usize, Option<usize>, usize, bool);

/// How many required members bound to the query string or a header the request has; `None`
/// when one is missing.
fn required_present(operation: OperationRef<'_>, request: &HttpRequest, query: &[(String, String)]) -> Option<usize> {
    use crate::schema::HttpBinding;
    let Some(shape) = operation.input() else { return Some(0) };
    let mut present = 0;
    for member in shape.members().filter(|m| m.is_required()) {
        let found = match member.http() {
            Some(HttpBinding::Query(name)) => query.iter().any(|(key, _)| key == &**name),
            Some(HttpBinding::Header(name)) => request.header(name).is_some(),
            _ => continue,
        };
        if !found {
            return None;
        }
        present += 1;
    }
    Some(present)
}
