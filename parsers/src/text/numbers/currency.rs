//! Currency read around a number: words and ISO codes ("dollars", "EUR"), a symbol written after
//! the amount ("25 €/hour"), and cents.

use super::super::doc::Doc;
use super::super::token::Kind;
use super::Quant;

/// Currency words and codes after or before a number. ISO codes must be written in capitals.
pub fn currency_word(doc: &Doc, i: usize) -> Option<&'static str> {
    let w = doc.w(i);
    if w.is_empty() {
        return None;
    }
    let spelled = match w {
        "dollars" | "dollar" | "bucks" => Some("USD"),
        "euros" | "euro" => Some("EUR"),
        "pounds" | "pound" | "sterling" => Some("GBP"),
        "rupees" | "rupee" | "rs" | "re" => Some("INR"),
        "美金" | "美元" => Some("USD"),
        "元" | "人民币" | "rmb" => Some("CNY"),
        "reais" => Some("BRL"),
        "zł" | "złotych" => Some("PLN"),
        "ksh" | "kshs" => Some("KES"),
        "kč" => Some("CZK"),
        "lei" => Some("RON"),
        // Swedish, Norwegian and Danish crowns: the posting's country decides.
        "kr" | "kr." => Some("KR"),
        "yen" | "円" => Some("JPY"),
        "yuan" | "renminbi" => Some("CNY"),
        "pesos" | "peso" => None,
        "real" => None,
        "naira" => Some("NGN"),
        "cents" | "cent" => Some("¢"),
        "paise" => Some("¢INR"),
        "zloty" | "złoty" => Some("PLN"),
        "ringgit" => Some("MYR"),
        "baht" => Some("THB"),
        "rupiah" => Some("IDR"),
        "dirhams" | "dirham" => Some("AED"),
        "shekels" => Some("ILS"),
        "francs" => Some("CHF"),
        _ => None,
    };
    if spelled.is_some() {
        return spelled;
    }
    if w.len() == 2 && doc.is_upper(i) {
        // "RM 4,500" (ringgit), "Rp 8.000.000" (rupiah) are written with these capitals.
        return match doc.orig(i) {
            "RM" => Some("MYR"),
            "Rp" | "RP" => Some("IDR"),
            _ => None,
        };
    }
    if doc.orig(i) == "Rp" {
        return Some("IDR");
    }
    if w.len() != 3 || !doc.is_upper(i) {
        return None;
    }
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "INR", "JPY", "CNY", "RMB", "KRW", "CHF", "SGD",
        "HKD", "BRL", "MXN", "PHP", "ZAR", "NGN", "KES", "PLN", "SEK", "NOK", "DKK", "TRY", "AED",
        "SAR", "IDR", "VND", "THB", "MYR", "PKR", "BDT", "EGP", "ARS", "COP", "CLP", "PEN", "UAH",
        "RUB", "CZK", "HUF", "ILS", "TWD", "RON", "BGN", "GHS", "UGX", "TZS", "MAD", "LKR", "NPR",
    ];
    let up = w.to_ascii_uppercase();
    CODES
        .iter()
        .find(|c| **c == up)
        .map(|c| if *c == "RMB" { "CNY" } else { *c })
}

/// Reads "EUR", "dollars" or "cents"/"¢" written after the number.
pub(super) fn read_currency_after(doc: &Doc, q: &mut Quant, j: &mut usize) {
    if let Some(t) = doc.toks.get(*j) {
        if t.kind == Kind::Cur && t.cur == "¢" {
            cents(q);
            *j += 1;
            return;
        }
        // "25 €/hour", "25$/h": the symbol written after the amount.
        let next_is_number = doc.toks.get(*j + 1).is_some_and(|n| n.kind == Kind::Num);
        if t.kind == Kind::Cur && q.cur.is_none() && !next_is_number {
            q.cur = Some(t.cur);
            q.cur_low = t.cur_low;
            *j += 1;
            return;
        }
    }
    if let Some(code) = currency_word(doc, *j) {
        if code == "¢" {
            cents(q);
        } else if code == "¢INR" {
            cents(q);
            q.cur = Some("INR");
        } else if q.cur.is_none() || q.cur == Some("USD") {
            q.cur = Some(code);
            q.cur_low = false;
        }
        *j += 1;
    }
}

pub(super) fn cents(q: &mut Quant) {
    q.lo /= 100.0;
    q.hi /= 100.0;
    if q.cur.is_none() {
        q.cur = Some("USD");
    }
}
