//! Messages of derived types: an operation's input written and its output read (on a client)
//! or written (on a server) straight through the codecs' typed paths, with no `Value` tree.
//!
//! The typed path is taken where the body is the whole message: awsJson and rpcv2Cbor requests
//! and responses, the query protocols' requests and responses (on both sides), and restJson1
//! and restXml responses that bind no member to HTTP. Everything else goes through the
//! `Value` path and converts, for it needs the members one by one (HTTP bindings, idempotency
//! tokens, host labels, S3's rules, event streams). Either way the bytes and values are those
//! of [`request`], [`response_with`] and [`encode_response`].
//!
//! `T` is the operation's own type: its schema is the operation's input or output shape, as
//! when the model is built from the derived types. A derived type holds every member that has
//! a default, so there is nothing for the protocol to fill in.

use super::events::stream_member;
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::reply::{ResponseOptions, encode_response, finish};
use super::{
    Protocol, ReadOptions, RequestOptions, ServiceError, aws_json, aws_query, request, response_with, rest,
    rpc_v2_cbor, s3,
};
use crate::cbor::{self, CborSettings};
use crate::convert::{Decode, Encode, Shape};
use crate::error::Result;
use crate::json::{self, JsonSettings};
use crate::query::{self, QueryFlavor, QuerySettings};
use crate::schema::{OperationRef, ShapeRef};
use crate::value::{Structure, Value};
use crate::xml::{self, XmlSettings};

/// [`request`] with a typed input: `input` is the operation's input type.
///
/// ```
/// use awsval::protocol::{self, Endpoint, Protocol, RequestOptions};
/// use awsval::schema::{ModelBuilder, Operation};
/// use awsval::{Shape, ToValue};
///
/// #[derive(Shape)]
/// struct GetItemInput {
///     table_name: String,
/// }
///
/// let mut builder = ModelBuilder::new();
/// let mut get_item = Operation::new("GetItem");
/// get_item.input = Some(GetItemInput::describe(&mut builder));
/// builder.operation(get_item);
/// let model = builder.finish()?;
/// let operation = model.operation("GetItem").expect("declared");
///
/// let input = GetItemInput { table_name: "users".into() };
/// let (endpoint, options) = (Endpoint::default(), RequestOptions::default());
/// let request = protocol::request_typed(Protocol::AwsJson1_0, operation, &input, &endpoint, &options)?;
/// assert_eq!(request.body, br#"{"TableName":"users"}"#);
/// let by_value = protocol::request(Protocol::AwsJson1_0, operation, &input.to_value(), &endpoint, &options)?;
/// assert_eq!(request, by_value);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn request_typed<T: Encode + Shape + 'static>(
    protocol: Protocol,
    operation: OperationRef<'_>,
    input: &T,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    if !writes_straight(protocol, operation) {
        return request(protocol, operation, &input.to_value(), endpoint, options);
    }
    // No host labels (see `writes_straight`): the prefix reads nothing of the input.
    let no_labels = &Value::Null;
    if let Some(flavor) = query_flavor(protocol) {
        let pairs = match operation.input() {
            Some(_) => query::encode_typed(input, &QuerySettings::new(flavor).with_limits(options.limits))?,
            None => Vec::new(),
        };
        return aws_query::post(operation, pairs, no_labels, endpoint, options);
    }
    match json_version(protocol) {
        Some(version) => {
            let body = match operation.input() {
                Some(_) => json::encode_typed(input, &JsonSettings::aws_json().with_limits(options.limits))?,
                None => b"{}".to_vec(),
            };
            aws_json::post(version, operation, body, no_labels, endpoint, options)
        }
        None => {
            let body = |_: ShapeRef<'_>, settings: &CborSettings| cbor::encode_typed(input, settings);
            rpc_v2_cbor::post(operation, body, no_labels, endpoint, options)
        }
    }
}

/// The query flavor of `protocol`, if it is awsQuery or ec2Query.
fn query_flavor(protocol: Protocol) -> Option<QueryFlavor> {
    match protocol {
        Protocol::AwsQuery => Some(QueryFlavor::AwsQuery),
        Protocol::Ec2Query => Some(QueryFlavor::Ec2Query),
        _ => None,
    }
}

