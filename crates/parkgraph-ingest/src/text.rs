//! Small text helpers shared by the plugins.

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

/// Trims and folds runs of spaces and tabs inside a line into one space.
pub fn collapse_spaces(s: &str) -> String {
    let t = s.trim();
    let b = t.as_bytes();
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
    out
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
    }
}
