//! Event streams as shapes: the messages of a stream (see [`crate::event_stream`]) as values
//! of the stream's union, both ways.
//!
//! An `event` message names the union member in `:event-type`; its members bound by
//! `@eventHeader` travel as typed headers, an `@eventPayload` member as the whole payload (a
//! blob as it is, a string as UTF-8, a structure in the protocol's body format), the others
//! as one document in the protocol's body format. An `exception` names a modeled error (a
//! member of the union) in `:exception-type`; an `error` carries `:error-code` and
//! `:error-message`. An event type the union does not know is kept by name.

use super::{Protocol, ServiceError, decode_body_within, encode_body};
use crate::blob::Blob;
use crate::error::{Error, Result};
use crate::event_stream::{HeaderValue, Message};
use crate::limits::Limits;
use crate::schema::{MemberRef, OperationRef, ShapeRef, ShapeType};
use crate::value::{Structure, Union, Value};

/// The media type of a body that is an event stream.
pub const MEDIA_TYPE: &str = "application/vnd.amazon.eventstream";

/// The member of `shape` (an operation's input or output) that is an event stream.
pub fn stream_member(shape: Option<ShapeRef<'_>>) -> Option<MemberRef<'_>> {
    shape?.members().find(|member| member.target().traits().event_stream)
}

/// Whether `operation` sends or receives an event stream.
pub fn has_event_stream(operation: OperationRef<'_>) -> bool {
    stream_member(operation.input()).is_some() || stream_member(operation.output()).is_some()
}

/// The `:content-type` of a payload in the protocol's body format.
fn body_media_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query => "text/xml",
        Protocol::RpcV2Cbor => "application/cbor",
        _ => "application/json",
    }
}

/// Reads one message of a stream of `union`: the event (a union value), or the service's
/// exception or error. `status` is the HTTP status the stream came with.
///
/// ```
/// use awsval::event_stream::Message;
/// use awsval::model::botocore;
/// use awsval::protocol::{Protocol, events};
/// use awsval::{Blob, Structure, Union, Value};
///
/// let model = botocore::load(br#"{
///   "metadata": {"protocol": "rest-json"},
///   "shapes": {
///     "Stream": {"type": "structure", "eventstream": true, "members": {"Chunk": {"shape": "Chunk"}}},
///     "Chunk": {"type": "structure", "event": true, "members": {
///       "Bytes": {"shape": "B", "eventpayload": true}, "Seq": {"shape": "I", "eventheader": true}}},
///     "B": {"type": "blob"}, "I": {"type": "integer"}
///   }
/// }"#)?;
/// let stream = model.shape("Stream").expect("declared");
/// let event = Value::Union(Union::new("Chunk", Structure::new().with("Bytes", Blob::new(b"hi")).with("Seq", 1)));
/// let message = events::write_event(Protocol::RestJson1, stream, &event)?;
/// assert_eq!(message.header_str(":event-type"), Some("Chunk"));
/// assert_eq!(message.payload, b"hi");
/// let back = events::read_event(Protocol::RestJson1, stream, &message, Default::default(), 200)?;
/// assert!(back.ok().is_some_and(|read| read.equivalent(&event)));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn read_event<'m>(
    protocol: Protocol,
    union: ShapeRef<'m>,
    message: &Message,
    limits: Limits,
    status: u16,
) -> Result<Result<Value, ServiceError<'m>>> {
    match message.header_str(":message-type") {
        Some("event") => {
            let kind = required_header(message, ":event-type")?;
            Ok(Ok(Value::Union(match union.member(kind) {
                Some(member) => {
                    let value = read_structure(protocol, member.target(), message, limits)
                        .map_err(|error| error.in_member(kind.to_owned()))?;
                    Union::new(member.name(), value)
                }
                None => Union::unknown(kind.to_owned()),
            })))
        }
        Some("exception") => {
            let kind = required_header(message, ":exception-type")?;
            Ok(Err(match union.member(kind) {
                Some(member) => {
                    let value = read_structure(protocol, member.target(), message, limits)?;
                    let mut error = ServiceError::modeled(member.target(), value);
                    error.code = kind.to_owned();
                    error.status = status;
                    error
                }
                None => ServiceError::unmodeled(kind, message_text(message).as_deref(), status),
            }))
        }
        Some("error") => {
            let code = required_header(message, ":error-code")?;
            Ok(Err(ServiceError::unmodeled(code, message.header_str(":error-message"), status)))
        }
        Some(other) => Err(Error::data(format!("an event stream message of type {other:?}"))),
        None => Err(Error::data("an event stream message without a :message-type")),
    }
}

