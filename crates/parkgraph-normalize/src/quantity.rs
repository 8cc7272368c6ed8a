//! Quantities in English and Chinese text: numbers, scale words, units, comparators.
//!
//! [`scan`] walks a text once and returns every quantity mention with its span (bytes and
//! characters), exact value in base units ([`Decimal`]), unit, comparator and notes. It reads
//! digits with separators (`28,000`), decimals, English number words (`one` … `ninety`,
//! `twenty-five`), Chinese numerals (`三百`, `两`, `一万二千`), scale words (`thousand` …
//! `trillion`, `千`/`万`/`亿`/`万亿`), units and currencies (see `lexicon::UNITS`), Chinese counters
//! (`个`/`家`/`项` … → COUNT) and English counted nouns (`170 supporting enterprises` → COUNT with
//! the noun phrase), ranks (`ranks second`, `位居全国第一` → RANK), comparators before and after
//! the number, and signed changes (`down 2.3 percentage points` → -2.3).
//!
//! Not quantities: years (`2003`, `2022年`), dates (`3月29日`, `Dec 11`, `2021-06-09`), times,
//! phone numbers and other long digit strings, stock codes standing alone, ordinals in names
//! (`12th Five-Year Plan`, `No 1 machinery`, `第十四届`), numbers glued to letters (`G110`, `5G`,
//! `3D`), `3+5`, durations (`five-year period`, `100 years`, `3个月`) and vague Chinese numerals
//! (`一体`, `一批`, `几十家`, `十四五`). Bare numbers (no unit, counter or counted noun) are
//! returned with [`Unit::Unspecified`]; the caller decides whether context makes them counts.
//!
//! Ranges (`3-5 billion yuan`, `1-2个`, `3 to 5 percent`) are returned as two quantities, the
//! low bound taking the unit and scale of the high bound, noted [`Note::RangeLow`] /
//! [`Note::RangeHigh`]. Lists ending in one unit (`7.8, 20.3 and 70.6 percent`) give every item
//! the unit. A bare scaled number after a money amount in the same sentence (`of which 140
//! billion`) takes its currency. A parenthesised amount in another currency right after an
//! amount (`550 billion yuan ($85.97 billion)`) is marked as its conversion.
//!
//! Absurd input never panics: numbers too large for [`Decimal`] are skipped with a warning.

/// A set of characters as a string (for the tests) and as a `matches!` test: `str::contains`
/// of a non-ASCII char set up a substring search per call.
macro_rules! char_set {
    ($(#[$m:meta])* $name:ident / $test:ident = [$($c:literal),* $(,)?]) => {
        $(#[$m])*
        #[allow(dead_code)]
        pub(crate) const $name: &str = concat!($($c),*);
        $(#[$m])*
        pub(crate) fn $test(c: char) -> bool {
            matches!(c, $($c)|*)
        }
    };
}

mod lexicon;

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::LazyLock;

use parkgraph_proto::v1::{Comparator, Unit};
use rust_decimal::Decimal;

use lexicon::{UnitDef, UNITS};

/// A unit of [`UNITS_BY_BYTE`]: its index, its pattern's second byte (if any) and whether the
/// pattern is ASCII (compared case-insensitively).
#[derive(Debug, Clone, Copy)]
struct UnitKey {
    index: usize,
    second: Option<u8>,
    ascii: bool,
}

/// Units by the (lower-cased) first byte of the pattern, in table order.
static UNITS_BY_BYTE: LazyLock<Vec<Vec<UnitKey>>> = LazyLock::new(|| {
    let mut v = vec![Vec::new(); 256];
    for (index, d) in UNITS.iter().enumerate() {
        v[d.pat.as_bytes()[0].to_ascii_lowercase() as usize].push(UnitKey {
            index,
            second: d.pat.as_bytes().get(1).copied(),
            ascii: d.pat.is_ascii(),
        });
    }
    v
});

/// Indices into a pattern table by the last byte of each pattern, in table order: a suffix
/// test only needs the patterns that end in the byte the text ends in.
fn by_last_byte<'a>(pats: impl Iterator<Item = &'a str>) -> Vec<Vec<usize>> {
    let mut v = vec![Vec::new(); 256];
    for (i, p) in pats.enumerate() {
        let last = p.as_bytes().last().expect("patterns are not empty");
        v[*last as usize].push(i);
    }
    v
}

static PRE_COMPARATORS_BY_LAST: LazyLock<Vec<Vec<usize>>> =
    LazyLock::new(|| by_last_byte(lexicon::PRE_COMPARATORS.iter().map(|(p, _)| *p)));
static DECREASE_WORDS_BY_LAST: LazyLock<Vec<Vec<usize>>> =
    LazyLock::new(|| by_last_byte(lexicon::DECREASE_WORDS.iter().copied()));

/// The indices in two ascending lists, ascending (each list's indices are distinct; an index in
/// both comes once).
fn merged<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut x, mut y) = (0, 0);
    std::iter::from_fn(move || {
        let next = match (a.get(x), b.get(y)) {
            (Some(&p), Some(&q)) if p == q => {
                x += 1;
                y += 1;
                p
            }
            (Some(&p), Some(&q)) if p < q => {
                x += 1;
                p
            }
            (_, Some(&q)) => {
                y += 1;
                q
            }
            (Some(&p), None) => {
                x += 1;
                p
            }
            (None, None) => return None,
        };
        Some(next)
    })
}

/// How the number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Arabic digits (ASCII or full-width).
    Digits,
    /// English number words.
    Words,
    /// Chinese numerals.
    Chinese,
    /// An ordinal after a ranking verb.
    Ordinal,
}

/// Remarks on a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// Written in kilovolts where a capacity in kilowatts was probably meant.
    KilovoltMaybeKilowatt,
    /// The unit (and scale) came from a neighbouring quantity.
    UnitInherited,
    /// The low end of a range.
    RangeLow,
    /// The high end of a range.
    RangeHigh,
    /// A parenthesised conversion of the previous quantity into another currency.
    Conversion,
    /// Stated as a decrease; the value is negated.
    Decrease,
}

impl Note {
    /// A human-readable warning for notes that deserve one.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            Note::KilovoltMaybeKilowatt => {
                Some("value written in kilovolts (kV); the writer may have meant kilowatts (kW)")
            }
            _ => None,
        }
    }
}

/// One quantity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Start of the mention (comparator, currency sign or number), in characters.
    pub start: usize,
    /// End of the mention (after unit, counter or post-comparator), in characters.
    pub end: usize,
    /// Start of the mention in bytes.
    pub byte_start: usize,
    /// End of the mention in bytes.
    pub byte_end: usize,
    /// Byte span of the number itself.
    pub number_span: (usize, usize),
    /// The number as written (before scale and unit factor).
    pub number: Decimal,
    /// Scale word × unit factor (`billion` → 1e9, `GW` → 1e6).
    pub multiplier: Decimal,
    /// Exact value in base units, signed.
    pub value: Decimal,
    /// Unit; [`Unit::Unspecified`] for a bare number.
    pub unit: Unit,
    /// Comparator from the words around the number.
    pub comparator: Comparator,
    /// How the number was written.
    pub source: Source,
    /// Whether a scale word followed the number.
    pub scaled: bool,
    /// Chinese counter (`个`, `家` …) when one made this a count.
    pub counter: Option<char>,
    /// Byte span of the counted noun phrase (English: after the number; Chinese: after the
    /// counter or unit, e.g. a project or product name).
    pub noun: Option<(usize, usize)>,
    /// Remarks.
    pub notes: Vec<Note>,
    /// Index (in the same scan) of the quantity this one converts into another currency.
    pub conversion_of: Option<usize>,
}

impl Quantity {
    /// No unit, counter or counted noun.
    pub fn is_bare(&self) -> bool {
        self.unit == Unit::Unspecified
    }

    /// The value as a plain decimal string without exponent or trailing zeros.
    pub fn value_string(&self) -> String {
        decimal_string(self.value)
    }

    /// Whether the quantity has `note`.
    pub fn has(&self, note: Note) -> bool {
        self.notes.contains(&note)
    }
}

