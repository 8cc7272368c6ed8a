//! Text helpers shared by the extractors: sentences, list splitting, offsets.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// Whether `c` is a CJK ideograph.
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Character offset of byte offset `byte` in `text`.
pub fn char_offset(text: &str, byte: usize) -> usize {
    crate::gazetteer::char_offset(text, byte)
}

/// A sentence: byte range into the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

impl Sentence {
    /// The sentence text.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

const ABBREVIATIONS: &[&str] = &[
    "no", "co", "ltd", "inc", "corp", "mr", "mrs", "ms", "dr", "st", "vs", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "approx",
    "dept", "govt", "prof",
];

/// Splits `text` into sentences (English and Chinese), never across a line break.
///
/// Walks bytes: every boundary character but the three full-width ones is ASCII, so only those
/// bytes are looked at (this runs over every document twice and showed in the profile).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next();
    let mut out = Vec::new();
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        let seg = &text[s..e];
        // one trim from each end: what is left after the front is trimmed ends where `seg` does
        let rest = seg.trim_start();
        if rest.is_empty() {
            return;
        }
        let lead = seg.len() - rest.len();
        let trail = rest.len() - rest.trim_end().len();
        out.push(Sentence {
            start: s + lead,
            end: e - trail,
        });
    };
    // `b` is always a char boundary: it moves by one ASCII byte, or to a boundary (skipping bytes
    // that start no boundary character stops only on ASCII or on a lead byte).
    let (mut start, mut b) = (0, 0);
    let mut stops = Stops::new(bytes);
    while b < bytes.len() {
        b = stops.next(b);
        if b == bytes.len() {
            break;
        }
        match bytes[b] {
            b'\n' => {
                push(&mut out, start, b);
                start = b + 1;
            }
            c @ (b'.' | b'!' | b'?') => {
                let mut j = b + 1;
                while let Some(q @ ('"' | '”' | '’' | '\'' | ')')) = char_at(j) {
                    j += q.len_utf8();
                }
                let next = char_at(j);
                if next.is_none_or(char::is_whitespace) {
                    let mut k = j;
                    while bytes.get(k) == Some(&b' ') {
                        k += 1;
                    }
                    let after = char_at(k);
                    let next_ok = after.is_none_or(|ch| {
                        ch == '\n'
                            || ch.is_uppercase()
                            || ch.is_ascii_digit()
                            || matches!(ch, '"' | '“' | '‘' | '(' | '[')
                            || is_han(ch)
                    });
                    // the abbreviation test only where it decides
                    let abbrev = || c == b'.' && is_abbreviation(&text[start..b]);
                    if next_ok && !(next.is_some() && after != Some('\n') && abbrev()) {
                        push(&mut out, start, j);
                        start = j;
                        b = j;
                        continue;
                    }
                }
            }
            0xE3 | 0xEF if text[b..].starts_with(['。', '！', '？']) => {
                // Keep a closing quote with its sentence.
                let mut e = b + 3;
                while let Some(q @ ('”' | '」' | '）' | ')')) = char_at(e) {
                    e += q.len_utf8();
                }
                push(&mut out, start, e);
                start = e;
                b = e;
                continue;
            }
            _ => {}
        }
        b += 1;
    }
    push(&mut out, start, text.len());
    out
}

/// The bytes a sentence splitter looks at: ASCII stops and line breaks, and the lead byte of
/// `。！？` (both splitters, here and in `statistics::text`, skip every other byte). [`Stops`]
/// finds them; this table pins it.
#[cfg(test)]
pub(crate) static MAY_END_SENTENCE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Finds the bytes [`MAY_END_SENTENCE`] marks with two SIMD searches (`\n . !` and `? E3 EF`)
/// instead of a table look-up per byte. Each search's hit is kept until the walk passes it, so a
/// byte that is rare in the text is not searched for again at every stop.
pub(crate) struct Stops<'a> {
    hay: &'a [u8],
    /// The next hit of each search at or after the last `from` (`hay.len()` for none).
    found: [Option<usize>; 2],
}

impl<'a> Stops<'a> {
    pub(crate) fn new(hay: &'a [u8]) -> Self {
        Stops {
            hay,
            found: [None, None],
        }
    }

    /// The first marked byte at or after `from`, `hay.len()` if none. `from` must not decrease
    /// from one call to the next.
    pub(crate) fn next(&mut self, from: usize) -> usize {
        let len = self.hay.len();
        let rest = self.hay.get(from..).unwrap_or(&[]);
        for (k, slot) in self.found.iter_mut().enumerate() {
            if slot.is_none_or(|p| p < from) {
                let hit = if k == 0 {
                    memchr::memchr3(b'\n', b'.', b'!', rest)
                } else {
                    memchr::memchr3(b'?', 0xE3, 0xEF, rest)
                };
                *slot = Some(hit.map_or(len, |p| from + p));
            }
        }
        self.found[0]
            .unwrap_or(len)
            .min(self.found[1].unwrap_or(len))
    }
}

/// Whether the last word of `before` (a sentence up to a full stop) is an abbreviation
/// (`Co.`, `Jan.`) or a single letter (an initial).
fn is_abbreviation(before: &str) -> bool {
    // Most words before a full stop are ASCII and longer than any abbreviation: read from the
    // end, the last seven bytes settle it without splitting off the word. A word ending in
    // seven ASCII letters is neither an abbreviation nor one letter even if it holds other
    // characters further back (lower-casing turns only the Kelvin sign into ASCII, a k, in no
    // abbreviation).
    let b = before.as_bytes();
    for j in (b.len().saturating_sub(ABBREVIATION_MAX + 1)..b.len()).rev() {
        match b[j] {
            b' ' | b'\t'..=b'\r' | b'(' => return is_ascii_abbreviation(&before[j + 1..]),
            x if !x.is_ascii() => return is_abbreviation_general(before),
            _ => {}
        }
    }
    b.len() <= ABBREVIATION_MAX && is_ascii_abbreviation(before)
}

