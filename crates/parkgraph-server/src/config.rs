//! Settings: `config/default.toml` (compiled in), then an optional `--config` file, then
//! environment variables `PARKGRAPH__SECTION__KEY`. Invalid values stop startup with a message
//! naming the key.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

const DEFAULTS: &str = include_str!("../../../config/default.toml");

/// All settings.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// Network settings.
    pub server: ServerSettings,
    /// TLS.
    pub tls: TlsSettings,
    /// Store settings.
    pub store: StoreSettings,
    /// Seed loading.
    pub seeds: SeedSettings,
    /// Credentials.
    pub auth: AuthSettings,
    /// Logging.
    pub log: LogSettings,
}

/// `[server]`.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    /// Listen address.
    pub addr: String,
    /// Drain time on shutdown, seconds.
    pub drain_seconds: u64,
    /// Largest accepted request message, bytes.
    pub max_request_bytes: usize,
    /// Accept gRPC-Web over HTTP/1.1 too.
    pub grpc_web: bool,
    /// Per-request time limit, seconds.
    pub request_timeout_seconds: u64,
    /// Requests in flight at once before shedding.
    pub max_concurrent_requests: usize,
    /// Largest accepted document, bytes.
    pub max_document_bytes: usize,
}

/// `[tls]`.
#[derive(Debug, Clone, Deserialize)]
pub struct TlsSettings {
    /// PEM certificate chain.
    pub cert_path: String,
    /// PEM private key.
    pub key_path: String,
    /// PEM CA for client certificates (mutual TLS); empty for none.
    pub client_ca_path: String,
}

/// `[store]`.
#[derive(Debug, Clone, Deserialize)]
pub struct StoreSettings {
    /// sled directory.
    pub path: PathBuf,
    /// sled page cache, MiB.
    pub cache_mb: u64,
}

/// `[seeds]`.
#[derive(Debug, Clone, Deserialize)]
pub struct SeedSettings {
    /// Directory of seed documents.
    pub dir: PathBuf,
    /// Whether to ingest them at start.
    pub load: bool,
}

/// `[auth]`.
#[derive(Clone, Deserialize)]
pub struct AuthSettings {
    /// The ingest bearer token; empty disables ingestion over the API.
    pub ingest_token: String,
    /// A file holding the token; wins over `ingest_token` when set.
    pub ingest_token_file: String,
    /// The read bearer token; empty leaves reads open. The ingest token also grants reads.
    pub read_token: String,
    /// A file holding the read token; wins over `read_token` when set.
    pub read_token_file: String,
}

impl fmt::Debug for AuthSettings {
    // Secrets never reach logs, not even through a debug print of the settings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthSettings")
            .field("ingest_token", &redacted(&self.ingest_token))
            .field("ingest_token_file", &self.ingest_token_file)
            .field("read_token", &redacted(&self.read_token))
            .field("read_token_file", &self.read_token_file)
            .finish()
    }
}

fn redacted(secret: &str) -> &'static str {
    if secret.is_empty() {
        ""
    } else {
        "<redacted>"
    }
}

/// `[log]`.
#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    /// `pretty` or `json`.
    pub format: String,
    /// tracing filter directive.
    pub level: String,
}

