//! The allocation service of *Architecture Patterns with Python*, on terrace.
//!
//! - [`domain`]: the persistence-ignorant model (`OrderLine`, `Batch`, the
//!   `Product` aggregate and its events). It depends on `terrace` and
//!   `serde` only.
//! - [`service_layer`]: the unit of work declaration, the use cases (generic
//!   over the unit of work), the event handlers and a tiny message bus.
//!
//! The crate denies every warning and clippy's pedantic lints: the code the
//! derives generate must pass them too.
#![deny(warnings, clippy::pedantic, missing_docs)]

pub mod domain;
pub mod service_layer;
