//! awsQuery and ec2Query: form-encoded requests (`Action`, `Version`, members), XML responses.
//!
//! awsQuery wraps outputs in `<OpResponse><OpResult>` and errors in
//! `<ErrorResponse><Error>`; ec2Query puts outputs directly under `<OpResponse>` and errors in
//! `<Response><Errors><Error>`.

use super::error_code::{ErrorHeader, error_shape, is_generic_body, xml_error_fields};
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::reply::{ErrorBody, ResponseOptions};
use super::xml_error::{self, XmlErrorForm};
use super::{RequestOptions, RpcPost, ServiceError};
use crate::error::Result;
use crate::query::{self, QueryFlavor, QuerySettings};
use crate::schema::{OperationRef, Service, ShapeRef, XmlNamespace};
use crate::value::{Structure, Value};
use crate::xml::{self, XmlSettings};

pub(super) fn request(
    flavor: QueryFlavor,
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let pairs = match operation.input() {
        Some(shape) => query::encode(input, shape, &QuerySettings::new(flavor).with_limits(options.limits))?,
        None => Vec::new(),
    };
    post(operation, pairs, input, endpoint, options)
}

/// The request that carries the input's key–value `pairs` after `Action` and `Version`;
/// `input` is what its host labels are read from.
pub(super) fn post(
    operation: OperationRef<'_>,
    pairs: Vec<(String, String)>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let service = operation.model().service();
    let mut all = vec![
        ("Action".to_owned(), operation.name().to_owned()),
        ("Version".to_owned(), service.api_version.as_deref().unwrap_or_default().to_owned()),
    ];
    all.extend(pairs);
    let body = query::form_urlencode(&all).into_bytes();
    let headers = vec![("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned())];
    RpcPost { path: "/", headers, body }.send(operation, input, endpoint, options)
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
            xml::decode_at(&response.body, &[&result_wrapper(operation)], shape, settings)?.unwrap_or_else(empty)
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

/// The element the awsQuery output is wrapped in: the model's `resultWrapper`, else
/// `<OpResult>`.
pub(super) fn result_wrapper(operation: OperationRef<'_>) -> String {
    match &operation.data().output_wrapper {
        Some(wrapper) => wrapper.to_string(),
        None => format!("{}Result", operation.name()),
    }
}

/// The namespace the responses declare: the service's `xmlNamespace`.
fn response_namespace(service: &Service) -> Option<XmlNamespace> {
    let uri = service.xml_namespace.clone()?;
    Some(XmlNamespace { uri, prefix: None })
}

fn content_type(flavor: QueryFlavor) -> &'static str {
    match flavor {
        QueryFlavor::AwsQuery => "text/xml",
        QueryFlavor::Ec2Query => "text/xml;charset=UTF-8",
    }
}

/// The response to `operation` with `output`: awsQuery's
/// `<OpResponse><OpResult>…</OpResult><ResponseMetadata><RequestId>` or ec2Query's
/// `<OpResponse>…<requestId>`.
pub(super) fn reply(
    flavor: QueryFlavor,
    operation: OperationRef<'_>,
    output: &impl OutputXml,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let settings = XmlSettings::new().with_limits(options.limits);
    let namespace = response_namespace(operation.model().service());
    let root = format!("{}Response", operation.name());
    let id = options.request_id.as_deref();
    let mut body = Vec::with_capacity(256);
    match (flavor, operation.output()) {
        (QueryFlavor::AwsQuery, shape) => {
            xml::start_tag(&root, namespace.as_ref(), &mut body)?;
            if let Some(shape) = shape {
                body.extend(output.element(shape, &result_wrapper(operation), &settings)?);
            }
            if let Some(id) = id {
                body.extend_from_slice(b"<ResponseMetadata>");
                xml::text_element("RequestId", id, &mut body)?;
                body.extend_from_slice(b"</ResponseMetadata>");
            }
            body.extend_from_slice(format!("</{root}>").as_bytes());
        }
        (QueryFlavor::Ec2Query, shape) => {
            let mut tail = Vec::new();
            if let Some(id) = id {
                xml::text_element("requestId", id, &mut tail)?;
            }
            match shape {
                Some(shape) => body = output.framed(shape, (&root, namespace.as_ref()), &settings, &tail)?,
                None => {
                    xml::start_tag(&root, namespace.as_ref(), &mut body)?;
                    body.extend(tail);
                    body.extend_from_slice(format!("</{root}>").as_bytes());
                }
            }
        }
    }
    Ok(HttpResponse::new(200, body).with_header("Content-Type", content_type(flavor)))
}

/// A response's root element: its name and namespace.
pub(super) type Root<'r> = (&'r str, Option<&'r XmlNamespace>);

/// An operation's output as a query response writes it, from a `Value` or (see
/// `protocol::typed`) straight from a typed value: the same bytes either way.
pub(super) trait OutputXml {
    /// The output as the element `name`: awsQuery's `<OpResult>`.
    fn element(&self, shape: ShapeRef<'_>, name: &str, settings: &XmlSettings) -> Result<Vec<u8>>;

    /// The output's members inside the element `root`, `tail` after them: ec2Query's
    /// `<OpResponse>`.
    fn framed(&self, shape: ShapeRef<'_>, root: Root<'_>, settings: &XmlSettings, tail: &[u8]) -> Result<Vec<u8>>;
}

impl OutputXml for Value {
    fn element(&self, shape: ShapeRef<'_>, name: &str, settings: &XmlSettings) -> Result<Vec<u8>> {
        xml::encode_with(self, shape, name, None, settings)
    }

    fn framed(&self, shape: ShapeRef<'_>, root: Root<'_>, settings: &XmlSettings, tail: &[u8]) -> Result<Vec<u8>> {
        xml::encode_framed(self, shape, root, settings, &[], tail)
    }
}

/// The response for an error: awsQuery's `<ErrorResponse><Error>` or ec2Query's
/// `<Response><Errors><Error>`.
pub(super) fn error_reply(
    flavor: QueryFlavor,
    service: &Service,
    error: &ErrorBody<'_, '_>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let settings = XmlSettings::new().with_limits(options.limits);
    let namespace = response_namespace(service);
    let form = match flavor {
        QueryFlavor::AwsQuery => XmlErrorForm::Wrapped(namespace.as_ref()),
        QueryFlavor::Ec2Query => XmlErrorForm::Ec2,
    };
    let body = xml_error::write(form, error, error.members(), options.request_id.as_deref(), &settings)?;
    Ok(HttpResponse::new(error.error.status, body).with_header("Content-Type", content_type(flavor)))
}
