//! Throughput of the SQL stores through the derived unit of work, next to
//! hand-written sqlx code doing the same work: the same tables (the ones
//! `migrate` creates), the same JSON documents, the same statements and
//! transactions. Per store (SQLite on a file, PostgreSQL when
//! `TERRACE_BENCH_DATABASE_URL` or `TERRACE_TEST_DATABASE_URL` is set):
//!
//! - `add + commit`: a new product with three batches, its finder keys;
//! - `get`: one product by id;
//! - `get_by_batchref`: one product through the unique finder.
//!
//! Run with `cargo bench -p terrace-sql --bench sql` (see benches/README.md).
#![allow(missing_docs, clippy::print_stdout, clippy::print_stderr)]

use std::future::Future;
use std::hint::black_box;
use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::SqlitePool;
use terrace::{Aggregate, Repository, Store, UnitOfWork};
use terrace_sql::{PgStore, SqliteStore};

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

fn product(prefix: &str, i: usize) -> Product {
    Product {
        sku: format!("{prefix}SKU-{i}"),
        version_number: 0,
        batches: (0..3)
            .map(|b| Batch {
                reference: format!("{prefix}b-{i}-{b}"),
                qty: 100,
            })
            .collect(),
        events: Vec::new(),
    }
}

/// An id or key as the stores keep it: canonical JSON text.
fn json_text(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

type Raw = (String, i64, String);

fn decode(row: Option<Raw>) -> Option<Product> {
    row.map(|(_, version, doc)| {
        let mut product: Product = serde_json::from_str(&doc).expect("a product");
        product.version_number = version;
        product
    })
}

/// The hand-written side: what a programmer would write with sqlx for the
/// same tables, without terrace.
trait Handwritten: Sync {
    fn add(&self, product: &Product) -> impl Future<Output = ()> + Send;
    fn get(&self, sku: &str) -> impl Future<Output = Option<Product>> + Send;
    fn get_by_batchref(&self, reference: &str) -> impl Future<Output = Option<Product>> + Send;
}

/// The document and the unique keys, as terrace writes them.
fn row(product: &Product) -> (String, String, Vec<String>) {
    let doc = serde_json::to_string(product).expect("a product serializes");
    let keys = product
        .batches
        .iter()
        .map(|b| json_text(&b.reference))
        .collect();
    (json_text(&product.sku), doc, keys)
}

struct HandSqlite(SqlitePool);

impl Handwritten for HandSqlite {
    async fn add(&self, product: &Product) {
        let (id, doc, keys) = row(product);
        let mut tx = self.0.begin_with("BEGIN IMMEDIATE").await.unwrap();
        let inserted = sqlx::query(
            r#"INSERT INTO "product" (id, version, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING"#,
        )
        .bind(&id)
        .bind(1_i64)
        .bind(&doc)
        .execute(&mut *tx)
        .await
        .unwrap();
        assert_eq!(inserted.rows_affected(), 1);
        for key in &keys {
            let inserted = sqlx::query(
                r#"INSERT INTO "product__unique_keys" (finder, key, id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"#,
            )
            .bind("batchref")
            .bind(key)
            .bind(&id)
            .execute(&mut *tx)
            .await
            .unwrap();
            assert_eq!(inserted.rows_affected(), 1);
        }
        tx.commit().await.unwrap();
    }

    async fn get(&self, sku: &str) -> Option<Product> {
        let row =
            sqlx::query_as::<_, Raw>(r#"SELECT id, version, doc FROM "product" WHERE id = $1"#)
                .bind(json_text(sku))
                .fetch_optional(&self.0)
                .await
                .unwrap();
        decode(row)
    }

    async fn get_by_batchref(&self, reference: &str) -> Option<Product> {
        let row = sqlx::query_as::<_, Raw>(
            r#"SELECT t.id, t.version, t.doc FROM "product__unique_keys" k JOIN "product" t ON t.id = k.id
               WHERE k.finder = $1 AND k.key = $2 ORDER BY t.id"#,
        )
        .bind("batchref")
        .bind(json_text(reference))
        .fetch_optional(&self.0)
        .await
        .unwrap();
        decode(row)
    }
}

struct HandPg(PgPool);

impl Handwritten for HandPg {
    async fn add(&self, product: &Product) {
        let (id, doc, keys) = row(product);
        let mut tx = self.0.begin().await.unwrap();
        let inserted = sqlx::query(
            r#"INSERT INTO "product" (id, version, doc) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id) DO NOTHING"#,
        )
        .bind(&id)
        .bind(1_i64)
        .bind(&doc)
        .execute(&mut *tx)
        .await
        .unwrap();
        assert_eq!(inserted.rows_affected(), 1);
        for key in &keys {
            let inserted = sqlx::query(
                r#"INSERT INTO "product__unique_keys" (finder, key, id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"#,
            )
            .bind("batchref")
            .bind(key)
            .bind(&id)
            .execute(&mut *tx)
            .await
            .unwrap();
            assert_eq!(inserted.rows_affected(), 1);
        }
        tx.commit().await.unwrap();
    }

    async fn get(&self, sku: &str) -> Option<Product> {
        let row = sqlx::query_as::<_, Raw>(
            r#"SELECT id, version, doc::text FROM "product" WHERE id = $1"#,
        )
        .bind(json_text(sku))
        .fetch_optional(&self.0)
        .await
        .unwrap();
        decode(row)
    }

    async fn get_by_batchref(&self, reference: &str) -> Option<Product> {
        let row = sqlx::query_as::<_, Raw>(
            r#"SELECT t.id, t.version, t.doc::text FROM "product__unique_keys" k JOIN "product" t ON t.id = k.id
               WHERE k.finder = $1 AND k.key = $2 ORDER BY t.id COLLATE "C""#,
        )
        .bind("batchref")
        .bind(json_text(reference))
        .fetch_optional(&self.0)
        .await
        .unwrap();
        decode(row)
    }
}

/// One round of one operation: operations per second of terrace and of the
/// hand-written code, and the CPU time per operation of this process (with
/// SQLite's worker threads; the PostgreSQL server is not counted).
#[derive(Clone, Copy)]
struct Round {
    terrace: f64,
    hand: f64,
    terrace_cpu: Duration,
    hand_cpu: Duration,
}

/// The rounds of one operation.
#[derive(Default)]
struct Pair {
    rounds: Vec<Round>,
}

/// The middle value (the upper one of an even count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The CPU time of this process so far, summed over its threads: the
/// runtime's and SQLite's workers (Linux; zero elsewhere).
fn process_cpu() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .sum()
}

/// How many operations one side runs before the other takes its turn: both
/// see the same load, other processes included.
const TURN: usize = 50;

/// Runs `hand(i)` and `terrace(i)` for `i` in `0..n`, taking turns every
/// [`TURN`] operations: one round.
async fn race<Fh, Ft>(
    pair: &mut Pair,
    n: usize,
    mut hand: impl FnMut(usize) -> Fh,
    mut terrace: impl FnMut(usize) -> Ft,
) where
    Fh: Future<Output = ()>,
    Ft: Future<Output = ()>,
{
    let (mut hand_time, mut terrace_time) = (Duration::ZERO, Duration::ZERO);
    let (mut hand_cpu, mut terrace_cpu) = (Duration::ZERO, Duration::ZERO);
    for turn in (0..n).step_by(TURN) {
        let ops = turn..(turn + TURN).min(n);
        let (start, cpu) = (Instant::now(), process_cpu());
        for i in ops.clone() {
            hand(i).await;
        }
        hand_time += start.elapsed();
        hand_cpu += process_cpu() - cpu;
        let (start, cpu) = (Instant::now(), process_cpu());
        for i in ops {
            terrace(i).await;
        }
        terrace_time += start.elapsed();
        terrace_cpu += process_cpu() - cpu;
    }
    let per_sec = |time: Duration| n as f64 / time.as_secs_f64().max(f64::MIN_POSITIVE);
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    pair.rounds.push(Round {
        terrace: per_sec(terrace_time),
        hand: per_sec(hand_time),
        terrace_cpu: terrace_cpu / n,
        hand_cpu: hand_cpu / n,
    });
}

/// Medians over the rounds; the ratio is the median of each round's ratio
/// (both sides of a round ran under the same load).
fn report(store: &str, op: &str, pair: &Pair) {
    let of = |f: fn(&Round) -> f64| median(pair.rounds.iter().map(f).collect());
    println!(
        "{store:<10} {op:<16} {:>10.0} {:>12.0} {:>7.1}% {:>10.1} {:>10.1}",
        of(|r| r.terrace),
        of(|r| r.hand),
        100.0 * of(|r| r.terrace / r.hand),
        of(|r| r.terrace_cpu.as_secs_f64() * 1e6),
        of(|r| r.hand_cpu.as_secs_f64() * 1e6),
    );
}

async fn bench<S: Store, H: Handwritten>(name: &str, store: &S, hand: &H, n: usize, rounds: usize) {
    let mut add = Pair::default();
    for round in 0..rounds {
        race(
            &mut add,
            n,
            |i| {
                let product = product(&format!("h{round}-"), i);
                async move { hand.add(&product).await }
            },
            |i| {
                let product = product(&format!("t{round}-"), i);
                async move {
                    let mut uow = Shop::begin(store);
                    uow.products().add(product).await.unwrap();
                    uow.commit().await.unwrap();
                }
            },
        )
        .await;
    }
    report(name, "add + commit", &add);

    let mut get = Pair::default();
    for round in 0..rounds {
        race(
            &mut get,
            n,
            |i| async move {
                let sku = format!("h{round}-SKU-{i}");
                assert!(black_box(hand.get(&sku).await).is_some());
            },
            |i| async move {
                let sku = format!("t{round}-SKU-{i}");
                let mut uow = Shop::begin(store);
                assert!(black_box(uow.products().get(&sku).await.unwrap()).is_some());
            },
        )
        .await;
    }
    report(name, "get", &get);

    let mut find = Pair::default();
    for round in 0..rounds {
        race(
            &mut find,
            n,
            |i| async move {
                let reference = format!("h{round}-b-{i}-1");
                assert!(black_box(hand.get_by_batchref(&reference).await).is_some());
            },
            |i| async move {
                let reference = format!("t{round}-b-{i}-1");
                let mut uow = Shop::begin(store);
                let found = uow.products().get_by_batchref(&reference).await.unwrap();
                assert!(black_box(found).is_some());
            },
        )
        .await;
    }
    report(name, "get_by_batchref", &find);
}

async fn sqlite(n: usize, rounds: usize) {
    let dir = std::env::temp_dir().join(format!("terrace-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = SqliteStore::open(dir.join("bench.db")).await.unwrap();
    store.migrate::<Product>().await.unwrap();
    let hand = HandSqlite(store.pool().clone());
    bench("sqlite", &store, &hand, n, rounds).await;
    store.pool().close().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

async fn postgres(url: &str, n: usize, rounds: usize) {
    let admin = PgPool::connect(url).await.unwrap();
    let schema = format!("terrace_bench_{}", std::process::id());
    sqlx::query(&format!(r#"CREATE SCHEMA "{schema}""#))
        .execute(&admin)
        .await
        .unwrap();
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new().connect_with(options).await.unwrap();
    let store = PgStore::from_pool(pool);
    store.migrate::<Product>().await.unwrap();
    let hand = HandPg(store.pool().clone());
    bench("postgres", &store, &hand, n, rounds).await;
    store.pool().close().await;
    sqlx::query(&format!(r#"DROP SCHEMA "{schema}" CASCADE"#))
        .execute(&admin)
        .await
        .unwrap();
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; test runners that list or run every
    // target (`cargo test --all-targets`, nextest) get no tests.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n = env_number("TERRACE_BENCH_N", 2_000);
    let rounds = env_number("TERRACE_BENCH_ROUNDS", 5);
    let url = ["TERRACE_BENCH_DATABASE_URL", "TERRACE_TEST_DATABASE_URL"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!(
        "N = {n} per round, medians of {rounds} rounds taking turns every {TURN} operations: operations per second, CPU µs per operation of this process"
    );
    println!(
        "{:<10} {:<16} {:>10} {:>12} {:>8} {:>10} {:>10}",
        "store", "operation", "terrace", "hand-written", "ratio", "terrace µs", "hand µs"
    );
    rt.block_on(sqlite(n, rounds));
    match url {
        Some(url) => rt.block_on(postgres(&url, n, rounds)),
        None => eprintln!("PostgreSQL skipped: set TERRACE_BENCH_DATABASE_URL"),
    }
}
