//! Entities a document is about: parks, clusters, companies and the place it concerns.
//! (Starts simple; the extraction-quality work fills it in.)

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{Company, Document, IndustryCluster, Park, SubjectKind};

/// A place a document concerns, from the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// City (league) or region.
    pub kind: SubjectKind,
    /// Gazetteer code, e.g. `150100`.
    pub code: String,
    /// English gazetteer name, e.g. `Hohhot`.
    pub name_en: String,
}

/// What the statistics extractor needs to know about a document's entities.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Parks found; the first is the document's main park when it is about one.
    pub parks: Vec<Park>,
    /// Clusters found.
    pub clusters: Vec<IndustryCluster>,
    /// Companies from markup.
    pub companies: Vec<Company>,
    /// The city or region the document is about, when it is not about a park.
    pub place: Option<Place>,
}

/// Finds the entities of `doc`.
pub fn extract(_doc: &ParsedDocument, _document: &Document) -> Context {
    Context::default()
}
