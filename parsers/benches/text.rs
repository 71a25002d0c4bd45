//! Criterion benchmark of the plain-text extractor: parse time and throughput (MB/s) for a short
//! (≈200 B), a typical (≈2 KB) and a long (60,000-character) description.
//! Run: `cargo bench -p jobdraft-parsers --bench text`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jobdraft_parsers::text;

const SHORT: &str = "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour. English required. Work runs about six weeks.";

const TYPICAL: &str = "AI Training: Hindi Conversation Evaluation (Remote)

We are building the next generation of multilingual AI assistants and need native Hindi speakers to evaluate chatbot conversations.

What you'll do:
- Read conversations between users and an AI assistant (about 5-10 turns each)
- Rate each AI response for helpfulness, accuracy and tone on a 1-7 scale
- Flag unsafe or biased content and write a one-line justification
- Compare two alternative responses and pick the better one

Project details:
- Volume: around 15,000 conversations in total
- Commitment: at least 10 hours per week, for roughly 2 months
- Pay: $12 per hour, paid weekly via Payoneer
- We are hiring 60 evaluators; Team of 6 QA reviewers already in place

Requirements:
- Native-level Hindi and strong English
- Based in India (Delhi, Mumbai, Bengaluru or remote anywhere in the country)
- No prior annotation experience needed, full training provided
- A degree in linguistics or journalism is a bonus
- Reliable internet and a laptop

How it works:
Each task shows one conversation. Read it fully, then rate the last AI reply on the rubric and
leave a short note when you give a score below 4. Tasks take 3-6 minutes on average and are
reviewed by a senior linguist; feedback arrives within 48 hours. You can work any time of day,
but we ask for a minimum of 10 hours each week so that batches close on schedule. The first
week is a paid qualification period at the same hourly rate.

Why join: flexible schedule, weekly payouts, a friendly Slack community of 2,000+ raters, and
the chance to shape how millions of people in India experience AI. Top performers are invited to
longer projects (3-6 months) and to reviewer roles paying up to $15 per hour.

About us: Quillon Labs is an applied AI company headquartered in London. Apply at https://quillon.example/jobs/hindi-eval before June 30, 2026, or email talent@quillon.example with questions.
";

fn long_text() -> String {
    let mut s = String::with_capacity(60_000);
    while s.chars().count() + TYPICAL.chars().count() <= 60_000 {
        s.push_str(TYPICAL);
        s.push('\n');
    }
    let pad = 60_000 - s.chars().count();
    s.extend(std::iter::repeat_n('.', pad));
    s
}

fn bench(c: &mut Criterion) {
    text::warm_up();
    let long = long_text();
    let short: String = SHORT.chars().take(200).collect();
    let mut group = c.benchmark_group("text_extract");
    for (name, input) in [
        ("short_200B", short.as_str()),
        ("typical_2KB", TYPICAL),
        ("long_60k", long.as_str()),
    ] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), input, |b, input| {
            b.iter(|| text::extract(black_box(input)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
