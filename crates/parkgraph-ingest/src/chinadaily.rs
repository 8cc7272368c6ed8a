//! China Daily English pages (chinadaily.com.cn and its regional and government sites,
//! chinaservicesinfo.com) as text renderings, or as raw HTML which is first reduced to the same
//! lines.
//!
//! A rendering is a page's visible lines: site chrome (host name, section line, `Home> Section`
//! breadcrumb), the headline, a date line (`Updated: Dec 11, 2017 Print`, `2021-06-09
//! (chinadaily.com.cn)`, `By NAME | China Daily | Updated: …`), share/print lines, the article
//! paragraphs with photo captions (`… [Photo/Xinhua]`), pagers, then the copyright and ICP footer
//! and "Editors' Picks" lists of other stories. The parser classifies each line, reads the head
//! (section, title, date) and keeps the article lines as the body.

use std::borrow::Cow;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use crate::html::{self, Dom, NodeId, TextOptions, ROOT};
use crate::text::{collapse_spaces, lines, pairs_mask};
use crate::{
    dates, detect_language, frontmatter, Confidence, Error, Input, ParsedDocument, SourcePlugin,
};

const ID: &str = "chinadaily";

/// The China Daily plugin.
pub struct ChinaDaily;

impl SourcePlugin for ChinaDaily {
    fn id(&self) -> &'static str {
        ID
    }
    fn proto_name(&self) -> &'static str {
        "SOURCE_FORMAT_CHINADAILY"
    }
    fn description(&self) -> &'static str {
        "China Daily English pages (chinadaily.com.cn, regional sites, chinaservicesinfo.com): text renderings or raw HTML"
    }
    fn sniff(&self, input: Input<'_>) -> Confidence {
        sniff(input.text)
    }
    fn sniff_at_least(&self, input: Input<'_>, floor: Confidence) -> bool {
        // Above the cap no page gets there; below it the scan stops once the score is reached.
        floor <= SNIFF_MAX && sniff_lines(input.text, floor) >= floor
    }
    fn parse(&self, input: Input<'_>) -> Result<ParsedDocument, Error> {
        if looks_like_html(input.text) {
            parse_html(input.text)
        } else {
            parse_text(input.text)
        }
    }
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::Malformed {
        format: ID,
        reason: reason.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Line patterns

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// `Home> Industrial Zones`, `Home > News > Hohhot`: what [`breadcrumb`] reads by hand.
#[cfg(test)]
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i:home)\s*[>›»]\s*(.*)$"));
/// `Updated: Dec 11, 2017 Print`, `By X | China Daily | Updated: 2021-06-09 07:52`.
static UPDATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(.*?)\s*\|\s*)?updated\s*[:：]\s*(.*)$"));
/// `2021-06-09 (chinadaily.com.cn)`, `2021-06-09 10:27 (Xinhua)`, cut off as `2021-06-09 (`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*(?:\(([^)]*)\)?)?$")
});
/// `By Zhang Yu (chinadaily.com.cn)`, `By Zhang Yu in Hohhot | chinadaily.com.cn`.
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^By\s+([^()|]+?)\s*(?:\(([^)]*)\)?)?\s*(?:\|\s*(.*))?$"));
/// `Source: Xinhua`, `(Source: chinadaily.com.cn)`.
static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\(?\s*source\s*[:：]\s*([^()]+?)\s*\)?$"));
/// Photo credits that mark a caption: `[Photo/]`, `[Photo/Xinhua]`, `[Photo provided to China Daily]`.
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\[\s*(?:photos?|videos?|images?|graphics?|provided)\b[^\]]*\]"));
static COPYRIGHT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:copyright\s*(?:©|\(c\)|\d)|©|\(c\)\s*\d)|all rights reserved"));
/// Chinese licence footers: ICP and public-security filing numbers, licence lines.
static ICP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"ICP备|ICP证|公网安备|京公网安|(?i:\bICP\s+licen[cs]e)|互联网新闻信息服务许可证|视听节目许可证|违法和不良信息举报|(?i:^license for publishing)|(?i:^registration number\s*:)",
    )
});
/// Headings after which a page lists other stories, not the article.
static END_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:editor(?:s['’]?|['’]s)\s+picks?|related\s+(?:stories|news|articles)|most\s+(?:viewed|popular|read)|you\s+(?:may|might)\s+also\s+like)\s*:?$",
    )
});
/// A host name on its own line (`www.chinaservicesinfo.com`).
static HOST: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|gov|info)(?:\.cn)?/?$")
});
/// Site footer and navigation links rendered one per line.
static SITE_NAV: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:about (?:china ?daily|us)|advertise on site|contact us|job offer|expat employment|follow us|back to top|top|more|subscribe|newsletter|mobile|global edition|china daily pdf|china daily e-paper|epaper)$",
    )
});
/// A parenthesised aside, dropped when comparing names.
static PARENTHESES: LazyLock<Regex> = LazyLock::new(|| re(r"\([^)]*\)|（[^）]*）"));

// Cheap tests that every match of a pattern above passes, run before the regex on the per-line
// paths (most lines are prose that no pattern matches). They compare ASCII letters
// case-insensitively, which covers `(?i)` because no non-ASCII character case-folds to an ASCII
// letter other than `k` (U+212A KELVIN SIGN) and `s` (U+017F LONG S); needles avoid those two.

