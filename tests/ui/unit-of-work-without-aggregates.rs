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
struct Shop;

#[derive(UnitOfWork)]
#[unit_of_work(aggregates())]
struct Warehouse;
fn main() {}
