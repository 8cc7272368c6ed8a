//! `parkgraph extract`: offline extraction to JSON Lines in the proto JSON mapping.

use parkgraph_normalize::Records;
use parkgraph_proto::json::to_json;
use serde_json::{json, Value};

use crate::Error;

fn list<M: prost::Message>(full_name: &str, items: &[M]) -> Result<Value, Error> {
    items
        .iter()
        .map(|m| to_json(full_name, m).map_err(Error::Internal))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// One output line: `{"source", "document", "parks", "clusters", "statistics", "companies"}`.
pub fn records_to_json(source: &str, r: &Records) -> Result<Value, Error> {
    Ok(json!({
        "source": source,
        "document": to_json("parkgraph.v1.Document", &r.document).map_err(Error::Internal)?,
        "parks": list("parkgraph.v1.Park", &r.parks)?,
        "clusters": list("parkgraph.v1.IndustryCluster", &r.clusters)?,
        "statistics": list("parkgraph.v1.Statistic", &r.statistics)?,
        "companies": list("parkgraph.v1.Company", &r.companies)?,
    }))
}
