//! How a page refers to the park it profiles: its names as written (case-insensitive, any
//! whitespace between words, an optional bracketed note between words, `-` matching a hyphen or a
//! space) and generic references ("the zone", "该园区").
//!
//! Names are matched by hand rather than by a regex built per document: compiling such a regex
//! costs more than extracting the whole page.

use std::sync::LazyLock;

use regex::Regex;

use crate::gazetteer::clean_en_zone_name;

/// The pattern `it_start` reads by hand.
#[cfg(test)]
static IT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:It|Its|It's)(?-u:\b)").expect("re"));

/// Whether `t` starts with "It", "Its" or "It's" as a word (`^(?:It|Its|It's)\b`, ASCII word
/// boundary), by comparing bytes: the regex ran twice for every sentence.
pub(super) fn it_start(t: &str) -> bool {
    let b = t.as_bytes();
    // each form ends in a word byte: a boundary follows where no word byte does
    let boundary = |i: usize| {
        b.get(i)
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
    };
    b.starts_with(b"It")
        && (boundary(2)
            || (b[2..].starts_with(b"s") && boundary(3))
            || (b[2..].starts_with(b"'s") && boundary(4)))
}

static PAREN_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[（(][^)）]*[)）]\s*$").expect("re"));
static SUBJECT_VERB_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s+(?:was|is|were|had|has)(?:\s+been)?(?:\s+(?:first|officially|originally|initially|formally|later))?)$").expect("re")
});

/// References that do not name the park.
static GENERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:the|this)\s+(?:economic\s+and\s+technological\s+development\s+zone|economic\s+development\s+zone|high[\s-]*tech\s+(?:industrial\s+)?(?:zone|park)|hi[\s-]*tech\s+(?:industrial\s+)?(?:zone|park)|development\s+zone|economic\s+zone|industrial\s+(?:park|zone)|park|zone)|(?:该|本)?(?:园区|开发区|高新区|经开区)").expect("generic refs regex")
});

/// Ways the text refers to the main park.
pub(super) struct ParkRefs {
    /// The main name (English, else Chinese).
    pub primary: String,
    /// Names as written (English and Chinese, with aliases), longest first.
    pub names: Vec<String>,
    /// `names`, ASCII-lowercased and split into words.
    words: Vec<Vec<String>>,
    /// A searcher for the literal start of each of `words` (its first word up to a hyphen),
    /// built once: searches run for every sentence.
    heads: Vec<memchr::memmem::Finder<'static>>,
}

