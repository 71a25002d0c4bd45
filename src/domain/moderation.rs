//! Moderation: a rule engine whose rules are data (built-in defaults in `moderation_rules.json`,
//! or an operator's file) run on every publish and every live edit. Pure: the caller reads the file.

use std::collections::BTreeMap;

use jobdraft_parsers::{JobFields, PaymentType, SalaryPeriod};
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The built-in rules.
pub const DEFAULT_RULES: &str = include_str!("moderation_rules.json");

/// What moderation decided, in order of severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Decision {
    Allow,
    Review,
    Block,
}

impl Decision {
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "ALLOW",
            Decision::Review => "REVIEW",
            Decision::Block => "BLOCK",
        }
    }
}

/// Why: one matched rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    pub message: String,
    pub field: String,
    #[serde(skip)]
    pub decision: Option<Decision>,
}

/// The result of moderating a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub decision: Decision,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    rules: Vec<PatternRuleDef>,
    pay_floors: Option<PayFloors>,
    staffing_companies: Option<StaffingDef>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PatternRuleDef {
    code: String,
    decision: Decision,
    message: String,
    fields: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    /// Also match e-mail addresses.
    #[serde(default)]
    emails: bool,
    /// Ignore matches equal to the job's own applyEmail / applyUrl.
    #[serde(default)]
    allow_apply_channels: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PayFloors {
    code: String,
    decision: Decision,
    message: String,
    hourly: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StaffingDef {
    code: String,
    decision: Decision,
    message: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

struct PatternRule {
    code: String,
    decision: Decision,
    message: String,
    fields: Vec<String>,
    regexes: Vec<Regex>,
    allow_apply_channels: bool,
}

/// Compiled rules.
pub struct Rules {
    rules: Vec<PatternRule>,
    pay_floors: Option<PayFloors>,
    staffing: Option<(String, Decision, String, Vec<Regex>)>,
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rules({} pattern rules)", self.rules.len())
    }
}

const EMAIL: &str = r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}";

fn compile(pattern: &str, code: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| format!("rule {code}: bad pattern {pattern:?}: {e}"))
}

impl Rules {
    /// The built-in defaults.
    pub fn builtin() -> Rules {
        Rules::parse(DEFAULT_RULES).unwrap_or_else(|e| panic!("built-in moderation rules: {e}"))
    }

    /// Parses and compiles a rules document (JSON); the error names the bad rule.
    pub fn parse(text: &str) -> Result<Rules, String> {
        let file: RuleFile =
            serde_json::from_str(text).map_err(|e| format!("moderation rules: {e}"))?;
        if file.version > 1 {
            return Err(format!(
                "moderation rules version {} is newer than this server understands (1)",
                file.version
            ));
        }
        let mut rules = Vec::new();
        for def in file.rules {
            let mut regexes = def
                .patterns
                .iter()
                .map(|p| compile(p, &def.code))
                .collect::<Result<Vec<_>, _>>()?;
            if def.emails {
                regexes.push(compile(EMAIL, &def.code)?);
            }
            for f in &def.fields {
                if !jobdraft_parsers::fields::FIELD_KEYS.contains(&f.as_str()) {
                    return Err(format!("rule {}: unknown field {f:?}", def.code));
                }
            }
            rules.push(PatternRule {
                code: def.code,
                decision: def.decision,
                message: def.message,
                fields: def.fields,
                regexes,
                allow_apply_channels: def.allow_apply_channels,
            });
        }
        let staffing = match file.staffing_companies {
            Some(s) => {
                let mut regexes = s
                    .patterns
                    .iter()
                    .map(|p| compile(p, &s.code))
                    .collect::<Result<Vec<_>, _>>()?;
                for name in &s.names {
                    regexes.push(compile(&format!(r"\b{}\b", regex::escape(name)), &s.code)?);
                }
                Some((s.code, s.decision, s.message, regexes))
            }
            None => None,
        };
        Ok(Rules {
            rules,
            pay_floors: file.pay_floors,
            staffing,
        })
    }

