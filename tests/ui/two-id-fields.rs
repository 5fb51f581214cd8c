use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(id)]
    code: String,
    #[aggregate(version)]
    version: i64,
}
fn main() {}
