//! Built-in presets of forbidden crates and modules (`@infrastructure`,
//! `@std-io`), versioned so that a change to a list is visible.
//!
//! Entries are module references (see [`crate::config::ModulePattern`]):
//! a crate name with `_` for `-` names the whole crate, a path such as
//! `tokio::net` names that module and everything inside it. Lists are kept
//! sorted and free of duplicates (a unit test checks it), and every change
//! of a list bumps its preset's version.
//!
//! What `@infrastructure` covers is code whose purpose is I/O with the
//! outside world: database drivers, ORMs and connection pools, HTTP clients
//! and servers, RPC frameworks, message brokers, cloud SDKs, the I/O
//! modules of async runtimes (and the reactors and sockets under them),
//! filesystem watchers, mail, websockets, clients of other network services
//! and serial ports. Crates that only describe or build such things without
//! doing I/O are left out on purpose so that a domain may use them: `http`
//! (types), `tower` (the `Service` abstraction), `rustls` (a TLS state
//! machine), `sea_query` (an SQL builder), `serde`, `bytes`, and the
//! non-I/O parts of async runtimes (`tokio::sync`, `tokio::time`,
//! `tokio::io`'s traits). Teams that want those out too list them in
//! `forbidden` next to the preset.

/// A named, versioned list of crates and modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Name without the `@`.
    pub name: &'static str,
    /// Bumped on every change of `entries`.
    pub version: u32,
    /// One line saying what it covers.
    pub description: &'static str,
    /// Module references.
    pub entries: &'static [&'static str],
}

