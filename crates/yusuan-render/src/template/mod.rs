//! The input template: the workbook a department fills in once, from which `yusuan render`
//! derives and prints the whole disclosure. [`template`] writes it blank (`blank.rs`); [`read()`]
//! reads a filled one through `yusuan_read::sheets` (`read.rs`).
//!
//! The template holds only what a department types: the detail rows (项 of the functional
//! classification, 款 of the economic one) and the figures no table derives (三公, units, free
//! text, performance targets). Parents, totals and the summary tables are derived. Amounts are
//! read from the cells' shortest decimal representation (XLSX stores numbers as binary doubles;
//! amounts up to 15 significant digits come back exactly).

use yusuan_model::{ColumnKey, TableKind};

use crate::workbook::{header_format, help_format, xerr};

mod blank;
mod read;

pub use blank::template;
pub use read::read;

/// A sheet of detail rows: its name, the table it feeds, the code header and the amount columns.
pub(crate) struct DetailSheet {
    name: &'static str,
    kind: TableKind,
    code_header: &'static str,
    columns: &'static [(&'static str, ColumnKey)],
    help: &'static str,
}

const SPENDING: &[(&str, ColumnKey)] = &[
    ("基本支出", ColumnKey::BASIC),
    ("项目支出", ColumnKey::PROJECT),
];

pub(crate) const DETAIL_SHEETS: &[DetailSheet] = &[
    DetailSheet {
        name: "收入总表",
        kind: TableKind::Income,
        code_header: "功能分类科目编码（项，7位）",
        columns: &[
            ("财政拨款收入", ColumnKey::FISCAL_APPROPRIATION),
            ("财政专户收入", ColumnKey::FISCAL_SPECIAL_ACCOUNT),
            ("事业收入", ColumnKey::BUSINESS_INCOME),
            ("经营收入", ColumnKey::OPERATING_INCOME),
            ("上级补助收入", ColumnKey::SUPERIOR_SUBSIDY),
            ("附属单位上缴收入", ColumnKey::SUBORDINATE_REMITTANCE),
            ("其他收入", ColumnKey::OTHER_INCOME),
            ("上年结转", ColumnKey::CARRYOVER),
        ],
        help: "每个功能分类“项”一行，按收入来源填列。合计、类、款和合计行自动计算。全部支出均由财政拨款安排时可不填本表。",
    },
    DetailSheet {
        name: "支出总表",
        kind: TableKind::Expenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: &[
            ("基本支出", ColumnKey::BASIC),
            ("项目支出", ColumnKey::PROJECT),
            ("经营支出", ColumnKey::OPERATING_EXPENDITURE),
            ("上缴上级支出", ColumnKey::REMIT_TO_SUPERIOR),
            ("对附属单位补助支出", ColumnKey::SUBSIDY_TO_SUBORDINATE),
        ],
        help: "每个功能分类“项”一行（必填）。合计列、类、款和合计行自动计算。",
    },
    DetailSheet {
        name: "一般公共预算",
        kind: TableKind::GeneralPublicExpenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: SPENDING,
        help: "一般公共预算财政拨款支出，每个“项”一行。支出全部为一般公共预算拨款时可不填。",
    },
    DetailSheet {
        name: "基本支出",
        kind: TableKind::BasicExpenditure,
        code_header: "部门预算支出经济分类科目编码（款，5位）",
        columns: &[
            ("人员经费", ColumnKey::PERSONNEL),
            ("公用经费", ColumnKey::PUBLIC_USE),
        ],
        help: "一般公共预算财政拨款基本支出，按经济分类“款”一行。301、303 为人员经费，302 等为公用经费。",
    },
    DetailSheet {
        name: "政府性基金",
        kind: TableKind::GovernmentFundExpenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: SPENDING,
        help: "政府性基金预算财政拨款支出。无此项预算时留空，将按空表列示并加注说明。",
    },
    DetailSheet {
        name: "国有资本经营",
        kind: TableKind::StateCapitalExpenditure,
        code_header: "功能分类科目编码（项，7位）",
        columns: SPENDING,
        help: "国有资本经营预算财政拨款支出。无此项预算时留空，将按空表列示并加注说明。",
    },
];

/// The 三公 sheet's lines: label, column key.
pub(crate) const THREE_PUBLIC: &[(&str, ColumnKey)] = &[
    ("因公出国（境）费", ColumnKey::OUTBOUND),
    ("公务用车购置费", ColumnKey::VEHICLE_PURCHASE),
    ("公务用车运行维护费", ColumnKey::VEHICLE_OPERATION),
    ("公务接待费", ColumnKey::RECEPTION),
    ("机关运行经费", ColumnKey::OPERATION_COST),
];

pub(crate) const INFO_KEYS: &[(&str, &str)] = &[
    ("部门名称", "如：邯郸市住房保障和房产管理局"),
    ("部门编码", "如：502（可不填）"),
    ("预算年度", "如：2025"),
    ("文档类型", "部门预算 或 单位预算"),
    ("金额单位", "万元 或 元（各表一致）"),
];

pub(crate) const TEXT_KEYS: &[(&str, &str)] = &[
    ("部门职责", "部门职责的文字，段落之间空一行"),
    ("机构设置", "机构设置的说明文字（单位列表填在“单位”表）"),
    ("project", "项目支出主要用于……"),
    ("change.total", "收支总额比上年增减的主要原因"),
    ("change.basic", "基本支出增减的主要原因"),
    ("change.project", "项目支出增减的主要原因"),
    ("operation_cost", "机关运行经费主要用于……"),
    ("three_public", "“三公”经费增减的主要原因"),
];

pub(crate) const PERFORMANCE_HEADERS: &[&str] = &[
    "项目名称",
    "预算数",
    "财政资金",
    "其他资金",
    "年度绩效目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标值确定依据",
];
