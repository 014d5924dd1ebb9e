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
                if let Some(n) = std::env::args()
                    .nth(2)
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    let line = &doc.lines[n - 1];
                    for (c, b) in line.text.chars().zip(&g.lines[n - 1]) {
                        println!("{c:?} {b:?}");
                    }
                }
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
