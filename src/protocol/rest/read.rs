//! Reading a REST message: members from the URI's labels, the query string, headers, the
//! status code and the body.

use std::borrow::Cow;

use super::{Body, Reading, map_value_shape};
use crate::codec::BlobText;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::json;
use crate::protocol::ServiceError;
use crate::protocol::aws_json::error_header as json_error_header;
use crate::protocol::error_code::{ErrorHeader, error_shape, is_generic_body, xml_error_fields};
use crate::protocol::headers;
use crate::protocol::http::{HttpRequest, HttpResponse, find_header};
use crate::schema::{HttpBinding, MemberRef, OperationRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::{Document, List, Map, Name, Structure, Value};
use crate::xml;

pub(crate) fn response<'m>(
    reading: Reading,
    operation: OperationRef<'m>,
    response: &HttpResponse,
) -> Result<Result<Value, ServiceError<'m>>> {
    if !response.is_success() {
        return error(reading, operation, response).map(Err);
    }
    let Some(shape) = operation.output() else { return Ok(Ok(Value::Structure(Structure::new()))) };
    decode_bound(reading, shape, &Parts::of_response(response), reading.document()).map(Ok)
}

/// The input of a request routed to its operation: `labels` are the URI's labels and `query`
/// its query string, both percent-decoded.
pub(crate) fn request_input(
    reading: Reading,
    shape: ShapeRef<'_>,
    request: &HttpRequest,
    labels: &[(String, String)],
    query: &[(String, String)],
) -> Result<Value> {
    let parts = Parts { headers: &request.headers, body: &request.body, status: None, labels, query };
    decode_bound(reading, shape, &parts, reading.document())
}

/// The parts of an HTTP message that a structure's members are bound to: a response has a
/// status and no URI, a request a URI's labels and query string and no status.
struct Parts<'a> {
    headers: &'a [(String, String)],
    body: &'a [u8],
    status: Option<u16>,
    labels: &'a [(String, String)],
    query: &'a [(String, String)],
}

impl<'a> Parts<'a> {
    fn of_response(response: &'a HttpResponse) -> Self {
        Self {
            headers: &response.headers,
            body: &response.body,
            status: Some(response.status),
            labels: &[],
            query: &[],
        }
    }

    fn header(&self, name: &str) -> Option<&'a str> {
        find_header(self.headers, name)
    }

    fn is_request(&self) -> bool {
        self.status.is_none()
    }

    /// Whether `member` travels in the message's body: unbound members, and those bound to
    /// what the message does not have (a response has no URI, a request no status).
    fn in_body(&self, member: MemberRef<'_>) -> bool {
        match member.http() {
            None => true,
            Some(HttpBinding::Label(_) | HttpBinding::Query(_) | HttpBinding::QueryParams) => !self.is_request(),
            Some(HttpBinding::ResponseCode) => self.is_request(),
            Some(_) => false,
        }
    }
}

impl Reading {
    /// Where a structure's body members are in a document of this format.
    fn document(self) -> BodyValue {
        match self.body {
            Body::Json => BodyValue::Json,
            Body::Xml => BodyValue::XmlRoot,
        }
    }
}

/// Where the structure's body members are in the body.
enum BodyValue {
    Json,
    XmlRoot,
    XmlAt(&'static [&'static str]),
    /// No document: an error body that is blank or a proxy's page.
    None,
}

