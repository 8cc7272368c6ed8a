//! Sentences and clauses of a body (byte offsets), English and Chinese.

/// One sentence: byte span and paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub para: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "no", "nos", "co", "ltd", "inc", "corp", "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "e.g", "i.e",
    "u.s", "gov", "prof", "jr", "sr", "approx", "dept", "govt",
];

/// Splits `body` into sentences. Newlines always end a sentence (and blank lines a paragraph);
/// `。！？!?` end one; `.` ends one before a space and a capital, digit, quote or CJK character,
/// unless it closes an abbreviation (`No.`, `Co.`) or a single letter.
///
/// `keep` lists byte spans (sorted, e.g. the quantities) that an over-long sentence is never cut
/// inside.
///
/// (The typing splits only the lines it reads: [`sentences_of_kept_lines`].)
#[cfg(test)]
pub(crate) fn sentences(body: &str, keep: &[(usize, usize)]) -> Vec<Sentence> {
    split(body, keep, false)
}

/// [`sentences`] of the lines where a `keep` span starts; the other lines' sentences are left
/// out (unsplit). A line is a paragraph of its own, so the typing, which reads the sentences
/// holding a quantity and a year carried within a paragraph, reads none of theirs.
pub(crate) fn sentences_of_kept_lines(body: &str, keep: &[(usize, usize)]) -> Vec<Sentence> {
    split(body, keep, true)
}

fn split(body: &str, keep: &[(usize, usize)], kept_lines_only: bool) -> Vec<Sentence> {
    // room for a sentence per 64 bytes, above the usual count: growing the vector cost more
    let mut out = Vec::with_capacity(body.len() / 64 + 4);
    let mut para = 0;
    let b = body.as_bytes();
    // the span starts in order (a quantity's start may reach back before the one before it)
    let mut starts: Vec<usize> = Vec::new();
    if kept_lines_only {
        starts.extend(keep.iter().map(|k| k.0));
        starts.sort_unstable();
    }
    // the next span start at or after the line being split
    let mut next_kept = 0;
    // where to go on from the line starting at `at`: `at` itself, or its newline (or the end)
    // when only kept lines are split and no `keep` span starts in it
    let mut line_from = |at: usize| -> usize {
        if !kept_lines_only {
            return at;
        }
        while next_kept < starts.len() && starts[next_kept] < at {
            next_kept += 1;
        }
        let nl = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k);
        if starts.get(next_kept).is_some_and(|&k| k < nl) {
            at
        } else {
            nl
        }
    };
    let push = |s: usize, e: usize, para: usize, out: &mut Vec<Sentence>| {
        let mut s = s;
        // Typing a number looks back over its sentence, so an unbounded "sentence" (a page
        // that is one line of figures) would cost quadratic time: cut it into bounded pieces.
        while e - s > MAX_SENTENCE_BYTES {
            let cut = cut_point(body, s, s + MAX_SENTENCE_BYTES, keep).clamp(s + 1, e);
            push_trimmed(body, s, cut, para, out);
            s = cut;
        }
        push_trimmed(body, s, e, para, out);
    };
    // Walks bytes: every boundary character but the three full-width ones is ASCII. `i` stays
    // on a char boundary (it moves by one ASCII byte, or past whole characters).
    let mut i = line_from(0);
    let mut start = i;
    let mut stops = crate::entities::text::Stops::new(b);
    while i < b.len() {
        let stop = match b[i] {
            b'\n' => {
                push(start, i, para, &mut out);
                // a blank line (or any newline) starts a new paragraph
                para += 1;
                i += 1;
                while matches!(b.get(i), Some(b'\n' | b'\r' | b' ')) {
                    i += 1;
                }
                i = line_from(i);
                start = i;
                continue;
            }
            b'!' | b'?' | b'.' => 1,
            0xE3 | 0xEF if body[i..].starts_with(['。', '！', '？']) => 3,
            _ => {
                // jump to the next byte that can end a sentence
                i = stops.next(i + 1);
                continue;
            }
        };
        let mut end = i + stop;
        // closing quotes and brackets stay with the sentence
        while let Some(n @ ('”' | '’' | '"' | '\'' | '」' | '』' | ')' | '）')) =
            body[end..].chars().next()
        {
            end += n.len_utf8();
        }
        let ends = b[i] != b'.' || period_ends_sentence(body, b, i, end);
        i = end;
        if ends {
            push(start, end, para, &mut out);
            start = end;
        }
    }
    push(start, body.len(), para, &mut out);
    out
}

