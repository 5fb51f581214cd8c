use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
#[terrace(krate = "terrace")]
struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
}
fn main() {}
