//! The extractor's score on a graded corpus, from the parsers crate alone (a quick loop while
//! working on rules): `cargo run -p jobdraft-parsers --release --example eval -- CORPUS.jsonl [--cases]`.
//! The product command is `jobdraft eval`.

use jobdraft_parsers::eval;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or("usage: eval CORPUS.jsonl [--cases]")?;
    let cases = eval::read_corpus(&std::fs::read_to_string(path)?)?;
    let card = eval::evaluate(&cases);
    print!(
        "{}",
        eval::render(&card, args.iter().any(|a| a == "--cases"))
    );
    Ok(())
}
