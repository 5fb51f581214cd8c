//! The SQL stores against the conformance suite and their own rules.

#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;

use serde::{Deserialize, Serialize};
use terrace::conformance::{Crate, CrateRepository, CrateUnitOfWork};
use terrace::{Aggregate, Error, Repository, Store, UnitOfWork};

/// How many fresh stores one run of `check_store` asks for (with room).
pub const FRESH_STORES: usize = 12;

/// Hands out pre-made stores to `check_store`, whose `fresh` is synchronous
/// while migrating is not.
pub fn dispenser<S: Store>(stores: Vec<S>) -> impl Fn() -> S {
    let stores = std::sync::Mutex::new(stores);
    move || {
        stores
            .lock()
            .unwrap()
            .pop()
            .expect("check_store asked for more fresh stores than FRESH_STORES")
    }
}

/// A second aggregate, to show that one commit spans several types.
#[derive(Aggregate, Repository, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[repository(find_by(code = "code"), accessor = "shelves")]
pub struct Shelf {
    /// Identity.
    #[aggregate(id)]
    pub name: String,
    /// Managed by the store.
    #[aggregate(version)]
    pub version: i64,
    /// Unique.
    pub code: String,
    /// Recorded events.
    #[aggregate(events)]
    #[serde(skip)]
    pub events: Vec<String>,
}

/// A shelf at version 0.
pub fn shelf(name: &str, code: &str) -> Shelf {
    Shelf {
        name: name.into(),
        version: 0,
        code: code.into(),
        events: Vec::new(),
    }
}

/// The unit of work of these tests.
#[derive(UnitOfWork)]
#[unit_of_work(aggregates(Crate, Shelf))]
pub struct Warehouse;

/// Two units of work change the same aggregate: exactly one commits.
pub async fn two_writers_one_wins<S: Store>(store: &S) {
    let mut uow = Warehouse::begin(store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.commit().await.unwrap();

    let mut first = Warehouse::begin(store);
    let mut second = Warehouse::begin(store);
    first.crates().get(&1).await.unwrap().unwrap().label = "first".into();
    second.crates().get(&1).await.unwrap().unwrap().label = "second".into();
    second.shelves().add(shelf("s", "c")).await.unwrap();
    first.commit().await.unwrap();
    let err = second.commit().await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { aggregate: "Crate", id } if id == "1"),
        "{err:?}"
    );

    let mut uow = Warehouse::begin(store);
    let c = uow.crates().get(&1).await.unwrap().unwrap().clone();
    assert_eq!((c.label.as_str(), c.version), ("first", 2));
    assert!(
        !uow.shelves().exists(&"s".to_owned()).await.unwrap(),
        "the loser applied nothing"
    );
}

/// A unique violation inside a unit of work rolls every write back.
pub async fn violation_rolls_back<S: Store>(store: &S) {
    let mut uow = Warehouse::begin(store);
    uow.shelves().add(shelf("s1", "c")).await.unwrap();
    uow.crates().add(Crate::new(1, "a", &["x"])).await.unwrap();
    uow.commit().await.unwrap();

    let mut uow = Warehouse::begin(store);
    uow.crates()
        .get(&1)
        .await
        .unwrap()
        .unwrap()
        .items
        .push("y".into());
    uow.crates().add(Crate::new(2, "b", &["y"])).await.unwrap();
    uow.shelves().add(shelf("s2", "c")).await.unwrap();
    let err = uow.commit().await.unwrap_err();
    assert!(
        matches!(&err, Error::UniqueViolation { aggregate: "Shelf", finder: "code", key } if key == "\"c\""),
        "{err:?}"
    );

    let mut uow = Warehouse::begin(store);
    assert_eq!(uow.crates().count().await.unwrap(), 1);
    assert_eq!(uow.shelves().count().await.unwrap(), 1);
    let c = uow.crates().get(&1).await.unwrap().unwrap().clone();
    assert_eq!((c.version, c.items), (1, vec!["x".to_owned()]));
    assert!(uow.crates().list_by_item("y").await.unwrap().is_empty());
}

