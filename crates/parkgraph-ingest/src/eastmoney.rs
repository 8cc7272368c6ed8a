//! Eastmoney (东方财富) news items as archived in Jekyll repositories.
//!
//! Shape of a post:
//!
//! ```text
//! ---                                  front matter: title, date, categories, tags
//! layout: post
//! title: "…"
//! date: 2022-03-29 15:49:30 +0800      (China time with or without the offset; may be empty)
//! categories: emnews
//! tags: 东财滚动新闻
//! ---
//! > digest                             optional → summary
//!
//! <p>…HTML body with stock-quote spans…</p><p class="em_media">（文章来源：澎湃新闻）</p>
//!                                      (or plain text)
//! <http://finance.eastmoney.com/…>     article URL; `<>` when there is none
//!
//! [返回东财滚动新闻](//…/emnews/)｜[返回首页](//…/)   footer links, several shapes
//! ```
//!
//! Stock-quote markup (`<span id="stock_1.601939"><a … data-code="1,601939">建设银行</a></span>`,
//! `<span class="em_stock_key_common" data-code="1,601939">建设银行</span>`) reduces to its visible
//! name in the body and yields one [`StockMention`] per company. Sector boards (`90,BK1033`) are
//! not companies: their text stays in the body and nothing else is recorded.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;
use regex::Regex;

use crate::document::LetterCounts;
use crate::frontmatter::{self, FrontMatter, SplitError};
use crate::html::{self, TextOptions, ROOT};
use crate::text::{collapse_spaces, join_paragraphs, lines};
use crate::{dates, Confidence, Error, Input, Market, ParsedDocument, SourcePlugin, StockMention};

const ID: &str = "eastmoney";

/// The Eastmoney plugin.
pub struct Eastmoney;

impl SourcePlugin for Eastmoney {
    fn id(&self) -> &'static str {
        ID
    }
    fn proto_name(&self) -> &'static str {
        "SOURCE_FORMAT_EASTMONEY"
    }
    fn description(&self) -> &'static str {
        "Eastmoney (东方财富) news items archived as Jekyll posts: front matter, digest, HTML or text body with stock-quote markup"
    }
    fn sniff(&self, input: Input<'_>) -> Confidence {
        sniff(input.text)
    }
    fn parse(&self, input: Input<'_>) -> Result<ParsedDocument, Error> {
        parse(input.text)
    }
}

/// The article URL line: `<http://…>`, `<//host/…>` or `<>`.
static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<((?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s<>]+)?>$").expect("static regex")
});

/// A Markdown link or image: `[text](target)`, `![alt](target)`.
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(!?)\[([^\]\n]*)\]\(([^)\s]*)(?:\s+[^)]*)?\)").expect("static regex")
});

/// Separators that may sit between footer links.
static FOOTER_REST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s|｜/·•\-–—,，、]*$").expect("static regex"));

/// The credit paragraph: `（文章来源：澎湃新闻）`, `(来源: 新华社)`, `来源：新华社`.
static ORIGIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?\s*(?:文章)?来源\s*[：:]\s*(.+?)\s*[）)]?$").expect("static regex")
});

/// An image credit under a picture (`图片来源：霍尼韦尔官网`): picture chrome, not article text.
static IMAGE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:图片来源|图源|图片提供|摄影)\s*[：:].{0,40}$").expect("static regex")
});

/// The editor's sign-off (`（责任编辑：DF532）`): page chrome. What [`is_editor`] reads by hand.
#[cfg(test)]
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?\s*(?:责任编辑|编辑|责编)\s*[：:].{0,30}?[）)]?$").expect("static regex")
});

/// Tags that mark a body as HTML. A bare `<` or an unknown `<Word>` in plain text stays text.
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<!--|</?(?:p|br|div|span|a|img|center|strong|b|i|em|u|font|table|tr|td|th|tbody|thead|ul|ol|li|h[1-6]|section|article|blockquote|figure|figcaption|sup|sub|hr|pre|code|iframe|video|script|style)(?:\s[^<>]*)?/?>",
    )
    .expect("static regex")
});

