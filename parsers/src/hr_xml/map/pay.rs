//! Pay: remuneration packages, ranges, amounts, currencies and intervals of every generation.

use super::all_of;
use crate::normalize::{self as norm, Pay};
use crate::xml::Element;
use crate::ParseOutcome;

fn amount_of(el: &Element) -> Option<f64> {
    el.value().and_then(norm::amount).filter(|v| *v > 0.0)
}

fn currency_of(el: &Element) -> Option<String> {
    ["currencyID", "currencyCode", "currency"]
        .iter()
        .find_map(|a| el.attr(a))
        .map(str::to_string)
        .or_else(|| {
            el.child("Currency")
                .and_then(Element::value)
                .map(str::to_string)
        })
        .and_then(|c| norm::currency_code(&c))
}

pub(super) fn pay(out: &mut ParseOutcome, profile: &Element) {
    let Some(package) = profile.find_any(&[
        "OfferedRemunerationPackage",
        "RemunerationPackage",
        "CompensationDescription",
    ]) else {
        return;
    };
    let mut ranges = all_of(package, &["RemunerationRange", "BasePay", "Range", "Pay"]);
    if ranges.is_empty() {
        ranges.push(package);
    }
    let mut pay = Pay::default();
    for range in ranges {
        let find = |names: &[&str]| {
            range
                .find_any(names)
                .and_then(|e| amount_of(e).map(|a| (a, e)))
        };
        let kind = range
            .find_any(&["RemunerationTypeCode", "TypeCode"])
            .map(|e| e.text().to_ascii_lowercase())
            .unwrap_or_default();
        let mut hits = Vec::new();
        if let Some((a, e)) = find(&[
            "RemunerationMinimumAmount",
            "BasePayAmountMin",
            "MinimumPay",
            "MinimumAmount",
        ]) {
            pay.min.get_or_insert(a);
            hits.push(e);
        }
        if let Some((a, e)) = find(&[
            "RemunerationMaximumAmount",
            "BasePayAmountMax",
            "MaximumPay",
            "MaximumAmount",
        ]) {
            pay.max.get_or_insert(a);
            hits.push(e);
        }
        if let Some((a, e)) = find(&["RemunerationReferenceAmount", "ReferenceAmount"]) {
            if kind.contains("max") {
                pay.max.get_or_insert(a);
            } else {
                pay.min.get_or_insert(a);
            }
            hits.push(e);
        }
        if pay.currency.is_none() {
            pay.currency = hits
                .iter()
                .find_map(|e| currency_of(e))
                .or_else(|| currency_of(range));
        }
        if pay.period.is_none() {
            pay.period = ["baseInterval", "intervalCode", "interval"]
                .iter()
                .find_map(|a| range.attr(a))
                .or_else(|| {
                    range
                        .find_any(&[
                            "RemunerationRateIntervalCode",
                            "RemunerationIntervalCode",
                            "IntervalCode",
                            "RatePer",
                            "Interval",
                        ])
                        .and_then(Element::value)
                })
                .and_then(norm::period);
        }
    }
    if pay.currency.is_none() {
        pay.currency = currency_of(package);
    }
    norm::apply_pay(out, pay);
}