/// Two aggregates swap a unique key in one unit of work.
pub async fn unique_keys_can_be_swapped<S: Store>(store: &S) {
    let mut uow = Warehouse::begin(store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.crates().add(Crate::new(2, "b", &[])).await.unwrap();
    uow.commit().await.unwrap();
    let mut uow = Warehouse::begin(store);
    uow.crates().get(&1).await.unwrap().unwrap().label = "b".into();
    uow.crates().get(&2).await.unwrap().unwrap().label = "a".into();
    uow.commit().await.unwrap();
    let mut uow = Warehouse::begin(store);
    assert_eq!(
        uow.crates().get_by_label("a").await.unwrap().map(|c| c.id),
        Some(2)
    );
}

/// `writers` units of work add an item to the same aggregate at once: every
/// committed item is stored, every other one got `Conflict`.
pub async fn many_writers<S: Store>(store: &S, writers: u32) {
    let mut uow = Warehouse::begin(store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.commit().await.unwrap();

    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(writers as usize));
    let mut tasks = Vec::new();
    for w in 0..writers {
        let store = store.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            let mut uow = Warehouse::begin(&store);
            let c = uow.crates().get(&1).await?.expect("stored");
            c.items.push(format!("w{w}"));
            barrier.wait().await;
            uow.commit().await.map(|()| format!("w{w}"))
        }));
    }
    let mut won = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(item) => won.push(item),
            Err(err) => assert!(err.is_conflict(), "a loser gets Conflict, got {err:?}"),
        }
    }
    assert!(!won.is_empty(), "someone commits");
    let mut uow = Warehouse::begin(store);
    let c = uow.crates().get(&1).await.unwrap().unwrap().clone();
    let mut items = c.items.clone();
    items.sort();
    won.sort();
    assert_eq!(items, won, "every committed change is present, no other");
    assert_eq!(c.version, 1 + i64::try_from(won.len()).unwrap());
}

/// A document that no longer deserializes names the aggregate and the id.
pub async fn malformed_document_is_named<S: Store>(store: &S) {
    let mut uow = Warehouse::begin(store);
    let err = uow.crates().get(&7).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("Crate 7") && text.contains("malformed"),
        "{text}"
    );
    let Error::Backend(source) = &err else {
        panic!("{err:?}")
    };
    let malformed = source
        .downcast_ref::<terrace_sql::MalformedDocument>()
        .expect("typed");
    assert_eq!((malformed.aggregate, malformed.id.as_str()), ("Crate", "7"));
}

/// `writers` units of work add an item to the same aggregate at once, each
/// retrying on `Conflict` until it commits: nothing is lost.
pub async fn many_writers_retrying<S: Store>(store: &S, writers: u32) {
    let mut uow = Warehouse::begin(store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.commit().await.unwrap();

    let mut tasks = Vec::new();
    for w in 0..writers {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..200 {
                let mut uow = Warehouse::begin(&store);
                let c = uow.crates().get(&1).await.unwrap().expect("stored");
                c.items.push(format!("w{w}"));
                match uow.commit().await {
                    Ok(()) => return,
                    Err(err) => assert!(err.is_conflict(), "{err:?}"),
                }
                tokio::task::yield_now().await;
            }
            panic!("writer {w} never committed");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut uow = Warehouse::begin(store);
    let c = uow.crates().get(&1).await.unwrap().unwrap().clone();
    let mut items = c.items.clone();
    items.sort();
    let mut expected: Vec<String> = (0..writers).map(|w| format!("w{w}")).collect();
    expected.sort();
    assert_eq!(items, expected, "every writer's change is stored once");
    assert_eq!(c.version, 1 + i64::from(writers));
}

/// Crate 1 is stored; a unit of work changes it and adds crate 2, then
/// `close()` closes the store's pool before the commit (sqlx's `close`
/// closes when called, not when awaited): the commit is a
/// backend error (`PoolClosed`). The caller checks on a new connection that
/// nothing was applied.
pub async fn commit_on_a_closed_pool<S: Store, F: std::future::Future<Output = ()>>(
    store: &S,
    close: impl FnOnce() -> F,
) {
    let mut uow = Warehouse::begin(store);
    uow.crates().add(Crate::new(1, "a", &[])).await.unwrap();
    uow.commit().await.unwrap();

    let mut uow = Warehouse::begin(store);
    uow.crates()
        .get(&1)
        .await
        .unwrap()
        .unwrap()
        .items
        .push("lost".into());
    uow.crates().add(Crate::new(2, "b", &[])).await.unwrap();
    close().await;
    let err = uow.commit().await.unwrap_err();
    let Error::Backend(source) = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(
            source.downcast_ref::<sqlx::Error>(),
            Some(sqlx::Error::PoolClosed)
        ),
        "{err:?}"
    );
}
