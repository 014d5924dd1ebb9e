//! Cross-table identities (YS3xx) between the nine standard tables.
//!
//! Each rule compares a figure of one table with the figure (or the sum of figures) another table
//! prints for the same thing. Tables may be printed in different units (Shanghai prints its tables
//! in 元 and the 三公 table in 万元): figures are converted exactly into the coarser unit and the
//! tolerance follows the precision of the figures printed in it. Uncertain cells and unreadable
//! tables are never judged.

use yusuan_model::{
    ColumnKey, Disclosure, Finding, Location, Row, Severity, Side, Table, TableKind,
};

use crate::arithmetic::{
    column_name, compare, figure, main_key, mismatch_finding, parts_name, row_figure, row_name,
    show, side_keys, side_lines, strip_enumeration, total_row, unit_suffix, Figure, Line, Mismatch,
    SideLines,
};
use crate::{support, Family, Rule, RuleInfo};

/// The rules of this family.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &SummaryVsIncome,
        &SummaryVsExpenditure,
        &IncomeVsExpenditureRows,
        &FiscalSummaryVsFundTables,
        &BasicTotalVsBasicTable,
        &ThreePublicVsBasic,
    ]
}

/// The first readable table of a kind.
fn first(doc: &Disclosure, kind: TableKind) -> Option<&Table> {
    support::tables(doc, kind).next()
}

/// The 类 (functional classification, 3 digits) and the names they have been printed with.
const CATEGORIES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    ("204", &["公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    ("207", &["文化旅游体育与传媒支出", "文化体育与传媒支出"]),
    ("208", &["社会保障和就业支出"]),
    ("209", &["社会保险基金支出"]),
    (
        "210",
        &["卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"],
    ),
    ("211", &["节能环保支出"]),
    ("212", &["城乡社区支出", "城乡社区事务支出"]),
    ("213", &["农林水支出", "农林水事务支出"]),
    ("214", &["交通运输支出"]),
    (
        "215",
        &[
            "资源勘探工业信息等支出",
            "资源勘探信息等支出",
            "资源勘探电力信息等支出",
        ],
    ),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出", "金融监管等事务支出"]),
    ("219", &["援助其他地区支出"]),
    (
        "220",
        &[
            "自然资源海洋气象等支出",
            "国土海洋气象等支出",
            "国土资源气象等支出",
        ],
    ),
    ("221", &["住房保障支出"]),
    ("222", &["粮油物资储备支出", "粮油物资储备管理事务"]),
    ("223", &["国有资本经营预算支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
    ("234", &["抗疫特别国债安排的支出"]),
];

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The 类 row of a coded table that a summary line (`十二、城乡社区支出`) stands for: by name, or
/// by the code the name has (had) in the classification.
fn category_row<'a>(table: &'a Table, line_name: &str) -> Option<&'a Row> {
    let name = strip_enumeration(line_name);
    if name.is_empty() {
        return None;
    }
    let categories = || {
        table
            .rows
            .iter()
            .filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
    };
    categories().find(|r| squeeze(&r.name) == name).or_else(|| {
        let code = CATEGORIES
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))?
            .0;
        categories().find(|r| r.code.as_deref() == Some(code))
    })
}

/// A finding comparing a figure of one table with figures of another.
#[allow(clippy::too_many_arguments)]
fn cross_finding(
    info: &'static RuleInfo,
    doc: &Disclosure,
    printed_table: &Table,
    printed: &Figure,
    parts_table: &Table,
    parts: &[Figure],
    m: &Mismatch,
) -> Finding {
    let subject = format!("《{}》{}", printed_table.title, printed.name);
    let what = format!("《{}》{}", parts_table.title, parts_name(parts, "各项"));
    mismatch_finding(info, doc, &subject, printed, &what, parts, m)
}

/// Compares and reports in one step.
#[allow(clippy::too_many_arguments)]
fn check_pair(
    info: &'static RuleInfo,
    doc: &Disclosure,
    printed_table: &Table,
    printed: Option<Figure>,
    parts_table: &Table,
    parts: Option<Vec<Figure>>,
    out: &mut Vec<Finding>,
) {
    let (Some(printed), Some(parts)) = (printed, parts) else {
        return;
    };
    if let Some(m) = compare(&printed, &parts) {
        out.push(cross_finding(
            info,
            doc,
            printed_table,
            &printed,
            parts_table,
            &parts,
            &m,
        ));
    }
}

