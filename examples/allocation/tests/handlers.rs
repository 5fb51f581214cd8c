//! Message bus and handler tests (the book's test_handlers.py).

use allocation::domain::{Event, ProductRepository, ProductUnitOfWork};
use allocation::service_layer::{Allocation, Command, MessageBus, ServiceError};
use terrace::Store;

use crate::FakeNotifications;

fn create_batch(reference: &str, sku: &str, qty: u32, eta: Option<u32>) -> Command {
    Command::CreateBatch {
        reference: reference.into(),
        sku: sku.into(),
        qty,
        eta,
    }
}

fn allocate(orderid: &str, sku: &str, qty: u32) -> Command {
    Command::Allocate {
        orderid: orderid.into(),
        sku: sku.into(),
        qty,
    }
}

pub async fn sends_a_notification_on_out_of_stock<S: Store>(store: S) {
    let mut bus = MessageBus::new(FakeNotifications::default());
    let mut uow = Allocation::begin(&store);
    bus.handle(&mut uow, create_batch("b1", "POPULAR-CURTAINS", 9, None))
        .await
        .unwrap();
    let err = bus
        .handle(&mut uow, allocate("o1", "POPULAR-CURTAINS", 10))
        .await
        .unwrap_err();
    assert!(matches!(err, ServiceError::OutOfStock(_)));
    assert_eq!(
        bus.notifications.sent,
        [(
            "stock@made.com".to_string(),
            "Out of stock for POPULAR-CURTAINS".to_string()
        )]
    );
}

pub async fn allocate_through_the_bus_returns_the_batch_and_publishes_allocated<S: Store>(
    store: S,
) {
    let mut bus = MessageBus::new(FakeNotifications::default());
    let mut uow = Allocation::begin(&store);
    bus.handle(
        &mut uow,
        create_batch("batch1", "COMPLICATED-LAMP", 100, None),
    )
    .await
    .unwrap();
    let batchref = bus
        .handle(&mut uow, allocate("o1", "COMPLICATED-LAMP", 10))
        .await
        .unwrap();
    assert_eq!(batchref.as_deref(), Some("batch1"));
    assert!(
        matches!(bus.handled.last(), Some(Event::Allocated { batchref, .. }) if batchref == "batch1")
    );
}

pub async fn change_batch_quantity_reallocates_if_necessary<S: Store>(store: S) {
    let mut bus = MessageBus::new(FakeNotifications::default());
    let mut uow = Allocation::begin(&store);
    for command in [
        create_batch("batch1", "INDIFFERENT-TABLE", 50, None),
        create_batch("batch2", "INDIFFERENT-TABLE", 50, Some(100)),
        allocate("order1", "INDIFFERENT-TABLE", 20),
        allocate("order2", "INDIFFERENT-TABLE", 20),
    ] {
        bus.handle(&mut uow, command).await.unwrap();
    }
    {
        let product = uow
            .products()
            .get(&"INDIFFERENT-TABLE".into())
            .await
            .unwrap()
            .unwrap();
        let available: Vec<_> = product
            .batches
            .iter()
            .map(|b| b.available_quantity())
            .collect();
        assert_eq!(available, [10, 50]);
    }

    bus.handle(
        &mut uow,
        Command::ChangeBatchQuantity {
            reference: "batch1".into(),
            qty: 25,
        },
    )
    .await
    .unwrap();
    assert!(bus.failures.is_empty(), "{:?}", bus.failures);

    // order1 or order2 was deallocated: 25 - 20 on batch1, 50 - 20 on batch2.
    let mut uow = Allocation::begin(&store);
    let product = uow
        .products()
        .get(&"INDIFFERENT-TABLE".into())
        .await
        .unwrap()
        .unwrap();
    let available: Vec<_> = product
        .batches
        .iter()
        .map(|b| b.available_quantity())
        .collect();
    assert_eq!(available, [5, 30]);
}

pub async fn the_bus_runs_on_a_spawned_task<S: Store>(store: S) {
    let task_store = store.clone();
    let handled = tokio::spawn(async move {
        let mut bus = MessageBus::new(FakeNotifications::default());
        let mut uow = Allocation::begin(&task_store);
        bus.handle(&mut uow, create_batch("b1", "SPAWNED", 5, None))
            .await
            .unwrap();
        bus.handle(&mut uow, allocate("o1", "SPAWNED", 2))
            .await
            .unwrap();
        bus.handled.len()
    })
    .await
    .unwrap();
    assert_eq!(handled, 1);
    let mut uow = Allocation::begin(&store);
    assert!(
        uow.products()
            .get_by_batchref("b1")
            .await
            .unwrap()
            .is_some()
    );
}

on_every_backend!(
    sends_a_notification_on_out_of_stock,
    allocate_through_the_bus_returns_the_batch_and_publishes_allocated,
    change_batch_quantity_reallocates_if_necessary,
    the_bus_runs_on_a_spawned_task,
);