/// A structure from the parts of a message: status, URI labels, query string, headers and
/// body.
fn decode_bound(reading: Reading, shape: ShapeRef<'_>, parts: &Parts<'_>, body: BodyValue) -> Result<Value> {
    let mut out: Vec<(usize, Name, Value)> = Vec::new();
    let mut has_payload = false;
    // A server reads timestamps in their exact formats; a client takes any that reads.
    let strict = parts.is_request();
    for member in shape.members() {
        let value = match member.http() {
            Some(HttpBinding::Header(name)) => match parts.header(name) {
                Some(text) => {
                    let value = one_line(text).and_then(|text| headers::parse(member, text, strict));
                    Some(value.map_err(|e| member.annotate(e))?)
                }
                None => None,
            },
            Some(HttpBinding::PrefixHeaders(prefix)) => {
                let value_shape = map_value_shape(member)?;
                let mut map = Map::new();
                // Header names are case-insensitive: `x-meta-k` and `X-Meta-K` are one field.
                let mut seen = std::collections::HashSet::new();
                for (name, text) in parts.headers {
                    if let Some(key) = headers::strip_prefix(name, prefix) {
                        let problem = match seen.insert(key.to_ascii_lowercase()) {
                            false => Some(Error::data("repeated map key")),
                            true => one_line(text).err(),
                        };
                        if let Some(problem) = problem {
                            return Err(member.annotate(problem.at_key(key)));
                        }
                        let item = text::parse(
                            Cow::Borrowed(text),
                            value_shape,
                            TimestampFormat::HttpDate,
                            BlobText::Base64,
                            strict,
                        )
                        .map_err(|e| member.annotate(e.at_key(key)))?;
                        map.push(key, item);
                    }
                }
                Some(Value::Map(map))
            }
            Some(HttpBinding::ResponseCode) => parts.status.map(|status| Value::Integer(i32::from(status))),
            Some(HttpBinding::Label(label)) => match parts.labels.iter().find(|(name, _)| name == &**label) {
                Some((_, text)) => Some(uri_value(member, text, strict).map_err(|e| member.annotate(e))?),
                None => None,
            },
            Some(HttpBinding::Query(name)) => {
                query_value(member, name, parts.query, strict).map_err(|e| member.annotate(e))?
            }
            Some(HttpBinding::QueryParams) if parts.is_request() => {
                query_params(member, parts.query, strict).map_err(|e| member.annotate(e))?
            }
            Some(HttpBinding::Payload) => {
                has_payload = true;
                payload_value(reading, member, parts.body).map_err(|e| member.annotate(e))?
            }
            _ => None,
        };
        if let Some(value) = value {
            out.push((member.index(), member.name(), value));
        }
    }
    let has_body_members = shape.members().any(|m| parts.in_body(m));
    let blank = parts.body.iter().all(u8::is_ascii_whitespace);
    if !has_payload && has_body_members && !blank {
        let body_bytes = parts.body;
        let decoded = match body {
            BodyValue::None => None,
            BodyValue::Json => {
                let settings = if strict { reading.json().as_server() } else { reading.json() };
                Some(json::decode(body_bytes, shape, &settings)?)
            }
            BodyValue::XmlRoot => Some(match unwrapped_member(reading, shape, parts)? {
                Some(member) => {
                    let value = xml::decode(body_bytes, member.target(), &reading.xml())?;
                    Value::Structure([(member.name(), value)].into_iter().collect())
                }
                None => xml::decode(body_bytes, shape, &reading.xml())?,
            }),
            BodyValue::XmlAt(path) => xml::decode_at(body_bytes, path, shape, &reading.xml())?,
        };
        if let Some(Value::Structure(structure)) = decoded {
            for (name, value) in structure {
                if let Some(member) = shape.member(&name).filter(|m| parts.in_body(*m)) {
                    out.push((member.index(), name, value));
                }
            }
        }
    }
    out.sort_by_key(|(index, ..)| *index);
    Ok(Value::Structure(out.into_iter().map(|(_, name, value)| (name, value)).collect()))
}

/// A header's value, which HTTP keeps on one line: a line break in it (a proxy's unfolding of
/// an obsolete folded header, or a forged value) is refused.
fn one_line(text: &str) -> Result<&str> {
    match text.contains(['\r', '\n']) {
        true => Err(Error::data("a header value holds a line break")),
        false => Ok(text),
    }
}

/// A URI label's value from its percent-decoded text: timestamps date-time unless the member
/// says otherwise.
fn uri_value(member: MemberRef<'_>, text: &str, strict: bool) -> Result<Value> {
    let format = member.timestamp_format().unwrap_or(TimestampFormat::DateTime);
    text::parse(Cow::Borrowed(text), member.target(), format, BlobText::Base64, strict)
}

