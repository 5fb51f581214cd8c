//! Order lines, batches and the `Product` aggregate.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Repository};

use super::events::Event;

/// A value object: a line of an order, identified by its data.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderLine {
    /// The order it belongs to.
    pub orderid: String,
    /// The product.
    pub sku: String,
    /// How many units.
    pub qty: u32,
}

impl OrderLine {
    /// A line.
    #[must_use]
    pub fn new(orderid: &str, sku: &str, qty: u32) -> Self {
        OrderLine {
            orderid: orderid.into(),
            sku: sku.into(),
            qty,
        }
    }
}

/// An entity: stock of one product, in the warehouse (`eta: None`) or on its
/// way (`eta: Some(day)`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// The batch's identity.
    pub reference: String,
    /// The product.
    pub sku: String,
    /// How many units were bought.
    pub purchased_quantity: u32,
    /// The day the batch arrives; `None` when it is in the warehouse.
    pub eta: Option<u32>,
    allocations: BTreeSet<OrderLine>,
}

impl Batch {
    /// A batch with nothing allocated.
    #[must_use]
    pub fn new(reference: &str, sku: &str, qty: u32, eta: Option<u32>) -> Self {
        Batch {
            reference: reference.into(),
            sku: sku.into(),
            purchased_quantity: qty,
            eta,
            allocations: BTreeSet::new(),
        }
    }

    /// Allocates the line if it fits; allocating the same line again is a no-op.
    pub fn allocate(&mut self, line: &OrderLine) {
        if self.can_allocate(line) {
            self.allocations.insert(line.clone());
        }
    }

    /// Takes the line off the batch; lines it does not hold are ignored.
    /// Returns whether the line was there.
    pub fn deallocate(&mut self, line: &OrderLine) -> bool {
        self.allocations.remove(line)
    }

    /// Takes one line off the batch (the first, in order).
    pub fn deallocate_one(&mut self) -> Option<OrderLine> {
        self.allocations.pop_first()
    }

    /// Whether the batch holds this line.
    #[must_use]
    pub fn has_allocated(&self, line: &OrderLine) -> bool {
        self.allocations.contains(line)
    }

    /// Units allocated to lines.
    #[must_use]
    pub fn allocated_quantity(&self) -> u64 {
        self.allocations
            .iter()
            .map(|line| u64::from(line.qty))
            .sum()
    }

    /// Units still free; negative after the purchased quantity shrank below
    /// what is allocated.
    #[must_use]
    pub fn available_quantity(&self) -> i64 {
        let allocated = i64::try_from(self.allocated_quantity()).unwrap_or(i64::MAX);
        i64::from(self.purchased_quantity) - allocated
    }

    /// Whether the line is for this product and fits.
    #[must_use]
    pub fn can_allocate(&self, line: &OrderLine) -> bool {
        self.sku == line.sku && self.available_quantity() >= i64::from(line.qty)
    }

    /// Warehouse stock first, then shipments by arrival.
    fn preference(&self) -> (bool, Option<u32>) {
        (self.eta.is_some(), self.eta)
    }
}

/// A line could not be allocated: no batch of the product has room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfStock {
    /// The product.
    pub sku: String,
}

impl core::fmt::Display for OutOfStock {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Out of stock for sku {}", self.sku)
    }
}

impl std::error::Error for OutOfStock {}

/// The aggregate: every batch of one product, the consistency boundary for
/// allocation.
#[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
#[repository(find_by(batchref = "batches[].reference"))]
pub struct Product {
    /// The product's identity.
    #[aggregate(id)]
    pub sku: String,
    /// Managed by the store: incremented at each commit that changes the product.
    #[aggregate(version)]
    pub version_number: i64,
    /// The batches.
    pub batches: Vec<Batch>,
    /// Events recorded since the unit of work last collected them.
    #[aggregate(events)]
    #[serde(skip)]
    pub events: Vec<Event>,
}

impl Product {
    /// A product with these batches.
    #[must_use]
    pub fn new(sku: &str, batches: Vec<Batch>) -> Self {
        Product {
            sku: sku.into(),
            version_number: 0,
            batches,
            events: Vec::new(),
        }
    }

    /// Allocates the line to the preferred batch with room and returns its
    /// reference. Allocating a line twice returns the batch it is already in.
    ///
    /// # Errors
    ///
    /// [`OutOfStock`] (also recorded as an event) when no batch has room.
    pub fn allocate(&mut self, line: &OrderLine) -> Result<String, OutOfStock> {
        if let Some(batch) = self.batches.iter().find(|b| b.has_allocated(line)) {
            return Ok(batch.reference.clone());
        }
        let batch = self
            .batches
            .iter_mut()
            .filter(|b| b.can_allocate(line))
            .min_by_key(|b| b.preference());
        if let Some(batch) = batch {
            batch.allocate(line);
            let batchref = batch.reference.clone();
            self.events.push(Event::Allocated {
                orderid: line.orderid.clone(),
                sku: line.sku.clone(),
                qty: line.qty,
                batchref: batchref.clone(),
            });
            Ok(batchref)
        } else {
            self.events.push(Event::OutOfStock {
                sku: self.sku.clone(),
            });
            Err(OutOfStock {
                sku: self.sku.clone(),
            })
        }
    }

    /// Takes the line off the batch that holds it and returns that batch's reference.
    pub fn deallocate(&mut self, line: &OrderLine) -> Option<String> {
        let batch = self.batches.iter_mut().find(|b| b.has_allocated(line))?;
        batch.deallocate(line);
        self.events.push(Event::Deallocated {
            orderid: line.orderid.clone(),
            sku: line.sku.clone(),
            qty: line.qty,
        });
        Some(batch.reference.clone())
    }

    /// Sets a batch's purchased quantity; lines that no longer fit are taken
    /// off it and recorded as `AllocationRequired`. Returns whether the batch exists.
    pub fn change_batch_quantity(&mut self, reference: &str, qty: u32) -> bool {
        let Some(batch) = self.batches.iter_mut().find(|b| b.reference == reference) else {
            return false;
        };
        batch.purchased_quantity = qty;
        while batch.available_quantity() < 0 {
            let Some(line) = batch.deallocate_one() else {
                break;
            };
            self.events.push(Event::AllocationRequired {
                orderid: line.orderid,
                sku: line.sku,
                qty: line.qty,
            });
        }
        true
    }
}
