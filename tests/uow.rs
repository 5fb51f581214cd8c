//! Unit-of-work behaviour on the in-memory store (DESIGN.md section 2).

use terrace::{Error, MemoryStore, UnitOfWork};

use crate::domain::{
    Event, Product, ProductRepository, ProductUnitOfWork, Shop, Warehouse, WarehouseUnitOfWork, sku,
};

async fn store_with(products: Vec<Product>) -> MemoryStore {
    let store = MemoryStore::new();
    let mut uow = Shop::begin(&store);
    for product in products {
        uow.products().add(product).await.unwrap();
    }
    uow.commit().await.unwrap();
    store
}

async fn version_of(store: &MemoryStore, id: &str) -> Option<i64> {
    let mut uow = Shop::begin(store);
    uow.products()
        .get(&sku(id))
        .await
        .unwrap()
        .map(|p| p.version_number)
}

#[tokio::test]
async fn added_aggregates_are_stored_at_version_one() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    assert_eq!(version_of(&store, "LAMP").await, Some(1));
}

#[tokio::test]
async fn changes_to_a_fetched_aggregate_are_saved_at_commit_with_version_plus_one() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let mut uow = Shop::begin(&store);
    let product = uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    product.add_batch("b1", 10);
    uow.commit().await.unwrap();
    // The aggregate in the unit of work knows its new version too.
    let product = uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    assert_eq!(product.version_number, 2);

    let mut uow = Shop::begin(&store);
    let product = uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    assert_eq!((product.version_number, product.batches.len()), (2, 1));
}

#[tokio::test]
async fn unchanged_aggregates_are_not_written() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let mut uow = Shop::begin(&store);
    uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    uow.commit().await.unwrap();
    assert_eq!(version_of(&store, "LAMP").await, Some(1));
}

#[tokio::test]
async fn the_identity_map_hands_out_the_same_aggregate() {
    let store = store_with(vec![Product::new("LAMP").with_batch("b1", 5)]).await;
    let mut uow = Shop::begin(&store);
    uow.products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .label = "changed".into();
    let again = uow.products().get_by_batchref("b1").await.unwrap().unwrap();
    assert_eq!(again.label, "changed");
}

#[tokio::test]
async fn dropping_a_unit_of_work_without_commit_rolls_back() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    {
        let mut uow = Shop::begin(&store);
        uow.products().add(Product::new("SOFA")).await.unwrap();
        uow.products()
            .get(&sku("LAMP"))
            .await
            .unwrap()
            .unwrap()
            .label = "x".into();
    }
    assert_eq!(version_of(&store, "SOFA").await, None);
    assert_eq!(version_of(&store, "LAMP").await, Some(1));
}

#[tokio::test]
async fn explicit_rollback_discards_changes_and_forgets_aggregates() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let mut uow = Shop::begin(&store);
    uow.products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .label = "x".into();
    uow.rollback().await.unwrap();
    let product = uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    assert_eq!(product.label, "");
    uow.commit().await.unwrap();
    assert_eq!(version_of(&store, "LAMP").await, Some(1));
}

async fn failing_service<U: ProductUnitOfWork>(uow: &mut U) -> Result<(), &'static str> {
    let product = uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    product.label = "half-done".into();
    Err("something went wrong before commit")
}

#[tokio::test]
async fn an_error_inside_rolls_back() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let mut uow = Shop::begin(&store);
    assert!(failing_service(&mut uow).await.is_err());
    drop(uow);
    assert_eq!(version_of(&store, "LAMP").await, Some(1));
}

#[tokio::test]
async fn concurrent_changes_to_the_same_version_exactly_one_commits() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let mut first = Shop::begin(&store);
    let mut second = Shop::begin(&store);
    first
        .products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("first", 1);
    second
        .products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("second", 1);
    second.products().add(Product::new("SOFA")).await.unwrap();

    first.commit().await.unwrap();
    let err = second.commit().await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { aggregate: "Product", id } if id == r#""LAMP""#),
        "{err:?}"
    );

    let mut uow = Shop::begin(&store);
    let product = uow.products().get(&sku("LAMP")).await.unwrap().unwrap();
    assert_eq!(product.version_number, 2);
    let refs: Vec<_> = product
        .batches
        .iter()
        .map(|b| b.reference.as_str())
        .collect();
    assert_eq!(refs, ["first"]);
    // The loser's other change is not applied either: all or nothing.
    assert!(!uow.products().exists(&sku("SOFA")).await.unwrap());
}

