//! Amounts that look like pay and are not: benefits (401(k), PTO), bonuses, funding, counts and
//! other numbers a money sign or salary word sits near.

use crate::text::classes;
use crate::text::doc::Doc;
use crate::text::numbers::Quant;
use crate::text::token::Kind;

/// Words that make a nearby amount something other than the job's pay, wherever they stand
/// next to it (a bonus, a perk, a tip).
pub(in crate::text) const TRAPS: &[&str] = &[
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
pub(in crate::text) const NEAR_TRAPS: &[&str] = &[
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
pub(in crate::text) const BENEFIT_NOUNS: &[&str] = &[
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

/// The amount is a bonus, a benefit or a company figure: a trap word in the few words before it
/// (back to the previous number) or in the noun phrase it modifies ("$500 sign-on bonus",
/// "$5M in funding").
pub(super) fn trapped(doc: &Doc, q: &Quant) -> bool {
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
            && !doc.has(i + 1, classes::PAY_TRAP);
        if doc.has(i, classes::PAY_TRAP) && !in_title {
            return true;
        }
        // "raised $5M", "revenue of $10M", "match is up to $6,000": only small words between.
        if doc.has(i, classes::PAY_NEAR_TRAP)
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
        if doc.has(i, classes::BENEFIT_NOUN)
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
        if doc.has(
            j,
            classes::PAY_TRAP | classes::PAY_NEAR_TRAP | classes::BENEFIT_NOUN,
        ) {
            return true;
        }
        if doc.is_any(j, crate::text::bind::STOP) {
            break;
        }
        words += 1;
        j += 1;
    }
    false
}

/// "… per month for internet reimbursement", "… a year towards equipment": what the rate pays
/// for, right after it, is a benefit.
pub(super) fn trap_after(doc: &Doc, end: usize) -> bool {
    if !doc.is_any(end, &["for", "towards", "toward", "in", "of", "as"]) {
        return false;
    }
    let (_, sb) = doc.sentence(end);
    (end + 1..(end + 4).min(sb)).any(|k| {
        doc.has(
            k,
            classes::PAY_TRAP | classes::PAY_NEAR_TRAP | classes::BENEFIT_NOUN,
        ) || doc.is_any(k, &["stipend", "expenses"])
    })
}
