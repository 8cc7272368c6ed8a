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
    let a = Ascii(s.as_bytes());
    // The shapes read by hand first; `Unsure` (a non-ASCII character read) leaves the shape to
    // its regex. The first shape that matches decides, as in [`read_date_regex`].
    if digit {
        let found = match numeric(&a) {
            Ok(n) => n.map(|n| n.date(s)),
            Err(Unsure) => numeric_regex(s),
        };
        if let Some(date) = found {
            return date;
        }
    }
    if letter {
        let found = match month_first(&a) {
            Ok(m) => m.map(|m| m.date(s)),
            Err(Unsure) => month_first_regex(s),
        };
        if let Some(date) = found {
            return date;
        }
    }
    digit.then(|| day_first_regex(s)).flatten().flatten()
}

/// [`read_date`] by the regexes alone.
#[cfg(test)]
fn read_date_regex(s: &str, digit: bool, letter: bool) -> Option<DateTime<FixedOffset>> {
    if let Some(date) = digit.then(|| numeric_regex(s)).flatten() {
        return date;
    }
    if let Some(date) = letter.then(|| month_first_regex(s)).flatten() {
        return date;
    }
    digit.then(|| day_first_regex(s)).flatten().flatten()
}

/// The date of a [`NUMERIC`] match at the start of `s` (`None` when it does not match).
fn numeric_regex(s: &str) -> Option<Option<DateTime<FixedOffset>>> {
    let c = NUMERIC.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Some((|| {
        let year = c.get(1)?.as_str().parse::<i32>().ok()?;
        let offset = match c.get(7) {
            Some(m) => parse_offset(m.as_str())?,
            None => china(),
        };
        build(year, num(2)?, num(3)?, num(4), num(5), num(6), offset)
    })())
}

/// The date of a [`MONTH_FIRST`] match at the start of `s`.
fn month_first_regex(s: &str) -> Option<Option<DateTime<FixedOffset>>> {
    let c = MONTH_FIRST.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Some((|| {
        let month = month_number(c.get(1)?.as_str())?;
        let year = c.get(3)?.as_str().parse::<i32>().ok()?;
        build(year, month, num(2)?, num(4), num(5), None, china())
    })())
}

/// The date of a [`DAY_FIRST`] match at the start of `s`.
fn day_first_regex(s: &str) -> Option<Option<DateTime<FixedOffset>>> {
    let c = DAY_FIRST.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Some((|| {
        let month = month_number(c.get(2)?.as_str())?;
        let year = c.get(3)?.as_str().parse::<i32>().ok()?;
        build(year, month, num(1)?, num(4), num(5), None, china())
    })())
}

// Hand readers of [`NUMERIC`] and [`MONTH_FIRST`]: a capturing regex search cost about two
// thousand instructions a date. They read ASCII only, where `\d` is `[0-9]` and `\s` is
// `[\t-\r ]`; at a non-ASCII character (a Unicode digit or space to the regex) they give up
// (`Unsure`) and the regex reads the text. Each optional part and repetition is tried in the
// regex's order (greedy, leftmost-first); where a shorter repetition could only leave a character
// that the next item rejects, only the longest one is tried.

/// A non-ASCII character was read: the regex decides.
#[derive(Debug)]
struct Unsure;

/// The bytes of a date text, read as ASCII.
struct Ascii<'a>(&'a [u8]);

impl Ascii<'_> {
    /// The byte at `p` (`None` at the end).
    fn at(&self, p: usize) -> Result<Option<u8>, Unsure> {
        match self.0.get(p) {
            None => Ok(None),
            Some(&c) if c.is_ascii() => Ok(Some(c)),
            Some(_) => Err(Unsure),
        }
    }

    fn is(&self, p: usize, f: impl Fn(u8) -> bool) -> Result<bool, Unsure> {
        Ok(self.at(p)?.is_some_and(f))
    }

    /// How many bytes from `p` (at most `max`) pass `f`.
    fn run(&self, p: usize, max: usize, f: impl Fn(u8) -> bool) -> Result<usize, Unsure> {
        let mut n = 0;
        while n < max && self.is(p + n, &f)? {
            n += 1;
        }
        Ok(n)
    }

    fn digits(&self, p: usize, max: usize) -> Result<usize, Unsure> {
        self.run(p, max, |c| c.is_ascii_digit())
    }

    fn spaces(&self, p: usize) -> Result<usize, Unsure> {
        self.run(p, usize::MAX, |c| matches!(c, b' ' | b'\t'..=b'\r'))
    }

    /// `(?:\D|$)` at `p`.
    fn end(&self, p: usize) -> Result<bool, Unsure> {
        Ok(!self.is(p, |c| c.is_ascii_digit())?)
    }

    /// `\d{1,2}:(\d{2})` at `p`: the ends of the hour and the minutes.
    fn hour_minute(&self, p: usize) -> Result<Option<(usize, usize)>, Unsure> {
        let h = self.digits(p, 2)?;
        if h == 0 || self.at(p + h)? != Some(b':') || self.digits(p + h + 1, 2)? != 2 {
            return Ok(None);
        }
        Ok(Some((p + h, p + h + 3)))
    }
}

