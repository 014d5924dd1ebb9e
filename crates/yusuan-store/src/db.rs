//! One small SQL interface over both backends: statements are written once with `?`
//! placeholders (turned into `$1, $2 …` for PostgreSQL) and bind a handful of value types.

use std::collections::HashMap;

use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use rust_decimal::Decimal;

use crate::StoreError;

/// A value bound to or read from a statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Val {
    pub fn int(&self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(*i),
            Val::Text(s) => s.parse().ok(),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<String> {
        match self {
            Val::Text(s) => Some(s.clone()),
            Val::Int(i) => Some(i.to_string()),
            _ => None,
        }
    }
    pub fn bytes(self) -> Vec<u8> {
        match self {
            Val::Bytes(b) => b,
            Val::Text(s) => s.into_bytes(),
            _ => Vec::new(),
        }
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<u32> for Val {
    fn from(v: u32) -> Self {
        Val::Int(v as i64)
    }
}
impl From<i32> for Val {
    fn from(v: i32) -> Self {
        Val::Int(v as i64)
    }
}
impl From<usize> for Val {
    fn from(v: usize) -> Self {
        Val::Int(v as i64)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Int(v as i64)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(v.clone())
    }
}
impl From<Decimal> for Val {
    fn from(v: Decimal) -> Self {
        Val::Text(v.to_string())
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Val::Null)
    }
}

/// The exact integer form of an amount: value × 10⁴, when that is an integer that fits.
pub(crate) fn e4(v: Decimal) -> Val {
    let scaled = v * Decimal::from(10_000);
    if scaled.fract().is_zero() {
        use rust_decimal::prelude::ToPrimitive;
        scaled.to_i64().map(Val::Int).unwrap_or(Val::Null)
    } else {
        Val::Null
    }
}

/// A connection or transaction that runs statements.
pub(crate) trait Sql {
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError>;
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Vec<Val>>, StoreError>;
    /// Runs an `INSERT … RETURNING id` and gives the id.
    fn insert(&mut self, sql: &str, params: &[Val]) -> Result<i64, StoreError> {
        let rows = self.query(sql, params)?;
        rows.first()
            .and_then(|r| r.first())
            .and_then(Val::int)
            .ok_or_else(|| StoreError::Database("INSERT returned no id".into()))
    }
    fn one(&mut self, sql: &str, params: &[Val]) -> Result<Option<Vec<Val>>, StoreError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
    /// Runs a statement that is not worth keeping prepared (multi-row inserts of varying size).
    fn exec_once(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        self.exec(sql, params)
    }
    /// `n` fresh ids for `table`, reserved for explicit inserts in this transaction.
    fn reserve_ids(&mut self, table: &str, n: usize) -> Result<Vec<i64>, StoreError>;
}

/// Rows to insert into one table, each value given beside its column: the columns are declared
/// once, where the values are taken, and every row must name the same columns in the same order.
pub(crate) struct Insert {
    table: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Val>>,
}

impl Insert {
    pub fn new(table: &'static str) -> Self {
        Insert {
            table,
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of `(column, value)` pairs.
    pub fn row(&mut self, values: impl IntoIterator<Item = (&'static str, Val)>) {
        let (columns, row): (Vec<&'static str>, Vec<Val>) = values.into_iter().unzip();
        if self.rows.is_empty() {
            self.columns = columns;
        } else {
            debug_assert_eq!(self.columns, columns, "rows of {} differ", self.table);
        }
        self.rows.push(row);
    }

    /// Runs the inserts (none when there is no row).
    pub fn run(self, tx: &mut dyn Sql) -> Result<(), StoreError> {
        insert_many(tx, self.table, &self.columns, self.rows)
    }
}

/// Inserts many rows with multi-row `INSERT … VALUES (…), (…)` statements.
pub(crate) fn insert_many(
    tx: &mut dyn Sql,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Val>>,
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let per = (30_000 / columns.len()).clamp(1, 500);
    let group = format!("({})", vec!["?"; columns.len()].join(", "));
    let head = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Val>> = rows.by_ref().take(per).collect();
        let mut sql = head.clone();
        sql.push_str(&vec![group.as_str(); chunk.len()].join(", "));
        let params: Vec<Val> = chunk.into_iter().flatten().collect();
        tx.exec_once(&sql, &params)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// SQLite
// ---------------------------------------------------------------------------------------------

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Val::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Val::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Val::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Val::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

pub(crate) fn sqlite_val(v: rusqlite::types::ValueRef<'_>) -> Val {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => Val::Int(i),
        ValueRef::Real(f) => Val::Text(f.to_string()),
        ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Val::Bytes(b.to_vec()),
    }
}

impl Sql for rusqlite::Connection {
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        let mut st = self.prepare_cached(sql)?;
        Ok(st.execute(rusqlite::params_from_iter(params.iter()))? as u64)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Vec<Val>>, StoreError> {
        let mut st = self.prepare_cached(sql)?;
        let n = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut r = Vec::with_capacity(n);
            for i in 0..n {
                r.push(sqlite_val(row.get_ref(i)?));
            }
            out.push(r);
        }
        Ok(out)
    }

    fn reserve_ids(&mut self, table: &str, n: usize) -> Result<Vec<i64>, StoreError> {
        // The write lock of the IMMEDIATE transaction is held: nobody else allocates meanwhile.
        let max: i64 = self.query_row(
            &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        Ok((1..=n as i64).map(|i| max + i).collect())
    }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

impl ToSql for Val {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(i) => match *ty {
                Type::INT2 => (*i as i16).to_sql(ty, out),
                Type::INT4 => (*i as i32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Val::Text(s) => match *ty {
                Type::NUMERIC => s.parse::<Decimal>()?.to_sql(ty, out),
                _ => s.to_sql(ty, out),
            },
            Val::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// `?` placeholders → `$1, $2, …` (statements never hold a `?` in a literal).
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn pg_val(row: &postgres::Row, i: usize) -> Result<Val, StoreError> {
    let ty = row.columns()[i].type_().clone();
    let v = match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Val::Int),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map(|v| Val::Int(v as i64)),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map(|v| Val::Int(v as i64)),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map(|v| Val::Int(v as i64)),
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Val::Bytes),
        Type::NUMERIC => row
            .try_get::<_, Option<Decimal>>(i)?
            .map(|d| Val::Text(d.to_string())),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(i)?
            .map(|d| Val::Text(d.to_string())),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map(|d| Val::Text(d.to_string())),
        _ => row.try_get::<_, Option<String>>(i)?.map(Val::Text),
    };
    Ok(v.unwrap_or(Val::Null))
}

/// A PostgreSQL transaction with the library's statement cache.
pub(crate) struct PgTx<'a> {
    pub tx: postgres::Transaction<'a>,
    pub cache: &'a mut HashMap<String, postgres::Statement>,
}

impl PgTx<'_> {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, StoreError> {
        if let Some(st) = self.cache.get(sql) {
            return Ok(st.clone());
        }
        let st = self.tx.prepare(&numbered(sql))?;
        self.cache.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

fn refs(params: &[Val]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Sql for PgTx<'_> {
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        let st = self.statement(sql)?;
        Ok(self.tx.execute(&st, &refs(params))?)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Vec<Val>>, StoreError> {
        let st = self.statement(sql)?;
        let rows = self.tx.query(&st, &refs(params))?;
        rows.iter()
            .map(|r| (0..r.len()).map(|i| pg_val(r, i)).collect())
            .collect()
    }

    fn exec_once(&mut self, sql: &str, params: &[Val]) -> Result<u64, StoreError> {
        Ok(self.tx.execute(numbered(sql).as_str(), &refs(params))?)
    }

    fn reserve_ids(&mut self, table: &str, n: usize) -> Result<Vec<i64>, StoreError> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let rows = self.query(
            "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
            &[table.into(), (n as i64).into()],
        )?;
        rows.into_iter()
            .map(|r| {
                r[0].int()
                    .ok_or_else(|| StoreError::Database("nextval gave no id".into()))
            })
            .collect()
    }
}
