//! `baseSalary` in all its shapes (number, text, MonetaryAmount with a QuantitativeValue or a
//! plain value), with `salaryCurrency` as the fallback currency. Each pay field is cited with
//! the node its part came from (`/baseSalary/value/minValue`, `/baseSalary/currency`).

use serde_json::{Map, Value};

use super::{number, text_at, Pointers};
use crate::normalize::{self as norm, Pay, PaySources};
use crate::ParseOutcome;

/// A number read from `node`, with the node.
fn number_at(node: &Value) -> Option<(f64, &Value)> {
    Some((number(node)?, node))
}

pub(super) fn salary<'v>(out: &mut ParseOutcome, job: &'v Map<String, Value>, top: &Pointers<'v>) {
    let fallback_currency = job.get("salaryCurrency").and_then(text_at);
    let currency_at = job
        .get("salaryCurrency")
        .map(|c| top.under("salaryCurrency", c));
    let Some(base) = job.get("baseSalary") else {
        if let Some((c, _)) = fallback_currency {
            out.unmapped(
                "JobPosting.salaryCurrency",
                "a currency without a salary",
                &c,
            );
        }
        return;
    };
    let mut pay = Pay::default();
    let mut from: PaySources<&Value> = PaySources::default();
    let mut currency_hint = None;
    match base {
        Value::Number(_) => {
            pay.min = number(base);
            from.min = Some(base);
        }
        Value::String(s) => match norm::salary_text(s) {
            Some(p) => {
                pay = p;
                from = PaySources::all(base);
            }
            None => out.unmapped("JobPosting.baseSalary", "no amount", s),
        },
        Value::Object(m) => {
            let value = m.get("value").unwrap_or(base);
            let currency = m
                .get("currency")
                .or_else(|| m.get("priceCurrency"))
                .and_then(text_at)
                .and_then(|(c, node)| Some((norm::currency_code(&c)?, node)));
            if let Some((code, node)) = currency {
                pay.currency = Some(code);
                from.currency = Some(node);
            }
            match value {
                Value::Object(q) => {
                    let get = |k: &str| q.get(k).and_then(number_at);
                    let min = get("minValue")
                        .or_else(|| get("value"))
                        .or_else(|| get("minPrice"));
                    let max = get("maxValue")
                        .or_else(|| get("value"))
                        .or_else(|| get("maxPrice"));
                    let (min, max) = if min.is_none() && max.is_none() {
                        (get("price"), None)
                    } else {
                        (min, max)
                    };
                    (pay.min, from.min) = (min.map(|(v, _)| v), min.map(|(_, n)| n));
                    (pay.max, from.max) = (max.map(|(v, _)| v), max.map(|(_, n)| n));
                    let unit = q
                        .get("unitText")
                        .or_else(|| q.get("unitCode"))
                        .or_else(|| m.get("unitText"))
                        .and_then(text_at)
                        .and_then(|(u, node)| Some((norm::period(&u)?, node)));
                    if let Some((period, node)) = unit {
                        pay.period = Some(period);
                        from.period = Some(node);
                    }
                    for k in ["value", "minValue", "maxValue"] {
                        if let Some(node @ Value::String(s)) = q.get(k) {
                            if currency_hint.is_none() {
                                currency_hint = norm::currency_in(s).map(|c| (c, node));
                            }
                        }
                    }
                }
                Value::String(s) => {
                    pay.min = norm::amount(s);
                    from.min = Some(value);
                    currency_hint = norm::currency_in(s).map(|c| (c, value));
                }
                other => {
                    pay.min = number(other);
                    from.min = Some(other);
                }
            }
            if pay.period.is_none() {
                let unit = m
                    .get("unitText")
                    .and_then(text_at)
                    .and_then(|(u, node)| Some((norm::period(&u)?, node)));
                if let Some((period, node)) = unit {
                    pay.period = Some(period);
                    from.period = Some(node);
                }
            }
        }
        other => out.unmapped("JobPosting.baseSalary", "not a salary", &other.to_string()),
    }
    if pay.currency.is_none() {
        let fallback = fallback_currency
            .and_then(|(c, node)| Some((norm::currency_code(&c)?, node)))
            .or(currency_hint);
        if let Some((code, node)) = fallback {
            pay.currency = Some(code);
            from.currency = Some(node);
        }
    }
    // Every part lies inside baseSalary but a currency from salaryCurrency.
    let base_at = top.under("baseSalary", base);
    let path = |node| {
        base_at
            .path(node)
            .or_else(|| currency_at.and_then(|at| at.path(node)))
    };
    norm::apply_pay_cited(out, pay, &from, path);
}
