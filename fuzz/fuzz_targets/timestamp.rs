//! Any text: parsing never panics, and what parses writes back to the same instant.
#![no_main]

use awsval::{Precision, Timestamp, TimestampFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [TimestampFormat::DateTime, TimestampFormat::HttpDate, TimestampFormat::EpochSeconds] {
        if let Ok(t) = Timestamp::parse(text, format) {
            for out in [TimestampFormat::DateTime, TimestampFormat::EpochSeconds] {
                assert_eq!(Timestamp::parse(&t.format(out), out).ok(), Some(t));
            }
            let http = Timestamp::parse(&t.format(TimestampFormat::HttpDate), TimestampFormat::HttpDate);
            assert_eq!(http.ok(), Some(t.truncated(Precision::Seconds)));
        }
    }
});