/// Longest sentence kept whole; real sentences of either language stay well below it.
const MAX_SENTENCE_BYTES: usize = 2048;

fn push_trimmed(body: &str, s: usize, e: usize, para: usize, out: &mut Vec<Sentence>) {
    let seg = &body[s..e];
    // one trim per end: a segment left empty by the leading trim is all space, and a non-empty
    // one keeps its trailing space
    let rest = seg.trim_start();
    if rest.is_empty() {
        return;
    }
    let lead = seg.len() - rest.len();
    let trail = rest.len() - rest.trim_end().len();
    out.push(Sentence {
        start: s + lead,
        end: e - trail,
        para,
    });
}

/// Where to cut an over-long sentence starting at `s`, at most at `limit` and never inside a
/// `keep` span: after the last clause separator (else space) of the second half of the window,
/// else at a character boundary.
fn cut_point(body: &str, s: usize, limit: usize, keep: &[(usize, usize)]) -> usize {
    let inside = |at: usize| {
        let k = keep.partition_point(|&(a, _)| a < at);
        k > 0 && keep[k - 1].1 > at
    };
    let mut limit = limit;
    while !body.is_char_boundary(limit) {
        limit -= 1;
    }
    let lo = s + (limit - s) / 2;
    for seps in [&[',', ';', '，', '；', '、'][..], &[' '][..]] {
        let mut hi = limit;
        while let Some(p) = body[lo..hi].rfind(seps) {
            let at = lo + p;
            let after = at + body[at..].chars().next().map_or(1, char::len_utf8);
            if !inside(after) {
                return after;
            }
            hi = at;
        }
    }
    // no separator: a character boundary outside every kept span
    let mut at = limit;
    while at > s + 1 && (inside(at) || !body.is_char_boundary(at)) {
        at -= 1;
    }
    if at <= s + 1 {
        // one span longer than the window: cut after it
        let k = keep.partition_point(|&(a, _)| a < limit);
        return keep
            .get(k.wrapping_sub(1))
            .map_or(limit, |&(_, e)| e.max(s + 1));
    }
    at
}

/// The last `n` bytes of `s`, fewer when that would split a character.
pub(crate) fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// What the text around the period at `i` (`end` just past it) allows: not a decimal point or
/// "1.2.3", a space after it (or the end, or a line break), then something a sentence starts
/// with. The word before it is judged by the callers.
fn may_end_sentence(body: &str, b: &[u8], i: usize, end: usize) -> bool {
    if i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let rest = &body[end..];
    let after = rest.trim_start_matches([' ', '\u{a0}', '\t']);
    if after.len() == rest.len() && !after.is_empty() && !after.starts_with(['\n', '\r']) {
        return false; // no space after: "U.S.", "e.g.x"
    }
    after.chars().next().is_none_or(|n| {
        n.is_uppercase()
            || n.is_ascii_digit()
            || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '（' | '\n' | '\r')
            || ('\u{4e00}'..='\u{9fff}').contains(&n)
    })
}

fn period_ends_sentence(body: &str, b: &[u8], i: usize, end: usize) -> bool {
    if !may_end_sentence(body, b, i, end) {
        return false;
    }
    // the word before the period
    // (abbreviations are short: look back a few bytes only, so a run of "A.A.A." stays linear)
    let head = tail(&body[..i], 16);
    // byte-wise: the word's bytes are ASCII, and the last byte of any other character (the
    // one it stops at) is not, so the word starts right after that byte
    let w_start = head
        .as_bytes()
        .iter()
        .rposition(|&c| !(c.is_ascii_alphabetic() || c == b'.'))
        .map_or(0, |j| j + 1);
    let w = &head.as_bytes()[w_start..];
    if w_start == 0 && head.len() < i {
        return true; // a "word" longer than any abbreviation
    }
    if w.len() == 1 && w[0].is_ascii_uppercase() {
        return false;
    }
    // lower-cased on the stack (at most 16 bytes): one per sentence-ending period
    let mut buf = [0u8; 16];
    let lw = &mut buf[..w.len()];
    lw.copy_from_slice(w);
    lw.make_ascii_lowercase();
    !ABBREVIATIONS.iter().any(|a| a.as_bytes() == &*lw)
}

