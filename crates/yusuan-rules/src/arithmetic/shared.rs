//! What the rules of this family share.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use yusuan_model::{CellValue, ColumnKey, Disclosure, Finding, Location, MoneyUnit, Row, Side, Table};

use crate::{finding, support, tolerance, RuleInfo};

// ---------------------------------------------------------------------------------------------
// Figures and comparisons, shared with the cross-table rules.
// ---------------------------------------------------------------------------------------------

/// One figure of a table taken for a check: its amount (a blank cell is zero), whether it was
/// printed, its unit and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub value: Decimal,
    pub printed: bool,
    pub unit: Option<MoneyUnit>,
    /// The decimals it was printed with; for a blank cell, the most its table prints.
    pub precision: u32,
    /// How a reviewer names it in a message (`基本支出`, `2120199 其他城乡社区管理事务支出`).
    pub name: String,
    pub location: Location,
}

/// True when the table has this column for the row (on the row's side, in a two-sided table).
pub(crate) fn has_column(table: &Table, row: &Row, key: &ColumnKey) -> bool {
    table
        .columns
        .iter()
        .any(|c| &c.key == key && (c.side.is_none() || row.side.is_none() || c.side == row.side))
}

/// The keys of the columns of one side of a table (all columns when `side` is `None`).
pub(crate) fn side_keys(table: &Table, side: Option<Side>) -> Vec<ColumnKey> {
    let mut keys: Vec<ColumnKey> = Vec::new();
    for c in &table.columns {
        if (side.is_none() || c.side.is_none() || c.side == side) && !keys.contains(&c.key) {
            keys.push(c.key.clone());
        }
    }
    keys
}

/// The column that holds a side's amount: `total` when present, else its only column.
pub(crate) fn main_key(table: &Table, side: Option<Side>) -> Option<ColumnKey> {
    let keys = side_keys(table, side);
    if keys.contains(&ColumnKey::TOTAL) {
        Some(ColumnKey::TOTAL)
    } else if keys.len() == 1 {
        keys.into_iter().next()
    } else {
        None
    }
}

/// The figure of a row in a column, named by `name`: `None` when the column does not exist for
/// the row or the value's placement is uncertain (no rule judges it).
pub(crate) fn figure(table: &Table, row: &Row, key: &ColumnKey, name: String) -> Option<Figure> {
    if !has_column(table, row, key) {
        return None;
    }
    let (value, printed) = match row.cell(key) {
        CellValue::Uncertain => return None,
        CellValue::Blank => (Decimal::ZERO, false),
        CellValue::Value(v) => (v, true),
    };
    let precision = if printed {
        value.scale()
    } else {
        table_precision(table)
    };
    Some(Figure {
        value,
        printed,
        unit: table.unit,
        precision,
        name,
        location: cell_location(table, row, key),
    })
}

/// The most decimals any figure of a table is printed with.
pub(crate) fn table_precision(table: &Table) -> u32 {
    table
        .rows
        .iter()
        .flat_map(|r| r.cells.values())
        .map(|v| v.scale())
        .max()
        .unwrap_or(0)
}

/// The printed header of a column without the 栏次 numbers some templates print under it
/// (`合计` of `资 金 性 质/合计/2`), or the key when the table has no such column.
pub(crate) fn column_name(table: &Table, key: &ColumnKey) -> String {
    table
        .column(key)
        .and_then(|c| {
            c.label
                .rsplit('/')
                .map(str::trim)
                .find(|s| s.chars().any(|c| !c.is_ascii_digit() && !c.is_whitespace()))
                .map(str::to_string)
        })
        .unwrap_or_else(|| key.to_string())
}

/// A cell as a location, labelled like [`support::cell_location`] but with [`column_name`]:
/// `《部门预算支出总表》 2120199 其他城乡社区管理事务支出 · 合计`.
pub(crate) fn cell_location(table: &Table, row: &Row, key: &ColumnKey) -> Location {
    let mut location = support::cell_location(table, row, key);
    location.label = format!(
        "《{}》 {} · {}",
        table.title,
        support::row_label(row),
        column_name(table, key)
    );
    location
}

