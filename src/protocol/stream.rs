//! Messages whose body is an event stream: the members outside the stream where the protocol
//! puts them (REST: headers and status; the RPC protocols: an `initial-response` or
//! `initial-request` event), the stream member as the list of its events.

use super::events::{self, MEDIA_TYPE};
use super::http::{Endpoint, HttpRequest, HttpResponse};
use super::reply::{ResponseOptions, write_output};
use super::server::{ParsedRequest, RequestError};
use super::{Protocol, ReadOptions, RequestOptions, ServiceError, decode_body_within};
use crate::error::{Error, Result};
use crate::event_stream::{Decoder, FrameLimits, Message};
use crate::schema::{MemberRef, Model, OperationRef, ShapeRef};
use crate::value::{List, Structure, Value};

/// Whether the protocol carries the members outside a stream in an initial event.
fn initial_event(protocol: Protocol) -> bool {
    !matches!(protocol, Protocol::RestJson1 | Protocol::RestXml)
}

/// `value` (a structure) without member `stream`, and the events that member holds (a list;
/// anything else there is an error, not dropped).
fn split<'v>(value: &'v Value, stream: MemberRef<'_>) -> Result<(Value, Vec<&'v Value>)> {
    let Value::Structure(members) = value else { return Ok((value.clone(), Vec::new())) };
    let mut rest = Structure::new();
    let mut events = Vec::new();
    for (name, member) in members.iter() {
        match (name.as_str() == stream.name().as_str(), member) {
            (true, Value::List(items)) => events = items.iter().collect(),
            (true, Value::Null) => {}
            (true, other) => {
                let error = Error::data(format!("a stream holds a list of events, not a {}", other.type_name()));
                return Err(stream.annotate(error));
            }
            (false, member) => rest.push(*name, member.clone()),
        }
    }
    Ok((Value::Structure(rest), events))
}

/// Reads a successful response whose body is `operation`'s output stream, whole: the output
/// with member `stream` holding the events in order; an exception in the stream is the answer.
pub(super) fn read_response<'m>(
    protocol: Protocol,
    operation: OperationRef<'m>,
    response: &HttpResponse,
    options: &ReadOptions,
) -> Result<Result<Value, ServiceError<'m>>> {
    let mut reader = match EventReader::new(protocol, operation, response, options)? {
        Ok(reader) => reader,
        Err(error) => return Ok(Err(error)),
    };
    let mut events = List::new();
    while let Some(event) = reader.next_event()? {
        match event {
            Ok(event) => events.push(event),
            Err(error) => return Ok(Err(error)),
        }
    }
    reader.finish()?;
    let mut output = reader.initial;
    output.push(reader.stream.name(), Value::List(events));
    Ok(Ok(Value::Structure(output)))
}

/// Reads the events of a streaming response as its bytes arrive: what a client of
/// `ConverseStream` or `SelectObjectContent` runs. Made from the response's head (its status and
/// headers, and the body so far if any), it gives the output members outside the stream
/// ([`EventReader::initial`]: REST ones at once, the RPC protocols' once their
/// `initial-response` event has come) and then each event (a value of the stream's union) or
/// the exception that ends the stream.
///
/// ```
/// use awsval::event_stream::Message;
/// use awsval::model::botocore;
/// use awsval::protocol::{EventReader, HttpResponse, Protocol, ReadOptions};
///
/// let model = botocore::load(br#"{
///   "metadata": {"protocol": "rest-json"},
///   "operations": {"Watch": {"name": "Watch", "http": {"method": "GET", "requestUri": "/"},
///                            "output": {"shape": "Out"}}},
///   "shapes": {
///     "Out": {"type": "structure", "members": {"Events": {"shape": "Stream"}}, "payload": "Events"},
///     "Stream": {"type": "structure", "eventstream": true, "members": {"Tick": {"shape": "Tick"}}},
///     "Tick": {"type": "structure", "event": true, "members": {"N": {"shape": "I"}}},
///     "I": {"type": "integer"}
///   }
/// }"#)?;
/// let watch = model.operation("Watch").expect("declared");
/// let head = HttpResponse::new(200, Vec::new());
/// let mut reader = EventReader::new(Protocol::RestJson1, watch, &head, &ReadOptions::default())?.ok().expect("a stream");
/// let tick = Message::new(br#"{"N": 1}"#.to_vec())
///     .with_header(":message-type", "event")
///     .with_header(":event-type", "Tick")
///     .to_frame()?;
/// reader.push(&tick[..9]);
/// assert!(reader.next_event()?.is_none()); // not whole yet
/// reader.push(&tick[9..]);
/// let event = reader.next_event()?.expect("whole now").ok().expect("an event");
/// assert_eq!(event["Tick"]["N"].as_i64(), Some(1));
/// reader.finish()?;
/// # Ok::<(), awsval::Error>(())
/// ```
#[derive(Debug)]
pub struct EventReader<'m> {
    protocol: Protocol,
    output: Option<ShapeRef<'m>>,
    stream: MemberRef<'m>,
    status: u16,
    options: ReadOptions,
    decoder: Decoder,
    initial: Structure,
}

