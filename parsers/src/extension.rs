//! The jobdraft extension of exported feeds: the catalog keys a standard format cannot say
//! (headcount and languages in an Indeed feed, a per-label price anywhere) travel beside the
//! standard elements as one JSON object — `<jobdraft-fields>` in Indeed XML, `jobdraft:fields`
//! in JSON-LD — which other readers ignore and jobdraft's mappings apply last, so a feed
//! jobdraft exports reads back to the same fields. `null` says the key is unset.

use serde_json::{Map, Value};

use crate::{JobFields, ParseOutcome, FIELD_KEYS};

/// The Indeed element that carries the extension.
pub const INDEED_ELEMENT: &str = "jobdraft-fields";
/// The JSON-LD property that carries the extension.
pub const JSON_LD_PROPERTY: &str = "jobdraft:fields";

/// The extension of `fields` for a format whose standard elements carry `carried`: every other
/// key (its value, or null), and the carried keys that are unset (null), so nothing the reader
/// would infer on its own (from the description, from a country) is left standing.
pub fn extension(fields: &JobFields, carried: &[&str]) -> Map<String, Value> {
    let map = fields.to_map();
    let mut out = Map::new();
    for key in FIELD_KEYS {
        match map.get(*key) {
            Some(v) if !carried.contains(key) => {
                out.insert((*key).to_string(), v.clone());
            }
            Some(_) => {}
            None => {
                out.insert((*key).to_string(), Value::Null);
            }
        }
    }
    out
}

/// Applies an extension object read at `path` to the mapped fields: its keys win. An unusable
/// extension is reported and changes nothing.
pub fn apply(out: &mut ParseOutcome, path: &str, extension: &Value) {
    let Some(object) = extension.as_object() else {
        out.unmapped(
            path,
            "the jobdraft extension is not a JSON object",
            &extension.to_string(),
        );
        return;
    };
    let mut map = out.fields.to_map();
    for (key, value) in object {
        if !FIELD_KEYS.contains(&key.as_str()) {
            out.unmapped(
                format!("{path}/{key}"),
                "not a catalog key",
                &value.to_string(),
            );
            continue;
        }
        if value.is_null() {
            map.remove(key);
        } else {
            map.insert(key.clone(), value.clone());
        }
    }
    match JobFields::from_map(map) {
        Ok(fields) => {
            for key in object.keys().filter(|k| FIELD_KEYS.contains(&k.as_str())) {
                out.uncite(key);
                if !object[key].is_null() {
                    out.cite_source(key, format!("{path}/{key}"));
                }
            }
            // A value the exporter stated is not a guess, whatever the reader inferred.
            out.low_confidence.retain(|l| !object.contains_key(&l.path));
            out.fields = fields;
        }
        Err(e) => out.unmapped(
            path,
            format!("the jobdraft extension is not valid: {e}"),
            &extension.to_string(),
        ),
    }
}
