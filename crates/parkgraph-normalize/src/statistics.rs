//! Statistics: every quantity typed with metric, subject, label, period and evidence.

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{Document, Statistic};

use crate::entities::Context;

/// Extracts the statistics of `doc`.
pub fn extract(_doc: &ParsedDocument, _document: &Document, _ctx: &Context) -> Vec<Statistic> {
    Vec::new()
}
