//! HTML to text: block tags → line breaks, `<li>` → bullet lines, entities decoded, scripts and
//! styles dropped, link targets kept.

use std::borrow::Cow;

use super::tidy;

/// Named HTML entities people actually use in job posts.
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "rsquo" | "lsquo" | "sbquo" | "prime" => "'",
        "rdquo" | "ldquo" | "bdquo" | "Prime" => "\"",
        "ndash" | "minus" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "curren" => "¤",
        "deg" => "°",
        "times" => "×",
        "divide" => "÷",
        "laquo" => "«",
        "raquo" => "»",
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => "",
        "sect" => "§",
        "para" => "¶",
        "plusmn" => "±",
        "frac12" => "½",
        "eacute" => "é",
        "egrave" => "è",
        "ecirc" => "ê",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "atilde" => "ã",
        "auml" => "ä",
        "ccedil" => "ç",
        "iacute" => "í",
        "ntilde" => "ñ",
        "oacute" => "ó",
        "ocirc" => "ô",
        "otilde" => "õ",
        "ouml" => "ö",
        "uacute" => "ú",
        "uuml" => "ü",
        "szlig" => "ß",
        "Eacute" => "É",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "Ntilde" => "Ñ",
        "oslash" => "ø",
        "aring" => "å",
        "aelig" => "æ",
        _ => return None,
    })
}

/// Decodes `&name;`, `&#39;` and `&#x27;` entities; leaves anything else as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if e > 1 && e <= 10 && rest[e..].starts_with(';') => {
                let name = &rest[1..e];
                let value = if let Some(num) = name.strip_prefix('#') {
                    let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        num.parse::<u32>().ok()
                    };
                    code.and_then(char::from_u32).map(|c| {
                        if c == '\u{a0}' {
                            " ".to_string()
                        } else {
                            c.to_string()
                        }
                    })
                } else {
                    named_entity(name).map(str::to_string)
                };
                value.map(|v| (v, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((v, len)) => {
                out.push_str(&v);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "dl",
    "nav",
    "main",
    "aside",
    "figure",
    "figcaption",
    "form",
    "tbody",
    "thead",
    "address",
    "details",
    "summary",
];
const DROP_TAGS: &[&str] = &[
    "script", "style", "head", "noscript", "template", "svg", "iframe", "object",
];

/// Converts HTML to plain text: block tags become line breaks, `<li>` a bullet line, entities
/// are decoded, scripts and styles dropped, and a link's target is kept after its text.
pub fn html_to_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut text_start = 0;
    let mut i = 0;
    let mut href: Option<String> = None;
    let mut link_text_start = 0;
    // Once no '>' follows, no more tags can close: the rest is text (keeps the scan linear).
    let mut no_gt_after = usize::MAX;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if i >= no_gt_after || !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
            i += 1;
            continue;
        }
        if lower[i..].starts_with("<!--") {
            out.push_str(&decode_entities(&html[text_start..i]));
            let end = lower[i..]
                .find("-->")
                .map(|e| i + e + 3)
                .unwrap_or(bytes.len());
            i = end;
            text_start = i;
            continue;
        }
        let tag_start = i;
        let Some(close) = lower[i..].find('>').map(|e| i + e + 1) else {
            no_gt_after = i;
            continue;
        };
        out.push_str(&decode_entities(&html[text_start..i]));
        let tag = lower
            .get(i + 1..close.saturating_sub(1).max(i + 1))
            .unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        i = close;
        if !closing && DROP_TAGS.contains(&name.as_str()) {
            let needle = format!("</{name}");
            i = lower[i..]
                .find(&needle)
                .map(|e| i + e)
                .unwrap_or(bytes.len());
            i = lower[i..]
                .find('>')
                .map(|e| i + e + 1)
                .unwrap_or(bytes.len());
        } else if name == "li" && !closing {
            out.push_str("\n• ");
        } else if name == "li" {
            // The next item or the list's end breaks the line.
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\n');
        } else if name == "td" || name == "th" {
            out.push(' ');
        } else if name == "a" && !closing {
            href = attribute(&html[tag_start..close], "href");
            link_text_start = out.len();
        } else if name == "a" && closing {
            if let Some(url) = href.take() {
                let url = decode_entities(&url).into_owned();
                let target = url.strip_prefix("mailto:").unwrap_or(&url).to_string();
                let shown = out.get(link_text_start..).unwrap_or("");
                let lower_url = url.to_ascii_lowercase();
                if (lower_url.starts_with("http") || lower_url.starts_with("mailto:"))
                    && !shown.contains(&target)
                {
                    out.push_str(&format!(" ({target})"));
                }
            }
        }
        text_start = i;
    }
    if text_start < html.len() {
        out.push_str(&decode_entities(&html[text_start..]));
    }
    tidy(&out)
}

/// The value of attribute `name` in one tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let pos = lower.find(&format!("{name}="))?;
    let rest = &tag[pos + name.len() + 1..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(rest[1..1 + end].to_string())
    } else {
        Some(
            rest.split(|c: char| c.is_whitespace() || c == '>')
                .next()?
                .to_string(),
        )
    }
}

/// Whether the text looks like HTML rather than prose that mentions a `<`.
pub fn looks_like_html(text: &str) -> bool {
    if !text.contains('<') {
        return false;
    }
    let lower = text
        .get(..text.len().min(20_000))
        .unwrap_or(text)
        .to_ascii_lowercase();
    [
        "<p>", "<p ", "<br", "<div", "<li>", "<li ", "<ul", "<ol", "<h1", "<h2", "<h3", "<strong",
        "<b>", "<span", "<a href", "<table", "</p>", "<em>", "<html", "<body",
    ]
    .iter()
    .any(|t| lower.contains(t))
}
