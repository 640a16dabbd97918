//! Timestamps: parsing leniently, writing canonically, in the three Smithy formats.

use awsval::{ErrorKind, Precision, Timestamp, TimestampFormat};
use proptest::prelude::*;
use time::OffsetDateTime;

use TimestampFormat::{DateTime, EpochSeconds, HttpDate};

/// `(input, format, Some((secs, nanos)))`, or `None` where the input must be rejected.
type Case = (&'static str, TimestampFormat, Option<(i64, u32)>);

const CASES: &[Case] = &[
    // date-time: the basics.
    ("1970-01-01T00:00:00Z", DateTime, Some((0, 0))),
    ("2014-04-29T18:30:38Z", DateTime, Some((1_398_796_238, 0))),
    ("2014-04-29T18:30:38.123Z", DateTime, Some((1_398_796_238, 123_000_000))),
    ("2014-04-29T18:30:38.000Z", DateTime, Some((1_398_796_238, 0))),
    ("1969-12-31T23:59:59.5Z", DateTime, Some((-1, 500_000_000))),
    // date-time: lenient forms.
    ("2014-04-29t18:30:38z", DateTime, Some((1_398_796_238, 0))),
    ("2014-04-29 18:30:38Z", DateTime, Some((1_398_796_238, 0))),
    ("2014-04-29T18:30:38", DateTime, Some((1_398_796_238, 0))),
    ("2014-04-29T18:30:38+01:00", DateTime, Some((1_398_792_638, 0))),
    ("2014-04-29T18:30:38-05:30", DateTime, Some((1_398_816_038, 0))),
    ("2014-04-29T18:30:38.1234567891Z", DateTime, Some((1_398_796_238, 123_456_789))),
    ("2014-04-29T18:30:38.1Z", DateTime, Some((1_398_796_238, 100_000_000))),
    // date-time: the calendar.
    ("2000-02-29T00:00:00Z", DateTime, Some((951_782_400, 0))),
    ("2024-02-29T12:00:00Z", DateTime, Some((1_709_208_000, 0))),
    ("1900-02-29T00:00:00Z", DateTime, None),
    ("2023-02-29T00:00:00Z", DateTime, None),
    ("2014-04-31T00:00:00Z", DateTime, None),
    ("2014-13-01T00:00:00Z", DateTime, None),
    ("2014-00-10T00:00:00Z", DateTime, None),
    ("2016-12-31T23:59:60Z", DateTime, Some((1_483_228_800, 0))),
    ("2014-04-29T24:00:00Z", DateTime, None),
    ("2014-04-29T23:60:00Z", DateTime, None),
    // date-time: the ends of the range.
    ("0001-01-01T00:00:00Z", DateTime, Some((-62_135_596_800, 0))),
    ("0000-01-01T00:00:00Z", DateTime, Some((-62_167_219_200, 0))),
    ("9999-12-31T23:59:59Z", DateTime, Some((253_402_300_799, 0))),
    ("9999-12-31T23:59:59.999999999Z", DateTime, Some((253_402_300_799, 999_999_999))),
    ("9999-12-31T23:59:59-01:00", DateTime, None),
    ("0000-01-01T00:00:00+00:01", DateTime, None),
    // date-time: malformed.
    ("", DateTime, None),
    ("14-04-29T18:30:38Z", DateTime, None),
    ("2014-04-29T18:30Z", DateTime, None),
    ("2014-04-29T18:30:38.Z", DateTime, None),
    ("2014-04-29T18:30:38+0100", DateTime, None),
    ("2014-04-29T18:30:38+24:00", DateTime, None),
    ("2014-04-29T18:30:38Zjunk", DateTime, None),
    ("2014-04-29X18:30:38Z", DateTime, None),
    ("٢٠١٤-04-29T18:30:38Z", DateTime, None),
    (" 2014-04-29T18:30:38Z", DateTime, None),
    // http-date.
    ("Tue, 29 Apr 2014 18:30:38 GMT", HttpDate, Some((1_398_796_238, 0))),
    ("tue, 29 apr 2014 18:30:38 gmt", HttpDate, Some((1_398_796_238, 0))),
    ("Tue, 29 Apr 2014 18:30:38.123 GMT", HttpDate, Some((1_398_796_238, 123_000_000))),
    ("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate, Some((0, 0))),
    ("Sat, 1 Jan 2000 00:00:00 GMT", HttpDate, Some((946_684_800, 0))),
    ("Mon, 29 Apr 2014 18:30:38 GMT", HttpDate, Some((1_398_796_238, 0))),
    ("Fri, 31 Dec 9999 23:59:59 GMT", HttpDate, Some((253_402_300_799, 0))),
    ("Tue, 29 Apr 2014 18:30:38 UTC", HttpDate, None),
    ("Tuesday, 29-Apr-14 18:30:38 GMT", HttpDate, None),
    ("Tue Apr 29 18:30:38 2014", HttpDate, None),
    ("Tue, 30 Feb 2014 18:30:38 GMT", HttpDate, None),
    ("Tue, 29 Foo 2014 18:30:38 GMT", HttpDate, None),
    ("Tue, 29 Apr 2014 18:30:38", HttpDate, None),
    ("Xyz, 29 Apr 2014 18:30:38 GMT", HttpDate, None),
    // epoch-seconds.
    ("0", EpochSeconds, Some((0, 0))),
    ("1398796238", EpochSeconds, Some((1_398_796_238, 0))),
    ("1398796238.5", EpochSeconds, Some((1_398_796_238, 500_000_000))),
    ("-1", EpochSeconds, Some((-1, 0))),
    ("-1.5", EpochSeconds, Some((-2, 500_000_000))),
    ("-0.25", EpochSeconds, Some((-1, 750_000_000))),
    ("1.5e3", EpochSeconds, Some((1500, 0))),
    ("1.398796238E9", EpochSeconds, Some((1_398_796_238, 0))),
    ("1398796238123E-3", EpochSeconds, Some((1_398_796_238, 123_000_000))),
    ("1e-9", EpochSeconds, Some((0, 1))),
    ("1e-10", EpochSeconds, Some((0, 0))),
    ("1398796238.123456789123", EpochSeconds, Some((1_398_796_238, 123_456_789))),
    ("00012", EpochSeconds, Some((12, 0))),
    ("253402300799.999999999", EpochSeconds, Some((253_402_300_799, 999_999_999))),
    ("-62167219200", EpochSeconds, Some((-62_167_219_200, 0))),
    ("253402300800", EpochSeconds, None),
    ("-62167219201", EpochSeconds, None),
    ("-62167219200.5", EpochSeconds, None),
    ("1e400", EpochSeconds, None),
    ("1e99999999999999999999999", EpochSeconds, None),
    ("", EpochSeconds, None),
    ("abc", EpochSeconds, None),
    ("1.", EpochSeconds, None),
    (".5", EpochSeconds, None),
    ("+1", EpochSeconds, None),
    ("1e", EpochSeconds, None),
    ("NaN", EpochSeconds, None),
    ("Infinity", EpochSeconds, None),
    ("1 ", EpochSeconds, None),
];

#[test]
fn parses_the_table() {
    let mut failures = Vec::new();
    for &(input, format, expected) in CASES {
        let parsed = Timestamp::parse(input, format);
        let got = parsed.as_ref().ok().map(|t| (t.secs(), t.nanos()));
        if got != expected {
            failures.push(format!("{format} {input:?}: expected {expected:?}, got {parsed:?}"));
        }
        if let Err(error) = parsed {
            assert_eq!(error.kind(), ErrorKind::Data, "{input:?}");
        }
    }
    assert!(CASES.len() >= 40);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_say_where_without_quoting_the_input() {
    let error = Timestamp::parse("2014-04-29T18:30:38+0100", DateTime).unwrap_err();
    assert_eq!(error.to_string(), "data error: invalid date-time timestamp: expected ':' at character 22");
    let error = Timestamp::parse("2023-02-29T00:00:00Z", DateTime).unwrap_err();
    assert_eq!(error.to_string(), "data error: invalid date-time timestamp: no such day in that month");
    let error = Timestamp::parse("Tue, 29 Apr 2014 18:30:38 UTC", HttpDate).unwrap_err();
    assert_eq!(error.to_string(), "data error: invalid http-date timestamp: expected 'GMT' at character 26");
    let error = Timestamp::parse("1e400", EpochSeconds).unwrap_err();
    assert_eq!(error.to_string(), "data error: timestamp out of range (years 0000 to 9999)");
}

fn ts(secs: i64, nanos: u32) -> Timestamp {
    Timestamp::new(secs, nanos).unwrap()
}

#[test]
fn writes_canonically() {
    let cases = [
        (ts(0, 0), DateTime, "1970-01-01T00:00:00Z"),
        (ts(1_398_796_238, 123_000_000), DateTime, "2014-04-29T18:30:38.123Z"),
        (ts(1_398_796_238, 1), DateTime, "2014-04-29T18:30:38.000000001Z"),
        (ts(-1, 500_000_000), DateTime, "1969-12-31T23:59:59.5Z"),
        (Timestamp::MAX, DateTime, "9999-12-31T23:59:59.999999999Z"),
        (Timestamp::MIN, DateTime, "0000-01-01T00:00:00Z"),
        (ts(1_398_796_238, 500_000_000), HttpDate, "Tue, 29 Apr 2014 18:30:38 GMT"),
        (ts(-62_135_596_800, 0), HttpDate, "Mon, 01 Jan 0001 00:00:00 GMT"),
        (Timestamp::MAX, HttpDate, "Fri, 31 Dec 9999 23:59:59 GMT"),
        (ts(0, 0), EpochSeconds, "0"),
        (ts(1_398_796_238, 0), EpochSeconds, "1398796238"),
        (ts(1_398_796_238, 123_000_000), EpochSeconds, "1398796238.123"),
        (ts(1, 1), EpochSeconds, "1.000000001"),
        (ts(-2, 500_000_000), EpochSeconds, "-1.5"),
        (ts(-1, 500_000_000), EpochSeconds, "-0.5"),
        (ts(-1, 0), EpochSeconds, "-1"),
        (Timestamp::MIN, EpochSeconds, "-62167219200"),
    ];
    for (timestamp, format, expected) in cases {
        assert_eq!(timestamp.format(format), expected, "{timestamp:?} as {format}");
    }
}

#[test]
fn rejects_out_of_range_construction() {
    assert!(Timestamp::new(0, 1_000_000_000).is_err());
    assert!(Timestamp::new(Timestamp::MAX.secs() + 1, 0).is_err());
    assert!(Timestamp::new(Timestamp::MIN.secs() - 1, 999_999_999).is_err());
    assert!(Timestamp::from_secs(i64::MIN).is_err());
    assert_eq!(Timestamp::new(Timestamp::MIN.secs(), 5).map(Timestamp::nanos).ok(), Some(5));
}

#[test]
fn truncates_to_a_precision() {
    let t = ts(10, 123_456_789);
    assert_eq!(t.truncated(Precision::Seconds), ts(10, 0));
    assert_eq!(t.truncated(Precision::Millis), ts(10, 123_000_000));
    assert_eq!(t.truncated(Precision::Micros), ts(10, 123_456_000));
    assert_eq!(t.truncated(Precision::Nanos), t);
    assert_eq!(ts(-2, 500_000_000).truncated(Precision::Seconds), ts(-2, 0));
}

#[test]
fn converts_to_and_from_time_and_the_system_clock() {
    let t = ts(-2, 500_000_000);
    let offset = OffsetDateTime::from(t);
    assert_eq!(offset.unix_timestamp_nanos(), -1_500_000_000);
    assert_eq!(Timestamp::try_from(offset).unwrap(), t);
    let system = std::time::SystemTime::try_from(t).unwrap();
    assert_eq!(Timestamp::try_from(system).unwrap(), t);
    let later = std::time::SystemTime::try_from(ts(1_398_796_238, 7)).unwrap();
    assert_eq!(Timestamp::try_from(later).unwrap(), ts(1_398_796_238, 7));
    // The ends of the range convert or fail cleanly (Windows' clock starts in 1601), never panic.
    for edge in [ts(-62_167_219_200, 0), ts(253_402_300_799, 999_999_999)] {
        match std::time::SystemTime::try_from(edge) {
            Ok(system) => assert_eq!(Timestamp::try_from(system).unwrap(), edge),
            Err(error) => assert_eq!(error.kind(), awsval::ErrorKind::Data),
        }
    }
    assert!(Timestamp::now() > ts(1_700_000_000, 0));
    assert_eq!("2014-04-29T18:30:38Z".parse::<Timestamp>().unwrap(), ts(1_398_796_238, 0));
}

#[test]
fn names_formats_like_smithy_and_botocore() {
    for format in [DateTime, HttpDate, EpochSeconds] {
        assert_eq!(TimestampFormat::from_name(format.as_str()), Some(format));
    }
    assert_eq!(TimestampFormat::from_name("iso8601"), Some(DateTime));
    assert_eq!(TimestampFormat::from_name("rfc822"), Some(HttpDate));
    assert_eq!(TimestampFormat::from_name("unixTimestamp"), Some(EpochSeconds));
    assert_eq!(TimestampFormat::from_name("unix"), None);
}

fn any_timestamp() -> impl Strategy<Value = Timestamp> {
    (Timestamp::MIN.secs()..=Timestamp::MAX.secs(), 0u32..1_000_000_000).prop_map(|(s, n)| ts(s, n))
}

proptest! {
    #[test]
    fn every_format_reads_back_what_it_writes(t in any_timestamp()) {
        prop_assert_eq!(Timestamp::parse(&t.format(DateTime), DateTime)?, t);
        prop_assert_eq!(Timestamp::parse(&t.format(EpochSeconds), EpochSeconds)?, t);
        prop_assert_eq!(Timestamp::parse(&t.format(HttpDate), HttpDate)?, t.truncated(Precision::Seconds));
    }

    #[test]
    fn date_time_agrees_with_the_time_crate(t in any_timestamp()) {
        let text = t.format(DateTime);
        let reference = OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339);
        if let Ok(reference) = reference {
            prop_assert_eq!(Timestamp::try_from(reference)?, t);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        for format in [DateTime, HttpDate, EpochSeconds] {
            let _ = Timestamp::parse(&text, format);
        }
    }
}

#[test]
fn decoders_read_any_unambiguous_format_unless_strict_and_write_the_modeled_one() {
    use awsval::json::{self, JsonSettings};
    use awsval::schema::{ModelBuilder, ShapeType};
    use awsval::xml::{self, XmlSettings};
    use awsval::{ErrorKind, Structure, Value};

    let mut b = ModelBuilder::new();
    let time = b.prelude(ShapeType::Timestamp);
    let shape = b.add("Node", ShapeType::Structure).member("T", time).id();
    let model = b.finish().unwrap();
    let shape = model.get(shape);
    let expected = Value::from(Structure::new().with("T", Value::Timestamp(ts(1_398_796_238, 0))));
    // JSON's default is epoch seconds: a date-time or http-date string reads too.
    let settings = JsonSettings::aws_json();
    for body in [
        r#"{"T":1398796238}"#,
        r#"{"T":"2014-04-29T18:30:38Z"}"#,
        r#"{"T":"Tue, 29 Apr 2014 18:30:38 GMT"}"#,
        r#"{"T":"1398796238"}"#,
    ] {
        assert_eq!(json::decode(body.as_bytes(), shape, &settings).unwrap(), expected, "{body}");
        assert_eq!(json::encode(&expected, shape, &settings).unwrap(), br#"{"T":1398796238}"#);
    }
    let strict = settings.with_strict_timestamps(true);
    let error = json::decode(br#"{"T":"2014-04-29T18:30:38Z"}"#, shape, &strict).unwrap_err();
    assert_eq!((error.kind(), error.path().to_string()), (ErrorKind::Data, "T".to_owned()));
    let rest = JsonSettings::rest_json().with_timestamp_format(TimestampFormat::DateTime).with_strict_timestamps(true);
    assert_eq!(
        json::decode(br#"{"T":1398796238}"#, shape, &rest).unwrap_err().to_string(),
        "data error: expected a date-time string, found a number at T (byte 5)"
    );
    // XML's default is date-time: epoch seconds and http-date read too.
    for body in ["<Node><T>1398796238</T></Node>", "<Node><T>Tue, 29 Apr 2014 18:30:38 GMT</T></Node>"] {
        assert_eq!(xml::decode(body.as_bytes(), shape, &XmlSettings::new()).unwrap(), expected, "{body}");
        let strict = XmlSettings::new().with_strict_timestamps(true);
        assert_eq!(xml::decode(body.as_bytes(), shape, &strict).unwrap_err().kind(), ErrorKind::Data, "{body}");
    }
    assert_eq!(
        xml::encode(&expected, shape, &XmlSettings::new()).unwrap(),
        b"<Node><T>2014-04-29T18:30:38Z</T></Node>"
    );
    // Text that is no timestamp in any format is still refused, with the modeled format's error.
    assert_eq!(
        json::decode(br#"{"T":"yesterday"}"#, shape, &settings).unwrap_err().to_string(),
        Timestamp::parse("yesterday", TimestampFormat::EpochSeconds)
            .unwrap_err()
            .in_member("T")
            .at_offset(5)
            .to_string()
    );
}
