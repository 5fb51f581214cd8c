//! SQL stores for [`terrace`]: SQLite (default feature `sqlite`) and
//! PostgreSQL (feature `postgres`), on sqlx.
//!
//! Each aggregate type gets three tables, named after [`Aggregate::NAME`](terrace::Aggregate::NAME)
//! in snake case (`OrderLine` → `order_line`):
//!
//! - `order_line (id TEXT PRIMARY KEY, version BIGINT, doc)`: the aggregate
//!   whole, as a JSON document (`jsonb` on PostgreSQL), the id as canonical
//!   JSON text;
//! - `order_line__unique_keys (finder, key, id)` with primary key
//!   `(finder, key)`: the keys of unique finders, so a duplicate is
//!   [`terrace::Error::UniqueViolation`];
//! - `order_line__keys (finder, key, id)`: the keys of multi finders.
//!
//! Every finder is an index lookup. Create the tables with `migrate::<A>()`
//! (idempotent); `ddl::<A>()` returns the statements it runs.
//!
//! A transaction stages its writes and applies them at commit in one
//! database transaction, each insert, update and delete conditional on the
//! version the aggregate was loaded with: a stale one fails the whole commit
//! with [`terrace::Error::Conflict`]. See the README for SQLite's locking
//! model (`BEGIN IMMEDIATE` at commit, busy errors retried then `Conflict`).

// With one store (or none) compiled in, some shared helpers go unused.
#![cfg_attr(
    not(all(feature = "sqlite", feature = "postgres")),
    allow(dead_code, unused_macros, unused_imports)
)]

mod common;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;

pub use common::{InvalidIdentifier, MalformedDocument, MissingTable};
#[cfg(feature = "postgres")]
pub use postgres::{PgStore, PgTransaction};
#[cfg(feature = "sqlite")]
pub use sqlite::{SqliteStore, SqliteTransaction};

/// The statements that create the tables of one aggregate type.
#[allow(dead_code)]
fn ddl(t: &common::Tables, doc_type: &str) -> Vec<String> {
    vec![
        format!(
            r#"CREATE TABLE IF NOT EXISTS "{}" (id TEXT PRIMARY KEY NOT NULL, version BIGINT NOT NULL, doc {doc_type} NOT NULL)"#,
            t.main
        ),
        format!(
            r#"CREATE TABLE IF NOT EXISTS "{}" (finder TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (finder, key))"#,
            t.unique
        ),
        format!(
            r#"CREATE INDEX IF NOT EXISTS "{0}_id" ON "{0}" (id)"#,
            t.unique
        ),
        format!(
            r#"CREATE TABLE IF NOT EXISTS "{}" (finder TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (finder, key, id))"#,
            t.multi
        ),
        format!(
            r#"CREATE INDEX IF NOT EXISTS "{0}_id" ON "{0}" (id)"#,
            t.multi
        ),
    ]
}

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct Readme;
