//! awsQuery and ec2Query: form-encoded requests (`Action`, `Version`, members), XML responses.
//!
//! awsQuery wraps outputs in `<OpResponse><OpResult>` and errors in
//! `<ErrorResponse><Error>`; ec2Query puts outputs directly under `<OpResponse>` and errors in
//! `<Response><Errors><Error>`.

use super::error_code::{ErrorHeader, error_shape, is_generic_body, xml_error_fields};
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::{RequestOptions, ServiceError, rpc_post};
use crate::error::Result;
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
        return error(operation, response, settings).map(Err);
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

/// Where the `<Error>` element is: `<ErrorResponse><Error>` (awsQuery) or
/// `<Response><Errors><Error>` (ec2Query). botocore reads either form in both protocols.
const ERROR_PATHS: [&[&str]; 2] = [&["Error"], &["Errors", "Error"]];

/// The code and message of an XML error response, and where its `<Error>` element is (`None`
/// when the response names no code and is known by its status).
pub(super) fn error_header(
    response: &HttpResponse,
    settings: &XmlSettings,
) -> Result<(ErrorHeader, Option<&'static [&'static str]>)> {
    if is_generic_body(&response.body) {
        return Ok((ErrorHeader::new(None, None, response.status), None));
    }
    let (place, code, message) = xml_error_fields(&response.body, &ERROR_PATHS, settings)?;
    let path = place.map(|index| ERROR_PATHS[index]);
    Ok((ErrorHeader::new(code.as_deref(), message, response.status), path))
}

fn error<'m>(operation: OperationRef<'m>, response: &HttpResponse, settings: &XmlSettings) -> Result<ServiceError<'m>> {
    let (ErrorHeader { code, message }, path) = error_header(response, settings)?;
    let shape = error_shape(operation, &code);
    let value = match (shape, path) {
        (Some(shape), Some(path)) => xml::decode_at(&response.body, path, shape, settings)?,
        _ => None,
    };
    let value = value.unwrap_or_else(|| Value::Structure(Structure::new()));
    Ok(ServiceError { code, message, shape, value, status: response.status })
}
