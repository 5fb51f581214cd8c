//! A tiny message bus: runs a command, then handles the events collected
//! after each commit until none are left.

use std::collections::VecDeque;

use terrace::UnitOfWork;

use super::handlers::{Notifications, handle_event};
use super::services::{self, ServiceError};
use crate::domain::{Event, ProductUnitOfWork};

/// An intent, sent by an entrypoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Add a batch.
    CreateBatch {
        /// Its reference.
        reference: String,
        /// The product.
        sku: String,
        /// Units bought.
        qty: u32,
        /// Arrival day, `None` for warehouse stock.
        eta: Option<u32>,
    },
    /// Allocate an order line.
    Allocate {
        /// The order.
        orderid: String,
        /// The product.
        sku: String,
        /// Units.
        qty: u32,
    },
    /// Change the purchased quantity of a batch.
    ChangeBatchQuantity {
        /// The batch.
        reference: String,
        /// Its new quantity.
        qty: u32,
    },
}

/// Dispatches commands to use cases and events to handlers.
#[derive(Debug, Default)]
pub struct MessageBus<N> {
    /// The notification sender.
    pub notifications: N,
    /// Every event handled, in order (for tests and logs).
    pub handled: Vec<Event>,
    /// Handler failures: a failed handler does not stop the others.
    pub failures: Vec<String>,
}

impl<N: Notifications> MessageBus<N> {
    /// A bus sending notifications through `notifications`.
    pub fn new(notifications: N) -> Self {
        MessageBus {
            notifications,
            handled: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// Runs the command, then every event it (and the handlers) recorded.
    /// Returns the batch reference for `Allocate`.
    ///
    /// # Errors
    ///
    /// The command's error; events recorded before it are still handled.
    pub async fn handle<U>(
        &mut self,
        uow: &mut U,
        command: Command,
    ) -> Result<Option<String>, ServiceError>
    where
        U: ProductUnitOfWork + UnitOfWork<Event = Event>,
    {
        let result = match command {
            Command::CreateBatch {
                reference,
                sku,
                qty,
                eta,
            } => services::add_batch(uow, &reference, &sku, qty, eta)
                .await
                .map(|()| None),
            Command::Allocate { orderid, sku, qty } => {
                services::allocate(uow, &orderid, &sku, qty).await.map(Some)
            }
            Command::ChangeBatchQuantity { reference, qty } => {
                services::change_batch_quantity(uow, &reference, qty)
                    .await
                    .map(|()| None)
            }
        };
        let mut queue: VecDeque<Event> = uow.collect_new_events().into();
        while let Some(event) = queue.pop_front() {
            if let Err(err) = handle_event(uow, &mut self.notifications, &event).await {
                self.failures.push(format!("{event:?}: {err}"));
            }
            self.handled.push(event);
            queue.extend(uow.collect_new_events());
        }
        result
    }
}
