//! The [`Store`] and [`Transaction`] traits that backends implement.

use core::future::Future;

use crate::{Aggregate, Result, Value};

/// A place where aggregates persist: the in-memory [`MemoryStore`](crate::MemoryStore)
/// for tests, a SQL database in production.
///
/// A store is a cheap handle (a pool, an `Arc`): units of work clone it.
///
/// ```
/// use terrace::{MemoryStore, Store, Transaction};
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> terrace::Result<()> {
/// let store = MemoryStore::new();
/// let tx = store.begin().await?;
/// tx.rollback().await?;
/// # Ok(()) }
/// ```
pub trait Store: Clone + Send + Sync + 'static {
    /// One database transaction.
    type Tx: Transaction;

    /// Begins a transaction.
    fn begin(&self) -> impl Future<Output = Result<Self::Tx>> + Send;
}

/// A transaction of a [`Store`]: everything written through it becomes
/// visible to others at [`commit`](Transaction::commit), all at once, or
/// never (rollback, or drop without commit).
///
/// Units of work drive transactions; a backend implements these methods and
/// nothing else. Aggregates are stored whole with their version and the keys
/// of their finders ([`Aggregate::FINDERS`], [`Aggregate::finder_keys`]).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use terrace::{Aggregate, MemoryStore, Store, Transaction};
///
/// #[derive(Aggregate, Clone, Debug, Serialize, Deserialize)]
/// struct Counter {
///     #[aggregate(id)] name: String,
///     #[aggregate(version)] version: i64,
///     value: u32,
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> terrace::Result<()> {
/// let store = MemoryStore::new();
/// let mut tx = store.begin().await?;
/// tx.insert(&Counter { name: "hits".into(), version: 1, value: 0 }).await?;
/// tx.commit().await?;
///
/// let mut tx = store.begin().await?;
/// let counter: Counter = tx.load(&"hits".to_string()).await?.unwrap();
/// assert_eq!(counter.version, 1);
/// let stale = tx.update(&Counter { version: 3, ..counter }, 2).await;
/// assert!(stale.is_ok()); // conflicts surface at the latest at commit
/// assert!(tx.commit().await.unwrap_err().is_conflict());
/// # Ok(()) }
/// ```
pub trait Transaction: Send + Sized {
    /// Loads the aggregate with this id, its version field set to the stored version.
    fn load<A: Aggregate>(&mut self, id: &A::Id) -> impl Future<Output = Result<Option<A>>> + Send;

    /// Loads the aggregates whose keys under `finder` include `key`.
    fn find<A: Aggregate>(
        &mut self,
        finder: &'static str,
        key: &Value,
    ) -> impl Future<Output = Result<Vec<A>>> + Send;

    /// Loads every aggregate of type `A`.
    fn list<A: Aggregate>(&mut self) -> impl Future<Output = Result<Vec<A>>> + Send;

    /// Counts the aggregates of type `A`.
    fn count<A: Aggregate>(&mut self) -> impl Future<Output = Result<u64>> + Send;

    /// Whether an aggregate with this id exists.
    fn exists<A: Aggregate>(&mut self, id: &A::Id) -> impl Future<Output = Result<bool>> + Send;

    /// Inserts a new aggregate at version `aggregate.version()`; an existing
    /// id is a [`Conflict`](crate::Error::Conflict) (now or at commit).
    fn insert<A: Aggregate>(&mut self, aggregate: &A) -> impl Future<Output = Result<()>> + Send;

    /// Replaces the stored aggregate, now at version `aggregate.version()`,
    /// if its stored version is still `expected_version`; otherwise
    /// [`Conflict`](crate::Error::Conflict) (now or at commit).
    fn update<A: Aggregate>(
        &mut self,
        aggregate: &A,
        expected_version: i64,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Deletes the aggregate if its stored version is still
    /// `expected_version`; otherwise [`Conflict`](crate::Error::Conflict).
    fn delete<A: Aggregate>(
        &mut self,
        id: &A::Id,
        expected_version: i64,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Makes every write of the transaction visible, atomically.
    fn commit(self) -> impl Future<Output = Result<()>> + Send;

    /// Discards every write of the transaction.
    fn rollback(self) -> impl Future<Output = Result<()>> + Send;
}
