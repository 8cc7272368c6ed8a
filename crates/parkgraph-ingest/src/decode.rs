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
        return finish(text.into_owned(), enc.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), "UTF-8");
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
    finish(text.into_owned(), "GB18030")
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, Error> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let nul_or_control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if nul_or_control * 100 > text.chars().count() {
        return Err(Error::Undecodable(format!(
            "{nul_or_control} control characters: this looks like binary data, not a page"
        )));
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
