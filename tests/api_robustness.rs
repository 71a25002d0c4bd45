//! Nothing a client sends makes the server answer 500 or panic (DESIGN.md §9): adversarial
//! documents and deterministic mutations of every golden input, in every format and body shape.

mod common;

use serde_json::json;

const DRAFTS: &str = "/api/public/v1/job-drafts";

/// A small deterministic PRNG (xorshift), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(5) {
            0 => {
                out.truncate(at);
            }
            1 => out[at] = (rng.next() & 0xff) as u8,
            2 => {
                let len = rng.below(64).min(out.len() - at);
                let chunk: Vec<u8> = out[at..at + len].to_vec();
                for _ in 0..rng.below(50) {
                    out.splice(at..at, chunk.iter().copied());
                }
            }
            3 => {
                let tokens: [&[u8]; 8] = [
                    b"<", b"]]>", b"&amp;", b"&#x0;", b"\"", b"{", b"<job>", b"\xff",
                ];
                let t = tokens[rng.below(tokens.len())];
                out.splice(at..at, t.iter().copied());
            }
            _ => {
                let len = rng.below(32).min(out.len() - at);
                out.drain(at..at + len);
            }
        }
    }
    out
}

fn content_type(format: &str) -> &'static str {
    match format {
        "text" => "text/plain",
        "schema_org_job_posting" => "application/ld+json",
        "indeed_xml" | "hr_xml" => "application/xml",
        _ => "application/json",
    }
}

#[test]
fn adversarial_documents_never_cause_a_500() {
    let srv = common::TestServer::start(common::Db::Sqlite);
    let token = srv.token("acme", "jobs:write");
    let auth = format!("Bearer {token}");
    let deep_xml = format!(
        "<source><job>{}x{}</job></source>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><source><job><title>&lol2;</title></job></source>"#;
    let one_element = format!(
        "<source><job><description>{}</description></job></source>",
        "x".repeat(1_000_000)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("application/xml", deep_xml.into_bytes()),
        ("application/xml", laughs.as_bytes().to_vec()),
        ("application/xml", one_element.into_bytes()),
        ("application/xml", b"<source><job><title>unterminated".to_vec()),
        ("application/xml", b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><source/>".to_vec()),
        ("application/xml", b"\xef\xbb\xbf<PositionOpening><PositionProfile><PositionTitle>x</PositionTitle>".to_vec()),
        ("application/xml", b"<HRXMLRequest><Payload><![CDATA[<PositionOpening><!DOCTYPE x>]]></Payload></HRXMLRequest>".to_vec()),
        ("application/ld+json", format!("{}{}", "[".repeat(200), "]".repeat(200)).into_bytes()),
        ("application/ld+json", br#"{"@type":"JobPosting","title":1e400,"baseSalary":{"value":{"minValue":"-1e308","maxValue":"NaN"}},"totalJobOpenings":-5}"#.to_vec()),
        ("text/html", b"<html><script type=\"application/ld+json\">{\"@type\": \"JobPosting\", \"title\": \"</script>".to_vec()),
        ("text/plain", "9".repeat(60_000).into_bytes()),
        ("text/plain", ",".repeat(60_000).into_bytes()),
        ("text/plain", "$$$ per per per € ¥ ₩ 1k-2k-3k-4k ".repeat(1_500).into_bytes()),
        ("text/plain", "\u{202e}\u{0000}\u{fffd}ǅ̷̢̛ 𝟘𝟙 ﷽ ".repeat(2_000).into_bytes()),
        ("application/json", json!({"format": "opentrain_canonical", "job": {"title": {"nested": [1, 2]}, "headcount": 1e300, "languages": "not a list"}}).to_string().into_bytes()),
        ("application/json", json!({"format": "hr_xml", "xml": {"positionOpening": {"positionProfiles": [null, 7, "x"]}}}).to_string().into_bytes()),
    ];
    for (i, (ct, body)) in cases.iter().enumerate() {
        let res = srv.request(
            "POST",
            DRAFTS,
            &[("Authorization", &auth), ("Content-Type", ct)],
            body,
        );
        assert!(
            res.status < 500,
            "case {i} ({ct}) answered {}: {}",
            res.status,
            res.text()
        );
        assert!(
            serde_json::from_slice::<serde_json::Value>(&res.body).is_ok(),
            "case {i}: not JSON"
        );
    }

    // Deterministic mutations of every golden input, through the matching raw content type.
    let testdata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut sent = 0;
    for format in [
        "text",
        "schema_org_job_posting",
        "indeed_xml",
        "hr_xml",
        "opentrain_canonical",
    ] {
        let Ok(dirs) = std::fs::read_dir(testdata.join(format)) else {
            continue;
        };
        let mut dirs: Vec<_> = dirs.filter_map(|d| d.ok().map(|d| d.path())).collect();
        dirs.sort();
        for dir in dirs.iter().take(12) {
            let Some(input) = std::fs::read_dir(dir).ok().and_then(|mut it| {
                it.find_map(|e| {
                    e.ok()
                        .map(|e| e.path())
                        .filter(|p| p.file_stem().is_some_and(|s| s == "input"))
                })
            }) else {
                continue;
            };
            let Ok(original) = std::fs::read(&input) else {
                continue;
            };
            for _ in 0..4 {
                let body = mutate(&original, &mut rng);
                let ct = if format == "opentrain_canonical" {
                    "application/json"
                } else {
                    content_type(format)
                };
                let body = if format == "opentrain_canonical" {
                    json!({"format": "canonical", "job": String::from_utf8_lossy(&body)})
                        .to_string()
                        .into_bytes()
                } else {
                    body
                };
                let res = srv.request(
                    "POST",
                    DRAFTS,
                    &[("Authorization", &auth), ("Content-Type", ct)],
                    &body,
                );
                assert!(
                    res.status < 500,
                    "mutation of {} answered {}: {}",
                    input.display(),
                    res.status,
                    res.text()
                );
                sent += 1;
            }
        }
    }
    assert!(sent > 0, "no golden inputs were found to mutate");
    // The server is still healthy afterwards.
    assert_eq!(srv.request("GET", "/healthz", &[], b"").status, 200);
}