/// The literals `sniff` looks for in every input, each searcher built once: `str::contains` sets
/// one up per call and searches without the vectorised prefilter.
static SITE: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("eastmoney.com"));
static DATA_CODE: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("data-code="));
static ORIGIN_WORD: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("文章来源"));
static BACK_LINK: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("返回东财"));

fn contains(text: &str, finder: &memmem::Finder<'_>) -> bool {
    finder.find(text.as_bytes()).is_some()
}

/// How confident we are that `text` is an Eastmoney post.
fn sniff(text: &str) -> Confidence {
    let fm = frontmatter::split(text);
    let mut score: f32 = match &fm {
        Some(Ok((fm, _))) if fm.len() > 0 => 0.35,
        Some(Ok(_)) => 0.25,
        Some(Err(_)) => 0.15,
        None => 0.0,
    };
    // Judge the language on what a reader sees: title and body without markup and field names.
    // Done last and only when it can change the answer, since it reads the whole text.
    let zh = || {
        let mut visible = VisibleLetters::default();
        match &fm {
            Some(Ok((fm, rest))) => {
                visible.add(fm.get("title").map_or("", |v| v.as_str()));
                visible.add("\n");
                visible.add(rest);
            }
            _ => visible.add(text),
        }
        visible.finish().language() == "zh"
    };
    let site = contains(text, &SITE);
    let quote_markup = site && contains(text, &DATA_CODE);
    if score == 0.0 {
        // A bare body (an HTML fragment of an Eastmoney article) is still recognisable.
        return if quote_markup {
            0.5
        } else if site && zh() {
            0.3
        } else {
            0.0
        };
    }
    if zh() {
        score += 0.25;
    }
    if let Some(Ok((fm, _))) = &fm {
        let has = |k: &str, v: &str| {
            fm.get(k)
                .is_some_and(|x| x.words().iter().any(|w| w.contains(v)))
        };
        if has("layout", "post") {
            score += 0.05;
        }
        if has("categories", "emnews") || has("tags", "东财") {
            score += 0.2;
        }
    }
    if site {
        score += 0.15;
    }
    if quote_markup || contains(text, &ORIGIN_WORD) || contains(text, &BACK_LINK) {
        score += 0.1;
    }
    score.min(0.99)
}

/// Letter counts of a text fed in pieces, as if every tag-shaped span (`<[^<>]*>`, leftmost
/// first, across pieces) were replaced by a space; without building that text.
#[derive(Default)]
struct VisibleLetters {
    /// Every letter fed in, less those of the tags closed so far. Counting each piece whole
    /// takes a few passes per piece instead of per run of text between tags (Chinese runs take
    /// three); tags, mostly ASCII, are counted again to be taken out.
    counts: LetterCounts,
    /// Letters since an unclosed `<`: taken out if a `>` closes the tag, kept if another `<`
    /// comes.
    open: Option<LetterCounts>,
}

impl VisibleLetters {
    fn add(&mut self, piece: &str) {
        self.counts.add(piece);
        let mut rest = piece;
        // A vectorised byte search: `find(['<', '>'])` decodes every char.
        while let Some(i) = memchr::memchr2(b'<', b'>', rest.as_bytes()) {
            if let Some(open) = self.open.as_mut() {
                open.add(&rest[..i]);
            }
            if rest.as_bytes()[i] == b'<' {
                // An earlier `<` met another `<` first, so it opened no tag: its letters stay.
                self.open = Some(LetterCounts::default());
            } else if let Some(tag) = self.open.take() {
                self.counts.remove(tag);
            }
            rest = &rest[i + 1..];
        }
        if let Some(open) = self.open.as_mut() {
            open.add(rest);
        }
    }

    fn finish(self) -> LetterCounts {
        self.counts
    }
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::Malformed {
        format: ID,
        reason: reason.into(),
    }
}

