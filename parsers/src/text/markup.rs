//! Markup to clean text: HTML (block tags → line breaks, `<li>` → bullet lines, entities
//! decoded, scripts and styles dropped, link targets kept), light Markdown (headings, emphasis,
//! bullets, links) and odd whitespace (NBSP, zero-width characters, CRLF, tabs).

use std::borrow::Cow;

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

/// A line `tidy` would leave as it is: printable ASCII, words separated by single spaces, nothing
/// at either end (most lines of most postings, so the word-by-word rebuild is skipped for them).
fn is_tidy_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    !bytes.is_empty()
        && bytes[0] != b' '
        && bytes[bytes.len() - 1] != b' '
        && bytes
            .iter()
            .fold(true, |ok, &b| ok & (b' '..0x7f).contains(&b))
        && !line.contains("  ")
}

/// Appends one line to tidied output: words joined by single spaces, blank lines (and lines
/// holding only a bullet mark) folded into one paragraph break before the next line.
fn push_tidy_line(out: &mut String, blank: &mut usize, line: &str) {
    let tidy = is_tidy_line(line);
    if !tidy {
        let mut words = line.split_whitespace();
        if matches!(words.next(), None | Some("•")) && words.next().is_none() {
            *blank += 1;
            return;
        }
    }
    if !out.is_empty() {
        out.push_str(if *blank > 0 { "\n\n" } else { "\n" });
    }
    *blank = 0;
    if tidy {
        out.push_str(line);
        return;
    }
    for (n, w) in line.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Folds whitespace: spaces within lines, at most one blank line in a row.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        push_tidy_line(&mut out, &mut blank, line);
    }
    out
}

/// Strips light Markdown (heading marks, emphasis, bullets, link syntax, rules and tables) and
/// tidies each line in the same pass.
fn markdown_tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut line_text = String::new();
    for line in text.lines() {
        line_text.clear();
        markdown_line(&mut line_text, line);
        push_tidy_line(&mut out, &mut blank, &line_text);
    }
    out
}

/// One line without its Markdown; a rule becomes an empty line.
fn markdown_line(out: &mut String, line: &str) {
    let mut l = line.trim();
    l = l.trim_start_matches('#').trim_start();
    if l.len() >= 3
        && l.bytes()
            .all(|c| matches!(c, b'-' | b'=' | b'*' | b'_' | b' '))
    {
        return;
    }
    for bullet in ["- ", "* ", "+ ", "• ", "· ", "▪ ", "● ", "– ", "o "] {
        if let Some(rest) = l.strip_prefix(bullet) {
            l = rest;
            break;
        }
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 2 && (l[digits..].starts_with(". ") || l[digits..].starts_with(") "))
    {
        l = l[digits + 2..].trim_start();
    }
    if l.bytes()
        .fold(false, |any, b| any | matches!(b, b'*' | b'_' | b'`'))
    {
        // "**bold**", "*emphasis*" and a lone "*" (footnote) all go.
        let l = l.replace("__", "").replace(['*', '`'], "");
        links(out, &l);
    } else {
        links(out, l);
    }
}

fn links(out: &mut String, line: &str) {
    if !line.contains("](") {
        out.push_str(line);
        return;
    }
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let text = &rest[open + 1..mid];
        let url = &rest[mid + 2..close];
        out.push_str(text);
        if !text.contains(url) {
            out.push_str(" (");
            out.push_str(url);
            out.push(')');
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

/// The cleaned text the extractors read.
pub fn clean(text: &str) -> String {
    // `fold`, not `all`: no early exit, so the check runs over whole words at a time.
    let plain = text.bytes().fold(true, |ok, b| {
        ok & b.is_ascii() & (b != b'\r') & (b != b'\t')
    });
    let text: Cow<'_, str> = if plain {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\r'
                    )
                })
                .map(|c| match c {
                    '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{2002}' | '\u{2003}'
                    | '\t' => ' ',
                    '\u{2028}' | '\u{2029}' => '\n',
                    other => other,
                })
                .collect(),
        )
    };
    let text = if looks_like_html(&text) {
        Cow::Owned(html_to_text(&text))
    } else {
        decode_entities(&text)
    };
    markdown_tidy(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_bullets_entities_and_scripts() {
        let html = "<h2>Data Annotator</h2><p>Pay: &#36;18&nbsp;/hour &amp; bonus. It&rsquo;s&#039;s</p><ul><li>Remote</li><li>CVAT</li></ul><script>var x = '<p>';</script><style>p{}</style><p>Apply <a href=\"https://x.example/apply\">here</a></p>";
        let text = html_to_text(html);
        assert!(text.starts_with("Data Annotator\n"), "{text}");
        assert!(text.contains("Pay: $18 /hour & bonus. It's's"), "{text}");
        assert!(text.contains("• Remote\n• CVAT"), "{text}");
        assert!(!text.contains("var x"), "{text}");
        assert!(text.contains("here (https://x.example/apply)"), "{text}");
    }

    #[test]
    fn markdown_is_stripped() {
        let md = "# **Senior Rater**\n\n- **Pay:** $20/hr\n1. [Apply](https://a.example)";
        assert_eq!(
            clean(md),
            "Senior Rater\n\nPay: $20/hr\nApply (https://a.example)"
        );
    }
}
