//! Labelled lines ("Position Type: Full-Time", "Salary: …", "Location: …"): recognises the key
//! of each "Key: value" line so extractors can read a bare value ("Openings: 5") in its context.

use super::doc::Doc;
use super::token::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKey {
    Title,
    Company,
    Location,
    WorkType,
    EmploymentType,
    Pay,
    Budget,
    Experience,
    Languages,
    Countries,
    Skills,
    Apply,
    Deadline,
    Hours,
    Duration,
    Headcount,
    Volume,
    Tool,
    Category,
    DataType,
    TaskType,
    Website,
    Other,
}

fn key_of(key: &str) -> LabelKey {
    use LabelKey::*;
    let k = key.trim();
    match k {
        "job title" | "title" | "position" | "role" | "job" | "position title" | "job role"
        | "job name" | "opening" | "project" | "project title" | "project name" | "task name"
        | "hiring" | "now hiring" | "we're hiring" | "we are hiring" | "job opening"
        | "vacancy" => Title,
        "company"
        | "company name"
        | "employer"
        | "organization"
        | "organisation"
        | "client"
        | "hiring company"
        | "posted by"
        | "business"
        | "hiring organization"
        | "hiring organisation"
        | "empresa"
        | "unternehmen"
        | "arbeitgeber"
        | "entreprise"
        | "employeur"
        | "société"
        | "werkgever"
        | "organisatie"
        | "雇主"
        | "所属公司"
        | "公司"
        | "公司名称"
        | "招聘单位" => Company,
        "location" | "locations" | "job location" | "office" | "office location" | "city"
        | "based in" | "work location" | "where" | "ubicación" | "ubicacion" | "localização"
        | "localizacao" | "local" | "local de trabalho" | "standort" | "arbeitsort" | "lieu"
        | "werkplek" | "地点" | "工作地点" | "工作地址" => Location,
        "work type" | "workplace type" | "workplace" | "location type" | "remote" | "work mode"
        | "work arrangement" | "work model" | "work setting" | "remote work" | "arrangement"
        | "modalidade" | "modalidad" | "modelo de trabalho" | "arbeitsmodell" => WorkType,
        "employment type"
        | "job type"
        | "position type"
        | "type"
        | "contract type"
        | "engagement type"
        | "employment"
        | "schedule"
        | "contract"
        | "engagement"
        | "hire type"
        | "commitment type"
        | "tipo de contrato"
        | "regime"
        | "contratação"
        | "tipo de contratação"
        | "tipo de vaga"
        | "jornada"
        | "vertragsart"
        | "anstellungsart"
        | "合同类型"
        | "工作类型"
        | "工作性质" => EmploymentType,
        "salary" | "pay" | "compensation" | "rate" | "pay rate" | "hourly rate" | "wage"
        | "wages" | "salary range" | "pay range" | "base salary" | "remuneration" | "payment"
        | "rate of pay" | "earnings" | "price" | "pricing" | "fee" | "stipend" | "payout" => Pay,
        "budget" | "total budget" | "project budget" | "fixed price" | "fixed fee" => Budget,
        "experience"
        | "experience level"
        | "seniority"
        | "level"
        | "required experience"
        | "years of experience"
        | "experience required"
        | "qualifications"
        | "requirement"
        | "requirements" => Experience,
        "language"
        | "languages"
        | "language requirement"
        | "languages required"
        | "required languages"
        | "language(s)"
        | "idioma"
        | "idiomas"
        | "língua"
        | "lingua"
        | "sprache"
        | "sprachen"
        | "taal"
        | "talen"
        | "语言"
        | "语言要求" => Languages,
        "country"
        | "countries"
        | "eligible countries"
        | "eligibility"
        | "region"
        | "regions"
        | "open to"
        | "country of residence"
        | "residency"
        | "locale" => Countries,
        "skills" | "required skills" | "key skills" | "tech stack" | "technologies" | "stack"
        | "skill" | "must-have skills" | "must have skills" | "tech" => Skills,
        "apply" | "how to apply" | "apply at" | "apply here" | "application" | "apply link"
        | "to apply" | "application link" | "apply via" | "contact" | "send cv" | "send resume"
        | "inscrição" | "inscricao" | "inscrições" | "candidatura" | "candidaturas"
        | "como se candidatar" | "como candidatar-se" | "postulación" | "postulaciones"
        | "bewerbung" | "sollicitatie" | "solliciteren" | "candidature" | "申请方式"
        | "投递方式" | "联系方式" => Apply,
        "deadline"
        | "apply by"
        | "closing date"
        | "application deadline"
        | "valid through"
        | "valid until"
        | "expires"
        | "closes"
        | "apply before"
        | "applications close" => Deadline,
        "hours" | "hours per week" | "weekly hours" | "time commitment" | "commitment"
        | "availability" | "workload" | "hours/week" => Hours,
        "duration" | "project duration" | "length" | "timeline" | "project length" | "term"
        | "contract length" | "contract duration" | "timeframe" | "tempo do projeto"
        | "duração" | "duracao" | "duración" | "duracion" | "dauer" | "laufzeit" | "looptijd"
        | "项目周期" => Duration,
        "headcount"
        | "openings"
        | "positions"
        | "number of positions"
        | "vacancies"
        | "number of openings"
        | "team size"
        | "people needed"
        | "hires"
        | "seats"
        | "number of annotators"
        | "annotators needed"
        | "number of people"
        | "spots" => Headcount,
        "volume" | "data volume" | "dataset size" | "dataset" | "quantity" | "scope" => Volume,
        "tool" | "tools" | "software" | "platform" | "labeling tool" | "annotation tool"
        | "labelling tool" | "tooling" => Tool,
        "category" => Category,
        "data type" | "data" | "modality" => DataType,
        "task" | "task type" | "tasks" | "label type" | "annotation type" | "labeling type" => {
            TaskType
        }
        "website" | "company website" | "web" | "site" | "url" => Website,
        _ => Other,
    }
}

