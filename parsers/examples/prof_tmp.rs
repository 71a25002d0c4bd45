fn main() {
    let text =
        std::fs::read_to_string(std::env::args().nth(1).unwrap_or_default()).unwrap_or_default();
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut total = 0;
    for _ in 0..n {
        total += jobdraft_parsers::text::extract(&text).evidence.len();
    }
    println!("{total}");
}
