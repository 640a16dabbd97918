//! Whole messages: an operation's input, output or error, each member made to survive where
//! its protocol puts it (a header, the query string, a URI label, the host, the payload or
//! the body), so that a round trip through HTTP gives it back unchanged.

use awsval::protocol::Protocol;
use awsval::schema::{HttpBinding, MemberRef, OperationRef, ShapeRef, ShapeType};
use awsval::{Blob, List, Map, Structure, TimestampFormat, Value};

use super::{Generator, Message};

/// Statuses a success can carry with a body (not 204 or 205, which have none).
const SUCCESS_STATUSES: [i32; 7] = [200, 201, 202, 203, 206, 226, 299];

impl Generator {
    /// An input for `operation` that its requests in `protocol` carry.
    pub fn input(&mut self, operation: OperationRef<'_>, protocol: Protocol) -> Value {
        self.uri = operation.data().http.uri.to_string();
        let input = self.message(operation.input(), protocol, Message::Request);
        self.uri.clear();
        input
    }

    /// An output for `operation` that its responses in `protocol` carry.
    pub fn output(&mut self, operation: OperationRef<'_>, protocol: Protocol) -> Value {
        self.message(operation.output(), protocol, Message::Response)
    }

    /// A value of error `shape` that its responses in `protocol` carry: a member where the
    /// protocol puts the error's code (restJson1's `X-Amzn-Errortype` header, the XML error
    /// forms' `<Code>`) holds that code.
    pub fn error(&mut self, shape: ShapeRef<'_>, protocol: Protocol) -> Value {
        let mut value = self.message(Some(shape), protocol, Message::Response);
        let code = shape.error_code().unwrap_or_else(|| shape.short_name());
        let carries_code = |member: &MemberRef<'_>| match protocol {
            Protocol::RestJson1 => matches!(
                &member.traits().http,
                Some(HttpBinding::Header(name)) if name.eq_ignore_ascii_case("X-Amzn-Errortype")
            ),
            _ => protocol.json_settings().is_none() && member.xml_name() == "Code",
        };
        if let Value::Structure(members) = &mut value {
            for member in shape.members().filter(carries_code) {
                match members.get_mut(member.name().as_str()) {
                    Some(slot) => *slot = Value::from(code),
                    None => members.push(member.name(), Value::from(code)),
                }
            }
        }
        value
    }

    /// A value of the top-level structure `shape` (an input, output or error; an empty
    /// structure when there is none) that `message` in `protocol` carries: the body members
    /// fit the body's format, and the members bound elsewhere fit where they go.
    pub fn message(&mut self, shape: Option<ShapeRef<'_>>, protocol: Protocol, message: Message) -> Value {
        let Some(shape) = shape else { return Value::Structure(Structure::new()) };
        let saved = self.limits;
        let query = matches!(protocol, Protocol::AwsQuery | Protocol::Ec2Query);
        self.limits.form_safe = query && message == Message::Request;
        let cbor = protocol == Protocol::RpcV2Cbor;
        self.limits.xml_safe = protocol.json_settings().is_none() && !self.limits.form_safe && !cbor;
        self.limits.whole_millis |= cbor;
        let rest = matches!(protocol, Protocol::RestJson1 | Protocol::RestXml);
        let streaming = awsval::protocol::events::stream_member(Some(shape)).is_some();
        let mut structure = Structure::new();
        for member in shape.members() {
            let binding = if rest { member.traits().http.as_ref() } else { None };
            let always = member.is_required() || always_sent(member, binding, message);
            if (!always && self.below(3) == 0) || is_framing(binding) {
                continue;
            }
            let value = match binding {
                // The body of a message with a stream is the stream, and says so.
                Some(HttpBinding::Header(name)) if streaming && name.eq_ignore_ascii_case("Content-Type") => {
                    Some(Value::from(awsval::protocol::events::MEDIA_TYPE))
                }
                _ => self.top_member(member, binding, message),
            };
            if let Some(value) = value {
                structure.push(member.name(), value);
            }
        }
        self.limits = saved;
        Value::Structure(structure)
    }

    /// A value of a top-level member, or `None` where `message` does not carry its binding.
    fn top_member(&mut self, member: MemberRef<'_>, binding: Option<&HttpBinding>, message: Message) -> Option<Value> {
        let request = message == Message::Request;
        if member.traits().host_label && request {
            return Some(Value::String(format!("h{}", self.next() % 1000)));
        }
        match binding {
            None => self.member(member, 1),
            Some(HttpBinding::Header(_)) => self.header(member),
            Some(HttpBinding::PrefixHeaders(_)) => self.prefix_headers(member),
            Some(HttpBinding::Payload) => self.payload(member),
            Some(HttpBinding::Label(name)) if request => self.label(member, name),
            Some(HttpBinding::Query(_)) if request => self.query(member),
            Some(HttpBinding::QueryParams) if request => self.query_params(member),
            Some(HttpBinding::ResponseCode) if !request => Some(Value::Integer(self.pick(&SUCCESS_STATUSES))),
            Some(_) => None,
        }
    }

    /// Text a header carries as it is: not empty, no line breaks, no spaces at either end.
    fn header_text(&mut self) -> String {
        const PIECES: [&str; 6] = ["a", "Zé", "b c", "<&>", "\"q\",", "😀"];
        (0..=self.below(3)).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }

    fn header(&mut self, member: MemberRef<'_>) -> Option<Value> {
        self.bound(member, TimestampFormat::HttpDate, true)
    }

    /// A header's or query parameter's value: a scalar, or a list of them with items (an
    /// empty list sends nothing). Timestamps are written in the item's format, else the
    /// member's, else `default`.
    fn bound(&mut self, member: MemberRef<'_>, default: TimestampFormat, header: bool) -> Option<Value> {
        let target = member.target();
        if target.shape_type() != ShapeType::List {
            let format = member.timestamp_format().unwrap_or(default);
            return self.bound_scalar(member, format, header);
        }
        let item = target.list_member()?;
        let format = item.timestamp_format().or_else(|| member.timestamp_format()).unwrap_or(default);
        let count = 1 + self.below(self.limits.max_items);
        (0..count).map(|_| self.bound_scalar(item, format, header)).collect::<Option<List>>().map(Value::List)
    }

    /// A scalar in a header or the query string: in a header, text as
    /// [`Generator::header_text`] makes it and blobs not empty; timestamps in whole seconds
    /// when written as http-date.
    fn bound_scalar(&mut self, member: MemberRef<'_>, format: TimestampFormat, header: bool) -> Option<Value> {
        let target = member.target();
        let json =
            member.traits().json_value || target.traits().media_type.as_deref().is_some_and(|m| m.contains("json"));
        Some(match target.shape_type() {
            ShapeType::String if header && !json => Value::String(self.header_text()),
            ShapeType::Blob if header => Value::Blob(Blob::new(self.header_text().into_bytes())),
            ShapeType::Timestamp => {
                self.whole_seconds = format == TimestampFormat::HttpDate;
                Value::Timestamp(self.timestamp())
            }
            _ => return self.member(member, 1),
        })
    }

    /// A map of header names (after the prefix: letters and digits, distinct in any case) to
    /// header text.
    fn prefix_headers(&mut self, member: MemberRef<'_>) -> Option<Value> {
        let value = member.target().map_value()?;
        let mut map = Map::new();
        for index in 0..self.below(self.limits.max_items + 1) {
            let key = format!("k{index}{}", ["a", "Zz", "9"][self.below(3)]);
            map.push(key, self.bound_scalar(value, TimestampFormat::HttpDate, true)?);
        }
        Some(Value::Map(map))
    }

    /// A label's value: not empty (a greedy label may hold slashes between other text).
    fn label(&mut self, member: MemberRef<'_>, name: &str) -> Option<Value> {
        if member.target().shape_type() != ShapeType::String {
            return self.member(member, 1);
        }
        let mut text = format!("l{}", self.text());
        if self.below(2) == 0 && self.uri.contains(&format!("{{{name}+}}")) {
            text.push_str("/x/");
            text.push_str(&self.text());
            text.push('y');
        }
        Some(Value::String(text))
    }

    fn query(&mut self, member: MemberRef<'_>) -> Option<Value> {
        self.bound(member, TimestampFormat::DateTime, false)
    }

    /// Parameters of their own: keys no bound parameter takes, lists not empty.
    fn query_params(&mut self, member: MemberRef<'_>) -> Option<Value> {
        let value = member.target().map_value()?;
        let mut map = Map::new();
        for index in 0..=self.below(self.limits.max_items) {
            let key = format!("p{index}{}", self.text());
            map.push(key, self.query(value)?);
        }
        Some(Value::Map(map))
    }

    /// The payload: blobs, text and structures not empty (an empty body, and a structure with
    /// no members, read as an absent payload).
    fn payload(&mut self, member: MemberRef<'_>) -> Option<Value> {
        Some(match member.target().shape_type() {
            ShapeType::Blob => Value::Blob(Blob::new(format!("p{}", self.text()).into_bytes())),
            ShapeType::String => Value::String(format!("p{}", self.text())),
            ShapeType::Structure => {
                let structure = self.filled_structure(member.target(), 1);
                return (!structure.is_empty()).then_some(Value::Structure(structure));
            }
            _ => return self.member(member, 1),
        })
    }
}

