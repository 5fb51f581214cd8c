//! What the SQL stores share: table names, staged writes, documents.

use core::fmt;
use core::future::Future;
use std::collections::BTreeMap;

use terrace::{Aggregate, Error, Result, Value, to_value};

/// A stored document that does not deserialize into its aggregate type.
///
/// Returned inside [`terrace::Error::Backend`]; downcast it to inspect.
#[derive(Debug)]
pub struct MalformedDocument {
    /// The aggregate's type name.
    pub aggregate: &'static str,
    /// The id, as canonical JSON text.
    pub id: String,
    /// What serde said.
    pub message: String,
}

impl fmt::Display for MalformedDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the stored document of {} {} is malformed: {}",
            self.aggregate, self.id, self.message
        )
    }
}

impl std::error::Error for MalformedDocument {}

/// The tables of an aggregate type do not exist: `migrate` was not run.
///
/// Returned inside [`terrace::Error::Backend`], with the driver's error as
/// its source.
#[derive(Debug)]
pub struct MissingTable {
    /// The aggregate's type name.
    pub aggregate: &'static str,
    /// The driver's error.
    pub source: sqlx::Error,
}

impl fmt::Display for MissingTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the tables of {0} do not exist; create them with `store.migrate::<{0}>()` ({1})",
            self.aggregate, self.source
        )
    }
}

impl std::error::Error for MissingTable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An aggregate name that cannot become a table name.
#[derive(Debug)]
pub struct InvalidIdentifier {
    /// The aggregate's type name.
    pub aggregate: &'static str,
}

impl fmt::Display for InvalidIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "aggregate name `{}` does not give a valid SQL table name (ASCII letters, digits and `_`, at most 40 characters, not starting with a digit)",
            self.aggregate
        )
    }
}

impl std::error::Error for InvalidIdentifier {}

/// The tables of one aggregate type.
#[derive(Clone, Debug)]
pub(crate) struct Tables {
    /// `id`, `version`, `doc`.
    pub main: String,
    /// `finder`, `key`, `id`; primary key (`finder`, `key`): unique finders.
    pub unique: String,
    /// `finder`, `key`, `id`; primary key (`finder`, `key`, `id`): multi finders.
    pub multi: String,
}

/// `OrderLine` → `order_line`, validated: only `[a-z0-9_]`, not starting
/// with a digit, at most 40 characters (room for suffixes in PostgreSQL's 63).
pub(crate) fn table_name(name: &'static str) -> Result<String> {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            out.push(c);
        } else {
            return Err(Error::backend(InvalidIdentifier { aggregate: name }));
        }
    }
    if out.is_empty() || out.len() > 40 || out.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(Error::backend(InvalidIdentifier { aggregate: name }));
    }
    Ok(out)
}

impl Tables {
    pub(crate) fn of<A: Aggregate>() -> Result<Self> {
        let main = table_name(A::NAME)?;
        Ok(Tables {
            unique: format!("{main}__unique_keys"),
            multi: format!("{main}__keys"),
            main,
        })
    }
}

