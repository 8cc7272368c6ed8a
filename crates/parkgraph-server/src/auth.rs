//! Bearer-token checks: the ingest token for writes, an optional read token for reads. Tokens
//! are compared in constant time and never logged.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tonic::metadata::MetadataMap;

use crate::Error;

/// The configured credentials.
#[derive(Clone, Default)]
pub struct Auth {
    // Only digests are kept: comparing fixed-length digests leaks neither content nor length.
    ingest: Option<[u8; 32]>,
    read: Option<[u8; 32]>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = |d: &Option<[u8; 32]>| if d.is_some() { "configured" } else { "off" };
        write!(
            f,
            "Auth(ingest: {}, read: {})",
            state(&self.ingest),
            state(&self.read)
        )
    }
}

impl Auth {
    /// An ingest token (`None` disables ingestion over the API) and a read token (`None` leaves
    /// reads open).
    pub fn new(ingest: Option<&str>, read: Option<&str>) -> Self {
        let digest = |t: &str| -> [u8; 32] { Sha256::digest(t.as_bytes()).into() };
        Self {
            ingest: ingest.map(digest),
            read: read.map(digest),
        }
    }

    /// Checks a write: the request must carry the ingest token.
    pub fn check_ingest(&self, metadata: &MetadataMap) -> Result<(), Error> {
        let Some(expected) = &self.ingest else {
            return Err(Error::IngestDisabled);
        };
        accept(bearer(metadata)?.ct_eq(expected))
    }

    /// Checks a read: open without a read token, else the read or the ingest token.
    pub fn check_read(&self, metadata: &MetadataMap) -> Result<(), Error> {
        let Some(read) = &self.read else {
            return Ok(());
        };
        let got = bearer(metadata)?;
        // both comparisons always run: no timing difference between the two tokens
        let ok_read = got.ct_eq(read);
        let ok_ingest = self.ingest.map_or(0.into(), |i| got.ct_eq(&i));
        accept(ok_read | ok_ingest)
    }
}

/// The answer to a constant-time comparison.
fn accept(matched: subtle::Choice) -> Result<(), Error> {
    if bool::from(matched) {
        Ok(())
    } else {
        Err(Error::Unauthenticated("the bearer token is not valid"))
    }
}

/// The digest of the request's `authorization: Bearer <token>`.
fn bearer(metadata: &MetadataMap) -> Result<[u8; 32], Error> {
    let header = metadata.get("authorization").ok_or(Error::Unauthenticated(
        "missing `authorization: Bearer <token>` metadata",
    ))?;
    let value = header
        .to_str()
        .map_err(|_| Error::Unauthenticated("the authorization metadata is not text"))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or(Error::Unauthenticated(
            "the authorization metadata must be `Bearer <token>`",
        ))?;
    Ok(Sha256::digest(token.trim().as_bytes()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(v: &str) -> MetadataMap {
        let mut m = MetadataMap::new();
        m.insert("authorization", v.parse().unwrap());
        m
    }

    #[test]
    fn checks_bearer_token() {
        let auth = Auth::new(Some("s3cret"), None);
        assert!(auth.check_ingest(&md("Bearer s3cret")).is_ok());
        assert!(matches!(
            auth.check_ingest(&md("Bearer nope")),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            auth.check_ingest(&md("s3cret")),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            auth.check_ingest(&MetadataMap::new()),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            Auth::new(None, None).check_ingest(&md("Bearer x")),
            Err(Error::IngestDisabled)
        ));
        assert!(!format!("{auth:?}").contains("s3cret"));
        let err = auth
            .check_ingest(&md("Bearer nope"))
            .unwrap_err()
            .to_string();
        assert!(!err.contains("nope") && !err.contains("s3cret"));
    }

    #[test]
    fn reads_are_open_unless_a_read_token_is_set() {
        let open = Auth::new(Some("w"), None);
        assert!(open.check_read(&MetadataMap::new()).is_ok());
        let closed = Auth::new(Some("w"), Some("r"));
        assert!(closed.check_read(&md("Bearer r")).is_ok());
        assert!(
            closed.check_read(&md("Bearer w")).is_ok(),
            "ingest token reads too"
        );
        assert!(matches!(
            closed.check_read(&MetadataMap::new()),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            closed.check_read(&md("Bearer x")),
            Err(Error::Unauthenticated(_))
        ));
        // the read token does not write
        assert!(matches!(
            closed.check_ingest(&md("Bearer r")),
            Err(Error::Unauthenticated(_))
        ));
        // without an ingest token, only the read token reads
        let read_only = Auth::new(None, Some("r"));
        assert!(read_only.check_read(&md("Bearer r")).is_ok());
        assert!(read_only.check_read(&md("Bearer w")).is_err());
        let dbg = format!("{closed:?}");
        assert_eq!(dbg, "Auth(ingest: configured, read: configured)");
    }
}
