//! `client draft --ask` / `--answers`: each gap of the report asked in the terminal (enum values
//! as numbered choices) or read from an answers file, checked against its type before sending,
//! PATCHed until the draft is publishReady. The gaps and the key an answer goes to are the MCP
//! elicitation's (`mcp::elicit`), so both ask the same questions.

use std::io::{BufRead, Write};

use serde_json::{json, Map, Value};

use super::Client;
use crate::cli::AnyError;
use crate::mcp::elicit::{choose_key, gaps};

/// Where answers come from.
pub enum Answers<'a> {
    Terminal {
        input: &'a mut dyn BufRead,
        prompts: &'a mut dyn Write,
    },
    File(Map<String, Value>),
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn enum_choice<'a>(choices: &[&'a str], text: &str) -> Result<&'a str, String> {
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        if (1..=choices.len()).contains(&n) {
            return Ok(choices[n - 1]);
        }
    }
    choices
        .iter()
        .find(|c| c.eq_ignore_ascii_case(text))
        .copied()
        .ok_or_else(|| {
            format!(
                "choose 1-{} or one of {}",
                choices.len(),
                choices.join(", ")
            )
        })
}

/// `text` as the value `gap` takes, or why it is not one.
pub fn parse_answer(gap: &Value, text: &str) -> Result<Value, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an answer is required".into());
    }
    let choices = strings(&gap["enumValues"]);
    let list = |t: &str| -> Vec<String> {
        t.split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    Ok(match gap["type"].as_str().unwrap_or("string") {
        "enum" => json!(enum_choice(&choices, text)?),
        "enum[]" => json!(list(text)
            .iter()
            .map(|p| enum_choice(&choices, p))
            .collect::<Result<Vec<_>, _>>()?),
        "integer" => json!(text
            .parse::<i64>()
            .map_err(|_| "expected a whole number".to_string())?),
        "number" => json!(text
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or("expected a number")?),
        t if t.ends_with("[]") => json!(list(text)),
        "email" if !text.contains('@') => return Err("expected an e-mail address".into()),
        "url" if !(text.starts_with("http://") || text.starts_with("https://")) => {
            return Err("expected an http(s) URL".into())
        }
        "date" if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
            return Err("expected a date as YYYY-MM-DD".into())
        }
        _ => json!(text),
    })
}

/// An answers-file value as the text a person would type.
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(as_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

impl Answers<'_> {
    /// One checked answer for `gap`; `None` when the file has none for it.
    fn answer(&mut self, gap: &Value, field: &str) -> Result<Option<Value>, AnyError> {
        match self {
            Answers::File(map) => match map.get(field) {
                None => Ok(None),
                Some(v) => parse_answer(gap, &as_text(v))
                    .map(Some)
                    .map_err(|e| format!("answers file, {field}: {e}").into()),
            },
            Answers::Terminal { input, prompts } => loop {
                let question = gap["prompt"]
                    .as_str()
                    .or_else(|| gap["question"].as_str())
                    .unwrap_or(field);
                writeln!(
                    prompts,
                    "ask: {question} [{field}, {}]",
                    gap["type"].as_str().unwrap_or("string")
                )?;
                for (i, choice) in strings(&gap["enumValues"]).iter().enumerate() {
                    writeln!(prompts, "  {}) {choice}", i + 1)?;
                }
                write!(prompts, "> ")?;
                prompts.flush()?;
                let mut line = String::new();
                if input.read_line(&mut line)? == 0 {
                    return Err("the terminal closed before every question was answered".into());
                }
                match parse_answer(gap, &line) {
                    Ok(v) => return Ok(Some(v)),
                    Err(e) => writeln!(prompts, "  not accepted: {e}")?,
                }
            },
        }
    }

    fn say(&mut self, text: &str) -> Result<(), AnyError> {
        if let Answers::Terminal { prompts, .. } = self {
            writeln!(prompts, "{text}")?;
        }
        Ok(())
    }

    /// Asks whether to publish now (a terminal only; a file publishes with `--publish`).
    pub fn confirm_publish(&mut self) -> Result<bool, AnyError> {
        match self {
            Answers::File(_) => Ok(false),
            Answers::Terminal { input, prompts } => {
                write!(prompts, "The draft is ready. Publish it now? [y/N] ")?;
                prompts.flush()?;
                let mut line = String::new();
                input.read_line(&mut line)?;
                Ok(matches!(line.trim(), "y" | "Y" | "yes"))
            }
        }
    }
}

/// `gap` with the type, enum values and prompt the catalog gives `field`, where the gap (an issue
/// on a present value) does not carry them.
fn with_catalog(gap: &Value, field: &str, catalog: &Value) -> Value {
    let mut gap = gap.clone();
    let known = catalog["draft"]["fields"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["key"] == field));
    if let (Some(known), Value::Object(map)) = (known, &mut gap) {
        for (from, to) in [
            ("type", "type"),
            ("enumValues", "enumValues"),
            ("prompt", "question"),
        ] {
            if map.get(to).is_none_or(Value::is_null) {
                map.insert(to.into(), known[from].clone());
            }
        }
    }
    gap
}

/// Asks for `report`'s gaps and PATCHes the answers until the draft is publishReady; answers
/// the last report.
pub fn complete(
    client: &Client,
    catalog: &Value,
    mut report: Value,
    answers: &mut Answers,
) -> Result<Value, AnyError> {
    let id = report["jobId"]
        .as_str()
        .ok_or("the report has no jobId")?
        .to_string();
    while report["validation"]["publishReady"] != json!(true) {
        let mut patch = Map::new();
        let mut unanswered = Vec::new();
        for gap in gaps(&report) {
            let Some(field) = gap["field"].as_str() else {
                continue;
            };
            let gap = &with_catalog(gap, field, catalog);
            if let Some(issue) = gap["code"].as_str().filter(|_| gap["prompt"].is_null()) {
                answers.say(&format!(
                    "{field}: {} ({issue})",
                    gap["message"].as_str().unwrap_or_default()
                ))?;
            }
            match answers.answer(gap, field)? {
                Some(value) => {
                    let keys = strings(&gap["updateKeys"]);
                    patch.insert(choose_key(field, &keys, &value).to_string(), value);
                }
                None => unanswered.push(field.to_string()),
            }
        }
        if patch.is_empty() {
            return Err(format!("no answer for: {}", unanswered.join(", ")).into());
        }
        let reply = client.call(
            "PATCH",
            &format!("/api/public/v1/job-drafts/{id}"),
            Some(Value::Object(patch)),
            None,
        );
        if reply.is_success() {
            report = reply.body;
        } else if reply.status == 400 && matches!(answers, Answers::Terminal { .. }) {
            answers.say(&format!(
                "The server refused an answer: {}",
                super::describe_error(&reply.body)
            ))?;
        } else {
            return Err(super::describe_error(&reply.body).into());
        }
    }
    Ok(report)
}
