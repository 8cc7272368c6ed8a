//! What the binary's tests share: the built `parkgraph`, the repository's seeds, a free port.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The built `parkgraph` binary, without the developer's `PARKGRAPH__*` environment.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parkgraph"));
    for (k, _) in std::env::vars() {
        if k.starts_with("PARKGRAPH__") {
            c.env_remove(k);
        }
    }
    c
}

/// The repository's `seeds/`.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
