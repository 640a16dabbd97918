//! Any bytes: decoding never panics, and what decodes encodes back to the same text.
#![no_main]

use awsval::Blob;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(blob) = Blob::from_base64(data) {
        assert_eq!(blob.to_base64().as_bytes(), data);
    }
});
