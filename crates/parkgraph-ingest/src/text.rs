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
/// it has no branches). Counted lane by lane into `u8`s, a loop shape the compiler vectorises (a
/// plain `filter().count()` over bytes stays one byte at a time).
pub(crate) fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    count_bytes2(b, f, |_| false)[0]
}

/// Defines `fn $name(args) -> ret` running the `#[inline(always)]` loop `$body(args)`, through
/// `$avx2`, a copy of it compiled for AVX2, when the CPU has AVX2 (the same loop then reads 32
/// bytes a step instead of 16). `$avx2` is named so profiles show which copy ran. Exported,
/// hidden, for the normaliser's byte scanners (`parkgraph_ingest::with_avx2!`).
#[doc(hidden)]
#[macro_export]
macro_rules! with_avx2 {
    ($(#[$meta:meta])* $vis:vis fn $name:ident / $avx2:ident ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty = $body:ident) => {
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret {
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2, checked just above.
                return unsafe { $avx2($($arg),*) };
            }
            $body($($arg),*)
        }

        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        unsafe fn $avx2($($arg: $ty),*) -> $ret {
            $body($($arg),*)
        }
    };
}
pub(crate) use crate::with_avx2;

with_avx2! {
    /// [`count_bytes`] of two tests in one pass over the bytes.
    pub(crate) fn count_bytes2 / count_bytes2_avx2(
        b: &[u8],
        f: impl Fn(u8) -> bool,
        g: impl Fn(u8) -> bool,
    ) -> [usize; 2] = count_bytes_in
}

/// Lanes per step of [`count_bytes_in`] and [`count_pairs_in`]: one AVX2 register.
const W: usize = 32;

/// Blocks per group: a lane counts at most one per block into its `u8`.
const GROUP: usize = 255;

/// Adds up the per-lane counts (each below 256).
#[inline(always)]
fn lane_sum(acc: &[u8; W]) -> usize {
    acc.iter().map(|&a| usize::from(a)).sum()
}

/// Whole 32-byte blocks, counted lane by lane into `u8`s, in groups of at most 255 blocks; the
/// last part block is read as the final 32 bytes with the lanes already counted masked off, or
/// from a zero-padded copy when the text is shorter than a block. So short lines, the usual
/// input, take one vector step instead of a byte-at-a-time remainder loop. (A `g` that is
/// always false compiles away.)
#[inline(always)]
fn count_bytes_in(b: &[u8], f: impl Fn(u8) -> bool, g: impl Fn(u8) -> bool) -> [usize; 2] {
    let n = b.len();
    let whole = n - n % W;
    let mut total = [0, 0];
    for group in b[..whole].chunks(W * GROUP) {
        let (mut acc, mut acc2) = ([0u8; W], [0u8; W]);
        for x in group.chunks_exact(W) {
            for k in 0..W {
                acc[k] += u8::from(f(x[k]));
                acc2[k] += u8::from(g(x[k]));
            }
        }
        total[0] += lane_sum(&acc);
        total[1] += lane_sum(&acc2);
    }
    let rem = n - whole;
    if rem > 0 {
        let mut pad = [0u8; W];
        let (x, first): (&[u8; W], usize) = if n >= W {
            (b[n - W..].try_into().expect("block"), W - rem)
        } else {
            pad[..n].copy_from_slice(b);
            (&pad, 0)
        };
        // lanes `first..first + rem`, in bytes (all below 33) so the compare stays 32 lanes wide
        let (first, rem) = (first as u8, rem as u8);
        let (mut acc, mut acc2) = ([0u8; W], [0u8; W]);
        for k in 0..W {
            let keep = u8::from((k as u8).wrapping_sub(first) < rem);
            acc[k] = u8::from(f(x[k])) & keep;
            acc2[k] = u8::from(g(x[k])) & keep;
        }
        total[0] += lane_sum(&acc);
        total[1] += lane_sum(&acc2);
    }
    total
}

