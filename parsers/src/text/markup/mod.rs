//! Markup to clean text: HTML (read in `html`), light Markdown (headings, emphasis, bullets,
//! links) and odd whitespace (NBSP, zero-width characters, CRLF, tabs).

mod html;

pub use html::{decode_entities, html_to_text, looks_like_html};

use std::borrow::Cow;

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
