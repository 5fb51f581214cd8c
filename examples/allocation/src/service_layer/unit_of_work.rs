//! The unit of work of the allocation service.

use terrace::UnitOfWork;

use crate::domain::Product;

/// Declares the unit of work: `Allocation::begin(&store)` gives an
/// [`AllocationUow`] over any `terrace::Store`.
#[derive(UnitOfWork)]
#[unit_of_work(aggregates(Product))]
pub struct Allocation;