/// A row's figure named `合计行 财政拨款收入` / `212 城乡社区支出 合计`.
fn named_figure(table: &Table, row: &Row, key: &ColumnKey) -> Option<Figure> {
    let name = format!("{} {}", row_name(row), column_name(table, key));
    figure(table, row, key, name)
}

/// Zero for a table printed empty (空表), located at its title.
fn empty_table_zero(table: &Table) -> Figure {
    Figure {
        value: rust_decimal::Decimal::ZERO,
        printed: false,
        unit: table.unit,
        precision: crate::arithmetic::table_precision(table),
        name: "（空表）".to_string(),
        location: support::table_location(table),
    }
}

// ---------------------------------------------------------------------------------------------
// YS301 summary-vs-income
// ---------------------------------------------------------------------------------------------

/// YS301 收支总表收入与收入总表不符: an income line of the 收支总表 (财政拨款收入, 事业收入, 其他收入,
/// 上年结转 …, 本年收入合计, 收入总计) differs from the column total the 收入总表 prints for it.
pub struct SummaryVsIncome;

static SUMMARY_VS_INCOME: RuleInfo = RuleInfo {
    code: "YS301",
    name: "summary-vs-income",
    title: "收支总表收入与收入总表不符",
    family: Family::CrossTable,
    severity: Severity::Error,
    doc: include_str!("../docs/YS301.md"),
};

/// The 收支总表 income item of each 收入总表 source column.
const INCOME_SOURCES: &[(&str, ColumnKey)] = &[
    (
        "income.fiscal_special_account",
        ColumnKey::FISCAL_SPECIAL_ACCOUNT,
    ),
    ("income.business", ColumnKey::BUSINESS_INCOME),
    ("income.operating", ColumnKey::OPERATING_INCOME),
    ("income.superior_subsidy", ColumnKey::SUPERIOR_SUBSIDY),
    (
        "income.subordinate_remittance",
        ColumnKey::SUBORDINATE_REMITTANCE,
    ),
    ("income.other", ColumnKey::OTHER_INCOME),
    ("income.unit_funds", ColumnKey::UNIT_FUNDS),
];

const FUND_ITEMS: [(&str, ColumnKey); 3] = [
    ("income.general_public", ColumnKey::GENERAL_PUBLIC),
    ("income.government_fund", ColumnKey::GOVERNMENT_FUND),
    ("income.state_capital", ColumnKey::STATE_CAPITAL),
];

