//! Word documents (DOCX) through `zip` and `quick-xml`: the body's paragraphs and tables in
//! document order. Paragraphs become lines (`<w:br/>` starts another line, `<w:tab/>` is a
//! space); a table row becomes one TAB-separated line over the table's grid, `w:gridSpan`
//! adding an empty cell for every further grid column it covers and a `w:vMerge` continuation
//! being an empty cell, so a cell's index is its grid column. A nested table's text stays in the
//! cell holding it. A page break (`<w:br w:type="page"/>`, `w:pageBreakBefore`) or a section
//! break starts a page. Headers, footers, deleted text and field instructions are not read.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::budget::Budget;
use crate::builder::Builder;
use crate::error::ReadError;
use crate::format::Format;
use crate::xlsx::{check_zip, MAX_PART_BYTES};
use crate::TextDocument;

/// Reads a DOCX document.
pub(crate) fn read_docx(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<TextDocument, ReadError> {
    let damaged = |cause: String| ReadError::Damaged {
        path: path.to_string(),
        format: Format::Docx,
        cause,
    };
    check_zip(bytes).map_err(damaged)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a valid ZIP: {e}")))?;
    let mut xml = String::new();
    {
        let entry = archive
            .by_name("word/document.xml")
            .map_err(|e| damaged(format!("no word/document.xml: {e}")))?;
        entry
            .take(MAX_PART_BYTES + 1)
            .read_to_string(&mut xml)
            .map_err(|e| damaged(format!("word/document.xml: {e}")))?;
    }
    if xml.len() as u64 > MAX_PART_BYTES {
        return Err(damaged(format!(
            "word/document.xml unpacks to more than {} MiB",
            MAX_PART_BYTES >> 20
        )));
    }
    let mut out = Builder::new();
    parse_body(&xml, &mut out, path, budget).map_err(|e| match e {
        BodyError::Xml(cause) => damaged(format!("word/document.xml: {cause}")),
        BodyError::Read(e) => e,
    })?;
    out.finish(path, bytes, Format::Docx, "UTF-8")
}

enum BodyError {
    Xml(String),
    Read(ReadError),
}

/// One table cell being read: its text, grid span and whether it continues a vertical merge.
#[derive(Default)]
struct CellState {
    text: String,
    span: usize,
    continues: bool,
}

#[derive(Default)]
struct RowState {
    cells: Vec<CellState>,
    before: usize,
    after: usize,
}

#[derive(Default)]
struct TableState {
    rows: Vec<RowState>,
    grid_columns: usize,
}

struct Parser<'a> {
    out: &'a mut Builder,
    path: &'a str,
    tables: Vec<TableState>,
    row: Vec<Option<RowState>>,
    cell: Vec<Option<CellState>>,
    /// Text of the paragraph being read (innermost).
    para: String,
    paragraphs: usize,
    table_count: usize,
    /// A page or section break seen in the current paragraph: the next line starts a page.
    break_after: bool,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

fn parse_body(xml: &str, out: &mut Builder, path: &str, budget: &Budget) -> Result<(), BodyError> {
    let mut reader = Reader::from_str(xml);
    let mut p = Parser {
        out,
        path,
        tables: Vec::new(),
        row: Vec::new(),
        cell: Vec::new(),
        para: String::new(),
        paragraphs: 0,
        table_count: 0,
        break_after: false,
    };
    // Depth of elements whose text is skipped (deleted text, field codes, fallbacks, headers).
    let mut skip: usize = 0;
    let mut in_text = false;
    let mut events: u32 = 0;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(65_536) {
            budget.check(path).map_err(BodyError::Read)?;
        }
        let event = reader
            .read_event()
            .map_err(|e| BodyError::Xml(e.to_string()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name {
                    "delText" | "instrText" | "Fallback" | "del" | "moveFrom" => skip = 1,
                    "t" => in_text = true,
                    "p" => {
                        if p.tables.is_empty() {
                            p.para.clear();
                        }
                    }
                    "tbl" => {
                        if p.tables.is_empty() {
                            p.flush_paragraph();
                        }
                        p.tables.push(TableState::default());
                        p.row.push(None);
                        p.cell.push(None);
                    }
                    "tr" => {
                        if let Some(r) = p.row.last_mut() {
                            *r = Some(RowState::default());
                        }
                    }
                    "tc" => {
                        if let Some(c) = p.cell.last_mut() {
                            *c = Some(CellState {
                                span: 1,
                                ..CellState::default()
                            });
                        }
                    }
                    _ => p.empty_element(name, &e),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let name = e.local_name();
                p.empty_element(name.as_ref(), &e);
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let name = e.local_name();
                match name.as_ref() {
                    "t" => in_text = false,
                    "p" => p.end_paragraph(),
                    "tc" => {
                        if let (Some(Some(cell)), Some(Some(row))) =
                            (p.cell.last_mut().map(Option::take), p.row.last_mut())
                        {
                            row.cells.push(cell);
                        }
                    }
                    "tr" => {
                        if let (Some(Some(row)), Some(table)) =
                            (p.row.last_mut().map(Option::take), p.tables.last_mut())
                        {
                            table.rows.push(row);
                        }
                    }
                    "tbl" => p.end_table().map_err(BodyError::Read)?,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => p.para.push_str(&t.xml10_content()),
            Event::CData(t) if in_text && skip == 0 => p.para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    p.para.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(&r.xml10_content()) {
                    p.para.push_str(s);
                }
            }
            _ => {}
        }
    }
    p.flush_paragraph();
    Ok(())
}

impl Parser<'_> {
    /// Elements that carry their meaning in attributes (tabs, breaks, spans, merges).
    fn empty_element(&mut self, name: &str, e: &quick_xml::events::BytesStart<'_>) {
        let val = || attr(e, "val");
        match name {
            "tab" if !self.in_properties(e) => self.para.push(' '),
            "br" | "cr" => {
                if attr(e, "type").as_deref() == Some("page") {
                    self.para.push('\n');
                    self.break_after = true;
                } else {
                    self.para.push('\n');
                }
            }
            "noBreakHyphen" => self.para.push('-'),
            "sectPr" | "pageBreakBefore" if self.tables.is_empty() => {
                if name == "pageBreakBefore" && val().as_deref() != Some("0") {
                    self.out.page_break();
                } else if name == "sectPr" {
                    self.break_after = true;
                }
            }
            "gridSpan" => {
                if let Some(Some(c)) = self.cell.last_mut() {
                    c.span = val()
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000);
                }
            }
            "vMerge" => {
                if let Some(Some(c)) = self.cell.last_mut() {
                    c.continues = val().is_none_or(|v| v == "continue");
                }
            }
            "gridBefore" | "gridAfter" => {
                if let Some(Some(r)) = self.row.last_mut() {
                    let n = val().and_then(|v| v.parse().ok()).unwrap_or(0).min(1000);
                    if name == "gridBefore" {
                        r.before = n;
                    } else {
                        r.after = n;
                    }
                }
            }
            "gridCol" => {
                if let Some(t) = self.tables.last_mut() {
                    t.grid_columns += 1;
                }
            }
            _ => {}
        }
    }

    /// A `w:tab` inside `w:tabs` is a tab stop definition, not a tab character.
    fn in_properties(&self, e: &quick_xml::events::BytesStart<'_>) -> bool {
        attr(e, "pos").is_some()
    }

    fn end_paragraph(&mut self) {
        if let Some(Some(cell)) = self.cell.last_mut() {
            if !cell.text.is_empty() {
                cell.text.push('\n');
            }
            cell.text.push_str(&self.para);
            self.para.clear();
        } else if self.tables.is_empty() {
            self.flush_paragraph_always();
        }
    }

    fn flush_paragraph(&mut self) {
        if !self.para.is_empty() {
            self.flush_paragraph_always();
        }
    }

    fn flush_paragraph_always(&mut self) {
        self.paragraphs += 1;
        let place = format!("paragraph {}", self.paragraphs);
        let text = std::mem::take(&mut self.para);
        let text = text.trim_end_matches('\n');
        if text.trim().is_empty() {
            self.out.blank(&place);
        } else {
            self.out.text(text, &place);
        }
        if std::mem::take(&mut self.break_after) {
            self.out.page_break();
        }
    }

    fn end_table(&mut self) -> Result<(), ReadError> {
        let Some(table) = self.tables.pop() else {
            return Ok(());
        };
        self.row.pop();
        self.cell.pop();
        if !self.tables.is_empty() {
            // A nested table: its text joins the cell that holds it.
            let text: Vec<String> = table
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text.clone()))
                .filter(|t| !t.trim().is_empty())
                .collect();
            if let Some(Some(cell)) = self.cell.last_mut() {
                if !cell.text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(&text.join(" "));
            }
            return Ok(());
        }
        self.table_count += 1;
        let t = self.table_count;
        let width = table
            .rows
            .iter()
            .map(|r| r.before + r.cells.iter().map(|c| c.span).sum::<usize>() + r.after)
            .max()
            .unwrap_or(0)
            .max(table.grid_columns);
        for (i, row) in table.rows.into_iter().enumerate() {
            let mut cells: Vec<(String, String)> = Vec::with_capacity(width);
            let origin = |c: usize| format!("table {t} row {} cell {}", i + 1, c + 1);
            for _ in 0..row.before {
                cells.push((String::new(), origin(cells.len())));
            }
            for cell in row.cells {
                let text = if cell.continues {
                    String::new()
                } else {
                    cell.text
                };
                cells.push((text, origin(cells.len())));
                for _ in 1..cell.span {
                    cells.push((String::new(), origin(cells.len())));
                }
            }
            while cells.len() < width {
                cells.push((String::new(), origin(cells.len())));
            }
            self.out.row(
                cells,
                format!("table {t} row {}", i + 1),
                self.path,
                Format::Docx,
            )?;
        }
        if std::mem::take(&mut self.break_after) {
            self.out.page_break();
        }
        Ok(())
    }
}
