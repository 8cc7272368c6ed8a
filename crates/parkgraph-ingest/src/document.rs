use chrono::{DateTime, FixedOffset};

use crate::text::{count_bytes, count_bytes2, count_pairs};

/// Stock exchange of a company mentioned in markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Market {
    /// Shanghai.
    Sh,
    /// Shenzhen.
    Sz,
    /// Beijing.
    Bj,
    /// Hong Kong.
    Hk,
    /// A US exchange.
    Us,
}

impl Market {
    /// Short upper-case code: `SH`, `SZ`, `BJ`, `HK`, `US`.
    pub fn code(self) -> &'static str {
        match self {
            Market::Sh => "SH",
            Market::Sz => "SZ",
            Market::Bj => "BJ",
            Market::Hk => "HK",
            Market::Us => "US",
        }
    }
}

/// A listed company named by the page's stock-quote markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMention {
    /// Visible name, as it appears in the body.
    pub name: String,
    /// Stock code (`601939`, `PTR`).
    pub code: String,
    /// Exchange, from the markup's market prefix.
    pub market: Market,
}

/// What a plugin makes of one input: metadata, clean body text and structural hints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// Plugin id that parsed it.
    pub format: &'static str,
    /// Headline without site chrome.
    pub title: String,
    /// Section, breadcrumb or category.
    pub section: String,
    /// Front-matter tags.
    pub tags: Vec<String>,
    /// Publication time with the page's offset (China time when the page gives a day only).
    pub published: Option<DateTime<FixedOffset>>,
    /// Canonical URL of the original article.
    pub url: Option<String>,
    /// Original publisher credited by the page.
    pub origin: Option<String>,
    /// Lead or digest.
    pub summary: Option<String>,
    /// Clean body: paragraphs separated by one blank line, no markup, no chrome.
    pub body: String,
    /// Companies named by stock-quote markup, each once, in order of first mention.
    pub stocks: Vec<StockMention>,
    /// Other names of the page's subject seen in captions (e.g. a variant spelling).
    pub aliases: Vec<String>,
    /// Non-fatal problems met while parsing.
    pub warnings: Vec<String>,
}

impl ParsedDocument {
    /// Detected language of title and body: `zh` or `en`. Counting is a few vectorised byte
    /// passes, cheap enough to repeat rather than store beside the text it depends on.
    pub fn language(&self) -> &'static str {
        // Title and body as if joined by a line break, which is neither letter kind.
        language_of([&self.title, &self.body])
    }
}

/// `zh` when a meaningful share of the letters are CJK ideographs, `en` otherwise.
pub fn detect_language(text: &str) -> &'static str {
    language_of([text])
}

/// [`LetterCounts::language`] of the parts' counts, with the ideographs counted only when they
/// can decide it. A text without a lead byte of an ideograph (E3–E9) is English, which a test
/// that stops at the first such byte settles; otherwise, as every ideograph has one lead
/// byte, the lead bytes bound the ideographs from above, and an English text with a Chinese
/// name in brackets has far fewer of them than half its letters: its ideographs need no count.
fn language_of<const N: usize>(parts: [&str; N]) -> &'static str {
    if !parts.iter().any(|p| has_cjk_lead(p.as_bytes())) {
        return "en";
    }
    let mut counts = LetterCounts::default();
    let mut leads = 0;
    for p in parts {
        leads += counts.add_latin(p.as_bytes());
    }
    if leads * 2 < counts.latin {
        return "en"; // cjk * 2 <= leads * 2 < latin
    }
    for p in parts {
        counts.cjk += cjk_count(p.as_bytes());
    }
    counts.language()
}

crate::text::with_avx2! {
    /// Whether `b` has a byte E3–E9, the lead bytes of every CJK ideograph (see
    /// [`LetterCounts::add`]).
    fn has_cjk_lead / has_cjk_lead_avx2(b: &[u8]) -> bool = has_cjk_lead_in
}

/// Branch-free over 256-byte chunks (a loop shape the compiler vectorises), stopping after the
/// first chunk with a lead byte.
#[inline(always)]
fn has_cjk_lead_in(b: &[u8]) -> bool {
    b.chunks(256).any(|chunk| {
        chunk
            .iter()
            .fold(0u8, |any, &c| any | u8::from(c.wrapping_sub(0xE3) < 7))
            != 0
    })
}

/// The ideographs of `b` (see [`LetterCounts::add`]).
fn cjk_count(b: &[u8]) -> usize {
    // A lead byte is never a text's last byte, so pairs see every E3 and E4.
    count_bytes(b, |c| c.wrapping_sub(0xE5) < 5)
        + count_pairs(b, |p, q| {
            ((p == 0xE4) & (q != 0xB7)) | ((p == 0xE3) & (q >= 0x90))
        })
}

/// Pieces shorter than this are counted by a plain loop in [`LetterCounts::add_latin`].
const SHORT: usize = 16;

/// Running counts of CJK ideographs (U+4E00–U+9FFF, U+3400–U+4DBF) and ASCII letters.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LetterCounts {
    pub(crate) cjk: usize,
    pub(crate) latin: usize,
}

