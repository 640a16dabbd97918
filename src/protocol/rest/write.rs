//! Writing a REST message: members to the URI, the query string, headers, the status code and
//! the body.

use base64::Engine as _;
use md5::Digest as _;

use super::{Body, map_value_shape, members, members_of_map};
use crate::codec::BlobText;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::json::{self, JsonSettings};
use crate::limits::Limits;
use crate::protocol::http::{Endpoint, HttpRequest, HttpResponse};
use crate::protocol::reply::{ErrorBody, ResponseOptions};
use crate::protocol::xml_error::{self, XmlErrorForm};
use crate::protocol::{RequestOptions, compression, headers, host_prefix, uri};
use crate::schema::{HttpBinding, MemberRef, OperationRef, Service, ShapeRef, ShapeType, XmlNamespace};
use crate::timestamp::TimestampFormat;
use crate::value::{Structure, Value};
use crate::xml::{self, XmlSettings};

pub(crate) fn request(
    body_kind: Body,
    operation: OperationRef<'_>,
    input: &Value,
    endpoint: &Endpoint,
    options: &RequestOptions,
) -> Result<HttpRequest> {
    let http = &operation.data().http;
    let shape = operation.input();
    let members = members(input);
    let (pattern, literal) = http.uri.split_once('?').unwrap_or((&http.uri, ""));
    let path = uri::expand_path(pattern, shape, &members)?;
    let mut bound = Bound { query: uri::literal_query(literal), ..Bound::default() };
    if let Some(shape) = shape {
        bound.collect(shape, &members)?;
    }
    bound.merge_query_params()?;
    let root = shape.map(|shape| {
        let name = shape.traits().xml_name.as_deref().or(operation.data().input_xml_name.as_deref());
        let namespace = operation.data().input_xml_namespace.as_ref().or(shape.traits().xml_namespace.as_ref());
        (name.unwrap_or_else(|| shape.short_name()), namespace)
    });
    let (mut body, content_type) = bound.body(body_kind, shape.zip(root), options.limits)?;
    let query = std::mem::take(&mut bound.query);
    let mut headers = bound.headers_with(content_type);
    if operation.data().http_checksum_required {
        let digest = md5::Md5::digest(&body);
        headers.push(("Content-MD5".to_owned(), base64::engine::general_purpose::STANDARD.encode(digest)));
    }
    compression::apply(operation, &mut body, &mut headers, options)?;
    if !body.is_empty() {
        headers.push(("Content-Length".to_owned(), body.len().to_string()));
    }
    Ok(HttpRequest {
        method: http.method.to_string(),
        host: host_prefix(operation, input)? + &endpoint.host,
        uri: format!("{}{path}{}", endpoint.path, uri::query_string(&query)),
        headers,
        body,
    })
}

/// Where the members of a message go, sorted by binding.
#[derive(Default)]
struct Bound<'v, 'm> {
    /// Whether the message is a response: it has a status and no URI.
    response: bool,
    /// The status an `@httpResponseCode` member sets.
    status: Option<u16>,
    headers: Vec<(String, String)>,
    /// Headers from `@httpPrefixHeaders` maps: a header a member binds by name wins over them.
    prefixed: Vec<(String, String)>,
    query: Vec<(String, Option<String>)>,
    query_params: Vec<(MemberRef<'m>, &'v Value)>,
    payload: Option<(MemberRef<'m>, &'v Value)>,
    body_members: Structure,
    has_body_members: bool,
}

