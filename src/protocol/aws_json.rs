//! awsJson1_0 and awsJson1_1: every operation is a `POST /` with a JSON body, named by
//! `X-Amz-Target`. HTTP binding traits are ignored; member names are the keys.

use super::error_code::{ErrorHeader, error_shape, is_generic_body, query_error_code, sanitize_error_code};
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::reply::{ErrorBody, ResponseOptions};
use super::{RequestOptions, RpcPost, ServiceError};
use crate::error::Result;
use crate::json::{self, JsonSettings};
use crate::schema::{OperationRef, Service};
use crate::value::{Structure, Value};

pub(super) fn request(
    version: &str,
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let settings = JsonSettings::aws_json().with_limits(options.limits);
    let body = match operation.input() {
        Some(shape) => json::encode(input, shape, &settings)?,
        None => b"{}".to_vec(),
    };
    post(version, operation, body, input, endpoint, options)
}

/// The request that carries `body`, the operation's input encoded; `input` is what its host
/// labels are read from.
pub(super) fn post(
    version: &str,
    operation: OperationRef<'_>,
    body: Vec<u8>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let service = operation.model().service();
    let target = match &service.target_prefix {
        Some(prefix) => format!("{prefix}.{}", operation.name()),
        None => operation.name().to_owned(),
    };
    let mut headers = vec![
        ("Content-Type".to_owned(), format!("application/x-amz-json-{version}")),
        ("X-Amz-Target".to_owned(), target),
    ];
    if service.aws_query_compatible {
        headers.push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
    }
    RpcPost { path: "/", headers, body }.send(operation, input, endpoint, options)
}

pub(super) fn response<'m>(
    operation: OperationRef<'m>,
    response: &HttpResponse,
    settings: &JsonSettings,
) -> Result<Result<Value, ServiceError<'m>>> {
    if !response.is_success() {
        return error(operation, response, settings).map(Err);
    }
    match operation.output() {
        Some(shape) if !response.body_is_blank() => json::decode(&response.body, shape, settings).map(Ok),
        _ => Ok(Ok(Value::Structure(Structure::new()))),
    }
}

/// The code: `x-amzn-query-error` (query-compatible services), `X-Amzn-Errortype`, then from
/// the body: for restJson1 (`rest`) its `code`, `Code` or `__type`; for awsJson its `__type`,
/// else its `code` (botocore reads `__type` alone there: an awsJson error's `code` may be a
/// member of its own, as Firehose's `InvalidKMSResourceException` carries KMS's code);
/// sanitised. The message: the body's `message`, `Message` or `errorMessage`. A response that
/// names no code is known by its status (see [`ErrorHeader::new`]).
pub(super) fn error_header(response: &HttpResponse, settings: &JsonSettings, rest: bool) -> Result<ErrorHeader> {
    let body = match is_generic_body(&response.body) {
        true => Value::Null,
        false => json::decode_document(&response.body, settings)?,
    };
    let text = |key: &str| body.get(key).and_then(Value::as_str);
    let query_code = query_error_code(response);
    let from_body = || match rest {
        true => text("code").or_else(|| text("Code")).or_else(|| text("__type")),
        false => text("__type").or_else(|| text("code")),
    };
    let code = query_code.or_else(|| response.header("X-Amzn-Errortype")).or_else(from_body).map(sanitize_error_code);
    let message = text("message").or_else(|| text("Message")).or_else(|| text("errorMessage"));
    Ok(ErrorHeader::new(code, message.map(str::to_owned), response.status))
}

fn error<'m>(
    operation: OperationRef<'m>,
    response: &HttpResponse,
    settings: &JsonSettings,
) -> Result<ServiceError<'m>> {
    let ErrorHeader { code, message } = error_header(response, settings, false)?;
    let shape = error_shape(operation, &code);
    let value = match shape {
        Some(shape) if !is_generic_body(&response.body) => json::decode(&response.body, shape, settings)?,
        _ => Value::Structure(Structure::new()),
    };
    Ok(ServiceError { code, message, shape, value, status: response.status })
}

/// The response to `operation` with `output`: 200 and the output as a JSON document (no body
/// when the operation has no output).
pub(super) fn reply(
    version: &str,
    operation: OperationRef<'_>,
    output: &Value,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let settings = JsonSettings::aws_json().with_limits(options.limits);
    let body = match operation.output() {
        Some(shape) => json::encode(output, shape, &settings)?,
        None => Vec::new(),
    };
    Ok(reply_with(version, body))
}

/// The response that carries `body`, the operation's output encoded.
pub(super) fn reply_with(version: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::new(200, body).with_header("Content-Type", &format!("application/x-amz-json-{version}"))
}

/// The response for an error: its members and `__type` (the shape's name, else the code) in a
/// JSON document; a query-compatible service adds `x-amzn-query-error: Code;Sender`.
pub(super) fn error_reply(
    version: &str,
    service: &Service,
    error: &ErrorBody<'_, '_>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let settings = JsonSettings::aws_json().with_limits(options.limits);
    let body = json::encode_object_with(&error.value, error.shape(), &settings, &error.leading_fields())?;
    let reply = HttpResponse::new(error.error.status, body)
        .with_header("Content-Type", &format!("application/x-amz-json-{version}"));
    Ok(error.with_query_error(service, reply))
}
