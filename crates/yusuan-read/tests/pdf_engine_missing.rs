//! Without the PDF engine, PDF input is a clear error naming the file and how to install the
//! engine, never a crash; text input still reads. (Its own test binary: the engine is looked up
//! once per process.)

#[test]
fn missing_engine_is_a_clear_error() {
    std::env::set_var("YUSUAN_PDFIUM", "/nonexistent/libpdfium.so");
    std::env::set_var("XDG_DATA_HOME", "/nonexistent");
    std::env::set_var("HOME", "/nonexistent");
    let e = yusuan_read::read_bytes("report.pdf", b"%PDF-1.4\n%%EOF\n").unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("report.pdf: cannot read PDF: "), "{msg}");
    assert!(msg.contains("scripts/setup/pdfium.sh"), "{msg}");
    assert!(yusuan_read::read_bytes("a.txt", "合计 1.00\n".as_bytes()).is_ok());
}
