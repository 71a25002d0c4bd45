//! Where pay is stated: pay labels and headings, salary sentences, standalone amount lines and
//! the words around an amount that make it pay (or a bare salary).

use crate::enums::SalaryPeriod;
use crate::text::bind::TimeUnit;
use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;
use crate::text::labels::LabelKey;
use crate::text::numbers::Quant;
use crate::text::token::Kind;

use super::*;

const FIXED_WORDS: &[&str] = &[
    "budget", "total", "fixed", "flat", "lump", "lump-sum", "one-time", "one-off", "bounty",
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

/// Words that name pay in a label, a heading or right before an amount, in the languages job
/// posts are commonly written in.
const PAY_WORDS: &[&str] = &[
    "salary",
    "salaries",
    "pay",
    "compensation",
    "remuneration",
    "wage",
    "wages",
    "stipend",
    "rate",
    "earnings",
    "ctc",
    "salário",
    "salario",
    "salarial",
    "sueldo",
    "remuneração",
    "remuneracion",
    "remuneración",
    "percepción",
    "percepcion",
    "retribución",
    "gehalt",
    "vergütung",
    "lohn",
    "wynagrodzenie",
    "salaire",
    "rémunération",
    "stipendio",
    "lön",
    "lønn",
    "løn",
    "palkka",
    "mzda",
    "plat",
    "salariu",
    "gaji",
    "upah",
    "maaş",
    "ücret",
    "薪水",
    "薪资",
    "薪酬",
    "工资",
    "月薪",
    "年薪",
    "待遇",
];

/// "Salary: 60k - 80k": a figure with no currency and no period, alone in a pay label or right
/// after a pay word; not a year, not a count of something.
pub(super) fn bare_salary(doc: &Doc, q: &Quant, strong: impl FnOnce() -> bool) -> Option<Per> {
    if q.hi < 1_000.0 {
        return None;
    }
    let year = |k: usize| {
        let o = doc.orig(k);
        o.len() == 4 && o.starts_with(['1', '2']) && (1900.0..=2100.0).contains(&doc.toks[k].num)
    };
    if (q.a..q.b).any(|k| doc.kind(k) == Some(Kind::Num) && year(k)) {
        return None;
    }
    let (_, sb) = doc.sentence(q.a);
    let next_ok = q.b >= sb
        || matches!(doc.kind(q.b), Some(Kind::Punct | Kind::Break))
        || doc.is_any(
            q.b,
            &["doe", "ote", "gross", "net", "depending", "plus", "ctc"],
        );
    (next_ok && strong()).then(|| period_before(doc, q).unwrap_or(Per::SalaryContext))
}

/// How far [`line_range`] looks each way: pay lines, labels and headings are short, and a
/// bound keeps a 60,000-character single-line input linear.
const LINE_REACH: usize = 40;

/// The tokens of the line token `i` sits on, as a range, looking at most [`LINE_REACH`] tokens
/// each way; `None` when the line is longer than that.
pub(super) fn line_range(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    let line = doc.line(i);
    let mut a = i;
    while a > 0 && doc.line(a - 1) == line {
        a -= 1;
        if i - a > LINE_REACH {
            return None;
        }
    }
    let mut b = i;
    while b < doc.toks.len() && doc.line(b) == line {
        b += 1;
        if b - i > LINE_REACH {
            return None;
        }
    }
    Some((a, b))
}

/// The amount sits in the value of a pay label ("Salary:", "Stipend:", "Remuneração:", "薪酬:").
fn pay_label(doc: &Doc, i: usize) -> bool {
    match doc.label_of(i) {
        Some(LabelKey::Pay | LabelKey::Budget) => true,
        Some(_) => {
            let line = doc.line(i);
            let Some((a, _)) = line_range(doc, i) else {
                return false;
            };
            let vs = doc.line_value_start.get(line).copied().unwrap_or(a);
            doc.any_word(a, vs, PAY_WORDS)
        }
        None => false,
    }
}

/// The line before an amount that opens its line is a short pay heading ("Salary", "Percepción
/// Mensual Bruta", "[Compensation]", "薪酬:"); returns the period the heading names, if any.
pub(super) fn pay_heading(doc: &Doc, q: &Quant) -> Option<(Option<Per>, usize)> {
    let (la, _) = line_range(doc, q.a)?;
    if (la..q.a).any(|k| doc.kind(k) != Some(Kind::Punct)) {
        return None;
    }
    let mut k = la;
    while k > 0 && doc.kind(k - 1) == Some(Kind::Break) {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    let (pa, pb) = line_range(doc, k - 1)?;
    let words = (pa..pb)
        .filter(|&t| doc.kind(t) == Some(Kind::Word))
        .count();
    if words == 0
        || words > 6
        || (pa..pb).any(|t| matches!(doc.kind(t), Some(Kind::Num | Kind::Cur)))
        || !doc.any_word(pa, pb, PAY_WORDS)
    {
        return None;
    }
    let period = (pa..pb).find_map(|t| {
        period_adverb(doc.w(t)).or_else(|| {
            (doc.is_any(t.wrapping_sub(1), &["per", "por", "pro", "a", "an"]))
                .then(|| pay_unit(doc.w(t)))
                .flatten()
                .and_then(|u| match u {
                    TimeUnit::Hour => Some(Per::Hour),
                    other => period_of(other).map(Per::Period),
                })
        })
    });
    Some((period, pa))
}

/// A line near the top that holds nothing but a money range (a job board's pay header:
/// "$22 - $30", "BRL 20.000 - 80.000"), allowing chrome glued before it ("1d$22 - $30").
fn standalone_line(doc: &Doc, q: &Quant) -> bool {
    // Boards put that header at the top; further down a bare range is a list item of anything.
    if !q.range || q.lo < 1.0 || q.hi > 2_000_000.0 || doc.line(q.a) > 15 {
        return false;
    }
    let Some((la, lb)) = line_range(doc, q.a) else {
        return false;
    };
    let mut a = la;
    while a < q.a && doc.kind(a) == Some(Kind::Punct) {
        a += 1;
    }
    if a + 1 == q.a && doc.toks.get(q.a).is_some_and(|t| !t.space) {
        a += 1;
    }
    let mut b = lb;
    while b > q.b && (matches!(doc.kind(b - 1), Some(Kind::Punct | Kind::Break))) {
        b -= 1;
    }
    a == q.a && b == q.b
}

/// The sentence holds a pay word before the amount ("very good salaries in USD (from 3k …").
pub(super) fn salary_sentence(doc: &Doc, q: &Quant) -> bool {
    let (sa, sb) = doc.sentence(q.a);
    doc.any_word(q.a.saturating_sub(10).max(sa), q.a, PAY_WORDS)
        || doc.any_word(q.b, (q.b + 4).min(sb), PAY_WORDS)
}

/// A pay word right before the amount ("salary of P477", "Stipend 40,000"), a pay label or a
/// pay heading.
pub(super) fn strong_context(doc: &Doc, q: &Quant) -> bool {
    let (sa, _) = doc.sentence(q.a);
    pay_label(doc, q.a)
        || doc.any_word(q.a.saturating_sub(3).max(sa), q.a, PAY_WORDS)
        || pay_heading(doc, q).is_some()
}

/// A period named before the amount: "Monthly salary: ₹25,000", "annual base of $120,000",
/// "月薪 15000元".
fn period_before(doc: &Doc, q: &Quant) -> Option<Per> {
    period_before_at(doc, q).map(|(p, _)| p)
}

/// [`period_before`] with the token that names the period.
pub(super) fn period_before_at(doc: &Doc, q: &Quant) -> Option<(Per, usize)> {
    let (sa, _) = doc.sentence(q.a);
    let from = q.a.saturating_sub(6).max(sa);
    (from..q.a).rev().find_map(|i| {
        let per = match doc.w(i) {
            "pa" | "pm" | "hr" | "ph" | "lpa" => None,
            "月薪" => Some(Per::Period(SalaryPeriod::Month)),
            "年薪" => Some(Per::Period(SalaryPeriod::Year)),
            "日薪" => Some(Per::Period(SalaryPeriod::Day)),
            "时薪" | "時給" => Some(Per::Hour),
            w => period_adverb(w).filter(|p| *p != Per::Hour),
        };
        per.map(|p| (p, i))
    })
}

pub(super) fn context(doc: &Doc, q: &Quant, strong: &mut impl FnMut() -> bool) -> Option<Per> {
    let (sa, sb) = doc.sentence(q.a);
    let from = q.a.saturating_sub(6).max(sa);
    let after_end = (q.b + 6).min(sb);
    if doc.any_word(from, q.a, &["hourly"]) || doc.has_phrase(from, q.a, &["per", "hour"]) {
        return Some(Per::Hour);
    }
    // "Budget: $400", "flat fee of $90" — but "total compensation: $150k" is a salary.
    let fixed_before = (from..q.a).any(|i| {
        doc.is_any(i, FIXED_WORDS)
            && !(doc.is(i, "total")
                && (doc.is_any(i + 1, SALARY_WORDS)
                    || doc.is_any(i + 1, &["annual", "yearly", "rewards", "cash", "target"])))
    }) || doc.label_of(q.a) == Some(LabelKey::Budget);
    if !fixed_before {
        if let Some(p) = period_before(doc, q) {
            return Some(p);
        }
    }
    let fixed_after = doc.any_word(
        q.b,
        (q.b + 3).min(sb),
        &["total", "flat", "fixed", "budget", "bounty"],
    ) || doc.has_phrase(q.b, after_end, &["for", "the", "whole"])
        || doc.has_phrase(q.b, after_end, &["for", "the", "entire"])
        || doc.has_phrase(q.b, after_end, &["for", "the", "project"])
        || doc.has_phrase(q.b, after_end, &["for", "the", "full", "project"]);
    if fixed_before || fixed_after {
        return Some(Per::Fixed);
    }
    if let Some((Some(p), _)) = pay_heading(doc, q) {
        return Some(p);
    }
    if q.lo >= 1.0 && strong() {
        return Some(Per::SalaryContext);
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
    if standalone_line(doc, q) {
        return Some(Per::SalaryContext);
    }
    None
}

/// "Each participant will receive $40", "every speaker is paid $25": an amount per person.
pub(super) fn per_person(doc: &Doc, q: &Quant) -> Option<Per> {
    let (sa, _) = doc.sentence(q.a);
    let from = q.a.saturating_sub(14).max(sa);
    let each = (from..q.a).find(|&i| {
        doc.is_any(i, &["each", "every"])
            && doc.hits_at(i + 1).any(|h| matches!(h.tag, Tag::Person))
    })?;
    let paid = doc.any_word(
        each + 2,
        q.a,
        &[
            "receive",
            "receives",
            "earn",
            "earns",
            "get",
            "gets",
            "paid",
            "compensated",
        ],
    );
    paid.then(|| Per::Label(doc.w(each + 1).to_string()))
}
