//! The in-memory store: a database for tests, in a `HashMap`.

use core::any::{Any, TypeId};
use core::future::{Future, ready};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::{Aggregate, Error, Result, Store, Transaction, Value, to_value};

/// A [`Store`] kept in memory, shared by its clones, with real transactions:
/// a transaction's writes are invisible to others until it commits, vanish
/// when it rolls back or is dropped, and are applied all at once at commit,
/// where a stale version fails the whole commit with
/// [`Error::Conflict`](crate::Error::Conflict).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use terrace::{Aggregate, MemoryStore, Store, Transaction};
///
/// #[derive(Aggregate, Clone, Debug, Serialize, Deserialize)]
/// struct Note { #[aggregate(id)] id: u32, #[aggregate(version)] version: i64 }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> terrace::Result<()> {
/// let store = MemoryStore::new();
/// let mut writer = store.begin().await?;
/// writer.insert(&Note { id: 1, version: 1 }).await?;
///
/// let mut reader = store.begin().await?;
/// assert_eq!(reader.count::<Note>().await?, 0); // not committed yet
/// writer.commit().await?;
/// assert_eq!(reader.count::<Note>().await?, 1);
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
pub struct MemoryStore {
    state: Arc<Mutex<State>>,
}

impl core::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let state = self.lock();
        let mut map = f.debug_map();
        for table in state.tables.values() {
            map.entry(&table.name, &table.rows.len());
        }
        map.finish()
    }
}

#[derive(Default)]
struct State {
    tables: HashMap<TypeId, Table>,
}

#[derive(Clone)]
struct Table {
    name: &'static str,
    rows: HashMap<String, Row>,
}

#[derive(Clone)]
struct Row {
    version: i64,
    aggregate: Arc<dyn Any + Send + Sync>,
    /// (finder, key as canonical JSON, unique)
    keys: Vec<(&'static str, String, bool)>,
}

impl MemoryStore {
    /// An empty store.
    ///
    /// ```
    /// let store = terrace::MemoryStore::new();
    /// assert_eq!(format!("{store:?}"), "{}");
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Store for MemoryStore {
    type Tx = MemoryTransaction;

    fn begin(&self) -> impl Future<Output = Result<MemoryTransaction>> + Send {
        ready(Ok(MemoryTransaction {
            store: self.clone(),
            staged: HashMap::new(),
        }))
    }
}

/// A transaction of a [`MemoryStore`]; see there.
///
/// ```
/// use terrace::{MemoryStore, Store, Transaction};
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> terrace::Result<()> {
/// let tx: terrace::MemoryTransaction = MemoryStore::new().begin().await?;
/// tx.commit().await?;
/// # Ok(()) }
/// ```
pub struct MemoryTransaction {
    store: MemoryStore,
    staged: HashMap<(TypeId, String), Staged>,
}

impl core::fmt::Debug for MemoryTransaction {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MemoryTransaction")
            .field("staged", &self.staged.len())
            .finish_non_exhaustive()
    }
}

struct Staged {
    name: &'static str,
    /// `None`: the row must not exist yet; `Some(v)`: it must be at version `v`.
    expect: Option<i64>,
    /// `None`: delete.
    row: Option<Row>,
}

fn id_text<A: Aggregate>(id: &A::Id) -> Result<String> {
    Ok(to_value(id)?.to_string())
}

fn row_of<A: Aggregate>(aggregate: &A) -> Result<Row> {
    let mut keys = Vec::new();
    for finder in A::FINDERS {
        for key in aggregate.finder_keys(finder.name)? {
            keys.push((finder.name, key.to_string(), finder.unique));
        }
    }
    let mut stored = aggregate.clone();
    drop(stored.take_events());
    Ok(Row {
        version: aggregate.version(),
        aggregate: Arc::new(stored),
        keys,
    })
}

fn read<A: Aggregate>(row: &Row) -> Option<A> {
    let mut aggregate = row.aggregate.downcast_ref::<A>()?.clone();
    aggregate.set_version(row.version);
    Some(aggregate)
}

impl MemoryTransaction {
    /// The rows of `A` as this transaction sees them: committed, overlaid with its own writes.
    fn visible<A: Aggregate>(&self) -> Vec<A> {
        let state = self.store.lock();
        let mut rows: HashMap<&str, &Row> = HashMap::new();
        if let Some(table) = state.tables.get(&TypeId::of::<A>()) {
            rows.extend(table.rows.iter().map(|(id, row)| (id.as_str(), row)));
        }
        for ((type_id, id), staged) in &self.staged {
            if *type_id == TypeId::of::<A>() {
                match &staged.row {
                    Some(row) => rows.insert(id.as_str(), row),
                    None => rows.remove(id.as_str()),
                };
            }
        }
        let mut rows: Vec<_> = rows.into_iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        rows.into_iter().filter_map(|(_, row)| read(row)).collect()
    }