/// Whether `line` starts with `prefix` (lower-case ASCII), ASCII case-insensitively.
fn starts_with_ci(line: &str, prefix: &[u8]) -> bool {
    line.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Whether `line` contains `needle` (lower-case ASCII), ASCII case-insensitively. `anchor` is
/// the index of a rare letter pair of the needle (both letters lower case): blocks of 32 start
/// positions are tested branch-free for that pair, and only a block with a hit is compared
/// position by position. A pair count first and then a scalar scan of every window read a line
/// holding the pair (the `rv` of "serve", "service") twice, the second time byte by byte.
fn contains_ci(line: &str, needle: &[u8], anchor: usize) -> bool {
    contains_ci_bytes(line.as_bytes(), needle, anchor)
}

crate::text::with_avx2! {
    fn contains_ci_bytes / contains_ci_avx2(b: &[u8], needle: &[u8], anchor: usize) -> bool
        = contains_ci_in
}

#[inline(always)]
fn contains_ci_in(b: &[u8], needle: &[u8], anchor: usize) -> bool {
    const BLOCK: usize = 32;
    let Some(n) = (b.len() + 1).checked_sub(needle.len()) else {
        return false; // `n` start positions: none when the line is shorter than the needle
    };
    let (p, q) = (needle[anchor], needle[anchor + 1]);
    // `&`, not `&&`: no branch, so the block test vectorises.
    let pair = |x: u8, y: u8| (x | 0x20 == p) & (y | 0x20 == q);
    let at =
        |w: &[u8]| pair(w[anchor], w[anchor + 1]) && w[..needle.len()].eq_ignore_ascii_case(needle);
    // Blocks of start positions; the last one overlaps the one before (an overlap only finds a
    // start twice). A line with fewer than 32 starts is read from a zero-padded copy: a zero
    // byte is no letter, so no window reaching into the padding matches.
    let block_hit = |s: &[u8]| {
        let x: &[u8; BLOCK + 1] = s[anchor..anchor + BLOCK + 1].try_into().expect("block");
        let mut any = 0u8;
        for k in 0..BLOCK {
            any |= u8::from(pair(x[k], x[k + 1]));
        }
        // the pair test again, inline, before a call compares the window
        any != 0
            && (0..BLOCK).any(|k| {
                pair(x[k], x[k + 1]) && s[k..k + needle.len()].eq_ignore_ascii_case(needle)
            })
    };
    if n < BLOCK {
        let mut pad = [0u8; 2 * BLOCK];
        if needle.len() <= BLOCK {
            pad[..b.len()].copy_from_slice(b);
            return block_hit(&pad[..]);
        }
        return (0..n).any(|s| at(&b[s..]));
    }
    let mut s = 0;
    loop {
        let from = s.min(n - BLOCK);
        if block_hit(&b[from..]) {
            return true;
        }
        s += BLOCK;
        if s >= n {
            return false;
        }
    }
}

/// [`contains_ci`] as it was: the definition the block search keeps.
#[cfg(test)]
fn contains_ci_plain(line: &str, needle: &[u8], anchor: usize) -> bool {
    let b = line.as_bytes();
    let (p, q) = (needle[anchor], needle[anchor + 1]);
    let pair = |x: u8, y: u8| (x | 0x20 == p) & (y | 0x20 == q);
    b.len() >= needle.len()
        && crate::text::count_pairs(b, pair) > 0
        && b.windows(needle.len())
            .any(|w| pair(w[anchor], w[anchor + 1]) && w.eq_ignore_ascii_case(needle))
}

/// The text after a breadcrumb's first arrow (group 1 of [`BREADCRUMB`]), read by hand: the
/// capturing regex cost thousands of instructions a line. `\s` is `char::is_whitespace` (both
/// are Unicode White_Space), so the trims take what the two `\s*` take; `.*$` then fails only
/// on a line break in the rest (one before it would have been white space taken by a trim).
fn breadcrumb(line: &str) -> Option<&str> {
    if !starts_with_ci(line, b"home") {
        return None;
    }
    let rest = line["home".len()..].trim_start();
    let rest = rest.strip_prefix(['>', '›', '»'])?.trim_start();
    memchr::memchr(b'\n', rest.as_bytes())
        .is_none()
        .then_some(rest)
}

/// The groups of an `UPDATED` line: the text before the `|` (group 1) and the date (group 2).
fn updated(line: &str) -> Option<(Option<&str>, &str)> {
    let b = line.as_bytes();
    // Most lines have neither a line break nor a `|`: one search settles that, and leaves
    // only `updated` at the start to read.
    if memchr::memchr2(b'\n', b'|', b).is_none() {
        return after_updated(line).map(|date| (None, date));
    }
    // memchr's SIMD searches: std's `contains(char)` reads a byte at a time on these paths
    if memchr::memchr(b'\n', b).is_some() {
        // `.` stops at a line break: the regex itself (lines never hold one)
        let c = UPDATED.captures(line)?;
        return Some((
            c.get(1).map(|m| m.as_str()),
            c.get(2).map_or("", |m| m.as_str()),
        ));
    }
    // By hand, as the regex reads it: the optional `… |` part first, at the first `|` after
    // which `updated:` follows; group 1 ends before the spaces in front of that `|`. Otherwise
    // `updated` first. The lazy `(.*?)` made the regex engine try every prefix.
    for bar in memchr::memchr_iter(b'|', b) {
        if let Some(date) = after_updated(line[bar + 1..].trim_start()) {
            return Some((Some(line[..bar].trim_end()), date));
        }
    }
    after_updated(line).map(|date| (None, date))
}

/// `updated\s*[:：]\s*(.*)$` at the start of `s` (`updated` in any case; none of its letters
/// has a non-ASCII case variant): the text of the group.
fn after_updated(s: &str) -> Option<&str> {
    if !starts_with_ci(s, b"updated") {
        return None;
    }
    let s = s["updated".len()..].trim_start();
    let s = s.strip_prefix([':', '：'])?;
    Some(s.trim_start())
}

fn dateline(line: &str) -> Option<regex::Captures<'_>> {
    // Four digits and a separator first; `\d` is any Unicode decimal digit, all of which are
    // `char::is_numeric`.
    // An ASCII first byte other than a digit is no digit at all (the usual case: prose).
    if line
        .as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii() && !c.is_ascii_digit())
    {
        return None;
    }
    let mut chars = line.chars();
    let digits = chars.by_ref().take(4).filter(|c| c.is_numeric()).count();
    (digits == 4 && matches!(chars.next(), Some('-' | '/')))
        .then(|| DATELINE.captures(line))
        .flatten()
}

fn byline(line: &str) -> Option<regex::Captures<'_>> {
    line.starts_with("By")
        .then(|| BYLINE.captures(line))
        .flatten()
}

fn source(line: &str) -> Option<regex::Captures<'_>> {
    // `source` comes first, after an optional `(` and white space; `s` also folds from U+017F.
    let head = line.strip_prefix('(').unwrap_or(line).trim_start();
    matches!(head.chars().next(), Some('s' | 'S' | '\u{17f}'))
        .then(|| SOURCE.captures(line))
        .flatten()
}

fn is_caption(line: &str) -> bool {
    memchr::memchr(b'[', line.as_bytes()).is_some() && CAPTION.is_match(line)
}

/// Bits of [`footer_pairs`]: the `rv` of "erved", the `cp` of "icp" (any case), the first two
/// bytes of 网, 许 or 报.
const RV: u8 = 1;
const CP: u8 = 2;
const ZH: u8 = 4;

/// Which byte pairs that the literal pre-tests of [`is_copyright_with`] and [`is_icp_with`] need
/// `line` has somewhere ([`RV`], [`CP`], [`ZH`]). One vectorised pass for both footer tests, which
/// a prose line (nearly every line) then fails without reading it again; a line with only an
/// `rv` ("service") skips the ICP search.
fn footer_pairs(line: &str) -> u8 {
    pairs_mask(line.as_bytes(), |p, q| {
        let (lp, lq) = (p | 0x20, q | 0x20);
        u8::from((lp == b'r') & (lq == b'v'))
            | u8::from((lp == b'c') & (lq == b'p')) << 1
            | u8::from(
                ((p == 0xE7) & (q == 0xBD))
                    | ((p == 0xE8) & (q == 0xAE))
                    | ((p == 0xE6) & (q == 0x8A)),
            ) << 2
    })
}

#[cfg(test)]
fn is_copyright(line: &str) -> bool {
    is_copyright_with(line, footer_pairs(line))
}

/// [`COPYRIGHT`] on `line`, given [`footer_pairs`] of it.
fn is_copyright_with(line: &str, footer_pairs: u8) -> bool {
    let head =
        starts_with_ci(line, b"copyright") || line.starts_with('©') || starts_with_ci(line, b"(c)");
    // "erved" first: its "rv" is rare in English, so the second search seldom runs.
    let reserved = || {
        footer_pairs & RV != 0
            && contains_ci(line, b"erved", 1)
            && contains_ci(line, b"all right", 6)
    };
    (head || reserved()) && COPYRIGHT.is_match(line)
}

fn is_end_section(line: &str) -> bool {
    matches!(
        line.as_bytes().first(),
        Some(b'e' | b'E' | b'r' | b'R' | b'm' | b'M' | b'y' | b'Y')
    ) && END_SECTION.is_match(line)
}

#[cfg(test)]
fn is_icp(line: &str) -> bool {
    is_icp_with(line, footer_pairs(line))
}

/// [`ICP`] on `line`, given [`footer_pairs`] of it.
fn is_icp_with(line: &str, footer_pairs: u8) -> bool {
    // Each Chinese alternative has 网, 许 or 报; the anchored English ones start with `l` or `r`.
    let literal = || {
        (footer_pairs & CP != 0 && contains_ci(line, b"icp", 1))
            || (footer_pairs & ZH != 0
                && (line.contains('网') || line.contains('许') || line.contains('报')))
    };
    (matches!(line.as_bytes().first(), Some(b'l' | b'L' | b'r' | b'R')) || literal())
        && ICP.is_match(line)
}

fn is_host(line: &str) -> bool {
    !line.contains(' ') && line.contains('.') && HOST.is_match(line)
}

fn is_site_nav(line: &str) -> bool {
    // The longest entry has 19 characters, at most 4 bytes each.
    line.len() <= 19 * 4 && SITE_NAV.is_match(line)
}

/// Words that make up share/print toolbars.
const SHARE_WORDS: &[&str] = &[
    "share", "print", "email", "e-mail", "mail", "wechat", "weibo", "facebook", "twitter",
    "linkedin", "whatsapp", "qzone", "reddit", "close",
];