/// [`response_with`] into the operation's output type `T`: the service's error stays a
/// [`ServiceError`].
///
/// ```
/// use awsval::protocol::{self, HttpResponse, Protocol, ReadOptions};
/// use awsval::schema::{ModelBuilder, Operation};
/// use awsval::Shape;
///
/// #[derive(Shape, PartialEq)]
/// struct GetCallerIdentityOutput {
///     account: Option<String>,
/// }
///
/// let mut builder = ModelBuilder::new();
/// let mut operation = Operation::new("GetCallerIdentity");
/// operation.output = Some(GetCallerIdentityOutput::describe(&mut builder));
/// builder.operation(operation);
/// let model = builder.finish()?;
/// let operation = model.operation("GetCallerIdentity").expect("declared");
///
/// let reply = HttpResponse::new(
///     200,
///     "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123</Account>\
///      </GetCallerIdentityResult></GetCallerIdentityResponse>",
/// );
/// let output: GetCallerIdentityOutput =
///     protocol::response_typed(Protocol::AwsQuery, operation, &reply, &ReadOptions::default())?.expect("a success");
/// assert_eq!(output.account.as_deref(), Some("123"));
///
/// let failed = HttpResponse::new(403, "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>");
/// let error = protocol::response_typed::<GetCallerIdentityOutput>(Protocol::AwsQuery, operation, &failed, &ReadOptions::default())?;
/// assert_eq!(error.unwrap_err().code, "AccessDenied");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn response_typed<'m, T: Decode + Shape + 'static>(
    protocol: Protocol,
    operation: OperationRef<'m>,
    response: &HttpResponse,
    options: &ReadOptions,
) -> Result<Result<T, ServiceError<'m>>> {
    if !(response.is_success() && reads_straight(protocol, operation, options)) {
        return Ok(match response_with(protocol, operation, response, options)? {
            Ok(output) => Ok(T::from_value(output)?),
            Err(error) => Err(error),
        });
    }
    let body = &response.body;
    // A CBOR body is empty or a document; the others may be blank.
    let blank = match protocol {
        Protocol::RpcV2Cbor => body.is_empty(),
        _ => body.iter().all(u8::is_ascii_whitespace),
    };
    // What an empty body or a missing result element reads as, as on the `Value` path.
    let empty = || T::from_value(Value::Structure(Structure::new()));
    if operation.output().is_none() || blank {
        return Ok(Ok(empty()?));
    }
    let json = |settings: JsonSettings| json::decode_typed(body, &settings.with_limits(options.limits));
    let xml_settings = XmlSettings::new().with_limits(options.limits);
    let output = match protocol {
        Protocol::AwsQuery => {
            let wrapper = super::aws_query::result_wrapper(operation);
            match xml::decode_typed_at(body, &[&wrapper], &xml_settings)? {
                Some(output) => output,
                None => empty()?,
            }
        }
        Protocol::Ec2Query | Protocol::RestXml => xml::decode_typed(body, &xml_settings)?,
        Protocol::RestJson1 => json(JsonSettings::rest_json())?,
        Protocol::RpcV2Cbor => cbor::decode_typed(body, &CborSettings::new().with_limits(options.limits))?,
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => json(JsonSettings::aws_json())?,
    };
    Ok(Ok(output))
}

