//! Event handlers: what happens after a fact was committed.

use terrace::UnitOfWork;

use super::services::{self, ServiceError};
use crate::domain::{Event, ProductUnitOfWork};

/// Where notifications go (an email sender in production).
pub trait Notifications: Send {
    /// Sends a message to someone who cares.
    fn send(&mut self, to: &str, message: &str);
}

/// Reacts to one event; follow-up events stay in the unit of work for the bus.
///
/// # Errors
///
/// The errors of the use case the handler runs.
pub async fn handle_event<U, N>(
    uow: &mut U,
    notifications: &mut N,
    event: &Event,
) -> Result<(), ServiceError>
where
    U: ProductUnitOfWork + UnitOfWork<Event = Event>,
    N: Notifications,
{
    match event {
        Event::OutOfStock { sku } => {
            notifications.send("stock@made.com", &format!("Out of stock for {sku}"));
            Ok(())
        }
        Event::AllocationRequired { orderid, sku, qty } => {
            services::allocate(uow, orderid, sku, *qty).await.map(drop)
        }
        Event::Allocated { .. } | Event::Deallocated { .. } => Ok(()),
    }
}
