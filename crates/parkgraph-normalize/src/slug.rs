//! Stable resource ids from names.

use sha2::{Digest, Sha256};

/// Lower-case ASCII words joined by `-`; names with no ASCII letters get a short hash of the name
/// prefixed by `prefix` so that Chinese-only names still have stable, URL-safe ids.
pub fn slug(name: &str, prefix: &str) -> String {
    // Byte-wise: every byte of a non-ASCII character is a separator, as the character is.
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            gap = true;
        }
    }
    if out.is_empty() || out.len() < 3 && name.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
        return format!("{prefix}-{}", short_hash(name.trim()));
    }
    out
}

/// The first 12 hex digits of the SHA-256 of `name` (only the 6 bytes shown are hex-encoded).
fn short_hash(name: &str) -> String {
    hex::encode(&Sha256::digest(name.as_bytes())[..6])
}

/// `slug` as it was written first (pins the byte-wise walk).
#[cfg(test)]
fn slug_plain(name: &str, prefix: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() || name.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) && out.len() < 3 {
        let digest = Sha256::digest(name.trim().as_bytes());
        return format!("{prefix}-{}", &hex::encode(digest)[..12]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_chinese_names() {
        assert_eq!(
            slug("Ordos Hi-Tech Industrial Park", "p"),
            "ordos-hi-tech-industrial-park"
        );
        let zh = slug("绿色农畜产品加工产业集群", "c");
        assert!(zh.starts_with("c-") && zh.len() == 14, "{zh}");
        assert_eq!(zh, slug("绿色农畜产品加工产业集群", "c"));
    }

    #[test]
    fn byte_wise_slug_agrees_with_the_word_split() {
        let pieces = [
            "Ordos", "hi", "A", "9", "-", " ", "  ", "é", "É", "集群", "园区", "产业", "·", "（",
            "）", "&", "x1", "ß", "Ⅸ", "١", "\t", "_", ".", "Zz",
        ];
        for t in crate::test_support::Xorshift::texts(7, 3000, 8, &pieces) {
            assert_eq!(slug(&t, "c"), slug_plain(&t, "c"), "{t:?}");
            assert_eq!(slug(&t, "p"), slug_plain(&t, "p"), "{t:?}");
        }
    }
}