/// A row's figure named by its column (`基本支出`), for identities within one row.
pub(crate) fn column_figure(table: &Table, row: &Row, key: &ColumnKey) -> Option<Figure> {
    figure(table, row, key, column_name(table, key))
}

/// A row's figure named by its row (`2120199 其他城乡社区管理事务支出`), plus the column when
/// the row's side has several amount columns.
pub(crate) fn row_figure(table: &Table, row: &Row, key: &ColumnKey) -> Option<Figure> {
    figure(table, row, key, cell_name(table, row, key))
}

/// `2120199 其他城乡社区管理事务支出`, or `本年支出合计（一般公共预算）` when the row's side has
/// several amount columns.
pub(crate) fn cell_name(table: &Table, row: &Row, key: &ColumnKey) -> String {
    let mut name = row_name(row);
    if side_keys(table, row.side).len() > 1 {
        let _ = write!(name, "（{}）", column_name(table, key));
    }
    name
}

/// The row's label, or `数据行` for a nameless row (the single line of a 三公 table).
pub(crate) fn row_name(row: &Row) -> String {
    let label = support::row_label(row);
    if label.trim().is_empty() {
        "数据行".to_string()
    } else {
        label.trim().to_string()
    }
}

/// The outcome of comparing a printed figure with the sum of others, in a common unit.
#[derive(Debug, Clone)]
pub(crate) struct Mismatch {
    pub unit: Option<MoneyUnit>,
    pub printed: Decimal,
    pub computed: Decimal,
}

impl Mismatch {
    pub fn difference(&self) -> Decimal {
        self.printed - self.computed
    }
}

/// Compares `printed` with the sum of `parts`, in a common unit; `Some` when they differ by more
/// than rounding of the printed figures explains. `None` also when the units cannot be
/// reconciled or nothing at all was printed.
pub(crate) fn compare(printed: &Figure, parts: &[Figure]) -> Option<Mismatch> {
    if parts.is_empty() || (!printed.printed && parts.iter().all(|p| !p.printed)) {
        return None;
    }
    let all = std::iter::once(printed).chain(parts.iter());
    let units: Vec<Option<MoneyUnit>> = all.clone().map(|f| f.unit).collect();
    let common = if units.iter().all(|u| *u == units[0]) {
        units[0]
    } else if units.iter().any(Option::is_none) {
        return None;
    } else {
        Some(MoneyUnit::WanYuan)
    };
    let converted = units.iter().any(|u| *u != common);
    let convert = |f: &Figure| match (f.unit, common) {
        (Some(from), Some(to)) if from != to => from.convert(f.value, to),
        _ => f.value,
    };
    // Precision follows the figures in the common (coarser) unit; a figure printed in a finer
    // unit is more precise than any of them.
    let scale = all
        .filter(|f| f.unit == common)
        .map(|f| f.precision)
        .max()
        .unwrap_or(0);
    let terms = parts.iter().filter(|p| p.printed).count().max(1);
    let printed_value = convert(printed);
    let computed: Decimal = parts.iter().map(convert).sum();
    let tidy = |v: Decimal| {
        if !converted {
            return v;
        }
        let mut v = v.normalize();
        if v.scale() < 2 {
            v.rescale(2);
        }
        v
    };
    tolerance::differs(printed_value, computed, terms, scale).then(|| Mismatch {
        unit: common,
        printed: tidy(printed_value),
        computed: tidy(computed),
    })
}

/// Shows an amount as computed (`36388.74`, `-6.07`, `88282511`).
pub(crate) fn show(value: Decimal) -> String {
    value.to_string()
}

/// ` 万元` / ` 元` / `` for a unit.
pub(crate) fn unit_suffix(unit: Option<MoneyUnit>) -> String {
    unit.map(|u| format!(" {}", u.chinese()))
        .unwrap_or_default()
}

