//! Generated code for the `parkgraph.v1` API, plus the encoded file descriptor set (used by
//! server reflection and by the proto JSON mapping in [`json`]).

#[allow(clippy::all, missing_docs)]
pub mod google {
    pub mod r#type {
        tonic::include_proto!("google.r#type");
    }
}

/// Nesting mirrors the proto packages so generated `super::super::google` paths resolve.
#[allow(clippy::all, missing_docs)]
pub mod parkgraph {
    /// `parkgraph.v1`: resources and services.
    pub mod v1 {
        tonic::include_proto!("parkgraph.v1");
    }
}

pub use parkgraph::v1;

pub mod json;

/// The encoded `FileDescriptorSet` of every file under `proto/` (with its imports).
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/parkgraph_descriptor.bin"));
