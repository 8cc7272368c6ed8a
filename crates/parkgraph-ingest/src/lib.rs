//! Source-format plugins: the first step of the flow
//! `bytes → plugin (sniff, parse) → parsed document → normaliser → records → store → API`.
//!
//! A plugin is pure: [`SourcePlugin::sniff`] and [`SourcePlugin::parse`] take the input and return
//! data, with no IO and no store access. [`registry()`] is the one place that lists the plugins;
//! adding a format is one new module plus its fixtures and one line there.

mod dates;
mod decode;
mod document;
mod error;
mod frontmatter;
mod html;
mod registry;
#[doc(hidden)]
pub mod test_support;
pub mod text;

pub mod chinadaily;
pub mod eastmoney;

pub use decode::{decode, Decoded};
pub use document::{detect_language, Market, ParsedDocument, StockMention};
pub use error::Error;
pub use registry::{registry, Registry};

/// How sure a plugin is that it can read an input, from 0.0 (not at all) to 1.0 (certain).
pub type Confidence = f32;

/// A plugin's view of one input: the raw bytes and their decoded text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The raw bytes as received.
    pub bytes: &'a [u8],
    /// The bytes decoded to text (BOM removed); see [`decode`].
    pub text: &'a str,
}

/// A source-format plugin.
pub trait SourcePlugin: Send + Sync {
    /// Short stable id, also the `source_format` hint clients may give (`chinadaily`).
    fn id(&self) -> &'static str;
    /// The proto enum value name this plugin maps to (`SOURCE_FORMAT_CHINADAILY`).
    fn proto_name(&self) -> &'static str;
    /// One line saying what the plugin reads.
    fn description(&self) -> &'static str;
    /// How confident the plugin is that it can parse `input`.
    fn sniff(&self, input: Input<'_>) -> Confidence;
    /// Whether [`SourcePlugin::sniff`] gives `input` at least `floor`: what the registry asks
    /// of the first plugin, which a plugin may settle without scoring the whole input.
    fn sniff_at_least(&self, input: Input<'_>, floor: Confidence) -> bool {
        self.sniff(input) >= floor
    }
    /// Parses `input` into a document, or says why it cannot.
    fn parse(&self, input: Input<'_>) -> Result<ParsedDocument, Error>;
}