/// The longest of [`ABBREVIATIONS`].
const ABBREVIATION_MAX: usize = 6;

fn is_ascii_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        || (word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic())
}

/// [`is_abbreviation`] splitting off the word by characters (and the oracle of its pinning
/// test).
fn is_abbreviation_general(before: &str) -> bool {
    let word = before
        .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
        .next()
        .unwrap_or("");
    if word.is_ascii() {
        return is_ascii_abbreviation(word);
    }
    let word = word.to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (word.len() == 1 && word.chars().all(|ch| ch.is_alphabetic()))
}

/// Words for small numbers.
pub fn number_word(w: &str) -> Option<usize> {
    let w = w.to_lowercase();
    let n = match w.as_str() {
        "one" | "a" | "an" | "一" => 1,
        "two" | "二" | "两" => 2,
        "three" | "三" => 3,
        "four" | "四" => 4,
        "five" | "五" => 5,
        "six" | "六" => 6,
        "seven" | "七" => 7,
        "eight" | "八" => 8,
        "nine" | "九" => 9,
        "ten" | "十" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return w.parse().ok(),
    };
    Some(n)
}

/// Chinese numeral 一 … 九十九 as a number.
pub fn zh_numeral(s: &str) -> Option<usize> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or(if c == '两' { Some(2) } else { None })
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => s.parse().ok(),
    }
}

/// Fixed phrases joined by "and" that name one thing.
const FIXED_AND_PHRASES: &[&str] = &[
    "energy saving and environmental protection",
    "energy conservation and environmental protection",
    "research and development",
    "science and technology",
    "power and energy",
    "oil and gas",
    "food and beverage",
    "food and beverages",
    "textiles and garments",
    "textile and garment",
    "textile and apparel",
    "storage and transportation",
    "warehousing and logistics",
    "trade and logistics",
    "processing and manufacturing",
    "production and living",
    "small and medium-sized",
    "agricultural and livestock",
    "agriculture and animal husbandry",
    "forestry and prataculture",
    "iron and steel",
    "wind and solar",
    "culture and tourism",
    "commerce and trade",
    "education and training",
];

fn contains_fixed_phrase(s: &str) -> bool {
    // every phrase holds " and ": one search rules most texts out instead of 25. It runs on the
    // text itself, ASCII case-insensitively, before lower-casing a copy: no character outside
    // ASCII lower-cases to a space or to a, n or d. It looks for the d: spaces are everywhere.
    if !contains_ci_at(s, " and ", 3) {
        return false;
    }
    // every phrase holds " and " once: it is in `l` when its two sides are around an " and " of
    // `l` (every one, overlapping ones too). That compares a few bytes per phrase where
    // `str::contains` set up a substring searcher per phrase.
    static SIDES: LazyLock<Vec<(&[u8], &[u8])>> = LazyLock::new(|| {
        FIXED_AND_PHRASES
            .iter()
            .map(|ph| {
                let (left, right) = ph.split_at(ph.find(" and ").expect("every phrase holds and"));
                (left.as_bytes(), &right.as_bytes()[" and ".len()..])
            })
            .collect()
    });
    let ci_side = |x: &[u8], side: &[u8]| x.eq_ignore_ascii_case(side);
    if s.is_ascii() {
        // an ASCII text lower-cases byte for byte: its " and "s (found by their d) and the
        // phrases' sides are compared in place, without a lower-cased copy
        let b = s.as_bytes();
        return memchr::memchr2_iter(b'd', b'D', b)
            .filter(|&i| i >= 3 && i + 2 <= b.len() && ci_side(&b[i - 3..i + 2], b" and "))
            .any(|i| {
                let (before, after) = (&b[..i - 3], &b[i + 2..]);
                SIDES.iter().any(|(left, right)| {
                    after.get(..right.len()).is_some_and(|x| ci_side(x, right))
                        && before
                            .len()
                            .checked_sub(left.len())
                            .is_some_and(|k| ci_side(&before[k..], left))
                })
            });
    }
    let l = s.to_lowercase();
    let b = l.as_bytes();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&b[from..], b" and ").map(|p| from + p) {
        let (before, after) = (&b[..p], &b[p + " and ".len()..]);
        if SIDES
            .iter()
            .any(|(left, right)| after.starts_with(right) && before.ends_with(left))
        {
            return true;
        }
        from = p + 1;
    }
    false
}

/// The plain original of the phrase test in `contains_fixed_phrase`, kept to pin it.
#[cfg(test)]
fn contains_fixed_phrase_plain(s: &str) -> bool {
    let l = s.to_lowercase();
    FIXED_AND_PHRASES.iter().any(|p| l.contains(p))
}

