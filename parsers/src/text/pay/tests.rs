//! Pay extraction examples: letter prefixes, periods, ranges and traps, each a short posting.

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