fn parse(text: &str) -> Result<ParsedDocument, Error> {
    let mut doc = ParsedDocument {
        format: ID,
        ..Default::default()
    };
    let rest = match frontmatter::split(text) {
        Some(Ok((fm, rest))) => {
            read_front_matter(&fm, &mut doc);
            rest
        }
        Some(Err(SplitError::Unclosed)) => {
            return Err(malformed(
                "the front matter opened by `---` has no closing `---` line",
            ))
        }
        None => {
            doc.warnings
                .push("no Jekyll front matter: title, date and tags are unknown".into());
            text
        }
    };
    let parts = Parts::split(rest);
    doc.url = parts.url;
    if !parts.summary.is_empty() {
        doc.summary = Some(inline_text(&join_soft(&parts.summary))).filter(|s| !s.is_empty());
    }
    let mut paragraphs = body_paragraphs(&parts.body.join("\n"), &mut doc);
    doc.origin = take_origin(&mut paragraphs);
    // Literal tests first: a credit starts with 图 or 摄, every editor sign-off has 编.
    paragraphs.retain(|p| {
        !((p.starts_with('图') || p.starts_with('摄')) && IMAGE_CREDIT.is_match(p)) && !is_editor(p)
    });
    drop_repeated_title(&mut paragraphs, &doc.title);
    doc.body = join_paragraphs(&paragraphs);
    if doc.body.is_empty() {
        match &doc.summary {
            Some(s) => {
                doc.body = s.clone();
                doc.warnings
                    .push("the post has no body; the digest line is used as body".into());
            }
            None => {
                return Err(malformed(
                    "the post has no article text (no body and no digest line)",
                ))
            }
        }
    }
    Ok(doc)
}

/// [`EDITOR`] by hand: an optional opening bracket, white space (`\s` is `char::is_whitespace`),
/// 责任编辑, 编辑 or 责编 (no two start alike), white space, a colon, then at most 30 characters
/// and a closing bracket, without a line break. The regex ran on every paragraph with a 编,
/// found by a byte search that stopped at every `96` byte of Chinese text.
fn is_editor(p: &str) -> bool {
    let head = p.strip_prefix(['（', '(']).unwrap_or(p).trim_start();
    let Some(rest) = ["责任编辑", "编辑", "责编"]
        .iter()
        .find_map(|w| head.strip_prefix(w))
    else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix(['：', ':']) else {
        return false;
    };
    if memchr::memchr(b'\n', rest.as_bytes()).is_some() {
        return false;
    }
    let body = rest.strip_suffix(['）', ')']).unwrap_or(rest);
    // `.{0,30}?[）)]?$`: the text before a closing bracket, or all of it, is at most 30
    // characters (a bracket is a character `.` takes too, so the shorter reading suffices)
    body.chars().nth(30).is_none()
}

/// Title, date, section and tags from the front matter.
fn read_front_matter(fm: &FrontMatter, doc: &mut ParsedDocument) {
    doc.title = fm
        .get("title")
        .map(|v| inline_text(v.as_str()))
        .unwrap_or_default();
    if doc.title.is_empty() {
        doc.warnings.push("the front matter has no title".into());
    }
    let date = fm.get("date").map(|v| v.as_str().trim()).unwrap_or("");
    doc.published = dates::parse_date_prefix(date);
    if doc.published.is_none() {
        doc.warnings.push(format!(
            "the front matter date {date:?} has no readable day; published is unknown"
        ));
    }
    let categories = fm
        .get("categories")
        .or_else(|| fm.get("category"))
        .map(|v| v.words())
        .unwrap_or_default();
    doc.section = categories.join("/");
    doc.tags = fm
        .get("tags")
        .or_else(|| fm.get("tag"))
        .map(|v| v.words())
        .unwrap_or_default();
}

/// The parts of a post after the front matter.
#[derive(Debug, Default)]
struct Parts<'a> {
    /// `> ` digest lines at the top, without the marker.
    summary: Vec<&'a str>,
    /// The article URL (`None` for `<>` or no URL line).
    url: Option<String>,
    /// Everything else except footer link lines.
    body: Vec<&'a str>,
}

