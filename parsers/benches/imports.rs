//! Import throughput (MB/s and jobs/s) of each structured parser on realistic documents from
//! the golden corpus, plus `parse_each` over a generated 10,000-job Indeed feed.
//!
//! Each document is timed twice: `bytes` is the whole parse, `mapping` the same parse with the
//! description text pass switched off ([`without_text_pass`]), so the structured mapping's own
//! cost and the text extractor's share can be read apart.

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use jobdraft_parsers::normalize::without_text_pass;
use jobdraft_parsers::{parse, parser_for, Format, Input, Limits};

fn golden(format: &str, case: &str, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(format)
        .join(case)
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn feed(jobs: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n<publisher>Bench ATS</publisher>\n",
    );
    for i in 0..jobs {
        s.push_str(&format!(
            "<job><title><![CDATA[Image Annotator {i}]]></title><date><![CDATA[Fri, 19 Dec 2014 22:49:39 GMT]]></date>\
             <referencenumber><![CDATA[ref-{i}]]></referencenumber><url><![CDATA[https://ats.example/jobs/{i}]]></url>\
             <company><![CDATA[LabelWorks]]></company><city><![CDATA[Austin]]></city><state><![CDATA[TX]]></state>\
             <country><![CDATA[US]]></country><description><![CDATA[<p>Draw bounding boxes around vehicles in 2,000 \
             street images. $18 per hour, 20 hours per week, remote.</p>]]></description>\
             <salary><![CDATA[$18 per hour]]></salary><jobtype><![CDATA[parttime]]></jobtype>\
             <remotetype><![CDATA[Fully remote]]></remotetype></job>\n"
        ));
    }
    s.push_str("</source>\n");
    s
}

fn single(c: &mut Criterion) {
    let docs = [
        (
            Format::SchemaOrg,
            "google_beta_example",
            golden(
                "schema_org_job_posting",
                "google_beta_example",
                "input.json",
            ),
        ),
        (
            Format::SchemaOrg,
            "html_page",
            golden(
                "schema_org_job_posting",
                "html_page_invalid_block_double_escaped",
                "input.html",
            ),
        ),
        (
            Format::IndeedXml,
            "single_job_cdata",
            golden("indeed_xml", "single_job_cdata", "input.xml"),
        ),
        (
            Format::HrXml,
            "eures_3_2_full",
            golden("hr_xml", "eures_3_2_full", "input.xml"),
        ),
        (
            Format::HrXml,
            "peopleclick_envelope",
            golden("hr_xml", "peopleclick_envelope_cdata", "input.xml"),
        ),
        (
            Format::HrXml,
            "hr_open_json",
            golden("hr_xml", "hr_open_json_jazzhr", "input.json"),
        ),
        (
            Format::Canonical,
            "every_catalog_key",
            golden("opentrain_canonical", "every_catalog_key", "input.json"),
        ),
    ];
    let limits = Limits::default();
    for (format, name, doc) in &docs {
        let mut group = c.benchmark_group(format!("{format}/{name}"));
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_function("bytes", |b| {
            b.iter(|| parse(*format, Input::Text(black_box(doc)), &limits))
        });
        group.bench_function("mapping", |b| {
            without_text_pass(|| b.iter(|| parse(*format, Input::Text(black_box(doc)), &limits)))
        });
        group.throughput(Throughput::Elements(1));
        group.bench_function("jobs", |b| {
            b.iter(|| parse(*format, Input::Text(black_box(doc)), &limits))
        });
        group.finish();
    }
}

fn indeed_feed(c: &mut Criterion) {
    let doc = feed(10_000);
    let limits = Limits::default();
    let parser = parser_for(Format::IndeedXml);
    let mut group = c.benchmark_group("indeed_xml/parse_each_10k");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.bench_function("bytes", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let _ = parser.parse_each(Input::Text(black_box(&doc)), &limits, &mut |r| {
                n += usize::from(r.is_ok())
            });
            assert_eq!(n, 10_000);
        })
    });
    group.bench_function("mapping", |b| {
        without_text_pass(|| {
            b.iter(|| {
                let mut n = 0usize;
                let _ = parser.parse_each(Input::Text(black_box(&doc)), &limits, &mut |r| {
                    n += usize::from(r.is_ok())
                });
                assert_eq!(n, 10_000);
            })
        })
    });
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("jobs", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let _ = parser.parse_each(Input::Text(black_box(&doc)), &limits, &mut |r| {
                n += usize::from(r.is_ok())
            });
            n
        })
    });
    group.finish();
}

criterion_group!(benches, single, indeed_feed);
criterion_main!(benches);
