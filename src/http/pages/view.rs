//! The pages' shared markup: the layout every page sits in, and a job as people read it (the
//! job page and the draft page's preview show the same thing).

use jobdraft_parsers::{JobFields, PaymentType};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::Value;

use crate::domain::public_job::public_job;
use crate::domain::Draft;

/// The page around `content`; `head` adds elements to `<head>` (canonical link, JSON-LD).
pub fn layout(site: &str, title: &str, content: Markup, head: Option<Markup>) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (site) }
                link rel="stylesheet" href="/style.css";
                @if let Some(extra) = head { (extra) }
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header.site {
                    a.brand href="/" { (site) }
                }
                main #main { (content) }
                footer.site {
                    p { "Published with " a href="/" { (site) } "." }
                }
            }
        }
    }
}

fn money(currency: &str, amount: f64) -> String {
    let n = jobdraft_parsers::fields::number_value(amount);
    format!("{currency} {n}")
}

/// The pay of a job in words ("USD 22 per hour", "USD 60000–80000 per year").
pub fn pay_text(f: &JobFields) -> Option<String> {
    let currency = f.currency.as_deref().unwrap_or("USD");
    match f.payment_type {
        Some(PaymentType::PayPerHour) if f.price_per_hour.is_some() => {
            return f
                .price_per_hour
                .map(|p| format!("{} per hour", money(currency, p)))
        }
        Some(PaymentType::PayPerLabel) if f.price_per_label.is_some() => {
            return f
                .price_per_label
                .map(|p| format!("{} per label", money(currency, p)))
        }
        Some(PaymentType::FixedPrice) if f.fixed_price.is_some() => {
            return f
                .fixed_price
                .map(|p| format!("{} for the project", money(currency, p)))
        }
        _ => {}
    }
    let period = f
        .salary_period
        .map(|p| format!(" per {}", p.label().to_lowercase()))
        .unwrap_or_default();
    match (f.salary_min, f.salary_max) {
        (Some(a), Some(b)) if a != b => Some(format!(
            "{}–{}{period}",
            money(currency, a),
            jobdraft_parsers::fields::number_value(b)
        )),
        (Some(a), _) | (None, Some(a)) => Some(format!("{}{period}", money(currency, a))),
        _ => None,
    }
}

/// Where the work is, in words.
pub fn place_text(f: &JobFields) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(t) = f.location_type {
        parts.push(t.label().to_string());
    }
    if !f.locations.is_empty() {
        parts.push(f.locations.join("; "));
    } else if !f.countries.is_empty() {
        parts.push(f.countries.join(", "));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The facts of a job as (label, text) rows, in reading order.
pub fn facts(f: &JobFields) -> Vec<(&'static str, String)> {
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    let mut add = |label: &'static str, text: Option<String>| {
        if let Some(t) = text.filter(|t| !t.is_empty()) {
            rows.push((label, t));
        }
    };
    add("Company", f.company_name.clone());
    add("Pay", pay_text(f));
    add("Where", place_text(f));
    add(
        "Employment",
        f.employment_type.map(|e| e.label().to_string()),
    );
    add("Category", f.category.map(|c| c.label().to_string()));
    add("Data", f.data_type.map(|d| d.label().to_string()));
    add(
        "Label types",
        Some(
            f.label_types
                .iter()
                .map(|l| l.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    add(
        "Experience",
        f.experience_level.map(|e| e.label().to_string()),
    );
    add(
        "Years of experience",
        f.years_experience.map(|y| y.to_string()),
    );
    add("People wanted", f.headcount.map(|h| h.to_string()));
    add("Hours per week", f.hours_per_week.map(|h| h.to_string()));
    add("Languages", Some(f.languages.join(", ")));
    add("Skills", Some(f.skills.join(", ")));
    add("Apply by", f.valid_through.clone());
    rows
}

/// The description as safe HTML (sanitized markup, or plain text in paragraphs).
pub fn description_html(draft: &Draft) -> String {
    public_job(draft, "")
        .get("descriptionHtml")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A job as people read it: title, facts, description and how to apply. `apply` is off on the
/// draft preview, which links nowhere.
pub fn job_body(draft: &Draft, apply: bool) -> Markup {
    let f = &draft.fields;
    let title = f.job_title.as_deref().unwrap_or("Untitled job");
    let apply_href = f
        .apply_url
        .clone()
        .filter(|u| {
            let lower = u.to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        })
        .or_else(|| f.apply_email.as_ref().map(|e| format!("mailto:{e}")));
    html! {
        article.job {
            h1 { (title) }
            @if let Some(company) = &f.company_name { p.company { (company) } }
            dl.facts {
                @for (label, text) in facts(f) {
                    div { dt { (label) } dd { (text) } }
                }
            }
            // Sanitized by the domain (allow-listed tags and attributes only).
            div.description { (PreEscaped(description_html(draft))) }
            @if let Some(href) = apply_href {
                @if apply {
                    p { a.button href=(href) rel="nofollow noopener noreferrer" { "Apply" } }
                } @else {
                    p.apply { "People apply at: " code { (href) } }
                }
            }
        }
    }
}