/// Splits `s` at top-level commas (not inside brackets or quotes). Returns byte ranges.
///
/// Most bytes are ASCII letters and spaces that change nothing: only the bytes that may start a
/// character the walk acts on are visited (see the body).
fn split_top_level(s: &str, seps: &[char]) -> Vec<(usize, usize)> {
    // The bytes that may start a character the walk acts on: ASCII ones as they are, the others
    // by their lead byte (`“ ”` E2, `（ ）` and `，` EF, `、` E3), a lead byte stops only at a
    // character boundary. They are found three at a time by `memchr3`, each search's hit kept
    // until the walk passes it, instead of testing every byte.
    let mut needles = [0u8; 18]; // 7 + up to 9 separators, padded to groups of three
    needles[..7].copy_from_slice(&[b'(', b')', b'[', b']', b'"', 0xE2, 0xEF]);
    let mut n = 7;
    for c in seps {
        let mut buf = [0u8; 4];
        let lead = c.encode_utf8(&mut buf).as_bytes()[0];
        if !needles[..n].contains(&lead) {
            needles[n] = lead;
            n += 1;
        }
    }
    // groups of three, the last padded with its own bytes
    let groups = n.div_ceil(3);
    for k in n..groups * 3 {
        needles[k] = needles[n - 1];
    }
    let bytes = s.as_bytes();
    let len = bytes.len();
    let mut hits = [None::<usize>; 6];
    let mut next = |from: usize| -> usize {
        let mut best = len;
        for (g, hit) in needles.chunks_exact(3).zip(&mut hits[..groups]) {
            if hit.is_none_or(|p| p < from) {
                let h = memchr::memchr3(g[0], g[1], g[2], &bytes[from..]);
                *hit = Some(h.map_or(len, |p| from + p));
            }
            best = best.min(hit.unwrap_or(len));
        }
        best
    };
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote = false;
    let mut start = 0;
    let mut i = 0;
    while i < len {
        i = next(i);
        if i == len {
            break;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth -= 1,
            '“' => quote = true,
            '”' => quote = false,
            '"' => quote = !quote,
            c if seps.contains(&c) && depth <= 0 && !quote => {
                out.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    out.push((start, s.len()));
    out
}

/// The character-wise original of `split_top_level`, kept to pin it.
#[cfg(test)]
fn split_top_level_chars(s: &str, seps: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth -= 1,
            '“' => quote = true,
            '”' => quote = false,
            '"' => quote = !quote,
            c if seps.contains(&c) && depth <= 0 && !quote => {
                out.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((start, s.len()));
    out
}

/// The patterns `clean_item` applied (pins the hand scanners below).
#[cfg(test)]
static LEADING_JUNK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:and|or|as well as|plus|including|namely|such as|like|both)\s+)+")
        .expect("re")
});
#[cfg(test)]
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:the|a|an)\s+").expect("re"));
#[cfg(test)]
static TRAILING_JUNK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:,?\s+etc\.?|\s+and so on|[\s.,;:]+)$").expect("re"));

/// `clean_item` as it ran the three regexes (pins the scanners).
#[cfg(test)]
fn clean_item_regex(s: &str) -> String {
    let mut t = s.trim().to_string();
    loop {
        let before = t.len();
        for re in [&*LEADING_JUNK, &*ARTICLE, &*TRAILING_JUNK] {
            if let Cow::Owned(o) = re.replace(&t, "") {
                t = o;
            }
        }
        if t.trim().len() != t.len() {
            t = t.trim().to_string();
        }
        if t.len() == before {
            break;
        }
    }
    t
}

/// Whether `c` is the ASCII lower-case letter or space `w` under the regex crate's `(?i)`:
/// either case, and the Kelvin sign and long s, which fold to k and s.
fn folds_to(c: char, w: u8) -> bool {
    c.to_ascii_lowercase() == char::from(w)
        || (w == b'k' && c == '\u{212A}')
        || (w == b's' && c == '\u{17F}')
}

/// Whether all of `t` is the lower-case ASCII `word` under `(?i)` (see [`folds_to`]).
pub(crate) fn fold_eq(t: &str, word: &str) -> bool {
    fold_prefix(t, word) == Some(t.len())
}

/// The bytes of `t` a case-insensitive `word` at its start takes.
fn fold_prefix(t: &str, word: &str) -> Option<usize> {
    let mut cs = t.char_indices();
    for w in word.bytes() {
        if !cs.next().is_some_and(|(_, c)| folds_to(c, w)) {
            return None;
        }
    }
    Some(cs.next().map_or(t.len(), |(i, _)| i))
}

