//! Maps one Indeed `<job>` to fields (formats.md §2.2), citing each field with the XML path of
//! the child element it was read from.

use crate::locate::push_element;
use crate::normalize::{self as norm, push_unique, PaySources};
use crate::xml::Element;
use crate::{Limits, ParseOutcome};

/// Evidence for one job: cites fields with the XML path of the child they were read from.
struct Cites<'j> {
    job: &'j Element<'j>,
    at: &'j str,
}

impl Cites<'_> {
    /// The path of the job's child at `index`; built only when a field is cited.
    fn path(&self, index: usize) -> Option<String> {
        let name = self.job.children.get(index).map_or(0, |c| c.name.len());
        // Room for `/name[n]`, so the path is written in one allocation.
        let mut path = String::with_capacity(self.at.len() + name + 8);
        path.push_str(self.at);
        push_element(&mut path, self.job, index);
        Some(path)
    }

    /// Cites `key` as read from the child at `index` (one more source).
    fn add(&self, out: &mut ParseOutcome, key: &str, index: usize) {
        if let Some(path) = self.path(index) {
            out.cite_source(key, path);
        }
    }

    /// Cites `key` as read from the child at `index` only (a later element replaced the value).
    fn only(&self, out: &mut ParseOutcome, key: &str, index: usize) {
        out.uncite(key);
        self.add(out, key, index);
    }
}

