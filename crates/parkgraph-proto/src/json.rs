//! Proto3 JSON mapping with the proto field names (not lowerCamelCase), as the data-model
//! contract and the scorer read it. Goes through prost-reflect so every well-known type
//! (Timestamp, enums by name) follows the official mapping instead of a hand-written one.
use std::sync::LazyLock;

use prost_reflect::{DescriptorPool, DynamicMessage, SerializeOptions};

static POOL: LazyLock<DescriptorPool> = LazyLock::new(|| {
    DescriptorPool::decode(crate::FILE_DESCRIPTOR_SET).expect("descriptor set built by build.rs")
});

/// The descriptor pool of the API, for reflection-style access.
pub fn pool() -> &'static DescriptorPool {
    &POOL
}

/// Converts a generated message to its proto JSON value with proto field names.
///
/// `full_name` is the message's fully qualified name, e.g. `parkgraph.v1.Park`.
pub fn to_json<M: prost::Message>(full_name: &str, msg: &M) -> Result<serde_json::Value, String> {
    let desc = POOL
        .get_message_by_name(full_name)
        .ok_or_else(|| format!("unknown message {full_name}"))?;
    let dynamic = DynamicMessage::decode(desc, msg.encode_to_vec().as_slice())
        .map_err(|e| format!("re-decoding {full_name}: {e}"))?;
    let opts = SerializeOptions::new().use_proto_field_name(true);
    dynamic
        .serialize_with_options(serde_json::value::Serializer, &opts)
        .map_err(|e| format!("serialising {full_name}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::{Park, ParkLevel};

    #[test]
    fn uses_proto_field_names_and_enum_names() {
        let park = Park {
            name_en: "X Park".into(),
            level: ParkLevel::AutonomousRegion as i32,
            established_year: 2003,
            ..Default::default()
        };
        let v = to_json("parkgraph.v1.Park", &park).unwrap();
        assert_eq!(v["name_en"], "X Park");
        assert_eq!(v["level"], "PARK_LEVEL_AUTONOMOUS_REGION");
        assert_eq!(v["established_year"], 2003);
    }
}
