//! The domain model: no I/O, no infrastructure, only `terrace` and `serde`.

pub mod events;
pub mod model;

pub use events::Event;
pub use model::{Batch, OrderLine, OutOfStock, Product, ProductRepository, ProductUnitOfWork};
