//! Placeholder; the real plugin replaces this.
use crate::{Confidence, Error, Input, ParsedDocument, SourcePlugin};

/// The chinadaily plugin.
pub struct ChinaDaily;

impl SourcePlugin for ChinaDaily {
    fn id(&self) -> &'static str {
        "chinadaily"
    }
    fn proto_name(&self) -> &'static str {
        "SOURCE_FORMAT_CHINADAILY"
    }
    fn description(&self) -> &'static str {
        "chinadaily"
    }
    fn sniff(&self, _input: Input<'_>) -> Confidence {
        0.0
    }
    fn parse(&self, _input: Input<'_>) -> Result<ParsedDocument, Error> {
        Err(Error::Malformed { format: "chinadaily", reason: "not implemented".into() })
    }
}
