//! Feed sync throughput: a generated N-job Indeed feed (default 10,000) synced into an empty
//! account with autoPublish (every job created and published), then again with 1 % of the jobs
//! changed (each a live edit, moderated and re-listed), then unchanged.
//! `cargo run --release --example sync_bench -- [DATABASE_URL] [N]`; with no URL a fresh SQLite
//! file in the temp directory. A PostgreSQL URL must name an empty database.

use std::sync::Arc;
use std::time::Instant;

use jobdraft::catalog::Catalog;
use jobdraft::config::Config;
use jobdraft::domain::moderation::Rules;
use jobdraft::feeds::run::Source;
use jobdraft::feeds::service::{run_with, Settings};
use jobdraft::store::feeds::{self, NewFeed};
use jobdraft::store::{accounts, now_ms, Store};

const WORK: &[&str] = &[
    "bounding boxes on dashcam images",
    "sentiment labels on product reviews",
    "transcripts of short call-centre clips",
    "polygons around buildings in aerial photos",
];

/// One ready job; `version` changes its title (the 1 % that changed).
fn job(i: usize, version: u32) -> String {
    let work = WORK[i % WORK.len()];
    format!(
        "<job><title><![CDATA[Annotator {i} v{version}]]></title><referencenumber><![CDATA[REF-{i}]]></referencenumber>\
<date><![CDATA[2026-11-30T10:00:00Z]]></date><company><![CDATA[Acme Data {}]]></company><country><![CDATA[US]]></country>\
<remotetype><![CDATA[Fully remote]]></remotetype><salary><![CDATA[$18 per hour]]></salary><jobtype><![CDATA[parttime]]></jobtype>\
<description><![CDATA[<p>We need {} experienced annotators for {work}, about {} items in total. Pay is $18/hour. English required. Work runs about six weeks.</p>]]></description></job>\n",
        i % 97,
        2 + i % 9,
        1_000 * (1 + i % 50)
    )
}

fn feed(n: usize, changed_every: Option<usize>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n<publisher>bench</publisher>\n",
    );
    for i in 0..n {
        let version = match changed_every {
            Some(k) if i % k == 0 => 2,
            _ => 1,
        };
        out.push_str(&job(i, version));
    }
    out.push_str("</source>\n");
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::env::temp_dir().join(format!("jobdraft_sync_bench_{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("sqlite://{}", dir.join("bench.db").display()));
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let store = Store::open(&url, 4)?;
    store.migrate()?;
    let mut config = Config::for_database(&url);
    config.publish_quota = 0;
    config.publish_quota_unclaimed = 0;
    let settings = Settings::from_config(
        &config,
        Arc::new(Catalog::builtin()),
        Arc::new(Rules::builtin()),
    );
    let feed_row = {
        let mut conn = store.conn()?;
        let account = accounts::find_or_create(&mut conn, "bench")?;
        let new = NewFeed {
            account_id: &account.id,
            url: "file://bench.xml",
            format: "indeed_xml",
            interval_minutes: 0,
            auto_publish: true,
        };
        match feeds::create(&mut conn, &new, now_ms())? {
            Ok(f) | Err(f) => f,
        }
    };
    println!("{} database, {n} jobs", store.backend().name());
    for (label, changed_every) in [
        ("initial (all new, published)", None),
        ("1% changed (live edits)", Some(100)),
        ("unchanged", Some(100)),
    ] {
        let document = feed(n, changed_every);
        let bytes = document.len();
        let started = Instant::now();
        let source = Source::Reader(Box::new(std::io::Cursor::new(document.into_bytes())));
        let run = run_with(
            &store,
            &settings,
            &feed_row,
            "bench",
            Some(source),
            &mut |_, _| {},
        )
        .map_err(|e| e.to_string())?;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{label:<30} {secs:>7.2} s  {:>8.0} jobs/s  {:>6.1} MB  created {} updated {} unchanged {} closed {} failed {}",
            n as f64 / secs,
            bytes as f64 / 1e6,
            run.created, run.updated, run.unchanged, run.closed, run.failed
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