with_avx2! {
    /// Number of positions `i` of `b` for which `f(b[i], b[i + 1])` holds, vectorised like
    /// [`count_bytes`].
    pub(crate) fn count_pairs / count_pairs_avx2(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize
        = count_pairs_in
}

/// [`count_bytes_in`] over the pairs: lane `k` of a block at `i` reads `b[i + k]` and
/// `b[i + k + 1]`.
#[inline(always)]
fn count_pairs_in(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    if b.len() < 2 {
        return 0;
    }
    let m = b.len() - 1; // pairs
    let whole = m - m % W;
    let mut total = 0;
    let mut i = 0;
    while i < whole {
        let end = whole.min(i + W * GROUP);
        let mut acc = [0u8; W];
        while i < end {
            let x: &[u8; W] = b[i..i + W].try_into().expect("block");
            let y: &[u8; W] = b[i + 1..i + 1 + W].try_into().expect("block");
            for k in 0..W {
                acc[k] += u8::from(f(x[k], y[k]));
            }
            i += W;
        }
        total += lane_sum(&acc);
    }
    let rem = m - whole;
    if rem > 0 {
        let (x, y, keep) = last_pairs_block(b, rem);
        let mut acc = [0u8; W];
        for k in 0..W {
            acc[k] = u8::from(f(x[k], y[k])) & keep[k];
        }
        total += lane_sum(&acc);
    }
    total
}

/// The last, partial block of the pairs of `b`: the `rem` pairs (`0 < rem < W`) after the whole
/// blocks, as lanes `(x[k], y[k])` with `keep[k]` 1 on them and 0 on the others. Read from the
/// last `W + 1` bytes when `b` has that many (its first `W - rem` lanes were read already), else
/// from a zero-padded copy.
#[inline(always)]
fn last_pairs_block(b: &[u8], rem: usize) -> ([u8; W], [u8; W], [u8; W]) {
    let m = b.len() - 1; // pairs
    let mut pad = [0u8; W + 1];
    let (xy, first): (&[u8], usize) = if m >= W {
        (&b[m - W..], W - rem)
    } else {
        pad[..b.len()].copy_from_slice(b);
        (&pad[..], 0)
    };
    let x: [u8; W] = xy[..W].try_into().expect("block");
    let y: [u8; W] = xy[1..W + 1].try_into().expect("block");
    let (first, rem) = (first as u8, rem as u8);
    let mut keep = [0u8; W];
    for (k, lane) in keep.iter_mut().enumerate() {
        *lane = u8::from((k as u8).wrapping_sub(first) < rem);
    }
    (x, y, keep)
}

with_avx2! {
    /// The OR of `f(b[i], b[i + 1])` over every position `i` of `b`: with one bit per pair test,
    /// which of several tests hold somewhere, in one vectorised pass (one count each would tell
    /// only that some test holds, or take a pass per test).
    pub(crate) fn pairs_mask / pairs_mask_avx2(b: &[u8], f: impl Fn(u8, u8) -> u8) -> u8
        = pairs_mask_in
}

/// [`count_pairs_in`] with an OR for the sum: no groups (an OR never overflows); the last part
/// block from [`last_pairs_block`] too.
#[inline(always)]
fn pairs_mask_in(b: &[u8], f: impl Fn(u8, u8) -> u8) -> u8 {
    if b.len() < 2 {
        return 0;
    }
    let m = b.len() - 1; // pairs
    let whole = m - m % W;
    let mut acc = [0u8; W];
    let mut i = 0;
    while i < whole {
        let x: &[u8; W] = b[i..i + W].try_into().expect("block");
        let y: &[u8; W] = b[i + 1..i + 1 + W].try_into().expect("block");
        for k in 0..W {
            acc[k] |= f(x[k], y[k]);
        }
        i += W;
    }
    let rem = m - whole;
    if rem > 0 {
        let (x, y, keep) = last_pairs_block(b, rem);
        for k in 0..W {
            acc[k] |= f(x[k], y[k]) & 0u8.wrapping_sub(keep[k]);
        }
    }
    acc.iter().fold(0, |a, &x| a | x)
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
    // A tab or two spaces in one vectorised pass over the pairs (a trimmed line does not end in
    // a tab, the one byte no pair starts at). The same pass also looks for U+00A0 (`C2 A0`) and
    // for `80 80`, the last two bytes of U+3000 (`E3 80 80`), which otherwise only a few
    // ideographs (U+6000, U+9000, …) end with: `E3 80`, its first two, starts all the CJK
    // punctuation (。、「」) of a Chinese line. Only a line with one of these pairs is searched
    // again (std's searches run with memchr and SIMD), so most lines are read once.
    let maybe = count_pairs(b, |p, q| {
        (p == b'\t')
            | ((p == b' ') & (q == b' '))
            | ((p == 0xC2) & (q == 0xA0))
            | ((p == 0x80) & (q == 0x80))
    }) > 0;
    let folds = maybe
        && (count_pairs(b, |p, q| (p == b'\t') | ((p == b' ') & (q == b' '))) > 0
            || (!t.is_ascii() && (t.contains('\u{a0}') || t.contains('\u{3000}'))));
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

    /// The counts as plain filters, the definition the block loops must keep.
    fn count_bytes_plain(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
        b.iter().filter(|&&x| f(x)).count()
    }

    fn count_pairs_plain(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
        b.windows(2).filter(|w| f(w[0], w[1])).count()
    }

    #[test]
    fn block_counts_agree_with_plain_filters() {
        // xorshift64: bytes biased to a few values so that pairs match often; every length up
        // to several blocks, and long texts past the 255-step flush
        let mut rng = crate::test_support::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let alphabet = [
            0u8, b' ', b' ', b'\t', b'a', b'b', 0xC2, 0xA0, 0xE3, 0x80, 0x7F, b'\n',
        ];
        let mut lens: Vec<usize> = (0..200).collect();
        lens.extend([255, 256, 257, 1000, 8159, 8160, 8161, 8192, 20000]);
        for len in lens {
            for _ in 0..4 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        let r = rng.next_u64();
                        if r.is_multiple_of(3) {
                            (r >> 8) as u8
                        } else {
                            alphabet[(r >> 8) as usize % alphabet.len()]
                        }
                    })
                    .collect();
                let one = |c: u8| (c < 0x20) | (c == 0x7F);
                let zero = |c: u8| c == 0;
                let pair = |p: u8, q: u8| (p == b' ') & (q == b' ');
                let lead = |p: u8, q: u8| (p == 0xC2) & (q < 0xA0);
                let zeros = |p: u8, q: u8| (p == 0) | (q == 0);
                assert_eq!(count_bytes(&b, one), count_bytes_plain(&b, one), "{len}");
                assert_eq!(count_bytes(&b, zero), count_bytes_plain(&b, zero), "{len}");
                assert_eq!(
                    count_bytes2(&b, one, zero),
                    [count_bytes_plain(&b, one), count_bytes_plain(&b, zero)],
                    "{len}"
                );
                assert_eq!(
                    count_bytes_in(&b, zero, one),
                    [count_bytes_plain(&b, zero), count_bytes_plain(&b, one)],
                    "{len}"
                );
                for f in [pair, lead, zeros] {
                    assert_eq!(count_pairs(&b, f), count_pairs_plain(&b, f), "{len}");
                    assert_eq!(count_pairs_in(&b, f), count_pairs_plain(&b, f), "{len}");
                }
                let bits = |p: u8, q: u8| {
                    u8::from(pair(p, q)) | u8::from(lead(p, q)) << 1 | u8::from(zeros(p, q)) << 2
                };
                let plain = b.windows(2).fold(0, |a, w| a | bits(w[0], w[1]));
                assert_eq!(pairs_mask(&b, bits), plain, "{len}");
                assert_eq!(pairs_mask_in(&b, bits), plain, "{len}");
            }
        }
        let all = vec![0u8; 9000];
        assert_eq!(count_bytes(&all, |c| c == 0), 9000);
        assert_eq!(count_pairs(&all, |p, q| (p == 0) & (q == 0)), 8999);
    }

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
    fn one_pass_fold_test_agrees_with_the_searches() {
        let old = |s: &str| {
            let t = s.trim();
            count_pairs(t.as_bytes(), |p, q| {
                (p == b'\t') | ((p == b' ') & (q == b' '))
            }) > 0
                || (!t.is_ascii() && (t.contains('\u{a0}') || t.contains('\u{3000}')))
        };
        let pieces = [
            "a", " ", "\t", "\u{a0}", "\u{3000}", "、", "。", "\u{3001}", "园", "Â", "\u{c2}", "¢",
            "\n", "怀", "退", "耀", "\u{2000}",
        ];
        for t in crate::test_support::Xorshift::texts(0x5851_f42d_4c95_7f2d, 20000, 12, &pieces) {
            let got = collapse_spaces(&t);
            assert_eq!(matches!(got, Cow::Owned(_)), old(&t), "{t:?}");
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
