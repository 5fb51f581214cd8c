use serde::{Deserialize, Serialize};
use terrace::Aggregate;

#[derive(Aggregate, Clone, Serialize, Deserialize)]
struct Product(String, i64);
fn main() {}