/// `period_ends_sentence` as it was (char-wise word search, allocated lower case): the oracle
/// of its pinning test.
#[cfg(test)]
fn period_ends_sentence_chars(body: &str, b: &[u8], i: usize, end: usize) -> bool {
    if !may_end_sentence(body, b, i, end) {
        return false;
    }
    let head = tail(&body[..i], 16);
    let w_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphabetic() || c == '.'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let w = &head[w_start..];
    if w_start == 0 && head.len() < i {
        return true;
    }
    if w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let lw = w.to_ascii_lowercase();
    !ABBREVIATIONS.contains(&lw.as_str())
}

/// Is the byte at `i` a clause separator (a comma not inside a number, semicolon, colon, dash)?
pub(crate) fn is_clause_sep(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let c = text[i..].chars().next()?;
    match c {
        ',' => {
            let digit_before = i > 0 && b[i - 1].is_ascii_digit();
            let digit_after = b.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            (!(digit_before && digit_after)).then_some(1)
        }
        '，' | '；' | '：' => Some(c.len_utf8()),
        ';' | ':' => Some(1),
        _ => None,
    }
}

/// Whether a full-width separator (`，；：`) starts at byte `k`. 0xEF only ever
/// leads a character, so a byte scan finds exactly the characters a char scan would.
fn fw_sep_at(b: &[u8], k: usize) -> bool {
    b[k] == 0xEF && b.get(k + 1) == Some(&0xBC) && matches!(b.get(k + 2), Some(0x8C | 0x9B | 0x9A))
}

/// Start of the clause containing byte `pos`, not before `floor`.
pub(crate) fn clause_start(text: &str, floor: usize, pos: usize) -> usize {
    // byte-wise: every separator starts with an ASCII byte or 0xEF, both character starts; two
    // vectorised searches (`,;:` and 0xEF) go from candidate to candidate, each search's last
    // answer kept until the walk passes it
    if pos <= floor {
        return floor;
    }
    let b = text.as_bytes();
    let ascii = |hi: usize| memchr::memrchr3(b',', b';', b':', &b[floor..hi]).map(|i| floor + i);
    let wide = |hi: usize| memchr::memrchr(0xEF, &b[floor..hi]).map(|i| floor + i);
    let (mut a, mut w) = (ascii(pos), wide(pos));
    while let Some(k) = a.max(w) {
        if b[k] != 0xEF || fw_sep_at(b, k) {
            if let Some(n) = is_clause_sep(text, k) {
                return k + n;
            }
        }
        if a == Some(k) {
            a = ascii(k);
        } else {
            w = wide(k);
        }
    }
    floor
}

/// End of the clause containing byte `pos`, not after `ceil`.
pub(crate) fn clause_end(text: &str, pos: usize, ceil: usize) -> usize {
    if pos >= ceil {
        return ceil;
    }
    let b = text.as_bytes();
    let ascii = |lo: usize| memchr::memchr3(b',', b';', b':', &b[lo..ceil]).map(|i| lo + i);
    let wide = |lo: usize| memchr::memchr(0xEF, &b[lo..ceil]).map(|i| lo + i);
    let (mut a, mut w) = (ascii(pos), wide(pos));
    loop {
        let k = match (a, w) {
            (Some(x), Some(y)) => x.min(y),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return ceil,
        };
        if (b[k] != 0xEF || fw_sep_at(b, k)) && is_clause_sep(text, k).is_some() {
            return k;
        }
        if a == Some(k) {
            a = ascii(k + 1);
        } else {
            w = wide(k + 1);
        }
    }
}

/// The char-wise originals, kept to pin the byte-wise versions.
#[cfg(test)]
fn clause_start_chars(text: &str, floor: usize, pos: usize) -> usize {
    let seg = &text[floor..pos];
    for (k, _) in seg.char_indices().rev() {
        if let Some(n) = is_clause_sep(text, floor + k) {
            return floor + k + n;
        }
    }
    floor
}

