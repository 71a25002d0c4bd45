//! Prints the text extractor's outcome for one file (a development aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let out = jobdraft_parsers::text::extract(&text);
    println!(
        "{}",
        serde_json::to_string_pretty(&out.fields.to_map()).unwrap_or_default()
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&out.low_confidence).unwrap_or_default()
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&out.evidence).unwrap_or_default()
    );
}
