//! The tokenless marketplace reads over HTTP on SQLite and PostgreSQL: ranked full-text search and
//! filters, stable cursors, the public job object and its 404s, facets, the change-feed
//! watermark, cache and CORS headers, and the per-IP throttle.

mod common;
mod lifecycle_support;

use lifecycle_support::*;
use serde_json::{json, Value};

const SENTIMENT_A: &str = "Sentiment labeling of Spanish tweets. Sentiment is all we ask: mark each tweet's sentiment. Pay is $15/hour.";
const SENTIMENT_B: &str =
    "Transcribe Spanish podcasts into text; a short sentiment note per episode. Pay is $20/hour.";
const AUDIO: &str = "Transcribe 300 hours of German call-center audio. Pay is $22/hour.";

fn ids(body: &Value) -> Vec<String> {
    body["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .filter_map(|j| j["id"].as_str().map(str::to_string))
        .collect()
}

fn ok(srv: &common::TestServer, path: &str) -> Value {
    let res = get_public(srv, path);
    assert_eq!(res.status, 200, "{path}: {}", res.text());
    assert_eq!(res.header("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(
        res.header("Cache-Control"),
        Some("public, s-maxage=300, stale-while-revalidate=3600")
    );
    assert!(res.header("RateLimit").is_some() && res.header("RateLimit-Policy").is_some());
    res.json()
}

both_databases_with!(
    search_is_ranked_and_filtered,
    |c: &mut jobdraft::config::Config| c.publish_quota = 100,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let a = live_job(
            srv,
            &token,
            SENTIMENT_A,
            json!({"jobTitle": "Spanish sentiment labeling", "languages": ["es"], "countries": ["MX"], "pricePerHour": 15}),
        );
        let b = live_job(
            srv,
            &token,
            SENTIMENT_B,
            json!({"jobTitle": "Podcast transcription", "languages": ["Spanish"], "countries": ["US"]}),
        );
        let c = live_job(
            srv,
            &token,
            AUDIO,
            json!({"jobTitle": "German audio transcription", "languages": ["German"], "countries": ["DE"], "paymentType": "FIXED_PRICE", "fixedPrice": 900, "pricePerHour": null}),
        );
        let hidden = ready_draft(srv, &token, SENTIMENT_A, json!({}));

        let all = ok(srv, "/api/public/v1/jobs");
        assert_eq!(
            ids(&all),
            vec![c.clone(), b.clone(), a.clone()],
            "newest first without q"
        );
        assert!(all["generatedAt"].is_string());
        assert_eq!(all["nextCursor"], Value::Null);
        assert!(!ids(&all).contains(&hidden));

        assert_eq!(
            ids(&ok(srv, "/api/public/v1/jobs?q=sentiment")),
            vec![a.clone(), b.clone()],
            "ranked: title + 3 mentions first"
        );
        let mut t = ids(&ok(srv, "/api/public/v1/jobs?q=transcription"));
        t.sort();
        let mut expected = vec![c.clone(), b.clone()];
        expected.sort();
        assert_eq!(t, expected);
        assert_eq!(
            ids(&ok(srv, "/api/public/v1/jobs?q=SPANISH%20podcasts")),
            vec![b.clone()]
        );
        assert!(ids(&ok(srv, "/api/public/v1/jobs?q=zeppelin")).is_empty());
        for odd in [
            "%22unbalanced",
            "a%20AND%20(",
            "NEAR(x%20y)",
            "*",
            "-",
            "%3A%3A%3A",
            "caf%C3%A9",
        ] {
            ok(srv, &format!("/api/public/v1/jobs?q={odd}"));
        }

        assert_eq!(
            ids(&ok(srv, "/api/public/v1/jobs?language=Spanish")),
            vec![b.clone(), a.clone()]
        );
        assert_eq!(
            ids(&ok(srv, "/api/public/v1/jobs?language=es&country=mx")),
            vec![a.clone()]
        );
        assert_eq!(
            ids(&ok(srv, "/api/public/v1/jobs?payType=FIXED_PRICE")),
            vec![c.clone()]
        );
        assert_eq!(
            ids(&ok(
                srv,
                "/api/public/v1/jobs?payType=pay_per_hour&q=sentiment"
            )),
            vec![a.clone(), b.clone()]
        );
        let err =
            get_public(srv, "/api/public/v1/jobs?payType=BARTER").assert_error(400, "BAD_REQUEST");
        assert!(err["details"]["allowedValues"]
            .as_array()
            .is_some_and(|v| v.contains(&json!("PAY_PER_LABEL"))));
        get_public(srv, "/api/public/v1/jobs?limit=101").assert_error(400, "BAD_REQUEST");
        assert_eq!(get_public(srv, "/api/public/v1/jobs?limit=100").status, 200);
        get_public(srv, "/api/public/v1/jobs?cursor=zzz").assert_error(400, "BAD_REQUEST");

        // The public job object.
        let job = ok(srv, &format!("/api/public/v1/jobs/{a}"));
        for key in [
            "id",
            "slug",
            "title",
            "companyName",
            "descriptionText",
            "descriptionHtml",
            "summary",
            "status",
            "datePosted",
            "validThrough",
            "updatedAt",
            "employmentTypes",
            "countries",
            "languages",
            "category",
            "dataType",
            "labelTypes",
            "labelingSoftware",
            "experienceLevel",
            "skills",
            "pay",
            "url",
            "applyUrl",
        ] {
            assert!(job.get(key).is_some(), "{key} missing: {job}");
        }
        assert_eq!(job["status"], "OPEN");
        assert_eq!(job["languages"], json!(["Spanish"]));
        assert_eq!(job["countries"], json!(["MX"]));
        assert_eq!(job["pay"]["paymentType"], "PAY_PER_HOUR");
        assert_eq!(job["pay"]["hourlyRate"], 15);
        assert!(job["slug"]
            .as_str()
            .is_some_and(|s| s.starts_with("spanish-sentiment-labeling--")));
        // Display labels as OpenTrain shows them; the codes beside them round-trip into filters.
        assert!(job["seoTitle"]
            .as_str()
            .is_some_and(|t| t.starts_with("Spanish sentiment labeling")));
        let category = job["categoryCode"].as_str().expect("categoryCode");
        assert_ne!(
            job["category"].as_str(),
            Some(category),
            "category is a label: {job}"
        );
        let filtered = ok(srv, &format!("/api/public/v1/jobs?category={category}"));
        assert!(
            ids(&filtered).contains(&a),
            "filter by categoryCode finds the job"
        );
        let by_label = ok(
            srv,
            &format!(
                "/api/public/v1/jobs?category={}",
                job["category"].as_str().expect("label").replace(' ', "%20")
            ),
        );
        assert!(
            ids(&by_label).contains(&a),
            "filter by the display label finds the job"
        );
        assert!(job["labelTypeCodes"].is_array() && job["experienceLevelCode"].is_string());
        let level = job["experienceLevel"].as_str().expect("experienceLevel");
        assert!(
            !level.contains('_') && level != level.to_uppercase(),
            "display label: {level}"
        );
    }
);

both_databases!(public_job_404s_and_cors, |srv: &common::TestServer| {
    let token = srv.token("acme", "jobs:write");
    let draft = ready_draft(
        srv,
        &token,
        DASHCAM,
        json!({"jobDescription": "<p>Boxes <script>alert(1)</script>on images.</p> $18/hour"}),
    );
    let res = get_public(srv, &format!("/api/public/v1/jobs/{draft}"));
    assert_eq!(res.status, 404);
    assert_eq!(
        res.json(),
        json!({"id": draft, "status": "closed"}),
        "OpenTrain's non-envelope body"
    );
    assert_eq!(res.header("Access-Control-Allow-Origin"), Some("*"));
    get_public(srv, "/api/public/v1/jobs/does-not-exist").assert_error(404, "NOT_FOUND");
    get_public(srv, &format!("/api/public/v1/jobs/{}", "x".repeat(65)))
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(publish(srv, &token, &draft).status, 200);
    let job = ok(srv, &format!("/api/public/v1/jobs/{draft}"));
    let html = job["descriptionHtml"].as_str().expect("html");
    assert!(html.contains("<p>") && !html.contains("script"), "{html}");
    assert!(!job["descriptionText"].as_str().expect("text").contains('<'));

    let pre = srv.request(
        "OPTIONS",
        "/api/public/v1/jobs",
        &[
            ("Origin", "https://x.example"),
            ("Access-Control-Request-Method", "GET"),
        ],
        b"",
    );
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(pre
        .header("Access-Control-Allow-Methods")
        .is_some_and(|m| m.contains("GET")));
    assert_eq!(
        srv.request("OPTIONS", &format!("/api/public/v1/jobs/{draft}"), &[], b"")
            .status,
        204
    );
});

both_databases_with!(
    public_cursor_pages_are_stable_while_jobs_are_published,
    |c: &mut jobdraft::config::Config| c.publish_quota = 100,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let mut original: Vec<String> = (0..9)
            .map(|_| live_job(srv, &token, DASHCAM, json!({})))
            .collect();
        original.reverse();
        let extra: Vec<String> = (0..4)
            .map(|_| ready_draft(srv, &token, DASHCAM, json!({})))
            .collect();
        let mut seen = Vec::new();
        let mut path = "/api/public/v1/jobs?limit=4".to_string();
        let mut extra = extra.into_iter();
        loop {
            let page = ok(srv, &path);
            seen.extend(ids(&page));
            if let Some(id) = extra.next() {
                assert_eq!(publish(srv, &token, &id).status, 200);
            }
            match page["nextCursor"].as_str() {
                Some(c) => path = format!("/api/public/v1/jobs?limit=4&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen, original, "no duplicates and no gaps");
        for id in extra {
            assert_eq!(publish(srv, &token, &id).status, 200);
        }

        // Ranked pages too.
        let mut ranked = Vec::new();
        let mut path = "/api/public/v1/jobs?q=dashcam&limit=5".to_string();
        loop {
            let page = ok(srv, &path);
            ranked.extend(ids(&page));
            match page["nextCursor"].as_str() {
                Some(c) => path = format!("/api/public/v1/jobs?q=dashcam&limit=5&cursor={c}"),
                None => break,
            }
        }
        let mut sorted = ranked.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 13);
        assert_eq!(ranked.len(), 13);
    }
);

both_databases!(facets_count_listed_jobs, |srv: &common::TestServer| {
    let token = srv.token("acme", "jobs:write");
    live_job(
        srv,
        &token,
        SENTIMENT_A,
        json!({"languages": ["Spanish"], "countries": ["MX", "US"]}),
    );
    live_job(
        srv,
        &token,
        SENTIMENT_B,
        json!({"languages": ["Spanish", "English"], "countries": ["US"]}),
    );
    let closed = live_job(
        srv,
        &token,
        AUDIO,
        json!({"languages": ["German"], "countries": ["DE"]}),
    );
    assert_eq!(close(srv, &token, &closed).status, 200);
    let f = ok(srv, "/api/public/v1/jobs/facets");
    assert_eq!(f["totalJobs"], 2);
    assert_eq!(
        f["languages"],
        json!([{"value": "Spanish", "count": 2}, {"value": "English", "count": 1}])
    );
    assert_eq!(
        f["countries"],
        json!([{"value": "US", "count": 2}, {"value": "MX", "count": 1}])
    );
    assert_eq!(
        f["payTypes"],
        json!([{"value": "PAY_PER_HOUR", "count": 2}])
    );
    let cats = f["categories"].as_array().expect("categories");
    assert!(
        cats.iter()
            .map(|c| c["count"].as_i64().unwrap_or(0))
            .sum::<i64>()
            <= 2
    );
    assert!(f["generatedAt"].is_string());
});

both_databases!(
    changes_feed_has_the_latest_event_per_job_and_a_watermark,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let start = get_public(
            srv,
            "/api/public/v1/jobs/changes?since=2020-01-01T00:00:00Z",
        )
        .json();
        assert_eq!(start["changes"], json!([]));
        let t0 = start["until"].as_str().expect("until").to_string();
        let a = live_job(srv, &token, DASHCAM, json!({}));
        let b = live_job(srv, &token, DASHCAM, json!({}));
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(
            srv.patch_json(
                &format!("/api/public/v1/jobs/{a}"),
                &token,
                &json!({"headcount": 4})
            )
            .status,
            200
        );
        assert_eq!(close(srv, &token, &b).status, 200);
        std::thread::sleep(std::time::Duration::from_millis(5));

        let feed = ok(srv, &format!("/api/public/v1/jobs/changes?since={t0}"));
        let changes = feed["changes"].as_array().expect("changes");
        let kinds: Vec<(String, String)> = changes
            .iter()
            .map(|c| {
                (
                    c["jobId"].as_str().unwrap_or("").to_string(),
                    c["eventType"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (a.clone(), "UPDATED".to_string()),
                (b.clone(), "CLOSED".to_string())
            ]
        );
        assert!(changes.iter().all(|c| c["occurredAt"].is_string()));
        let until = feed["until"].as_str().expect("until").to_string();
        assert!(until > t0);

        // The watermark: nothing new since `until`, then exactly what happened after it.
        let next = ok(srv, &format!("/api/public/v1/jobs/changes?since={until}"));
        assert_eq!(next["changes"], json!([]));
        assert_eq!(close(srv, &token, &a).status, 200);
        std::thread::sleep(std::time::Duration::from_millis(5));
        let after = ok(srv, &format!("/api/public/v1/jobs/changes?since={until}"));
        assert_eq!(after["changes"].as_array().map(Vec::len), Some(1));
        assert_eq!(after["changes"][0]["eventType"], "CLOSED");
        assert_eq!(after["changes"][0]["jobId"], a.as_str());
        ok(srv, "/api/public/v1/jobs/changes?since=2026-01-01");

        get_public(srv, "/api/public/v1/jobs/changes").assert_error(400, "BAD_REQUEST");
        let err = get_public(srv, "/api/public/v1/jobs/changes?since=yesterday")
            .assert_error(400, "BAD_REQUEST");
        assert_eq!(err["details"]["field"], "since");
    }
);

both_databases_with!(
    public_reads_are_throttled_per_ip,
    |c: &mut jobdraft::config::Config| c.public_rate_per_minute = 3,
    |srv: &common::TestServer| {
        for _ in 0..3 {
            let res = get_public(srv, "/api/public/v1/jobs/facets");
            assert_eq!(res.status, 200);
            assert!(res
                .header("RateLimit-Policy")
                .is_some_and(|p| p.starts_with("3;w=60")));
        }
        let res = get_public(srv, "/api/public/v1/jobs");
        res.assert_error(429, "RATE_LIMITED");
        let retry: u64 = res
            .header("Retry-After")
            .and_then(|v| v.parse().ok())
            .expect("Retry-After");
        assert!((1..=60).contains(&retry));
        assert!(res
            .header("RateLimit")
            .is_some_and(|v| v.contains("remaining=0")));
        assert_eq!(res.header("Access-Control-Allow-Origin"), Some("*"));
        assert!(
            res.header("Cache-Control").is_none(),
            "a 429 must not be cached"
        );
    }
);

/// Copies of a listed job straight through the store (as a publish writes them), `at` ms apart
/// and older than it, with the given title and description.
fn bulk_list(srv: &common::TestServer, base: &str, n: usize, title: &dyn Fn(usize) -> String) {
    use diesel::Connection;
    use jobdraft::store::{jobs, lifecycle};
    let mut conn = srv.store.conn().expect("conn");
    let template = lifecycle::find_any(&mut conn, base).expect("base job");
    let start = template.published_at.expect("published") - 10_000_000;
    conn.transaction::<_, jobdraft::store::StoreError, _>(|c| {
        for i in 0..n {
            let mut d = template.clone();
            d.id = format!("bulk{i:05}");
            d.import.idempotency_key = None;
            d.fields.job_title = Some(title(i));
            d.published_at = Some(start + i as i64 * 1000);
            jobs::insert(c, &jobs::JobRow::new(&d, String::new(), None)?, d.clone())?;
            lifecycle::list(c, &d)?;
        }
        Ok(())
    })
    .expect("bulk list");
}

both_databases_with!(
    common_words_rank_the_newest_window,
    |c: &mut jobdraft::config::Config| c.publish_quota = 100,
    |srv: &common::TestServer| {
        use jobdraft::store::search::RANK_WINDOW;
        let token = srv.token("acme", "jobs:write");
        let base = live_job(srv, &token, AUDIO, json!({"jobTitle": "Audio work"}));
        let n = RANK_WINDOW as usize + 100;
        // Every copy matches "transcribe" (description); the oldest also has a rare word, and
        // one old and one new copy say "dashcam" three times in the title.
        bulk_list(srv, &base, n, &|i| match i {
            0 => "Zebrafish survey".to_string(),
            5 => "Transcribe transcribe transcribe".to_string(),
            i if i == n - 3 => "Transcribe transcribe transcribe".to_string(),
            i => format!("Call-center audio batch {i}"),
        });
        // A rare word is found however old its job is.
        let found = ok(srv, "/api/public/v1/jobs?q=zebrafish");
        assert_eq!(ids(&found), vec!["bulk00000".to_string()]);
        // The common word is ranked: the newest strongly matching job comes first.
        let page = ok(srv, "/api/public/v1/jobs?q=transcribe&limit=50");
        assert_eq!(ids(&page)[0], format!("bulk{:05}", n - 3));
        // Pages cover exactly the window, without duplicates; older matches are outside it.
        let mut all = ids(&page);
        let mut cursor = page["nextCursor"].as_str().map(str::to_string);
        while let Some(c) = cursor {
            let p = ok(
                srv,
                &format!("/api/public/v1/jobs?q=transcribe&limit=50&cursor={c}"),
            );
            all.extend(ids(&p));
            cursor = p["nextCursor"].as_str().map(str::to_string);
        }
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(all.len(), RANK_WINDOW as usize);
        assert_eq!(unique.len(), all.len());
        assert!(!all.contains(&"bulk00005".to_string()));
        // Browsing still sees every job, newest first, across keyset pages.
        let mut seen = Vec::new();
        let mut path = "/api/public/v1/jobs?limit=50&payType=PAY_PER_HOUR".to_string();
        loop {
            let p = ok(srv, &path);
            seen.extend(ids(&p));
            match p["nextCursor"].as_str() {
                Some(c) => {
                    path = format!("/api/public/v1/jobs?limit=50&payType=PAY_PER_HOUR&cursor={c}")
                }
                None => break,
            }
        }
        let f = ok(srv, "/api/public/v1/jobs/facets");
        assert_eq!(f["totalJobs"], n as i64 + 1);
        let per_hour = f["payTypes"]
            .as_array()
            .and_then(|a| a.iter().find(|v| v["value"] == "PAY_PER_HOUR"))
            .map_or(0, |v| v["count"].as_i64().unwrap_or(0));
        assert_eq!(seen.len() as i64, per_hour);
        let mut dedup = seen.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), seen.len());
    }
);

both_databases!(
    facets_stay_exact_through_edits_and_closes,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let a = live_job(
            srv,
            &token,
            SENTIMENT_A,
            json!({"languages": ["Spanish"], "countries": ["MX"]}),
        );
        live_job(
            srv,
            &token,
            SENTIMENT_B,
            json!({"languages": ["Spanish"], "countries": ["US"]}),
        );
        let f = ok(srv, "/api/public/v1/jobs/facets");
        assert_eq!(f["totalJobs"], 2);
        assert_eq!(f["languages"], json!([{"value": "Spanish", "count": 2}]));
        // A live edit re-lists the job: its old tags leave the counts, its new ones join.
        let res = srv.patch_json(
            &format!("/api/public/v1/jobs/{a}"),
            &token,
            &json!({"languages": ["German"], "countries": ["DE"]}),
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let f = ok(srv, "/api/public/v1/jobs/facets");
        assert_eq!(f["totalJobs"], 2);
        assert_eq!(
            f["languages"],
            json!([{"value": "German", "count": 1}, {"value": "Spanish", "count": 1}])
        );
        assert_eq!(
            f["countries"],
            json!([{"value": "DE", "count": 1}, {"value": "US", "count": 1}])
        );
        // A filter value no listed job has is empty (answered from the counters).
        assert!(ids(&ok(srv, "/api/public/v1/jobs?country=MX")).is_empty());
        assert!(ids(&ok(srv, "/api/public/v1/jobs?q=sentiment&country=MX")).is_empty());
        assert_eq!(
            ids(&ok(srv, "/api/public/v1/jobs?country=DE")),
            vec![a.clone()]
        );
        assert_eq!(close(srv, &token, &a).status, 200);
        let f = ok(srv, "/api/public/v1/jobs/facets");
        assert_eq!(f["totalJobs"], 1);
        assert_eq!(f["languages"], json!([{"value": "Spanish", "count": 1}]));
        assert_eq!(f["countries"], json!([{"value": "US", "count": 1}]));
        assert!(ids(&ok(srv, "/api/public/v1/jobs?country=DE")).is_empty());
    }
);
