//! Year expressions: "In 2016,", "by the end of 2013", "2011-2015", 2022年, 今年, “十四五”.

use std::sync::LazyLock;

use regex::Regex;

/// What a year expression does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The time a number refers to.
    Point,
    /// A comparison base ("that of 2015", 比2015年, "than last year"): not a period.
    Base,
    /// A start point ("since 2015"): not a period by itself.
    Since,
}

/// One year expression, byte span in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearExpr {
    pub start: usize,
    pub end: usize,
    pub from: i32,
    pub to: i32,
    pub role: Role,
    /// Introduced by a preposition that can bind it to the number right before it
    /// ("51 percent in 2020", "300 billion yuan by 2025").
    pub trailing_ok: bool,
}

impl YearExpr {
    /// The expression matched by `m`, covering the years `from..=to`.
    fn at(m: regex::Match<'_>, years: (i32, i32), role: Role, trailing_ok: bool) -> Self {
        Self::spanning(m.start(), m.end(), years, role, trailing_ok)
    }

    /// The expression at bytes `start..end`, covering the years `from..=to`.
    fn spanning(
        start: usize,
        end: usize,
        (from, to): (i32, i32),
        role: Role,
        trailing_ok: bool,
    ) -> Self {
        YearExpr {
            start,
            end,
            from,
            to,
            role,
            trailing_ok,
        }
    }
}

static EN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(in|by|as of|at the end of|by the end of|end of|until|till|through|during|since|from|than|of|over|compared with|compared to|before|after|for|between)\s+)?(?:the\s+(?:year\s+)?)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d{2})(?:\s*(?:-|–|—|to|and|through)\s*((?:19|20)\d{2}))?(?-u:\b)",
    )
    .expect("year regex")
});

static EN_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(than |compared with |compared to |over |from )?(?:the same period )?(this|last|next) year(?-u:\b)").expect("relative year regex")
});

static EN_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(1[0-5])th Five-Year Plan(?: \(\d{4}-\d{4}\))?").expect("plan regex")
});

static ZH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(比|较|与|同|较之|相比|是)?((?:19|20)\d{2})\s*年?\s*(?:(?:-|—|–|~|～|至|到)\s*((?:19|20)\d{2})\s*)?年(同期|以来)?")
        .expect("zh year regex")
});

static ZH_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(比|较|与|同)?(今年|本年度|本年|当年|去年|上年|明年)(同期|以来)?")
        .expect("zh relative regex")
});

static ZH_PLAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"十([一二三四五])五").expect("zh plan regex"));

/// The year or year range in groups 2 and 3 of a year pattern; `None` when it runs backwards
/// (read off the captures: the oracle of [`ZhYear::years`]).
#[cfg(test)]
fn year_range(c: &regex::Captures<'_>) -> Option<(i32, i32)> {
    let from: i32 = c[2].parse().unwrap_or(0);
    let to: i32 = c
        .get(3)
        .and_then(|t| t.as_str().parse().ok())
        .unwrap_or(from);
    (to >= from).then_some((from, to))
}

/// `EN_YEAR.captures_iter(text)`, with the regex started near each possible year instead of
/// walking the whole text: its optional prefix ("by the end of May 20,") leaves it no literal to
/// skip ahead with, and most of a text holds no year.
///
/// Every match holds a year: ASCII `19`/`20` after a byte that is no ASCII word character (the
/// match's leading boundary or the prefix's whitespace), then two more digits. The only digits
/// its prefix can hold are the day (`\d{1,2}`), and the prefix has at most eight
/// whitespace-separated words before the year. So no match starts before the tenth run of
/// non-space bytes back from the first possible year (ASCII whitespace only separates runs:
/// other spaces only make the runs longer), and searching from there finds the same next match.
///
/// Each match is first read by hand ([`read_en_year`]); the regex runs only where that cannot
/// tell.
fn en_years(text: &str) -> impl Iterator<Item = EnYear> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let year = possible_year(b, pos)?;
        let y = match read_en_year(b, pos, year) {
            Some(y) => y,
            None => {
                let from = pos.max(runs_back(b, year, 10));
                EnYear::of(&EN_YEAR.captures_at(text, from)?)
            }
        };
        pos = y.end;
        Some(y)
    })
}

/// One match of `EN_YEAR`: its span, the preposition (group 1) and the years (groups 2, 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EnYear {
    start: usize,
    end: usize,
    prep: Option<(usize, usize)>,
    year: (usize, usize),
    to: Option<(usize, usize)>,
}

impl EnYear {
    fn of(c: &regex::Captures<'_>) -> Self {
        let span = |m: regex::Match<'_>| (m.start(), m.end());
        let m = c.get(0).unwrap_or_else(|| unreachable!());
        EnYear {
            start: m.start(),
            end: m.end(),
            prep: c.get(1).map(span),
            year: c.get(2).map(span).unwrap_or_else(|| unreachable!()),
            to: c.get(3).map(span),
        }
    }

    /// The years `from..=to`; `None` when the range runs backwards (see [`year_range`]).
    fn years(&self, text: &str) -> Option<(i32, i32)> {
        let from: i32 = text[self.year.0..self.year.1].parse().unwrap_or(0);
        let to = self
            .to
            .and_then(|(s, e)| text[s..e].parse().ok())
            .unwrap_or(from);
        (to >= from).then_some((from, to))
    }
}

// ------------------------------------------------------------------ EN_YEAR read by hand
//
// Most years in English text sit in plain ASCII ("by the end of May 20, 2016"): reading the
// regex's pieces back from the year and the range after it costs a fraction of the regex's
// capture search. Wherever a non-ASCII byte could change the reading (Unicode spaces and
// digits match `\s` and `\d`, `ſ` and the Kelvin sign match `s` and `k` case-insensitively)
// the reader gives up and the regex decides.

/// ASCII bytes `\s` matches (not only `is_ascii_whitespace`: also the vertical tab).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// ASCII word bytes, as `(?-u:\b)` reads them.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Room for a lower-cased preposition in [`lower_prep`]: more than the longest one compared.
const PREP_BUF: usize = 16;

/// `p.to_ascii_lowercase()` written into `buf` (one per year: no allocation); a `p` longer than
/// `buf` gives "", which, like it, equals none of the prepositions `find` compares with.
fn lower_prep<'b>(buf: &'b mut [u8; PREP_BUF], p: &str) -> &'b str {
    let Some(dst) = buf.get_mut(..p.len()) else {
        return "";
    };
    dst.copy_from_slice(p.as_bytes());
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).unwrap_or("")
}