#[tokio::test]
async fn the_loser_can_retry_in_a_fresh_unit_of_work() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let mut first = Shop::begin(&store);
    let mut second = Shop::begin(&store);
    first
        .products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("a", 1);
    second
        .products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("b", 1);
    first.commit().await.unwrap();
    assert!(second.commit().await.unwrap_err().is_conflict());
    second
        .products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("b", 1);
    second.commit().await.unwrap();
    assert_eq!(version_of(&store, "LAMP").await, Some(3));
}

#[tokio::test]
async fn collect_new_events_drains_every_seen_aggregate_after_commit() {
    let store = store_with(vec![Product::new("LAMP"), Product::new("SOFA")]).await;
    let mut uow = Shop::begin(&store);
    assert!(uow.collect_new_events().is_empty(), "events are not stored");
    uow.products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("b1", 1);
    uow.products()
        .get(&sku("SOFA"))
        .await
        .unwrap()
        .unwrap()
        .add_batch("b2", 1);
    uow.products()
        .add(Product::new("DESK").with_batch("b3", 1))
        .await
        .unwrap();
    uow.commit().await.unwrap();
    let mut events = uow.collect_new_events();
    events.sort_by_key(|e| format!("{e:?}"));
    assert_eq!(
        events,
        ["b1", "b2", "b3"].map(|r| Event::BatchAdded(r.into()))
    );
    assert!(uow.collect_new_events().is_empty());
}

#[tokio::test]
async fn finders_unique_and_multi() {
    let mut lamp = Product::new("LAMP").with_batch("b1", 1).with_batch("b2", 1);
    lamp.batches[0].tags = vec!["red".into(), "big".into()];
    lamp.label = "light".into();
    let mut sofa = Product::new("SOFA").with_batch("b3", 1);
    sofa.batches[0].tags = vec!["red".into()];
    sofa.label = "light".into();
    let store = store_with(vec![lamp, sofa]).await;

    let mut uow = Shop::begin(&store);
    let found = uow.products().get_by_batchref("b2").await.unwrap().unwrap();
    assert_eq!(found.sku, sku("LAMP"));
    assert!(
        uow.products()
            .get_by_batchref("nope")
            .await
            .unwrap()
            .is_none()
    );
    let mut red: Vec<_> = uow
        .products()
        .list_by_tag("red")
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.sku.0.clone())
        .collect();
    red.sort();
    assert_eq!(red, ["LAMP", "SOFA"]);
    assert_eq!(uow.products().list_by_tag("big").await.unwrap().len(), 1);
    assert_eq!(
        uow.products().list_by_label("light").await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn finders_see_uncommitted_changes_of_the_unit_of_work() {
    let store = store_with(vec![Product::new("LAMP").with_batch("b1", 1)]).await;
    let mut uow = Shop::begin(&store);
    uow.products()
        .get(&sku("LAMP"))
        .await
        .unwrap()
        .unwrap()
        .batches[0]
        .reference = "renamed".into();
    assert!(
        uow.products()
            .get_by_batchref("b1")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        uow.products()
            .get_by_batchref("renamed")
            .await
            .unwrap()
            .is_some()
    );
    uow.products()
        .add(Product::new("NEW").with_batch("b9", 1))
        .await
        .unwrap();
    assert!(
        uow.products()
            .get_by_batchref("b9")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn list_count_exists_remove() {
    let store = store_with(vec![Product::new("A"), Product::new("B")]).await;
    let mut uow = Shop::begin(&store);
    uow.products().add(Product::new("C")).await.unwrap();
    assert_eq!(uow.products().count().await.unwrap(), 3);
    uow.products().remove(&sku("A")).await.unwrap();
    assert!(!uow.products().exists(&sku("A")).await.unwrap());
    assert!(uow.products().exists(&sku("C")).await.unwrap());
    let mut listed: Vec<_> = uow
        .products()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.sku.0.clone())
        .collect();
    listed.sort();
    assert_eq!(listed, ["B", "C"]);
    assert_eq!(uow.products().count().await.unwrap(), 2);
    let err = uow.products().remove(&sku("A")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                aggregate: "Product",
                ..
            }
        ),
        "{err:?}"
    );
    uow.commit().await.unwrap();

    let mut uow = Shop::begin(&store);
    assert_eq!(uow.products().count().await.unwrap(), 2);
    assert!(uow.products().get(&sku("A")).await.unwrap().is_none());
}