impl LetterCounts {
    /// Counts the letters of `text` on its UTF-8 bytes, in branch-free passes the compiler
    /// vectorises. Both ideograph blocks are three-byte sequences: leads E5–E9 are all inside
    /// them, lead E4 is inside except U+4DC0–U+4DFF (`E4 B7 ..`), lead E3 only from U+3400
    /// (second byte 90 or more).
    pub(crate) fn add(&mut self, text: &str) {
        let b = text.as_bytes();
        if self.add_latin(b) == 0 {
            return; // no ideograph: the usual case for English text
        }
        self.cjk += cjk_count(b);
    }

    /// Adds the ASCII letters of `b` and returns its bytes E3–E9 (leads of the ideographs), in
    /// one pass. `c | 0x20` maps only the ASCII letters into `a..=z`.
    fn add_latin(&mut self, b: &[u8]) -> usize {
        let letter = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26;
        let lead = |c: u8| c.wrapping_sub(0xE3) < 7;
        if b.len() < SHORT {
            // A short piece (the inside of a tag, for Eastmoney's sniff): a plain loop costs
            // less than the vector pass's padded block and lane sums.
            let (mut latin, mut leads) = (0, 0);
            for &c in b {
                latin += usize::from(letter(c));
                leads += usize::from(lead(c));
            }
            self.latin += latin;
            return leads;
        }
        let [latin, leads] = count_bytes2(b, letter, lead);
        self.latin += latin;
        leads
    }

    /// Takes out the counts of a piece of text added before.
    pub(crate) fn remove(&mut self, other: LetterCounts) {
        self.cjk -= other.cjk;
        self.latin -= other.latin;
    }

    pub(crate) fn language(self) -> &'static str {
        // An ideograph carries about as much as two Latin letters, so an English sentence with a
        // Chinese name in brackets stays English while Chinese prose with Latin acronyms is
        // Chinese.
        if self.cjk * 2 >= self.latin && self.cjk > 0 {
            "zh"
        } else {
            "en"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short pieces count as the vector pass counts them.
    #[test]
    fn short_pieces_count_as_the_vector_pass() {
        let pieces = [
            "a", "Z", "p", "/", " ", "园", "区", "é", "\u{3000}", "<", "1", "@", "[", "`",
        ];
        for t in crate::test_support::Xorshift::texts(0x5407, 20000, 2 * SHORT, &pieces) {
            let b = t.as_bytes();
            let mut c = LetterCounts::default();
            let leads = c.add_latin(b);
            let [latin, want_leads] = count_bytes2(
                b,
                |c| (c | 0x20).wrapping_sub(b'a') < 26,
                |c| c.wrapping_sub(0xE3) < 7,
            );
            assert_eq!((c.latin, leads), (latin, want_leads), "{t:?}");
        }
    }

    #[test]
    fn detects_language() {
        assert_eq!(
            detect_language("Ordos Hi-Tech Industrial Park (鄂尔多斯市高新技术产业园区) is"),
            "en"
        );
        assert_eq!(detect_language("呼和浩特将做优做强六大产业集群 25GW"), "zh");
        assert_eq!(detect_language(""), "en");
    }

    /// The definition [`LetterCounts`] reads UTF-8 bytes for.
    fn counts_by_chars(text: &str) -> LetterCounts {
        let mut n = LetterCounts::default();
        for c in text.chars() {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) {
                n.cjk += 1;
            } else if c.is_ascii_alphabetic() {
                n.latin += 1;
            }
        }
        n
    }

    #[test]
    fn letter_counts_at_block_edges() {
        let edges = "\u{33ff}\u{3400}\u{4dbf}\u{4dc0}\u{4dff}\u{4e00}\u{9fff}\u{a000}\u{3000}\u{e000}aZ@[`{";
        let mut n = LetterCounts::default();
        n.add(edges);
        assert_eq!(n, counts_by_chars(edges));
        assert_eq!((n.cjk, n.latin), (4, 2));
    }

    proptest::proptest! {
        #[test]
        fn letter_counts_match_char_definition(s in "[a-zA-Z0-9 \u{80}-\u{7ff}\u{3300}-\u{4fff}\u{9f00}-\u{a0ff}\u{10000}-\u{10100}]{0,80}") {
            let mut n = LetterCounts::default();
            n.add(&s);
            proptest::prop_assert_eq!(n, counts_by_chars(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn lead_bytes_keep_the_language(
            s in "[a-zA-Z0-9 \u{80}-\u{7ff}\u{3300}-\u{4fff}\u{9f00}-\u{a0ff}]{0,600}",
            t in "[a-zA-Z \u{3300}-\u{4fff}]{0,40}",
        ) {
            let mut n = LetterCounts::default();
            n.add(&s);
            proptest::prop_assert_eq!(detect_language(&s), n.language());
            n.add(&t);
            let d = ParsedDocument { title: t.clone(), body: s.clone(), ..Default::default() };
            proptest::prop_assert_eq!(d.language(), n.language());
            proptest::prop_assert_eq!(
                has_cjk_lead(s.as_bytes()),
                s.bytes().any(|c| (0xE3..=0xE9).contains(&c))
            );
        }
    }

    #[test]
    fn document_language_counts_title_and_body_together() {
        let d = ParsedDocument {
            title: "园区".into(),
            body: "Hohhot".into(),
            ..Default::default()
        };
        assert_eq!(d.language(), detect_language("园区\nHohhot"));
        assert_eq!(d.language(), "en");
    }
}
