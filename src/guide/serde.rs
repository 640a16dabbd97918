//! # Plain JSON, `serde_json` and serde types
//!
//! Plain JSON is JSON for people: member names as keys, blobs base64, timestamps RFC 3339. The
//! [`plain`](crate::plain) module moves a [`Value`](crate::Value) of a known shape to and from
//! `serde_json::Value` and any serializer or deserializer, with the JSON codec's rules and
//! error paths; [`Document`](crate::Document), Smithy's untyped member, converts to and from
//! any `Serialize`/`Deserialize` type.
//!
//! ```
//! use awsval::model::botocore;
//! use awsval::{Document, plain};
//! use serde_json::json;
//!
//! let model = botocore::load(br#"{
//!   "metadata": {"protocol": "json", "jsonVersion": "1.0"},
//!   "shapes": {"Event": {"type": "structure", "members": {
//!       "At": {"shape": "T"}, "Payload": {"shape": "D"}, "Data": {"shape": "B"}}},
//!     "T": {"type": "timestamp"}, "D": {"type": "structure", "members": {}, "document": true},
//!     "B": {"type": "blob"}}
//! }"#)?;
//! let event = model.shape("Event").expect("declared");
//!
//! // An application's JSON in, the wire's JSON out (epoch seconds there).
//! let value = plain::from_json_value(&json!({"At": "2026-01-01T00:00:00Z", "Data": "aGk=",
//!                                             "Payload": {"retries": 3}}), event)?;
//! let wire = awsval::json::encode(&value, event, &awsval::json::JsonSettings::aws_json())?;
//! assert_eq!(wire, br#"{"At":1767225600,"Payload":{"retries":3},"Data":"aGk="}"#);
//! assert_eq!(plain::to_json_value(&value, event)?["At"], "2026-01-01T00:00:00Z");
//!
//! // A document to and from a serde type.
//! #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
//! struct Retry { retries: u8 }
//! let document = Document::from_serialize(&Retry { retries: 5 })?;
//! assert_eq!(document.deserialize_into::<Retry>()?, Retry { retries: 5 });
//! # Ok::<(), awsval::Error>(())
//! ```