/// `45000000000`, `4.5`, `-3.3`: no exponent, no trailing zeros.
pub fn decimal_string(d: Decimal) -> String {
    // the digits of the mantissa with the point placed by the scale, written by hand: one per
    // statistic, and `Decimal`'s `Display` goes through the formatting machinery
    // the trailing zeros of the fraction are dropped from the digits below, which is what
    // `normalize` did (dividing the 96-bit mantissa per zero)
    let m = d.mantissa();
    if m == 0 {
        return "0".to_string();
    }
    let mut buf = [0u8; 40];
    let mut k = buf.len();
    let mut v = m.unsigned_abs();
    // most values fit 64 bits, whose division is far cheaper than the 128-bit one
    while v > u128::from(u64::MAX) {
        k -= 1;
        buf[k] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    let mut w = v as u64;
    while w > 0 {
        k -= 1;
        buf[k] = b'0' + (w % 10) as u8;
        w /= 10;
    }
    let mut digits = &buf[k..];
    let mut scale = d.scale() as usize;
    while scale > 0 && digits.last() == Some(&b'0') {
        digits = &digits[..digits.len() - 1];
        scale -= 1;
    }
    let mut out = String::with_capacity(digits.len() + scale + 3);
    if m < 0 {
        out.push('-');
    }
    let push = |out: &mut String, ds: &[u8]| ds.iter().for_each(|&c| out.push(c as char));
    if scale == 0 {
        push(&mut out, digits);
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        push(&mut out, int);
        out.push('.');
        push(&mut out, frac);
    } else {
        out.push_str("0.");
        (digits.len()..scale).for_each(|_| out.push('0'));
        push(&mut out, digits);
    }
    out
}

/// The result of a scan: quantities in text order, and warnings about skipped input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Quantities in text order.
    pub quantities: Vec<Quantity>,
    /// Problems met (numbers too large, suspicious units).
    pub warnings: Vec<String>,
}

/// Every quantity mention in `text`, in order.
pub fn scan(text: &str) -> Vec<Quantity> {
    scan_with_warnings(text).quantities
}

/// Every quantity mention in `text`, with warnings.
pub fn scan_with_warnings(text: &str) -> Scan {
    let mut s = Scanner {
        t: text,
        // room for a quantity per 128 bytes, above the usual count: growing the vector of
        // these large structs cost more
        out: Vec::with_capacity(text.len() / 128 + 4),
        warnings: Vec::new(),
    };
    s.run();
    s.post_pass();
    let mut quantities = s.out;
    fill_char_offsets(text, &mut quantities);
    Scan {
        quantities,
        warnings: s.warnings,
    }
}

/// Is `u` a currency unit?
pub fn is_currency(u: Unit) -> bool {
    matches!(u, Unit::Cny | Unit::Usd)
}

// ------------------------------------------------------------------------------------------

char_set! {
    ZH_NUMERALS / is_zh_numeral = [
        '零', '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两', '百', '千', '万', '亿',
    ]
}
char_set! {
    /// The numerals a Chinese number can start with.
    ZH_NUMERAL_START / is_zh_numeral_start = [
        '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两',
    ]
}
char_set! {
    /// After a number, these make it a date, time, age, edition or ordinal-ish label.
    ZH_NOT_QUANTITY_AFTER / is_zh_not_quantity_after = [
        '年', '月', '日', '号', '时', '秒', '岁', '周', '天', '届', '期', '级', '版', '楼', '层', '代', '轮',
        '次', '季', '点',
    ]
}
char_set! {
    /// Before a Chinese numeral, these make it vague or part of a word (几十, 数百, 上百, 成千, 之一).
    ZH_VAGUE_BEFORE / is_zh_vague_before = [
        '几', '数', '上', '之', '唯', '统', '万', '一', '初', '周', '第',
    ]
}
char_set! {
    /// After a counted noun, these end the Chinese noun phrase.
    ZH_NOUN_STOP / is_zh_noun_stop = [
        '，', '。', '、', '；', '：', '！', '？', ',', '.', ';', ':', '!', '?', '（', '）', '(', ')',
        '“', '”', '"', '《', '》', '和', '及', '与', '或', '等', '的', '以', '为', '是', '在', '将', '从',
        '到', '至', '并', '且', '\n', ' ',
    ]
}
char_set! {
    /// After 千, these make it a unit (千瓦, 千米, 千伏, 千克), not the numeral.
    KILO_UNITS / is_kilo_unit = [
        '瓦', '米', '伏', '克',
    ]
}
char_set! {
    /// After 方, these make it a word (方面, 方案, …), not cubic metres.
    FANG_WORDS / is_fang_word = [
        '面', '案', '式', '向', '法', '针',
    ]
}

/// Currency codes and signs before a number (besides `$`).
const CURRENCY_PREFIXES: &[(&str, Unit)] = &[
    ("RMB", Unit::Cny),
    ("Rmb", Unit::Cny),
    ("CNY", Unit::Cny),
    ("USD", Unit::Usd),
    ("¥", Unit::Cny),
    ("￥", Unit::Cny),
];
/// Currencies before a number that the vocabulary lacks.
const FOREIGN_PREFIXES: &[&str] = &["€", "£", "HK$", "HKD", "EUR"];
/// The last bytes of `$` and of every prefix above (a test checks them).
const CURRENCY_LAST_BYTES: &[u8] = b"$BbYDR\xa5\xac\xa3";

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_fw_digit(c)
}

fn ascii_digit(c: char) -> char {
    if is_fw_digit(c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
    } else {
        c
    }
}

/// Whether two ASCII letters can start an English number or ordinal word (see
/// `lexicon::word_number` and `lexicon::ordinal_word`): most words are passed without a look-up,
/// and the two letters pass common words the first alone let through (new, such, total).
fn may_start_number_word(b0: u8, b1: u8) -> bool {
    matches!(
        (b0.to_ascii_lowercase(), b1.to_ascii_lowercase()),
        (b'e', b'i' | b'l')
            | (b'f', b'i' | b'o')
            | (b'n', b'i')
            | (b'o', b'n')
            | (b's', b'e' | b'i')
            | (b't', b'e' | b'h' | b'w')
    )
}

/// The end of the run of ASCII letters at `i`: eight bytes at a time (most of a body is words,
/// and every word passes through here).
fn letters_end(b: &[u8], mut i: usize) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // per byte: lower-cased, high bit cleared (no carry between bytes below: at most 0x7f)
        let t = (w | 0x2020_2020_2020_2020) & LOW7;
        let from_a = t + 0x1f1f_1f1f_1f1f_1f1f; // high bit set from 'a' (0x61) up
        let past_z = t + 0x0505_0505_0505_0505; // high bit set from '{' (0x7b) up
                                                // a letter: ASCII (high bit clear in `w`), from 'a', not past 'z'
        let letter = from_a & !past_z & !w & HIGH;
        let other = !letter & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|x| !x.is_ascii_alphabetic())
        .unwrap_or(b.len() - i)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\t'
}

/// [`BYTE_CLASS`] values: what a byte at a character start can begin for `Scanner::run`.
const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const NON_ASCII: u8 = 3;

/// The class of every byte: one load instead of a chain of range tests per byte of the body.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = if x.is_ascii_digit() {
            DIGIT
        } else if x.is_ascii_alphabetic() {
            LETTER
        } else if x.is_ascii() {
            OTHER
        } else {
            NON_ASCII
        };
        b += 1;
    }
    t
};

/// The length of the UTF-8 character whose first byte is the non-ASCII `x` (a continuation
/// byte, which no character starts with, counts one).
fn utf8_len(x: u8) -> usize {
    match x {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// The end of the noun-phrase word at `i` (ASCII letters and digits, '-', '&', '\'' and '’'):
/// `Scanner::run_end` with that test, by bytes ('’' is the only non-ASCII character in it).
fn np_word_end(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'&' | b'\'') => i += 1,
            Some(0xE2) if b[i..].starts_with("’".as_bytes()) => i += 3,
            _ => return i,
        }
    }
}

/// What a three-byte character can start for `Scanner::run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZhStart {
    FwDigit,
    Ordinal,
    Numeral,
    Nothing,
}

/// What the three-byte character `x b1 b2` starts ([`is_fw_digit`], 第,
/// [`is_zh_numeral_start`]), read from its bytes: most Chinese characters differ from all of
/// them in the first two bytes, and are passed without being decoded.
fn zh_start(x: u8, b1: u8, b2: u8) -> ZhStart {
    use ZhStart::*;
    match (x, b1) {
        // ０-９
        (0xEF, 0xBC) if (0x90..=0x99).contains(&b2) => FwDigit,
        // 第
        (0xE7, 0xAC) if b2 == 0xAC => Ordinal,
        // 〇
        (0xE3, 0x80) if b2 == 0x87 => Numeral,
        // 一 七 三 两
        (0xE4, 0xB8) if matches!(b2, 0x80 | 0x83 | 0x89 | 0xA4) => Numeral,
        // 九
        (0xE4, 0xB9) if b2 == 0x9D => Numeral,
        // 二 五
        (0xE4, 0xBA) if matches!(b2, 0x8C | 0x94) => Numeral,
        // 八 六
        (0xE5, 0x85) if matches!(b2, 0xAB | 0xAD) => Numeral,
        // 十
        (0xE5, 0x8D) if b2 == 0x81 => Numeral,
        // 四
        (0xE5, 0x9B) if b2 == 0x9B => Numeral,
        _ => Nothing,
    }
}

