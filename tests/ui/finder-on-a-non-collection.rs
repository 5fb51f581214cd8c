use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Repository};

#[derive(Aggregate, Repository, Clone, Serialize, Deserialize)]
#[repository(find_by(first = "sku[].len"))]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
    batches: Vec<Batch>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Batch {
    reference: String,
}
fn main() {}
