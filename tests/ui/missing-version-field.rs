use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product {
    #[aggregate(id)]
    sku: String,
}
fn main() {}
