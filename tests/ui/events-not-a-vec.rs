use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
    #[aggregate(events)]
    #[serde(skip)]
    events: Option<String>,
}
fn main() {}
