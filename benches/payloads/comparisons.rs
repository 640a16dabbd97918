//! Every comparison of the benchmarks, once: each payload's awsval operations beside their
//! references. The ratio table (`benches/ratios.rs`) and criterion (`benches/codecs.rs`) run
//! the same list, each through its own [`Bench`].

use std::hint::black_box;

use awsval::convert::Decode;
use awsval::json::JsonSettings;
use awsval::schema::ShapeRef;
use awsval::xml::XmlSettings;
use awsval::{FromValue, Shape, ToValue};
use quick_xml::events::{BytesRef, Event};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{dynamodb, ec2, quicksight, s3};

/// One comparison: what awsval does, what it is measured against, and the yardstick (the
/// least speed ratio wanted), if any.
#[derive(Clone, Copy)]
pub struct Row {
    pub path: &'static str,
    pub reference: &'static str,
    pub yardstick: Option<f64>,
}

/// Something that measures comparisons.
pub trait Bench {
    /// Measures `candidate` (awsval) beside `reference` on `payload`.
    fn compare(&mut self, payload: &str, row: Row, reference: impl FnMut(), candidate: impl FnMut());
}

const fn row(path: &'static str, reference: &'static str, yardstick: Option<f64>) -> Row {
    Row { path, reference, yardstick }
}

/// Every payload's comparisons.
pub fn all(bench: &mut impl Bench) {
    let value = dynamodb::response(dynamodb::LARGE);
    let typed = dynamodb::typed(&value);
    json_rows(bench, "DynamoDB Query", &typed, &dynamodb::settings(), (Some(0.85), Some(1.05)));
    cbor_rows(bench, "DynamoDB Query", &typed);
    let typed = quicksight::sample_response();
    json_rows(bench, "QuickSight", &typed, &quicksight::settings(), (Some(0.65), Some(1.05)));
    let typed = s3::response(s3::OBJECTS);
    xml_rows(bench, "S3 ListObjectsV2", &typed, &s3::settings());
    let typed = ec2::response(ec2::RESERVATIONS);
    xml_rows(bench, "EC2 DescribeInstances", &typed, &ec2::settings());
    null_rows(bench);
}

/// A DynamoDB response whose one item is a map of `entries` keys, each holding `value`.
fn one_item(entries: usize, value: &str) -> Vec<u8> {
    let body: Vec<String> = (0..entries).map(|i| format!("\"k{i}\":{value}")).collect();
    format!("{{\"Items\":[{{{}}}],\"Count\":1,\"ScannedCount\":1}}", body.join(",")).into_bytes()
}

