//! The seed documents against the project's hand-made gold document fields
//! (values copied from `shared/gold/seeds/*.json`, key "document").

mod common;

use parkgraph_ingest::{registry, Market, ParsedDocument};

/// Expected document fields of one seed.
struct Gold {
    seed: &'static str,
    format: &'static str,
    language: &'static str,
    title: &'static str,
    section: &'static str,
    tags: &'static [&'static str],
    /// RFC 3339 timestamp, or a day (`2017-12-11`) meaning 00:00 China time.
    published: Option<&'static str>,
    url: Option<&'static str>,
    origin: Option<&'static str>,
    summary: Option<&'static str>,
    body_must_contain: &'static [&'static str],
    body_must_not_contain: &'static [&'static str],
}

const GOLD: &[Gold] = &[
    Gold {
        seed: "000",
        format: "chinadaily",
        language: "en",
        title: "Inner Mongolia Togtoh Industrial Park (autonomous region-level development zone)",
        section: "Industrial Zones",
        tags: &[],
        published: None,
        url: None,
        origin: None,
        summary: None,
        body_must_contain: &[
            "The Inner Mongolia Togtoh Industrial Park, built in 2003",
            "The park ranks second among the 20 key industrial parks in Inner Mongolia.",
        ],
        body_must_not_contain: &["Home>", "[Photo/]"],
    },
    Gold {
        seed: "001",
        format: "chinadaily",
        language: "en",
        title: "Baotou Equipment Manufacturing Industrial Park",
        section: "Industrial Parks",
        tags: &[],
        published: Some("2017-12-11"),
        url: None,
        origin: None,
        summary: None,
        body_must_contain: &[
            "is situated in the northern part of Qingshan district, Baotou",
            "bringing with them investment of 67 billion yuan",
        ],
        body_must_not_contain: &["Print", "Share - WeChat", "Copyright", "京公网安"],
    },
    Gold {
        seed: "002",
        format: "chinadaily",
        language: "en",
        title: "Ordos Hi-Tech Industrial Park",
        section: "Industrial Parks",
        tags: &[],
        published: Some("2017-12-01"),
        url: None,
        origin: None,
        summary: None,
        body_must_contain: &[
            "is a science and technology zone promoting the transformation",
            "fiscal revenue of 375 million yuan",
        ],
        body_must_not_contain: &["Print", "Share - WeChat", "Copyright", "京公网安"],
    },
    Gold {
        seed: "003",
        format: "chinadaily",
        language: "en",
        title: "Inner Mongolia speeds up industry, information development",
        section: "Inner Mongolia thrives over 100 years of the CPC",
        tags: &[],
        published: Some("2021-06-09"),
        url: None,
        origin: None,
        summary: None,
        body_must_contain: &[
            "North China's Inner Mongolia autonomous region has reportedly made significant achievements",
            "as well as 79 percent of added new jobs.",
        ],
        body_must_not_contain: &["Home>"],
    },
    Gold {
        seed: "004",
        format: "eastmoney",
        language: "zh",
        title: "呼和浩特：做强六大产业集群 建立与首府定位相匹配工业体系",
        section: "emnews",
        tags: &["东财滚动新闻"],
        published: Some("2022-03-29T15:49:30+08:00"),
        url: Some("http://finance.eastmoney.com/news/1350,202203292326624145.html"),
        origin: Some("澎湃新闻"),
        summary: Some("内蒙古自治区首府呼和浩特将做优做强六大产业集群，打造先进制造业和战略新兴产业新高地。（澎湃新闻）"),
        body_must_contain: &["计划实施重点工业项目162个", "东方国信工业互联网北方区域中心", "中石油呼石化丙烷脱氢等项目"],
        body_must_not_contain: &["<span", "<p>", "quote.eastmoney.com", "返回东财滚动新闻", "layout: post", "data-code"],
    },
];

fn parse_seed(gold: &Gold) -> ParsedDocument {
    let bytes = common::seed(gold.format, gold.seed);
    registry()
        .parse(&bytes, None)
        .unwrap_or_else(|e| panic!("seed {}: {e}", gold.seed))
}

fn expected_published(p: &str) -> String {
    if p.len() == 10 {
        format!("{p}T00:00:00+08:00")
    } else {
        p.to_string()
    }
}

#[test]
fn seeds_match_gold_document_fields() {
    for gold in GOLD {
        let doc = parse_seed(gold);
        let seed = gold.seed;
        assert_eq!(doc.format, gold.format, "seed {seed}");
        assert_eq!(doc.language(), gold.language, "seed {seed}");
        assert_eq!(doc.title, gold.title, "seed {seed}");
        assert_eq!(doc.section, gold.section, "seed {seed}");
        assert_eq!(doc.tags, gold.tags, "seed {seed}");
        assert_eq!(
            doc.published.map(|p| p.to_rfc3339()),
            gold.published.map(expected_published),
            "seed {seed}"
        );
        assert_eq!(doc.url.as_deref(), gold.url, "seed {seed}");
        assert_eq!(doc.origin.as_deref(), gold.origin, "seed {seed}");
        assert_eq!(doc.summary.as_deref(), gold.summary, "seed {seed}");
        for needle in gold.body_must_contain {
            assert!(
                doc.body.contains(needle),
                "seed {seed}: body lacks {needle:?}"
            );
        }
        for needle in gold.body_must_not_contain {
            assert!(
                !doc.body.contains(needle),
                "seed {seed}: body contains {needle:?}"
            );
        }
    }
}

#[test]
fn seed_bodies_are_clean_paragraphs() {
    for gold in GOLD {
        let doc = parse_seed(gold);
        assert!(
            !doc.body.contains("\n\n\n"),
            "seed {}: more than one blank line between paragraphs",
            gold.seed
        );
        assert_eq!(
            doc.body,
            doc.body.trim(),
            "seed {}: body has surrounding white space",
            gold.seed
        );
        let first = doc.body.split("\n\n").next().unwrap_or("");
        assert_ne!(
            first, doc.title,
            "seed {}: body repeats the headline",
            gold.seed
        );
    }
}

#[test]
fn seed_000_caption_spelling_is_an_alias() {
    let doc = parse_seed(&GOLD[0]);
    assert_eq!(doc.aliases, ["Inner Mongolia Tuoketuo Industrial Park"]);
    assert!(!doc.body.contains("Tuoketuo"));
}

#[test]
fn seed_004_companies_and_sector_board() {
    let doc = parse_seed(&GOLD[4]);
    let stocks: Vec<(&str, &str, Market)> = doc
        .stocks
        .iter()
        .map(|s| (s.name.as_str(), s.code.as_str(), s.market))
        .collect();
    assert_eq!(
        stocks,
        [
            ("东方国信", "300166", Market::Sz),
            ("建设银行", "601939", Market::Sh),
            ("中石油", "PTR", Market::Us)
        ]
    );
    // The sector board 电池 (90,BK1033) is no company but its text stays.
    assert!(doc.body.contains("中锂锂电池隔膜生产线"));
    assert!(!doc.body.contains("（文章来源"));
}
