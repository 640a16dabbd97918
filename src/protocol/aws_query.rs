//! awsQuery and ec2Query: form-encoded requests (`Action`, `Version`, members), XML responses.
//!
//! awsQuery wraps outputs in `<OpResponse><OpResult>` and errors in
//! `<ErrorResponse><Error>`; ec2Query puts outputs directly under `<OpResponse>` and errors in
//! `<Response><Errors><Error>`.

use super::error_code::error_shape;
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::{RequestOptions, ServiceError, rpc_post};
use crate::error::{Error, Result};
use crate::query::{self, QueryFlavor, QuerySettings};
use crate::schema::OperationRef;
use crate::value::{Structure, Value};
use crate::xml::{self, XmlSettings};

pub(super) fn request(
    flavor: QueryFlavor,
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let service = operation.model().service();
    let mut pairs = vec![
        ("Action".to_owned(), operation.name().to_owned()),
        ("Version".to_owned(), service.api_version.as_deref().unwrap_or_default().to_owned()),
    ];
    if let Some(shape) = operation.input() {
        pairs.extend(query::encode(input, shape, &QuerySettings::new(flavor).with_limits(options.limits))?);
    }
    let body = query::form_urlencode(&pairs).into_bytes();
    let headers = vec![("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned())];
    rpc_post(operation, input, endpoint, options, headers, body)
}

pub(super) fn response<'m>(
    flavor: QueryFlavor,
    operation: OperationRef<'m>,
    response: &HttpResponse,
    settings: &XmlSettings,
) -> Result<Result<Value, ServiceError<'m>>> {
    if !response.is_success() {
        return error(flavor, operation, response, settings).map(Err);
    }
    let empty = || Value::Structure(Structure::new());
    let Some(shape) = operation.output() else {
        return Ok(Ok(empty()));
    };
    if response.body_is_blank() {
        return Ok(Ok(empty()));
    }
    let value = match flavor {
        QueryFlavor::AwsQuery => {
            let wrapper = match &operation.data().output_wrapper {
                Some(wrapper) => wrapper.to_string(),
                None => format!("{}Result", operation.name()),
            };
            xml::decode_at(&response.body, &[&wrapper], shape, settings)?.unwrap_or_else(empty)
        }
        QueryFlavor::Ec2Query => xml::decode(&response.body, shape, settings)?,
    };
    Ok(Ok(value))
}

/// Where the `<Error>` element is.
fn error_path(flavor: QueryFlavor) -> &'static [&'static str] {
    match flavor {
        QueryFlavor::AwsQuery => &["Error"],
        QueryFlavor::Ec2Query => &["Errors", "Error"],
    }
}

/// The code and message of an XML error response.
pub(super) fn error_header(
    flavor: QueryFlavor,
    response: &HttpResponse,
    settings: &XmlSettings,
) -> Result<(String, Option<String>)> {
    let path = error_path(flavor);
    let at = |leaf: &'static str| -> Vec<&str> { path.iter().copied().chain([leaf]).collect() };
    let mut texts = xml::texts_at(&response.body, &[&at("Code"), &at("Message")], settings)?.into_iter();
    let (code, message) = (texts.next().flatten(), texts.next().flatten());
    let code = code
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| Error::data(format!("error response (status {}) without an error code", response.status)))?;
    Ok((code.trim().to_owned(), message))
}

fn error<'m>(
    flavor: QueryFlavor,
    operation: OperationRef<'m>,
    response: &HttpResponse,
    settings: &XmlSettings,
) -> Result<ServiceError<'m>> {
    let (code, message) = error_header(flavor, response, settings)?;
    let shape = error_shape(operation, &code);
    let value = match shape {
        Some(shape) => xml::decode_at(&response.body, error_path(flavor), shape, settings)?,
        None => None,
    };
    let value = value.unwrap_or_else(|| Value::Structure(Structure::new()));
    Ok(ServiceError { code, message, shape, value, status: response.status })
}
