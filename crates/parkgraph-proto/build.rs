//! Compiles `proto/` with protox (pure Rust, no system protoc) and generates prost messages plus
//! tonic client and server code. The encoded descriptor set is kept for server reflection and for
//! the proto JSON mapping.
use std::{env, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?).join("../../proto");
    let files = [
        "parkgraph/v1/resources.proto",
        "parkgraph/v1/park_service.proto",
        "parkgraph/v1/cluster_service.proto",
        "parkgraph/v1/statistic_service.proto",
        "parkgraph/v1/document_service.proto",
    ];
    println!("cargo:rerun-if-changed={}", root.display());
    let fds = protox::compile(files, [&root])?;
    let out = PathBuf::from(env::var("OUT_DIR")?);
    fs::write(
        out.join("parkgraph_descriptor.bin"),
        prost::Message::encode_to_vec(&fds),
    )?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(fds)?;
    Ok(())
}
