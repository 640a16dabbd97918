//! HTTP/1.1 messages as bytes: framing, traces, and what malformed messages get.

use awsval::protocol::{HttpRequest, HttpResponse};

#[test]
fn requests_read_back_what_was_written() {
    let request = HttpRequest::new("PUT", "/bucket/key%20with%20space?acl", b"data".to_vec())
        .with_header("Content-Type", "text/plain")
        .with_header("x-amz-meta-a", "1");
    let request = HttpRequest { host: "bucket.s3.amazonaws.com".to_owned(), ..request };
    let mut sent = request.clone();
    sent.headers.push(("Content-Length".to_owned(), "4".to_owned()));
    let bytes = sent.to_http1().unwrap();
    assert!(bytes.starts_with(b"PUT /bucket/key%20with%20space?acl HTTP/1.1\r\nHost: bucket.s3.amazonaws.com\r\n"));
    assert_eq!(HttpRequest::from_http1(&bytes).unwrap(), sent);
}

#[test]
fn bodies_are_framed_by_length_or_chunks() {
    let chunked =
        b"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n";
    assert_eq!(HttpRequest::from_http1(chunked).unwrap().body, b"Wikipedia");
    // Bare line feeds, as a hand-edited file has them.
    let bare = b"HTTP/1.1 200 OK\nContent-Length: 2\n\n{}";
    assert_eq!(HttpResponse::from_http1(bare).unwrap().body, b"{}");
    // A response without a length runs to the end of the message.
    let open = b"HTTP/1.1 200 OK\r\n\r\n<a/>";
    assert_eq!(HttpResponse::from_http1(open).unwrap().body, b"<a/>");
    // An absolute target names the host.
    let absolute = HttpRequest::from_http1(b"GET http://example.com/x?y=1 HTTP/1.1\r\n\r\n").unwrap();
    assert_eq!((absolute.host.as_str(), absolute.uri.as_str()), ("example.com", "/x?y=1"));
}

#[test]
fn curl_traces_are_read() {
    let trace = "*   Trying 127.0.0.1:8080...\n* Connected to localhost\n> GET /x HTTP/1.1\n> Host: localhost:8080\n\
                 > User-Agent: curl/8.5.0\n>\n< HTTP/1.1 404 Not Found\n< Content-Type: application/json\n<\n{}";
    let request = HttpRequest::from_http1(trace.as_bytes()).unwrap();
    assert_eq!((request.method.as_str(), request.uri.as_str(), request.host.as_str()), ("GET", "/x", "localhost:8080"));
    assert!(request.body.is_empty());
    let response = "< HTTP/1.1 404 Not Found\r\n< Content-Type: application/json\r\n< \r\n{\"message\":\"no\"}\n\
                    * Connection #0 to host localhost left intact\n";
    let response = HttpResponse::from_http1(response.as_bytes()).unwrap();
    assert_eq!((response.status, response.header("content-type")), (404, Some("application/json")));
    assert_eq!(response.body, b"{\"message\":\"no\"}\n");
}

#[test]
fn malformed_messages_are_errors_with_offsets() {
    let error = |bytes: &[u8]| HttpRequest::from_http1(bytes).unwrap_err().to_string();
    assert_eq!(
        error(b"GET / HTTP/1.1\r\nHost: h"),
        "syntax error: the request message ends inside its head (no blank line after the headers) (byte 0)"
    );
    assert_eq!(
        error(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n"),
        "syntax error: the request message's head is malformed: invalid header name (byte 0)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n{}"),
        "syntax error: the body ends after 2 bytes; Content-Length says 5 (byte 40)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\n{}"),
        "syntax error: bytes after the body Content-Length gives (byte 39)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
        "syntax error: Content-Length is not a length: \"-1\" (byte 39)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\n\r\n{}"),
        "syntax error: the request has a body but neither Content-Length nor chunked coding (byte 19)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffff\r\nab"),
        "syntax error: a chunk of 281474976710655 bytes is longer than what follows (byte 47)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX"),
        "syntax error: a chunk does not end with a line break (byte 52)"
    );
    assert_eq!(
        error(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        "syntax error: a chunk size is malformed (byte 47)"
    );
    assert_eq!(error(b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n"), "data error: header X is not UTF-8 text");
    // A fuzz find: with two, which host is the request for? (RFC 9112 refuses it.)
    assert_eq!(
        error(b"GET / HTTP/1.1\r\nHost: \r\nhost: a.example\r\n\r\n"),
        "data error: a request with more than one Host header"
    );
    let many: String = (0..1100).map(|i| format!("X-{i}: v\r\n")).collect();
    assert_eq!(
        error(format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes()),
        "syntax error: the request message has more than 1024 header fields (byte 0)"
    );
}

#[test]
fn what_http1_cannot_carry_is_not_written() {
    let request = HttpRequest::new("GET", "/", Vec::new()).with_header("X-Evil", "a\r\nX-Injected: 1");
    assert_eq!(request.to_http1().unwrap_err().to_string(), "data error: header X-Evil holds a line break");
    let request = HttpRequest::new("GET", "/a b", Vec::new());
    assert_eq!(
        request.to_http1().unwrap_err().to_string(),
        "data error: an HTTP/1.1 request line cannot carry GET \"/a b\""
    );
    let response = HttpResponse::new(200, "").with_header("Bad Name", "v");
    assert_eq!(response.to_http1().unwrap_err().to_string(), "data error: \"Bad Name\" is not an HTTP header name");
    assert_eq!(
        HttpResponse::new(42, "").to_http1().unwrap_err().to_string(),
        "data error: an HTTP/1.1 status is 100 to 999, not 42"
    );
}
