//! The SQLite store.

use core::future::Future;
use core::time::Duration;
use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use terrace::{Aggregate, Error, Result, Store};

use crate::common::{Raw, SqlTransaction, Staging, Tables, apply, sql_transaction};

/// How long a connection waits for another writer's lock before SQLite
/// reports `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// How many times a commit that found the database busy is retried.
const BUSY_RETRIES: u32 = 5;

/// A [`terrace::Store`] on SQLite: a file (WAL mode) or an in-memory database.
///
/// Reads of a unit of work run against the committed state (overlaid with
/// the transaction's own writes); the writes are kept until
/// [`commit`](Transaction::commit), which applies all of them in one
/// `BEGIN IMMEDIATE` transaction, each conditional on the version it was
/// loaded with. See the crate docs for the locking model.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> terrace::Result<()> {
/// use serde::{Deserialize, Serialize};
/// use terrace::{Aggregate, Store, Transaction};
///
/// #[derive(Aggregate, Clone, Debug, Serialize, Deserialize)]
/// struct Note { #[aggregate(id)] id: u32, #[aggregate(version)] version: i64 }
///
/// let store = terrace_sql::SqliteStore::memory();
/// store.migrate::<Note>().await?;
/// let mut tx = store.begin().await?;
/// tx.insert(&Note { id: 1, version: 1 }).await?;
/// tx.commit().await?;
/// let mut tx = store.begin().await?;
/// assert_eq!(tx.count::<Note>().await?, 1);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    busy_retries: u32,
}

impl SqliteStore {
    /// A fresh, private in-memory database: one connection that lives as long
    /// as the store (a pool of several `:memory:` connections would be
    /// several databases). Writers queue for that connection.
    #[must_use]
    pub fn memory() -> Self {
        let options = SqliteConnectOptions::new().in_memory(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(0)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_lazy_with(options);
        SqliteStore {
            pool,
            busy_retries: BUSY_RETRIES,
        }
    }

    /// Opens (creating it if missing) the database file at `path` in WAL
    /// mode, with a busy timeout.
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when the file cannot be opened.
    pub async fn open(path: impl AsRef<Path>) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .busy_timeout(BUSY_TIMEOUT);
        Self::connect_with(options).await
    }

