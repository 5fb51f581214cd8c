//! The SQLite store: in memory and on a file.

use terrace::conformance::{Crate, check_store};
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
