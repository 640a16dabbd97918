//! Writing a REST message: members to the URI, the query string, headers, the status code and
//! the body.

use base64::Engine as _;
use md5::Digest as _;

use super::{Body, map_value_shape, members, members_of_map};
use crate::codec::BlobText;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::json::{self, JsonSettings};
use crate::protocol::http::{Endpoint, HttpRequest};
use crate::protocol::{RequestOptions, compression, headers, host_prefix, uri};
use crate::schema::{HttpBinding, MemberRef, OperationRef, ShapeRef, ShapeType};
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
    let Bound { mut headers, query, payload, body_members, has_body_members, .. } = bound;

    let (mut body, content_type) = match payload {
        Some((member, value)) => payload_body(body_kind, member, value)?,
        None if has_body_members => match shape {
            Some(shape) => structure_body(body_kind, operation, shape, body_members, options)?,
            None => (Vec::new(), None),
        },
        None => (Vec::new(), None),
    };
    if let Some(content_type) = content_type {
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("Content-Type")) {
            headers.push(("Content-Type".to_owned(), content_type.to_owned()));
        }
    }
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

/// Where the members of a request go, sorted by binding.
#[derive(Default)]
struct Bound<'v, 'm> {
    headers: Vec<(String, String)>,
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
            match (member.http(), value) {
                (None, value) => {
                    self.has_body_members = true;
                    if let Some(value) = value {
                        self.body_members.push(member.name(), value.clone());
                    }
                }
                (Some(HttpBinding::Payload), value) => self.payload = Some((member, value.unwrap_or(&Value::Null))),
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
        Ok(())
    }

    fn prefix_headers(&mut self, member: MemberRef<'m>, prefix: &str, value: &Value) -> Result<()> {
        for (key, item) in members_of_map(Some(value)) {
            let text = text::format(item, map_value_shape(member)?, TimestampFormat::HttpDate, BlobText::Base64)
                .map_err(|e| member.annotate(e.at_key(key)))?;
            if text.contains(['\r', '\n']) || key.contains(['\r', '\n', ':']) {
                return Err(member.annotate(Error::data("a header cannot hold a line break").at_key(key)));
            }
            self.headers.push((format!("{prefix}{key}"), text));
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

/// The body made of the members not bound elsewhere: a JSON object (`{}` when none is set),
/// or an XML document (nothing when none is set).
fn structure_body(
    body_kind: Body,
    operation: OperationRef<'_>,
    shape: ShapeRef<'_>,
    members: Structure,
    options: &RequestOptions,
) -> Result<(Vec<u8>, Option<&'static str>)> {
    let value = Value::Structure(members);
    Ok(match body_kind {
        Body::Json => {
            let settings = JsonSettings::rest_json().with_limits(options.limits);
            (json::encode(&value, shape, &settings)?, Some(body_kind.content_type()))
        }
        Body::Xml if value.as_structure().is_some_and(Structure::is_empty) => (Vec::new(), None),
        Body::Xml => {
            let name = shape.traits().xml_name.as_deref().or(operation.data().input_xml_name.as_deref());
            let name = name.unwrap_or_else(|| shape.short_name());
            let namespace = operation.data().input_xml_namespace.as_ref().or(shape.traits().xml_namespace.as_ref());
            let settings = XmlSettings::new().with_limits(options.limits);
            (xml::encode_with(&value, shape, name, namespace, &settings)?, Some(body_kind.content_type()))
        }
    })
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
fn payload_body(body_kind: Body, member: MemberRef<'_>, value: &Value) -> Result<(Vec<u8>, Option<&'static str>)> {
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
        (_, Value::Null) => match target.shape_type() {
            ShapeType::Structure if body_kind == Body::Json => (b"{}".to_vec(), Some("application/json")),
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
