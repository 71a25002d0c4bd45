//! Property tests for every parser: any mutation of any golden input (and arbitrary text) parses
//! or is refused without a panic, and pathological shapes cost time linear in their size
//! (doubling the input must not more than ~2.5× the time, best of several runs).

#[path = "../../tests/linear/mod.rs"]
mod linear;

use std::path::{Path, PathBuf};

use jobdraft_parsers::{detect, parse, Format, Input, Limits};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Every golden input with its format.
fn golden_inputs() -> Vec<(Format, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata");
    let mut out = Vec::new();
    for format in Format::ALL {
        let Ok(cases) = std::fs::read_dir(root.join(format.name())) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = cases.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for case in paths {
            let Ok(files) = std::fs::read_dir(&case) else {
                continue;
            };
            for file in files.filter_map(Result::ok) {
                let path = file.path();
                if path.file_stem().and_then(|s| s.to_str()) == Some("input") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        out.push((*format, text));
                    }
                }
            }
        }
    }
    out
}

/// Runs `document` through its format's parser as text and, when it is JSON, as a JSON value.
fn parse_all_ways(format: Format, document: &str, limits: &Limits) {
    let _ = parse(format, Input::Text(document), limits);
    if let Ok(value) = serde_json::from_str::<Value>(document) {
        let _ = parse(format, Input::Json(&value), limits);
    }
    let _ = detect(document);
}

/// One edit of a document: cut, overwrite, repeat a slice, insert a hostile token, delete.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Overwrite(usize, char),
    Repeat(usize, usize, usize),
    Insert(usize, &'static str),
    Delete(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let token = prop::sample::select(vec![
        "<",
        "]]>",
        "&amp;",
        "&#x0;",
        "&#0;",
        "\"",
        "{",
        "}",
        "[",
        "<job>",
        "</description>",
        "<![CDATA[",
        "<!--",
        "$",
        "-",
        "\u{0}",
        "é",
        "\\u0000",
        "<svg>",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Edit::Overwrite(at, c)),
        (any::<usize>(), 0..64usize, 0..50usize).prop_map(|(a, l, n)| Edit::Repeat(a, l, n)),
        (any::<usize>(), token).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 0..32usize).prop_map(|(at, l)| Edit::Delete(at, l)),
    ]
}

/// Applies `edit` on character boundaries.
fn apply(document: &str, edit: &Edit) -> String {
    let chars: Vec<char> = document.chars().collect();
    let at = |i: usize| if chars.is_empty() { 0 } else { i % chars.len() };
    let mut out = chars.clone();
    match *edit {
        Edit::Truncate(i) => out.truncate(at(i)),
        Edit::Overwrite(i, c) if !out.is_empty() => out[at(i)] = c,
        Edit::Overwrite(..) => {}
        Edit::Repeat(i, len, times) => {
            let start = at(i);
            let end = (start + len).min(out.len());
            let slice: Vec<char> = out[start..end].to_vec();
            for _ in 0..times {
                out.splice(start..start, slice.iter().copied());
            }
        }
        Edit::Insert(i, token) => {
            let start = at(i);
            out.splice(start..start, token.chars());
        }
        Edit::Delete(i, len) => {
            let start = at(i);
            let end = (start + len).min(out.len());
            out.drain(start..end);
        }
    }
    out.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_golden_inputs_never_panic(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let inputs = golden_inputs();
        prop_assume!(!inputs.is_empty());
        let (format, original) = &inputs[pick.index(inputs.len())];
        let mut document = original.clone();
        for e in &edits {
            document = apply(&document, e);
        }
        parse_all_ways(*format, &document, &Limits::default());
    }

    #[test]
    fn arbitrary_text_never_panics_in_any_format(document in "\\PC{0,300}") {
        for format in Format::ALL {
            parse_all_ways(*format, &document, &Limits::default());
        }
    }
}

/// Builds a document of about `n` bytes.
type Build = fn(usize) -> String;

