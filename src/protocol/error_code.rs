//! Finding an error's code on the wire and the modeled shape it names.

use super::http::HttpResponse;
use crate::error::Result;
use crate::schema::{OperationRef, ShapeRef};
use crate::xml::{self, XmlSettings};

/// The code as services write it, reduced to the shape name: what follows a `#` namespace,
/// before a `:` URI suffix (`aws.example#NotFound:http://internal/` is `NotFound`).
///
/// ```
/// use awsval::protocol::sanitize_error_code;
/// assert_eq!(sanitize_error_code("aws.protocoltests#FooError:http://internal.amazon.com/coral/"), "FooError");
/// assert_eq!(sanitize_error_code("FooError"), "FooError");
/// ```
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split_once(':').map_or(code, |(before, _)| before);
    code.rsplit_once('#').map_or(code, |(_, after)| after).trim()
}

/// The modeled error for `code`: among the operation's errors, then the model's other errors;
/// in each, a matching `@awsQueryError` code wins over a matching shape name.
pub fn error_shape<'m>(operation: OperationRef<'m>, code: &str) -> Option<ShapeRef<'m>> {
    let by_code = |shape: &ShapeRef<'_>| shape.error().and_then(|e| e.code.as_deref()) == Some(code);
    let by_name = |shape: &ShapeRef<'_>| shape.short_name() == code;
    let model = operation.model();
    operation
        .errors()
        .find(by_code)
        .or_else(|| operation.errors().find(by_name))
        .or_else(|| model.error_shapes().find(by_code))
        .or_else(|| model.error_shapes().find(by_name))
}

/// The code of a query-compatible service's `x-amzn-query-error: Code;Fault` header.
pub(super) fn query_error_code(response: &HttpResponse) -> Option<&str> {
    response.header("x-amzn-query-error").and_then(|v| v.split(';').next()).filter(|code| !code.is_empty())
}

/// What an error response says about itself: its code and message.
#[derive(Debug)]
pub(super) struct ErrorHeader {
    pub(super) code: String,
    pub(super) message: Option<String>,
}

impl ErrorHeader {
    /// The `code` and `message` found on the wire. A response that names no code (the answer
    /// to a `HEAD` request has no body; a proxy's or load balancer's page is no protocol
    /// document) is known by its status, as botocore knows it: the code is the status
    /// (`"404"`) and the message, if the response gives none, its reason phrase.
    pub(super) fn new(code: Option<&str>, message: Option<String>, status: u16) -> Self {
        match code.map(str::trim).filter(|code| !code.is_empty()) {
            Some(code) => Self { code: code.to_owned(), message },
            None => {
                Self { code: status.to_string(), message: message.or_else(|| reason_phrase(status).map(str::to_owned)) }
            }
        }
    }
}

/// The code and message of an XML error body: those of the first of `places` (each the path of
/// an element holding `<Code>` and `<Message>`) whose code is not blank, read in one pass, with
/// that place's index; when no place names a code, the first message found and no index.
pub(super) fn xml_error_fields(
    body: &[u8],
    places: &[&[&str]],
    settings: &XmlSettings,
) -> Result<(Option<usize>, Option<String>, Option<String>)> {
    let leaf = |place: &[&str], leaf: &'static str| -> Vec<String> {
        place.iter().copied().chain([leaf]).map(str::to_owned).collect()
    };
    let owned: Vec<Vec<String>> =
        places.iter().flat_map(|place| [leaf(place, "Code"), leaf(place, "Message")]).collect();
    let borrowed: Vec<Vec<&str>> = owned.iter().map(|path| path.iter().map(String::as_str).collect()).collect();
    let paths: Vec<&[&str]> = borrowed.iter().map(Vec::as_slice).collect();
    let mut texts = xml::texts_at(body, &paths, settings)?;
    let present = |code: &Option<String>| code.as_deref().is_some_and(|c| !c.trim().is_empty());
    if let Some(index) = (0..places.len()).find(|&index| present(&texts[2 * index])) {
        return Ok((Some(index), texts[2 * index].take(), texts[2 * index + 1].take()));
    }
    Ok((None, None, (0..places.len()).find_map(|index| texts[2 * index + 1].take())))
}

/// Whether an error body holds no protocol document: blank, or an HTML page (what proxies, load
/// balancers and gateways answer with).
pub(super) fn is_generic_body(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 14)];
    let starts = |prefix: &[u8]| head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix);
    head.is_empty() || starts(b"<html") || starts(b"<!doctype html")
}

/// The reason phrase of an HTTP status, as Python's `http.client.responses` (and so botocore)
/// gives it: `Not Found` for 404.
///
/// ```
/// use awsval::protocol::reason_phrase;
/// assert_eq!(reason_phrase(412), Some("Precondition Failed"));
/// assert_eq!(reason_phrase(599), None);
/// ```
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    })
}