/// Whether a message always carries the member, given or not: an event stream (read as empty
/// when absent), an idempotency token (a client makes one up), a URI label, the status code, the `Content-Type` (a default when not given), a map of
/// prefixed headers (empty when none has the prefix).
fn always_sent(member: MemberRef<'_>, binding: Option<&HttpBinding>, message: Message) -> bool {
    match (binding, message) {
        // An absent stream reads as one without events.
        _ if member.target().traits().event_stream => true,
        (_, Message::Request) if member.traits().idempotency_token => true,
        // A request cannot be made without its labels, required or not.
        (Some(HttpBinding::Label(_)), Message::Request) => true,
        (Some(HttpBinding::ResponseCode), Message::Response) => true,
        // Read as an empty map when no header has the prefix (as botocore reads it).
        (Some(HttpBinding::PrefixHeaders(_)), _) => true,
        (Some(HttpBinding::Header(name)), _) => name.eq_ignore_ascii_case("Content-Type"),
        _ => false,
    }
}

/// Whether the member is bound to `Content-Length`, which the body's length sets (a value of
/// its own would break the message; see `round_trip`).
pub(crate) fn is_framing(binding: Option<&HttpBinding>) -> bool {
    matches!(binding, Some(HttpBinding::Header(name)) if name.eq_ignore_ascii_case("Content-Length"))
}
