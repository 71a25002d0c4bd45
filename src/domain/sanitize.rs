//! HTML sanitizing for descriptions on the way out: an allow-list of formatting tags, `href` on
//! links (http, https, mailto only), everything else dropped. Plain text passes through unchanged.

const ALLOWED: &[&str] = &[
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "code",
    "pre",
    "hr",
    "span",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];
/// Tags whose content is dropped with them (code or invisible content).
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "title",
    "head", "textarea", "select",
];
const VOID: &[&str] = &["br", "hr"];

/// Returns `input` with only allowed tags and attributes.
///
/// Linear in the input: every byte is looked at a bounded number of times (a dropped element's
/// closing tag is searched for without copying or lower-casing the rest of the input, and a tag
/// left open at the end of the input ends the markup instead of being re-scanned from each `<`).
pub fn sanitize_html(input: &str) -> String {
    if !input.contains('<') {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !starts_tag {
            // A `<` that cannot start a tag stays as written ("3 < 5"), unless another `<`
            // follows: that one may be a tag that is dropped, which would put a letter right
            // after this `<` in the output and make a tag of it (`<<x>img onerror=…>`).
            out.push_str(if after.starts_with('<') { "&lt;" } else { "<" });
            rest = after;
            continue;
        }
        let end = match tag_end(after) {
            TagEnd::At(end) => end,
            TagEnd::Interrupted => {
                // A `<` before the tag ended: keep this one visible as text rather than guess.
                out.push_str("&lt;");
                rest = after;
                continue;
            }
            TagEnd::Unterminated => {
                // Nothing after this point can be a complete tag: it is all text.
                out.push_str("&lt;");
                push_escaped(&mut out, after);
                return out;
            }
        };
        let tag = &after[..end];
        rest = &after[end + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if DROP_WITH_CONTENT.contains(&name.as_str()) && !closing {
            rest = skip_past_close(rest, &name);
            continue;
        }
        if !ALLOWED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            if !VOID.contains(&name.as_str()) {
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
            }
        } else if name == "a" {
            match safe_href(body) {
                Some(href) => {
                    out.push_str("<a href=\"");
                    out.push_str(&href);
                    out.push_str("\" rel=\"nofollow noopener\">");
                }
                None => out.push_str("<a>"),
            }
        } else {
            out.push('<');
            out.push_str(&name);
            out.push('>');
        }
    }
    out.push_str(rest);
    out
}

/// Text that must not be read as markup: every `<` escaped.
fn push_escaped(out: &mut String, text: &str) {
    for (i, piece) in text.split('<').enumerate() {
        if i > 0 {
            out.push_str("&lt;");
        }
        out.push_str(piece);
    }
}

/// How the text after a `<` ends as a tag.
enum TagEnd {
    /// The index of the `>` that ends it.
    At(usize),
    /// Another `<` (outside quotes) came first.
    Interrupted,
    /// The input ended first (no `>`, or a quote never closed).
    Unterminated,
}

/// Where the tag starting at `s` ends, honouring quoted attribute values.
fn tag_end(s: &str) -> TagEnd {
    let mut quote: Option<u8> = None;
    for (i, &c) in s.as_bytes().iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"') | (None, b'\'') => quote = Some(c),
            (None, b'>') => return TagEnd::At(i),
            (None, b'<') => return TagEnd::Interrupted,
            _ => {}
        }
    }
    TagEnd::Unterminated
}

/// The input after the closing tag of `name` (ASCII case-insensitive), or nothing if it never
/// closes. Scans forward once; nothing is copied.
fn skip_past_close<'a>(rest: &'a str, name: &str) -> &'a str {
    let bytes = rest.as_bytes();
    let name = name.as_bytes();
    let mut from = 0;
    while let Some(i) = rest[from..].find("</").map(|i| from + i) {
        let candidate = &bytes[i + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name) {
            return match rest[i..].find('>') {
                Some(j) => &rest[i + j + 1..],
                None => "",
            };
        }
        from = i + 2;
    }
    ""
}

/// The `href` of an `<a …>` tag body, if it is an http(s) or mailto link, attribute-escaped.
fn safe_href(tag_body: &str) -> Option<String> {
    let lower = tag_body.to_ascii_lowercase();
    let at = lower.find("href")?;
    let after = tag_body[at + 4..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = match after.chars().next()? {
        q @ ('"' | '\'') => after[1..].split(q).next()?,
        _ => after
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()?,
    };
    let value = value.trim();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| value.to_ascii_lowercase().starts_with(s));
    scheme_ok.then(|| {
        value
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    })
}

#[cfg(test)]
mod tests {
    use super::sanitize_html;

    #[test]
    fn plain_text_is_untouched() {
        let t = "Pay is $18/hour & up; 3 < 5. Email a@b.example";
        assert_eq!(sanitize_html(t), t);
    }

    #[test]
    fn scripts_handlers_and_bad_links_are_removed() {
        let html = r#"<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">x</a> <a href='https://ok.example/?a=1&b=2'>ok</a><img src=x onerror=y></p><!-- c -->"#;
        assert_eq!(
            sanitize_html(html),
            r#"<p>Hi <a>x</a> <a href="https://ok.example/?a=1&amp;b=2" rel="nofollow noopener">ok</a></p>"#
        );
    }

    #[test]
    fn a_dropped_tag_cannot_glue_a_stray_bracket_to_text() {
        assert_eq!(
            sanitize_html("<<x>img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)>"
        );
        assert_eq!(sanitize_html("a << b"), "a &lt;< b");
    }

    #[test]
    fn broken_markup_does_not_panic_or_leak_tags() {
        for s in [
            "<",
            "<a",
            "<p",
            "<script>",
            "</",
            "<a href=\"",
            "<<<>>>",
            "<é>",
            "<!--",
        ] {
            let out = sanitize_html(s);
            assert!(!out.contains("<script"), "{s} -> {out}");
        }
    }
}
