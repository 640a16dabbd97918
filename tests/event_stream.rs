//! Event stream framing: the AWS SDKs' test vectors (read from `../shared/eventstream/`),
//! frames fed in pieces of any size, hostile frames, and the signed envelope.

use std::path::PathBuf;

use awsval::event_stream::{self, Decoder, FrameLimits, HeaderValue, Message};
use awsval::{ErrorKind, Timestamp};
use base64::Engine as _;
use proptest::prelude::*;
use serde_json::Value as Json;

/// `../shared/eventstream`, or `None` (said plainly) where a clone has no `../shared`; CI
/// always has it, so there its absence fails.
#[allow(clippy::print_stderr)] // Said where a test says what it did not run.
fn vectors() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eventstream");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(std::env::var_os("CI").is_none(), "CI has ../shared/eventstream, but {} is absent", dir.display());
    eprintln!("{} is absent: the event stream test vectors are not run", dir.display());
    None
}

fn base64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(text).unwrap()
}

/// A vector's header as awsval reads it.
fn expected_header(header: &Json) -> (String, HeaderValue) {
    let value = &header["value"];
    let int = || value.as_i64().unwrap();
    let value = match header["type"].as_u64().unwrap() {
        0 | 1 => HeaderValue::Bool(value.as_bool().unwrap()),
        2 => HeaderValue::Byte(int() as i8),
        3 => HeaderValue::Short(int() as i16),
        4 => HeaderValue::Integer(int() as i32),
        5 => HeaderValue::Long(int()),
        6 => HeaderValue::Bytes(base64(value.as_str().unwrap())),
        7 => HeaderValue::String(String::from_utf8(base64(value.as_str().unwrap())).unwrap()),
        8 => HeaderValue::Timestamp(
            Timestamp::new(int().div_euclid(1000), (int().rem_euclid(1000) * 1_000_000) as u32).unwrap(),
        ),
        9 => HeaderValue::Uuid(base64(value.as_str().unwrap()).try_into().unwrap()),
        other => panic!("type {other}"),
    };
    (header["name"].as_str().unwrap().to_owned(), value)
}

