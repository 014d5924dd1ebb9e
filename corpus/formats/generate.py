#!/usr/bin/env python3
"""Builds the DOCX, XLSX, XLS and HTML versions of corpus documents kept in this folder.

Sources (read, never changed):
  * seeds/000_58134781a689c5f0.txt: a TAB-separated text export; each run of TAB lines is one
    table, its header rows (before the first data row) get the merged cells Word tables have
    (a caption over the blank cells right of it becomes a horizontal merge when the row below
    fills those columns, a caption over blank cells below becomes a vertical merge);
  * shanghai/pdf/<name>.pdf: tables as ruled in the PDF (pdfplumber's lattice reading; a merged
    cell's spans from its ruled box against the table's column and row edges), text outside
    tables (read with pdfium) as lines in reading order, one page of the PDF per page of the
    output.

Writers: DOCX (python-docx: paragraphs, tables with gridSpan/vMerge, page breaks), XLSX
(openpyxl: one sheet per page, a table continued over pages on one sheet, merged regions, amounts as numbers with the printed number format,
codes as text), HTML (tables with rowspan/colspan; the seed as a GBK page), XLS (LibreOffice's
conversion of the XLSX: real-world BIFF8 output).

Usage: python3 corpus/formats/generate.py   (from the repository root; needs python-docx,
openpyxl, pdfplumber (with pypdfium2) from PyPI and LibreOffice's soffice for the XLS files)
"""

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

import docx
import openpyxl
import pdfplumber
import pypdfium2 as pdfium
from docx.enum.text import WD_BREAK
from openpyxl.utils import get_column_letter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "formats")

AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$|^0$")


def cell(text, cs=1, rs=1):
    return {"t": text, "cs": cs, "rs": rs}


# ---------------------------------------------------------------- sources


def is_data_row(cells):
    first = next((c.strip() for c in cells if c.strip()), "")
    return bool(re.match(r"^\d+$", first)) or first.startswith(("合计", "总计", "一、"))


def merge_header(rows):
    """Grid rows of strings → rows of cells (None for merged-over slots) with spans."""
    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    n_head = 0
    while n_head < len(grid) and not is_data_row(grid[n_head]):
        n_head += 1
        if grid[n_head - 1][0].strip() == "栏次":
            break
    covered = set()
    out = []
    for r, row in enumerate(grid):
        line = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                line.append(None)
                continue
            cs = rs = 1
            if r < n_head and text.strip():
                below = grid[r + 1] if r + 1 < n_head else None
                while (
                    below is not None
                    and c + cs < width
                    and not row[c + cs].strip()
                    and (r, c + cs) not in covered
                    and below[c + cs].strip()
                ):
                    cs += 1
                while r + rs < n_head and all(
                    not grid[r + rs][k].strip() and (r + rs, k) not in covered
                    for k in range(c, c + cs)
                ):
                    rs += 1
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
            line.append(cell(text.strip(), cs, rs))
        out.append(line)
    return out