impl ParkRefs {
    pub fn new(name_en: &str, name_zh: &str, aliases: &[String]) -> ParkRefs {
        let mut names: Vec<String> = Vec::new();
        for n in [name_en, name_zh]
            .into_iter()
            .chain(aliases.iter().map(String::as_str))
        {
            let n = n.trim();
            if n.is_empty() {
                continue;
            }
            names.push(n.to_string());
            let cleaned = clean_en_zone_name(n);
            names.push(cleaned.clone());
            for prefix in [
                "Inner Mongolia ",
                "Inner Mongolian ",
                "内蒙古自治区",
                "内蒙古",
            ] {
                if let Some(rest) = cleaned.strip_prefix(prefix) {
                    names.push(rest.to_string());
                }
            }
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names.dedup();
        let words: Vec<Vec<String>> = names
            .iter()
            .map(|n| {
                n.split_whitespace()
                    .map(str::to_ascii_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let heads = words
            .iter()
            .map(|w| {
                let head = w[0].split('-').next().unwrap_or_default();
                memchr::memmem::Finder::new(head).into_owned()
            })
            .collect();
        let primary = if name_en.trim().is_empty() {
            name_zh.trim()
        } else {
            name_en.trim()
        }
        .to_string();
        ParkRefs {
            primary,
            names,
            words,
            heads,
        }
    }

    /// Whether `text` mentions the park.
    pub fn mentioned(&self, text: &str) -> bool {
        // whether `find_iter` finds anything: a name anywhere, else a generic reference. Unlike
        // `find_from`, this stops at the first name found and asks the generic regex only
        // whether it matches, only when no name does.
        if it_start(text) {
            return true;
        }
        let lower = text.to_ascii_lowercase();
        let named = self.words.iter().zip(&self.heads).any(|(words, head)| {
            if head.needle().is_empty() {
                return false;
            }
            let mut at = 0;
            while let Some(p) = lower.get(at..).and_then(|rest| head.find(rest.as_bytes())) {
                let s = at + p;
                if match_words(&lower, s, words).is_some() {
                    return true;
                }
                at = s + head.needle().len();
            }
            false
        });
        named || GENERIC.is_match(text)
    }

    /// The references in `text`, left to right (the longest at each position).
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let lower = text.to_ascii_lowercase();
        let mut from = 0;
        std::iter::from_fn(move || {
            let (s, e) = self.find_from(text, &lower, from)?;
            from = if e > s {
                e
            } else {
                s + text[s..].chars().next().map_or(1, char::len_utf8)
            };
            Some((s, e))
        })
    }

    /// Whether `text` is a reference (possibly with a parenthesis) followed by a comma, verb or end.
    pub fn is_subject_prefix(&self, text: &str) -> bool {
        let t = text.trim();
        if t.is_empty() {
            return true;
        }
        let t = t.strip_suffix(',').unwrap_or(t).trim();
        let t = PAREN_TAIL.replace(t, "");
        let t = SUBJECT_VERB_TAIL.replace(t.trim(), "");
        let t = t.trim();
        if t.eq_ignore_ascii_case("it") || t.is_empty() {
            return true;
        }
        let bare = t
            .strip_prefix("The ")
            .or_else(|| t.strip_prefix("the "))
            .unwrap_or(t);
        self.is_whole(t) || self.is_whole(bare)
    }

    /// Whether all of `text` is one reference.
    pub fn is_whole(&self, text: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        self.words
            .iter()
            .any(|w| match_words(&lower, 0, w) == Some(text.len()))
            || GENERIC
                .find(text)
                .is_some_and(|m| m.start() == 0 && m.end() == text.len())
    }

    /// The leftmost reference at or after `from` (the longest there).
    fn find_from(&self, text: &str, lower: &str, from: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let better = |best: Option<(usize, usize)>, s: usize, e: usize| {
            best.is_none_or(|(bs, be)| s < bs || (s == bs && e > be))
        };
        for (words, head) in self.words.iter().zip(&self.heads) {
            // the literal start of the name, up to its first hyphen
            if head.needle().is_empty() {
                continue;
            }
            let mut at = from;
            while let Some(p) = lower.get(at..).and_then(|rest| head.find(rest.as_bytes())) {
                let s = at + p;
                if best.is_some_and(|(bs, _)| s > bs) {
                    break;
                }
                if let Some(e) = match_words(lower, s, words) {
                    if better(best, s, e) {
                        best = Some((s, e));
                    }
                    break;
                }
                at = s + head.needle().len();
            }
        }
        if let Some(m) = GENERIC.find_at(text, from) {
            if better(best, m.start(), m.end()) {
                best = Some((m.start(), m.end()));
            }
        }
        best
    }
}

/// End of `words` matched in `lower` at `i`: words separated by whitespace, optionally with a
/// bracketed note between two words ("Hohhot (national) Economic …").
fn match_words(lower: &str, i: usize, words: &[String]) -> Option<usize> {
    let (first, rest) = words.split_first()?;
    let i = match_word(lower, i, first)?;
    if rest.is_empty() {
        return Some(i);
    }
    let j = skip_space(lower, i);
    if j == i {
        return None;
    }
    if let Some(k) = note_end(lower, j) {
        let k2 = skip_space(lower, k);
        if k2 > k {
            if let Some(e) = match_words(lower, k2, rest) {
                return Some(e);
            }
        }
    }
    match_words(lower, j, rest)
}

/// End of one word at `i`; a hyphen in the word also matches `‐` or a space.
///
/// The pieces between hyphens are compared as bytes: character by character, as the text they
/// spell, they matched exactly when their bytes do.
fn match_word(lower: &str, i: usize, word: &str) -> Option<usize> {
    let mut at = i;
    for (k, part) in word.split('-').enumerate() {
        if k > 0 {
            let rest = lower.get(at..)?;
            let n = ['-', '‐', ' '].into_iter().find(|d| rest.starts_with(*d))?;
            at += n.len_utf8();
        }
        if !part.is_empty() {
            if !lower.get(at..)?.as_bytes().starts_with(part.as_bytes()) {
                return None;
            }
            at += part.len();
        }
    }
    Some(at)
}

/// `match_word` as it walked the word's characters (pins the byte comparison).
#[cfg(test)]
fn match_word_chars(lower: &str, i: usize, word: &str) -> Option<usize> {
    let mut at = i;
    for c in word.chars() {
        let rest = lower.get(at..)?;
        if c == '-' {
            let n = ['-', '‐', ' '].into_iter().find(|d| rest.starts_with(*d))?;
            at += n.len_utf8();
        } else if rest.starts_with(c) {
            at += c.len_utf8();
        } else {
            return None;
        }
    }
    Some(at)
}

fn skip_space(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    i + (rest.len() - rest.trim_start().len())
}

/// End of a bracketed note (`(…)` or `（…）`, not empty) starting at `i`.
fn note_end(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    let open = rest.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner = &rest[open.len_utf8()..];
    let close = inner.find([')', '）'])?;
    if close == 0 {
        return None;
    }
    let c = inner[close..].chars().next()?;
    Some(i + open.len_utf8() + close + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs() -> ParkRefs {
        ParkRefs::new(
            "Hohhot Economic and Technological Development Zone",
            "呼和浩特经济技术开发区",
            &["Hohhot ETDZ".to_string()],
        )
    }

    fn found<'t>(r: &ParkRefs, t: &'t str) -> Vec<&'t str> {
        r.find_iter(t).map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn names_match_across_case_whitespace_notes_and_hyphens() {
        let r = refs();
        assert_eq!(
            found(
                &r,
                "In 2020, HOHHOT economic and  technological\ndevelopment zone grew."
            ),
            vec!["HOHHOT economic and  technological\ndevelopment zone"]
        );
        assert_eq!(
            found(
                &r,
                "Hohhot (national) Economic and Technological Development Zone"
            ),
            vec!["Hohhot (national) Economic and Technological Development Zone"]
        );
        assert_eq!(
            found(&r, "据呼和浩特经济技术开发区介绍，该园区"),
            vec!["呼和浩特经济技术开发区", "该园区"]
        );
        let hy = ParkRefs::new("Baotou Hi-tech Zone", "", &[]);
        assert_eq!(
            found(&hy, "baotou hi tech zone and Baotou Hi‐tech Zone"),
            vec!["baotou hi tech zone", "Baotou Hi‐tech Zone"]
        );
        // the longest reference at the leftmost position
        assert_eq!(found(&r, "the Hohhot ETDZ"), vec!["Hohhot ETDZ"]);
        assert_eq!(
            found(&r, "the zone, the park"),
            vec!["the zone", "the park"]
        );
        assert!(found(&r, "Baotou is a city").is_empty());
    }

    #[test]
    fn it_start_agrees_with_the_regex() {
        for t in [
            "", "I", "It", "It ", "Its", "Its ", "It's", "It's x", "It’s x", "Itself", "It_",
            "It9", "Its_", "It'", "It'sx", "It's_", "it is", "It,", "It—", "Ité", "Itsé", "It's's",
        ] {
            assert_eq!(it_start(t), IT_START.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn mentioned_is_whether_a_reference_is_found() {
        let hy = ParkRefs::new("Baotou Hi-tech Zone", "包头稀土高新区", &["BHTZ".into()]);
        for r in [refs(), hy, ParkRefs::new("", "", &[])] {
            for t in [
                "",
                "It has 30 enterprises.",
                "Its output grew.",
                "Italy grew.",
                "Companies in the Hohhot ETDZ grew.",
                "HOHHOT economic and  technological\ndevelopment zone",
                "Hohhot (national) Economic and Technological Development Zone",
                "Hohhot Economic and Technological",
                "hohhot hohhot etdz",
                "Baotou grew.",
                "baotou hi tech zone",
                "Baotou Hi‐tech Zone",
                "the zone, the park",
                "This economic zone",
                "the parks",
                "据呼和浩特经济技术开发区介绍",
                "该园区",
                "bhtz and 包头稀土高新区",
                "Baotou Hi",
            ] {
                assert_eq!(
                    r.mentioned(t),
                    IT_START.is_match(t) || r.find_iter(t).next().is_some(),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn byte_wise_match_word_agrees_with_the_char_walk() {
        let pieces = [
            "hi", "-", "‐", " ", "tech", "h", "园区", "园", "(", "é", "t", "--",
        ];
        let texts: Vec<String> =
            crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 600, 8, &pieces).collect();
        let words: Vec<String> =
            crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 60, 5, &pieces).collect();
        for t in &texts {
            for w in &words {
                for i in 0..=t.len() + 1 {
                    assert_eq!(
                        match_word(t, i, w),
                        match_word_chars(t, i, w),
                        "{t:?} {i} {w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn mentions_and_whole_references() {
        let r = refs();
        assert!(r.mentioned("It has 30 enterprises."));
        assert!(r.mentioned("Companies in the Hohhot ETDZ grew."));
        assert!(!r.mentioned("Baotou grew."));
        assert!(r.is_whole("Hohhot Economic and Technological Development Zone"));
        assert!(r.is_whole("the zone"));
        assert!(!r.is_whole("the zone grew"));
        assert!(!r.is_whole("Hohhot ETDZ x"));
    }
}