/// The parts of a row identity as a reviewer reads them: the first two and every printed one
/// (`基本支出 + 项目支出`; blank extra columns such as 经营支出 are zero and left out).
pub(crate) fn identity_parts_name(parts: &[Figure]) -> String {
    parts
        .iter()
        .enumerate()
        .filter(|(i, p)| *i < 2 || p.printed)
        .map(|(_, p)| p.name.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// `基本支出 + 项目支出`, or `5 项之和` for long lists.
pub(crate) fn parts_name(parts: &[Figure], many: &str) -> String {
    if parts.len() <= 4 {
        parts
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    } else {
        format!("{many}（{} 项）之和", parts.len())
    }
}

/// A finding from a mismatch: `subject printed ≠ what computed (差 d)`.
pub(crate) fn mismatch_finding(
    info: &'static RuleInfo,
    doc: &Disclosure,
    subject: &str,
    printed: &Figure,
    what: &str,
    parts: &[Figure],
    m: &Mismatch,
) -> Finding {
    let unit = unit_suffix(m.unit);
    let message = format!(
        "{subject} {}{unit} ≠ {what} {}{unit}（差 {}）",
        show(m.printed),
        show(m.computed),
        show(m.difference()),
    );
    let mut locations = vec![printed.location.clone()];
    locations.extend(parts.iter().map(|p| p.location.clone()));
    Finding {
expected: Some(m.computed),
actual: Some(m.printed),
unit: m.unit,
..finding(info, doc, message, locations)
}
}

/// The tables a rule may judge: readable ones with rows.
pub(crate) fn judged(doc: &Disclosure) -> impl Iterator<Item = &Table> {
    doc.tables
        .iter()
        .filter(|t| t.unreadable.is_none() && !t.rows.is_empty())
}

/// The 合计 row of a one-sided table (a total row without a code).
pub(crate) fn total_row(table: &Table) -> Option<&Row> {
    table
        .rows
        .iter()
        .find(|r| r.is_total && r.code.is_none() && r.side.is_none())
}

/// The identities between a row's columns, from the columns present (shared with extraction).
pub use yusuan_model::row_identities;

// ---------------------------------------------------------------------------------------------
// Lines of the two-sided summary tables (收支总表, 财政拨款收支总表).
// ---------------------------------------------------------------------------------------------

/// How a summary line is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Enumeration {
    /// `一、` `十二、`: a line of the table's own list.
    Chinese,
    /// `1.` `1、` `（一）` `其中：`: a sub-item of the line above.
    Sub,
    /// Not numbered.
    None,
}

pub(crate) const NUMERALS: &str = "一二三四五六七八九十百零〇";

pub(crate) fn squeeze(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How a line's name is numbered.
pub(crate) fn enumeration(name: &str) -> Enumeration {
    let t = squeeze(name);
    let lead = t.chars().take_while(|c| NUMERALS.contains(*c)).count();
    if lead > 0 && matches!(t.chars().nth(lead), Some('、' | '.' | '．' | '，' | ',')) {
        return Enumeration::Chinese;
    }
    if t.starts_with("其中") || t.starts_with('（') || t.starts_with('(') {
        return Enumeration::Sub;
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0
        && matches!(
            t.chars().nth(digits),
            None | Some('.' | '、' | '．' | ')' | '）')
        )
    {
        return Enumeration::Sub;
    }
    Enumeration::None
}

/// The name without its numbering (`十二、城乡社区支出` → `城乡社区支出`).
pub(crate) fn strip_enumeration(name: &str) -> String {
    let t = squeeze(name);
    let t = t.strip_prefix("其中").unwrap_or(&t);
    let t = t.trim_start_matches([':', '：']);
    let t = t.trim_start_matches(|c: char| {
        NUMERALS.contains(c) || c.is_ascii_digit() || "、.．，,()（）".contains(c)
    });
    t.to_string()
}

/// A line of one side of a summary table with its sub-items.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    pub row: &'a Row,
    pub subs: Vec<&'a Row>,
}

/// One side of a two-sided summary table, read by its structure: the year's lines, the year's
/// total (本年收入合计 / 本年支出合计), the balance lines after it (上年结转, 年末结转, 结余分配 …)
/// and the grand total (收入总计 / 支出总计).
#[derive(Debug)]
pub(crate) struct SideLines<'a> {
    pub lines: Vec<Line<'a>>,
    pub current_total: Option<&'a Row>,
    pub balances: Vec<Line<'a>>,
    pub grand_total: Option<&'a Row>,
}

pub(crate) fn is_balance_item(item: &str) -> bool {
    matches!(
        item,
        "income.carryover"
            | "income.use_of_balance"
            | "expenditure.closing_balance"
            | "expenditure.balance_distribution"
    )
}

/// Reads one side of a two-sided table.
///
/// The year's lines are the table's numbered list (`一、…`) with their sub-items (`1. …`,
/// `其中：…`); an unnumbered line amid a numbered list is not one of its lines (a wrapped name).
/// When the list is not numbered, every line is one. After the year's total, unnumbered lines are
/// balances and numbered lines under them their sub-items (`年初财政拨款结转和结余` / `一、一般公共预算…`).
pub(crate) fn side_lines(table: &Table, side: Side) -> SideLines<'_> {
    let mut current_rows: Vec<&Row> = Vec::new();
    let mut balance_rows: Vec<&Row> = Vec::new();
    let mut current_total = None;
    let mut grand_total = None;
    for row in table.rows_on(Some(side)) {
        let item = row.item.as_deref().unwrap_or("");
        if item.ends_with(".current_year_total") {
            current_total.get_or_insert(row);
            continue;
        }
        if item.ends_with(".grand_total") {
            grand_total = Some(row);
            break;
        }
        if row.is_total {
            continue;
        }
        if current_total.is_some() || is_balance_item(item) {
            balance_rows.push(row);
        } else {
            current_rows.push(row);
        }
    }
    let numbered = current_rows
        .iter()
        .any(|r| enumeration(&r.name) == Enumeration::Chinese);
    let mut lines: Vec<Line> = Vec::new();
    for row in current_rows {
        match enumeration(&row.name) {
            Enumeration::Chinese => lines.push(Line { row, subs: vec![] }),
            Enumeration::Sub => match lines.last_mut() {
                Some(last) => last.subs.push(row),
                None if !numbered => lines.push(Line { row, subs: vec![] }),
                None => {}
            },
            Enumeration::None if !numbered => lines.push(Line { row, subs: vec![] }),
            Enumeration::None => {}
        }
    }
    let mut balances: Vec<Line> = Vec::new();
    for row in balance_rows {
        match (enumeration(&row.name), balances.last_mut()) {
            (Enumeration::None, _) | (_, None) => balances.push(Line { row, subs: vec![] }),
            (_, Some(last)) => last.subs.push(row),
        }
    }
    SideLines {
        lines,
        current_total,
        balances,
        grand_total,
    }
}

impl SideLines<'_> {
    /// The figure of the year's total: 本年…合计 when printed, else 总计 when no balance line holds
    /// an amount (a table that prints only 总计).
    pub fn year_total(&self) -> Option<&Row> {
        self.current_total.or_else(|| {
            let balances_blank = self
                .balances
                .iter()
                .all(|l| l.row.cells.values().all(|v| v.is_zero()) && l.row.uncertain.is_empty());
            self.grand_total.filter(|_| balances_blank)
        })
    }

    /// The year's top-level line with this item.
    pub fn line_with_item(&self, item: &str) -> Option<&Row> {
        self.lines
            .iter()
            .map(|l| l.row)
            .find(|r| r.item.as_deref() == Some(item))
    }
}

/// The first row of a 三公 table printed by rows with this item.
pub(crate) fn item_row<'a>(table: &'a Table, item: &str) -> Option<&'a Row> {
    table.rows.iter().find(|r| r.item.as_deref() == Some(item))
}
