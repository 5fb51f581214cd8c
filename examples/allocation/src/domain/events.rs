//! Domain events: facts about what happened to a `Product`.

/// Something that happened in the domain, handled after commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A line was allocated to a batch.
    Allocated {
        /// The order.
        orderid: String,
        /// The product.
        sku: String,
        /// How many units.
        qty: u32,
        /// The batch the line went to.
        batchref: String,
    },
    /// A line was taken off its batch by request.
    Deallocated {
        /// The order.
        orderid: String,
        /// The product.
        sku: String,
        /// How many units.
        qty: u32,
    },
    /// A line was taken off its batch (its quantity shrank) and needs a new home.
    AllocationRequired {
        /// The order.
        orderid: String,
        /// The product.
        sku: String,
        /// How many units.
        qty: u32,
    },
    /// A line could not be allocated.
    OutOfStock {
        /// The product.
        sku: String,
    },
}
