//! HTTP messages as the protocols build and read them, without any HTTP client.

use std::fmt;

/// Where requests go: a host and an optional base path (`https://example.com/custom` is host
/// `example.com`, path `/custom`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The host name, with a port if any.
    pub host: String,
    /// A path every request URI is appended to; empty or starting with `/`.
    pub path: String,
}

impl Endpoint {
    /// Splits `example.com/custom` (a scheme, if given, is ignored).
    ///
    /// ```
    /// use awsval::protocol::Endpoint;
    /// let endpoint = Endpoint::parse("https://example.com/custom/");
    /// assert_eq!((endpoint.host.as_str(), endpoint.path.as_str()), ("example.com", "/custom"));
    /// ```
    pub fn parse(url: &str) -> Self {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(host, path)| (host, path));
        let path = path.trim_end_matches('/');
        Self { host: host.to_owned(), path: if path.is_empty() { String::new() } else { format!("/{path}") } }
    }
}

impl Default for Endpoint {
    /// `example.com`, as the protocol test suites assume.
    fn default() -> Self {
        Self::parse("example.com")
    }
}

/// An HTTP request to send.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST`…
    pub method: String,
    /// The host to send to (the endpoint's, with any host prefix).
    pub host: String,
    /// The path and query string, percent-encoded: `/custom/?x=1`.
    pub uri: String,
    /// Header names and values, in the order written.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A request with a method, a path (with its query string) and a body, and no headers nor
    /// host.
    pub fn new(method: &str, uri: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            method: method.to_owned(),
            host: String::new(),
            uri: uri.to_owned(),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The first value of header `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Prints the method, the host, the path, the query keys, the header names and the body's
/// length; query and header values only where they carry no member's data (see
/// [`HttpResponse`]'s `Debug`). A message's values may be `@sensitive`, and neither type knows
/// its operation.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, query) = self.uri.split_once('?').unwrap_or((&self.uri, ""));
        let query: Vec<_> = query.split('&').filter(|pair| !pair.is_empty()).map(QueryKey).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("host", &self.host)
            .field("path", &path)
            .field("query", &query)
            .field("headers", &Headers(&self.headers))
            .field("body", &BodyLength(self.body.len()))
            .finish()
    }
}

/// Protocol headers whose values are the protocol's own, never a member's: shown by `Debug`.
const PLAIN_HEADERS: [&str; 9] = [
    "content-type",
    "content-length",
    "content-encoding",
    "content-md5",
    "x-amz-target",
    "x-amzn-errortype",
    "x-amzn-query-error",
    "x-amzn-requestid",
    "x-amz-request-id",
];

struct Headers<'h>(&'h [(String, String)]);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |name: &str| PLAIN_HEADERS.iter().any(|plain| plain.eq_ignore_ascii_case(name));
        f.debug_map()
            .entries(self.0.iter().map(|(name, value)| {
                (name, if shown(name) { value as &dyn fmt::Debug } else { &crate::error::Redacted })
            }))
            .finish()
    }
}

/// A query pair with its value hidden.
struct QueryKey<'q>(&'q str);

impl fmt::Debug for QueryKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_once('=') {
            Some((key, _)) => write!(f, "{key}=…"),
            None => f.write_str(self.0),
        }
    }
}

struct BodyLength(usize);

impl fmt::Debug for BodyLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.0)
    }
}

/// An HTTP response received.
///
/// `Debug` prints the status, the header names and the body's length, and the values only of
/// the protocol's own headers (`Content-Type`, `X-Amzn-Errortype`, request ids…): any other
/// header or the body may carry a `@sensitive` member.
///
/// ```
/// use awsval::protocol::HttpResponse;
///
/// let reply = HttpResponse::new(200, r#"{"Password":"hunter2"}"#)
///     .with_header("Content-Type", "application/json")
///     .with_header("x-amz-meta-secret", "hunter2");
/// let shown = format!("{reply:?}");
/// assert!(!shown.contains("hunter2"));
/// assert_eq!(
///     shown,
///     r#"HttpResponse { status: 200, headers: {"Content-Type": "application/json", "x-amz-meta-secret": *** Sensitive Data Redacted ***}, body: 22 bytes }"#
/// );
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with a status and a body, and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self { status, headers: Vec::new(), body: body.into() }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The first value of header `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the body is empty or only whitespace: no document at all.
    pub fn body_is_blank(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &Headers(&self.headers))
            .field("body", &BodyLength(self.body.len()))
            .finish()
    }
}

pub(super) fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}
