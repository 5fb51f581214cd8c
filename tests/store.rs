//! The in-memory store behaves like a database: transactions, isolation,
//! atomic commits, version checks. Uses a hand-written `Aggregate` impl.

use serde::{Deserialize, Serialize};
use terrace::{Aggregate, Error, Finder, MemoryStore, Store, Transaction, Value, to_value};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Account {
    number: u32,
    owner: String,
    version: i64,
}

impl Aggregate for Account {
    type Id = u32;
    type Event = core::convert::Infallible;
    const NAME: &'static str = "Account";
    const FINDERS: &'static [Finder] = &[Finder {
        name: "owner",
        path: "owner",
        unique: true,
    }];

    fn id(&self) -> &u32 {
        &self.number
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
    fn finder_keys(&self, finder: &str) -> terrace::Result<Vec<Value>> {
        Ok(if finder == "owner" {
            vec![to_value(&self.owner)?]
        } else {
            Vec::new()
        })
    }
}

fn account(number: u32, owner: &str, version: i64) -> Account {
    Account {
        number,
        owner: owner.into(),
        version,
    }
}

async fn seeded() -> MemoryStore {
    let store = MemoryStore::new();
    let mut tx = store.begin().await.unwrap();
    tx.insert(&account(1, "ann", 1)).await.unwrap();
    tx.insert(&account(2, "bob", 1)).await.unwrap();
    tx.commit().await.unwrap();
    store
}

#[tokio::test]
async fn committed_writes_are_visible_to_later_transactions() {
    let store = seeded().await;
    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.count::<Account>().await.unwrap(), 2);
    assert_eq!(
        tx.load::<Account>(&1).await.unwrap(),
        Some(account(1, "ann", 1))
    );
    assert!(tx.exists::<Account>(&2).await.unwrap());
    assert!(!tx.exists::<Account>(&3).await.unwrap());
    let owned: Vec<Account> = tx.find("owner", &to_value("bob").unwrap()).await.unwrap();
    assert_eq!(owned, vec![account(2, "bob", 1)]);
    let all: Vec<Account> = tx.list().await.unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn uncommitted_writes_are_private_and_vanish_on_rollback_or_drop() {
    let store = seeded().await;
    let mut writer = store.begin().await.unwrap();
    writer.update(&account(1, "ann", 2), 1).await.unwrap();
    writer.insert(&account(3, "cy", 1)).await.unwrap();
    writer.delete::<Account>(&2, 1).await.unwrap();
    // The writer sees its own writes...
    assert_eq!(writer.count::<Account>().await.unwrap(), 2);
    assert_eq!(
        writer.load::<Account>(&1).await.unwrap().unwrap().version,
        2
    );
    // ...others do not.
    let mut reader = store.begin().await.unwrap();
    assert_eq!(
        reader.load::<Account>(&1).await.unwrap().unwrap().version,
        1
    );
    assert!(reader.exists::<Account>(&2).await.unwrap());
    writer.rollback().await.unwrap();

    let mut dropped = store.begin().await.unwrap();
    dropped.insert(&account(4, "dee", 1)).await.unwrap();
    drop(dropped);
    assert_eq!(reader.count::<Account>().await.unwrap(), 2);
}

#[tokio::test]
async fn a_stale_version_fails_the_whole_commit() {
    let store = seeded().await;
    let mut first = store.begin().await.unwrap();
    let mut second = store.begin().await.unwrap();
    first.update(&account(1, "ann", 2), 1).await.unwrap();
    second.insert(&account(5, "eve", 1)).await.unwrap();
    second.update(&account(1, "ann!", 2), 1).await.unwrap();
    first.commit().await.unwrap();
    let err = second.commit().await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { aggregate: "Account", id } if id == "1"),
        "{err:?}"
    );
    // Nothing of the failed transaction was applied, not even account 5.
    let mut tx = store.begin().await.unwrap();
    assert!(!tx.exists::<Account>(&5).await.unwrap());
    assert_eq!(tx.load::<Account>(&1).await.unwrap().unwrap().owner, "ann");
}

#[tokio::test]
async fn inserting_an_existing_id_or_deleting_a_changed_row_conflicts() {
    let store = seeded().await;
    let mut tx = store.begin().await.unwrap();
    tx.insert(&account(1, "zed", 1)).await.unwrap();
    assert!(tx.commit().await.unwrap_err().is_conflict());
    let mut tx = store.begin().await.unwrap();
    tx.delete::<Account>(&2, 7).await.unwrap();
    assert!(tx.commit().await.unwrap_err().is_conflict());
}

#[tokio::test]
async fn unique_finders_reject_a_duplicate_key() {
    let store = seeded().await;
    let mut tx = store.begin().await.unwrap();
    tx.insert(&account(9, "ann", 1)).await.unwrap();
    let err = tx.commit().await.unwrap_err();
    assert!(
        matches!(&err, Error::UniqueViolation { finder: "owner", key, .. } if key == "\"ann\""),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "unique finder `owner` of Account: key \"ann\" already belongs to another aggregate"
    );
}

#[test]
fn errors_display_and_chain_their_source() {
    let err = Error::NotFound {
        aggregate: "Account",
        id: "3".into(),
    };
    assert_eq!(err.to_string(), "Account 3 not found");
    let err = Error::backend(std::io::Error::other("disk on fire"));
    assert_eq!(err.to_string(), "store backend error: disk on fire");
    assert_eq!(
        std::error::Error::source(&err).unwrap().to_string(),
        "disk on fire"
    );
}

#[tokio::test]
async fn the_memory_store_passes_the_conformance_suite() {
    terrace::conformance::check_store(MemoryStore::new).await;
}
