//! The server's side of a response: an operation's output, or an error, written as the HTTP
//! response the service sends.

use super::defaults;
use super::http::HttpResponse;
use super::service_error::{ServiceError, message_member};
use super::{Protocol, aws_json, aws_query, events, rest, rpc_v2_cbor, s3, stream};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::query::QueryFlavor;
use crate::schema::{Fault, OperationRef, Service, ShapeRef};
use crate::value::{Structure, Value};

/// Choices a response leaves to the server writing it.
///
/// ```
/// use awsval::protocol::ResponseOptions;
///
/// let options = ResponseOptions::default().with_request_id("c6104cbe-af31-11e0-8154-cbc7ccf896c7");
/// assert_eq!(options.request_id.as_deref(), Some("c6104cbe-af31-11e0-8154-cbc7ccf896c7"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseOptions {
    /// The request id, written where the protocol carries it (the `x-amzn-RequestId` header,
    /// S3's `x-amz-request-id`, the query protocols' `RequestId` elements); none when `None`.
    pub request_id: Option<String>,
    /// Bounds for the codecs writing the body.
    pub limits: Limits,
}

impl ResponseOptions {
    /// Writes `id` as the request id.
    #[must_use]
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// Writes bodies within `limits`.
    #[must_use]
    pub const fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Writes the response a service sends for `operation` with `output` (a structure of its
/// output shape): the status (`@httpResponseCode` member, the operation's `@http` code, 200),
/// the protocol's headers and header-bound members, and the body in the protocol's form
/// (awsQuery's `<OpResponse><OpResult>` envelope, ec2Query's `<OpResponse>`, a restXml or
/// restJson1 body or payload, an awsJson document), and its `Content-Length` (an HTTP library
/// that frames bodies itself wants that header left out).
///
/// ```
/// use awsval::model::botocore;
/// use awsval::protocol::{self, Protocol, ResponseOptions};
/// use awsval::{Structure, Value};
///
/// let model = botocore::load(br#"{
///   "metadata": {"protocol": "query", "apiVersion": "2010-03-31",
///                "xmlNamespace": "http://sns.amazonaws.com/doc/2010-03-31/"},
///   "operations": {"CreateTopic": {"name": "CreateTopic", "output": {"shape": "Out", "resultWrapper": "CreateTopicResult"}}},
///   "shapes": {"Out": {"type": "structure", "members": {"TopicArn": {"shape": "S"}}}, "S": {"type": "string"}}
/// }"#)?;
/// let operation = model.operation("CreateTopic").expect("declared");
/// let output = Value::from(Structure::new().with("TopicArn", "arn:aws:sns:us-east-1:1:t"));
/// let options = ResponseOptions::default().with_request_id("r-1");
/// let reply = protocol::encode_response(Protocol::AwsQuery, operation, &output, &options)?;
/// assert_eq!(reply.status, 200);
/// assert_eq!(
///     String::from_utf8_lossy(&reply.body),
///     "<CreateTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\
///      <CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:1:t</TopicArn></CreateTopicResult>\
///      <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></CreateTopicResponse>"
/// );
/// // What a client reads back is the output.
/// assert_eq!(protocol::response(Protocol::AwsQuery, operation, &reply)?.ok(), Some(output));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_response(
    protocol: Protocol,
    operation: OperationRef<'_>,
    output: &Value,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let output = &*defaults::with_defaults(output, operation.output(), defaults::Filler::Server);
    if let Some(stream) = events::stream_member(operation.output()) {
        let mut reply = stream::write_response(protocol, operation, stream, output, options)?;
        finish(operation.model().service(), options, &mut reply);
        return Ok(reply);
    }
    let mut reply = write_output(protocol, operation, output, options)?;
    finish(operation.model().service(), options, &mut reply);
    Ok(reply)
}

/// The response for an output without an event stream, before the request id and length.
pub(super) fn write_output(
    protocol: Protocol,
    operation: OperationRef<'_>,
    output: &Value,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    match protocol {
        Protocol::AwsJson1_0 => aws_json::reply("1.0", operation, output, options),
        Protocol::AwsJson1_1 => aws_json::reply("1.1", operation, output, options),
        Protocol::AwsQuery => aws_query::reply(QueryFlavor::AwsQuery, operation, output, options),
        Protocol::Ec2Query => aws_query::reply(QueryFlavor::Ec2Query, operation, output, options),
        Protocol::RestJson1 => rest::reply(rest::Body::Json, operation, output, options),
        Protocol::RestXml => {
            let mut reply = rest::reply(rest::Body::Xml, operation, output, options)?;
            if let Some(body) = s3::unwrapped_body(operation, output)? {
                reply.body = body;
            }
            Ok(reply)
        }
        Protocol::RpcV2Cbor => rpc_v2_cbor::reply(operation, output, options),
    }
}

/// Writes the response a service sends for `error` (see [`ServiceError::modeled`] and
/// [`ServiceError::unmodeled`]): its status, the protocol's error form (awsJson's `__type`,
/// restJson1's `X-Amzn-Errortype`, restXml's and awsQuery's `<ErrorResponse><Error>`, S3's
/// bare `<Error>`, ec2Query's `<Response><Errors><Error>`, a query-compatible service's
/// `x-amzn-query-error`), its header-bound members and its other members in the body.
///
/// ```
/// use awsval::model::botocore;
/// use awsval::protocol::{self, Protocol, ResponseOptions, ServiceError};
/// use awsval::{Structure, Value};
///
/// let model = botocore::load(br#"{
///   "metadata": {"protocol": "rest-json"},
///   "operations": {"Get": {"name": "Get", "http": {"method": "GET", "requestUri": "/"},
///                          "errors": [{"shape": "NotFound"}]}},
///   "shapes": {"S": {"type": "string"},
///              "NotFound": {"type": "structure", "members": {"Message": {"shape": "S"}},
///                           "exception": true, "error": {"httpStatusCode": 404}}}
/// }"#)?;
/// let get = model.operation("Get").expect("declared");
/// let not_found = model.shape("NotFound").expect("declared");
/// let error = ServiceError::modeled(not_found, Value::from(Structure::new().with("Message", "no i-1")));
/// let reply = protocol::encode_error(Protocol::RestJson1, get, &error, &ResponseOptions::default())?;
/// assert_eq!((reply.status, reply.header("X-Amzn-Errortype")), (404, Some("NotFound")));
/// assert_eq!(reply.body, br#"{"Message":"no i-1"}"#);
///
/// let read = protocol::response(Protocol::RestJson1, get, &reply)?.unwrap_err();
/// assert_eq!((read.code.as_str(), read.message.as_deref()), ("NotFound", Some("no i-1")));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_error(
    protocol: Protocol,
    operation: OperationRef<'_>,
    error: &ServiceError<'_>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    write_error(protocol, operation.model().service(), error, options)
}

