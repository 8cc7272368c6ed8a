//! Arbitrary input into both plugins and the registry: errors are fine, panics are not.

mod common;

use parkgraph_ingest::{registry, Input, SourcePlugin};
use proptest::prelude::*;

fn plugins() -> Vec<Box<dyn SourcePlugin>> {
    vec![
        Box::new(parkgraph_ingest::chinadaily::ChinaDaily),
        Box::new(parkgraph_ingest::eastmoney::Eastmoney),
    ]
}

fn exercise(text: &str) {
    for p in plugins() {
        let input = Input {
            bytes: text.as_bytes(),
            text,
        };
        let c = p.sniff(input);
        assert!((0.0..=1.0).contains(&c), "{} sniffed {c}", p.id());
        let _ = p.parse(input);
    }
}

/// Pieces of both formats, so that random strings reach the deep parsing paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("title: \"标题\"\n".to_string()),
        Just("date: 2022-03-29 15:49:30 +0800\n".to_string()),
        Just("tags:\n  - a\n".to_string()),
        Just("> 摘要\n".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br />".to_string()),
        Just("<span data-code=\"1,601939\">".to_string()),
        Just("<a data-code=\"90,BK1033\">".to_string()),
        Just("</span>".to_string()),
        Just("<!-- EM_StockImg_Start -->".to_string()),
        Just("&#x3002;&amp;&#99999999;&".to_string()),
        Just("<http://finance.eastmoney.com/a.html>\n".to_string()),
        Just("<>\n".to_string()),
        Just("[返回首页](//x/)\n".to_string()),
        Just("（文章来源：澎湃新闻）".to_string()),
        Just("Home> Industrial Parks\n".to_string()),
        Just("Updated: Dec 11, 2017 Print\n".to_string()),
        Just("2021-06-09 (".to_string()),
        Just("By Zhang Yu (chinadaily.com.cn)\n".to_string()),
        Just("Park [Photo/]\n".to_string()),
        Just("Copyright©2024 China Daily. All rights reserved.\n".to_string()),
        Just("<!DOCTYPE html><html><h1>".to_string()),
        Just("\n\n".to_string()),
        "\\PC{0,12}",
    ]
}

/// Every fixture cut at many character boundaries, through both plugins: truncated pages are
/// what a flaky fetch produces.
#[test]
fn truncated_fixtures_never_panic() {
    for format in ["chinadaily", "eastmoney"] {
        for path in common::fixtures(format) {
            let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(11).collect();
            for cut in cuts {
                exercise(&text[..cut]);
                exercise(&text[cut..]);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        exercise(&text);
    }

    #[test]
    fn format_shaped_text_never_panics(parts in prop::collection::vec(fragment(), 0..40)) {
        exercise(&parts.concat());
    }

    #[test]
    fn arbitrary_bytes_never_panic_in_the_registry(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let r = registry();
        let _ = r.parse(&bytes, None);
        let _ = r.parse(&bytes, Some("chinadaily"));
        let _ = r.parse(&bytes, Some("eastmoney"));
    }

    #[test]
    fn format_shaped_bytes_never_panic_in_the_registry(parts in prop::collection::vec(fragment(), 0..40)) {
        let text = parts.concat();
        let _ = registry().parse(text.as_bytes(), None);
    }
}
