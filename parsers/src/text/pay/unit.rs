//! What a pay amount is paid per: the hour, item, day, week, month or year written after it, a
//! period adverb before it, or a fixed budget.

use crate::enums::SalaryPeriod;
use crate::text::bind::{time_unit, TimeUnit};
use crate::text::classes;
use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;
use crate::text::numbers::Quant;
use crate::text::token::Kind;

use super::*;

pub(super) fn period_of(unit: TimeUnit) -> Option<SalaryPeriod> {
    Some(match unit {
        TimeUnit::Hour => SalaryPeriod::Hour,
        TimeUnit::Day => SalaryPeriod::Day,
        TimeUnit::Week => SalaryPeriod::Week,
        TimeUnit::Month => SalaryPeriod::Month,
        TimeUnit::Year => SalaryPeriod::Year,
        TimeUnit::Minute => return None,
    })
}

/// Time units of pay in English and in the languages postings commonly use ("pro Stunde",
/// "por mês", "/月").
pub(super) fn pay_unit(w: &str) -> Option<TimeUnit> {
    if let Some(u) = time_unit(w) {
        return Some(u);
    }
    Some(match w {
        "horas" | "stunden" | "heures" | "ora" | "godzinę" | "godzina" | "godz" | "uur"
        | "小时" | "小時" | "时" | "時間" => TimeUnit::Hour,
        "mes" | "mês" | "meses" | "mois" | "monat" | "mese" | "miesiąc" | "maand" | "月" => {
            TimeUnit::Month
        }
        "año" | "ano" | "jahr" | "année" | "anno" | "rok" | "jaar" | "年" => TimeUnit::Year,
        "día" | "dia" | "tag" | "jour" | "giorno" | "dzień" | "dag" | "天" | "日" => {
            TimeUnit::Day
        }
        "semana" | "woche" | "semaine" | "settimana" | "tydzień" | "周" | "週" => TimeUnit::Week,
        "jam" => TimeUnit::Hour,
        "bulan" | "månad" | "mån" | "måned" | "månaden" | "måneden" | "kuukausi" => {
            TimeUnit::Month
        }
        "tahun" | "år" | "året" => TimeUnit::Year,
        "hari" => TimeUnit::Day,
        _ => return None,
    })
}