/// The prepositions of `EN_YEAR`'s group 1.
const PREPS: &[&str] = &[
    "in",
    "by",
    "as of",
    "at the end of",
    "by the end of",
    "end of",
    "until",
    "till",
    "through",
    "during",
    "since",
    "from",
    "than",
    "of",
    "over",
    "compared with",
    "compared to",
    "before",
    "after",
    "for",
    "between",
];

const MONTHS: &[&[u8; 3]] = &[
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// The start of the whitespace run ending at `k` (`Some(None)`: none there); `None` when a
/// non-ASCII byte ends what is before it, unless it ends a character that is no white space
/// right at `k` (Chinese text before a year: no `\s+` can end there, so no piece does).
fn space_before(b: &[u8], k: usize) -> Option<Option<usize>> {
    let mut j = k;
    while j > 0 && is_space(b[j - 1]) {
        j -= 1;
    }
    if j > 0 && b[j - 1] >= 0x80 {
        if j == k && !char_before(b, j).is_some_and(char::is_whitespace) {
            return Some(None);
        }
        return None;
    }
    Some((j < k).then_some(j))
}

/// The character ending at the character boundary `j` of the UTF-8 text `b`.
fn char_before(b: &[u8], j: usize) -> Option<char> {
    let mut s = j.checked_sub(1)?;
    while s > 0 && j - s < 4 && (b[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&b[s..j]).ok()?.chars().next()
}

/// The character starting at the character boundary `i` of the UTF-8 text `b`.
fn char_at(b: &[u8], i: usize) -> Option<char> {
    let n = match *b.get(i)? {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    };
    std::str::from_utf8(b.get(i..i + n)?).ok()?.chars().next()
}

/// The start of the ASCII letters ending at `k`; `None` when a non-ASCII byte is before them.
fn letters_before(b: &[u8], k: usize) -> Option<usize> {
    let mut j = k;
    while j > 0 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    (j == 0 || b[j - 1] < 0x80).then_some(j)
}

/// Where `month[a-z]*\.?\s+(\d{1,2},?\s+)?` ends at `k`, if it does: its start.
fn month_before(b: &[u8], k: usize) -> Option<Option<usize>> {
    let Some(j) = space_before(b, k)? else {
        return Some(None);
    };
    if j == 0 {
        return Some(None);
    }
    let mut e = j;
    if b[e - 1] == b',' {
        e -= 1;
    }
    let mut d = e;
    while d > 0 && b[d - 1].is_ascii_digit() {
        d -= 1;
    }
    if d > 0 && b[d - 1] >= 0x80 {
        return None;
    }
    let month_end = if d < e {
        // a day: one or two digits after the month's whitespace
        if e - d > 2 {
            return Some(None);
        }
        match space_before(b, d)? {
            Some(m) if m > 0 => m,
            _ => return Some(None),
        }
    } else if e < j {
        return Some(None);
    } else {
        j
    };
    let t = if b[month_end - 1] == b'.' {
        month_end - 1
    } else {
        month_end
    };
    let s = letters_before(b, t)?;
    let w = &b[s..t];
    let month = w.len() >= 3 && MONTHS.iter().any(|m| w[..3].eq_ignore_ascii_case(&m[..]));
    Some((month && !(s > 0 && is_word(b[s - 1]))).then_some(s))
}

/// Where `the\s+(year\s+)?` ends at `k`, if it does: its start.
fn the_before(b: &[u8], k: usize) -> Option<Option<usize>> {
    let Some(j) = space_before(b, k)? else {
        return Some(None);
    };
    let s = letters_before(b, j)?;
    let (s, j) = if b[s..j].eq_ignore_ascii_case(b"year") {
        let Some(j2) = space_before(b, s)? else {
            return Some(None);
        };
        (letters_before(b, j2)?, j2)
    } else {
        (s, j)
    };
    let the = b[s..j].eq_ignore_ascii_case(b"the") && !(s > 0 && is_word(b[s - 1]));
    Some(the.then_some(s))
}

/// The longest preposition of `PREPS` that ends with whitespace at `k` and starts on a word
/// boundary: its span.
fn prep_before(b: &[u8], k: usize) -> Option<Option<(usize, usize)>> {
    let Some(j) = space_before(b, k)? else {
        return Some(None);
    };
    // the longest preposition, "at the end of", is 13 bytes: non-ASCII around may be a letter
    // matched case-insensitively
    if !b[j.saturating_sub(14)..j].is_ascii() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for p in PREPS {
        let n = p.len();
        if j >= n
            && b[j - n..j].eq_ignore_ascii_case(p.as_bytes())
            && !(j > n && is_word(b[j - n - 1]))
            && best.is_none_or(|(s, _)| j - n < s)
        {
            best = Some((j - n, j));
        }
    }
    Some(best)
}

/// `(?:\s*(?:-|–|—|to|and|through)\s*((?:19|20)\d{2}))?(?-u:\b)` after a year ending at `e`:
/// the range's second year (`Some(None)`: no range); `None` when a non-ASCII byte could
/// change that.
fn range_after(b: &[u8], e: usize) -> Option<Option<(usize, usize)>> {
    let skip = |mut i: usize| {
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        i
    };
    let i = skip(e);
    let rest = &b[i..];
    let ci = |w: &[u8]| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w);
    let sep = if rest.starts_with(b"-") {
        1
    } else if rest.starts_with("–".as_bytes()) || rest.starts_with("—".as_bytes()) {
        3
    } else if ci(b"to") {
        2
    } else if ci(b"and") {
        3
    } else if ci(b"through") {
        7
    } else if rest.first().is_some_and(|&c| c >= 0x80) {
        // no separator starts with any other non-ASCII character (none case-folds to a letter
        // of "to", "and", "through"); only white space could lead on to one
        if char_at(b, i).is_none_or(char::is_whitespace) {
            return None;
        }
        return Some(None);
    } else {
        return Some(None);
    };
    let y = skip(i + sep);
    match b.get(y..y + 4) {
        Some([a, c, d1, d2]) if matches!([*a, *c], [b'1', b'9'] | [b'2', b'0']) => {
            if *d1 >= 0x80 || *d2 >= 0x80 {
                return None;
            }
            let bounded = !b.get(y + 4).is_some_and(|&c| is_word(c));
            Some((d1.is_ascii_digit() && d2.is_ascii_digit() && bounded).then_some((y, y + 4)))
        }
        _ if b.get(y).is_some_and(|&c| c >= 0x80) => None,
        _ => Some(None),
    }
}

/// `EN_YEAR`'s next match from `pos`, whose year is the possible year at `y`, read by hand;
/// `None` where the regex must decide.
///
/// Every piece of the prefix ends in whitespace and starts on a word boundary, and the token
/// before the whitespace tells which piece it can be (a day, a month, `the`/`year`, a
/// preposition): the pieces are read back from the year, each as far as it goes, and the
/// match starts at the first one found at or after `pos`.
fn read_en_year(b: &[u8], pos: usize, y: usize) -> Option<EnYear> {
    if !(b.get(y + 2)?.is_ascii_digit() && b.get(y + 3)?.is_ascii_digit()) {
        return None;
    }
    let to = range_after(b, y + 4)?;
    let end = match to {
        Some((_, e)) => e,
        None if !b.get(y + 4).is_some_and(|&c| is_word(c)) => y + 4,
        // "20165": no match at this year
        None => return None,
    };
    let mut m = EnYear {
        start: y,
        end,
        prep: None,
        year: (y, y + 4),
        to,
    };
    let mut k = y;
    for piece in [month_before, the_before] {
        if let Some(s) = piece(b, k)? {
            if s < pos {
                return Some(m);
            }
            k = s;
            m.start = s;
        }
    }
    if let Some((s, e)) = prep_before(b, k)? {
        if s >= pos {
            m.start = s;
            m.prep = Some((s, e));
        }
    }
    Some(m)
}

/// The first offset at or after `from` where a year of `EN_YEAR` can start: `19` or `20` not
/// after an ASCII word byte, followed by two bytes that are ASCII digits or start a non-ASCII
/// character (`\d` is Unicode).
fn possible_year(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2_iter(b'1', b'2', b.get(from..)?)
        .map(|i| from + i)
        .find(|&i| {
            let digit_like = |k: usize| b.get(k).is_some_and(|&c| c.is_ascii_digit() || c >= 0x80);
            matches!(b.get(i..i + 2), Some(b"19" | b"20"))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                && digit_like(i + 2)
                && digit_like(i + 3)
        })
}

/// The start of the `n`th run of non-whitespace bytes back from `at` (counting the run `at` is
/// in), or 0: always a character boundary.
fn runs_back(b: &[u8], at: usize, n: usize) -> usize {
    let mut i = at;
    for _ in 0..n {
        while i > 0 && b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        while i > 0 && !b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        if i == 0 {
            break;
        }
    }
    i
}

/// Every year expression in `text`, ordered by start.
pub(crate) fn find(text: &str, published_year: Option<i32>) -> Vec<YearExpr> {
    // room for a year per 128 bytes, above the usual count: growth cost more
    let mut out = Vec::with_capacity(text.len() / 128 + 4);
    let mut buf = [0u8; PREP_BUF];
    for c in en_years(text) {
        let prep = c.prep.map(|(s, e)| lower_prep(&mut buf, &text[s..e]));
        let Some((from, to)) = c.years(text) else {
            continue;
        };
        let mut role = match prep {
            Some("since") => Role::Since,
            Some("than") | Some("compared with") | Some("compared to") | Some("over") => Role::Base,
            _ => Role::Point,
        };
        // "that of 2015", "those of 2015"
        if prep == Some("of") {
            let head = text[..c.start].trim_end();
            if ends_with_word_ci(head, "that") || ends_with_word_ci(head, "those") {
                role = Role::Base;
            }
        }
        // "established in 1992", "founded in 2006": an event, not the time of a number
        if role == Role::Point && is_event(&text[..c.start]) {
            role = Role::Since;
        }
        let trailing_ok = matches!(
            prep,
            Some("in")
                | Some("by")
                | Some("as of")
                | Some("at the end of")
                | Some("by the end of")
                | Some("end of")
                | Some("during")
                | Some("between")
                | Some("from")
        );
        out.push(YearExpr::spanning(
            c.start,
            c.end,
            (from, to),
            role,
            trailing_ok,
        ));
    }
    // every match of EN_RELATIVE holds "s year" or "t year" (see `year_after`)
    if let Some(py) = published_year.filter(|_| year_after(text, b"st")) {
        for c in EN_RELATIVE.captures_iter(text) {
            let m = c.get(0).unwrap_or_else(|| unreachable!());
            let y = match c[2].to_ascii_lowercase().as_str() {
                "this" => py,
                "last" => py - 1,
                _ => py + 1,
            };
            let role = if c.get(1).is_some() {
                Role::Base
            } else {
                Role::Point
            };
            out.push(YearExpr::at(m, (y, y), role, true));
        }
    }
    // every match holds "five-year plan" (no letter of it has a non-ASCII case variant)
    let plan = crate::entities::text::contains_ci_at(text, "five-year plan", 2);
    for c in EN_PLAN.captures_iter(text).filter(|_| plan) {
        let m = c.get(0).unwrap_or_else(|| unreachable!());
        let n: i32 = c[1].parse().unwrap_or(0);
        out.push(YearExpr::at(m, plan_years(n), Role::Point, false));
    }
    // every match of ZH_YEAR and ZH_RELATIVE holds 年 and every match of ZH_PLAN 十: a text
    // without them (most English bodies) need not be searched for the Chinese patterns
    let zh_year = memchr::memmem::find(text.as_bytes(), "年".as_bytes()).is_some();
    if zh_year {
        // the groups are read off each match (`zh_year_groups`): no capture search
        for m in ZH_YEAR.find_iter(text) {
            let g = zh_year_groups(m.as_str());
            let Some((from, to)) = g.years() else {
                continue;
            };
            let mut role = match (g.prefix, g.suffix) {
                (true, _) | (_, Some("同期")) => Role::Base,
                (_, Some("以来")) => Role::Since,
                _ => Role::Point,
            };
            if role == Role::Point && is_event(&text[..m.start()]) {
                role = Role::Since;
            }
            // 2022年3月: still 2022; the digits before 年 must not continue a longer number
            if m.start() > 0 && text.as_bytes()[m.start() - 1].is_ascii_digit() {
                continue;
            }
            out.push(YearExpr::at(m, (from, to), role, false));
        }
    }
    if let Some(py) = published_year.filter(|_| zh_year) {
        for m in ZH_RELATIVE.find_iter(text) {
            let (prefix, word, suffix) = zh_relative_groups(m.as_str());
            let y = match word {
                "去年" | "上年" => py - 1,
                "明年" => py + 1,
                _ => py,
            };
            let role = if prefix || suffix == Some("同期") {
                Role::Base
            } else if suffix.is_some() {
                Role::Since
            } else {
                Role::Point
            };
            out.push(YearExpr::at(m, (y, y), role, false));
        }
    }
    if memchr::memmem::find(text.as_bytes(), "十".as_bytes()).is_some() {
        for c in ZH_PLAN.captures_iter(text) {
            let m = c.get(0).unwrap_or_else(|| unreachable!());
            let n = match &c[1] {
                "一" => 11,
                "二" => 12,
                "三" => 13,
                "四" => 14,
                _ => 15,
            };
            out.push(YearExpr::at(m, plan_years(n), Role::Point, false));
        }
    }
    // the longest expression wins where two overlap ("2016-2020年" read by both patterns)
    out.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut kept: Vec<YearExpr> = Vec::with_capacity(out.len());
    for e in out {
        if kept.last().is_some_and(|k| e.start < k.end) {
            continue;
        }
        kept.push(e);
    }
    kept
}

fn ends_with_word_ci(head: &str, w: &str) -> bool {
    head.len() >= w.len()
        && head.as_bytes()[head.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
}

/// The groups of a `ZH_YEAR` match, read off its text.
#[derive(Debug, PartialEq, Eq)]
struct ZhYear<'t> {
    /// Group 1 (比, 较之, …) is there.
    prefix: bool,
    /// Group 2.
    year: &'t str,
    /// Group 3.
    to: Option<&'t str>,
    /// Group 4.
    suffix: Option<&'t str>,
}

impl ZhYear<'_> {
    /// [`year_range`] of the groups.
    fn years(&self) -> Option<(i32, i32)> {
        let from: i32 = self.year.parse().unwrap_or(0);
        let to = self.to.and_then(|t| t.parse().ok()).unwrap_or(from);
        (to >= from).then_some((from, to))
    }
}