#[tokio::test]
async fn adding_a_tracked_id_twice_is_a_conflict_and_removed_ones_can_be_replaced() {
    let store = store_with(vec![Product::new("A")]).await;
    let mut uow = Shop::begin(&store);
    uow.products().add(Product::new("N")).await.unwrap();
    assert!(
        uow.products()
            .add(Product::new("N"))
            .await
            .unwrap_err()
            .is_conflict()
    );
    // Adding an id that exists in the store fails at commit.
    let mut other = Shop::begin(&store);
    other.products().add(Product::new("A")).await.unwrap();
    assert!(other.commit().await.unwrap_err().is_conflict());
    // Remove, then add again: the stored one is replaced.
    uow.products().remove(&sku("A")).await.unwrap();
    let mut replacement = Product::new("A");
    replacement.label = "replacement".into();
    uow.products().add(replacement).await.unwrap();
    uow.commit().await.unwrap();
    let mut uow = Shop::begin(&store);
    let a = uow.products().get(&sku("A")).await.unwrap().unwrap();
    assert_eq!((a.label.as_str(), a.version_number), ("replacement", 2));
}

#[tokio::test]
async fn one_commit_spans_several_aggregate_types() {
    let store = MemoryStore::new();
    let mut uow = Shop::begin(&store);
    uow.products().add(Product::new("A")).await.unwrap();
    uow.warehouses()
        .add(Warehouse {
            code: 7,
            version: 0,
            city: "Lyon".into(),
        })
        .await
        .unwrap();
    uow.commit().await.unwrap();
    let mut uow = Shop::begin(&store);
    let warehouse = uow.warehouses().get(&7).await.unwrap().unwrap();
    assert_eq!(warehouse.version, 1);
    warehouse.city = "Nantes".into();
    uow.commit().await.unwrap();
    let mut uow = Shop::begin(&store);
    assert_eq!(uow.warehouses().get(&7).await.unwrap().unwrap().version, 2);
    assert_eq!(uow.products().count().await.unwrap(), 1);
}

/// A generic service: it compiles against the port, not the store.
async fn rename<U: ProductUnitOfWork>(uow: &mut U, id: &str, label: &str) -> terrace::Result<()> {
    let product = uow.products().get(&sku(id)).await?.ok_or(Error::NotFound {
        aggregate: "Product",
        id: id.into(),
    })?;
    product.label = label.into();
    product.events.push(Event::Renamed(label.into()));
    uow.commit().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generic_service_futures_are_send() {
    let store = store_with(vec![Product::new("LAMP")]).await;
    let task_store = store.clone();
    let events = tokio::spawn(async move {
        let mut uow = Shop::begin(&task_store);
        rename(&mut uow, "LAMP", "spawned").await.unwrap();
        uow.collect_new_events()
    })
    .await
    .unwrap();
    assert_eq!(events, [Event::Renamed("spawned".into())]);
    assert_eq!(version_of(&store, "LAMP").await, Some(2));
}

#[tokio::test]
async fn the_port_trait_is_usable_on_its_own() {
    async fn first_batch<'a>(repo: impl ProductRepository<'a>, id: &str) -> Option<String> {
        let product = repo.get(&sku(id)).await.unwrap()?;
        Some(product.batches.first()?.reference.clone())
    }
    let store = store_with(vec![Product::new("LAMP").with_batch("b1", 1)]).await;
    let mut uow = Shop::begin(&store);
    assert_eq!(
        first_batch(uow.products(), "LAMP").await.as_deref(),
        Some("b1")
    );
}