fn pow10(n: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(n.min(28)), 0)
}

/// The number text of a span read by `read_digits`: its digits in ASCII, separators dropped,
/// the point as '.'. A span of ASCII digits and '.' only (`plain`) is that text already.
fn digits_text(span: &str, plain: bool) -> Cow<'_, str> {
    if plain {
        return Cow::Borrowed(span);
    }
    Cow::Owned(
        span.chars()
            .filter(|&c| c != ',')
            .map(|c| if c == '．' { '.' } else { ascii_digit(c) })
            .collect(),
    )
}

/// Case-insensitive ASCII prefix test of `hay` against lower-case `pat` (non-ASCII compared as is).
fn starts_with_ci(hay: &str, pat: &str) -> bool {
    let (h, p) = (hay.as_bytes(), pat.as_bytes());
    h.len() >= p.len()
        && h[..p.len()]
            .iter()
            .zip(p)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// Whether `hay` can start with pattern `pat` (lower-case ASCII, compared case-insensitively, or
/// other text, compared as is) by its first byte: a cheap test before the whole one.
fn first_byte_may_match(hay: &str, pat: &str) -> bool {
    match (hay.as_bytes().first(), pat.as_bytes().first()) {
        (_, None) => true,
        (Some(h), Some(p)) => h.to_ascii_lowercase() == *p,
        (None, Some(_)) => false,
    }
}

/// Per byte: whether it passes [`first_byte_may_match`] for one of `pats` (the byte or, for
/// ASCII letters, its upper case; every byte for an empty pattern).
fn first_bytes<'p>(pats: impl Iterator<Item = &'p str>) -> [bool; 256] {
    let mut t = [false; 256];
    for p in pats {
        match p.as_bytes().first() {
            Some(&b) => {
                t[b as usize] = true;
                t[b.to_ascii_uppercase() as usize] = true;
            }
            None => t = [true; 256],
        }
    }
    t
}

static FOREIGN_CURRENCY_FIRST: LazyLock<[bool; 256]> =
    LazyLock::new(|| first_bytes(lexicon::FOREIGN_CURRENCIES.iter().copied()));
static POST_COMPARATOR_FIRST: LazyLock<[bool; 256]> =
    LazyLock::new(|| first_bytes(lexicon::POST_COMPARATORS.iter().map(|(p, _)| *p)));

/// Whether some pattern of the table's list passes [`first_byte_may_match`] on `hay`.
fn may_start(table: &[bool; 256], hay: &str) -> bool {
    hay.as_bytes().first().is_some_and(|&b| table[b as usize])
}

/// Case-insensitive ASCII suffix test.
fn ends_with_ci(hay: &str, pat: &str) -> bool {
    let (h, p) = (hay.as_bytes(), pat.as_bytes());
    h.len() >= p.len()
        && h[h.len() - p.len()..]
            .iter()
            .zip(p)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// Lower-cases a short ASCII word into a stack buffer (longer words come back unchanged-length
/// but truncated; no number or cue word is that long). A word without upper-case letters (most)
/// is borrowed as it is: no copy, and no UTF-8 check of the copy.
struct Lower<'w> {
    same: Option<&'w str>,
    buf: [u8; 24],
    len: usize,
}

impl<'w> Lower<'w> {
    fn new(w: &'w str) -> Self {
        let mut buf = [0u8; 24];
        if w.len() <= buf.len() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return Lower {
                same: Some(w),
                buf,
                len: 0,
            };
        }
        let len = w.len().min(24);
        for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        Lower {
            same: None,
            buf,
            len,
        }
    }
    fn as_str(&self) -> &str {
        match self.same {
            Some(w) => w,
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }
}

struct Scanner<'a> {
    t: &'a str,
    out: Vec<Quantity>,
    warnings: Vec<String>,
}

/// What follows a number.
struct Tail {
    end: usize,
    unit: Unit,
    factor: Decimal,
    scaled: bool,
    counter: Option<char>,
    noun: Option<(usize, usize)>,
    comparator: Comparator,
}

enum Np {
    None,
    Skip,
    /// Byte span and whether the head is plural.
    Phrase(usize, usize, bool),
}

impl<'a> Scanner<'a> {
    // Both are called for nearly every character the scanner looks at. An ASCII byte is a whole
    // character and sits on character boundaries (in UTF-8 no continuation byte follows it):
    // it is returned without the boundary check and decoding of the general path.

    fn char_at(&self, i: usize) -> Option<char> {
        match self.t.as_bytes().get(i) {
            Some(&b) if b.is_ascii() => Some(b as char),
            _ => self.t.get(i..).and_then(|s| s.chars().next()),
        }
    }

    fn prev_char(&self, i: usize) -> Option<char> {
        let b = self.t.as_bytes();
        if i <= b.len() && i > 0 && b[i - 1].is_ascii() {
            return Some(b[i - 1] as char);
        }
        self.t.get(..i).and_then(|s| s.chars().next_back())
    }

