//! The `hr_xml` import format: HR-XML 1.x `JobPositionPosting`, 2.x/3.x `PositionOpening` in any
//! namespace (matched by local name), the same inside a vendor envelope (CDATA or escaped text,
//! parsed a second time under the same limits), and HR Open JSON `positionOpening` objects
//! (formats.md §3). Input handling lives here; the mapping in [`map`].
//!
//! Evidence sources (see [`origin`]) are XML paths of local names (namespace prefixes dropped)
//! from the root element of the document the client sent
//! (`/PositionOpening/PositionProfile/PositionTitle`, `…/@validTo` for an attribute, `[n]` on an
//! element with same-named siblings); a posting carried as text inside an envelope is pointed to through the envelope
//! element (`/Envelope/Payload/PositionOpening/…`). HR Open JSON gets JSON pointers from the root
//! of the JSON sent (`/positionOpening/positionProfiles/0/positionTitle`).

mod json;
mod map;
mod origin;

use serde_json::Value;

use crate::locate::{json_pointer, xml_path};
use crate::xml::{self, Element};
use crate::{Format, Input, Limits, ParseError, ParseOutcome, Parser};
use origin::Origin;

/// The `HrXml` format.
pub struct HrXmlParser;

/// Root elements of an HR-XML posting, any generation.
const POSTINGS: &[&str] = &[
    "JobPositionPosting",
    "PositionOpening",
    "HRBAXMLJobPositionPosting",
];

/// How many envelopes deep a payload may sit.
const MAX_ENVELOPES: u8 = 2;

impl Parser for HrXmlParser {
    fn format(&self) -> Format {
        Format::HrXml
    }

    fn parse(&self, input: Input<'_>, limits: &Limits) -> Result<ParseOutcome, ParseError> {
        match input {
            Input::Json(Value::String(s)) => from_text(s, limits),
            Input::Json(v) => from_json(v, limits),
            Input::Text(t) => from_text(t, limits),
        }
    }
}

fn from_text(text: &str, limits: &Limits) -> Result<ParseOutcome, ParseError> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        let value: Value = serde_json::from_str(t).map_err(|e| {
            ParseError::new(Format::HrXml, format!("invalid JSON: {e}")).at(format!(
                "{}:{}",
                e.line(),
                e.column()
            ))
        })?;
        return from_json(&value, limits);
    }
    from_xml(text, limits, "", 0, "")
}

/// Maps the posting in `doc`; `envelope` is the XML path of the envelope element whose text
/// `doc` was (empty for the document the client sent), which evidence paths start with.
fn from_xml(
    doc: &str,
    limits: &Limits,
    label: &'static str,
    envelopes: u8,
    envelope: &str,
) -> Result<ParseOutcome, ParseError> {
    let root = xml::parse_document(doc, Format::HrXml, limits, label)?;
    let mut found = Vec::new();
    if POSTINGS.iter().any(|p| root.is(p)) || root.is("JobPosting") {
        found.push(&root);
    } else {
        root.find_all(POSTINGS, &mut found);
    }
    if let Some(posting) = found.first() {
        let origin = Origin::Xml {
            root: &root,
            prefix: envelope,
        };
        let mut out = map::map(posting, doc, limits, &origin);
        if found.len() > 1 {
            out.warn(format!(
                "the document holds {} postings; imported the first",
                found.len()
            ));
        }
        return Ok(out);
    }
    if let Some(carrier) = payload(&root) {
        if envelopes >= MAX_ENVELOPES {
            return Err(ParseError::new(
                Format::HrXml,
                "HR-XML is nested in too many envelopes",
            ));
        }
        let inner_envelope =
            xml_path(envelope, &root, carrier).unwrap_or_else(|| envelope.to_string());
        let mut out = from_xml(
            carrier.text(),
            limits,
            "payload ",
            envelopes + 1,
            &inner_envelope,
        )?;
        out.warn(format!(
            "read the HR-XML document carried as text inside <{}>",
            root.name
        ));
        return Ok(out);
    }
    let offset = doc.find(&format!(":{}", root.name)).map_or_else(
        || doc.find(&format!("<{}", root.name)).unwrap_or(0),
        |p| doc.get(..p).and_then(|s| s.rfind('<')).unwrap_or(0),
    );
    Err(ParseError::new(
        Format::HrXml,
        format!(
            "the root element is <{}>; expected HR-XML <JobPositionPosting> or \
             <PositionOpening> (also inside an envelope)",
            root.name
        ),
    )
    .at(format!("{label}{}", xml::line_col(doc, offset))))
}

/// The element whose text is itself an HR-XML document (a vendor envelope's payload).
fn payload<'e>(root: &'e Element<'e>) -> Option<&'e Element<'e>> {
    let mut stack = vec![root];
    while let Some(el) = stack.pop() {
        let t = el.text();
        if t.starts_with('<') && POSTINGS.iter().any(|p| t.contains(p)) {
            return Some(el);
        }
        stack.extend(el.children.iter().rev());
    }
    None
}