#[cfg(test)]
fn clause_end_chars(text: &str, pos: usize, ceil: usize) -> usize {
    let seg = &text[pos..ceil];
    for (k, _) in seg.char_indices() {
        if is_clause_sep(text, pos + k).is_some() {
            return pos + k;
        }
    }
    ceil
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::text::MAY_END_SENTENCE;

    fn texts(body: &str) -> Vec<&str> {
        sentences(body, &[])
            .iter()
            .map(|s| &body[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_english_and_chinese() {
        let body = "It has 4.5 percent. Inner Mongolia No. 1 machinery Co. is big.\n\n园区规划面积50平方公里。已入驻企业120家！";
        assert_eq!(
            texts(body),
            vec![
                "It has 4.5 percent.",
                "Inner Mongolia No. 1 machinery Co. is big.",
                "园区规划面积50平方公里。",
                "已入驻企业120家！"
            ]
        );
        let s = sentences(body, &[]);
        assert_eq!(s[0].para, s[1].para);
        assert!(s[2].para > s[1].para);
    }

    #[test]
    fn clauses() {
        let t = "By 2015, the investment totaled 28,000 yuan, sales of 5 yuan";
        let p = t.find("28,000").unwrap();
        assert_eq!(&t[clause_start(t, 0, p)..p], " the investment totaled ");
        assert_eq!(&t[p..clause_end(t, p, t.len())], "28,000 yuan");
    }

    #[test]
    fn reversed_clause_bounds_return_the_limit() {
        let t = "a, b; c";
        assert_eq!(clause_start(t, 5, 2), 5);
        assert_eq!(clause_end(t, 5, 2), 2);
    }

    #[test]
    fn byte_wise_clauses_match_char_wise() {
        let texts = [
            "By 2015, the investment totaled 28,000 yuan, sales of 5 yuan",
            "园区规划面积50平方公里，已入驻企业120家；产值：3亿元",
            "a,b;c:d，e；f：g 1,2 ,3 4, 5 ５，６ ｛｝～ＸＹ 🌍,x",
            "",
            ",",
            "，",
        ];
        for t in texts {
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &lo in &bounds {
                for &hi in bounds.iter().filter(|&&h| h >= lo) {
                    assert_eq!(
                        clause_start(t, lo, hi),
                        clause_start_chars(t, lo, hi),
                        "{t:?} {lo} {hi}"
                    );
                    assert_eq!(
                        clause_end(t, lo, hi),
                        clause_end_chars(t, lo, hi),
                        "{t:?} {lo} {hi}"
                    );
                }
            }
        }
    }

    #[test]
    fn skipping_to_stop_bytes_keeps_every_stop() {
        // each byte `sentences` matches on is in the table, so skipping the others loses none
        for c in ['\n', '!', '?', '.', '。', '！', '？'] {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(MAY_END_SENTENCE[lead as usize], "{c:?}");
        }
        assert_eq!(
            texts("One! Two? 三。四！五？Six.\nSeven"),
            vec!["One!", "Two?", "三。", "四！", "五？", "Six.", "Seven"]
        );
    }

    #[test]
    fn symbols_before_a_period() {
        assert_eq!(
            texts("The park has 8 sq km 🌍. It grows."),
            vec!["The park has 8 sq km 🌍.", "It grows."]
        );
    }

    #[test]
    fn over_long_sentences_are_cut_outside_kept_spans() {
        let body = "8 sq km, ".repeat(2_000);
        let keep: Vec<(usize, usize)> = (0..2_000).map(|i| (i * 9, i * 9 + 7)).collect();
        let s = sentences(&body, &keep);
        assert!(s.len() >= body.len() / MAX_SENTENCE_BYTES);
        for w in &s {
            assert!(w.end - w.start <= MAX_SENTENCE_BYTES);
            assert!(
                body[w.start..w.end].starts_with("8 sq km"),
                "cut inside a quantity"
            );
            assert_eq!(w.para, 0);
        }
        // one "word" with no separator: still bounded, on character boundaries
        let han = "园".repeat(3_000);
        let s = sentences(&han, &[]);
        assert!(s.len() > 1);
        assert!(s
            .iter()
            .all(|w| han.is_char_boundary(w.start) && w.end - w.start <= MAX_SENTENCE_BYTES));
        assert_eq!(s.last().unwrap().end, han.len());
    }

    /// The byte-wise word search and stack lower-casing against the char-wise original, at
    /// every period of random texts.
    #[test]
    fn period_ends_sentence_matches_the_char_wise_original() {
        let pieces = [
            ".",
            ". ",
            " ",
            "No",
            "no",
            "Co",
            "U.S",
            "e.g",
            "A",
            "a",
            "Ltd",
            "Sept",
            "é",
            "中",
            "。",
            "1",
            "2",
            "\n",
            "\u{a0}",
            "\"",
            "approx",
            "Dec",
            "abcdefghij",
            "X.",
            "’",
        ];
        for t in crate::test_support::Xorshift::texts(0x3c6e_f372_fe94_f82b, 20_000, 14, &pieces) {
            let b = t.as_bytes();
            for (i, _) in t.match_indices('.') {
                assert_eq!(
                    period_ends_sentence(&t, b, i, i + 1),
                    period_ends_sentence_chars(&t, b, i, i + 1),
                    "{t:?} at {i}"
                );
            }
        }
    }
}
