//! rpcv2Cbor (botocore `smithy-rpc-v2-cbor`): every operation is a
//! `POST /service/{Service}/operation/{Operation}` with a CBOR body and the header
//! `smithy-protocol: rpc-v2-cbor`. HTTP binding traits are ignored; member names are the
//! keys. Errors carry `__type` (its namespace and `:` suffix dropped on reading).

use super::error_code::{ErrorHeader, error_shape, is_generic_body, query_error_code, sanitize_error_code};
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::reply::{ErrorBody, ResponseOptions};
use super::{RequestOptions, RpcPost, ServiceError};
use crate::cbor::{self, CborSettings};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::schema::{OperationRef, Service, ShapeRef};
use crate::value::{Structure, Value};

pub(super) const MEDIA_TYPE: &str = "application/cbor";
pub(super) const PROTOCOL_HEADER: (&str, &str) = ("smithy-protocol", "rpc-v2-cbor");

/// The service's name in the path: botocore's `targetPrefix`, else the service's name.
fn service_name(service: &Service) -> &str {
    service.target_prefix.as_deref().unwrap_or(&service.name)
}

/// The path an operation is posted to.
pub(super) fn path(service: &Service, operation: &str) -> String {
    format!("/service/{}/operation/{operation}", service_name(service))
}

pub(super) fn request(
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    post(operation, |shape, settings| cbor::encode(input, shape, settings), input, endpoint, options)
}

/// The request whose body `body` writes, given the input's shape; `input` is what its host
/// labels are read from.
pub(super) fn post(
    operation: OperationRef<'_>,
    body: impl FnOnce(ShapeRef<'_>, &CborSettings) -> Result<Vec<u8>>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let service = operation.model().service();
    // A streaming operation's answer is an event stream.
    let accept = match super::events::stream_member(operation.output()) {
        Some(_) => super::events::MEDIA_TYPE,
        None => MEDIA_TYPE,
    };
    let mut headers =
        vec![(PROTOCOL_HEADER.0.to_owned(), PROTOCOL_HEADER.1.to_owned()), ("Accept".to_owned(), accept.to_owned())];
    let body = match operation.input() {
        Some(shape) => {
            headers.push(("Content-Type".to_owned(), MEDIA_TYPE.to_owned()));
            body(shape, &CborSettings::new().with_limits(options.limits))?
        }
        None => Vec::new(),
    };
    if service.aws_query_compatible {
        headers.push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
    }
    let path = path(service, operation.name());
    RpcPost { path: &path, headers, body }.send(operation, input, endpoint, options)
}

pub(super) fn response<'m>(
    operation: OperationRef<'m>,
    response: &HttpResponse,
    limits: Limits,
) -> Result<Result<Value, ServiceError<'m>>> {
    let settings = CborSettings::new().with_limits(limits);
    if !response.is_success() {
        return error(operation, response, &settings).map(Err);
    }
    match operation.output() {
        Some(shape) if !response.body.is_empty() => cbor::decode(&response.body, shape, &settings).map(Ok),
        _ => Ok(Ok(Value::Structure(Structure::new()))),
    }
}

/// The code: `x-amzn-query-error` (query-compatible services), else the body's `__type`; the
/// message: the body's `message` or `Message`. A response that names no code is known by its
/// status (see [`ErrorHeader::new`]).
pub(super) fn error_header(response: &HttpResponse, settings: &CborSettings) -> Result<ErrorHeader> {
    let body = match has_document(response) {
        true => cbor::decode_any(&response.body, settings)?,
        false => Value::Null,
    };
    let text = |key: &str| body.get(key).and_then(Value::as_str);
    let query_code = query_error_code(response);
    let code = query_code.or_else(|| text("__type").map(sanitize_error_code));
    let message = text("message").or_else(|| text("Message")).map(str::to_owned);
    Ok(ErrorHeader::new(code, message, response.status))
}

/// Whether an error response has a CBOR document (not a blank body or a proxy's page).
pub(super) fn has_document(response: &HttpResponse) -> bool {
    !response.body.is_empty() && !is_generic_body(&response.body)
}

fn error<'m>(
    operation: OperationRef<'m>,
    response: &HttpResponse,
    settings: &CborSettings,
) -> Result<ServiceError<'m>> {
    let ErrorHeader { code, message } = error_header(response, settings)?;
    let shape = error_shape(operation, &code);
    let value = match shape {
        Some(shape) if has_document(response) => cbor::decode(&response.body, shape, settings)?,
        _ => Value::Structure(Structure::new()),
    };
    Ok(ServiceError { code, message, shape, value, status: response.status })
}

/// The response to `operation` with `output`: 200 and the output as CBOR (no body when the
/// operation has no output).
pub(super) fn reply(operation: OperationRef<'_>, output: &Value, options: &ResponseOptions) -> Result<HttpResponse> {
    reply_with(operation, |shape, settings| cbor::encode(output, shape, settings), options)
}

/// [`reply`] with the body that `body` writes, given the output's shape.
pub(super) fn reply_with(
    operation: OperationRef<'_>,
    body: impl FnOnce(ShapeRef<'_>, &CborSettings) -> Result<Vec<u8>>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let reply = HttpResponse::new(200, Vec::new()).with_header(PROTOCOL_HEADER.0, PROTOCOL_HEADER.1);
    match operation.output() {
        Some(shape) => {
            let body = body(shape, &CborSettings::new().with_limits(options.limits))?;
            Ok(HttpResponse { body, ..reply.with_header("Content-Type", MEDIA_TYPE) })
        }
        None => Ok(reply),
    }
}

/// The response for an error: `__type` (the shape's name, else the code), its members and a
/// loose message in a CBOR map; a query-compatible service adds `x-amzn-query-error`.
pub(super) fn error_reply(
    service: &Service,
    error: &ErrorBody<'_, '_>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let settings = CborSettings::new().with_limits(options.limits);
    let body = cbor::encode_object_with(&error.value, error.shape(), &settings, &error.leading_fields())?;
    let reply = HttpResponse::new(error.error.status, body)
        .with_header("Content-Type", MEDIA_TYPE)
        .with_header(PROTOCOL_HEADER.0, PROTOCOL_HEADER.1);
    Ok(error.with_query_error(service, reply))
}

/// The operation a request's path names (`/service/{Service}/operation/{Operation}`, after
/// any path prefix), when it names this service.
pub(super) fn operation_in_path<'p>(service: &Service, path: &'p str) -> Option<&'p str> {
    let (before, operation) = path.rsplit_once("/operation/")?;
    let named = before.rsplit_once("/service/")?.1;
    (named == service_name(service) && !operation.is_empty() && !operation.contains('/')).then_some(operation)
}

/// Why a request is not rpcv2Cbor: a missing or other `smithy-protocol`.
pub(super) fn check_protocol_header(request: &HttpRequest) -> Result<()> {
    match request.header(PROTOCOL_HEADER.0) {
        Some(value) if value.trim() == PROTOCOL_HEADER.1 => Ok(()),
        _ => Err(Error::data("a request without smithy-protocol: rpc-v2-cbor")),
    }
}
