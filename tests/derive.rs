//! Generated code is clean under the strictest lints and supports a
//! renamed runtime crate.
#![deny(warnings, clippy::all, clippy::pedantic, missing_docs)]

/// The runtime under another path, as with a renamed dependency.
pub mod reexport {
    pub use terrace as runtime;
}

/// A domain written with `#[terrace(crate = "..")]`.
pub mod renamed {
    use serde::{Deserialize, Serialize};

    use super::reexport::runtime::{Aggregate, Repository, UnitOfWork};

    /// An aggregate.
    #[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
    #[terrace(crate = "crate::derive::reexport::runtime")]
    #[repository(find_by(code = "code"), accessor = "items")]
    pub struct Item {
        /// Id.
        #[aggregate(id)]
        pub id: u64,
        /// Version.
        #[aggregate(version)]
        pub version: i64,
        /// A unique code.
        pub code: String,
    }

    /// A unit of work.
    #[derive(UnitOfWork)]
    #[terrace(crate = "crate::derive::reexport::runtime")]
    #[unit_of_work(aggregates(Item))]
    pub struct Inventory;
}

#[tokio::test]
async fn a_renamed_runtime_crate_works() {
    use renamed::{Inventory, Item, ItemRepository, ItemUnitOfWork};
    use terrace::UnitOfWork;

    let store = terrace::MemoryStore::new();
    let mut uow = Inventory::begin(&store);
    uow.items()
        .add(Item {
            id: 1,
            version: 0,
            code: "X".into(),
        })
        .await
        .unwrap();
    uow.commit().await.unwrap();
    let mut uow = Inventory::begin(&store);
    let item = uow.items().get_by_code("X").await.unwrap().unwrap();
    assert_eq!((item.id, item.version), (1, 1));
}

#[test]
fn derived_metadata() {
    use terrace::Aggregate;
    assert_eq!(renamed::Item::NAME, "Item");
    assert_eq!(
        renamed::Item::FINDERS,
        &[terrace::Finder {
            name: "code",
            path: "code",
            unique: true
        }]
    );
    assert_eq!(<crate::domain::Product as Aggregate>::FINDERS.len(), 3);
}

/// A public unit of work over a private aggregate stays warning-free.
pub mod private_aggregate {
    use serde::{Deserialize, Serialize};
    use terrace::{Aggregate, Repository, UnitOfWork};

    #[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
    struct Secret {
        #[aggregate(id)]
        id: u8,
        #[aggregate(version)]
        version: i64,
        #[aggregate(events)]
        #[serde(skip)]
        events: Vec<String>,
    }

    /// Public; the event type is named because the aggregate's is private.
    #[derive(UnitOfWork)]
    #[unit_of_work(aggregates(Secret), events = String)]
    pub struct Vault;

    /// Uses the private aggregate through the public unit of work.
    ///
    /// # Errors
    ///
    /// Store errors.
    pub async fn store_one(uow: &mut VaultUow<terrace::MemoryStore>) -> terrace::Result<bool> {
        uow.secrets()
            .add(Secret {
                id: 1,
                version: 0,
                events: vec!["stored".into()],
            })
            .await?;
        uow.commit().await?;
        uow.secrets().exists(&1).await
    }
}

#[tokio::test]
async fn private_aggregates_work() {
    let mut uow = private_aggregate::Vault::begin(&terrace::MemoryStore::new());
    assert!(private_aggregate::store_one(&mut uow).await.unwrap());
}