/// [`encode_error`] for a service: how an error is written depends on the service alone.
pub(super) fn write_error(
    protocol: Protocol,
    service: &Service,
    error: &ServiceError<'_>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    if !(300..=999).contains(&error.status) {
        return Err(Error::data(format!("an error is sent with a status of 300 to 999, not {}", error.status)));
    }
    let body = ErrorBody::of(error);
    let mut reply = match protocol {
        Protocol::AwsJson1_0 => aws_json::error_reply("1.0", service, &body, options),
        Protocol::AwsJson1_1 => aws_json::error_reply("1.1", service, &body, options),
        Protocol::AwsQuery => aws_query::error_reply(QueryFlavor::AwsQuery, service, &body, options),
        Protocol::Ec2Query => aws_query::error_reply(QueryFlavor::Ec2Query, service, &body, options),
        Protocol::RestJson1 => rest::error_reply(rest::Body::Json, service, &body, options),
        Protocol::RestXml => rest::error_reply(rest::Body::Xml, service, &body, options),
        Protocol::RpcV2Cbor => rpc_v2_cbor::error_reply(service, &body, options),
    }?;
    finish(service, options, &mut reply);
    Ok(reply)
}

/// The headers every response has: the request id (`x-amz-request-id` for S3,
/// `x-amzn-RequestId` for the others) and the body's length.
pub(super) fn finish(service: &Service, options: &ResponseOptions, reply: &mut HttpResponse) {
    if let Some(id) = &options.request_id {
        let name = if s3::is_s3(service) { "x-amz-request-id" } else { "x-amzn-RequestId" };
        reply.headers.push((name.to_owned(), id.clone()));
    }
    reply.headers.push(("Content-Length".to_owned(), reply.body.len().to_string()));
}

/// An error as the encoders write it: its code, status and fault, its members with the message
/// in its message member when the shape has one, else the message on its own.
pub(super) struct ErrorBody<'e, 'm> {
    pub(super) error: &'e ServiceError<'m>,
    /// The members, the message filled into the message member when the value left it out.
    pub(super) value: Value,
    /// The message when no member holds it.
    pub(super) loose_message: Option<&'e str>,
}

impl<'e, 'm> ErrorBody<'e, 'm> {
    fn of(error: &'e ServiceError<'m>) -> Self {
        let member = error.shape.and_then(message_member);
        let mut value = match &error.value {
            Value::Structure(_) => error.value.clone(),
            _ => Value::Structure(Structure::new()),
        };
        let loose_message = match (member, error.message.as_deref()) {
            (Some(member), Some(message)) => {
                if let Value::Structure(members) = &mut value {
                    if members.get(member.name().as_str()).is_none_or(Value::is_null) {
                        members.insert(member.name(), Value::String(message.to_owned()));
                    }
                }
                None
            }
            (None, message) => message,
            (Some(_), None) => None,
        };
        Self { error, value, loose_message }
    }

    /// A copy of the members, to take apart.
    pub(super) fn members(&self) -> Structure {
        match &self.value {
            Value::Structure(members) => members.clone(),
            _ => Structure::new(),
        }
    }

    pub(super) fn shape(&self) -> Option<ShapeRef<'m>> {
        self.error.shape
    }

    /// The query protocols' `<Type>`: `Sender` for a client's fault, `Receiver` for the
    /// service's.
    pub(super) fn fault_name(&self) -> &'static str {
        match self.error.fault() {
            Fault::Client => "Sender",
            Fault::Server => "Receiver",
        }
    }

    /// What the RPC protocols' error documents (awsJson, rpcv2Cbor) lead with: `__type` (the
    /// shape's name, else the code), and the message when no member holds it.
    pub(super) fn leading_fields(&self) -> Vec<(&'static str, &str)> {
        let type_name = self.shape().map_or(self.error.code.as_str(), |shape| shape.name());
        let mut leading = vec![("__type", type_name)];
        leading.extend(self.loose_message.map(|message| ("message", message)));
        leading
    }

    /// `reply` with the `x-amzn-query-error: Code;Sender` a query-compatible service adds.
    pub(super) fn with_query_error(&self, service: &Service, reply: HttpResponse) -> HttpResponse {
        match service.aws_query_compatible {
            true => reply.with_header("x-amzn-query-error", &format!("{};{}", self.error.code, self.fault_name())),
            false => reply,
        }
    }
}
