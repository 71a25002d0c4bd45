//! Scoring the text extractor against a hand-graded corpus: one JSON object per line
//! (`{id, text, expected, ignore}`), each key of [`GRADED_KEYS`] judged right, wrong, missed or
//! spurious, summed per field and overall. Pure: the caller reads the file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The keys a graded corpus grades, in catalog order. Any other key the extractor fills is not
/// judged.
pub const GRADED_KEYS: &[&str] = &[
    "paymentType",
    "pricePerHour",
    "pricePerLabel",
    "fixedPrice",
    "currency",
    "salaryMin",
    "salaryMax",
    "salaryPeriod",
    "headcount",
    "dataVolume",
    "dataVolumeUnit",
    "labelTypes",
    "dataType",
    "languages",
    "countries",
    "experienceLevel",
    "yearsExperience",
    "hoursPerWeek",
    "projectDurationWeeks",
    "companyName",
    "employmentType",
    "locationType",
    "applyUrl",
    "applyEmail",
    "labelingSoftware",
];

/// One graded posting.
#[derive(Debug, Clone, Deserialize)]
pub struct GradedCase {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub expected: Map<String, Value>,
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// How one produced-or-expected value was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Produced and equal to the grade.
    Right,
    /// Produced and different from the grade.
    Wrong,
    /// Graded, not produced.
    Missed,
    /// Produced for a key the posting does not state.
    Spurious,
}

/// A disagreement between the extractor and the grade, for `--cases`.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub case: String,
    pub key: String,
    pub verdict: Verdict,
    pub expected: Option<Value>,
    pub produced: Option<Value>,
}

/// Counts for one key (or for all keys together).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub right: u32,
    pub wrong: u32,
    pub missed: u32,
    pub spurious: u32,
}

impl Tally {
    fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Right => self.right += 1,
            Verdict::Wrong => self.wrong += 1,
            Verdict::Missed => self.missed += 1,
            Verdict::Spurious => self.spurious += 1,
        }
    }

    /// Share of produced values that are right: right / (right + wrong + spurious).
    pub fn precision(&self) -> Option<f64> {
        ratio(self.right, self.right + self.wrong + self.spurious)
    }

    /// Share of graded values produced right: right / (right + wrong + missed).
    pub fn recall(&self) -> Option<f64> {
        ratio(self.right, self.right + self.wrong + self.missed)
    }

    /// Share of produced values that are wrong or should not exist:
    /// (wrong + spurious) / (right + wrong + spurious).
    pub fn produced_wrong(&self) -> Option<f64> {
        ratio(
            self.wrong + self.spurious,
            self.right + self.wrong + self.spurious,
        )
    }
}

fn ratio(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| f64::from(num) / f64::from(den))
}

/// The whole score of a corpus.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    pub cases: usize,
    pub total: Tally,
    /// right / (right + wrong + missed) over every graded key.
    pub graded_values_right: Option<f64>,
    /// (wrong + spurious) / (right + wrong + spurious) over every graded key.
    pub produced_values_wrong: Option<f64>,
    pub per_field: BTreeMap<String, Tally>,
    pub disagreements: Vec<Disagreement>,
}

/// A corpus line that is not a graded case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for CorpusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CorpusError {}

/// Reads a JSONL corpus (blank lines skipped).
pub fn read_corpus(jsonl: &str) -> Result<Vec<GradedCase>, CorpusError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|e| CorpusError {
                line: n + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// Scores the text extractor over `cases`.
pub fn evaluate(cases: &[GradedCase]) -> Scorecard {
    evaluate_with(cases, |text| {
        let outcome = crate::text::extract(text);
        match serde_json::to_value(&outcome.fields) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    })
}

/// Scores any extractor that maps a text to catalog-keyed JSON fields.
pub fn evaluate_with(
    cases: &[GradedCase],
    mut extract: impl FnMut(&str) -> Map<String, Value>,
) -> Scorecard {
    let mut card = Scorecard {
        cases: cases.len(),
        ..Scorecard::default()
    };
    for key in GRADED_KEYS {
        card.per_field.insert((*key).to_string(), Tally::default());
    }
    for case in cases {
        let produced = extract(&case.text);
        for key in GRADED_KEYS {
            if case.ignore.iter().any(|k| k == key) {
                continue;
            }
            let got = produced.get(*key).filter(|v| is_present(v));
            let want = case.expected.get(*key).filter(|v| is_present(v));
            let Some(verdict) = judge(key, want, got) else {
                continue;
            };
            card.total.add(verdict);
            if let Some(tally) = card.per_field.get_mut(*key) {
                tally.add(verdict);
            }
            if verdict != Verdict::Right {
                card.disagreements.push(Disagreement {
                    case: case.id.clone(),
                    key: (*key).to_string(),
                    verdict,
                    expected: want.cloned(),
                    produced: got.cloned(),
                });
            }
        }
    }
    card.graded_values_right = card.total.recall();
    card.produced_values_wrong = card.total.produced_wrong();
    card
}

/// The verdict for one key, or `None` when it is neither graded nor produced.
fn judge(key: &str, want: Option<&Value>, got: Option<&Value>) -> Option<Verdict> {
    match (want, got) {
        (None, None) => None,
        (None, Some(_)) => Some(Verdict::Spurious),
        (Some(_), None) => Some(Verdict::Missed),
        (Some(w), Some(g)) if same(key, w, g) => Some(Verdict::Right),
        (Some(_), Some(_)) => Some(Verdict::Wrong),
    }
}

fn is_present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    }
}