    fn load_now<A: Aggregate>(&self, id: &A::Id) -> Result<Option<A>> {
        let id = id_text::<A>(id)?;
        if let Some(staged) = self.staged.get(&(TypeId::of::<A>(), id.clone())) {
            return Ok(staged.row.as_ref().and_then(read));
        }
        let state = self.store.lock();
        Ok(state
            .tables
            .get(&TypeId::of::<A>())
            .and_then(|table| table.rows.get(&id))
            .and_then(read))
    }

    fn find_now<A: Aggregate>(&self, finder: &'static str, key: &Value) -> Result<Vec<A>> {
        let key = key.to_string();
        let mut found = Vec::new();
        for aggregate in self.visible::<A>() {
            if aggregate
                .finder_keys(finder)?
                .iter()
                .any(|k| k.to_string() == key)
            {
                found.push(aggregate);
            }
        }
        Ok(found)
    }

    fn stage<A: Aggregate>(&mut self, id: String, expect: Option<i64>, row: Option<Row>) {
        self.staged
            .entry((TypeId::of::<A>(), id))
            .and_modify(|staged| staged.row.clone_from(&row))
            .or_insert(Staged {
                name: A::NAME,
                expect,
                row,
            });
    }

    fn commit_now(self) -> Result<()> {
        let mut state = self.store.lock();
        // Build the new tables aside, so a failed check leaves the state untouched.
        let mut changed: HashMap<TypeId, Table> = HashMap::new();
        let mut staged: Vec<_> = self.staged.into_iter().collect();
        staged.sort_by(|a, b| a.0.1.cmp(&b.0.1));
        for ((type_id, id), write) in staged {
            let table = changed.entry(type_id).or_insert_with(|| {
                state.tables.get(&type_id).cloned().unwrap_or(Table {
                    name: write.name,
                    rows: HashMap::new(),
                })
            });
            let current = table.rows.get(&id).map(|row| row.version);
            if current != write.expect {
                return Err(Error::Conflict {
                    aggregate: write.name,
                    id,
                });
            }
            match write.row {
                Some(row) => table.rows.insert(id, row),
                None => table.rows.remove(&id),
            };
        }
        for table in changed.values() {
            let mut owners: HashMap<(&str, &str), &str> = HashMap::new();
            for (id, row) in &table.rows {
                for (finder, key, unique) in &row.keys {
                    if *unique
                        && owners
                            .insert((finder, key.as_str()), id.as_str())
                            .is_some_and(|other| other != id)
                    {
                        return Err(Error::UniqueViolation {
                            aggregate: table.name,
                            finder,
                            key: key.clone(),
                        });
                    }
                }
            }
        }
        state.tables.extend(changed);
        Ok(())
    }
}

impl Transaction for MemoryTransaction {
    fn load<A: Aggregate>(&mut self, id: &A::Id) -> impl Future<Output = Result<Option<A>>> + Send {
        ready(self.load_now(id))
    }

    fn find<A: Aggregate>(
        &mut self,
        finder: &'static str,
        key: &Value,
    ) -> impl Future<Output = Result<Vec<A>>> + Send {
        ready(self.find_now(finder, key))
    }

    fn list<A: Aggregate>(&mut self) -> impl Future<Output = Result<Vec<A>>> + Send {
        ready(Ok(self.visible()))
    }

    fn count<A: Aggregate>(&mut self) -> impl Future<Output = Result<u64>> + Send {
        let count = self.visible::<A>().len();
        ready(Ok(u64::try_from(count).unwrap_or(u64::MAX)))
    }

    fn exists<A: Aggregate>(&mut self, id: &A::Id) -> impl Future<Output = Result<bool>> + Send {
        ready(self.load_now::<A>(id).map(|found| found.is_some()))
    }

    fn insert<A: Aggregate>(&mut self, aggregate: &A) -> impl Future<Output = Result<()>> + Send {
        let result = id_text::<A>(aggregate.id()).and_then(|id| {
            let row = row_of(aggregate)?;
            self.stage::<A>(id, None, Some(row));
            Ok(())
        });
        ready(result)
    }

    fn update<A: Aggregate>(
        &mut self,
        aggregate: &A,
        expected_version: i64,
    ) -> impl Future<Output = Result<()>> + Send {
        let result = id_text::<A>(aggregate.id()).and_then(|id| {
            let row = row_of(aggregate)?;
            self.stage::<A>(id, Some(expected_version), Some(row));
            Ok(())
        });
        ready(result)
    }

    fn delete<A: Aggregate>(
        &mut self,
        id: &A::Id,
        expected_version: i64,
    ) -> impl Future<Output = Result<()>> + Send {
        let result = id_text::<A>(id).map(|id| {
            self.stage::<A>(id, Some(expected_version), None);
        });
        ready(result)
    }

    fn commit(self) -> impl Future<Output = Result<()>> + Send {
        ready(self.commit_now())
    }

    fn rollback(self) -> impl Future<Output = Result<()>> + Send {
        drop(self);
        ready(Ok(()))
    }
}