fn required_header<'a>(message: &'a Message, name: &str) -> Result<&'a str> {
    message.header_str(name).ok_or_else(|| Error::data(format!("an event stream message without {name}")))
}

/// The `message` of an unmodeled exception's JSON payload, if it has one.
fn message_text(message: &Message) -> Option<String> {
    let json: serde_json::Value = serde_json::from_slice(&message.payload).ok()?;
    json.get("message").or_else(|| json.get("Message")).and_then(|m| m.as_str()).map(str::to_owned)
}

/// An event's (or exception's) structure from a message.
fn read_structure(protocol: Protocol, shape: ShapeRef<'_>, message: &Message, limits: Limits) -> Result<Value> {
    let mut out = Structure::new();
    for member in shape.members().filter(|m| m.traits().event_header) {
        if let Some(header) = message.header(member.name().as_str()) {
            out.push(member.name(), header_value(member, header).map_err(|error| member.annotate(error))?);
        }
    }
    let payload = &message.payload;
    match shape.members().find(|m| m.traits().event_payload) {
        Some(member) => {
            let value = match member.target().shape_type() {
                ShapeType::Blob => Some(Value::Blob(Blob::new(payload.clone()))),
                ShapeType::String => Some(Value::String(
                    String::from_utf8(payload.clone())
                        .map_err(|_| Error::data("an event payload is not UTF-8 text"))?,
                )),
                _ if payload.is_empty() => None,
                _ => Some(decode_body_within(protocol, payload, member.target(), limits)?),
            };
            if let Some(value) = value {
                out.push(member.name(), value);
            }
        }
        None if !payload.is_empty() => {
            if let Value::Structure(body) = decode_body_within(protocol, payload, shape, limits)? {
                for (name, value) in body {
                    if shape.member(&name).is_some_and(|m| !m.traits().event_header) {
                        out.push(name, value);
                    }
                }
            }
        }
        None => {}
    }
    Ok(Value::Structure(out))
}

/// A member's value from its header.
fn header_value(member: MemberRef<'_>, header: &HeaderValue) -> Result<Value> {
    let target = member.target();
    Ok(match (target.shape_type(), header) {
        (ShapeType::Boolean, HeaderValue::Bool(b)) => Value::Boolean(*b),
        (ShapeType::Byte, HeaderValue::Byte(n)) => Value::Byte(*n),
        (ShapeType::Short, HeaderValue::Short(n)) => Value::Short(*n),
        (ShapeType::Integer, HeaderValue::Integer(n)) => Value::Integer(*n),
        (ShapeType::IntEnum, HeaderValue::Integer(n)) => Value::IntEnum(*n),
        (ShapeType::Long, HeaderValue::Long(n)) => Value::Long(*n),
        (ShapeType::Blob, HeaderValue::Bytes(bytes)) => Value::Blob(Blob::new(bytes.clone())),
        (ShapeType::String, HeaderValue::String(text)) => Value::String(text.clone()),
        (ShapeType::Enum, HeaderValue::String(text)) => Value::Enum(text.clone().into()),
        (ShapeType::Timestamp, HeaderValue::Timestamp(timestamp)) => Value::Timestamp(*timestamp),
        (shape_type, _) => {
            return Err(Error::data(format!("a header of type {} for a {shape_type}", header.type_byte())));
        }
    })
}

