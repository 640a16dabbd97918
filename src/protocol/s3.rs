//! S3's reading rules: what every S3 client applies to S3's responses beyond the protocol, as
//! botocore's S3 handlers do. They apply to models of S3 only, unless
//! [`ReadOptions::customizations`](super::ReadOptions::customizations) turns them off.
//!
//! - **An error inside a 200**: S3 may answer `CopyObject`, `UploadPartCopy` or
//!   `CompleteMultipartUpload` with status 200 and an `<Error>` document when the failure comes
//!   after the headers went out. Such a response is an error, read with status 500 (botocore's
//!   `_handle_200_error`); outputs whose payload is a blob or string are left alone (their body
//!   is the caller's data, whatever it holds).
//! - **`GetBucketLocation`**: an empty `<LocationConstraint/>` means us-east-1 and reads as no
//!   value, not as the empty string (botocore's `parse_get_bucket_location`).
//! - **An `Expires` header that is no timestamp** is passed over (botocore's
//!   `handle_expires_header`): S3 sends back whatever the object was stored with, and with the
//!   model's `sdk-extras` merged (as `model::botocore::DataPath` and `load_file` do) the member
//!   is a timestamp. A model without the extras types it as a string and keeps any text.
//!
//! Left out, on purpose:
//! - URL-decoding of `ListObjects`/`ListObjectsV2`/`ListObjectVersions` keys: botocore decodes
//!   only when it set `EncodingType=url` on the request itself; a caller who asks for it gets
//!   the keys as S3 sent them, from botocore as from awsval.
//! - `ExpiresString`, the header's text beside the timestamp: botocore adds it to the output
//!   though the model has no such member; a caller who wants the text reads the header.
//! - Region redirects, retries and checksums: client behaviour, not reading.

use super::http::HttpResponse;
use crate::error::Result;
use crate::schema::{HttpBinding, OperationRef, Service, ShapeType, XmlNamespace};
use crate::value::Value;
use crate::xml::{self, XmlSettings};

/// Whether `operation` is S3's.
pub(super) fn applies(operation: OperationRef<'_>) -> bool {
    is_s3(operation.model().service())
}

/// Whether `service` is S3.
pub(super) fn is_s3(service: &Service) -> bool {
    &*service.name == "S3"
}

/// What S3's rules make of `response` before it is read, when they change it: an error inside
/// a 200, or an `Expires` header that is no timestamp passed over.
pub(super) fn before_parse(operation: OperationRef<'_>, response: &HttpResponse) -> Option<HttpResponse> {
    let error = error_in_success(operation, response);
    let readable = error.as_ref().unwrap_or(response);
    without_unreadable_expires(operation, readable).or(error)
}

/// `response` without its `Expires` header, when the output binds that header to a timestamp
/// and its text does not read as one.
fn without_unreadable_expires(operation: OperationRef<'_>, response: &HttpResponse) -> Option<HttpResponse> {
    let member = operation.output()?.members().find(|member| {
        member.target().shape_type() == ShapeType::Timestamp
            && matches!(member.http(), Some(HttpBinding::Header(name)) if name.eq_ignore_ascii_case("Expires"))
    })?;
    let text = response.header("Expires")?;
    if super::headers::parse(member, text, false).is_ok() {
        return None;
    }
    let mut response = response.clone();
    response.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("Expires"));
    Some(response)
}

/// `response`, or, if it is a 200 holding an `<Error>` document, that response with status
/// 500.
fn error_in_success(operation: OperationRef<'_>, response: &HttpResponse) -> Option<HttpResponse> {
    if response.status != 200 || response.body_is_blank() {
        return None;
    }
    let payload_is_data = operation.output().is_some_and(|shape| {
        shape.members().any(|member| {
            member.http() == Some(&HttpBinding::Payload)
                && matches!(member.target().shape_type(), ShapeType::Blob | ShapeType::String)
        })
    });
    if payload_is_data {
        return None;
    }
    let root = xml::root_name(&response.body, &XmlSettings::new()).ok()?;
    (root == "Error").then(|| HttpResponse { status: 500, ..response.clone() })
}

/// `GetBucketLocation`'s output is one element holding the region as its text,
/// `<LocationConstraint>us-west-2</LocationConstraint>`, not a structure of members (Smithy's
/// `@s3UnwrappedXmlOutput`; botocore's `parse_get_bucket_location` reads it so too).
const UNWRAPPED: &str = "GetBucketLocation";

/// The region an unwrapped `GetBucketLocation` response holds (`None` for anything else).
fn unwrapped_location(operation: OperationRef<'_>, response: &HttpResponse) -> Option<String> {
    use quick_xml::events::Event;
    if operation.name() != UNWRAPPED || !response.is_success() {
        return None;
    }
    let mut reader = quick_xml::Reader::from_reader(response.body.as_slice());
    let mut text = String::new();
    let mut depth = 0;
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                depth += 1;
                if depth > 1 || start.name().as_ref() != b"LocationConstraint" {
                    return None;
                }
            }
            Event::Text(t) if depth == 1 => text.push_str(&t.xml10_content().ok()?),
            Event::End(_) | Event::Eof => return Some(text.trim().to_owned()),
            Event::Empty(_) => return Some(String::new()),
            // An entity in a region name: not S3's form; the structure reading stands.
            Event::GeneralRef(_) => return None,
            _ => {}
        }
    }
}

/// The body of an unwrapped `GetBucketLocation` output (`None` for other operations).
pub(super) fn unwrapped_body(operation: OperationRef<'_>, output: &Value) -> Result<Option<Vec<u8>>> {
    if operation.name() != UNWRAPPED || !is_s3(operation.model().service()) {
        return Ok(None);
    }
    let region = output.get("LocationConstraint").and_then(Value::as_str).unwrap_or_default();
    let namespace =
        operation.model().service().xml_namespace.as_deref().map(|uri| XmlNamespace { uri: uri.into(), prefix: None });
    let mut body = Vec::new();
    xml::text_element_in("LocationConstraint", namespace.as_ref(), region, &mut body)?;
    Ok(Some(body))
}

/// The output `value` of `operation` (read from `response`) with S3's after-parse rules
/// applied.
pub(super) fn after_parse(operation: OperationRef<'_>, response: &HttpResponse, value: &mut Value) {
    let region = unwrapped_location(operation, response).filter(|region| !region.is_empty());
    if let (Some(region), Value::Structure(structure)) = (region, &mut *value) {
        if let Some(member) = operation.output().and_then(|shape| shape.member("LocationConstraint")) {
            structure.insert(member.name(), Value::Enum(region.into()));
        }
    }
    if operation.name() == "GetBucketLocation" {
        if let Value::Structure(structure) = value {
            if structure.get("LocationConstraint").and_then(Value::as_str).is_some_and(str::is_empty) {
                structure.remove("LocationConstraint");
            }
        }
    }
}