/// The groups of the `ZH_YEAR` match `m`. Only its years hold an ASCII 1 or 2 (the prefixes,
/// white space, separators and 年 hold none; UTF-8 continuation bytes are no ASCII), and each
/// starts with one: "19" or "20", then two `\d` characters. It ends in 年 unless group 4
/// follows, and no other part ends in 同期 or 以来.
fn zh_year_groups(m: &str) -> ZhYear<'_> {
    let b = m.as_bytes();
    let year_at = |from: usize| {
        let p = from + b[from..].iter().position(|&c| c == b'1' || c == b'2')?;
        let mut e = p + 2;
        for _ in 0..2 {
            e += m[e..].chars().next().map_or(0, char::len_utf8);
        }
        Some((p, e))
    };
    let (p, e) = year_at(0).unwrap_or((0, 0));
    ZhYear {
        prefix: p > 0,
        year: &m[p..e],
        to: year_at(e).map(|(s, t)| &m[s..t]),
        suffix: ["同期", "以来"].into_iter().find(|x| m.ends_with(x)),
    }
}

/// The groups of the `ZH_RELATIVE` match `m`: whether group 1 is there, group 2 and group 3.
/// No word of group 2 starts with a character of group 1 or ends in 同期 or 以来.
fn zh_relative_groups(m: &str) -> (bool, &str, Option<&str>) {
    let suffix = ["同期", "以来"].into_iter().find(|x| m.ends_with(x));
    let rest = &m[..m.len() - suffix.map_or(0, str::len)];
    let word = rest.strip_prefix(['比', '较', '与', '同']);
    (word.is_some(), word.unwrap_or(rest), suffix)
}