type Span = (usize, usize);

/// What [`NUMERIC`] captures.
struct Numeric {
    month: Span,
    day: Span,
    /// Hour, minutes and seconds.
    time: Option<(Span, Span, Option<Span>)>,
    offset: Option<Span>,
}

impl Numeric {
    fn date(&self, s: &str) -> Option<DateTime<FixedOffset>> {
        let num = |(a, b): Span| s[a..b].parse::<u32>().ok();
        let year = s[..4].parse::<i32>().ok()?;
        let offset = match self.offset {
            Some((a, b)) => parse_offset(&s[a..b])?,
            None => china(),
        };
        let (hour, minute, second) = match self.time {
            Some((h, m, sec)) => (num(h), num(m), sec.and_then(num)),
            None => (None, None, None),
        };
        build(
            year,
            num(self.month)?,
            num(self.day)?,
            hour,
            minute,
            second,
            offset,
        )
    }
}

/// [`NUMERIC`] at the start of `a`.
fn numeric(a: &Ascii<'_>) -> Result<Option<Numeric>, Unsure> {
    let sep = |c: u8| matches!(c, b'-' | b'/' | b'.');
    if a.digits(0, 4)? != 4 || !a.is(4, sep)? {
        return Ok(None);
    }
    let m = a.digits(5, 2)?;
    if m == 0 || !a.is(5 + m, sep)? {
        return Ok(None);
    }
    let day = 6 + m;
    let d = a.digits(day, 2)?;
    if d == 0 {
        return Ok(None);
    }
    let p = day + d;
    let found = |time, offset| {
        Ok(Some(Numeric {
            month: (5, 5 + m),
            day: (day, p),
            time,
            offset,
        }))
    };
    // `(?:[T ]|\s+)`: a `T`, or all the white space (a shorter run leaves a space for the hour).
    let hour = match a.at(p)? {
        Some(b'T') => Some(p + 1),
        Some(b' ' | b'\t'..=b'\r') => Some(p + a.spaces(p)?),
        _ => None,
    };
    if let Some(h) = hour {
        if let Some((h_end, t)) = a.hour_minute(h)? {
            let hm = ((h, h_end), (h_end + 1, t));
            if a.at(t)? == Some(b':') && a.digits(t + 1, 2)? == 2 {
                let sec = t + 3;
                if a.at(sec)? == Some(b'.') {
                    let f = a.digits(sec + 1, usize::MAX)?;
                    if f > 0 {
                        if let Some(offset) = offset_end(a, sec + 1 + f)? {
                            return found(Some((hm.0, hm.1, Some((t + 1, sec)))), offset);
                        }
                    }
                }
                if let Some(offset) = offset_end(a, sec)? {
                    return found(Some((hm.0, hm.1, Some((t + 1, sec)))), offset);
                }
            }
            if let Some(offset) = offset_end(a, t)? {
                return found(Some((hm.0, hm.1, None)), offset);
            }
        }
    }
    match offset_end(a, p)? {
        Some(offset) => found(None, offset),
        None => Ok(None),
    }
}

/// `(?:\s*(Z|[+-]\d{2}:?\d{2}))?(?:\D|$)` at `p`: `Some` of the offset's span when it matches.
fn offset_end(a: &Ascii<'_>, p: usize) -> Result<Option<Option<Span>>, Unsure> {
    let q = p + a.spaces(p)?;
    let end = match a.at(q)? {
        Some(b'Z') => Some(q + 1),
        Some(b'+' | b'-') if a.digits(q + 1, 2)? == 2 => {
            let r = q + 3 + usize::from(a.at(q + 3)? == Some(b':'));
            (a.digits(r, 2)? == 2).then_some(r + 2)
        }
        _ => None,
    };
    if let Some(e) = end {
        if a.end(e)? {
            return Ok(Some(Some((q, e))));
        }
    }
    Ok(a.end(p)?.then_some(None))
}

