//! `@requestCompression`: gzip request bodies above a size, and a server's undoing of it.

use std::io::{Read as _, Write as _};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use super::RequestOptions;
use super::http::HttpRequest;
use crate::error::{Error, Result};
use crate::schema::OperationRef;

/// Compresses `body` in place when the operation asks for gzip and the body is at least
/// [`RequestOptions::min_compression_bytes`], and says so in `Content-Encoding` (after any
/// encoding a member already put there).
pub(super) fn apply(
    operation: OperationRef<'_>,
    body: &mut Vec<u8>,
    headers: &mut Vec<(String, String)>,
    options: &RequestOptions,
) -> Result<()> {
    let wants_gzip = operation.data().request_compression.iter().any(|e| &**e == "gzip");
    if !wants_gzip || options.disable_compression || body.len() < options.min_compression_bytes {
        return Ok(());
    }
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 2), Compression::default());
    encoder.write_all(body)?;
    *body = encoder.finish()?;
    match headers.iter_mut().find(|(name, _)| name.eq_ignore_ascii_case("Content-Encoding")) {
        Some((_, existing)) => existing.push_str(", gzip"),
        None => headers.push(("Content-Encoding".to_owned(), "gzip".to_owned())),
    }
    Ok(())
}

/// A request as its sender meant it before compressing: when the last `Content-Encoding` is
/// gzip, the body inflated (to at most `max_len` bytes: a small body may claim a huge one) and
/// that coding taken off the header (the header goes when nothing is left). `None` when the
/// body is not gzip-encoded.
pub(super) fn undo(request: &HttpRequest, max_len: usize) -> Result<Option<HttpRequest>> {
    let Some(codings) = request.header("Content-Encoding") else { return Ok(None) };
    let mut codings: Vec<&str> = codings.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
    if !codings.last().is_some_and(|last| last.eq_ignore_ascii_case("gzip")) {
        return Ok(None);
    }
    codings.pop();
    let mut body = Vec::new();
    let limit = u64::try_from(max_len).unwrap_or(u64::MAX).saturating_add(1);
    GzDecoder::new(request.body.as_slice())
        .take(limit)
        .read_to_end(&mut body)
        .map_err(|error| Error::syntax(format!("the gzip body does not inflate: {error}"), 0))?;
    if body.len() > max_len {
        return Err(Error::limit(format!("input longer than {max_len} bytes")));
    }
    let mut headers = request.headers.clone();
    headers.retain(|(name, _)| !name.eq_ignore_ascii_case("Content-Encoding"));
    if !codings.is_empty() {
        headers.push(("Content-Encoding".to_owned(), codings.join(", ")));
    }
    Ok(Some(HttpRequest { headers, body, ..request.clone() }))
}
