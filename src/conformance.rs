//! A conformance suite for [`Store`] backends (feature `conformance`).
//!
//! Every store must behave the same way behind a unit of work: a SQL backend
//! runs [`check_store`] in its own tests, against fresh empty databases, and
//! passes when the in-memory store does.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! terrace::conformance::check_store(terrace::MemoryStore::new).await;
//! # }
//! ```

use serde::{Deserialize, Serialize};

use crate::{Aggregate, Error, Repository, Store, Transaction, UnitOfWork};

/// The aggregate the suite stores: a crate with a unique and a multi finder.
#[derive(Aggregate, Repository, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[repository(find_by(label = "label"), find_all_by(item = "items[]"))]
pub struct Crate {
    /// Identity.
    #[aggregate(id)]
    pub id: u32,
    /// Managed by the store.
    #[aggregate(version)]
    pub version: i64,
    /// Unique across crates.
    pub label: String,
    /// Found by any of them.
    pub items: Vec<String>,
    /// Recorded events.
    #[aggregate(events)]
    #[serde(skip)]
    pub events: Vec<String>,
}

impl Crate {
    /// A crate at version 0 with one event recorded.
    #[must_use]
    pub fn new(id: u32, label: &str, items: &[&str]) -> Self {
        Crate {
            id,
            version: 0,
            label: label.into(),
            items: items.iter().map(|s| (*s).to_owned()).collect(),
            events: vec![format!("packed {id}")],
        }
    }
}

/// The unit of work of the suite.
#[derive(UnitOfWork)]
#[unit_of_work(aggregates(Crate))]
pub struct Depot;

/// Runs every check, each on a fresh store from `fresh`; panics on the first
/// failure with a message naming the rule.
pub async fn check_store<S: Store>(fresh: impl Fn() -> S) {
    add_then_get(&fresh()).await;
    changes_are_saved_with_version_plus_one(&fresh()).await;
    drop_rolls_back(&fresh()).await;
    uncommitted_writes_are_invisible_to_others(&fresh()).await;
    concurrent_changes_exactly_one_commits(&fresh()).await;
    commit_is_atomic_across_aggregates(&fresh()).await;
    finders(&fresh()).await;
    unique_finders_reject_duplicates(&fresh()).await;
    list_count_exists_remove(&fresh()).await;
    events_are_collected_after_commit(&fresh()).await;
}

async fn committed<S: Store>(store: &S, crates: Vec<Crate>) {
    let mut uow = Depot::begin(store);
    for c in crates {
        uow.crates().add(c).await.expect("add");
    }
    uow.commit().await.expect("commit");
}

async fn stored<S: Store>(store: &S, id: u32) -> Option<Crate> {
    let mut uow = Depot::begin(store);
    uow.crates().get(&id).await.expect("get").cloned()
}

async fn add_then_get<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &["x"])]).await;
    let c = stored(store, 1)
        .await
        .expect("an added aggregate is stored at commit");
    assert_eq!(c.version, 1, "new aggregates are stored at version 1");
    assert_eq!(
        (c.label.as_str(), c.items.as_slice()),
        ("a", &["x".to_owned()][..])
    );
    assert!(c.events.is_empty(), "events are not stored");
    assert!(
        stored(store, 2).await.is_none(),
        "get of a missing id is None"
    );
}

async fn changes_are_saved_with_version_plus_one<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &[])]).await;
    let mut uow = Depot::begin(store);
    uow.crates()
        .get(&1)
        .await
        .unwrap()
        .unwrap()
        .items
        .push("y".into());
    uow.commit().await.expect("commit");
    let c = stored(store, 1).await.unwrap();
    assert_eq!(
        (c.version, c.items.len()),
        (2, 1),
        "a change is written with version + 1"
    );
    let mut uow = Depot::begin(store);
    uow.crates().get(&1).await.unwrap().unwrap();
    uow.commit().await.unwrap();
    assert_eq!(
        stored(store, 1).await.unwrap().version,
        2,
        "an unchanged aggregate is not written"
    );
}

async fn drop_rolls_back<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &[])]).await;
    {
        let mut uow = Depot::begin(store);
        uow.crates().add(Crate::new(2, "b", &[])).await.unwrap();
        uow.crates().get(&1).await.unwrap().unwrap().label = "changed".into();
        uow.crates().get(&2).await.unwrap().unwrap();
    }
    assert!(
        stored(store, 2).await.is_none(),
        "dropping without commit rolls back"
    );
    assert_eq!(stored(store, 1).await.unwrap().label, "a");
}

async fn uncommitted_writes_are_invisible_to_others<S: Store>(store: &S) {
    let mut writer = store.begin().await.expect("begin");
    writer
        .insert(&Crate {
            version: 1,
            ..Crate::new(1, "a", &[])
        })
        .await
        .expect("insert");
    let mut reader = store.begin().await.expect("begin");
    assert!(
        !reader.exists::<Crate>(&1).await.unwrap(),
        "uncommitted writes are invisible"
    );
    reader.rollback().await.unwrap();
    writer.commit().await.unwrap();
    assert!(stored(store, 1).await.is_some());
}

