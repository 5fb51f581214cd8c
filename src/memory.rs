//! The in-memory store: a database for tests, in a `HashMap`.

use core::any::{Any, TypeId};
use core::future::{Future, ready};
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

struct Table {
    name: &'static str,
    rows: HashMap<String, Row>,
    /// finder → key (canonical JSON) → ids of the rows with that key, kept
    /// in step with `rows` at commit.
    index: HashMap<&'static str, HashMap<String, BTreeSet<String>>>,
}

impl Table {
    fn new(name: &'static str) -> Self {
        Table {
            name,
            rows: HashMap::new(),
            index: HashMap::new(),
        }
    }

    /// The ids of the committed rows with `key` under `finder`.
    fn owners(&self, finder: &str, key: &str) -> Option<&BTreeSet<String>> {
        self.index.get(finder)?.get(key)
    }

    /// Replaces (or, with `None`, removes) the row `id`, keeping the index in step.
    fn put(&mut self, id: String, row: Option<Row>) {
        if let Some(old) = self.rows.remove(&id) {
            for (finder, key, _) in &old.keys {
                if let Some(keys) = self.index.get_mut(finder)
                    && let Some(ids) = keys.get_mut(key.as_str())
                {
                    ids.remove(&id);
                    if ids.is_empty() {
                        keys.remove(key.as_str());
                    }
                }
            }
        }
        if let Some(row) = row {
            for (finder, key, _) in &row.keys {
                let ids = self.index.entry(finder).or_default();
                match ids.get_mut(key.as_str()) {
                    Some(ids) => {
                        ids.insert(id.clone());
                    }
                    None => {
                        ids.insert(key.clone(), BTreeSet::from([id.clone()]));
                    }
                }
            }
            self.rows.insert(id, row);
        }
    }
}

#[derive(Clone)]
struct Row {
    version: i64,
    aggregate: Arc<dyn Any + Send + Sync>,
    /// (finder, key as canonical JSON, unique)
    keys: Vec<(&'static str, String, bool)>,
}

impl Row {
    fn has_key(&self, finder: &str, key: &str) -> bool {
        self.keys.iter().any(|(f, k, _)| *f == finder && k == key)
    }
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
    /// The writes of the transaction, per table, by id.
    staged: HashMap<TypeId, StagedTable>,
}

impl core::fmt::Debug for MemoryTransaction {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let staged: usize = self.staged.values().map(|t| t.writes.len()).sum();
        f.debug_struct("MemoryTransaction")
            .field("staged", &staged)
            .finish_non_exhaustive()
    }
}

struct StagedTable {
    name: &'static str,
    writes: HashMap<String, Staged>,
}

struct Staged {
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
    fn writes<A: Aggregate>(&self) -> Option<&HashMap<String, Staged>> {
        self.staged.get(&TypeId::of::<A>()).map(|t| &t.writes)
    }

    /// The rows of `A` as this transaction sees them, by id: committed,
    /// overlaid with its own writes.
    fn visible<A: Aggregate>(&self) -> Vec<A> {
        let state = self.store.lock();
        let writes = self.writes::<A>();
        let staged = |id: &str| writes.is_some_and(|w| w.contains_key(id));
        let mut rows: Vec<(&str, &Row)> = Vec::new();
        if let Some(table) = state.tables.get(&TypeId::of::<A>()) {
            rows.extend(
                table
                    .rows
                    .iter()
                    .filter(|(id, _)| !staged(id))
                    .map(|(id, row)| (id.as_str(), row)),
            );
        }
        for (id, write) in writes.into_iter().flatten() {
            if let Some(row) = &write.row {
                rows.push((id.as_str(), row));
            }
        }
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        rows.into_iter().filter_map(|(_, row)| read(row)).collect()
    }