def from_tab_text(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks, run = [], []
    for line in lines + [""]:
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        if run:
            blocks.append({"table": merge_header(run)})
            run = []
        blocks.append({"p": line})
    blocks.pop()
    return [blocks]


def snap(values, tol=2.0):
    """Sorted coordinates with near-equal ones (within `tol` points) merged."""
    out = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def index_of(edges, v, tol=2.0):
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def spans_from_cells(table, xs):
    """A pdfplumber table → rows of cells with spans, from the geometry of its ruled cells:
    a cell covering several column (row) boundaries spans those columns (rows). `xs` are the
    column edges to place cells on (a table continued from the previous page keeps its columns)."""
    grid_text = table.extract()
    tops = snap([c[1] for c in table.cells] + [c[3] for c in table.cells])
    rows = [[None] * (len(xs) - 1) for _ in range(len(tops) - 1)]
    row_tops = snap([c[1] for c in table.cells])
    col_x0s = snap([c[0] for c in table.cells])
    for (x0, top, x1, bottom) in table.cells:
        c0, c1 = index_of(xs, x0), index_of(xs, x1)
        r0, r1 = index_of(tops, top), index_of(tops, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        tr, tc = index_of(row_tops, top), index_of(col_x0s, x0)
        text = grid_text[tr][tc] if tr < len(grid_text) and tc < len(grid_text[tr]) else ""
        rows[r0][c0] = cell((text or "").replace("\n", ""), c1 - c0, r1 - r0)
    # Slots a spanning cell covers are None; slots no cell covers are empty cells.
    covered = set()
    for r, row in enumerate(rows):
        for c, x in enumerate(row):
            if x is not None:
                for dr in range(x["rs"]):
                    for dc in range(x["cs"]):
                        if dr or dc:
                            covered.add((r + dr, c + dc))
    for r, row in enumerate(rows):
        for c in range(len(row)):
            if row[c] is None and (r, c) not in covered:
                row[c] = cell("")
    return [row for row in rows if any(x is not None for x in row)]


def from_pdf(path):
    pages = []
    previous_xs = None
    pdfium_pages = pdfium.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            found = page.find_tables()
            boxes = [t.bbox for t in found]
            items = []
            text_page = pdfium_pages[page.page_number - 1].get_textpage()
            height, width = float(page.height), float(page.width)
            for n, t in enumerate(found):
                xs = snap([c[0] for c in t.cells] + [c[2] for c in t.cells])
                # A table that opens the page, continuing the table that closed the previous
                # page, keeps that table's columns when its edges all lie on them (a 合计 row
                # merged over four columns).
                opens_page = n == 0 and not text_page.get_text_bounded(
                    0, height - t.bbox[1], width, height
                ).strip()
                if opens_page and previous_xs and len(xs) < len(previous_xs) and all(
                    min(abs(x - p) for p in previous_xs) <= 2.0 for x in xs
                ):
                    xs = previous_xs
                previous_xs = xs if n == len(found) - 1 else None
                items.append((t.bbox[1], {"table": spans_from_cells(t, xs)}))

            # Text outside the tables, band by band between them, through pdfium (pdfminer
            # drops the characters of some non-embedded CJK fonts).
            edges = [0.0]
            for b in sorted(boxes, key=lambda b: b[1]):
                edges += [b[1], b[3]]
            edges.append(height)
            for top, bottom in zip(edges[0::2], edges[1::2]):
                if bottom - top < 1:
                    continue
                text = text_page.get_text_bounded(0, height - bottom, float(page.width), height - top)
                for k, line in enumerate(text.replace("\r", "").split("\n")):
                    if line.strip():
                        items.append((top + k * 0.001, {"p": line.strip()}))
            items.sort(key=lambda x: x[0])
            if items and "p" in items[-1][1]:
                previous_xs = None
            pages.append([b for _, b in items])
    return pages


# ---------------------------------------------------------------- writers


def write_docx(pages, path):
    d = docx.Document()
    for n, blocks in enumerate(pages):
        if n:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for b in blocks:
            if "p" in b:
                d.add_paragraph(b["p"])
                continue
            rows = b["table"]
            width = max(len(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=width)
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, x in enumerate(row):
                    if x is None:
                        continue
                    target = t.cell(r, c)
                    if x["cs"] > 1 or x["rs"] > 1:
                        target = target.merge(t.cell(r + x["rs"] - 1, c + x["cs"] - 1))
                    target.text = x["t"]
    d.save(path)


def number_of(text):
    """An amount cell as the number a spreadsheet stores and the format that prints it."""
    if not AMOUNT.match(text):
        return None
    decimals = len(text.split(".")[1]) if "." in text else 0
    fmt = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
    value = float(text.replace(",", ""))
    return (int(value) if decimals == 0 else value), fmt


def write_xlsx(pages, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = None
    for n, blocks in enumerate(pages):
        # A table continued from the previous page stays on its sheet (one sheet per table
        # section, as workbooks are laid out); other pages start a sheet.
        continued = (
            ws is not None and blocks and "table" in blocks[0]
            and pages[n - 1] and "table" in pages[n - 1][-1]
        )
        if not continued:
            ws = wb.create_sheet(f"第{n + 1}页")
            r = 1
        for k, b in enumerate(blocks):
            if "p" in b:
                if b["p"].strip():
                    ws.cell(r, 1, b["p"]).data_type = "s"
                r += 1
                # An empty row sets text apart from the table after it.
                if k + 1 < len(blocks) and "table" in blocks[k + 1]:
                    r += 1
                continue
            for row in b["table"]:
                for c, x in enumerate(row):
                    if x is None:
                        continue
                    target = ws.cell(r, c + 1)
                    num = number_of(x["t"])
                    if num is None:
                        target.value = x["t"] if x["t"] else None
                        if x["t"]:
                            target.data_type = "s"  # `= 3 个` is text, not a formula
                        target.number_format = "@"
                    else:
                        target.value, target.number_format = num
                    if x["cs"] > 1 or x["rs"] > 1:
                        ws.merge_cells(
                            start_row=r, start_column=c + 1,
                            end_row=r + x["rs"] - 1, end_column=c + x["cs"],
                        )
                r += 1
            if k + 1 < len(blocks) and "p" in blocks[k + 1]:
                r += 1
        ws.column_dimensions[get_column_letter(1)].width = 40
    wb.save(path)


def write_html(pages, path, charset):
    out = [
        "<!DOCTYPE html>",
        "<html><head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<title>部门预算公开</title>",
        "<style>table{border-collapse:collapse} td,th{border:1px solid #000}</style>",
        "<script>var page = '<td>not a cell</td>';</script>",
        "</head><body>",
    ]
    for n, blocks in enumerate(pages):
        if n:
            out.append('<div style="page-break-before: always"></div>')
        for b in blocks:
            if "p" in b:
                out.append(f"<p>{html.escape(b['p'])}</p>" if b["p"].strip() else "<p></p>")
                continue
            out.append("<table>")
            for row in b["table"]:
                cells = []
                for x in row:
                    if x is None:
                        continue
                    attrs = ""
                    if x["cs"] > 1:
                        attrs += f' colspan="{x["cs"]}"'
                    if x["rs"] > 1:
                        attrs += f' rowspan="{x["rs"]}"'
                    cells.append(f"<td{attrs}>{html.escape(x['t'])}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    text = "\n".join(out) + "\n"
    with open(path, "wb") as f:
        f.write(text.encode("gb18030" if charset == "gbk" else "utf-8"))


def to_xls(xlsx_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice (LibreOffice) is needed to convert to XLS")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "xls", "--outdir", tmp, xlsx_path],
            check=True, capture_output=True,
        )
        name = os.path.splitext(os.path.basename(xlsx_path))[0] + ".xls"
        shutil.move(os.path.join(tmp, name), os.path.join(OUT, name))


DOCUMENTS = [
    # A small one for the reviewed line snapshots: the 收支总表 page of the Shanghai budget.
    ("putuo-wanli-jiedao-2025-summary",
     lambda: from_pdf(os.path.join(ROOT, "shanghai/pdf/putuo-wanli-jiedao-2025-dept-budget.pdf"))[8:9],
     "gbk"),
    ("seed-000", lambda: from_tab_text(os.path.join(ROOT, "seeds/000_58134781a689c5f0.txt")), "gbk"),
    ("putuo-wanli-jiedao-2025-dept-budget",
     lambda: from_pdf(os.path.join(ROOT, "shanghai/pdf/putuo-wanli-jiedao-2025-dept-budget.pdf")),
     "utf-8"),
    ("putuo-finance-2024-final-accounts",
     lambda: from_pdf(os.path.join(ROOT, "shanghai/pdf/putuo-finance-2024-final-accounts.pdf")),
     "utf-8"),
]


def main():
    only = sys.argv[1:]
    for name, source, charset in DOCUMENTS:
        if only and name not in only:
            continue
        pages = source()
        base = os.path.join(OUT, name)
        write_docx(pages, base + ".docx")
        write_xlsx(pages, base + ".xlsx")
        write_html(pages, base + ".html", charset)
        to_xls(base + ".xlsx")
        print(name, "pages:", len(pages))


if __name__ == "__main__":
    main()
