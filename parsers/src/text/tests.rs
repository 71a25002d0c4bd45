//! Unit tests of the text extractor: corpus-style sentences and adversarial inputs that must
//! neither panic nor hang.

use super::*;

#[test]
fn seed_dashcam() {
    let out = extract("We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour. English required. Work runs about six weeks.");
    let f = &out.fields;
    assert_eq!(f.headcount, Some(10));
    assert_eq!(f.data_volume, Some(50_000.0));
    assert_eq!(f.price_per_hour, Some(18.0));
    assert_eq!(f.project_duration_weeks, Some(6.0));
    assert_eq!(
        f.job_title.as_deref(),
        Some("Bounding Box Annotation — Dashcam Images")
    );
}

#[test]
fn seed_sentiment_title_and_reason() {
    let out = extract("We need 5 fluent Spanish speakers to label sentiment in ~20,000 social media posts. Pay per label. Annotators should have prior text-classification experience.");
    assert_eq!(
        out.fields.job_title.as_deref(),
        Some("Spanish Sentiment Labeling — Social Media Posts")
    );
    let reason = out
        .low_confidence
        .iter()
        .find(|l| l.path == "dataVolumeUnit")
        .map(|l| l.reason.clone());
    assert_eq!(
        reason.as_deref(),
        Some("Inferred NUMBER_OF_FILES from \"posts\".")
    );
}

#[test]
fn adversarial_inputs_do_not_panic() {
    let long_digits = "7".repeat(60_000);
    let commas = ",".repeat(60_000);
    let dollars = "$".repeat(60_000);
    let no_spaces = "ab".repeat(30_000);
    let per = "per ".repeat(15_000);
    let soup: String = (0..20_000u32)
        .filter_map(|i| char::from_u32(0x80 + (i * 7919) % 0x2FFFF))
        .collect();
    let mixed = "$1-$2-$3 per per ~ k M 1,000, 10.5.5 € £ ₹ ¥ ¢ ".repeat(1_500);
    let html = "<p><a href='x'>".repeat(6_000);
    let ats = "a@".repeat(30_000);
    let emoji = "👩‍💻🇺🇸 €5 per 🖼️ ".repeat(3_000);
    let dots = "U.S.".repeat(15_000);
    let entities = "&#99999999999;&amp".repeat(4_000);
    // Real-world shapes: tables flattened from HTML, JSX, bullet lists, label lines with their
    // values on the next line, title lines cut by separators, mixed scripts.
    let table =
        "<table><tr><td>Salary:</td><td>R12 000</td></tr><tr><td>Location:</td></tr>".repeat(700);
    let jsx = "<Job title={'Dev'} pay={20} onClick={() => apply('x@y.z')}>€20 pro Stunde</Job>\n"
        .repeat(700);
    let bullets = "  • Minimum of 3 months experience in the last 36 months\n".repeat(1_000);
    let labels = "Location:\n\nCompany:\n".repeat(3_000);
    let pipes = "Dev | Lumen | 100 - 140 PLN | [HCM- X] | @ Y | ".repeat(1_200);
    let scripts =
        "[北京]Lumen公司诚聘 工作地点：北京 1年以上经验 英语能力 Remoto — São Paulo · ".repeat(800);
    let at_we = "At Lumen, we hire. Lumen is hiring. About Lumen\n".repeat(1_200);
    for input in [&table, &jsx, &bullets, &labels, &pipes, &scripts, &at_we] {
        let input: String = input.chars().take(60_000).collect();
        let out = extract(&input);
        let source: Vec<char> = out
            .source_text
            .clone()
            .unwrap_or_default()
            .chars()
            .collect();
        for e in &out.evidence {
            let (s, end) = (e.start.unwrap_or(0), e.end.unwrap_or(0));
            let at: String = source
                .get(s..end)
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            assert_eq!(Some(at.as_str()), e.quote.as_deref(), "{}", e.path);
        }
    }
    for input in [
        &long_digits,
        &commas,
        &dollars,
        &no_spaces,
        &per,
        &soup,
        &mixed,
        &html,
        &ats,
        &emoji,
        &dots,
        &entities,
    ] {
        let out = extract(input);
        assert!(out.fields.job_description.is_some());
        let _ = html_to_text(input);
    }
    for s in [
        "",
        " ",
        "$",
        "¢",
        "x",
        "1-",
        "-1",
        "between 5 and",
        "from $",
        "<",
        "<a",
        "&#",
        "Georgia",
        "é<",
        "<é",
    ] {
        let _ = extract(s);
        let _ = html_to_text(s);
    }
}

/// `TEXT_DUMP=path cargo test -p jobdraft-parsers dump -- --ignored --nocapture` prints what
/// the extractor reads from a file (a debugging aid, not a check).
#[test]
#[ignore]
fn dump() {
    if let Ok(path) = std::env::var("TEXT_DUMP") {
        for p in path.split(':') {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let out = extract(&text);
            let mut map = out.fields.to_map();
            map.remove("jobDescription");
            println!(
                "== {p}\n{}",
                serde_json::to_string(&map).unwrap_or_default()
            );
            for l in &out.low_confidence {
                println!("  low {}: {}", l.path, l.reason);
            }
            for w in &out.warnings {
                println!("  warn {w}");
            }
        }
    }
}
