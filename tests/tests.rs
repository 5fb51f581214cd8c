//! Tests of the terrace runtime and derives (one binary, see STYLE.md).

mod derive;
mod domain;
mod store;
mod ui;
mod uow;
