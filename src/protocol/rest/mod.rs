//! restJson1 and restXml: HTTP bindings around a JSON or XML body.
//!
//! Members bound to the URI, the query string, headers or the status code travel there; a
//! `@httpPayload` member is the whole body (raw for blobs and strings); the other members
//! form a JSON object or an XML document.

mod read;
mod write;

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::json::JsonSettings;
use crate::limits::Limits;
use crate::schema::{MemberRef, ShapeRef};
use crate::value::{Structure, Value};
use crate::xml::XmlSettings;

pub(super) use self::read::{may_come_unwrapped, request_input, response, typed_error};
pub(super) use self::write::{error_reply, reply, request};

/// Which body format.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Body {
    Json,
    Xml,
}

/// How a response's bodies are read: their format and the bounds on them.
#[derive(Clone, Copy)]
pub(super) struct Reading {
    pub(super) body: Body,
    pub(super) limits: Limits,
}

impl Reading {
    pub(super) fn json(self) -> JsonSettings {
        JsonSettings::rest_json().with_limits(self.limits)
    }

    pub(super) fn xml(self) -> XmlSettings {
        XmlSettings::new().with_limits(self.limits)
    }
}

impl Body {
    pub(super) fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Xml => "application/xml",
        }
    }
}

pub(super) fn members(value: &Value) -> Cow<'_, Structure> {
    match value {
        Value::Structure(structure) => Cow::Borrowed(structure),
        _ => Cow::Owned(Structure::new()),
    }
}

pub(super) fn members_of_map(value: Option<&Value>) -> Vec<(&str, &Value)> {
    match value {
        Some(Value::Map(map)) => map.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn map_value_shape(member: MemberRef<'_>) -> Result<ShapeRef<'_>> {
    member
        .target()
        .map_value()
        .map(|m| m.target())
        .ok_or_else(|| Error::model("a map binding on a shape that is not a map"))
}
