//! Unit-of-work tests (the book's test_uow.py), on every backend.

use allocation::domain::{Batch, OrderLine, Product, ProductRepository, ProductUnitOfWork};
use allocation::service_layer::{Allocation, ServiceError, services};
use terrace::{Error, Store, UnitOfWork};

async fn insert_batch<S: Store>(store: &S, reference: &str, sku: &str, qty: u32, eta: Option<u32>) {
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

async fn product<S: Store>(store: &S, sku: &str) -> Option<Product> {
    let mut uow = Allocation::begin(store);
    uow.products().get(&sku.to_owned()).await.unwrap().cloned()
}

pub async fn uow_can_retrieve_a_batch_and_allocate_to_it<S: Store>(store: S) {
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

async fn product_of<S: Store>(store: &S, sku: &str) -> Product {
    product(store, sku).await.expect("stored")
}

pub async fn rolls_back_uncommitted_work_by_default<S: Store>(store: S) {
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

pub async fn rolls_back_on_error<S: Store>(store: S) {
    let mut uow = Allocation::begin(&store);
    assert_eq!(failing_use_case(&mut uow).await, Err("my exception"));
    drop(uow);
    assert!(product(&store, "LARGE-FORK").await.is_none());
}

pub async fn increments_version_number_through_the_unit_of_work<S: Store>(store: S) {
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

pub async fn concurrent_updates_to_version_are_not_allowed<S: Store>(store: S) {
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

pub async fn concurrent_updates_from_two_tasks_exactly_one_commits<S: Store>(store: S) {
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

/// Concurrent writers of `many_writers_keep_every_commit`.
const WRITERS: usize = 8;
/// Attempts of all writers together.
const ATTEMPTS: usize = 1_000;

/// Eight tasks allocate order lines of one product at once through the
/// service, each attempt in its own unit of work, 1,000 attempts in all:
/// each one either commits or fails with `Conflict`, and the stored product
/// holds exactly the lines that committed (no update is lost, no rejected
/// one is applied), at version 1 + commits.
pub async fn many_writers_keep_every_commit<S: Store>(store: S) {
    let sku = "BUSY-SHELF";
    insert_batch(&store, "batch1", sku, 1_000_000, None).await;
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(WRITERS));
    let tasks: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (store, start) = (store.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                let (mut committed, mut conflicts) = (Vec::new(), 0);
                for i in 0..ATTEMPTS / WRITERS {
                    let orderid = format!("w{w}-{i}");
                    let mut uow = Allocation::begin(&store);
                    match services::allocate(&mut uow, &orderid, sku, 1).await {
                        Ok(batchref) => {
                            assert_eq!(batchref, "batch1");
                            committed.push(orderid);
                        }
                        Err(ServiceError::Store(Error::Conflict {
                            aggregate: "Product",
                            id,
                        })) if id == format!("{sku:?}") => conflicts += 1,
                        Err(err) => panic!("attempt {orderid}: {err:?}"),
                    }
                }
                (committed, conflicts)
            })
        })
        .collect();
    let (mut committed, mut conflicts) = (Vec::new(), 0);
    for task in tasks {
        let (won, lost) = task.await.unwrap();
        committed.extend(won);
        conflicts += lost;
    }
    eprintln!(
        "{ATTEMPTS} attempts by {WRITERS} writers: {} committed, {conflicts} conflicts",
        committed.len()
    );
    assert_eq!(committed.len() + conflicts, ATTEMPTS);
    assert!(!committed.is_empty());

    let stored = product_of(&store, sku).await;
    let batch = &stored.batches[0];
    for w in 0..WRITERS {
        for i in 0..ATTEMPTS / WRITERS {
            let orderid = format!("w{w}-{i}");
            assert_eq!(
                batch.has_allocated(&OrderLine::new(&orderid, sku, 1)),
                committed.contains(&orderid),
                "{orderid}"
            );
        }
    }
    let commits = i64::try_from(committed.len()).unwrap();
    assert_eq!(batch.available_quantity(), 1_000_000 - commits);
    assert_eq!(stored.version_number, 1 + commits);
}

on_every_backend!(
    uow_can_retrieve_a_batch_and_allocate_to_it,
    rolls_back_uncommitted_work_by_default,
    rolls_back_on_error,
    increments_version_number_through_the_unit_of_work,
    concurrent_updates_to_version_are_not_allowed,
    concurrent_updates_from_two_tasks_exactly_one_commits,
    many_writers_keep_every_commit,
);
