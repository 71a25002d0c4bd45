//! Where a value sits in a structured document (DESIGN.md §10): RFC 6901 JSON pointers and XML
//! element paths (`/source/job[3]/salary`).
//!
//! Mappings read values through references into the parsed document, so the place of a value is
//! found by the identity of the node it was read from: a walk from the root to that node, run
//! only when a field is actually set. No path is built for content that maps to nothing.

use serde_json::Value;

use crate::xml::Element;

/// Deepest nesting walked (parsed documents are already bounded well below this).
const MAX_DEPTH: usize = 256;

/// Appends one RFC 6901 reference token: `/`, then the token with `~` as `~0` and `/` as `~1`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The JSON pointer of `target` inside `root` written after `prefix` (the pointer of `root`
/// itself, `""` for the document), or `None` when `target` is not a node of `root`'s tree.
pub fn json_pointer(prefix: &str, root: &Value, target: &Value) -> Option<String> {
    let mut pointer = String::with_capacity(prefix.len() + 48);
    pointer.push_str(prefix);
    json_pointer_after(pointer, root, target)
}

/// [`json_pointer`] written after the pointer of `root` already in `pointer` (saves a copy).
pub fn json_pointer_after(mut pointer: String, root: &Value, target: &Value) -> Option<String> {
    json_walk(root, target, &mut pointer, 0).then_some(pointer)
}

/// Appends the steps from `node` down to `target` to `pointer`, which is left as it was when
/// `target` is not below `node`. Leaves other than the target are never written.
fn json_walk(node: &Value, target: &Value, pointer: &mut String, depth: usize) -> bool {
    if std::ptr::eq(node, target) {
        return true;
    }
    if depth >= MAX_DEPTH {
        return false;
    }
    let leads_on =
        |child: &Value| std::ptr::eq(child, target) || child.is_object() || child.is_array();
    let mark = pointer.len();
    match node {
        Value::Object(map) => {
            for (key, child) in map.iter().filter(|(_, c)| leads_on(c)) {
                push_token(pointer, key);
                if json_walk(child, target, pointer, depth + 1) {
                    return true;
                }
                pointer.truncate(mark);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate().filter(|(_, c)| leads_on(c)) {
                push_index(pointer, i);
                if json_walk(child, target, pointer, depth + 1) {
                    return true;
                }
                pointer.truncate(mark);
            }
        }
        _ => {}
    }
    false
}

/// Appends an array index as a reference token.
pub fn push_index(pointer: &mut String, index: usize) {
    use std::fmt::Write;
    // Writing into a String cannot fail.
    let _ = write!(pointer, "/{index}");
}

/// The child positions leading from `root` to `target` (empty for the root itself), or `None`
/// when `target` is not an element of `root`'s tree.
pub fn element_steps(root: &Element, target: &Element) -> Option<Vec<usize>> {
    let mut steps = Vec::with_capacity(8);
    // An element read from XML lies inside the content of each of its ancestors, so the walk
    // only enters children whose content holds the target's; the full walk is the fallback
    // (elements built from JSON, and empty elements, have no content range).
    let (start, end) = target.inner;
    let within = (end > 0).then_some((start, end));
    if element_walk(root, target, &mut steps, 0, within) {
        return Some(steps);
    }
    steps.clear();
    (within.is_some() && element_walk(root, target, &mut steps, 0, None)).then_some(steps)
}

fn element_walk(
    node: &Element,
    target: &Element,
    steps: &mut Vec<usize>,
    depth: usize,
    within: Option<(usize, usize)>,
) -> bool {
    if std::ptr::eq(node, target) {
        return true;
    }
    if depth >= MAX_DEPTH {
        return false;
    }
    for (i, child) in node.children.iter().enumerate() {
        let (start, end) = child.inner;
        let holds =
            within.is_none_or(|(s, e)| std::ptr::eq(child, target) || (start <= s && e <= end));
        if !holds {
            continue;
        }
        steps.push(i);
        if element_walk(child, target, steps, depth + 1, within) {
            return true;
        }
        steps.pop();
    }
    false
}

/// The XML path of `target` from `root` written after `prefix` (root included:
/// `/PositionOpening/PositionProfile/…`), each name followed by its 1-based position among
/// same-named siblings when it has any.
pub fn xml_path(prefix: &str, root: &Element, target: &Element) -> Option<String> {
    let steps = element_steps(root, target)?;
    let mut path = String::with_capacity(prefix.len() + 24 * (steps.len() + 1));
    path.push_str(prefix);
    path.push('/');
    path.push_str(&root.name);
    let mut at = root;
    for i in steps {
        let child = at.children.get(i)?;
        push_element(&mut path, at, i);
        at = child;
    }
    Some(path)
}

/// Appends `/name` of `parent`'s child at `index`, with `[n]` when a sibling shares its name.
pub fn push_element(path: &mut String, parent: &Element, index: usize) {
    let Some(child) = parent.children.get(index) else {
        return;
    };
    path.push('/');
    path.push_str(&child.name);
    let same = |c: &&Element| c.name == child.name;
    if parent.children.iter().filter(same).nth(1).is_some() {
        let position = parent.children.iter().take(index).filter(same).count() + 1;
        path.push('[');
        path.push_str(&position.to_string());
        path.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_pointers_escape_and_index() {
        let doc = json!({"@graph": [{"a/b": {"m~n": 1}}, {"x": [true, "y"]}]});
        let deep = &doc["@graph"][0]["a/b"]["m~n"];
        assert_eq!(
            json_pointer("", &doc, deep).as_deref(),
            Some("/@graph/0/a~1b/m~0n")
        );
        assert_eq!(
            json_pointer("", &doc, &doc["@graph"][1]["x"][1]).as_deref(),
            Some("/@graph/1/x/1")
        );
        assert_eq!(json_pointer("", &doc, &doc).as_deref(), Some(""));
        let other = json!(1);
        assert_eq!(json_pointer("", &doc, &other), None);
    }

    #[test]
    fn xml_paths_index_repeated_siblings_only() {
        let doc = "<source><publisher>p</publisher><job><title>a</title></job>\
                   <job><title>b</title><skills>x</skills></job></source>";
        let root = crate::xml::parse_document(
            doc,
            crate::Format::IndeedXml,
            &crate::Limits::default(),
            "",
        )
        .expect("well-formed");
        let second = &root.children[2];
        assert_eq!(
            xml_path("", &root, &second.children[1]).as_deref(),
            Some("/source/job[2]/skills")
        );
        assert_eq!(
            xml_path("", &root, &root.children[0]).as_deref(),
            Some("/source/publisher")
        );
        assert_eq!(xml_path("", &root, &root).as_deref(), Some("/source"));
        assert_eq!(
            xml_path("/env", &root, &second.children[0]).as_deref(),
            Some("/env/source/job[2]/title")
        );
        let stray = Element::new("job");
        assert_eq!(xml_path("", &root, &stray), None);
    }

    #[test]
    fn nodes_past_the_depth_bound_have_no_pointer_and_no_overflow() {
        let mut deep = json!("leaf");
        for _ in 0..MAX_DEPTH + 10 {
            deep = Value::Array(vec![deep]);
        }
        let mut leaf = &deep;
        while let Value::Array(items) = leaf {
            leaf = &items[0];
        }
        assert_eq!(json_pointer("", &deep, leaf), None);
        assert_eq!(json_pointer("", &deep, &deep[0]).as_deref(), Some("/0"));
    }
}
