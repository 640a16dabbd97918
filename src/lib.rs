//! awsval: one generic, wire-neutral [`Value`] for every AWS/Smithy shape.
//!
//! awsval is the layer between AWS's wire protocols and Rust code that wants to read or write
//! AWS payloads: SDK crates that embed it, tools that test protocol implementations, and
//! programs that handle any AWS payload from a model loaded at run time (proxies, mocks,
//! recorders, fuzzers).
//!
//! It is built in layers, each using only those before it:
//!
//! | layer | modules | knows about |
//! |---|---|---|
//! | data | [`value`], [`timestamp`], [`blob`], [`error`], [`limits`] | nothing about wires |
//! | description | [`schema`] | shapes and traits, not bytes |
//! | typed bridge | [`convert`], `#[derive(Shape)]`, `#[derive(OperationError)]` | Rust types and schemas |
//! | codecs | [`json`], [`xml`], [`query`], [`cbor`], [`event_stream`] framing | bytes and schemas, never HTTP |
//! | protocols | [`protocol`]: awsJson1_0, awsJson1_1, restJson1, restXml, awsQuery, ec2Query, rpcv2Cbor; event streams as shapes | HTTP messages, bindings, envelopes, errors, both sides |
//! | models | [`model::botocore`], [`model::smithy`] | model files, building schemas |
//!
//! The [`guide`] walks through the common tasks, one chapter each: typed values on the wire,
//! models at run time, error enums, a mock server, serde and plain JSON, the conformance
//! suites, the limits.
//!
//! # Reading AWS payloads from a model
//!
//! Load a botocore `service-2.json`, then move values on and off the wire:
//!
//! ```
//! use awsval::json::{self, JsonSettings};
//! use awsval::model::botocore;
//!
//! let model = botocore::load(br#"{
//!   "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "DynamoDB_20120810"},
//!   "shapes": {
//!     "Item": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "AttributeValue"}},
//!     "Name": {"type": "string"},
//!     "AttributeValue": {"type": "structure", "union": true,
//!                        "members": {"S": {"shape": "Name"}, "N": {"shape": "Name"}}}
//!   }
//! }"#)?;
//! let item = model.shape("Item").expect("declared");
//! let value = json::decode(br#"{"id": {"S": "a-1"}, "size": {"N": "42"}}"#, item, &JsonSettings::aws_json())?;
//! assert_eq!(value["size"]["N"].as_str(), Some("42"));
//! assert_eq!(json::encode(&value, item, &JsonSettings::aws_json())?, br#"{"id":{"S":"a-1"},"size":{"N":"42"}}"#);
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! [`protocol::request`] and [`protocol::response`] add the HTTP envelope: target headers,
//! host prefixes, compression, error codes matched to modeled errors.
//!
//! # Values
//!
//! A [`Value`] is a self-describing tree: structures keep their member names, unions their one
//! member, maps their insertion order. Walk it with [`Value::get`], indexing and the `as_*`
//! accessors:
//!
//! ```
//! use awsval::{Map, Structure, Timestamp, Value};
//!
//! let job = Value::from(
//!     Structure::new()
//!         .with("JobId", "job-1")
//!         .with("Created", Timestamp::from_secs(1_700_000_000)?)
//!         .with("Tags", Map::new().with("team", "data")),
//! );
//! assert_eq!(job["JobId"].as_str(), Some("job-1"));
//! assert_eq!(job["Tags"]["team"].as_str(), Some("data"));
//! assert_eq!(job["Created"].as_timestamp().map(|t| t.to_string()).as_deref(), Some("2023-11-14T22:13:20Z"));
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! Tests compare values with [`Value::equivalent`] (NaN ≡ NaN, member and key order ignored,
//! timestamps to a chosen [`Precision`]); `==` is exact. Dropping, cloning, printing and
//! comparing never recurse, so even a value nested 100,000 deep is safe.
//!
//! # Types with a schema
//!
//! `#[derive(Shape)]` gives a Rust type its Smithy schema and conversions to and from `Value`.
//! Fields become members named in `PascalCase`; `Option` members are optional, others
//! required. Its `Debug` redacts `@sensitive` members, and so does `Debug` of the `Value`.
//!
//! ```
//! use awsval::{FromValue, Shape, Timestamp, ToValue};
//!
//! #[derive(Shape, Clone, PartialEq)]
//! struct Login {
//!     user_name: String,
//!     #[awsval(sensitive)]
//!     password: Option<String>,
//!     #[awsval(timestamp_format = "http-date", http_header = "X-Expires")]
//!     expires: Option<Timestamp>,
//! }
//!
//! let login = Login { user_name: "ana".into(), password: Some("hunter2".into()), expires: None };
//! let value = login.to_value();
//! assert_eq!(value["UserName"].as_str(), Some("ana"));
//! assert!(!format!("{value:?} {login:?}").contains("hunter2"));
//! assert!(Login::from_value(value)? == login);
//!
//! let member = Login::schema().member("Expires").expect("declared");
//! assert_eq!(member.timestamp_format(), Some(awsval::TimestampFormat::HttpDate));
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! ## `#[awsval(...)]` attributes
//!
//! | where | attribute | meaning |
//! |---|---|---|
//! | struct, enum | `name = "Shape"` | the shape name (default: the Rust name) |
//! | struct | `error = "client" \| "server"`, `http_status = 404`, `code = "Code"` | an error shape; `code` is its `@awsQueryError` code |
//! | struct | `xml_name`, `xml_namespace = "uri"`, `xml_prefix = "p"` | XML root name and namespace |
//! | struct, enum, field, variant | `sensitive` | `@sensitive`: redacted from `Debug` and error paths |
//! | enum | `union` | the enum is a union: each variant holds one member's value |
//! | enum | `int_enum` | the enum is an `intEnum` |
//! | variant | `value = "WIRE"` or `value = 1` | an enum's wire value (default: the variant name) |
//! | variant | `unknown` | keeps unknown values: `Unknown(String)`, `Unknown(i32)`, or a union's unknown member name |
//! | field, variant | `name = "Member"` | the member name (default: the field in `PascalCase`, the variant as is) |
//! | field, variant | `json_name`, `xml_name`, `xml_attribute`, `xml_flattened`, `xml_namespace`, `xml_prefix`, `ec2_query_name` | wire names |
//! | field, variant | `timestamp_format = "date-time" \| "http-date" \| "epoch-seconds"` | `@timestampFormat` |
//! | field, variant | `http_header = "h"`, `http_prefix_headers = "p-"`, `http_query = "q"`, `http_query_params`, `http_label`, `http_payload`, `http_response_code` | one HTTP binding |
//! | field, variant | `host_label`, `idempotency_token`, `json_value` | the traits of the same names |
//! | field | `default` or `default = "path::to::fn"` | an absent member takes this value instead of failing |
//!
//! An operation's errors form one enum with `#[derive(OperationError)]` (see
//! [`OperationError`]).
//!
//! ## Straight into typed values
//!
//! Going through a `Value` costs a tree built and taken apart again. A derived type also
//! implements [`convert::Decode`], which reads it straight off the wire, with the same checks
//! and the same errors (member path, byte offset) as [`json::decode`] followed by
//! [`FromValue::from_value`]:
//!
//! ```
//! use awsval::Shape;
//! use awsval::json::{self, JsonSettings};
//!
//! #[derive(Shape, PartialEq)]
//! struct Counts {
//!     items: Vec<i64>,
//!     next_token: Option<String>,
//! }
//!
//! let counts: Counts = json::decode_typed(br#"{"Items": [1, 2, 3]}"#, &JsonSettings::aws_json())?;
//! assert!(counts == Counts { items: vec![1, 2, 3], next_token: None });
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! The other way, [`convert::Encode`] writes a derived type straight to the wire
//! ([`json::encode_typed`]), byte for byte what [`json::encode`] writes for its `Value`. A
//! field of a type of your own needs `Encode` and `Decode` beside `ToValue` and `FromValue`;
//! `impl Encode for MyType {}` and `impl Decode for MyType {}` take the way through its
//! `Value`.
//!
//! # Schemas at run time
//!
//! The same [`schema::Model`] that derived types build is what model loaders produce; build one
//! by hand with [`schema::ModelBuilder`].
//!
//! # Errors
//!
//! Every fallible operation returns one [`Error`]: a kind, the byte offset in the input and the
//! member path, in one line. Errors never quote the data they reject.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod blob;
pub mod cbor;
pub mod codec;
pub mod convert;
pub mod error;
pub mod event_stream;
pub mod guide;
pub mod json;
pub mod limits;
pub mod model;
pub mod plain;
pub mod protocol;
pub mod query;
pub mod schema;
pub mod timestamp;
pub mod validate;
pub mod value;
pub mod xml;

pub use awsval_derive::{OperationError, Shape};
pub use blob::Blob;
pub use convert::{FromValue, OperationError, Shape, ToValue};
pub use error::{Error, ErrorKind, Path, PathSegment, Result};
pub use limits::Limits;
pub use timestamp::{Precision, Timestamp, TimestampFormat};
pub use value::{Document, Equivalence, List, Map, Name, Structure, Union, Value};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
