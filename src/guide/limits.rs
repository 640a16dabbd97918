//! # The limits, and what bad input gets
//!
//! Everything off the wire is untrusted. Every decoder reads within a
//! [`Limits`](crate::Limits): nesting depth, input length, string and blob length, items in
//! one collection. [`protocol::response`](crate::protocol::response) and
//! [`protocol::parse_request`](crate::protocol::parse_request) use
//! [`Limits::untrusted`](crate::Limits::untrusted) (nesting 128, bodies 64 MiB, strings 32 MiB,
//! a million items a collection); the codecs take theirs from their settings.
//!
//! Bad input gets one [`Error`](crate::Error): its kind (syntax, end of input, data, limit),
//! the byte offset and the member path, never the data itself; never a panic, a stack
//! overflow or an allocation the input merely claims.
//!
//! ```
//! use awsval::json::{self, JsonSettings};
//! use awsval::schema::{ModelBuilder, ShapeType};
//! use awsval::{ErrorKind, Limits};
//!
//! let mut builder = ModelBuilder::new();
//! let string = builder.prelude(ShapeType::String);
//! let names = builder.add("Names", ShapeType::List).member("member", string).id();
//! let model = builder.finish()?;
//! let names = model.get(names);
//!
//! let error = json::decode(br#"["a", 1]"#, names, &JsonSettings::aws_json()).unwrap_err();
//! assert_eq!((error.kind(), error.offset()), (ErrorKind::Data, Some(6)));
//! assert_eq!(error.to_string(), "data error: expected a string, found a number at [1] (byte 6)");
//!
//! let error = json::decode(br#"["a", "b""#, names, &JsonSettings::aws_json()).unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::Eof);
//!
//! let tight = JsonSettings::aws_json().with_limits(Limits::new().with_max_collection_len(1));
//! let error = json::decode(br#"["a", "b"]"#, names, &tight).unwrap_err();
//! assert_eq!(error.to_string(), "limit error: more than 1 items (byte 6)");
//! # Ok::<(), awsval::Error>(())
//! ```
//!
//! A value you build and encode is checked too: a value of the wrong type, a null in a dense
//! list, an unknown union member or a big number that is not a number is refused with its
//! path, never written as something else.