/// What [`MONTH_FIRST`] captures.
struct MonthFirst {
    month: Span,
    day: Span,
    year: Span,
    time: Option<(Span, Span)>,
}

impl MonthFirst {
    fn date(&self, s: &str) -> Option<DateTime<FixedOffset>> {
        let num = |(a, b): Span| s[a..b].parse::<u32>().ok();
        let month = month_number(&s[self.month.0..self.month.1])?;
        let year = s[self.year.0..self.year.1].parse::<i32>().ok()?;
        let (hour, minute) = match self.time {
            Some((h, m)) => (num(h), num(m)),
            None => (None, None),
        };
        build(year, month, num(self.day)?, hour, minute, None, china())
    }
}

/// [`MONTH_FIRST`] at the start of `a`.
fn month_first(a: &Ascii<'_>) -> Result<Option<MonthFirst>, Unsure> {
    // ten letters: more than `{3,9}` takes, and a letter is neither `.` nor a space
    let letters = a.run(0, 10, |c| c.is_ascii_alphabetic())?;
    if !(3..=9).contains(&letters) {
        return Ok(None);
    }
    let mut p = letters + usize::from(a.at(letters)? == Some(b'.'));
    let w = a.spaces(p)?;
    if w == 0 {
        return Ok(None);
    }
    p += w;
    let day = p;
    let d = a.digits(p, 2)?;
    if d == 0 {
        return Ok(None);
    }
    p += d;
    let day_end = p;
    if let (Some(x), Some(y)) = (a.at(p)?, a.at(p + 1)?) {
        if matches!(&[x, y], b"st" | b"nd" | b"rd" | b"th") {
            p += 2;
        }
    }
    p += usize::from(a.at(p)? == Some(b','));
    let w = a.spaces(p)?;
    if w == 0 {
        return Ok(None);
    }
    p += w;
    if a.digits(p, 4)? != 4 {
        return Ok(None);
    }
    let year = (p, p + 4);
    p += 4;
    let found = |time| {
        Ok(Some(MonthFirst {
            month: (0, letters),
            day: (day, day_end),
            year,
            time,
        }))
    };
    // `(?:,?\s+(\d{1,2}):(\d{2}))?`
    let q = p + usize::from(a.at(p)? == Some(b','));
    let w = a.spaces(q)?;
    if w > 0 {
        if let Some((h_end, t)) = a.hour_minute(q + w)? {
            if a.end(t)? {
                return found(Some(((q + w, h_end), (h_end + 1, t))));
            }
        }
    }
    if a.end(p)? {
        found(None)
    } else {
        Ok(None)
    }
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

    /// The hand readers answer what the regexes answer: on random texts of date pieces (with
    /// non-ASCII digits and spaces, which they leave to the regexes) and on every line above.
    #[test]
    fn hand_readers_agree_with_the_regexes() {
        let pieces = [
            "2017",
            "2021",
            "20",
            "-",
            "/",
            ".",
            "12",
            "1",
            "31",
            "5",
            "Dec",
            "december",
            "Sept",
            "Ma",
            "Decembers",
            " ",
            "  ",
            ",",
            "11",
            "10:27",
            "1:05",
            ":30",
            ":3",
            ".5",
            ".",
            "+08:00",
            "+0800",
            "-05",
            "Z",
            "T",
            "st",
            "nd",
            "th",
            "s",
            "\u{661}",
            "\u{ff12}",
            "\u{a0}",
            "\u{85}",
            "é",
            "x",
            "(",
            "\t",
            "\n",
            "\u{3000}",
            "年",
            "Print",
        ];
        // date heads that the random tails then continue or spoil
        let heads = [
            "",
            "2021-06-09",
            "2021-6-9",
            "2017/12/1",
            "2022-03-29 15:49",
            "2022-03-29T07:49:30",
            "2022-03-29 15:49:30.25",
            "Dec 11",
            "Dec 11, 2017",
            "December 1st 2017",
            "Sept. 3, 2021",
            "May 5 2020, 10:05",
        ];
        let mut n = 0;
        for t in crate::test_support::Xorshift::texts(0xda7e, 100_000, 8, &pieces) {
            for head in heads {
                let t = format!("{head}{t}");
                let t = t.trim_start();
                for (digit, letter) in [(true, false), (false, true), (true, true)] {
                    let hand = read_date(t, digit, letter);
                    assert_eq!(hand, read_date_regex(t, digit, letter), "{t:?}");
                    n += usize::from(hand.is_some());
                }
            }
        }
        assert!(n > 100_000, "{n}");
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
