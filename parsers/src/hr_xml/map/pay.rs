//! Pay: remuneration packages, ranges, amounts, currencies and intervals of every generation.
//! Each pay field is cited with the element or attribute its part was read from.

use super::all_of;
use crate::hr_xml::origin::{At, Origin};
use crate::normalize::{self as norm, Pay, PaySources};
use crate::xml::Element;
use crate::ParseOutcome;

fn amount_of(el: &Element) -> Option<f64> {
    el.value().and_then(norm::amount).filter(|v| *v > 0.0)
}

/// Attributes that name an amount's currency, in the order dialects are tried.
const CURRENCY_ATTRS: &[&str] = &["currencyID", "currencyCode", "currency"];
/// Attributes that name a range's interval.
const INTERVAL_ATTRS: &[&str] = &["baseInterval", "intervalCode", "interval"];

/// The currency code `el` states (an attribute or a `Currency` child), with where it was read.
fn currency_of<'e>(el: &'e Element<'e>) -> Option<(String, At<'e>)> {
    let attr = CURRENCY_ATTRS
        .iter()
        .find_map(|&a| el.attr(a).map(|v| (v, At::attr(el, a))));
    let child = || {
        el.child("Currency")
            .and_then(|c| Some((c.value()?, At::el(c))))
    };
    let (raw, at) = attr.or_else(child)?;
    Some((norm::currency_code(raw)?, at))
}

pub(super) fn pay(out: &mut ParseOutcome, profile: &Element, origin: &Origin) {
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
    let mut from: PaySources<At> = PaySources::default();
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
            if pay.min.is_none() {
                (pay.min, from.min) = (Some(a), Some(At::el(e)));
            }
            hits.push(e);
        }
        if let Some((a, e)) = find(&[
            "RemunerationMaximumAmount",
            "BasePayAmountMax",
            "MaximumPay",
            "MaximumAmount",
        ]) {
            if pay.max.is_none() {
                (pay.max, from.max) = (Some(a), Some(At::el(e)));
            }
            hits.push(e);
        }
        if let Some((a, e)) = find(&["RemunerationReferenceAmount", "ReferenceAmount"]) {
            if kind.contains("max") {
                if pay.max.is_none() {
                    (pay.max, from.max) = (Some(a), Some(At::el(e)));
                }
            } else if pay.min.is_none() {
                (pay.min, from.min) = (Some(a), Some(At::el(e)));
            }
            hits.push(e);
        }
        if pay.currency.is_none() {
            let currency = hits
                .iter()
                .find_map(|e| currency_of(e))
                .or_else(|| currency_of(range));
            if let Some((code, at)) = currency {
                (pay.currency, from.currency) = (Some(code), Some(at));
            }
        }
        if pay.period.is_none() {
            let stated = INTERVAL_ATTRS
                .iter()
                .find_map(|&a| range.attr(a).map(|v| (v, At::attr(range, a))))
                .or_else(|| {
                    range
                        .find_any(&[
                            "RemunerationRateIntervalCode",
                            "RemunerationIntervalCode",
                            "IntervalCode",
                            "RatePer",
                            "Interval",
                        ])
                        .and_then(|e| Some((e.value()?, At::el(e))))
                });
            if let Some((period, at)) = stated.and_then(|(v, at)| Some((norm::period(v)?, at))) {
                (pay.period, from.period) = (Some(period), Some(at));
            }
        }
    }
    if pay.currency.is_none() {
        if let Some((code, at)) = currency_of(package) {
            (pay.currency, from.currency) = (Some(code), Some(at));
        }
    }
    norm::apply_pay_cited(out, pay, &from, |at| origin.path(at));
}