/// The shortest and longest [`SHARE_WORDS`], in bytes.
const SHARE_LEN: (usize, usize) = {
    let (mut lo, mut hi, mut i) = (usize::MAX, 0, 0);
    while i < SHARE_WORDS.len() {
        let n = SHARE_WORDS[i].len();
        if n < lo {
            lo = n;
        }
        if n > hi {
            hi = n;
        }
        i += 1;
    }
    (lo, hi)
};

/// What one line of a rendering is.
#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    /// Navigation, host names, share/print toolbars, pagers, licence footers: dropped.
    Chrome,
    /// A `Home> … > Section` breadcrumb with its last part.
    Breadcrumb(String),
    /// A date and/or credited publisher line.
    Meta {
        published: Option<DateTime<FixedOffset>>,
        origin: Option<String>,
    },
    /// A photo caption, its credit removed.
    Caption(String),
    /// Copyright line or a list of other stories: the article is over.
    End,
    /// A line of text, borrowed: a body line is copied once, into the body.
    Text(&'a str),
}

/// Classifies a line (spaces already collapsed). `near_top` allows the looser rules that only hold
/// around the headline: bare dates and `By NAME` bylines.
fn classify(line: &str, near_top: bool) -> Line<'_> {
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some(section) = breadcrumb_section(line) {
        return Line::Breadcrumb(section);
    }
    let footer = footer_pairs(line);
    if is_copyright_with(line, footer) || is_end_section(line) {
        return Line::End;
    }
    if is_icp_with(line, footer)
        || is_host(line)
        || is_share_line(line)
        || is_pager(line)
        || line.eq_ignore_ascii_case("home")
        || is_site_nav(line)
    {
        return Line::Chrome;
    }
    if let Some(meta) = meta_line(line, near_top) {
        return meta;
    }
    if is_caption(line) {
        return Line::Caption(collapse_spaces(&CAPTION.replace_all(line, " ")).into_owned());
    }
    Line::Text(line)
}

/// The last part of a `Home> … > Section` breadcrumb (empty for a bare `Home>`).
fn breadcrumb_section(line: &str) -> Option<String> {
    let last = breadcrumb(line)?
        .split(['>', '›', '»'])
        .map(str::trim)
        .rfind(|s| !s.is_empty())
        .unwrap_or("");
    Some(last.to_string())
}

/// Date lines, datelines, bylines and source credits.
fn meta_line(line: &str, near_top: bool) -> Option<Line<'static>> {
    if let Some((credit, date)) = updated(line) {
        let origin = credit.and_then(credit_from_parts);
        return Some(Line::Meta {
            published: dates::parse_date_prefix(date),
            origin,
        });
    }
    if let Some(c) = dateline(line) {
        let bare = c.get(2).is_none() && !line.contains('(');
        if !bare || near_top {
            let origin = c
                .get(2)
                .map(|m| m.as_str().trim().to_string())
                .filter(|s| !s.is_empty());
            return Some(Line::Meta {
                published: dates::parse_date_prefix(&c[1]),
                origin,
            });
        }
    }
    if let Some(c) = source(line) {
        if c[1].split_whitespace().count() <= 6 {
            return Some(Line::Meta {
                published: None,
                origin: Some(c[1].to_string()),
            });
        }
    }
    let c = byline(line)?;
    // `By NAME` alone could start a sentence ("By 2015, …"), so it needs name-like words and,
    // without a credit, a place near the headline.
    let credited = c.get(2).is_some() || c.get(3).is_some();
    if !looks_like_names(&c[1]) || !(credited || near_top) {
        return None;
    }
    let origin = c
        .get(2)
        .map(|m| m.as_str().trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| c.get(3).and_then(|m| credit_from_parts(m.as_str())));
    Some(Line::Meta {
        published: None,
        origin,
    })
}

/// The publisher among `|`-separated byline parts (`By X | China Daily`): the first part that is
/// not the author.
fn credit_from_parts(parts: &str) -> Option<String> {
    parts
        .split('|')
        .map(str::trim)
        .find(|p| {
            !p.is_empty() && !p.starts_with("By ") && !p.to_ascii_lowercase().starts_with("updated")
        })
        .map(str::to_string)
}

/// `Zhang Yu`, `Li Hongyang and Zhang Yu in Hohhot`: capitalised words and connectors only.
fn looks_like_names(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && words.iter().all(|w| {
            matches!(*w, "and" | "in" | "from" | "&" | "de" | "van" | "von")
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        && !s.ends_with('.')
}

fn is_share_line(line: &str) -> bool {
    // Most lines are prose starting with a word of ASCII letters: that word alone settles them.
    // A word ends at a separator; one holding any other character than a letter is no share word
    // (the `-` of "e-mail" splits it). A non-ASCII character after the letters may be either, so
    // the full reading decides then.
    // A first run of letters longer than every share word starts a longer word (whatever
    // follows), so the scan stops there; one of another length than a share word's is none.
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) {
        let n = b
            .iter()
            .take(SHARE_LEN.1 + 1)
            .position(|c| !c.is_ascii_alphabetic())
            .unwrap_or(b.len().min(SHARE_LEN.1 + 1));
        if n > SHARE_LEN.1 {
            return false;
        }
        match b.get(n) {
            None | Some(b'\t'..=b'\r' | b' ' | b'-' | b'|' | b'/' | b':' | b',' | b'[' | b']') => {
                let first = &b[..n];
                if n < SHARE_LEN.0
                    || !SHARE_WORDS
                        .iter()
                        .any(|w| w.as_bytes().eq_ignore_ascii_case(first))
                {
                    return false;
                }
            }
            Some(c) if c.is_ascii() => return false,
            Some(_) => {}
        }
    }
    share_words_only(line)
}

/// Whether every word of `line` is a share word (and there is one).
fn share_words_only(line: &str) -> bool {
    let mut words = line
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '|' | '/' | ':' | '·' | '•' | ',' | '[' | ']')
        })
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| SHARE_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
}

/// Pagers: `1 2 3 >`, `Previous 1 2 Next`, `Next Page`, `<< Previous Page`.
fn is_pager(line: &str) -> bool {
    // A line starting with an ASCII letter starts with a word, which must be one of the pager
    // words; that first word settles most lines (prose) without reading the rest. Its end is
    // the first white space; a non-ASCII character leaves that to the full reading.
    let b = line.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) {
        let n = b
            .iter()
            .position(|c| !c.is_ascii_graphic())
            .unwrap_or(b.len());
        if b.get(n).is_none_or(|&c| matches!(c, b'\t'..=b'\r' | b' ')) {
            let first = &b[..n];
            if ![
                &b"next"[..],
                b"previous",
                b"prev",
                b"first",
                b"last",
                b"page",
                b"more",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
            {
                return false;
            }
        }
    }
    pager_tokens(line)
}

/// Whether the white-space separated tokens of `line` make a pager.
fn pager_tokens(line: &str) -> bool {
    let mut numbers = Vec::new();
    let (mut arrows, mut words) = (0, 0);
    for token in line.split_whitespace() {
        let is = |w: &str| token.eq_ignore_ascii_case(w);
        if let Ok(n) = token.parse::<u32>() {
            numbers.push(n);
        } else if token
            .chars()
            .all(|c| matches!(c, '<' | '>' | '«' | '»' | '‹' | '›' | '|' | '…' | '.'))
        {
            arrows += 1;
        } else if ["next", "previous", "prev", "first", "last"]
            .into_iter()
            .any(is)
        {
            words += 1;
        } else if !(is("page") || is("more")) {
            return false;
        }
    }
    // Page numbers count up from one; two unrelated numbers on a line are data.
    let sequence =
        numbers.windows(2).all(|w| w[1] == w[0] + 1) && numbers.first().is_none_or(|&n| n <= 1);
    sequence && (words > 0 || numbers.len() >= 2 || (!numbers.is_empty() && arrows > 0))
}