/// The years of the `n`th Five-Year Plan (the 10th ran 2001–2005).
fn plan_years(n: i32) -> (i32, i32) {
    let from = 2001 + 5 * (n - 10);
    (from, from + 4)
}

/// Words that, ending the text before a year, make it the date of an event ([`is_event`]). The
/// match includes its preposition ("in 2001"), so the verb ends the text before it.
const EVENT_EN: &[&str] = &[
    "established",
    "founded",
    "built",
    "set up",
    "launched",
    "approved",
    "opened",
    "created",
    "upgraded",
    "designated",
    "named",
    "listed",
    "establishment",
    "founding",
    "inception",
    "approval",
];
/// The Chinese ones.
const EVENT_ZH: &[&str] = &[
    "成立于",
    "始建于",
    "设立于",
    "创建于",
    "成立",
    "获批",
    "批准",
    "始建",
    "于",
];

/// Does the text before a year make it the date of an event of the subject itself — founding,
/// approval, upgrade ("established in 1992", "approved in 2001", "since its establishment in",
/// 成立于, 始建于) — rather than the time of a number?
fn is_event(before: &str) -> bool {
    // read in place, ASCII case-insensitively: what lower-casing a copy with
    // `to_ascii_lowercase` (same bytes, same length) and testing it said
    let tail = super::text::tail(before, 60).trim_end();
    let b = tail.as_bytes();
    let last_clause = &tail[last_clause_start(b)..];
    // "1.2 million jobs were created between 2016 and 2020": the year dates a number of its
    // clause, not an event of the subject
    if last_clause.bytes().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // every English event word ends in one of these letters (`| 0x20` maps just their two
    // cases onto the lower one): most texts are not compared with the list
    let en_last = b
        .last()
        .is_some_and(|&c| matches!(c | 0x20, b'd' | b't' | b'p' | b'g' | b'n' | b'l'));
    (en_last
        && EVENT_EN.iter().any(|v| {
            let n = b.len().wrapping_sub(v.len());
            b.len() >= v.len()
                && b[n..].eq_ignore_ascii_case(v.as_bytes())
                && !(n > 0 && b[n - 1].is_ascii_alphanumeric())
        }))
        || EVENT_ZH.iter().any(|v| tail.ends_with(v))
        || last_clause
            .trim_start()
            .as_bytes()
            .get(..6)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"since "))
}

/// Where the text after the last ',', ';', '，', '；' or '。' of `b` starts (0 without one):
/// `rsplit(..).next()` by a byte walk back, without decoding characters (each full-width one is
/// found by its last byte and checked whole).
fn last_clause_start(b: &[u8]) -> usize {
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        let sep = match b[i] {
            b',' | b';' => true,
            0x8C | 0x9B => i >= 2 && b[i - 2] == 0xEF && b[i - 1] == 0xBC,
            0x82 => i >= 2 && b[i - 2] == 0xE3 && b[i - 1] == 0x80,
            _ => false,
        };
        if sep {
            return i + 1;
        }
    }
    0
}