    /// Moderates `fields`.
    pub fn check(&self, fields: &JobFields) -> Outcome {
        let map = fields.to_map();
        let mut reasons = Vec::new();
        let apply: Vec<String> = [&fields.apply_email, &fields.apply_url]
            .into_iter()
            .flatten()
            .map(|s| s.to_lowercase())
            .collect();
        for rule in &self.rules {
            for field in &rule.fields {
                let text = field_text(map.get(field));
                if text.is_empty() {
                    continue;
                }
                let hit = rule
                    .regexes
                    .iter()
                    .flat_map(|re| re.find_iter(&text))
                    .find(|m| {
                        let s = m.as_str().to_lowercase();
                        !(rule.allow_apply_channels && apply.iter().any(|a| a.contains(&s)))
                    });
                if let Some(m) = hit {
                    reasons.push(reason(
                        &rule.code,
                        rule.decision,
                        &rule.message,
                        field,
                        &[("match", &quote(m.as_str()))],
                    ));
                    break;
                }
            }
        }
        if let (Some((code, decision, message, regexes)), Some(company)) =
            (&self.staffing, &fields.company_name)
        {
            if regexes.iter().any(|re| re.is_match(company)) {
                reasons.push(reason(
                    code,
                    *decision,
                    message,
                    "companyName",
                    &[("match", company)],
                ));
            }
        }
        if let Some(floors) = &self.pay_floors {
            let currency = fields.currency.clone().unwrap_or_else(|| "USD".to_string());
            let hourly = match (fields.payment_type, fields.price_per_hour) {
                (Some(PaymentType::PayPerHour), Some(p)) => Some(("pricePerHour", p)),
                _ if fields.salary_period == Some(SalaryPeriod::Hour) => fields
                    .salary_min
                    .or(fields.salary_max)
                    .map(|p| ("salaryMin", p)),
                _ => None,
            };
            if let (Some((field, amount)), Some(floor)) = (hourly, floors.hourly.get(&currency)) {
                if amount < *floor {
                    let (a, f) = (format!("{amount}"), format!("{floor}"));
                    let vars = [
                        ("amount", a.as_str()),
                        ("floor", f.as_str()),
                        ("currency", currency.as_str()),
                    ];
                    reasons.push(reason(
                        &floors.code,
                        floors.decision,
                        &floors.message,
                        field,
                        &vars,
                    ));
                }
            }
        }
        let decision = reasons
            .iter()
            .filter_map(|r| r.decision)
            .max()
            .unwrap_or(Decision::Allow);
        Outcome { decision, reasons }
    }
}

fn quote(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    format!("\"{short}\"")
}

fn reason(
    code: &str,
    decision: Decision,
    template: &str,
    field: &str,
    vars: &[(&str, &str)],
) -> Reason {
    let mut message = template.to_string();
    for (k, v) in vars {
        message = message.replace(&format!("{{{k}}}"), v);
    }
    Reason {
        code: code.to_string(),
        message,
        field: field.to_string(),
        decision: Some(decision),
    }
}

fn field_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(description: &str) -> JobFields {
        JobFields {
            job_title: Some("Image annotation".into()),
            job_description: Some(description.into()),
            ..JobFields::default()
        }
    }

    #[test]
    fn defaults_allow_an_ordinary_job() {
        let out = Rules::builtin().check(&job(
            "Draw bounding boxes on 5,000 street images. $18/hour.",
        ));
        assert_eq!(out.decision, Decision::Allow, "{out:?}");
    }

    #[test]
    fn fee_to_apply_blocks_and_contacts_need_review() {
        let rules = Rules::builtin();
        let out = rules.check(&job("Pay a $50 registration fee to get started."));
        assert_eq!(out.decision, Decision::Block);
        assert_eq!(out.reasons[0].code, "fee_to_apply");
        let out = rules.check(&job("Message me on WhatsApp +1 555 123 4567 for details."));
        assert_eq!(out.decision, Decision::Review, "{out:?}");
        let mut f = job("Send your CV to jobs@acme.com.");
        assert_eq!(rules.check(&f).decision, Decision::Review);
        f.apply_email = Some("jobs@acme.com".into());
        assert_eq!(rules.check(&f).decision, Decision::Allow);
    }

    #[test]
    fn staffing_companies_and_pay_floors() {
        let rules = Rules::builtin();
        let mut f = job("Label images.");
        f.company_name = Some("Randstad Digital".into());
        assert_eq!(rules.check(&f).decision, Decision::Block);
        let mut f = job("Label images.");
        f.payment_type = Some(PaymentType::PayPerHour);
        f.price_per_hour = Some(0.5);
        let out = rules.check(&f);
        assert_eq!(out.decision, Decision::Review);
        assert_eq!(out.reasons[0].field, "pricePerHour");
    }

    #[test]
    fn bad_rule_files_are_named() {
        assert!(Rules::parse("{\"rules\": [{\"code\": \"x\", \"decision\": \"BLOCK\", \"message\": \"m\", \"fields\": [\"nope\"]}]}").is_err());
        assert!(Rules::parse("{\"rules\": [{\"code\": \"x\", \"decision\": \"BLOCK\", \"message\": \"m\", \"fields\": [], \"patterns\": [\"(\"]}]}").is_err());
    }
}
