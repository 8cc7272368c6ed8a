//! Small text helpers shared by the plugins.

use std::borrow::Cow;

/// Joins paragraphs with one blank line, trimming each and dropping empty ones.
pub fn join_paragraphs<I, S>(paragraphs: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for p in paragraphs {
        let p = collapse_spaces(p.as_ref());
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p);
    }
    out
}

/// Trims and folds runs of spaces and tabs inside a line into one space. Most lines need no
/// folding; those are returned as they are, without a copy.
pub fn collapse_spaces(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    let b = t.as_bytes();
    let folds = b.iter().enumerate().any(|(i, &c)| match c {
        b'\t' => true,
        b' ' => b.get(i + 1) == Some(&b' '),
        0xC2 => b.get(i + 1) == Some(&0xA0),
        0xE3 => b.get(i + 1..i + 3) == Some(&[0x80, 0x80][..]),
        _ => false,
    });
    if !folds {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    let mut i = 0;
    // Byte scan: the spaces are ' ', '\t', U+00A0 (C2 A0) and U+3000 (E3 80 80); everything else
    // is copied in runs. Runs only break at ASCII bytes or lead bytes, so slices stay on char
    // boundaries.
    while i < b.len() {
        let width = match b[i] {
            b' ' | b'\t' => 1,
            0xC2 if b.get(i + 1) == Some(&0xA0) => 2,
            0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80][..]) => 3,
            _ => 0,
        };
        if width > 0 {
            space = true;
            i += width;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | 0xC2 | 0xE3) {
            i += 1;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(&t[start..i]);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_collapses() {
        assert_eq!(join_paragraphs(["  a  b ", "", "c"]), "a b\n\nc");
    }

    #[test]
    fn collapses_unicode_spaces() {
        assert_eq!(collapse_spaces(" a\u{a0}\u{3000} b\t\tc\u{a0}"), "a b c");
        assert_eq!(collapse_spaces("园区\u{3000}\u{3001}Â¢"), "园区 \u{3001}Â¢");
        assert_eq!(collapse_spaces("\u{3000}x"), "x");
        assert_eq!(collapse_spaces("园区 a\u{3000}b"), "园区 a b");
    }

    #[test]
    fn lines_without_runs_are_not_copied() {
        assert!(matches!(
            collapse_spaces(" a b 园区。 "),
            Cow::Borrowed("a b 园区。")
        ));
        assert!(matches!(collapse_spaces("a  b"), Cow::Owned(_)));
    }
}
