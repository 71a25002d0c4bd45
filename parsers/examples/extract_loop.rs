//! Runs the text extractor N times over one file, for instruction counts that do not depend on the
//! machine's load: `cargo build --release -p jobdraft-parsers --example extract_loop` then
//! `valgrind --tool=callgrind target/release/examples/extract_loop FILE 40` (and 20; the difference
//! divided by 20 is the cost of one extract, without start-up and lexicon building).

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut cited = 0;
    for _ in 0..runs {
        cited += jobdraft_parsers::text::extract(&text).evidence.len();
    }
    println!("{runs} extracts of {path}: {cited} citations");
}
