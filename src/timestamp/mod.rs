//! Points in time, and the three Smithy wire formats for them.
//!
//! A [`Timestamp`] is whole seconds since the Unix epoch plus nanoseconds, always UTC, from
//! `0000-01-01T00:00:00Z` to `9999-12-31T23:59:59.999999999Z` (what RFC 3339 can write).
//! Parsing is lenient where the wire is known to vary and writing is canonical:
//!
//! | format | reads | writes |
//! |---|---|---|
//! | [`EpochSeconds`](TimestampFormat::EpochSeconds) | `1`, `-1.5`, `1.7e9`; digits past nanoseconds are truncated | `1`, `1.5` (fraction only when non-zero) |
//! | [`DateTime`](TimestampFormat::DateTime) | RFC 3339: `Z`/`z`, `±hh:mm` offsets, `T`/`t`/space, any fraction, no zone as UTC, second 60 as the next second | `1985-04-12T23:20:50.52Z` |
//! | [`HttpDate`](TimestampFormat::HttpDate) | IMF-fixdate, with an optional fraction, names in any case | `Tue, 29 Apr 2014 18:30:38 GMT` (no fraction) |
//!
//! The obsolete RFC 850 and asctime forms of http-date are rejected: no AWS service sends them.
//!
//! ```
//! use awsval::{Timestamp, TimestampFormat};
//!
//! let t = Timestamp::parse("2014-04-29T18:30:38.5+01:00", TimestampFormat::DateTime)?;
//! assert_eq!(t.to_string(), "2014-04-29T17:30:38.5Z");
//! assert_eq!(t.format(TimestampFormat::EpochSeconds), "1398792638.5");
//! assert_eq!(t.format(TimestampFormat::HttpDate), "Tue, 29 Apr 2014 17:30:38 GMT");
//! # Ok::<(), awsval::Error>(())
//! ```

mod cursor;
mod date_time;
mod epoch_seconds;
mod http_date;

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use time::OffsetDateTime;

use crate::error::{Error, Result};

const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// The wire format of a timestamp (Smithy's `@timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`, in UTC: `1985-04-12T23:20:50.52Z`.
    DateTime,
    /// The IMF-fixdate form of HTTP's `http-date`: `Tue, 29 Apr 2014 18:30:38 GMT`.
    HttpDate,
    /// Seconds since the Unix epoch, with an optional fraction: `1398796238.5`.
    EpochSeconds,
}

