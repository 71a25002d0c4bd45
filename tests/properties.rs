//! Property tests for what a client's bytes reach first in the server crate: the HTML sanitizer,
//! the description-to-text renderer and the create body reader. For any input: no panic, and no
//! forbidden markup out; for pathological shapes: time linear in the size (doubling the input
//! must not more than ~2.5× the time, best of several runs).

mod linear;

use jobdraft::domain::public_job::html_to_text;
use jobdraft::domain::sanitize::sanitize_html;
use jobdraft::domain::{parse_create_body, CreateRequest};
use jobdraft::import::{prepare_draft, KeyPolicy};
use jobdraft_parsers::Limits;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Pieces of markup that exercise every branch of the sanitizer, joined at random.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<".to_string()),
        Just(">".to_string()),
        Just("</".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<svg>".to_string()),
        Just("</svg>".to_string()),
        Just("<SCRIPT>".to_string()),
        Just("<script>alert(1)".to_string()),
        Just("</script >".to_string()),
        Just("<p class=\"x>y\">".to_string()),
        Just("<a href=\"javascript:x\">".to_string()),
        Just("<a href='https://ok.example/?a=1&b=2'>".to_string()),
        Just("<img src=x onerror=y>".to_string()),
        Just("&amp;&lt;&#39;".to_string()),
        "[a-zA-Z0-9 .,é]{0,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Sanitized output holds no active markup: every `<` that a browser would read as the start of
/// a tag opens an allow-listed tag in the sanitizer's own canonical form (a link only with an
/// http(s)/mailto href and rel="nofollow noopener"); any other `<` is plain text.
fn assert_safe(out: &str) {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| {
        regex::Regex::new(concat!(
            r#"^<(?:/?(?:p|br|ul|ol|li|strong|b|em|i|u|a|h[1-6]|blockquote|code|pre|hr|span|div|table|thead|tbody|tr|th|td)>"#,
            r#"|a href="(?i:https?://|mailto:)[^"<>]*" rel="nofollow noopener">)"#
        ))
        .expect("tag pattern")
    });
    for (at, _) in out.match_indices('<') {
        let rest = &out[at..];
        let starts_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || "/!?".contains(c));
        assert!(
            !starts_tag || tag.is_match(rest),
            "active markup at byte {at} of {out:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sanitizer_never_panics_and_never_lets_active_markup_through(input in markup()) {
        let out = sanitize_html(&input);
        assert_safe(&out);
        let _ = html_to_text(&input);
    }

    #[test]
    fn sanitizer_takes_any_unicode(input in "\\PC{0,200}") {
        let out = sanitize_html(&input);
        assert_safe(&out);
    }

    #[test]
    fn create_body_reader_never_panics(body in json_value()) {
        let _ = parse_create_body(&body);
        let wrapped = json!({"format": "schema_org_job_posting", "jsonLd": body.clone()});
        if let Ok(request) = parse_create_body(&wrapped) {
            let _ = prepare(&request);
        }
        let wrapped = json!({"format": "canonical", "job": body});
        if let Ok(request) = parse_create_body(&wrapped) {
            let _ = prepare(&request);
        }
    }
}

fn prepare(request: &CreateRequest) -> bool {
    prepare_draft(
        "account",
        request,
        "ai-training",
        &Limits::default(),
        KeyPolicy::FromExternalId,
    )
    .is_ok()
}

/// Arbitrary JSON, biased towards the keys the create body and JSON-LD use.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("rawJobDescription".to_string()),
        Just("source".to_string()),
        Just("format".to_string()),
        Just("type".to_string()),
        Just("job".to_string()),
        Just("jsonLd".to_string()),
        Just("xml".to_string()),
        Just("@type".to_string()),
        Just("title".to_string()),
        Just("description".to_string()),
        Just("baseSalary".to_string()),
        Just("idempotencyKey".to_string()),
        "[a-z]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(Value::from),
        Just(Value::from("JobPosting")),
        Just(Value::from("indeed_xml")),
        Just(Value::from("<source><job><title>x</title></job></source>")),
        "\\PC{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Builds an input of about `n` bytes.
type Build = fn(usize) -> String;

/// Shapes that made (or could make) a naive scanner quadratic, built to about `n` bytes.
fn pathological_markup() -> Vec<(&'static str, Build)> {
    vec![
        ("svg pairs", |n| "<svg></svg>".repeat(n / 11)),
        ("SVG pairs, upper case", |n| "<SVG></SVG>".repeat(n / 11)),
        ("unclosed dropped elements", |n| "<script>".repeat(n / 8)),
        ("unterminated tags", |n| "<a".repeat(n / 2)),
        ("alternating quotes", |n| "<a \"'".repeat(n / 5)),
        ("open quote then tags", |n| {
            format!("<a \"{}", "<p>x</p>".repeat(n / 8))
        }),
        ("closing prefixes", |n| {
            format!("<svg>{}", "</".repeat(n / 2))
        }),
        ("comment openers", |n| "<!--".repeat(n / 4)),
        ("links", |n| {
            "<a href=\"https://x.example/\">x</a>".repeat(n / 33)
        }),
        ("lone brackets", |n| "<<>>".repeat(n / 4)),
    ]
}

#[test]
fn sanitizer_and_renderer_are_linear_on_pathological_markup() {
    for (name, build) in pathological_markup() {
        linear::assert_linear(&format!("sanitize_html: {name}"), build, |s| {
            sanitize_html(s).len()
        });
        linear::assert_linear(&format!("html_to_text: {name}"), build, |s| {
            html_to_text(s).len()
        });
    }
}

#[test]
fn create_bodies_with_pathological_descriptions_prepare_in_linear_time() {
    for (name, build) in pathological_markup() {
        linear::assert_linear(&format!("prepare_draft schema.org: {name}"), build, |s| {
            let body = json!({"format": "schema_org_job_posting",
                "jsonLd": {"@type": "JobPosting", "title": "t", "description": s}});
            parse_create_body(&body).map_or(0, |r| usize::from(prepare(&r)))
        });
    }
}
