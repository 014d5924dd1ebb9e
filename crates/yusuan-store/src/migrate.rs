//! Versioned schema migrations, one list per backend, applied when a library is opened.
//!
//! `schema_migrations` records each applied version; pending migrations run in order, each in its
//! own transaction together with its record, so a library is never left half-migrated.

use crate::StoreError;

/// `(version, name, SQL)` of the SQLite migrations (`migrations/sqlite/NNNN_name.sql`).
const SQLITE: &[(i64, &str, &str)] = &[(
    1,
    "library",
    include_str!("../migrations/sqlite/0001_library.sql"),
)];

#[cfg(feature = "postgres")]
/// `(version, name, SQL)` of the PostgreSQL migrations (`migrations/postgres/NNNN_name.sql`).
const POSTGRES: &[(i64, &str, &str)] = &[(
    1,
    "library",
    include_str!("../migrations/postgres/0001_library.sql"),
)];

const CREATE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

pub(crate) fn sqlite(conn: &mut rusqlite::Connection) -> Result<(), StoreError> {
    conn.execute_batch(CREATE)?;
    for (version, name, sql) in SQLITE {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let done: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?1)",
            [version],
            |r| r.get(0),
        )?;
        if !done {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![version, name, crate::now_rfc3339()],
            )?;
        }
        tx.commit()?;
    }
    Ok(())
}

#[cfg(feature = "postgres")]
pub(crate) fn postgres(client: &mut postgres::Client) -> Result<(), StoreError> {
    // One opener at a time migrates (an advisory lock held for the transaction).
    client.batch_execute(CREATE)?;
    for (version, name, sql) in POSTGRES {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock(727001)", &[])?;
        let done: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)",
                &[version],
            )?
            .get(0);
        if !done {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                &[version, name, &crate::now_rfc3339()],
            )?;
        }
        tx.commit()?;
    }
    Ok(())
}
