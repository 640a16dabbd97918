//! The IMF-fixdate form of HTTP's `http-date`: `Tue, 29 Apr 2014 18:30:38 GMT`.

use std::fmt::Write as _;

use super::Timestamp;
use super::cursor::Cursor;
use super::date_time::{Civil, time_of_day};
use crate::error::Result;

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Reads IMF-fixdate. The day name must be a day name but is not checked against the date
/// (the numbers say which day it is); a fraction of a second is accepted.
pub(super) fn parse(text: &str) -> Result<Timestamp> {
    let mut cursor = Cursor::new(text, "http-date");
    cursor.one_of(&DAYS, "a day name")?;
    cursor.expect(b',', "','")?;
    cursor.expect(b' ', "' '")?;
    let day = cursor.digits(1, 2, "a day of the month")?;
    cursor.expect(b' ', "' '")?;
    let month = cursor.one_of(&MONTHS, "a month name")? as u32 + 1;
    cursor.expect(b' ', "' '")?;
    let year = cursor.digits(4, 4, "a four-digit year")?;
    cursor.expect(b' ', "' '")?;
    let (hour, minute, second) = time_of_day(&mut cursor)?;
    let nanos = if cursor.eat(b'.') { cursor.fraction()? } else { 0 };
    cursor.expect(b' ', "' '")?;
    cursor.word("GMT", "'GMT'")?;
    cursor.finish()?;
    let civil = Civil { year, month, day, hour, minute, second, nanos };
    civil.to_timestamp(0, &cursor)
}

/// Writes IMF-fixdate; the format has no fraction, so it is dropped.
pub(super) fn write(timestamp: Timestamp, out: &mut String) {
    let t = timestamp.to_offset_date_time();
    let _ = write!(
        out,
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[usize::from(t.weekday().number_days_from_monday())],
        t.day(),
        MONTHS[usize::from(u8::from(t.month()) - 1)],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    );
}
