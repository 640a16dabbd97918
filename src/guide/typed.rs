//! # From a derived type to the wire and back
//!
//! An SDK crate describes each shape once, as a Rust type with `#[derive(Shape)]`; the derive
//! gives it its Smithy schema, [`ToValue`](crate::ToValue), [`FromValue`](crate::FromValue)
//! and a straight typed decoder. An operation ties an input, an output and errors together in
//! a [`Model`](crate::schema::Model), and [`protocol::request`](crate::protocol::request) and
//! [`protocol::response`](crate::protocol::response) do the HTTP part for any protocol.
//!
//! ```
//! use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, RequestOptions};
//! use awsval::schema::{ModelBuilder, Operation};
//! use awsval::{FromValue, Shape, ToValue};
//!
//! #[derive(Shape, Clone, PartialEq)]
//! struct GetJobInput {
//!     #[awsval(http_label)]
//!     job_id: String,
//!     #[awsval(http_query = "verbose")]
//!     verbose: Option<bool>,
//! }
//!
//! #[derive(Shape, Clone, PartialEq)]
//! struct GetJobOutput {
//!     job_id: Option<String>,
//!     #[awsval(http_header = "x-amz-request-id")]
//!     request_id: Option<String>,
//! }
//!
//! // The operation: restJson1's GET /jobs/{JobId}.
//! let mut builder = ModelBuilder::new();
//! let mut get_job = Operation::new("GetJob");
//! get_job.input = Some(GetJobInput::describe(&mut builder));
//! get_job.output = Some(GetJobOutput::describe(&mut builder));
//! get_job.http.method = "GET".into();
//! get_job.http.uri = "/jobs/{JobId}".into();
//! builder.operation(get_job);
//! let model = builder.finish()?;
//! let operation = model.operation("GetJob").expect("declared");
//!
//! // The request a client sends.
//! let input = GetJobInput { job_id: "j 1".into(), verbose: Some(true) };
//! let request = protocol::request(
//!     Protocol::RestJson1,
//!     operation,
//!     &input.to_value(),
//!     &Endpoint::default(),
//!     &RequestOptions::default(),
//! )?;
//! assert_eq!((request.method.as_str(), request.uri.as_str()), ("GET", "/jobs/j%201?verbose=true"));
//!
//! // The response it reads.
//! let reply = HttpResponse::new(200, r#"{"JobId": "j 1"}"#).with_header("x-amz-request-id", "r-1");
//! let output = protocol::response(Protocol::RestJson1, operation, &reply)?.expect("a success");
//! let output = GetJobOutput::from_value(output)?;
//! assert_eq!(output, GetJobOutput { job_id: Some("j 1".into()), request_id: Some("r-1".into()) });
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! A body alone goes straight into the type, without a `Value` in between, with the same
//! checks and errors as [`json::decode`](crate::json::decode) then `from_value`:
//!
//! ```
//! use awsval::Shape;
//! use awsval::json::{self, JsonSettings};
//!
//! #[derive(Shape, PartialEq)]
//! struct Page {
//!     items: Vec<String>,
//!     next_token: Option<String>,
//! }
//!
//! let page: Page = json::decode_typed(br#"{"Items": ["a", "b"]}"#, &JsonSettings::aws_json())?;
//! assert_eq!(page, Page { items: vec!["a".into(), "b".into()], next_token: None });
//!
//! let error = json::decode_typed::<Page>(br#"{"Items": ["a", 2]}"#, &JsonSettings::aws_json()).unwrap_err();
//! assert_eq!(error.to_string(), "data error: expected a string, found a number at Items[1] (byte 16)");
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! [`xml::decode_typed`](crate::xml::decode_typed) and
//! [`cbor::decode_typed`](crate::cbor::decode_typed) do the same for the other body formats,
//! and `encode_typed` in each codec writes a derived value with no `Value` either, to the byte
//! what the `Value` path writes.
//!
//! The protocol functions have typed twins, which take these straight paths wherever the body
//! is the whole message (awsJson and rpcv2Cbor both ways, the query protocols' requests and
//! responses, REST responses binding nothing to HTTP) and go through `Value` otherwise, with
//! the same result:
//!
//! ```
//! use awsval::protocol::{self, Endpoint, HttpResponse, Protocol, ReadOptions, RequestOptions};
//! use awsval::schema::{ModelBuilder, Operation};
//! use awsval::Shape;
//!
//! #[derive(Shape)]
//! struct ScanInput {
//!     table_name: String,
//! }
//!
//! #[derive(Shape, PartialEq)]
//! struct ScanOutput {
//!     count: Option<i32>,
//! }
//!
//! let mut builder = ModelBuilder::new();
//! let mut scan = Operation::new("Scan");
//! scan.input = Some(ScanInput::describe(&mut builder));
//! scan.output = Some(ScanOutput::describe(&mut builder));
//! builder.operation(scan);
//! let model = builder.finish()?;
//! let scan = model.operation("Scan").expect("declared");
//!
//! let input = ScanInput { table_name: "users".into() };
//! let request = protocol::request_typed(Protocol::AwsJson1_0, scan, &input, &Endpoint::default(), &RequestOptions::default())?;
//! assert_eq!(request.body, br#"{"TableName":"users"}"#);
//!
//! let reply = HttpResponse::new(200, r#"{"Count": 2}"#);
//! let output: ScanOutput = protocol::response_typed(Protocol::AwsJson1_0, scan, &reply, &ReadOptions::default())?
//!     .expect("a success");
//! assert_eq!(output, ScanOutput { count: Some(2) });
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! The attributes the derive takes are listed on the [crate's front page](crate).
