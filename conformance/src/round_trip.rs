//! Round trips of whole exchanges through HTTP/1.1 bytes, for property tests over whole
//! models: what a client writes, a server reads back to the same operation and input; what a
//! server writes, a client reads back to the same output or error.
//!
//! ```
//! use awsval::model::botocore;
//! use awsval::protocol::Protocol;
//! use awsval_conformance::generate::Generator;
//! use awsval_conformance::round_trip;
//!
//! let model = botocore::load(br#"{
//!   "metadata": {"protocol": "rest-json"},
//!   "operations": {"Get": {"name": "Get", "http": {"method": "GET", "requestUri": "/things/{Id}"},
//!                          "input": {"shape": "In"}, "output": {"shape": "In"}}},
//!   "shapes": {"In": {"type": "structure", "required": ["Id"], "members": {
//!                "Id": {"shape": "S", "location": "uri", "locationName": "Id"},
//!                "Tag": {"shape": "S", "location": "header", "locationName": "x-tag"}}},
//!              "S": {"type": "string"}}
//! }"#)?;
//! let get = model.operation("Get").expect("declared");
//! let mut generator = Generator::new(1, Default::default());
//! round_trip::request(Protocol::RestJson1, get, &generator.input(get, Protocol::RestJson1))?;
//! round_trip::response(Protocol::RestJson1, get, &generator.output(get, Protocol::RestJson1))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use awsval::Value;
use awsval::protocol::{
    self, Endpoint, HttpRequest, HttpResponse, Protocol, RequestOptions, ResponseOptions, ServiceError,
};
use awsval::schema::{HttpBinding, OperationRef, ShapeRef};

use crate::generate::is_framing;

/// How a round trip went wrong, with the message on the wire.
pub type Failure = String;

/// Sends `input` as `operation`'s request and reads it back as a server: the same operation
/// (or one whose method and URI pattern are the very same, which no server can tell apart)
/// and an equivalent input.
pub fn request(protocol: Protocol, operation: OperationRef<'_>, input: &Value) -> Result<(), Failure> {
    let sent = protocol::request(protocol, operation, input, &Endpoint::default(), &RequestOptions::default())
        .map_err(|e| format!("request: {e}"))?;
    let wire = sent.to_http1().map_err(|e| format!("to_http1: {e}"))?;
    let shown = || String::from_utf8_lossy(&wire).into_owned();
    let received = HttpRequest::from_http1(&wire).map_err(|e| format!("from_http1: {e}\n{}", shown()))?;
    let parsed = protocol::parse_request(protocol, operation.model(), &received)
        .map_err(|e| format!("parse_request: {e}\n{}", shown()))?;
    if parsed.operation.name() != operation.name() {
        let (ours, theirs) = (&operation.data().http, &parsed.operation.data().http);
        return if (&ours.method, &ours.uri) == (&theirs.method, &theirs.uri) {
            Ok(())
        } else {
            Err(format!("routed to {}\n{}", parsed.operation.name(), shown()))
        };
    }
    let mut back = parsed.input;
    if let Some(shape) = operation.input() {
        leave_out_what_reading_adds(shape, input, &mut back, &operation.data().http.uri);
    }
    same(input, &back, shown)
}

