//! Web pages through `scraper` (html5ever): text outside tables as lines (one per block element
//! or `<br>`), data tables as TAB-separated rows with `rowspan`/`colspan` expanded into empty
//! cells, scripts and styles ignored. The charset comes from a BOM, `<meta charset>` or
//! `http-equiv`, else from the content (GBK pages are common).

use ego_tree::NodeRef;
use scraper::{Html, HtmlTreeSink, Node};

use crate::budget::Budget;
use crate::builder::{cell_text, Builder};
use crate::error::ReadError;
use crate::format::Format;
use crate::TextDocument;

/// Largest `colspan` honoured (the HTML standard's limit).
const MAX_COLSPAN: usize = 1000;
/// Largest `rowspan` honoured (the HTML standard's limit).
const MAX_ROWSPAN: usize = 65534;
/// Deepest element nesting walked; deeper content is read as plain text.
const MAX_DEPTH: usize = 256;

/// Most elements open at once (nested) in a page; a deeper page is refused. The HTML parser's
/// work per tag grows with the nesting, so unbounded nesting is quadratic; real pages stay far
/// below (browsers flatten the DOM past 512 levels).
const MAX_NESTING: usize = 4096;
/// Bytes of text handed to the HTML parser at a time (the time budget is checked between).
const PARSE_CHUNK: usize = 1 << 16;

/// Reads an HTML page.
pub(crate) fn read_html(
    path: &str,
    bytes: &[u8],
    budget: &Budget,
) -> Result<TextDocument, ReadError> {
    let (text, encoding) = decode_page(bytes).map_err(|source| ReadError::NotText {
        path: path.to_owned(),
        source,
    })?;
    let nesting = nesting_depth(&text);
    if nesting > MAX_NESTING {
        return Err(ReadError::Damaged {
            path: path.to_owned(),
            format: Format::Html,
            cause: format!(
                "elements nested more than {MAX_NESTING} deep (the page nests {nesting} levels)"
            ),
        });
    }
    let page = parse(&text, path, budget)?;
    let mut walker = Walker {
        out: Builder::new(),
        current: String::new(),
        tables: 0,
        paragraphs: 0,
        path,
    };
    walker.block(page.tree.root(), 0)?;
    walker.flush();
    walker.out.finish(path, bytes, Format::Html, encoding)
}

/// Parses the page in chunks, checking the document's time budget between them.
fn parse(text: &str, path: &str, budget: &Budget) -> Result<Html, ReadError> {
    use html5ever::tendril::TendrilSink;
    let mut parser = html5ever::driver::parse_document(
        HtmlTreeSink::new(Html::new_document()),
        Default::default(),
    );
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(PARSE_CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(chunk.into());
        budget.check(path)?;
        rest = tail;
    }
    Ok(parser.finish())
}

/// How deep the page's elements nest, counted from its tags: a start tag opens an element and
/// its end tag closes it, except void elements (`<br>`, `<img>`) and elements whose end tag may
/// be left out (`<p>`, `<li>`, `<td>`, `<tr>` …), which never count. Comments, scripts and
/// styles are skipped. One pass, linear in the page.
fn nesting_depth(text: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "td", "th", "tr", "thead",
        "tbody", "tfoot", "option", "optgroup", "colgroup", "caption", "rt", "rp", "html", "head",
        "body", "!doctype",
    ];
    let bytes = text.as_bytes();
    let mut open: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &bytes[i..]) {
        i += p + 1;
        if bytes[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&bytes[i..], b"-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let from = i + usize::from(closing);
        let len = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .count();
        if len == 0 {
            continue;
        }
        let name = bytes[from..from + len].to_ascii_lowercase();
        let end = memchr::memchr(b'>', &bytes[from..]).map_or(bytes.len(), |e| from + e);
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        i = end.min(bytes.len());
        if UNCOUNTED.contains(&std::str::from_utf8(&name).unwrap_or("")) {
            continue;
        }
        if closing {
            if let Some(n) = open.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                depth -= 1;
            }
        } else if !self_closing {
            if matches!(
                name.as_slice(),
                b"script" | b"style" | b"textarea" | b"title"
            ) {
                // Raw text up to the end tag: never markup.
                let mut close = b"</".to_vec();
                close.extend_from_slice(&name);
                let lower = |b: &[u8]| b.to_ascii_lowercase();
                i = memchr::memmem::find(&lower(&bytes[i..]), &close)
                    .map_or(bytes.len(), |e| i + e);
                continue;
            }
            *open.entry(name).or_default() += 1;
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Decodes a page: a BOM first; then UTF-8 when the bytes are valid UTF-8, whatever the page
/// declares (pages saved as UTF-8 often keep a `<meta charset="gbk">` from their origin, and
/// Chinese text in GBK is never valid UTF-8 beyond a few characters, so valid UTF-8 is the
/// stronger evidence); then the declared charset (`<meta charset>`, `http-equiv`) when the bytes
/// decode in it without error; else the content sniffing of [`crate::decode`].
fn decode_page(bytes: &[u8]) -> Result<(String, &'static str), crate::DecodeError> {
    if crate::decode::sniff_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        if let Some(enc) = declared_charset(bytes) {
            // GBK and GB2312 pages are decoded as their superset GB18030.
            let enc = if enc == encoding_rs::GBK {
                encoding_rs::GB18030
            } else {
                enc
            };
            if enc != encoding_rs::UTF_8 {
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                if !had_errors {
                    let name = if enc == encoding_rs::GB18030 {
                        "GB18030"
                    } else {
                        enc.name()
                    };
                    return Ok((text.into_owned(), name));
                }
            }
        }
    }
    crate::decode::decode(bytes)
}

/// The charset a page declares in its first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let start = from + i + b"charset".len();
        let rest = &lower[start..];
        let rest = rest
            .iter()
            .position(|&b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .map_or(&[][..], |p| &rest[p..]);
        if let Some(value) = rest.strip_prefix(b"=") {
            let value: Vec<u8> = value
                .iter()
                .skip_while(|&&b| matches!(b, b' ' | b'"' | b'\''))
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
                .copied()
                .collect();
            if let Some(enc) = encoding_rs::Encoding::for_label(&value) {
                return Some(enc);
            }
        }
        from = start;
    }
    None
}

