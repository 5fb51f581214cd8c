//! Domain tests (the book's test_batches.py and test_product.py).

use allocation::domain::{Batch, Event, OrderLine, OutOfStock, Product};

const TODAY: u32 = 100;
const TOMORROW: u32 = 101;
const LATER: u32 = 110;

fn batch_and_line(sku: &str, batch_qty: u32, line_qty: u32) -> (Batch, OrderLine) {
    (
        Batch::new("batch-001", sku, batch_qty, Some(TODAY)),
        OrderLine::new("order-123", sku, line_qty),
    )
}

#[test]
fn allocating_to_a_batch_reduces_the_available_quantity() {
    let mut batch = Batch::new("batch-001", "SMALL-TABLE", 20, Some(TODAY));
    batch.allocate(&OrderLine::new("order-ref", "SMALL-TABLE", 2));
    assert_eq!(batch.available_quantity(), 18);
}

#[test]
fn can_allocate_if_available_greater_than_required() {
    let (large, small) = batch_and_line("ELEGANT-LAMP", 20, 2);
    assert!(large.can_allocate(&small));
}

#[test]
fn cannot_allocate_if_available_smaller_than_required() {
    let (small, large) = batch_and_line("ELEGANT-LAMP", 2, 20);
    assert!(!small.can_allocate(&large));
}

#[test]
fn can_allocate_if_available_equal_to_required() {
    let (batch, line) = batch_and_line("ELEGANT-LAMP", 2, 2);
    assert!(batch.can_allocate(&line));
}

#[test]
fn cannot_allocate_if_skus_do_not_match() {
    let batch = Batch::new("batch-001", "UNCOMFORTABLE-CHAIR", 100, None);
    let different_sku_line = OrderLine::new("order-123", "EXPENSIVE-TOASTER", 10);
    assert!(!batch.can_allocate(&different_sku_line));
}

#[test]
fn allocation_is_idempotent() {
    let (mut batch, line) = batch_and_line("ANGULAR-DESK", 20, 2);
    batch.allocate(&line);
    batch.allocate(&line);
    assert_eq!(batch.available_quantity(), 18);
}

#[test]
fn can_only_deallocate_allocated_lines() {
    let (mut batch, unallocated_line) = batch_and_line("DECORATIVE-TRINKET", 20, 2);
    assert!(!batch.deallocate(&unallocated_line));
    assert_eq!(batch.available_quantity(), 20);
}

#[test]
fn deallocate_restores_the_quantity() {
    let (mut batch, line) = batch_and_line("EXPENSIVE-FOOTSTOOL", 20, 2);
    batch.allocate(&line);
    assert!(batch.deallocate(&line));
    assert_eq!(batch.available_quantity(), 20);
}

#[test]
fn prefers_warehouse_batches_to_shipments() {
    let in_stock = Batch::new("in-stock-batch", "RETRO-CLOCK", 100, None);
    let shipment = Batch::new("shipment-batch", "RETRO-CLOCK", 100, Some(TOMORROW));
    let mut product = Product::new("RETRO-CLOCK", vec![shipment, in_stock]);
    let line = OrderLine::new("oref", "RETRO-CLOCK", 10);
    assert_eq!(product.allocate(&line).unwrap(), "in-stock-batch");
    assert_eq!(product.batches[1].available_quantity(), 90);
    assert_eq!(product.batches[0].available_quantity(), 100);
}

#[test]
fn prefers_earlier_batches() {
    let earliest = Batch::new("speedy-batch", "MINIMALIST-SPOON", 100, Some(TODAY));
    let medium = Batch::new("normal-batch", "MINIMALIST-SPOON", 100, Some(TOMORROW));
    let latest = Batch::new("slow-batch", "MINIMALIST-SPOON", 100, Some(LATER));
    let mut product = Product::new("MINIMALIST-SPOON", vec![medium, latest, earliest]);
    let line = OrderLine::new("order1", "MINIMALIST-SPOON", 10);
    assert_eq!(product.allocate(&line).unwrap(), "speedy-batch");
    let available: Vec<_> = product
        .batches
        .iter()
        .map(Batch::available_quantity)
        .collect();
    assert_eq!(available, [100, 100, 90]);
}