#[test]
fn the_sdk_vectors_decode_to_their_description_and_encode_back() {
    let Some(dir) = vectors() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.join("encoded/positive")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let frame = std::fs::read(&path).unwrap();
        let description: Json =
            serde_json::from_slice(&std::fs::read(dir.join("decoded/positive").join(&name)).unwrap()).unwrap();
        let messages = event_stream::decode_all(&frame).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(messages.len(), 1, "{name}");
        let message = &messages[0];
        let headers: Vec<_> = description["headers"].as_array().unwrap().iter().map(expected_header).collect();
        assert_eq!(message.headers, headers, "{name}");
        assert_eq!(message.payload, base64(description["payload"].as_str().unwrap_or("")), "{name}");
        assert_eq!(frame.len() as u64, description["total_length"].as_u64().unwrap(), "{name}");
        let crc = description["message_crc"].as_i64().unwrap() as i32 as u32;
        assert_eq!(frame[frame.len() - 4..], crc.to_be_bytes(), "{name}");
        // Written back, byte for byte; read a byte at a time, the same message.
        assert_eq!(message.to_frame().unwrap(), frame, "{name}");
        let mut decoder = Decoder::new();
        let mut read = Vec::new();
        for byte in &frame {
            decoder.push(std::slice::from_ref(byte));
            read.extend(decoder.next_message().unwrap());
        }
        decoder.finish().unwrap();
        assert_eq!(read, messages, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}

#[test]
fn the_sdk_negative_vectors_are_refused_for_their_reason() {
    let Some(dir) = vectors() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.join("encoded/negative")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let reason = std::fs::read_to_string(dir.join("decoded/negative").join(&name)).unwrap();
        let error = event_stream::decode_all(&std::fs::read(&path).unwrap()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Syntax, "{name}");
        assert_eq!(error.message(), reason.trim().to_lowercase(), "{name}");
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// A frame with the given prelude (its CRC right) and rest (the message CRC computed).
fn frame_with(total: u32, headers_len: u32, rest: &[u8]) -> Vec<u8> {
    let mut frame = Vec::new();
    frame.extend(total.to_be_bytes());
    frame.extend(headers_len.to_be_bytes());
    frame.extend(crc32fast::hash(&frame).to_be_bytes());
    frame.extend(rest);
    frame.extend(crc32fast::hash(&frame).to_be_bytes());
    frame
}

fn error(frame: &[u8]) -> String {
    let mut decoder = Decoder::new();
    decoder.push(frame);
    decoder.next_message().and_then(|_| decoder.finish()).unwrap_err().to_string()
}

#[test]
fn hostile_frames_are_refused_at_their_offset() {
    // Lengths that disagree, with a prelude whose CRC is right.
    assert_eq!(
        error(&frame_with(15, 0, b"")),
        "syntax error: a frame of 15 bytes cannot hold 0 bytes of headers (byte 0)"
    );
    assert_eq!(
        error(&frame_with(20, 5, b"abcd")),
        "syntax error: a frame of 20 bytes cannot hold 5 bytes of headers (byte 0)"
    );
    // A frame claiming 4 GiB is refused from its prelude, before anything is buffered for it.
    assert_eq!(error(&frame_with(u32::MAX, 0, b"")), "limit error: a payload of more than 25165824 bytes (byte 0)");
    assert_eq!(error(&frame_with(200_000, 140_000, b"")), "limit error: headers of more than 131072 bytes (byte 4)");
    // A header of an unknown type; a header running past the headers; names and text not UTF-8.
    let bad_type = [1, b'x', 10];
    assert_eq!(error(&frame_with(19, 3, &bad_type)), "syntax error: a header of unknown type 10 at x (byte 14)");
    let short = [1, b'x', 4, 0, 0];
    assert_eq!(
        error(&frame_with(21, 5, &short)),
        "syntax error: a header runs past the headers' length at x (byte 15)"
    );
    assert_eq!(error(&frame_with(18, 2, &[1, 0xff])), "syntax error: a header name is not UTF-8 (byte 12)");
    let text = [1, b's', 7, 0, 1, 0xc3];
    assert_eq!(error(&frame_with(22, 6, &text)), "syntax error: a string header is not UTF-8 at s (byte 17)");
    let far = [[1, b't', 8].as_slice(), &i64::MAX.to_be_bytes()].concat();
    assert_eq!(
        error(&frame_with(27, 11, &far)),
        "syntax error: a timestamp header outside years 0000 to 9999 at t (byte 15)"
    );
    // One flipped bit anywhere is caught by a CRC.
    let good = Message::new(b"payload".to_vec()).with_header(":event-type", "x").to_frame().unwrap();
    for at in 0..good.len() {
        let mut flipped = good.clone();
        flipped[at] ^= 0x10;
        let error = event_stream::decode_all(&flipped).unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Syntax | ErrorKind::Eof | ErrorKind::Limit), "byte {at}: {error}");
    }
    // A stream cut anywhere inside a frame ends with an error, at the end of what came.
    for cut in 1..good.len() {
        assert_eq!(
            error(&good[..cut]),
            format!("end of input error: the stream ends inside a frame (byte {cut})"),
            "cut at {cut}"
        );
    }
}

#[test]
fn the_decoder_stops_at_its_first_error_and_limits_are_configurable() {
    let frame = Message::new(vec![7; 100]).to_frame().unwrap();
    let mut decoder = Decoder::with_limits(FrameLimits::default().with_max_payload_len(99));
    decoder.push(&frame);
    assert_eq!(
        decoder.next_message().unwrap_err().to_string(),
        "limit error: a payload of more than 99 bytes (byte 0)"
    );
    assert_eq!(
        decoder.next_message().unwrap_err().to_string(),
        "data error: the event stream cannot be read past an earlier error"
    );
    let mut decoder = Decoder::with_limits(FrameLimits::default().with_max_payload_len(100));
    decoder.push(&frame);
    assert_eq!(decoder.next_message().unwrap().unwrap().payload, vec![7; 100]);
}

