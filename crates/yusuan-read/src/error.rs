//! Errors of reading and decoding.

use crate::format::Format;

/// Why a document could not be read. The `Display` form is one line naming the file and the
/// cause, e.g. `corpus/x.pdf: PDF input is not supported yet`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given by the caller.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input has no bytes (or nothing but a byte-order mark).
    #[error("{path}: empty file")]
    Empty {
        /// The path as given by the caller.
        path: String,
    },
    /// The input is larger than [`crate::MAX_INPUT_BYTES`].
    #[error("{path}: too large: {size} bytes (the limit is 256 MiB)")]
    TooLarge {
        /// The path as given by the caller.
        path: String,
        /// Size of the input in bytes.
        size: u64,
    },
    /// The input is in a format this crate recognises but cannot read yet.
    #[error("{path}: {} input is not supported yet", format.label())]
    Unsupported {
        /// The path as given by the caller.
        path: String,
        /// The detected format.
        format: Format,
    },
    /// The input is an office file or web page that cannot be opened: corrupt, encrypted, or
    /// larger than the limits when unpacked.
    #[error("{path}: cannot read {} file: {cause}", format.label())]
    Damaged {
        /// The path as given by the caller.
        path: String,
        /// The detected format.
        format: Format,
        /// What went wrong.
        cause: String,
    },
    /// The PDF engine (pdfium) is not installed or cannot be loaded.
    #[error("{path}: cannot read PDF: {message}")]
    PdfEngine {
        /// The path as given by the caller.
        path: String,
        /// What is missing and how to install it.
        message: String,
    },
    /// The PDF is damaged, encrypted or too large.
    #[error("{path}: {message}")]
    Pdf {
        /// The path as given by the caller.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A scanned page could not be read by OCR.
    #[error("{path}: page {page}: {message}")]
    Ocr {
        /// The path as given by the caller.
        path: String,
        /// 1-based page number.
        page: u32,
        /// Why (tesseract missing or failing).
        message: String,
    },
    /// Reading took longer than the document's time budget ([`crate::Limits::time`]).
    #[error("{path}: reading stopped after {seconds} s, the time allowed for one document (set YUSUAN_READ_TIMEOUT to change it)")]
    TimeLimit {
        /// The path as given by the caller.
        path: String,
        /// The budget, in seconds.
        seconds: u64,
    },
    /// The input is not text in a supported encoding (binary data).
    #[error("{path}: not text: {source}")]
    NotText {
        /// The path as given by the caller.
        path: String,
        /// What the decoder found.
        #[source]
        source: DecodeError,
    },
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The data looks binary (control bytes, NULs or undecodable sequences); `offset` is the
    /// 0-based byte offset of the first offending byte in the input.
    #[error("binary content at byte {offset}")]
    Binary {
        /// 0-based byte offset of the first offending byte.
        offset: usize,
    },
}