impl TimestampFormat {
    /// The Smithy name: `date-time`, `http-date` or `epoch-seconds`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DateTime => "date-time",
            Self::HttpDate => "http-date",
            Self::EpochSeconds => "epoch-seconds",
        }
    }

    /// Reads a Smithy name (also the botocore spellings `iso8601`, `rfc822`, `unixTimestamp`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "date-time" | "iso8601" => Some(Self::DateTime),
            "http-date" | "rfc822" => Some(Self::HttpDate),
            "epoch-seconds" | "unixTimestamp" => Some(Self::EpochSeconds),
            _ => None,
        }
    }
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How finely two timestamps are compared (see [`Timestamp::truncated`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// Whole seconds: what http-date carries.
    Seconds,
    /// Milliseconds.
    Millis,
    /// Microseconds.
    Micros,
    /// Nanoseconds: everything a [`Timestamp`] holds.
    #[default]
    Nanos,
}

/// A point in time in UTC, with nanosecond precision.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// `0000-01-01T00:00:00Z`, the earliest representable instant.
    pub const MIN: Self = Self { secs: -62_167_219_200, nanos: 0 };
    /// `9999-12-31T23:59:59.999999999Z`, the latest representable instant.
    pub const MAX: Self = Self { secs: 253_402_300_799, nanos: NANOS_PER_SECOND - 1 };
    /// `1970-01-01T00:00:00Z`.
    pub const UNIX_EPOCH: Self = Self { secs: 0, nanos: 0 };

    /// The instant `secs` seconds plus `nanos` nanoseconds after the Unix epoch.
    ///
    /// `secs` may be negative; `nanos` always counts forward and must be below one billion.
    ///
    /// ```
    /// use awsval::Timestamp;
    ///
    /// let t = Timestamp::new(-2, 500_000_000)?; // 1.5 seconds before the epoch
    /// assert_eq!(t.to_string(), "1969-12-31T23:59:58.5Z");
    /// assert!(Timestamp::new(i64::MAX, 0).is_err());
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn new(secs: i64, nanos: u32) -> Result<Self> {
        let candidate = Self { secs, nanos };
        if nanos >= NANOS_PER_SECOND {
            return Err(Error::data("timestamp nanoseconds must be below one billion"));
        }
        if candidate < Self::MIN || candidate > Self::MAX {
            return Err(Error::data("timestamp out of range (years 0000 to 9999)"));
        }
        Ok(candidate)
    }

    /// The instant `secs` whole seconds after the Unix epoch.
    pub fn from_secs(secs: i64) -> Result<Self> {
        Self::new(secs, 0)
    }

    /// Now, from the system clock.
    pub fn now() -> Self {
        Self::try_from(SystemTime::now()).unwrap_or(Self::MAX)
    }

    /// Whole seconds since the epoch (rounded down: `-1.5` s is `-2` s plus 0.5 s).
    pub const fn secs(self) -> i64 {
        self.secs
    }

    /// Nanoseconds after [`Timestamp::secs`], below one billion.
    pub const fn nanos(self) -> u32 {
        self.nanos
    }

    /// The same instant with the sub-second part cut to `precision` (rounded down).
    #[must_use]
    pub const fn truncated(self, precision: Precision) -> Self {
        let unit = match precision {
            Precision::Seconds => NANOS_PER_SECOND,
            Precision::Millis => 1_000_000,
            Precision::Micros => 1_000,
            Precision::Nanos => 1,
        };
        Self { secs: self.secs, nanos: self.nanos - self.nanos % unit }
    }

    /// Parses `text` in `format`. The error is [`ErrorKind::Data`](crate::ErrorKind::Data).
    pub fn parse(text: &str, format: TimestampFormat) -> Result<Self> {
        match format {
            TimestampFormat::DateTime => date_time::parse(text),
            TimestampFormat::HttpDate => http_date::parse(text),
            TimestampFormat::EpochSeconds => epoch_seconds::parse(text),
        }
    }

    /// Parses `text` in `format` exactly as Smithy's servers must read it: a date-time in UTC
    /// with an uppercase `T` and `Z` and no offset (`1985-04-12T23:20:50.52Z`), an IMF-fixdate
    /// http-date, or epoch seconds as plain digits with an optional fraction. [`Timestamp::parse`]
    /// also takes what RFC 3339 allows beyond Smithy's form, as a client does.
    ///
    /// ```
    /// use awsval::{Timestamp, TimestampFormat};
    ///
    /// assert!(Timestamp::parse_strict("1985-04-12T23:20:50.52Z", TimestampFormat::DateTime).is_ok());
    /// for lenient in ["1996-12-19T16:39:57-08:00", "1996-12-19t16:39:57z", "1996-12-19T16:39:57"] {
    ///     assert!(Timestamp::parse(lenient, TimestampFormat::DateTime).is_ok(), "{lenient}");
    ///     assert!(Timestamp::parse_strict(lenient, TimestampFormat::DateTime).is_err(), "{lenient}");
    /// }
    /// assert!(Timestamp::parse_strict("1.5e9", TimestampFormat::EpochSeconds).is_err());
    /// ```
    pub fn parse_strict(text: &str, format: TimestampFormat) -> Result<Self> {
        let smithy_form = match format {
            TimestampFormat::DateTime => {
                let bytes = text.as_bytes();
                bytes.len() >= 20
                    && bytes.get(10) == Some(&b'T')
                    && text.ends_with('Z')
                    && !text[11..].contains(['+', '-'])
            }
            TimestampFormat::EpochSeconds => {
                let digits = text.strip_prefix('-').unwrap_or(text);
                let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
                !whole.is_empty()
                    && whole.bytes().all(|b| b.is_ascii_digit())
                    && !fraction.is_empty()
                    && fraction.bytes().all(|b| b.is_ascii_digit())
            }
            TimestampFormat::HttpDate => true,
        };
        if !smithy_form {
            return Err(Error::data(format!("a timestamp that is not in Smithy's {format} form")));
        }
        Self::parse(text, format)
    }

    /// Parses `text` in `format`, or else in any other format that reads it: date-time, then
    /// http-date, then epoch-seconds. This is how botocore reads timestamps, and what services
    /// and mocks that send another format than the model says need. An error is `format`'s.
    ///
    /// ```
    /// use awsval::{Timestamp, TimestampFormat};
    ///
    /// let t = Timestamp::parse_lenient("2014-04-29T18:30:38Z", TimestampFormat::EpochSeconds)?;
    /// assert_eq!(t, Timestamp::parse_lenient("1398796238", TimestampFormat::DateTime)?);
    /// assert_eq!(t, Timestamp::parse_lenient("Tue, 29 Apr 2014 18:30:38 GMT", TimestampFormat::DateTime)?);
    /// assert!(Timestamp::parse("1398796238", TimestampFormat::DateTime).is_err(), "strict");
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn parse_lenient(text: &str, format: TimestampFormat) -> Result<Self> {
        Self::parse(text, format).or_else(|error| {
            [TimestampFormat::DateTime, TimestampFormat::HttpDate, TimestampFormat::EpochSeconds]
                .into_iter()
                .filter(|other| *other != format)
                .find_map(|other| Self::parse(text, other).ok())
                .ok_or(error)
        })
    }

    /// Writes the timestamp in `format`, canonically.
    pub fn format(self, format: TimestampFormat) -> String {
        let mut out = String::with_capacity(32);
        self.write(format, &mut out);
        out
    }

    /// Appends the timestamp in `format` to `out`.
    pub fn write(self, format: TimestampFormat, out: &mut String) {
        match format {
            TimestampFormat::DateTime => date_time::write(self, out),
            TimestampFormat::HttpDate => http_date::write(self, out),
            TimestampFormat::EpochSeconds => epoch_seconds::write(self, out),
        }
    }

    /// The calendar view of this instant.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        // In range by construction: the range is exactly what `time` represents by default.
        OffsetDateTime::UNIX_EPOCH
            + time::Duration::new(self.secs, 0)
            + time::Duration::nanoseconds(i64::from(self.nanos))
    }
}