/// Maps one `<job>` to fields (formats.md §2.2); `at` is the job's XML path.
pub(super) fn map_job(job: &Element, doc: &str, limits: &Limits, at: &str) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let cites = Cites { job, at };
    let mut description = String::new();
    // Address parts with the position of the child each was read from.
    let (mut city, mut state, mut country, mut postal) = (None, None, None, None);
    let (mut reference, mut requisition, mut sourcename) = (None, None, None);
    let mut street = false;
    let mut extension = None;
    // One buffer for every child's lowercased name; the path is only built when reported.
    let mut key = String::new();
    for (i, child) in job.children.iter().enumerate() {
        let value = child.text();
        if value.is_empty() && child.children.is_empty() {
            continue;
        }
        key.clear();
        key.push_str(&child.name);
        key.make_ascii_lowercase();
        let name = key.as_str();
        let path = || format!("/job/{name}");
        let f = &mut out.fields;
        match name {
            "title" => {
                f.job_title = Some(value.to_string());
                cites.only(&mut out, "jobTitle", i);
            }
            "description" => {
                description = if child.children.is_empty() {
                    value.to_string()
                } else {
                    // HTML written as markup rather than CDATA: keep it as given.
                    child.inner_markup(doc).to_string()
                };
                cites.only(&mut out, "jobDescription", i);
            }
            "date" | "lastbuilddate" | "publishdate" => {} // posting date is server-owned
            "referencenumber" | "reference_id" => reference = Some(value.to_string()),
            "requisitionid" => requisition = Some(value.to_string()),
            "company" => {
                f.company_name = Some(value.to_string());
                cites.only(&mut out, "companyName", i);
            }
            "sourcename" => sourcename = Some((value.to_string(), i)),
            "city" | "location" => city = Some((value.to_string(), i)),
            "state" => state = Some((value.to_string(), i)),
            "country" => country = Some((value.to_string(), i)),
            "postalcode" => postal = Some((value.to_string(), i)),
            "streetaddress" => street = true,
            "url" => match norm::url(value) {
                Some(u) => {
                    f.apply_url = Some(u);
                    cites.only(&mut out, "applyUrl", i);
                }
                None => out.unmapped(path(), "not an absolute http(s) URL", value),
            },
            "email" | "apply_email" | "applyemail" => match norm::email(value) {
                Some(e) => {
                    f.apply_email = Some(e);
                    cites.only(&mut out, "applyEmail", i);
                }
                None => out.unmapped(path(), "not an e-mail address", value),
            },
            "salary" => match norm::salary_text(value) {
                // Every part of a free-text salary is read from this one element.
                Some(pay) => {
                    norm::apply_pay_cited(&mut out, pay, &PaySources::all(i), |i| cites.path(i))
                }
                None => out.unmapped(path(), "salary text states no amount", value),
            },
            "jobtype" => {
                let unset = f.employment_type.is_none();
                job_type(&mut out, &path(), value);
                if unset && out.fields.employment_type.is_some() {
                    cites.only(&mut out, "employmentType", i);
                }
            }
            "remotetype" => match norm::location_type(value) {
                Some(t) => {
                    f.location_type = Some(t);
                    cites.only(&mut out, "locationType", i);
                }
                None => out.unmapped(path(), "unknown remote type", value),
            },
            "experience" => match norm::years(value) {
                Some(y) => {
                    f.years_experience = Some(y);
                    cites.only(&mut out, "yearsExperience", i);
                }
                None => out.unmapped(path(), "no number of years", value),
            },
            "expirationdate" | "expirydate" => match norm::date(value) {
                Some(d) => {
                    f.valid_through = Some(d);
                    cites.only(&mut out, "validThrough", i);
                }
                None => out.unmapped(path(), "not a date", value),
            },
            "skills" => {
                let before = out.fields.skills.len();
                for s in value.split([',', ';']) {
                    push_unique(&mut out.fields.skills, s);
                }
                if out.fields.skills.len() > before {
                    cites.add(&mut out, "skills", i);
                }
            }
            crate::extension::INDEED_ELEMENT => extension = Some(value.to_string()),
            "publisher" | "publisherurl" => {
                out.unmapped(path(), "the feed's ATS, not the employer", value)
            }
            "education" => out.unmapped(path(), "no catalog field for education", value),
            "category" | "jobfunction" | "jobindustries" => {
                out.unmapped(path(), "no catalog field for job categories", value)
            }
            _ => out.unmapped(
                path(),
                "no catalog field for this element",
                &child.deep_text(),
            ),
        }
    }
    if street {
        out.unmapped(
            "/job/streetaddress",
            "street addresses are not kept; city, state and country are",
            "…",
        );
    }
    out.external_id = reference.or(requisition);
    if out.fields.company_name.is_none() {
        if let Some((name, i)) = sourcename {
            out.fields.company_name = Some(name);
            cites.only(&mut out, "companyName", i);
        }
    }
    if !description.is_empty() {
        out.fields.job_description = Some(description);
    }

    // City "Remote" is a common way of saying the job has no site.
    let remote_city = city.as_ref().is_some_and(|(c, _)| {
        matches!(
            norm::fold(c).as_str(),
            "remote" | "anywhere" | "workfromhome" | "telecommute"
        )
    });
    if remote_city {
        if out.fields.location_type.is_none() {
            out.fields.location_type = Some(crate::LocationType::Remote);
            if let Some((_, i)) = city {
                cites.only(&mut out, "locationType", i);
            }
        }
        city = None;
    }
    let code = part_text(&country).and_then(norm::country);
    if let (Some(raw), None) = (part_text(&country), code) {
        out.unmapped("/job/country", "unknown country", raw);
    }
    if let (Some(code), Some((_, i))) = (code, &country) {
        push_unique(&mut out.fields.countries, code);
        cites.add(&mut out, "countries", *i);
    }
    let site = city.as_ref().or(postal.as_ref()).map(|(_, i)| *i);
    let country_part = code.or(part_text(&country));
    let nothing = None;
    let (place, parts) = if city.is_some() || state.is_some() {
        let place = norm::place(&[part_text(&city), part_text(&state), country_part]);
        (place, [&city, &state, &country])
    } else {
        let place = norm::place(&[part_text(&postal), country_part]);
        (place, [&postal, &country, &nothing])
    };
    if let Some(p) = place {
        push_unique(&mut out.fields.locations, &p);
        for (_, i) in parts.into_iter().flatten() {
            cites.add(&mut out, "locations", *i);
        }
    }

    norm::fill_from_own_description(&mut out, limits.text_chars);
    norm::level_default(&mut out);
    if norm::onsite_default(&mut out, site.is_some()) {
        if let Some(i) = site {
            cites.add(&mut out, "locationType", i);
        }
    }
    if let Some(text) = extension {
        let path = format!("/job/{}", crate::extension::INDEED_ELEMENT);
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => crate::extension::apply(&mut out, &path, &v),
            Err(e) => out.unmapped(
                path,
                format!("the jobdraft extension is not JSON: {e}"),
                &text,
            ),
        }
    }
    out
}

/// The text of an address part read with its child's position.
fn part_text(part: &Option<(String, usize)>) -> Option<&str> {
    part.as_ref().map(|(t, _)| t.as_str())
}

/// `jobtype` is free text and sometimes a list ("fulltime, parttime"): the first known value
/// wins, the others are reported.
fn job_type(out: &mut ParseOutcome, path: &str, value: &str) {
    for part in value
        .split([',', '/', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match norm::employment_type(part) {
            Some((t, _)) if out.fields.employment_type.is_none() => {
                out.fields.employment_type = Some(t)
            }
            Some((t, _)) if out.fields.employment_type != Some(t) => {
                out.warn(format!("jobtype also lists {t}; kept the first value"))
            }
            Some(_) => {}
            None if norm::is_offering_only(part) => {}
            None => out.unmapped(path, "unknown job type", part),
        }
    }
}
