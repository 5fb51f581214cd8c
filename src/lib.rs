//! Repository and Unit of Work for a persistence-ignorant domain model.
//!
//! terrace brings the patterns of *Architecture Patterns with Python* to
//! Rust: domain types derive [`Aggregate`] and [`Repository`]; a unit of
//! work declared with [`UnitOfWork`] owns the aggregates it hands out (an
//! identity map) and writes every changed one at commit, with optimistic
//! concurrency on a version number the store manages. Service code is
//! generic over the unit of work, so its tests run on the [`MemoryStore`]
//! and production runs on a SQL store unchanged.
//!
//! This crate depends on `std` and `serde` only: a domain crate that uses it
//! stays free of I/O.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use terrace::{Aggregate, MemoryStore, Repository, UnitOfWork};
//!
//! #[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
//! #[repository(find_by(batchref = "batches[].reference"))]
//! pub struct Product {
//!     #[aggregate(id)] pub sku: String,
//!     #[aggregate(version)] pub version_number: i64,
//!     pub batches: Vec<Batch>,
//!     #[aggregate(events)] #[serde(skip)] pub events: Vec<String>,
//! }
//!
//! #[derive(Clone, Debug, Serialize, Deserialize)]
//! pub struct Batch { pub reference: String, pub qty: u32 }
//!
//! #[derive(UnitOfWork)]
//! #[unit_of_work(aggregates(Product))]
//! pub struct Shop;
//!
//! async fn add_batch<U: ProductUnitOfWork>(uow: &mut U, sku: &str, reference: &str) -> terrace::Result<()> {
//!     let batch = Batch { reference: reference.into(), qty: 10 };
//!     match uow.products().get(&sku.to_string()).await? {
//!         Some(product) => product.batches.push(batch),
//!         None => {
//!             let product = Product { sku: sku.into(), version_number: 0, batches: vec![batch], events: vec![] };
//!             uow.products().add(product).await?;
//!         }
//!     }
//!     uow.commit().await
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> terrace::Result<()> {
//! let store = MemoryStore::new();
//! add_batch(&mut Shop::begin(&store), "LAMP", "b1").await?;
//! add_batch(&mut Shop::begin(&store), "LAMP", "b2").await?;
//!
//! let mut uow = Shop::begin(&store);
//! let product = uow.products().get_by_batchref("b2").await?.expect("stored");
//! assert_eq!((product.sku.as_str(), product.version_number), ("LAMP", 2));
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]

// Lets the derives' `::terrace::..` paths resolve inside this crate too.
extern crate self as terrace;

mod aggregate;
#[cfg(all(feature = "conformance", feature = "derive"))]
pub mod conformance;
mod error;
mod memory;
mod store;
mod uow;
mod value;

pub use aggregate::{Aggregate, Finder, Version};
pub use error::{BoxError, Error, Result};
pub use memory::{MemoryStore, MemoryTransaction};
pub use store::{Store, Transaction};
pub use uow::{IdentityMap, Repo, Session, Tracks, UnitOfWork};
pub use value::{Value, to_value};

#[cfg(feature = "derive")]
pub use terrace_macros::{Aggregate, Repository, UnitOfWork};

/// Re-exports for generated code; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use serde::Serialize;
}

/// The derives guide (`docs/derives.md`), compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../docs/derives.md")]
pub struct DerivesGuide;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct Readme;