/// An item of a list bound to the query string: its own `@timestampFormat`, else the list
/// member's, else date-time, as the writer applies them.
fn query_item(member: MemberRef<'_>, item: MemberRef<'_>, text: &str, strict: bool) -> Result<Value> {
    let format = item.timestamp_format().or_else(|| member.timestamp_format()).unwrap_or(TimestampFormat::DateTime);
    text::parse(Cow::Borrowed(text), item.target(), format, BlobText::Base64, strict)
}

/// An `@httpQuery` member's value: every value of its key for a list (the key repeats), else
/// the one value.
fn query_value(member: MemberRef<'_>, name: &str, query: &[(String, String)], strict: bool) -> Result<Option<Value>> {
    let mut values = query.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let target = member.target();
    if target.shape_type() == ShapeType::List {
        let item = target.item()?;
        let items: List = values
            .enumerate()
            .map(|(index, text)| query_item(member, item, text, strict).map_err(|e| e.at_index(index)))
            .collect::<Result<_>>()?;
        return Ok((!items.is_empty()).then_some(Value::List(items)));
    }
    match (values.next(), values.next()) {
        (Some(text), None) => uri_value(member, text, strict).map(Some),
        (Some(_), Some(_)) => Err(Error::data("a query parameter given twice")),
        (None, _) => Ok(None),
    }
}

/// An `@httpQueryParams` map: every pair of the query string (on a server the map sees the
/// keys `@httpQuery` members bind too), each key's first value, or all its values for a map of
/// lists; absent when the query string is empty.
fn query_params(member: MemberRef<'_>, query: &[(String, String)], strict: bool) -> Result<Option<Value>> {
    let value_shape = member.target().entry()?.1.target();
    let (item, lists) = match value_shape.shape_type() {
        ShapeType::List => (value_shape.item()?.target(), true),
        _ => (value_shape, false),
    };
    // Each key's values, in the order keys first appear (a key may repeat: found by hash).
    let mut order: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, text) in query {
        let slot = *at.entry(key.as_str()).or_insert_with(|| {
            order.push((key.as_str(), Vec::new()));
            order.len() - 1
        });
        order[slot].1.push(text.as_str());
    }
    let mut map = Map::with_capacity(order.len());
    for (key, texts) in order {
        let parse =
            |text: &str| text::parse(Cow::Borrowed(text), item, TimestampFormat::DateTime, BlobText::Base64, strict);
        let value = match lists {
            true => texts.into_iter().map(parse).collect::<Result<List>>().map(Value::List),
            false => parse(texts[0]),
        };
        map.push(key, value.map_err(|e| e.at_key(key))?);
    }
    Ok((!map.is_empty()).then_some(Value::Map(map)))
}

/// The one body member whose element is the whole document, as in S3's unwrapped outputs
/// (`<LocationConstraint>EU</LocationConstraint>` for GetBucketLocation).
fn unwrapped_member<'m>(reading: Reading, shape: ShapeRef<'m>, parts: &Parts<'_>) -> Result<Option<MemberRef<'m>>> {
    let mut body_members = shape.members().filter(|m| parts.in_body(*m));
    let (Some(only), None) = (body_members.next(), body_members.next()) else { return Ok(None) };
    let root = xml::root_name(parts.body, &reading.xml())?;
    let local = root.rsplit_once(':').map_or(root.as_str(), |(_, local)| local);
    let wrapper = shape.traits().xml_name.as_deref().unwrap_or_else(|| shape.short_name());
    Ok((local == only.xml_name() && local != wrapper && !only.target().shape_type().is_aggregate()).then_some(only))
}

fn payload_value(reading: Reading, member: MemberRef<'_>, body: &[u8]) -> Result<Option<Value>> {
    let target = member.target();
    Ok(match target.shape_type() {
        ShapeType::Blob => (!body.is_empty()).then(|| Value::Blob(crate::blob::Blob::new(body))),
        ShapeType::String | ShapeType::Enum => {
            let text = std::str::from_utf8(body).map_err(|_| Error::data("the payload is not UTF-8 text"))?;
            (!body.is_empty())
                .then(|| text::parse(Cow::Borrowed(text), target, TimestampFormat::DateTime, BlobText::Base64, false))
                .transpose()?
        }
        _ if body.iter().all(u8::is_ascii_whitespace) => None,
        ShapeType::Document => Some(Value::Document(Document::new(json::decode_document(body, &reading.json())?))),
        // An empty structure is what a sender writes for an absent payload (`{}`): absent.
        ShapeType::Structure | ShapeType::Union => Some(match reading.body {
            Body::Json => json::decode(body, target, &reading.json())?,
            Body::Xml => xml::decode(body, target, &reading.xml())?,
        })
        .filter(|value| !matches!(value, Value::Structure(members) if members.is_empty())),
        other => return Err(Error::model(format!("a {other} payload"))),
    })
}

