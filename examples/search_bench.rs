//! Search and facets latency with N published jobs (default 100,000), seeded directly through
//! the store. `cargo run --release --example search_bench -- [DATABASE_URL] [N]`; with no URL a
//! fresh SQLite file in the temp directory. A PostgreSQL URL must name an empty database.

use std::time::Instant;

use jobdraft::domain::{Draft, ImportInfo, JobStatus, ParserInfo};
use jobdraft::store::jobs::{self, JobRow};
use jobdraft::store::search::{self, Page, SearchQuery};
use jobdraft::store::{lifecycle, now_ms, Store};
use jobdraft_parsers::{Category, ExperienceLevel, JobFields, PaymentType};

const WORDS: &[&str] = &[
    "annotate",
    "images",
    "label",
    "bounding",
    "boxes",
    "segmentation",
    "audio",
    "transcription",
    "sentiment",
    "medical",
    "legal",
    "reviewers",
    "experts",
    "dashcam",
    "street",
    "retail",
    "products",
    "speech",
    "accent",
    "dialogue",
    "prompts",
    "responses",
    "ranking",
    "evaluation",
    "coding",
    "python",
    "radiology",
    "lidar",
    "cuboids",
    "pedestrians",
    "vehicles",
    "translation",
    "subtitles",
    "podcasts",
    "receipts",
    "invoices",
    "handwriting",
    "documents",
    "entities",
    "classification",
    "toxicity",
    "safety",
    "chatbot",
    "math",
    "physics",
    "chemistry",
    "biology",
    "finance",
    "insurance",
    "agriculture",
    "drones",
    "satellite",
    "maps",
];
const LANGS: &[&str] = &[
    "English",
    "Spanish",
    "German",
    "French",
    "Japanese",
    "Hindi",
    "Portuguese",
    "Arabic",
];
const COUNTRIES: &[&str] = &["US", "GB", "DE", "IN", "BR", "JP", "MX", "FR", "NG", "PH"];

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Skewed pick: low indexes are much more common (roughly Zipf-like).
    fn skewed<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        let a = (self.next() % items.len() as u64) as usize;
        let b = (self.next() % (a + 1) as u64) as usize;
        items[b]
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn job(i: usize, rng: &mut Rng, now: i64) -> Draft {
    let title = format!(
        "{} {} {}",
        rng.pick(WORDS),
        rng.pick(WORDS),
        rng.pick(WORDS)
    );
    // 20 domain words plus 60 from a long-tailed synthetic vocabulary of 5,000 terms, so that
    // some words are in most documents and others in a handful.
    let mut description: Vec<String> = (0..20).map(|_| rng.skewed(WORDS).to_string()).collect();
    for _ in 0..60 {
        let a = rng.next() % 5000;
        let k = rng.next() % (a + 1);
        description.push(format!("term{k}"));
    }
    let pay = [
        PaymentType::PayPerHour,
        PaymentType::PayPerLabel,
        PaymentType::FixedPrice,
    ][i % 3];
    let fields = JobFields {
        job_title: Some(title),
        job_description: Some(description.join(" ")),
        category: Some(Category::ALL[i % Category::ALL.len()]),
        payment_type: Some(pay),
        price_per_hour: (pay == PaymentType::PayPerHour).then_some(18.0),
        price_per_label: (pay == PaymentType::PayPerLabel).then_some(0.05),
        fixed_price: (pay == PaymentType::FixedPrice).then_some(500.0),
        experience_level: Some(ExperienceLevel::Intermediate),
        headcount: Some(5),
        languages: vec![rng.skewed(LANGS).to_string()],
        countries: vec![rng.skewed(COUNTRIES).to_string()],
        ..JobFields::default()
    };
    let at = now - (100_000 - i as i64) * 1000;
    Draft {
        id: format!("{:032x}", (i as u128) << 64 | rng.next() as u128),
        account_id: "bench".into(),
        status: JobStatus::Open,
        profile: "ai-training".into(),
        fields,
        low_confidence: vec![],
        unmapped: vec![],
        warnings: vec![],
        evidence: vec![],
        source_text: None,
        import: ImportInfo {
            format: "text".into(),
            external_id: None,
            idempotency_key: None,
            raw_source_preserved: false,
            auto_published: false,
        },
        parser: ParserInfo::rules(vec![], 0),
        version: 1,
        review_token: "x".into(),
        created_at: at,
        updated_at: at,
        published_at: Some(at),
        closed_at: None,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).cloned().unwrap_or_else(|| {
        let path = std::env::temp_dir().join(format!("jobdraft_bench_{}.db", std::process::id()));
        format!("sqlite://{}", path.display())
    });
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let store = Store::open(&url, 2)?;
    store.migrate()?;
    let mut conn = store.conn()?;
    let account_id = jobdraft::store::accounts::find_or_create(&mut conn, "bench")?.id;
    let now = now_ms();
    let started = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        use diesel::Connection;
        conn.transaction::<_, jobdraft::store::StoreError, _>(|c| {
            for &i in chunk {
                let mut d = job(i, &mut rng, now);
                d.account_id = account_id.clone();
                jobs::insert(c, &JobRow::new(&d, String::new(), None)?, d.clone())?;
                lifecycle::list(c, &d)?;
            }
            Ok(())
        })?;
    }
    if let jobdraft::store::DbConn::Pg(c) = &mut *conn {
        use diesel::connection::SimpleConnection;
        c.batch_execute("VACUUM ANALYZE")?;
    }
    println!(
        "backend {}: seeded {n} jobs in {:.1}s",
        store.backend().name(),
        started.elapsed().as_secs_f64()
    );

    let queries: Vec<(&str, SearchQuery)> = vec![
        ("q rare word", q(&["term4321"], vec![])),
        ("q medium word", q(&["term120"], vec![])),
        ("q common word", q(&["annotate"], vec![])),
        ("q two words", q(&["medical", "term300"], vec![])),
        (
            "q + language filter",
            q(&["sentiment"], vec![("language", "Spanish")]),
        ),
        (
            "q common + rare filter",
            q(&["annotate"], vec![("country", "NG")]),
        ),
        ("browse, no q", q(&[], vec![])),
        (
            "browse + 2 filters",
            q(&[], vec![("payType", "PAY_PER_HOUR"), ("country", "DE")]),
        ),
        (
            "browse + rare filters",
            q(&[], vec![("country", "PH"), ("language", "Arabic")]),
        ),
    ];
    let runs = 100;
    let mut all_search = Vec::new();
    for (name, query) in &queries {
        // One untimed run first, so a cold page cache is not counted.
        search::search(&mut conn, query, now)?;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            let page = search::search(&mut conn, query, now)?;
            for id in &page.ids {
                lifecycle::find_any(&mut conn, id)?;
            }
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{name:<22} p50 {:>7.2} ms  p99 {:>7.2} ms",
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
        all_search.extend(times);
    }
    all_search.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{:<22} p50 {:>7.2} ms  p99 {:>7.2} ms",
        "ALL SEARCH",
        percentile(&all_search, 0.5),
        percentile(&all_search, 0.99)
    );
    search::facets(&mut conn, now)?;
    let mut times = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        search::facets(&mut conn, now)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{:<22} p50 {:>7.2} ms  p99 {:>7.2} ms",
        "facets",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
    Ok(())
}

fn q(words: &[&str], filters: Vec<(&'static str, &str)>) -> SearchQuery {
    SearchQuery {
        words: words.iter().map(|w| w.to_string()).collect(),
        filters: filters
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        limit: 20,
        page: Page::First,
    }
}
