//! A small domain shared by the behaviour tests.

use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Repository, UnitOfWork};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sku(pub String);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub reference: String,
    pub qty: u32,
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    BatchAdded(String),
    Renamed(String),
}

#[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
#[repository(
    find_by(batchref = "batches[].reference"),
    find_all_by(tag = "batches[].tags[]", label = "label")
)]
pub struct Product {
    #[aggregate(id)]
    pub sku: Sku,
    #[aggregate(version)]
    pub version_number: i64,
    pub label: String,
    pub batches: Vec<Batch>,
    #[aggregate(events)]
    #[serde(skip)]
    pub events: Vec<Event>,
}

impl Product {
    pub fn new(sku: &str) -> Self {
        Product {
            sku: Sku(sku.into()),
            version_number: 0,
            label: String::new(),
            batches: Vec::new(),
            events: Vec::new(),
        }
    }

    pub fn with_batch(mut self, reference: &str, qty: u32) -> Self {
        self.add_batch(reference, qty);
        self
    }

    pub fn add_batch(&mut self, reference: &str, qty: u32) {
        self.batches.push(Batch {
            reference: reference.into(),
            qty,
            tags: Vec::new(),
        });
        self.events.push(Event::BatchAdded(reference.into()));
    }
}

/// A second aggregate, without events, with a `u32` version.
#[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
pub struct Warehouse {
    #[aggregate(id)]
    pub code: u32,
    #[aggregate(version)]
    pub version: u32,
    pub city: String,
}

impl From<core::convert::Infallible> for Event {
    fn from(never: core::convert::Infallible) -> Self {
        match never {}
    }
}

#[derive(UnitOfWork)]
#[unit_of_work(aggregates(Product, Warehouse), events = Event)]
pub struct Shop;

pub fn sku(s: &str) -> Sku {
    Sku(s.into())
}