/// Limits high enough that the timing measures the parser, not its refusal of a long input.
fn roomy() -> Limits {
    Limits {
        text_chars: usize::MAX,
        xml_bytes: usize::MAX,
        xml_depth: 64,
    }
}

fn time_format(format: Format, name: &str, build: Build) {
    let limits = roomy();
    linear::assert_linear(&format!("{}: {name}", format.name()), build, |doc| {
        usize::from(parse(format, Input::Text(doc), &limits).is_ok())
    });
}

#[test]
fn text_extraction_is_linear_on_pathological_text() {
    let shapes: [(&str, Build); 9] = [
        ("digits", |n| "7".repeat(n)),
        ("commas", |n| ",".repeat(n)),
        ("dollar signs", |n| "$".repeat(n)),
        ("ranges", |n| "$1-".repeat(n / 3)),
        ("one long line of words", |n| {
            "annotate images ".repeat(n / 16)
        }),
        ("many short lines", |n| "Pay: $15/hour\n".repeat(n / 14)),
        ("bullets", |n| "• label 10 images\n".repeat(n / 20)),
        ("html pairs", |n| "<svg></svg>".repeat(n / 11)),
        ("entities", |n| "&amp;&#39;&nbsp;".repeat(n / 16)),
    ];
    for (name, build) in shapes {
        time_format(Format::Text, name, build);
    }
}

#[test]
fn structured_parsers_are_linear_on_pathological_documents() {
    fn schema_org(description: String) -> String {
        json!({"@type": "JobPosting", "title": "t", "description": description}).to_string()
    }
    fn indeed(description: String) -> String {
        format!("<source><job><title>t</title><description><![CDATA[{description}]]></description></job></source>")
    }
    fn hr_xml(description: String) -> String {
        format!("<PositionOpening><PositionProfile><PositionTitle>t</PositionTitle><PositionFormattedDescription><Content>{}</Content></PositionFormattedDescription></PositionProfile></PositionOpening>",
            description.replace('&', "&amp;").replace('<', "&lt;"))
    }
    fn canonical(description: String) -> String {
        json!({"title": "t", "description": description}).to_string()
    }
    let cases: [(Format, &str, Build); 11] = [
        (Format::SchemaOrg, "svg description", |n| {
            schema_org("<svg></svg>".repeat(n / 11))
        }),
        (Format::SchemaOrg, "html page of script blocks", |n| {
            "<script type=\"application/ld+json\">{}</script>".repeat(n / 42)
        }),
        (Format::SchemaOrg, "deep @graph", |n| {
            json!({"@graph": vec![json!({"@type": "Thing", "name": "x"}); n / 30]}).to_string()
        }),
        (Format::IndeedXml, "svg description", |n| {
            indeed("<svg></svg>".repeat(n / 11))
        }),
        (Format::IndeedXml, "many jobs", |n| {
            format!(
                "<source>{}</source>",
                "<job><title>t</title></job>".repeat(n / 27)
            )
        }),
        (Format::IndeedXml, "many entities", |n| {
            format!(
                "<source><job><description>{}</description></job></source>",
                "&amp;".repeat(n / 5)
            )
        }),
        (Format::IndeedXml, "many attributes", |n| {
            format!(
                "<source><job {}/></source>",
                (0..n / 12)
                    .map(|i| format!("a{i}=\"x\" "))
                    .collect::<String>()
            )
        }),
        (Format::HrXml, "escaped svg description", |n| {
            hr_xml("<svg></svg>".repeat(n / 11))
        }),
        (Format::HrXml, "many siblings", |n| {
            format!(
                "<PositionOpening>{}</PositionOpening>",
                "<X>y</X>".repeat(n / 8)
            )
        }),
        (Format::Canonical, "svg description", |n| {
            canonical("<svg></svg>".repeat(n / 11))
        }),
        (Format::Canonical, "long list", |n| {
            json!({"title": "t", "languages": vec!["English"; n / 10]}).to_string()
        }),
    ];
    for (format, name, build) in cases {
        time_format(format, name, build);
    }
}