/// Where a case-insensitive `word` ending `t` starts.
fn fold_suffix(t: &str, word: &str) -> Option<usize> {
    let mut cs = t.char_indices().rev();
    let mut start = t.len();
    for w in word.bytes().rev() {
        let (i, c) = cs.next()?;
        if !folds_to(c, w) {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// The bytes of white space starting `t` (`\s` is Unicode White_Space, as `char::is_whitespace`).
fn ws_len(t: &str) -> usize {
    t.len() - t.trim_start().len()
}

/// Where the white space ending `t` starts.
fn ws_start(t: &str) -> usize {
    t.trim_end().len()
}

/// The length of `^(?i:(?:and|or|as well as|plus|including|namely|such as|like|both)\s+)+` at
/// the start of `t` (0: none). At most one word fits at a place (no two share their first two
/// letters), and each `\s+` takes all the white space: the next word starts with a letter.
fn leading_junk_len(t: &str) -> usize {
    const WORDS: [&str; 9] = [
        "and",
        "or",
        "as well as",
        "plus",
        "including",
        "namely",
        "such as",
        "like",
        "both",
    ];
    // the words' first letters in either case, read off the list
    const STARTS: [bool; 128] = {
        let mut t = [false; 128];
        let mut i = 0;
        while i < WORDS.len() {
            let b = WORDS[i].as_bytes()[0];
            t[b as usize] = true;
            t[b.to_ascii_uppercase() as usize] = true;
            i += 1;
        }
        t
    };
    let mut n = 0;
    'next: loop {
        let rest = &t[n..];
        let Some(c) = rest.chars().next() else {
            return n;
        };
        // most items start with a letter no word starts with. The first letter is read once,
        // instead of `folds_to` per word: only an ASCII letter, the long s (s) or the Kelvin
        // sign (k) folds to a lower-case ASCII letter.
        let first = match c {
            '\u{17F}' => 's',
            '\u{212A}' => 'k',
            c => c,
        };
        if !first.is_ascii() || !STARTS[first as usize] {
            return n;
        }
        let first = first.to_ascii_lowercase() as u8;
        for w in WORDS.iter().filter(|w| w.as_bytes()[0] == first) {
            if let Some(k) = fold_prefix(rest, w) {
                let ws = ws_len(&rest[k..]);
                if ws > 0 {
                    n += k + ws;
                    continue 'next;
                }
            }
        }
        return n;
    }
}

/// The length of `^(?i:the|a|an)\s+` at the start of `t` (0: none).
fn article_len(t: &str) -> usize {
    if !t.starts_with(['t', 'T', 'a', 'A']) {
        return 0;
    }
    for w in ["the", "a", "an"] {
        if let Some(k) = fold_prefix(t, w) {
            let ws = ws_len(&t[k..]);
            if ws > 0 {
                return k + ws;
            }
        }
    }
    0
}

/// Where the leftmost match of `(?i)(?:,?\s+etc\.?|\s+and so on|[\s.,;:]+)$` in `t` starts:
/// every match ends at the end, so the earliest start any alternative allows.
fn trailing_junk_start(t: &str) -> Option<usize> {
    let run = t
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'))
        .len();
    let mut best = (run < t.len()).then_some(run);
    let mut consider = |p: usize| best = Some(best.map_or(p, |b| b.min(p)));
    // ",? \s+ etc .?": "etc" is ASCII, so its bytes end the text (before a last ".")
    let u = t.strip_suffix('.').unwrap_or(t);
    if u.len() >= 3 && u.as_bytes()[u.len() - 3..].eq_ignore_ascii_case(b"etc") {
        let before = &u[..u.len() - 3];
        let p = ws_start(before);
        if p < before.len() {
            consider(if before[..p].ends_with(',') { p - 1 } else { p });
        }
    }
    if let Some(k) = fold_suffix(t, "and so on") {
        let p = ws_start(&t[..k]);
        if p < k {
            consider(p);
        }
    }
    best
}

/// Cleans one list item: leading conjunctions and articles, trailing "etc" and punctuation.
/// Every step cuts a prefix or suffix: the item stays a slice of `s` until it is copied once.
pub fn clean_item(s: &str) -> String {
    let mut t = s.trim();
    loop {
        // every step only removes text, so an unchanged length is an unchanged item
        let before = t.len();
        t = &t[leading_junk_len(t)..];
        t = &t[article_len(t)..];
        if let Some(p) = trailing_junk_start(t) {
            t = &t[..p];
        }
        t = t.trim();
        if t.len() == before {
            break;
        }
    }
    t.to_string()
}

/// Splits an English enumeration ("A, B, C and D", "A, B, and C") into items. With `expected`
/// (from "seven sub parks", "“3+5” industries"), items joined by "and" are split further until
/// the count is reached (fixed phrases such as "energy saving and environmental protection" stay).
pub fn split_en_list(s: &str, expected: Option<usize>) -> Vec<String> {
    let s: Cow<'_, str> = if has_as_well_as(s) {
        Cow::Owned(s.replace(" as well as ", ", "))
    } else {
        Cow::Borrowed(s)
    };
    // the parts are only read (cleaning copies them): slices of `s`, no copy each
    let parts: Vec<&str> = split_top_level(&s, &[',', ';'])
        .into_iter()
        .map(|(a, b)| s[a..b].trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Vec::new();
    }
    let oxford = parts.len() > 1 && starts_with_and_or(parts.last().expect("non-empty"));
    let mut items: Vec<String> = parts
        .iter()
        .map(|p| clean_item(p))
        .filter(|p| !p.is_empty())
        .collect();
    if !oxford {
        if let Some(last) = items.pop() {
            // "A, B and C": split the last item at its last " and ".
            match split_last_and(&last) {
                Some((a, b))
                    if !(contains_fixed_phrase(&last)
                        && !contains_fixed_phrase(&a)
                        && !contains_fixed_phrase(&b)) =>
                {
                    items.push(a);
                    items.push(b);
                }
                _ => items.push(last),
            }
        }
    }
    if let Some(n) = expected {
        while items.len() < n {
            // Split the item joined by "and" whose halves are both longest (most phrase-like).
            let best = items
                .iter()
                .enumerate()
                .filter(|(_, it)| !contains_fixed_phrase(it))
                .filter_map(|(i, it)| split_last_and(it).map(|(a, b)| (i, a, b)))
                .max_by_key(|(_, a, b)| a.split(' ').count().min(b.split(' ').count()));
            match best {
                Some((i, a, b)) => {
                    items.remove(i);
                    items.insert(i, b);
                    items.insert(i, a);
                }
                None => break,
            }
        }
    }
    // every item is already a `clean_item` result, and cleaning a clean item changes nothing
    // (it repeats its steps until they change nothing)
    items.retain(|i| !i.is_empty());
    items
}

/// `s.contains(" as well as ")` with a searcher built once: `str::contains` set one up per list.
fn has_as_well_as(s: &str) -> bool {
    static AS_WELL_AS: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(" as well as "));
    AS_WELL_AS.find(s.as_bytes()).is_some()
}

/// Whether `p` starts with "and " or "or " in any case: what lower-casing a copy and testing
/// it said (no character outside ASCII lower-cases to an ASCII a, n, d, o, r or space, so only
/// ASCII bytes can start the lower-cased copy that way).
fn starts_with_and_or(p: &str) -> bool {
    let ci = |w: &str| p.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w));
    ci("and ") || ci("or ")
}

/// `s.rfind(" and ")`: the last space that starts " and " (no substring searcher to build per
/// item).
fn rfind_and(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memrchr_iter(b' ', b).find(|&i| b[i..].starts_with(b" and "))
}

fn split_last_and(s: &str) -> Option<(String, String)> {
    let idx = rfind_and(s)?;
    let (a, b) = (s[..idx].trim(), s[idx + 5..].trim());
    if a.is_empty() || b.is_empty() {
        return None;
    }
    // "electromechanical and engineering equipment": a lone modifier shares the head.
    if a.split(' ').count() == 1 && b.split(' ').count() > 1 && is_modifier(a) {
        return None;
    }
    Some((clean_item(a), clean_item(b)))
}