/// Fits a headline or section line: short, no sentence punctuation at the end.
fn is_heading(line: &str) -> bool {
    let last = line
        .trim_end_matches(['"', '”', '’', '\'', ')', '）'])
        .chars()
        .last();
    // The end test first: it settles prose lines without reading them whole.
    !matches!(
        last,
        Some('.' | '。' | ';' | '；' | ':' | '：' | ',' | '，') | None
    ) && (line.len() <= 200 || line.chars().count() <= 200)
        // 31 words take at least 61 bytes (a character each, white space between): a shorter
        // line needs no word scan
        && (line.len() < 61 || line.split_whitespace().nth(30).is_none())
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A section line is short, and shorter than the headline that follows it.
fn is_section_line(first: &str, second: &str) -> bool {
    word_count(first) <= 6 && word_count(first) < word_count(second) && first != second
}

/// Words of a name for comparison: lower case, parenthesised asides and punctuation removed.
fn name_words(s: &str) -> Vec<String> {
    PARENTHESES
        .replace_all(s, " ")
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `caption` names the same thing as `title` with a different spelling (Tuoketuo for
/// Togtoh): most words shared, not identical.
fn is_spelling_variant(caption: &str, title: &str) -> bool {
    let (c, t) = (name_words(caption), name_words(title));
    if c.is_empty() || t.is_empty() || c == t {
        return false;
    }
    let shared = c.iter().filter(|w| t.contains(w)).count();
    shared >= 2 && shared * 2 >= c.len().max(t.len()) && shared < c.len().max(t.len())
}

// ---------------------------------------------------------------------------------------------
// Sniffing

/// Raw HTML rather than a text rendering.
fn looks_like_html(text: &str) -> bool {
    // The markers are ASCII and shorter than 15 characters, so comparing the bytes at the start
    // equals comparing the lower-cased first 15 characters.
    let start = text.trim_start();
    [&b"<!doctype"[..], b"<html", b"<head", b"<body", b"<?xml"]
        .iter()
        .any(|p| starts_with_ci(start, p))
        || (start.starts_with('<') && html::has_markup(text) && text.matches("<p").count() >= 2)
}

/// Whether the text names the site ("chinadaily", "china daily", "chinaservicesinfo"), ASCII
/// case-insensitively, without lowercasing the whole document (the same answer as
/// `to_lowercase().contains`: no non-ASCII character lowercases into these words).
fn mentions_site(text: &str) -> bool {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = find_china(b, from) {
        if SITES.iter().any(|m| {
            b.get(i..i + m.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(m))
        }) {
            return true;
        }
        from = i + 1;
    }
    false
}

/// The site names [`mentions_site`] looks for; every one starts with "china".
const SITES: [&[u8]; 3] = [b"chinadaily", b"china daily", b"chinaservicesinfo"];

/// Blocks of [`find_china_in`]: one AVX2 register of start positions.
const CHINA_BLOCK: usize = 32;

crate::text::with_avx2! {
    /// The first position from `from` on where "china" starts, ASCII case-insensitively.
    /// Stopping at every 'c' (about one byte in 35 of English text) cost more than the test
    /// itself.
    fn find_china / find_china_avx2(b: &[u8], from: usize) -> Option<usize> = find_china_in
}

/// Blocks of 32 start positions are tested branch-free for 'c', 'h' and 'a' at offsets 0, 1
/// and 4 (`| 0x20` maps just the two cases of each onto the lower one); only a block with a
/// hit is read position by position. The last positions are read one by one.
#[inline(always)]
fn find_china_in(b: &[u8], mut from: usize) -> Option<usize> {
    const NEEDLE: &[u8] = b"china";
    let is_at = |i: usize| {
        b.get(i..i + NEEDLE.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(NEEDLE))
    };
    while from + CHINA_BLOCK + NEEDLE.len() - 1 <= b.len() {
        let x: &[u8; CHINA_BLOCK + 4] = b[from..from + CHINA_BLOCK + 4].try_into().expect("block");
        let mut any = 0u8;
        for k in 0..CHINA_BLOCK {
            any |= u8::from(
                (x[k] | 0x20 == b'c') & (x[k + 1] | 0x20 == b'h') & (x[k + 4] | 0x20 == b'a'),
            );
        }
        if any != 0 {
            if let Some(k) = (0..CHINA_BLOCK).find(|&k| is_at(from + k)) {
                return Some(from + k);
            }
        }
        from += CHINA_BLOCK;
    }
    (from..b.len()).find(|&i| is_at(i))
}

fn sniff(text: &str) -> Confidence {
    sniff_lines(text, SNIFF_MAX + 0.01)
}

/// The highest confidence [`sniff`] gives a text page.
const SNIFF_MAX: Confidence = 0.98;

/// [`sniff`], read only until the page scores `enough`: the score only grows with the signals
/// seen, so once it reaches `enough` the page scores at least that (and [`SNIFF_MAX`] at most).
/// Below `enough` the answer is the page's score; at or above it, a score between `enough`
/// (capped at [`SNIFF_MAX`]) and the page's. With `enough` above the cap that is the score
/// itself; pages put their footer last, so without the stop the scan read every line. The
/// registry asks only whether the first plugin reaches the others' best, which the language
/// alone settles for most pages, before the site search and the line scan.
fn sniff_lines(text: &str, enough: Confidence) -> Confidence {
    if frontmatter::split(text).is_some() {
        return 0.05; // Jekyll posts belong to the front-matter readers.
    }
    if looks_like_html(text) {
        return if mentions_site(text) { 0.9 } else { 0.1 };
    }
    // The word test usually stops after a few words; the language test reads the whole text.
    let english = text
        .split_whitespace()
        // U+212A KELVIN SIGN is the one non-ASCII letter that lowercases to ASCII ('k').
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '\u{212A}')
        })
        .take(8)
        .count()
        >= 8
        && detect_language(text) == "en";
    let weights = [0.3, 0.25, 0.15, 0.1];
    // What the page scores with the signals in `seen` (`site` too); a margin keeps rounding out
    // of the stop for the cap.
    let score_of = |site: bool, seen: [bool; 4]| {
        let mut score: f32 = if site { 0.35 } else { 0.0 };
        for (seen, weight) in seen.into_iter().zip(weights) {
            if seen {
                score += weight;
            }
        }
        if english {
            score + 0.35
        } else {
            score * 0.5 // Chinese pages are another site's business.
        }
    };
    let least = score_of(false, [false; 4]);
    if least >= enough {
        return least.min(SNIFF_MAX);
    }
    let site = mentions_site(text);
    // One pass over the lines; each signal is tested until a line shows it.
    let [mut crumb, mut date, mut share, mut footer] = [false; 4];
    for l in lines(text).take(400) {
        let l = collapse_spaces(l);
        let l = l.as_ref();
        let before = [crumb, date, share, footer];
        crumb = crumb || breadcrumb(l).is_some();
        date = date
            || updated(l).is_some()
            || dateline(l).is_some_and(|c| c.get(2).is_some() || l.contains('('));
        share = share || is_share_line(l) || is_caption(l);
        footer = footer || {
            let pairs = footer_pairs(l);
            is_copyright_with(l, pairs) || is_icp_with(l, pairs)
        };
        let seen = [crumb, date, share, footer];
        if seen == [true; 4] || (seen != before && score_of(site, seen) >= enough) {
            break;
        }
    }
    score_of(site, [crumb, date, share, footer]).min(SNIFF_MAX)
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// The parts of a page gathered while reading it.
#[derive(Default)]
struct Page {
    doc: ParsedDocument,
    /// The body so far: paragraphs joined by "\n\n", the lines of one (table cells stay one
    /// per line) by "\n". Each line is copied here as it comes, not kept as a string of its own
    /// until the end.
    body: String,
    /// Finished paragraphs.
    paragraphs: usize,
    /// Whether a paragraph is open (has a line).
    open: bool,
    /// Text lines taken into the body so far.
    body_lines: usize,
    ended: bool,
}

impl Page {
    fn new() -> Self {
        Self {
            doc: ParsedDocument {
                format: ID,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn meta(&mut self, published: Option<DateTime<FixedOffset>>, origin: Option<String>) {
        if self.doc.published.is_none() {
            self.doc.published = published;
        }
        if self.doc.origin.is_none() {
            self.doc.origin = origin;
        }
    }

    /// A caption naming the subject with another spelling is an alias; other name-like captions
    /// are image labels; a descriptive caption is article text.
    fn caption(&mut self, caption: String) {
        if caption.is_empty() {
            return;
        }
        if is_heading(&caption) && word_count(&caption) <= 12 {
            if is_spelling_variant(&caption, &self.doc.title)
                && !self.doc.aliases.contains(&caption)
            {
                self.doc.aliases.push(caption);
            }
            return;
        }
        self.text(&caption);
    }

    /// Adds a body line. Prose lines are paragraphs of their own even when a rendering has no
    /// blank line between them; runs of short lines (table cells) stay together, one per line.
    fn text(&mut self, line: &str) {
        let prose = !is_heading(line);
        if prose {
            self.boundary();
        }
        if self.open {
            self.body.push('\n');
        } else if self.paragraphs > 0 {
            self.body.push_str("\n\n");
        }
        self.body.push_str(line);
        self.open = true;
        if prose {
            self.boundary();
        }
        self.body_lines += 1;
    }

    fn boundary(&mut self) {
        if self.open {
            self.paragraphs += 1;
            self.open = false;
        }
    }

    /// Takes one body line. After the end of the article everything is ignored.
    fn body_line(&mut self, line: &str) {
        if self.ended {
            return;
        }
        match classify(line, self.body_lines < 3) {
            Line::Blank => self.boundary(),
            Line::Chrome | Line::Breadcrumb(_) => {}
            Line::Meta { published, origin } => self.meta(published, origin),
            Line::Caption(c) => self.caption(c),
            // An end marker before any text is header chrome (a site-wide copyright bar).
            Line::End => self.ended = self.body_lines > 0,
            Line::Text(t) => self.text(t),
        }
    }

    fn finish(mut self) -> Result<ParsedDocument, Error> {
        self.boundary();
        self.doc.body = std::mem::take(&mut self.body);
        if self.doc.body.is_empty() {
            return Err(malformed(
                "no article text: the page holds only navigation, headline and footer lines",
            ));
        }
        if self.doc.title.is_empty() {
            self.doc.warnings.push("no headline found".into());
        }
        Ok(self.doc)
    }
}

/// How far down a page a breadcrumb may sit (in non-blank lines) and still be the page's.
const CRUMB_WINDOW: usize = 12;

/// Reads a text rendering: the head (section, breadcrumb, headline, date lines), then the body.
fn parse_text(text: &str) -> Result<ParsedDocument, Error> {
    let lines: Vec<Cow<str>> = lines(text).map(collapse_spaces).collect();
    let mut page = Page::new();
    let mut start = 0;
    let mut crumb: Option<(String, Vec<String>)> = None;
    if let Some((k, section)) = find_breadcrumb(&lines) {
        // Lines above the breadcrumb are the section line and navigation.
        let mut above = Vec::new();
        for line in &lines[..k] {
            match classify(line, true) {
                Line::Text(t) => above.push(t.to_string()),
                Line::Meta { published, origin } => page.meta(published, origin),
                _ => {}
            }
        }
        crumb = Some((section, above));
        start = k + 1;
    }
    let (headings, captions, body_start) = read_head(
        &lines,
        start,
        if crumb.is_some() { 1 } else { 2 },
        &mut page,
    );
    let (section, title, extra) = resolve_head(crumb, headings);
    page.doc.section = section;
    page.doc.title = title;
    for t in extra {
        page.text(&t);
    }
    page.boundary();
    for c in captions {
        page.caption(c);
    }
    page.boundary();
    for line in &lines[body_start..] {
        page.body_line(line);
    }
    page.finish()
}

/// Index and section of a `Home>` breadcrumb among the first non-blank lines.
fn find_breadcrumb(lines: &[Cow<str>]) -> Option<(usize, String)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .take(CRUMB_WINDOW)
        .find_map(|(i, l)| breadcrumb_section(l).map(|s| (i, s)))
}

/// Reads heading lines from `start`: at most `max` of them, ending at prose or at the first text
/// after a date line. Date lines go into `page`. Returns the headings, the captions met, and the
/// index where the body starts.
fn read_head(
    lines: &[Cow<str>],
    start: usize,
    max: usize,
    page: &mut Page,
) -> (Vec<String>, Vec<String>, usize) {
    let (mut headings, mut captions) = (Vec::new(), Vec::new());
    let mut seen_meta = false;
    let mut i = start;
    while i < lines.len() {
        match classify(&lines[i], true) {
            Line::Blank | Line::Chrome | Line::End | Line::Breadcrumb(_) => {}
            Line::Meta { published, origin } => {
                page.meta(published, origin);
                seen_meta = true;
            }
            Line::Caption(c) => captions.push(c),
            Line::Text(t) => {
                if !is_heading(t) || headings.len() >= max || (seen_meta && !headings.is_empty()) {
                    break;
                }
                headings.push(t.to_string());
            }
        }
        i += 1;
    }
    (headings, captions, i)
}

/// Section, title, and head lines that turn out to be body text. `crumb` is the breadcrumb's
/// section with the text lines above it.
fn resolve_head(
    crumb: Option<(String, Vec<String>)>,
    headings: Vec<String>,
) -> (String, String, Vec<String>) {
    if let Some((section, above)) = crumb {
        let section = if section.is_empty() {
            above.first().cloned().unwrap_or_default()
        } else {
            section
        };
        let title = match headings.into_iter().next() {
            Some(t) => t,
            None => above
                .into_iter()
                .rfind(|b| *b != section)
                .unwrap_or_default(),
        };
        return (section, title, Vec::new());
    }
    let mut h = headings.into_iter();
    match (h.next(), h.next()) {
        (Some(a), Some(b)) if is_section_line(&a, &b) => (a, b, h.collect()),
        (Some(a), Some(b)) => (String::new(), a, std::iter::once(b).chain(h).collect()),
        (Some(a), None) => (String::new(), a, Vec::new()),
        _ => Default::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Raw HTML

/// Reads a raw HTML page: headline from `<h1>` (or the document title), section from the
/// breadcrumb, date from meta tags or the date line, body from the article container's paragraphs.
fn parse_html(text: &str) -> Result<ParsedDocument, Error> {
    let dom = html::parse(text);
    let mut page = Page::new();
    page.doc.title = html_title(&dom);
    page.doc.published = meta_date(&dom);
    let body_el = dom.find(|d, id| d.name(id) == Some("body")).unwrap_or(ROOT);
    let lines = dom.paragraphs(body_el, TextOptions::default());
    // Whole-page lines give the breadcrumb and date line; bare dates are not trusted here since
    // headers and sidebars show dates of their own.
    for line in &lines {
        match classify(line, false) {
            Line::Breadcrumb(s) if page.doc.section.is_empty() => page.doc.section = s,
            Line::Meta { published, origin } => page.meta(published, origin),
            _ => {}
        }
    }
    let container = article_container(&dom).unwrap_or(body_el);
    let mut paragraphs = dom.paragraphs(container, TextOptions::default());
    // Whatever precedes the headline inside the container is header chrome.
    if let Some(pos) = paragraphs.iter().position(|p| *p == page.doc.title) {
        paragraphs.drain(..=pos);
    }
    for p in paragraphs {
        page.body_line(&p);
        page.body_line("");
    }
    page.finish()
}

/// `<h1>`, else `og:title`, else `<title>` without the site name, else the first `<h2>`.
fn html_title(dom: &Dom) -> String {
    let text_of = |name: &str| {
        dom.find_all(|d, id| d.name(id) == Some(name))
            .into_iter()
            .map(|id| dom.text(id))
            .find(|t| !t.is_empty())
    };
    if let Some(t) = text_of("h1") {
        return t;
    }
    let og =
        dom.find(|d, id| d.name(id) == Some("meta") && d.attr(id, "property") == Some("og:title"));
    if let Some(t) = og
        .and_then(|id| dom.attr(id, "content"))
        .map(collapse_spaces)
        .filter(|t| !t.is_empty())
    {
        return t.into_owned();
    }
    if let Some(t) = text_of("title")
        .map(|t| strip_site_name(&t))
        .filter(|t| !t.is_empty())
    {
        return t;
    }
    text_of("h2").unwrap_or_default()
}

/// `Baotou park - Chinadaily.com.cn` → `Baotou park`.
fn strip_site_name(title: &str) -> String {
    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| re(r"\s+[-|_–—]\s+"));
    SEPARATOR
        .split(title)
        .map(str::trim)
        .filter(|p| {
            let l = p.to_ascii_lowercase();
            !p.is_empty()
                && !l.contains("chinadaily")
                && !l.contains("china daily")
                && !l.contains("chinaservicesinfo")
        })
        .collect::<Vec<_>>()
        .join(" - ")
}

/// Publication date from the usual meta tags.
fn meta_date(dom: &Dom) -> Option<DateTime<FixedOffset>> {
    const NAMES: &[&str] = &[
        "publishdate",
        "pubdate",
        "publish_date",
        "article:published_time",
        "date",
    ];
    dom.find_all(|d, id| d.name(id) == Some("meta"))
        .into_iter()
        .filter(|&id| {
            let key = dom
                .attr(id, "name")
                .or_else(|| dom.attr(id, "property"))
                .unwrap_or("");
            NAMES.iter().any(|n| key.eq_ignore_ascii_case(n))
        })
        .find_map(|id| dom.attr(id, "content").and_then(dates::parse_date_prefix))
}

/// The element holding the article: a known content id, else the element whose direct `<p>`
/// children carry the most text.
fn article_container(dom: &Dom) -> Option<NodeId> {
    const IDS: &[&str] = &[
        "content",
        "article",
        "artibody",
        "articlecontent",
        "article-content",
        "content_text",
        "detail",
    ];
    let known = dom.find(|d, id| {
        d.attr(id, "id")
            .is_some_and(|v| IDS.iter().any(|k| v.eq_ignore_ascii_case(k)))
    });
    if known.is_some_and(|id| !dom.text(id).is_empty()) {
        return known;
    }
    let p_text = |id: NodeId| -> usize {
        match dom.node(id) {
            Some(html::Node::Element { children, .. }) => children
                .iter()
                .filter(|&&c| dom.name(c) == Some("p"))
                .map(|&c| dom.text(c).chars().count())
                .sum(),
            _ => 0,
        }
    };
    dom.find_all(|_, _| true)
        .into_iter()
        .map(|id| (p_text(id), id))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> ParsedDocument {
        let input = Input {
            bytes: text.as_bytes(),
            text,
        };
        ChinaDaily.parse(input).unwrap_or_else(|e| panic!("{e}"))
    }

    const PROSE: &str = "The park covers 18 square kilometers and hosts 40 companies.";

    /// The anchored pair search answers what lower-casing and searching answers, wherever the
    /// needle sits (start, end, overlapping false starts, mixed case, next to non-ASCII text).
    #[test]
    fn anchored_search_agrees_with_lower_casing() {
        let needles: [(&[u8], usize); 3] = [(b"erved", 1), (b"all right", 6), (b"icp", 1)];
        let lines = [
            "",
            "v",
            "ICP",
            "icp备12345号",
            "京ICP证040089号",
            "xicpx",
            "pic cp ic p",
            "All Rights Reserved",
            "all rightsreserved",
            "ALL RIGHT",
            "all righ",
            "reserve served erve erved",
            "resERVED",
            "Copyright 1995 - 2024. All rights reserved. ©",
            "版权所有 all right 保留 reserved",
            "The park covers 18 square kilometers and hosts 40 companies.",
            "a\u{212A}ll right", // KELVIN SIGN: not an ASCII k, never matches "all right"
        ];
        for line in lines {
            for (needle, anchor) in needles {
                let want = line
                    .to_ascii_lowercase()
                    .contains(std::str::from_utf8(needle).unwrap());
                assert_eq!(
                    contains_ci(line, needle, anchor),
                    want,
                    "{line:?} {needle:?}"
                );
            }
        }
    }

    /// The block search answers what the pair count and window scan answered, on random lines
    /// of every length around the 32-start blocks (short, padded, overlapping last block).
    #[test]
    fn block_search_agrees_with_the_window_scan() {
        let pieces = [
            "erved",
            "ERVED",
            "rv",
            "RV",
            "erve",
            "d",
            "e",
            "all right",
            "ALL RIGHTS",
            "all righ",
            "t",
            "icp",
            "ICP",
            "cp",
            "i",
            "c",
            "p",
            " ",
            "x",
            "the park ",
            "é",
            "网",
            "\u{212A}",
            "备",
            "公网安备",
            "许可证",
            "报",
        ];
        let needles: [(&[u8], usize); 3] = [(b"erved", 1), (b"all right", 6), (b"icp", 1)];
        for t in crate::test_support::Xorshift::texts(0xc0c1, 30000, 40, &pieces) {
            for (needle, anchor) in needles {
                assert_eq!(
                    contains_ci(&t, needle, anchor),
                    contains_ci_plain(&t, needle, anchor),
                    "{t:?} {needle:?}"
                );
            }
            let old = |l: &str| {
                crate::text::count_pairs(l.as_bytes(), |p, q| {
                    let (lp, lq) = (p | 0x20, q | 0x20);
                    ((lp == b'r') & (lq == b'v'))
                        | ((lp == b'c') & (lq == b'p'))
                        | ((p == 0xE7) & (q == 0xBD))
                        | ((p == 0xE8) & (q == 0xAE))
                        | ((p == 0xE6) & (q == 0x8A))
                }) > 0
            };
            assert_eq!(footer_pairs(&t) != 0, old(&t), "{t:?}");
            assert_eq!(is_copyright(&t), COPYRIGHT.is_match(&t), "{t:?}");
            assert_eq!(is_icp(&t), ICP.is_match(&t), "{t:?}");
        }
        let pieces = [
            "share",
            "Print",
            "e-mail",
            "mail",
            "facebook",
            "linkedin",
            "whatsapp",
            "x",
            "ab",
            "abcdefghi",
            " ",
            "|",
            "-",
            ":",
            "é",
            "·",
            "\u{212A}",
            "close",
            "WeChat",
        ];
        for t in crate::test_support::Xorshift::texts(0x5ea7, 30000, 8, &pieces) {
            assert_eq!(is_share_line(&t), share_words_only(&t), "{t:?}");
        }
        // the length gate before the word scan of `is_heading`
        let pieces = ["a", "b", " ", "\u{3000}", "\t", "é", "园", "x y"];
        for t in crate::test_support::Xorshift::texts(0x4ead, 30000, 80, &pieces) {
            assert_eq!(
                t.len() < 61 || t.split_whitespace().nth(30).is_none(),
                t.split_whitespace().nth(30).is_none(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn section_line_then_breadcrumb_and_caption_alias() {
        let d = run(&format!(
            "Industrial Zones\n\nHome> Industrial Zones\n\nInner Mongolia Togtoh Industrial Park (autonomous region-level development zone)\n\n\n\nInner Mongolia Tuoketuo Industrial Park [Photo/]\n\n{PROSE}\u{a0}\n"
        ));
        assert_eq!(d.section, "Industrial Zones");
        assert_eq!(
            d.title,
            "Inner Mongolia Togtoh Industrial Park (autonomous region-level development zone)"
        );
        assert_eq!(d.aliases, ["Inner Mongolia Tuoketuo Industrial Park"]);
        assert_eq!(d.body, PROSE);
    }

    #[test]
    fn spaced_breadcrumb_takes_last_part() {
        let d = run(&format!(
            "Home > News > Hohhot\n\nA new park opens\n\n{PROSE}\n"
        ));
        assert_eq!(
            (d.section.as_str(), d.title.as_str()),
            ("Hohhot", "A new park opens")
        );
    }

    #[test]
    fn section_line_without_breadcrumb_and_updated_print_share() {
        let d = run(&format!(
            "Industrial Parks\n\nBaotou Equipment Manufacturing Industrial Park\n\nUpdated: Dec 11, 2017 Print\nShare - WeChat\n\n{PROSE}\n\nCopyright©2024 China Daily. All rights reserved.\n\n\n京公网安 京公网安备 11010502032503号"
        ));
        assert_eq!(d.section, "Industrial Parks");
        assert_eq!(d.title, "Baotou Equipment Manufacturing Industrial Park");
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2017-12-11T00:00:00+08:00"
        );
        assert_eq!(d.body, PROSE);
    }

    #[test]
    fn chinaservicesinfo_host_line_and_iso_updated() {
        let d = run(&format!(
            "www.chinaservicesinfo.com\n\nHohhot Economic Zone\n\nUpdated: 2013-12-17\n\n{PROSE}\n"
        ));
        assert_eq!(
            (d.section.as_str(), d.title.as_str()),
            ("", "Hohhot Economic Zone")
        );
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2013-12-17T00:00:00+08:00"
        );
        assert_eq!(d.body, PROSE);
    }

    #[test]
    fn datelines_full_and_cut_off() {
        let d = run(&format!(
            "Region speeds up industry\n\n2021-06-09 (chinadaily.com.cn)\n\n{PROSE}\n"
        ));
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2021-06-09T00:00:00+08:00"
        );
        assert_eq!(d.origin.as_deref(), Some("chinadaily.com.cn"));
        let d = run(&format!(
            "Region speeds up industry\n\n2021-06-09 (\n\n{PROSE}\n"
        ));
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2021-06-09T00:00:00+08:00"
        );
        assert_eq!(d.origin, None);
        assert_eq!(d.body, PROSE);
    }

    #[test]
    fn bylines_are_dropped_and_credit_the_publisher() {
        let d = run(&format!("A headline\n\nBy Zhang Yu (chinadaily.com.cn)\n\n{PROSE}\n\nBy 2015, the park had 40 firms.\n"));
        assert_eq!(d.origin.as_deref(), Some("chinadaily.com.cn"));
        assert_eq!(
            d.body,
            format!("{PROSE}\n\nBy 2015, the park had 40 firms.")
        );
        let d = run(&format!("A headline\n\nBy Li Hongyang in Hohhot | China Daily | Updated: 2021-06-09 07:52\n\n{PROSE}\n"));
        assert_eq!(d.origin.as_deref(), Some("China Daily"));
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2021-06-09T07:52:00+08:00"
        );
        assert_eq!(d.body, PROSE);
    }

    #[test]
    fn pagers_editors_picks_and_tables() {
        let d = run(&format!(
            "A headline\n\n{PROSE}\n\nName\nArea\nTogtoh\n18 sq km\n\n1 2 3 >\n\nNext Page\n\nPrevious Page\n\nEditors' Picks\n\nAnother story entirely\n"
        ));
        assert_eq!(d.body, format!("{PROSE}\n\nName\nArea\nTogtoh\n18 sq km"));
    }

    #[test]
    fn prose_lines_without_blank_lines_are_separate_paragraphs() {
        let d = run(&format!(
            "A headline\n{PROSE}\nIndustry boosts growth\n{PROSE}\nAbout China Daily\nContact Us\n"
        ));
        assert_eq!(
            d.body,
            format!("{PROSE}\n\nIndustry boosts growth\n\n{PROSE}")
        );
    }

    #[test]
    fn chinese_names_in_brackets_stay() {
        let d = run("Ordos Hi-Tech Industrial Park\n\nOrdos Hi-Tech Industrial Park (鄂尔多斯高新技术产业园区) is a zone.\n");
        assert_eq!(
            d.body,
            "Ordos Hi-Tech Industrial Park (鄂尔多斯高新技术产业园区) is a zone."
        );
    }

    #[test]
    fn descriptive_captions_stay_and_unrelated_labels_go() {
        let d = run(&format!(
            "Togtoh Industrial Park\n\nWorkers check equipment at a plant in the park on June 1. [Photo/Xinhua]\n\nA view of Hohhot [Photo/]\n\n{PROSE}\n"
        ));
        assert_eq!(
            d.body,
            format!("Workers check equipment at a plant in the park on June 1.\n\n{PROSE}")
        );
        assert!(d.aliases.is_empty());
    }

    #[test]
    fn html_page_is_reduced_to_the_article() {
        let page = r#"<!DOCTYPE html><html><head><title>Baotou park grows - Chinadaily.com.cn</title>
            <meta name="publishdate" content="2017-12-11"><script>var a = "<p>no</p>";</script><style>p{}</style></head>
            <body><div class="topNav"><a href="/">Home</a><a href="/x">Business</a></div>
            <div class="da-bre"><a href="//www.chinadaily.com.cn">Home</a>&gt;<a href="/parks">Industrial Parks</a></div>
            <h1>Baotou park grows</h1><p class="info">Updated: Dec 11, 2017 Print</p>
            <div id="Content"><p>First &amp; foremost, the park grows.</p><p>Second paragraph.</p></div>
            <div id="footer"><p>Copyright&copy;2024 China Daily. All rights reserved.</p><p>京ICP备13028878号-6</p></div>
            </body></html>"#;
        let d = run(page);
        assert_eq!(d.title, "Baotou park grows");
        assert_eq!(d.section, "Industrial Parks");
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2017-12-11T00:00:00+08:00"
        );
        assert_eq!(
            d.body,
            "First & foremost, the park grows.\n\nSecond paragraph."
        );
    }

    #[test]
    fn html_without_content_id_uses_the_densest_paragraph_block() {
        let page = "<html><head><title>Park news | China Daily</title></head><body><ul><li>Menu</li></ul><div><p>One long article paragraph here.</p><p>Another one.</p></div><div><p>Side</p></div></body></html>";
        let d = run(page);
        assert_eq!(d.title, "Park news");
        assert_eq!(d.body, "One long article paragraph here.\n\nAnother one.");
    }

    #[test]
    fn only_chrome_is_malformed() {
        let input = "Home> Parks\n\nCopyright©2024 China Daily. All rights reserved.\n";
        assert!(matches!(
            ChinaDaily.parse(Input {
                bytes: input.as_bytes(),
                text: input
            }),
            Err(Error::Malformed { .. })
        ));
    }

    #[test]
    fn sniff_levels() {
        assert!(sniff(&format!("Industrial Parks\n\nHome> Industrial Parks\n\nA title\n\nUpdated: 2013-12-17\n\n{PROSE}")) >= 0.85);
        assert!(sniff(&format!("A plain headline\n\n{PROSE}")) >= 0.3);
        assert!(sniff("---\ntitle: 标题\n---\n正文\n") < 0.1);
        assert!(sniff("这是一篇中文文章，没有任何标记。") < 0.3);
        assert!(sniff("<!DOCTYPE html><html><body><p>chinadaily.com.cn</p></body></html>") > 0.8);
    }

    #[test]
    fn sniff_stopping_at_the_cap_scores_like_reading_every_line() {
        let crumb = "Home> Industrial Parks";
        let date = "Updated: 2013-12-17";
        let share = "Share on Facebook";
        let footer = "Copyright 1995 - 2024. All rights reserved.";
        let site = "(chinadaily.com.cn)";
        let zh = "这是一篇中文文章，没有任何标记。";
        let parts = [crumb, date, share, footer, site, PROSE, zh];
        // Each signal counts (so the stop is exercised, not skipped); on a Chinese page, where
        // the score stays below the cap.
        let whole = |parts: &[&str]| sniff_lines(&parts.join("\n\n"), f32::INFINITY);
        let all = whole(&[crumb, date, share, footer, zh]);
        for i in 0..4 {
            let mut fewer = vec![crumb, date, share, footer, zh];
            fewer.remove(i);
            assert!(whole(&fewer) < all, "signal {i} counts");
        }
        // Every subset of the signals, in two orders, each part on its own line.
        for mask in 0u32..(1 << parts.len()) {
            for reversed in [false, true] {
                let mut chosen: Vec<&str> = (0..parts.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| parts[i])
                    .collect();
                if reversed {
                    chosen.reverse();
                }
                let page = chosen.join("\n\n");
                let score = sniff_lines(&page, f32::INFINITY);
                assert_eq!(sniff(&page), score, "{page:?}");
                // The registry's question, at every score a page can get and around it.
                let input = Input {
                    bytes: page.as_bytes(),
                    text: &page,
                };
                for floor in [
                    0.0, 0.05, 0.1, 0.175, 0.3, 0.35, 0.5, 0.65, 0.7, 0.8, 0.9, 0.98, 0.99,
                ]
                .into_iter()
                .chain([score, score - f32::EPSILON, score + f32::EPSILON])
                {
                    assert_eq!(
                        ChinaDaily.sniff_at_least(input, floor),
                        score >= floor,
                        "{page:?} at {floor}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_k_and_s_case_fold_from_non_ascii() {
        // The premise of the literal pre-tests: no other ASCII letter has a non-ASCII `(?i)` match.
        let all: String = ('\u{80}'..=char::MAX).collect();
        let others = Regex::new(r"(?i)[a-jl-rt-z]").expect("regex");
        assert_eq!(others.find(&all).map(|m| m.as_str()), None);
        let ks = Regex::new(r"(?i)[ks]").expect("regex");
        let found: Vec<&str> = ks.find_iter(&all).map(|m| m.as_str()).collect();
        assert_eq!(found, ["\u{17f}", "\u{212a}"]);
    }

    const PIECES: &[&str] = &[
        "home",
        "Home",
        "HOME",
        ">",
        "›",
        " ",
        "updated",
        "UPDATED",
        "Updated",
        ":",
        "：",
        "2021-06-09",
        "10:27",
        "١٢٣٤",
        "(",
        ")",
        "Xinhua",
        "By",
        "Zhang",
        "|",
        "source",
        "Source",
        "ſource",
        "[Photo/]",
        "[",
        "]",
        "photo",
        "copyright",
        "Copyright",
        "©",
        "(c)",
        "2024",
        "all rights reserved",
        "All Rights Reserved",
        "ICP备",
        "ICP",
        "icp license",
        "License for publishing",
        "registration number",
        "www.",
        "chinadaily",
        ".com",
        ".cn",
        "Editors' Picks",
        "related news",
        "Most read",
        "you may also like",
        "about us",
        "top",
        "e-paper",
        "K",
        "园",
        "公网安备",
        "视听节目许可证",
        "违法和不良信息举报",
        "ſ",
        "gh",
        "p",
        "( source",
        "1",
        "Ｈ",
        "\t",
        "x",
        // pagers
        "Next",
        "previous",
        "Page",
        "more",
        "<",
        "»",
        "…",
        "2",
        // share toolbars
        "Share",
        "share",
        "WeChat",
        "e-mail",
        "Print",
        "·",
        "•",
        "\u{a0}",
        "\u{b}",
        "/",
        "-",
        ",",
        "Sharex",
        "é",
        // pairs that pass the footer pre-test without completing its literals
        "CPC",
        "serve",
        "技",
        "计",
        "罗",
    ];

    /// The site test as it was: a stop at every 'c'.
    fn mentions_site_at_every_c(text: &str) -> bool {
        let b = text.as_bytes();
        memchr::memchr2_iter(b'c', b'C', b).any(|i| {
            SITES.iter().any(|m| {
                b.get(i..i + m.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(m))
            })
        })
    }

    const SITE_PIECES: &[&str] = &[
        "c",
        "C",
        "h",
        "H",
        "a",
        "A",
        "china",
        "China",
        "CHINA",
        "cHiNa",
        "chinadaily",
        "ChinaDaily",
        "china daily",
        "China Daily",
        "CHINA DAILY",
        "chinaservicesinfo",
        "ChinaServicesInfo",
        "daily",
        "Daily",
        "servicesinfo",
        " ",
        "chin",
        "hina",
        "chxna",
        "chixa",
        "é",
        "中",
        "\n",
        "x",
        "news ",
    ];

    proptest::proptest! {
        #[test]
        fn site_search_keeps_the_answer_of_a_stop_at_every_c(
            picks in proptest::collection::vec(0..SITE_PIECES.len(), 0..60)
        ) {
            let text: String = picks.iter().map(|&i| SITE_PIECES[i]).collect();
            proptest::prop_assert_eq!(mentions_site(&text), mentions_site_at_every_c(&text));
            for cut in 0..text.len().min(40) {
                if let Some(t) = text.get(cut..) {
                    proptest::prop_assert_eq!(mentions_site(t), mentions_site_at_every_c(t));
                }
            }
        }

        #[test]
        fn literal_pre_tests_keep_regex_answers(
            picks in proptest::collection::vec(0..PIECES.len(), 0..7)
        ) {
            let line: String = picks.iter().map(|&i| PIECES[i]).collect();
            let l = line.as_str();
            let same = |a: Option<regex::Captures<'_>>, re: &Regex| {
                a.map(|c| c.get(0).map(|m| m.range())) == re.captures(l).map(|c| c.get(0).map(|m| m.range()))
            };
            proptest::prop_assert_eq!(
                breadcrumb(l),
                BREADCRUMB.captures(l).map(|c| c.get(1).map_or("", |m| m.as_str()))
            );
            let groups = UPDATED
                .captures(l)
                .map(|c| (c.get(1).map(|m| m.as_str()), c.get(2).map_or("", |m| m.as_str())));
            proptest::prop_assert_eq!(updated(l), groups);
            proptest::prop_assert!(same(dateline(l), &DATELINE));
            proptest::prop_assert!(same(byline(l), &BYLINE));
            proptest::prop_assert!(same(source(l), &SOURCE));
            proptest::prop_assert_eq!(is_caption(l), CAPTION.is_match(l));
            proptest::prop_assert_eq!(is_copyright(l), COPYRIGHT.is_match(l));
            proptest::prop_assert_eq!(is_end_section(l), END_SECTION.is_match(l));
            proptest::prop_assert_eq!(is_icp(l), ICP.is_match(l));
            proptest::prop_assert_eq!(is_host(l), HOST.is_match(l));
            proptest::prop_assert_eq!(is_site_nav(l), SITE_NAV.is_match(l));
            proptest::prop_assert_eq!(is_share_line(l), share_words_only(l));
            proptest::prop_assert_eq!(is_pager(l), pager_tokens(l));
        }
    }

    #[test]
    fn breadcrumb_reads_like_the_regex() {
        let pieces = [
            "home", "Home", "HOME", "hom", "e", ">", "›", "»", " ", "\n", "\t", "\u{a0}",
            "\u{2003}", "\u{85}", "News", "x", "é", "园区", "|", ">>",
        ];
        for l in crate::test_support::Xorshift::texts(0xb7ead, 20000, 8, &pieces) {
            let old = BREADCRUMB
                .captures(&l)
                .map(|c| c.get(1).map_or("", |m| m.as_str()));
            assert_eq!(breadcrumb(&l), old, "{l:?}");
        }
    }

    #[test]
    fn updated_lines_read_like_the_regex() {
        for l in [
            "",
            "Updated: 2021-06-09 07:52",
            "UPDATED：2021",
            "By Zhang Yu | China Daily | Updated: 2021-06-09 07:52",
            "a | b | updated : x",
            "a | updated x | Updated:  y ",
            "a|updated:",
            "updated",
            "updated:\u{a0} x",
            " updated: x",
            "x updated: y",
            "a \u{2003}| updated:\ty",
            "|| updated: z",
            "a\nUpdated: b",
            "a | b\n| Updated: c",
            "Updatedé: x",
        ] {
            let groups = UPDATED.captures(l).map(|c| {
                (
                    c.get(1).map(|m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(updated(l), groups, "{l:?}");
        }
    }

    #[test]
    fn pager_detection() {
        for yes in [
            "1 2 3 >",
            "Next Page",
            "Previous Page",
            "< Previous 1 2 Next >",
            "1 2",
        ] {
            assert!(is_pager(yes), "{yes}");
        }
        for no in [
            "2017",
            "100 200",
            "Next steps for the park",
            "18 sq km",
            "3 5",
        ] {
            assert!(!is_pager(no), "{no}");
        }
    }
}