impl<'m> EventReader<'m> {
    /// A reader of `operation`'s output stream, or the service's error when `head` is one. An
    /// operation without an output stream is a model error.
    pub fn new(
        protocol: Protocol,
        operation: OperationRef<'m>,
        head: &HttpResponse,
        options: &ReadOptions,
    ) -> Result<Result<Self, ServiceError<'m>>> {
        let Some(stream) = events::stream_member(operation.output()) else {
            return Err(Error::model(format!("{} has no output event stream", operation.name())));
        };
        let mut initial = Structure::new();
        if !head.is_success() || !initial_event(protocol) {
            let head_only = HttpResponse { status: head.status, headers: head.headers.clone(), body: Vec::new() };
            let error_or_head = if head.is_success() { &head_only } else { head };
            match super::read_response(protocol, operation, error_or_head, options)? {
                Ok(Value::Structure(members)) => initial = members,
                Ok(_) => {}
                Err(error) => return Ok(Err(error)),
            }
        }
        let mut decoder = Decoder::with_limits(FrameLimits::default());
        decoder.push(&head.body);
        let output = operation.output();
        Ok(Ok(Self { protocol, output, stream, status: head.status, options: *options, decoder, initial }))
    }

    /// The output's members outside the stream, as far as they have come.
    pub fn initial(&self) -> &Structure {
        &self.initial
    }

    /// The output's member that holds the stream.
    pub fn stream_member(&self) -> MemberRef<'m> {
        self.stream
    }

    /// Adds bytes of the body that arrived.
    pub fn push(&mut self, bytes: &[u8]) {
        self.decoder.push(bytes);
    }

    /// The next event (or the exception or error that ends the stream), or `None` until more
    /// bytes arrive.
    pub fn next_event(&mut self) -> Result<Option<Result<Value, ServiceError<'m>>>> {
        while let Some(message) = self.decoder.next_message()? {
            if message.header_str(":event-type") == Some("initial-response") {
                initial_members(self.protocol, self.output, self.stream, &message, &self.options, &mut self.initial)?;
                continue;
            }
            let union = self.stream.target();
            return events::read_event(self.protocol, union, &message, self.options.limits, self.status).map(Some);
        }
        Ok(None)
    }

    /// Checks that the stream ended between messages.
    pub fn finish(&self) -> Result<()> {
        self.decoder.finish()
    }
}

/// The members an `initial-response` (or `initial-request`) event carries, added to `output`.
fn initial_members(
    protocol: Protocol,
    shape: Option<ShapeRef<'_>>,
    stream: MemberRef<'_>,
    message: &Message,
    options: &ReadOptions,
    output: &mut Structure,
) -> Result<()> {
    let Some(shape) = shape.filter(|_| !message.payload.is_empty()) else { return Ok(()) };
    if let Value::Structure(members) = decode_body_within(protocol, &message.payload, shape, options.limits)? {
        for (name, value) in members {
            if name.as_str() != stream.name().as_str() {
                output.push(name, value);
            }
        }
    }
    Ok(())
}

/// The body of a message with a stream: the members outside it (the body the protocol wrote
/// for them) as the initial event `initial` for the RPC protocols, then the events' frames.
/// REST protocols carry those members in the head, and their body gives way to the stream.
fn stream_body(
    protocol: Protocol,
    initial: &str,
    own_body: Vec<u8>,
    stream: MemberRef<'_>,
    events: &[&Value],
) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    if initial_event(protocol) {
        let message = Message::new(own_body).with_header(":message-type", "event").with_header(":event-type", initial);
        message.write_frame(&mut body)?;
    }
    for (index, event) in events.iter().enumerate() {
        events::write_event(protocol, stream.target(), event)
            .and_then(|message| message.write_frame(&mut body))
            .map_err(|error| stream.annotate(error.at_index(index)))?;
    }
    Ok(body)
}

