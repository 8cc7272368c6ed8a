//! Placeholder; the real plugin replaces this.
use crate::{Confidence, Error, Input, ParsedDocument, SourcePlugin};

/// The eastmoney plugin.
pub struct Eastmoney;

impl SourcePlugin for Eastmoney {
    fn id(&self) -> &'static str {
        "eastmoney"
    }
    fn proto_name(&self) -> &'static str {
        "SOURCE_FORMAT_EASTMONEY"
    }
    fn description(&self) -> &'static str {
        "eastmoney"
    }
    fn sniff(&self, _input: Input<'_>) -> Confidence {
        0.0
    }
    fn parse(&self, _input: Input<'_>) -> Result<ParsedDocument, Error> {
        Err(Error::Malformed { format: "eastmoney", reason: "not implemented".into() })
    }
}
