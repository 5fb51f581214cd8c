//! The book's tests, at every level, on the in-memory store.

mod domain;
mod handlers;
mod services;
mod uow;

use allocation::service_layer::handlers::Notifications;

/// Notifications kept in memory, for asserting what was sent.
#[derive(Debug, Default)]
pub struct FakeNotifications {
    /// (recipient, message), in order.
    pub sent: Vec<(String, String)>,
}

impl Notifications for FakeNotifications {
    fn send(&mut self, to: &str, message: &str) {
        self.sent.push((to.to_owned(), message.to_owned()));
    }
}