/// The code and message of a REST error response, and where its members are in the body. A
/// response that names no code is known by its status (see [`ErrorHeader::new`]).
fn error_header(reading: Reading, response: &HttpResponse) -> Result<(ErrorHeader, BodyValue)> {
    Ok(match reading.body {
        _ if is_generic_body(&response.body) => {
            let header = match reading.body {
                Body::Json => json_error_header(response, &reading.json(), true)?,
                Body::Xml => ErrorHeader::new(None, None, response.status),
            };
            (header, BodyValue::None)
        }
        Body::Json => (json_error_header(response, &reading.json(), true)?, BodyValue::Json),
        Body::Xml => {
            // `<ErrorResponse><Error><Code>`, or S3's bare `<Error><Code>`: one pass finds both.
            let places: [&[&str]; 2] = [&["Error"], &[]];
            let (place, code, message) = xml_error_fields(&response.body, &places, &reading.xml())?;
            let body = if place == Some(0) { BodyValue::XmlAt(&["Error"]) } else { BodyValue::XmlRoot };
            (ErrorHeader::new(code.as_deref(), message, response.status), body)
        }
    })
}

fn error<'m>(reading: Reading, operation: OperationRef<'m>, response: &HttpResponse) -> Result<ServiceError<'m>> {
    let (ErrorHeader { code, message }, body) = error_header(reading, response)?;
    let shape = error_shape(operation, &code);
    let value = match shape {
        Some(shape) => decode_bound(reading, shape, &Parts::of_response(response), body)?,
        None => Value::Structure(Structure::new()),
    };
    Ok(ServiceError { code, message, shape, value, status: response.status })
}

/// An error response into an operation's error enum: the body straight into the variant when
/// it holds every member, through `Value` when members are bound to headers (or one may come
/// unwrapped).
pub(crate) fn typed_error<E: crate::convert::OperationError>(reading: Reading, response: &HttpResponse) -> Result<E> {
    let (ErrorHeader { code, message }, body) = error_header(reading, response)?;
    let parts = Parts::of_response(response);
    E::from_code_with(&code, message.as_deref(), |index, shape| {
        let bound = shape.members().any(|m| m.http().is_some());
        let blank = parts.body.iter().all(u8::is_ascii_whitespace);
        if bound || blank || may_come_unwrapped(shape) {
            return E::from_modeled(index, decode_bound(reading, shape, &parts, body)?);
        }
        let (bytes, json, xml) = (parts.body, reading.json(), reading.xml());
        let found = match body {
            BodyValue::Json => {
                Some(json::whole_document(bytes, shape, &json, |d, s, _| E::decode_modeled(index, d, s))?)
            }
            BodyValue::XmlRoot => Some(xml::read_typed(bytes, shape, &xml, |d, s, _| E::decode_modeled(index, d, s))?),
            BodyValue::XmlAt(path) => {
                xml::read_typed_at(bytes, path, shape, &xml, |d, s, _| E::decode_modeled(index, d, s))?
            }
            BodyValue::None => None,
        };
        match found {
            Some(error) => Ok(error),
            None => E::from_modeled(index, Value::Structure(Structure::new())),
        }
    })
}

/// Whether restXml may send `shape`'s one member as the root itself (see
/// [`unwrapped_member`]).
pub(crate) fn may_come_unwrapped(shape: ShapeRef<'_>) -> bool {
    let mut members = shape.members();
    match (members.next(), members.next()) {
        (Some(only), None) => !only.target().shape_type().is_aggregate(),
        _ => false,
    }
}