impl<'v, 'm> Bound<'v, 'm> {
    fn collect(&mut self, shape: ShapeRef<'m>, input: &'v Structure) -> Result<()> {
        for member in shape.members() {
            let value = input.get(member.name().as_str()).filter(|v| !v.is_null());
            // A response has no URI: members bound to it travel in the body.
            let uri_bound = |b: &&HttpBinding| {
                matches!(b, HttpBinding::Label(_) | HttpBinding::Query(_) | HttpBinding::QueryParams)
            };
            let binding = member.http().filter(|b| !(self.response && uri_bound(b)));
            match (binding, value) {
                (None, value) => {
                    self.has_body_members = true;
                    if let Some(value) = value {
                        self.body_members.push(member.name(), value.clone());
                    }
                }
                (Some(HttpBinding::Payload), value) => self.payload = Some((member, value.unwrap_or(&Value::Null))),
                (Some(HttpBinding::ResponseCode), Some(value)) if self.response => {
                    self.status = Some(status_code(value).map_err(|e| member.annotate(e))?);
                }
                (Some(_), None) | (Some(HttpBinding::Label(_) | HttpBinding::ResponseCode), _) => {}
                (Some(HttpBinding::Header(name)), Some(value)) => {
                    let text = headers::format(member, value).map_err(|e| member.annotate(e))?;
                    self.headers.push((name.to_string(), text));
                }
                (Some(HttpBinding::PrefixHeaders(prefix)), Some(value)) => {
                    self.prefix_headers(member, prefix, value)?
                }
                (Some(HttpBinding::Query(name)), Some(value)) => {
                    push_query(&mut self.query, name, member, value).map_err(|e| member.annotate(e))?;
                }
                (Some(HttpBinding::QueryParams), Some(value)) => self.query_params.push((member, value)),
            }
        }
        for (name, value) in std::mem::take(&mut self.prefixed) {
            if !self.headers.iter().any(|(named, _)| named.eq_ignore_ascii_case(&name)) {
                self.headers.push((name, value));
            }
        }
        Ok(())
    }

    /// The body, and its content type when it has one: the payload member's, else the body
    /// members' document (`root` names an XML document's root element). A JSON response always
    /// has its document (`{}` when no member is in the body), as restJson1 servers write it.
    fn body(
        &self,
        body_kind: Body,
        shape_and_root: Option<(ShapeRef<'_>, XmlRoot<'_>)>,
        limits: Limits,
    ) -> Result<(Vec<u8>, Option<&'static str>)> {
        match (self.payload, shape_and_root) {
            (Some((member, value)), _) => payload_body(body_kind, member, value, self.response),
            (None, Some((shape, root))) if self.has_body_members || (self.response && body_kind == Body::Json) => {
                structure_body(body_kind, shape, &self.body_members, root, limits)
            }
            (None, _) => Ok((Vec::new(), None)),
        }
    }

    /// The headers, with a `Content-Type` unless a member set one.
    fn headers_with(mut self, content_type: Option<&str>) -> Vec<(String, String)> {
        if let Some(content_type) = content_type {
            if !self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type")) {
                self.headers.push(("Content-Type".to_owned(), content_type.to_owned()));
            }
        }
        self.headers
    }

    fn prefix_headers(&mut self, member: MemberRef<'m>, prefix: &str, value: &Value) -> Result<()> {
        for (key, item) in members_of_map(Some(value)) {
            let text = text::format(item, map_value_shape(member)?, TimestampFormat::HttpDate, BlobText::Base64)
                .map_err(|e| member.annotate(e.at_key(key)))?;
            if text.contains(['\r', '\n']) || key.contains(['\r', '\n', ':']) {
                return Err(member.annotate(Error::data("a header cannot hold a line break").at_key(key)));
            }
            self.prefixed.push((format!("{prefix}{key}"), text));
        }
        Ok(())
    }

    /// `@httpQueryParams` entries fill in only the keys no named query member set.
    fn merge_query_params(&mut self) -> Result<()> {
        let named: Vec<String> = self.query.iter().map(|(k, _)| k.clone()).collect();
        for (member, value) in std::mem::take(&mut self.query_params) {
            let value_shape = map_value_shape(member)?;
            let item_shape = value_shape.list_member().map_or(value_shape, |m| m.target());
            for (key, item) in
                members_of_map(Some(value)).into_iter().filter(|(key, _)| !named.iter().any(|n| n == key))
            {
                let items: Vec<&Value> = match item {
                    Value::List(list) => list.iter().collect(),
                    other => vec![other],
                };
                for item in items {
                    let text = text::format(item, item_shape, TimestampFormat::DateTime, BlobText::Base64)
                        .map_err(|e| member.annotate(e.at_key(key)))?;
                    self.query.push((key.to_owned(), Some(text)));
                }
            }
        }
        Ok(())
    }
}

/// The root element of an XML body: its name and namespace.
type XmlRoot<'a> = (&'a str, Option<&'a XmlNamespace>);