impl<'a> Parts<'a> {
    fn split(rest: &'a str) -> Self {
        let mut parts = Parts::default();
        let mut at_top = true;
        // memchr's line splitter: `str::lines` reads a byte at a time
        for line in lines(rest) {
            let t = line.trim();
            if at_top && t.is_empty() {
                continue;
            }
            if at_top {
                if let Some(digest) = t.strip_prefix('>') {
                    parts.summary.push(digest.trim());
                    continue;
                }
                at_top = false;
            }
            // The literal tests are necessary for a match and spare the regexes on most lines.
            let url = (t.starts_with('<') && t.ends_with('>'))
                .then(|| URL_LINE.captures(t))
                .flatten();
            if let Some(c) = url {
                if parts.url.is_none() {
                    parts.url = c.get(1).map(|m| m.as_str().to_string());
                }
            } else if !is_footer_line(t) {
                parts.body.push(line);
            }
        }
        parts
    }
}

/// A line made only of Markdown links and separators: the archive's navigation footer.
fn is_footer_line(line: &str) -> bool {
    line.contains("](")
        && MD_LINK.is_match(line)
        && FOOTER_REST.is_match(&MD_LINK.replace_all(line, ""))
}

/// Joins digest lines the way Markdown joins soft-wrapped lines: no space between two Chinese
/// characters, one space otherwise.
fn join_soft(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let cjk_seam = out.chars().last().is_some_and(|c| !c.is_ascii())
            && l.chars().next().is_some_and(|c| !c.is_ascii());
        if !out.is_empty() && !cjk_seam {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Text of a one-line field (title, digest) without markup, entities or Markdown links.
fn inline_text(s: &str) -> String {
    let s = strip_md_links(s);
    if HTML_TAG.is_match(&s) {
        html::parse(&s).text(ROOT)
    } else {
        collapse_spaces(&html::decode_entities(&s)).into_owned()
    }
}

/// Replaces Markdown links by their text, drops images and "返回…" (back to …) navigation links.
fn strip_md_links(s: &str) -> Cow<'_, str> {
    if !s.contains("](") {
        return Cow::Borrowed(s); // no link, nothing to replace
    }
    MD_LINK.replace_all(s, |c: &regex::Captures<'_>| {
        let text = c.get(2).map_or("", |m| m.as_str());
        if c.get(1).is_some_and(|m| !m.as_str().is_empty()) || text.trim_start().starts_with("返回")
        {
            String::new()
        } else {
            text.to_string()
        }
    })
}

/// Body paragraphs from HTML (each `<p>`/`<br>` a paragraph) or plain text (each line a
/// paragraph); stock mentions go into `doc.stocks`.
fn body_paragraphs(src: &str, doc: &mut ParsedDocument) -> Vec<String> {
    let src = strip_md_links(src);
    if !HTML_TAG.is_match(&src) {
        return lines(&src)
            .map(|l| collapse_spaces(&html::decode_entities(l)).into_owned())
            .filter(|l| !l.is_empty())
            .collect();
    }
    let dom = html::parse(&src);
    doc.stocks = stock_mentions(&dom, &mut doc.warnings);
    let opts = TextOptions {
        blank_line_breaks: true,
        skip_between: Some(("EM_StockImg_Start", "EM_StockImg_End")),
    };
    dom.paragraphs(ROOT, opts)
}

/// Companies named by quote markup, each once, in order of first mention.
fn stock_mentions(dom: &html::Dom, warnings: &mut Vec<String>) -> Vec<StockMention> {
    let mut out: Vec<StockMention> = Vec::new();
    for id in dom.find_all(|d, id| d.attr(id, "data-code").is_some()) {
        let Some((market, code)) = dom.attr(id, "data-code").and_then(|v| v.split_once(',')) else {
            continue; // Chart remarks use `NIO|106|7`; they name nothing visible.
        };
        let (market, code) = (market.trim(), code.trim());
        let name = dom.text(id);
        if name.is_empty() || code.is_empty() {
            continue;
        }
        let market = match classify(market, code) {
            Quote::Company(m) => m,
            Quote::NotACompany => continue,
            Quote::Unknown => {
                warnings.push(format!("quote markup {name} ({market},{code}) has an unknown market; not listed as a company"));
                continue;
            }
        };
        if !out.iter().any(|s| s.code == code && s.market == market) {
            out.push(StockMention {
                name,
                code: code.to_string(),
                market,
            });
        }
    }
    out
}