impl Rule for SummaryVsIncome {
    fn info(&self) -> &'static RuleInfo {
        &SUMMARY_VS_INCOME
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(summary), Some(income)) = (
            first(doc, TableKind::IncomeExpenseSummary),
            first(doc, TableKind::Income),
        ) else {
            return;
        };
        let (Some(total), Some(skey)) = (total_row(income), main_key(summary, Some(Side::Income)))
        else {
            return;
        };
        let s = side_lines(summary, Side::Income);
        let line = |r: &Row| row_figure(summary, r, &skey);
        let has = |k: &ColumnKey| income.column(k).is_some();
        let mut pair = |key: ColumnKey, lines: Vec<&Row>| {
            if !has(&key) || lines.is_empty() {
                return;
            }
            check_pair(
                self.info(),
                doc,
                income,
                named_figure(income, total, &key),
                summary,
                lines.into_iter().map(line).collect(),
                out,
            );
        };
        // 财政拨款: one line, or its funds listed as lines of their own.
        if has(&ColumnKey::FISCAL_APPROPRIATION) {
            match s.line_with_item("income.fiscal_appropriation") {
                Some(r) => pair(ColumnKey::FISCAL_APPROPRIATION, vec![r]),
                None => pair(
                    ColumnKey::FISCAL_APPROPRIATION,
                    FUND_ITEMS
                        .iter()
                        .filter_map(|(item, _)| s.line_with_item(item))
                        .collect(),
                ),
            }
        } else {
            for (item, key) in FUND_ITEMS {
                pair(key, s.line_with_item(item).into_iter().collect());
            }
        }
        for (item, key) in INCOME_SOURCES {
            pair(key.clone(), s.line_with_item(item).into_iter().collect());
        }
        let carryover: Vec<&Row> = s
            .balances
            .iter()
            .map(|l| l.row)
            .filter(|r| r.item.as_deref() == Some("income.carryover"))
            .take(1)
            .collect();
        pair(ColumnKey::CARRYOVER, carryover);
        // Totals: 本年收入合计 ↔ 小计 (or 合计 when the table has no carryover column);
        // 收入总计 ↔ 合计 when the income table includes the carryover.
        let with_carryover = has(&ColumnKey::CARRYOVER);
        if let Some(current) = s.current_total {
            let key = if !with_carryover {
                Some(ColumnKey::TOTAL)
            } else if has(&ColumnKey::SUBTOTAL) {
                Some(ColumnKey::SUBTOTAL)
            } else {
                None
            };
            if let Some(key) = key {
                pair(key, vec![current]);
            }
        }
        if with_carryover {
            pair(ColumnKey::TOTAL, s.grand_total.into_iter().collect());
        } else if s.current_total.is_none() {
            pair(ColumnKey::TOTAL, s.year_total().into_iter().collect());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS302 summary-vs-expenditure
// ---------------------------------------------------------------------------------------------

/// YS302 收支总表支出与支出总表不符: an expenditure line of the 收支总表 (by functional 类) differs
/// from the 支出总表's 类 row, or 本年支出合计 from the 支出总表's 合计.
pub struct SummaryVsExpenditure;

static SUMMARY_VS_EXPENDITURE: RuleInfo = RuleInfo {
    code: "YS302",
    name: "summary-vs-expenditure",
    title: "收支总表支出与支出总表不符",
    family: Family::CrossTable,
    severity: Severity::Error,
    doc: include_str!("../docs/YS302.md"),
};

impl Rule for SummaryVsExpenditure {
    fn info(&self) -> &'static RuleInfo {
        &SUMMARY_VS_EXPENDITURE
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(summary), Some(spending)) = (
            first(doc, TableKind::IncomeExpenseSummary),
            first(doc, TableKind::Expenditure),
        ) else {
            return;
        };
        let Some(skey) = main_key(summary, Some(Side::Expenditure)) else {
            return;
        };
        let skeys = side_keys(summary, Some(Side::Expenditure));
        let s = side_lines(summary, Side::Expenditure);
        let compare_rows = |line: &Row, row: &Row, out: &mut Vec<Finding>| {
            let fig = |k: &ColumnKey| row_figure(summary, line, k);
            // 合计 ↔ 合计.
            check_pair(
                self.info(),
                doc,
                spending,
                named_figure(spending, row, &ColumnKey::TOTAL),
                summary,
                fig(&skey).map(|f| vec![f]),
                out,
            );
            // Unit templates split the summary's spending: 项目支出 ↔ 项目支出,
            // 人员经费 + 公用经费 ↔ 基本支出.
            if skeys.contains(&ColumnKey::PROJECT) {
                check_pair(
                    self.info(),
                    doc,
                    spending,
                    named_figure(spending, row, &ColumnKey::PROJECT),
                    summary,
                    fig(&ColumnKey::PROJECT).map(|f| vec![f]),
                    out,
                );
            }
            if skeys.contains(&ColumnKey::PERSONNEL) && skeys.contains(&ColumnKey::PUBLIC_USE) {
                check_pair(
                    self.info(),
                    doc,
                    spending,
                    named_figure(spending, row, &ColumnKey::BASIC),
                    summary,
                    [ColumnKey::PERSONNEL, ColumnKey::PUBLIC_USE]
                        .iter()
                        .map(fig)
                        .collect(),
                    out,
                );
            }
        };
        for line in &s.lines {
            if let Some(row) = category_row(spending, &line.row.name) {
                compare_rows(line.row, row, out);
            }
        }
        if let (Some(year), Some(total)) = (s.year_total(), total_row(spending)) {
            compare_rows(year, total, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YS303 income-vs-expenditure-rows
// ---------------------------------------------------------------------------------------------

/// YS303 收入总表与支出总表分科目不符: in a budget, the 收入总表 and the 支出总表 are both classified
/// by function and must agree code by code on 合计.
pub struct IncomeVsExpenditureRows;

static INCOME_VS_EXPENDITURE_ROWS: RuleInfo = RuleInfo {
    code: "YS303",
    name: "income-vs-expenditure-rows",
    title: "收入总表与支出总表分科目不符",
    family: Family::CrossTable,
    severity: Severity::Error,
    doc: include_str!("../docs/YS303.md"),
};

impl Rule for IncomeVsExpenditureRows {
    fn info(&self) -> &'static RuleInfo {
        &INCOME_VS_EXPENDITURE_ROWS
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        // In final accounts income and spending differ by the year's balances.
        if doc.kind.is_final_accounts() {
            return;
        }
        let (Some(income), Some(spending)) = (
            first(doc, TableKind::Income),
            first(doc, TableKind::Expenditure),
        ) else {
            return;
        };
        let total = ColumnKey::TOTAL;
        for row in &spending.rows {
            let Some(code) = row.code.as_deref() else {
                continue;
            };
            let (Some(s), Some(i)) = (unique_code(spending, code), unique_code(income, code))
            else {
                continue;
            };
            check_pair(
                self.info(),
                doc,
                spending,
                named_figure(spending, s, &total),
                income,
                named_figure(income, i, &total).map(|f| vec![f]),
                out,
            );
        }
        if let (Some(s), Some(i)) = (total_row(spending), total_row(income)) {
            check_pair(
                self.info(),
                doc,
                spending,
                named_figure(spending, s, &total),
                income,
                named_figure(income, i, &total).map(|f| vec![f]),
                out,
            );
        }
    }
}

/// The only row with this code (`None` when absent or printed twice).
fn unique_code<'a>(table: &'a Table, code: &str) -> Option<&'a Row> {
    let mut rows = table
        .rows
        .iter()
        .filter(|r| r.code.as_deref() == Some(code));
    let first = rows.next()?;
    rows.next().is_none().then_some(first)
}

