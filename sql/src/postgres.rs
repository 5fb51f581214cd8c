//! The PostgreSQL store (feature `postgres`).

use core::future::Future;
use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use terrace::{Aggregate, Error, Result, Store};

use crate::common::{Raw, SqlTransaction, Staging, Tables, apply, sql_transaction};

/// A [`terrace::Store`] on PostgreSQL, documents in `jsonb`.
///
/// Like [`SqliteStore`](crate::SqliteStore), a transaction reads the
/// committed state overlaid with its own writes and applies the writes at
/// commit in one database transaction (`READ COMMITTED`), each conditional on
/// the version it was loaded with. A concurrent writer of the same row waits
/// for the first to finish, then finds the version changed: `Conflict`.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to a `postgres://` URL.
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when the URL is invalid or the server unreachable.
    pub async fn connect(url: &str) -> Result<Self> {
        let options = PgConnectOptions::from_str(url).map_err(Error::backend)?;
        Self::connect_with(options).await
    }

    /// Connects with these options (`.options([("search_path", "my_schema")])`
    /// puts the tables in a schema).
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when the server is unreachable.
    pub async fn connect_with(options: PgConnectOptions) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .connect_with(options)
            .await
            .map_err(Error::backend)?;
        Ok(PgStore { pool })
    }

    /// Wraps an existing pool.
    #[must_use]
    pub fn from_pool(pool: PgPool) -> Self {
        PgStore { pool }
    }

    /// The connection pool.
    #[must_use]
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The statements [`migrate`](Self::migrate) runs for `A`, in order.
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] ([`InvalidIdentifier`](crate::InvalidIdentifier))
    /// when `A::NAME` does not make a table name.
    pub fn ddl<A: Aggregate>() -> Result<Vec<String>> {
        Ok(crate::ddl(&Tables::of::<A>()?, "JSONB"))
    }

    /// Creates the tables and indexes of `A` if they do not exist yet (under
    /// an advisory lock, so concurrent migrations do not race).
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when a statement fails.
    pub async fn migrate<A: Aggregate>(&self) -> Result<()> {
        let statements = Self::ddl::<A>()?;
        let table = Tables::of::<A>()?.main;
        let mut tx = self.pool.begin().await.map_err(Error::backend)?;
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.' || $1))")
            .bind(&table)
            .execute(&mut *tx)
            .await
            .map_err(Error::backend)?;
        for statement in &statements {
            sqlx::query(statement)
                .execute(&mut *tx)
                .await
                .map_err(Error::backend)?;
        }
        tx.commit().await.map_err(Error::backend)
    }
}

impl Store for PgStore {
    type Tx = PgTransaction;

    fn begin(&self) -> impl Future<Output = Result<PgTransaction>> + Send {
        core::future::ready(Ok(PgTransaction {
            pool: self.pool.clone(),
            staging: Staging::default(),
        }))
    }
}

/// A transaction of a [`PgStore`]: reads see the committed state and this
/// transaction's writes; the writes are applied at commit.
#[derive(Debug)]
pub struct PgTransaction {
    pool: PgPool,
    staging: Staging,
}

/// Serialization failure and deadlock: another transaction won.
fn is_contention(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|e| e.code())
        .is_some_and(|code| code == "40001" || code == "40P01")
}

/// Maps a driver error met while reading `aggregate`.
fn read_err(err: sqlx::Error, aggregate: &'static str) -> Error {
    let code = err.as_database_error().and_then(|e| e.code());
    if code.as_deref() == Some("42P01") {
        Error::backend(crate::MissingTable {
            aggregate,
            source: err,
        })
    } else if is_contention(&err) {
        Error::Conflict {
            aggregate,
            id: "*".to_owned(),
        }
    } else {
        Error::backend(err)
    }
}

impl SqlTransaction for PgTransaction {
    fn staging(&self) -> &Staging {
        &self.staging
    }

    fn staging_mut(&mut self) -> &mut Staging {
        &mut self.staging
    }

    async fn fetch_one(
        &self,
        t: &Tables,
        aggregate: &'static str,
        id: &str,
    ) -> Result<Option<Raw>> {
        let sql = format!(
            r#"SELECT id, version, doc::text FROM "{}" WHERE id = $1"#,
            t.main
        );
        sqlx::query_as::<_, Raw>(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| read_err(e, aggregate))
    }

    async fn fetch_all(&self, t: &Tables, aggregate: &'static str) -> Result<Vec<Raw>> {
        let sql = format!(
            r#"SELECT id, version, doc::text FROM "{}" ORDER BY id COLLATE "C""#,
            t.main
        );
        sqlx::query_as::<_, Raw>(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| read_err(e, aggregate))
    }

    async fn fetch_by_key(
        &self,
        t: &Tables,
        unique: bool,
        aggregate: &'static str,
        finder: &str,
        key: &str,
    ) -> Result<Vec<Raw>> {
        let keys = if unique { &t.unique } else { &t.multi };
        let sql = format!(
            r#"SELECT t.id, t.version, t.doc::text FROM "{keys}" k JOIN "{main}" t ON t.id = k.id
               WHERE k.finder = $1 AND k.key = $2 ORDER BY t.id COLLATE "C""#,
            main = t.main
        );
        let query = sqlx::query_as::<_, Raw>(&sql).bind(finder).bind(key);
        // A unique key has at most one row: no need to read on for more.
        let rows = if unique {
            query.fetch_optional(&self.pool).await.map(Vec::from_iter)
        } else {
            query.fetch_all(&self.pool).await
        };
        rows.map_err(|e| read_err(e, aggregate))
    }

    async fn count_all(&self, t: &Tables, aggregate: &'static str) -> Result<i64> {
        let sql = format!(r#"SELECT COUNT(*) FROM "{}""#, t.main);
        let (n,): (i64,) = sqlx::query_as(&sql)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| read_err(e, aggregate))?;
        Ok(n)
    }

    async fn apply_staged(self) -> Result<()> {
        self.commit_now().await
    }
}

sql_transaction!(PgTransaction);

impl PgTransaction {
    async fn commit_now(self) -> Result<()> {
        let Some(first) = self.staging.writes().next() else {
            return Ok(());
        };
        // Serialization failures and deadlocks: another transaction won.
        let map = |err: sqlx::Error, aggregate: &'static str| {
            if is_contention(&err) {
                Error::Conflict {
                    aggregate: first.aggregate,
                    id: first.id.clone(),
                }
            } else {
                read_err(err, aggregate)
            }
        };
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(|e| map(e, first.aggregate))?;
        match apply::<sqlx::Postgres, Error>(&mut tx, &self.staging, "::jsonb", map).await {
            Ok(()) => tx.commit().await.map_err(|e| map(e, first.aggregate)),
            Err(err) => {
                // Release the row locks now, not when the connection is reused.
                drop(tx.rollback().await);
                Err(err)
            }
        }
    }
}