/// Whether a lone lower-case word is an adjective sharing the next item's head noun.
fn is_modifier(w: &str) -> bool {
    const ADJ: &[&str] = &[
        "small", "large", "new", "green", "high", "low", "big", "fine", "light", "heavy", "rare",
    ];
    const SUFFIXES: &[&str] = &[
        "al", "ic", "ive", "ous", "ar", "ary", "ent", "ant", "ed", "ern", "ful", "less", "ble",
    ];
    let w = w.to_lowercase();
    w.chars().next().is_some_and(|c| c.is_lowercase())
        && (ADJ.contains(&w.as_str())
            || (!w.ends_with('s') && SUFFIXES.iter().any(|s| w.ends_with(s))))
}

/// Splits a Chinese enumeration on 、 (and the last item on 和/及 when both halves are long).
pub fn split_zh_list(s: &str) -> Vec<String> {
    let mut items: Vec<String> = split_top_level(s, &['、', '，', ','])
        .into_iter()
        .map(|(a, b)| s[a..b].trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(last) = items.pop() {
        let mut done = false;
        for sep in ["和", "以及", "与"] {
            if let Some(idx) = rfind_zh(&last, sep) {
                let (a, b) = (&last[..idx], &last[idx + sep.len()..]);
                if a.chars().count() >= 4 && b.chars().count() >= 4 {
                    items.push(a.to_string());
                    items.push(b.to_string());
                    done = true;
                    break;
                }
            }
        }
        if !done {
            items.push(last);
        }
    }
    items
        .into_iter()
        .map(|s| {
            s.trim_matches(|c: char| c.is_whitespace() || "“”\"'‘’《》".contains(c))
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// `s.rfind(sep)` for a short Chinese separator: its last character is searched as a `char`
/// (a byte search), and the characters before it compared in place; `rfind` with a `&str` sets
/// up a substring searcher per call.
fn rfind_zh(s: &str, sep: &str) -> Option<usize> {
    let last = sep.chars().next_back()?;
    let head = &sep[..sep.len() - last.len_utf8()];
    s.rmatch_indices(last)
        .find(|&(i, _)| s[..i].ends_with(head))
        .map(|(i, _)| i - head.len())
}

/// Cuts an English list at the first clause boundary: a semicolon, a dash clause, or ", and has …".
pub fn cut_en_list(s: &str) -> &str {
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)
            ;|:\s|\s[–—]\s|\s--\s|—
            |,\s+(?:and\s+)?(?:has|have|had|is|are|was|were|will|it|its|which|while|where|making|giving|bringing|aiming|helping|turning|becoming|each|all\ of|with\ a|with\ an|with\ the|with\ its|accounting|totaling|totalling)(?-u:\b)
            |\s+(?:and|but)\s+(?:has|have|had|is|are|was|were|will|also)\s
            |\.\s*$",
        )
        .expect("re")
    });
    match END.find(s) {
        Some(m) => &s[..m.start()],
        None => s,
    }
}

/// The count in front of a noun ("seven sub parks", "“3+5” industries", "the two parks").
pub fn count_before(s: &str) -> Option<usize> {
    static PLUS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"[“"]?(\d+)\s*\+\s*(\d+)[”"]?\s*\S*\s*$"#).expect("re"));
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s*$")
            .expect("re")
    });
    // every PLUS match holds a '+': most texts have none
    if let Some(c) = s.contains('+').then(|| PLUS.captures(s)).flatten() {
        let a: usize = c[1].parse().ok()?;
        let b: usize = c[2].parse().ok()?;
        return Some(a + b);
    }
    WORD.captures(s)
        .and_then(|c| number_word(&c[1]))
        .filter(|n| *n > 1)
}

/// `s.trim_start_matches(prefix)` for a non-empty `prefix`, by `strip_prefix`: the library's
/// pattern version sets up a substring searcher per call.
pub fn strip_all_prefixes<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// Case-insensitive (ASCII) substring search.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    find_ci(hay, needle).is_some()
}

/// [`contains_ci`], searching for the needle's byte `k` first: a rare letter of it (the `v` of
/// "over") has far fewer places to check than a common first letter.
pub(crate) fn contains_ci_at(hay: &str, needle: &str, k: usize) -> bool {
    let Some(range) = ci_positions(hay, needle) else {
        return false;
    };
    let a = needle.as_bytes()[k];
    // offset i of byte k in the slice below is the needle's start in `hay`
    memchr::memchr2_iter(
        a.to_ascii_lowercase(),
        a.to_ascii_uppercase(),
        &hay.as_bytes()[k..=range.end() + k],
    )
    .any(|i| matches_ci_at(hay, needle, i))
}

/// The plain original of `rfind_ci`, kept to pin it and `contains_ci`.
#[cfg(test)]
fn rfind_ci_plain(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len() - n.len())
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    first_byte_positions(hay, needle)?.find(|&i| matches_ci_at(hay, needle, i))
}

/// Last position of `needle` in `hay`, ASCII case-insensitively.
pub(crate) fn rfind_ci(hay: &str, needle: &str) -> Option<usize> {
    first_byte_positions(hay, needle)?
        .rev()
        .find(|&i| matches_ci_at(hay, needle, i))
}

/// The starts of the non-overlapping occurrences of a non-empty `needle` in `hay`, ASCII
/// case-insensitively: `hay.to_ascii_lowercase().match_indices(&needle.to_ascii_lowercase())`
/// without lower-casing copies of the text.
pub(crate) fn match_indices_ci<'h>(
    hay: &'h str,
    needle: &'h str,
) -> impl Iterator<Item = usize> + 'h {
    let mut next = 0;
    first_byte_positions(hay, needle)
        .into_iter()
        .flatten()
        .filter(move |&i| {
            let hit = i >= next && matches_ci_at(hay, needle, i);
            if hit {
                next = i + needle.len();
            }
            hit
        })
}

