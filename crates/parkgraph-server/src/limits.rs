//! Makes tonic's own request-size refusal speak like the rest of the API.
//!
//! tonic rejects an oversized request before any handler runs, as OUT_OF_RANGE with no details.
//! Clients should see RESOURCE_EXHAUSTED naming the limit and its setting, with ErrorInfo, like
//! every other parkgraph error.

use tonic::body::Body;
use tonic::codegen::http;

use crate::Error;

const TONIC_TOO_LARGE: &str = "decoded message length too large";

/// Rewrites tonic's oversized-request status into parkgraph's [`Error::TooLarge`].
pub fn rewrite_oversize(
    limit: usize,
) -> impl Fn(http::Response<Body>) -> http::Response<Body> + Clone {
    move |resp| {
        let headers = resp.headers();
        if headers.get("grpc-status").is_none_or(|v| v != "11") {
            return resp;
        }
        let Some(message) = headers
            .get("grpc-message")
            .and_then(|v| v.to_str().ok())
            .map(|m| m.replace("%20", " "))
            .filter(|m| m.contains(TONIC_TOO_LARGE))
        else {
            return resp;
        };
        let size = message
            .split("found ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let status: tonic::Status = Error::TooLarge {
            what: "the request",
            size,
            limit,
            setting: "server.max_request_bytes",
        }
        .into();
        status.into_http()
    }
}
