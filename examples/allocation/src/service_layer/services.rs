//! The use cases. Each takes primitives, works through the unit of work and
//! commits; none knows which store it runs on.

use crate::domain::{Batch, OrderLine, OutOfStock, Product, ProductRepository, ProductUnitOfWork};

/// Why a use case failed.
#[derive(Debug)]
pub enum ServiceError {
    /// No product has this sku.
    InvalidSku(String),
    /// No batch has this reference.
    InvalidBatchref(String),
    /// The product has no room for the line.
    OutOfStock(OutOfStock),
    /// The store failed (a concurrency conflict among others).
    Store(terrace::Error),
}

impl core::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ServiceError::InvalidSku(sku) => write!(f, "Invalid sku {sku}"),
            ServiceError::InvalidBatchref(r) => write!(f, "Invalid batch reference {r}"),
            ServiceError::OutOfStock(err) => err.fmt(f),
            ServiceError::Store(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for ServiceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServiceError::Store(err) => Some(err),
            ServiceError::OutOfStock(err) => Some(err),
            _ => None,
        }
    }
}

impl From<terrace::Error> for ServiceError {
    fn from(err: terrace::Error) -> Self {
        ServiceError::Store(err)
    }
}

/// Adds a batch, creating its product on first use.
///
/// # Errors
///
/// [`ServiceError::Store`].
pub async fn add_batch<U: ProductUnitOfWork>(
    uow: &mut U,
    reference: &str,
    sku: &str,
    qty: u32,
    eta: Option<u32>,
) -> Result<(), ServiceError> {
    let batch = Batch::new(reference, sku, qty, eta);
    match uow.products().get(&sku.to_owned()).await? {
        Some(product) => product.batches.push(batch),
        None => {
            uow.products().add(Product::new(sku, vec![batch])).await?;
        }
    }
    uow.commit().await?;
    Ok(())
}

/// Allocates an order line and returns the batch reference.
///
/// When the product is out of stock the unit of work still commits (nothing
/// changed in the stored product), so the `OutOfStock` event it recorded is
/// collected and handled.
///
/// # Errors
///
/// [`ServiceError::InvalidSku`], [`ServiceError::OutOfStock`], [`ServiceError::Store`].
pub async fn allocate<U: ProductUnitOfWork>(
    uow: &mut U,
    orderid: &str,
    sku: &str,
    qty: u32,
) -> Result<String, ServiceError> {
    let line = OrderLine::new(orderid, sku, qty);
    let product = uow
        .products()
        .get(&line.sku)
        .await?
        .ok_or_else(|| ServiceError::InvalidSku(sku.to_owned()))?;
    let allocated = product.allocate(&line);
    uow.commit().await?;
    allocated.map_err(ServiceError::OutOfStock)
}

/// Changes a batch's purchased quantity; lines that no longer fit are
/// deallocated and recorded for reallocation.
///
/// # Errors
///
/// [`ServiceError::InvalidBatchref`], [`ServiceError::Store`].
pub async fn change_batch_quantity<U: ProductUnitOfWork>(
    uow: &mut U,
    reference: &str,
    qty: u32,
) -> Result<(), ServiceError> {
    let product = uow
        .products()
        .get_by_batchref(reference)
        .await?
        .ok_or_else(|| ServiceError::InvalidBatchref(reference.to_owned()))?;
    product.change_batch_quantity(reference, qty);
    uow.commit().await?;
    Ok(())
}
