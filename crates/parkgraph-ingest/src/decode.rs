use std::borrow::Cow;

#[cfg(test)]
use crate::text::count_bytes;
use crate::text::count_pairs;
use crate::Error;

/// Text decoded from input bytes, with the encoding that was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Encoding name (`UTF-8`, `GB18030`).
    pub encoding: &'static str,
}

/// Decodes UTF-8 (with or without BOM) or GB18030/GBK; anything else is an error.
///
/// UTF-16 with a BOM is decoded too, since editors on Windows save text that way.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    decode_str(bytes).map(|(text, encoding)| Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// [`decode`] without copying input that is already UTF-8: the registry only reads the text.
pub(crate) fn decode_str(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::Undecodable(format!(
                "invalid {} after its byte-order mark",
                enc.name()
            )));
        }
        return finish(text, enc.name());
    }
    // simdutf8 validates 32 bytes a step where std reads a word of ASCII or a character of
    // Chinese at a time; it accepts exactly the bytes std accepts.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return finish(Cow::Borrowed(text), "UTF-8");
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::Undecodable(
            "neither valid UTF-8 nor valid GB18030".into(),
        ));
    }
    // GB18030 maps almost any byte string to *something*; demand that the result looks like
    // Chinese text, so binary junk is rejected instead of being read as rare ideographs.
    let cjk = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let odd = text
        .chars()
        .filter(|c| (c.is_control() && !c.is_whitespace()) || ('\u{e000}'..='\u{f8ff}').contains(c))
        .count();
    if cjk == 0 || odd * 20 > text.chars().count() {
        return Err(Error::Undecodable(
            "bytes are neither UTF-8 nor Chinese GB18030 text".into(),
        ));
    }
    finish(text, "GB18030")
}

fn finish<'a>(
    text: Cow<'a, str>,
    encoding: &'static str,
) -> Result<(Cow<'a, str>, &'static str), Error> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let nul_or_control = control_chars(&text);
    // Counting characters is a second pass, needed only when there are controls at all.
    if nul_or_control > 0 && nul_or_control * 100 > text.chars().count() {
        return Err(Error::Undecodable(format!(
            "{nul_or_control} control characters: this looks like binary data, not a page"
        )));
    }
    Ok((text, encoding))
}

/// Control characters (`char::is_control`) other than line breaks and tabs, counted on the UTF-8
/// bytes: C0 controls and DEL are single bytes, C1 controls (U+0080–U+009F) are `C2 80`–`C2 9F`.
/// One pass over the pairs: a pair counts when its first byte is a single-byte control or it is
/// a C1 control (the two exclude each other); the last byte, first of no pair, is added alone.
fn control_chars(text: &str) -> usize {
    let b = text.as_bytes();
    let single = |c: u8| ((c < 0x20) & !matches!(c, b'\n' | b'\r' | b'\t')) | (c == 0x7F);
    // After a C2 lead comes a continuation byte (80–BF); below A0 it is a C1 control.
    let pairs = count_pairs(b, |p, q| single(p) | ((p == 0xC2) & (q < 0xA0)));
    pairs + b.last().map_or(0, |&c| usize::from(single(c)))
}

/// The two-pass count [`control_chars`] replaced, kept to pin it.
#[cfg(test)]
fn control_chars_two_passes(text: &str) -> usize {
    let b = text.as_bytes();
    let single = count_bytes(b, |c| {
        ((c < 0x20) & !matches!(c, b'\n' | b'\r' | b'\t')) | (c == 0x7F)
    });
    single + count_pairs(b, |p, q| (p == 0xC2) & (q < 0xA0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// simdutf8 accepts what std accepts: random byte strings of UTF-8 pieces, stray and cut
    /// sequences, surrogates and overlong forms, at every length around its 32- and 64-byte
    /// blocks.
    #[test]
    fn simd_validation_agrees_with_std() {
        let pieces: [&[u8]; 16] = [
            b"a",
            b"park ",
            "é".as_bytes(),
            "园区".as_bytes(),
            "😀".as_bytes(),
            b"\x80",
            b"\xE5\x9B",
            b"\xED\xA0\x80",
            b"\xC0\xAF",
            b"\xF4\x90\x80\x80",
            b"\xFF",
            b"\n",
            b"\xF0\x9F",
            b"\xC2",
            b"\xA0",
            b"0123456789abcdef",
        ];
        let mut rng = crate::test_support::Xorshift::new(0x0f8);
        for _ in 0..50_000 {
            let n = rng.below(40);
            let b: Vec<u8> = (0..n)
                .flat_map(|_| pieces[rng.below(pieces.len())].iter().copied())
                .collect();
            assert_eq!(
                simdutf8::basic::from_utf8(&b).is_ok(),
                std::str::from_utf8(&b).is_ok(),
                "{b:?}"
            );
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("abc".as_bytes()).unwrap().text, "abc");
        assert_eq!(decode("\u{feff}abc".as_bytes()).unwrap().text, "abc");
    }

    #[test]
    fn gbk_chinese_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("呼和浩特市工业和信息化局");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "呼和浩特市工业和信息化局");
        assert_eq!(d.encoding, "GB18030");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"").unwrap_err(), Error::Empty);
        assert_eq!(decode(b"  \n\t ").unwrap_err(), Error::Empty);
        assert!(matches!(
            decode(&[0xff, 0xfe, 0x00, 0xd8][..]),
            Err(Error::Undecodable(_))
        ));
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 4, 5, 0x80, 0x81][..]),
            Err(Error::Undecodable(_))
        ));
    }

    #[test]
    fn control_chars_match_char_is_control() {
        let s = "a\u{0}\u{1f}\n\r\t\u{7f}\u{80}\u{9f}\u{a0}\u{c2}\u{85}\u{2028}园";
        let by_chars = s
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .count();
        assert_eq!(control_chars(s), by_chars);
        assert_eq!(by_chars, 6);
    }

    #[test]
    fn one_pass_control_count_agrees_with_two_passes() {
        let pieces = [
            "a", "\u{0}", "\u{1f}", "\n", "\r", "\t", "\u{7f}", "\u{80}", "\u{9f}", "\u{a0}",
            "\u{c2}", "\u{85}", "\u{2028}", "园", " ", "Â",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 20000, 70, &pieces) {
            assert_eq!(control_chars(&t), control_chars_two_passes(&t), "{t:?}");
        }
    }
}
