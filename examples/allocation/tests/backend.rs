//! The stores the shared tests run on. Each runner gives one test a fresh,
//! migrated store of its own and runs it on a spawned task (so a generic
//! service future is proven `Send`).
//!
//! - `memory`: terrace's `MemoryStore`;
//! - `sqlite`: a database file in a temporary directory (WAL mode, several
//!   connections, so concurrent units of work really run at once);
//! - `postgres`: the server at `TERRACE_TEST_DATABASE_URL`, in a schema of
//!   its own that is dropped afterwards. Without the variable the test is
//!   skipped, or fails when `CI` is set.

use std::future::Future;
use std::str::FromStr;

use allocation::domain::Product;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use terrace::{MemoryStore, Store};
use terrace_sql::testing::{database_url, schema_name};
use terrace_sql::{PgStore, SqliteStore};

/// Runs `test` on its own task and re-raises its panic, if any.
async fn spawned<S: Store, F, Fut>(store: S, test: F) -> Result<(), Box<dyn std::any::Any + Send>>
where
    F: FnOnce(S) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(test(store))
        .await
        .map_err(|err| err.into_panic())
}

/// Runs `test` on a fresh in-memory store.
pub async fn memory<F, Fut>(test: F)
where
    F: FnOnce(MemoryStore) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if let Err(panic) = spawned(MemoryStore::new(), test).await {
        std::panic::resume_unwind(panic);
    }
}

/// Runs `test` on a fresh SQLite database file.
pub async fn sqlite<F, Fut>(test: F)
where
    F: FnOnce(SqliteStore) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = SqliteStore::open(dir.path().join("allocation.db"))
        .await
        .expect("open the database file");
    store.migrate::<Product>().await.expect("migrate");
    let outcome = spawned(store.clone(), test).await;
    store.pool().close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Runs `test` on a fresh, migrated schema of the PostgreSQL server, then
/// drops the schema (also when the test panics).
pub async fn postgres<F, Fut>(test: F)
where
    F: FnOnce(PgStore) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(url) = database_url() else { return };
    let admin = PgStore::connect(&url)
        .await
        .expect("connect to TERRACE_TEST_DATABASE_URL");
    let schema = schema_name("allocation_test");
    sqlx::query(&format!(r#"CREATE SCHEMA "{schema}""#))
        .execute(admin.pool())
        .await
        .expect("create the test's schema");
    let options = PgConnectOptions::from_str(&url)
        .expect("a postgres:// URL")
        .options([("search_path", schema.as_str())]);
    // Tests run in parallel, each with a schema and a small pool of its own.
    let pool = PgPoolOptions::new()
        .max_connections(9)
        .connect_with(options)
        .await
        .expect("connect to the test's schema");
    let store = PgStore::from_pool(pool);
    let outcome = match store.migrate::<Product>().await {
        Ok(()) => spawned(store.clone(), test).await,
        Err(err) => Err(Box::new(format!("migrate: {err}")) as _),
    };
    store.pool().close().await;
    sqlx::query(&format!(r#"DROP SCHEMA IF EXISTS "{schema}" CASCADE"#))
        .execute(admin.pool())
        .await
        .expect("drop the test's schema");
    admin.pool().close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
