//! Blobs: strict standard base64 with padding.

use awsval::{Blob, ErrorKind};
use proptest::prelude::*;

#[test]
fn decodes_standard_padded_base64() {
    let cases: &[(&str, &[u8])] = &[
        ("", b""),
        ("Zg==", b"f"),
        ("Zm8=", b"fo"),
        ("Zm9v", b"foo"),
        ("aGVsbG8gd29ybGQ=", b"hello world"),
        ("+/8=", &[0xfb, 0xff]),
    ];
    for (text, bytes) in cases {
        assert_eq!(Blob::from_base64(text).unwrap().as_bytes(), *bytes, "{text:?}");
        assert_eq!(Blob::new(*bytes).to_base64(), *text);
    }
}

#[test]
fn rejects_everything_else_with_a_position() {
    let cases = [
        ("Zg", "data error: invalid base64 padding: pad with '=' to a multiple of 4 characters"),
        ("Zm9", "data error: invalid base64 padding: pad with '=' to a multiple of 4 characters"),
        ("Zg=", "data error: invalid base64 padding: pad with '=' to a multiple of 4 characters"),
        ("Z", "data error: invalid base64 length"),
        ("-_8=", "data error: invalid base64 character at position 0"),
        ("Zm9v\n", "data error: invalid base64 character at position 4"),
        ("Zm 9v", "data error: invalid base64 character at position 2"),
        ("Zh==", "data error: invalid base64: stray bits in the last symbol at position 1"),
        ("Z===", "data error: invalid base64 character at position 1"),
    ];
    for (text, message) in cases {
        let error = Blob::from_base64(text).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Data);
        assert_eq!(error.to_string(), message, "{text:?}");
    }
}

#[test]
fn debug_shows_bytes_and_cuts_long_blobs() {
    assert_eq!(format!("{:?}", Blob::new(b"a\n\x00")), "b\"a\\n\\x00\"");
    let long = Blob::new(vec![b'x'; 100]);
    assert_eq!(format!("{long:?}"), format!("b\"{}\"… (100 bytes)", "x".repeat(64)));
}

proptest! {
    #[test]
    fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let blob = Blob::new(bytes.clone());
        let mut text = String::from("prefix:");
        blob.write_base64(&mut text);
        prop_assert_eq!(&text[7..], blob.to_base64());
        prop_assert_eq!(Blob::from_base64(&text[7..])?.into_inner(), bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = Blob::from_base64(text);
    }
}