/// [`encode_response`] of a typed output: `output` is the operation's output type. awsJson,
/// rpcv2Cbor and the query protocols write it straight (without an event stream); the REST
/// protocols through a `Value`.
///
/// ```
/// use awsval::protocol::{self, Protocol, ResponseOptions};
/// use awsval::schema::{ModelBuilder, Operation};
/// use awsval::{Shape, ToValue};
///
/// #[derive(Shape)]
/// struct CountOutput {
///     count: i32,
/// }
///
/// let mut builder = ModelBuilder::new();
/// let mut operation = Operation::new("Count");
/// operation.output = Some(CountOutput::describe(&mut builder));
/// builder.operation(operation);
/// let model = builder.finish()?;
/// let operation = model.operation("Count").expect("declared");
///
/// let options = ResponseOptions::default().with_request_id("r-1");
/// let reply = protocol::encode_response_typed(Protocol::AwsJson1_1, operation, &CountOutput { count: 3 }, &options)?;
/// assert_eq!(reply.body, br#"{"Count":3}"#);
/// let by_value = protocol::encode_response(Protocol::AwsJson1_1, operation, &CountOutput { count: 3 }.to_value(), &options)?;
/// assert_eq!(reply, by_value);
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_response_typed<T: Encode + Shape + 'static>(
    protocol: Protocol,
    operation: OperationRef<'_>,
    output: &T,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let rest = matches!(protocol, Protocol::RestJson1 | Protocol::RestXml);
    if rest || stream_member(operation.output()).is_some() {
        return encode_response(protocol, operation, &output.to_value(), options);
    }
    let mut reply = if let Some(flavor) = query_flavor(protocol) {
        aws_query::reply(flavor, operation, &TypedOutput(output), options)?
    } else if let Some(version) = json_version(protocol) {
        let body = match operation.output() {
            Some(_) => json::encode_typed(output, &JsonSettings::aws_json().with_limits(options.limits))?,
            None => Vec::new(),
        };
        aws_json::reply_with(version, body)
    } else {
        let body = |_: ShapeRef<'_>, settings: &CborSettings| cbor::encode_typed(output, settings);
        rpc_v2_cbor::reply_with(operation, body, options)?
    };
    finish(operation.model().service(), options, &mut reply);
    Ok(reply)
}

/// A typed output as a query response writes it.
struct TypedOutput<'t, T>(&'t T);

impl<T: Encode + Shape + 'static> aws_query::OutputXml for TypedOutput<'_, T> {
    fn element(&self, _: ShapeRef<'_>, name: &str, settings: &XmlSettings) -> Result<Vec<u8>> {
        xml::encode_typed_with(self.0, name, None, settings)
    }

    fn framed(
        &self,
        shape: ShapeRef<'_>,
        root: aws_query::Root<'_>,
        settings: &XmlSettings,
        tail: &[u8],
    ) -> Result<Vec<u8>> {
        xml::encode_typed_framed(self.0, shape, root, settings, tail)
    }
}

/// The awsJson version of `protocol`, if it is awsJson.
fn json_version(protocol: Protocol) -> Option<&'static str> {
    match protocol {
        Protocol::AwsJson1_0 => Some("1.0"),
        Protocol::AwsJson1_1 => Some("1.1"),
        _ => None,
    }
}

/// Whether a request for `operation` is its body alone: any protocol but the REST ones (whose
/// members bind to the URI and headers), no event stream, no idempotency token to fill, no
/// host label to read.
fn writes_straight(protocol: Protocol, operation: OperationRef<'_>) -> bool {
    if matches!(protocol, Protocol::RestJson1 | Protocol::RestXml) {
        return false;
    }
    let tokens = operation.input().is_some_and(|shape| shape.members().any(|m| m.traits().idempotency_token));
    let labels = operation.data().host_prefix.as_deref().is_some_and(|prefix| prefix.contains('{'));
    stream_member(operation.input()).is_none() && !tokens && !labels
}

/// Whether a successful response to `operation` is its body alone, read as the `Value` path
/// reads it: no event stream, no correction, no S3 rule, and for the REST protocols no member
/// bound to HTTP and no lone member that restXml may send unwrapped.
fn reads_straight(protocol: Protocol, operation: OperationRef<'_>, options: &ReadOptions) -> bool {
    let output = operation.output();
    if stream_member(output).is_some() || options.error_correction {
        return false;
    }
    let bound = output.is_some_and(|shape| shape.members().any(|m| m.http().is_some()));
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::AwsQuery | Protocol::Ec2Query => true,
        Protocol::RestJson1 => !bound,
        Protocol::RestXml => {
            let s3 = options.customizations && s3::applies(operation);
            !bound && !s3 && !output.is_some_and(rest::may_come_unwrapped)
        }
        Protocol::RpcV2Cbor => true,
    }
}
