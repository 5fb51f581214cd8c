use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Repository};

#[derive(Aggregate, Repository, Clone, Serialize, Deserialize)]
struct Product<T> {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
    extra: T,
}
fn main() {}