    fn count_now<A: Aggregate>(&self) -> usize {
        let state = self.store.lock();
        let table = state.tables.get(&TypeId::of::<A>());
        let mut count = table.map_or(0, |t| t.rows.len());
        for (id, write) in self.writes::<A>().into_iter().flatten() {
            let committed = table.and_then(|t| t.rows.get(id)).is_some();
            match (committed, write.row.is_some()) {
                (false, true) => count += 1,
                (true, false) => count -= 1,
                _ => {}
            }
        }
        count
    }

    fn load_now<A: Aggregate>(&self, id: &A::Id) -> Result<Option<A>> {
        let id = id_text::<A>(id)?;
        if let Some(staged) = self.writes::<A>().and_then(|w| w.get(&id)) {
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
        if !A::FINDERS.iter().any(|f| f.name == finder) {
            // Not indexed (rows keep the keys of `A::FINDERS` only): ask each aggregate.
            return self.scan(finder, key);
        }
        let key = key.to_string();
        let state = self.store.lock();
        let writes = self.writes::<A>();
        let mut found: BTreeMap<&str, &Row> = BTreeMap::new();
        if let Some(table) = state.tables.get(&TypeId::of::<A>())
            && let Some(ids) = table.owners(finder, &key)
        {
            for id in ids {
                // Staged rows override committed ones, staged deletes hide them.
                if !writes.is_some_and(|w| w.contains_key(id))
                    && let Some(row) = table.rows.get(id)
                {
                    found.insert(id, row);
                }
            }
        }
        for (id, write) in writes.into_iter().flatten() {
            if let Some(row) = &write.row
                && row.has_key(finder, &key)
            {
                found.insert(id, row);
            }
        }
        Ok(found.into_values().filter_map(read).collect())
    }

    fn scan<A: Aggregate>(&self, finder: &'static str, key: &Value) -> Result<Vec<A>> {
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
            .entry(TypeId::of::<A>())
            .or_insert_with(|| StagedTable {
                name: A::NAME,
                writes: HashMap::new(),
            })
            .writes
            .entry(id)
            .and_modify(|staged| staged.row.clone_from(&row))
            .or_insert(Staged { expect, row });
    }

    fn commit_now(self) -> Result<()> {
        let mut state = self.store.lock();
        check(&state, &self.staged)?;
        // Checked: nothing below can fail.
        for (type_id, staged) in self.staged {
            let table = state
                .tables
                .entry(type_id)
                .or_insert_with(|| Table::new(staged.name));
            for (id, write) in staged.writes {
                table.put(id, write.row);
            }
        }
        Ok(())
    }
}

/// Whether the writes can all be applied to `state`: every expected version
/// holds, and no unique finder key would belong to two rows once they are.
/// Costs the size of the writes, not of the tables.
fn check(state: &State, staged: &HashMap<TypeId, StagedTable>) -> Result<()> {
    // Versions first, in id order, so the reported conflict does not depend
    // on hashing.
    let mut writes: Vec<_> = staged
        .iter()
        .flat_map(|(type_id, t)| {
            t.writes
                .iter()
                .map(move |(id, w)| (id, *type_id, t.name, w))
        })
        .collect();
    writes.sort_by(|a, b| (a.0, a.2).cmp(&(b.0, b.2)));
    for &(id, type_id, name, write) in &writes {
        let current = state
            .tables
            .get(&type_id)
            .and_then(|table| table.rows.get(id))
            .map(|row| row.version);
        if current != write.expect {
            return Err(Error::Conflict {
                aggregate: name,
                id: id.clone(),
            });
        }
    }
    // Unique keys: who owns each key of a written row once the writes are
    // applied. Written rows replace (or delete) their committed selves, so a
    // committed owner counts only if this transaction does not write it.
    let mut owners: HashMap<(TypeId, &str, &str), &str> = HashMap::new();
    for &(id, type_id, name, write) in &writes {
        let Some(row) = &write.row else { continue };
        let table = state.tables.get(&type_id);
        for (finder, key, unique) in &row.keys {
            if !*unique {
                continue;
            }
            let violation = || Error::UniqueViolation {
                aggregate: name,
                finder,
                key: key.clone(),
            };
            if owners
                .insert((type_id, finder, key.as_str()), id.as_str())
                .is_some_and(|other| other != id)
            {
                return Err(violation());
            }
            let written = &staged[&type_id].writes;
            if let Some(committed) = table.and_then(|t| t.owners(finder, key))
                && committed
                    .iter()
                    .any(|other| other != id && !written.contains_key(other))
            {
                return Err(violation());
            }
        }
    }
    Ok(())
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
        let count = self.count_now::<A>();
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

#[cfg(test)]
mod tests {
    //! What the conformance suite leaves out: unique keys among the writes of
    //! one transaction, and the finder index after updates, rollbacks and
    //! failed commits.

    use serde::{Deserialize, Serialize};

    use crate::{Aggregate, Error, Finder, MemoryStore, Store, Transaction, Value, to_value};

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Item {
        id: u32,
        version: i64,
        code: String,
        tags: Vec<String>,
    }

    impl Aggregate for Item {
        type Id = u32;
        type Event = core::convert::Infallible;
        const NAME: &'static str = "Item";
        const FINDERS: &'static [Finder] = &[
            Finder {
                name: "code",
                path: "code",
                unique: true,
            },
            Finder {
                name: "tag",
                path: "tags[]",
                unique: false,
            },
        ];

        fn id(&self) -> &u32 {
            &self.id
        }
        fn version(&self) -> i64 {
            self.version
        }
        fn set_version(&mut self, version: i64) {
            self.version = version;
        }
        fn pending_events(&self) -> &[Self::Event] {
            &[]
        }
        fn take_events(&mut self) -> Vec<Self::Event> {
            Vec::new()
        }
        fn finder_keys(&self, finder: &str) -> crate::Result<Vec<Value>> {
            match finder {
                "code" => Ok(vec![to_value(&self.code)?]),
                "tag" => self.tags.iter().map(to_value).collect(),
                "initial" => Ok(vec![to_value(&self.code.chars().next())?]),
                _ => Ok(Vec::new()),
            }
        }
    }

    fn item(id: u32, version: i64, code: &str, tags: &[&str]) -> Item {
        Item {
            id,
            version,
            code: code.into(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    async fn seeded(items: &[Item]) -> MemoryStore {
        let store = MemoryStore::new();
        let mut tx = store.begin().await.unwrap();
        for i in items {
            tx.insert(i).await.unwrap();
        }
        tx.commit().await.unwrap();
        store
    }

    /// The ids found under `finder` = `key` by a fresh transaction.
    async fn found(store: &MemoryStore, finder: &'static str, key: &str) -> Vec<u32> {
        let mut tx = store.begin().await.unwrap();
        ids(&mut tx, finder, key).await
    }

    async fn ids(tx: &mut crate::MemoryTransaction, finder: &'static str, key: &str) -> Vec<u32> {
        let key = to_value(key).unwrap();
        let items: Vec<Item> = tx.find(finder, &key).await.unwrap();
        items.iter().map(|i| i.id).collect()
    }

    async fn commit(store: &MemoryStore, item: &Item, expected: Option<i64>) -> crate::Result<()> {
        let mut tx = store.begin().await.unwrap();
        match expected {
            None => tx.insert(item).await?,
            Some(v) => tx.update(item, v).await?,
        }
        tx.commit().await
    }

    #[tokio::test]
    async fn two_writes_of_one_transaction_may_not_share_a_unique_key() {
        let store = seeded(&[item(1, 1, "a", &[])]).await;
        let mut tx = store.begin().await.unwrap();
        tx.insert(&item(2, 1, "b", &[])).await.unwrap();
        tx.insert(&item(3, 1, "b", &[])).await.unwrap();
        let err = tx.commit().await.unwrap_err();
        assert!(
            matches!(&err, Error::UniqueViolation { aggregate: "Item", finder: "code", key } if key == "\"b\""),
            "{err:?}"
        );
        // An update and an insert too.
        let mut tx = store.begin().await.unwrap();
        tx.update(&item(1, 2, "c", &[]), 1).await.unwrap();
        tx.insert(&item(4, 1, "c", &[])).await.unwrap();
        assert!(matches!(
            tx.commit().await,
            Err(Error::UniqueViolation { finder: "code", .. })
        ));
        assert_eq!(found(&store, "code", "b").await, Vec::<u32>::new());
        assert_eq!(found(&store, "code", "c").await, Vec::<u32>::new());
        assert_eq!(found(&store, "code", "a").await, [1]);
        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.count::<Item>().await.unwrap(), 1);
    }

    #[tokio::test]
    async fn a_delete_or_an_update_frees_a_unique_key_within_the_transaction() {
        let store = seeded(&[item(1, 1, "a", &[]), item(2, 1, "b", &[])]).await;
        let mut tx = store.begin().await.unwrap();
        tx.delete::<Item>(&1, 1).await.unwrap();
        tx.insert(&item(3, 1, "a", &[])).await.unwrap();
        tx.commit().await.expect("the deleted row's key is free");
        assert_eq!(found(&store, "code", "a").await, [3]);

        // Two rows swap their keys.
        let mut tx = store.begin().await.unwrap();
        tx.update(&item(2, 2, "a", &[]), 1).await.unwrap();
        tx.update(&item(3, 2, "b", &[]), 1).await.unwrap();
        tx.commit().await.expect("swapped keys stay unique");
        assert_eq!(found(&store, "code", "a").await, [2]);
        assert_eq!(found(&store, "code", "b").await, [3]);

        // A key given up by an update is free for an insert.
        let mut tx = store.begin().await.unwrap();
        tx.update(&item(2, 3, "z", &[]), 2).await.unwrap();
        tx.insert(&item(4, 1, "a", &[])).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(found(&store, "code", "a").await, [4]);
        assert_eq!(found(&store, "code", "z").await, [2]);
    }

    #[tokio::test]
    async fn finders_follow_a_changed_key_in_and_after_the_transaction() {
        let store = seeded(&[item(1, 1, "a", &["x", "y"]), item(2, 1, "b", &["y"])]).await;
        let mut tx = store.begin().await.unwrap();
        tx.update(&item(1, 2, "c", &["z"]), 1).await.unwrap();
        assert_eq!(ids(&mut tx, "code", "a").await, Vec::<u32>::new());
        assert_eq!(ids(&mut tx, "code", "c").await, [1]);
        assert_eq!(ids(&mut tx, "tag", "y").await, [2]);
        assert_eq!(ids(&mut tx, "tag", "z").await, [1]);
        assert_eq!(found(&store, "code", "a").await, [1], "not committed yet");
        assert_eq!(found(&store, "tag", "y").await, [1, 2]);
        tx.commit().await.unwrap();

        assert_eq!(found(&store, "code", "a").await, Vec::<u32>::new());
        assert_eq!(found(&store, "code", "c").await, [1]);
        assert_eq!(found(&store, "tag", "x").await, Vec::<u32>::new());
        assert_eq!(found(&store, "tag", "y").await, [2]);
        assert_eq!(found(&store, "tag", "z").await, [1]);
        commit(&store, &item(3, 1, "a", &[]), None)
            .await
            .expect("the old key is free");
    }

    #[tokio::test]
    async fn finders_merge_committed_and_staged_rows_in_id_order() {
        let store = seeded(&[
            item(1, 1, "a", &["t"]),
            item(2, 1, "b", &["t"]),
            item(10, 1, "c", &["t"]),
        ])
        .await;
        let mut tx = store.begin().await.unwrap();
        tx.delete::<Item>(&2, 1).await.unwrap();
        tx.update(&item(10, 2, "c", &["u"]), 1).await.unwrap();
        tx.insert(&item(3, 1, "d", &["t", "t"])).await.unwrap();
        tx.update(&item(1, 2, "a", &["t"]), 1).await.unwrap();
        let staged: Vec<Item> = tx.find("tag", &to_value("t").unwrap()).await.unwrap();
        assert_eq!(
            staged.iter().map(|i| (i.id, i.version)).collect::<Vec<_>>(),
            [(1, 2), (3, 1)],
            "staged rows override, staged deletes hide, each row once"
        );
        assert_eq!(tx.count::<Item>().await.unwrap(), 3);
        let listed: Vec<Item> = tx.list().await.unwrap();
        assert_eq!(listed.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 10, 3]);
        // A finder the aggregate answers but does not declare is not indexed.
        assert_eq!(ids(&mut tx, "initial", "d").await, [3]);
        tx.commit().await.unwrap();
        assert_eq!(found(&store, "tag", "t").await, [1, 3]);
        assert_eq!(found(&store, "tag", "u").await, [10]);
        assert_eq!(found(&store, "initial", "b").await, Vec::<u32>::new());
    }

    #[tokio::test]
    async fn rollback_leaves_the_index_untouched() {
        let store = seeded(&[item(1, 1, "a", &["x"])]).await;
        let mut tx = store.begin().await.unwrap();
        tx.update(&item(1, 2, "b", &["y"]), 1).await.unwrap();
        tx.insert(&item(2, 1, "c", &["x"])).await.unwrap();
        tx.rollback().await.unwrap();
        {
            let mut dropped = store.begin().await.unwrap();
            dropped.delete::<Item>(&1, 1).await.unwrap();
        }
        assert_eq!(found(&store, "code", "a").await, [1]);
        assert_eq!(found(&store, "code", "b").await, Vec::<u32>::new());
        assert_eq!(found(&store, "code", "c").await, Vec::<u32>::new());
        assert_eq!(found(&store, "tag", "x").await, [1]);
        commit(&store, &item(3, 1, "b", &[]), None).await.unwrap();
        commit(&store, &item(4, 1, "c", &[]), None).await.unwrap();
        assert!(matches!(
            commit(&store, &item(5, 1, "a", &[]), None).await,
            Err(Error::UniqueViolation { .. })
        ));
    }

    #[tokio::test]
    async fn a_failed_commit_leaves_the_index_untouched() {
        let store = seeded(&[item(1, 1, "a", &["x"]), item(2, 1, "b", &[])]).await;
        // A conflict: the stale update of 1 fails everything.
        let mut tx = store.begin().await.unwrap();
        tx.delete::<Item>(&2, 1).await.unwrap();
        tx.insert(&item(3, 1, "b", &["x"])).await.unwrap();
        tx.update(&item(1, 5, "z", &[]), 4).await.unwrap();
        assert!(tx.commit().await.unwrap_err().is_conflict());
        // A unique violation, after writes that would have changed keys.
        let mut tx = store.begin().await.unwrap();
        tx.update(&item(1, 2, "q", &["w"]), 1).await.unwrap();
        tx.insert(&item(4, 1, "b", &[])).await.unwrap();
        assert!(matches!(
            tx.commit().await,
            Err(Error::UniqueViolation { .. })
        ));

        assert_eq!(found(&store, "code", "a").await, [1]);
        assert_eq!(found(&store, "code", "b").await, [2]);
        assert_eq!(found(&store, "code", "z").await, Vec::<u32>::new());
        assert_eq!(found(&store, "code", "q").await, Vec::<u32>::new());
        assert_eq!(found(&store, "tag", "x").await, [1]);
        assert_eq!(found(&store, "tag", "w").await, Vec::<u32>::new());
        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.count::<Item>().await.unwrap(), 2);
        commit(&store, &item(5, 1, "z", &[]), None).await.unwrap();
        commit(&store, &item(6, 1, "q", &[]), None).await.unwrap();
        assert!(commit(&store, &item(7, 1, "b", &[]), None).await.is_err());
        commit(&store, &item(1, 2, "a", &["x"]), Some(1))
            .await
            .expect("the versions are untouched too");
    }
}
