//! Service-layer tests (the book's test_services.py), on every backend.

use allocation::domain::ProductUnitOfWork;
use allocation::service_layer::{Allocation, ServiceError, services};
use terrace::Store;

pub async fn add_batch_for_new_product<S: Store>(store: S) {
    services::add_batch(
        &mut Allocation::begin(&store),
        "b1",
        "CRUNCHY-ARMCHAIR",
        100,
        None,
    )
    .await
    .unwrap();
    let mut uow = Allocation::begin(&store);
    assert!(
        uow.products()
            .get(&"CRUNCHY-ARMCHAIR".into())
            .await
            .unwrap()
            .is_some()
    );
}

pub async fn add_batch_for_existing_product<S: Store>(store: S) {
    services::add_batch(
        &mut Allocation::begin(&store),
        "b1",
        "GARISH-RUG",
        100,
        None,
    )
    .await
    .unwrap();
    services::add_batch(&mut Allocation::begin(&store), "b2", "GARISH-RUG", 99, None)
        .await
        .unwrap();
    let mut uow = Allocation::begin(&store);
    let product = uow
        .products()
        .get(&"GARISH-RUG".into())
        .await
        .unwrap()
        .unwrap();
    let refs: Vec<_> = product
        .batches
        .iter()
        .map(|b| b.reference.as_str())
        .collect();
    assert_eq!(refs, ["b1", "b2"]);
}

pub async fn allocate_returns_allocation<S: Store>(store: S) {
    let mut uow = Allocation::begin(&store);
    services::add_batch(&mut uow, "batch1", "COMPLICATED-LAMP", 100, None)
        .await
        .unwrap();
    let result = services::allocate(&mut uow, "o1", "COMPLICATED-LAMP", 10)
        .await
        .unwrap();
    assert_eq!(result, "batch1");
}

pub async fn allocate_errors_for_invalid_sku<S: Store>(store: S) {
    let mut uow = Allocation::begin(&store);
    services::add_batch(&mut uow, "b1", "AREALSKU", 100, None)
        .await
        .unwrap();
    let err = services::allocate(&mut uow, "o1", "NONEXISTENTSKU", 10)
        .await
        .unwrap_err();
    assert!(matches!(&err, ServiceError::InvalidSku(sku) if sku == "NONEXISTENTSKU"));
    assert_eq!(err.to_string(), "Invalid sku NONEXISTENTSKU");
}

pub async fn allocate_commits<S: Store>(store: S) {
    services::add_batch(
        &mut Allocation::begin(&store),
        "b1",
        "OMINOUS-MIRROR",
        100,
        None,
    )
    .await
    .unwrap();
    services::allocate(&mut Allocation::begin(&store), "o1", "OMINOUS-MIRROR", 10)
        .await
        .unwrap();
    // A fresh unit of work sees the allocation: it was committed.
    let mut uow = Allocation::begin(&store);
    let product = uow
        .products()
        .get(&"OMINOUS-MIRROR".into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(product.batches[0].available_quantity(), 90);
    assert_eq!(product.version_number, 2);
}

pub async fn allocate_reports_out_of_stock_and_keeps_the_event<S: Store>(store: S) {
    let mut uow = Allocation::begin(&store);
    services::add_batch(&mut uow, "b1", "POPULAR-CURTAINS", 9, None)
        .await
        .unwrap();
    let _ = terrace::UnitOfWork::collect_new_events(&mut uow);
    let err = services::allocate(&mut uow, "o1", "POPULAR-CURTAINS", 10)
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::OutOfStock(_)), "{err:?}");
    let events = terrace::UnitOfWork::collect_new_events(&mut uow);
    assert_eq!(
        events,
        [allocation::domain::Event::OutOfStock {
            sku: "POPULAR-CURTAINS".into()
        }]
    );
}

pub async fn change_batch_quantity_changes_available_quantity<S: Store>(store: S) {
    services::add_batch(
        &mut Allocation::begin(&store),
        "batch1",
        "ADORABLE-SETTEE",
        100,
        None,
    )
    .await
    .unwrap();
    services::change_batch_quantity(&mut Allocation::begin(&store), "batch1", 50)
        .await
        .unwrap();
    let mut uow = Allocation::begin(&store);
    let product = uow
        .products()
        .get(&"ADORABLE-SETTEE".into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(product.batches[0].available_quantity(), 50);
}

pub async fn change_batch_quantity_errors_for_an_unknown_batch<S: Store>(store: S) {
    let err = services::change_batch_quantity(&mut Allocation::begin(&store), "nope", 5)
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::InvalidBatchref(_)), "{err:?}");
}

on_every_backend!(
    add_batch_for_new_product,
    add_batch_for_existing_product,
    allocate_returns_allocation,
    allocate_errors_for_invalid_sku,
    allocate_commits,
    allocate_reports_out_of_stock_and_keeps_the_event,
    change_batch_quantity_changes_available_quantity,
    change_batch_quantity_errors_for_an_unknown_batch,
);
