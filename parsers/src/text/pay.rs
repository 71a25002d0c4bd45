//! Pay: money amounts bound to what they pay for — per hour (PAY_PER_HOUR), per work item
//! (PAY_PER_LABEL), a fixed budget (FIXED_PRICE), or a salary per day/week/month/year — plus the
//! currency and contradictions (two different rates are a warning and a low-confidence pick).

use crate::enums::{PaymentType, SalaryPeriod};
use crate::outcome::ParseOutcome;

use super::bind::{time_unit, TimeUnit};
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::numbers::Quant;
use super::token::Kind;

#[derive(Debug, Clone, PartialEq)]
enum Per {
    Hour,
    Label(String),
    Fixed,
    Period(SalaryPeriod),
    /// A bare amount in a salary context ("Salary: $60,000–$80,000").
    SalaryContext,
}

struct Event {
    per: Per,
    q: Quant,
}

fn period_of(unit: TimeUnit) -> Option<SalaryPeriod> {
    Some(match unit {
        TimeUnit::Hour => SalaryPeriod::Hour,
        TimeUnit::Day => SalaryPeriod::Day,
        TimeUnit::Week => SalaryPeriod::Week,
        TimeUnit::Month => SalaryPeriod::Month,
        TimeUnit::Year => SalaryPeriod::Year,
        TimeUnit::Minute => return None,
    })
}

/// What the amount is "per", read from the unit at token `k` ("hour", "image", "audio minute").
fn unit_at(doc: &Doc, k: usize, article: bool) -> Option<Per> {
    let w = doc.w(k);
    if w.is_empty() {
        return None;
    }
    if matches!(w, "audio" | "video" | "recorded") {
        if let Some(TimeUnit::Minute | TimeUnit::Hour) = time_unit(doc.w(k + 1)) {
            return Some(Per::Label(format!("{w} {}", doc.w(k + 1))));
        }
    }
    if w == "annum" || w == "year" && doc.is(k.wrapping_sub(1), "per") {
        return Some(Per::Period(SalaryPeriod::Year));
    }
    if let Some(unit) = time_unit(w) {
        if unit == TimeUnit::Minute {
            return Some(Per::Label("minute".into()));
        }
        if unit == TimeUnit::Hour && doc.is(k + 1, "of") {
            let media = (k + 2..k + 5).any(|j| {
                doc.hits_at(j).any(|h| {
                    matches!(h.tag, Tag::Media(_))
                        || matches!(
                            h.tag,
                            Tag::Data(
                                _,
                                Some(crate::enums::DataType::Audio | crate::enums::DataType::Video)
                            )
                        )
                })
            });
            if media && !doc.is(k + 2, "work") {
                return Some(Per::Label(format!("hour of {}", doc.w(k + 2))));
            }
        }
        return match unit {
            TimeUnit::Hour => Some(Per::Hour),
            other => period_of(other).map(Per::Period),
        };
    }
    if article
        && !doc
            .hits_at(k)
            .any(|h| matches!(h.tag, Tag::Data(..) | Tag::Unit | Tag::Person))
    {
        // "$18 a …" needs a known unit after the article.
        return None;
    }
    if matches!(w, "cent" | "month's" | "the" | "a" | "an" | "that" | "this") {
        return None;
    }
    // "per box-labelled image": the item is the last noun of a short phrase.
    let mut j = k;
    let mut item = w.to_string();
    for _ in 0..4 {
        if let Some(h) = doc.hits_at(j).find(|h| {
            matches!(
                h.tag,
                Tag::Data(..) | Tag::Unit | Tag::Person | Tag::Label(..)
            )
        }) {
            item = doc.span_text(h.a, h.b).to_lowercase();
            j = h.b;
        } else {
            break;
        }
        while doc.punct(j, '-') || (doc.kind(j) == Some(Kind::Word) && doc.w(j).ends_with("ed")) {
            j += 1;
        }
    }
    Some(Per::Label(item))
}

fn rate_after(doc: &Doc, q: &Quant) -> Option<Per> {
    let mut j = q.b;
    // "€3,200 gross per month", "$60 flat per voice actor".
    if doc.is_any(
        j,
        &[
            "gross", "net", "brutto", "netto", "flat", "fixed", "pre-tax",
        ],
    ) && (doc.is_any(j + 1, &["per", "a", "an", "each"]) || doc.punct(j + 1, '/'))
    {
        j += 1;
    }
    if doc.punct(j, '/') {
        // After a slash only a known unit counts ("/hr", "/image"), not any word.
        let known = time_unit(doc.w(j + 1)).is_some()
            || matches!(doc.w(j + 1), "audio" | "video" | "annum")
            || doc.hits_at(j + 1).any(|h| {
                matches!(
                    h.tag,
                    Tag::Data(..) | Tag::Unit | Tag::Person | Tag::Label(..)
                )
            });
        return if known {
            unit_at(doc, j + 1, false)
        } else {
            None
        };
    }
    match doc.w(j) {
        "each" | "apiece" if doc.kind(j + 1) != Some(Kind::Word) => Some(Per::Label("each".into())),
        "per" | "each" | "every" | "p" => unit_at(doc, j + 1, false),
        "an" | "a" => unit_at(doc, j + 1, true),
        "hourly" | "hr" | "ph" => Some(Per::Hour),
        "daily" => Some(Per::Period(SalaryPeriod::Day)),
        "weekly" => Some(Per::Period(SalaryPeriod::Week)),
        "monthly" => Some(Per::Period(SalaryPeriod::Month)),
        "annually" | "yearly" | "annual" | "pa" | "p.a." => Some(Per::Period(SalaryPeriod::Year)),
        "base" if doc.is(j + 1, "salary") => Some(Per::SalaryContext),
        _ => None,
    }
}