/// Appends the nine-digit fraction `nanos` without its trailing zeros, after a `.`.
fn write_fraction(nanos: u32, out: &mut String) {
    use std::fmt::Write as _;
    if nanos == 0 {
        return;
    }
    let mut digits = 9;
    let mut value = nanos;
    while value % 10 == 0 {
        value /= 10;
        digits -= 1;
    }
    let _ = write!(out, ".{value:0digits$}");
}

impl fmt::Display for Timestamp {
    /// The RFC 3339 form, as [`TimestampFormat::DateTime`] writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(TimestampFormat::DateTime))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = Error;

    /// Parses RFC 3339 (`date-time`).
    fn from_str(text: &str) -> Result<Self> {
        Self::parse(text, TimestampFormat::DateTime)
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(timestamp: Timestamp) -> Self {
        timestamp.to_offset_date_time()
    }
}

impl TryFrom<OffsetDateTime> for Timestamp {
    type Error = Error;

    fn try_from(value: OffsetDateTime) -> Result<Self> {
        Self::new(value.unix_timestamp(), value.nanosecond())
    }
}

/// Fallible: a platform's `SystemTime` may not reach every year a timestamp can hold (Windows
/// starts at 1601), and `SystemTime`'s arithmetic panics where a conversion should fail.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use awsval::Timestamp;
///
/// let time = SystemTime::try_from(Timestamp::from_secs(1_700_000_000)?)?;
/// assert_eq!(time, SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// # Ok::<(), awsval::Error>(())
/// ```
impl TryFrom<Timestamp> for SystemTime {
    type Error = Error;

    fn try_from(timestamp: Timestamp) -> Result<Self> {
        let nanos = Duration::from_nanos(u64::from(timestamp.nanos));
        let whole = Duration::from_secs(timestamp.secs.unsigned_abs());
        let secs = if timestamp.secs >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(whole)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(whole)
        };
        secs.and_then(|secs| secs.checked_add(nanos))
            .ok_or_else(|| Error::data("timestamp out of this platform's SystemTime range"))
    }
}

impl TryFrom<SystemTime> for Timestamp {
    type Error = Error;

    fn try_from(value: SystemTime) -> Result<Self> {
        let out_of_range = || Error::data("timestamp out of range (years 0000 to 9999)");
        match value.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(after) => {
                let secs = i64::try_from(after.as_secs()).map_err(|_| out_of_range())?;
                Self::new(secs, after.subsec_nanos())
            }
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).map_err(|_| out_of_range())?;
                match before.subsec_nanos() {
                    0 => Self::new(-secs, 0),
                    nanos => Self::new(-secs - 1, NANOS_PER_SECOND - nanos),
                }
            }
        }
    }
}
