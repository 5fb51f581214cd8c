//! Unit-of-work tests (the book's test_uow.py), on the in-memory store.

use allocation::domain::{Batch, OrderLine, Product, ProductRepository, ProductUnitOfWork};
use allocation::service_layer::Allocation;
use terrace::{Error, MemoryStore, UnitOfWork};

async fn insert_batch(store: &MemoryStore, reference: &str, sku: &str, qty: u32, eta: Option<u32>) {
    let mut uow = Allocation::begin(store);
    let batch = Batch::new(reference, sku, qty, eta);
    match uow.products().get(&sku.to_owned()).await.unwrap() {
        Some(product) => product.batches.push(batch),
        None => {
            uow.products()
                .add(Product::new(sku, vec![batch]))
                .await
                .unwrap();
        }
    }
    uow.commit().await.unwrap();
}

async fn product(store: &MemoryStore, sku: &str) -> Option<Product> {
    let mut uow = Allocation::begin(store);
    uow.products().get(&sku.to_owned()).await.unwrap().cloned()
}

#[tokio::test]
async fn uow_can_retrieve_a_batch_and_allocate_to_it() {
    let store = MemoryStore::new();
    insert_batch(&store, "batch1", "HIPSTER-WORKBENCH", 100, None).await;

    let mut uow = Allocation::begin(&store);
    let product = uow
        .products()
        .get(&"HIPSTER-WORKBENCH".to_owned())
        .await
        .unwrap()
        .unwrap();
    let line = OrderLine::new("o1", "HIPSTER-WORKBENCH", 10);
    product.allocate(&line).unwrap();
    uow.commit().await.unwrap();

    let stored = product_of(&store, "HIPSTER-WORKBENCH").await;
    assert!(stored.batches[0].has_allocated(&line));
    assert_eq!(stored.batches[0].reference, "batch1");
}

async fn product_of(store: &MemoryStore, sku: &str) -> Product {
    product(store, sku).await.expect("stored")
}

#[tokio::test]
async fn rolls_back_uncommitted_work_by_default() {
    let store = MemoryStore::new();
    {
        let mut uow = Allocation::begin(&store);
        uow.products()
            .add(Product::new(
                "MEDIUM-PLINTH",
                vec![Batch::new("batch1", "MEDIUM-PLINTH", 100, None)],
            ))
            .await
            .unwrap();
    }
    assert!(product(&store, "MEDIUM-PLINTH").await.is_none());
}

async fn failing_use_case<U: ProductUnitOfWork>(uow: &mut U) -> Result<(), &'static str> {
    uow.products()
        .add(Product::new(
            "LARGE-FORK",
            vec![Batch::new("batch1", "LARGE-FORK", 100, None)],
        ))
        .await
        .map_err(|_| "store")?;
    Err("my exception")
}

#[tokio::test]
async fn rolls_back_on_error() {
    let store = MemoryStore::new();
    let mut uow = Allocation::begin(&store);
    assert_eq!(failing_use_case(&mut uow).await, Err("my exception"));
    drop(uow);
    assert!(product(&store, "LARGE-FORK").await.is_none());
}

#[tokio::test]
async fn increments_version_number_through_the_unit_of_work() {
    let store = MemoryStore::new();
    insert_batch(&store, "b1", "LAMP", 10, None).await;
    assert_eq!(product_of(&store, "LAMP").await.version_number, 1);
    let mut uow = Allocation::begin(&store);
    uow.products()
        .get_by_batchref("b1")
        .await
        .unwrap()
        .unwrap()
        .allocate(&OrderLine::new("o1", "LAMP", 1))
        .unwrap();
    uow.commit().await.unwrap();
    assert_eq!(product_of(&store, "LAMP").await.version_number, 2);
}

#[tokio::test]
async fn concurrent_updates_to_version_are_not_allowed() {
    let store = MemoryStore::new();
    insert_batch(&store, "batch1", "HIPSTER-WORKBENCH", 100, None).await;

    // Two units of work load the same version, both allocate, interleaved.
    let mut first = Allocation::begin(&store);
    let mut second = Allocation::begin(&store);
    let sku = "HIPSTER-WORKBENCH".to_owned();
    let line1 = OrderLine::new("order1", &sku, 10);
    let line2 = OrderLine::new("order2", &sku, 10);
    first
        .products()
        .get(&sku)
        .await
        .unwrap()
        .unwrap()
        .allocate(&line1)
        .unwrap();
    second
        .products()
        .get(&sku)
        .await
        .unwrap()
        .unwrap()
        .allocate(&line2)
        .unwrap();

    let results = [first.commit().await, second.commit().await];
    let failures: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(failures.len(), 1, "{results:?}");
    assert!(
        matches!(failures[0], Error::Conflict { aggregate: "Product", id } if id == "\"HIPSTER-WORKBENCH\""),
        "{:?}",
        failures[0]
    );

    let stored = product_of(&store, "HIPSTER-WORKBENCH").await;
    assert_eq!(stored.version_number, 2);
    assert!(
        stored.batches[0].has_allocated(&line1),
        "the winner's change is kept"
    );
    assert!(
        !stored.batches[0].has_allocated(&line2),
        "the loser's change is not"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_updates_from_two_tasks_exactly_one_commits() {
    let store = MemoryStore::new();
    insert_batch(&store, "batch1", "TASK-DESK", 100, None).await;
    let loaded = std::sync::Arc::new(tokio::sync::Barrier::new(2));
    let tasks: Vec<_> = ["order1", "order2"]
        .into_iter()
        .map(|orderid| {
            let (store, loaded) = (store.clone(), loaded.clone());
            tokio::spawn(async move {
                let mut uow = Allocation::begin(&store);
                let product = uow
                    .products()
                    .get(&"TASK-DESK".to_owned())
                    .await
                    .unwrap()
                    .unwrap();
                product
                    .allocate(&OrderLine::new(orderid, "TASK-DESK", 10))
                    .unwrap();
                // Both have loaded version 1 before either commits.
                loaded.wait().await;
                uow.commit().await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| r.as_ref().is_err_and(Error::is_conflict))
    );
    assert_eq!(product_of(&store, "TASK-DESK").await.version_number, 2);
}