/// `@infrastructure`: well-known crates and modules that do I/O.
const INFRASTRUCTURE: Preset = Preset {
    name: "infrastructure",
    version: 1,
    description: "well-known I/O crates and modules: database drivers and ORMs, HTTP, RPC, \
                  message brokers, cloud SDKs, async runtime I/O, filesystem watchers, mail, \
                  websockets",
    entries: &[
        "actix_web",              // HTTP client or server
        "amqprs",                 // message broker
        "async_fs",               // async runtime I/O
        "async_io",               // async runtime I/O
        "async_nats",             // message broker
        "async_net",              // async runtime I/O
        "async_process",          // async runtime I/O
        "async_smtp",             // mail
        "async_std::fs",          // async runtime I/O
        "async_std::net",         // async runtime I/O
        "async_std::os",          // async runtime I/O
        "async_std::process",     // async runtime I/O
        "async_tungstenite",      // websocket
        "attohttpc",              // HTTP client or server
        "awc",                    // HTTP client or server
        "aws_config",             // cloud SDK
        "aws_sdk_dynamodb",       // cloud SDK
        "aws_sdk_kinesis",        // cloud SDK
        "aws_sdk_lambda",         // cloud SDK
        "aws_sdk_s3",             // cloud SDK
        "aws_sdk_secretsmanager", // cloud SDK
        "aws_sdk_sns",            // cloud SDK
        "aws_sdk_sqs",            // cloud SDK
        "aws_sdk_ssm",            // cloud SDK
        "axum",                   // HTTP client or server
        "azure_identity",         // cloud SDK
        "azure_storage",          // cloud SDK
        "azure_storage_blobs",    // cloud SDK
        "bb8",                    // database driver, ORM or pool
        "bb8_postgres",           // database driver, ORM or pool
        "bb8_redis",              // database driver, ORM or pool
        "capnp_rpc",              // RPC
        "clickhouse",             // database driver, ORM or pool
        "curl",                   // HTTP client or server
        "deadpool",               // database driver, ORM or pool
        "deadpool_postgres",      // database driver, ORM or pool
        "deadpool_redis",         // database driver, ORM or pool
        "deadpool_sqlite",        // database driver, ORM or pool
        "diesel",                 // database driver, ORM or pool
        "diesel_async",           // database driver, ORM or pool
        "diesel_migrations",      // database driver, ORM or pool
        "duckdb",                 // database driver, ORM or pool
        "elasticsearch",          // database driver, ORM or pool
        "etcd_client",            // database driver, ORM or pool
        "fred",                   // database driver, ORM or pool
        "gcp_bigquery_client",    // cloud SDK
        "google_cloud_pubsub",    // cloud SDK
        "google_cloud_storage",   // cloud SDK
        "grpcio",                 // RPC
        "h2",                     // HTTP client or server
        "h3",                     // HTTP client or server
        "heed",                   // database driver, ORM or pool
        "hickory_resolver",       // network service client (DNS, LDAP, SSH, FTP)
        "hyper",                  // HTTP client or server
        "hyper_rustls",           // HTTP client or server
        "hyper_tls",              // HTTP client or server
        "hyper_util",             // HTTP client or server
        "imap",                   // mail
        "influxdb",               // database driver, ORM or pool
        "isahc",                  // HTTP client or server
        "jsonrpsee",              // RPC
        "kafka",                  // message broker
        "lapin",                  // message broker
        "ldap3",                  // network service client (DNS, LDAP, SSH, FTP)
        "lettre",                 // mail
        "libsql",                 // database driver, ORM or pool
        "mail_send",              // mail
        "meilisearch_sdk",        // database driver, ORM or pool
        "memcache",               // database driver, ORM or pool
        "mio",                    // async runtime I/O
        "mongodb",                // database driver, ORM or pool
        "mysql",                  // database driver, ORM or pool
        "mysql_async",            // database driver, ORM or pool
        "nats",                   // message broker
        "neo4rs",                 // database driver, ORM or pool
        "notify",                 // filesystem watcher
        "notify_debouncer_full",  // filesystem watcher
        "notify_debouncer_mini",  // filesystem watcher
        "ntex",                   // HTTP client or server
        "object_store",           // cloud SDK
        "opendal",                // cloud SDK
        "opensearch",             // database driver, ORM or pool
        "paho_mqtt",              // message broker
        "poem",                   // HTTP client or server
        "postgres",               // database driver, ORM or pool
        "pulsar",                 // message broker
        "qdrant_client",          // database driver, ORM or pool
        "quinn",                  // HTTP client or server
        "r2d2",                   // database driver, ORM or pool
        "r2d2_postgres",          // database driver, ORM or pool
        "r2d2_sqlite",            // database driver, ORM or pool
        "rdkafka",                // message broker
        "redb",                   // database driver, ORM or pool
        "redis",                  // database driver, ORM or pool
        "refinery",               // database driver, ORM or pool
        "reqwest",                // HTTP client or server
        "rocket",                 // HTTP client or server
        "rocksdb",                // database driver, ORM or pool
        "rumqttc",                // message broker
        "rusoto_core",            // cloud SDK
        "rusoto_s3",              // cloud SDK
        "rusqlite",               // database driver, ORM or pool
        "russh",                  // network service client (DNS, LDAP, SSH, FTP)
        "salvo",                  // HTTP client or server
        "scylla",                 // database driver, ORM or pool
        "sea_orm",                // database driver, ORM or pool
        "serialport",             // serial port
        "sled",                   // database driver, ORM or pool
        "smol::fs",               // async runtime I/O
        "smol::net",              // async runtime I/O
        "smol::process",          // async runtime I/O
        "socket2",                // async runtime I/O
        "sqlx",                   // database driver, ORM or pool
        "ssh2",                   // network service client (DNS, LDAP, SSH, FTP)
        "suppaftp",               // network service client (DNS, LDAP, SSH, FTP)
        "surf",                   // HTTP client or server
        "surrealdb",              // database driver, ORM or pool
        "tarpc",                  // RPC
        "tiberius",               // database driver, ORM or pool
        "tide",                   // HTTP client or server
        "tiny_http",              // HTTP client or server
        "tokio::fs",              // async runtime I/O
        "tokio::net",             // async runtime I/O
        "tokio::process",         // async runtime I/O
        "tokio::signal",          // async runtime I/O
        "tokio_native_tls",       // async runtime I/O
        "tokio_postgres",         // database driver, ORM or pool
        "tokio_rustls",           // async runtime I/O
        "tokio_serial",           // serial port
        "tokio_tungstenite",      // websocket
        "tonic",                  // RPC
        "tower_http",             // HTTP client or server
        "trust_dns_resolver",     // network service client (DNS, LDAP, SSH, FTP)
        "tungstenite",            // websocket
        "ureq",                   // HTTP client or server
        "warp",                   // HTTP client or server
        "zmq",                    // message broker
    ],
};

