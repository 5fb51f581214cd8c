//! The PostgreSQL store, against the server at `TERRACE_TEST_DATABASE_URL`.
//! Each test works in a schema of its own, dropped at the end.

use std::future::Future;
use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;
use terrace::UnitOfWork;
use terrace::conformance::{Crate, CrateUnitOfWork, check_store};
use terrace_sql::PgStore;
use terrace_sql::testing::{database_url, schema_name};

use crate::{FRESH_STORES, Shelf, ShelfUnitOfWork, dispenser};

/// Fresh schemas for one test, dropped when it ends (even if it panics).
struct Schemas {
    url: String,
    admin: PgStore,
    names: std::sync::Mutex<Vec<String>>,
}

impl Schemas {
    /// A store on a new, migrated schema.
    async fn store(&self) -> PgStore {
        let name = schema_name("terrace_test");
        sqlx::query(&format!(r#"CREATE SCHEMA "{name}""#))
            .execute(self.admin.pool())
            .await
            .unwrap();
        self.names.lock().unwrap().push(name.clone());
        let options = PgConnectOptions::from_str(&self.url)
            .unwrap()
            .options([("search_path", name.as_str())]);
        // Few connections per store: a test makes a dozen stores, tests run in parallel.
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .unwrap();
        let store = PgStore::from_pool(pool);
        store.migrate::<Crate>().await.unwrap();
        store.migrate::<Shelf>().await.unwrap();
        store
    }
}

/// Runs `test` with fresh schemas, then drops them; returns their names.
async fn with_schemas<F, Fut>(test: F) -> Vec<String>
where
    F: FnOnce(std::sync::Arc<Schemas>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(url) = database_url() else {
        return Vec::new();
    };
    let admin = PgStore::connect(&url)
        .await
        .expect("connect to TERRACE_TEST_DATABASE_URL");
    let schemas = std::sync::Arc::new(Schemas {
        url,
        admin,
        names: std::sync::Mutex::new(Vec::new()),
    });
    let outcome = tokio::spawn(test(schemas.clone())).await;
    let names = schemas.names.lock().unwrap().clone();
    for name in &names {
        sqlx::query(&format!(r#"DROP SCHEMA IF EXISTS "{name}" CASCADE"#))
            .execute(schemas.admin.pool())
            .await
            .unwrap();
    }
    if let Err(err) = outcome {
        std::panic::resume_unwind(err.into_panic());
    }
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conformance() {
    with_schemas(|schemas| async move {
        let mut stores = Vec::new();
        for _ in 0..FRESH_STORES {
            stores.push(schemas.store().await);
        }
        check_store(dispenser(stores)).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_writers_one_wins() {
    with_schemas(
        |schemas| async move { crate::two_writers_one_wins(&schemas.store().await).await },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_writers() {
    with_schemas(|schemas| async move { crate::many_writers(&schemas.store().await, 8).await })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn violation_rolls_back() {
    with_schemas(
        |schemas| async move { crate::violation_rolls_back(&schemas.store().await).await },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unique_keys_can_be_swapped() {
    with_schemas(|schemas| async move {
        crate::unique_keys_can_be_swapped(&schemas.store().await).await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_document_is_named() {
    with_schemas(|schemas| async move {
        let store = schemas.store().await;
        sqlx::query(
            r#"INSERT INTO "crate" (id, version, doc) VALUES ('7', 1, '{"id": 7, "label": 3}')"#,
        )
        .execute(store.pool())
        .await
        .unwrap();
        crate::malformed_document_is_named(&store).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_are_jsonb_and_schemas_are_dropped() {
    let names = with_schemas(|schemas| async move {
        let store = schemas.store().await;
        let (ty,): (String,) = sqlx::query_as(
            "SELECT data_type FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = 'crate' AND column_name = 'doc'",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(ty, "jsonb");
        assert!(PgStore::ddl::<Crate>().unwrap()[0].contains("JSONB"));
    })
    .await;
    let Some(url) = database_url() else { return };
    let admin = PgStore::connect(&url).await.unwrap();
    let (left,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ANY($1)",
    )
    .bind(&names)
    .fetch_one(admin.pool())
    .await
    .unwrap();
    assert_eq!((names.len(), left), (1, 0), "the test's schema is dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_writers_retrying() {
    with_schemas(
        |schemas| async move { crate::many_writers_retrying(&schemas.store().await, 8).await },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_table_says_to_migrate() {
    with_schemas(|schemas| async move {
        let store = schemas.store().await;
        sqlx::query(r#"DROP TABLE "crate""#)
            .execute(store.pool())
            .await
            .unwrap();
        let mut uow = crate::Warehouse::begin(&store);
        let err = uow.crates().get(&1).await.unwrap_err();
        let terrace::Error::Backend(source) = &err else {
            panic!("{err:?}")
        };
        assert!(source.is::<terrace_sql::MissingTable>(), "{err:?}");
    })
    .await;
}

/// The stored (version, items) of every crate, read on a new connection
/// from the schema `schema` (not through the store's pool).
async fn crates_on_a_fresh_connection(url: &str, schema: &str) -> Vec<(String, i64, String)> {
    use sqlx::Connection;
    let mut fresh = sqlx::PgConnection::connect(url).await.unwrap();
    let rows = sqlx::query_as(&format!(
        r#"SELECT id, version, (doc->'items')::text FROM "{schema}"."crate" ORDER BY id"#
    ))
    .fetch_all(&mut fresh)
    .await
    .unwrap();
    fresh.close().await.unwrap();
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_killed_mid_commit_applies_nothing() {
    with_schemas(|schemas| async move {
        let store = schemas.store().await;
        let schema = schemas.names.lock().unwrap().last().unwrap().clone();
        let mut uow = crate::Warehouse::begin(&store);
        uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
        uow.crates().add(Crate::new(2, "b", &[])).await.unwrap();
        uow.commit().await.unwrap();

        // Another transaction locks crate 2: the commit below updates crate 1,
        // then waits for that lock, in the middle of its transaction.
        let mut holder = store.pool().begin().await.unwrap();
        let (holder_pid,): (i32,) = sqlx::query_as("SELECT pg_backend_pid()")
            .fetch_one(&mut *holder)
            .await
            .unwrap();
        sqlx::query(r#"SELECT id FROM "crate" WHERE id = '2' FOR UPDATE"#)
            .execute(&mut *holder)
            .await
            .unwrap();

        let mut uow = crate::Warehouse::begin(&store);
        for id in [1, 2] {
            let c = uow.crates().get(&id).await.unwrap().unwrap();
            c.items.push("lost".into());
        }
        uow.shelves().add(crate::shelf("s", "c")).await.unwrap();
        let commit = tokio::spawn(async move { uow.commit().await });

        // The server ends the committing connection once it is blocked.
        let admin = schemas.admin.pool();
        let blocked = loop {
            let waiting: Option<(i32,)> = sqlx::query_as(
                "SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
            )
            .bind(holder_pid)
            .fetch_optional(admin)
            .await
            .unwrap();
            if let Some((pid,)) = waiting {
                break pid;
            }
            assert!(
                !commit.is_finished(),
                "the commit ended without waiting for the lock: {:?}",
                commit.await
            );
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        };
        let (terminated,): (bool,) = sqlx::query_as("SELECT pg_terminate_backend($1)")
            .bind(blocked)
            .fetch_one(admin)
            .await
            .unwrap();
        assert!(terminated);

        let err = commit.await.unwrap().unwrap_err();
        assert!(matches!(err, terrace::Error::Backend(_)), "{err:?}");
        assert!(!err.is_conflict());
        holder.rollback().await.unwrap();

        // Nothing of the unit of work is stored, not even crate 1's update.
        assert_eq!(
            crates_on_a_fresh_connection(&schemas.url, &schema).await,
            [
                ("1".to_owned(), 1, "[]".to_owned()),
                ("2".to_owned(), 1, "[]".to_owned())
            ]
        );
        let (shelves,): (i64,) =
            sqlx::query_as(&format!(r#"SELECT COUNT(*) FROM "{schema}"."shelf""#))
                .fetch_one(admin)
                .await
                .unwrap();
        assert_eq!(shelves, 0);

        // The pool replaces the dead connection: the store keeps working.
        let mut uow = crate::Warehouse::begin(&store);
        uow.crates()
            .get(&1)
            .await
            .unwrap()
            .unwrap()
            .items
            .push("kept".into());
        uow.commit().await.unwrap();
        assert_eq!(
            crates_on_a_fresh_connection(&schemas.url, &schema).await[0],
            ("1".to_owned(), 2, r#"["kept"]"#.to_owned())
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_on_a_closed_pool_is_a_backend_error() {
    with_schemas(|schemas| async move {
        let store = schemas.store().await;
        let schema = schemas.names.lock().unwrap().last().unwrap().clone();
        crate::commit_on_a_closed_pool(&store, || store.pool().close()).await;
        assert_eq!(
            crates_on_a_fresh_connection(&schemas.url, &schema).await,
            [("1".to_owned(), 1, "[]".to_owned())]
        );
    })
    .await;
}