/// The body made of the members not bound elsewhere: a JSON object (`{}` when none is set),
/// or an XML document (nothing when none is set).
fn structure_body(
    body_kind: Body,
    shape: ShapeRef<'_>,
    members: &Structure,
    root: XmlRoot<'_>,
    limits: Limits,
) -> Result<(Vec<u8>, Option<&'static str>)> {
    let value = Value::Structure(members.clone());
    Ok(match body_kind {
        Body::Json => {
            let settings = JsonSettings::rest_json().with_limits(limits);
            (json::encode(&value, shape, &settings)?, Some(body_kind.content_type()))
        }
        Body::Xml if members.is_empty() => (Vec::new(), None),
        Body::Xml => {
            let settings = XmlSettings::new().with_limits(limits);
            (xml::encode_with(&value, shape, root.0, root.1, &settings)?, Some(body_kind.content_type()))
        }
    })
}

/// The status an `@httpResponseCode` member holds.
fn status_code(value: &Value) -> Result<u16> {
    value
        .as_i64()
        .and_then(|code| u16::try_from(code).ok())
        .filter(|code| (100..=999).contains(code))
        .ok_or_else(|| Error::data(format!("a status code is a number from 100 to 999, not {value:?}")))
}

fn push_query(
    query: &mut Vec<(String, Option<String>)>,
    name: &str,
    member: MemberRef<'_>,
    value: &Value,
) -> Result<()> {
    let target = member.target();
    let format = |item: MemberRef<'_>| {
        item.timestamp_format().or_else(|| member.timestamp_format()).unwrap_or(TimestampFormat::DateTime)
    };
    match (target.shape_type(), value) {
        (ShapeType::List, Value::List(items)) => {
            let item = target.item()?;
            for (index, value) in items.iter().enumerate() {
                let text = text::format(value, item.target(), format(item), BlobText::Base64)
                    .map_err(|e| e.at_index(index))?;
                query.push((name.to_owned(), Some(text)));
            }
        }
        _ => {
            let format = member.timestamp_format().unwrap_or(TimestampFormat::DateTime);
            query.push((name.to_owned(), Some(text::format(value, target, format, BlobText::Base64)?)));
        }
    }
    Ok(())
}

/// The body when a member is the payload.
fn payload_body(
    body_kind: Body,
    member: MemberRef<'_>,
    value: &Value,
    response: bool,
) -> Result<(Vec<u8>, Option<&'static str>)> {
    let target = member.target();
    let media = target.traits().media_type.as_deref();
    let known_media = |default: &'static str| -> &'static str {
        // The model's media type when it names a common one; awsval writes static headers.
        match media {
            Some("application/json") => "application/json",
            Some("text/plain") => "text/plain",
            Some("image/jpg") => "image/jpg",
            _ => default,
        }
    };
    Ok(match (target.shape_type(), value) {
        // An unset structure payload: a request sends `{}`, a response no body (Smithy's
        // RestJsonHttpPayloadWithStructureAndEmptyResponseBody).
        (_, Value::Null) => match target.shape_type() {
            ShapeType::Structure if body_kind == Body::Json && !response => (b"{}".to_vec(), Some("application/json")),
            _ => (Vec::new(), None),
        },
        (ShapeType::Blob, Value::Blob(blob)) => (blob.to_vec(), Some(known_media("application/octet-stream"))),
        (ShapeType::String | ShapeType::Enum, value) => {
            let text = text::format(value, target, TimestampFormat::DateTime, BlobText::Base64)
                .map_err(|e| member.annotate(e))?;
            (text.into_bytes(), Some(known_media("text/plain")))
        }
        (ShapeType::Document, Value::Document(document)) => {
            (json::encode_document(document, &JsonSettings::rest_json())?, Some("application/json"))
        }
        (ShapeType::Structure | ShapeType::Union, value) => match body_kind {
            Body::Json => (
                json::encode(value, target, &JsonSettings::rest_json()).map_err(|e| member.annotate(e))?,
                Some("application/json"),
            ),
            Body::Xml => {
                // The member's own xmlName (botocore repeats the member name when there is
                // none), else the target's, else the target's name.
                let renamed = member.traits().xml_name.as_deref().filter(|n| *n != member.name().as_str());
                let name = renamed.or(target.traits().xml_name.as_deref()).unwrap_or_else(|| target.short_name());
                let namespace = member.traits().xml_namespace.as_ref().or(target.traits().xml_namespace.as_ref());
                (
                    xml::encode_with(value, target, name, namespace, &XmlSettings::new())
                        .map_err(|e| member.annotate(e))?,
                    Some("application/xml"),
                )
            }
        },
        (_, value) => {
            return Err(member.annotate(Error::data(format!("cannot send a {} as the payload", value.type_name()))));
        }
    })
}

