//! Bearer-token check for write RPCs. Tokens are compared in constant time and never logged.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tonic::metadata::MetadataMap;

use crate::Error;

/// The configured ingest credential.
#[derive(Clone)]
pub struct IngestAuth {
    // Only the digest is kept: comparing fixed-length digests leaks neither content nor length.
    token_digest: Option<[u8; 32]>,
}

impl std::fmt::Debug for IngestAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.token_digest.is_some() {
            "IngestAuth(configured)"
        } else {
            "IngestAuth(disabled)"
        })
    }
}

impl IngestAuth {
    /// `None` disables ingestion over the API.
    pub fn new(token: Option<&str>) -> Self {
        Self {
            token_digest: token.map(|t| Sha256::digest(t.as_bytes()).into()),
        }
    }

    /// Checks the request's `authorization: Bearer <token>` header.
    pub fn check(&self, metadata: &MetadataMap) -> Result<(), Error> {
        let Some(expected) = &self.token_digest else {
            return Err(Error::IngestDisabled);
        };
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
        let got: [u8; 32] = Sha256::digest(token.trim().as_bytes()).into();
        if bool::from(got.ct_eq(expected)) {
            Ok(())
        } else {
            Err(Error::Unauthenticated("the bearer token is not valid"))
        }
    }
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
        let auth = IngestAuth::new(Some("s3cret"));
        assert!(auth.check(&md("Bearer s3cret")).is_ok());
        assert!(matches!(
            auth.check(&md("Bearer nope")),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            auth.check(&md("s3cret")),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            auth.check(&MetadataMap::new()),
            Err(Error::Unauthenticated(_))
        ));
        assert!(matches!(
            IngestAuth::new(None).check(&md("Bearer x")),
            Err(Error::IngestDisabled)
        ));
        assert!(!format!("{auth:?}").contains("s3cret"));
        let err = auth.check(&md("Bearer nope")).unwrap_err().to_string();
        assert!(!err.contains("nope") && !err.contains("s3cret"));
    }
}