/// Hostile input stays linear: a 10 MB map whose every entry is a null (each dropped, its key
/// still checked for repeats), beside the same keys holding values, and beside ten decodes of
/// a tenth of it (a ratio near 1 is linear time; quadratic would be near 0.1).
fn null_rows(bench: &mut impl Bench) {
    const ENTRIES: usize = 650_000;
    let shape: ShapeRef<'static> = dynamodb::QueryOutput::schema();
    let settings = dynamodb::settings();
    let (nulls, values, tenth) =
        (one_item(ENTRIES, "null"), one_item(ENTRIES, r#"{"S":"v"}"#), one_item(ENTRIES / 10, "null"));
    let read = |bytes: &[u8]| awsval::json::decode(bytes, shape, &settings).expect("reads");
    assert_eq!(read(&nulls)["Items"][0].as_map().map(awsval::Map::len), Some(0), "every null is dropped");
    let read_typed =
        |bytes: &[u8]| awsval::json::decode_typed::<dynamodb::QueryOutput>(bytes, &settings).expect("reads");
    let payload = format!("dense-map nulls ({})", size(&nulls));
    let with_values = || drop(black_box(read(black_box(&values))));
    let all_nulls = || drop(black_box(read(black_box(&nulls))));
    bench.compare(
        &payload,
        row("JSON → Value, every entry a null", "awsval, the keys with values", None),
        with_values,
        all_nulls,
    );
    let tenths = || (0..10).for_each(|_| drop(black_box(read(black_box(&tenth)))));
    bench.compare(&payload, row("JSON → Value, all at once", "awsval, ten tenths", None), tenths, all_nulls);
    bench.compare(
        &payload,
        row("JSON → typed, every entry a null", "awsval typed, the keys with values", None),
        || drop(black_box(read_typed(black_box(&values)))),
        || drop(black_box(read_typed(black_box(&nulls)))),
    );
}

fn size(bytes: &[u8]) -> String {
    if bytes.len() >= 10_000 {
        format!("{} KB", bytes.len() / 1000)
    } else {
        format!("{:.1} KB", bytes.len() as f64 / 1000.0)
    }
}

/// A JSON payload: decode to `Value` and to typed, encode from both; `yardsticks` are those of
/// JSON → Value and JSON → typed on this payload.
fn json_rows<T>(
    bench: &mut impl Bench,
    name: &str,
    typed: &T,
    settings: &JsonSettings,
    yardsticks: (Option<f64>, Option<f64>),
) where
    T: Shape + ToValue + Decode + awsval::convert::Encode + Serialize + DeserializeOwned + PartialEq + 'static,
{
    let shape: ShapeRef<'static> = T::schema();
    let value = typed.to_value();
    let bytes = awsval::json::encode(&value, shape, settings).expect("encodes");
    let decoded: T = serde_json::from_slice(&bytes).expect("serde_json reads what awsval writes");
    assert!(decoded == *typed, "{name}: serde_json reads a different value");
    let back = T::from_value(awsval::json::decode(&bytes, shape, settings).expect("decodes")).expect("fits");
    assert!(back == *typed, "{name}: awsval reads a different value");
    let direct: T = awsval::json::decode_typed(&bytes, settings).expect("decodes");
    assert!(direct == *typed, "{name}: awsval reads a different typed value");
    let payload = format!("{name} ({})", size(&bytes));
    let serde_typed = || drop(black_box(serde_json::from_slice::<T>(black_box(&bytes)).expect("reads")));
    let to_value = || black_box(awsval::json::decode(black_box(&bytes), shape, settings).expect("reads"));
    bench.compare(&payload, row("JSON → Value", "serde_json → typed", yardsticks.0), serde_typed, || {
        drop(to_value())
    });
    bench.compare(&payload, row("JSON → typed", "serde_json → typed", yardsticks.1), serde_typed, || {
        drop(black_box(awsval::json::decode_typed::<T>(black_box(&bytes), settings).expect("reads")));
    });
    bench.compare(&payload, row("JSON → Value → typed", "serde_json → typed", None), serde_typed, || {
        drop(black_box(T::from_value(to_value()).expect("fits")));
    });
    bench.compare(
        &payload,
        row("JSON → Value", "serde_json → serde_json::Value", None),
        || drop(black_box(serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).expect("reads"))),
        || drop(to_value()),
    );
    let serde_write = || drop(black_box(serde_json::to_vec(black_box(typed)).expect("writes")));
    bench.compare(&payload, row("Value → JSON", "serde_json typed → JSON", Some(0.7)), serde_write, || {
        drop(black_box(awsval::json::encode(black_box(&value), shape, settings).expect("writes")));
    });
    let straight = awsval::json::encode_typed(typed, settings).expect("encodes");
    assert!(straight == bytes, "{name}: typed encoding writes other bytes than the Value path");
    bench.compare(&payload, row("typed → JSON", "serde_json typed → JSON", Some(1.0)), serde_write, || {
        drop(black_box(awsval::json::encode_typed(black_box(typed), settings).expect("writes")));
    });
    bench.compare(&payload, row("typed → Value → JSON", "serde_json typed → JSON", None), serde_write, || {
        let value = black_box(typed).to_value();
        drop(black_box(awsval::json::encode(&value, shape, settings).expect("writes")));
    });
}

/// A CBOR payload (what rpcv2Cbor carries): decode to `Value` beside cbor4ii's serde into the
/// same typed structs, and encode beside cbor4ii's from them. Each side writes what its own
/// reader gave, both read from the same bytes one after the other: how a tree lies in the heap
/// decides how fast it is walked (a `Value` built by `to_value` amid the frees of earlier rows
/// writes at 0.7-0.8x, one read off the wire at 1.65x), so neither side walks a tree made
/// in other conditions. The heap's state moves the reading rows too: with the `to_value` tree
/// freed just before them, CBOR → `Value` measures about 0.8x instead of 1.0x (the README
/// says so beside the figure).
fn cbor_rows<T>(bench: &mut impl Bench, name: &str, typed: &T)
where
    T: Shape
        + ToValue
        + awsval::convert::Encode
        + awsval::convert::Decode
        + Serialize
        + DeserializeOwned
        + PartialEq
        + 'static,
{
    let shape: ShapeRef<'static> = T::schema();
    let settings = awsval::cbor::CborSettings::new();
    let value = typed.to_value();
    let bytes = awsval::cbor::encode(&value, shape, &settings).expect("encodes");
    let decoded: T = cbor4ii::serde::from_slice(&bytes).expect("cbor4ii reads what awsval writes");
    assert!(decoded == *typed, "{name}: cbor4ii reads a different value");
    let back = awsval::cbor::decode(&bytes, shape, &settings).expect("decodes");
    assert!(back.equivalent(&value), "{name}: awsval reads a different value");
    let payload = format!("{name} as CBOR ({})", size(&bytes));
    bench.compare(
        &payload,
        row("CBOR → Value", "cbor4ii → typed", Some(1.0)),
        || drop(black_box(cbor4ii::serde::from_slice::<T>(black_box(&bytes)).expect("reads"))),
        || drop(black_box(awsval::cbor::decode(black_box(&bytes), shape, &settings).expect("reads"))),
    );
    bench.compare(
        &payload,
        row("Value → CBOR", "cbor4ii typed → CBOR", Some(1.0)),
        || drop(black_box(cbor4ii::serde::to_vec(Vec::new(), black_box(&decoded)).expect("writes"))),
        || drop(black_box(awsval::cbor::encode(black_box(&back), shape, &settings).expect("writes"))),
    );
    let straight: T = awsval::cbor::decode_typed(&bytes, &settings).expect("decodes");
    assert!(straight == *typed, "{name}: awsval's typed decoding reads a different value");
    assert!(awsval::cbor::encode_typed(typed, &settings).expect("encodes") == bytes, "{name}: typed bytes differ");
    bench.compare(
        &payload,
        row("CBOR → typed", "cbor4ii → typed", None),
        || drop(black_box(cbor4ii::serde::from_slice::<T>(black_box(&bytes)).expect("reads"))),
        || drop(black_box(awsval::cbor::decode_typed::<T>(black_box(&bytes), &settings).expect("reads"))),
    );
    bench.compare(
        &payload,
        row("typed → CBOR", "cbor4ii typed → CBOR", None),
        || drop(black_box(cbor4ii::serde::to_vec(Vec::new(), black_box(&decoded)).expect("writes"))),
        || drop(black_box(awsval::cbor::encode_typed(black_box(&straight), &settings).expect("writes"))),
    );
}

/// An XML payload: decode to `Value` and to typed beside quick-xml's serde and its bare event
/// loop, encode from both beside quick-xml's serde.
fn xml_rows<T>(bench: &mut impl Bench, name: &str, typed: &T, settings: &XmlSettings)
where
    T: Shape
        + ToValue
        + FromValue
        + awsval::convert::Encode
        + awsval::convert::Decode
        + Serialize
        + DeserializeOwned
        + PartialEq
        + 'static,
{
    let shape: ShapeRef<'static> = T::schema();
    let value = typed.to_value();
    let bytes = awsval::xml::encode(&value, shape, settings).expect("encodes");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let decoded: T = quick_xml::de::from_str(text).expect("quick-xml reads what awsval writes");
    assert!(decoded == *typed, "{name}: quick-xml reads a different value");
    let back = T::from_value(awsval::xml::decode(&bytes, shape, settings).expect("decodes")).expect("fits");
    assert!(back == *typed, "{name}: awsval reads a different value");
    let straight: T = awsval::xml::decode_typed(&bytes, settings).expect("decodes");
    assert!(straight == *typed, "{name}: awsval's typed decoding reads a different value");
    let payload = format!("{name} ({})", size(&bytes));
    let serde_typed = || drop(black_box(quick_xml::de::from_str::<T>(black_box(text)).expect("reads")));
    let to_value = || black_box(awsval::xml::decode(black_box(&bytes), shape, settings).expect("reads"));
    bench.compare(&payload, row("XML → Value", "quick-xml serde → typed", None), serde_typed, || drop(to_value()));
    bench.compare(&payload, row("XML → typed", "quick-xml serde → typed", Some(2.0)), serde_typed, || {
        drop(black_box(awsval::xml::decode_typed::<T>(black_box(&bytes), settings).expect("reads")));
    });
    bench.compare(&payload, row("XML → Value → typed", "quick-xml serde → typed", None), serde_typed, || {
        drop(black_box(T::from_value(to_value()).expect("fits")));
    });
    // The reader's share: the same bytes read against a shape with no members, so every
    // element is checked and skipped and no value is built.
    let empty = {
        let mut builder = awsval::schema::ModelBuilder::new();
        builder.add("Empty", awsval::schema::ShapeType::Structure);
        builder.finish().expect("valid")
    };
    let empty_shape = empty.shape("Empty").expect("declared");
    bench.compare(&payload, row("XML read, all skipped", "quick-xml serde → typed", None), serde_typed, || {
        drop(black_box(awsval::xml::decode(black_box(&bytes), empty_shape, settings).expect("reads")));
    });
    bench.compare(
        &payload,
        row("XML → Value", "quick-xml event loop", None),
        || {
            black_box(event_loop(&bytes));
        },
        || {
            drop(to_value());
        },
    );
    // The floor for XML → Value on quick-xml: its event loop plus the `String`s a decoder must
    // own, with no checks, no lookups and no structure.
    bench.compare(
        &payload,
        row("XML floor: quick-xml loop owning texts", "quick-xml serde → typed", None),
        serde_typed,
        || {
            drop(black_box(owning_loop(&bytes)));
        },
    );
    let serde_write = || drop(black_box(quick_xml::se::to_string(black_box(typed)).expect("writes")));
    bench.compare(&payload, row("Value → XML", "quick-xml serde typed → XML", None), serde_write, || {
        drop(black_box(awsval::xml::encode(black_box(&value), shape, settings).expect("writes")));
    });
    let straight = awsval::xml::encode_typed(typed, settings).expect("encodes");
    assert!(straight == awsval::xml::encode(&value, shape, settings).expect("encodes"), "{name}: typed XML differs");
    bench.compare(&payload, row("typed → XML", "quick-xml serde typed → XML", Some(1.5)), serde_write, || {
        drop(black_box(awsval::xml::encode_typed(black_box(typed), settings).expect("writes")));
    });
    bench.compare(&payload, row("typed → Value → XML", "quick-xml serde typed → XML", None), serde_write, || {
        let value = black_box(typed).to_value();
        drop(black_box(awsval::xml::encode(&value, shape, settings).expect("writes")));
    });
}

/// The least a reader can do: every event, every text decoded, every reference resolved, end
/// tags checked; returns the text's length.
fn event_loop(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(black_box(bytes));
    reader.config_mut().check_end_names = true;
    let mut total = 0;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Text(text) => total += text.xml10_content().expect("UTF-8").len(),
            Event::GeneralRef(reference) => total += resolved(&reference).len_utf8(),
            Event::Eof => return total,
            _ => {}
        }
    }
}

/// [`event_loop`] keeping what a decoder must own: each element's text (its pieces joined,
/// the blank runs between elements dropped) as a `String`. On S3 that is as many heap blocks
/// as awsval's `Value` of the payload holds: eleven per object (seven strings, one list, three
/// structures) against eleven texts.
fn owning_loop(bytes: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(black_box(bytes));
    reader.config_mut().check_end_names = true;
    let (mut texts, mut text) = (Vec::new(), String::new());
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Text(piece) => text.push_str(&piece.xml10_content().expect("UTF-8")),
            Event::GeneralRef(reference) => text.push(resolved(&reference)),
            Event::Eof => return texts,
            _ if text.trim().is_empty() => text.clear(),
            _ => texts.push(std::mem::take(&mut text)),
        }
    }
}

/// The character a reference stands for: a character reference or a predefined entity.
fn resolved(reference: &BytesRef<'_>) -> char {
    if let Some(character) = reference.resolve_char_ref().expect("valid") {
        return character;
    }
    let name = reference.decode().expect("UTF-8");
    let text = quick_xml::escape::resolve_predefined_entity(&name).expect("predefined");
    text.chars().next().expect("one character")
}