/// The response to `operation` with `output`: the status from an `@httpResponseCode` member,
/// else the operation's `@http` code, else 200; header-bound members; the payload or the body
/// members' document (the root element named by the output shape).
pub(crate) fn reply(
    body_kind: Body,
    operation: OperationRef<'_>,
    output: &Value,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let shape = operation.output();
    let members = members(output);
    let mut bound = Bound { response: true, ..Bound::default() };
    if let Some(shape) = shape {
        bound.collect(shape, &members)?;
    }
    // The root is in the service's namespace unless the output shape has its own.
    let service_namespace =
        operation.model().service().xml_namespace.as_deref().map(|uri| XmlNamespace { uri: uri.into(), prefix: None });
    let root = shape.map(|shape| {
        let name = shape.traits().xml_name.as_deref().unwrap_or_else(|| shape.short_name());
        (name, shape.traits().xml_namespace.as_ref().or(service_namespace.as_ref()))
    });
    let (body, content_type) = bound.body(body_kind, shape.zip(root), options.limits)?;
    // A structured output's content type is sent even when no member is in its body.
    let structured = shape.is_some() && bound.payload.is_none();
    let content_type = content_type.or(structured.then(|| body_kind.content_type()));
    let status = bound.status.or(operation.data().http.code).unwrap_or(200);
    Ok(HttpResponse { status, headers: bound.headers_with(content_type), body })
}

/// The response for an error: its status, `X-Amzn-Errortype` and a JSON body (restJson1) or
/// the XML error document (restXml: `<ErrorResponse><Error>`, bare `<Error>` for a service
/// that does not wrap errors, as S3), its header-bound members as headers.
pub(crate) fn error_reply(
    body_kind: Body,
    service: &Service,
    error: &ErrorBody<'_, '_>,
    options: &ResponseOptions,
) -> Result<HttpResponse> {
    let members = error.members();
    let mut bound = Bound { response: true, ..Bound::default() };
    if let Some(shape) = error.shape() {
        bound.collect(shape, &members)?;
    }
    if let Some((member, _)) = bound.payload {
        return Err(member.annotate(Error::model("an error with an @httpPayload member cannot be written")));
    }
    let code = error.error.code.as_str();
    let body_members = std::mem::take(&mut bound.body_members);
    let (body, content_type) = match body_kind {
        Body::Json => {
            let settings = JsonSettings::rest_json().with_limits(options.limits);
            let leading: Vec<_> = error.loose_message.map(|message| ("message", message)).into_iter().collect();
            let body = json::encode_object_with(&Value::Structure(body_members), error.shape(), &settings, &leading)?;
            // A model may bind a member to this very header (the Account service does): it
            // can only hold the code, and is not sent twice.
            match bound.headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("X-Amzn-Errortype")) {
                Some((_, value)) if value != code => {
                    let error =
                        format!("a member bound to X-Amzn-Errortype holds {value:?}, not the error's code {code}");
                    return Err(Error::data(error));
                }
                Some(_) => {}
                None => bound.headers.push(("X-Amzn-Errortype".to_owned(), code.to_owned())),
            }
            (body, body_kind.content_type())
        }
        Body::Xml => {
            let form = match service.no_error_wrapping {
                true => XmlErrorForm::Bare,
                false => XmlErrorForm::Wrapped(None),
            };
            let settings = XmlSettings::new().with_limits(options.limits);
            (
                xml_error::write(form, error, body_members, options.request_id.as_deref(), &settings)?,
                body_kind.content_type(),
            )
        }
    };
    Ok(HttpResponse { status: error.error.status, headers: bound.headers_with(Some(content_type)), body })
}
