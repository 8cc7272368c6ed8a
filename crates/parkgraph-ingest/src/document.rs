use chrono::{DateTime, FixedOffset};

/// Stock exchange of a company mentioned in markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Market {
    /// Shanghai.
    Sh,
    /// Shenzhen.
    Sz,
    /// Beijing.
    Bj,
    /// Hong Kong.
    Hk,
    /// A US exchange.
    Us,
}

impl Market {
    /// Short upper-case code: `SH`, `SZ`, `BJ`, `HK`, `US`.
    pub fn code(self) -> &'static str {
        match self {
            Market::Sh => "SH",
            Market::Sz => "SZ",
            Market::Bj => "BJ",
            Market::Hk => "HK",
            Market::Us => "US",
        }
    }
}

/// A listed company named by the page's stock-quote markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMention {
    /// Visible name, as it appears in the body.
    pub name: String,
    /// Stock code (`601939`, `PTR`).
    pub code: String,
    /// Exchange, from the markup's market prefix.
    pub market: Market,
}

/// What a plugin makes of one input: metadata, clean body text and structural hints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// Plugin id that parsed it.
    pub format: &'static str,
    /// Headline without site chrome.
    pub title: String,
    /// Section, breadcrumb or category.
    pub section: String,
    /// Front-matter tags.
    pub tags: Vec<String>,
    /// Publication time with the page's offset (China time when the page gives a day only).
    pub published: Option<DateTime<FixedOffset>>,
    /// Canonical URL of the original article.
    pub url: Option<String>,
    /// Original publisher credited by the page.
    pub origin: Option<String>,
    /// Lead or digest.
    pub summary: Option<String>,
    /// Clean body: paragraphs separated by one blank line, no markup, no chrome.
    pub body: String,
    /// Companies named by stock-quote markup, each once, in order of first mention.
    pub stocks: Vec<StockMention>,
    /// Other names of the page's subject seen in captions (e.g. a variant spelling).
    pub aliases: Vec<String>,
    /// Non-fatal problems met while parsing.
    pub warnings: Vec<String>,
}

impl ParsedDocument {
    /// Detected language of title and body: `zh` or `en`.
    pub fn language(&self) -> &'static str {
        detect_language(&format!("{}\n{}", self.title, self.body))
    }
}

/// `zh` when a meaningful share of the letters are CJK ideographs, `en` otherwise.
pub fn detect_language(text: &str) -> &'static str {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // An ideograph carries about as much as two Latin letters, so an English sentence with a
    // Chinese name in brackets stays English while Chinese prose with Latin acronyms is Chinese.
    if cjk * 2 >= latin && cjk > 0 {
        "zh"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_language() {
        assert_eq!(
            detect_language("Ordos Hi-Tech Industrial Park (鄂尔多斯市高新技术产业园区) is"),
            "en"
        );
        assert_eq!(detect_language("呼和浩特将做优做强六大产业集群 25GW"), "zh");
        assert_eq!(detect_language(""), "en");
    }
}