/// A period written as one word after the amount ("monthly", "miesięcznie", "mensal", "p.a.").
pub(super) fn period_adverb(w: &str) -> Option<Per> {
    Some(match w {
        "hourly" | "hr" | "ph" | "godzinowo" | "stündlich" => Per::Hour,
        "daily" | "dziennie" | "diario" | "diária" | "diaria" | "täglich" => {
            Per::Period(SalaryPeriod::Day)
        }
        "weekly" | "tygodniowo" | "semanal" | "wöchentlich" => Per::Period(SalaryPeriod::Week),
        "monthly" | "miesięcznie" | "měsíčně" | "lunar" | "mensal" | "mensais" | "mensual"
        | "mensuales" | "mensuel" | "monatlich" | "mensile" | "mensalmente" => {
            Per::Period(SalaryPeriod::Month)
        }
        "annually" | "yearly" | "annual" | "pa" | "p.a." | "anual" | "anuales" | "annuel"
        | "jährlich" | "rocznie" | "ročně" | "anualmente" | "lpa" => {
            Per::Period(SalaryPeriod::Year)
        }
        _ => return None,
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
    if let Some(unit) = pay_unit(w) {
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
    if is_distance(w) {
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

/// Mileage ("$0.55 per mile", "60 cpm") pays distance, which no pay field holds.
fn is_distance(w: &str) -> bool {
    matches!(
        w,
        "mile" | "miles" | "mi" | "km" | "kilometer" | "kilometre" | "kilometers" | "kilometres"
    )
}

pub(super) fn distance_rate(doc: &Doc, q: &Quant) -> bool {
    let j = skip_qualifiers(doc, q.b);
    doc.is_any(j, &["cpm", "cpk"])
        || ((doc.is_any(j, &["per", "a", "each"]) || doc.punct(j, '/'))
            && is_distance(doc.w(j + 1)))
}

/// Words between an amount and its period that qualify the amount ("gross", "+ VAT", "(B2B)").
pub(in crate::text) const QUALIFIERS: &[&str] = &[
    "gross",
    "net",
    "brutto",
    "netto",
    "bruto",
    "bruta",
    "brut",
    "brute",
    "neto",
    "líquido",
    "flat",
    "fixed",
    "pre-tax",
    "approx",
    "approximately",
    "vat",
    "b2b",
    "ctc",
    "usd",
    "plus",
];

/// Skips qualifiers, a short parenthesis and (once) a line break before a continuation line
/// ("20 000 PLN\n+ VAT (B2B) monthly"); returns where the period may be.
fn skip_qualifiers(doc: &Doc, mut j: usize) -> usize {
    let limit = j + 12;
    let mut crossed = false;
    while j < limit {
        if doc.kind(j) == Some(Kind::Break) && !crossed {
            let next_cont = doc.punct(j + 1, '+')
                || doc.punct(j + 1, '(')
                || doc.has(j + 1, classes::PAY_QUALIFIER);
            let same_or_next_line = doc.line(j + 1) <= doc.line(j) + 1;
            if next_cont && same_or_next_line && doc.orig(j) == "\n" {
                crossed = true;
                j += 1;
                continue;
            }
            break;
        }
        if doc.punct(j, '+') && doc.is_any(j + 1, &["vat", "tax", "iva", "mwst"]) {
            j += 2;
            continue;
        }
        if doc.punct(j, '(') {
            let close = (j + 1..(j + 8).min(doc.toks.len())).find(|&k| {
                doc.punct(k, ')')
                    || matches!(doc.kind(k), Some(Kind::Break | Kind::Num | Kind::Cur))
            });
            match close {
                Some(k) if doc.punct(k, ')') => {
                    j = k + 1;
                    continue;
                }
                _ => break,
            }
        }
        if doc.has(j, classes::PAY_QUALIFIER) && !doc.is_any(j + 1, &["of", "to"]) {
            j += 1;
            continue;
        }
        break;
    }
    j
}

/// What the amount is paid per, from the words after it, and one past the last token read.
pub(super) fn rate_after_end(doc: &Doc, q: &Quant) -> Option<(Per, usize)> {
    // "₹4 LPA": lakhs per annum.
    let last = doc.orig(q.b.wrapping_sub(1)).as_bytes();
    let lpa = last.len() >= 3 && last[last.len() - 3..].eq_ignore_ascii_case(b"lpa");
    if lpa && (last.len() == 3 || last[0].is_ascii_digit()) {
        return Some((Per::Period(SalaryPeriod::Year), q.b));
    }
    let j = skip_qualifiers(doc, q.b);
    // "RR819 960 p.a", "£12 p/h", "€3,000 p.m.": "p", "." or "/", a unit letter.
    if doc.is(j, "p") && (doc.punct(j + 1, '.') || doc.punct(j + 1, '/')) {
        match doc.w(j + 2) {
            "a" => return Some((Per::Period(SalaryPeriod::Year), j + 3)),
            "h" | "hr" => return Some((Per::Hour, j + 3)),
            "m" if q.is_money() && q.hi >= 1_000.0 => {
                return Some((Per::Period(SalaryPeriod::Month), j + 3))
            }
            _ => {}
        }
    }
    if doc.punct(j, '/') {
        // After a slash only a known unit counts ("/hr", "/image", "/mês"), not any word.
        let w = doc.w(j + 1);
        if let Some(p) = period_adverb(w) {
            return Some((p, j + 2));
        }
        let known = pay_unit(w).is_some()
            || matches!(w, "audio" | "video" | "annum")
            || doc.hits_at(j + 1).any(|h| {
                matches!(
                    h.tag,
                    Tag::Data(..) | Tag::Unit | Tag::Person | Tag::Label(..)
                )
            });
        return if known {
            unit_at(doc, j + 1, false).map(|p| (p, j + 2))
        } else {
            None
        };
    }
    let w = doc.w(j);
    let per = match w {
        "each" | "apiece" if doc.kind(j + 1) != Some(Kind::Word) => {
            return Some((Per::Label("each".into()), j + 1))
        }
        "per" | "each" | "every" | "p" => unit_at(doc, j + 1, false),
        "an" | "a" => unit_at(doc, j + 1, true),
        // "pro Stunde", "por hora", "al mes", "ao mês", "par heure", "na godzinę".
        "pro" | "por" | "par" | "al" | "ao" | "na" | "za" | "à" | "la" | "le" | "am" | "im"
        | "i" | "pr" | "pr."
            if pay_unit(doc.w(j + 1)).is_some() =>
        {
            unit_at(doc, j + 1, true)
        }
        "base" if doc.is(j + 1, "salary") => Some(Per::SalaryContext),
        // "₹45,000 pm": per month, but "5 pm" is a time of day.
        "pm" | "p.m." if q.is_money() && q.hi >= 1_000.0 => {
            return Some((Per::Period(SalaryPeriod::Month), j + 1))
        }
        _ => return period_adverb(w).map(|p| (p, j + 1)),
    };
    per.map(|p| (p, j + 2))
}