/// A row as written: version, JSON document and finder keys.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub version: i64,
    pub doc: String,
    /// (finder, key as canonical JSON), deduplicated.
    pub unique: Vec<(&'static str, String)>,
    pub multi: Vec<(&'static str, String)>,
}

impl Row {
    fn has_key(&self, finder: &str, key: &str) -> bool {
        self.unique
            .iter()
            .chain(&self.multi)
            .any(|(f, k)| *f == finder && k == key)
    }
}

pub(crate) fn id_text<A: Aggregate>(id: &A::Id) -> Result<String> {
    Ok(to_value(id)?.to_string())
}

pub(crate) fn row_of<A: Aggregate>(aggregate: &A) -> Result<Row> {
    let mut unique = Vec::new();
    let mut multi = Vec::new();
    for finder in A::FINDERS {
        for key in aggregate.finder_keys(finder.name)? {
            let entry = (finder.name, key.to_string());
            let keys = if finder.unique {
                &mut unique
            } else {
                &mut multi
            };
            if !keys.contains(&entry) {
                keys.push(entry);
            }
        }
    }
    let doc = serde_json::to_string(aggregate).map_err(|e| {
        Error::Serialization(format!("{} does not serialize to JSON: {e}", A::NAME))
    })?;
    Ok(Row {
        version: aggregate.version(),
        doc,
        unique,
        multi,
    })
}

/// Deserializes a stored document, its version field set to `version`.
pub(crate) fn decode<A: Aggregate>(id: &str, version: i64, doc: &str) -> Result<A> {
    let mut aggregate: A = serde_json::from_str(doc).map_err(|e| {
        Error::backend(MalformedDocument {
            aggregate: A::NAME,
            id: id.to_owned(),
            message: e.to_string(),
        })
    })?;
    aggregate.set_version(version);
    Ok(aggregate)
}

/// Whether `finder` is a unique finder of `A`.
pub(crate) fn is_unique<A: Aggregate>(finder: &str) -> bool {
    A::FINDERS.iter().any(|f| f.name == finder && f.unique)
}

/// A write waiting for commit.
#[derive(Debug)]
pub(crate) struct Staged {
    pub aggregate: &'static str,
    pub tables: Tables,
    pub id: String,
    /// `None`: the row must not exist; `Some(v)`: it must be at version `v`.
    pub expect: Option<i64>,
    /// `None`: delete.
    pub row: Option<Row>,
}

/// The writes of a transaction, applied at commit in id order.
#[derive(Debug, Default)]
pub(crate) struct Staging {
    writes: BTreeMap<(&'static str, String), Staged>,
}

impl Staging {
    pub(crate) fn stage<A: Aggregate>(
        &mut self,
        id: String,
        expect: Option<i64>,
        row: Option<Row>,
    ) -> Result<()> {
        let tables = Tables::of::<A>()?;
        self.writes
            .entry((A::NAME, id.clone()))
            .and_modify(|staged| staged.row.clone_from(&row))
            .or_insert(Staged {
                aggregate: A::NAME,
                tables,
                id,
                expect,
                row,
            });
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    pub(crate) fn writes(&self) -> impl Iterator<Item = &Staged> {
        self.writes.values()
    }

    /// The staged state of one aggregate: `None` when not staged,
    /// `Some(None)` when staged for deletion.
    pub(crate) fn get<A: Aggregate>(&self, id: &str) -> Option<Option<&Row>> {
        self.writes
            .get(&(A::NAME, id.to_owned()))
            .map(|staged| staged.row.as_ref())
    }

    fn touches<A: Aggregate>(&self) -> bool {
        self.writes.keys().any(|(name, _)| *name == A::NAME)
    }

    /// Committed rows (id, version, doc) overlaid with the staged writes of
    /// `A`; staged rows are kept when `wanted` says so. Sorted by id.
    pub(crate) fn overlay<A: Aggregate>(
        &self,
        committed: Vec<(String, i64, String)>,
        wanted: impl Fn(&Row) -> bool,
    ) -> Result<Vec<A>> {
        let mut rows: BTreeMap<String, (i64, String)> = BTreeMap::new();
        for (id, version, doc) in committed {
            rows.insert(id, (version, doc));
        }
        if self.touches::<A>() {
            for ((name, id), staged) in &self.writes {
                if *name != A::NAME {
                    continue;
                }
                match &staged.row {
                    Some(row) if wanted(row) => {
                        rows.insert(id.clone(), (row.version, row.doc.clone()));
                    }
                    _ => {
                        rows.remove(id);
                    }
                }
            }
        }
        rows.iter()
            .map(|(id, (version, doc))| decode(id, *version, doc))
            .collect()
    }

    /// Whether the staged writes of `A` change what a count sees.
    pub(crate) fn touches_type<A: Aggregate>(&self) -> bool {
        self.touches::<A>()
    }

    /// `wanted` for a finder lookup.
    pub(crate) fn finder_filter<'k>(finder: &'k str, key: &'k str) -> impl Fn(&Row) -> bool + 'k {
        move |row| row.has_key(finder, key)
    }
}

/// A key as stored: canonical JSON text.
pub(crate) fn key_text(key: &Value) -> String {
    key.to_string()
}

/// A committed row as read: id, version, JSON document.
pub(crate) type Raw = (String, i64, String);

/// What a SQL store's transaction runs against its database: the reads of
/// committed rows and the commit of the staged writes. The rest of
/// [`terrace::Transaction`] (staging writes, overlaying them on what is
/// read, decoding documents) is the same for every store: the functions
/// below and [`sql_transaction!`](crate::common::sql_transaction).
pub(crate) trait SqlTransaction: Send + Sync + Sized {
    /// The writes waiting for commit.
    fn staging(&self) -> &Staging;

    /// The writes waiting for commit, to add to.
    fn staging_mut(&mut self) -> &mut Staging;

    /// The committed row of `id`.
    fn fetch_one(
        &self,
        tables: &Tables,
        aggregate: &'static str,
        id: &str,
    ) -> impl Future<Output = Result<Option<Raw>>> + Send;

    /// Every committed row, in id order.
    fn fetch_all(
        &self,
        tables: &Tables,
        aggregate: &'static str,
    ) -> impl Future<Output = Result<Vec<Raw>>> + Send;

    /// The committed rows whose key under `finder` is `key`, in id order:
    /// at most one when the finder is `unique` (looked up in the unique key
    /// table, the others in the multi key table).
    fn fetch_by_key(
        &self,
        tables: &Tables,
        unique: bool,
        aggregate: &'static str,
        finder: &str,
        key: &str,
    ) -> impl Future<Output = Result<Vec<Raw>>> + Send;

    /// How many rows are committed.
    fn count_all(
        &self,
        tables: &Tables,
        aggregate: &'static str,
    ) -> impl Future<Output = Result<i64>> + Send;

    /// Applies the staged writes, of which there is at least one, in one
    /// database transaction.
    fn apply_staged(self) -> impl Future<Output = Result<()>> + Send;
}

pub(crate) async fn load<T: SqlTransaction, A: Aggregate>(tx: &T, id: String) -> Result<Option<A>> {
    if let Some(staged) = tx.staging().get::<A>(&id) {
        return staged
            .map(|row| decode(&id, row.version, &row.doc))
            .transpose();
    }
    tx.fetch_one(&Tables::of::<A>()?, A::NAME, &id)
        .await?
        .map(|(id, version, doc)| decode(&id, version, &doc))
        .transpose()
}

pub(crate) async fn exists<T: SqlTransaction, A: Aggregate>(tx: &T, id: String) -> Result<bool> {
    Ok(match tx.staging().get::<A>(&id) {
        Some(staged) => staged.is_some(),
        None => tx
            .fetch_one(&Tables::of::<A>()?, A::NAME, &id)
            .await?
            .is_some(),
    })
}

pub(crate) async fn list<T: SqlTransaction, A: Aggregate>(tx: &T) -> Result<Vec<A>> {
    let rows = tx.fetch_all(&Tables::of::<A>()?, A::NAME).await?;
    tx.staging().overlay(rows, |_| true)
}

pub(crate) async fn find<T: SqlTransaction, A: Aggregate>(
    tx: &T,
    finder: &'static str,
    key: String,
) -> Result<Vec<A>> {
    let tables = Tables::of::<A>()?;
    let unique = is_unique::<A>(finder);
    let rows = tx
        .fetch_by_key(&tables, unique, A::NAME, finder, &key)
        .await?;
    tx.staging()
        .overlay(rows, Staging::finder_filter(finder, &key))
}

pub(crate) async fn count<T: SqlTransaction, A: Aggregate>(tx: &T) -> Result<u64> {
    if tx.staging().touches_type::<A>() {
        let n = list::<T, A>(tx).await?.len();
        return Ok(u64::try_from(n).unwrap_or(u64::MAX));
    }
    let n = tx.count_all(&Tables::of::<A>()?, A::NAME).await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Stages `aggregate` for writing: an insert (`expect` is `None`) or an
/// update from version `expect`.
pub(crate) fn stage_write<T: SqlTransaction, A: Aggregate>(
    tx: &mut T,
    aggregate: &A,
    expect: Option<i64>,
) -> Result<()> {
    let id = id_text::<A>(aggregate.id())?;
    let row = row_of(aggregate)?;
    tx.staging_mut().stage::<A>(id, expect, Some(row))
}

pub(crate) fn stage_delete<T: SqlTransaction, A: Aggregate>(
    tx: &mut T,
    id: &A::Id,
    expect: i64,
) -> Result<()> {
    let id = id_text::<A>(id)?;
    tx.staging_mut().stage::<A>(id, Some(expect), None)
}

pub(crate) async fn commit<T: SqlTransaction>(tx: T) -> Result<()> {
    if tx.staging().is_empty() {
        return Ok(());
    }
    tx.apply_staged().await
}

/// Implements [`terrace::Transaction`] for a [`SqlTransaction`].
macro_rules! sql_transaction {
    ($tx:ty) => {
        impl ::terrace::Transaction for $tx {
            fn load<A: ::terrace::Aggregate>(
                &mut self,
                id: &A::Id,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<Option<A>>> + Send {
                let id = $crate::common::id_text::<A>(id);
                async move { $crate::common::load(self, id?).await }
            }

            fn find<A: ::terrace::Aggregate>(
                &mut self,
                finder: &'static str,
                key: &::terrace::Value,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<Vec<A>>> + Send {
                let key = $crate::common::key_text(key);
                async move { $crate::common::find(self, finder, key).await }
            }

            fn list<A: ::terrace::Aggregate>(
                &mut self,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<Vec<A>>> + Send {
                async move { $crate::common::list(self).await }
            }

            fn count<A: ::terrace::Aggregate>(
                &mut self,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<u64>> + Send {
                async move { $crate::common::count::<_, A>(self).await }
            }

            fn exists<A: ::terrace::Aggregate>(
                &mut self,
                id: &A::Id,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<bool>> + Send {
                let id = $crate::common::id_text::<A>(id);
                async move { $crate::common::exists::<_, A>(self, id?).await }
            }

            fn insert<A: ::terrace::Aggregate>(
                &mut self,
                aggregate: &A,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<()>> + Send {
                ::core::future::ready($crate::common::stage_write(self, aggregate, None))
            }

            fn update<A: ::terrace::Aggregate>(
                &mut self,
                aggregate: &A,
                expected_version: i64,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<()>> + Send {
                ::core::future::ready($crate::common::stage_write(
                    self,
                    aggregate,
                    Some(expected_version),
                ))
            }

            fn delete<A: ::terrace::Aggregate>(
                &mut self,
                id: &A::Id,
                expected_version: i64,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<()>> + Send {
                ::core::future::ready($crate::common::stage_delete::<_, A>(
                    self,
                    id,
                    expected_version,
                ))
            }

            fn commit(self) -> impl ::core::future::Future<Output = ::terrace::Result<()>> + Send {
                $crate::common::commit(self)
            }

            fn rollback(
                self,
            ) -> impl ::core::future::Future<Output = ::terrace::Result<()>> + Send {
                // Nothing reached the database before commit.
                drop(self);
                ::core::future::ready(Ok(()))
            }
        }
    };
}

pub(crate) use sql_transaction;

/// How many rows a statement touched, for the query result of either store.
pub(crate) trait RowsAffected {
    fn rows(&self) -> u64;
}

#[cfg(feature = "postgres")]
impl RowsAffected for sqlx::postgres::PgQueryResult {
    fn rows(&self) -> u64 {
        self.rows_affected()
    }
}

#[cfg(feature = "sqlite")]
impl RowsAffected for sqlx::sqlite::SqliteQueryResult {
    fn rows(&self) -> u64 {
        self.rows_affected()
    }
}

/// Applies the staged writes on `conn`, inside the database transaction
/// its caller began (and commits or rolls back): in id order every insert,
/// update and delete, each conditional on the version it was loaded with
/// and required to touch exactly one row, then the finder keys (the old
/// keys of every written aggregate are removed before any new one is
/// inserted, so two aggregates may swap a unique key). `cast` follows the
/// document parameter (`::jsonb` on PostgreSQL); `fail` maps a driver error
/// met while writing an aggregate.
pub(crate) async fn apply<DB, E>(
    conn: &mut DB::Connection,
    staging: &Staging,
    cast: &str,
    fail: impl Fn(sqlx::Error, &'static str) -> E,
) -> Result<(), E>
where
    DB: sqlx::Database,
    DB::QueryResult: RowsAffected,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    E: From<Error>,
{
    for w in staging.writes() {
        let t = &w.tables;
        let done = match (&w.row, w.expect) {
            (Some(row), None) => Some(
                sqlx::query::<DB>(&format!(
                    r#"INSERT INTO "{}" (id, version, doc) VALUES ($1, $2, $3{cast}) ON CONFLICT (id) DO NOTHING"#,
                    t.main
                ))
                .bind(w.id.as_str())
                .bind(row.version)
                .bind(row.doc.as_str())
                .execute(&mut *conn)
                .await,
            ),
            (Some(row), Some(expected)) => Some(
                sqlx::query::<DB>(&format!(
                    r#"UPDATE "{}" SET version = $1, doc = $2{cast} WHERE id = $3 AND version = $4"#,
                    t.main
                ))
                .bind(row.version)
                .bind(row.doc.as_str())
                .bind(w.id.as_str())
                .bind(expected)
                .execute(&mut *conn)
                .await,
            ),
            (None, Some(expected)) => Some(
                sqlx::query::<DB>(&format!(
                    r#"DELETE FROM "{}" WHERE id = $1 AND version = $2"#,
                    t.main
                ))
                .bind(w.id.as_str())
                .bind(expected)
                .execute(&mut *conn)
                .await,
            ),
            (None, None) => None,
        };
        let affected = match done {
            Some(result) => result.map_err(|e| fail(e, w.aggregate))?.rows(),
            None => 1,
        };
        if affected != 1 {
            return Err(Error::Conflict {
                aggregate: w.aggregate,
                id: w.id.clone(),
            }
            .into());
        }
        if w.expect.is_some() {
            for keys in [&t.unique, &t.multi] {
                sqlx::query::<DB>(&format!(r#"DELETE FROM "{keys}" WHERE id = $1"#))
                    .bind(w.id.as_str())
                    .execute(&mut *conn)
                    .await
                    .map_err(|e| fail(e, w.aggregate))?;
            }
        }
    }
    for w in staging.writes() {
        let Some(row) = &w.row else { continue };
        let t = &w.tables;
        for (unique, keys) in [(true, &row.unique), (false, &row.multi)] {
            let table = if unique { &t.unique } else { &t.multi };
            for (finder, key) in keys {
                let inserted = sqlx::query::<DB>(&format!(
                    r#"INSERT INTO "{table}" (finder, key, id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"#
                ))
                .bind(*finder)
                .bind(key.as_str())
                .bind(w.id.as_str())
                .execute(&mut *conn)
                .await
                .map_err(|e| fail(e, w.aggregate))?
                .rows();
                if unique && inserted != 1 {
                    return Err(Error::UniqueViolation {
                        aggregate: w.aggregate,
                        finder,
                        key: key.clone(),
                    }
                    .into());
                }
            }
        }
    }
    Ok(())
}