    /// End of the run of characters satisfying `f` starting at `i`.
    fn run_end(&self, mut i: usize, f: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.char_at(i) {
            if !f(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Start of the run of characters satisfying `f` ending at `i`.
    fn run_start(&self, mut i: usize, f: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.prev_char(i) {
            if !f(c) {
                break;
            }
            i -= c.len_utf8();
        }
        i
    }

    /// The ASCII word ending at `i` (after skipping spaces back), with its start.
    fn word_before(&self, i: usize) -> Option<(usize, &'a str)> {
        let e = self.run_start(i, is_space);
        let s = self.run_start(e, |c| c.is_ascii_alphabetic());
        (s < e).then(|| (s, &self.t[s..e]))
    }

    /// The ASCII word starting at `i` (after skipping spaces), with its end.
    fn word_after(&self, i: usize) -> Option<(usize, &'a str)> {
        let s = self.run_end(i, is_space);
        let e = self.run_end(s, |c| c.is_ascii_alphabetic());
        (s < e).then(|| (e, &self.t[s..e]))
    }

    fn run(&mut self) {
        let b = self.t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            // ASCII fast path: no char decoding for the bytes that make up most of a body; a
            // byte that starts nothing (space, punctuation) is passed without the boundary walk
            // below (the byte after an ASCII byte starts a character)
            let next = match BYTE_CLASS[x as usize] {
                DIGIT => self.digits(i),
                LETTER => self.word(i),
                OTHER => {
                    i += 1;
                    continue;
                }
                _ => {
                    // every character a number can start with here (full-width digits, 第,
                    // Chinese numerals) is three bytes long: the others are passed by their
                    // length, the three-byte ones decoded by hand (the text is valid UTF-8)
                    let len = utf8_len(x);
                    if len != 3 {
                        i += len;
                        continue;
                    }
                    let next = match zh_start(x, b[i + 1], b[i + 2]) {
                        ZhStart::FwDigit => self.digits(i),
                        ZhStart::Ordinal => self.zh_ordinal(i),
                        ZhStart::Numeral => self.zh_numeral(i),
                        ZhStart::Nothing => {
                            i += 3;
                            continue;
                        }
                    };
                    next.max(i + 3)
                }
            };
            i = next.max(i + 1);
            while !self.t.is_char_boundary(i) {
                i += 1;
            }
        }
    }

    /// `run` as it was before the byte classes and the hand decoding: the oracle of its
    /// pinning test.
    #[cfg(test)]
    fn run_reference(&mut self) {
        let b = self.t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x.is_ascii() {
                let next = if x.is_ascii_digit() {
                    self.digits(i)
                } else if x.is_ascii_alphabetic() {
                    self.word(i)
                } else {
                    i + 1
                };
                i = next.max(i + 1);
                while !self.t.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
            let Some(c) = self.char_at(i) else { break };
            let next = if is_digit(c) {
                self.digits(i)
            } else if c == '第' {
                self.zh_ordinal(i)
            } else if is_zh_numeral_start(c) {
                self.zh_numeral(i)
            } else {
                i + c.len_utf8()
            };
            i = next.max(i + c.len_utf8());
            while !self.t.is_char_boundary(i) {
                i += 1;
            }
        }
    }

    // --------------------------------------------------------------------------------- digits

    /// Reads `28,000`, `4.5`, `１２`; returns (end, ascii text, integer digits, had separators).
    fn read_digits(&self, i: usize) -> (usize, Cow<'a, str>, usize, bool) {
        let mut j = i;
        let mut int_digits = 0;
        let mut sep = false;
        let mut point = false;
        // whether the text is the span as written (ASCII digits and '.'): then it is borrowed
        let mut plain = true;
        loop {
            while let Some(c) = self.char_at(j) {
                if !is_digit(c) {
                    break;
                }
                plain &= c.is_ascii();
                if !point {
                    int_digits += 1;
                }
                j += c.len_utf8();
            }
            let c = self.char_at(j);
            if !point && c == Some(',') {
                // a thousands separator: exactly three digits follow, then no digit
                let k = self.run_end(j + 1, |c| c.is_ascii_digit());
                if k - (j + 1) == 3 {
                    sep = true;
                    plain = false;
                    j += 1;
                    continue;
                }
            }
            if !point && matches!(c, Some('.') | Some('．')) {
                let dot = c.map(char::len_utf8).unwrap_or(1);
                if self.char_at(j + dot).is_some_and(is_digit) {
                    point = true;
                    plain &= dot == 1;
                    j += dot;
                    continue;
                }
            }
            break;
        }
        (j, digits_text(&self.t[i..j], plain), int_digits, sep)
    }

    fn digits(&mut self, i: usize) -> usize {
        let (e, text, int_digits, sep) = self.read_digits(i);
        let alnum_end = |s: &Self| s.run_end(e, |c| is_word_char(c) || is_digit(c));
        let prev = self.prev_char(i);
        // glued to letters or other tokens: G110, COVID-19, 3+5, +86
        if prev.is_some_and(|c| {
            c.is_ascii_alphabetic() || c == '_' || c == '+' || c == '＋' || c == '#'
        }) {
            // "RMB5 billion"
            if !self.t[..i].ends_with("RMB") && !self.t[..i].ends_with("USD") {
                return alnum_end(self);
            }
        }
        if matches!(prev, Some('-') | Some('/')) {
            let before = self.prev_char(i - 1);
            if before.is_some_and(|c| c.is_ascii_alphabetic()) {
                return alnum_end(self);
            }
        }
        if prev == Some('.') && self.prev_char(i - 1).is_some_and(is_digit) {
            return alnum_end(self);
        }
        // 前10名, 前3批: a "top N", not an amount
        if prev == Some('前') {
            return alnum_end(self);
        }
        let next = self.char_at(e);
        // 1.2.3, 2022.03.29, 15:30, 1/3, 2022/3/29
        if let Some(n) = next {
            let after = self.char_at(e + n.len_utf8());
            if matches!(n, '.' | ':' | '/' | '：' | '+' | '＋') && after.is_some_and(is_digit) {
                return self.run_end(e, |c| {
                    is_digit(c) || matches!(c, '.' | ':' | '/' | '：' | '+' | '＋')
                });
            }
            if n == '+' || n == '＋' {
                return e + n.len_utf8();
            }
        }
        // leading zero: phone numbers, codes
        if int_digits > 1 && text.starts_with('0') {
            return self.run_end(e, |c| is_digit(c) || c == '-');
        }
        let year_like = !sep && int_digits == 4 && text.len() == 4 && {
            let y: u32 = text.parse().unwrap_or(0);
            (1900..=2100).contains(&y)
        };
        // hyphenated digit pairs: year ranges, dates, phone numbers, or a numeric range
        if let Some(n) = next {
            if matches!(n, '-' | '–' | '—' | '~' | '～') {
                let k = e + n.len_utf8();
                if self.char_at(k).is_some_and(is_digit) {
                    let (e2, t2, d2, _) = self.read_digits(k);
                    let y2: u32 = t2.parse().unwrap_or(0);
                    let after2 = self.char_at(e2);
                    let date =
                        after2 == Some(n) && self.char_at(e2 + n.len_utf8()).is_some_and(is_digit);
                    if date
                        || t2.starts_with('0')
                        || (year_like && d2 == 4 && (1900..=2100).contains(&y2))
                        || (year_like && d2 <= 2)
                    {
                        return self.run_end(e, |c| {
                            is_digit(c) || matches!(c, '-' | '–' | '—' | '~' | '～' | '年')
                        });
                    }
                }
            }
        }
        // a number glued to letters that are not a unit or scale: 5G, 3D, 12th, 1e309
        if next.is_some_and(|c| c.is_ascii_alphabetic()) {
            let word_end = self.run_end(e, |c| c.is_ascii_alphabetic());
            let w = Lower::new(&self.t[e..word_end]);
            let w = w.as_str();
            let unit_or_scale =
                self.match_unit(e).is_some() || lexicon::EN_SCALES.iter().any(|(s, _)| *s == w);
            if !unit_or_scale {
                if matches!(w, "st" | "nd" | "rd" | "th")
                    && !self.char_at(word_end).is_some_and(is_word_char)
                {
                    if let Some(cue) = self.rank_cue_before(i) {
                        return self.push_rank(cue, i, word_end, &text);
                    }
                }
                return self.run_end(word_end, |c| is_word_char(c) || is_digit(c));
            }
        }
        // names and dates: No 1, No. 1, Top 10, Line 2, Dec 11
        {
            let head = self.t[..i].trim_end_matches(|c: char| is_space(c) || c == '.');
            let ws = head.len()
                - head
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .len();
            let ws = head.len() - ws;
            let w = &head[ws..];
            if !w.is_empty() {
                let lw = Lower::new(w);
                let lw = lw.as_str();
                let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
                if lw == "no" || lw == "nos" {
                    if let Some(cue) = self.rank_cue_before(ws) {
                        return self.push_rank(cue, i, e, &text);
                    }
                    return e;
                }
                if (lw == "top" || (capital && lexicon::is_name_prefix(lw)))
                    || (lexicon::is_month(lw) && (capital || lw.len() > 3))
                {
                    return e;
                }
            }
        }
        // a capitalised month after the number ("20 May"): the word must start with a capital,
        // so most numbers are passed on the first byte after the spaces
        let ws = self.run_end(e, is_space);
        if self
            .t
            .as_bytes()
            .get(ws)
            .is_some_and(u8::is_ascii_uppercase)
        {
            if let Some((_, w)) = self.word_after(e) {
                let lw = Lower::new(w);
                if lexicon::is_month(lw.as_str()) && w.starts_with(|c: char| c.is_ascii_uppercase())
                {
                    return e;
                }
            }
        }
        let number = match Decimal::from_str(&text) {
            Ok(d) => d,
            Err(_) => {
                self.warnings.push(format!(
                    "number too large to represent exactly, skipped: {}",
                    short(&text)
                ));
                return e;
            }
        };
        // currency sign before: $, US$, ¥, RMB
        let (q_start, prefix_unit) = match self.currency_prefix(i) {
            Some((s, Some(u))) => (s, Some(u)),
            Some((_, None)) => return e, // a currency the vocabulary lacks (HK$, €)
            None => (i, None),
        };
        self.finish(
            q_start,
            i,
            e,
            number,
            Source::Digits,
            prefix_unit,
            year_like,
        )
    }

    /// A currency sign or code right before the number at `i`: `Some((start, unit))`;
    /// `Some((start, None))` for currencies without a unit.
    fn currency_prefix(&self, i: usize) -> Option<(usize, Option<Unit>)> {
        let j = self.run_start(i, is_space);
        let head = &self.t[..j];
        // most numbers have none of the signs and codes before them: their last bytes rule
        // them out at once
        if !head
            .as_bytes()
            .last()
            .is_some_and(|b| CURRENCY_LAST_BYTES.contains(b))
        {
            return None;
        }
        if head.ends_with('$') {
            let s = j - 1;
            let before = &self.t[..s];
            if before.ends_with("US") || before.ends_with("U.S.") {
                let len = if before.ends_with("US") { 2 } else { 4 };
                return Some((s - len, Some(Unit::Usd)));
            }
            if before.ends_with(|c: char| c.is_ascii_alphabetic()) {
                return Some((s, None));
            }
            return Some((s, Some(Unit::Usd)));
        }
        for &(p, u) in CURRENCY_PREFIXES {
            if head.ends_with(p) {
                let s = j - p.len();
                if p.is_ascii() && self.prev_char(s).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    continue;
                }
                return Some((s, Some(u)));
            }
        }
        for &p in FOREIGN_PREFIXES {
            if head.ends_with(p) {
                return Some((j - p.len(), None));
            }
        }
        None
    }

    // -------------------------------------------------------------------------------- words

    fn word(&mut self, i: usize) -> usize {
        // byte-wise: letters are ASCII, and '’' is the only non-ASCII character tested
        let b = self.t.as_bytes();
        let e = letters_end(b, i);
        // number and ordinal words are 3 to 9 letters long and start with one of a few letter
        // pairs: most words end here, before the tests below (each of which also ends them)
        if e - i > 9 || e - i < 3 || !may_start_number_word(b[i], b[i + 1]) {
            return e;
        }
        let glued = i > 0
            && match b[i - 1] {
                p if p.is_ascii() => is_word_char(p as char) || p == b'-' || p == b'\'',
                _ => self.t[..i].ends_with('’'),
            };
        if glued {
            return e;
        }
        if b.get(e).is_some_and(u8::is_ascii_digit) {
            return e;
        }
        let w = &self.t[i..e];
        let lw = Lower::new(w);
        let lw = lw.as_str();
        if let Some(v) = lexicon::ordinal_word(lw) {
            if self.char_at(e) != Some('-') {
                if let Some(cue) = self.rank_cue_before(i) {
                    return self.push_rank(cue, i, e, &v.to_string());
                }
            }
            return e;
        }
        let Some(mut v) = lexicon::word_number(lw) else {
            return e;
        };
        let mut end = e;
        // twenty-five, twenty five
        if v >= 20 && v % 10 == 0 {
            for sep in ["-", " "] {
                if self.t[end..].starts_with(sep) {
                    let s2 = end + 1;
                    let e2 = self.run_end(s2, |c| c.is_ascii_alphabetic());
                    let w2 = Lower::new(&self.t[s2..e2]);
                    if let Some(u) = lexicon::word_number(w2.as_str()).filter(|u| *u < 10) {
                        v += u;
                        end = e2;
                        break;
                    }
                }
            }
        }
        // two hundred
        if let Some((e2, w2)) = self.word_after(end) {
            if w2.eq_ignore_ascii_case("hundred") {
                v *= 100;
                end = e2;
            }
        }
        // Capitalised mid-sentence: part of a name (One Belt, Three Gorges)
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
        if capital && !self.sentence_start(i) {
            return end;
        }
        // hyphenated compounds: one-stop, five-year, two-way
        if self.char_at(end) == Some('-') && self.match_unit(end + 1).is_none() {
            return self.run_end(end, |c| c.is_ascii_alphabetic() || c == '-');
        }
        if v == 1 {
            if let Some((_, pw)) = self.word_before(i) {
                let pl = Lower::new(pw);
                if matches!(
                    pl.as_str(),
                    "the"
                        | "no"
                        | "any"
                        | "each"
                        | "every"
                        | "this"
                        | "that"
                        | "which"
                        | "only"
                        | "on"
                        | "another"
                        | "one"
                        | "such"
                ) {
                    return end;
                }
            }
        }
        let number = Decimal::from(v);
        let (q_start, prefix_unit) = match self.currency_prefix(i) {
            Some((s, Some(u))) => (s, Some(u)),
            Some((_, None)) => return end,
            None => (i, None),
        };
        self.finish_words(q_start, i, end, number, prefix_unit)
    }

    fn finish_words(
        &mut self,
        q_start: usize,
        i: usize,
        end: usize,
        number: Decimal,
        prefix_unit: Option<Unit>,
    ) -> usize {
        let n = self.out.len();
        let r = self.finish(q_start, i, end, number, Source::Words, prefix_unit, false);
        if self.out.len() > n && self.out[n].is_bare() {
            self.out.truncate(n);
        }
        r
    }

    fn sentence_start(&self, i: usize) -> bool {
        let j = self.run_start(i, |c| is_space(c) || matches!(c, '"' | '“' | '‘' | '\''));
        match self.prev_char(j) {
            None => true,
            Some(c) => matches!(
                c,
                '.' | '!' | '?' | '\n' | '。' | '！' | '？' | ':' | '：' | '(' | '（' | '–' | '—'
            ),
        }
    }

    /// A ranking verb right before `i`: `ranks second`, `ranked No. 1`, `位居全国第一`.
    fn rank_cue_before(&self, i: usize) -> Option<usize> {
        let (ws, w) = self.word_before(i)?;
        let between = &self.t[ws + w.len()..i];
        if !between.chars().all(is_space) {
            return None;
        }
        let lw = Lower::new(w);
        match lw.as_str() {
            "rank" | "ranks" | "ranked" | "placed" | "ranking" => {
                // a trailing participle (", ranking first in the country") qualifies the number
                // before it rather than stating a rank of the subject
                if lw.as_str() == "ranking" {
                    let j = self.run_start(ws, is_space);
                    if matches!(self.prev_char(j), Some(',') | Some('，')) {
                        return None;
                    }
                }
                Some(ws)
            }
            _ => None,
        }
    }

    fn push_rank(&mut self, cue: usize, i: usize, e: usize, text: &str) -> usize {
        let Ok(number) = Decimal::from_str(text) else {
            return e;
        };
        self.out.push(Quantity {
            start: 0,
            end: 0,
            byte_start: cue,
            byte_end: e,
            number_span: (i, e),
            number,
            multiplier: Decimal::ONE,
            value: number,
            unit: Unit::Rank,
            comparator: Comparator::Eq,
            source: Source::Ordinal,
            scaled: false,
            counter: None,
            noun: None,
            notes: Vec::new(),
            conversion_of: None,
        });
        e
    }

    // ------------------------------------------------------------------------------ Chinese

    fn zh_numeral_run_end(&self, i: usize) -> usize {
        let mut j = i;
        while let Some(c) = self.char_at(j) {
            if !is_zh_numeral(c) {
                break;
            }
            // 千瓦, 千米, 千伏, 千克: a unit, not the numeral 千
            if c == '千' && self.char_at(j + c.len_utf8()).is_some_and(is_kilo_unit) {
                break;
            }
            j += c.len_utf8();
        }
        j
    }

    fn zh_numeral(&mut self, i: usize) -> usize {
        let e = self.zh_numeral_run_end(i);
        if self.prev_char(i).is_some_and(is_zh_vague_before) {
            return e;
        }
        let Some(number) = parse_zh_numeral(&self.t[i..e]) else {
            return e;
        };
        let n = self.out.len();
        let r = self.finish(i, i, e, number, Source::Chinese, None, false);
        if self.out.len() > n {
            let q = &self.out[n];
            // one alone ("一家", "一个") is an article; vague counts are not statistics
            let keep = !q.is_bare() && (q.counter.is_none() || q.number >= Decimal::TWO);
            if !keep {
                self.out.truncate(n);
            }
        }
        r
    }

    fn zh_ordinal(&mut self, i: usize) -> usize {
        let s = i + '第'.len_utf8();
        let Some(c) = self.char_at(s) else { return s };
        let (e, text) = if is_digit(c) {
            let (e, t, _, _) = self.read_digits(s);
            (e, t.into_owned())
        } else if is_zh_numeral_start(c) {
            let e = self.zh_numeral_run_end(s);
            match parse_zh_numeral(&self.t[s..e]) {
                Some(d) => (e, d.to_string()),
                None => return e,
            }
        } else {
            return s;
        };
        // a rank needs a ranking verb shortly before: 排名第3, 位居全国第一, 居全区第二位
        let head_start = self.run_start(i, is_cjk).max(i.saturating_sub(8 * 3));
        let mut hs = head_start;
        while !self.t.is_char_boundary(hs) {
            hs += 1;
        }
        let head = &self.t[hs..i];
        let cue = ["排名", "位居", "位列", "排在", "名列", "排", "居", "列"]
            .iter()
            .filter_map(|p| head.rfind(p).map(|k| hs + k))
            .min();
        let Some(cue) = cue else { return e };
        if self.char_at(e).is_some_and(|c| "名位".contains(c)) {
            let end = e + 3;
            self.push_rank(cue, s, e, &text);
            if let Some(q) = self.out.last_mut() {
                q.byte_end = end;
            }
            return end;
        }
        self.push_rank(cue, s, e, &text)
    }

    // ------------------------------------------------------------------------------ tails

    /// The longest unit at `i` (one optional space, or a hyphen before an English unit).
    fn match_unit(&self, i: usize) -> Option<(usize, &'static UnitDef)> {
        let mut j = i;
        let mut hyphen = false;
        if let Some(c) = self.char_at(j) {
            if is_space(c) {
                j += c.len_utf8();
            } else if c == '-' {
                j += 1;
                hyphen = true;
            }
        }
        let rest = &self.t[j..];
        let first = rest.chars().next()?;
        let rb = rest.as_bytes();
        for &UnitKey {
            index,
            second,
            ascii,
        } in &UNITS_BY_BYTE[rb[0].to_ascii_lowercase() as usize]
        {
            // the second byte first: most patterns of a bucket differ there, and the whole
            // comparison below (case-insensitive for ASCII patterns) would fail on it
            if let Some(p1) = second {
                let t1 = rb
                    .get(1)
                    .map(|&t1| if ascii { t1.to_ascii_lowercase() } else { t1 });
                if t1 != Some(p1) {
                    continue;
                }
            }
            let d = &UNITS[index];
            if hyphen && !d.word {
                continue;
            }
            // Chinese units attach directly to the number
            if !ascii && j != i && !d.pat.starts_with('%') {
                continue;
            }
            let starts = if ascii {
                first.is_ascii() && starts_with_ci(rest, d.pat)
            } else {
                rest.starts_with(d.pat)
            };
            if !starts {
                continue;
            }
            let end = j + d.pat.len();
            if d.word
                && self
                    .char_at(end)
                    .is_some_and(|c| is_word_char(c) || c == '²' || c == '³')
            {
                // "km" in "kms"; allow plural s on abbreviations? keep strict
                continue;
            }
            // "mw" etc. are case-sensitive in practice: "MW", "GW", "kW"; reject "min" in "ministry" (boundary
            // check above) and "ha" as a word elsewhere is rare
            return Some((end, d));
        }
        None
    }

    fn foreign_currency_at(&self, i: usize) -> bool {
        let j = self.run_end(i, is_space);
        let rest = &self.t[j..];
        // nearly every number has none after it: one table lookup for the first byte instead
        // of the test per word
        if !may_start(&FOREIGN_CURRENCY_FIRST, rest) {
            return false;
        }
        lexicon::FOREIGN_CURRENCIES.iter().any(|p| {
            if !first_byte_may_match(rest, p) {
                false
            } else if p.is_ascii() {
                starts_with_ci(rest, p) && !self.char_at(j + p.len()).is_some_and(is_word_char)
            } else {
                rest.starts_with(p)
            }
        })
    }

    /// Scale, unit, counter, counted noun and post-comparator after a number ending at `e`.
    /// `None` when the tail shows the number is not a quantity.
    fn tail(
        &mut self,
        e: usize,
        source: Source,
        prefix_unit: Option<Unit>,
        number: Decimal,
    ) -> Option<Tail> {
        let mut j = e;
        let mut comparator = Comparator::Eq;
        let mut factor = Decimal::ONE;
        let mut scaled = false;
        let mut overflow = false;
        let more = |s: &Self, j: &mut usize, cmp: &mut Comparator| {
            if let Some(c) = s.char_at(*j) {
                if c == '余' || c == '多' {
                    *cmp = Comparator::Gt;
                    *j += c.len_utf8();
                }
            }
        };
        more(self, &mut j, &mut comparator);
        // Chinese scale characters
        if source != Source::Words {
            let mut k = 0;
            while let Some(c) = self.char_at(j) {
                let m = match c {
                    '十' => 1u32,
                    '百' => 2,
                    '千' if !self.char_at(j + 3).is_some_and(is_kilo_unit) => 3,
                    '万' => 4,
                    '亿' => 8,
                    _ => break,
                };
                k += 1;
                if k > 4 {
                    overflow = true;
                }
                match factor.checked_mul(pow10(m)) {
                    Some(f) => factor = f,
                    None => overflow = true,
                }
                scaled = true;
                j += c.len_utf8();
            }
            if scaled {
                more(self, &mut j, &mut comparator);
            }
        }
        // English scale words
        if !scaled {
            let mut k = j;
            if self.char_at(k).is_some_and(is_space) {
                k += 1;
            }
            let w_end = self.run_end(k, |c| c.is_ascii_alphabetic());
            if w_end > k && !self.char_at(w_end).is_some_and(|c| c.is_ascii_digit()) {
                let w = Lower::new(&self.t[k..w_end]);
                let w = w.as_str();
                let glued = k == e;
                if let Some((_, f)) = lexicon::EN_SCALES.iter().find(|(s, _)| *s == w) {
                    if !glued || matches!(w, "bn" | "mn" | "mln") {
                        factor = Decimal::from(*f);
                        scaled = true;
                        j = w_end;
                    }
                } else if w == "hundred" && source == Source::Digits {
                    factor = Decimal::from(100);
                    scaled = true;
                    j = w_end;
                }
            }
        }
        if overflow {
            self.warnings
                .push(format!("scale too large near byte {e}, skipped"));
            return None;
        }
        // "3,000-plus enterprises"
        if starts_with_ci(&self.t[j..], "-plus") && !self.char_at(j + 5).is_some_and(is_word_char) {
            comparator = Comparator::Gt;
            j += 5;
        }
        let mut unit = Unit::Unspecified;
        let mut counter = None;
        let mut noun = None;
        if self.foreign_currency_at(j) {
            return None;
        }
        if let Some(u) = prefix_unit {
            unit = u;
            // "$5 billion dollars", "RMB 5 billion yuan": swallow a repeated currency word
            if let Some((end, d)) = self.match_unit(j) {
                if is_currency(d.unit) {
                    j = end;
                }
            }
        } else if let Some((end, d)) = self.match_unit(j) {
            unit = d.unit;
            let f = Decimal::from(d.factor);
            factor = factor.checked_mul(f)?;
            j = end;
            // 万元, 亿元人民币 done; "度" needs a scale (亿度电)
        } else if scaled && self.t[j..].starts_with('度') {
            unit = Unit::Kwh;
            j += '度'.len_utf8();
        } else if scaled
            && self.t[j..].starts_with('方')
            && !self.t[j + 3..].starts_with(is_fang_word)
        {
            unit = Unit::M3;
            j += '方'.len_utf8();
        } else if let Some(c) = self
            .char_at(j)
            // the counters are Chinese: an ASCII character (most) is not searched for
            .filter(|&c| lexicon::is_zh_counter(c))
        {
            let after = &self.t[j + c.len_utf8()..];
            // 3个月, 2个小时: durations
            if c == '个'
                && [
                    "月",
                    "小时",
                    "工作日",
                    "交易日",
                    "季度",
                    "星期",
                    "年头",
                    "半月",
                    "多月",
                    "半小时",
                    "基点",
                ]
                .iter()
                .any(|p| after.starts_with(p))
            {
                return None;
            }
            // 人次
            j += c.len_utf8();
            if c == '人' && after.starts_with('次') {
                j += '次'.len_utf8();
            }
            unit = Unit::Count;
            counter = Some(c);
        } else if let Some(c) = self.char_at(j) {
            if is_zh_not_quantity_after(c) && source != Source::Words {
                return None;
            }
            if c == '-' && self.char_at(j + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
                // hyphenated compound that is not a unit: five-year, 5-star, 3-D
                return None;
            }
            if is_space(c) {
                if let Some((_, w)) = self.word_after(j) {
                    let lw = Lower::new(w);
                    if lexicon::is_time_word(lw.as_str()) {
                        return None;
                    }
                }
                match self.english_np(j) {
                    Np::Skip => return None,
                    Np::Phrase(s, pe, plural) if plural || number == Decimal::ONE => {
                        unit = Unit::Count;
                        noun = Some((s, pe));
                    }
                    Np::Phrase(..) | Np::None => {}
                }
            }
        }
        // post-comparators: "or more", 以上, 左右
        {
            let k = self.run_end(j, is_space);
            let rest = &self.t[k..];
            // no word can start here (most numbers): the loop would find nothing
            let words = if may_start(&POST_COMPARATOR_FIRST, rest) {
                lexicon::POST_COMPARATORS
            } else {
                &[]
            };
            for (p, c) in words {
                let hit = if !first_byte_may_match(rest, p) {
                    false
                } else if p.is_ascii() {
                    starts_with_ci(rest, p) && !self.char_at(k + p.len()).is_some_and(is_word_char)
                } else {
                    k == j && rest.starts_with(p)
                };
                if hit && unit != Unit::Unspecified {
                    comparator = *c;
                    j = k + p.len();
                    break;
                }
            }
        }
        if let Some((_, ne)) = noun {
            let k = self.run_end(ne, is_space);
            if k > ne
                && (starts_with_ci(&self.t[k..], "or more")
                    || starts_with_ci(&self.t[k..], "or above"))
            {
                comparator = Comparator::Gt;
            }
        }
        // prices and rates of money: 1525.5元/股, 19.18元/公斤, "50 yuan per ton"
        if is_currency(unit) {
            let rest = &self.t[j..];
            if rest.starts_with(['/', '每', '／'])
                || starts_with_ci(rest, " per ")
                || starts_with_ci(rest, " a ton")
            {
                return None;
            }
        }
        // a Chinese noun right after a unit or counter: 100万吨煤制乙二醇, 3个产业园
        let capacity_like = matches!(
            unit,
            Unit::T | Unit::Kw | Unit::Kwh | Unit::M3 | Unit::Count
        );
        if noun.is_none() && capacity_like {
            if let Some(c) = self.char_at(j) {
                if is_cjk(c) && !is_zh_noun_stop(c) {
                    let mut k = j;
                    let mut n = 0;
                    while let Some(c) = self.char_at(k) {
                        if !(is_cjk(c) || c.is_ascii_alphabetic()) || is_zh_noun_stop(c) || n >= 12
                        {
                            break;
                        }
                        if self.t[k..].starts_with("项目") || self.t[k..].starts_with("综合") {
                            break;
                        }
                        k += c.len_utf8();
                        n += 1;
                    }
                    if n >= 2 {
                        noun = Some((j, k));
                    }
                }
            }
        }
        Some(Tail {
            end: j,
            unit,
            factor,
            scaled,
            counter,
            noun,
            comparator,
        })
    }

    /// An English counted noun phrase after a number: `170 supporting enterprises`.
    fn english_np(&self, i: usize) -> Np {
        let mut j = self.run_end(i, is_space);
        // at most one token per round of the loop below: a stack array, no allocation per number
        let mut buf = [(0usize, 0usize, false); 9];
        let mut n = 0;
        for _ in 0..9 {
            let Some(c) = self.char_at(j) else { break };
            if !c.is_ascii_alphanumeric() {
                break;
            }
            let e = np_word_end(self.t.as_bytes(), j);
            let w = &self.t[j..e];
            let lw = Lower::new(w);
            let lw = lw.as_str();
            if n == 0 {
                if lexicon::is_month(lw) && w.starts_with(|c: char| c.is_ascii_uppercase()) {
                    return Np::Skip;
                }
                if lexicon::is_time_word(lw) || lw.starts_with("year") {
                    return Np::Skip;
                }
                if w.starts_with(|c: char| c.is_ascii_digit())
                    && !w.ends_with(|c: char| c.is_ascii_alphabetic())
                {
                    break;
                }
            }
            if lw == "and" && n > 0 && !buf[n - 1].2 {
                // "science and technology business incubator"; "3 national-level and 11
                // autonomous region-level R&D centers" (the head is shared)
                let k = self.run_end(e, is_space);
                if self.char_at(k).is_some_and(|c| c.is_ascii_digit()) {
                    j = k;
                    continue;
                }
                if self.char_at(k).is_some_and(|c| c.is_ascii_alphabetic()) {
                    let (_, nw) = self.word_after(e).unwrap_or((k, ""));
                    let nl = Lower::new(nw);
                    if !lexicon::is_np_stop(nl.as_str()) {
                        j = k;
                        continue;
                    }
                }
                break;
            }
            if lexicon::is_np_stop(lw)
                || w.ends_with('\'')
                || w.ends_with("'s")
                || w.ends_with("’s")
            {
                break;
            }
            let plural = is_plural(lw);
            buf[n] = (j, e, plural);
            n += 1;
            if self.char_at(e).is_some_and(is_space) {
                j = e + 1;
            } else {
                break;
            }
        }
        let toks = &buf[..n];
        if toks.is_empty() {
            return Np::None;
        }
        // the head: the last plural token; otherwise the phrase is singular (valid after "one")
        match toks.iter().rposition(|t| t.2) {
            Some(h) => Np::Phrase(toks[0].0, toks[h].1, true),
            None => Np::Phrase(toks[0].0, toks[toks.len() - 1].1, false),
        }
    }

    /// Builds the quantity for a number at `[ns, ne)` whose mention starts at `q_start`.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        q_start: usize,
        ns: usize,
        ne: usize,
        number: Decimal,
        source: Source,
        prefix_unit: Option<Unit>,
        year_like: bool,
    ) -> usize {
        let Some(tail) = self.tail(ne, source, prefix_unit, number) else {
            return ne;
        };
        // years: bare, or with a noun phrase after a preposition ("in 2020 enterprises…")
        if year_like
            && !tail.scaled
            && prefix_unit.is_none()
            && (tail.unit == Unit::Unspecified || tail.noun.is_some())
        {
            if tail.unit == Unit::Unspecified {
                return ne;
            }
            let prep = self.word_before(ns).map(|(_, w)| Lower::new(w));
            let prep_year = prep.as_ref().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "in" | "by"
                        | "since"
                        | "from"
                        | "to"
                        | "until"
                        | "till"
                        | "before"
                        | "after"
                        | "during"
                        | "of"
                        | "end"
                        | "early"
                        | "late"
                        | "mid"
                        | "between"
                        | "and"
                        | "as"
                        | "the"
                        | "for"
                        | "on"
                        | "at"
                        | "through"
                        | "around"
                        | "year"
                        | "than"
                        | "that"
                ) || lexicon::is_month(w.as_str())
            });
            if prep_year
                || self
                    .prev_char(self.run_start(ns, is_space))
                    .is_some_and(|c| c == ',' || c == '，')
            {
                return ne;
            }
        }
        let mut comparator = tail.comparator;
        let mut start = q_start;
        let mut notes = Vec::new();
        // comparators and decrease words before the mention
        if let Some((s, c)) = self.tail_match(start, &PRE_COMPARATORS_BY_LAST, |k| {
            lexicon::PRE_COMPARATORS[k]
        }) {
            if comparator == Comparator::Eq {
                comparator = c;
            }
            start = s;
        }
        if let Some((s, ())) = self.tail_match(start, &DECREASE_WORDS_BY_LAST, |k| {
            (lexicon::DECREASE_WORDS[k], ())
        }) {
            notes.push(Note::Decrease);
            start = s;
            // "down about 3 percent": a comparator may also sit between the word and the number
        }
        let Some(mut value) = number.checked_mul(tail.factor) else {
            self.warnings
                .push(format!("value too large near byte {ns}, skipped"));
            return tail.end.max(ne);
        };
        if notes.contains(&Note::Decrease) {
            value = -value;
        }
        if tail.unit == Unit::Kv && value > Decimal::from(1200) {
            notes.push(Note::KilovoltMaybeKilowatt);
            self.warnings.push(
                Note::KilovoltMaybeKilowatt
                    .warning()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
        self.out.push(Quantity {
            start: 0,
            end: 0,
            byte_start: start,
            byte_end: tail.end,
            number_span: (ns, ne),
            number,
            multiplier: tail.factor,
            value,
            unit: tail.unit,
            comparator,
            source,
            scaled: tail.scaled,
            counter: tail.counter,
            noun: tail.noun,
            notes,
            conversion_of: None,
        });
        // continue after the unit, not after the noun phrase (it may hold numbers of its own)
        tail.end.max(ne)
    }

    /// The longest pattern ending right before `i` (spaces between allowed for English),
    /// with a word boundary before English patterns. `by_last` indexes the table `pat` reads
    /// (see [`by_last_byte`]); ties go to the earlier pattern.
    fn tail_match<T: Copy>(
        &self,
        i: usize,
        by_last: &[Vec<usize>],
        pat: impl Fn(usize) -> (&'static str, T),
    ) -> Option<(usize, T)> {
        let j = self.run_start(i, is_space);
        let head = &self.t[..j];
        let head_zh = &self.t[..i];
        let mut best: Option<(usize, T)> = None;
        // a suffix test nearly always fails on the last byte, so only the patterns ending in the
        // last byte of the text (lower-cased for English, whose patterns are lower-case) are tried
        let bucket = |b: Option<u8>| b.map_or(&[][..], |b| &by_last[b as usize][..]);
        let last_en = head.as_bytes().last().map(u8::to_ascii_lowercase);
        let last_zh = head_zh.as_bytes().last().copied();
        for k in merged(bucket(last_en), bucket(last_zh)) {
            let (p, v) = pat(k);
            let s = if p.is_ascii() {
                if !ends_with_ci(head, p) {
                    continue;
                }
                let s = j - p.len();
                if self.prev_char(s).is_some_and(is_word_char) || j == i {
                    continue;
                }
                s
            } else {
                if !head_zh.ends_with(p) {
                    continue;
                }
                i - p.len()
            };
            if best.as_ref().is_none_or(|(bs, _)| s < *bs) {
                best = Some((s, v));
            }
        }
        best
    }

    // ---------------------------------------------------------------------------- post-pass

    fn gap(&self, a: usize, b: usize) -> &str {
        let (x, y) = (self.out[a].byte_end, self.out[b].byte_start);
        if x <= y {
            &self.t[x..y]
        } else {
            ""
        }
    }

    fn post_pass(&mut self) {
        let n = self.out.len();
        // conversions and ranges
        for k in 1..n {
            let gap = self.gap(k - 1, k).trim();
            let (prev, cur) = (&self.out[k - 1], &self.out[k]);
            if is_currency(cur.unit)
                && is_currency(prev.unit)
                && cur.unit != prev.unit
                && matches!(gap, "(" | "（")
            {
                self.out[k].conversion_of = Some(k - 1);
                self.out[k].notes.push(Note::Conversion);
                continue;
            }
            let range_sep = matches!(gap, "-" | "–" | "—" | "~" | "～" | "至" | "到" | "to");
            if range_sep
                && prev.is_bare()
                && !cur.is_bare()
                && prev.source == cur.source
                && !prev.scaled
            {
                self.inherit(k - 1, k);
                self.out[k - 1].notes.push(Note::RangeLow);
                self.out[k].notes.push(Note::RangeHigh);
            }
        }
        // a decrease word covers the list after it: 同比分别下降26%和50%
        for k in 1..n {
            let pure = matches!(
                self.gap(k - 1, k),
                "和" | "、" | " and " | ", " | "，" | "及"
            );
            if pure
                && self.out[k - 1].has(Note::Decrease)
                && !self.out[k].has(Note::Decrease)
                && self.out[k].unit == self.out[k - 1].unit
            {
                let q = &mut self.out[k];
                q.value = -q.value;
                q.notes.push(Note::Decrease);
            }
        }
        // lists ending in one unit: "7.8, 20.3 and 70.6 percent"
        for k in (1..n).rev() {
            if self.out[k].is_bare() {
                continue;
            }
            let last_gap = self.gap(k - 1, k);
            if !matches!(
                last_gap,
                " and " | " or " | ", and " | "和" | "及" | "、" | "与"
            ) || !self.out[k - 1].is_bare()
            {
                continue;
            }
            let mut j = k - 1;
            loop {
                if self.out[j].source != self.out[k].source {
                    break;
                }
                self.inherit(j, k);
                if j == 0
                    || !self.out[j - 1].is_bare()
                    || !matches!(self.gap(j - 1, j), ", " | "，" | "、" | ",")
                {
                    break;
                }
                j -= 1;
            }
        }
        // a bare scaled number after money in the same sentence: "of which 140 billion"
        for k in 0..n {
            if !(self.out[k].is_bare() && self.out[k].scaled) {
                continue;
            }
            for j in (0..k).rev() {
                let between = &self.t[self.out[j].byte_end..self.out[k].byte_start];
                if has_sentence_end(between) {
                    break;
                }
                if is_currency(self.out[j].unit) {
                    self.out[k].unit = self.out[j].unit;
                    self.out[k].notes.push(Note::UnitInherited);
                    break;
                }
            }
        }
    }

    /// Gives quantity `to` the unit (and, when it has none, the scale) of quantity `from`.
    fn inherit(&mut self, to: usize, from: usize) {
        let (unit, factor, scaled, counter) = (
            self.out[from].unit,
            self.out[from].multiplier,
            self.out[from].scaled,
            self.out[from].counter,
        );
        let q = &mut self.out[to];
        if q.scaled || !scaled {
            // keep its own scale; take the unit factor only when the high end has no scale
            if !scaled {
                if let Some(v) = q.value.checked_mul(factor) {
                    q.value = v;
                    q.multiplier = factor;
                }
            }
        } else if let Some(v) = q.value.checked_mul(factor) {
            q.value = v;
            q.multiplier = factor;
            q.scaled = true;
        }
        q.unit = unit;
        q.counter = counter;
        q.notes.push(Note::UnitInherited);
    }
}

fn is_plural(lw: &str) -> bool {
    if lexicon::is_irregular_plural(lw) {
        return true;
    }
    lw.len() > 2
        && lw.ends_with('s')
        && !lw.ends_with("ss")
        && !lw.ends_with("us")
        && !lw.ends_with("is")
        && !lw.ends_with("'s")
        && lw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'&')
}