/// Leaves out of `back` what a reading rightly adds to what was `sent`: members bound to
/// `Content-Length` (the body's length, which the sender did not give); in a server's
/// `@httpQueryParams` map the parameters that bound members and the URI pattern's literals
/// put in the query (Smithy's `RestJsonServersQueryParamsStringListMap`: a server's map holds
/// every parameter); in a map of headers with an empty prefix the message's other headers
/// (botocore reads every header into it, as does awsval).
fn leave_out_what_reading_adds(shape: ShapeRef<'_>, sent: &Value, back: &mut Value, uri: &str) {
    let Value::Structure(members) = back else { return };
    let bound_params: Vec<String> = shape
        .members()
        .filter_map(|m| match &m.traits().http {
            Some(HttpBinding::Query(name)) => Some(name.to_string()),
            _ => None,
        })
        .chain(
            uri.split_once('?')
                .into_iter()
                .flat_map(|(_, q)| q.split('&'))
                .map(|p| p.split_once('=').map_or(p, |(key, _)| key).to_owned()),
        )
        .collect();
    for member in shape.members() {
        let name = member.name();
        let given = sent.get(name.as_str());
        match (&member.traits().http, members.get_mut(name.as_str())) {
            (binding, Some(_)) if given.is_none() && is_framing(binding.as_ref()) => {
                members.remove(name.as_str());
            }
            (Some(HttpBinding::QueryParams), Some(Value::Map(map))) => {
                let extra = bound_params.iter().filter(|key| given.and_then(|g| g.get(key.as_str())).is_none());
                for key in extra {
                    map.remove(key);
                }
                if map.is_empty() && given.is_none() {
                    members.remove(name.as_str());
                }
            }
            (Some(HttpBinding::PrefixHeaders(prefix)), Some(Value::Map(map))) if prefix.is_empty() => {
                let extra: Vec<String> = map
                    .iter()
                    .map(|(key, _)| key.clone())
                    .filter(|key| given.and_then(|g| g.get(key)).is_none())
                    .collect();
                for key in extra {
                    map.remove(&key);
                }
            }
            _ => {}
        }
    }
}

/// Writes `output` as `operation`'s response and reads it back as a client.
pub fn response(protocol: Protocol, operation: OperationRef<'_>, output: &Value) -> Result<(), Failure> {
    let written = protocol::encode_response(protocol, operation, output, &options())
        .map_err(|e| format!("encode_response: {e}"))?;
    let (read, shown) = read_back(protocol, operation, &written)?;
    match read {
        Ok(mut value) => {
            if let Some(shape) = operation.output() {
                leave_out_what_reading_adds(shape, output, &mut value, "");
            }
            same(output, &value, shown)
        }
        Err(error) => Err(format!("read as error {}\n{}", error.code, shown())),
    }
}

/// Writes `value` of error `shape` as `operation`'s error response and reads it back as a
/// client: the same shape, an equivalent value.
pub fn error(
    protocol: Protocol,
    operation: OperationRef<'_>,
    shape: ShapeRef<'_>,
    value: &Value,
) -> Result<(), Failure> {
    let error = ServiceError::modeled(shape, value.clone());
    let written =
        protocol::encode_error(protocol, operation, &error, &options()).map_err(|e| format!("encode_error: {e}"))?;
    let (read, shown) = read_back(protocol, operation, &written)?;
    match read {
        Ok(_) => Err(format!("read as a success\n{}", shown())),
        Err(back) if back.shape.map(|s| s.id()) != Some(shape.id()) => {
            Err(format!("read as error {} ({:?})\n{}", back.code, back.shape.map(|s| s.name()), shown()))
        }
        Err(back) => same(value, &back.value, shown),
    }
}

fn options() -> ResponseOptions {
    ResponseOptions::default().with_request_id("req-1")
}

type Read<'m> = Result<Value, ServiceError<'m>>;

/// The response through HTTP/1.1 bytes and a client's reading, and a way to show the bytes.
fn read_back<'m>(
    protocol: Protocol,
    operation: OperationRef<'m>,
    written: &HttpResponse,
) -> Result<(Read<'m>, impl Fn() -> String), Failure> {
    let wire = written.to_http1().map_err(|e| format!("to_http1: {e}"))?;
    let received =
        HttpResponse::from_http1(&wire).map_err(|e| format!("from_http1: {e}\n{}", String::from_utf8_lossy(&wire)))?;
    let shown = move || String::from_utf8_lossy(&wire).into_owned();
    let read = protocol::response(protocol, operation, &received).map_err(|e| format!("response: {e}\n{}", shown()))?;
    Ok((read, shown))
}

fn same(sent: &Value, back: &Value, shown: impl Fn() -> String) -> Result<(), Failure> {
    if back.equivalent(sent) {
        Ok(())
    } else {
        Err(format!("came back different:\n{}\nsent {sent:?}\nback {back:?}", shown()))
    }
}