async fn concurrent_changes_exactly_one_commits<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &[])]).await;
    let mut first = Depot::begin(store);
    let mut second = Depot::begin(store);
    first
        .crates()
        .get(&1)
        .await
        .unwrap()
        .unwrap()
        .items
        .push("first".into());
    second
        .crates()
        .get(&1)
        .await
        .unwrap()
        .unwrap()
        .items
        .push("second".into());
    first.commit().await.expect("the first commit wins");
    let err = second
        .commit()
        .await
        .expect_err("the second commit must fail");
    assert!(
        matches!(&err, Error::Conflict { aggregate: "Crate", id } if id == "1"),
        "the loser gets Error::Conflict, got {err:?}"
    );
    let c = stored(store, 1).await.unwrap();
    assert_eq!(
        (c.version, c.items),
        (2, vec!["first".to_owned()]),
        "nothing is lost"
    );
}

async fn commit_is_atomic_across_aggregates<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &[])]).await;
    let mut stale = Depot::begin(store);
    stale.crates().get(&1).await.unwrap().unwrap().label = "stale".into();
    stale.crates().add(Crate::new(2, "b", &[])).await.unwrap();
    let mut winner = Depot::begin(store);
    winner.crates().get(&1).await.unwrap().unwrap().label = "winner".into();
    winner.commit().await.unwrap();
    assert!(stale.commit().await.unwrap_err().is_conflict());
    assert!(
        stored(store, 2).await.is_none(),
        "a failed commit applies nothing"
    );
}

async fn finders<S: Store>(store: &S) {
    committed(
        store,
        vec![Crate::new(1, "a", &["x", "y"]), Crate::new(2, "b", &["y"])],
    )
    .await;
    let mut uow = Depot::begin(store);
    assert_eq!(
        uow.crates().get_by_label("b").await.unwrap().map(|c| c.id),
        Some(2)
    );
    assert!(uow.crates().get_by_label("zzz").await.unwrap().is_none());
    assert_eq!(uow.crates().list_by_item("y").await.unwrap().len(), 2);
    assert_eq!(uow.crates().list_by_item("x").await.unwrap().len(), 1);
    uow.crates().get(&2).await.unwrap().unwrap().label = "renamed".into();
    assert!(
        uow.crates()
            .get_by_label("renamed")
            .await
            .unwrap()
            .is_some(),
        "finders see the unit of work's changes"
    );
    uow.commit().await.unwrap();
    let mut uow = Depot::begin(store);
    assert!(
        uow.crates().get_by_label("b").await.unwrap().is_none(),
        "finder keys are updated at commit"
    );
    assert!(
        uow.crates()
            .get_by_label("renamed")
            .await
            .unwrap()
            .is_some()
    );
}

async fn unique_finders_reject_duplicates<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &[])]).await;
    let mut uow = Depot::begin(store);
    uow.crates().add(Crate::new(2, "a", &[])).await.unwrap();
    let err = uow
        .commit()
        .await
        .expect_err("a duplicate unique key fails the commit");
    assert!(
        matches!(
            err,
            Error::UniqueViolation {
                finder: "label",
                ..
            } | Error::Conflict { .. }
        ),
        "{err:?}"
    );
    assert!(stored(store, 2).await.is_none());
}

async fn list_count_exists_remove<S: Store>(store: &S) {
    committed(
        store,
        vec![Crate::new(1, "a", &[]), Crate::new(2, "b", &[])],
    )
    .await;
    let mut uow = Depot::begin(store);
    assert_eq!(uow.crates().count().await.unwrap(), 2);
    assert_eq!(uow.crates().list().await.unwrap().len(), 2);
    uow.crates().remove(&1).await.unwrap();
    assert!(!uow.crates().exists(&1).await.unwrap());
    uow.commit().await.unwrap();
    let mut uow = Depot::begin(store);
    assert_eq!(
        uow.crates().count().await.unwrap(),
        1,
        "removed aggregates are deleted at commit"
    );
    assert!(!uow.crates().exists(&1).await.unwrap());
    assert!(uow.crates().exists(&2).await.unwrap());
}

async fn events_are_collected_after_commit<S: Store>(store: &S) {
    committed(store, vec![Crate::new(1, "a", &[])]).await;
    let mut uow = Depot::begin(store);
    uow.crates()
        .get(&1)
        .await
        .unwrap()
        .unwrap()
        .events
        .push("opened".into());
    uow.crates().add(Crate::new(2, "b", &[])).await.unwrap();
    uow.commit().await.unwrap();
    let mut events = uow.collect_new_events();
    events.sort();
    assert_eq!(
        events,
        ["opened", "packed 2"],
        "events of every seen aggregate are drained"
    );
    assert!(uow.collect_new_events().is_empty());
}
