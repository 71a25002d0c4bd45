//! Import throughput benchmarks (placeholder until written).
fn main() {}
