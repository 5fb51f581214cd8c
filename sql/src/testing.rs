//! For tests that run against a real PostgreSQL server (feature `testing`):
//! where the server is, and a schema name no other test uses, so tests run
//! in parallel and drop what they made.

use std::sync::atomic::{AtomicU32, Ordering};

/// The variable that holds the test server's URL.
pub const DATABASE_URL_VAR: &str = "TERRACE_TEST_DATABASE_URL";

/// The test server's URL from [`DATABASE_URL_VAR`]. `None`, with a note on
/// stderr, when it is unset: the caller skips its test.
///
/// # Panics
///
/// When it is unset and `CI` is set: in CI a server is expected, and a
/// PostgreSQL test must fail rather than skip.
#[must_use]
pub fn database_url() -> Option<String> {
    match std::env::var(DATABASE_URL_VAR) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => panic!(
            "{DATABASE_URL_VAR} is not set: the PostgreSQL tests need a server \
             (e.g. postgres://postgres@127.0.0.1:5432/test)"
        ),
        _ => {
            eprintln!("note: {DATABASE_URL_VAR} is not set; skipping a PostgreSQL test");
            None
        }
    }
}

/// A schema name unique to this process and call: `PREFIX_PID_N_NANOS`.
#[must_use]
pub fn schema_name(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