#[test]
fn what_a_frame_cannot_carry_is_not_written() {
    let long_name = Message::new(Vec::new()).with_header("n".repeat(256), "v");
    assert_eq!(
        long_name.to_frame().unwrap_err().to_string(),
        "data error: a header name is at most 255 bytes, not 256"
    );
    let long_value = Message::new(Vec::new()).with_header("v", "x".repeat(65_536));
    assert_eq!(long_value.to_frame().unwrap_err().to_string(), "data error: header v is over 65,535 bytes");
    let fine = Timestamp::new(1, 500).unwrap();
    let date = Message::new(Vec::new()).with_header(":date", HeaderValue::Timestamp(fine));
    assert_eq!(
        date.to_frame().unwrap_err().to_string(),
        "data error: header :date: an event stream timestamp carries milliseconds"
    );
    // A failed write leaves what was written before as it was.
    let mut out = b"before".to_vec();
    assert!(long_value.write_frame(&mut out).is_err());
    assert_eq!(out, b"before");
}

#[test]
fn signed_envelopes_wrap_and_open() {
    let event = Message::new(b"audio".to_vec()).with_header(":event-type", "AudioEvent");
    let date = Timestamp::new(1_700_000_000, 123_000_000).unwrap();
    let mut seen = Vec::new();
    let envelope = Message::signed(Some(&event), date, |frame, when| {
        seen.push((frame.to_vec(), when));
        vec![0xab; 32]
    })
    .unwrap();
    assert_eq!(seen, [(event.to_frame().unwrap(), date)]);
    assert_eq!(envelope.payload, event.to_frame().unwrap());
    let frame = envelope.to_frame().unwrap();
    let opened = event_stream::decode_all(&frame).unwrap()[0].open_signed().unwrap().unwrap();
    assert_eq!((opened.date, opened.signature, opened.message), (date, vec![0xab; 32], Some(event.clone())));
    // The empty envelope ends a signed stream; an unsigned message is not an envelope.
    let end = Message::signed(None, date, |_, _| vec![1]).unwrap();
    assert_eq!(end.open_signed().unwrap().unwrap().message, None);
    assert_eq!(event.open_signed().unwrap(), None);
    let undated = Message::new(Vec::new()).with_header(":chunk-signature", HeaderValue::Bytes(vec![1]));
    assert_eq!(
        undated.open_signed().unwrap_err().to_string(),
        "data error: a signed envelope without a :date timestamp"
    );
}

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        any::<bool>().prop_map(HeaderValue::Bool),
        any::<i8>().prop_map(HeaderValue::Byte),
        any::<i16>().prop_map(HeaderValue::Short),
        any::<i32>().prop_map(HeaderValue::Integer),
        any::<i64>().prop_map(HeaderValue::Long),
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(HeaderValue::Bytes),
        ".{0,20}".prop_map(HeaderValue::String),
        (-62_167_219_200_000_i64..253_402_300_799_999).prop_map(|ms| HeaderValue::Timestamp(
            Timestamp::new(ms.div_euclid(1000), (ms.rem_euclid(1000) * 1_000_000) as u32).unwrap()
        )),
        any::<[u8; 16]>().prop_map(HeaderValue::Uuid),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    let headers = proptest::collection::vec((".{0,12}", header_value()), 0..6);
    (headers, proptest::collection::vec(any::<u8>(), 0..300))
        .prop_map(|(headers, payload)| Message { headers, payload })
}

proptest! {
    /// Any messages survive their frames, whatever pieces the stream arrives in.
    #[test]
    fn any_message_survives_its_frame(messages in proptest::collection::vec(message(), 1..5), piece in 1_usize..64) {
        let mut stream = Vec::new();
        for message in &messages {
            message.write_frame(&mut stream).unwrap();
        }
        let mut decoder = Decoder::new();
        let mut read = Vec::new();
        for chunk in stream.chunks(piece) {
            decoder.push(chunk);
            while let Some(message) = decoder.next_message().unwrap() {
                read.push(message);
            }
        }
        decoder.finish().unwrap();
        prop_assert_eq!(read, messages);
    }

    /// Any bytes: an error or messages, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = event_stream::decode_all(&bytes);
    }
}
