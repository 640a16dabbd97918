//! HTTP/1.1 messages as bytes: what a proxy records, `curl -v` prints, or a socket carries.
//!
//! The head is parsed by `httparse`; the body is framed by `Content-Length` or chunked
//! transfer coding (decoded), else it is the rest of the message.

use std::borrow::Cow;

use super::http::{HttpRequest, HttpResponse, find_header};
use super::reason_phrase;
use crate::error::{Error, Result};

/// The most header fields a message may have.
const MAX_HEADERS: usize = 1024;

impl HttpRequest {
    /// Reads an HTTP/1.1 request message: request line, headers, body. The `Host` header
    /// becomes [`HttpRequest::host`]; an absolute request target (`http://host/path`) gives
    /// the host and the path. A `curl -v` trace (head lines prefixed with `> `) is read too.
    ///
    /// ```
    /// use awsval::protocol::HttpRequest;
    ///
    /// let message = b"POST / HTTP/1.1\r\nHost: dynamodb.us-east-1.amazonaws.com\r\n\
    ///                 X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}";
    /// let request = HttpRequest::from_http1(message)?;
    /// assert_eq!((request.method.as_str(), request.uri.as_str()), ("POST", "/"));
    /// assert_eq!(request.host, "dynamodb.us-east-1.amazonaws.com");
    /// assert_eq!(request.header("x-amz-target"), Some("DynamoDB_20120810.ListTables"));
    /// assert_eq!(request.body, b"{}");
    /// assert_eq!(HttpRequest::from_http1(&request.to_http1()?)?, request);
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn from_http1(message: &[u8]) -> Result<Self> {
        let message = untraced(message, b'>');
        let mut fields = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut head = httparse::Request::new(&mut fields);
        let head_len = complete(head.parse(&message), "request")?;
        let (method, target) = (head.method.unwrap_or_default(), head.path.unwrap_or_default());
        let mut headers = header_list(head.headers)?;
        let body = body(&message[head_len..], head_len, &headers, true)?;
        let (mut host, uri) = match target.split_once("://") {
            Some((_, rest)) => {
                let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                (host.to_owned(), if path.is_empty() { "/".to_owned() } else { path.to_owned() })
            }
            None => (String::new(), target.to_owned()),
        };
        // RFC 9112 §3.2: a request with more than one Host field is refused; which one
        // would the request be for?
        if headers.iter().filter(|(name, _)| name.eq_ignore_ascii_case("Host")).count() > 1 {
            return Err(Error::data("a request with more than one Host header"));
        }
        if let Some(at) = headers.iter().position(|(name, _)| name.eq_ignore_ascii_case("Host")) {
            let (_, value) = headers.remove(at);
            if host.is_empty() {
                host = value;
            }
        }
        Ok(Self { method: method.to_owned(), host, uri, headers, body })
    }

    /// Writes the request as an HTTP/1.1 message: request line, `Host` (when known), the
    /// headers as they are, a blank line and the body. A method, target, host or header that
    /// HTTP/1.1 cannot carry (a line break, a space in the target, a name that is no token) is
    /// an error.
    pub fn to_http1(&self) -> Result<Vec<u8>> {
        let token = |text: &str| !text.is_empty() && text.bytes().all(is_token_byte);
        if !token(&self.method)
            || self.uri.is_empty()
            || self.uri.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(Error::data(format!("an HTTP/1.1 request line cannot carry {} {:?}", self.method, self.uri)));
        }
        let mut out = format!("{} {} HTTP/1.1\r\n", self.method, self.uri).into_bytes();
        if !self.host.is_empty() {
            push_header(&mut out, "Host", &self.host)?;
        }
        finish(&mut out, &self.headers, &self.body)?;
        Ok(out)
    }
}

impl HttpResponse {
    /// Reads an HTTP/1.1 response message: status line, headers, body. A `curl -v` trace
    /// (head lines prefixed with `< `) is read too.
    ///
    /// ```
    /// use awsval::protocol::HttpResponse;
    ///
    /// let message = b"HTTP/1.1 404 Not Found\r\nContent-Type: application/xml\r\n\r\n<Error/>";
    /// let response = HttpResponse::from_http1(message)?;
    /// assert_eq!((response.status, response.body.as_slice()), (404, b"<Error/>".as_slice()));
    /// assert_eq!(HttpResponse::from_http1(&response.to_http1()?)?, response);
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn from_http1(message: &[u8]) -> Result<Self> {
        let message = untraced(message, b'<');
        let mut fields = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut head = httparse::Response::new(&mut fields);
        let head_len = complete(head.parse(&message), "response")?;
        let status = head.code.unwrap_or_default();
        let headers = header_list(head.headers)?;
        let body = body(&message[head_len..], head_len, &headers, false)?;
        Ok(Self { status, headers, body })
    }

    /// Writes the response as an HTTP/1.1 message: status line (with the status's reason
    /// phrase), the headers as they are, a blank line and the body. A status outside 100 to 999
    /// or a header HTTP/1.1 cannot carry is an error.
    pub fn to_http1(&self) -> Result<Vec<u8>> {
        if !(100..=999).contains(&self.status) {
            return Err(Error::data(format!("an HTTP/1.1 status is 100 to 999, not {}", self.status)));
        }
        let reason = reason_phrase(self.status).unwrap_or("");
        let mut out = format!("HTTP/1.1 {} {reason}\r\n", self.status).into_bytes();
        finish(&mut out, &self.headers, &self.body)?;
        Ok(out)
    }
}