impl Settings {
    /// Loads the defaults, then `file` if given, then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, Error> {
        Self::load_from(file, std::env::vars())
    }

    /// Like [`Settings::load`] with an explicit environment (for tests).
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, Error> {
        let mut builder = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        if let Some(path) = file {
            if !path.exists() {
                return Err(Error::Config(format!(
                    "config file {} does not exist",
                    path.display()
                )));
            }
            builder = builder.add_source(config::File::from(path.to_path_buf()));
        }
        let env: config::Map<String, String> = env
            .into_iter()
            .filter(|(k, _)| k.starts_with("PARKGRAPH__"))
            .collect();
        builder = builder.add_source(
            config::Environment::with_prefix("PARKGRAPH")
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true)
                .source(Some(env)),
        );
        let settings: Settings = builder
            .build()
            .and_then(|c| c.try_deserialize())
            .map_err(|e| Error::Config(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), Error> {
        self.listen_addr()?;
        if !matches!(self.log.format.as_str(), "pretty" | "json") {
            return Err(Error::Config(format!(
                "log.format: expected \"pretty\" or \"json\", got {:?}",
                self.log.format
            )));
        }
        if self.tls.cert_path.is_empty() != self.tls.key_path.is_empty() {
            return Err(Error::Config(
                "tls.cert_path and tls.key_path: set both or neither".into(),
            ));
        }
        if !self.tls.client_ca_path.is_empty() && self.tls.cert_path.is_empty() {
            return Err(Error::Config(
                "tls.client_ca_path: mutual TLS needs tls.cert_path and tls.key_path".into(),
            ));
        }
        if self.server.max_concurrent_requests == 0 {
            return Err(Error::Config(
                "server.max_concurrent_requests: must be at least 1".into(),
            ));
        }
        if self.server.max_request_bytes < 1024 {
            return Err(Error::Config(
                "server.max_request_bytes: must be at least 1024".into(),
            ));
        }
        Ok(())
    }

    /// The parsed listen address.
    pub fn listen_addr(&self) -> Result<SocketAddr, Error> {
        self.server.addr.parse().map_err(|e| {
            Error::Config(format!(
                "server.addr: {:?} is not a socket address ({e})",
                self.server.addr
            ))
        })
    }

    /// The ingest token, read from `auth.ingest_token_file` when set; `None` when ingestion is off.
    pub fn ingest_token(&self) -> Result<Option<String>, Error> {
        token(
            "auth.ingest_token_file",
            &self.auth.ingest_token,
            &self.auth.ingest_token_file,
        )
    }

    /// The read token, read from `auth.read_token_file` when set; `None` when reads are open.
    pub fn read_token(&self) -> Result<Option<String>, Error> {
        token(
            "auth.read_token_file",
            &self.auth.read_token,
            &self.auth.read_token_file,
        )
    }
}

/// A token from `file` (its first line) when set, else `value`; `None` when empty.
fn token(file_key: &str, value: &str, file: &str) -> Result<Option<String>, Error> {
    let token = if file.is_empty() {
        value.to_string()
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Error::Config(format!("{file_key}: cannot read {file:?}: {e}")))?
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let token = token.trim().to_string();
    Ok((!token.is_empty()).then_some(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_then_environment() {
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(s.server.addr, "127.0.0.1:50051");
        assert_eq!(s.store.path, PathBuf::from("./data"));
        assert_eq!(s.ingest_token().unwrap(), None);
        let s = Settings::load_from(
            None,
            env(&[
                ("PARKGRAPH__SERVER__ADDR", "0.0.0.0:6000"),
                ("PARKGRAPH__AUTH__INGEST_TOKEN", "s3cret"),
                ("PARKGRAPH__SEEDS__LOAD", "false"),
            ]),
        )
        .unwrap();
        assert_eq!(s.server.addr, "0.0.0.0:6000");
        assert!(!s.seeds.load);
        assert_eq!(s.ingest_token().unwrap().as_deref(), Some("s3cret"));
        assert!(!format!("{s:?}").contains("s3cret"));
    }

    #[test]
    fn invalid_values_name_the_key() {
        let err =
            Settings::load_from(None, env(&[("PARKGRAPH__SERVER__ADDR", "nowhere")])).unwrap_err();
        assert!(err.to_string().contains("server.addr"), "{err}");
        let err = Settings::load_from(None, env(&[("PARKGRAPH__SERVER__DRAIN_SECONDS", "soon")]))
            .unwrap_err();
        assert!(err.to_string().contains("drain_seconds"), "{err}");
        let err = Settings::load_from(None, env(&[("PARKGRAPH__LOG__FORMAT", "xml")])).unwrap_err();
        assert!(err.to_string().contains("log.format"), "{err}");
    }

    #[test]
    fn file_overrides_defaults_and_token_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let token = dir.path().join("token");
        std::fs::write(&token, "from-file\n").unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(
            &cfg,
            format!(
                "[store]\npath = \"/tmp/x\"\n[auth]\ningest_token_file = {:?}\n",
                token
            ),
        )
        .unwrap();
        let s = Settings::load_from(Some(&cfg), env(&[])).unwrap();
        assert_eq!(s.store.path, PathBuf::from("/tmp/x"));
        assert_eq!(s.ingest_token().unwrap().as_deref(), Some("from-file"));
        let missing =
            Settings::load_from(Some(&dir.path().join("nope.toml")), env(&[])).unwrap_err();
        assert!(missing.to_string().contains("nope.toml"));
    }
}
