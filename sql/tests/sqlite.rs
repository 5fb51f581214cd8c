//! The SQLite store: in memory and on a file.

use terrace::UnitOfWork;
use terrace::conformance::{Crate, CrateUnitOfWork, check_store};
use terrace_sql::SqliteStore;

use crate::{FRESH_STORES, Shelf, dispenser};

async fn memory() -> SqliteStore {
    let store = SqliteStore::memory();
    store.migrate::<Crate>().await.unwrap();
    store.migrate::<Shelf>().await.unwrap();
    store
}

/// A store on a new file in `dir`.
async fn file(dir: &tempfile::TempDir, name: &str) -> SqliteStore {
    let store = SqliteStore::open(dir.path().join(name)).await.unwrap();
    store.migrate::<Crate>().await.unwrap();
    store.migrate::<Shelf>().await.unwrap();
    store
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conformance_in_memory() {
    let mut stores = Vec::new();
    for _ in 0..FRESH_STORES {
        stores.push(memory().await);
    }
    check_store(dispenser(stores)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conformance_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut stores = Vec::new();
    for i in 0..FRESH_STORES {
        stores.push(file(&dir, &format!("db{i}.sqlite")).await);
    }
    check_store(dispenser(stores)).await;
}

#[tokio::test]
async fn migrate_is_idempotent_and_printable() {
    let store = memory().await;
    store.migrate::<Crate>().await.unwrap();
    let ddl = SqliteStore::ddl::<Crate>().unwrap();
    assert_eq!(ddl.len(), 5);
    assert!(ddl[0].contains(r#""crate""#), "{ddl:?}");
    assert!(ddl.iter().all(|s| s.contains("IF NOT EXISTS")));
}

#[tokio::test]
async fn file_databases_use_wal() {
    let dir = tempfile::tempdir().unwrap();
    let store = file(&dir, "wal.sqlite").await;
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_writers_one_wins() {
    crate::two_writers_one_wins(&memory().await).await;
    let dir = tempfile::tempdir().unwrap();
    crate::two_writers_one_wins(&file(&dir, "two.sqlite").await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_writers_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    crate::many_writers(&file(&dir, "eight.sqlite").await, 8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_writers_in_memory() {
    crate::many_writers(&memory().await, 8).await;
}

#[tokio::test]
async fn violation_rolls_back() {
    crate::violation_rolls_back(&memory().await).await;
}

#[tokio::test]
async fn unique_keys_can_be_swapped() {
    crate::unique_keys_can_be_swapped(&memory().await).await;
}

#[tokio::test]
async fn malformed_document_is_named() {
    let store = memory().await;
    sqlx::query(
        r#"INSERT INTO "crate" (id, version, doc) VALUES ('7', 1, '{"id": 7, "label": 3}')"#,
    )
    .execute(store.pool())
    .await
    .unwrap();
    crate::malformed_document_is_named(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_writers_retrying_on_a_file() {
    let dir = tempfile::tempdir().unwrap();
    crate::many_writers_retrying(&file(&dir, "retry.sqlite").await, 8).await;
}

/// A store on `path` that gives up on a held lock quickly.
async fn impatient(path: &std::path::Path, retries: u32) -> SqliteStore {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .busy_timeout(std::time::Duration::from_millis(50));
    let store = SqliteStore::connect_with(options)
        .await
        .unwrap()
        .with_busy_retries(retries);
    store.migrate::<Crate>().await.unwrap();
    store.migrate::<Shelf>().await.unwrap();
    store
}

/// Another connection that holds the write lock of the database at `path`.
async fn hold_write_lock(path: &std::path::Path) -> sqlx::SqliteConnection {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut conn)
        .await
        .unwrap();
    conn
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_write_lock_becomes_conflict_not_a_driver_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.sqlite");
    let store = impatient(&path, 2).await;
    let mut holder = hold_write_lock(&path).await;

    let mut uow = crate::Warehouse::begin(&store);
    assert_eq!(
        uow.crates().count().await.unwrap(),
        0,
        "reads do not wait for the writer"
    );
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    let err = uow.commit().await.unwrap_err();
    assert!(
        matches!(&err, terrace::Error::Conflict { aggregate: "Crate", id } if id == "1"),
        "{err:?}"
    );

    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    let mut uow = crate::Warehouse::begin(&store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.commit()
        .await
        .expect("a retry after the lock is released commits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_waits_out_a_short_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wait.sqlite");
    let store = impatient(&path, 10).await;
    let mut holder = hold_write_lock(&path).await;
    let release = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();
    });
    let mut uow = crate::Warehouse::begin(&store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.commit()
        .await
        .expect("the bounded retry outlasts the other writer");
    release.await.unwrap();
}

#[tokio::test]
async fn connect_urls() {
    let store = SqliteStore::connect("sqlite::memory:").await.unwrap();
    store.migrate::<Crate>().await.unwrap();
    crate::unique_keys_can_be_swapped(&store).await;

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("url.sqlite").display());
    let store = SqliteStore::connect(&url).await.unwrap();
    store.migrate::<Crate>().await.unwrap();
    crate::unique_keys_can_be_swapped(&store).await;
}

/// An aggregate whose name cannot be a table name.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Odd {
    id: u32,
    version: i64,
}

impl terrace::Aggregate for Odd {
    type Id = u32;
    type Event = std::convert::Infallible;
    const NAME: &'static str = "Odd\"; DROP TABLE x; --";
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
}

#[tokio::test]
async fn names_that_are_not_identifiers_are_refused() {
    let err = SqliteStore::ddl::<Odd>().unwrap_err();
    assert!(
        err.to_string().contains("not give a valid SQL table name"),
        "{err}"
    );
    let store = SqliteStore::memory();
    assert!(store.migrate::<Odd>().await.is_err());
    let mut tx = terrace::Store::begin(&store).await.unwrap();
    let err = terrace::Transaction::load::<Odd>(&mut tx, &1)
        .await
        .unwrap_err();
    let terrace::Error::Backend(source) = &err else {
        panic!("{err:?}")
    };
    assert!(source.is::<terrace_sql::InvalidIdentifier>());
}

#[tokio::test]
async fn a_missing_table_is_a_backend_error() {
    let store = SqliteStore::memory();
    let mut uow = crate::Warehouse::begin(&store);
    let err = uow.crates().get(&1).await.unwrap_err();
    let terrace::Error::Backend(source) = &err else {
        panic!("{err:?}")
    };
    assert!(source.is::<terrace_sql::MissingTable>(), "{err:?}");
    assert!(
        err.to_string().contains("store.migrate::<Crate>()"),
        "{err}"
    );
}

#[tokio::test]
async fn writing_without_tables_says_to_migrate() {
    let store = SqliteStore::memory();
    let mut uow = crate::Warehouse::begin(&store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    let err = uow.commit().await.unwrap_err();
    let terrace::Error::Backend(source) = &err else {
        panic!("{err:?}")
    };
    assert!(source.is::<terrace_sql::MissingTable>(), "{err:?}");
}

#[tokio::test]
async fn a_commit_on_a_closed_pool_is_a_backend_error() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let store = file(&dir, "closed.sqlite").await;
    crate::commit_on_a_closed_pool(&store, || store.pool().close()).await;

    // A new connection to the file sees the state before the unit of work.
    let url = format!("sqlite://{}", dir.path().join("closed.sqlite").display());
    let mut fresh = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        r#"SELECT id, version, json_extract(doc, '$.items') FROM "crate" ORDER BY id"#,
    )
    .fetch_all(&mut fresh)
    .await
    .unwrap();
    assert_eq!(rows, [("1".to_owned(), 1, "[]".to_owned())]);
}
