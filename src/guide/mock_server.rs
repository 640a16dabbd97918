//! # Writing a mock server
//!
//! The server's side is the client's in reverse:
//! [`protocol::parse_request`](crate::protocol::parse_request) routes an HTTP request to its
//! operation and reads the input (strictly, as a Smithy server reads: a request a server
//! refuses comes back as a [`RequestError`](crate::protocol::RequestError) with the status and
//! code to answer), and [`protocol::encode_response`](crate::protocol::encode_response) and
//! [`protocol::encode_error`](crate::protocol::encode_error) write what the service sends.
//! `HttpRequest::from_http1` and `HttpResponse::to_http1` move them on and off a socket; the
//! HTTP server itself is yours (the `mock_server` example uses `tiny_http`).
//!
//! ```
//! use awsval::model::botocore;
//! use awsval::protocol::{self, HttpRequest, Protocol, ResponseOptions, ServiceError};
//! use awsval::{Structure, Value};
//!
//! let model = botocore::load(br#"{
//!   "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Jobs"},
//!   "operations": {"Get": {"name": "Get", "input": {"shape": "Id"}, "output": {"shape": "Job"},
//!                          "errors": [{"shape": "NoSuchJob"}]}},
//!   "shapes": {"Id": {"type": "structure", "required": ["Id"], "members": {"Id": {"shape": "S"}}},
//!              "Job": {"type": "structure", "members": {"Id": {"shape": "S"}}},
//!              "NoSuchJob": {"type": "structure", "members": {"message": {"shape": "S"}}, "exception": true,
//!                            "error": {"httpStatusCode": 404}},
//!              "S": {"type": "string"}}
//! }"#)?;
//!
//! /// Answers one request: the job when it exists, else `NoSuchJob`.
//! fn answer(model: &awsval::schema::Model, raw: &[u8]) -> awsval::Result<Vec<u8>> {
//!     let request = HttpRequest::from_http1(raw)?;
//!     let options = ResponseOptions::default().with_request_id("r-1");
//!     let parsed = match protocol::parse_request(Protocol::AwsJson1_0, model, &request) {
//!         Ok(parsed) => parsed,
//!         Err(refused) => return refused.to_response(Protocol::AwsJson1_0, model, &options)?.to_http1(),
//!     };
//!     let reply = match parsed.input["Id"].as_str() {
//!         Some("j-1") => {
//!             let job = Value::from(Structure::new().with("Id", "j-1"));
//!             protocol::encode_response(Protocol::AwsJson1_0, parsed.operation, &job, &options)?
//!         }
//!         _ => {
//!             let shape = model.shape("NoSuchJob").expect("declared");
//!             let error = ServiceError::modeled(shape, Value::from(Structure::new().with("message", "no such job")));
//!             protocol::encode_error(Protocol::AwsJson1_0, parsed.operation, &error, &options)?
//!         }
//!     };
//!     reply.to_http1()
//! }
//!
//! let request = |body: &str| format!(
//!     "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: Jobs.Get\r\n\
//!      Content-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\n\r\n{body}", body.len());
//! let found = String::from_utf8(answer(&model, request(r#"{"Id": "j-1"}"#).as_bytes())?).unwrap();
//! assert!(found.starts_with("HTTP/1.1 200 OK\r\n") && found.ends_with(r#"{"Id":"j-1"}"#), "{found}");
//! let missing = String::from_utf8(answer(&model, request(r#"{"Id": "j-2"}"#).as_bytes())?).unwrap();
//! assert!(missing.starts_with("HTTP/1.1 404 "), "{missing}");
//! assert!(missing.contains(r#""__type":"NoSuchJob""#), "{missing}");
//! let refused = String::from_utf8(answer(&model, request("{").as_bytes())?).unwrap();
//! assert!(refused.starts_with("HTTP/1.1 400 "), "{refused}");
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! A server also checks the input's constraints before it acts:
//! [`ParsedRequest::validate`](crate::protocol::ParsedRequest::validate) answers with the
//! operation's `ValidationException` as a Smithy server does. `examples/mock_server.rs` is a
//! whole mock service: any botocore model, answers from a JSON file, any AWS SDK as the client.
