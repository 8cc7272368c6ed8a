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
pub(crate) fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut start = 0;
    let b = body.as_bytes();
    let mut it = body.char_indices().peekable();
    let push = |s: usize, e: usize, para: usize, out: &mut Vec<Sentence>| {
        let seg = &body[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if seg.trim().is_empty() {
            return;
        }
        out.push(Sentence {
            start: s + lead,
            end: e - trail,
            para,
        });
    };
    while let Some((i, c)) = it.next() {
        match c {
            '\n' => {
                push(start, i, para, &mut out);
                start = i + 1;
                // a blank line (or any newline) starts a new paragraph
                para += 1;
                while let Some(&(j, n)) = it.peek() {
                    if n == '\n' || n == '\r' || n == ' ' {
                        it.next();
                        start = j + n.len_utf8();
                    } else {
                        break;
                    }
                }
            }
            '。' | '！' | '？' | '!' | '?' | '.' => {
                let mut end = i + c.len_utf8();
                // closing quotes and brackets stay with the sentence
                while let Some(&(j, n)) = it.peek() {
                    if matches!(n, '”' | '’' | '"' | '\'' | '」' | '』' | ')' | '）') {
                        it.next();
                        end = j + n.len_utf8();
                    } else {
                        break;
                    }
                }
                if c == '.' && !period_ends_sentence(body, b, i, end) {
                    continue;
                }
                push(start, end, para, &mut out);
                start = end;
            }
            _ => {}
        }
    }
    push(start, body.len(), para, &mut out);
    out
}

fn period_ends_sentence(body: &str, b: &[u8], i: usize, end: usize) -> bool {
    // decimal point, or part of "1.2.3"
    if i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let rest = &body[end..];
    let after = rest.trim_start_matches([' ', '\u{a0}', '\t']);
    if after.len() == rest.len() && !after.is_empty() && !after.starts_with(['\n', '\r']) {
        return false; // no space after: "U.S.", "e.g.x"
    }
    if let Some(n) = after.chars().next() {
        let ok = n.is_uppercase()
            || n.is_ascii_digit()
            || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '（' | '\n' | '\r')
            || ('\u{4e00}'..='\u{9fff}').contains(&n);
        if !ok {
            return false;
        }
    }
    // the word before the period
    let head = &body[..i];
    let w_start = head
        .rfind(|c: char| !(c.is_ascii_alphabetic() || c == '.'))
        .map(|k| k + 1)
        .unwrap_or(0);
    let w = &head[w_start..];
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

/// Start of the clause containing byte `pos`, not before `floor`.
pub(crate) fn clause_start(text: &str, floor: usize, pos: usize) -> usize {
    let seg = &text[floor..pos];
    for (k, _) in seg.char_indices().rev() {
        if let Some(n) = is_clause_sep(text, floor + k) {
            return floor + k + n;
        }
    }
    floor
}

/// End of the clause containing byte `pos`, not after `ceil`.
pub(crate) fn clause_end(text: &str, pos: usize, ceil: usize) -> usize {
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

    fn texts(body: &str) -> Vec<&str> {
        sentences(body)
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
        let s = sentences(body);
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
}