fn has_sentence_end(s: &str) -> bool {
    s.contains(['。', '！', '？', '!', '?', '\n', ';', '；']) || s.contains(". ")
}

fn short(s: &str) -> String {
    if s.len() > 24 {
        format!("{}…({} digits)", &s[..12], s.len())
    } else {
        s.to_string()
    }
}

/// Parses a Chinese numeral: 三百 → 300, 两万 → 20000, 一千二百三十四 → 1234, 二〇二二 → 2022.
pub fn parse_zh_numeral(s: &str) -> Option<Decimal> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<i64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    // positional form with 〇: 二〇二二
    if s.contains('〇') && s.chars().all(|c| digit(c).is_some()) {
        let mut v = Decimal::ZERO;
        for c in s.chars() {
            v = v
                .checked_mul(Decimal::TEN)?
                .checked_add(Decimal::from(digit(c)?))?;
        }
        return Some(v);
    }
    let first = s.chars().next()?;
    if !is_zh_numeral_start(first) || first == '〇' {
        return None;
    }
    let mut high = Decimal::ZERO; // everything multiplied by 亿 so far
    let mut wan = Decimal::ZERO; // the 万 group
    let mut sec: i64 = 0; // below 万
    let mut d: Option<i64> = None;
    let mut last_mult: i64 = 0;
    let mut after_zero = false;
    for c in s.chars() {
        if let Some(v) = digit(c) {
            if v == 0 {
                after_zero = true;
                if d.is_some() {
                    return None;
                }
                continue;
            }
            if d.is_some() {
                return None; // 十四五, 三五: two digits in a row
            }
            d = Some(v);
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let m = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                let v = match d.take() {
                    Some(v) => v,
                    None if c == '十' && sec == 0 => 1,
                    None => return None,
                };
                if last_mult != 0 && m >= last_mult && !after_zero && sec != 0 {
                    return None;
                }
                sec += v * m;
                last_mult = m;
                after_zero = false;
            }
            '万' => {
                sec += d.take().unwrap_or(0);
                if sec == 0 && wan.is_zero() {
                    return None;
                }
                wan = wan.checked_add(Decimal::from(sec))?;
                sec = 0;
                last_mult = 0;
                after_zero = false;
            }
            '亿' => {
                sec += d.take().unwrap_or(0);
                let group = wan
                    .checked_mul(Decimal::from(10_000))?
                    .checked_add(Decimal::from(sec))?;
                let total = high.checked_add(group)?;
                if total.is_zero() {
                    return None;
                }
                high = total.checked_mul(Decimal::from(100_000_000))?;
                wan = Decimal::ZERO;
                sec = 0;
                last_mult = 0;
                after_zero = false;
            }
            _ => return None,
        }
    }
    if let Some(v) = d {
        // 三百五 → 350 (a trailing digit right after 百/千 is one step below it)
        if last_mult >= 100 && !after_zero {
            sec += v * last_mult / 10;
        } else {
            sec += v;
        }
    }
    let total = high
        .checked_add(wan.checked_mul(Decimal::from(10_000))?)?
        .checked_add(Decimal::from(sec))?;
    Some(total)
}

