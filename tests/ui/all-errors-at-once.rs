use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product {
    #[aggregate(identity)]
    sku: String,
    #[aggregate(version)]
    version: bool,
    #[aggregate(events)]
    events: String,
}
fn main() {}
