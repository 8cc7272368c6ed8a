//! The server's one error type and its one mapping to `tonic::Status`.

use thiserror::Error as ThisError;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// `ErrorInfo.domain` of every error parkgraph returns.
pub const ERROR_DOMAIN: &str = "parkgraph.v1";

/// Everything that can go wrong serving or running parkgraph.
#[derive(Debug, ThisError)]
pub enum Error {
    /// A request field is invalid.
    #[error("{field}: {description}")]
    InvalidField {
        /// Machine-readable reason (`INVALID_FILTER`, `INVALID_PAGE_TOKEN`, ...).
        reason: &'static str,
        /// The request field at fault.
        field: &'static str,
        /// What is wrong with it.
        description: String,
    },
    /// No resource has this name.
    #[error("{name} not found")]
    NotFound {
        /// The resource name asked for.
        name: String,
    },
    /// No or a wrong credential.
    #[error("{0}")]
    Unauthenticated(&'static str),
    /// Ingestion over the API is off because no token is configured.
    #[error("ingestion over the API is disabled: set auth.ingest_token (PARKGRAPH__AUTH__INGEST_TOKEN) or auth.ingest_token_file")]
    IngestDisabled,
    /// Too many requests in flight; the client should retry.
    #[error("the server is at its limit of {0} concurrent requests; retry with backoff")]
    Overloaded(usize),
    /// A size limit was exceeded.
    #[error("{what} is {size} bytes, over the limit of {limit} bytes (setting {setting})")]
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
        /// The setting that sets the limit.
        setting: &'static str,
    },
    /// The client's deadline passed before the work was done.
    #[error("the deadline passed before {0} finished")]
    DeadlineExceeded(&'static str),
    /// The document could not be read or parsed.
    #[error("{0}")]
    Ingest(#[from] parkgraph_ingest::Error),
    /// The store failed.
    #[error("{0}")]
    Store(#[from] parkgraph_store::Error),
    /// Settings are invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// Any other failure (IO, server transport).
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// An invalid request field.
    pub fn invalid(
        reason: &'static str,
        field: &'static str,
        description: impl Into<String>,
    ) -> Self {
        Error::InvalidField {
            reason,
            field,
            description: description.into(),
        }
    }

    fn code_and_reason(&self) -> (Code, &'static str) {
        use parkgraph_ingest::Error as I;
        match self {
            Error::InvalidField { reason, .. } => (Code::InvalidArgument, reason),
            Error::NotFound { .. } => (Code::NotFound, "RESOURCE_NOT_FOUND"),
            Error::Unauthenticated(_) => (Code::Unauthenticated, "UNAUTHENTICATED"),
            Error::IngestDisabled => (Code::FailedPrecondition, "INGEST_DISABLED"),
            Error::Overloaded(_) => (Code::Unavailable, "OVERLOADED"),
            Error::TooLarge { .. } => (Code::ResourceExhausted, "TOO_LARGE"),
            Error::DeadlineExceeded(_) => (Code::DeadlineExceeded, "DEADLINE_EXCEEDED"),
            Error::Ingest(e) => match e {
                I::Empty => (Code::InvalidArgument, "EMPTY_DOCUMENT"),
                I::Undecodable(_) => (Code::InvalidArgument, "UNDECODABLE_DOCUMENT"),
                I::UnknownFormat { .. } => (Code::InvalidArgument, "UNKNOWN_SOURCE_FORMAT"),
                I::NoSuchFormat { .. } => (Code::InvalidArgument, "NO_SUCH_SOURCE_FORMAT"),
                I::Malformed { .. } => (Code::InvalidArgument, "MALFORMED_DOCUMENT"),
            },
            Error::Store(_) => (Code::Internal, "STORE_FAILURE"),
            Error::Config(_) => (Code::Internal, "CONFIGURATION"),
            Error::Internal(_) => (Code::Internal, "INTERNAL"),
        }
    }

    /// The request field at fault, if one is.
    fn field(&self) -> Option<&'static str> {
        use parkgraph_ingest::Error as I;
        match self {
            Error::InvalidField { field, .. } => Some(field),
            Error::Ingest(I::NoSuchFormat { .. }) => Some("source_format"),
            Error::TooLarge { .. } => Some("content"),
            Error::Ingest(_) => Some("content"),
            _ => None,
        }
    }
}

impl From<Error> for Status {
    fn from(err: Error) -> Status {
        let (code, reason) = err.code_and_reason();
        let message = err.to_string();
        let mut details = ErrorDetails::with_error_info(reason, ERROR_DOMAIN, []);
        if let Some(field) = err.field() {
            details.add_bad_request_violation(field, message.clone());
        }
        Status::with_error_details(code, message, details)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_carries_error_info_and_fields_carry_bad_request() {
        let status: Status =
            Error::invalid("INVALID_FILTER", "filter", "unknown field `colour`").into();
        assert_eq!(status.code(), Code::InvalidArgument);
        let details = status.get_error_details();
        let info = details.error_info().unwrap();
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("INVALID_FILTER", ERROR_DOMAIN)
        );
        assert_eq!(
            details.bad_request().unwrap().field_violations[0].field,
            "filter"
        );

        let status: Status = Error::NotFound {
            name: "parks/x".into(),
        }
        .into();
        assert_eq!(status.code(), Code::NotFound);
        assert_eq!(
            status.get_error_details().error_info().unwrap().reason,
            "RESOURCE_NOT_FOUND"
        );
        assert!(status.get_error_details().bad_request().is_none());
    }
}
