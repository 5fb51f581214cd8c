//! Throughput of the in-memory store through the derived unit of work:
//! `add` + `commit`, `get` (by id), a finder lookup, and `get` + change +
//! `commit` (a versioned update). Run with `cargo bench --bench memory_store`.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use terrace::{Aggregate, MemoryStore, Repository, UnitOfWork};

#[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
#[repository(find_by(batchref = "batches[].reference"))]
pub struct Product {
    #[aggregate(id)]
    pub sku: String,
    #[aggregate(version)]
    pub version_number: i64,
    pub batches: Vec<Batch>,
    #[aggregate(events)]
    #[serde(skip)]
    pub events: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Batch {
    pub reference: String,
    pub qty: u32,
}

#[derive(UnitOfWork)]
#[unit_of_work(aggregates(Product))]
pub struct Shop;

fn product(i: usize) -> Product {
    Product {
        sku: format!("SKU-{i}"),
        version_number: 0,
        batches: (0..3)
            .map(|b| Batch {
                reference: format!("b-{i}-{b}"),
                qty: 100,
            })
            .collect(),
        events: Vec::new(),
    }
}

fn report(name: &str, ops: usize, elapsed: Duration) {
    let per_sec = ops as f64 / elapsed.as_secs_f64();
    println!(
        "{name:<28} {ops:>8} ops {:>10.1} ms {per_sec:>12.0} ops/s",
        elapsed.as_secs_f64() * 1e3
    );
}

async fn run(n: usize) -> terrace::Result<()> {
    let store = MemoryStore::new();

    let start = Instant::now();
    for i in 0..n {
        let mut uow = Shop::begin(&store);
        uow.products().add(product(i)).await?;
        uow.commit().await?;
    }
    report("add + commit", n, start.elapsed());

    let start = Instant::now();
    for i in 0..n {
        let mut uow = Shop::begin(&store);
        black_box(uow.products().get(&format!("SKU-{i}")).await?.is_some());
    }
    report("get", n, start.elapsed());

    let start = Instant::now();
    for i in 0..n {
        let mut uow = Shop::begin(&store);
        let found = uow.products().get_by_batchref(&format!("b-{i}-1")).await?;
        black_box(found.is_some());
    }
    report("get_by_batchref", n, start.elapsed());

    let start = Instant::now();
    for i in 0..n {
        let mut uow = Shop::begin(&store);
        if let Some(p) = uow.products().get(&format!("SKU-{i}")).await? {
            p.batches[0].qty -= 1;
        }
        uow.commit().await?;
    }
    report("get + change + commit", n, start.elapsed());
    Ok(())
}

fn main() {
    // `cargo bench` passes `--bench`; test runners that list or run every
    // target (`cargo test --all-targets`, nextest) get no tests.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n = std::env::var("TERRACE_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    if let Err(e) = rt.block_on(run(n)) {
        eprintln!("benchmark failed: {e}");
        std::process::exit(1);
    }
}
