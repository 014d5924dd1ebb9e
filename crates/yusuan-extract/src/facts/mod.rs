//! Facts outside the standard tables: narrative figures, procurement, assets, units.
//!
//! - `sections`: the explanation's sections (收入说明, 支出说明, 比上年增减, 机关运行经费, "三公"经费,
//!   政府采购, 国有资产, Shanghai's 部门预算编制说明 / 其他相关情况说明, 决算 情况说明), recognised by
//!   their headings' words, each read as one stream of prose (PDF line wraps joined);
//! - `narrative`: the figures of that prose, named by the words around them (the key vocabulary
//!   is documented on `yusuan_model::NarrativeFact`); figures that cannot be named are counted in
//!   one note;
//! - `procurement`, `assets`, `units`: the 政府采购预算表, the 固定资产占用情况表 and the
//!   机构设置 / 单位构成 list, in any of the three text layouts (`grid` holds what they share).
//!
//! Their lines (and the standard tables' lines) are not read as prose. Nothing here fails: what
//! cannot be read is reported as an [`ExtractionNote`].

mod assets;
mod grid;
mod narrative;
mod procurement;
mod sections;
mod units;

use yusuan_model::{AssetTable, ExtractionNote, NarrativeFact, OrgUnit, ProcurementTable, Table};
use yusuan_read::TextDocument;

/// Everything stated outside the standard tables.
#[derive(Debug, Default)]
pub struct Facts {
    pub narrative: Vec<NarrativeFact>,
    pub procurement: Vec<ProcurementTable>,
    pub assets: Vec<AssetTable>,
    pub units: Vec<OrgUnit>,
    pub notes: Vec<ExtractionNote>,
}

/// Finds the facts of a document; `tables` are its standard tables (their lines are not
/// narrative).
pub fn extract(doc: &TextDocument, tables: &[Table]) -> Facts {
    let path = doc.path.as_str();
    let mut facts = Facts::default();
    let mut ranges: Vec<(u32, u32)> = tables.iter().map(|t| (t.span.line, t.end_line)).collect();
    for (t, r) in procurement::find(path, &doc.lines, &mut facts.notes) {
        facts.procurement.push(t);
        ranges.push(r);
    }
    for (t, r) in assets::find(path, &doc.lines, &mut facts.notes) {
        facts.assets.push(t);
        ranges.push(r);
    }
    for (u, r) in units::find(path, &doc.lines) {
        facts.units.extend(u);
        ranges.push(r);
    }
    let excluded = |n: u32| ranges.iter().any(|(a, b)| (*a..=*b).contains(&n));
    let mut unnamed = Vec::new();
    for s in sections::streams(&doc.lines, &excluded) {
        let out = narrative::read(path, &s);
        facts.narrative.extend(out.facts);
        unnamed.extend(out.unnamed);
    }
    if let Some(first) = unnamed.first() {
        let lines: Vec<String> = unnamed.iter().map(|s| s.line.to_string()).collect();
        facts.notes.push(ExtractionNote {
            message: format!(
                "narrative: {} figure(s) in the explanation not named (lines {})",
                unnamed.len(),
                lines.join(", ")
            ),
            span: first.clone(),
        });
    }
    facts
}