const FIXED_WORDS: &[&str] = &[
    "budget", "total", "fixed", "flat", "lump", "lump-sum", "one-time", "one-off",
];
const SALARY_WORDS: &[&str] = &[
    "salary",
    "compensation",
    "base",
    "ote",
    "package",
    "salaries",
    "wage",
    "pay",
    "range",
];

fn context(doc: &Doc, q: &Quant) -> Option<Per> {
    let (sa, sb) = doc.sentence(q.a);
    let from = q.a.saturating_sub(6).max(sa);
    let after_end = (q.b + 6).min(sb);
    if doc.any_word(from, q.a, &["hourly"]) || doc.has_phrase(from, q.a, &["per", "hour"]) {
        return Some(Per::Hour);
    }
    let fixed_before =
        doc.any_word(from, q.a, FIXED_WORDS) || doc.label_of(q.a) == Some(LabelKey::Budget);
    let fixed_after = doc.any_word(
        q.b,
        (q.b + 3).min(sb),
        &["total", "flat", "fixed", "budget"],
    ) || doc.has_phrase(q.b, after_end, &["for", "the", "whole"])
        || doc.has_phrase(q.b, after_end, &["for", "the", "entire"])
        || doc.has_phrase(q.b, after_end, &["for", "the", "project"])
        || doc.has_phrase(q.b, after_end, &["for", "the", "full", "project"]);
    if fixed_before || fixed_after {
        return Some(Per::Fixed);
    }
    let salary = doc.any_word(from, q.a, SALARY_WORDS) || doc.label_of(q.a) == Some(LabelKey::Pay);
    if salary && q.hi >= 10_000.0 {
        return Some(Per::SalaryContext);
    }
    // "$180K - $220K + equity" on its own: a job post's salary range.
    let standalone = q.a == sa
        || doc.any_word(
            q.b,
            (q.b + 3).min(sb),
            &["equity", "bonus", "doe", "benefits", "ote"],
        );
    if q.range && standalone && (20_000.0..=2_000_000.0).contains(&q.hi) {
        return Some(Per::SalaryContext);
    }
    None
}

fn fmt_money(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let mut events: Vec<Event> = Vec::new();
    for q in doc
        .quants
        .iter()
        .filter(|q| q.is_money() && !q.percent && q.lo > 0.0)
    {
        let per = rate_after(doc, q).or_else(|| context(doc, q));
        if let Some(per) = per {
            events.push(Event { per, q: *q });
        }
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
        if let Some(other) = events
            .iter()
            .find(|e| matches!(e.per, Per::Hour | Per::Label(_) | Per::Fixed) && !same_kind(e))
        {
            let _ = other;
            out.warn("The text states more than one way of paying; used the first one stated.");
            out.low(
                "paymentType",
                "Several pay rates of different kinds stated; picked the first.",
            );
        }
        out.fields.payment_type = Some(kind);
        currency_from = Some(first.q);
        let q = first.q;
        let quote = doc.span(q.a, q.b);
        out.cite("paymentType", quote);
        if q.range {
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
    if out.fields.salary_period.is_none() {
        if let Some(e) = events
            .iter()
            .find(|e| matches!(e.per, Per::Period(_) | Per::SalaryContext))
        {
            let q = e.q;
            out.fields.salary_min = Some(q.lo);
            out.fields.salary_max = Some(q.hi);
            for path in ["salaryMin", "salaryMax", "salaryPeriod"] {
                out.cite(path, doc.span(q.a, q.b));
            }
            match e.per {
                Per::Period(p) => out.fields.salary_period = Some(p),
                _ => {
                    out.fields.salary_period = Some(SalaryPeriod::Year);
                    out.low(
                        "salaryPeriod",
                        format!(
                            "Assumed YEAR for an amount of {} with no period, in a salary context.",
                            fmt_money(q.hi)
                        ),
                    );
                }
            }
            if currency_from.is_none() {
                currency_from = Some(q);
            }
        }
    }
    if let Some(q) = currency_from {
        if let Some(code) = q.cur {
            let code = if code == "¢" { "USD" } else { code };
            out.fields.currency = Some(code.to_string());
            out.cite("currency", doc.span(q.a, q.b));
            if q.cur_low {
                out.low(
                    "currency",
                    format!("\"¥\" may be JPY or CNY; assumed {code}."),
                );
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
