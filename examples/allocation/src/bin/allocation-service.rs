//! The allocation service from the command line: the entrypoint that wires
//! the service layer to a store.
//!
//! ```text
//! allocation-service [--database URL] add-batch REF SKU QTY [ETA]
//! allocation-service [--database URL] allocate ORDERID SKU QTY
//! allocation-service [--database URL] change-batch-quantity REF QTY
//! ```
//!
//! The store is SQLite by default (the file `allocation.db` in the current
//! directory); `--database URL` or `ALLOCATION_DATABASE_URL` selects
//! another: `sqlite://PATH` or `postgres://...`. The schema is migrated on
//! every start (idempotent).

use std::process::ExitCode;

use allocation::domain::Product;
use allocation::service_layer::{Allocation, ServiceError, services};
use terrace::Store;
use terrace_sql::{PgStore, SqliteStore};

const USAGE: &str = "\
usage: allocation-service [--database URL] COMMAND

commands:
  add-batch REF SKU QTY [ETA]      add a batch (ETA: a day number; none = in stock)
  allocate ORDERID SKU QTY         allocate an order line, print the batch reference
  change-batch-quantity REF QTY    change a batch's quantity, reallocating what no longer fits

The store: --database URL, else ALLOCATION_DATABASE_URL, else the SQLite file
`allocation.db` in the current directory. URLs: sqlite://PATH, postgres://...";

/// A command line that cannot be run: the message, exit code 2.
struct Usage(String);

enum Command {
    AddBatch {
        reference: String,
        sku: String,
        qty: u32,
        eta: Option<u32>,
    },
    Allocate {
        orderid: String,
        sku: String,
        qty: u32,
    },
    ChangeBatchQuantity {
        reference: String,
        qty: u32,
    },
}

fn number(what: &str, text: &str) -> Result<u32, Usage> {
    text.parse()
        .map_err(|_| Usage(format!("{what} must be a whole number, not `{text}`")))
}

fn parse(args: &[String]) -> Result<(Option<String>, Command), Usage> {
    let mut database = None;
    let mut rest = args;
    if let [flag, url, tail @ ..] = rest
        && flag == "--database"
    {
        database = Some(url.clone());
        rest = tail;
    }
    let command = match rest {
        [cmd, reference, sku, qty, eta @ ..] if cmd == "add-batch" && eta.len() <= 1 => {
            Command::AddBatch {
                reference: reference.clone(),
                sku: sku.clone(),
                qty: number("QTY", qty)?,
                eta: eta.first().map(|e| number("ETA", e)).transpose()?,
            }
        }
        [cmd, orderid, sku, qty] if cmd == "allocate" => Command::Allocate {
            orderid: orderid.clone(),
            sku: sku.clone(),
            qty: number("QTY", qty)?,
        },
        [cmd, reference, qty] if cmd == "change-batch-quantity" => Command::ChangeBatchQuantity {
            reference: reference.clone(),
            qty: number("QTY", qty)?,
        },
        [] => return Err(Usage("a command is needed".to_owned())),
        [cmd, ..] if ["add-batch", "allocate", "change-batch-quantity"].contains(&cmd.as_str()) => {
            return Err(Usage(format!("wrong number of arguments for `{cmd}`")));
        }
        [cmd, ..] => return Err(Usage(format!("unknown command `{cmd}`"))),
    };
    Ok((database, command))
}

/// Runs one command on `store`; returns what to print.
async fn run<S: Store>(store: &S, command: Command) -> Result<String, ServiceError> {
    let mut uow = Allocation::begin(store);
    match command {
        Command::AddBatch {
            reference,
            sku,
            qty,
            eta,
        } => {
            services::add_batch(&mut uow, &reference, &sku, qty, eta).await?;
            Ok(format!("added batch {reference}"))
        }
        Command::Allocate { orderid, sku, qty } => {
            services::allocate(&mut uow, &orderid, &sku, qty).await
        }
        Command::ChangeBatchQuantity { reference, qty } => {
            services::change_batch_quantity(&mut uow, &reference, qty).await?;
            Ok(format!("batch {reference} now holds {qty}"))
        }
    }
}

async fn main_async(database: &str, command: Command) -> Result<String, String> {
    let failed = |e: terrace::Error| format!("cannot open the store `{database}`: {e}");
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        let store = PgStore::connect(database).await.map_err(failed)?;
        store.migrate::<Product>().await.map_err(failed)?;
        run(&store, command).await.map_err(|e| e.to_string())
    } else {
        let store = match database.strip_prefix("sqlite://") {
            Some(_) => SqliteStore::connect(database).await,
            None => SqliteStore::open(database).await,
        }
        .map_err(failed)?;
        store.migrate::<Product>().await.map_err(failed)?;
        let result = run(&store, command).await.map_err(|e| e.to_string());
        store.pool().close().await;
        result
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (database, command) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let database = database
        .or_else(|| std::env::var("ALLOCATION_DATABASE_URL").ok())
        .unwrap_or_else(|| "allocation.db".to_owned());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(main_async(&database, command)) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
