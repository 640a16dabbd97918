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

/// The `{Label}` values a host starting with `pattern` (an operation's `hostPrefix`, such as
/// `{AccountId}.data-`) gives, each label running to the first occurrence of the literal text
/// after it (to the first `.` when the pattern ends with it); `None` when `host` does not
/// start that way.
pub(super) fn match_host_prefix<'p, 'h>(pattern: &'p str, host: &'h str) -> Option<Vec<(&'p str, &'h str)>> {
    let (mut pattern, mut host) = (pattern, host);
    let mut labels = Vec::new();
    while let Some(open) = pattern.find('{') {
        host = host.strip_prefix(&pattern[..open])?;
        let close = open + pattern[open..].find('}')?;
        let after = &pattern[close + 1..];
        let literal = &after[..after.find('{').unwrap_or(after.len())];
        let end = host.find(if literal.is_empty() { "." } else { literal }).unwrap_or(host.len());
        if end == 0 {
            return None;
        }
        labels.push((&pattern[open + 1..close], &host[..end]));
        (pattern, host) = (after, &host[end..]);
    }
    host.starts_with(pattern).then_some(labels)
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

/// How a request's path and query string fit an operation's URI pattern: the labels'
/// percent-decoded values, and how specific the fit is (for choosing among operations).
#[derive(Debug)]
pub(super) struct PathMatch {
    /// `(label, value)`, the label without a greedy `+`.
    pub(super) labels: Vec<(String, String)>,
    /// Query keys the pattern names literally (`?list-type=2`, `?acl`).
    pub(super) literal_query: usize,
    /// Bytes of literal path text.
    pub(super) literal_path: usize,
}

/// The segments of a URI path, each percent-decoded (`+` stays a plus in a path); a `%` not
/// followed by two hex digits, or a segment that does not decode to UTF-8 text, is an error at
/// its offset in the path.
pub(super) fn path_segments(path: &str) -> Result<Vec<String>> {
    let start = path.len() - path.trim_start_matches('/').len();
    let mut offset = start;
    path[start..]
        .split('/')
        .map(|segment| {
            let decoded = crate::query::percent_decode(segment.as_bytes(), offset, false);
            offset += segment.len() + 1;
            decoded
        })
        .collect()
}

/// Matches a path's decoded `segments` (see [`path_segments`]) and `query` (decoded pairs)
/// against `pattern` (`/{Bucket}/{Key+}?x-id=GetObject`). A label takes one non-empty
/// segment, a greedy label one or more.
pub(super) fn match_path(pattern: &str, given: &[String], query: &[(String, String)]) -> Option<PathMatch> {
    let (pattern_path, literal) = pattern.split_once('?').unwrap_or((pattern, ""));
    let required = literal_query(literal);
    for (key, value) in &required {
        let found = query.iter().find(|(k, _)| k == key);
        match (found, value) {
            (None, _) => return None,
            (Some((_, got)), Some(value)) if got != value => return None,
            _ => {}
        }
    }
    let wanted: Vec<&str> = pattern_path.trim_start_matches('/').split('/').collect();
    let mut labels = Vec::new();
    if !match_segments(&wanted, given, &mut labels) {
        return None;
    }
    let literal_path = wanted.iter().filter(|s| !s.starts_with('{')).map(|s| s.len() + 1).sum();
    Some(PathMatch { labels, literal_query: required.len(), literal_path })
}

/// Matches pattern segments to path segments, greedy labels taking as many as leave the rest
/// matching.
fn match_segments(wanted: &[&str], given: &[String], labels: &mut Vec<(String, String)>) -> bool {
    let Some((first, rest)) = wanted.split_first() else { return given.is_empty() };
    let label = first.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
    match label {
        Some(greedy) if greedy.ends_with('+') => {
            let name = greedy.trim_end_matches('+');
            // The most segments first, so a greedy label ending the pattern takes the rest.
            for taken in (1..=given.len().saturating_sub(rest.len())).rev() {
                let mark = labels.len();
                if match_segments(rest, &given[taken..], labels) {
                    let value = given[..taken].join("/");
                    if value.is_empty() {
                        labels.truncate(mark);
                        return false;
                    }
                    labels.insert(mark, (name.to_owned(), value));
                    return true;
                }
                labels.truncate(mark);
            }
            false
        }
        Some(name) => match given.split_first() {
            Some((segment, remaining)) if !segment.is_empty() => {
                labels.push((name.to_owned(), segment.clone()));
                match_segments(rest, remaining, labels)
            }
            _ => false,
        },
        None => match given.split_first() {
            Some((segment, remaining)) if segment == first => match_segments(rest, remaining, labels),
            _ => false,
        },
    }
}