/// What a quote markup's `market,code` pair designates.
#[derive(Debug, PartialEq, Eq)]
enum Quote {
    Company(Market),
    /// Sector boards and indices: named in text but not companies.
    NotACompany,
    Unknown,
}

/// Eastmoney market ids: 0 Shenzhen (and Beijing, which Eastmoney files under 0), 1 Shanghai,
/// 105/106/107 NASDAQ/NYSE/AMEX, 116 Hong Kong, 90 sector boards, 100/124/2 indices.
fn classify(market: &str, code: &str) -> Quote {
    if code.to_ascii_uppercase().starts_with("BK") {
        return Quote::NotACompany;
    }
    match market {
        // Beijing codes (8xxxxx, 4xxxxx, 92xxxx) never collide with Shenzhen's 0/2/3 ranges;
        // 399xxx are Shenzhen indices.
        "0" if code.starts_with("399") => Quote::NotACompany,
        "0" if code.len() == 6
            && (code.starts_with('8') || code.starts_with('4') || code.starts_with("92")) =>
        {
            Quote::Company(Market::Bj)
        }
        "0" => Quote::Company(Market::Sz),
        // 000xxx under Shanghai are indices (上证指数 is 1.000001).
        "1" if code.starts_with("000") => Quote::NotACompany,
        "1" => Quote::Company(Market::Sh),
        "105" | "106" | "107" => Quote::Company(Market::Us),
        "116" => Quote::Company(Market::Hk),
        "90" | "100" | "124" | "2" => Quote::NotACompany,
        _ => Quote::Unknown,
    }
}

/// Removes the `（文章来源：…）` credit paragraph(s) and returns the credited publisher.
fn take_origin(paragraphs: &mut Vec<String>) -> Option<String> {
    let mut origin = None;
    paragraphs.retain(|p| {
        let Some(c) = p.contains("来源").then(|| ORIGIN.captures(p)).flatten() else {
            return true;
        };
        let name = c.get(1).map_or("", |m| m.as_str().trim());
        // A long match is a sentence that happens to start with 来源, not a credit line.
        if name.chars().count() > 40 {
            return true;
        }
        if origin.is_none() && !name.is_empty() {
            origin = Some(name.to_string());
        }
        false
    });
    origin
}

