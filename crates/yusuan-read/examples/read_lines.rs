//! Prints the numbered lines `yusuan-read` makes of a document (TAB shown as ` | `), with pages
//! and the reader's notes: `cargo run -p yusuan-read --example read_lines -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_lines FILE");
        std::process::exit(2);
    };
    match yusuan_read::read_path(std::path::Path::new(&path)) {
        Ok(doc) => {
            for l in &doc.lines {
                println!(
                    "{:>5} p{:<3} {}",
                    l.number,
                    l.page.map(|p| p.to_string()).unwrap_or_default(),
                    l.text.replace('\t', " | ")
                );
            }
            if let Some(g) = &doc.geometry {
                for n in &g.notes {
                    println!("note p{}: {}", n.page, n.message);
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
