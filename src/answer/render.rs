//! Rendering an [`Answer`]: plain text for terminals and the CLI, HTML for Telegram, and splitting
//! HTML into messages Telegram accepts.

use super::{Answer, Line};

/// Telegram's limit on one message, in UTF-16 code units of its text.
pub const MAX_MESSAGE_UNITS: usize = 4096;

/// The answer as plain text: what the terminal chat and `careerbot ask` print.
pub fn render_plain(answer: &Answer) -> String {
    let mut out = String::with_capacity(plain_len(answer));
    out.push_str(&answer.title);
    for line in &answer.lines {
        out.push_str("\n\n");
        match line {
            Line::Text { text } => out.push_str(text),
            Line::Field { label, text } => {
                out.push_str(label);
                out.push_str(": ");
                out.push_str(text);
            }
            Line::Item { text } => {
                out.push_str("• ");
                out.push_str(text);
            }
            Line::Quote { text, citation } => {
                out.push('“');
                out.push_str(text);
                out.push_str("” (");
                out.push_str(citation);
                out.push(')');
            }
        }
    }
    if !answer.sources.is_empty() {
        out.push_str("\n\nSource: ");
        out.push_str(&answer.sources.join("; "));
    }
    if !answer.actions.is_empty() {
        let commands: Vec<&str> = answer.actions.iter().map(|a| a.command.as_str()).collect();
        out.push_str("\n\nMore: ");
        out.push_str(&commands.join(" · "));
    }
    out
}

/// About how long [`render_plain`] makes `answer`, so that its text is allocated once.
fn plain_len(answer: &Answer) -> usize {
    let lines: usize = answer
        .lines
        .iter()
        .map(|line| match line {
            Line::Text { text } | Line::Item { text } => text.len() + 6,
            Line::Field { label, text } => label.len() + text.len() + 4,
            Line::Quote { text, citation } => text.len() + citation.len() + 12,
        })
        .sum();
    let sources: usize = answer.sources.iter().map(|s| s.len() + 2).sum();
    let actions: usize = answer.actions.iter().map(|a| a.command.len() + 5).sum();
    answer.title.len() + lines + sources + actions + 24
}

/// The answer as Telegram HTML paragraphs: a bold title, the body, the source in italics. Every
/// piece of guide or user text is escaped. Buttons carry the actions, so they are not listed.
pub fn render_html(answer: &Answer) -> Vec<String> {
    let mut paragraphs = vec![format!("<b>{}</b>", escape(&answer.title))];
    for line in &answer.lines {
        paragraphs.push(match line {
            Line::Text { text } => escape(text),
            Line::Field { label, text } => format!("<b>{}:</b> {}", escape(label), escape(text)),
            Line::Item { text } => format!("• {}", escape(text)),
            Line::Quote { text, citation } => {
                format!("“{}” <i>({})</i>", escape(text), escape(citation))
            }
        });
    }
    if !answer.sources.is_empty() {
        paragraphs.push(format!("<i>Source: {}</i>", escape(&answer.sources.join("; "))));
    }
    paragraphs
}

/// Joins HTML paragraphs into messages of at most `limit` UTF-16 units, breaking only between
/// paragraphs. A paragraph longer than `limit` on its own is cut at characters outside tags and
/// entities, and its open tags are closed and reopened around the cut.
pub fn split_messages(paragraphs: &[String], limit: usize) -> Vec<String> {
    let mut messages = Vec::new();
    let mut current = String::new();
    for paragraph in paragraphs {
        for piece in cut_paragraph(paragraph, limit) {
            let joined = units(&current) + 2 + units(&piece);
            if !current.is_empty() && joined > limit {
                messages.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push_str("\n\n");
            }
            current.push_str(&piece);
        }
    }
    if !current.is_empty() {
        messages.push(current);
    }
    messages
}

/// Escapes text for Telegram's HTML parse mode.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Cuts one paragraph of simple HTML (tags without nesting surprises) into pieces within `limit`.
fn cut_paragraph(paragraph: &str, limit: usize) -> Vec<String> {
    if units(paragraph) <= limit {
        return vec![paragraph.to_string()];
    }
    // Reserve room for re-opened and closed tags around each piece.
    let budget = limit.saturating_sub(32).max(1);
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut open: Vec<String> = Vec::new(); // tag names open at the current point
    let mut prefix = String::new(); // tags to reopen at the start of the next piece
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Take a whole tag or entity as one token, a character otherwise.
        let token_end = match c {
            '<' => paragraph[i..].find('>').map_or(i + 1, |e| i + e + 1),
            '&' => paragraph[i..].find(';').filter(|e| *e <= 8).map_or(i + 1, |e| i + e + 1),
            _ => i + c.len_utf8(),
        };
        let token = &paragraph[i..token_end];
        while chars.peek().is_some_and(|(j, _)| *j < token_end) {
            chars.next();
        }
        if units(&piece) + units(token) > budget && !piece.is_empty() {
            for tag in open.iter().rev() {
                piece.push_str(&format!("</{tag}>"));
            }
            pieces.push(std::mem::take(&mut piece));
            piece.push_str(&prefix);
        }
        piece.push_str(token);
        if let Some(name) = token.strip_prefix("</").and_then(|t| t.strip_suffix('>')) {
            if let Some(at) = open.iter().rposition(|t| t == name) {
                open.remove(at);
            }
        } else if let Some(inner) = token.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            open.push(inner.split_whitespace().next().unwrap_or_default().to_string());
        }
        prefix = open.iter().map(|t| format!("<{t}>")).collect();
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_user_and_guide_text() {
        let answer = Answer::new(false, "<script>").text("a & b");
        let html = render_html(&answer).join("\n\n");
        assert_eq!(html, "<b>&lt;script&gt;</b>\n\na &amp; b");
    }

    #[test]
    fn messages_split_between_paragraphs_within_the_limit() {
        let paragraphs: Vec<String> = (0..10).map(|i| format!("<b>{i}</b> {}", "x".repeat(900))).collect();
        let messages = split_messages(&paragraphs, MAX_MESSAGE_UNITS);
        assert!(messages.len() >= 3);
        for m in &messages {
            assert!(units(m) <= MAX_MESSAGE_UNITS);
            assert!(m.starts_with("<b>"), "each message starts at a paragraph: {}", &m[..20]);
        }
        assert_eq!(messages.join("\n\n"), paragraphs.join("\n\n"));
    }

    #[test]
    fn an_overlong_paragraph_is_cut_outside_tags_and_entities() {
        let paragraph = format!("<i>{}</i>", "a&amp;😀".repeat(1500));
        let pieces = cut_paragraph(&paragraph, 100);
        assert!(pieces.len() > 10);
        for p in &pieces {
            assert!(units(p) <= 100, "{p}");
            assert!(p.starts_with("<i>") && p.ends_with("</i>"), "{p}");
            assert!(!p.contains("&am<") && !p.ends_with("&amp</i>"));
        }
    }
}
