use thiserror::Error as ThisError;

/// Store failures.
#[derive(Debug, ThisError)]
pub enum Error {
    /// Another process holds the database directory.
    #[error("the store at {path} is in use by another process (sled allows one process per directory); stop the other `parkgraph serve` or point store.path elsewhere")]
    Locked {
        /// The directory.
        path: String,
    },
    /// The database could not be opened or read.
    #[error("the store at {path} cannot be opened: {reason}; restore it from a `parkgraph export`, or move it away and restart to rebuild it from seeds/")]
    Open {
        /// The directory.
        path: String,
        /// sled's message.
        reason: String,
    },
    /// A stored record does not decode.
    #[error("corrupt record {0}")]
    Corrupt(String),
    /// Any other sled error.
    #[error("store error: {0}")]
    Sled(#[from] sled::Error),
}
