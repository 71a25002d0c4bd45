//! Pay: money amounts bound to what they pay for — per hour (PAY_PER_HOUR), per work item
//! (PAY_PER_LABEL), a fixed budget (FIXED_PRICE), or a salary per day/week/month/year — plus the
//! currency and contradictions (two different rates are a warning and a low-confidence pick).

use crate::enums::{PaymentType, SalaryPeriod};
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::numbers::Quant;

mod context;
mod currency;
mod traps;
mod unit;

use context::*;
use currency::*;
use traps::*;
use unit::*;

pub(super) use traps::{BENEFIT_NOUNS, NEAR_TRAPS, TRAPS};
pub(super) use unit::QUALIFIERS;

#[derive(Debug, Clone, PartialEq)]
enum Per {
    Hour,
    Label(String),
    Fixed,
    Period(SalaryPeriod),
    /// A bare amount in a salary context ("Salary: $60,000–$80,000"): amounts, no stated period.
    SalaryContext,
}

struct Event {
    per: Per,
    q: Quant,
    /// Stated where pay is stated: a pay label or heading, or a sentence about salary.
    ctx: bool,
    /// Token range that states the pay's unit or period (the amount through "per month", or a
    /// heading through the amount), for evidence.
    span: (usize, usize),
}

fn fmt_money(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Currencies whose yearly salaries are the figures of 10,000 and more people write without a
/// period; elsewhere such figures are as often monthly.
const YEARLY_BY_DEFAULT: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SGD", "ILS",
];

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let countries = out.fields.countries.clone();
    let mut events: Vec<Event> = Vec::new();
    for q in doc.quants.iter().filter(|q| !q.percent && q.lo > 0.0) {
        let money = q.is_money();
        // Cheap gates first: most numbers in a posting are counts, not pay.
        if !money && (q.word || q.compound || q.lo < 1.0) {
            continue;
        }
        if q.cur_ctx && !letter_prefix_confirmed(doc, q, &countries) {
            continue;
        }
        let rate = rate_after_end(doc, q);
        let mut span = (q.a, rate.as_ref().map_or(q.b, |r| r.1.max(q.b)));
        let mut strong: Option<bool> = None;
        let mut strong_once = || *strong.get_or_insert_with(|| strong_context(doc, q));
        let per = if money {
            rate.map(|r| r.0).or_else(|| {
                let per = context(doc, q, &mut strong_once).or_else(|| per_person(doc, q))?;
                if let Some((_, ha)) = pay_heading(doc, q) {
                    span.0 = ha;
                } else if let Some((p, at)) = period_before_at(doc, q) {
                    if p == per {
                        span.0 = at;
                    }
                }
                Some(per)
            })
        } else {
            // "Stipend: 40,000 per month": an amount with no currency, in a pay statement.
            match rate.map(|r| r.0) {
                Some(p @ (Per::Hour | Per::Period(_))) => Some(p),
                Some(_) => None,
                None => bare_salary(doc, q, &mut strong_once),
            }
        };
        let Some(per) = per else {
            continue;
        };
        if trapped(doc, q) || distance_rate(doc, q) || trap_after(doc, span.1) {
            continue;
        }
        // Where the figure is stated matters for salaries (and gates figures with no currency).
        let needs_ctx = !money || matches!(per, Per::Period(_) | Per::SalaryContext);
        let ctx = needs_ctx && (strong_once() || salary_sentence(doc, q));
        if !money && !ctx {
            continue;
        }
        events.push(Event {
            per,
            q: *q,
            ctx,
            span,
        });
    }

    let primary = events
        .iter()
        .position(|e| matches!(e.per, Per::Hour | Per::Label(_) | Per::Fixed));
    let mut currency_from: Option<Quant> = None;
    if let Some(p) = primary {
        let first = &events[p];
        let kind = match first.per {
            Per::Hour => PaymentType::PayPerHour,
            Per::Label(_) => PaymentType::PayPerLabel,
            _ => PaymentType::FixedPrice,
        };
        let same_kind = |e: &Event| {
            matches!(
                (&e.per, kind),
                (Per::Hour, PaymentType::PayPerHour)
                    | (Per::Label(_), PaymentType::PayPerLabel)
                    | (Per::Fixed, PaymentType::FixedPrice)
            )
        };
        if events
            .iter()
            .any(|e| matches!(e.per, Per::Hour | Per::Label(_) | Per::Fixed) && !same_kind(e))
        {
            out.warn("The text states more than one way of paying; used the first one stated.");
            out.low(
                "paymentType",
                "Several pay rates of different kinds stated; picked the first.",
            );
        }
        out.fields.payment_type = Some(kind);
        currency_from = Some(first.q);
        let q = first.q;
        let quote = doc.span(first.span.0, first.span.1);
        out.cite("paymentType", quote);
        // "$1,500 – $3,500/h": no one pays that by the hour in these currencies; a typo or a
        // mislabelled period, so the amounts are left for a person.
        let implausible_hourly = kind == PaymentType::PayPerHour
            && q.hi > 1_000.0
            && q.cur.is_some_and(|c| YEARLY_BY_DEFAULT.contains(&c));
        if implausible_hourly {
            out.warn(format!(
                "An hourly rate of {} is implausible; left the amount out.",
                fmt_money(q.hi)
            ));
            out.unmapped(
                "pricePerHour",
                "Implausible hourly rate; check the amount and period.",
                doc.span_text(q.a, q.b),
            );
        } else if q.range {
            if kind == PaymentType::PayPerHour {
                out.fields.salary_min = Some(q.lo);
                out.fields.salary_max = Some(q.hi);
                out.fields.salary_period = Some(SalaryPeriod::Hour);
                for path in ["salaryMin", "salaryMax", "salaryPeriod"] {
                    out.cite(path, quote);
                }
            } else {
                let path = if kind == PaymentType::PayPerLabel {
                    "pricePerLabel"
                } else {
                    "fixedPrice"
                };
                out.unmapped(
                    path,
                    "A pay range has no single price; choose one.",
                    doc.span_text(q.a, q.b),
                );
            }
        } else {
            let path = match kind {
                PaymentType::PayPerHour => {
                    out.fields.price_per_hour = Some(q.lo);
                    "pricePerHour"
                }
                PaymentType::PayPerLabel => {
                    out.fields.price_per_label = Some(q.lo);
                    "pricePerLabel"
                }
                PaymentType::FixedPrice => {
                    out.fields.fixed_price = Some(q.lo);
                    "fixedPrice"
                }
            };
            out.cite(path, quote);
            if q.up_to {
                out.low(path, "Stated as a maximum (\"up to\").");
            }
            if let Some(other) = events
                .iter()
                .find(|e| same_kind(e) && !e.q.range && (e.q.lo - q.lo).abs() > 1e-9)
            {
                out.warn(format!(
                    "The text states two different rates ({} and {}); used the first.",
                    fmt_money(q.lo),
                    fmt_money(other.q.lo)
                ));
                out.low(
                    path,
                    format!(
                        "Two different rates stated ({} and {}); picked the first.",
                        fmt_money(q.lo),
                        fmt_money(other.q.lo)
                    ),
                );
            }
        }
    }
    // One pay shape per posting: a salary figure next to an hourly, per-item or fixed rate is
    // usually a conversion of it ("$18 an hour … $37,440 a year"); keep the rate.
    let salary_events = events
        .iter()
        .any(|e| matches!(e.per, Per::Period(_) | Per::SalaryContext));
    if primary.is_some() && salary_events && out.fields.salary_period.is_none() {
        out.warn("The text states a salary as well as a rate; used the rate.");
    }
    if primary.is_none() && out.fields.salary_period.is_none() {
        // The salary figure: stated where pay is stated first, with its period next; the first
        // such figure among equals.
        let score =
            |e: &Event| 2 * usize::from(e.ctx) + usize::from(matches!(e.per, Per::Period(_)));
        let mut best: Option<&Event> = None;
        for e in events
            .iter()
            .filter(|e| matches!(e.per, Per::Period(_) | Per::SalaryContext))
        {
            if best.is_none_or(|b| score(e) > score(b)) {
                best = Some(e);
            }
        }
        if let Some(e) = best {
            let q = e.q;
            // A header figure restated with its period elsewhere ("20-30k" … "20-30k/月").
            let period = match e.per {
                Per::Period(p) => Some((p, e.span)),
                _ => doc
                    .quants
                    .iter()
                    .filter(|o| o.lo == q.lo && o.hi == q.hi && o.a != q.a && !trapped(doc, o))
                    .find_map(|o| match rate_after_end(doc, o) {
                        Some((Per::Period(p), end)) => Some((p, (o.a, end))),
                        _ => None,
                    }),
            };
            let plausible = !q.range || q.hi <= q.lo * 20.0;
            if plausible {
                out.fields.salary_min = Some(q.lo);
                out.fields.salary_max = Some(q.hi);
                out.cite("salaryMin", doc.span(q.a, q.b));
                out.cite("salaryMax", doc.span(q.a, q.b));
            } else {
                out.warn(format!(
                    "The pay range {} to {} is implausible (a typo?); left the amounts out.",
                    fmt_money(q.lo),
                    fmt_money(q.hi)
                ));
                out.unmapped(
                    "salaryMin",
                    "Implausible pay range; check the amounts.",
                    doc.span_text(q.a, q.b),
                );
            }
            match period {
                Some((p, (a, b))) => {
                    out.fields.salary_period = Some(p);
                    out.cite("salaryPeriod", doc.span(a, b));
                }
                None => {
                    let code = q
                        .cur
                        .or_else(|| resolve_currency(doc, &q, &countries).map(|c| c.code));
                    let yearly = code.is_some_and(|c| YEARLY_BY_DEFAULT.contains(&c));
                    if plausible && yearly && q.hi >= 10_000.0 {
                        out.fields.salary_period = Some(SalaryPeriod::Year);
                        out.cite("salaryPeriod", doc.span(q.a, q.b));
                        out.low(
                            "salaryPeriod",
                            format!(
                                "Assumed YEAR for an amount of {} with no period, in a salary context.",
                                fmt_money(q.hi)
                            ),
                        );
                    }
                }
            }
            if currency_from.is_none() {
                currency_from = Some(q);
            }
        }
    }
    if let Some(q) = currency_from {
        if let Some(c) = resolve_currency(doc, &q, &countries) {
            out.fields.currency = Some(c.code.to_string());
            out.cite("currency", c.cite);
            if let Some(reason) = c.low {
                out.low("currency", reason);
            }
        }
    }
    if out.fields.payment_type.is_none() {
        if let Some((kind, phrase)) = stated_payment_type(doc) {
            out.fields.payment_type = Some(kind);
            out.cite("paymentType", phrase);
        }
    }
}

