//! Format detection by content (magic bytes), never by file name.

use memchr::memmem;

/// The format of an input document, as detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (any supported encoding).
    Text,
    /// PDF (`%PDF-` header).
    Pdf,
    /// Word 2007+ (`.docx`): a ZIP archive with `word/` entries.
    Docx,
    /// Excel 2007+ (`.xlsx`): a ZIP archive with `xl/` entries.
    Xlsx,
    /// Legacy Excel (`.xls`): an OLE2 compound file with a workbook stream.
    Xls,
    /// Legacy Word (`.doc`): an OLE2 compound file with a `WordDocument` stream (not readable).
    Doc,
    /// An HTML page (starts with `<!DOCTYPE html` or `<html`).
    Html,
    /// Anything else: binary data of an unrecognised kind.
    Unknown,
}

impl Format {
    /// Lowercase short name: `"text"`, `"pdf"`, `"docx"`, `"xlsx"`, `"xls"`, `"doc"`, `"html"`,
    /// `"unknown"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Doc => "doc",
            Format::Html => "html",
            Format::Unknown => "unknown",
        }
    }

    /// Name used in messages: `"PDF"`, `"DOCX"`, … (`"unknown binary"` for [`Format::Unknown`]).
    pub(crate) fn label(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
            Format::Xlsx => "XLSX",
            Format::Xls => "XLS",
            Format::Doc => "legacy Word (.doc)",
            Format::Html => "HTML",
            Format::Unknown => "unknown binary",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// How far into the file a `%PDF-` header may start (the PDF spec tolerates leading junk).
const PDF_HEADER_WINDOW: usize = 1024;
/// How many leading bytes are sniffed to tell text from binary.
const TEXT_SNIFF_WINDOW: usize = 8192;

/// Detects the format of `bytes` by content: `%PDF` → [`Format::Pdf`]; a ZIP archive with
/// `word/` or `xl/` entries → [`Format::Docx`] / [`Format::Xlsx`]; an OLE2 compound file →
/// [`Format::Xls`] (a legacy Word `.doc` gives [`Format::Doc`]); a page starting with
/// `<!DOCTYPE html` or `<html` → [`Format::Html`]; text (BOM, UTF-16 pattern, or no binary control
/// bytes in the first 8 KiB) → [`Format::Text`]; anything else → [`Format::Unknown`].
///
/// HTML tags inside a text file (`<p>` in an exported table cell) do not make it HTML.
pub fn detect_format(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return ole_kind(bytes);
    }
    if crate::decode::sniff_bom(bytes).is_some() || crate::decode::sniff_utf16(bytes).is_some() {
        return if is_html(bytes) {
            Format::Html
        } else {
            Format::Text
        };
    }
    let sniff = &bytes[..bytes.len().min(TEXT_SNIFF_WINDOW)];
    if sniff.iter().any(|&b| crate::decode::is_binary_byte(b)) {
        return Format::Unknown;
    }
    if is_html(bytes) {
        Format::Html
    } else {
        Format::Text
    }
}

/// Tells DOCX from XLSX by the entry names, which ZIP stores uncompressed.
fn zip_kind(bytes: &[u8]) -> Format {
    if memmem::find(bytes, b"word/document.xml").is_some() {
        Format::Docx
    } else if memmem::find(bytes, b"xl/workbook.xml").is_some() {
        Format::Xlsx
    } else if memmem::find(bytes, b"word/").is_some() {
        Format::Docx
    } else if memmem::find(bytes, b"xl/").is_some() {
        Format::Xlsx
    } else {
        Format::Unknown
    }
}

/// An OLE2 compound file is `.xls` unless it is Word's and holds no workbook: a `WordDocument`
/// stream, or (when the directory naming the streams is damaged) Word's program identifiers in
/// what is left (`MSWordDoc`, `Word.Document.`).
fn ole_kind(bytes: &[u8]) -> Format {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let has = |s: &str| memmem::find(bytes, &utf16(s)).is_some();
    let word = has("WordDocument")
        || memmem::find(bytes, b"MSWordDoc").is_some()
        || memmem::find(bytes, b"Word.Document.").is_some();
    if word && !has("Workbook") && !has("Book") {
        Format::Doc
    } else {
        Format::Xls
    }
}

/// Whether the document starts (after a BOM and white space) with an HTML document marker.
fn is_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    let text: String =
        match crate::decode::sniff_bom(head).or_else(|| crate::decode::sniff_utf16(head)) {
            Some((enc, bom_len)) => enc
                .decode_without_bom_handling(&head[bom_len..])
                .0
                .into_owned(),
            None => String::from_utf8_lossy(head).into_owned(),
        };
    let trimmed = text.trim_start().to_ascii_lowercase();
    if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") {
        return true;
    }
    (trimmed.starts_with("<!--") || trimmed.starts_with("<?xml")) && trimmed.contains("<html")
}
