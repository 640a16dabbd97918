//! Values in HTTP headers: lists joined with commas (quoting items that need it), timestamps
//! as http-date, JSON strings as base64, and the way back.

use std::borrow::Cow;

use crate::blob::Blob;
use crate::codec::BlobText;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::{List, Value};

fn format_of(member: MemberRef<'_>, item: Option<MemberRef<'_>>) -> TimestampFormat {
    item.and_then(MemberRef::timestamp_format)
        .or_else(|| member.timestamp_format())
        .unwrap_or(TimestampFormat::HttpDate)
}

/// The header text of member `member`'s value. Line breaks are refused: a header value
/// cannot carry them, and writing one would let a value inject headers.
pub(super) fn format(member: MemberRef<'_>, value: &Value) -> Result<String> {
    let target = member.target();
    let text = match (target.shape_type(), value) {
        (ShapeType::List, Value::List(items)) => {
            let item = target.item()?;
            let format = format_of(member, Some(item));
            let mut parts = Vec::with_capacity(items.len());
            for (index, value) in items.iter().enumerate() {
                let text =
                    text::format(value, item.target(), format, BlobText::Base64).map_err(|e| e.at_index(index))?;
                let is_date = item.target().shape_type() == ShapeType::Timestamp && format == TimestampFormat::HttpDate;
                parts.push(if !is_date && text.contains([',', '"']) { quote(&text) } else { text });
            }
            parts.join(", ")
        }
        (ShapeType::String, Value::String(text)) if is_json_value(member) => Blob::new(text.as_bytes()).to_base64(),
        _ => text::format(value, target, format_of(member, None), BlobText::Base64)?,
    };
    if text.contains(['\r', '\n']) {
        return Err(Error::data("a header value cannot hold a line break"));
    }
    Ok(text)
}

fn is_json_value(member: MemberRef<'_>) -> bool {
    member.traits().json_value || member.target().traits().media_type.as_deref().is_some_and(|m| m.contains("json"))
}

fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Reads member `member`'s value from its header text; a timestamp in its exact format when
/// `strict` (as a server reads a request).
pub(super) fn parse(member: MemberRef<'_>, text: &str, strict: bool) -> Result<Value> {
    let target = member.target();
    match target.shape_type() {
        ShapeType::List => {
            let item = target.item()?;
            let format = format_of(member, Some(item));
            let mut parts = split(text);
            if item.target().shape_type() == ShapeType::Timestamp && format == TimestampFormat::HttpDate {
                // `Mon, 16 Dec 2019 23:48:18 GMT` holds a comma of its own.
                parts = parts.chunks(2).map(|pair| pair.join(", ")).collect();
            }
            let items = parts
                .into_iter()
                .enumerate()
                .map(|(index, part)| {
                    text::parse(Cow::Owned(part), item.target(), format, BlobText::Base64, strict)
                        .map_err(|e| e.at_index(index))
                })
                .collect::<Result<List>>()?;
            Ok(Value::List(items))
        }
        ShapeType::String if is_json_value(member) => {
            let bytes = Blob::from_base64(text.trim())?.into_inner();
            String::from_utf8(bytes).map(Value::String).map_err(|_| Error::data("a JSON header value is not UTF-8"))
        }
        _ => text::parse(Cow::Borrowed(text), target, format_of(member, None), BlobText::Base64, strict),
    }
}

/// What follows `prefix` in header name `name`, matched without regard to ASCII case; `None`
/// when `name` does not start with it. Compared as bytes: a name off the wire may hold any
/// character, and slicing it by the prefix's length could split one.
pub(super) fn strip_prefix<'n>(name: &'n str, prefix: &str) -> Option<&'n str> {
    let head = name.as_bytes().get(..prefix.len())?;
    // Equal bytes up to ASCII case end where `prefix` ends: on a character boundary.
    head.eq_ignore_ascii_case(prefix.as_bytes()).then(|| name.get(prefix.len()..)).flatten()
}

/// Splits a list header on commas outside double quotes, trimming and unquoting the items.
fn split(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => current.extend(chars.next()),
            ',' if !quoted => items.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    items.push(current);
    let trimmed: Vec<String> = items.into_iter().map(|item| item.trim().to_owned()).collect();
    if trimmed.len() == 1 && trimmed[0].is_empty() { Vec::new() } else { trimmed }
}
