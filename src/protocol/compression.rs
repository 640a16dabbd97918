//! `@requestCompression`: gzip request bodies above a size.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::RequestOptions;
use crate::error::Result;
use crate::schema::OperationRef;

/// Compresses `body` in place when the operation asks for gzip and the body is at least
/// [`RequestOptions::min_compression_bytes`]; returns the `Content-Encoding` to add.
pub(super) fn apply(
    operation: OperationRef<'_>,
    body: &mut Vec<u8>,
    options: &RequestOptions,
) -> Result<Option<&'static str>> {
    let wants_gzip = operation.data().request_compression.iter().any(|e| &**e == "gzip");
    if !wants_gzip || options.disable_compression || body.len() < options.min_compression_bytes {
        return Ok(None);
    }
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 2), Compression::default());
    encoder.write_all(body)?;
    *body = encoder.finish()?;
    Ok(Some("gzip"))
}
