//! Rendering a budget disclosure (部门预算 / 单位预算) that cannot contradict itself.
//!
//! The input is the model ([`yusuan_model::Disclosure`]), from JSON or from an XLSX workbook in the
//! template layout ([`template`]), holding the detail rows a department types once. [`derive`]
//! computes everything else from them — parent rows (类/款 from 项), total rows, row totals, the
//! summary tables (收支总表, 财政拨款收支总表) and, where the data determine them, the income and
//! general-public tables — with exact decimals, never overwriting a printed figure. [`explain`]
//! writes the explanation's figures (收入说明, 支出说明, 机关运行经费, 三公, the change against the
//! previous year) as sentences in the standard wording, joined with the user's free text. The
//! result is rendered as one self-contained HTML file ([`html`]), a PDF printed from it by headless
//! Chromium ([`pdf`]), a workbook with one sheet per table ([`workbook::write`]) or tab-separated
//! text ([`text`]), laid out as Hebei or Shanghai publish ([`Template`]).
//!
//! I/O: [`template::read`] reads a workbook file, [`workbook::write`] and [`template::template`]
//! write workbook files, and [`pdf`] starts Chromium (with a timeout) and writes the PDF; the
//! rest is pure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use yusuan_model::Disclosure;

pub mod derive;
pub mod explain;
mod format;
pub mod grid;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod template;
pub mod text;
pub mod workbook;

pub use derive::derive;
pub use explain::{explanation, Section};

/// Whose published layout to follow: titles, column words, amount style, the place of 合计.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Template {
    /// 河北: `部门预算收支总表`, 序号 and 栏次, 合计 first, 万元 without separators.
    #[default]
    Hebei,
    /// 上海: `2025年部门财务收支预算总表`, 类/款/项 code columns, 合计 last, 元 with separators.
    Shanghai,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Hebei => "hebei",
            Template::Shanghai => "shanghai",
        }
    }
}

/// Text only the department can write: duties, reasons for changes, other sections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FreeText {
    /// 部门职责.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties: Option<String>,
    /// 机构设置 (the text before the list of units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Reasons (主要原因是…) by subject: `change.total`, `change.basic`, `change.project`,
    /// `three_public`, `three_public.outbound`, `three_public.vehicle`, `three_public.reception`,
    /// `operation_cost`, `project` (what 项目支出 is mainly for).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reasons: BTreeMap<String, String>,
    /// Further sections of the explanation (政府采购, 国有资产, 名词解释, 其他), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<FreeSection>,
}

/// One section of free text: a heading and its paragraphs (separated by blank lines).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreeSection {
    pub heading: String,
    pub text: String,
}

/// What a render starts from: the model (possibly only detail rows) and the free text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RenderInput {
    pub disclosure: Disclosure,
    #[serde(default)]
    pub text: FreeText,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonInput {
    Wrapped {
        disclosure: Box<Disclosure>,
        #[serde(default)]
        text: FreeText,
    },
    Bare(Box<Disclosure>),
}

/// Why a render could not be made; each names the file or the missing data.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{path}: not a disclosure model (JSON): {message}")]
    Json { path: String, message: String },
    #[error("{path}: {message}")]
    Workbook { path: String, message: String },
    #[error("cannot derive the disclosure: {0}")]
    Derive(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("PDF: {0}")]
    Pdf(#[from] crate::pdf::PrintError),
}

/// Reads the JSON form: a bare model (`yusuan extract` output) or `{"disclosure": …, "text": …}`.
pub fn parse_json(path: &str, bytes: &[u8]) -> Result<RenderInput, RenderError> {
    let parsed: JsonInput = serde_json::from_slice(bytes).map_err(|e| RenderError::Json {
        path: path.to_string(),
        message: e.to_string(),
    })?;
    Ok(match parsed {
        JsonInput::Wrapped { disclosure, text } => RenderInput {
            disclosure: *disclosure,
            text,
        },
        JsonInput::Bare(disclosure) => RenderInput {
            disclosure: *disclosure,
            text: FreeText::default(),
        },
    })
}

/// The cells whose column the source left uncertain (`Row::uncertain`), as `《表》 code name · column`.
/// Printing them would state a placement the input does not know, so `render` asks for them to be
/// confirmed first.
pub fn uncertain_cells(d: &Disclosure) -> Vec<String> {
    let mut out = Vec::new();
    for t in &d.tables {
        for r in &t.rows {
            for k in &r.uncertain {
                if r.cells.contains_key(k) {
                    out.push(format!(
                        "《{}》 {} {} · {k}",
                        t.kind.chinese_name(),
                        r.code.as_deref().unwrap_or(""),
                        r.name
                    ));
                }
            }
        }
    }
    out
}

/// A disclosure ready to print: every table derived, the explanation written.
#[derive(Debug, Clone)]
pub struct Document {
    pub disclosure: Disclosure,
    pub explanation: Vec<Section>,
    pub text: FreeText,
    pub template: Template,
}

/// Derives the tables and writes the explanation. `previous` is last year's document, for the
/// changes (比上年增减).
pub fn prepare(
    input: &RenderInput,
    previous: Option<&Disclosure>,
    template: Template,
) -> Result<Document, RenderError> {
    let disclosure = derive(&input.disclosure, template)?;
    let explanation = explanation(&disclosure, previous, &input.text, template);
    Ok(Document {
        disclosure,
        explanation,
        text: input.text.clone(),
        template,
    })
}
