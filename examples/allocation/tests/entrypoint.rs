//! The `allocation-service` binary on its default store, a SQLite file in
//! the current directory, kept between runs.

use std::path::Path;
use std::process::Command;

fn service(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_allocation-service"))
        .args(args)
        .current_dir(dir)
        .env_remove("ALLOCATION_DATABASE_URL")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn allocations_persist_in_the_default_sqlite_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    assert_eq!(
        service(dir, &["add-batch", "speedy", "LAMP", "10", "7"]),
        (0, "added batch speedy\n".into(), String::new())
    );
    assert_eq!(
        service(dir, &["add-batch", "in-stock", "LAMP", "10"]),
        (0, "added batch in-stock\n".into(), String::new())
    );
    assert!(dir.join("allocation.db").is_file());
    // Each run is a new process: what it reads, an earlier one committed.
    assert_eq!(
        service(dir, &["allocate", "o1", "LAMP", "8"]),
        (0, "in-stock\n".into(), String::new())
    );
    assert_eq!(
        service(dir, &["allocate", "o2", "LAMP", "8"]),
        (0, "speedy\n".into(), String::new())
    );
    assert_eq!(
        service(dir, &["allocate", "o3", "LAMP", "8"]),
        (
            1,
            String::new(),
            "error: Out of stock for sku LAMP\n".into()
        )
    );
    assert_eq!(
        service(dir, &["allocate", "o4", "CHAIR", "1"]),
        (1, String::new(), "error: Invalid sku CHAIR\n".into())
    );
    assert_eq!(
        service(dir, &["change-batch-quantity", "in-stock", "5"]),
        (0, "batch in-stock now holds 5\n".into(), String::new())
    );
}

#[test]
fn another_sqlite_file_by_url() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("other.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let (code, _, err) = service(
        tmp.path(),
        &["--database", &url, "add-batch", "b1", "RUG", "3"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(db.is_file());
    assert!(!tmp.path().join("allocation.db").exists());
}

#[test]
fn bad_command_lines_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, message) in [
        (&[][..], "error: a command is needed\n"),
        (&["ship", "x"][..], "error: unknown command `ship`\n"),
        (
            &["allocate", "o1", "LAMP"][..],
            "error: wrong number of arguments for `allocate`\n",
        ),
        (
            &["add-batch", "b", "LAMP", "ten"][..],
            "error: QTY must be a whole number, not `ten`\n",
        ),
    ] {
        let (code, out, err) = service(tmp.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(out, "");
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert!(err.contains("usage: allocation-service"), "{err}");
    }
    assert!(!tmp.path().join("allocation.db").exists());
}

/// The same binary on PostgreSQL, in a schema of its own (dropped after).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_runs_on_postgres_by_url() {
    use sqlx::Connection;
    let Some(url) = terrace_sql::testing::database_url() else {
        return;
    };
    let schema = terrace_sql::testing::schema_name("allocation_service");
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(&format!(r#"CREATE SCHEMA "{schema}""#))
        .execute(&mut admin)
        .await
        .unwrap();
    let separator = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{separator}options=-c%20search_path%3D{schema}");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let runs = tokio::task::spawn_blocking(move || {
        [
            service(
                &dir,
                &["--database", &scoped, "add-batch", "b1", "SOFA", "5"],
            ),
            service(
                &dir,
                &["--database", &scoped, "allocate", "o1", "SOFA", "2"],
            ),
        ]
    })
    .await
    .unwrap();
    let stored: Option<(i64,)> = sqlx::query_as(&format!(
        r#"SELECT version FROM "{schema}".product WHERE id = '"SOFA"'"#
    ))
    .fetch_optional(&mut admin)
    .await
    .unwrap();
    sqlx::query(&format!(r#"DROP SCHEMA "{schema}" CASCADE"#))
        .execute(&mut admin)
        .await
        .unwrap();
    assert_eq!(runs[0], (0, "added batch b1\n".into(), String::new()));
    assert_eq!(runs[1], (0, "b1\n".into(), String::new()));
    assert_eq!(stored, Some((2,)));
    assert!(!tmp.path().join("allocation.db").exists());
}
