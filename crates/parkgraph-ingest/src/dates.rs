//! Dates as pages write them, read into China-time timestamps.
//!
//! Both sources publish in China: a page that states no offset means +08:00, and a page that gives
//! only a day means that day at 00:00 China time.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use regex::Regex;

/// UTC+08:00.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// `2017-12-11`, `2017/12/11`, `2017.12.11`, optionally with `10:27[:30]`, `T`, fraction and offset.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[T ]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?(?:\D|$)",
    )
    .expect("static regex")
});

/// `Dec 11, 2017`, `December 11 2017`, `Sept. 3, 2021`, optionally followed by `10:27`. Text may
/// follow the year directly (`Dec 11, 2017Print` in flattened pages), a fifth digit may not.
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?(?:\D|$)",
    )
    .expect("static regex")
});

/// `11 Dec 2017`, `11 December, 2017`.
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?(?:\D|$)")
        .expect("static regex")
});

/// Reads a date at the start of `s` (after leading spaces) in any of the shapes above.
/// A missing time is 00:00; a missing offset is China time.
pub fn parse_date_prefix(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim_start();
    // The first byte rules out the patterns that cannot match, each a capturing search: NUMERIC
    // and DAY_FIRST start with `\d` (any Unicode digit: an ASCII digit or a non-ASCII
    // character), MONTH_FIRST with an ASCII letter.
    let first = *s.as_bytes().first()?;
    let digit = first.is_ascii_digit() || !first.is_ascii();
    read_date(s, digit, first.is_ascii_alphabetic())
}

/// [`parse_date_prefix`] of `s` (spaces trimmed), trying the numeric and day-first shapes only
/// with `digit`, the month-first shape only with `letter`.
fn read_date(s: &str, digit: bool, letter: bool) -> Option<DateTime<FixedOffset>> {
    if let Some(c) = digit.then(|| NUMERIC.captures(s)).flatten() {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = c.get(1)?.as_str().parse::<i32>().ok()?;
        let offset = match c.get(7) {
            Some(m) => parse_offset(m.as_str())?,
            None => china(),
        };
        return build(year, num(2)?, num(3)?, num(4), num(5), num(6), offset);
    }
    if let Some(c) = letter.then(|| MONTH_FIRST.captures(s)).flatten() {
        let month = month_number(c.get(1)?.as_str())?;
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = c.get(3)?.as_str().parse::<i32>().ok()?;
        return build(year, month, num(2)?, num(4), num(5), None, china());
    }
    if let Some(c) = digit.then(|| DAY_FIRST.captures(s)).flatten() {
        let month = month_number(c.get(2)?.as_str())?;
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let year = c.get(3)?.as_str().parse::<i32>().ok()?;
        return build(year, month, num(1)?, num(4), num(5), None, china());
    }
    None
}

fn build(
    year: i32,
    month: u32,
    day: u32,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    offset: FixedOffset,
) -> Option<DateTime<FixedOffset>> {
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time =
        NaiveTime::from_hms_opt(hour.unwrap_or(0), minute.unwrap_or(0), second.unwrap_or(0))?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

/// `+0800`, `+08:00`, `-0500`, `Z`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    if s == "Z" {
        return FixedOffset::east_opt(0);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(0..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4)?.parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// January = 1; accepts three-letter abbreviations, `Sept` and full names, any case.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() <= 4 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc(s: &str) -> String {
        parse_date_prefix(s)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn numeric_dates_with_and_without_time_and_offset() {
        assert_eq!(
            rfc("2022-03-29 15:49:30 +0800"),
            "2022-03-29T15:49:30+08:00"
        );
        assert_eq!(rfc("2021-12-08 10:46:18"), "2021-12-08T10:46:18+08:00");
        assert_eq!(rfc("2013-12-17"), "2013-12-17T00:00:00+08:00");
        assert_eq!(
            rfc("2021-06-09 10:27 (chinadaily.com.cn)"),
            "2021-06-09T10:27:00+08:00"
        );
        assert_eq!(rfc("2022-03-29T07:49:30Z"), "2022-03-29T07:49:30+00:00");
        assert_eq!(rfc("2017/12/1"), "2017-12-01T00:00:00+08:00");
    }

    #[test]
    fn english_dates() {
        assert_eq!(rfc("Dec 11, 2017 Print"), "2017-12-11T00:00:00+08:00");
        assert_eq!(rfc("Dec 11, 2017Print"), "2017-12-11T00:00:00+08:00");
        assert_eq!(rfc("December 1, 2017"), "2017-12-01T00:00:00+08:00");
        assert_eq!(rfc("Sept. 3, 2021 10:05"), "2021-09-03T10:05:00+08:00");
        assert_eq!(rfc("11 Dec 2017"), "2017-12-11T00:00:00+08:00");
    }

    #[test]
    fn first_byte_gate_agrees_with_trying_every_shape() {
        let pieces = [
            "2017", "2021", "-", "/", ".", "12", "1", "31", "Dec", "december", "Sept", "Ma", " ",
            ",", "11", "10:27", ":30", "+08:00", "+0800", "Z", "T", "th", "\u{661}", "\u{ff12}",
            "é", "x", "(", "\t", "\u{3000}", "年",
        ];
        // up to 8 pieces, as before the shared generator
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 30_000, 9, &pieces) {
            assert_eq!(
                parse_date_prefix(&t),
                read_date(t.trim_start(), true, true),
                "{t:?}"
            );
        }
    }

    #[test]
    fn impossible_or_missing_dates_are_none() {
        for s in [
            "",
            " +0800",
            "2021-13-01",
            "2021-02-30",
            "Foo 11, 2017",
            "2021-06-09 25:00",
            "Ma 1, 2000",
        ] {
            assert_eq!(parse_date_prefix(s), None, "{s:?}");
        }
    }
}
