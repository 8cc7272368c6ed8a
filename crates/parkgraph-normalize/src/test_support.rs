//! Helpers shared by the unit tests that pin a hand scanner to the code it replaced: the
//! ingest crate's, so both crates draw their random texts the same way.

pub(crate) use parkgraph_ingest::test_support::Xorshift;
