//! `baseSalary` in all its shapes (number, text, MonetaryAmount with a QuantitativeValue or a
//! plain value), with `salaryCurrency` as the fallback currency.

use serde_json::{Map, Value};

use super::{number, text};
use crate::normalize::{self as norm, Pay};
use crate::ParseOutcome;

pub(super) fn salary(out: &mut ParseOutcome, job: &Map<String, Value>) {
    let fallback_currency = job.get("salaryCurrency").and_then(text);
    let Some(base) = job.get("baseSalary") else {
        if let Some(c) = fallback_currency {
            out.unmapped(
                "JobPosting.salaryCurrency",
                "a currency without a salary",
                &c,
            );
        }
        return;
    };
    let mut pay = Pay::default();
    let mut currency_hint = None;
    match base {
        Value::Number(_) => pay.min = number(base),
        Value::String(s) => match norm::salary_text(s) {
            Some(p) => pay = p,
            None => out.unmapped("JobPosting.baseSalary", "no amount", s),
        },
        Value::Object(m) => {
            let value = m.get("value").unwrap_or(base);
            pay.currency = m
                .get("currency")
                .or_else(|| m.get("priceCurrency"))
                .and_then(text)
                .and_then(|c| norm::currency_code(&c));
            match value {
                Value::Object(q) => {
                    let get = |k: &str| q.get(k).and_then(number);
                    pay.min = get("minValue")
                        .or_else(|| get("value"))
                        .or_else(|| get("minPrice"));
                    pay.max = get("maxValue")
                        .or_else(|| get("value"))
                        .or_else(|| get("maxPrice"));
                    if pay.min.is_none() && pay.max.is_none() {
                        pay.min = get("price");
                    }
                    pay.period = q
                        .get("unitText")
                        .or_else(|| q.get("unitCode"))
                        .or_else(|| m.get("unitText"))
                        .and_then(text)
                        .and_then(|u| norm::period(&u));
                    for k in ["value", "minValue", "maxValue"] {
                        if let Some(Value::String(s)) = q.get(k) {
                            currency_hint = currency_hint.or_else(|| norm::currency_in(s));
                        }
                    }
                }
                Value::String(s) => {
                    pay.min = norm::amount(s);
                    currency_hint = norm::currency_in(s);
                }
                other => pay.min = number(other),
            }
            if pay.period.is_none() {
                pay.period = m
                    .get("unitText")
                    .and_then(text)
                    .and_then(|u| norm::period(&u));
            }
        }
        other => out.unmapped("JobPosting.baseSalary", "not a salary", &other.to_string()),
    }
    if pay.currency.is_none() {
        pay.currency = fallback_currency
            .and_then(|c| norm::currency_code(&c))
            .or(currency_hint);
    }
    norm::apply_pay(out, pay);
}