// ---------------------------------------------------------------------------------------------
// YS304 fiscal-summary-vs-fund-tables
// ---------------------------------------------------------------------------------------------

/// YS304 财政拨款收支总表与分资金支出表不符: a fund column of the 财政拨款收支总表 (一般公共预算 /
/// 政府性基金 / 国有资本经营) differs from that fund's expenditure table, by 类 or in total; or a
/// fund's income line differs from the spending of that fund.
pub struct FiscalSummaryVsFundTables;

static FISCAL_SUMMARY_VS_FUND_TABLES: RuleInfo = RuleInfo {
    code: "YS304",
    name: "fiscal-summary-vs-fund-tables",
    title: "财政拨款收支总表与分资金支出表不符",
    family: Family::CrossTable,
    severity: Severity::Error,
    doc: include_str!("../docs/YS304.md"),
};

const FUNDS: [(ColumnKey, TableKind, &str); 3] = [
    (
        ColumnKey::GENERAL_PUBLIC,
        TableKind::GeneralPublicExpenditure,
        "income.general_public",
    ),
    (
        ColumnKey::GOVERNMENT_FUND,
        TableKind::GovernmentFundExpenditure,
        "income.government_fund",
    ),
    (
        ColumnKey::STATE_CAPITAL,
        TableKind::StateCapitalExpenditure,
        "income.state_capital",
    ),
];

/// The first row with this item among lines and their sub-items.
fn find_item<'a>(lines: &[Line<'a>], item: &str) -> Option<&'a Row> {
    lines
        .iter()
        .flat_map(|l| std::iter::once(l.row).chain(l.subs.iter().copied()))
        .find(|r| r.item.as_deref() == Some(item))
}

impl Rule for FiscalSummaryVsFundTables {
    fn info(&self) -> &'static RuleInfo {
        &FISCAL_SUMMARY_VS_FUND_TABLES
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let Some(fiscal) = first(doc, TableKind::FiscalSummary) else {
            return;
        };
        let spending = side_lines(fiscal, Side::Expenditure);
        let income = side_lines(fiscal, Side::Income);
        let fiscal_keys = side_keys(fiscal, Some(Side::Expenditure));
        for (key, kind, item) in FUNDS {
            if !fiscal_keys.contains(&key) {
                continue;
            }
            if let Some(fund) = first(doc, kind) {
                self.against_fund_table(doc, fiscal, &spending, fund, &key, out);
            }
            self.income_against_spending(doc, fiscal, &income, &spending, &key, item, out);
        }
    }
}

