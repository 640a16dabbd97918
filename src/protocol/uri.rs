//! URI paths with `{Label}`s, and query strings.

use crate::codec::BlobText;
use crate::codec::text;
use crate::error::{Error, Result};
use crate::query::percent_encode;
use crate::schema::{HttpBinding, ShapeRef};
use crate::timestamp::TimestampFormat;
use crate::value::Structure;

/// The path of `pattern` with each `{Label}` replaced by its member's value, percent-encoded
/// (RFC 3986); a greedy `{Label+}` keeps its `/`s.
pub(super) fn expand_path(pattern: &str, shape: Option<ShapeRef<'_>>, input: &Structure) -> Result<String> {
    expand_labels(pattern, "the URI", |label, out| write_label(label, shape, input, out))
}

/// The value of the member bound to URI `label` (`Name` or greedy `Name+`), written to `out`.
fn write_label(label: &str, shape: Option<ShapeRef<'_>>, input: &Structure, out: &mut String) -> Result<()> {
    let (label, greedy) = match label.strip_suffix('+') {
        Some(label) => (label, true),
        None => (label, false),
    };
    let member = shape
        .and_then(|shape| {
            shape.members().find(|m| matches!(m.http(), Some(HttpBinding::Label(name)) if &**name == label))
        })
        .ok_or_else(|| Error::model(format!("no member is bound to URI label {label}")))?;
    let value = input.get(member.name().as_str()).filter(|v| !v.is_null());
    let value = value.ok_or_else(|| Error::data("a URI label is required").in_member(member.name().as_str()))?;
    let format = member.timestamp_format().unwrap_or(TimestampFormat::DateTime);
    let text = text::format(value, member.target(), format, BlobText::Base64).map_err(|e| member.annotate(e))?;
    if text.is_empty() {
        return Err(member.annotate(Error::data("a URI label cannot be empty")));
    }
    if greedy {
        for (index, segment) in text.split('/').enumerate() {
            if index > 0 {
                out.push('/');
            }
            percent_encode(segment, out);
        }
    } else {
        percent_encode(&text, out);
    }
    Ok(())
}

/// `pattern` with each `{Label}` replaced by what `fill` writes for it; `template` names the
/// pattern in the error for a label left open.
pub(super) fn expand_labels(
    pattern: &str,
    template: &str,
    mut fill: impl FnMut(&str, &mut String) -> Result<()>,
) -> Result<String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Error::model(format!("unclosed label in {template}")))?;
        fill(&rest[open + 1..close], &mut out)?;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Joins query parameters; a parameter without a value (`?flag`) is written bare.
pub(super) fn query_string(pairs: &[(String, Option<String>)]) -> String {
    let mut out = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        out.push(if index == 0 { '?' } else { '&' });
        percent_encode(key, &mut out);
        if let Some(value) = value {
            out.push('=');
            percent_encode(value, &mut out);
        }
    }
    out
}

/// The literal query of a URI pattern (`/path?foo=bar&flag`) as pairs, kept as written.
pub(super) fn literal_query(query: &str) -> Vec<(String, Option<String>)> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) => (key.to_owned(), Some(value.to_owned())),
            None => (part.to_owned(), None),
        })
        .collect()
}