/// "Pay per label", "paid hourly", "fixed-price project": a payment type with no amount.
fn stated_payment_type(doc: &Doc) -> Option<(PaymentType, (usize, usize))> {
    const PHRASES: &[(&[&str], PaymentType)] = &[
        (&["pay", "per", "label"], PaymentType::PayPerLabel),
        (&["paid", "per", "label"], PaymentType::PayPerLabel),
        (&["per", "label", "pay"], PaymentType::PayPerLabel),
        (&["per", "label", "basis"], PaymentType::PayPerLabel),
        (&["per", "task", "basis"], PaymentType::PayPerLabel),
        (&["paid", "per", "task"], PaymentType::PayPerLabel),
        (&["pay", "per", "task"], PaymentType::PayPerLabel),
        (&["paid", "per", "image"], PaymentType::PayPerLabel),
        (&["paid", "per", "item"], PaymentType::PayPerLabel),
        (&["paid", "per", "word"], PaymentType::PayPerLabel),
        (&["piece", "rate"], PaymentType::PayPerLabel),
        (&["paid", "by", "the", "task"], PaymentType::PayPerLabel),
        (&["pay", "per", "hour"], PaymentType::PayPerHour),
        (&["paid", "per", "hour"], PaymentType::PayPerHour),
        (&["paid", "hourly"], PaymentType::PayPerHour),
        (&["hourly", "pay"], PaymentType::PayPerHour),
        (&["hourly", "rate"], PaymentType::PayPerHour),
        (&["hourly", "basis"], PaymentType::PayPerHour),
        (&["paid", "by", "the", "hour"], PaymentType::PayPerHour),
        (&["fixed", "price"], PaymentType::FixedPrice),
        (&["fixed", "fee"], PaymentType::FixedPrice),
        (&["flat", "fee"], PaymentType::FixedPrice),
        (&["fixed", "budget"], PaymentType::FixedPrice),
        (&["lump", "sum"], PaymentType::FixedPrice),
    ];
    for i in 0..doc.toks.len() {
        if !matches!(
            doc.w(i),
            "pay" | "paid" | "per" | "piece" | "hourly" | "fixed" | "flat" | "lump"
        ) {
            continue;
        }
        for (words, kind) in PHRASES {
            if doc.w(i) != words[0] {
                continue;
            }
            if let Some(end) = doc.phrase_at(i, words) {
                return Some((*kind, doc.span(i, end)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
