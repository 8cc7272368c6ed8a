//! Listed companies named by a page's stock-quote markup.

use parkgraph_ingest::{Market as IngestMarket, ParsedDocument};
use parkgraph_proto::v1::{Company, Document, Market};

/// The proto market of an ingest market.
pub fn market(m: IngestMarket) -> Market {
    match m {
        IngestMarket::Sh => Market::Sh,
        IngestMarket::Sz => Market::Sz,
        IngestMarket::Bj => Market::Bj,
        IngestMarket::Hk => Market::Hk,
        IngestMarket::Us => Market::Us,
    }
}

/// Whether a quote code is a company (Eastmoney board codes such as `BK1033` are sectors).
fn is_company_code(code: &str) -> bool {
    let c = code.trim();
    // bytes, not `str` slices: a code from markup may start with a Chinese character, and
    // `c[..2]` inside it panicked
    let b = c.as_bytes();
    let board =
        b.len() > 2 && b[..2].eq_ignore_ascii_case(b"BK") && b[2..].iter().all(u8::is_ascii_digit);
    !c.is_empty() && !board
}

/// One company record per stock mention (first mention wins).
pub fn extract(doc: &ParsedDocument, document: &Document) -> Vec<Company> {
    let mut out: Vec<Company> = Vec::new();
    for s in &doc.stocks {
        if !is_company_code(&s.code) {
            continue;
        }
        let name = crate::resolve::company_name(s.market.code(), s.code.trim());
        if out.iter().any(|c| c.name == name) {
            continue;
        }
        out.push(Company {
            name,
            display_name: s.name.trim().to_string(),
            code: s.code.trim().to_string(),
            market: market(s.market) as i32,
            sources: vec![document.name.clone()],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use parkgraph_ingest::StockMention;

    /// Board codes are sectors; anything else is a company, whatever characters it holds
    /// (a code starting with a multi-byte character panicked before, found by `tests/fuzz.rs`).
    #[test]
    fn board_codes_are_not_companies() {
        for (code, company) in [
            ("BK1033", false),
            (" bk0477 ", false),
            ("BK", true),
            ("BK10a", true),
            ("300166", true),
            ("中1", true),
            ("中国", true),
            ("B中", true),
            ("", false),
        ] {
            assert_eq!(is_company_code(code), company, "{code:?}");
        }
    }

    #[test]
    fn companies_from_stock_markup() {
        let doc = ParsedDocument {
            stocks: vec![
                StockMention {
                    name: "东方国信".into(),
                    code: "300166".into(),
                    market: IngestMarket::Sz,
                },
                StockMention {
                    name: "电池".into(),
                    code: "BK1033".into(),
                    market: IngestMarket::Sh,
                },
                StockMention {
                    name: "建设银行".into(),
                    code: "601939".into(),
                    market: IngestMarket::Sh,
                },
                StockMention {
                    name: "中石油".into(),
                    code: "PTR".into(),
                    market: IngestMarket::Us,
                },
                StockMention {
                    name: "东方国信".into(),
                    code: "300166".into(),
                    market: IngestMarket::Sz,
                },
            ],
            ..Default::default()
        };
        let document = Document {
            name: "documents/d".into(),
            ..Default::default()
        };
        let c = extract(&doc, &document);
        let got: Vec<(&str, &str, &str, i32)> = c
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.display_name.as_str(),
                    c.code.as_str(),
                    c.market,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "companies/sz-300166",
                    "东方国信",
                    "300166",
                    Market::Sz as i32
                ),
                (
                    "companies/sh-601939",
                    "建设银行",
                    "601939",
                    Market::Sh as i32
                ),
                ("companies/us-PTR", "中石油", "PTR", Market::Us as i32),
            ]
        );
        assert_eq!(c[0].sources, ["documents/d"]);
    }
}