#[test]
fn returns_allocated_batch_ref() {
    let in_stock = Batch::new("in-stock-batch-ref", "HIGHBROW-POSTER", 100, None);
    let shipment = Batch::new("shipment-batch-ref", "HIGHBROW-POSTER", 100, Some(TOMORROW));
    let mut product = Product::new("HIGHBROW-POSTER", vec![in_stock, shipment]);
    let line = OrderLine::new("oref", "HIGHBROW-POSTER", 10);
    assert_eq!(product.allocate(&line).unwrap(), "in-stock-batch-ref");
}

#[test]
fn outputs_allocated_event() {
    let mut product = Product::new(
        "RETRO-LAMPSHADE",
        vec![Batch::new("batchref", "RETRO-LAMPSHADE", 100, None)],
    );
    let line = OrderLine::new("oref", "RETRO-LAMPSHADE", 10);
    product.allocate(&line).unwrap();
    assert_eq!(
        product.events.last(),
        Some(&Event::Allocated {
            orderid: "oref".into(),
            sku: "RETRO-LAMPSHADE".into(),
            qty: 10,
            batchref: "batchref".into(),
        })
    );
}

#[test]
fn raises_out_of_stock_and_records_the_event_if_cannot_allocate() {
    let batch = Batch::new("batch1", "SMALL-FORK", 10, Some(TODAY));
    let mut product = Product::new("SMALL-FORK", vec![batch]);
    product
        .allocate(&OrderLine::new("order1", "SMALL-FORK", 10))
        .unwrap();

    let err = product
        .allocate(&OrderLine::new("order2", "SMALL-FORK", 1))
        .unwrap_err();
    assert_eq!(
        err,
        OutOfStock {
            sku: "SMALL-FORK".into()
        }
    );
    assert_eq!(err.to_string(), "Out of stock for sku SMALL-FORK");
    assert_eq!(
        product.events.last(),
        Some(&Event::OutOfStock {
            sku: "SMALL-FORK".into()
        })
    );
}

#[test]
fn cannot_allocate_a_line_that_is_too_large_or_for_another_sku() {
    let batch = Batch::new("b1", "CHAIR", 5, None);
    let mut product = Product::new("CHAIR", vec![batch]);
    assert!(product.allocate(&OrderLine::new("o1", "CHAIR", 6)).is_err());
    assert!(product.allocate(&OrderLine::new("o2", "TABLE", 1)).is_err());
    assert_eq!(product.batches[0].available_quantity(), 5);
}

#[test]
fn product_allocation_is_idempotent() {
    let mut product = Product::new(
        "LAMP",
        vec![
            Batch::new("b1", "LAMP", 10, None),
            Batch::new("b2", "LAMP", 10, Some(TODAY)),
        ],
    );
    let line = OrderLine::new("o1", "LAMP", 3);
    assert_eq!(product.allocate(&line).unwrap(), "b1");
    product.batches.swap(0, 1);
    assert_eq!(product.allocate(&line).unwrap(), "b1");
    assert_eq!(product.batches[1].available_quantity(), 7);
    assert_eq!(product.events.len(), 1, "the second call records nothing");
}

#[test]
fn deallocating_through_the_product_records_the_event() {
    let mut product = Product::new("LAMP", vec![Batch::new("b1", "LAMP", 10, None)]);
    let line = OrderLine::new("o1", "LAMP", 3);
    product.allocate(&line).unwrap();
    assert_eq!(product.deallocate(&line).as_deref(), Some("b1"));
    assert_eq!(product.deallocate(&line), None);
    assert_eq!(product.batches[0].available_quantity(), 10);
    assert!(matches!(
        product.events.last(),
        Some(Event::Deallocated { qty: 3, .. })
    ));
}

#[test]
fn changing_a_batch_quantity_deallocates_lines_until_it_fits() {
    let mut product = Product::new("LAMP", vec![Batch::new("b1", "LAMP", 20, None)]);
    product.allocate(&OrderLine::new("o1", "LAMP", 10)).unwrap();
    product.allocate(&OrderLine::new("o2", "LAMP", 10)).unwrap();
    product.events.clear();
    assert!(product.change_batch_quantity("b1", 15));
    assert_eq!(product.batches[0].available_quantity(), 5);
    assert_eq!(
        product.events,
        [Event::AllocationRequired {
            orderid: "o1".into(),
            sku: "LAMP".into(),
            qty: 10
        }]
    );
    assert!(!product.change_batch_quantity("nope", 1));
}