impl FiscalSummaryVsFundTables {
    fn against_fund_table(
        &self,
        doc: &Disclosure,
        fiscal: &Table,
        spending: &SideLines,
        fund: &Table,
        key: &ColumnKey,
        out: &mut Vec<Finding>,
    ) {
        let empty = fund.rows.is_empty();
        let fund_figure = |row: Option<&Row>| -> Option<Figure> {
            match row {
                Some(r) => named_figure(fund, r, &ColumnKey::TOTAL),
                None if empty && fund.empty => Some(empty_table_zero(fund)),
                None => None,
            }
        };
        for line in &spending.lines {
            let row = category_row(fund, &line.row.name);
            if row.is_none() && !empty {
                continue;
            }
            check_pair(
                self.info(),
                doc,
                fund,
                fund_figure(row),
                fiscal,
                row_figure(fiscal, line.row, key).map(|f| vec![f]),
                out,
            );
        }
        if let Some(year) = spending.year_total() {
            let total = total_row(fund);
            if total.is_none() && !empty {
                return;
            }
            check_pair(
                self.info(),
                doc,
                fund,
                fund_figure(total),
                fiscal,
                row_figure(fiscal, year, key).map(|f| vec![f]),
                out,
            );
        }
    }

    /// 收入 (fund) + 年初结转 (fund) = 本年支出 (fund) + 年末结转 (fund).
    #[allow(clippy::too_many_arguments)]
    fn income_against_spending(
        &self,
        doc: &Disclosure,
        fiscal: &Table,
        income: &SideLines,
        spending: &SideLines,
        key: &ColumnKey,
        item: &str,
        out: &mut Vec<Finding>,
    ) {
        let (Some(ikey), Some(year)) =
            (main_key(fiscal, Some(Side::Income)), spending.year_total())
        else {
            return;
        };
        let Some(line) = find_item(&income.lines, item) else {
            return;
        };
        let mut parts: Vec<Figure> = Vec::new();
        let Some(f) = row_figure(fiscal, line, &ikey) else {
            return;
        };
        parts.push(f);
        // The fund's carryover, when the income side prints one.
        match find_item(&income.balances, item) {
            Some(r) => match row_figure(fiscal, r, &ikey) {
                Some(f) => parts.push(f),
                None => return,
            },
            None => {
                let blank = income.balances.iter().all(|l| {
                    l.row.cells.values().all(|v| v.is_zero()) && l.row.uncertain.is_empty()
                });
                if !blank {
                    return;
                }
            }
        }
        // The fund's closing balance on the spending side, subtracted.
        if spending.current_total.is_some() {
            for l in &spending.balances {
                let Some(mut f) = row_figure(fiscal, l.row, key) else {
                    return;
                };
                if f.value.is_zero() {
                    continue;
                }
                f.value = -f.value;
                f.name = format!("−{}", f.name);
                parts.push(f);
            }
        }
        check_pair(
            self.info(),
            doc,
            fiscal,
            row_figure(fiscal, year, key),
            fiscal,
            Some(parts),
            out,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// YS305 basic-total-vs-basic-table
// ---------------------------------------------------------------------------------------------

/// YS305 基本支出合计与基本支出表不符: the 基本支出 total of the 一般公共预算支出表 differs from the
/// 合计 of the 基本支出表.
pub struct BasicTotalVsBasicTable;

static BASIC_TOTAL_VS_BASIC_TABLE: RuleInfo = RuleInfo {
    code: "YS305",
    name: "basic-total-vs-basic-table",
    title: "基本支出合计与基本支出表不符",
    family: Family::CrossTable,
    severity: Severity::Error,
    doc: include_str!("../docs/YS305.md"),
};

impl Rule for BasicTotalVsBasicTable {
    fn info(&self) -> &'static RuleInfo {
        &BASIC_TOTAL_VS_BASIC_TABLE
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(general), Some(basic)) = (
            first(doc, TableKind::GeneralPublicExpenditure),
            first(doc, TableKind::BasicExpenditure),
        ) else {
            return;
        };
        let (Some(g), Some(b)) = (total_row(general), total_row(basic)) else {
            return;
        };
        check_pair(
            self.info(),
            doc,
            basic,
            named_figure(basic, b, &ColumnKey::TOTAL),
            general,
            named_figure(general, g, &ColumnKey::BASIC).map(|f| vec![f]),
            out,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// YS306 three-public-vs-basic
// ---------------------------------------------------------------------------------------------

/// YS306 基本支出中的接待费、公务用车运行费超过“三公”经费: 30217 公务接待费 or 30231 公务用车运行维护费
/// in the 基本支出表 is larger than the 三公 table's 公务接待费 / 公务用车运行费 (which also include
/// project-funded amounts, so only an excess is reported).
pub struct ThreePublicVsBasic;

static THREE_PUBLIC_VS_BASIC: RuleInfo = RuleInfo {
    code: "YS306",
    name: "three-public-vs-basic",
    title: "基本支出中的接待费或公务用车运行费超过“三公”经费",
    family: Family::CrossTable,
    severity: Severity::Warning,
    doc: include_str!("../docs/YS306.md"),
};

/// The 三公 table's figure for a category: its category column in the single data row (the
/// 决算数 row of final accounts), or the category row's 一般公共预算 (or only) column.
fn three_public_figure(
    doc: &Disclosure,
    table: &Table,
    key: &ColumnKey,
    item: &str,
) -> Option<Figure> {
    if table.column(key).is_some() {
        let data: Vec<&Row> = table.rows.iter().collect();
        let row = match data.as_slice() {
            [only] => *only,
            rows => {
                let wanted = if doc.kind.is_final_accounts() {
                    "决算数"
                } else {
                    "预算数"
                };
                let mut named = rows.iter().filter(|r| squeeze(&r.name) == wanted);
                let row = named.next()?;
                if named.next().is_some() {
                    return None;
                }
                *row
            }
        };
        // The single data row has no name of its own: the column names the figure.
        let name = match squeeze(&row.name).as_str() {
            "" => column_name(table, key),
            n => format!("{n} {}", column_name(table, key)),
        };
        return figure(table, row, key, name);
    }
    let row = table
        .rows
        .iter()
        .find(|r| r.item.as_deref() == Some(item))?;
    let keys = side_keys(table, None);
    let fund = if keys.contains(&ColumnKey::GENERAL_PUBLIC) {
        ColumnKey::GENERAL_PUBLIC
    } else if keys == [ColumnKey::TOTAL] {
        ColumnKey::TOTAL
    } else {
        return None;
    };
    named_figure(table, row, &fund)
}

impl Rule for ThreePublicVsBasic {
    fn info(&self) -> &'static RuleInfo {
        &THREE_PUBLIC_VS_BASIC
    }

    fn check(&self, doc: &Disclosure, out: &mut Vec<Finding>) {
        let (Some(basic), Some(three)) = (
            first(doc, TableKind::BasicExpenditure),
            first(doc, TableKind::ThreePublic),
        ) else {
            return;
        };
        for (code, key, item) in [
            ("30217", ColumnKey::RECEPTION, "three_public.reception"),
            (
                "30231",
                ColumnKey::VEHICLE_OPERATION,
                "three_public.vehicle_operation",
            ),
        ] {
            let Some(row) = basic.rows.iter().find(|r| r.code.as_deref() == Some(code)) else {
                continue;
            };
            let (Some(b), Some(t)) = (
                named_figure(basic, row, &ColumnKey::TOTAL),
                three_public_figure(doc, three, &key, item),
            ) else {
                continue;
            };
            let Some(m) = compare(&b, std::slice::from_ref(&t)) else {
                continue;
            };
            if m.difference().is_sign_negative() {
                continue;
            }
            let unit = unit_suffix(m.unit);
            // The basic-table figure as printed, and converted when the units differ.
            let printed = if b.unit == m.unit {
                format!("{}{unit}", show(m.printed))
            } else {
                format!(
                    "{}{}（{}{unit}）",
                    show(b.value),
                    unit_suffix(b.unit),
                    show(m.printed)
                )
            };
            let message = format!(
                "《{}》{} {printed} 超过《{}》{} {}{unit}（多 {}{unit}）：基本支出安排的该项经费不应多于“三公”经费中的同项",
                basic.title,
                b.name,
                three.title,
                t.name,
                show(m.computed),
                show(m.difference()),
            );
            let locations: Vec<Location> = vec![b.location.clone(), t.location.clone()];
            out.push(Finding {
                rule: self.info().code.to_string(),
                severity: self.info().severity,
                message,
                expected: Some(m.computed),
                actual: Some(m.printed),
                unit: m.unit,
                locations,
                related: Vec::new(),
                document: doc.source.path.clone(),
            });
        }
    }
}
