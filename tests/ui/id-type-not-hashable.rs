use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Reading {
    #[aggregate(id)]
    at: f64,
    #[aggregate(version)]
    version: i64,
}
fn main() {}
