//! Use cases, event handlers and the message bus, generic over the unit of work.

pub mod handlers;
pub mod messagebus;
pub mod services;
pub mod unit_of_work;

pub use messagebus::{Command, MessageBus};
pub use services::ServiceError;
pub use unit_of_work::{Allocation, AllocationUow};