/// "Location:" alone on its line, the value on the next one (definition lists, HTML tables):
/// that next line is read as the label's value, unless it is a label line itself.
fn value_on_next_line(doc: &mut Doc, line: usize, after_colon: usize) {
    let n = doc.toks.len();
    let mut k = after_colon;
    while k < n && doc.toks[k].line as usize == line && doc.toks[k].kind == Kind::Break {
        k += 1;
    }
    if k < n && doc.toks[k].line as usize == line {
        return;
    }
    while k < n && doc.toks[k].kind == Kind::Break {
        k += 1;
    }
    let Some(next) = doc.toks.get(k).map(|t| t.line as usize) else {
        return;
    };
    let mut j = k;
    while j < n && doc.toks[j].line as usize == next && doc.toks[j].kind != Kind::Break {
        let t = doc.toks[j];
        if t.kind == Kind::Punct && (t.ch == ':' || t.ch == '：') && j < k + 6 {
            return;
        }
        j += 1;
    }
    if next >= doc.line_keys.len() || next > line + 3 {
        return;
    }
    doc.line_keys[next] = doc.line_keys[line];
    doc.line_value_start[next] = k;
}

/// Finds "Key: value" lines and records their key and where the value starts.
pub fn classify_lines(doc: &mut Doc) {
    let n = doc.toks.len();
    let mut i = 0;
    while i < n {
        let line = doc.toks[i].line as usize;
        let mut j = i;
        // Skip a leading bullet or number marker.
        while j < n && doc.toks[j].kind == Kind::Punct && doc.toks[j].line as usize == line {
            j += 1;
        }
        let start = j;
        let mut words = 0;
        let mut colon = None;
        while j < n && doc.toks[j].line as usize == line && doc.toks[j].kind != Kind::Break {
            let t = doc.toks[j];
            match t.kind {
                Kind::Word => words += 1,
                Kind::Punct if t.ch == ':' || t.ch == '：' => {
                    colon = Some(j);
                    break;
                }
                Kind::Punct if matches!(t.ch, '/' | '(' | ')' | '&' | '-' | '\'') => {}
                _ => break,
            }
            if words > 5 {
                break;
            }
            j += 1;
        }
        if let Some(c) = colon {
            if words >= 1 && line < doc.line_keys.len() {
                let key = doc
                    .text
                    .get(doc.toks[start].s..doc.toks[c].s)
                    .unwrap_or("")
                    .to_lowercase()
                    .replace(['*', '_'], "");
                doc.line_keys[line] = Some(key_of(&key));
                doc.line_value_start[line] = c + 1;
                value_on_next_line(doc, line, c + 1);
            }
        }
        // Next line.
        while i < n && doc.toks[i].line as usize == line {
            i += 1;
        }
    }
}