/// `headers` saying the body is an event stream (and, given `len`, its length).
fn stream_headers(headers: &mut Vec<(String, String)>, len: Option<usize>) {
    headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("Content-Type") && !name.eq_ignore_ascii_case("Content-Length"));
    headers.push(("Content-Type".to_owned(), MEDIA_TYPE.to_owned()));
    headers.extend(len.map(|len| ("Content-Length".to_owned(), len.to_string())));
}

/// Writes the response to `operation` whose output holds, in member `stream`, the events to
/// send: the response the protocol writes for the other members, its body as the
/// `initial-response` event (RPC protocols), then the events' frames.
pub(super) fn write_response(
    protocol: Protocol,
    operation: OperationRef<'_>,
    stream: MemberRef<'_>,
    output: &Value,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let (rest, events) = split(output, stream)?;
    let mut reply = write_output(protocol, operation, &rest, options)?;
    reply.body = stream_body(protocol, "initial-response", std::mem::take(&mut reply.body), stream, &events)?;
    stream_headers(&mut reply.headers, None);
    Ok(reply)
}

/// Writes the request for `operation` whose input holds, in member `stream`, the events to
/// send: the request the protocol writes for the other members, its body as the
/// `initial-request` event (RPC protocols), then the events' frames.
pub(super) fn write_request(
    protocol: Protocol,
    operation: OperationRef<'_>,
    stream: MemberRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let (rest, events) = split(input, stream)?;
    let mut request = super::write_request(protocol, operation, &rest, endpoint, options)?;
    request.body = stream_body(protocol, "initial-request", std::mem::take(&mut request.body), stream, &events)?;
    stream_headers(&mut request.headers, Some(request.body.len()));
    Ok(request)
}

/// Reads a request whose body is an event stream (`Content-Type` says so): routed and read as
/// the protocol reads it without the stream (the RPC protocols: from its `initial-request`
/// event), the input's stream member holding the events (opened from their signed envelopes
/// when the client signed them).
pub(super) fn read_request<'m>(
    protocol: Protocol,
    model: &'m Model,
    request: &HttpRequest,
    options: &ReadOptions,
) -> std::result::Result<ParsedRequest<'m>, RequestError> {
    let limits = FrameLimits::default().with_max_payload_len(options.limits.max_input_len);
    let mut decoder = Decoder::with_limits(limits);
    decoder.push(&request.body);
    let mut messages = Vec::new();
    while let Some(message) = decoder.next_message().map_err(RequestError::malformed)? {
        // A signed stream (SigV4 event signing) wraps each message in an envelope; the empty
        // envelope ends it. Checking the signatures is the signer's business, not awsval's.
        match message.open_signed().map_err(RequestError::malformed)? {
            Some(signed) => messages.extend(signed.message),
            None => messages.push(message),
        }
    }
    decoder.finish().map_err(RequestError::malformed)?;
    let initial = match messages.first().and_then(|m| m.header_str(":event-type")) {
        Some("initial-request") => messages.remove(0).payload,
        _ => Vec::new(),
    };
    // The request without its stream, the body not copied.
    let headers = request.headers.iter().filter(|(name, _)| !name.eq_ignore_ascii_case("Content-Type")).cloned();
    let inner = HttpRequest {
        method: request.method.clone(),
        host: request.host.clone(),
        uri: request.uri.clone(),
        headers: headers.collect(),
        body: initial,
    };
    let mut parsed = super::parse_request_with(protocol, model, &inner, options)?;
    let Some(stream) = events::stream_member(parsed.operation.input()) else {
        let error = Error::data(format!("{} takes no event stream", parsed.operation.name()));
        return Err(RequestError::new(415, "UnsupportedMediaType", error));
    };
    let mut events = List::new();
    for (index, message) in messages.iter().enumerate() {
        let event = events::read_event(protocol, stream.target(), message, options.limits, 200)
            .map_err(|error| stream.annotate(error.at_index(index)))
            .and_then(|event| event.map_err(|error| Error::data(format!("a client sent an exception: {}", error.code))))
            .map_err(RequestError::malformed)?;
        events.push(event);
    }
    if let Value::Structure(input) = &mut parsed.input {
        input.push(stream.name(), Value::List(events));
    }
    Ok(parsed)
}
