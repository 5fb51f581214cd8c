use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
#[aggregate(id)]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
}
fn main() {}