fn from_json(value: &Value, limits: &Limits) -> Result<ParseOutcome, ParseError> {
    let opening = find_opening(value).ok_or_else(|| {
        ParseError::new(
            Format::HrXml,
            "no HR Open positionOpening object (expected {\"positionOpening\": {…}} or an \
             object with positionProfiles)",
        )
        .at("")
    })?;
    let tree = json::to_element("PositionOpening", opening);
    let prefix = json_pointer("", value, opening).unwrap_or_default();
    let origin = Origin::Json {
        value: opening,
        tree: &tree,
        prefix: &prefix,
    };
    Ok(map::map(&tree, "", limits, &origin))
}

fn find_opening(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_opening),
        Value::Object(m) => {
            for key in ["positionOpening", "PositionOpening"] {
                if let Some(o) = m.get(key) {
                    return Some(o);
                }
            }
            let own = ["positionProfiles", "positionProfile", "positionTitle"];
            own.iter().any(|k| m.contains_key(*k)).then_some(v)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<ParseOutcome, ParseError> {
        HrXmlParser.parse(Input::Text(s), &Limits::default())
    }

    #[test]
    fn reads_envelopes_and_refuses_other_roots() {
        let inner = "<JobPositionPosting><JobPositionInformation><JobPositionTitle>Teller\
                     </JobPositionTitle></JobPositionInformation></JobPositionPosting>";
        let doc = format!("<HRXMLRequest><Payload><![CDATA[{inner}]]></Payload></HRXMLRequest>");
        assert_eq!(
            parse(&doc).unwrap().fields.job_title.as_deref(),
            Some("Teller")
        );
        let escaped = inner.replace('<', "&lt;").replace('>', "&gt;");
        let doc = format!("<Envelope><Payload>{escaped}</Payload></Envelope>");
        assert_eq!(
            parse(&doc).unwrap().fields.job_title.as_deref(),
            Some("Teller")
        );
        let e = parse("<?xml version='1.0'?>\n<Candidate/>").unwrap_err();
        assert!(e.message.contains("<Candidate>"));
        assert_eq!(e.location.as_deref(), Some("2:1"));
        let bad = "<Envelope><Payload><![CDATA[<PositionOpening><x></PositionOpening>]]></Payload></Envelope>";
        assert!(parse(bad)
            .unwrap_err()
            .location
            .unwrap()
            .starts_with("payload "));
    }

    #[test]
    fn evidence_paths_for_xml_envelopes_and_json() {
        let doc = r#"<PositionOpening><PositionRecordInfo><Status validTo="2030-01-31"/>
            </PositionRecordInfo><PositionProfile><PositionTitle>Teller</PositionTitle>
            <PositionLocation><Address><CityName>Leeds</CityName><CountryCode>GB</CountryCode>
            </Address></PositionLocation><OfferedRemunerationPackage><RemunerationRange
            currencyID="GBP"><RemunerationMinimumAmount>20000</RemunerationMinimumAmount>
            </RemunerationRange></OfferedRemunerationPackage></PositionProfile></PositionOpening>"#;
        let out = parse(doc).unwrap();
        assert_eq!(
            out.sources("jobTitle"),
            ["/PositionOpening/PositionProfile/PositionTitle"]
        );
        assert_eq!(
            out.sources("validThrough"),
            ["/PositionOpening/PositionRecordInfo/Status/@validTo"]
        );
        assert_eq!(
            out.sources("currency"),
            ["/PositionOpening/PositionProfile/OfferedRemunerationPackage/RemunerationRange/@currencyID"]
        );
        assert_eq!(
            out.sources("locationType"),
            ["/PositionOpening/PositionProfile/PositionLocation/Address"]
        );
        // Repeated siblings carry their position.
        let doc = "<PositionOpening><PositionProfile><PositionLocation><Address><CityName>Leeds\
                   </CityName></Address></PositionLocation><PositionLocation><Address><CityName>\
                   York</CityName></Address></PositionLocation></PositionProfile></PositionOpening>";
        let out = parse(doc).unwrap();
        assert_eq!(
            out.sources("locations"),
            [
                "/PositionOpening/PositionProfile/PositionLocation[1]/Address/CityName",
                "/PositionOpening/PositionProfile/PositionLocation[2]/Address/CityName"
            ]
        );
        let inner = "<JobPositionPosting><JobPositionInformation><JobPositionTitle>Teller\
                     </JobPositionTitle></JobPositionInformation></JobPositionPosting>";
        let doc = format!("<Envelope><Payload><![CDATA[{inner}]]></Payload></Envelope>");
        let out = parse(&doc).unwrap();
        assert_eq!(
            out.sources("jobTitle"),
            ["/Envelope/Payload/JobPositionPosting/JobPositionInformation/JobPositionTitle"]
        );
        let json = r#"{"positionOpening": {"positionProfiles": [{"positionTitle": "Teller",
            "positionLocations": [{"address": {"cityName": "Leeds"}}]}]}}"#;
        let out = parse(json).unwrap();
        assert_eq!(
            out.sources("jobTitle"),
            ["/positionOpening/positionProfiles/0/positionTitle"]
        );
        assert_eq!(
            out.sources("locations"),
            ["/positionOpening/positionProfiles/0/positionLocations/0/address/cityName"]
        );
    }
}
