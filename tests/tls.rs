//! TLS and mutual TLS, with certificates made at run time.

mod common;

use std::path::Path;

use common::{settings_with, TestServer};
use parkgraph_proto::v1::{
    document_service_client::DocumentServiceClient, ListSourceFormatsRequest,
};
use parkgraph_server::probe::{self, ProbeTls, ServingStatus};
use parkgraph_server::server::start;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};

struct Pki {
    ca_pem: String,
    server: (String, String),
    client: (String, String),
    dir: tempfile::TempDir,
}

fn pki() -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "parkgraph test CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf = |name: &str| {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec![name.to_string()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.signed_by(&key, &issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    };
    Pki {
        ca_pem: ca_cert.pem(),
        server: leaf("localhost"),
        client: leaf("client"),
        dir: tempfile::tempdir().unwrap(),
    }
}

fn write(dir: &Path, name: &str, pem: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, pem).unwrap();
    p.display().to_string()
}

async fn call(addr: std::net::SocketAddr, tls: Option<ClientTlsConfig>) -> Result<(), String> {
    let scheme = if tls.is_some() { "https" } else { "http" };
    let mut ep = Channel::from_shared(format!("{scheme}://localhost:{}", addr.port())).unwrap();
    if let Some(tls) = tls {
        ep = ep.tls_config(tls).map_err(|e| e.to_string())?;
    }
    let ch = ep.connect().await.map_err(|e| format!("connect: {e}"))?;
    DocumentServiceClient::new(ch)
        .list_source_formats(ListSourceFormatsRequest {})
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn tls_refuses_plaintext_and_serves_tls_clients() {
    let pki = pki();
    let d = pki.dir.path();
    let cert = write(d, "server.pem", &pki.server.0);
    let key = write(d, "server.key", &pki.server.1);
    let store = tempfile::tempdir().unwrap();
    let settings = settings_with(
        store.path(),
        None,
        &[
            ("PARKGRAPH__TLS__CERT_PATH", &cert),
            ("PARKGRAPH__TLS__KEY_PATH", &key),
            ("PARKGRAPH__SEEDS__LOAD", "false"),
        ],
    );
    let running = start(&settings).await.unwrap();
    let addr = running.addr;
    assert!(
        call(addr, None).await.is_err(),
        "plaintext is refused when TLS is on"
    );
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&pki.ca_pem))
        .domain_name("localhost");
    call(addr, Some(tls)).await.expect("a TLS client is served");

    // `parkgraph healthcheck`'s probe: plaintext fails, TLS with the CA sees SERVING, whether the
    // name to verify comes from the address or from --tls-domain.
    let probe_tls = |domain: Option<&str>| ProbeTls {
        ca_pem: pki.ca_pem.clone().into_bytes(),
        domain: domain.map(str::to_string),
        identity: None,
    };
    assert!(probe::check(&addr.to_string(), None).await.is_err());
    let by_host = format!("localhost:{}", addr.port());
    assert_eq!(
        probe::check(&by_host, Some(probe_tls(None))).await,
        Ok(ServingStatus::Serving)
    );
    assert_eq!(
        probe::check(&addr.to_string(), Some(probe_tls(Some("localhost")))).await,
        Ok(ServingStatus::Serving)
    );
    let wrong_name = probe::check(&addr.to_string(), Some(probe_tls(Some("elsewhere")))).await;
    assert!(wrong_name.is_err(), "the certificate's name is checked");
    running.shutdown().await.unwrap();
}

#[tokio::test]
async fn mutual_tls_requires_a_client_certificate() {
    let pki = pki();
    let d = pki.dir.path();
    let cert = write(d, "server.pem", &pki.server.0);
    let key = write(d, "server.key", &pki.server.1);
    let ca = write(d, "ca.pem", &pki.ca_pem);
    let store = tempfile::tempdir().unwrap();
    let settings = settings_with(
        store.path(),
        None,
        &[
            ("PARKGRAPH__TLS__CERT_PATH", &cert),
            ("PARKGRAPH__TLS__KEY_PATH", &key),
            ("PARKGRAPH__TLS__CLIENT_CA_PATH", &ca),
            ("PARKGRAPH__SEEDS__LOAD", "false"),
        ],
    );
    let running = start(&settings).await.unwrap();
    let addr = running.addr;
    let base = || {
        ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(&pki.ca_pem))
            .domain_name("localhost")
    };
    assert!(
        call(addr, Some(base())).await.is_err(),
        "no client certificate: refused"
    );
    let with_cert = base().identity(Identity::from_pem(&pki.client.0, &pki.client.1));
    call(addr, Some(with_cert))
        .await
        .expect("a client with a certificate from the CA is served");

    // The healthcheck probe under mTLS: refused without a client certificate, served with one.
    let probe_tls = |identity: Option<(Vec<u8>, Vec<u8>)>| ProbeTls {
        ca_pem: pki.ca_pem.clone().into_bytes(),
        domain: Some("localhost".into()),
        identity,
    };
    let at = addr.to_string();
    assert!(probe::check(&at, Some(probe_tls(None))).await.is_err());
    let identity = (
        pki.client.0.clone().into_bytes(),
        pki.client.1.clone().into_bytes(),
    );
    assert_eq!(
        probe::check(&at, Some(probe_tls(Some(identity)))).await,
        Ok(ServingStatus::Serving)
    );
    running.shutdown().await.unwrap();
    let _ = TestServer::start; // keep the shared helper linked in this test binary
}
