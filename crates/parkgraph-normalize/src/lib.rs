//! The normaliser: parsed document → typed, sourced records.
//!
//! Flow inside: [`entities`] finds the parks, clusters, companies and places a document is about;
//! [`statistics`] finds every quantity ([`quantity`]) and types it (metric, subject, period,
//! evidence); [`resolve`] merges records of the same entity across documents.

pub mod entities;
mod gated;
pub mod gazetteer;
pub mod quantity;
pub mod resolve;
pub mod slug;
pub mod statistics;
#[cfg(test)]
mod test_support;

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{
    Company, Document, Evidence, IndustryCluster, Park, SourceFormat, Statistic,
};

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// The document itself.
    pub document: Document,
    /// Parks the document is about or mentions by name.
    pub parks: Vec<Park>,
    /// Industry clusters the document lists.
    pub clusters: Vec<IndustryCluster>,
    /// Typed numbers.
    pub statistics: Vec<Statistic>,
    /// Listed companies named by markup.
    pub companies: Vec<Company>,
}

/// Normalises one parsed document whose raw bytes hash to `document_id`.
pub fn normalize(doc: &ParsedDocument, document_id: &str, size_bytes: usize, uri: &str) -> Records {
    let document = document_record(doc, document_id, size_bytes, uri);
    let ctx = entities::extract(doc, &document);
    let statistics = statistics::extract(doc, &document, &ctx);
    Records {
        document,
        parks: ctx.parks,
        clusters: ctx.clusters,
        statistics,
        companies: ctx.companies,
    }
}

/// The resource name of a document id.
pub fn document_name(id: &str) -> String {
    format!("documents/{id}")
}

/// Evidence for `body[start..end]` (character offsets) of `document`.
pub fn evidence(document: &Document, start: usize, end: usize) -> Evidence {
    // `chars().skip(start).take(end - start).collect()`, as one slice copy
    let body = document.body.as_str();
    let from = byte_of_char(body, start);
    let to = from + byte_of_char(&body[from..], end.saturating_sub(start));
    let quote = body[from..to].to_string();
    Evidence {
        document: document.name.clone(),
        document_id: document.id.clone(),
        start: start as i32,
        end: end as i32,
        quote,
    }
}

/// The byte offset of character `n` of `s` (its length past the end). `Chars::nth` skips
/// characters by counting bytes in blocks, without decoding them.
fn byte_of_char(s: &str, n: usize) -> usize {
    let mut rest = s.chars();
    if n > 0 {
        rest.nth(n - 1);
    }
    s.len() - rest.as_str().len()
}

fn document_record(doc: &ParsedDocument, id: &str, size_bytes: usize, uri: &str) -> Document {
    let source_format = SourceFormat::from_str_name(format_proto_name(doc.format))
        .unwrap_or(SourceFormat::Unspecified) as i32;
    Document {
        name: document_name(id),
        id: id.to_string(),
        source_format,
        language: doc.language().to_string(),
        title: doc.title.clone(),
        section: doc.section.clone(),
        tags: doc.tags.clone(),
        published_at: doc.published.map(|t| prost_types::Timestamp {
            seconds: t.timestamp(),
            nanos: t.timestamp_subsec_nanos() as i32,
        }),
        url: doc.url.clone().unwrap_or_default(),
        origin: doc.origin.clone().unwrap_or_default(),
        summary: doc.summary.clone().unwrap_or_default(),
        body: doc.body.clone(),
        uri: uri.to_string(),
        size_bytes: size_bytes as i64,
        ingest_time: None,
        warnings: doc.warnings.clone(),
    }
}

fn format_proto_name(id: &str) -> &'static str {
    parkgraph_ingest::registry()
        .get(id)
        .map(|p| p.proto_name())
        .unwrap_or("SOURCE_FORMAT_UNSPECIFIED")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_quotes_the_characters_between_the_offsets() {
        for body in ["", "abc", "é“x”—中文 text", "ab中", "中ab"] {
            let document = Document {
                body: body.to_string(),
                ..Default::default()
            };
            let n = body.chars().count();
            for start in 0..n + 3 {
                for end in 0..n + 3 {
                    let want: String = body
                        .chars()
                        .skip(start)
                        .take(end.saturating_sub(start))
                        .collect();
                    assert_eq!(
                        evidence(&document, start, end).quote,
                        want,
                        "{body:?} {start} {end}"
                    );
                }
            }
        }
    }
}
