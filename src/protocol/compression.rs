//! `@requestCompression`: gzip request bodies above a size.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::RequestOptions;
use crate::error::Result;
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