/// The positions where a non-empty `needle` could start in `hay` and its first byte matches
/// (either case): a SIMD byte search skips the rest, most of the text.
fn first_byte_positions<'h>(hay: &'h str, needle: &str) -> Option<memchr::Memchr2<'h>> {
    let range = ci_positions(hay, needle)?;
    let first = needle.as_bytes()[0];
    Some(memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &hay.as_bytes()[..=*range.end()],
    ))
}

/// The positions where a non-empty `needle` could start in `hay`.
fn ci_positions(hay: &str, needle: &str) -> Option<std::ops::RangeInclusive<usize>> {
    (!needle.is_empty() && needle.len() <= hay.len()).then(|| 0..=hay.len() - needle.len())
}

/// Whether `needle` is at byte `i` of `hay`, ASCII case-insensitively. Most positions fail on the
/// first byte: it is tested alone before the rest.
fn matches_ci_at(hay: &str, needle: &str, i: usize) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h[i].eq_ignore_ascii_case(&n[0]) && h[i + 1..i + n.len()].eq_ignore_ascii_case(&n[1..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fixed_phrase_and_separator_searches_agree_with_the_library() {
        let mut pieces: Vec<&str> = FIXED_AND_PHRASES.to_vec();
        pieces.extend([
            " and ",
            "and",
            " ",
            "Oil",
            "GAS",
            "iron",
            "steel",
            "x",
            "É",
            "İ",
            "和",
            "以及",
            "以",
            "及",
            "与",
            "、",
            "research and",
            " AND ",
            "Research",
            "STEEL",
            "d",
        ]);
        for t in crate::test_support::Xorshift::texts(0x6a09_e667_f3bc_c908, 30000, 6, &pieces) {
            assert_eq!(
                contains_fixed_phrase(&t),
                contains_ci_at(&t, " and ", 3) && contains_fixed_phrase_plain(&t),
                "{t:?}"
            );
            for sep in ["和", "以及", "与"] {
                assert_eq!(rfind_zh(&t, sep), t.rfind(sep), "{t:?} {sep}");
            }
        }
    }

    proptest! {
        /// `Stops` finds what a table look-up per byte finds, for any walk forward.
        #[test]
        fn stops_agree_with_the_byte_table(
            hay in prop::collection::vec(prop::sample::select(
                vec![b'a', b' ', b'\n', b'.', b'!', b'?', 0xE3, 0xEF, 0x80, 0xBC]), 0..64),
            steps in prop::collection::vec(0usize..8, 0..40),
        ) {
            let mut stops = Stops::new(&hay);
            let mut from = 0;
            for step in steps {
                let want = (from..hay.len())
                    .find(|&i| MAY_END_SENTENCE[hay[i] as usize])
                    .unwrap_or(hay.len());
                prop_assert_eq!(stops.next(from), want);
                from += step;
            }
        }
    }

    proptest! {
        #[test]
        fn match_indices_ci_agrees_with_lowercased_match_indices(
            hay in "[aAbB é.K]{0,24}",
            needle in "[aAbB é]{1,4}",
        ) {
            let want: Vec<usize> = hay
                .to_ascii_lowercase()
                .match_indices(&needle.to_ascii_lowercase())
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(match_indices_ci(&hay, &needle).collect::<Vec<_>>(), want);
        }
    }

    proptest! {
        #[test]
        fn contains_ci_at_agrees_with_contains_ci(
            hay in "[kKnNoOwWé -]{0,24}",
            needle in "[kKnNoOwWé -]{1,4}",
        ) {
            for k in 0..needle.len() {
                prop_assert_eq!(contains_ci_at(&hay, &needle, k), contains_ci(&hay, &needle));
            }
        }
    }

    #[test]
    fn and_or_start_matches_lower_casing() {
        let old = |p: &str| {
            let l = p.to_lowercase();
            l.starts_with("and ") || l.starts_with("or ")
        };
        let pieces = [
            "and", "AND", "And", "or", "OR", "oR", " ", "  ", "x", "a", "n", "d", "o", "r",
            "\u{212A}", "\u{130}", "ǅ", "é", "Σ", "\u{a0}", "\t", "andor", "ordinary",
        ];
        for p in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 20000, 5, &pieces) {
            assert_eq!(starts_with_and_or(&p), old(&p), "{p:?}");
        }
        for p in [
            "",
            "and ",
            "And x",
            "OR y",
            "or",
            "and",
            "andx",
            " and x",
            "\u{130}nd x",
        ] {
            assert_eq!(starts_with_and_or(p), old(p), "{p:?}");
        }
    }

    proptest! {
        /// `split_en_list` returns `clean_item` results without cleaning them again: cleaning a
        /// clean item changes nothing.
        #[test]
        fn clean_item_is_idempotent(
            t in "((and|or|as well as|plus|such as|both|the|The|a|An|etc|etc\\.|and so on|x|park|[ .,;:\t]) ?){0,10}"
        ) {
            let once = clean_item(&t);
            prop_assert_eq!(clean_item(&once), once);
        }
    }

    #[test]
    fn byte_wise_top_level_split_agrees_with_the_char_walk() {
        for s in [
            "",
            "a, b; c",
            "a (b, c), d",
            "a [b; c]] , d",
            "a) , b",
            "\"a, b\", c",
            "“a, b”, c, “d",
            "涉及新材料、新能源（光伏、风电），现代化工,生物医药",
            "x（y, z）, w",
            ",,;",
            "é, ü; 中",
        ] {
            for seps in [&[',', ';'][..], &['、', '，', ','][..], &[][..]] {
                assert_eq!(
                    split_top_level(s, seps),
                    split_top_level_chars(s, seps),
                    "{s:?} {seps:?}"
                );
            }
        }
    }

    #[test]
    fn skipping_top_level_split_agrees_with_the_char_walk_on_random_texts() {
        let pieces = [
            "a",
            "bc ",
            " ",
            ",",
            ";",
            "(",
            ")",
            "[",
            "]",
            "\"",
            "“",
            "”",
            "（",
            "）",
            "、",
            "，",
            "—",
            "’",
            "中",
            "é",
            "。",
            "\u{FF01}",
            "\u{2028}",
            "xyz words here ",
        ];
        for t in crate::test_support::Xorshift::texts(0x5151_7a7a_0303_c0de, 20_000, 40, &pieces) {
            for seps in [
                &[',', ';'][..],
                &['、', '，', ','][..],
                &[][..],
                &['—', 'é', '中', ';', 'x', '\u{2028}'][..],
            ] {
                assert_eq!(
                    split_top_level(&t, seps),
                    split_top_level_chars(&t, seps),
                    "{t:?} {seps:?}"
                );
            }
        }
    }

    #[test]
    fn stripping_all_prefixes_agrees_with_trim_start_matches() {
        for s in [
            "",
            "The ",
            "The The x",
            "the The x",
            "Thex",
            "x The ",
            "集群",
            "集群集群x",
        ] {
            for p in ["The ", "集群", "x", "The"] {
                assert_eq!(
                    strip_all_prefixes(s, p),
                    s.trim_start_matches(p),
                    "{s:?} {p:?}"
                );
            }
        }
    }

    #[test]
    fn fixed_phrase_gate_agrees_with_lower_casing() {
        let plain = |s: &str| {
            let l = s.to_lowercase();
            l.contains(" and ") && FIXED_AND_PHRASES.iter().any(|p| l.contains(p))
        };
        for s in [
            "",
            "iron and steel",
            "Iron AND Steel",
            "IRON AND STEEL",
            "iron\u{a0}and steel",
            "iron and\u{212a}steel",
            "\u{212a}and",
            "İron and steel",
            "wind and solar power",
            "coal and chemicals",
            "culture and tourism",
            "CULTURE And TOURISM",
            "ΣAND",
        ] {
            assert_eq!(contains_fixed_phrase(s), plain(s), "{s:?}");
        }
        // every character whose lower case is ASCII is ASCII, but K (Kelvin) and İ, which become
        // k and i: neither is a space or a letter of "and"
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !c.is_ascii() {
                assert!(
                    !c.to_lowercase().any(|l| matches!(l, ' ' | 'a' | 'n' | 'd')),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn every_fixed_phrase_holds_and() {
        // `contains_fixed_phrase` looks for " and " before the phrases
        assert!(FIXED_AND_PHRASES.iter().all(|p| p.contains(" and ")));
    }

    #[test]
    fn match_indices_ci_cases() {
        for (hay, needle) in [
            ("aaa", "aa"),
            ("AaAa", "aa"),
            ("", "a"),
            ("a", "ab"),
            ("xBaotou Park (包头) baotou park", "Baotou Park"),
            ("ééé", "é"),
        ] {
            let want: Vec<usize> = hay
                .to_ascii_lowercase()
                .match_indices(&needle.to_ascii_lowercase())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(
                match_indices_ci(hay, needle).collect::<Vec<_>>(),
                want,
                "{hay:?} {needle:?}"
            );
        }
    }

    #[test]
    fn count_before_agrees_with_both_regexes_run() {
        let plus = Regex::new(r#"[“"]?(\d+)\s*\+\s*(\d+)[”"]?\s*\S*\s*$"#).expect("re");
        let pieces = [
            "3",
            "5",
            "+",
            " ",
            "“",
            "”",
            "\"",
            "industries",
            "two",
            "sub",
            "parks",
            "x",
        ];
        for t in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 20000, 8, &pieces) {
            assert!(!plus.is_match(&t) || t.contains('+'), "{t:?}");
        }
        assert_eq!(count_before("the “3+5” industries"), Some(8));
        assert_eq!(count_before("seven sub parks"), Some(7));
    }

    #[test]
    fn has_as_well_as_agrees_with_contains() {
        let pieces = [
            " ",
            "as",
            " as ",
            "well",
            " as well as ",
            "As",
            "é",
            "x",
            "  ",
        ];
        for t in crate::test_support::Xorshift::texts(0x3c6e_f372_a54f_f53a, 50_000, 10, &pieces) {
            assert_eq!(has_as_well_as(&t), t.contains(" as well as "), "{t:?}");
        }
    }

    #[test]
    fn rfind_and_agrees_with_rfind() {
        let pieces = [" ", "and", "an", "d", " and ", "x", "é", "  and", "And"];
        for t in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 20000, 8, &pieces) {
            assert_eq!(rfind_and(&t), t.rfind(" and "), "{t:?}");
        }
    }

    #[test]
    fn abbreviation_test_from_the_end_agrees_with_the_word_split() {
        assert_eq!(
            ABBREVIATION_MAX,
            ABBREVIATIONS.iter().map(|a| a.len()).max().unwrap_or(0)
        );
        let pieces = [
            "Co",
            "co",
            "Ltd",
            "approx",
            "APPROX",
            "sept",
            "e.g",
            "u.s",
            "dept",
            "x",
            "K",
            "\u{212A}",
            "\u{212A}o",
            "É",
            "é",
            "中",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{b}",
            "\u{a0}",
            "\u{3000}",
            "(",
            "((",
            ".",
            "Inc",
            "word",
            "s",
            "1",
            "\u{1c}",
        ];
        for t in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 60_000, 8, &pieces) {
            assert_eq!(is_abbreviation(&t), is_abbreviation_general(&t), "{t:?}");
        }
    }

    #[test]
    fn clean_item_scanners_agree_with_the_regexes() {
        let pieces = [
            "and",
            "AND",
            "or",
            "as well as",
            "aſ well aſ",
            "plus",
            "including",
            "namely",
            "such as",
            "like",
            "li\u{212A}e",
            "both",
            "the",
            "The",
            "a",
            "A",
            "an",
            "An",
            "etc",
            "ETC",
            "etc.",
            "and so on",
            "and ſo on",
            "And So On",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{3000}",
            ".",
            ",",
            ";",
            ":",
            "x",
            "park",
            "é",
            "中",
            "s",
            "k",
            "n",
            "c",
            "-",
            "ı",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 100_000, 10, &pieces) {
            assert_eq!(clean_item(&t), clean_item_regex(&t), "{t:?}");
            assert_eq!(
                leading_junk_len(&t),
                LEADING_JUNK.find(&t).map_or(0, |m| m.end()),
                "{t:?}"
            );
            assert_eq!(
                article_len(&t),
                ARTICLE.find(&t).map_or(0, |m| m.end()),
                "{t:?}"
            );
            assert_eq!(
                trailing_junk_start(&t),
                TRAILING_JUNK.find(&t).map(|m| m.start()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn splits_sentences_keeping_closing_quotes_initials_and_abbreviations() {
        let cases: [(&str, &[&str]); 2] = [
            (
                "Founded in 2006, the park is big. It has 170 enterprises, such as Inner Mongolia No 1 machinery Group and North Co. and more.\n\nThe zone grew 4.5 percent. 它很大。好！",
                &[
                    "Founded in 2006, the park is big.",
                    "It has 170 enterprises, such as Inner Mongolia No 1 machinery Group and North Co. and more.",
                    "The zone grew 4.5 percent.",
                    "它很大。",
                    "好！",
                ],
            ),
            (
                "He said: \"It grew.\" Then J. Smith of Jinhe Co. Ltd. left. 园区称“很好。”下一句。End Co.",
                &[
                    "He said: \"It grew.\"",
                    "Then J. Smith of Jinhe Co. Ltd. left.",
                    "园区称“很好。”",
                    "下一句。",
                    "End Co.",
                ],
            ),
        ];
        for (t, want) in cases {
            let s: Vec<&str> = sentences(t).iter().map(|s| s.text(t)).collect();
            assert_eq!(s, want, "{t}");
        }
    }

    #[test]
    fn case_insensitive_searches_match_the_plain_search() {
        let hays = [
            "The Number of enterprises, the NUMBER OF parks",
            "respectively，分别 RESPECTIVELY respectivel",
            "",
            "园区number of园",
            "[{@`",
        ];
        let needles = [
            "number of ",
            "respectively",
            "n",
            "N",
            "园区",
            "{",
            "[",
            "@",
            "`",
            "",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(rfind_ci(h, n), rfind_ci_plain(h, n), "{h:?} {n:?}");
                assert_eq!(
                    contains_ci(h, n),
                    rfind_ci_plain(h, n).is_some(),
                    "{h:?} {n:?}"
                );
            }
        }
    }

    #[test]
    fn splits_lists() {
        assert_eq!(
            split_en_list("heavy vehicles, new energy, railways, and electromechanical and engineering equipment", None),
            ["heavy vehicles", "new energy", "railways", "electromechanical and engineering equipment"]
        );
        assert_eq!(
            split_en_list(
                "coal, aluminum, building materials, chemicals and modern logistics",
                None
            ),
            [
                "coal",
                "aluminum",
                "building materials",
                "chemicals",
                "modern logistics"
            ]
        );
        assert_eq!(
            split_en_list(
                "new energy, energy saving and environmental protection, clean coal technology and cloud computing, intelligent equipment, and the modern service industry",
                Some(6)
            ),
            [
                "new energy",
                "energy saving and environmental protection",
                "clean coal technology",
                "cloud computing",
                "intelligent equipment",
                "modern service industry"
            ]
        );
        assert_eq!(
            split_en_list("power and energy, metallurgy, a modern coal chemical industry, and biopharmaceuticals", None),
            ["power and energy", "metallurgy", "modern coal chemical industry", "biopharmaceuticals"]
        );
        assert_eq!(
            split_en_list(
                "the Yili Group, Skyworth Electronics (Inner Mongolia, China) Co.",
                None
            ),
            [
                "Yili Group",
                "Skyworth Electronics (Inner Mongolia, China) Co"
            ]
        );
    }

    #[test]
    fn cuts_lists_at_clause_boundaries() {
        assert_eq!(
            cut_en_list("power and energy, metallurgy, and biopharmaceuticals, and has introduced more than 40 projects."),
            "power and energy, metallurgy, and biopharmaceuticals"
        );
        assert_eq!(
            cut_en_list("A Park and B Park – share its 91 sq km"),
            "A Park and B Park"
        );
    }

    #[test]
    fn counts() {
        assert_eq!(
            count_before("a balanced development of “3+5” industries"),
            Some(8)
        );
        assert_eq!(count_before("The park has seven sub parks"), Some(7));
        assert_eq!(count_before("includes four parts"), Some(4));
        assert_eq!(count_before("the industries"), None);
        assert_eq!(zh_numeral("六"), Some(6));
        assert_eq!(zh_numeral("十二"), Some(12));
    }

    #[test]
    fn chinese_lists() {
        assert_eq!(split_zh_list("乳业、草种业"), ["乳业", "草种业"]);
        assert_eq!(
            split_zh_list("远景风力发电设备、中锂锂电池隔膜生产线"),
            ["远景风力发电设备", "中锂锂电池隔膜生产线"]
        );
        assert_eq!(split_zh_list("电力和冶金"), ["电力和冶金"]);
    }
}
