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

/// Number of bytes of `b` for which `f` holds (write `f` with `&` and `|`, not `&&` and `||`, so
/// it has no branches). Counted per chunk into a `u8`, a loop shape the
/// compiler vectorises (a plain `filter().count()` over bytes stays one byte at a time).
pub(crate) fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { count_bytes_avx2(b, f) };
    }
    count_bytes_in(b, f)
}

/// [`count_bytes`] compiled for AVX2: the same loop reads 32 bytes a step instead of 16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn count_bytes_avx2(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    count_bytes_in(b, f)
}

#[inline(always)]
fn count_bytes_in(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.chunks(128)
        .map(|c| usize::from(c.iter().map(|&x| u8::from(f(x))).sum::<u8>()))
        .sum()
}

/// Number of positions `i` of `b` for which `f(b[i], b[i + 1])` holds, vectorised like
/// [`count_bytes`].
pub(crate) fn count_pairs(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { count_pairs_avx2(b, f) };
    }
    count_pairs_in(b, f)
}

/// [`count_pairs`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn count_pairs_avx2(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    count_pairs_in(b, f)
}

#[inline(always)]
fn count_pairs_in(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    if b.len() < 2 {
        return 0;
    }
    let (x, y) = (&b[..b.len() - 1], &b[1..]);
    x.chunks(128)
        .zip(y.chunks(128))
        .map(|(cx, cy)| {
            let n: u8 = cx.iter().zip(cy).map(|(&p, &q)| u8::from(f(p, q))).sum();
            usize::from(n)
        })
        .sum()
}

/// The lines of `text` exactly as [`str::lines`] splits them (a final line break ends the last
/// line; one `\r` before a `\n` is dropped), found with memchr's SIMD search: std's splitter
/// reads a byte at a time on this path, and the China Daily plugin splits every page twice (sniff
/// and parse).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        Some(match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        })
    })
}

/// Trims and folds runs of spaces and tabs inside a line into one space. Most lines need no
/// folding; those are returned as they are, without a copy.
pub fn collapse_spaces(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    let b = t.as_bytes();
    // Searches std runs with memchr and SIMD; the wide spaces need a non-ASCII byte.
    // A tab or two spaces in one vectorised pass over the pairs (a trimmed line does not end in
    // a tab, the one byte no pair starts at).
    let folds = count_pairs(b, |p, q| (p == b'\t') | ((p == b' ') & (q == b' '))) > 0
        || (!t.is_ascii() && (t.contains('\u{a0}') || t.contains('\u{3000}')));
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
    fn lines_split_as_std_does() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "a\r\r\n",
            "\r\n\r\n",
            "a\nb",
            "a\n\nb\n",
            "a\rb\r\nc",
            "版权\r\n所有\n",
            " x \n\t\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

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
    fn tabs_and_double_spaces_anywhere_fold() {
        for (line, want) in [
            ("a\tb", "a b"),
            ("\ta", "a"),
            ("a\t", "a"),
            ("ab  c", "ab c"),
            ("x \t y", "x y"),
            ("a b", "a b"),
        ] {
            assert_eq!(collapse_spaces(line), want, "{line:?}");
        }
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
