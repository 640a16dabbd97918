//! RFC 3339 `date-time`, and the calendar arithmetic the text formats share.

use std::fmt::Write as _;

use time::{Date, Month};

use super::cursor::Cursor;
use super::{Timestamp, write_fraction};
use crate::error::Result;

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// A civil date and time of day, as read off the wire, before validation.
pub(super) struct Civil {
    pub(super) year: u32,
    pub(super) month: u32,
    pub(super) day: u32,
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) second: u32,
    pub(super) nanos: u32,
}

impl Civil {
    /// The instant this civil time names at `offset` seconds east of UTC.
    ///
    /// Second 60 (a leap second) is read as the first second of the next minute.
    pub(super) fn to_timestamp(&self, offset: i64, cursor: &Cursor<'_>) -> Result<Timestamp> {
        let month = u8::try_from(self.month)
            .ok()
            .and_then(|month| Month::try_from(month).ok())
            .ok_or_else(|| cursor.invalid("month out of range"))?;
        let year = i32::try_from(self.year).map_err(|_| cursor.invalid("year out of range"))?;
        let day = u8::try_from(self.day).map_err(|_| cursor.invalid("day out of range"))?;
        let date =
            Date::from_calendar_date(year, month, day).map_err(|_| cursor.invalid("no such day in that month"))?;
        if self.hour > 23 || self.minute > 59 || self.second > 60 {
            return Err(cursor.invalid("time of day out of range"));
        }
        let days = i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY;
        let time_of_day = i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        Timestamp::new(days * 86_400 + time_of_day - offset, self.nanos)
    }
}

pub(super) fn parse(text: &str) -> Result<Timestamp> {
    let mut cursor = Cursor::new(text, "date-time");
    let year = cursor.digits(4, 4, "a four-digit year")?;
    cursor.expect(b'-', "'-'")?;
    let month = cursor.digits(2, 2, "a two-digit month")?;
    cursor.expect(b'-', "'-'")?;
    let day = cursor.digits(2, 2, "a two-digit day")?;
    if !(cursor.eat(b'T') || cursor.eat(b't') || cursor.eat(b' ')) {
        return Err(cursor.error("'T'"));
    }
    let (hour, minute, second) = time_of_day(&mut cursor)?;
    let nanos = if cursor.eat(b'.') { cursor.fraction()? } else { 0 };
    let offset = offset(&mut cursor)?;
    cursor.finish()?;
    let civil = Civil { year, month, day, hour, minute, second, nanos };
    civil.to_timestamp(offset, &cursor)
}

/// `hh:mm:ss`.
pub(super) fn time_of_day(cursor: &mut Cursor<'_>) -> Result<(u32, u32, u32)> {
    let hour = cursor.digits(2, 2, "a two-digit hour")?;
    cursor.expect(b':', "':'")?;
    let minute = cursor.digits(2, 2, "two-digit minutes")?;
    cursor.expect(b':', "':'")?;
    let second = cursor.digits(2, 2, "two-digit seconds")?;
    Ok((hour, minute, second))
}

/// The UTC offset in seconds east: `Z`, `z`, `±hh:mm`, or nothing at all (read as UTC).
fn offset(cursor: &mut Cursor<'_>) -> Result<i64> {
    if cursor.eat(b'Z') || cursor.eat(b'z') || cursor.peek().is_none() {
        return Ok(0);
    }
    let sign = if cursor.eat(b'+') {
        1
    } else if cursor.eat(b'-') {
        -1
    } else {
        return Err(cursor.error("'Z' or a UTC offset"));
    };
    let hours = cursor.digits(2, 2, "two-digit offset hours")?;
    cursor.expect(b':', "':'")?;
    let minutes = cursor.digits(2, 2, "two-digit offset minutes")?;
    if hours > 23 || minutes > 59 {
        return Err(cursor.invalid("UTC offset out of range"));
    }
    Ok(sign * i64::from(hours * 3600 + minutes * 60))
}

pub(super) fn write(timestamp: Timestamp, out: &mut String) {
    let t = timestamp.to_offset_date_time();
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    write_fraction(timestamp.nanos(), out);
    out.push('Z');
}