/// Lists as sets, strings case-insensitive, numbers equal (durations within half a week).
fn same(key: &str, want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Array(w), Value::Array(g)) => {
            let set = |items: &[Value]| {
                let mut keys: Vec<String> = items.iter().map(scalar_key).collect();
                keys.sort();
                keys.dedup();
                keys
            };
            set(w) == set(g)
        }
        (Value::Number(w), Value::Number(g)) => {
            let (w, g) = (
                w.as_f64().unwrap_or(f64::NAN),
                g.as_f64().unwrap_or(f64::NAN),
            );
            let tolerance = if key == "projectDurationWeeks" {
                0.5
            } else {
                1e-9
            };
            (w - g).abs() <= tolerance
        }
        (Value::String(w), Value::String(g)) => w.trim().to_lowercase() == g.trim().to_lowercase(),
        _ => scalar_key(want) == scalar_key(got),
    }
}

fn scalar_key(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_lowercase(),
        other => other.to_string(),
    }
}

/// The scorecard as a plain-text table: one row per key, then the two headline figures, and
/// with `cases` every disagreement with its case id.
pub fn render(card: &Scorecard, cases: bool) -> String {
    use std::fmt::Write;
    let pct = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{:.1}%", v * 100.0));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<22} {:>6} {:>6} {:>6} {:>8} {:>10} {:>7}",
        "field", "right", "wrong", "missed", "spurious", "precision", "recall"
    );
    let mut row = |name: &str, t: &Tally| {
        let _ = writeln!(
            out,
            "{:<22} {:>6} {:>6} {:>6} {:>8} {:>10} {:>7}",
            name,
            t.right,
            t.wrong,
            t.missed,
            t.spurious,
            pct(t.precision()),
            pct(t.recall())
        );
    };
    for key in GRADED_KEYS {
        if let Some(t) = card.per_field.get(*key) {
            row(key, t);
        }
    }
    row("all", &card.total);
    let _ = writeln!(out, "\ncases: {}", card.cases);
    let _ = writeln!(
        out,
        "graded values right:   {}",
        pct(card.graded_values_right)
    );
    let _ = writeln!(
        out,
        "produced values wrong: {}",
        pct(card.produced_values_wrong)
    );
    if cases {
        let show = |v: &Option<Value>| v.as_ref().map_or("-".to_string(), Value::to_string);
        let _ = writeln!(out);
        for d in &card.disagreements {
            let verdict = match d.verdict {
                Verdict::Right => "right",
                Verdict::Wrong => "wrong",
                Verdict::Missed => "missed",
                Verdict::Spurious => "spurious",
            };
            let _ = writeln!(
                out,
                "{} {:<20} {:<8} expected {}  produced {}",
                d.case,
                d.key,
                verdict,
                show(&d.expected),
                show(&d.produced)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(expected: Value, ignore: &[&str]) -> GradedCase {
        GradedCase {
            id: "c1".into(),
            text: String::new(),
            expected: expected.as_object().cloned().unwrap_or_default(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn score(expected: Value, ignore: &[&str], produced: Value) -> Scorecard {
        let produced = produced.as_object().cloned().unwrap_or_default();
        evaluate_with(&[case(expected, ignore)], |_| produced.clone())
    }

    #[test]
    fn each_verdict_is_counted_once() {
        let card = score(
            json!({"currency": "USD", "headcount": 3, "languages": ["English", "German"]}),
            &["countries"],
            json!({"currency": "usd", "headcount": 4, "countries": ["DE"], "hoursPerWeek": 20,
                   "languages": ["german", "English"], "jobTitle": "ignored key"}),
        );
        assert_eq!(
            card.total,
            Tally {
                right: 2,
                wrong: 1,
                missed: 0,
                spurious: 1
            }
        );
        assert_eq!(card.per_field["hoursPerWeek"].spurious, 1);
        assert_eq!(card.graded_values_right, Some(2.0 / 3.0));
        assert_eq!(card.produced_values_wrong, Some(2.0 / 4.0));
        assert_eq!(card.disagreements.len(), 2);
    }

    #[test]
    fn duration_is_right_within_half_a_week_and_missing_values_are_missed() {
        let card = score(
            json!({"projectDurationWeeks": 26, "salaryMin": 100}),
            &[],
            json!({"projectDurationWeeks": 26.4, "salaryMax": null}),
        );
        assert_eq!(card.per_field["projectDurationWeeks"].right, 1);
        assert_eq!(card.per_field["salaryMin"].missed, 1);
        assert_eq!(card.per_field["salaryMax"], Tally::default());
    }

    #[test]
    fn a_bad_line_names_its_number() {
        let err = read_corpus("\n{\"id\":\"a\",\"text\":\"x\"}\nnot json\n").unwrap_err();
        assert_eq!(err.line, 3);
    }
}