/// The version of [`is_event`] that lower-cased a copy first.
#[cfg(test)]
fn is_event_lowercased(before: &str) -> bool {
    let tail = super::text::tail(before, 60)
        .trim_end()
        .to_ascii_lowercase();
    let last_clause = tail
        .rsplit([',', '，', ';', '；', '。'])
        .next()
        .unwrap_or("");
    // "1.2 million jobs were created between 2016 and 2020": the year dates a number of its
    // clause, not an event of the subject
    if last_clause.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    EVENT_EN.iter().any(|v| {
        tail.ends_with(v)
            && !tail[..tail.len() - v.len()].ends_with(|c: char| c.is_ascii_alphanumeric())
    }) || EVENT_ZH.iter().any(|v| tail.ends_with(v))
        || last_clause.trim_start().starts_with("since ")
}

/// Is `y` an opening time phrase of the sentence starting at `sentence_start` ("In 2016,",
/// "As of 2016,", "By the end of 2013,", "2022年，", "截至2021年底，")?
pub(crate) fn is_opening(text: &str, sentence_start: usize, y: &YearExpr) -> bool {
    if y.role != Role::Point || y.start < sentence_start {
        return false;
    }
    let lead = text[sentence_start..y.start]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘'));
    let zh_lead = ["", "截至", "截止", "到", "至", "在", "截至到"].contains(&lead);
    let en_prep = {
        let l = text[y.start..y.end].to_ascii_lowercase();
        [
            "in ",
            "by ",
            "as of ",
            "at the end of ",
            "by the end of ",
            "end of ",
            "during ",
            "until ",
            "through ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
    };
    if !(zh_lead || lead.is_empty() && en_prep) {
        return false;
    }
    // the year phrase forms the opening clause: a separator follows shortly
    let after = &text[y.end..];
    let after = after.trim_start_matches(['底', '末', '年', '初', '上', '半', ' ', '月']);
    after.starts_with([',', '，', '、']) || after.chars().take(12).any(|c| c == ',' || c == '，')
}

static EN_RESET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(so far|currently|at present|to date|nowadays|presently|in recent years|over the past|the same period|over a [a-z]+-year period|over the [a-z]+-year period|now)(?-u:\b)|目前|截至目前|迄今|近年来|现阶段|当前|同期")
        .expect("reset regex")
});

static EN_ANNUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(average annual|annual average|annually|per year|each year|every year|a year)(?-u:\b)|年均|每年|平均每年")
        .expect("annual regex")
});

/// Does `s` say "so far", "currently", 目前 …: the time is not the one carried from before?
pub(crate) fn has_reset(s: &str) -> bool {
    EN_RESET.is_match(s)
}

/// Does `s` make a number a yearly average or rate ("average annual", "annually", 年均)?
pub(crate) fn has_annual(s: &str) -> bool {
    // every match holds "year" or "annual" (letters without non-ASCII case variants) or 年,
    // with the bytes next to it its phrases have: the regex runs only where one of them is
    has_annual_cue(s.as_bytes()) && EN_ANNUAL.is_match(s)
}

parkgraph_ingest::with_avx2! {
    /// Whether `b` holds "year" or "annual" (ASCII case-insensitively) or 年 where a phrase of
    /// `EN_ANNUAL` can hold it. One pass: searching for each word's first letter stopped at
    /// every 'a' of the text.
    fn has_annual_cue / has_annual_cue_avx2(b: &[u8]) -> bool = has_annual_cue_in
}

/// Start positions per block of [`has_annual_cue_in`]: one AVX2 register.
const CUE_BLOCK: usize = 32;

/// Blocks of 32 start positions are tested branch-free for "ye?r", "ann" and the first two
/// bytes of 年 (`| 0x20` maps just the two cases of a letter onto the lower one); only the
/// positions that pass are compared with the words. The last part block is tested from a
/// zero-padded copy.
#[inline(always)]
fn has_annual_cue_in(b: &[u8]) -> bool {
    // a word passes only with the bytes next to it that every phrase holding it has: "year"
    // after "per", "each", "every" or "a" and a space (so not "this year", "year-on-year"),
    // "annual" before "ly" or " a(verage)" or after "(averag)e ", 年 before 均 or after 每 (so
    // not 2020年); none of these letters has a non-ASCII case variant
    let at = |i: usize| {
        let w = |k: usize, n: &[u8]| {
            b.get(k..k + n.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(n))
        };
        // the letter before a space before position i, lower-cased
        let letter_space = || (i >= 2 && b[i - 1] == b' ').then(|| b[i - 2] | 0x20);
        (w(i, b"year") && matches!(letter_space(), Some(b'r' | b'h' | b'y' | b'a')))
            || (w(i, b"annual")
                && (w(i + 6, b"ly") || w(i + 6, b" a") || letter_space() == Some(b'e')))
            || (w(i, "年".as_bytes())
                && (b[i + 3..].starts_with("均".as_bytes()) || b[..i].ends_with("每".as_bytes())))
    };
    let hits = |x: &[u8; CUE_BLOCK + 3]| {
        let mut h = [0u8; CUE_BLOCK];
        for k in 0..CUE_BLOCK {
            let (p, q, r, t) = (
                x[k] | 0x20,
                x[k + 1] | 0x20,
                x[k + 2] | 0x20,
                x[k + 3] | 0x20,
            );
            h[k] = u8::from(
                ((p == b'y') & (q == b'e') & (t == b'r'))
                    | ((p == b'a') & (q == b'n') & (r == b'n'))
                    | ((x[k] == 0xE5) & (x[k + 1] == 0xB9)),
            );
        }
        h
    };
    let found = |from: usize, h: &[u8; CUE_BLOCK], n: usize| {
        h.iter().fold(0, |a, &x| a | x) != 0 && (0..n).any(|k| h[k] != 0 && at(from + k))
    };
    let mut from = 0;
    while from + CUE_BLOCK + 3 <= b.len() {
        let x: &[u8; CUE_BLOCK + 3] = b[from..from + CUE_BLOCK + 3].try_into().expect("block");
        if found(from, &hits(x), CUE_BLOCK) {
            return true;
        }
        from += CUE_BLOCK;
    }
    let rest = &b[from..];
    if rest.is_empty() {
        return false;
    }
    let mut pad = [0u8; CUE_BLOCK + 3];
    pad[..rest.len()].copy_from_slice(rest);
    found(from, &hits(&pad), rest.len().min(CUE_BLOCK))
}

