use thiserror::Error as ThisError;

/// Why an input could not be turned into a parsed document.
#[derive(Debug, ThisError, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input has no bytes, or only white space.
    #[error("the document is empty")]
    Empty,
    /// The bytes are not text in any supported encoding.
    #[error("the document is not text in a supported encoding (UTF-8, GB18030/GBK): {0}")]
    Undecodable(String),
    /// No plugin recognised the input.
    #[error("no source-format plugin recognises the document; known formats: {}", known.join(", "))]
    UnknownFormat {
        /// Ids of the registered plugins.
        known: Vec<String>,
    },
    /// The client asked for a format no plugin provides.
    #[error("unknown source format {asked:?}; known formats: {}", known.join(", "))]
    NoSuchFormat {
        /// What was asked for.
        asked: String,
        /// Ids of the registered plugins.
        known: Vec<String>,
    },
    /// The plugin recognised the format but the content is unusable.
    #[error("{format}: {reason}")]
    Malformed {
        /// Plugin id.
        format: &'static str,
        /// What is wrong, naming the part of the input.
        reason: String,
    },
}
