//! Entities a document is about: parks, clusters, companies and the place it concerns.
//!
//! - [`parks`]: the park a page profiles (title) with its attributes, and other parks named with a
//!   place; sub-parks and parks inside project lists are not records.
//! - [`parent`]: which of those parks another belongs to (`Park.parent`).
//! - [`clusters`]: 产业集群 enumerations and lists (focus, projects, glossary English name).
//! - [`companies`]: listed companies from stock-quote markup.
//! - [`places`]: the city or region the document is about.

pub mod clusters;
pub mod companies;
pub mod glossary;
mod parent;
pub mod parks;
pub mod places;
mod refs;
pub mod text;

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{Company, Document, IndustryCluster, Park, SubjectKind};

/// A place a document concerns, from the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// City (league) or region. A county-level division (banner, county-level city) is a City.
    pub kind: SubjectKind,
    /// Gazetteer code, e.g. `150100`.
    pub code: String,
    /// Short English gazetteer name for subjects: `Hohhot`, `Inner Mongolia`, `Xilingol League`.
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
    /// The city or region the document is about (for a park page: the park's city).
    pub place: Option<Place>,
    /// Whether `parks[0]` is the park the document profiles (a park page), rather than one of
    /// several parks a page names.
    pub main_park: bool,
}

impl Context {
    /// The park the document profiles, if any.
    pub fn main_park(&self) -> Option<&Park> {
        if self.main_park {
            self.parks.first()
        } else {
            None
        }
    }
}

/// Finds the entities of `doc`.
pub fn extract(doc: &ParsedDocument, document: &Document) -> Context {
    let found = parks::extract(doc, document);
    let main = if found.main {
        found.parks.first()
    } else {
        None
    };
    let place = places::document_place(doc, main);
    let clusters = clusters::extract(doc, document, place.as_ref());
    let companies = companies::extract(doc, document);
    Context {
        parks: found.parks,
        clusters,
        companies,
        place,
        main_park: found.main,
    }
}

#[cfg(test)]
mod tests;
