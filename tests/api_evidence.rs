//! Evidence over HTTP (DESIGN.md §10): every parsed value in a report is traced to a quote in
//! the text the extractor read, `?include=sourceText` returns that text, and a PATCHed value
//! loses its evidence — on SQLite and PostgreSQL.

mod common;

use serde_json::{json, Value};

const AD: &str = "Data Quality Reviewer (Contract)\n\nAt Harbor & Finch, we build search tools for libraries.\nWork from home, about 15 hours of review per week, $24/hr.\nSend your CV to jobs@harborfinch.example.";

fn evidence_for<'a>(report: &'a Value, path: &str) -> Vec<&'a Value> {
    report["evidence"]
        .as_array()
        .map(|list| list.iter().filter(|e| e["path"] == path).collect())
        .unwrap_or_default()
}

both_databases!(
    every_parsed_value_has_a_quote_at_its_offsets,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let created = srv.create_text(&token, AD);
        let id = created["jobId"].as_str().expect("id");
        let res = srv.get(
            &format!("/api/public/v1/job-drafts/{id}?include=sourceText"),
            &token,
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let report = res.json();
        let source: Vec<char> = report["sourceText"]
            .as_str()
            .expect("sourceText")
            .chars()
            .collect();
        let fields = report["normalizedFields"].as_object().expect("fields");
        for key in [
            "companyName",
            "employmentType",
            "locationType",
            "hoursPerWeek",
        ] {
            assert!(fields.contains_key(key), "{key} not extracted: {report}");
        }
        for key in fields.keys().filter(|k| *k != "jobDescription") {
            let cited = evidence_for(&report, key);
            assert!(!cited.is_empty(), "{key} has no evidence: {report}");
            for e in cited {
                let (s, end) = (
                    e["start"].as_u64().expect("start") as usize,
                    e["end"].as_u64().expect("end") as usize,
                );
                let at: String = source[s..end].iter().collect();
                assert_eq!(Some(at.as_str()), e["quote"].as_str(), "{key}: {e}");
            }
        }
        assert_eq!(
            evidence_for(&report, "companyName")[0]["quote"],
            "Harbor & Finch"
        );
        // Without the include, the text is not sent.
        let plain = srv
            .get(&format!("/api/public/v1/job-drafts/{id}"), &token)
            .json();
        assert!(plain.get("sourceText").is_none());
        assert_eq!(plain["evidence"], report["evidence"]);
    }
);

both_databases!(
    a_patched_value_has_no_evidence,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let created = srv.create_text(&token, AD);
        let id = created["jobId"].as_str().expect("id");
        assert!(!evidence_for(&created, "hoursPerWeek").is_empty());
        let res = srv.patch_json(
            &format!("/api/public/v1/job-drafts/{id}"),
            &token,
            &json!({"hoursPerWeek": 20}),
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let patched = res.json();
        assert!(
            evidence_for(&patched, "hoursPerWeek").is_empty(),
            "{patched}"
        );
        assert!(!evidence_for(&patched, "companyName").is_empty());
    }
);
