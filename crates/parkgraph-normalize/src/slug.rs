//! Stable resource ids from names.

use sha2::{Digest, Sha256};

/// Lower-case ASCII words joined by `-`; names with no ASCII letters get a short hash of the name
/// prefixed by `prefix` so that Chinese-only names still have stable, URL-safe ids.
pub fn slug(name: &str, prefix: &str) -> String {
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
}
