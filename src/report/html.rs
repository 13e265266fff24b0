//! The Markdown this crate writes, as HTML: headings, paragraphs, bullet lists, pipe tables,
//! `**bold**`, `` `code` `` and `<https://…>` autolinks. Only that subset (the review pack turns
//! the Markdown report into HTML so that both carry the same figures); anything else is escaped
//! text. The only links are autolinks, which the assumptions write for sources' addresses alone
//! (user text reaches the Markdown through [`super::format::md_text`], which escapes every `<`),
//! so Markdown link syntax in a name or a note comes out as text.

use std::fmt::Write as _;

/// Text escaped for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Where `pattern` first occurs in `text` outside a backslash escape.
fn find_unescaped(text: &str, pattern: &str) -> Option<usize> {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with(pattern) {
            return Some(i);
        }
        let step = if rest.starts_with('\\') { 2 } else { 1 };
        for _ in 0..step {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// Inline Markdown (bold, code, autolinks; `\|` in table cells) as HTML.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        // A backslash escapes the punctuation after it.
        if let Some(after) = rest.strip_prefix('\\')
            && let Some(c) = after.chars().next()
            && c.is_ascii_punctuation()
        {
            out.push_str(&escape(&c.to_string()));
            rest = &after[c.len_utf8()..];
        } else if let Some(after) = rest.strip_prefix('<')
            && (after.starts_with("https://") || after.starts_with("http://"))
            && let Some(end) = after.find('>')
        {
            // An autolink, as the assumptions write a source's address.
            let url = escape(&after[..end]);
            let _ = write!(out, "<a href=\"{url}\">{url}</a>");
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix("**")
            && let Some(end) = find_unescaped(after, "**")
        {
            let _ = write!(out, "<strong>{}</strong>", inline(&after[..end]));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('`')
            && let Some(end) = after.find('`')
        {
            // A `|` in a code span is written `\|` inside a table cell.
            let code = after[..end].replace("\\|", "|");
            let _ = write!(out, "<code>{}</code>", escape(&code));
            rest = &after[end + 1..];
        } else {
            let next = rest
                .char_indices()
                .skip(1)
                .find(|(_, c)| matches!(c, '*' | '`' | '\\' | '<'))
                .map_or(rest.len(), |(i, _)| i);
            out.push_str(&escape(&rest[..next]));
            rest = &rest[next..];
        }
    }
    out
}

/// The cells of a pipe-table row.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                cell.push(c);
                continue;
            }
            '|' if !escaped => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
        escaped = false;
    }
    cells.push(cell.trim().to_owned());
    cells
}

/// Markdown as HTML. `decorate` may replace a table cell's HTML (band chips, the best design's
/// star): it gets the cell's text and whether it is a header cell.
pub fn markdown_to_html(markdown: &str, decorate: &dyn Fn(&str, bool) -> Option<String>) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = markdown.lines().collect();
    let mut i = 0;
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut String| {
        if !paragraph.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", inline(&paragraph.join(" ")));
            paragraph.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
            i += 1;
        } else if let Some(level) =
            (1..=4).find(|&n| line.starts_with(&"#".repeat(n)) && line[n..].starts_with(' '))
        {
            flush(&mut paragraph, &mut out);
            let _ = writeln!(out, "<h{level}>{}</h{level}>", inline(line[level..].trim()));
            i += 1;
        } else if line.starts_with('|')
            && lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with('|') && l.contains("---"))
        {
            flush(&mut paragraph, &mut out);
            let right: Vec<bool> = cells(lines[i + 1])
                .iter()
                .map(|c| c.ends_with(':'))
                .collect();
            out.push_str("<div class=\"table\"><table>\n<thead><tr>");
            for cell in cells(line) {
                let html = decorate(&cell, true).unwrap_or_else(|| inline(&cell));
                let _ = write!(out, "<th>{html}</th>");
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            i += 2;
            while i < lines.len() && lines[i].starts_with('|') {
                out.push_str("<tr>");
                for (k, cell) in cells(lines[i]).iter().enumerate() {
                    let html = decorate(cell, false).unwrap_or_else(|| inline(cell));
                    let class = if right.get(k).copied().unwrap_or(false) {
                        " class=\"num\""
                    } else {
                        ""
                    };
                    let _ = write!(out, "<td{class}>{html}</td>");
                }
                out.push_str("</tr>\n");
                i += 1;
            }
            out.push_str("</tbody></table></div>\n");
        } else if line.starts_with("- ") {
            flush(&mut paragraph, &mut out);
            out.push_str("<ul>\n");
            while i < lines.len() && lines[i].starts_with("- ") {
                let _ = writeln!(out, "<li>{}</li>", inline(&lines[i][2..]));
                i += 1;
            }
            out.push_str("</ul>\n");
        } else {
            paragraph.push(line);
            i += 1;
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_the_reports_write() {
        let md = "# Title\n\nSome **bold** and `code` <b> <https://a.example/x?b=1&c=2>.\n\n| A | B |\n|---|---:|\n| \
            x \\| y | 2 |\n\n- one\n- [two](https://example.com/a)\n- [no](javascript:alert(1))\n- **a\\*** b\n";
        let html = markdown_to_html(md, &|_, _| None);
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(
            html.contains(
                "<p>Some <strong>bold</strong> and <code>code</code> &lt;b&gt; \
                 <a href=\"https://a.example/x?b=1&amp;c=2\">https://a.example/x?b=1&amp;c=2</a>.</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<td>x | y</td><td class=\"num\">2</td>"),
            "{html}"
        );
        // Markdown link syntax is text: the only links are autolinks.
        assert!(
            html.contains("<li>[two](https://example.com/a)</li>"),
            "{html}"
        );
        assert!(
            html.contains("<li>[no](javascript:alert(1))</li>"),
            "{html}"
        );
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        // An escaped star before the closing `**` stays inside the bold.
        assert!(html.contains("<li><strong>a*</strong> b</li>"), "{html}");
    }
}
