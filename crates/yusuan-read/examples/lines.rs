//! Prints the numbered lines a document reads into, with their page and origin:
//! `cargo run -p yusuan-read --example lines -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lines FILE");
        std::process::exit(2);
    };
    match yusuan_read::read_path(std::path::Path::new(&path)) {
        Ok(doc) => {
            println!(
                "format: {}  encoding: {}  pages: {:?}",
                doc.format, doc.encoding, doc.page_count
            );
            for l in &doc.lines {
                let page = l.page.map(|p| p.to_string()).unwrap_or_default();
                let origin = l.origin.as_ref().map(|o| o.place.as_str()).unwrap_or("");
                println!(
                    "{:>5} {:>3} {:<24} {}",
                    l.number,
                    page,
                    origin,
                    l.text.replace('\t', "⇥")
                );
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
