//! Pay: money amounts bound to what they pay for — per hour (PAY_PER_HOUR), per work item
//! (PAY_PER_LABEL), a fixed budget (FIXED_PRICE), or a salary per day/week/month/year — plus the
//! currency and contradictions (two different rates are a warning and a low-confidence pick).

use crate::enums::{PaymentType, SalaryPeriod};
use crate::outcome::ParseOutcome;

use super::bind::{time_unit, TimeUnit};
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::numbers::{currency_word, Quant};
use super::token::Kind;

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

/// Time units of pay in English and in the languages postings commonly use ("pro Stunde",
/// "por mês", "/月").
fn pay_unit(w: &str) -> Option<TimeUnit> {
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
fn period_adverb(w: &str) -> Option<Per> {
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

fn distance_rate(doc: &Doc, q: &Quant) -> bool {
    let j = skip_qualifiers(doc, q.b);
    doc.is_any(j, &["cpm", "cpk"])
        || ((doc.is_any(j, &["per", "a", "each"]) || doc.punct(j, '/'))
            && is_distance(doc.w(j + 1)))
}

/// Words between an amount and its period that qualify the amount ("gross", "+ VAT", "(B2B)").
const QUALIFIERS: &[&str] = &[
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
            let next_cont =
                doc.punct(j + 1, '+') || doc.punct(j + 1, '(') || doc.is_any(j + 1, QUALIFIERS);
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
        if doc.is_any(j, QUALIFIERS) && !doc.is_any(j + 1, &["of", "to"]) {
            j += 1;
            continue;
        }
        break;
    }
    j
}

/// What the amount is paid per, from the words after it, and one past the last token read.
fn rate_after_end(doc: &Doc, q: &Quant) -> Option<(Per, usize)> {
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

/// Words that make a nearby amount something other than the job's pay, wherever they stand
/// next to it (a bonus, a perk, a tip).
const TRAPS: &[&str] = &[
    "bonus",
    "bonuses",
    "referral",
    "referrals",
    "signing",
    "relocation",
    "allowance",
    "reimbursement",
    "reimbursed",
    "prize",
    "prizes",
    "discount",
    "credits",
    "gift",
    "voucher",
    "vouchers",
    "tips",
    "tip",
    "gratuities",
    "overtime",
    "differential",
];

/// Company figures and plan terms: a trap only right before the amount ("raised $5M",
/// "revenue of $10M", "match up to $5,000") or in the phrase after it ("$5M in funding"), so a
/// title like "Revenue Operations Manager, salary $120k" keeps its salary.
const NEAR_TRAPS: &[&str] = &[
    "funding",
    "raised",
    "revenue",
    "revenues",
    "valuation",
    "arr",
    "investment",
    "investors",
    "match",
    "matching",
    "commission",
    "commissions",
];

/// Benefits an amount may pay for: a trap in the phrase after the amount ("$1,500 learning
/// budget", "$100 internet stipend") or right before "budget"/"stipend"/"allowance"
/// ("wellness stipend of $50"), never as part of a job title ("Machine Learning Engineer").
const BENEFIT_NOUNS: &[&str] = &[
    "learning",
    "education",
    "wellness",
    "equipment",
    "conference",
    "tuition",
    "commuter",
    "transport",
    "internet",
    "insurance",
    "pension",
    "superannuation",
    "phone",
    "gym",
    "meal",
    "meals",
    "lunch",
];

/// "Salary: 60k - 80k": a figure with no currency and no period, alone in a pay label or right
/// after a pay word; not a year, not a count of something.
fn bare_salary(doc: &Doc, q: &Quant, strong: impl FnOnce() -> bool) -> Option<Per> {
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

/// The amount is a bonus, a benefit or a company figure: a trap word in the few words before it
/// (back to the previous number) or in the noun phrase it modifies ("$500 sign-on bonus",
/// "$5M in funding").
fn trapped(doc: &Doc, q: &Quant) -> bool {
    let (sa, sb) = doc.sentence(q.a);
    // "401k", "401(k)", "403(b)": retirement plans, not amounts.
    let first = q.a + usize::from(doc.kind(q.a) == Some(Kind::Cur));
    let o = doc.orig(first);
    if ["401k", "403b", "457b"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(o))
        || (matches!(o, "401" | "403" | "457") && doc.punct(first + 1, '('))
    {
        return true;
    }
    let mut i = q.a;
    let mut n = 0;
    while i > sa && n < 5 {
        i -= 1;
        if matches!(doc.kind(i), Some(Kind::Num | Kind::Cur)) {
            break;
        }
        n += 1;
        // "Referral Coordinator – $20/hr", "Gift Wrap Associate": a title-case name, not a perk.
        let in_title = doc.is_cap(i)
            && doc.kind(i + 1) == Some(Kind::Word)
            && doc.is_cap(i + 1)
            && !doc.is_any(i + 1, TRAPS);
        if doc.is_any(i, TRAPS) && !in_title {
            return true;
        }
        // "raised $5M", "revenue of $10M", "match is up to $6,000": only small words between.
        if doc.is_any(i, NEAR_TRAPS)
            && (i + 1..q.a).all(|k| {
                doc.punct(k, ':')
                    || doc.is_any(
                        k,
                        &[
                            "of",
                            "is",
                            "was",
                            "up",
                            "to",
                            "at",
                            "over",
                            "around",
                            "about",
                            "exceeding",
                            "than",
                            "more",
                            "nearly",
                            "almost",
                            "by",
                            "in",
                            "a",
                            "an",
                            "reached",
                            "hit",
                            "topped",
                        ],
                    )
            })
        {
            return true;
        }
        if doc.is_any(i, BENEFIT_NOUNS)
            && doc.is_any(
                i + 1,
                &[
                    "budget",
                    "stipend",
                    "allowance",
                    "fund",
                    "reimbursement",
                    "credit",
                ],
            )
        {
            return true;
        }
    }
    let mut j = q.b;
    if doc.is(j, "in") || doc.is(j, "of") {
        j += 1;
    }
    let mut words = 0;
    while j < sb && words < 3 {
        if doc.punct(j, '-') {
            j += 1;
            continue;
        }
        if doc.kind(j) != Some(Kind::Word) {
            break;
        }
        if doc.is_any(j, TRAPS) || doc.is_any(j, NEAR_TRAPS) || doc.is_any(j, BENEFIT_NOUNS) {
            return true;
        }
        if doc.is_any(j, super::bind::STOP) {
            break;
        }
        words += 1;
        j += 1;
    }
    false
}

/// "… per month for internet reimbursement", "… a year towards equipment": what the rate pays
/// for, right after it, is a benefit.
fn trap_after(doc: &Doc, end: usize) -> bool {
    if !doc.is_any(end, &["for", "towards", "toward", "in", "of", "as"]) {
        return false;
    }
    let (_, sb) = doc.sentence(end);
    (end + 1..(end + 4).min(sb)).any(|k| {
        doc.is_any(k, TRAPS)
            || doc.is_any(k, NEAR_TRAPS)
            || doc.is_any(k, BENEFIT_NOUNS)
            || doc.is_any(k, &["stipend", "expenses"])
    })
}

/// How far [`line_range`] looks each way: pay lines, labels and headings are short, and a
/// bound keeps a 60,000-character single-line input linear.
const LINE_REACH: usize = 40;

/// The tokens of the line token `i` sits on, as a range, looking at most [`LINE_REACH`] tokens
/// each way; `None` when the line is longer than that.
fn line_range(doc: &Doc, i: usize) -> Option<(usize, usize)> {
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
fn pay_heading(doc: &Doc, q: &Quant) -> Option<(Option<Per>, usize)> {
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
fn salary_sentence(doc: &Doc, q: &Quant) -> bool {
    let (sa, sb) = doc.sentence(q.a);
    doc.any_word(q.a.saturating_sub(10).max(sa), q.a, PAY_WORDS)
        || doc.any_word(q.b, (q.b + 4).min(sb), PAY_WORDS)
}

/// A pay word right before the amount ("salary of P477", "Stipend 40,000"), a pay label or a
/// pay heading.
fn strong_context(doc: &Doc, q: &Quant) -> bool {
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
fn period_before_at(doc: &Doc, q: &Quant) -> Option<(Per, usize)> {
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

fn context(doc: &Doc, q: &Quant, strong: &mut impl FnMut() -> bool) -> Option<Per> {
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
fn per_person(doc: &Doc, q: &Quant) -> Option<Per> {
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

fn fmt_money(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Currencies of countries, for an amount written without one (or a bare `$`) in a posting
/// placed in a single country.
const COUNTRY_CURRENCY: &[(&str, &str)] = &[
    ("US", "USD"),
    ("CA", "CAD"),
    ("AU", "AUD"),
    ("NZ", "NZD"),
    ("SG", "SGD"),
    ("HK", "HKD"),
    ("MX", "MXN"),
    ("TW", "TWD"),
    ("JM", "JMD"),
    ("TT", "TTD"),
    ("BS", "BSD"),
    ("BB", "BBD"),
    ("BZ", "BZD"),
    ("FJ", "FJD"),
    ("GY", "GYD"),
    ("LR", "LRD"),
    ("NA", "NAD"),
    ("BN", "BND"),
    ("AR", "ARS"),
    ("CL", "CLP"),
    ("CO", "COP"),
    ("UY", "UYU"),
    ("DO", "DOP"),
    ("IN", "INR"),
    ("PK", "PKR"),
    ("BD", "BDT"),
    ("LK", "LKR"),
    ("NP", "NPR"),
    ("NG", "NGN"),
    ("KE", "KES"),
    ("GH", "GHS"),
    ("UG", "UGX"),
    ("TZ", "TZS"),
    ("ZA", "ZAR"),
    ("EG", "EGP"),
    ("MA", "MAD"),
    ("GB", "GBP"),
    ("DE", "EUR"),
    ("FR", "EUR"),
    ("ES", "EUR"),
    ("IT", "EUR"),
    ("NL", "EUR"),
    ("BE", "EUR"),
    ("PT", "EUR"),
    ("IE", "EUR"),
    ("AT", "EUR"),
    ("FI", "EUR"),
    ("GR", "EUR"),
    ("SK", "EUR"),
    ("SI", "EUR"),
    ("EE", "EUR"),
    ("LV", "EUR"),
    ("LT", "EUR"),
    ("LU", "EUR"),
    ("MT", "EUR"),
    ("CY", "EUR"),
    ("HR", "EUR"),
    ("PL", "PLN"),
    ("CZ", "CZK"),
    ("HU", "HUF"),
    ("RO", "RON"),
    ("BG", "BGN"),
    ("SE", "SEK"),
    ("NO", "NOK"),
    ("DK", "DKK"),
    ("CH", "CHF"),
    ("TR", "TRY"),
    ("UA", "UAH"),
    ("IL", "ILS"),
    ("AE", "AED"),
    ("SA", "SAR"),
    ("QA", "QAR"),
    ("JP", "JPY"),
    ("CN", "CNY"),
    ("KR", "KRW"),
    ("VN", "VND"),
    ("TH", "THB"),
    ("MY", "MYR"),
    ("ID", "IDR"),
    ("PH", "PHP"),
    ("BR", "BRL"),
    ("PE", "PEN"),
];

/// Countries whose own currency is a dollar or a peso, written `$` at home.
const DOLLAR_COUNTRIES: &[&str] = &[
    "CA", "AU", "NZ", "SG", "HK", "MX", "TW", "JM", "TT", "BS", "BB", "BZ", "FJ", "GY", "LR", "NA",
    "BN", "AR", "CL", "CO", "UY", "DO",
];

fn country_currency(code: &str) -> Option<&'static str> {
    COUNTRY_CURRENCY
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, cur)| *cur)
}

/// Where the text names the country (for citing a currency inferred from it).
fn place_span(doc: &Doc, code: &str) -> Option<(usize, usize)> {
    doc.hits
        .iter()
        .find(|h| matches!(h.tag, Tag::Country(c) | Tag::City(c) | Tag::Subdiv(c) if c == code))
        .map(|h| doc.span(h.a, h.b))
}

/// A letter prefix ("R228 321", "P477") is money only where the posting is placed in the
/// country it stands for; rand written with space-grouped digits is unmistakable anywhere.
fn letter_prefix_confirmed(doc: &Doc, q: &Quant, countries: &[String]) -> bool {
    match q.cur {
        Some("ZAR") => {
            countries.iter().any(|c| c == "ZA")
                || (q.a + 1..q.b).any(|k| {
                    doc.kind(k) == Some(Kind::Num)
                        && doc.kind(k + 1) == Some(Kind::Num)
                        && doc.toks.get(k + 1).is_some_and(|t| t.space)
                })
        }
        Some("PHP") => countries.iter().any(|c| c == "PH"),
        _ => false,
    }
}

/// A currency resolved for the pay figure: code, why it is low confidence, what to cite.
struct Currency {
    code: &'static str,
    low: Option<String>,
    cite: (usize, usize),
}

fn resolve_currency(doc: &Doc, q: &Quant, countries: &[String]) -> Option<Currency> {
    let amount = doc.span(q.a, q.b);
    let (la, lb) = line_range(doc, q.a).unwrap_or((q.a, q.b));
    let single = (countries.len() == 1).then(|| countries[0].as_str());
    match q.cur {
        Some("¢") => Some(Currency {
            code: "USD",
            low: None,
            cite: amount,
        }),
        Some("USD") => {
            let bare = (q.a..q.b).all(|k| doc.kind(k) != Some(Kind::Cur) || doc.orig(k) == "$")
                && !(q.a..q.b).any(|k| currency_word(doc, k).is_some());
            if !bare {
                return Some(Currency {
                    code: "USD",
                    low: None,
                    cite: amount,
                });
            }
            // "$53,692.00 (… pesos 00/100 M.N.)": Mexican pesos spelled out on the line.
            if let Some(k) = (q.b..lb)
                .find(|&k| doc.is_any(k, &["pesos", "m.n.", "mxn"]) || doc.orig(k) == "MXN")
            {
                return Some(Currency {
                    code: "MXN",
                    low: None,
                    cite: doc.span(q.a, k + 1),
                });
            }
            let usd_stated = || {
                doc.toks.iter().enumerate().any(|(k, t)| {
                    (t.kind == Kind::Cur && t.cur == "USD" && doc.orig(k) != "$")
                        || (t.kind == Kind::Word && doc.orig(k) == "USD")
                })
            };
            if let Some(c) = single.filter(|c| DOLLAR_COUNTRIES.contains(c) && !usd_stated()) {
                if let Some(code) = country_currency(c) {
                    return Some(Currency {
                        code,
                        low: Some(format!("\"$\" in a posting placed in {c}; assumed {code}.")),
                        cite: place_span(doc, c).unwrap_or(amount),
                    });
                }
            }
            Some(Currency {
                code: "USD",
                low: None,
                cite: amount,
            })
        }
        Some("KR") => {
            let code = match single? {
                "SE" => "SEK",
                "NO" => "NOK",
                "DK" => "DKK",
                "IS" => "ISK",
                _ => return None,
            };
            Some(Currency {
                code,
                low: None,
                cite: amount,
            })
        }
        Some("JPY") if q.cur_low => {
            let code = if single == Some("CN") { "CNY" } else { "JPY" };
            Some(Currency {
                code,
                low: Some(format!("\"¥\" may be JPY or CNY; assumed {code}.")),
                cite: amount,
            })
        }
        Some(code) => Some(Currency {
            code,
            low: None,
            cite: amount,
        }),
        None => {
            // "salaries in USD (from 3k …)": a currency named in the sentence or on the line.
            let (sa, sb) = doc.sentence(q.a);
            let (a, b) = (sa.min(la), sb.max(lb));
            if let Some((k, code)) = (a..b).find_map(|k| {
                let code = match doc.kind(k) {
                    Some(Kind::Cur) => doc.toks.get(k).map(|t| t.cur),
                    _ => currency_word(doc, k),
                }?;
                (!code.starts_with('¢')).then_some((k, code))
            }) {
                return Some(Currency {
                    code,
                    low: None,
                    cite: doc.span(k, k + 1),
                });
            }
            let c = single?;
            let code = country_currency(c)?;
            Some(Currency {
                code,
                low: Some(format!(
                    "No currency stated; assumed {code} from the posting's country ({c})."
                )),
                cite: place_span(doc, c).unwrap_or(amount),
            })
        }
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
mod tests {
    use crate::enums::{PaymentType, SalaryPeriod};
    use crate::text::extract;

    fn pay(
        text: &str,
    ) -> (
        Option<f64>,
        Option<f64>,
        Option<SalaryPeriod>,
        Option<String>,
    ) {
        let f = extract(text).fields;
        (f.salary_min, f.salary_max, f.salary_period, f.currency)
    }

    #[test]
    fn letter_prefixes_need_their_country() {
        assert_eq!(
            pay("Clerk, Durban, South Africa. Salary: R185000 per annum."),
            (
                Some(185_000.0),
                Some(185_000.0),
                Some(SalaryPeriod::Year),
                Some("ZAR".into())
            )
        );
        // Space-grouped rand is unmistakable even without a place.
        assert_eq!(pay("Package: R420 500 p.a").3.as_deref(), Some("ZAR"));
        // "R450" or "P900" anywhere else is not money.
        assert_eq!(
            pay("Model R450 ships in Ohio. Salary: R450 per day.").0,
            None
        );
        assert_eq!(pay("Our P900 printer needs 2 technicians per day.").0, None);
        assert_eq!(
            pay("Cebu City, Philippines: helpers get P610 per day.")
                .3
                .as_deref(),
            Some("PHP")
        );
    }

    #[test]
    fn bare_dollar_takes_the_single_dollar_country_low() {
        let out = extract("Welder, Calgary, Alberta, Canada. Wage: $34 per hour.");
        assert_eq!(out.fields.currency.as_deref(), Some("CAD"));
        assert!(out.low_confidence.iter().any(|l| l.path == "currency"));
        let ev = out.evidence.iter().find(|e| e.path == "currency").unwrap();
        assert_ne!(ev.quote.as_deref(), Some("$34"));
        // A stated USD keeps USD; a country without its own dollar keeps USD.
        let out = extract("Remote from Canada, paid in USD: $34 per hour.");
        assert_eq!(out.fields.currency.as_deref(), Some("USD"));
        let out = extract("Hanoi, Vietnam. Salary: $900 per month.");
        assert_eq!(out.fields.currency.as_deref(), Some("USD"));
    }

    #[test]
    fn grouping_multipliers_and_ranges() {
        assert_eq!(
            pay("薪资 20 - 30K RMB / month"),
            (
                Some(20_000.0),
                Some(30_000.0),
                Some(SalaryPeriod::Month),
                Some("CNY".into())
            )
        );
        assert_eq!(
            pay("Salary: ₹5 – 8 LPA").0..pay("Salary: ₹5 – 8 LPA").1,
            Some(500_000.0)..Some(800_000.0)
        );
        assert_eq!(pay("Stipend: ₹1,25,000/month").0, Some(125_000.0));
        assert_eq!(
            pay("Faixa: R$ 6.500 a R$ 9.000/mês").2,
            Some(SalaryPeriod::Month)
        );
        assert_eq!(pay("Faixa: R$ 6.500 a R$ 9.000/mês").1, Some(9_000.0));
        let f = extract("Valor: R$80,00 a hora.").fields;
        assert_eq!(f.price_per_hour, Some(80.0));
        assert_eq!(f.payment_type, Some(PaymentType::PayPerHour));
    }

    #[test]
    fn traps_produce_no_pay() {
        for text in [
            "We raised $12M in funding and offer a $4,000 sign-on bonus.",
            "Benefits: 401(k) match, $1,500 annual learning budget, 2 weeks PTO.",
            "Referral bonus: $2,000 for every hire.",
            "Founded in 2009, 300 employees. Call (212) 555-0100.",
        ] {
            let f = extract(text).fields;
            assert_eq!(f.salary_min, None, "{text}");
            assert_eq!(f.payment_type, None, "{text}");
            assert_eq!(f.currency, None, "{text}");
        }
    }

    #[test]
    fn periods_named_before_and_bare_salaries() {
        assert_eq!(pay("Monthly salary: ₹28,000").2, Some(SalaryPeriod::Month));
        assert_eq!(pay("月薪 18000元").2, Some(SalaryPeriod::Month));
        let out = extract("Salary: 70k - 90k\nLocation: Denver, CO");
        assert_eq!(out.fields.salary_min, Some(70_000.0));
        assert_eq!(out.fields.currency.as_deref(), Some("USD"));
        assert!(out.low_confidence.iter().any(|l| l.path == "currency"));
        for text in [
            "Pay: $300 per month for internet reimbursement.",
            "Compensation: 401k, dental, 2 weeks PTO.",
            "Salary: 2026 bands are being reviewed.",
            "Pay questions: call 1800 555 0199.",
        ] {
            assert_eq!(extract(text).fields.salary_min, None, "{text}");
        }
    }

    #[test]
    fn short_period_forms_and_implausible_hourly() {
        let f = extract("Relief cook, £13.20 p/h, Leeds.").fields;
        assert_eq!(f.price_per_hour, Some(13.2));
        assert_eq!(
            pay("Salary: €3,400 p.m. gross").2,
            Some(SalaryPeriod::Month)
        );
        assert_eq!(pay("Package R380 000 p.a").2, Some(SalaryPeriod::Year));
        // "5 pm" is a time of day.
        assert_eq!(pay("Stipend: 12,000 rupees; shifts end at 5 pm.").2, None);
        let f = extract("AI data annotator $1,500 – $3,500/h").fields;
        assert_eq!(f.payment_type, Some(PaymentType::PayPerHour));
        assert_eq!(f.salary_min, None);
        assert_eq!(f.price_per_hour, None);
    }

    #[test]
    fn money_shapes_at_scale_do_not_panic() {
        let inputs = [
            "R1 000 000 RR2 ".repeat(4_000),
            "₹1,50,000/month 1,2,3,4 ".repeat(2_500),
            "20~30k/月 可达23美金/小时 ".repeat(2_500),
            "Salary:\n$1 - $2 per hour + VAT (B2B)\n".repeat(1_500),
            "CHF 1'000'0 4.600,00, 100,00,0 P1 R$ ".repeat(2_000),
            "p.a p/ p. $5 a 5- a $".repeat(3_000),
        ];
        for input in &inputs {
            let text: String = input.chars().take(60_000).collect();
            let out = extract(&text);
            assert!(out.fields.salary_min.is_none_or(|v| v.is_finite()));
        }
    }

    #[test]
    fn job_titles_are_not_benefit_traps() {
        for text in [
            "Senior Machine Learning Engineer — $180K - $220K + equity",
            "Revenue Operations Manager, salary $120,000 - $140,000",
            "Insurance Claims Adjuster: $24/hour",
            "Heavy Equipment Operator, $31 per hour",
            "Revenue Cycle Specialist – $22/hr",
            "Revenue Manager: $95,000 per year",
            "Referral Coordinator – $21 per hour",
        ] {
            let f = extract(text).fields;
            assert!(
                f.salary_min.is_some() || f.price_per_hour.is_some(),
                "{text}"
            );
        }
        for text in [
            "Perks: wellness stipend of $75 per month.",
            "We add a $1,200 yearly education allowance.",
            "Our 401(k) match is up to $6,000 per year.",
            "We raised $12M and our revenue of $3M per year is growing.",
            "Referral Bonus: $500 per month for each hire.",
        ] {
            assert_eq!(extract(text).fields.salary_min, None, "{text}");
        }
    }

    #[test]
    fn period_after_qualifiers_and_implausible_ranges() {
        assert_eq!(
            pay("16 000 - 21 000 PLN\n+ VAT (B2B) miesięcznie").2,
            Some(SalaryPeriod::Month)
        );
        let out = extract("Salaries in USD (from 2k to 9000k per month).");
        assert_eq!(out.fields.salary_min, None);
        assert_eq!(out.fields.salary_period, Some(SalaryPeriod::Month));
        assert_eq!(out.fields.currency.as_deref(), Some("USD"));
    }
}