struct Walker<'a> {
    out: Builder,
    /// Inline text of the block being read.
    current: String,
    tables: usize,
    paragraphs: usize,
    path: &'a str,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "aside"
            | "center"
            | "blockquote"
            | "pre"
            | "hr"
            | "caption"
            | "form"
            | "fieldset"
            | "address"
            | "figure"
            | "figcaption"
            | "body"
            | "html"
            | "title"
    )
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "head" | "iframe" | "object" | "svg"
    )
}

fn breaks_page(el: &scraper::node::Element) -> bool {
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("page-break-before:always") || s.contains("break-before:page")
    })
}

impl Walker<'_> {
    /// Ends the current line of inline text.
    fn flush(&mut self) {
        let line = self
            .current
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.current.clear();
        if !line.is_empty() {
            self.paragraphs += 1;
            let place = format!("paragraph {}", self.paragraphs);
            self.out.text(&line, &place);
        }
    }

    fn block(&mut self, node: NodeRef<'_, Node>, depth: usize) -> Result<(), ReadError> {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(el) => {
                    let name = el.name();
                    if is_skipped(name) {
                        continue;
                    }
                    if breaks_page(el) {
                        self.flush();
                        self.out.page_break();
                    }
                    if name == "br" {
                        self.flush();
                    } else if name == "table" && depth < MAX_DEPTH {
                        self.flush();
                        if has_nested_table(child) {
                            // A layout table: its cells are containers of blocks.
                            self.block(child, depth + 1)?;
                            self.flush();
                        } else {
                            self.table(child)?;
                        }
                    } else if matches!(name, "tr" | "td" | "th") {
                        // Cells of a layout table read as blocks.
                        self.flush();
                        self.block(child, depth + 1)?;
                        self.flush();
                    } else if depth >= MAX_DEPTH {
                        self.current.push_str(&text_of(child));
                    } else if is_block(name) {
                        self.flush();
                        self.block(child, depth + 1)?;
                        self.flush();
                    } else {
                        self.block(child, depth + 1)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A data table: caption as a line, rows on the grid the spans make.
    fn table(&mut self, table: NodeRef<'_, Node>) -> Result<(), ReadError> {
        self.tables += 1;
        let t = self.tables;
        let mut rows: Vec<Vec<(String, usize, usize)>> = Vec::new();
        collect_rows(table, &mut rows, 0);
        for caption in table.children().filter(|c| is_element(*c, "caption")) {
            let text = cell_text(&text_of(caption));
            if !text.is_empty() {
                self.out.text(&text, &format!("table {t} caption"));
            }
        }
        // The table-forming algorithm: `busy[c]` rows still covered by a rowspan above.
        let mut busy: Vec<usize> = Vec::new();
        let mut grid: Vec<Vec<Option<String>>> = Vec::with_capacity(rows.len());
        let mut width = 0usize;
        for row in rows {
            let mut line: Vec<Option<String>> = Vec::new();
            let mut col = 0usize;
            for (text, colspan, rowspan) in row {
                while busy.get(col).is_some_and(|&b| b > 0) {
                    line.resize(line.len().max(col + 1), None);
                    col += 1;
                }
                let colspan = colspan.clamp(1, MAX_COLSPAN);
                let rowspan = rowspan.clamp(1, MAX_ROWSPAN);
                if col + colspan > crate::builder::MAX_CELLS / 1000 {
                    return Err(ReadError::Damaged {
                        path: self.path.to_string(),
                        format: Format::Html,
                        cause: format!("table {t} is too wide"),
                    });
                }
                line.resize(line.len().max(col + colspan), None);
                line[col] = Some(text);
                if busy.len() < col + colspan {
                    busy.resize(col + colspan, 0);
                }
                for b in &mut busy[col..col + colspan] {
                    *b = (*b).max(rowspan);
                }
                col += colspan;
            }
            // Slots still covered from above at the end of the row.
            let covered = busy.iter().rposition(|&b| b > 0).map_or(0, |p| p + 1);
            line.resize(line.len().max(covered), None);
            for b in &mut busy {
                *b = b.saturating_sub(1);
            }
            width = width.max(line.len());
            grid.push(line);
        }
        for (r, line) in grid.into_iter().enumerate() {
            let cells = (0..width)
                .map(|c| {
                    (
                        line.get(c).cloned().flatten().unwrap_or_default(),
                        format!("table {t} row {} cell {}", r + 1, c + 1),
                    )
                })
                .collect();
            self.out.row(
                cells,
                format!("table {t} row {}", r + 1),
                self.path,
                Format::Html,
            )?;
        }
        Ok(())
    }
}

fn is_element(node: NodeRef<'_, Node>, name: &str) -> bool {
    matches!(node.value(), Node::Element(el) if el.name() == name)
}

fn has_nested_table(table: NodeRef<'_, Node>) -> bool {
    table.descendants().skip(1).any(|d| is_element(d, "table"))
}

/// Rows of a table (through `thead`/`tbody`/`tfoot`): each cell's text, colspan and rowspan.
fn collect_rows(
    node: NodeRef<'_, Node>,
    rows: &mut Vec<Vec<(String, usize, usize)>>,
    depth: usize,
) {
    for child in node.children() {
        let Node::Element(el) = child.value() else {
            continue;
        };
        match el.name() {
            "tr" => {
                let cells = child
                    .children()
                    .filter_map(|c| match c.value() {
                        Node::Element(e) if matches!(e.name(), "td" | "th") => {
                            let span = |a: &str| {
                                e.attr(a)
                                    .and_then(|v| v.trim().parse::<usize>().ok())
                                    .unwrap_or(1)
                            };
                            Some((text_of(c), span("colspan"), span("rowspan")))
                        }
                        _ => None,
                    })
                    .collect();
                rows.push(cells);
            }
            "thead" | "tbody" | "tfoot" if depth < 4 => collect_rows(child, rows, depth + 1),
            _ => {}
        }
    }
}

/// The visible text below a node (scripts and styles skipped), `<br>` as a space.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(el) if is_skipped(el.name()) => continue,
            Node::Element(el) if el.name() == "br" => s.push(' '),
            Node::Element(el) if is_block(el.name()) => s.push(' '),
            _ => {}
        }
        let children: Vec<_> = n.children().collect();
        stack.extend(children.into_iter().rev());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        read_html("t.html", html.as_bytes(), &Budget::new(&Default::default()))
            .unwrap()
            .lines
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn spans_make_empty_cells() {
        let html = "<html><body><p>标题</p><table>\
            <tr><td rowspan=2>项目</td><td colspan=2>收入</td></tr>\
            <tr><td>预算数</td><td>上年数</td></tr>\
            <tr><td>合计</td><td>1,000.00</td><td>2</td></tr></table>\
            <script>var x='<td>1</td>';</script><p>注：说明</p></body></html>";
        assert_eq!(
            lines(html),
            [
                "标题",
                "项目\t收入\t",
                "\t预算数\t上年数",
                "合计\t1,000.00\t2",
                "注：说明"
            ]
        );
    }

    #[test]
    fn rowspan_at_row_end_keeps_width() {
        let html = "<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td>c</td></tr></table>";
        assert_eq!(lines(html), ["a\tb", "c\t"]);
    }

    #[test]
    fn gbk_meta() {
        let (bytes, _, _) = encoding_rs::GBK
            .encode("<html><head><meta charset=\"gbk\"></head><body><p>部门预算</p></body></html>");
        let doc = read_html("g.html", &bytes, &Budget::new(&Default::default())).unwrap();
        assert_eq!(doc.encoding, "GB18030");
        assert_eq!(doc.lines[0].text, "部门预算");
        let (bytes, _, _) = encoding_rs::GBK.encode("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>收入</body></html>");
        assert_eq!(
            read_html("g.html", &bytes, &Budget::new(&Default::default()))
                .unwrap()
                .lines[0]
                .text,
            "收入"
        );
    }
}
