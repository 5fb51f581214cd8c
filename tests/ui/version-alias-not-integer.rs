use serde::{Deserialize, Serialize};
use terrace::Aggregate;

type Stamp = String;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: Stamp,
}
fn main() {}