/// Fills the character offsets of quantities from their byte offsets in one pass: the
/// positions come nearly in order (quantities in text order, each end after its start), so the
/// count moves on from the last position (back, for the rare one before it) instead of
/// sorting the positions and looking each up.
fn fill_char_offsets(text: &str, qs: &mut [Quantity]) {
    let (mut b, mut c) = (0usize, 0usize);
    let mut at = |p: usize| {
        let p = p.min(text.len());
        if p >= b {
            c += text[b..p].chars().count();
        } else {
            c -= text[p..b].chars().count();
        }
        b = p;
        c
    };
    for q in qs {
        q.start = at(q.byte_start);
        q.end = at(q.byte_end);
    }
}

/// `fill_char_offsets` as it was (sorted positions, looked up): the oracle of its pinning test.
#[cfg(test)]
fn fill_char_offsets_sorted(text: &str, qs: &mut [Quantity]) {
    let mut pos: Vec<usize> = qs.iter().flat_map(|q| [q.byte_start, q.byte_end]).collect();
    pos.sort_unstable();
    pos.dedup();
    let mut map = Vec::with_capacity(pos.len());
    let (mut b, mut c) = (0usize, 0usize);
    for p in pos {
        let p = p.min(text.len());
        c += text.get(b..p).map(|s| s.chars().count()).unwrap_or(0);
        b = p;
        map.push((p, c));
    }
    let find = |p: usize| {
        map.binary_search_by_key(&p, |x| x.0)
            .map(|i| map[i].1)
            .unwrap_or(0)
    };
    for q in qs {
        q.start = find(q.byte_start);
        q.end = find(q.byte_end);
    }
}

#[cfg(test)]
mod tests;
