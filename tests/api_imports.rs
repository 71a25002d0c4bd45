//! Structured imports over HTTP: raw document bodies, and the streamed batch endpoint.

mod common;

use serde_json::{json, Value};

const DRAFTS: &str = "/api/public/v1/job-drafts";
const BATCH: &str = "/api/public/v1/job-drafts/batch";

fn feed(jobs: &[(&str, &str)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n<publisher>Some ATS</publisher>\n",
    );
    for (reference, title) in jobs {
        out.push_str(&format!(
            "<job><title><![CDATA[{title}]]></title><date>2026-11-01</date><referencenumber>{reference}</referencenumber>\
             <company><![CDATA[Acme Data]]></company><city>Austin</city><state>TX</state><country>US</country>\
             <description><![CDATA[<p>Label 5,000 images with bounding boxes. $20/hour.</p>]]></description>\
             <salary>$20 per hour</salary><jobtype>contract</jobtype></job>\n"
        ));
    }
    out.push_str("</source>\n");
    out
}

both_databases!(
    raw_documents_are_accepted_by_content_type,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let auth = format!("Bearer {token}");
        let xml = feed(&[("REF-1", "Image Annotator")]);
        let res = srv.request(
            "POST",
            &format!("{DRAFTS}?externalId=ext-9"),
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/xml"),
            ],
            xml.as_bytes(),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        let r = res.json();
        assert_eq!(r["import"]["format"], "indeed_xml");
        assert_eq!(r["import"]["externalId"], "ext-9");
        assert_eq!(r["normalizedFields"]["jobTitle"], "Image Annotator");

        let ld = json!({"@context": "https://schema.org", "@type": "JobPosting", "title": "Data Labeler", "description": "<p>Rate answers.</p>", "hiringOrganization": {"name": "Globex"}});
        let res = srv.request(
            "POST",
            DRAFTS,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/ld+json"),
            ],
            ld.to_string().as_bytes(),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        assert_eq!(res.json()["import"]["format"], "schema_org_job_posting");

        let html = format!("<!DOCTYPE html><html><head><script type=\"application/ld+json\">{ld}</script></head><body>x</body></html>");
        let res = srv.request(
            "POST",
            DRAFTS,
            &[
                ("Authorization", &auth),
                ("Content-Type", "text/html; charset=utf-8"),
            ],
            html.as_bytes(),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        assert_eq!(res.json()["normalizedFields"]["jobTitle"], "Data Labeler");

        // Declared format, malformed document: 400 naming the format and where it broke; nothing stored.
        let res = srv.request(
            "POST",
            DRAFTS,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/xml"),
            ],
            b"<source><job><title>x</job></source>",
        );
        let err = res.assert_error(400, "BAD_REQUEST");
        assert_eq!(err["details"]["reason"], "invalid_document");
        assert!(err["details"]["location"].is_string(), "{err}");
        let res = srv.post_json(DRAFTS, &token, &json!({"format": "hr_xml", "xml": "<!DOCTYPE x [<!ENTITY a \"b\">]><PositionOpening/>"}));
        res.assert_error(400, "BAD_REQUEST");
        let res = srv.post_json(DRAFTS, &token, &json!({"format": "schema_org_job_posting", "jsonLd": {"@type": "Organization", "name": "x"}}));
        res.assert_error(400, "BAD_REQUEST");
    }
);

both_databases!(
    batch_imports_a_feed_job_by_job,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let auth = format!("Bearer {token}");
        let mut xml = feed(&[
            ("R-1", "Annotator One"),
            ("R-2", "Annotator Two"),
            ("R-3", "Annotator Three"),
        ]);
        // One broken job must not lose the others.
        xml = xml.replace("</source>", "<job><title>Broken</title><description>never closed</job>\n<job><title>After</title><referencenumber>R-4</referencenumber></job></source>");
        let res = srv.request(
            "POST",
            BATCH,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/xml"),
            ],
            xml.as_bytes(),
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let body = res.json();
        let results = body["results"].as_array().expect("results");
        assert_eq!(results.len(), 5, "{body}");
        let statuses: Vec<u64> = results
            .iter()
            .map(|r| r["status"].as_u64().unwrap_or(0))
            .collect();
        assert_eq!(statuses, vec![201, 201, 201, 400, 201], "{body}");
        assert_eq!(
            body["summary"],
            json!({"total": 5, "created": 4, "replayed": 0, "failed": 1})
        );
        assert_eq!(
            results[0]["report"]["normalizedFields"]["jobTitle"],
            "Annotator One"
        );
        assert_eq!(results[0]["externalId"], "R-1");

        // Re-importing the feed replays by referencenumber: no duplicates.
        let again = srv
            .request(
                "POST",
                &format!("{BATCH}?reports=false"),
                &[
                    ("Authorization", &auth),
                    ("Content-Type", "application/xml"),
                ],
                xml.as_bytes(),
            )
            .json();
        assert_eq!(again["summary"]["replayed"], 4, "{again}");
        assert!(again["results"][0].get("report").is_none());
        assert!(again["results"][0]["missingFields"].is_array());
        let first_id = &results[0]["jobId"];
        assert_eq!(&again["results"][0]["jobId"], first_id);
        assert_eq!(
            srv.get(
                &format!("{DRAFTS}/{}", first_id.as_str().unwrap_or_default()),
                &token
            )
            .status,
            200
        );
    }
);

both_databases!(
    batch_takes_a_json_array_of_create_bodies,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let auth = format!("Bearer {token}");
        let items = json!([
            {"rawJobDescription": "Transcribe 20 hours of Spanish audio. $15/hour.", "externalId": "a"},
            {"format": "opentrain_canonical", "job": {"title": "Rate chatbot answers", "paymentType": "PAY_PER_HOUR", "rateAmount": 25}},
            {"format": "pdf", "text": "nope"},
            "not an object",
        ]);
        let res = srv.request(
            "POST",
            BATCH,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            items.to_string().as_bytes(),
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let body: Value = res.json();
        let statuses: Vec<u64> = body["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["status"].as_u64().unwrap_or(0))
            .collect();
        assert_eq!(statuses, vec![201, 201, 400, 400], "{body}");
        assert_eq!(
            body["results"][2]["details"]["supportedFormats"]
                .as_array()
                .map(Vec::len),
            Some(5)
        );

        let res = srv.request(
            "POST",
            BATCH,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            b"{\"not\": \"an array\"}",
        );
        let body = res.json();
        assert_eq!(body["summary"]["failed"], 1, "{body}");
        srv.request(
            "POST",
            BATCH,
            &[("Authorization", &auth), ("Content-Type", "text/plain")],
            b"x",
        )
        .assert_error(415, "UNSUPPORTED_MEDIA_TYPE");
        let reader = srv.token("acme", "jobs:read");
        srv.request(
            "POST",
            BATCH,
            &[
                ("Authorization", &format!("Bearer {reader}")),
                ("Content-Type", "application/json"),
            ],
            b"[]",
        )
        .assert_error(403, "FORBIDDEN");
    }
);