/// Whether `s` holds "year" (any case) after a space after one of the lower-case ASCII `letters`
/// (any case). The `(?i)` patterns also match `ſ` (U+017F) for `s`: its last byte counts as an
/// `s`. No other letter of these words has a non-ASCII case variant (`k` has the Kelvin sign).
fn year_after(s: &str, letters: &[u8]) -> bool {
    let b = s.as_bytes();
    crate::entities::text::match_indices_ci(s, "year").any(|i| {
        i >= 2
            && b[i - 1] == b' '
            && (letters.contains(&b[i - 2].to_ascii_lowercase())
                || (letters.contains(&b's') && b[i - 2] == 0xBF))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The gated search against the plain `captures_iter`, every group.
    fn en_years_agree(t: &str) {
        let spans = |c: regex::Captures<'_>| -> Vec<Option<(usize, usize)>> {
            c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()
        };
        let plain: Vec<_> = EN_YEAR.captures_iter(t).map(spans).collect();
        let gated: Vec<_> = en_years(t)
            .map(|y| vec![Some((y.start, y.end)), y.prep, Some(y.year), y.to])
            .collect();
        assert_eq!(gated, plain, "{t:?}");
    }

    #[test]
    fn gated_year_search_finds_every_match() {
        for t in [
            "",
            "2016",
            "In 2016, output rose 20 percent.",
            "by the end of May 20, 2016 and in 2011-2015",
            "at the end of the year Sept. 3, 1999 to 2001.",
            "compared with   the year\tDecember 31,\n2019",
            "x2016 _2016 é2016 (2016) 12016 20166 2016x 2016年",
            "in\u{a0}2016 by\u{2003}2017 and ſince 2018, \u{212A} 2019",
            "20 2020 1920 2019 19 20",
            "May 20, 20, 2020 — 2021–2022 through 2023 to 2024",
            "120,000 yuan 2,000 jobs 2000 jobs 200 million 1990s",
            "the 2０２０ year ٢٠ 20٢٠",
            "of of of of of of of of of of of of 2016",
            " 2016",
            " 20, 2016",
            "\n\nIn the year 2016 and At The End Of the year 2017; xby the end of 2018 _in 2019",
            "as of 2016, end of 2017, the end of 2018, the the 2019, year 2020, Year 2021",
            "mayor 2016 marketing 2017 decade 2018 Sept. 2019 Jan.. 2020 x-May 2021 1May 2022",
            "May20 2016 May 123 2017 May 1,2018 May ,2019 (May 5, 2020) 5, 2021",
            "2016 -2017 2018 TO 2019 2020 and2021 2022 through 2023x 2024 to 20245 2025–\u{a0}2026",
            "2016–2017 2018 —2019 2020 \u{a0}- 2021 2022-٢٠٢٣ 2024-2０25 2026 AND 2027 2028s",
            "in\x0b2016 by\x0c2017 of\r\n2018 Compared To 2019 compared  with 2020 until2021",
            "中2016 in 中 2017 年 2018 é in 2019 ſep 2020 in ſince 2021 \u{212A} 2022",
            "since May 2016 from the year 2017 between 2018 and 2019 over the 2020 before Dec 2021",
        ] {
            en_years_agree(t);
        }
    }

    #[test]
    fn event_test_reads_like_the_lower_cased_copy() {
        let pieces = [
            "established",
            "ESTABLISHED",
            "Founded",
            "set up",
            "Set Up",
            "x",
            "1",
            "2",
            " ",
            "  ",
            ",",
            "，",
            "。",
            ";",
            "since ",
            "Since ",
            "SINCE",
            "成立于",
            "于",
            "批准",
            "é",
            "É",
            "\u{212A}",
            "named",
            "renamed",
            "approval",
            "in",
            "\n",
            "ſince ",
            "；",
            "、",
            "Built",
            "LAUNCHED",
            "inception",
            "FOUNDING",
            "d",
            "T",
        ];
        for t in crate::test_support::Xorshift::texts(0x5851_f42d_4c95_7f2d, 40000, 10, &pieces) {
            assert_eq!(is_event(&t), is_event_lowercased(&t), "{t:?}");
        }
        for w in EVENT_EN {
            let last = w.as_bytes()[w.len() - 1];
            assert!(b"dtpgnl".contains(&last), "{w}");
        }
    }

    /// The byte walk to the last clause against `rsplit`.
    #[test]
    fn last_clause_start_matches_rsplit() {
        let pieces = [
            ",", "，", ";", "；", "。", "、", "a", " ", "1", "中", "\u{ff0c}", "Ｌ", "ꌌ",
        ];
        for t in crate::test_support::Xorshift::texts(0x7137_4491_2345_678a, 20000, 12, &pieces) {
            let want = t.rsplit([',', '，', ';', '；', '。']).next().unwrap_or("");
            assert_eq!(&t[last_clause_start(t.as_bytes())..], want, "{t:?}");
        }
    }

    /// The hand reader against the regex on many texts made of the prefix words, years,
    /// range words and the bytes around them that decide a reading.
    #[test]
    fn hand_year_reading_agrees_with_the_regex() {
        let words = [
            "in", "In", "by", "as", "of", "at", "the", "THE", "end", "End", "year", "Year",
            "since", "than", "compared", "with", "to", "until", "till", "through", "during",
            "from", "over", "before", "after", "for", "between", "May", "mayor", "Sept.", "sep",
            "Jan.", "December", "x-May", "and", "AND", "-", "–", "—", "2016", "1999", "2020",
            "20201", "2016s", "2016x", "20", "5,", "12", "123", "1", "19", "2０", "٢٠", "é", "中",
            "ſince", "ſep", "\u{212A}", "(", ")", ",", ".", "_", "x", "_in", "1in",
        ];
        let seps = [
            "", " ", " ", " ", "  ", "\t", "\n", "\x0b", "\u{a0}", ",", ".", "-",
        ];
        let mut rng = crate::test_support::Xorshift::new(0x5851_f42d_4c95_7f2d);
        let mut fast = 0;
        for _ in 0..60000 {
            let len = 1 + rng.below(9);
            let mut t = String::new();
            for _ in 0..len {
                t.push_str(words[rng.below(words.len())]);
                t.push_str(seps[rng.below(seps.len())]);
            }
            en_years_agree(&t);
            if let Some(y) = possible_year(t.as_bytes(), 0) {
                fast += usize::from(read_en_year(t.as_bytes(), 0, y).is_some());
            }
        }
        assert!(fast > 3000, "the hand reader decides many texts: {fast}");
    }

    /// The groups read off `ZH_YEAR` and `ZH_RELATIVE` matches against their captures.
    #[test]
    fn chinese_year_groups_read_off_the_match_agree_with_the_captures() {
        let pieces = [
            "2016",
            "2020年",
            "比2019年",
            "2016-2020年",
            "2016 至 2020 年",
            "2021年同期",
            "2015年以来",
            "20２1年",
            "1998年",
            "2020",
            "1999",
            "19",
            "20",
            "２０",
            "2０",
            "٢",
            "1",
            "年",
            "年",
            "比",
            "较",
            "较之",
            "与",
            "同",
            "相比",
            "是",
            "之",
            "-",
            "—",
            "–",
            "~",
            "～",
            "至",
            "到",
            " ",
            "\u{3000}",
            "\n",
            "同期",
            "以来",
            "今年",
            "本年度",
            "本年",
            "当年",
            "去年",
            "上年",
            "明年",
            "月",
            "x",
            "，",
        ];
        let mut n = 0;
        for t in crate::test_support::Xorshift::texts(0x3c6e_f372_fe94_f82c, 40000, 10, &pieces) {
            let got: Vec<_> = ZH_YEAR
                .find_iter(&t)
                .map(|m| (m.range(), zh_year_groups(m.as_str())))
                .collect();
            let want: Vec<_> = ZH_YEAR
                .captures_iter(&t)
                .map(|c| {
                    let m = c.get(0).unwrap_or_else(|| unreachable!());
                    let g = |i: usize| c.get(i).map(|x| x.as_str());
                    let groups = ZhYear {
                        prefix: c.get(1).is_some(),
                        year: g(2).unwrap_or(""),
                        to: g(3),
                        suffix: g(4),
                    };
                    assert_eq!(groups.years(), year_range(&c), "{t:?}");
                    (m.range(), groups)
                })
                .collect();
            assert_eq!(got, want, "{t:?}");
            n += got.len();
            let got: Vec<_> = ZH_RELATIVE
                .find_iter(&t)
                .map(|m| (m.range(), zh_relative_groups(m.as_str())))
                .collect();
            let want: Vec<_> = ZH_RELATIVE
                .captures_iter(&t)
                .map(|c| {
                    let m = c.get(0).unwrap_or_else(|| unreachable!());
                    let g2 = c.get(2).map_or("", |x| x.as_str());
                    (
                        m.range(),
                        (c.get(1).is_some(), g2, c.get(3).map(|x| x.as_str())),
                    )
                })
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
        assert!(n > 3000, "year matches: {n}");
    }

    /// The hand reader against the regex where Chinese text, Unicode white space and the
    /// full-width forms sit right before or after the years.
    #[test]
    fn hand_year_reading_agrees_with_the_regex_in_chinese_text() {
        let pieces = [
            "2016", "2020", "1999", "2021", "年", "中", "截至", "比", "到", "至", "—", "–", "-",
            "\u{3000}", "\u{2003}", "\u{a0}", "\u{85}", "\u{2028}", " ", "  ", "\n", "，", "。",
            "（", "）", "in", "by", "the", "year", "May", "5,", "12", "to", "and", "through", "é",
            "ſince", "\u{212A}", "２０", "2０", "٢", "x", "_", "以来", "同期", "10", "月",
        ];
        let mut fast = 0;
        for t in crate::test_support::Xorshift::texts(0x6a09_e667_f3bc_c908, 60000, 10, &pieces) {
            en_years_agree(&t);
            if let Some(y) = possible_year(t.as_bytes(), 0) {
                fast += usize::from(read_en_year(t.as_bytes(), 0, y).is_some());
            }
        }
        assert!(fast > 3000, "the hand reader decides many texts: {fast}");
    }

    proptest! {
        #[test]
        fn gated_year_search_agrees_with_the_regex(
            words in proptest::collection::vec(
                "in|by|as|of|at|the|end|year|since|than|compared|with|May|Sept\\.|Jan|ſince|December|to|and|-|–|[0-9]{1,5},?|19[0-9]{2}|20[0-9]{2}|2０|é|\\(|x|_|In|THE|Year|through|TO|—|mayor|\\.|,|[A-Za-z]{1,3}|中",
                0..14,
            ),
            seps in proptest::collection::vec("[ \t\n\u{a0}]{0,2}", 14),
        ) {
            let t: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            en_years_agree(&t);
        }
    }

    proptest! {
        /// `find` skips the Chinese patterns on texts without 年 or 十, the relative English one
        /// on texts without "year", `has_annual` texts without "year", "annual" or 年: no
        /// match of theirs can lack them.
        #[test]
        fn gated_patterns_only_match_with_their_gate_text(
            t in "[0-9年十一二三四五比较与同之相是今本度当去上明期以来至到~ -]{0,24}|(?i)(than |over |the same period |this |last |next |ye|ar|year|annual|ly|average |per |each |every |a |[ \\n.])*|[年均每平 ]{0,8}"
        ) {
            for m in ZH_YEAR.find_iter(&t).chain(ZH_RELATIVE.find_iter(&t)) {
                prop_assert!(m.as_str().contains('年'), "{:?}", m);
            }
            for m in EN_RELATIVE.find_iter(&t) {
                prop_assert!(m.as_str().to_ascii_lowercase().contains("year"), "{:?}", m);
            }
            for m in EN_ANNUAL.find_iter(&t) {
                let l = m.as_str().to_ascii_lowercase();
                prop_assert!(l.contains("year") || l.contains("annual") || l.contains('年'), "{:?}", m);
            }
            for m in ZH_PLAN.find_iter(&t) {
                prop_assert!(m.as_str().contains('十'), "{:?}", m);
            }
        }
    }

    /// The cue test of `has_annual` read plainly off a lower-cased copy at every position.
    fn has_annual_cue_plain(s: &str) -> bool {
        let l = s.to_ascii_lowercase();
        let l = l.as_bytes();
        (0..l.len()).any(|i| {
            let (head, rest) = l.split_at(i);
            (rest.starts_with(b"year")
                && (head.ends_with(b"r ")
                    || head.ends_with(b"h ")
                    || head.ends_with(b"y ")
                    || head.ends_with(b"a ")))
                || (rest.starts_with(b"annual")
                    && (rest[6..].starts_with(b"ly")
                        || rest[6..].starts_with(b" a")
                        || head.ends_with(b"e ")))
                || (rest.starts_with("年".as_bytes())
                    && (rest[3..].starts_with("均".as_bytes()) || head.ends_with("每".as_bytes())))
        })
    }

    #[test]
    fn annual_cue_pass_agrees_with_the_substring_searches() {
        let pieces = [
            "year", "Year", "YEAR", "yEaR", "years", "annual", "Annual", "ANNUAL", "annually",
            "ann", "anna", "nual", "yea", "ear", "yeer", "yexr", "a", "n", "y", "e", "r", " ",
            "年", "年均", "平", "每", "幸", "\u{5e73}", "é", "Ye", "ar", "\u{212a}", "ſ", "per ",
            "PER ", "each ", "a ", "A ", "every ", "this ", "average ", "Average ", "ly", "LY",
            " a", "-on-", "均", "每年", "2020", "\0", "R", "h",
        ];
        for t in crate::test_support::Xorshift::texts(0x5eed_a11a, 4000, 80, &pieces) {
            for cut in 0..t.len().min(40) {
                if let Some(t) = t.get(cut..) {
                    assert_eq!(
                        has_annual_cue(t.as_bytes()),
                        has_annual_cue_plain(t),
                        "{t:?}"
                    );
                }
            }
        }
    }

    /// `has_annual` (the cue pass, then the regex) against the regex alone on random texts of
    /// the phrases' words and near misses.
    #[test]
    fn has_annual_agrees_with_the_regex_on_random_texts() {
        let pieces = [
            "year", "Year", "YEAR", "years", "annual", "Annual", "annually", "ANNUALLY", "average",
            "Average", "per", "each", "every", "a", "A", "this", "last", "the", " ", "  ", "-",
            "-on-", "\n", ",", "年", "均", "每", "平均", "2020", "ly", "ſ", "\u{212a}", "é", "\0",
            "aa", "x",
        ];
        for t in crate::test_support::Xorshift::texts(0x2f1e_8c3b_7a60_d945, 30000, 12, &pieces) {
            assert_eq!(has_annual(&t), EN_ANNUAL.is_match(&t), "{t:?}");
        }
    }

    /// The cue tests before `EN_ANNUAL`, `EN_RELATIVE` and `EN_PLAN` pass every text the
    /// regexes match in (`year_after` for "this/last/next year").
    fn gates_agree(t: &str) {
        assert_eq!(has_annual(t), EN_ANNUAL.is_match(t), "{t:?}");
        if EN_RELATIVE.is_match(t) {
            assert!(year_after(t, b"st"), "{t:?}");
        }
        if EN_PLAN.is_match(t) {
            assert!(
                crate::entities::text::contains_ci_at(t, "five-year plan", 2),
                "{t:?}"
            );
        }
    }

    #[test]
    fn year_gates_keep_every_match() {
        for t in [
            "",
            "year",
            "a year",
            "A YEAR",
            "per year",
            "each year,",
            "every Year",
            "annually",
            "Annual average",
            "average annual growth",
            "year-on-year",
            "years",
            "this year",
            "This Year",
            "thiſ year",
            "last year",
            "next year",
            "thisyear",
            "this  year",
            "the 13th Five-Year Plan",
            "the 12TH FIVE-YEAR PLAN (2011-2015)",
            "年均增长",
            "每年",
            "平均每年",
            "\u{212A} year ſ year",
        ] {
            gates_agree(t);
        }
    }

    proptest! {
        #[test]
        fn year_gates_agree_with_the_regexes(
            t in "(?i)(this|last|next|thiſ|per|each|every|a|an|annual|annually|average|year|years|five-year|plan|1[0-6]th|[ \\n.,-]|年|均|每)*"
        ) {
            gates_agree(&t);
        }
    }

    fn years(t: &str) -> Vec<(i32, i32, Role)> {
        find(t, Some(2022))
            .iter()
            .map(|e| (e.from, e.to, e.role))
            .collect()
    }

    #[test]
    fn english_years() {
        assert_eq!(years("In 2016, the park"), vec![(2016, 2016, Role::Point)]);
        assert_eq!(
            years("3.6 times that of 2015"),
            vec![(2015, 2015, Role::Base)]
        );
        assert_eq!(years("during 2011-2015"), vec![(2011, 2015, Role::Point)]);
        assert_eq!(years("by the end of 2013"), vec![(2013, 2013, Role::Point)]);
        assert_eq!(years("since 2015"), vec![(2015, 2015, Role::Since)]);
        assert_eq!(years("this year"), vec![(2022, 2022, Role::Point)]);
        assert_eq!(
            years("during the 13th Five-Year Plan"),
            vec![(2016, 2020, Role::Point)]
        );
        assert_eq!(years("in November 2012"), vec![(2012, 2012, Role::Point)]);
    }

    #[test]
    fn chinese_years() {
        assert_eq!(years("2022年，呼和浩特"), vec![(2022, 2022, Role::Point)]);
        assert_eq!(years("比2015年增长"), vec![(2015, 2015, Role::Base)]);
        assert_eq!(years("当年完成投资"), vec![(2022, 2022, Role::Point)]);
        assert_eq!(years("比上年增长"), vec![(2021, 2021, Role::Base)]);
        assert_eq!(years("“十四五”期间"), vec![(2021, 2025, Role::Point)]);
        assert_eq!(years("2016-2020年"), vec![(2016, 2020, Role::Point)]);
        assert_eq!(years("是2015年的3.6倍"), vec![(2015, 2015, Role::Base)]);
        assert_eq!(
            years("从2001年的1.46万亿元"),
            vec![(2001, 2001, Role::Point)]
        );
    }

    /// The stack lower-casing of a preposition against `to_ascii_lowercase`: the same text, or
    /// for a longer one a text equal to none of the prepositions.
    #[test]
    fn lower_prep_matches_a_lower_cased_copy() {
        let pieces = [
            "In", "AT", " ", "the", "End", "of", "\u{a0}", "É", "compared", "With",
        ];
        let mut buf = [0u8; PREP_BUF];
        for p in crate::test_support::Xorshift::texts(0x510e_527f_ade6_82d1, 20_000, 8, &pieces) {
            let copy = p.to_ascii_lowercase();
            let got = lower_prep(&mut buf, &p);
            if p.len() <= PREP_BUF {
                assert_eq!(got, copy, "{p:?}");
            } else {
                assert_eq!(got, "", "{p:?}");
                assert!(PREPS.iter().all(|w| *w != copy), "{p:?}");
            }
        }
    }
}
