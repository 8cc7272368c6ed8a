//! The client side of `parkgraph healthcheck`: one `grpc.health.v1.Health/Check`, in plaintext or
//! over TLS, so a container's health probe works whichever way the server listens.

use std::path::Path;
use std::time::Duration;

use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
pub use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::{health_client::HealthClient, HealthCheckRequest};

/// How the probe verifies a TLS server and, under mutual TLS, who it says it is.
#[derive(Clone)]
pub struct ProbeTls {
    /// PEM certificates trusted to have issued the server's certificate.
    pub ca_pem: Vec<u8>,
    /// The name the server's certificate must carry; the address's host when `None`.
    pub domain: Option<String>,
    /// PEM certificate and key presented to a server that requires client certificates.
    pub identity: Option<(Vec<u8>, Vec<u8>)>,
}

impl ProbeTls {
    /// Reads the files named on the command line; every error names the file or flag at fault.
    pub fn from_files(
        ca: &Path,
        domain: Option<String>,
        cert: Option<&Path>,
        key: Option<&Path>,
    ) -> Result<Self, String> {
        let read = |flag: &str, p: &Path| {
            std::fs::read(p).map_err(|e| format!("{flag} {}: {e}", p.display()))
        };
        let identity = match (cert, key) {
            (Some(c), Some(k)) => Some((read("--tls-cert", c)?, read("--tls-key", k)?)),
            (None, None) => None,
            _ => return Err("--tls-cert and --tls-key: give both or neither".into()),
        };
        Ok(Self {
            ca_pem: read("--tls-ca", ca)?,
            domain,
            identity,
        })
    }
}

/// Asks the server at `addr` (`host:port`, or a URL) for its overall health. Connecting and the
/// call each have a short timeout: a probe that hangs is worse than one that fails.
pub async fn check(addr: &str, tls: Option<ProbeTls>) -> Result<ServingStatus, String> {
    let url = match (addr.contains("://"), tls.is_some()) {
        (true, _) => addr.to_string(),
        (false, true) => format!("https://{addr}"),
        (false, false) => format!("http://{addr}"),
    };
    let mut endpoint = Endpoint::from_shared(url)
        .map_err(|e| e.to_string())?
        .connect_timeout(Duration::from_secs(3))
        .timeout(Duration::from_secs(5));
    if let Some(tls) = tls {
        let mut config = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(tls.ca_pem));
        if let Some(domain) = tls.domain {
            config = config.domain_name(domain);
        }
        if let Some((cert, key)) = tls.identity {
            config = config.identity(Identity::from_pem(cert, key));
        }
        endpoint = endpoint.tls_config(config).map_err(|e| e.to_string())?;
    }
    let channel = endpoint.connect().await.map_err(|e| {
        // tonic's transport error says only "transport error"; the cause says what failed.
        match std::error::Error::source(&e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        }
    })?;
    let resp = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: String::new(),
        })
        .await
        .map_err(|e| e.message().to_string())?;
    Ok(resp.into_inner().status())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_certificate_needs_its_key_and_missing_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, b"pem").unwrap();
        let cert = dir.path().join("c.pem");
        let err = ProbeTls::from_files(&ca, None, Some(&cert), None)
            .err()
            .unwrap();
        assert!(err.contains("--tls-cert and --tls-key"), "{err}");
        let err = ProbeTls::from_files(&dir.path().join("nope.pem"), None, None, None)
            .err()
            .unwrap();
        assert!(
            err.starts_with("--tls-ca ") && err.contains("nope.pem"),
            "{err}"
        );
        let ok = ProbeTls::from_files(&ca, Some("svc".into()), None, None).unwrap();
        assert_eq!(
            (ok.ca_pem.as_slice(), ok.domain.as_deref()),
            (&b"pem"[..], Some("svc"))
        );
        assert!(ok.identity.is_none());
    }
}
