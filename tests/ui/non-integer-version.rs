use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: f64,
}
fn main() {}