/// `@std-io`: the I/O of the standard library, for a domain free of all
/// I/O. `std::env` is in (the environment and arguments are input); clocks
/// (`std::time`), threads and `std::io`'s traits and buffers are not, as
/// they are used for in-memory work too; `std::io`'s standard streams are.
/// `std::os` holds the platform extensions of files, sockets and processes.
const STD_IO: Preset = Preset {
    name: "std-io",
    version: 1,
    description: "I/O of the standard library: files, network, processes, environment, \
                  standard streams",
    entries: &[
        "std::env",
        "std::fs",
        "std::io::Stderr",
        "std::io::Stdin",
        "std::io::Stdout",
        "std::io::stderr",
        "std::io::stdin",
        "std::io::stdout",
        "std::net",
        "std::os",
        "std::process",
    ],
};

const BUILTIN: &[Preset] = &[INFRASTRUCTURE, STD_IO];

/// Every built-in preset.
///
/// ```
/// let infrastructure = terrace_lint::presets::builtin()
///     .iter()
///     .find(|p| p.name == "infrastructure")
///     .unwrap();
/// assert!(infrastructure.entries.contains(&"sqlx"));
/// ```
pub fn builtin() -> &'static [Preset] {
    BUILTIN
}

/// The built-in preset called `name` (without the `@`).
///
/// ```
/// assert_eq!(terrace_lint::presets::find("std-io").unwrap().version, 1);
/// assert!(terrace_lint::presets::find("nope").is_none());
/// ```
pub fn find(name: &str) -> Option<&'static Preset> {
    BUILTIN.iter().find(|preset| preset.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ModulePattern;
    use crate::scan::Pos;

    #[test]
    fn entries_parse_and_are_sorted_without_duplicates() {
        for preset in builtin() {
            assert!(!preset.entries.is_empty(), "{}", preset.name);
            assert!(!preset.description.is_empty(), "{}", preset.name);
            for entry in preset.entries {
                let pattern = ModulePattern::parse(entry, Pos::default());
                assert!(pattern.is_ok(), "@{}: {entry}: {pattern:?}", preset.name);
                assert_eq!(pattern.map(|p| p.text), Ok((*entry).to_owned()));
                assert!(!entry.contains('-'), "@{}: {entry}", preset.name);
            }
            for pair in preset.entries.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "@{}: {} then {}",
                    preset.name,
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn names_and_versions() {
        let names: Vec<_> = builtin().iter().map(|p| (p.name, p.version)).collect();
        assert_eq!(names, [("infrastructure", 1), ("std-io", 1)]);
    }

    #[test]
    fn well_known_entries() {
        let infrastructure = find("infrastructure")
            .map(|p| p.entries)
            .unwrap_or_default();
        for entry in [
            "sqlx",
            "diesel",
            "reqwest",
            "tonic",
            "lapin",
            "aws_sdk_s3",
            "tokio::net",
            "notify",
        ] {
            assert!(infrastructure.contains(&entry), "{entry}");
        }
        let std_io = find("std-io").map(|p| p.entries).unwrap_or_default();
        for entry in ["std::fs", "std::net", "std::process"] {
            assert!(std_io.contains(&entry), "{entry}");
        }
    }
}
