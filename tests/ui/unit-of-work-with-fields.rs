use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Repository, UnitOfWork};

#[derive(Aggregate, Repository, Clone, Serialize, Deserialize)]
pub struct Product {
    #[aggregate(id)]
    sku: String,
    #[aggregate(version)]
    version: i64,
}

#[derive(UnitOfWork)]
#[unit_of_work(aggregates(Product))]
struct Shop {
    name: String,
}
fn main() {}