/// Some posts open the body with the headline again; drop that copy (when anything follows it).
fn drop_repeated_title(paragraphs: &mut Vec<String>, title: &str) {
    if paragraphs.len() > 1 && !title.is_empty() && paragraphs[0] == title {
        paragraphs.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_test_reads_like_the_regex() {
        let pieces = [
            "（",
            "(",
            "）",
            ")",
            " ",
            "\u{3000}",
            "\n",
            "\t",
            "责任编辑",
            "编辑",
            "责编",
            "责任",
            "编",
            "责",
            "：",
            ":",
            "DF532",
            "x",
            "园区",
            "a",
            "ab",
            "abcde",
            "é",
        ];
        for p in crate::test_support::Xorshift::texts(0xed17, 30000, 16, &pieces) {
            assert_eq!(is_editor(&p), EDITOR.is_match(&p), "{p:?}");
        }
        for (p, want) in [
            ("（责任编辑：DF532）", true),
            ("责编:123456789012345678901234567890", true),
            ("责编 :123456789012345678901234567890)", true),
            ("责编:1234567890123456789012345678901", false),
        ] {
            assert_eq!(is_editor(p), want, "{p:?}");
            assert_eq!(EDITOR.is_match(p), want, "{p:?}");
        }
    }

    fn run(text: &str) -> ParsedDocument {
        parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// What [`VisibleLetters`] counts: the letters left after replacing tags by spaces.
    fn visible_by_regex(text: &str) -> LetterCounts {
        let any_tag = Regex::new(r"<[^<>]*>").expect("static regex");
        let mut n = LetterCounts::default();
        n.add(&any_tag.replace_all(text, " "));
        n
    }

    proptest::proptest! {
        #[test]
        fn visible_letters_match_tag_removal(s in "[<>a园 \n/p、㐀䷀一]{0,40}", cut in 0usize..40) {
            // Fed in two pieces, split anywhere on a char boundary.
            let cut = (0..=cut.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            let mut v = VisibleLetters::default();
            v.add(&s[..cut]);
            v.add(&s[cut..]);
            proptest::prop_assert_eq!(v.finish(), visible_by_regex(&s));
        }
    }

    const FM: &str = "---\nlayout: post\ntitle: \"标题\"\ndate: 2021-12-08 10:46:18 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n";

    #[test]
    fn front_matter_fields() {
        let d = run(&format!("{FM}\n正文。\n"));
        assert_eq!(d.title, "标题");
        assert_eq!(d.section, "emnews");
        assert_eq!(d.tags, ["东财滚动新闻"]);
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2021-12-08T10:46:18+08:00"
        );
        assert_eq!(d.body, "正文。");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn date_without_offset_is_china_time_and_empty_date_warns() {
        let d = run("---\ntitle: t\ndate: 2021-12-08 10:46:18\n---\n正文\n");
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2021-12-08T10:46:18+08:00"
        );
        let d = run("---\ntitle: \"\"\ndate:  +0800\n---\n正文\n");
        assert_eq!(d.published, None);
        assert_eq!(d.title, "");
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
    }

    #[test]
    fn unquoted_title_tag_list_and_blank_line_before_front_matter() {
        let d = run(
            "\n---\ntitle: FF：有充足的现金\ntags: [a, b]\ncategories: sitenews\n---\n\n正文\n",
        );
        assert_eq!(d.title, "FF：有充足的现金");
        assert_eq!(d.tags, ["a", "b"]);
        assert_eq!(d.section, "sitenews");
    }

    #[test]
    fn digest_url_origin_and_footer() {
        let text = format!(
            "{FM}> 摘要一句。（澎湃新闻）\n\n<p>第一段。</p><p>第二段<br />第三段</p><p class=\"em_media\">（文章来源：澎湃新闻）</p>\n\n<http://finance.eastmoney.com/news/1350,1.html>\n\n[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)\n"
        );
        let d = run(&text);
        assert_eq!(d.summary.as_deref(), Some("摘要一句。（澎湃新闻）"));
        assert_eq!(
            d.url.as_deref(),
            Some("http://finance.eastmoney.com/news/1350,1.html")
        );
        assert_eq!(d.origin.as_deref(), Some("澎湃新闻"));
        assert_eq!(d.body, "第一段。\n\n第二段\n\n第三段");
    }

    #[test]
    fn empty_url_and_two_line_relative_footer() {
        let d = run(&format!("{FM}\n正文。(东方财富Choice数据)\n\n<>\n\n[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n"));
        assert_eq!(d.url, None);
        assert_eq!(d.body, "正文。(东方财富Choice数据)");
    }

    #[test]
    fn plain_text_keeps_angle_brackets_and_decodes_entities() {
        let d = run(&format!("{FM}\n精度满足<1%，A&amp;B\n\n第二段\n"));
        assert_eq!(d.body, "精度满足<1%，A&B\n\n第二段");
    }

    #[test]
    fn stock_spans_reduce_to_names_and_are_listed_once() {
        let body = concat!(
            "<p>重点<span id=\"stock_0.300166\"><a href=\"http://quote.eastmoney.com/unify/r/0.300166\" class=\"keytip\" data-code=\"0,300166\">东方国信</a></span><span id=\"quote_0.300166\"></span>中心、",
            "<span id=\"stock_1.601939\"><a href=\"http://quote.eastmoney.com/unify/r/1.601939\" class=\"keytip\" data-code=\"1,601939\">建设银行</a></span><span id=\"quote_1.601939\"></span>，",
            "<span web=\"1\" href=\"http://quote.eastmoney.com/unify/r/1.601939\" class=\"em_stock_key_common\" data-code=\"1,601939\">建设银行</span>再提，",
            "锂<span id=\"bk_90.BK1033\"><a href=\"http://quote.eastmoney.com/unify/r/90.BK1033\" class=\"keytip\" data-code=\"90,BK1033\">电池</a></span><span id=\"bkquote_90.BK1033\"></span>隔膜，",
            "<span id=\"stock_106.PTR\"><a data-code=\"106,PTR\">中石油</a></span>、<span data-code=\"116,00700\" class=\"em_stock_key_common\">腾讯控股</span>、",
            "<a data-code=\"0,830799\">艾融软件</a>、<a data-code=\"1,000001\">上证指数</a>。</p>"
        );
        let d = run(&format!("{FM}\n{body}\n"));
        assert_eq!(d.body, "重点东方国信中心、建设银行，建设银行再提，锂电池隔膜，中石油、腾讯控股、艾融软件、上证指数。");
        let got: Vec<_> = d
            .stocks
            .iter()
            .map(|s| format!("{}:{}:{}", s.name, s.code, s.market.code()))
            .collect();
        assert_eq!(
            got,
            [
                "东方国信:300166:SZ",
                "建设银行:601939:SH",
                "中石油:PTR:US",
                "腾讯控股:00700:HK",
                "艾融软件:830799:BJ"
            ]
        );
    }

    #[test]
    fn chart_blocks_and_hidden_paragraphs_are_dropped() {
        let body = "<p style=\"display:none;height:1px;overflow:hidden;\"><br /></p><!-- EM_StockImg_Start --><p style=\"text-align:center;\"><a data-code=\"NIO|106|7\"><img src=\"x.png\" alt=\"K图 NIO_0\" /></a></p><!-- EM_StockImg_End --><p>正文&lt;一&gt;</p><center><img src=\"y.jpg\" /></center><p style=\"text-align:center;\">图片来源：公司官网</p>";
        let d = run(&format!("{FM}\n{body}\n"));
        assert_eq!(d.body, "正文<一>");
        assert!(d.stocks.is_empty());
    }

    #[test]
    fn origin_inside_markup_and_plain_origin_line() {
        let d = run(&format!("{FM}\n<p>正文</p><p class=\"em_media\">（文章来源：上海<span data-code=\"90,BK0473\">证券</span>报）</p>\n"));
        assert_eq!(
            (d.origin.as_deref(), d.body.as_str()),
            (Some("上海证券报"), "正文")
        );
        let d = run(&format!(
            "{FM}\n正文\n（文章来源：新华社）\n（责任编辑：DF532）\n"
        ));
        assert_eq!(
            (d.origin.as_deref(), d.body.as_str()),
            (Some("新华社"), "正文")
        );
    }

    #[test]
    fn repeated_title_is_dropped_but_a_title_only_body_stays() {
        assert_eq!(run(&format!("{FM}\n标题\n\n正文\n")).body, "正文");
        assert_eq!(run(&format!("{FM}\n标题\n")).body, "标题");
    }

    #[test]
    fn empty_posts_are_malformed_and_digest_only_posts_use_the_digest() {
        assert!(matches!(parse(FM), Err(Error::Malformed { .. })));
        assert!(matches!(
            parse("---\ntitle: x\n"),
            Err(Error::Malformed { .. })
        ));
        let d = run(&format!("{FM}> 只有摘要\n\n<>\n"));
        assert_eq!(d.body, "只有摘要");
    }

    #[test]
    fn sniff_levels() {
        assert!(
            sniff(&format!(
                "{FM}> 摘要\n\n<p>正文</p>\n<http://finance.eastmoney.com/a.html>\n"
            )) > 0.9
        );
        assert!(sniff("---\ntitle: 中文标题\n---\n这是一篇中文文章。\n") >= 0.5);
        assert!(sniff("Industrial Parks\n\nHome> Industrial Parks\n\nSome title\n") < 0.1);
        assert!(sniff("hello world") < 0.3);
    }
}