/// A member's header from its value.
fn to_header(member: MemberRef<'_>, value: &Value) -> Result<HeaderValue> {
    Ok(match value {
        Value::Boolean(b) => HeaderValue::Bool(*b),
        Value::Byte(n) => HeaderValue::Byte(*n),
        Value::Short(n) => HeaderValue::Short(*n),
        Value::Integer(n) | Value::IntEnum(n) => HeaderValue::Integer(*n),
        Value::Long(n) => HeaderValue::Long(*n),
        Value::Blob(blob) => HeaderValue::Bytes(blob.to_vec()),
        Value::String(text) => HeaderValue::String(text.clone()),
        Value::Enum(text) => HeaderValue::String(text.to_string()),
        Value::Timestamp(timestamp) => HeaderValue::Timestamp(*timestamp),
        other => {
            let error = Error::data(format!("a {} has no event header form", other.type_name()));
            return Err(member.annotate(error));
        }
    })
}

/// Writes an event of `union` (a union value) as a message.
pub fn write_event(protocol: Protocol, union: ShapeRef<'_>, event: &Value) -> Result<Message> {
    let Value::Union(event) = event else {
        return Err(Error::data(format!("an event is a union value, not a {}", event.type_name())));
    };
    let (Some(name), Some(value)) = (event.known_name(), event.value()) else {
        return Err(Error::data("an unknown event cannot be written").in_member(event.name().to_owned()));
    };
    let member = union.known_member(name.as_str())?;
    let message =
        Message::new(Vec::new()).with_header(":message-type", "event").with_header(":event-type", name.as_str());
    write_structure(protocol, member.target(), value, message).map_err(|error| member.annotate(error))
}

/// Writes a modeled error of `union` as an `exception` message, an unmodeled one as an
/// `error` message.
pub fn write_exception(protocol: Protocol, union: ShapeRef<'_>, error: &ServiceError<'_>) -> Result<Message> {
    let member = error.shape.and_then(|shape| union.members().find(|m| m.target().id() == shape.id()));
    match member {
        Some(member) => {
            let message = Message::new(Vec::new())
                .with_header(":message-type", "exception")
                .with_header(":exception-type", member.name().as_str());
            write_structure(protocol, member.target(), &error.value, message)
        }
        None => {
            let mut message = Message::new(Vec::new())
                .with_header(":message-type", "error")
                .with_header(":error-code", error.code.as_str());
            if let Some(text) = &error.message {
                message = message.with_header(":error-message", text.as_str());
            }
            Ok(message)
        }
    }
}

fn write_structure(protocol: Protocol, shape: ShapeRef<'_>, value: &Value, mut message: Message) -> Result<Message> {
    let Value::Structure(members) = value else {
        return Err(Error::data(format!("an event is a structure, not a {}", value.type_name())));
    };
    let mut body = Structure::new();
    let mut payload = None;
    for (name, member_value) in members.iter() {
        let member = shape.known_member(name.as_str())?;
        if member.traits().event_header {
            message.headers.push((name.to_string(), to_header(member, member_value)?));
        } else if member.traits().event_payload {
            payload = Some((member, member_value));
        } else {
            body.push(*name, member_value.clone());
        }
    }
    let (content_type, bytes) = match payload {
        Some((member, Value::Blob(blob))) if member.target().shape_type() == ShapeType::Blob => {
            ("application/octet-stream", blob.to_vec())
        }
        Some((member, Value::String(text))) if member.target().shape_type() == ShapeType::String => {
            ("text/plain", text.clone().into_bytes())
        }
        Some((member, value)) => (body_media_type(protocol), encode_body(protocol, value, member.target())?),
        None if body.is_empty() => ("", Vec::new()),
        None => (body_media_type(protocol), encode_body(protocol, &Value::Structure(body), shape)?),
    };
    if !content_type.is_empty() {
        message.headers.insert(2.min(message.headers.len()), (":content-type".to_owned(), content_type.into()));
    }
    message.payload = bytes;
    Ok(message)
}
