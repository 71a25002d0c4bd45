//! HR Open JSON as an element tree, so the XML mapping reads it too: keys become capitalized
//! element names, arrays become repeated elements under the singular name
//! (`positionProfiles` → `PositionProfile`), scalars become text.

use std::borrow::Cow;

use serde_json::Value;

use crate::locate::{push_index, push_token};
use crate::xml::Element;

/// Deepest JSON nesting turned into elements (the XML depth limit's counterpart).
const MAX_DEPTH: usize = 64;

/// The tree of `value` under an element called `name`; string values are borrowed.
pub fn to_element<'v>(name: &str, value: &'v Value) -> Element<'v> {
    build(name, value, 0)
}

fn build<'v>(name: &str, value: &'v Value, depth: usize) -> Element<'v> {
    let mut el = Element::new(name.to_string());
    match value {
        Value::Object(map) if depth < MAX_DEPTH => {
            for (key, v) in map {
                let child = capitalize(key);
                match v {
                    Value::Array(items) => {
                        let single = singular(&child);
                        for item in items {
                            el.children.push(build(&single, item, depth + 1));
                        }
                    }
                    other => el.children.push(build(&child, other, depth + 1)),
                }
            }
        }
        Value::String(s) => el.text = Cow::Borrowed(s),
        Value::Number(n) => el.text = Cow::Owned(n.to_string()),
        Value::Bool(b) => el.text = Cow::Owned(b.to_string()),
        _ => {}
    }
    el
}

/// The JSON pointer, within `value` and written after `prefix` (the pointer of `value` itself),
/// of the element reached from the tree's root through the child positions `steps` (see
/// [`crate::locate::element_steps`]): the inverse of [`build`], which makes one child per object
/// entry and one per item of an array entry.
pub fn pointer(prefix: &str, value: &Value, steps: &[usize]) -> Option<String> {
    let mut pointer = String::with_capacity(prefix.len() + 24 * steps.len());
    pointer.push_str(prefix);
    let mut at = value;
    for (depth, &step) in steps.iter().enumerate() {
        let Value::Object(map) = at else {
            return None;
        };
        if depth >= MAX_DEPTH {
            return None;
        }
        let mut remaining = step;
        let mut next = None;
        for (key, v) in map {
            let children = match v {
                Value::Array(items) => items.len(),
                _ => 1,
            };
            if remaining < children {
                push_token(&mut pointer, key);
                next = match v {
                    Value::Array(items) => {
                        push_index(&mut pointer, remaining);
                        items.get(remaining)
                    }
                    other => Some(other),
                };
                break;
            }
            remaining -= children;
        }
        at = next?;
    }
    Some(pointer)
}

fn capitalize(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with('s') && !name.ends_with("ss") {
        name.get(..name.len() - 1).unwrap_or(name).to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_become_singular_repeated_elements() {
        let v = serde_json::json!({"positionProfiles": [{"positionTitle": "A",
            "jobCategories": [{"code": "x"}], "positionOpenQuantity": 2}]});
        let el = to_element("PositionOpening", &v);
        let profile = el.child("PositionProfile").unwrap();
        assert_eq!(profile.child("PositionTitle").unwrap().text(), "A");
        assert!(profile.child("JobCategory").is_some());
        assert_eq!(profile.child("PositionOpenQuantity").unwrap().text(), "2");
    }

    #[test]
    fn pointers_lead_back_from_elements_to_json() {
        let v = serde_json::json!({"id": "x", "positionProfiles": [{"a": 1},
            {"positionTitle": "B", "a/b": ["p", "q"]}]});
        let el = to_element("PositionOpening", &v);
        let title = el.children[2].child("PositionTitle").unwrap();
        let steps = crate::locate::element_steps(&el, title).unwrap();
        assert_eq!(
            pointer("", &v, &steps).as_deref(),
            Some("/positionProfiles/1/positionTitle")
        );
        let q = &el.children[2].children[2];
        let steps = crate::locate::element_steps(&el, q).unwrap();
        assert_eq!(
            pointer("", &v, &steps).as_deref(),
            Some("/positionProfiles/1/a~1b/1")
        );
        assert_eq!(pointer("", &v, &[9]), None);
    }
}