fn finish(out: &mut Vec<u8>, headers: &[(String, String)], body: &[u8]) -> Result<()> {
    for (name, value) in headers {
        push_header(out, name, value)?;
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    Ok(())
}

/// Appends `name: value`, refusing what would end the line or the field early.
fn push_header(out: &mut Vec<u8>, name: &str, value: &str) -> Result<()> {
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Err(Error::data(format!("{name:?} is not an HTTP header name")));
    }
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
        return Err(Error::data(format!("header {name} holds a line break")));
    }
    out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    Ok(())
}

/// RFC 9110's `tchar`: what a method or header name is made of.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// The head's length, or why the head is not an HTTP/1.1 head.
fn complete(parsed: httparse::Result<usize>, what: &str) -> Result<usize> {
    match parsed {
        Ok(httparse::Status::Complete(length)) => Ok(length),
        Ok(httparse::Status::Partial) => {
            Err(Error::syntax(format!("the {what} message ends inside its head (no blank line after the headers)"), 0))
        }
        Err(httparse::Error::TooManyHeaders) => {
            Err(Error::syntax(format!("the {what} message has more than {MAX_HEADERS} header fields"), 0))
        }
        Err(error) => Err(Error::syntax(format!("the {what} message's head is malformed: {error}"), 0)),
    }
}

fn header_list(fields: &[httparse::Header<'_>]) -> Result<Vec<(String, String)>> {
    fields
        .iter()
        .map(|field| {
            let value = std::str::from_utf8(field.value)
                .map_err(|_| Error::data(format!("header {} is not UTF-8 text", field.name)))?;
            Ok((field.name.to_owned(), value.trim().to_owned()))
        })
        .collect()
}

/// The body after the head (which is `offset` bytes long): `Content-Length` bytes, the
/// chunks of a chunked body, else (a request without either has none) the rest.
fn body(rest: &[u8], offset: usize, headers: &[(String, String)], request: bool) -> Result<Vec<u8>> {
    let chunked = find_header(headers, "Transfer-Encoding").is_some_and(|te| te.eq_ignore_ascii_case("chunked"));
    if chunked {
        return dechunk(rest, offset);
    }
    let Some(length) = find_header(headers, "Content-Length") else {
        if request && !rest.is_empty() {
            return Err(Error::syntax("the request has a body but neither Content-Length nor chunked coding", offset));
        }
        return Ok(rest.to_vec());
    };
    let length: usize =
        length.parse().map_err(|_| Error::syntax(format!("Content-Length is not a length: {length:?}"), offset))?;
    match rest.len().cmp(&length) {
        std::cmp::Ordering::Equal => Ok(rest.to_vec()),
        std::cmp::Ordering::Less => Err(Error::syntax(
            format!("the body ends after {} bytes; Content-Length says {length}", rest.len()),
            offset + rest.len(),
        )),
        std::cmp::Ordering::Greater => Err(Error::syntax("bytes after the body Content-Length gives", offset + length)),
    }
}

/// A chunked body's data, its chunks joined (trailers are dropped).
fn dechunk(mut rest: &[u8], mut offset: usize) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let (size_len, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete(found)) => found,
            Ok(httparse::Status::Partial) => {
                return Err(Error::syntax("the chunked body ends inside a chunk size", offset));
            }
            Err(_) => return Err(Error::syntax("a chunk size is malformed", offset)),
        };
        let size = usize::try_from(size)
            .ok()
            .filter(|&size| size <= rest.len() - size_len)
            .ok_or_else(|| Error::syntax(format!("a chunk of {size} bytes is longer than what follows"), offset))?;
        if size == 0 {
            return Ok(body);
        }
        let data_end = size_len + size;
        body.extend_from_slice(&rest[size_len..data_end]);
        let after = rest[data_end..].strip_prefix(b"\r\n").or_else(|| rest[data_end..].strip_prefix(b"\n"));
        let after = after.ok_or_else(|| Error::syntax("a chunk does not end with a line break", offset + data_end))?;
        offset += rest.len() - after.len();
        rest = after;
    }
}

/// The message itself from a `curl -v` trace: head lines start with `> ` (a request) or
/// `< ` (a response), curl's own lines with `* `, `{ ` or `} `; the lines after the head that
/// are not curl's are the body. Anything else is the message as it is.
fn untraced(message: &[u8], marker: u8) -> Cow<'_, [u8]> {
    let is_curl = |line: &[u8]| matches!(line.first(), Some(b'*' | b'{' | b'}')) && line.get(1) == Some(&b' ');
    let mut lines = message.split_inclusive(|&b| b == b'\n').skip_while(|line| is_curl(line)).peekable();
    if !lines.peek().is_some_and(|line| line.len() >= 2 && line[0] == marker && line[1] == b' ') {
        return Cow::Borrowed(message);
    }
    let mut out = Vec::with_capacity(message.len());
    let mut in_head = true;
    for line in lines {
        if in_head {
            if is_curl(line) {
                continue;
            }
            let text = line.strip_prefix(&[marker][..]).unwrap_or(line);
            let text = text.strip_prefix(b" ").unwrap_or(text);
            let content = text.strip_suffix(b"\n").unwrap_or(text);
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            out.extend_from_slice(content);
            out.extend_from_slice(b"\r\n");
            in_head = !content.is_empty();
        } else if is_curl(line) || line.first().is_some_and(|&b| b == b'<' || b == b'>') {
            break;
        } else {
            out.extend_from_slice(line);
        }
    }
    Cow::Owned(out)
}
