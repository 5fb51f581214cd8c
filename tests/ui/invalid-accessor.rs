use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Repository};

#[derive(Aggregate, Repository, Clone, Serialize, Deserialize)]
#[repository(accessor = "all products")]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
}

fn main() {}