    /// Connects to a `sqlite:` URL (`sqlite://data.db`, `sqlite::memory:`).
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when the URL is invalid or the database cannot be opened.
    pub async fn connect(url: &str) -> Result<Self> {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" || url == ":memory:" {
            return Ok(Self::memory());
        }
        let options = SqliteConnectOptions::from_str(url)
            .map_err(Error::backend)?
            .create_if_missing(true)
            .busy_timeout(BUSY_TIMEOUT);
        Self::connect_with(options).await
    }

    /// Connects with these options; WAL mode and `synchronous = NORMAL` are
    /// set on top of them (the busy timeout is theirs: sqlx's default is 5 s).
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when the database cannot be opened.
    pub async fn connect_with(options: SqliteConnectOptions) -> Result<Self> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal);
        let pool = SqlitePoolOptions::new()
            .connect_with(options)
            .await
            .map_err(Error::backend)?;
        Ok(SqliteStore {
            pool,
            busy_retries: BUSY_RETRIES,
        })
    }

    /// Wraps an existing pool. It must be one database: for an in-memory
    /// database, a pool of one connection or a shared-cache URL.
    #[must_use]
    pub fn from_pool(pool: SqlitePool) -> Self {
        SqliteStore {
            pool,
            busy_retries: BUSY_RETRIES,
        }
    }

    /// How many times a commit that found another writer holding the lock
    /// (past the busy timeout) is retried before it fails with
    /// [`Error::Conflict`] (default 5).
    #[must_use]
    pub fn with_busy_retries(mut self, retries: u32) -> Self {
        self.busy_retries = retries;
        self
    }

    /// The connection pool.
    #[must_use]
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The statements [`migrate`](Self::migrate) runs for `A`, in order.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(terrace::Aggregate, Clone, Debug, Serialize, Deserialize)]
    /// # struct OrderLine { #[aggregate(id)] id: u32, #[aggregate(version)] version: i64 }
    /// let ddl = terrace_sql::SqliteStore::ddl::<OrderLine>().unwrap();
    /// assert!(ddl[0].starts_with(r#"CREATE TABLE IF NOT EXISTS "order_line""#));
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] ([`InvalidIdentifier`](crate::InvalidIdentifier))
    /// when `A::NAME` does not make a table name.
    pub fn ddl<A: Aggregate>() -> Result<Vec<String>> {
        Ok(crate::ddl(&Tables::of::<A>()?, "TEXT"))
    }

    /// Creates the tables and indexes of `A` if they do not exist yet.
    ///
    /// # Errors
    ///
    /// [`Error::Backend`] when a statement fails.
    pub async fn migrate<A: Aggregate>(&self) -> Result<()> {
        let statements = Self::ddl::<A>()?;
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
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

impl Store for SqliteStore {
    type Tx = SqliteTransaction;

    fn begin(&self) -> impl Future<Output = Result<SqliteTransaction>> + Send {
        core::future::ready(Ok(SqliteTransaction {
            pool: self.pool.clone(),
            busy_retries: self.busy_retries,
            staging: Staging::default(),
        }))
    }
}

/// A transaction of a [`SqliteStore`]: reads see the committed state and
/// this transaction's writes; the writes are applied at commit.
#[derive(Debug)]
pub struct SqliteTransaction {
    pool: SqlitePool,
    busy_retries: u32,
    staging: Staging,
}

/// SQLite's primary result codes for "another connection holds the lock".
fn is_busy(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

/// Maps a driver error met while working on `aggregate`/`id`: busy and
/// locked become [`Error::Conflict`], the rest [`Error::Backend`].
fn map_err(err: sqlx::Error, aggregate: &'static str, id: &str) -> Error {
    if is_busy(&err) {
        Error::Conflict {
            aggregate,
            id: id.to_owned(),
        }
    } else if err
        .as_database_error()
        .is_some_and(|e| e.message().starts_with("no such table"))
    {
        Error::backend(crate::MissingTable {
            aggregate,
            source: err,
        })
    } else {
        Error::backend(err)
    }
}

impl SqlTransaction for SqliteTransaction {
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
        let sql = format!(r#"SELECT id, version, doc FROM "{}" WHERE id = $1"#, t.main);
        sqlx::query_as::<_, Raw>(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| map_err(e, aggregate, id))
    }

    async fn fetch_all(&self, t: &Tables, aggregate: &'static str) -> Result<Vec<Raw>> {
        let sql = format!(r#"SELECT id, version, doc FROM "{}" ORDER BY id"#, t.main);
        sqlx::query_as::<_, Raw>(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| map_err(e, aggregate, "*"))
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
            r#"SELECT t.id, t.version, t.doc FROM "{keys}" k JOIN "{main}" t ON t.id = k.id
               WHERE k.finder = $1 AND k.key = $2 ORDER BY t.id"#,
            main = t.main
        );
        let query = sqlx::query_as::<_, Raw>(&sql).bind(finder).bind(key);
        // A unique key has at most one row: no need to read on for more.
        let rows = if unique {
            query.fetch_optional(&self.pool).await.map(Vec::from_iter)
        } else {
            query.fetch_all(&self.pool).await
        };
        rows.map_err(|e| map_err(e, aggregate, "*"))
    }

    async fn count_all(&self, t: &Tables, aggregate: &'static str) -> Result<i64> {
        let sql = format!(r#"SELECT COUNT(*) FROM "{}""#, t.main);
        let (n,): (i64,) = sqlx::query_as(&sql)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| map_err(e, aggregate, "*"))?;
        Ok(n)
    }

    async fn apply_staged(self) -> Result<()> {
        self.commit_now().await
    }
}

sql_transaction!(SqliteTransaction);

impl SqliteTransaction {
    async fn commit_now(self) -> Result<()> {
        let mut attempt = 0;
        loop {
            match self.try_commit().await {
                Err(Attempt::Busy) if attempt < self.busy_retries => {
                    attempt += 1;
                    tokio_sleep(Duration::from_millis(20 * u64::from(attempt))).await;
                }
                Err(Attempt::Busy) => {
                    let first = self.staging.writes().next().expect("not empty");
                    return Err(Error::Conflict {
                        aggregate: first.aggregate,
                        id: first.id.clone(),
                    });
                }
                Err(Attempt::Failed(err)) => return Err(err),
                Ok(()) => return Ok(()),
            }
        }
    }

    async fn try_commit(&self) -> Result<(), Attempt> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        match apply::<sqlx::Sqlite, Attempt>(&mut tx, &self.staging, "", Attempt::on).await {
            Ok(()) => Ok(tx.commit().await?),
            Err(err) => {
                // Release the write lock now, not when the connection is reused.
                drop(tx.rollback().await);
                Err(err)
            }
        }
    }
}

/// The outcome of one commit attempt.
enum Attempt {
    /// Another connection held the write lock past the busy timeout.
    Busy,
    Failed(Error),
}

impl Attempt {
    /// A failure while writing `aggregate`.
    fn on(err: sqlx::Error, aggregate: &'static str) -> Self {
        if is_busy(&err) {
            Attempt::Busy
        } else {
            Attempt::Failed(map_err(err, aggregate, "*"))
        }
    }
}

impl From<Error> for Attempt {
    fn from(err: Error) -> Self {
        Attempt::Failed(err)
    }
}

impl From<sqlx::Error> for Attempt {
    fn from(err: sqlx::Error) -> Self {
        if is_busy(&err) {
            Attempt::Busy
        } else {
            Attempt::Failed(Error::backend(err))
        }
    }
}

async fn tokio_sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}
