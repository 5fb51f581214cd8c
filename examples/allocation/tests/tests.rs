//! The book's tests, at every level. The domain tests need no store; the
//! service, handler and unit-of-work tests are written once, generic over
//! the store, and run on every backend (`on_every_backend!`).

/// Declares each listed test (a generic `async fn(S)` of the enclosing
/// module, `S: terrace::Store`) once per backend: `memory::name`,
/// `sqlite::name` and `postgres::name` (see `backend`).
macro_rules! on_every_backend {
    ($($test:ident),* $(,)?) => {
        on_every_backend!(@on memory: $($test),*);
        on_every_backend!(@on sqlite: $($test),*);
        on_every_backend!(@on postgres: $($test),*);
    };
    (@on $backend:ident: $($test:ident),*) => {
        mod $backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    crate::backend::$backend(super::$test).await;
                }
            )*
        }
    };
}

mod backend;
mod domain;
mod entrypoint;
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
